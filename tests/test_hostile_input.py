"""Hostile input: quotes, SQL fragments, emoji and combining characters are stored and
printed exactly as given, through the service layer and the importer, and come
back unchanged through the reports and the export; control characters, invisible
text-direction marks and megabyte strings are refused naming the field, and zero-width
characters removed. Files given as
`--db` that are not a sound ledger are refused with one line, never a traceback, and are
left as they were.
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
from pathlib import Path

import pytest

from helpers import SEASON, make_village, ok, other_program_db, refused, silk, valid
from ledger import book, cli, db, i18n, models
from ledger.errors import RecordRefused

#: Kept exactly as given: nothing here is markup, SQL or a format string to the program.
FAITHFUL = {
    "H101": "O'Brien \"老王\" `x`",
    "H102": "'); DROP TABLE party; --",
    "H103": "Robert'; DELETE FROM voucher WHERE 1=1; --",
    "H104": "🐛蚕宝宝👨‍👩‍👧‍👦",
    "H106": "<script>alert('x')</script> & {name} {0} %s %(x)s",
    "H107": "=HYPERLINK(\"http://x\",\"y\"),;\\N \\\\",
    "H108": "e\u0301\u0301 Ａ１ ﬁ ㊣",
    "H109": "🐛" * 200,
}

#: Refused, with the reason the reader is given.
REFUSED = {
    "nul": ("a\x00b", "control character"),  # a file holding it is not text at all
    "escape": ("\x1b[31m红字\x1b[0m", "control character"),
    "tab": ("张\t三", "control character"),
    "line-separator": ("张\u2028三", "control character"),
    "right-to-left-override": ("付款\u202e00.0001", "text-direction mark (U+202E)"),
    "right-to-left-mark": ("张\u200f三", "text-direction mark (U+200F)"),
    "isolate": ("\u2067张三\u2069", "text-direction mark (U+2067)"),
    "megabyte": ("蚕" * 1_000_000, "longer than 200 characters"),
    "invisible": ("\u200b\u2060\ufeff", "only invisible characters"),
}


#: Invisible characters that mean nothing: removed wherever text comes in (rules.ZERO_WIDTH).
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064",
              "\ufeff", "\u00ad", "\u180e"]
#: Text-direction controls: refused wherever text comes in (rules.TEXT_DIRECTION_MARKS).
DIRECTION_MARKS = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                   "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def households_csv(path: Path, names: dict[str, str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "group", "phone", "shares"])
        for code, name in names.items():
            writer.writerow([code, name, "一组", "", ""])
    return path


def stored_names(path: Path) -> dict[str, str]:
    database = db.open_ledger(path)
    try:
        return dict(models.Party.select(models.Party.code, models.Party.name).tuples())
    finally:
        database.close()
        models.database.initialize(None)


def test_hostile_text_is_stored_printed_and_exported_faithfully(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    database = db.open_ledger(ledger)
    for code, name in FAITHFUL.items():
        book.record("households", dict(code=code, name=name, group="一组"))
        book.record("payments", valid("payments", household=code, amount="1",
                                      memo=f"{name}\n第二行 '); DROP TABLE payment; --"))
    database.close()
    models.database.initialize(None)
    names = stored_names(ledger)
    assert {code: names[code] for code in FAITHFUL} == FAITHFUL

    report = json.loads(ok(silk("--db", ledger, "report", "season", SEASON, "--format", "json",
                                cwd=tmp_path)))
    printed = {party["code"]: party["name"] for party in report["parties"]}
    assert {code: printed[code] for code in FAITHFUL} == FAITHFUL
    for code in ("H101", "H102", "H104"):
        sheet = ok(silk("--db", ledger, "statement", code, SEASON, cwd=tmp_path))
        assert FAITHFUL[code] in sheet
    html = ok(silk("--db", ledger, "statement", "H106", SEASON, "--format", "html", cwd=tmp_path))
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html

    ok(silk("--db", ledger, "export", "--format", "csv", "-o", tmp_path / "out", cwd=tmp_path))
    with open(tmp_path / "out" / "households.csv", encoding="utf-8-sig", newline="") as handle:
        exported = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    guarded = {**FAITHFUL, "H107": "'" + FAITHFUL["H107"]}  # never a formula in a spreadsheet
    assert {code: exported[code] for code in FAITHFUL} == guarded
    with open(tmp_path / "out" / "payments.csv", encoding="utf-8-sig", newline="") as handle:
        memos = {row["household"]: row["memo"] for row in csv.DictReader(handle)}
    assert memos["H102"] == f"{FAITHFUL['H102']}\n第二行 '); DROP TABLE payment; --"

    copy = tmp_path / "copy.db"
    ok(silk("--db", copy, "init", cwd=tmp_path))
    ok(silk("--db", copy, "import", tmp_path / "out", cwd=tmp_path))
    again = stored_names(copy)
    assert {code: again[code] for code in FAITHFUL} == FAITHFUL
    assert "The books are sound" in ok(silk("--db", copy, "check", cwd=tmp_path))
    assert "The books are sound" in ok(silk("--db", ledger, "check", cwd=tmp_path))


def test_hostile_text_through_the_importer_is_stored_faithfully(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    ok(silk("--db", ledger, "import", households_csv(tmp_path / "households.csv", FAITHFUL),
            cwd=tmp_path))
    names = stored_names(ledger)
    assert {code: names[code] for code in FAITHFUL} == FAITHFUL


@pytest.mark.parametrize("name", REFUSED)
def test_refused_text_names_the_field_through_the_service_layer(file_ledger, name):
    from helpers import build_village

    build_village()
    value, reason = REFUSED[name]
    for kind, field, values, limit in (
            ("households", "name", dict(code="H200", name=value, group="一组"), "200"),
            ("payments", "memo", valid("payments", memo=value), "2000")):
        with pytest.raises(RecordRefused) as refusal:
            book.record(kind, values)
        [error] = refusal.value.errors
        assert error.field == field
        assert reason.replace("than 200", f"than {limit}") in error.message("en")
    assert not models.Party.select().where(models.Party.code == "H200").exists()
    assert models.Payment.select().count() == 0


@pytest.mark.parametrize("name", [name for name in REFUSED if name != "megabyte"])
def test_refused_text_names_the_file_line_and_field_through_the_importer(tmp_path, name):
    ledger = make_village(tmp_path / "ledger.db")
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    value, reason = REFUSED[name]
    path = households_csv(tmp_path / "households.csv", {"H200": value, "H201": "正常"})
    result = silk("--db", ledger, "import", path, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    if name == "nul":
        refused(result, "households.csv:2: the file is neither UTF-8 nor GBK")
    else:
        assert "households.csv:2: name: " in result.stderr and reason in result.stderr
        assert "nothing was written" in result.stderr
    assert "H200" not in stored_names(ledger)
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before


def test_a_megabyte_cell_is_refused_naming_the_file_line_and_field(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    path = households_csv(tmp_path / "households.csv", {"H200": REFUSED["megabyte"][0]})
    result = silk("--db", ledger, "import", path, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "households.csv:2: name: longer than 200 characters" in result.stderr
    assert "H200" not in stored_names(ledger)


def test_sql_in_command_line_codes_is_only_a_code_not_found(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    refused(silk("--db", ledger, "statement", "x'); DROP TABLE party; --", SEASON, cwd=tmp_path),
            "no household with code x'); DROP TABLE party; --")
    refused(silk("--db", ledger, "report", "season", "'; DROP TABLE season; --", cwd=tmp_path),
            "no season with code")
    assert "The books are sound" in ok(silk("--db", ledger, "check", cwd=tmp_path))
    assert stored_names(ledger)["H001"] == "张国华"


# -- files that are not a sound ledger ------------------------------------------------------

def _ledger_bytes(folder: Path) -> bytes:
    return make_village(folder / "source.db", leaf=300).read_bytes()


def _random(folder: Path) -> bytes:
    return random.Random(6).randbytes(64 * 1024)


def _sqlite_header_then_noise(folder: Path) -> bytes:
    return b"SQLite format 3\x00" + random.Random(7).randbytes(8192)


def _truncated(folder: Path) -> bytes:
    return _ledger_bytes(folder)[:5000]


def _garbled(folder: Path) -> bytes:
    data = bytearray(_ledger_bytes(folder))
    data[4096 * 3: 4096 * 8] = random.Random(8).randbytes(4096 * 5)
    return bytes(data)


def _other_program(folder: Path) -> bytes:
    return other_program_db(folder / "contacts.sqlite").read_bytes()


@pytest.fixture
def silk_here(monkeypatch, capsys):
    """`silk` run in this process (a few milliseconds instead of a new interpreter): the
    exit code and the lines it wrote to standard error."""
    monkeypatch.setattr(i18n, "_language", i18n._language)

    def run(*argv) -> tuple[int, list[str]]:
        code = cli.main(["--lang", "en", *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err.splitlines()
    return run


@pytest.mark.parametrize("make, fragment", [
    (_random, "is not a Silk Ledger file"),
    (lambda folder: b"", "no ledger at"),
    (_other_program, "is not a Silk Ledger file"),
    (_sqlite_header_then_noise, "cannot read ledger"),
    (_truncated, "cannot read ledger"),
    (_garbled, "malformed"),
], ids=["random-bytes", "empty", "other-program", "header-then-noise", "truncated", "garbled"])
def test_a_file_that_is_not_a_sound_ledger_is_refused_and_left_alone(tmp_path, silk_here,
                                                                     make, fragment):
    given = tmp_path / "given.db"
    given.write_bytes(make(tmp_path))
    before = given.read_bytes()
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n2026-04-21,B1,E01,5,0.5\n", encoding="utf-8")
    for args in (("report", "season", SEASON), ("check",), ("statement", "H001", SEASON),
                 ("import", leaf), ("backup",), ("export", "-o", tmp_path / "out"),
                 ("restore", given)):
        code, out, err = silk_here("--db", given, *args)
        assert code == 1 and out == "" and len(err) == 1, (args, out, err)
        assert fragment in err[0] or args[0] == "restore", (args, err)
    assert given.read_bytes() == before
    wal = tmp_path / "given.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "nothing written beside it"


def test_a_damaged_ledger_through_the_real_command(tmp_path):
    given = tmp_path / "given.db"
    given.write_bytes(_garbled(tmp_path))
    refused(silk("--db", given, "report", "season", SEASON, cwd=tmp_path), "malformed")


def test_a_folder_as_the_ledger_is_refused(tmp_path):
    folder = tmp_path / "books.db"
    folder.mkdir()
    for args in (("report", "season", SEASON), ("check",), ("backup",), ("restore", __file__)):
        refused(silk("--db", folder, *args, cwd=tmp_path), "is a folder, not a ledger file")
    assert list(folder.iterdir()) == []


# -- zero-width characters and text-direction controls, each one ----------------------------

@pytest.mark.parametrize("char", ZERO_WIDTH, ids=lambda char: f"U+{ord(char):04X}")
def test_a_zero_width_character_is_removed_from_every_text_field(file_ledger, char):
    """张\u200b三 looks like 张三 and is stored as 张三, in a name, a memo, an item ..."""
    from helpers import build_village

    build_village()
    book.record("households", dict(code="H200", name=f"张{char}三", group=f"{char}一组"))
    book.record("charges", valid("charges", item=f"共育{char}费"))
    book.record("payments", valid("payments", memo=f"{char}第一{char}次\n结{char}算"))
    party = models.Party.get(models.Party.code == "H200")
    assert (party.name, party.group) == ("张三", "一组")
    assert models.Charge.select(models.Charge.item).scalar() == "共育费"
    assert models.Payment.select(models.Payment.memo).scalar() == "第一次\n结算"


def test_a_joiner_inside_an_emoji_sequence_is_kept(file_ledger):
    family = "👨\u200d👩\u200d👧"
    book.record("households", dict(code="H200", name=family, group="一组"))
    assert models.Party.get(models.Party.code == "H200").name == family


@pytest.mark.parametrize("char", DIRECTION_MARKS, ids=lambda char: f"U+{ord(char):04X}")
def test_a_text_direction_control_is_refused_in_every_text_field(file_ledger, char):
    from helpers import build_village

    from helpers import table_counts

    build_village()
    before = table_counts()
    code = f"U+{ord(char):04X}"
    for kind, field, values in (
            ("households", "name", dict(code="H200", name=f"张{char}三", group="一组")),
            ("households", "group", dict(code="H200", name="张三", group=f"一{char}组")),
            ("charges", "item", valid("charges", item=f"共育{char}费")),
            ("payments", "memo", valid("payments", memo=f"第一次\n{char}结算"))):
        with pytest.raises(RecordRefused) as refusal:
            book.record(kind, values)
        [error] = refusal.value.errors
        assert error.field == field
        assert f"text-direction mark ({code})" in error.message("en")
    assert table_counts() == before


def test_the_importer_removes_zero_width_characters_and_refuses_direction_marks(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    names = {f"H{200 + index}": f"张{char}三" for index, char in enumerate(ZERO_WIDTH)}
    ok(silk("--db", ledger, "import", households_csv(tmp_path / "households.csv", names),
            cwd=tmp_path))
    stored = stored_names(ledger)
    assert {code: stored[code] for code in names} == dict.fromkeys(names, "张三")

    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    marks = {f"H{300 + index}": f"张{char}三" for index, char in enumerate(DIRECTION_MARKS)}
    result = silk("--db", ledger, "import", households_csv(tmp_path / "households.csv", marks),
                  cwd=tmp_path)
    assert result.returncode == 1
    for line, char in enumerate(DIRECTION_MARKS, 2):
        assert (f"households.csv:{line}: name: contains an invisible text-direction mark "
                f"(U+{ord(char):04X})") in result.stderr
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("char", [*ZERO_WIDTH[:1], *DIRECTION_MARKS[-1:]],
                         ids=lambda char: f"U+{ord(char):04X}")
def test_a_correction_reason_is_read_as_every_text_is(file_ledger, char):
    """The reason of a reversal, an amendment or a reopening is text the audit trail keeps
    and `silk log` prints: the same rule holds for it."""
    from helpers import build_village, table_counts
    from ledger import corrections

    build_village()
    charge = book.record("charges", valid("charges"))
    reason = f"记错{char}了"
    if char in DIRECTION_MARKS:
        before = table_counts()
        for correct in (lambda: corrections.reverse("charges", charge, reason),
                        lambda: corrections.amend("charges", charge, {"amount": "301"}, reason)):
            with pytest.raises(RecordRefused) as refusal:
                correct()
            assert refusal.value.message("en") == (
                f"charge: reason: contains an invisible text-direction mark (U+{ord(char):04X}),"
                " which can make printed names and figures read out of order; type it again "
                "without")
        assert table_counts() == before
        return
    corrections.reverse("charges", charge, reason)
    kept = models.Change.select(models.Change.reason).order_by(models.Change.id.desc()).scalar()
    assert kept == "记错了"
