"""Export: canonical CSV that imports back to the same books, journals that hledger and
Beancount accept and that agree with the trial balance, and an Excel workbook whose
numbers are the season reports'.

Two ledgers on disk: a demo village (20 households, 3 seasons) and the hand-made village of
tests/data/village. Each is exported through the real command line (`ledger.cli.main`).
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import accounts, balances, cli, db, demo, income, models, vouchers
from ledger.io import csv_import, journal
from ledger.kinds import FILE_KINDS
from ledger.reports import season as season_report
from ledger.reports import trial_balance as tb_report

VILLAGE = Path(__file__).resolve().parent / "data" / "village"


def _make(path: Path, fill) -> Path:
    database = db.open_ledger(path, create=True)
    fill()
    database.close()
    models.database.initialize(None)
    return path


def line(account: str, debit: str = "", credit: str = "", summary: str = "") -> dict:
    return dict(summary=summary, account=account, debit=debit, credit=credit)


def whole_books() -> None:
    """The hand-made village with the collective's whole books: sub-accounts, an opening
    balance, bills, a loan to a household, a voucher reversed in its own month."""
    csv_import.import_files([VILLAGE])
    accounts.add("513.01", "电费")
    accounts.add("513.02", "办公费")
    accounts.add("201.01", "信用社")
    vouchers.post(dict(date="2026-01-01", lines=[
        line("102", "85000", summary="期初余额"), line("101", "1200.50", summary="期初余额"),
        line("301", credit="86200.50", summary="期初余额")]))
    vouchers.post(dict(date="2026-02-10", lines=[
        line("102", "30000", summary="信用社贷款"), line("201.01", credit="30000")]))
    bill = vouchers.post(dict(date="2026-04-20", attachments="1", lines=[
        line("513.01", "356.40", summary="4月育蚕车间电费"), line("102", credit="356.40")]))
    vouchers.post(dict(date="2026-04-21", lines=[
        line("513.02", "45", summary="文具, 墨盒"), line("513.01", "12.30", summary="电费补差"),
        line("101", credit="57.30", summary="=现金")]))
    vouchers.post(dict(date="2026-06-02", lines=[
        line("113.H001", "120", summary="借款"), line("101", credit="120")]))
    vouchers.reverse(bill, "billed twice")


@pytest.fixture(scope="module", params=["demo", "village", "books"])
def source(request, tmp_path_factory) -> Path:
    """A filled ledger file: the demo village, the hand-made one, or the hand-made one
    with general vouchers and sub-accounts."""
    path = tmp_path_factory.mktemp(request.param) / "ledger.db"
    if request.param == "demo":
        return _make(path, lambda: demo.generate(households=20, seasons=3))
    if request.param == "books":
        return _make(path, whole_books)
    return _make(path, lambda: csv_import.import_files([VILLAGE]))


@pytest.fixture
def empty(tmp_path) -> Path:
    return _make(tmp_path / "empty.db", lambda: None)


def silk(*argv) -> int:
    return cli.main([*map(str, argv)])


def snapshot(path: Path) -> dict:
    """Every season report as JSON and the trial balance, to compare two ledgers by."""
    database = db.open_ledger(path)
    try:
        seasons = {s.code: season_report.as_json(income.season_income(s))
                   for s in income.seasons()}
        return {"seasons": seasons,
                "trial_balance": tb_report.as_json(balances.trial_balance(), "en")}
    finally:
        database.close()
        models.database.initialize(None)


def closing_balances(path: Path) -> dict[str, int]:
    """Each account's closing balance in fen (debit positive), leaves only, zero left out."""
    database = db.open_ledger(path)
    try:
        return {row.code: row.closing for row in balances.trial_balance().rows
                if not row.is_parent and row.closing}
    finally:
        database.close()
        models.database.initialize(None)


def fen(text: str) -> int:
    number = Decimal(text.replace("CNY", "").strip())
    assert number == number.quantize(Decimal("0.01")), text
    return int(number * 100)


# -- CSV -----------------------------------------------------------------------------------

def test_csv_round_trip_reproduces_reports_and_bytes(source, tmp_path):
    first = tmp_path / "first"
    assert silk("--db", source, "export", "--format", "csv", "-o", first) == 0
    assert sorted(p.name for p in first.iterdir()) == sorted(f"{k.name}.csv"
                                                             for k in FILE_KINDS)
    households = (first / "households.csv").read_text(encoding="utf-8")
    assert "COLLECTIVE" not in households

    copy = tmp_path / "copy.db"
    assert silk("--db", copy, "init") == 0
    assert silk("--db", copy, "import", first) == 0
    assert snapshot(copy) == snapshot(source)
    assert snapshot(copy)["trial_balance"]["balanced"]

    second = tmp_path / "second"
    assert silk("--db", copy, "export", "-o", second) == 0
    for kind in FILE_KINDS:
        name = f"{kind.name}.csv"
        assert (second / name).read_bytes() == (first / name).read_bytes(), name


def test_csv_has_canonical_columns_and_formats(source, tmp_path):
    folder = tmp_path / "out"
    silk("--db", source, "export", "-o", folder)
    for kind in FILE_KINDS:
        with open(folder / f"{kind.name}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == kind.columns
        for row in rows[1:]:
            values = dict(zip(kind.columns, row))
            for column in ("price", "rate", "amount", "debit", "credit"):
                if values.get(column):
                    assert len(values[column].partition(".")[2]) == 2, (kind.name, row)
            if "kg" in values:
                assert len(values["kg"].partition(".")[2]) == 3, (kind.name, row)
            if "sheets" in values:
                assert len(values["sheets"].partition(".")[2]) == 2, (kind.name, row)


def test_csv_export_refuses_a_folder_with_other_files(source, tmp_path, capsys):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert silk("--db", source, "--lang", "en", "export", "-o", folder) == 1
    assert "notes.txt" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


# -- journals ------------------------------------------------------------------------------

def _needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: apt-get install hledger)")


def test_hledger_journal_checks_and_agrees_with_trial_balance(source, tmp_path):
    _needs("hledger")
    path = tmp_path / "ledger.journal"
    assert silk("--db", source, "export", "--format", "hledger", "-o", path) == 0
    for checks in ([], ["accounts", "commodities"]):
        run = subprocess.run(["hledger", "-f", path, "check", *checks],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    out = subprocess.run(["hledger", "-f", path, "bal", "-O", "csv", "--no-total"],
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for account, amount in list(csv.reader(io.StringIO(out)))[1:]:
        code = account.rpartition(":")[2].split(" ")[0]
        found[code] = fen(amount)
    assert found == closing_balances(source)


def test_beancount_journal_checks_and_agrees_with_trial_balance(source, tmp_path):
    loader = pytest.importorskip("beancount.loader", reason="beancount is not installed")
    from beancount.core import data

    path = tmp_path / "ledger.beancount"
    assert silk("--db", source, "export", "--format", "beancount", "-o", path) == 0
    entries, errors, options = loader.load_file(str(path))
    assert errors == []
    assert options["operating_currency"] == ["CNY"]
    codes = {e.account: e.meta["code"] for e in entries if isinstance(e, data.Open)}
    assert all("name" in e.meta for e in entries if isinstance(e, data.Open))
    found: dict[str, int] = {}
    for entry in entries:
        if isinstance(entry, data.Transaction):
            for posting in entry.postings:
                assert posting.units.currency == "CNY"
                code = codes[posting.account]
                found[code] = found.get(code, 0) + fen(str(posting.units.number))
    assert {k: v for k, v in found.items() if v} == closing_balances(source)
    if shutil.which("bean-check"):
        run = subprocess.run(["bean-check", path], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_beancount_account_components_are_valid_and_distinct():
    names = {journal.beancount_account(f"113.{code}") for code in ("H.1", "H-1", "H_1", "H1")}
    assert len(names) == 4
    assert journal.beancount_account("501.01") == "Income:I501:I50101"
    assert journal.beancount_account("511.03") == "Expenses:X511:X51103"
    assert journal.beancount_account("113.H001") == "Assets:A113:H001"


# -- Excel ---------------------------------------------------------------------------------

def test_xlsx_numbers_equal_the_season_reports(source, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "ledger.xlsx"
    assert silk("--db", source, "export", "--format", "xlsx", "-o", path) == 0
    book = openpyxl.load_workbook(path, read_only=True)
    reports = snapshot(source)["seasons"]
    for code, report in reports.items():
        rows = list(book[f"蚕季 {code}"].iter_rows(values_only=True))
        header = rows[0]
        for party, row in zip(report["parties"], rows[1:]):
            assert row[0] == party["code"]
            for key, value in zip(header[2:], row[2:]):
                assert isinstance(value, (int, float)), (code, key, value)
                assert Decimal(str(value)) == Decimal(party[key]), (code, party["code"], key)
        total = rows[len(report["parties"]) + 1]
        assert Decimal(str(total[header.index("net_income")])) == Decimal(
            report["totals"]["net_income"])
    for kind in FILE_KINDS:
        sheet_rows = list(book[kind.name].iter_rows(values_only=True))
        assert tuple(sheet_rows[0]) == kind.columns


# -- refusals and the empty ledger ---------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "hledger", "beancount", "xlsx"])
def test_export_without_output_is_refused_clearly(empty, fmt, capsys):
    assert silk("--db", empty, "--lang", "en", "export", "--format", fmt) == 1
    err = capsys.readouterr().err
    assert "needs -o" in err and fmt in err


def test_export_of_an_empty_ledger(empty, tmp_path):
    assert silk("--db", empty, "export", "-o", tmp_path / "csv") == 0
    for kind in FILE_KINDS:
        assert (tmp_path / "csv" / f"{kind.name}.csv").read_text(encoding="utf-8") == (
            ",".join(kind.columns) + "\n")
    for fmt, name in (("hledger", "e.journal"), ("beancount", "e.beancount"),
                      ("xlsx", "e.xlsx")):
        assert silk("--db", empty, "export", "--format", fmt, "-o", tmp_path / name) == 0
    if shutil.which("hledger"):
        subprocess.run(["hledger", "-f", tmp_path / "e.journal", "check"], check=True)
    if shutil.which("bean-check"):
        subprocess.run(["bean-check", tmp_path / "e.beancount"], check=True)
    copy = tmp_path / "copy.db"
    silk("--db", copy, "init")
    assert silk("--db", copy, "import", tmp_path / "csv") == 0


def test_the_journal_streams_sort_in_little_memory_and_leave_the_connection_as_it_was(source):
    """Seven sorted streams at once: each may hold STREAM_SORT_KIB in memory (SQLite ties
    a sort's memory to the page cache), and the cache is the connection's own again
    after the export, also when its reader stops half-way."""
    database = db.open_ledger(source)
    try:
        def cache() -> int:
            return database.execute_sql("PRAGMA cache_size").fetchone()[0]
        before = cache()
        assert before != -journal.STREAM_SORT_KIB
        stream = journal.transactions()
        first = next(stream)
        assert cache() == -journal.STREAM_SORT_KIB and first.postings
        stream.close()  # stopped half-way
        assert cache() == before
        assert sum(1 for _ in journal.transactions()) == models.Voucher.select().count()
        assert cache() == before
    finally:
        database.close()
        models.database.initialize(None)


# -- formulas never live in an export -------------------------------------------------------

#: Text that a spreadsheet would take for a formula, and text that only looks close to it.
FORMULA_LIKE = ["=HYPERLINK(\"http://x\",\"点我\")", "+86 138 0000 0000", "-5 元 (扣)",
                "@SUM(A1:A9)", "'=already quoted", "''+twice", "'plain quote", "a=b", "张三"]


def _hostile_village(reversal: bool = False) -> None:
    from helpers import build_village, valid
    from ledger import book

    build_village()
    for number, text in enumerate(FORMULA_LIKE):
        code = f"H{200 + number}"
        book.record("households", dict(code=code, name=text, group=text, phone=text))
        book.record("payments", valid("payments", household=code, amount="1", memo=text))
    if reversal:  # a negative amount, which is a number, never text
        from ledger import corrections

        payment = models.Payment.select().order_by(models.Payment.id).first()
        corrections.reverse("payments", payment.id, "=reason")


def test_no_text_cell_of_the_xlsx_export_is_a_formula(tmp_path):
    import zipfile

    ledger = _make(tmp_path / "ledger.db", lambda: _hostile_village(reversal=True))
    path = tmp_path / "ledger.xlsx"
    assert silk("--db", ledger, "export", "--format", "xlsx", "-o", path) == 0
    with zipfile.ZipFile(path) as workbook:
        sheets = [workbook.read(name).decode() for name in workbook.namelist()
                  if name.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    names = [row[1] for row in book["households"].iter_rows(min_row=2, values_only=True)]
    assert set(FORMULA_LIKE) <= set(names)
    season_names = [row[1] for row in book["蚕季 2026-1"].iter_rows(min_row=2, values_only=True)]
    assert set(FORMULA_LIKE) <= set(season_names)
    header, *payments = book["payments"].iter_rows(values_only=True)
    amounts = [row[header.index("amount")] for row in payments]
    assert -1 in amounts and all(isinstance(amount, (int, float)) for amount in amounts)


def test_the_csv_export_guards_formula_like_text_and_imports_it_back_exactly(tmp_path):
    ledger = _make(tmp_path / "ledger.db", _hostile_village)
    out = tmp_path / "out"
    assert silk("--db", ledger, "export", "--format", "csv", "-o", out) == 0
    with open(out / "households.csv", encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in names and "'+86 138 0000 0000" in names
    assert "'-5 元 (扣)" in names and "'@SUM(A1:A9)" in names
    assert "''=already quoted" in names and "'''+twice" in names
    assert "'plain quote" in names and "a=b" in names and "张三" in names
    assert not any(name[:1] in "=+-@" for name in names)
    with open(out / "payments.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["amount"] for row in rows} == {"1.00"}  # numbers are not text: never guarded
    assert "'-5 元 (扣)" in {row["memo"] for row in rows}

    copy = _make(tmp_path / "copy.db", lambda: None)
    assert silk("--db", copy, "import", "--allow-duplicates", out) == 0
    assert _texts(copy) == _texts(ledger)


def _texts(path: Path) -> dict:
    database = db.open_ledger(path)
    try:
        parties = {code: (name, group, phone) for code, name, group, phone in models.Party.select(
            models.Party.code, models.Party.name, models.Party.group, models.Party.phone).tuples()}
        memos = sorted(models.Payment.select(models.Payment.memo).tuples())
        return {"parties": parties, "memos": memos}
    finally:
        database.close()
        models.database.initialize(None)
