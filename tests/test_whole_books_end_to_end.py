"""A village's whole year through the command line, as an accountant would do it: the
records of three seasons, its sub-accounts and general vouchers from files, the seasons
closed, the year closed with a reserve and a distribution by shares; then the statements
against `whole_books_expected`, an independent calculation from the same files."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import whole_books_expected as expected
from helpers import ok, silk

VILLAGE = Path(__file__).parent / "data" / "village"
SEASONS = ("2026-1", "2026-2", "2026-3")
RESERVE, MEMBERS = Decimal("10"), Decimal("5000")


class Ledger:
    def __init__(self, folder: Path):
        self.path = folder / "village.db"
        self.folder = folder

    def run(self, *args):
        return silk("--db", self.path, "--lang", "en", *args, cwd=self.folder)

    def json(self, *args) -> dict:
        return json.loads(ok(self.run(*args, "--format", "json")))


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("whole-books"))
    ok(ledger.run("init", "--village", "桑园村"))
    ok(ledger.run("import", VILLAGE))
    ok(ledger.run("import", expected.BOOKS / "accounts.csv", expected.BOOKS / "vouchers.csv"))
    ledger.before_close = ledger.json("report", "balance-sheet", "2026")
    for season in SEASONS:
        ok(ledger.run("close", season))
    ledger.dry_run = ok(ledger.run("close-year", "2026", "--reserve", "10", "--members",
                                   "5000", "--dry-run"))
    ledger.dry_run_sheet = ledger.json("report", "balance-sheet", "2026")
    ok(ledger.run("close-year", "2026", "--reserve", "10", "--members", "5000"))
    return ledger


@pytest.fixture(scope="module")
def figures():
    return expected.Year(RESERVE, MEMBERS)


def test_the_balance_sheet_agrees_with_the_independent_calculation(year, figures):
    sheet = year.json("report", "balance-sheet", "2026")
    assert sheet["year"] == "2026"
    assert {key: row["end"] for key, row in sheet["rows"].items()} == expected.money(
        figures.balance_sheet_end())
    assert {row["start"] for row in sheet["rows"].values()} == {"0.00"}


def test_the_sheet_balances_before_the_close_with_the_income_not_yet_closed(year, figures):
    ends = {key: row["end"] for key, row in year.before_close["rows"].items()}
    assert ends["total_assets"] == ends["total_liabilities_and_equity"]
    # an open year's sheet stands at today, or at 31 December once the year is over
    today = min(date.today(), date(2026, 12, 31)).isoformat()
    assert Decimal(ends["undistributed"]) == expected.net_income_upto(today)


def test_the_income_statement_agrees_with_the_independent_calculation(year, figures):
    statement = year.json("report", "income-statement", "2026")
    assert statement == {"year": "2026", "rows": expected.money(figures.income_statement())}


def test_undistributed_income_agrees_between_the_two_statements(year):
    sheet = year.json("report", "balance-sheet", "2026")
    statement = year.json("report", "income-statement", "2026")
    assert (sheet["rows"]["undistributed"]["end"]
            == statement["rows"]["closing_undistributed"])


def test_the_distribution_agrees_with_the_independent_calculation(year, figures):
    assert year.json("report", "distribution", "2026") == figures.distribution()
    dividends = figures.distribution()["dividends"]
    assert sum(Decimal(row["amount"]) for row in dividends) == MEMBERS


def test_the_dry_run_showed_every_dividend_and_wrote_nothing(year, figures):
    for row in figures.distribution()["dividends"]:
        assert row["code"] in year.dry_run and row["amount"] in year.dry_run
    assert year.dry_run_sheet == year.before_close


def test_the_closed_year_takes_no_more_vouchers(year):
    before = year.json("report", "balance-sheet", "2026")
    result = year.run("import", expected.BOOKS / "vouchers.csv")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "vouchers.csv:2: date: the year 2026 is closed" in result.stderr
    assert year.json("report", "balance-sheet", "2026") == before


def test_the_books_check_after_the_close(year):
    ok(year.run("check"))
