"""Account sums over spans of days, read from the kept monthly balances and the days at
either end, against the same sums added up here posting by posting."""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, timedelta

import pytest

from helpers import build_village, valid
from ledger import book, periods, vouchers


def voucher(day: str, debit_account: str, credit_account: str, yuan: str,
            source: str = "entry") -> int:
    return vouchers.post(dict(date=day, lines=[
        dict(summary="测试", account=debit_account, debit=yuan, credit=""),
        dict(summary="测试", account=credit_account, debit="", credit=yuan)]), source=source)


@pytest.fixture
def books(file_ledger, ledger_path):
    build_village()
    book.record("sales", valid("sales", date="2026-05-04"))
    book.record("leaf", valid("leaf", date="2026-04-20"))
    book.record("payments", valid("payments", date="2026-05-10"))
    for day, debit, credit, amount in [
            ("2025-12-31", "101", "301", "5000"), ("2026-01-01", "513", "101", "12.34"),
            ("2026-01-31", "102", "101", "1000"), ("2026-02-01", "513", "102", "56.78"),
            ("2026-02-28", "151", "102", "900"), ("2026-03-15", "102", "503", "2000"),
            ("2026-04-30", "513", "101", "3.21"), ("2026-12-31", "101", "504", "77")]:
        voucher(day, debit, credit, amount)
    voucher("2026-12-31", "321", "322.02", "10", source="closing")
    return ledger_path


def by_hand(path, first: date | None, last: date, closing: bool = True) -> dict:
    """The sums straight from the stored postings, one by one."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    raw = sqlite3.connect(path)
    rows = raw.execute(
        "SELECT a.code, v.date, p.debit, p.credit, g.source FROM posting p"
        " JOIN voucher v ON v.id = p.voucher_id JOIN account a ON a.id = p.account_id"
        " LEFT JOIN general_voucher g ON v.kind = 'vouchers' AND g.id = v.record_id")
    for code, day, debit, credit, source in rows:
        day = date.fromisoformat(day)
        if (first is None or day >= first) and day <= last and (closing or source != "closing"):
            found[code][0] += debit
            found[code][1] += credit
    raw.close()
    return {code: tuple(pair) for code, pair in found.items() if any(pair)}


SPANS = [
    (None, date(2026, 12, 31)), (None, date(2025, 12, 31)), (None, date(2026, 4, 20)),
    (date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 1, 1), date(2026, 1, 31)),
    (date(2026, 1, 2), date(2026, 1, 30)), (date(2026, 1, 31), date(2026, 2, 1)),
    (date(2026, 1, 15), date(2026, 3, 15)), (date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 5, 4), date(2026, 5, 4)), (date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 3, 1), date(2026, 2, 28)),
]


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
@pytest.mark.parametrize("first, last", SPANS)
@pytest.mark.parametrize("closing", [True, False])
def test_sums_over_a_span_agree_with_the_postings(books, first, last, closing):
    assert periods.sums(first, last, closing) == by_hand(books, first, last, closing)


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_every_span_of_a_year_agrees(books):
    """Every first and last day of months and quarters of 2026, and a few days between."""
    days = [date(2026, 1, 1) + timedelta(days=step) for step in range(0, 365, 17)]
    days += [periods.month_end(date(2026, month, 1)) for month in range(1, 13)]
    for first in days:
        for last in days:
            if first <= last:
                assert periods.sums(first, last) == by_hand(books, first, last), (first, last)


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_every_balance_since_the_books_began_agrees(books):
    """A balance to a day late in the books is read as all of time less the months after
    it, one to an early day as the months up to it: each agrees with the postings, of
    every account, of one account and its sub-accounts, and without the year-end close."""
    days = [date(2025, 12, 1) + timedelta(days=step) for step in range(0, 400, 9)]
    days += [periods.month_end(date(2026, month, 1)) for month in range(1, 13)]
    for last in days:
        everything = by_hand(books, None, last)
        assert periods.sums(None, last) == everything, last
        assert periods.sums(None, last, code="113") == {
            code: pair for code, pair in everything.items() if code.startswith("113.")}, last
        assert periods.sums(None, last, closing=False) == by_hand(books, None, last, False)


def test_the_year_end_close_can_be_left_out(books):
    with_close = periods.sums(date(2026, 1, 1), date(2026, 12, 31))
    without = periods.sums(date(2026, 1, 1), date(2026, 12, 31), closing=False)
    assert with_close["321"] == (1000, 0) and "321" not in without


def test_sub_accounts_roll_up_into_their_level_one_account(books):
    found = periods.rolled_up(periods.balances(date(2026, 12, 31)))
    household = {code: pair for code, pair in found.items() if code.startswith("113.")}
    assert found["113"] == tuple(map(sum, zip(*household.values())))
    assert len(household) == 1 and found["513"] == (1234 + 5678 + 321, 0)
