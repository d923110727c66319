"""The trial balance (科目余额表): each account's opening balance, movements and closing.

Read from the account balances that posting keeps (per season, and over all seasons), so
its cost follows the number of accounts (and at most half the seasons), never the number
of records. Balances are signed with
debits positive; parent accounts (113, 501, 511) include their sub-accounts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import JOIN, fn

from ledger import chart, models
from ledger.seal import raw_rows


@dataclass
class AccountRow:
    code: str
    party_name: str | None
    is_parent: bool
    opening: int = 0  # debit-positive, fen
    debit: int = 0
    credit: int = 0

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit

    def name(self, lang: str) -> str:
        return chart.account_name(self.code, lang, self.party_name)


@dataclass
class TrialBalance:
    season: models.Season | None
    rows: list[AccountRow]  # parents, each followed by its sub-accounts

    @property
    def top(self) -> list[AccountRow]:
        return [row for row in self.rows if "." not in row.code]

    def total(self, figure: str) -> int:
        return sum(getattr(row, figure) for row in self.top)

    @property
    def balanced(self) -> bool:
        return (self.total("debit") == self.total("credit")
                and self.total("opening") == 0 and self.total("closing") == 0)


def trial_balance(season: models.Season | None = None) -> TrialBalance:
    """Every account with activity; with `season`, that season's movements and the
    balances before and after it, else the whole history."""
    Account, AccountBalance, Party = models.Account, models.AccountBalance, models.Party
    if season is None:
        opening: dict[int, tuple[int, int]] = {}
        period = account_sums(None)
    else:
        opening = account_sums(season, before=True)
        period = {account: (debit, credit) for account, debit, credit in
                  AccountBalance.select(AccountBalance.account, AccountBalance.debit,
                                        AccountBalance.credit)
                  .where(AccountBalance.season == season).tuples()}
        loose = seasonless_sums(after=season.start - timedelta(days=1), upto=season.end)
        period = _combined(period, loose, 1)
    # a household's sub-account is named after its head, one the accountant added by its
    # own name (513.01 电费)
    names = {account: (code, party_name) for account, code, party_name in
             Account.select(Account.id, Account.code,
                            fn.COALESCE(Party.name, fn.NULLIF(Account.name, "")))
             .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id)).tuples()}
    rows: dict[str, AccountRow] = {}
    for account in set(opening) | set(period):
        opening_debit, opening_credit = opening.get(account, (0, 0))
        debit, credit = period.get(account, (0, 0))
        start = opening_debit - opening_credit
        if not (start or debit or credit):
            continue
        code, party_name = names[account]
        rows[code] = AccountRow(code, party_name, False, start, debit, credit)
    for code in list(rows):
        parent = chart.BY_CODE.get(chart.parent_of(code) or "")
        if parent:
            row = rows[code]
            total = rows.setdefault(parent.code, AccountRow(parent.code, None, True))
            total.is_parent = True
            total.opening += row.opening
            total.debit += row.debit
            total.credit += row.credit
    return TrialBalance(season, [rows[code] for code in sorted(rows, key=_order)])


def account_sums(season: models.Season | None, before: bool = False,
                 accounts=None) -> dict[int, tuple[int, int]]:
    """Each account's (debits, credits) over the seasons up to `season` (or before it),
    or over all history: from the kept totals less the seasons after, or from the seasons
    up to it, whichever reads fewer kept rows. `accounts` narrows to a subquery of ids."""
    AccountBalance, AccountTotal, Season = models.AccountBalance, models.AccountTotal, models.Season
    totals = AccountTotal.select(AccountTotal.account, AccountTotal.debit, AccountTotal.credit)
    if accounts is not None:
        totals = totals.where(AccountTotal.account.in_(accounts))
    if season is None:
        return {account: (debit, credit) for account, debit, credit in raw_rows(totals)}
    upto = (Season.start < season.start) if before else (Season.start <= season.start)
    day = season.start - timedelta(days=1) if before else season.end
    within = Season.select(Season.id).where(upto)
    later = Season.select(Season.id).where(~upto)
    count = Season.select().count()
    wanted = within if within.count() <= count // 2 else later
    query = (AccountBalance.select(AccountBalance.account, fn.SUM(AccountBalance.debit),
                                   fn.SUM(AccountBalance.credit))
             .where(AccountBalance.season.in_(wanted)).group_by(AccountBalance.account))
    if accounts is not None:
        query = query.where(AccountBalance.account.in_(accounts))
    sums = {account: (debit, credit) for account, debit, credit in raw_rows(query)}
    if wanted is within:  # the seasons' records, and the vouchers of no season up to `day`
        return _combined(sums, seasonless_sums(upto=day, accounts=accounts), 1)
    found = {account: (debit, credit) for account, debit, credit in raw_rows(totals)}
    found = _combined(found, sums, -1)
    return _combined(found, seasonless_sums(after=day, accounts=accounts), -1)


def seasonless_sums(after: date | None = None, upto: date | None = None,
                    accounts=None) -> dict[int, tuple[int, int]]:
    """Each account's (debits, credits) from the vouchers of no season (general vouchers,
    the year-end close) dated after `after` and up to `upto`: a season's balances count
    them by their date. There are few, read through the voucher's season-and-date index."""
    Voucher, Posting = models.Voucher, models.Posting
    query = (Posting.select(Posting.account, fn.SUM(Posting.debit), fn.SUM(Posting.credit))
             .join(Voucher)
             .where(Voucher.season.is_null()).group_by(Posting.account))
    if after is not None:
        query = query.where(Voucher.date > after)
    if upto is not None:
        query = query.where(Voucher.date <= upto)
    if accounts is not None:
        query = query.where(Posting.account.in_(accounts))
    return {account: (debit, credit) for account, debit, credit in raw_rows(query)}


def _combined(sums: dict, more: dict, sign: int) -> dict[int, tuple[int, int]]:
    """`sums` with `more` added (sign 1) or taken away (sign -1), account by account."""
    combined = dict(sums)
    for account, (debit, credit) in more.items():
        was_debit, was_credit = combined.get(account, (0, 0))
        combined[account] = (was_debit + sign * debit, was_credit + sign * credit)
    return combined


def _order(code: str) -> tuple[str, str]:
    """Parents before their sub-accounts: ('113', '') < ('113', 'H001')."""
    head, _, tail = code.partition(".")
    return head, tail
