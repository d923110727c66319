"""Every text a user reads exists in both languages, with the same blanks to fill."""
from __future__ import annotations

import re
import string
from pathlib import Path

from ledger.messages import MESSAGES

PREFIXES = ("doc", "col", "section", "help", "field", "kind", "party", "text", "html", "pdf",
            "direction", "method")
SOURCE = Path(__file__).resolve().parent.parent / "ledger"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


#: Headings numbered 1.2 in English and （二） in Chinese: the caller passes both numbers.
NUMBERED = {"text.part", "text.subpart"}


def test_both_languages_say_something_with_the_same_placeholders():
    for key, (english, chinese) in MESSAGES.items():
        assert english.strip() and chinese.strip(), key
        if key not in NUMBERED:
            assert placeholders(english) == placeholders(chinese), key


def test_every_key_the_code_names_has_its_text():
    named = set()
    pattern = re.compile(r'"((?:%s)\.[a-z_]+)"' % "|".join(PREFIXES))
    for path in SOURCE.rglob("*.py"):
        named |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert named, "the pattern should find the keys the code uses"
    assert sorted(key for key in named if key not in MESSAGES) == []
