"""A household's annual statement: its seasons' net income, the vouchers on its account
(the year-end dividend named as one), its payments and its balance at 1 January and 31
December, checked against figures worked out here from what was posted; and the
dividend in the balance its next settlement sheet carries in."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from conftest import read_only_ledger
from helpers import ok, refused, silk, valid
from ledger import annual, book, closing, db, models, vouchers, year_end
from ledger.reports import html, statement, text
from test_year_end import DIVIDENDS, GENERAL, SEASONS, line, village

#: What was posted on H001's account, in fen, owed to it positive.
OPENING = 30000                          # a 2025 voucher crediting it
NET = {"2026-1": -30000 + 20000 - 5000,  # a charge, a wage earned, leaf bought
       "2026-2": -30000 + 20000, "2026-3": -30000 + 20000}
PAID = 5000 - 2000                       # paid to it in 2026-2, paid by it in 2026-3
LOAN = -50000                            # lent to it on 2026-10-20
DIVIDEND = DIVIDENDS["H001"]
CLOSING = OPENING + sum(NET.values()) - PAID + LOAN + DIVIDEND


def build() -> None:
    village()
    vouchers.post(dict(date="2025-11-01", lines=[line("101", debit="300"),
                                                 line("113.H001", credit="300")]))
    for day, lines in GENERAL:
        vouchers.post(dict(date=day, lines=lines))
    vouchers.post(dict(date="2026-10-20", lines=[line("113.H001", debit="500"),
                                                 line("101", credit="500")]))
    book.record("payments", valid("payments", season="2026-2", date="2026-06-15", amount="50"))
    book.record("payments", valid("payments", season="2026-3", date="2026-08-15", amount="20",
                                  direction="from_household", method="cash"))
    for code, _, _ in SEASONS:
        closing.close(code)
    year_end.close_year(2025, "0", "0")
    year_end.close_year(2026, "10", "1000.01")


@pytest.fixture
def closed(memory_ledger):
    """The closed year, for a test that writes on."""
    build()
    return memory_ledger


#: The same, built once for the tests that only read it.
_built, closed_once = read_only_ledger("closed_once", build)


def owed(code: str, upto: str) -> int:
    """The household's balance by date, summed here from the postings."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    total = 0
    for debit, credit in (Posting.select(Posting.debit, Posting.credit).join(Voucher)
                          .switch(Posting).join(Account)
                          .where((Account.code == f"113.{code}")
                                 & (Voucher.date <= date.fromisoformat(upto))).tuples()):
        total += credit - debit
    return total


def test_the_figures_worked_out_here_agree_with_the_journal(closed_once):
    assert owed("H001", "2025-12-31") == OPENING
    assert owed("H001", "2026-12-31") == CLOSING


def test_the_annual_statement_of_a_household(closed_once):
    document = annual.statement("h001", 2026)
    assert (document.code, document.name, document.year) == ("H001", "户H001", 2026)
    assert [(s.code, s.net_income, s.paid) for s in document.seasons] == [
        ("2026-1", NET["2026-1"], 0), ("2026-2", NET["2026-2"], 5000),
        ("2026-3", NET["2026-3"], -2000)]
    assert [(m.date.isoformat(), m.amount, m.dividend) for m in document.movements] == [
        ("2026-10-20", LOAN, False), ("2026-12-31", DIVIDEND, True)]
    assert document.movements[1].summary == "H001 按股份分红"
    assert document.movements[1].number.startswith("记-2026-12-")
    assert [(day.isoformat(), amount) for day, *_, amount in document.payments] == [
        ("2026-06-15", 5000), ("2026-08-15", -2000)]
    assert (document.opening, document.closing, document.dividend, document.other_vouchers,
            document.across_the_year) == (OPENING, CLOSING, DIVIDEND, LOAN, 0)


def test_a_household_without_shares_gets_no_dividend_line(closed_once):
    document = annual.statement("H004", 2026)
    assert document.dividend == 0 and document.movements == []


def test_the_dividend_is_in_the_balance_the_next_sheet_carries_in(closed):
    book.record("seasons", dict(code="2027-1", name="春", start="2027-04-01", end="2027-05-15"))
    sheet = statement.statement("H001", models.Season.get(models.Season.code == "2027-1"))
    assert sheet.balance_in == CLOSING


def test_a_reopened_year_takes_the_dividend_back(closed):
    year_end.reopen_year(2026, "the members' amount was agreed again")
    document = annual.statement("H001", 2026)
    assert document.dividend == 0  # the dividend and its reversal
    assert [m.amount for m in document.movements if m.dividend] == [DIVIDEND, -DIVIDEND]
    assert document.closing == CLOSING - DIVIDEND


def test_text_and_html_show_the_same_figures(closed_once):
    document = annual.statement("H001", 2026)
    document.village, document.collective = "桑园村", "桑园村股份经济合作社"
    sheet = text.annual(document, "zh", printed=date(2027, 1, 5))
    lines = sheet.splitlines()
    assert any("分红" in line and "H001 按股份分红" in line and line.endswith("360.06")
               for line in lines)
    assert CLOSING == -21994  # the household owes the collective
    assert any(line.startswith("2026年12月31日余额") and line.endswith("-219.94")
               for line in lines)
    assert "（农户应交村集体）" in sheet
    assert all(len(line) <= 80 for line in lines)
    page = ET.fromstring(html.annual(document, "en").split("\n", 1)[1])
    figures = [cell.text for cell in page.iter("td") if cell.get("class") == "num"]
    assert "360.06" in figures and "-500.00" in figures


def test_the_command_prints_text_html_and_pdf(tmp_path):
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    build()
    database.close()
    models.database.initialize(None)

    def run(*args):
        return silk("--db", path, *args, cwd=tmp_path)

    out = ok(run("--lang", "en", "statement", "H001", "--year", "2026"))
    assert "Dividend by shares" in out and "360.06" in out
    ok(run("statement", "H001", "--year", "2026", "--format", "html", "-o", tmp_path / "a.html"))
    assert "360.06" in (tmp_path / "a.html").read_text(encoding="utf-8")
    ok(run("statement", "H001", "--year", "2026", "--format", "pdf", "-o", tmp_path / "a.pdf"))
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    refused(run("--lang", "en", "statement", "H001"), "name a season (the settlement sheet) or")
    refused(run("--lang", "en", "statement", "H001", "2026-1", "--year", "2026"), "not both")
    refused(run("--lang", "en", "statement", "H009", "--year", "2026"), "H009")
    ok(run("statement", "H001", "2026-1"))  # the season's sheet, as before


def test_a_voucher_on_the_household_within_a_season_shows_on_its_sheet(memory_ledger):
    from helpers import SEASON, build_village

    build_village()
    book.record("payments", valid("payments", amount="40"))
    vouchers.post(dict(date="2026-04-20", lines=[line("113.H001", debit="500"),
                                                 line("101", credit="500")]))
    sheet = statement.statement("H001", models.Season.get(models.Season.code == SEASON))
    assert sheet.vouchers == -50000
    assert sheet.balance_in + sheet.net_income - sheet.paid + sheet.vouchers == sheet.balance_out
    assert sheet.balance_out == owed("H001", "2026-05-15")
    printed = text.sheet_text(sheet, "zh", date(2026, 5, 20)).splitlines()
    assert any(line.startswith("加：往来凭证（借款、分红等）") and line.endswith("-500.00")
               for line in printed)
    page = ET.fromstring(html.statements([sheet], "en").split("\n", 1)[1])
    assert "-500.00" in [cell.text for cell in page.iter("td") if cell.get("class") == "num"]
