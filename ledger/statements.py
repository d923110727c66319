"""The statutory statements: the 资产负债表 (balance sheet), the 收益及收益分配表 (income
statement with the distribution) and the year's distribution to the member households.

Each is a plain structure of figures in fen, read from the kept balances through
`ledger.periods` (never posting by posting), with its rows and formulas from
`ledger.statement_rows`. Each checks its own identities and names any that fails in
`problems`, which `check` reports for every year with vouchers:
- 资产总计 = 负债和所有者权益总计, at the start and at the end of the year;
- the income statement's 年末未分配收益 = the balance sheet's 未分配收益 on 31 December.

Balances are positive on their normal side. The start of a year is the balance at the
end of the year before; its end is 31 December, or today in the open current year.
未分配收益 includes the year's income and expense not yet carried to 本年收益, so the
sheet balances on any day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import fn

from ledger import chart, models, periods, voucher_rules
from ledger.distribution import Dividend
from ledger.statement_rows import BALANCE_SHEET, INCOME_STATEMENT, StatementRow

#: A failed identity: a message key and its parameters (money in fen).
Problem = tuple[str, dict]


@dataclass
class SheetLine:
    row: StatementRow
    start: int
    end: int


@dataclass
class BalanceSheet:
    year: int
    start: date  # balances at the end of this day (31 December of the year before)
    end: date
    lines: list[SheetLine]

    def figure(self, key: str, which: str = "end") -> int:
        return getattr(self.by_key[key], which)

    @property
    def by_key(self) -> dict[str, SheetLine]:
        return {line.row.key: line for line in self.lines}

    @property
    def problems(self) -> list[Problem]:
        found = []
        for which in ("start", "end"):
            assets = self.figure("total_assets", which)
            claims = self.figure("total_liabilities_and_equity", which)
            if assets != claims:
                found.append(("statement_unbalanced", dict(
                    year=self.year, date=getattr(self, which).isoformat(), assets=assets,
                    claims=claims)))
        return found


@dataclass
class IncomeStatement:
    year: int
    figures: dict[str, int]  # by row key, in the order of the table
    undistributed_at_end: int  # the balance sheet's 未分配收益 on 31 December

    @property
    def rows(self) -> list[tuple[StatementRow, int]]:
        return [(row, self.figures[row.key]) for row in INCOME_STATEMENT]

    @property
    def problems(self) -> list[Problem]:
        closing = self.figures["closing_undistributed"]
        if closing != self.undistributed_at_end:
            return [("statement_undistributed_differs", dict(
                year=self.year, computed=closing, kept=self.undistributed_at_end))]
        return []


@dataclass
class Distribution:
    year: int
    net_income: int
    reserve: int
    members: int
    dividends: list[Dividend] = field(default_factory=list)  # by household code


def year_span(year: int, today: date | None = None) -> tuple[date, date]:
    """The days a statement of `year` covers: 1 January to 31 December, or to `today`
    (default: the real today) in the open current year."""
    today = today or date.today()
    first, last = date(year, 1, 1), date(year, 12, 31)
    if today.year == year and year not in voucher_rules.closed_years():
        last = today
    return first, last


def balance_sheet(year: int, today: date | None = None) -> BalanceSheet:
    """The balance sheet of `year`: every row at its start and its end."""
    first, last = year_span(year, today)
    before = first - timedelta(days=1)
    start = evaluate(BALANCE_SHEET, periods.rolled_up(periods.balances(before)))
    end = evaluate(BALANCE_SHEET, periods.rolled_up(periods.balances(last)))
    return BalanceSheet(year, before, last,
                        [SheetLine(row, start[row.key], end[row.key]) for row in BALANCE_SHEET])


def income_statement(year: int) -> IncomeStatement:
    """The year's income and expense (without the year-end close's vouchers), then what
    was distributed, read from the close's vouchers (their reversals net them out)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    everything = periods.sums(first, last)
    without_close = periods.sums(first, last, closing=False)
    close = _difference(everything, without_close)
    reserve = _credit_less_debit(close, lambda code: code == chart.RESERVE)
    members = _credit_less_debit(close, _is_household)
    # What the close took out of 本年收益, 收益分配 and the 损益 accounts: the distribution.
    distributed = -_credit_less_debit(close, _is_income_or_distribution)
    computed = {
        "opening_undistributed": undistributed(first - timedelta(days=1)),
        "transfers_in": 0,
        "reserve": reserve,
        "member_distribution": members,
        "other_distribution": distributed - reserve - members,
    }
    figures = evaluate(INCOME_STATEMENT, periods.rolled_up(without_close), computed)
    return IncomeStatement(year, figures, undistributed(last))


def distribution(year: int) -> Distribution:
    """The year's distribution as its close posted it: the reserve, the members' amount
    and each household's dividend (credits less debits on its 113 sub-account in the
    close's vouchers), with the household's shares as stored today."""
    statement = income_statement(year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    close = _difference(periods.sums(first, last), periods.sums(first, last, closing=False))
    amounts = {code.partition(".")[2]: credit - debit
               for code, (debit, credit) in close.items() if _is_household(code)}
    dividends = []
    if any(amounts.values()):
        Party = models.Party
        holders = dict(Party.select(Party.code, Party.shares)
                       .where((Party.kind == "household")
                              & ((Party.shares > 0) | Party.code.in_(list(amounts))))
                       .tuples())
        dividends = [Dividend(code, holders[code], amounts.get(code, 0))
                     for code in sorted(holders)]
    return Distribution(year, statement.figures["net_income"], statement.figures["reserve"],
                        statement.figures["member_distribution"], dividends)


def years_with_vouchers() -> list[int]:
    """Every year from the first voucher's to the last's."""
    Voucher = models.Voucher
    first, last = Voucher.select(fn.MIN(Voucher.date), fn.MAX(Voucher.date)).tuples().get()
    if first is None:
        return []
    return list(range(int(str(first)[:4]), int(str(last)[:4]) + 1))


def problems(year: int, today: date | None = None) -> list[Problem]:
    """Every identity of the year's statements that fails."""
    return balance_sheet(year, today).problems + income_statement(year).problems


# -- formulas ----------------------------------------------------------------------------

def evaluate(rows: tuple[StatementRow, ...], sums: periods.Sums,
             computed: dict[str, int] | None = None) -> dict[str, int]:
    """Each row's figure from `sums` (rolled up: level-1 accounts include their
    sub-accounts); rows without a formula take their figure from `computed`."""
    values: dict[str, int] = {}
    for row in rows:
        if not row.formula:
            values[row.key] = (computed or {}).get(row.key, 0)
            continue
        values[row.key] = sum(_term(term, sums, values) for term in row.formula)
    return values


def _term(term: str, sums: periods.Sums, values: dict[str, int]) -> int:
    sign = -1 if term[0] == "-" else 1
    body = term[1:] if term[0] in "+-" else term
    if body.startswith("="):
        return sign * values[body[1:]]
    if body[-1] in "<>":
        head = body[:-1] + "."
        balances = [debit - credit for code, (debit, credit) in sums.items()
                    if code.startswith(head)]
        wanted = (max(b, 0) for b in balances) if body[-1] == ">" else (max(-b, 0)
                                                                          for b in balances)
        return sign * sum(wanted)
    debit, credit = sums.get(body, (0, 0))
    return sign * normal_balance(body, debit, credit)


def normal_balance(code: str, debit: int, credit: int) -> int:
    """A balance positive on the account's normal side (a sub-account the chart does not
    name has its level-1 account's side)."""
    account = chart.BY_CODE.get(code) or chart.BY_CODE[chart.parent_of(code) or code]
    return debit - credit if account.side == "debit" else credit - debit


def undistributed(day: date) -> int:
    """The balance sheet's 未分配收益 at the end of `day`."""
    return evaluate(BALANCE_SHEET, periods.rolled_up(periods.balances(day)))["undistributed"]


def _difference(more: periods.Sums, less: periods.Sums) -> periods.Sums:
    found = {}
    for code in set(more) | set(less):
        debit, credit = more.get(code, (0, 0))
        debit_less, credit_less = less.get(code, (0, 0))
        if debit - debit_less or credit - credit_less:
            found[code] = (debit - debit_less, credit - credit_less)
    return found


def _credit_less_debit(sums: periods.Sums, wanted) -> int:
    return sum(credit - debit for code, (debit, credit) in sums.items() if wanted(code))


def _is_household(code: str) -> bool:
    return code.startswith(chart.INTERNAL + ".")


def _is_income_or_distribution(code: str) -> bool:
    head = chart.parent_of(code) or code
    return head in chart.YEAR_END_ONLY or chart.is_income_or_expense(head)
