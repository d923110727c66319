"""The journal: a season's records, newest first, a page at a time; a voucher's postings."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from peewee import JOIN, Value, fn

from ledger import chart, corrections, i18n, models, money, vouchers
from ledger.kinds import BY_NAME
from ledger.browse.paging import PAGE
from ledger.browse.seasons import Season

Account, Batch, Party = models.Account, models.Batch, models.Party
Posting, Voucher = models.Posting, models.Voucher


#: The journal's order within one day: kinds in this order, newest first overall.
JOURNAL_KINDS = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments")


@dataclass(frozen=True)
class JournalKey:
    """Where a journal page ends: rows are ordered by (date, kind, id), newest first."""

    date: date
    kind: int  # index in JOURNAL_KINDS
    id: int


@dataclass
class JournalRow:
    date: date
    kind: str
    id: int
    amount: int
    party: str        # the party whose income or cost it is (a batch's owner ...)
    other: str        # the other side (supplier, buyer, payer ...), or ""
    details: tuple    # kind-specific values, see `describe`
    voucher: int | None
    number: str = ""  # its voucher's number, 记-2026-04-0017 ("" when it posted none)
    party_name: str = ""  # the names the screen shows (村集体 for the collective)
    other_name: str = ""

    @property
    def key(self) -> JournalKey:
        return JournalKey(self.date, JOURNAL_KINDS.index(self.kind), self.id)

    def describe(self, lang: str | None = None) -> str:
        """A line saying what the record is, in the reader's language."""
        d = self.details
        if self.kind == "leaf":
            return f"{d[0]} {money.kg(d[1])} kg × {money.yuan(d[2])}"
        if self.kind == "sales":
            text = f"{d[0]} {d[1]} {money.kg(d[2])} kg × {money.yuan(d[3])}".replace("  ", " ")
            return text + (f" − {money.yuan(d[4])}" if d[4] else "")
        if self.kind == "inputs":
            return f"{d[0]} {d[1]} {money.quantity(d[2])}{d[3]}"
        if self.kind == "wages":
            return f"{d[0]} {d[1]} {money.quantity(d[2])}{d[3]} × {money.yuan(d[4])}"
        if self.kind == "payments":
            return " ".join(part for part in (i18n.choice_word("direction", d[0], lang),
                                              i18n.choice_word("method", d[1], lang), d[2]) if part)
        return str(d[0])


def _journal_query(kind: str, season: Season, party_id: int | None):
    """One kind's records as journal rows: (date, id, amount, party, other, details...,
    voucher id); and the condition naming the party, if one is asked for."""
    Record = {"leaf": models.LeafDelivery, "sales": models.CocoonSale, "inputs": models.Input,
              "wages": models.Wage, "charges": models.Charge, "subsidies": models.Subsidy,
              "payments": models.Payment}[kind]
    first, second = Party.alias("first"), Party.alias("second")
    if kind in ("leaf", "sales", "inputs"):
        other_field = Record.buyer if kind == "sales" else Record.supplier
        details = {"leaf": lambda: (Batch.code, Record.grams, Record.price),
                   "sales": lambda: (Batch.code, Record.grade, Record.grams, Record.price,
                                     Record.deduction),
                   "inputs": lambda: (Batch.code, Record.item, Record.quantity,
                                      Record.unit)}[kind]()
        query = (Record.select(Record.date, Record.id, Record.amount, first.code, second.code,
                               *details, Voucher.id, *_names(first, second))
                 .join(Batch, on=(Record.batch == Batch.id))
                 .join(first, on=(Batch.owner == first.id))
                 .switch(Record).join(second, on=(other_field == second.id)))
        parties = (Batch.owner, other_field)
    else:
        party_field, other_field, details = {
            "wages": lambda: (Record.household, Record.payer,
                              (Record.worker, Record.task, Record.quantity, Record.unit,
                               Record.rate)),
            "charges": lambda: (Record.household, None, (Record.item,)),
            "subsidies": lambda: (Record.recipient, None, (Record.source,)),
            "payments": lambda: (Record.household, None,
                                 (Record.direction, Record.method, Record.memo)),
        }[kind]()
        other_code = second.code if other_field is not None else Value("")
        named = _names(first, second if other_field is not None else None)
        query = (Record.select(Record.date, Record.id, Record.amount, first.code, other_code,
                               *details, Voucher.id, *named)
                 .join(first, on=(party_field == first.id)))
        if other_field is not None:
            query = query.switch(Record).join(second, on=(other_field == second.id))
        parties = (party_field,) if other_field is None else (party_field, other_field)
    query = query.switch(Record).join(
        Voucher, JOIN.LEFT_OUTER, on=((Voucher.kind == kind) & (Voucher.record_id == Record.id)))
    where = Record.season == season
    if party_id is not None:
        named = parties[0] == party_id
        for column in parties[1:]:
            named |= column == party_id
        where &= named
    return Record, query, where


def _names(first, second):
    """The kinds and names of a row's two parties (the second may be none)."""
    if second is None:
        return first.kind, first.name, Value(""), Value("")
    return first.kind, first.name, second.kind, second.name


def _name(kind: str, name: str | None) -> str:
    """A party as the screen names it: the collective as 村集体, not its code."""
    return i18n.t("party.collective") if kind == "collective" else (name or "")


def journal_page(season: Season, after: JournalKey | None = None, limit: int = PAGE,
                 kinds: Iterable[str] = JOURNAL_KINDS, party: str | None = None,
                 start: date | None = None, end: date | None = None) -> list[JournalRow]:
    """The season's records, newest first, after `after`: one indexed query per kind, each
    reading at most `limit` rows, merged. `party` keeps the records whose income or cost
    is that party's; `start` and `end` bound the dates (inclusive)."""
    party_id = None
    if party:
        party_id = Party.select(Party.id).where(Party.code == party.strip().upper()).scalar()
        if party_id is None:
            return []
    rows: list[JournalRow] = []
    for kind in kinds:
        Record, query, where = _journal_query(kind, season, party_id)
        if start:
            where &= Record.date >= start
        if end:
            where &= Record.date <= end
        if after is not None:
            index = JOURNAL_KINDS.index(kind)
            if index < after.kind:
                where &= Record.date <= after.date
            elif index == after.kind:
                where &= ((Record.date < after.date)
                          | ((Record.date == after.date) & (Record.id < after.id)))
            else:
                where &= Record.date < after.date
        newest = query.where(where).order_by(Record.date.desc(), Record.id.desc())
        for row in newest.limit(limit).tuples():
            *row, first_kind, first_name, second_kind, second_name = row
            rows.append(JournalRow(row[0], kind, row[1], row[2], row[3], row[4] or "",
                                   tuple(row[5:-1]), row[-1],
                                   party_name=_name(first_kind, first_name),
                                   other_name=_name(second_kind, second_name)))
    rows.sort(key=lambda row: (row.key.date, row.key.kind, row.id), reverse=True)
    rows = rows[:limit]
    numbers = vouchers.numbers(row.voucher for row in rows if row.voucher)
    for row in rows:
        row.number = numbers.get(row.voucher, "")
    return rows


@dataclass
class PostingLine:
    account: str
    name: str
    debit: int
    credit: int


def voucher_postings(voucher_id: int, lang: str | None = None) -> list[PostingLine]:
    """A voucher's postings, debits first, with the accounts' names."""
    rows = (Posting.select(Account.code, fn.COALESCE(Party.name, fn.NULLIF(Account.name, "")),
                           Posting.debit, Posting.credit)
            .join(Account, on=(Posting.account == Account.id))
            .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
            .where(Posting.voucher == voucher_id)
            .order_by(Posting.credit != 0, Posting.id).tuples())
    return [PostingLine(code, chart.account_name(code, lang or i18n.language(), name),
                        debit, credit) for code, name, debit, credit in rows]


def parse_day_range(text: str, around: Season) -> tuple[date, date] | None:
    """A journal date filter: `2026-04-05` is that day, `2026-04` that month, `4-5` a day
    of the season's year; None if the text is none of these."""
    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            day = date(*numbers)
            return day, day
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = numbers
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 2:
            day = date(around.start.year, *numbers)
            return day, day
    except ValueError:
        return None
    return None



def correction_links(records: list[JournalRow]) -> dict[tuple[str, int], tuple[str, str]]:
    """How each record of a page takes part in a correction: (kind, id) -> ("doc.reversal",
    the record it reverses), ("doc.correction", the record it corrects) or ("doc.reversed",
    the record reversing it), that record named by its voucher's number; the text keys
    are those the statements say it with.
    `corrections.touched` finds them, a kind at a time."""
    found: dict[tuple[str, int], tuple[str, str]] = {}
    by_kind: dict[str, list[int]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record.id)
    for kind, ids in by_kind.items():
        links = corrections.numbered(kind, corrections.touched(kind, ids))
        for record, (how, other) in links.items():
            found[kind, record] = (f"doc.{how}", other)
    return found


@dataclass(frozen=True)
class Reversal:
    """The record that reverses another (红字冲销)."""

    id: int
    season: str
    date: date


def reversal_of(kind: str, record_id: int) -> Reversal | None:
    """The record of `kind` reversing record `record_id`, if there is one."""
    model = BY_NAME[kind].model
    row = (model.select(model.id, Season.code, model.date)
           .join(Season, on=(model.season == Season.id))
           .where(model.reverses == record_id).tuples().first())
    return Reversal(*row) if row else None


class Journal:
    reversal_of = staticmethod(reversal_of)
    correction_links = staticmethod(correction_links)
    page = staticmethod(journal_page)
    postings = staticmethod(voucher_postings)
    parse_day_range = staticmethod(parse_day_range)
    voucher_number = staticmethod(vouchers.number)

    @staticmethod
    def voucher_date(voucher_id: int) -> date | None:
        return Voucher.select(Voucher.date).where(Voucher.id == voucher_id).scalar()
