"""The books the accountant must keep: 现金日记账 (cash book), 银行存款日记账 (bank book),
明细账 (any account's ledger), 总账 (general ledger) and the 科目余额表 (trial balance) of
a month, a quarter or a year.

Opening balances and totals come from the kept balances (`ledger.periods`); only the
postings of the period a book lists are read, through the vouchers' date index and the
postings' account index, in (date, voucher, posting) order, `limit` at a time after a
key for a screen that pages; each line's number, 摘要 and 对方科目 from what is kept with
its voucher's number (`models.VoucherNumber`). Figures are fen; a balance is
debit-positive here and each renderer shows it on its side (借/贷).

A day on which cash on hand ends below zero is flagged: money cannot run out of a
drawer, so a receipt was not recorded. The cash book marks it and `check` warns of it
(a warning, not a failure).
"""
from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from operator import itemgetter

from peewee import JOIN, Case, fn

from ledger import chart, i18n, models, periods, stores, vouchers
from ledger.kinds import DESCRIBED
from ledger.seal import raw_rows
from ledger.voucher_rules import KIND as GENERAL

Account, Party, Posting, Voucher = models.Account, models.Party, models.Posting, models.Voucher


# -- one account's book ------------------------------------------------------------------

@dataclass(frozen=True)
class LineKey:
    """Where a page of a book ends: lines are ordered by (date, voucher, posting)."""

    date: date
    voucher: int
    posting: int


@dataclass(slots=True)
class BookLine:
    date: date
    voucher: int  # journal voucher id
    number: str  # 记-2026-04-0017
    summary: str
    account: str  # the account posted (the book's account or one of its sub-accounts)
    counter: str  # 对方科目: the other side's account, "101 等" when several
    debit: int
    credit: int
    balance: int  # debit-positive, after this line
    posting: int = 0

    @property
    def key(self) -> LineKey:
        return LineKey(self.date, self.voucher, self.posting)


@dataclass
class Subtotal:
    """A day's, a month's (本月合计) or the year's so far (本年累计) debits and credits,
    and the balance at its end."""

    kind: str  # day | month | year
    label: date  # the day, or the last day of the month
    debit: int
    credit: int
    balance: int


@dataclass
class AccountBook:
    code: str
    first: date
    last: date
    opening: int  # debit-positive, before `first`
    entries: list  # BookLine and Subtotal, in the order printed
    short_days: list[tuple[date, int]] = field(default_factory=list)  # cash below zero

    @property
    def lines(self) -> list[BookLine]:
        return [entry for entry in self.entries if isinstance(entry, BookLine)]

    @property
    def debit(self) -> int:
        return sum(line.debit for line in self.lines)

    @property
    def credit(self) -> int:
        return sum(line.credit for line in self.lines)

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit


def cash_book(first: date, last: date, lang: str | None = None) -> AccountBook:
    """现金日记账: 101 库存现金 from `first` to `last`, each day below zero flagged."""
    book = account_ledger(chart.CASH, first, last, lang)
    book.short_days = negative_cash_days(first, last)
    return book


def bank_book(first: date, last: date, lang: str | None = None) -> AccountBook:
    """银行存款日记账: 102 银行存款 from `first` to `last`."""
    return account_ledger(chart.BANK, first, last, lang)


def account_ledger(code: str, first: date, last: date, lang: str | None = None) -> AccountBook:
    """明细账 of any account (a parent includes its sub-accounts): the balance before
    `first`, every posting to `last` with its running balance, and after each day, each
    month and each month's 本年累计 their subtotals."""
    if account_id(code) is None:
        from ledger.errors import LedgerError

        raise LedgerError("unknown_account", code=code)
    with _collector_paused():
        return _account_book(code, first, last, lang)


def _account_book(code: str, first: date, last: date, lang: str | None) -> AccountBook:
    opening = periods.balance(code, first - timedelta(days=1))
    entries: list = []
    add = entries.append
    totals = _Totals(*_year_so_far(code, first))
    balance = opening
    today, day_debit, day_credit = None, 0, 0  # the day of the lines so far, and its sums
    for line in book_lines(code, first, last, lang=lang):
        day, debit, credit = line.date, line.debit, line.credit
        if day != today:
            if today is not None:
                totals.day_done(add, today, day, balance, day_debit, day_credit)
            today, day_debit, day_credit = day, 0, 0
        balance += debit - credit
        line.balance = balance
        day_debit += debit
        day_credit += credit
        add(line)
    if today is not None:
        totals.day_done(add, today, None, balance, day_debit, day_credit)
    return AccountBook(code, first, last, opening, entries)


@dataclass(slots=True)
class _Totals:
    """The year's sums so far (本年累计, from the year's start) and the month's, carried
    from day to day while a book is made."""

    year_debit: int
    year_credit: int
    month_debit: int = 0
    month_credit: int = 0

    def day_done(self, add, day: date, following: date | None, balance: int, debit: int,
                 credit: int) -> None:
        """The subtotals after a day's last line: the day's, and where its month ends
        (the next line is in another month, or there is none) the month's and the
        year's, which starts again with a new year."""
        add(Subtotal("day", day, debit, credit, balance))
        self.month_debit += debit
        self.month_credit += credit
        if following is not None and (following.year, following.month) == (day.year, day.month):
            return
        self.year_debit += self.month_debit
        self.year_credit += self.month_credit
        month_end = periods.month_end(day)
        add(Subtotal("month", month_end, self.month_debit, self.month_credit, balance))
        add(Subtotal("year", month_end, self.year_debit, self.year_credit, balance))
        self.month_debit = self.month_credit = 0
        if following is not None and following.year != day.year:
            self.year_debit = self.year_credit = 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a book is made: a year's book is
    tens of thousands of objects that all live on, and the collector's passes over them,
    as they were made, took a fifth of its time. Nothing a book makes is a cycle."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            _to_oldest_generation()
            gc.enable()


def _to_oldest_generation() -> None:
    """Move what was made meanwhile straight to the collector's oldest generation: a
    collector turned back on would otherwise make its next young pass over every line
    of the book at once (a twentieth of a year's bank book). freeze() and unfreeze()
    only relink the collector's lists, and the oldest generation is still collected."""
    gc.freeze()
    gc.unfreeze()


def book_lines(code: str, first: date, last: date, after: LineKey | None = None,
               limit: int | None = None, lang: str | None = None) -> list[BookLine]:
    """The postings to `code` (and its sub-accounts) dated `first` to `last`, in order,
    after `after`, at most `limit`; their `balance` is left 0 (a page does not know what
    came before it: `account_ledger` fills it in).

    One query reads each line with what its voucher's kept number keeps beside it
    (`models.VoucherNumber`): what describes its record, and for a voucher of two
    postings the other's account (对方科目); the other postings of the rest are read
    after, for those lines alone. Rows are read as plain tuples: a year's bank book is
    tens of thousands of lines."""
    listed = _period_postings(code, first, last)
    if listed is None:
        return []
    if after is not None:
        listed &= ((Voucher.date > after.date)
                   | ((Voucher.date == after.date) & (Voucher.id > after.voucher))
                   | ((Voucher.date == after.date) & (Voucher.id == after.voucher)
                      & (Posting.id > after.posting)))
    if limit is not None:  # a page: its postings first, then those rows
        listed = Posting.id.in_(Posting.select(Posting.id)
                                .join(Voucher, on=(Posting.voucher == Voucher.id))
                                .where(listed).order_by(Voucher.date, Voucher.id, Posting.id)
                                .limit(limit))
    kept = models.VoucherNumber
    # the pair's other account; none where the voucher has not two postings
    counter = Case(None, [(kept.first_account == Posting.account, kept.second_account)],
                   kept.first_account)
    who = Case(Voucher.kind, [(GENERAL, Voucher.record_id)], kept.subject)  # a general: its own
    query = (Posting.select(Voucher.date, Voucher.id, Posting.id, Posting.account, Posting.debit,
                            Posting.credit, Voucher.kind, kept.position, counter, who,
                            kept.detail)
             .join(Voucher, on=(Posting.voucher == Voucher.id))
             .switch(Posting).join(kept, JOIN.LEFT_OUTER, on=(kept.voucher == Posting.voucher))
             .where(listed).order_by(Voucher.date, Voucher.id, Posting.id))
    rows = list(raw_rows(query))
    if not rows:
        return []
    codes = _codes()
    words = _words(set(map(itemgetter(9), rows)), lang).get
    days: dict = {}
    lines: list[BookLine] = []
    unpaired: list[int] = []  # lines whose voucher has not two postings
    general: list[tuple[int, int]] = []  # (line, its general voucher)
    # bound once: the loop runs thirty thousand times for a year's bank book
    add, code_of, day_of = lines.append, codes.get, days.get
    padded = _padded()
    for day, voucher, posting, account, debit, credit, kind, position, other, who, detail in rows:
        if other is None:
            unpaired.append(len(lines))
        known = day_of(day)
        if known is None:  # a voucher is numbered within the month of its date
            known = days[day] = (_as_date(day), vouchers.number_head(day[:7]))
        if kind == GENERAL:
            general.append((len(lines), who))
            summary = ""  # the voucher's own, once its lines are read
        else:
            label, named = words(kind, _UNNAMED)
            summary = label + named.get(who, "")
            if detail:
                summary = f"{summary} {detail}"
        if position is None:
            number = ""
        else:
            number = known[1] + (padded[position] if position < PADDED else f"{position:04d}")
        add(BookLine(known[0], voucher, number, summary, code_of(account), code_of(other, ""),
                     debit, credit, 0, posting))
    if general:
        _general_texts(lines, general)
    if unpaired:
        _counters(lines, unpaired, codes, lang)
    return lines


def _counters(lines: list[BookLine], unpaired: list[int], codes: dict[int, str],
              lang: str | None) -> None:
    """对方科目 of the lines whose voucher has not two postings, from its other postings."""
    wanted = {lines[index].voucher for index in unpaired}
    postings: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    rows = (Posting.select(Posting.voucher, Posting.id, Posting.account, Posting.debit)
            .where(stores.current().among(Posting.voucher, wanted))
            .order_by(Posting.voucher, Posting.id))
    for voucher, posting, account, debit in raw_rows(rows):
        postings[voucher].append((posting, codes.get(account), debit != 0))
    for index in unpaired:
        line = lines[index]
        others = [(code, debit) for posting, code, debit in postings[line.voucher]
                  if posting != line.posting]
        line.counter = _counter(others, line.debit != 0, lang)


#: What a voucher of a kind no book names shows (none is posted so).
_UNNAMED: tuple[str, dict] = ("", {})

#: Positions in a month whose number part is kept made (`_padded`); a month of more
#: vouchers than this has its further numbers made as they come.
PADDED = 10_000


@cache
def _padded() -> list[str]:
    """'0000' to '9999': a year's bank book numbers tens of thousands of lines, and
    formatting each position anew was a tenth of the Python it spent."""
    return [f"{position:04d}" for position in range(PADDED)]


def _period_postings(code: str, first: date, last: date):
    """Which postings a book of `code` from `first` to `last` lists, as a condition on
    the posting and its voucher (None: the period has no vouchers).

    Most often the vouchers between the period's first and last (by id) are the
    period's, or nearly: the account's postings among them are then read from its index
    by (account, voucher) and only they are read: a third of the year's postings for the
    bank, a dozen for the electricity. Where a voucher was entered long after its date
    (an opening balance entered in June), a month's first and last may hold far more than
    the month: the period's vouchers are then found by date and their postings by
    voucher, the cost following the period, not the account's history. (Ids a server's
    sequence skipped cost nothing: what counts is the vouchers between.)"""
    accounts = periods.account_ids(code)
    dated = Voucher.date.between(first, last)
    lowest, highest, count = (Voucher.select(fn.MIN(Voucher.id), fn.MAX(Voucher.id),
                                             fn.COUNT(Voucher.id)).where(dated).tuples()[0])
    if not count:
        return None
    # ids between are at most highest - lowest + 1: counted only where that may be many
    if highest - lowest + 1 < 2 * count or Voucher.select(fn.COUNT(Voucher.id)).where(
            Voucher.id.between(lowest, highest)).scalar() < 2 * count:
        return Posting.account.in_(accounts) & Posting.voucher.between(lowest, highest) & dated
    # `+ 0` keeps the account's index out
    return (Posting.account + 0).in_(accounts) & dated


def balance_after(code: str, key: LineKey) -> int:
    """The balance of `code` (debit-positive) just after the line at `key`: what a page
    that starts after it carries forward (`book_lines` leaves balances to the caller)."""
    before = periods.balance(code, key.date - timedelta(days=1))
    same_day = (Posting.select(fn.SUM(Posting.debit - Posting.credit))
                .join(Voucher, on=(Posting.voucher == Voucher.id))
                .where(Posting.account.in_(periods.account_ids(code)) & (Voucher.date == key.date)
                       & ((Voucher.id < key.voucher)
                          | ((Voucher.id == key.voucher) & (Posting.id <= key.posting))))
                .scalar())
    return before + (same_day or 0)


def negative_cash_days(first: date | None = None, last: date | None = None
                       ) -> list[tuple[date, int]]:
    """The days from `first` to `last` on which cash on hand (101) ended below zero, with
    that day's closing balance: one sum per day with cash movements."""
    accounts = periods.account_ids(chart.CASH)
    query = (Posting.select(Voucher.date, fn.SUM(Posting.debit - Posting.credit))
             .join(Voucher, on=(Posting.voucher == Voucher.id))
             .where(Posting.account.in_(accounts)).group_by(Voucher.date)
             .order_by(Voucher.date))
    if last is not None:
        query = query.where(Voucher.date <= last)
    balance, found = 0, []
    if first is not None:
        balance = periods.balance(chart.CASH, first - timedelta(days=1))
        query = query.where(Voucher.date >= first)
    for day, movement in query.tuples():
        balance += movement
        if balance < 0:
            found.append((_as_date(day), balance))
    return found


@dataclass
class ShortSpell:
    """Days on end with cash on hand below zero: from `first` to `last` (None: still
    short), at worst `lowest`."""

    first: date
    last: date | None
    lowest: int


def short_spells() -> list[ShortSpell]:
    """The spells in the whole history when cash on hand was below zero: one warning each,
    however many days it lasted."""
    accounts = periods.account_ids(chart.CASH)
    query = (Posting.select(Voucher.date, fn.SUM(Posting.debit - Posting.credit))
             .join(Voucher, on=(Posting.voucher == Voucher.id))
             .where(Posting.account.in_(accounts)).group_by(Voucher.date)
             .order_by(Voucher.date))
    balance, spells = 0, []
    current: ShortSpell | None = None
    for day, movement in query.tuples():
        balance += movement
        if balance < 0 and current is None:
            current = ShortSpell(_as_date(day), None, balance)
        elif balance < 0:
            current.lowest = min(current.lowest, balance)
        elif current is not None:
            current.last = _as_date(day) - timedelta(days=1)
            spells.append(current)
            current = None
    if current is not None:
        spells.append(current)
    return spells


# -- the general ledger and the trial balance --------------------------------------------

@dataclass
class Movement:
    debit: int = 0
    credit: int = 0
    balance: int = 0  # debit-positive, at the end


@dataclass
class GeneralLedgerAccount:
    code: str
    opening: int  # debit-positive, at the start of the year
    months: list[Movement]  # January to December
    year: Movement


@dataclass
class GeneralLedger:
    year: int
    accounts: list[GeneralLedgerAccount]


def general_ledger(year: int) -> GeneralLedger:
    """总账: each level-1 account with a balance or a movement in `year`: its opening
    balance, each month's debits, credits and closing balance, and the year's."""
    opening = _level_one(periods.balances(date(year - 1, 12, 31)))
    months = [_level_one(periods.sums(date(year, month, 1),
                                      periods.month_end(date(year, month, 1))))
              for month in range(1, 13)]
    codes = sorted(set(opening).union(*months), key=_order)
    accounts = []
    for code in codes:
        start = _net(opening.get(code, (0, 0)))
        balance, rows = start, []
        for month in months:
            debit, credit = month.get(code, (0, 0))
            balance += debit - credit
            rows.append(Movement(debit, credit, balance))
        total = Movement(sum(m.debit for m in rows), sum(m.credit for m in rows), balance)
        if start or total.debit or total.credit:
            accounts.append(GeneralLedgerAccount(code, start, rows, total))
    return GeneralLedger(year, accounts)


@dataclass
class TrialRow:
    code: str
    opening: int  # debit-positive, before the period
    debit: int  # the period's
    credit: int
    year_debit: int  # 本年累计, from 1 January of the period's last year
    year_credit: int

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit

    @property
    def level_one(self) -> bool:
        return "." not in self.code


@dataclass
class PeriodTrialBalance:
    first: date
    last: date
    rows: list[TrialRow]  # every level-1 account with figures, each before its sub-accounts

    @property
    def top(self) -> list[TrialRow]:
        return [row for row in self.rows if row.level_one]

    def total(self, figure: str) -> int:
        return sum(getattr(row, figure) for row in self.top)

    @property
    def balanced(self) -> bool:
        return (self.total("opening") == 0 and self.total("closing") == 0
                and self.total("debit") == self.total("credit")
                and self.total("year_debit") == self.total("year_credit"))


def trial_balance(first: date, last: date) -> PeriodTrialBalance:
    """科目余额表 from `first` to `last` (a month, a quarter, a year): each account's 期初,
    本期 debits and credits, 本年累计 debits and credits and 期末; parents include their
    sub-accounts."""
    opening = periods.rolled_up(periods.sums(None, first - timedelta(days=1)))
    period = periods.rolled_up(periods.sums(first, last))
    year = periods.rolled_up(periods.sums(date(last.year, 1, 1), last))
    rows = []
    for code in sorted(set(opening) | set(period) | set(year), key=_order):
        start = _net(opening.get(code, (0, 0)))
        debit, credit = period.get(code, (0, 0))
        year_debit, year_credit = year.get(code, (0, 0))
        if start or debit or credit or year_debit or year_credit:
            rows.append(TrialRow(code, start, debit, credit, year_debit, year_credit))
    return PeriodTrialBalance(first, last, rows)


# -- periods named on the command line ---------------------------------------------------

def month_span(text: str) -> tuple[date, date]:
    """`2026-04` -> its first and last day."""
    first = date(int(text[:4]), int(text[5:7]), 1)
    if len(text) != 7 or text[4] != "-":
        raise ValueError(text)
    return first, periods.month_end(first)


def quarter_span(text: str) -> tuple[date, date]:
    """`2026-Q2` -> its first and last day."""
    year, _, quarter = text.upper().partition("-Q")
    number = int(quarter)
    if not 1 <= number <= 4 or len(year) != 4:
        raise ValueError(text)
    first = date(int(year), 3 * number - 2, 1)
    return first, periods.month_end(date(int(year), 3 * number, 1))


def year_span(text: str) -> tuple[date, date]:
    year = int(text)
    if not 1900 <= year <= 9999:
        raise ValueError(text)
    return date(year, 1, 1), date(year, 12, 31)


# -- names and summaries -----------------------------------------------------------------

def account_names(codes, lang: str | None = None) -> dict[str, str]:
    """The names of some accounts in `lang`: a household's sub-account after its head,
    an added sub-account by its own name."""
    wanted = sorted(set(codes))
    found = {code: chart.account_name(code, lang or i18n.language())
             for code in wanted if code in chart.BY_CODE}
    rest = [code for code in wanted if code not in found]
    if rest:
        rows = (Account.select(Account.code, Account.name, Party.name)
                .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
                .where(Account.code.in_(rest)).tuples())
        for code, own, party_name in rows:
            found[code] = chart.account_name(code, lang or i18n.language(),
                                             party_name or own or None)
    return found


def _codes() -> dict[int, str]:
    """Every account's code by its id: a book's lines name theirs by id, read once here
    rather than joined to each of tens of thousands of lines."""
    return dict(raw_rows(Account.select(Account.id, Account.code)))


def account_id(code: str) -> int | None:
    return Account.select(Account.id).where(Account.code == code).scalar()




def _counter(others: list[tuple[str, bool]], is_debit: bool, lang: str | None) -> str:
    """对方科目 of a line whose voucher has other than one other posting: the accounts
    of those on the other side (or, when none is, of all of them)."""
    other = [code for code, debit in others if debit != is_debit]
    other = other or [code for code, _ in others]
    unique = list(dict.fromkeys(other))
    if not unique:
        return ""
    return unique[0] if len(unique) == 1 else i18n.t("book.counter_several", lang, code=unique[0])


def _words(subjects: set, lang: str | None) -> dict[str, tuple[str, dict]]:
    """What names a record in a book's 摘要 (`售茧 B1 张国华`), by its kind: the kind's name,
    and the words after it by batch or party id, for the batches and parties `subjects`
    (ids of either; a book's lines name far fewer than they are). Its detail follows; a
    general voucher's line has its own 摘要 instead (`_general_texts`)."""
    owner, Batch, among = Party.alias("owner"), models.Batch, stores.current().among
    batches = (Batch.select(Batch.id, Batch.code, owner.name)
               .join(owner, on=(Batch.owner == owner.id)).where(among(Batch.id, subjects)))
    parties = Party.select(Party.id, Party.name).where(among(Party.id, subjects))
    named = {"batch": {batch: _spaced(code, name) for batch, code, name in raw_rows(batches)},
             "party": {party: _spaced(name) for party, name in raw_rows(parties)}}
    return {kind: (i18n.kind_label(kind, lang), named["batch" if who == "batch" else "party"])
            for kind, (who, _) in DESCRIBED.items()}


def _spaced(*words: str | None) -> str:
    """Words to follow a kind's name, each after a space; an empty one left out."""
    return "".join(f" {word}" for word in words if word)


def _general_texts(lines: list[BookLine], general: list[tuple[int, int]]) -> None:
    """摘要 of the lines of general vouchers, (line, general voucher): their own lines'."""
    found = _general_lines({voucher for _, voucher in general})
    for index, voucher in general:
        line = lines[index]
        line.summary = _line_summary(found.get(voucher, []), line.account, line.debit,
                                     line.credit)


def _general_lines(ids) -> dict[int, list[tuple[str, str, int, int]]]:
    """The lines of the general vouchers `ids`."""
    VoucherLine = models.VoucherLine
    found: dict[int, list] = defaultdict(list)
    rows = (VoucherLine.select(VoucherLine.voucher, VoucherLine.summary, Account.code,
                               VoucherLine.debit, VoucherLine.credit)
            .join(Account, on=(VoucherLine.account == Account.id))
            .where(stores.current().among(VoucherLine.voucher, ids)).order_by(VoucherLine.id))
    for voucher, summary, code, debit, credit in raw_rows(rows):
        found[voucher].append((summary, code, debit, credit))
    return found


def _line_summary(lines, code: str, debit: int, credit: int) -> str:
    for summary, line_code, line_debit, line_credit in lines:
        if (line_code, line_debit, line_credit) == (code, debit, credit):
            return summary
    return next((summary for summary, *_ in lines if summary), "")


def _year_so_far(code: str, first: date) -> tuple[int, int]:
    """The debits and credits of `code` from 1 January of `first`'s year to the day
    before `first`, where 本年累计 starts."""
    start = date(first.year, 1, 1)
    if first <= start:
        return 0, 0
    return periods.rolled_up(periods.sums(start, first - timedelta(days=1), code=code)
                             ).get(code, (0, 0))


def _level_one(sums: periods.Sums) -> periods.Sums:
    return {code: pair for code, pair in periods.rolled_up(sums).items() if "." not in code}


def _net(pair: tuple[int, int]) -> int:
    return pair[0] - pair[1]


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _order(code: str) -> tuple[str, str]:
    """Parents before their sub-accounts: ('113', '') < ('113', 'H001')."""
    head, _, tail = code.partition(".")
    return head, tail
