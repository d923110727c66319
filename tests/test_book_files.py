"""accounts.csv and vouchers.csv through `silk import`: consecutive rows of one voucher
value are one voucher, accounts come before the vouchers that use them, records and
vouchers go in together or not at all, and every problem is named FILE:LINE: column."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import build_village, table_counts
from ledger import check, models
from ledger.errors import RecordRefused
from ledger.io import csv_import


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


ACCOUNTS = "code,name\n513.01,电费\n513.02,办公费\n"
VOUCHERS = ("voucher,date,summary,account,debit,credit\n"
            "a,2026-04-20,4月电费,513.01,356.40,\n"
            "a,2026-04-20,4月电费,102,,356.40\n"
            "b,2026-04-21,买文具,513.02,45.00,\n"
            "b,2026-04-21,买文具,101,,20\n"
            "b,2026-04-21,买文具,102,,25.00\n"
            "a,2026-04-22,借款,113.H001,120,\n"
            "a,2026-04-22,借款,101,,120\n")


def postings() -> dict[str, tuple[int, int]]:
    """Debit and credit of each account over the general vouchers' journal entries."""
    Posting, Account, Voucher = models.Posting, models.Account, models.Voucher
    found: dict[str, tuple[int, int]] = {}
    query = (Posting.select(Account.code, Posting.debit, Posting.credit).join(Voucher)
             .switch(Posting).join(Account).where(Voucher.kind == "vouchers").tuples())
    for code, debit, credit in query:
        before = found.get(code, (0, 0))
        found[code] = (before[0] + debit, before[1] + credit)
    return found


def refusal(*paths: Path) -> list[str]:
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        csv_import.import_files(paths)
    assert table_counts() == before
    return [error.message("en") for error in raised.value.errors]


def test_accounts_then_vouchers_each_run_of_rows_one_voucher(tmp_path):
    counts = csv_import.import_files([write(tmp_path, "vouchers.csv", VOUCHERS),
                                      write(tmp_path, "accounts.csv", ACCOUNTS)])
    assert (counts["accounts"], counts["vouchers"]) == (2, 3)
    assert postings() == {"513.01": (35640, 0), "102": (0, 35640 + 2500),
                          "513.02": (4500, 0), "101": (0, 2000 + 12000),
                          "113.H001": (12000, 0)}
    assert models.Account.get(models.Account.code == "513.02").name == "办公费"
    assert check.run() == []


def test_chinese_file_names_and_headers_and_a_workbook(tmp_path):
    from openpyxl import Workbook

    write(tmp_path, "科目.csv", "科目编码,科目名称\n513.01,电费\n", "gbk")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["凭证号", "日期", "摘要", "科目", "借方金额", "贷方金额"])
    sheet.append([1, "2026-04-20", "电费", "513.01", 356.4, None])
    sheet.append([1, "2026-04-20", "电费", "102", None, "356.40"])
    workbook.save(tmp_path / "凭证.xlsx")
    counts = csv_import.import_files([tmp_path])
    assert (counts["accounts"], counts["vouchers"]) == (1, 1)
    assert postings() == {"513.01": (35640, 0), "102": (0, 35640)}


def test_records_and_vouchers_are_one_transaction(tmp_path):
    write(tmp_path, "charges.csv", "date,season,household,item,amount\n"
                                   "2026-04-12,2026-1,H001,小蚕共育费,300\n")
    write(tmp_path, "vouchers.csv", "voucher,date,summary,account,debit,credit\n"
                                    "1,2026-04-20,电费,513,356.40,\n1,2026-04-20,电费,102,,356\n")
    problems = refusal(tmp_path)
    assert problems == [f"{tmp_path / 'vouchers.csv'}:2: voucher: debits 356.40 and credits "
                        "356.00 differ: a voucher must balance"]


@pytest.mark.parametrize("rows, expected", [
    ("1,2026-04-20,x,999,5,\n1,2026-04-20,x,102,,5\n", ":2: account: there is no account 999"),
    ("1,2026-04-20,x,511,5,\n1,2026-04-20,x,102,,5\n", ":2: account: account 511 has sub-"),
    ("1,2026-04-20,x,513,5,\n1,2026-04-20,x,321,,5\n",
     ":3: account: account 321 is posted only by the year-end close"),
    ("1,2026-04-20,x,513,0,\n1,2026-04-20,x,102,,0\n", ":2: debit: must be greater than zero"),
    ("1,2026-04-20,x,513,-5,\n1,2026-04-20,x,102,,-5\n", ":2: debit:"),
    ("1,2026-04-20,x,513,5.005,\n1,2026-04-20,x,102,,5.005\n", ":2: debit:"),
    ("1,2026-04-20,x,513,5,5\n1,2026-04-20,x,102,,5\n",
     ":2: debit: fill exactly one of debit or credit"),
    ("1,2026-04-20,x,513,,\n1,2026-04-20,x,102,,5\n",
     ":2: debit: fill exactly one of debit or credit"),
    ("1,2026-04-20,x,513,5,\n1,2026-04-21,x,102,,5\n",
     ":3: date: a voucher's rows must share one date"),
    ("1,2026-04-20,x,513,5,\n2,2026-04-20,x,102,,5\n", ":2: voucher: a voucher needs at least"),
    (",2026-04-20,x,513,5,\n1,2026-04-20,x,102,,5\n", ":2: voucher: required, but empty"),
])
def test_a_bad_voucher_row_is_named_by_file_line_and_column(tmp_path, rows, expected):
    path = write(tmp_path, "vouchers.csv", "voucher,date,summary,account,debit,credit\n" + rows)
    problems = refusal(path)
    assert any(problem.startswith(str(path)) and expected in problem for problem in problems), \
        problems


def test_a_date_in_a_closed_year_is_refused(tmp_path):
    from ledger import db

    db.set_meta("closed_years", "2025")
    path = write(tmp_path, "vouchers.csv", "voucher,date,summary,account,debit,credit\n"
                                           "1,2025-12-20,x,513,5,\n1,2025-12-20,x,102,,5\n")
    assert refusal(path) == [f"{path}:2: date: the year 2025 is closed (年终结账): post this "
                             "in an open year, or reverse what is wrong"]
    db.set_meta("closed_years", "")


def test_a_sub_account_whose_parent_is_missing_and_one_with_postings(tmp_path):
    from ledger import vouchers

    vouchers.post(dict(date="2026-04-20", lines=[dict(account="514", debit="1"),
                                                 dict(account="101", credit="1")]))
    path = write(tmp_path, "accounts.csv", "code,name\n999.01,x\n514.01,修路\n513.01,电费\n")
    problems = refusal(path)
    assert problems[0] == (f"{path}:2: code: account 999.01 needs its parent 999, which is not "
                           "in the chart")
    assert problems[1].startswith(f"{path}:3: code: account 514 already has postings")
    assert len(problems) == 2


def test_a_voucher_already_in_the_ledger_is_refused_unless_allowed(tmp_path):
    accounts = write(tmp_path / "a", "accounts.csv", ACCOUNTS)
    path = write(tmp_path / "v", "vouchers.csv", VOUCHERS)
    csv_import.import_files([accounts, path])
    problems = refusal(path)
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:2: -: this voucher is already in the ledger")
    counts = csv_import.import_files([path], csv_import.Options(allow_duplicates=True))
    assert counts["vouchers"] == 3


def test_the_same_voucher_twice_in_one_import_is_refused(tmp_path):
    path = write(tmp_path, "vouchers.csv", "voucher,date,summary,account,debit,credit\n"
                                           "1,2026-04-20,x,513,5,\n1,2026-04-20,x,102,,5\n"
                                           "2,2026-04-20,x,513,5,\n2,2026-04-20,x,102,,5\n")
    assert refusal(path) == [f"{path}:4: -: this voucher is the same as the one at {path}:2 "
                             "in this import; if it is a second, separate voucher, import "
                             "with --allow-duplicates"]


def test_a_dry_run_counts_vouchers_and_writes_nothing(tmp_path):
    before = table_counts()
    review = csv_import.review([write(tmp_path, "accounts.csv", ACCOUNTS),
                                write(tmp_path, "vouchers.csv", VOUCHERS)])
    assert review.clean and (review.would_add["accounts"], review.would_add["vouchers"]) == (2, 3)
    assert table_counts() == before



def test_an_imported_voucher_is_made_by_the_operator(tmp_path):
    from ledger import audit

    audit.set_operator("李会计")
    try:
        csv_import.import_files([write(tmp_path, "accounts.csv", ACCOUNTS),
                                 write(tmp_path, "vouchers.csv", VOUCHERS)])
    finally:
        audit.set_operator(None)
    assert {voucher.maker for voucher in models.GeneralVoucher.select()} == {"李会计"}
