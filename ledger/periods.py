"""Account sums over a span of days: what the statements, the cash and bank books and the
trial balance of a month, a quarter or a year read.

The accounting year is the calendar year and statements sum vouchers by date. Whole months
come from the kept monthly balances (`AccountMonth`, written with every posting), and only
the days of a month covered in part are read from the postings, through the vouchers' date
index: the cost follows the accounts and the months, never the number of records. A
balance since the books began, to a day nearer their end than their start (a statement of
this year), is the kept sums of all time (`AccountTotal`) less the months after it.

The year-end close's own vouchers (general vouchers of source `closing`) can be left out:
the income statement shows the year's income and expense before they were carried to
本年收益, and the close itself needs them without its earlier attempts.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from peewee import fn

from ledger import models
from ledger.seal import raw_rows

#: (debits, credits) in fen, by account code.
Sums = dict[str, tuple[int, int]]


def sums(first: date | None, last: date, closing: bool = True, code: str | None = None
         ) -> Sums:
    """Each account's debits and credits of the vouchers dated from `first` (None: the
    beginning of the books) to `last`, both included; without the year-end close's
    vouchers when `closing` is false; only of account `code` and its sub-accounts when
    given (what one book needs, not the village's thousands of household accounts).
    Accounts without movement are left out."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    if first is not None and first > last:
        return {}
    whole_first = first if first is None or first.day == 1 else month_end(first) + timedelta(1)
    whole_last = last if last == month_end(last) else last.replace(day=1) - timedelta(1)
    if whole_first is None and _fewer_after(whole_last):
        _add(found, _totals(code), 1)  # all of time, less the months after
        _add(found, _months(month_end(whole_last) + timedelta(1), None, code), -1)
        if whole_last != last:
            _add(found, _days(whole_last + timedelta(1), last, code=code), 1)
    elif whole_first is None or whole_first <= whole_last:
        _add(found, _months(whole_first, whole_last, code), 1)
        if first is not None and whole_first != first:
            _add(found, _days(first, whole_first - timedelta(1), code=code), 1)
        if whole_last != last:
            _add(found, _days(whole_last + timedelta(1), last, code=code), 1)
    else:  # inside one month, or across the end of one month into the next
        _add(found, _days(first, last, code=code), 1)
    if not closing:
        _add(found, _days(first, last, only_closing=True, code=code), -1)
    return {code: (debit, credit) for code, (debit, credit) in found.items() if debit or credit}


def balances(day: date, closing: bool = True, code: str | None = None) -> Sums:
    """Each account's debits and credits from the beginning of the books up to `day`."""
    return sums(None, day, closing, code)


def balance(code: str, day: date) -> int:
    """The balance of `code` (with its sub-accounts, debit-positive) at the end of `day`."""
    debit, credit = rolled_up(balances(day, code=code)).get(code, (0, 0))
    return debit - credit


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def rolled_up(found: Sums) -> Sums:
    """`found` with every sub-account's sums also added into its level-1 account
    (113.H001 into 113): what a statement's rows read."""
    rolled: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, (debit, credit) in found.items():
        head, dot, _ = code.partition(".")
        for target in ((code, head) if dot else (code,)):
            rolled[target][0] += debit
            rolled[target][1] += credit
    return {code: (debit, credit) for code, (debit, credit) in rolled.items()}


def account_ids(code: str):
    """The ids of account `code` and its sub-accounts, as a subquery."""
    Account = models.Account
    return Account.select(Account.id).where((Account.code == code)
                                            | Account.code.startswith(code + "."))


def _add(found: dict[str, list[int]], rows, sign: int) -> None:
    for code, debit, credit in rows:
        found[code][0] += sign * (debit or 0)
        found[code][1] += sign * (credit or 0)


def _months(first: date | None, last: date | None, code: str | None = None):
    """The kept monthly sums of the whole months from `first`'s to `last`'s (None: from
    the first, to the last)."""
    AccountMonth, Account = models.AccountMonth, models.Account
    query = (AccountMonth.select(Account.code, fn.SUM(AccountMonth.debit),
                                 fn.SUM(AccountMonth.credit))
             .join(Account, on=(AccountMonth.account == Account.id))
             .group_by(Account.code))
    if last is not None:
        query = query.where(AccountMonth.month <= f"{last:%Y-%m}")
    if first is not None:
        query = query.where(AccountMonth.month >= f"{first:%Y-%m}")
    if code is not None:
        query = query.where(AccountMonth.account.in_(account_ids(code)))
    return raw_rows(query)


def _totals(code: str | None = None):
    """The kept sums of all time (`AccountTotal`), by account code."""
    AccountTotal, Account = models.AccountTotal, models.Account
    query = (AccountTotal.select(Account.code, AccountTotal.debit, AccountTotal.credit)
             .join(Account, on=(AccountTotal.account == Account.id)))
    if code is not None:
        query = query.where(AccountTotal.account.in_(account_ids(code)))
    return raw_rows(query)


def _fewer_after(last: date) -> bool:
    """Whether fewer months are kept after `last`'s than up to it: a balance to a day of
    this year is then all of time less the months after (two or three), not the sum of
    every month since the books began (a village of fifteen years: a hundred thousand
    kept months, which were four fifths of a year's statements)."""
    AccountMonth = models.AccountMonth
    first, final = AccountMonth.select(fn.MIN(AccountMonth.month),
                                       fn.MAX(AccountMonth.month)).tuples()[0]
    if first is None:
        return False
    month = f"{last:%Y-%m}"
    return _month_count(month, final) < _month_count(first, month)


def _month_count(first: str, last: str) -> int:
    """Months from `first` to `last` (`YYYY-MM`), both included; 0 when none."""
    return max(0, (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1)


def _days(first: date | None, last: date, only_closing: bool = False, code: str | None = None):
    """The sums of the postings of the vouchers dated `first` to `last`; with
    `only_closing`, of the year-end close's vouchers only."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    query = (Posting.select(Account.code, fn.SUM(Posting.debit), fn.SUM(Posting.credit))
             .join(Voucher, on=(Posting.voucher == Voucher.id))
             .switch(Posting).join(Account, on=(Posting.account == Account.id))
             .where(Voucher.date <= last)
             .group_by(Account.code))
    if first is not None:
        query = query.where(Voucher.date >= first)
    if code is not None:
        # `+ 0` keeps the account's index out when a span is given: its vouchers are
        # found by date, so the cost follows the days, not the account's whole history
        account = Posting.account if first is None else Posting.account + 0
        query = query.where(account.in_(account_ids(code)))
    if only_closing:
        GeneralVoucher = models.GeneralVoucher
        closing = GeneralVoucher.select(GeneralVoucher.id).where(GeneralVoucher.source == "closing")
        query = query.where((Voucher.kind == "vouchers") & Voucher.record_id.in_(closing))
    return raw_rows(query)
