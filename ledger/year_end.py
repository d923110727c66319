"""The year-end close (年终结账) and the distribution of the year's income (收益分配).

`plan` works out, without writing anything, what closing YEAR would do: the year's net
income (本年收益), what is distributable (可分配收益 = 本年收益 + 年初未分配收益 + 其他转入),
the reserve (提取公积公益金), each member household's dividend by its shares, the four
closing vouchers, and every reason the close would be refused. `close_year` posts those
vouchers, all dated YEAR-12-31 and of source "closing", in one transaction with the lock
of the year and its audit entry; `reopen_year` reverses them (红字冲销) and unlocks the
year. The vouchers are read back by the statements by their source (docs/accounting.md,
"The whole books (year end)").
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ledger import (audit, chart, check, db, money, models, periods, rules, statements, stores,
                    voucher_rules)
from ledger.book import Writer
from ledger.closing import CheckFailed, backed_up
from ledger.distribution import split_by_shares
from ledger.errors import LedgerError
from ledger.i18n import t
from ledger.refs import Refs

#: Where the close's vouchers come from (`voucher_rules.SOURCES`).
SOURCE = "closing"
#: The reserve percent is kept in hundredths of a percent: 10.5% is 1050.
PERCENT_PLACES = 2
PERCENT_SCALE = 100 * 10 ** PERCENT_PLACES


@dataclass(frozen=True)
class Dividend:
    """One member household's share of the members' amount."""

    code: str
    name: str
    shares: int  # thousandths
    amount: int  # fen


@dataclass(frozen=True)
class ClosingVoucher:
    """One voucher the close posts: its summary and lines (summary, account, debit,
    credit), in fen."""

    summary: str
    lines: list[tuple[str, str, int, int]]


@dataclass
class Plan:
    """What closing `year` would post, and why it may not; money in fen. A plain value,
    for the command line's dry run and the terminal UI's preview alike."""

    year: int
    reserve_percent: int  # hundredths of a percent
    net_income: int
    opening_undistributed: int
    transfers_in: int
    reserve: int
    members: int
    other: int
    other_account: str | None
    dividends: list[Dividend]
    vouchers: list[ClosingVoucher]
    #: Every reason the close is refused, each a message a person can act on.
    problems: list[LedgerError] = field(default_factory=list)

    @property
    def distributable(self) -> int:
        """可分配收益."""
        return self.net_income + self.opening_undistributed + self.transfers_in

    @property
    def distributed(self) -> int:
        """Reserve, members and other together: what 322.01 is debited with."""
        return self.reserve + self.members + self.other

    @property
    def closing_undistributed(self) -> int:
        """未分配收益 at the end of the year, once closed."""
        return self.distributable - self.distributed

    @property
    def percent_text(self) -> str:
        return money.quantity(self.reserve_percent * 10)

    @property
    def ok(self) -> bool:
        return not self.problems


def plan(year: int, reserve_percent, members, other=0, other_account: str | None = None) -> Plan:
    """The close of `year` as it would be posted now. `reserve_percent` and the amounts
    (yuan) are text or Decimal, read exactly; nothing is written."""
    problems: list[LedgerError] = []
    percent = _percent(reserve_percent, problems)
    members_fen = _amount(members, "year_end_members", problems)
    other_fen = _amount(other, "year_end_other", problems)
    account = _other_account(other_fen, other_account, problems)
    problems += _year_problems(year)

    first, last = date(year, 1, 1), date(year, 12, 31)
    movements = periods.sums(first, last, closing=False)
    income = {code: credit - debit for code, (debit, credit) in sorted(movements.items())
              if chart.is_income_or_expense(code) and credit != debit}
    net_income = sum(income.values())
    opening = statements.undistributed(date(year - 1, 12, 31))
    reserve = money.div_half_up(net_income * percent, PERCENT_SCALE) if net_income > 0 else 0
    dividends = _dividends(members_fen, problems)
    found = Plan(year, percent, net_income, opening, 0, reserve, members_fen, other_fen, account,
                 dividends, [], problems)
    if found.distributed > 0 and found.distributed > found.distributable:
        problems.append(LedgerError("year_end_too_much", total=money.yuan(found.distributed),
                                    distributable=money.yuan(found.distributable)))
    found.vouchers = _vouchers(found, income)
    return found


@stores.retried
def close_year(year: int, reserve_percent, members, other=0, other_account: str | None = None,
               progress: Callable[[int, int], None] | None = None,
               backup: bool = True) -> Plan:
    """Close `year`: the plan's vouchers posted, the year locked and the close audited, in
    one transaction; refused with nothing written when the plan has a problem or `check`
    finds one (`progress` follows the check). Called inside a transaction of the caller's
    (an import's), the check runs on that transaction's connection and sees its
    uncommitted rows (`check.run`), and the close is part of it: then `backup` False,
    since the caller has made its own copy before it began."""
    found = plan(year, reserve_percent, members, other, other_account)
    if found.problems:
        raise found.problems[0]
    findings = check.run(progress)
    if findings:
        raise YearCheckFailed(findings)
    transaction = models.database.atomic()
    with backed_up(transaction) if backup else transaction:
        found = plan(year, reserve_percent, members, other, other_account)  # under the lock
        if found.problems:
            raise found.problems[0]
        writer = Writer(Refs())
        ids = [writer.add_general(_values(year, voucher), voucher.summary, SOURCE)
               for voucher in found.vouchers]
        writer.finish()
        db.set_meta("closed_years", _years_text(voucher_rules.closed_years() | {year}))
        audit.log("close_year", kind=voucher_rules.KIND,
                  ids=(ids[0], ids[-1]) if ids else None, target=str(year),
                  after=_figures(found))
    return found


def plan_of(year: int) -> dict[str, str]:
    """The plan closed `year` stands on, as its close's audit entry keeps it:
    `reserve_percent` (`10`, `12.5`), `members` and `other` (yuan, `8000.00`) and
    `other_account` (`""` when none); what `close_year` needs to close it again."""
    Change = models.Change
    after = (Change.select(Change.after)
             .where((Change.action == "close_year") & (Change.target == str(year)))
             .order_by(Change.id.desc()).limit(1).scalar())
    if after is None:
        raise LedgerError("year_end_not_closed", year=year)
    figures = json.loads(after)
    return {key: figures.get(key, "") for key in ("reserve_percent", "members", "other",
                                                  "other_account")}


@stores.retried
def reopen_year(year: int, reason: str) -> list[int]:
    """Reopen `year`, the latest closed: its closing vouchers reversed (红字冲销, dated as
    they were), the lock lifted, and the reason kept in the audit trail; the reversals'
    ids."""
    from ledger import vouchers

    if not reason or not reason.strip():
        raise LedgerError("reopen_year_needs_reason")
    reason = rules.read_reason(voucher_rules.KIND, reason)
    closed = voucher_rules.closed_years()
    if year not in closed:
        raise LedgerError("year_end_not_closed", year=year)
    later = sorted(closed_year for closed_year in closed if closed_year > year)
    if later:
        raise LedgerError("year_end_later_closed", year=year, later=later[-1])
    with models.database.atomic():
        db.set_meta("closed_years", _years_text(closed - {year}))
        reversals = [vouchers.reverse(general_id, reason) for general_id in reversed(
            closing_vouchers(year))]
        audit.log("reopen_year", kind=voucher_rules.KIND,
                  ids=(reversals[-1], reversals[0]) if reversals else None,
                  target=str(year), reason=reason)
    return reversals


def closing_vouchers(year: int) -> list[int]:
    """The ids of the close's vouchers of `year` that stand (not reversed), in order."""
    GeneralVoucher = models.GeneralVoucher
    reversed_ids = (GeneralVoucher.select(GeneralVoucher.reverses)
                    .where(GeneralVoucher.reverses.is_null(False)))
    return list(GeneralVoucher.select(GeneralVoucher.id)
                .where((GeneralVoucher.source == SOURCE)
                       & (GeneralVoucher.date == date(year, 12, 31))
                       & GeneralVoucher.reverses.is_null()
                       & GeneralVoucher.id.not_in(reversed_ids))
                .order_by(GeneralVoucher.id).scalars())


class YearCheckFailed(CheckFailed):
    """The ledger has problems; a year is not closed over them."""

    def __init__(self, findings: list):
        super().__init__(findings)
        self.key = "close_year_check_failed"


# -- reading the inputs ------------------------------------------------------------------

def _percent(value, problems: list) -> int:
    try:
        percent = money.parse_fixed(value, PERCENT_PLACES, limit=100)
    except money.NumberError:
        percent = -1
    if not 0 <= percent <= PERCENT_SCALE:
        problems.append(LedgerError("year_end_bad_percent", value=_shown(value)))
        return 0
    return percent


def _amount(value, label: str, problems: list) -> int:
    try:
        fen = money.parse_fixed(_exact(value), money.MONEY_PLACES, limit=rules.MONEY_LIMIT)
    except money.NumberError as error:
        problems.append(LedgerError("year_end_bad_amount", field=t(label), value=_shown(value),
                                    reason=t(error.reason, **error.params)))
        return 0
    if fen < 0:
        problems.append(LedgerError("year_end_negative_amount", field=t(label),
                                    value=_shown(value)))
        return 0
    return fen


def _exact(value):
    """Amounts come as text or Decimal; a whole number of yuan may come as an int."""
    return "0" if value is None or value == "" else value


def _shown(value) -> str:
    return str(value)[:40]


def _other_account(other: int, code: str | None, problems: list) -> str | None:
    if not code:
        if other > 0:
            problems.append(LedgerError("year_end_other_needs_account"))
        return None
    code = code.strip()
    ref = voucher_rules.account(code)
    head = chart.parent_of(code) or code
    why = ("year_end_other_account_missing" if ref is None
           else "year_end_other_account_parent" if ref.has_children
           else "year_end_other_account_equity" if head in chart.YEAR_END_ONLY
           else "year_end_other_account_internal" if head == chart.INTERNAL
           else None)
    if why is not None:
        problems.append(LedgerError("year_end_other_account_bad", code=code[:40], why=t(why)))
    return code


def _year_problems(year: int) -> list[LedgerError]:
    """The close of `year` needs the year open, the years before it that have vouchers
    closed, and its seasons closed."""
    closed = voucher_rules.closed_years()
    if year in closed:
        return [LedgerError("year_end_already_closed", year=year)]
    problems = []
    earlier = _earliest_open_year_before(year, closed)
    if earlier is not None:
        problems.append(LedgerError("year_end_earlier_open", earlier=earlier))
    Season = models.Season
    open_seasons = list(Season.select(Season.code)
                        .where((Season.end >= date(year, 1, 1)) & (Season.end <= date(year, 12, 31))
                               & Season.closed.is_null())
                        .order_by(Season.end).scalars())
    if open_seasons:
        problems.append(LedgerError("year_end_season_open", season=open_seasons[0], year=year))
    return problems


def _earliest_open_year_before(year: int, closed: set[int]) -> int | None:
    """The first year before `year` that has a voucher and is not closed."""
    Voucher = models.Voucher
    first = (Voucher.select(Voucher.date).where(Voucher.date < date(year, 1, 1))
             .order_by(Voucher.date).limit(1).scalar())
    if first is None:
        return None
    for earlier in range(Voucher.date.python_value(first).year, year):
        if earlier in closed:
            continue
        if Voucher.select().where((Voucher.date >= date(earlier, 1, 1))
                                  & (Voucher.date <= date(earlier, 12, 31))).exists():
            return earlier
    return None


def _dividends(members: int, problems: list) -> list[Dividend]:
    Party = models.Party
    holders = list(Party.select(Party.code, Party.name, Party.shares)
                   .where((Party.kind == "household") & (Party.shares != 0))
                   .order_by(Party.code).tuples())
    negative = [(code, shares) for code, _, shares in holders if shares < 0]
    if negative:
        code, shares = negative[0]
        problems.append(LedgerError("year_end_negative_shares", code=code,
                                    shares=money.quantity(shares)))
        return []
    if members > 0 and not holders:
        problems.append(LedgerError("year_end_no_shareholders", amount=money.yuan(members)))
        return []
    names = {code: name for code, name, _ in holders}
    return [Dividend(code, names[code], shares, amount) for code, shares, amount
            in split_by_shares(members, [(code, shares) for code, _, shares in holders])]


# -- the vouchers ---------------------------------------------------------------------------

def _vouchers(found: Plan, income: dict[str, int]) -> list[ClosingVoucher]:
    """The four closing vouchers, those whose lines would all be zero left out."""
    zh = chart.BOOKS_LANGUAGE
    net = found.net_income
    made = []
    title = t("year_end.voucher.income", zh)
    lines = [(title, code, amount, 0) if amount > 0 else (title, code, 0, -amount)
             for code, amount in income.items()]
    if net:
        lines.append((title, chart.CURRENT_INCOME, 0, net) if net > 0
                     else (title, chart.CURRENT_INCOME, -net, 0))
    made.append(ClosingVoucher(title, lines))
    title = t("year_end.voucher.net_income", zh)
    if net > 0:
        made.append(ClosingVoucher(title, [(title, chart.CURRENT_INCOME, net, 0),
                                           (title, chart.UNDISTRIBUTED, 0, net)]))
    elif net < 0:
        made.append(ClosingVoucher(title, [(title, chart.UNDISTRIBUTED, -net, 0),
                                           (title, chart.CURRENT_INCOME, 0, -net)]))
    title = t("year_end.voucher.distribution", zh)
    total = found.distributed
    lines = [(title, chart.DISTRIBUTIONS, total, 0)]
    if found.reserve:
        lines.append((t("year_end.line.reserve", zh), chart.RESERVE, 0, found.reserve))
    lines += [(t("year_end.line.dividend", zh, code=dividend.code),
               chart.household_account(dividend.code), 0, dividend.amount)
              for dividend in found.dividends if dividend.amount]
    if found.other:
        lines.append((t("year_end.line.other", zh), found.other_account, 0, found.other))
    made.append(ClosingVoucher(title, lines))
    title = t("year_end.voucher.distributions", zh)
    made.append(ClosingVoucher(title, [(title, chart.UNDISTRIBUTED, total, 0),
                                       (title, chart.DISTRIBUTIONS, 0, total)]))
    return [voucher for voucher in made
            if any(debit or credit for _, _, debit, credit in voucher.lines)]


def _values(year: int, voucher: ClosingVoucher) -> dict:
    """A closing voucher as `voucher_rules.check` reads one, dated YEAR-12-31."""
    lines = [dict(summary=summary, account=code, **({"debit": money.yuan(debit)} if debit
                                                     else {"credit": money.yuan(credit)}))
             for summary, code, debit, credit in voucher.lines]
    return dict(date=f"{year:04d}-12-31", lines=lines, maker=audit.operator())


def _figures(found: Plan) -> dict[str, str]:
    """The plan's figures as the audit trail keeps them."""
    return dict(year=str(found.year), reserve_percent=found.percent_text,
                net_income=money.yuan(found.net_income),
                opening_undistributed=money.yuan(found.opening_undistributed),
                transfers_in=money.yuan(found.transfers_in),
                distributable=money.yuan(found.distributable),
                reserve=money.yuan(found.reserve), members=money.yuan(found.members),
                other=money.yuan(found.other), other_account=found.other_account or "",
                closing_undistributed=money.yuan(found.closing_undistributed))


def _years_text(years: set[int]) -> str:
    return ",".join(str(year) for year in sorted(years))
