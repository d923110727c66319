"""The statements and the books as a user gets them from `silk report ...`: JSON exactly
per the contracts, text within 80 columns, PDF with the Chinese font, an xlsx workbook
without formulas; figures added up from the lines the test posted (test_statements)."""
from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from helpers import ok, refused, silk
from ledger import money
from ledger.reports import fonts
from ledger.width import width_of
from test_statements import POSTED, build_books, expected_sheet, fen

BALANCE_SHEET_KEYS = [
    "monetary_funds", "short_investments", "receivables", "inventories",
    "consumable_biological", "current_assets", "long_term_investments",
    "productive_biological_net", "public_biological", "fixed_assets_cost",
    "accumulated_depreciation", "fixed_assets_net", "construction_in_progress",
    "fixed_assets_disposal", "intangible_net", "long_term_deferred", "pending_losses",
    "non_current_assets", "total_assets", "short_term_loans", "payables", "wages_payable",
    "labour_payable", "taxes_payable", "current_liabilities", "long_term_loans",
    "one_matter_funds", "special_payables", "non_current_liabilities", "total_liabilities",
    "capital", "reserve_fund", "undistributed", "total_equity", "total_liabilities_and_equity"]
INCOME_KEYS = [
    "operating_income", "investment_income", "operating_expenses", "taxes_and_surcharges",
    "administrative_expenses", "operating_profit", "subsidy_income", "other_income",
    "public_welfare_expenses", "other_expenses", "total_profit", "income_tax", "net_income",
    "opening_undistributed", "transfers_in", "distributable", "reserve",
    "member_distribution", "other_distribution", "closing_undistributed"]
MONEY = re.compile(r"-?\d+\.\d\d")


@pytest.fixture
def books_file(file_ledger, ledger_path):
    build_books()
    return ledger_path


def report(path, *args) -> str:
    return ok(silk("--db", path, "report", *args, cwd=path.parent))


def test_balance_sheet_json_is_the_contract(books_file):
    found = json.loads(report(books_file, "balance-sheet", "2025", "--format", "json"))
    assert list(found) == ["year", "rows"] and found["year"] == "2025"
    assert list(found["rows"]) == BALANCE_SHEET_KEYS
    end = expected_sheet("2025-12-31")
    for key, value in found["rows"].items():
        assert value == {"start": "0.00", "end": money.yuan(end[key])}, key
    assert found["rows"]["total_assets"]["end"] == "284470.00"


def test_income_statement_and_distribution_json(books_file):
    found = json.loads(report(books_file, "income-statement", "2025", "--format", "json"))
    assert list(found) == ["year", "rows"] and list(found["rows"]) == INCOME_KEYS
    assert all(MONEY.fullmatch(value) for value in found["rows"].values())
    assert (found["rows"]["net_income"], found["rows"]["reserve"],
            found["rows"]["closing_undistributed"]) == ("1470.00", "147.00", "323.00")
    found = json.loads(report(books_file, "distribution", "2025", "--format", "json"))
    assert found == {"year": "2025", "net_income": "1470.00", "reserve": "147.00",
                     "members": "1000.00",
                     "dividends": [{"code": "H001", "shares": "1.500", "amount": "1000.00"}]}


def test_trial_balance_of_a_quarter_as_json_and_the_season_one_kept(books_file):
    found = json.loads(report(books_file, "trial-balance", "--quarter", "2026-Q2",
                              "--format", "json"))
    bank = next(row for row in found["accounts"] if row["code"] == "102")
    in_quarter = [(dr, cr) for day, account, dr, cr, _ in POSTED
                  if account == "102" and "2026-04-01" <= day <= "2026-06-30"]
    assert bank["debit"] == money.yuan(sum(dr for dr, _ in in_quarter))
    assert bank["credit"] == money.yuan(sum(cr for _, cr in in_quarter))
    year = [(dr, cr) for day, account, dr, cr, _ in POSTED
            if account == "102" and "2026-01-01" <= day <= "2026-06-30"]
    assert bank["year_debit"] == money.yuan(sum(dr for dr, _ in year))
    assert found["balanced"] is True and (found["from"], found["to"]) == ("2026-04-01",
                                                                          "2026-06-30")
    season = json.loads(report(books_file, "trial-balance", "--season", "2026-1",
                               "--format", "json"))
    assert season["season"] == "2026-1" and season["balanced"] is True


@pytest.mark.parametrize("args", [
    ("balance-sheet", "2026"), ("income-statement", "2025"), ("distribution", "2025"),
    ("general-ledger", "2026"), ("cash-book", "--year", "2026"),
    ("bank-book", "--month", "2026-05"), ("account-ledger", "113", "--year", "2026"),
    ("trial-balance", "--year", "2026"), ("trial-balance", "--month", "2026-04")])
def test_every_text_form_fits_80_columns(books_file, args):
    text = report(books_file, *args)
    assert max(width_of(line) for line in text.splitlines()) <= 80
    assert "Traceback" not in text


def test_the_cash_book_text_flags_the_short_days(books_file):
    text = report(books_file, "cash-book", "--from", "2026-08-01", "--to", "2026-08-31")
    assert "注意：2026-08-10 库存现金余额为 -3340.00" in text
    flagged = [line for line in text.splitlines() if line.rstrip().endswith("!")]
    assert [line.split()[0] for line in flagged] == ["08-10", "08-12"]
    assert "本月合计" in text and "本年累计" in text


def test_a_bad_period_is_one_clear_line(books_file):
    refused(silk("--db", books_file, "report", "cash-book", "--month", "2026-13",
                 cwd=books_file.parent), "2026-13")
    refused(silk("--db", books_file, "report", "trial-balance", "--month", "2026-04",
                 "--year", "2026", cwd=books_file.parent), "--month")
    refused(silk("--db", books_file, "report", "trial-balance", "--season", "2026-1",
                 "--format", "pdf", "-o", books_file.parent / "tb.pdf", cwd=books_file.parent),
            "CSV")


def test_xlsx_opens_and_holds_numbers_not_formulas(books_file, tmp_path):
    target = tmp_path / "bs.xlsx"
    report(books_file, "balance-sheet", "2025", "--format", "xlsx", "-o", target)
    workbook = load_workbook(target)
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assets = [row for sheet in workbook for row in sheet.iter_rows(values_only=True)
              if row and row[0] == "资产总计"]
    assert assets and float(assets[0][3]) == pytest.approx(284470)
    target = tmp_path / "cash.xlsx"
    report(books_file, "cash-book", "--year", "2026", "--format", "xlsx", "-o", target)
    assert load_workbook(target).sheetnames


def test_html_is_one_page_with_the_rows(books_file, tmp_path):
    text = report(books_file, "income-statement", "2025", "--format", "html")
    assert text.startswith("<!DOCTYPE html>") and "收益及收益分配表" in text
    assert "<td class=\"num\">323.00</td>" in text


def test_pdf_renders_with_the_chinese_font(books_file, tmp_path):
    if fonts.search() is None:
        pytest.skip("no Chinese TrueType font on this machine (install fonts-wqy-zenhei)")
    target = tmp_path / "bs.pdf"
    report(books_file, "balance-sheet", "2025", "--format", "pdf", "-o", target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "资产负债表" in text and "负债和所有者权益总计" in text
    assert "284470.00" in text and "未分配收益" in text
    target = tmp_path / "cash.pdf"
    report(books_file, "cash-book", "--year", "2026", "--format", "pdf", "-o", target)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "现金日记账" in text and money.yuan(fen("660")) in text


def test_check_prints_the_warning_and_passes(books_file):
    result = silk("--db", books_file, "--lang", "en", "check", cwd=books_file.parent)
    text = ok(result)
    assert "cash on hand was below zero from 2026-08-10 to 2026-08-19" in text
    assert "1 warning(s)" in text


def test_a_parent_accounts_ledger_names_the_sub_account_of_each_line(books_file):
    text = report(books_file, "account-ledger", "113", "--month", "2026-05", "--format", "html")
    assert '<td class="text">113.H003 结算款 王芳</td>' in text
    assert '<td class="text">113.H001 售茧 B1 张国华</td>' in text
    assert "<caption>113 内部往来</caption>" in text
