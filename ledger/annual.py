"""A household's annual statement (年度对账单): its year with the collective on one page.

For household H and YEAR: the net income of each season that ends in the year and what
was settled in it, the general vouchers on its 内部往来 account dated in the year (the
dividend of the year-end close named as such), and the balance owed to it at 1 January
and at 31 December. Balances are by date, as the books keep them; the seasons' figures
are the season report's (`ledger.income`), so the statement agrees with the settlement
sheets. A season that runs across New Year has records dated in two years; what of them
falls outside the year is shown on its own line, so the statement always adds up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ledger import anchors, chart, income, models, periods, vouchers
from ledger.errors import LedgerError
from ledger.year_end import SOURCE as CLOSING


@dataclass(frozen=True)
class SeasonFigures:
    code: str
    name: str
    start: date
    end: date
    net_income: int  # fen
    paid: int        # settled in the season: paid to the household +, by it −


@dataclass(frozen=True)
class VoucherMovement:
    """A general voucher's line on the household's account; credit-positive (owed to it)."""

    date: date
    number: str     # 记-2026-12-0042
    summary: str
    amount: int
    dividend: bool  # posted by the year-end close: the household's dividend by shares


@dataclass
class AnnualStatement:
    year: int
    code: str
    name: str
    group: str
    seasons: list[SeasonFigures]
    movements: list[VoucherMovement]
    opening: int   # owed to the household at 1 January, fen
    closing: int   # owed to it at 31 December
    check_code: str = ""
    village: str = ""
    collective: str = ""
    #: (date, season, direction, method, memo, amount: paid to the household +, by it −)
    payments: list[tuple] = field(default_factory=list)

    @property
    def net_income(self) -> int:
        return sum(season.net_income for season in self.seasons)

    @property
    def paid(self) -> int:
        return sum(season.paid for season in self.seasons)

    @property
    def dividend(self) -> int:
        return sum(movement.amount for movement in self.movements if movement.dividend)

    @property
    def other_vouchers(self) -> int:
        return sum(movement.amount for movement in self.movements if not movement.dividend)

    @property
    def across_the_year(self) -> int:
        """What records of seasons that run across New Year moved in other years (or in
        this year, for a season ending in the next): 0 when no season crosses."""
        return (self.closing - self.opening - self.net_income + self.paid
                - self.dividend - self.other_vouchers)


def statement(code: str, year: int) -> AnnualStatement:
    """Household `code`'s statement of `year`."""
    Party = models.Party
    household = Party.get_or_none((Party.code == code.strip().upper())
                                  & (Party.kind == "household"))
    if household is None:
        raise LedgerError("no_such_household", code=code)
    account = chart.household_account(household.code)
    first, last = date(year, 1, 1), date(year, 12, 31)
    Season = models.Season
    seasons = []
    for season in Season.select().where((Season.end >= first) & (Season.end <= last)).order_by(
            Season.start):
        figures = income.season_income(season, [household.id]).parties
        party = next(p for p in figures if p.id == household.id)
        seasons.append(SeasonFigures(season.code, season.name, season.start, season.end,
                                     party.net_income, party.paid))
    return AnnualStatement(
        year, household.code, household.name, household.group, seasons,
        _movements(account, first, last),
        _owed(account, first - timedelta(days=1)), _owed(account, last),
        anchors.current_code(), payments=_payments(household.id, first, last))


def _owed(account: str, day: date) -> int:
    debit, credit = periods.sums(None, day).get(account, (0, 0))
    return credit - debit


def _movements(account: str, first: date, last: date) -> list[VoucherMovement]:
    GeneralVoucher, VoucherLine, Account = models.GeneralVoucher, models.VoucherLine, models.Account
    Voucher = models.Voucher
    rows = list(VoucherLine.select(GeneralVoucher.id, GeneralVoucher.date, GeneralVoucher.source,
                                   VoucherLine.summary, VoucherLine.debit, VoucherLine.credit)
                .join(GeneralVoucher).switch(VoucherLine).join(Account)
                .where((Account.code == account) & (GeneralVoucher.date >= first)
                       & (GeneralVoucher.date <= last))
                .order_by(GeneralVoucher.date, GeneralVoucher.id, VoucherLine.id).tuples())
    journal = dict(Voucher.select(Voucher.record_id, Voucher.id)
                   .where((Voucher.kind == "vouchers")
                          & Voucher.record_id.in_([row[0] for row in rows])).tuples())
    numbers = vouchers.numbers(journal.values())
    return [VoucherMovement(GeneralVoucher.date.python_value(day),
                            numbers.get(journal.get(general_id), ""), summary, credit - debit,
                            source == CLOSING)
            for general_id, day, source, summary, debit, credit in rows]


def _payments(household_id: int, first: date, last: date) -> list[tuple]:
    """The payments of the year's seasons to and from the household, in date order."""
    Payment, Season = models.Payment, models.Season
    found = []
    query = (Payment.select(Payment.date, Season.code, Payment.direction, Payment.method,
                            Payment.memo, Payment.amount)
             .join(Season, on=(Payment.season == Season.id))
             .where((Payment.household == household_id) & (Season.end >= first)
                    & (Season.end <= last))
             .order_by(Payment.date, Payment.id))
    for day, season, direction, method, memo, amount in query.tuples():
        found.append((Payment.date.python_value(day), season, direction, method, memo,
                      amount if direction == "to_household" else -amount))
    return found
