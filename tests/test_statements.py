"""The statutory statements and the books, against figures added up here from the very
lines posted: two years of a village's books, 2025 with its opening balances and a
year-end close posted by hand (as the close posts it), 2026 still open."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from conftest import read_only_ledger
from helpers import build_village, valid
from ledger import book, books, check, chart, db, models, statements, vouchers
from ledger.statement_rows import BALANCE_SHEET, INCOME_STATEMENT

#: Every line posted, as (date, account, debit fen, credit fen, closing?): the figures
#: below are added up from this list alone.
POSTED: list[tuple[str, str, int, int, bool]] = []


def fen(yuan: str) -> int:
    whole, _, part = yuan.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])


def voucher(day: str, *lines: tuple[str, str, str], summary: str = "测试",
            source: str = "entry") -> int:
    """A general voucher of (account, debit yuan, credit yuan) lines."""
    for account, debit, credit in lines:
        POSTED.append((day, account, fen(debit or "0"), fen(credit or "0"), source == "closing"))
    return vouchers.post(dict(date=day, lines=[
        dict(summary=summary, account=account, debit=debit, credit=credit)
        for account, debit, credit in lines]), source=source)


def record(kind: str, debit: str, credit: str, posted: str, **fields) -> None:
    """A record, and the two lines its voucher must post (the posting rules' table)."""
    values = valid(kind, **fields)
    book.record(kind, values)
    POSTED.append((values["date"], debit, fen(posted), 0, False))
    POSTED.append((values["date"], credit, 0, fen(posted), False))


@pytest.fixture
def village(memory_ledger):
    """The books below, for a test that posts more or changes them."""
    build_books()
    return memory_ledger


def _books_posted() -> list:
    build_books()
    return list(POSTED)


#: The same books, built once for the tests that only read them.
_built, books_once = read_only_ledger("books_once", _books_posted)


@pytest.fixture
def books_read(books_once):
    """The books built once, and what was posted to them as POSTED holds it: a test that
    posted more to books of its own in between added its lines there."""
    POSTED[:] = books_once


def build_books() -> None:
    POSTED.clear()
    build_village()  # H001 holds 1.5 shares, the others none
    # 2025: opening balances on the first day of the books, then the year.
    voucher("2025-01-01", ("101", "3000", ""), ("102", "80000", ""), ("151", "200000", ""),
            ("301", "", "250000"), ("201", "", "33000"), summary="期初余额")
    voucher("2025-03-10", ("513", "1200", ""), ("101", "", "1200"), summary="电费")
    voucher("2025-06-30", ("102", "5000", ""), ("503", "", "5000"), summary="县补助")
    voucher("2025-09-01", ("113.H002", "500", ""), ("101", "", "500"), summary="借款给李明")
    voucher("2025-12-20", ("513", "330", ""), ("102", "", "330"), summary="利息")
    voucher("2025-12-31", ("513", "2000", ""), ("152", "", "2000"), summary="折旧")
    # The close of 2025, as the year end posts it: net income 5000 - 3530 = 1470.
    close = dict(source="closing", summary="年终结账")
    voucher("2025-12-31", ("503", "5000", ""), ("513", "", "3530"), ("321", "", "1470"), **close)
    voucher("2025-12-31", ("321", "1470", ""), ("322.02", "", "1470"), **close)
    voucher("2025-12-31", ("322.01", "1147", ""), ("311", "", "147"), ("113.H001", "", "1000"),
            **close)
    voucher("2025-12-31", ("322.02", "1147", ""), ("322.01", "", "1147"), **close)
    # 2026, open: the season's records and general vouchers.
    record("wages", "511.03", "113.H001", "840")
    record("charges", "113.H002", "501.03", "300", household="H002")
    record("leaf", "113.H001", "102", "50")
    record("sales", "102", "113.H001", "4417.50")
    record("sales", "102", "501.01", "8000", batch="BC", kg="200", price="40", date="2026-05-05")
    record("payments", "113.H001", "102", "4000")
    record("payments", "113.H003", "101", "60", household="H003", method="cash",
           date="2026-05-12", amount="60")
    voucher("2026-01-15", ("101", "500", ""), ("102", "", "500"), summary="提现")
    voucher("2026-02-10", ("513", "80", ""), ("101", "", "80"), summary="办公用品")
    voucher("2026-03-01", ("102", "10000", ""), ("201", "", "10000"), summary="借款")
    voucher("2026-06-30", ("201", "5000", ""), ("513", "150", ""), ("102", "", "5150"),
            summary="还款付息")
    voucher("2026-07-31", ("513", "1000", ""), ("152", "", "1000"), summary="折旧")
    voucher("2026-08-10", ("514", "5000", ""), ("101", "", "5000"), summary="路灯")
    voucher("2026-08-12", ("101", "3000", ""), ("504", "", "3000"), summary="租金")
    voucher("2026-08-20", ("101", "1000", ""), ("102", "", "1000"), summary="提现")


# -- independent sums ----------------------------------------------------------------------

def net(upto: str, wanted, first: str = "", closing: bool = True) -> int:
    """Debits less credits of the lines on accounts `wanted` picks, dated first..upto."""
    return sum(debit - credit for day, account, debit, credit, is_close in POSTED
               if first <= day <= upto and wanted(account) and (closing or not is_close))


def of(*codes: str):
    return lambda account: any(account == c or account.startswith(c + ".") for c in codes)


def households(upto: str) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for day, account, debit, credit, _ in POSTED:
        if day <= upto and account.startswith("113."):
            found[account] += debit - credit
    return found


def expected_sheet(upto: str) -> dict[str, int]:
    """The balance sheet's rows at the end of `upto`, added up here."""
    def debit(*codes):
        return net(upto, of(*codes))

    def credit(*codes):
        return -net(upto, of(*codes))

    subs = households(upto)
    rows = dict(monetary_funds=debit("101", "102"), short_investments=0,
                receivables=sum(b for b in subs.values() if b > 0), inventories=0,
                consumable_biological=0)
    rows["current_assets"] = sum(rows.values())
    rows.update(long_term_investments=0, productive_biological_net=0, public_biological=0,
                fixed_assets_cost=debit("151"), accumulated_depreciation=credit("152"),
                construction_in_progress=0, fixed_assets_disposal=0, intangible_net=0,
                long_term_deferred=0, pending_losses=0)
    rows["fixed_assets_net"] = rows["fixed_assets_cost"] - rows["accumulated_depreciation"]
    rows["non_current_assets"] = rows["fixed_assets_net"]
    rows["total_assets"] = rows["current_assets"] + rows["non_current_assets"]
    rows.update(short_term_loans=credit("201"),
                payables=sum(-b for b in subs.values() if b < 0), wages_payable=0,
                labour_payable=0, taxes_payable=0)
    rows["current_liabilities"] = rows["short_term_loans"] + rows["payables"]
    rows.update(long_term_loans=0, one_matter_funds=0, special_payables=0,
                non_current_liabilities=0)
    rows["total_liabilities"] = rows["current_liabilities"]
    rows.update(capital=credit("301"), reserve_fund=credit("311"),
                undistributed=-net(upto, lambda a: a[:3] in ("321", "322") or a[0] == "5"))
    rows["total_equity"] = rows["capital"] + rows["reserve_fund"] + rows["undistributed"]
    rows["total_liabilities_and_equity"] = rows["total_liabilities"] + rows["total_equity"]
    return rows


# -- the balance sheet -------------------------------------------------------------------

def test_balance_sheet_of_a_closed_year_agrees_to_the_fen(books_read):
    sheet = statements.balance_sheet(2025, today=date(2026, 9, 30))
    assert (sheet.start, sheet.end) == (date(2024, 12, 31), date(2025, 12, 31))
    expected = expected_sheet("2025-12-31")
    assert {line.row.key: line.end for line in sheet.lines} == expected
    assert all(line.start == 0 for line in sheet.lines)
    # by hand: cash 3000 - 1200 - 500, bank 80000 + 5000 - 330; H002 owes 500, H001 is
    # owed its dividend 1000; 1470 earned, 1147 distributed
    assert expected["monetary_funds"] == fen("85970")
    assert (expected["receivables"], expected["payables"]) == (fen("500"), fen("1000"))
    assert expected["undistributed"] == fen("323")
    assert expected["total_assets"] == expected["total_liabilities_and_equity"] == fen("284470")
    assert sheet.problems == []


def test_balance_sheet_of_the_open_year_ends_today_with_unclosed_income(books_read):
    sheet = statements.balance_sheet(2026, today=date(2026, 9, 30))
    assert (sheet.start, sheet.end) == (date(2025, 12, 31), date(2026, 9, 30))
    start, end = expected_sheet("2025-12-31"), expected_sheet("2026-09-30")
    assert {line.row.key: (line.start, line.end) for line in sheet.lines} == {
        key: (start[key], end[key]) for key in start}
    # the year's income not yet closed: 300 + 8000 + 3000 - 840 - 80 - 150 - 1000 - 5000
    assert end["undistributed"] - start["undistributed"] == fen("4230")
    # H002 owes 500 + 300, H003 60; the collective owes H001 1000 + 840 + 4417.50 - 50 - 4000
    assert end["receivables"] == fen("860") and end["payables"] == fen("2207.50")
    assert sheet.problems == []
    assert statements.balance_sheet(2026, today=date(2027, 1, 5)).end == date(2026, 12, 31)


def test_a_balance_sheet_that_does_not_balance_names_the_day(books_read):
    sheet = statements.balance_sheet(2025, today=date(2026, 9, 30))
    sheet.by_key["total_assets"].end += 1  # as if a kept balance had drifted
    [(key, params)] = sheet.problems
    assert key == "statement_unbalanced"
    assert params["date"] == "2025-12-31" and params["assets"] - params["claims"] == 1


def test_check_reports_a_drifted_month_as_an_unbalanced_sheet(village):
    cash = models.Account.get(models.Account.code == "101")
    (models.AccountMonth.update(debit=models.AccountMonth.debit + 100)
     .where((models.AccountMonth.account == cash) & (models.AccountMonth.month == "2026-02"))
     .execute())
    messages = [finding.message("en") for finding in check.run()]
    assert any("balance sheet 2026" in text and "total assets" in text for text in messages)
    (models.AccountMonth.update(debit=models.AccountMonth.debit - 100)
     .where((models.AccountMonth.account == cash) & (models.AccountMonth.month == "2026-02"))
     .execute())


# -- the income statement and the distribution ------------------------------------------

def test_income_statement_of_a_closed_year(books_read):
    report = statements.income_statement(2025)
    year = dict(first="2025-01-01", closing=False)
    credit = lambda *codes: -net("2025-12-31", of(*codes), **year)  # noqa: E731
    debit = lambda *codes: net("2025-12-31", of(*codes), **year)  # noqa: E731
    operating = credit("501") + credit("502") - debit("511") - debit("512") - debit("513")
    total = operating + credit("503") + credit("504") - debit("514") - debit("515")
    assert report.figures == dict(
        operating_income=0, investment_income=0, operating_expenses=0, taxes_and_surcharges=0,
        administrative_expenses=fen("3530"), operating_profit=operating,
        subsidy_income=fen("5000"), other_income=0, public_welfare_expenses=0,
        other_expenses=0, total_profit=total, income_tax=0, net_income=fen("1470"),
        opening_undistributed=0, transfers_in=0, distributable=fen("1470"),
        reserve=fen("147"), member_distribution=fen("1000"), other_distribution=0,
        closing_undistributed=fen("323"))
    assert report.figures["closing_undistributed"] == expected_sheet("2025-12-31")["undistributed"]
    assert report.problems == []
    assert [row.key for row, _ in report.rows] == [row.key for row in INCOME_STATEMENT]


def test_income_statement_of_the_open_year_starts_from_last_years_undistributed(books_read):
    report = statements.income_statement(2026).figures
    assert report["opening_undistributed"] == fen("323")
    assert report["operating_income"] == fen("8300")
    assert report["operating_expenses"] == fen("840")
    assert report["administrative_expenses"] == fen("1230")
    assert report["public_welfare_expenses"] == fen("5000")
    assert report["other_income"] == fen("3000")
    assert report["net_income"] == fen("4230")
    assert report["distributable"] == report["closing_undistributed"] == fen("4553")
    assert report["reserve"] == report["member_distribution"] == 0


def test_distribution_reads_the_close(books_read):
    found = statements.distribution(2025)
    assert (found.net_income, found.reserve, found.members) == (fen("1470"), fen("147"),
                                                                fen("1000"))
    assert [tuple(d) for d in found.dividends] == [("H001", 1500, fen("1000"))]
    assert statements.distribution(2026).dividends == []


def test_a_reversed_close_nets_out(village):
    closing = models.GeneralVoucher.select().where(models.GeneralVoucher.source == "closing")
    for general in list(closing):
        vouchers.reverse(general.id, "重新分配", day=date(2025, 12, 31))
    report = statements.income_statement(2025)
    assert report.figures["reserve"] == report.figures["member_distribution"] == 0
    assert report.figures["closing_undistributed"] == fen("1470")
    assert report.problems == []


def test_check_passes_with_every_identity(books_read):
    assert check.run() == []
    for year in (2025, 2026):
        assert statements.problems(year, today=date(2026, 9, 30)) == []


# -- the books -----------------------------------------------------------------------------

def test_cash_book_runs_its_balance_and_flags_the_days_below_zero(books_read):
    cash = books.cash_book(date(2026, 1, 1), date(2026, 12, 31), "zh")
    assert cash.opening == fen("1300")  # 3000 - 1200 - 500
    running, seen = cash.opening, []
    for line in cash.lines:
        running += line.debit - line.credit
        assert line.balance == running
        seen.append((line.date.isoformat(), line.debit, line.credit))
    assert seen == [(d, dr, cr) for d, a, dr, cr, _ in sorted(POSTED, key=lambda p: p[0])
                    if a == "101" and d >= "2026"]
    assert cash.closing == net("2026-12-31", of("101")) == fen("660")
    assert cash.short_days == [(date(2026, 8, 10), -fen("3340")), (date(2026, 8, 12),
                                                                  -fen("340"))]
    drawn = cash.lines[0]
    assert drawn.number == "记-2026-01-0001" and drawn.summary == "提现" and drawn.counter == "102"
    paid = next(line for line in cash.lines if line.date == date(2026, 5, 12))
    assert paid.summary.startswith("结算款 王芳") and paid.counter == "113.H003"
    months = [entry for entry in cash.entries
              if isinstance(entry, books.Subtotal) and entry.kind == "month"]
    assert [(m.label.month, m.debit, m.credit) for m in months] == [
        (1, fen("500"), 0), (2, 0, fen("80")), (5, 0, fen("60")),
        (8, fen("4000"), fen("5000"))]
    year_rows = [entry for entry in cash.entries
                 if isinstance(entry, books.Subtotal) and entry.kind == "year"]
    assert (year_rows[-1].debit, year_rows[-1].credit) == (fen("4500"), fen("5140"))


def test_check_warns_of_negative_cash_without_failing(village):
    warnings: list = []
    assert check.run(warnings=warnings) == []
    assert [w.message("en") for w in warnings] == [
        "warning: cash on hand was below zero from 2026-08-10 to 2026-08-19 (at worst "
        "-3340.00): a receipt was probably not recorded"]
    voucher("2026-09-01", ("514", "700", ""), ("101", "", "700"), summary="路灯")
    warnings.clear()
    assert check.run(warnings=warnings) == []
    assert [w.message("zh") for w in warnings][1:] == [
        "警告：自 2026-09-01 起库存现金余额小于零（最低 -40.00）：可能有收款未入账"]


def test_bank_book_and_a_household_ledger(books_read):
    bank = books.bank_book(date(2026, 4, 1), date(2026, 6, 30), "zh")
    assert bank.opening == net("2026-03-31", of("102"))
    assert bank.closing == net("2026-06-30", of("102"))
    sale = next(line for line in bank.lines if line.date == date(2026, 5, 4))
    assert sale.summary == "售茧 B1 张国华" and sale.counter == "113.H001"
    h001 = books.account_ledger("113.H001", date(2026, 1, 1), date(2026, 12, 31), "zh")
    assert h001.opening == -fen("1000") and h001.closing == -fen("2207.50")
    internal = books.account_ledger("113", date(2025, 1, 1), date(2026, 12, 31))
    assert internal.closing == net("2026-12-31", of("113"))
    assert {line.account for line in internal.lines} == {"113.H001", "113.H002", "113.H003"}
    page = books.book_lines("102", date(2025, 1, 1), date(2026, 12, 31), limit=3)
    rest = books.book_lines("102", date(2025, 1, 1), date(2026, 12, 31), after=page[-1].key)
    assert [line.key for line in page + rest] == [
        line.key for line in books.book_lines("102", date(2025, 1, 1), date(2026, 12, 31))]
    for line in bank.lines:  # a page carries forward the balance after its last line
        assert books.balance_after("102", line.key) == line.balance


def test_every_months_books_list_its_lines_even_one_entered_months_late(village):
    """A month's book reads the account's postings among the ids of the month's vouchers
    where those run together, and the month's vouchers by date where one was entered
    long after its day (here January's second, after the year's others): both list what
    was posted, in date order, and end where the postings do."""
    voucher("2026-01-20", ("102", "700", ""), ("101", "", "700"), summary="存现")
    in_order = sorted(POSTED, key=lambda line: line[0])  # stable: as entered within a day
    for month in range(1, 13):
        first = date(2026, month, 1)
        last = date(2026, 12, 31) if month == 12 else date(2026, month + 1, 1) - timedelta(1)
        for code in ("101", "102", "113", "513"):
            book = books.account_ledger(code, first, last)
            assert [(line.date.isoformat(), line.debit, line.credit) for line in book.lines] \
                == [(day, debit, credit) for day, account, debit, credit, _ in in_order
                    if first.isoformat() <= day <= last.isoformat() and of(code)(account)]
            assert book.closing == net(last.isoformat(), of(code))
    january = books.cash_book(date(2026, 1, 1), date(2026, 1, 31))
    assert [(line.summary, line.balance) for line in january.lines] == [
        ("提现", fen("1800")), ("存现", fen("1100"))]


def test_general_ledger_months_and_balances(books_read):
    ledger = books.general_ledger(2026)
    by_code = {account.code: account for account in ledger.accounts}
    assert "." not in "".join(by_code)
    for code, account in by_code.items():
        assert account.opening == net("2025-12-31", of(code))
        for month, movement in enumerate(account.months, 1):
            first, last = f"2026-{month:02d}-01", f"2026-{month:02d}-31"
            assert movement.debit == sum(dr for d, a, dr, _, _ in POSTED
                                         if first <= d <= last and of(code)(a))
            assert movement.balance == net(last, of(code))
    assert by_code["201"].year.debit == fen("5000")


@pytest.mark.parametrize("first, last", [
    ("2026-04-01", "2026-04-30"), ("2026-04-01", "2026-06-30"), ("2026-01-01", "2026-12-31"),
    ("2025-12-01", "2025-12-31")])
def test_trial_balance_of_a_period(books_read, first, last):
    report = books.trial_balance(date.fromisoformat(first), date.fromisoformat(last))
    year_start = last[:4] + "-01-01"
    assert report.balanced
    for row in report.rows:
        wanted = of(row.code)
        assert row.opening == sum(dr - cr for d, a, dr, cr, _ in POSTED if d < first and wanted(a))
        assert (row.debit, row.credit) == (
            sum(dr for d, a, dr, _, _ in POSTED if first <= d <= last and wanted(a)),
            sum(cr for d, a, _, cr, _ in POSTED if first <= d <= last and wanted(a)))
        assert (row.year_debit, row.year_credit) == (
            sum(dr for d, a, dr, _, _ in POSTED if year_start <= d <= last and wanted(a)),
            sum(cr for d, a, _, cr, _ in POSTED if year_start <= d <= last and wanted(a)))
        assert row.closing == net(last, wanted)
    codes = {row.code for row in report.rows}
    assert codes >= {a for d, a, _, _, _ in POSTED if first <= d <= last}


def test_row_table_names_every_key_once_with_its_line():
    for rows in (BALANCE_SHEET, INCOME_STATEMENT):
        keys = [row.key for row in rows]
        assert len(keys) == len(set(keys))
        assert len({row.line for row in rows}) == len(rows)
        for row in rows:
            for term in row.formula:
                body = term.lstrip("+-=").rstrip("<>")
                assert body in keys or body in chart.BY_CODE, (row.key, term)


def test_the_year_is_open_until_closed(village):
    assert statements.year_span(2026, date(2026, 9, 30)) == (date(2026, 1, 1),
                                                             date(2026, 9, 30))
    db.set_meta("closed_years", "2026")
    assert statements.year_span(2026, date(2026, 9, 30)) == (date(2026, 1, 1),
                                                             date(2026, 12, 31))
    db.set_meta("closed_years", "")
