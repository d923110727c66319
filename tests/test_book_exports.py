"""The collective's whole books in the exports: accounts.csv and vouchers.csv as written,
voucher numbers in the journals, a reversal in a later month and the year-end close's
vouchers, each against figures written out by hand."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from test_export import VILLAGE, _make, closing_balances, silk, whole_books
from ledger import accounts, book, vouchers
from ledger.io import csv_import, journal
from ledger.kinds import FILE_BY_NAME


def line(account: str, debit: str = "", credit: str = "", summary: str = "") -> dict:
    return dict(summary=summary, account=account, debit=debit, credit=credit)


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Path:
    return _make(tmp_path_factory.mktemp("books") / "ledger.db", whole_books)


def test_the_book_files_hold_what_was_entered(books, tmp_path):
    folder = tmp_path / "out"
    assert silk("--db", books, "export", "-o", folder) == 0
    assert (folder / "accounts.csv").read_text(encoding="utf-8") == (
        "code,name\n513.01,电费\n513.02,办公费\n201.01,信用社\n")
    # the bill reversed in its own month is left out with its reversal
    assert (folder / "vouchers.csv").read_text(encoding="utf-8") == (
        "voucher,date,summary,account,debit,credit\n"
        "1,2026-01-01,期初余额,102,85000.00,\n"
        "1,2026-01-01,期初余额,101,1200.50,\n"
        "1,2026-01-01,期初余额,301,,86200.50\n"
        "2,2026-02-10,信用社贷款,102,30000.00,\n"
        "2,2026-02-10,,201.01,,30000.00\n"
        '3,2026-04-21,"文具, 墨盒",513.02,45.00,\n'
        "3,2026-04-21,电费补差,513.01,12.30,\n"
        "3,2026-04-21,'=现金,101,,57.30\n"
        "4,2026-06-02,借款,113.H001,120.00,\n"
        "4,2026-06-02,,101,,120.00\n")


def test_journals_name_every_voucher_by_its_number(memory_ledger):
    book.record("seasons", dict(code="2026-1", name="春蚕", start="2026-04-01",
                                end="2026-05-31"))
    accounts.add("513.01", "电费")
    for day in ("2026-04-20", "2026-05-03", "2026-04-02", "2026-04-30"):
        vouchers.post(dict(date=day, lines=[line("513.01", "10", summary=f"电费 {day}"),
                                            line("102", credit="10")]))
    out = io.StringIO()
    assert journal.write_hledger(out) == 4
    heads = [text for text in out.getvalue().splitlines() if text[:4] == "2026"]
    assert [head.split("  ;")[0] for head in heads] == [
        "2026-04-02 (记-2026-04-0002) 记账凭证 电费 2026-04-02",
        "2026-04-20 (记-2026-04-0001) 记账凭证 电费 2026-04-20",
        "2026-04-30 (记-2026-04-0003) 记账凭证 电费 2026-04-30",
        "2026-05-03 (记-2026-05-0001) 记账凭证 电费 2026-05-03"]
    assert "account 支出:513 管理费用:513.01 电费  ; 管理费用-电费" in out.getvalue()
    out = io.StringIO()
    journal.write_beancount(out)
    assert out.getvalue().count('  number: "记-2026-04-000') == 3
    assert '2026-04-01 open Expenses:X513:01 CNY\n  name: "管理费用-电费"' in out.getvalue()


def _hledger_balances(path: Path) -> dict[str, int]:
    out = subprocess.run(["hledger", "-f", path, "bal", "-O", "csv", "--no-total"],
                         capture_output=True, text=True, check=True).stdout
    return {account.rpartition(":")[2].split(" ")[0]:
            int(Decimal(amount.replace("CNY", "").strip()) * 100)
            for account, amount in list(csv.reader(io.StringIO(out)))[1:]}


def test_a_reversal_in_a_later_month_goes_to_the_other_side_and_round_trips(tmp_path):
    def fill():
        csv_import.import_files([VILLAGE])
        accounts.add("513.01", "电费")
        bill = vouchers.post(dict(date="2026-04-20", lines=[
            line("513.01", "356.40", summary="电费"), line("102", credit="356.40")]))
        vouchers.reverse(bill, "billed twice", day=date(2026, 6, 5))

    source = _make(tmp_path / "source.db", fill)
    first, second = tmp_path / "first", tmp_path / "second"
    assert silk("--db", source, "export", "-o", first) == 0
    assert (first / "vouchers.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "1,2026-04-20,电费,513.01,356.40,", "1,2026-04-20,,102,,356.40",
        "2,2026-06-05,电费,513.01,,356.40", "2,2026-06-05,,102,356.40,"]
    copy = tmp_path / "copy.db"
    assert silk("--db", copy, "init") == 0
    assert silk("--db", copy, "import", first) == 0
    assert silk("--db", copy, "export", "-o", second) == 0
    for kind in FILE_BY_NAME.values():
        name = f"{kind.name}.csv"
        assert (second / name).read_bytes() == (first / name).read_bytes(), name
    assert closing_balances(copy) == closing_balances(source)


def test_the_year_end_close_is_in_the_journals_but_not_in_vouchers_csv(tmp_path):
    def fill():
        csv_import.import_files([VILLAGE])
        vouchers.post(dict(date="2026-12-31", lines=[
            line("501.01", "1000", summary="结转本年收益"), line("321", credit="1000")]),
            source="closing")

    source = _make(tmp_path / "source.db", fill)
    folder = tmp_path / "out"
    assert silk("--db", source, "export", "-o", folder) == 0
    assert (folder / "vouchers.csv").read_text(encoding="utf-8") == (
        "voucher,date,summary,account,debit,credit\n")
    path = tmp_path / "x.journal"
    assert silk("--db", source, "export", "--format", "hledger", "-o", path) == 0
    assert "年终结账 结转本年收益" in path.read_text(encoding="utf-8")
    if shutil.which("hledger"):
        found = _hledger_balances(path)
        assert found["321"] == -100000
        assert found == closing_balances(source)
