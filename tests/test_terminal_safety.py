"""Nothing the command line prints can drive the terminal (issue 13, "Files and
terminals"): a village name, an operator, a reason, a file name or a bad argument with
an escape sequence in it reaches the screen without its control characters, on
standard output and standard error alike.
"""
from __future__ import annotations

import re

import pytest

from ledger import cli, db, i18n, models
from ledger.printable import printable

from helpers import demo_ledger_file

RETITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
C1_CSI = "\x9b"
REVERSED = "\u202e"
HOSTILE = f"{RETITLE}桑园{CLEAR}村{C1_CSI}2J{REVERSED}"
#: Anything a terminal would act on: C0 but tab and newline, DEL, C1, bidi overrides.
ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def assert_harmless(text: str) -> None:
    assert not ACTING.search(text), repr(text)


@pytest.mark.parametrize("text, shown", [
    (f"a{RETITLE}b", "ab"),
    (f"x{CLEAR}y", "xy"),
    (f"q{C1_CSI}2Jr", "qr"),
    (f"张{REVERSED}三", "张三"),
    ("over\rwritten", "overwritten"),
    ("lines\r\nand\ttabs stay\n", "lines\r\nand\ttabs stay\n"),
    (f"{RETITLE[:-1]} never ended\nnext line", "\nnext line"),
    ("\x1bcreset", "reset"),
])
def test_printable(text, shown):
    assert printable(text) == shown


@pytest.fixture
def ledger(tmp_path):
    return demo_ledger_file(tmp_path / "ledger.db", 6, 1, seed=5)


@pytest.fixture
def silk(ledger, monkeypatch, capsys):
    """`silk --db LEDGER --lang en ARGS` in this process: (status, stdout, stderr)."""
    monkeypatch.setattr(i18n, "_language", i18n._language)

    def run(*args) -> tuple[int, str, str]:
        try:
            code = cli.main(["--db", str(ledger), "--lang", "en", *map(str, args)])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        assert_harmless(out)
        assert_harmless(err)
        return code, out, err
    return run


def test_a_hostile_village_name(silk, tmp_path, monkeypatch):
    new = tmp_path / "new.db"
    code, out, _ = silk("--db", new, "init", "--village", HOSTILE)
    assert "pwned" not in out
    assert code == 0 and "village: 桑园村)" in out
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, out, _ = silk("--db", new)  # the bare `silk`, not from a terminal
    assert code == 0 and "village: 桑园村\n" in out


def test_a_hostile_operator_and_reason_in_the_log(silk):
    # a reason is text like any other: a direction mark in it is refused, never stored
    code, _, err = silk("reverse", "sales:1", "--reason", f"sold{REVERSED} twice")
    assert code == 1 and "U+202E" in err
    # an operator is not: escape sequences in it never reach the terminal
    code, out, _ = silk("--operator", f"王{CLEAR}会计{RETITLE}", "reverse", "sales:1",
                        "--reason", "sold twice")
    assert code == 0
    code, out, _ = silk("log", "--record", "sales:1")
    assert code == 0
    assert "王会计" in out and "sold twice" in out


def test_hostile_text_echoed_in_errors(silk, tmp_path):
    code, _, err = silk("reverse", f"sales:{CLEAR}1", "--reason", "x")
    assert code == 1 and err.startswith("silk: ")
    code, _, err = silk("import", tmp_path / f"missing{RETITLE}.csv")
    assert code == 1 and "missing.csv" in err
    code, _, err = silk("demo", "--households", f"{RETITLE}9")  # argparse's own message
    assert code == 2 and "'9' is not a number" in err
    code, _, err = silk("report", "season", f"2026{CLEAR}-9")
    assert code == 1 and "2026-9" in err


def test_a_text_document_on_the_terminal(silk, ledger):
    database = db.open_ledger(ledger)
    with models.database.atomic():
        db.set_meta("village", HOSTILE)
    database.close()
    code, out, _ = silk("statement", "H001", "2026-3")
    # the document's own cleaning leaves "]0;pwned" as plain text: harmless
    assert code == 0 and "桑园" in out  # (and assert_harmless checked all of it)
