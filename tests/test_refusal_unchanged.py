"""A refused input leaves the ledger file exactly as it was, byte for byte, whatever way it
came in: one record, many records, a multi-file CSV import through the API or the command
line. And a refused import names every bad row as FILE:LINE: column: reason."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from conftest import ledger_file_copied
from helpers import build_village, rows, table_counts, valid
from rule_cases import CASES as RULE_CASES
from ledger import book, cli, db, i18n
from ledger.errors import LedgerError, RecordRefused
from ledger.io import csv_import

PAYMENTS_HEADER = "date,season,household,direction,amount,method,memo\n"


def build() -> None:
    """The village and a few records."""
    build_village()
    book.record_many([
        ("sales", rows(valid("sales"), valid("sales", batch="BC", kg="120.5", price="48.6"))),
        ("leaf", rows(valid("leaf"), valid("leaf", batch="B2", supplier="H001"))),
        ("wages", rows(valid("wages"))),
        ("charges", rows(valid("charges"))),
        ("payments", rows(valid("payments"))),
    ])


#: That village in a ledger file of each test's own, closed: its path.
_template, ledger_file = ledger_file_copied("ledger_file", build)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The command line sets the process's language; put it back afterwards."""
    monkeypatch.setattr(i18n, "_language", None)


def wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def state(path: Path) -> tuple[str, dict[str, int]]:
    """The file's digest once closed, and the rows of every table read through a fresh open
    (which must itself change nothing)."""
    assert wal_is_empty(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    database = db.open_ledger(path)
    try:
        counts = table_counts()
    finally:
        database.close()
    assert wal_is_empty(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    return digest, counts


@pytest.fixture
def flushes(monkeypatch) -> list[int]:
    """Make the writer flush every few rows, as it does every 20,000 in a large import, so
    that rows are written inside the transaction before the refusal; count the flushes
    that wrote something."""
    monkeypatch.setattr(book, "FLUSH_ROWS", 3)
    written: list[int] = []
    flush = book.Writer.flush

    def counting(self, kept=False):
        written.append(self._buffered)
        flush(self, kept)

    monkeypatch.setattr(book.Writer, "flush", counting)
    return written


# -- one record, many records ---------------------------------------------------------------

REFUSED = [
    ("charges", valid("charges", household="H999")),
    ("households", valid("households", code="H001")),
    ("seasons", valid("seasons", start="2026-05-01", end="2026-06-30")),
    ("sales", valid("sales", kg="10", price="5", deduction="50.01")),
    ("leaf", valid("leaf", supplier="H001", batch="B1", price="0.5")),
    ("payments", valid("payments", amount="4000.001", method="cheque")),
]


# ... and every refusal of the rules' table, each with the file compared byte for byte.
REFUSED += [(case[0], valid(case[0], **case[1])) for case in RULE_CASES]


@pytest.mark.parametrize("kind, values", REFUSED,
                         ids=[f"{kind}-{index}" for index, (kind, _) in enumerate(REFUSED)])
def test_a_refused_record_leaves_the_file_unchanged(ledger_file, kind, values):
    before = state(ledger_file)
    database = db.open_ledger(ledger_file)
    try:
        with pytest.raises(RecordRefused):
            book.record(kind, values)
    finally:
        database.close()
    assert state(ledger_file) == before


def test_many_records_refused_by_the_last_leave_the_file_unchanged(ledger_file, flushes):
    before = state(ledger_file)
    database = db.open_ledger(ledger_file)
    try:
        with pytest.raises(RecordRefused) as refused:
            book.record_many([
                ("households", rows(valid("households"))),
                ("seasons", rows(valid("seasons"))),
                ("batches", rows(valid("batches", code="B10", season="2026-2", owner="H010",
                                       hatch="2026-06-02", mount="", harvest=""))),
                ("leaf", rows(*[valid("leaf", batch="B10", date="2026-06-10")] * 10)),
                ("charges", rows(valid("charges", household="H010", amount="-1"))),
            ])
    finally:
        database.close()
    assert refused.value.message("en") == "charge: amount: must be greater than zero"
    assert sum(flushes) >= 10, "rows should have been written before the refusal"
    assert state(ledger_file) == before


# -- a multi-file import whose last file has bad rows ----------------------------------------

def import_folder(tmp_path: Path, payments: str) -> Path:
    """Good households, seasons, batches and leaf files, and `payments.csv`, the last file
    imported."""
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "households.csv").write_text(
        "code,name,group\nH010,赵六,三组\nH011,\"钱七\",三组\n", encoding="utf-8")
    (folder / "seasons.csv").write_text(
        "code,name,start,end\n2026-2,夏蚕,2026-06-01,2026-07-10\n", encoding="utf-8")
    (folder / "batches.csv").write_text(
        "code,season,owner,sheets,hatch\nB10,2026-2,H010,1.5,2026-06-02\n", encoding="utf-8")
    (folder / "leaf.csv").write_text(
        "date,batch,supplier,kg,price\n"
        + "".join(f"2026-06-10,B10,H011,600.{tenth},0.45\n" for tenth in range(8)),
        encoding="utf-8")  # eight rows, each its own: the same row twice would be refused
    (folder / "payments.csv").write_text(payments, encoding="utf-8", newline="")
    return folder


BAD_PAYMENTS = (
    PAYMENTS_HEADER                                                           # 1
    + "2026-05-10,2026-1,H001,to_household,100,cash,first payment\n"         # 2 good
    + "2026-05-10,2026-1,H001,to_household,-5,cash,\n"                       # 3 amount
    + "2026-05-11,2026-1,H002,to_household,100,cash,\"第一行\a\n"            # 4 memo: a bell,
    + "第二行\"\n"                                                           # 5 line break ok
    + "2026-05-12,2026-1,H010,to_household,100,bank,after the memo\n"        # 6 good
    + "\n"                                                                   # 7 blank
    + "2026-05-13,2026-1,H999,sideways,100,cash,\n"                          # 8 two problems
    + "2026-05-14,2026-1,H001,to_household,100,cash\n"                       # 9 short row
    + "2026-05-15,2026-1,H002,from_household,\"12,34\",cheque,\"a \"\"quoted\"\" memo\"\n"
    + "2026-05-20,2026-1,H002,to_household,100,cash,late\n"                  # 11 outside
)


def bad_payment_lines(folder: Path) -> list[str]:
    pay = folder / "payments.csv"
    return [
        f"{pay}:3: amount: must be greater than zero",
        f"{pay}:4: memo: contains a control character",
        f"{pay}:8: household: no household or partner with code H999",
        f"{pay}:8: direction: 'sideways' is not one of: to_household, from_household",
        f"{pay}:9: -: the row has 6 fields, the header 7",
        f"{pay}:10: amount: '12,34' is ambiguous: a comma that is not a thousands separator; "
        "write the number with a decimal point",
        f"{pay}:10: method: 'cheque' is not one of: cash, bank, transfer, wechat, alipay",
        f"{pay}:11: date: 2026-05-20 is outside season 2026-1 (2026-04-01 to 2026-05-15)",
    ]


def test_a_refused_import_leaves_the_file_unchanged_and_names_every_bad_row(
        ledger_file, tmp_path, flushes):
    folder = import_folder(tmp_path, BAD_PAYMENTS)
    before = state(ledger_file)
    database = db.open_ledger(ledger_file)
    try:
        with pytest.raises(RecordRefused) as refused:
            csv_import.import_files([str(folder)])
    finally:
        database.close()
    assert sum(flushes) >= 12, "earlier files' rows should have been written before the refusal"
    assert state(ledger_file) == before
    assert refused.value.total == 8
    assert refused.value.message("en").splitlines() == bad_payment_lines(folder)


def test_the_command_line_refuses_the_import_and_leaves_the_file_unchanged(
        ledger_file, tmp_path, flushes, capsys):
    folder = import_folder(tmp_path, BAD_PAYMENTS)
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines == [*bad_payment_lines(folder),
                     "Problems found: 8; nothing was written to the ledger."]
    for line in lines[:-1]:
        assert re.fullmatch(r".+\.csv:\d+: [^:]+: .+", line), line
    assert sum(flushes) >= 12
    assert state(ledger_file) == before


def test_the_same_import_without_its_bad_rows_is_written(ledger_file, tmp_path, capsys):
    """The control for the tests above: the comparison does see a change when there is one."""
    good = "".join(line + "\n" for line in BAD_PAYMENTS.splitlines()[:2])
    folder = import_folder(tmp_path, good)
    digest, counts = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "13 records added."
    after_digest, after = state(ledger_file)
    assert after_digest != digest
    assert {name: after[name] - counts[name] for name in counts if after[name] != counts[name]} == {
        "Party": 2, "Account": 2, "Season": 1, "Batch": 1, "LeafDelivery": 8, "Payment": 1,
        # new (account, season) balances: 113.H010 and 113.H011 in 2026-2, 101 in 2026-1,
        # and the same three accounts' new months
        "Voucher": 9, "VoucherNumber": 9, "Posting": 18,
        "AccountBalance": 3, "AccountMonth": 3, "AccountTotal": 3,
        # new season figures: the new batch's leaf cost and its supplier's leaf income (the
        # payment adds to a figure its household already has)
        "SeasonFlow": 2,
        # the audit trail: one entry per kind the import added
        "Change": 5}


def test_the_command_line_reports_in_chinese(ledger_file, tmp_path, capsys):
    folder = import_folder(tmp_path, PAYMENTS_HEADER
                           + "2026-05-10,2026-1,H001,to_household,0,支票,\n")
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "zh", "import", str(folder)]) == 1
    pay = folder / "payments.csv"
    assert capsys.readouterr().err.splitlines() == [
        f"{pay}:2: amount: 应大于零",
        f"{pay}:2: method: “支票”不在可选值中：cash, bank, transfer, wechat, alipay",
        "发现 2 个问题；账本未作任何改动。",
    ]
    assert state(ledger_file) == before


def test_bad_rows_in_several_files_are_all_reported(ledger_file, tmp_path, capsys):
    folder = import_folder(tmp_path, PAYMENTS_HEADER
                           + "2026-05-10,2026-1,H011,to_household,100,cash,\n"
                           + "2026-05-10,2026-1,H001,to_household,100,cash,\n"
                           + "2026-05-10,2026-1,H001,to_household,x,cash,\n")
    (folder / "households.csv").write_text(
        "code,name,group\nH010,赵六,三组\nCOLLECTIVE,村集体,一组\nH011,钱七,四组\n",
        encoding="utf-8")
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{folder / 'households.csv'}:3: code: COLLECTIVE is reserved for the village collective",
        f"{folder / 'payments.csv'}:4: amount: 'x' is not a number",
        "Problems found: 2; nothing was written to the ledger.",
    ]
    assert state(ledger_file) == before


def test_rows_that_refer_to_a_refused_row_say_so(ledger_file, tmp_path, capsys):
    folder = import_folder(tmp_path, PAYMENTS_HEADER
                           + "2026-05-10,2026-1,H011,to_household,100,cash,\n")
    (folder / "households.csv").write_text("code,name,group\nH010,赵六,三组\nH011,钱七,\n",
                                           encoding="utf-8")
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 1
    refused = "H011 is refused above, so this row cannot be checked against it"
    assert capsys.readouterr().err.splitlines() == [
        f"{folder / 'households.csv'}:3: group: required, but empty",
        *(f"{folder / 'leaf.csv'}:{line}: supplier: {refused}" for line in range(2, 10)),
        f"{folder / 'payments.csv'}:2: household: {refused}",
        "Problems found: 10; nothing was written to the ledger.",
    ]
    assert state(ledger_file) == before


def test_a_bad_header_in_the_last_file_leaves_the_file_unchanged(ledger_file, tmp_path, capsys):
    folder = import_folder(tmp_path, "date,season,household,direction,amount,method,colour\n"
                           "2026-05-10,2026-1,H001,to_household,100,cash,red\n")
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 1
    pay = folder / "payments.csv"
    assert capsys.readouterr().err.splitlines() == [
        f"{pay}:1: colour: unknown column; the columns are: "
        "date, season, household, direction, amount, method, memo",
        "Problems found: 1; nothing was written to the ledger.",
    ]
    assert state(ledger_file) == before


def undecodable_folder(tmp_path: Path, good_rows: int) -> Path:
    folder = import_folder(tmp_path, PAYMENTS_HEADER)
    (folder / "payments.csv").write_bytes(
        PAYMENTS_HEADER.encode()
        + b"2026-05-10,2026-1,H001,to_household,100,cash,ok\n" * good_rows
        + "2026-05-10,2026-1,H001,to_household,100,cash,".encode() + b"\xff\xfe\n")
    return folder


def test_a_last_file_that_is_neither_utf8_nor_gbk_leaves_the_file_unchanged(ledger_file, tmp_path,
                                                                            capsys, flushes):
    folder = undecodable_folder(tmp_path, 10)
    before = state(ledger_file)
    assert cli.main(["--db", str(ledger_file), "--lang", "en", "import", str(folder)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert re.fullmatch(rf"silk: {re.escape(str(folder / 'payments.csv'))}:12: "
                        r"the file is neither UTF-8 nor GBK/GB18030 text \(UTF-16, or not a "
                        r"text file\?\); in Excel or WPS save it as 'CSV UTF-8'",
                        line)
    assert state(ledger_file) == before


@pytest.mark.parametrize("good_rows", [0, 10, 998])
def test_a_file_that_is_neither_utf8_nor_gbk_is_reported_at_the_bad_line(ledger_file, tmp_path,
                                                             good_rows):
    folder = undecodable_folder(tmp_path, good_rows)
    database = db.open_ledger(ledger_file)
    try:
        with pytest.raises(LedgerError) as refused:
            csv_import.import_files([str(folder)])
    finally:
        database.close()
    assert refused.value.params["line"] == good_rows + 2
