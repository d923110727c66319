"""Chinese and English text for everything a user reads.

The language is chosen once per process: `--lang`, else `SILK_LANG`, else the locale
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them); Chinese when it starts
with `zh`, English otherwise. Texts
live in `ledger.messages`, one entry per key with both languages.
"""
from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
_language: str | None = None


def detect(env=os.environ) -> str:
    explicit = env.get("SILK_LANG", "")
    if explicit in LANGUAGES:
        return explicit
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    global _language
    _language = lang if lang in LANGUAGES else detect()
    return _language


def language() -> str:
    return _language or set_language(None)


def t(key: str, lang: str | None = None, **params) -> str:
    """The text for `key` in `lang` (default: the process's language), filled in."""
    from ledger.messages import MESSAGES

    entry = MESSAGES.get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    template = entry[0] if (lang or language()) == "en" else entry[1]
    return template.format(**params) if params else template


def known(key: str) -> bool:
    """Whether there is a text for `key`."""
    from ledger.messages import MESSAGES

    return key in MESSAGES


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"kind.{kind}", lang)


def field_label(name: str, lang: str | None = None) -> str:
    return t(f"field.{name}", lang)


#: Fields the ledger keeps as one of a few codes, and the message key of each code's word
#: (`{}` the code): a reader sees 付给农户 and 银行, never to_household and bank.
CHOICE_KEYS = {"direction": "direction.{}", "method": "method.{}", "use": "books.use.{}"}


def choice_word(field: str, code: str, lang: str | None = None) -> str:
    """The word for one of `field`'s codes, in `lang` (default: the reader's); a code
    with no word stays as it is."""
    key = CHOICE_KEYS[field].format(code)
    return t(key, lang) if known(key) else code


def register(texts: dict[str, tuple[str, str]]) -> None:
    """Add the texts of a user interface that lives outside the core (the terminal UI
    keeps its own beside its screens); a key may not mean two things."""
    from ledger.messages import MESSAGES

    clash = sorted(key for key in set(texts) & set(MESSAGES) if texts[key] != MESSAGES[key])
    if clash:
        raise ValueError(f"texts defined twice: {', '.join(clash)}")
    MESSAGES.update(texts)
