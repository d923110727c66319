"""General vouchers (记账凭证): the list, newest first, a page at a time, with their
numbers (`记-2026-04-0017`); one voucher's lines with the accounts' names.

Numbers are counted by `ledger.vouchers`, the one place that numbers vouchers, so the
screen shows the number the journal, the sheets and the exports print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN, fn

from ledger import models, vouchers
from ledger.browse.accounts import names
from ledger.browse.paging import PAGE
from ledger.voucher_rules import KIND

Account, Party = models.Account, models.Party
GeneralVoucher, VoucherLine, Voucher = models.GeneralVoucher, models.VoucherLine, models.Voucher


@dataclass(frozen=True)
class Line:
    summary: str
    account: str
    zh: str
    en: str
    debit: int   # fen; negative on a reversal (红字)
    credit: int

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass
class GeneralRow:
    id: int
    number: str          # 记-2026-04-0017
    date: date
    summary: str         # the first line's
    amount: int          # the debits' sum, fen
    attachments: int
    maker: str
    source: str          # entry | closing
    reverses: str = ""   # the number of the voucher it reverses
    reversed_by: str = ""  # the number of the voucher reversing it
    lines: list[Line] = field(default_factory=list)

    @property
    def position(self) -> tuple[date, int]:
        return (self.date, self.id)


def page(after: tuple[date, int] | None = None, limit: int = PAGE,
         year: int | None = None) -> list[GeneralRow]:
    """General vouchers newest first (by date, then as posted), after keyset `after`."""
    query = GeneralVoucher.select(GeneralVoucher.id, GeneralVoucher.date,
                                  GeneralVoucher.attachments, GeneralVoucher.maker,
                                  GeneralVoucher.source, GeneralVoucher.reverses)
    if after is not None:
        day, last_id = after
        query = query.where((GeneralVoucher.date < day)
                            | ((GeneralVoucher.date == day) & (GeneralVoucher.id < last_id)))
    if year is not None:
        query = query.where((GeneralVoucher.date >= date(year, 1, 1))
                            & (GeneralVoucher.date <= date(year, 12, 31)))
    rows = list(query.order_by(GeneralVoucher.date.desc(), GeneralVoucher.id.desc())
                .limit(limit).tuples())
    return _rows(rows)


def one(general_id: int) -> GeneralRow | None:
    """One general voucher with its lines; None when there is none."""
    rows = list(GeneralVoucher.select(GeneralVoucher.id, GeneralVoucher.date,
                                      GeneralVoucher.attachments, GeneralVoucher.maker,
                                      GeneralVoucher.source, GeneralVoucher.reverses)
                .where(GeneralVoucher.id == general_id).tuples())
    if not rows:
        return None
    [found] = _rows(rows)
    found.lines = lines(general_id)
    return found


def lines(general_id: int) -> list[Line]:
    query = (VoucherLine.select(VoucherLine.summary, Account.code, Account.name, Party.name,
                                VoucherLine.debit, VoucherLine.credit)
             .join(Account, on=(VoucherLine.account == Account.id))
             .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
             .where(VoucherLine.voucher == general_id).order_by(VoucherLine.id))
    return [Line(summary, code, *names(code, own, party), debit, credit)
            for summary, code, own, party, debit, credit in query.tuples()]


def number_of(general_id: int) -> str:
    """The number of a general voucher's journal voucher: `记-2026-04-0017`."""
    return _numbers([general_id]).get(general_id, "")


def _numbers(general_ids: list[int]) -> dict[int, str]:
    """Numbers by general voucher id."""
    if not general_ids:
        return {}
    journal = dict(Voucher.select(Voucher.record_id, Voucher.id)
                   .where((Voucher.kind == KIND) & Voucher.record_id.in_(general_ids)).tuples())
    numbered = vouchers.numbers(journal.values())
    return {general: numbered[voucher] for general, voucher in journal.items()}


def _rows(rows: list[tuple]) -> list[GeneralRow]:
    ids = [row[0] for row in rows]
    if not ids:
        return []
    first_line = (VoucherLine.select(VoucherLine.voucher, fn.MIN(VoucherLine.id))
                  .where(VoucherLine.voucher.in_(ids)).group_by(VoucherLine.voucher))
    summaries = dict(VoucherLine.select(VoucherLine.voucher, VoucherLine.summary)
                     .where(VoucherLine.id.in_([line for _, line in first_line.tuples()]))
                     .tuples())
    amounts = dict(VoucherLine.select(VoucherLine.voucher, fn.SUM(VoucherLine.debit))
                   .where(VoucherLine.voucher.in_(ids)).group_by(VoucherLine.voucher).tuples())
    reversing = dict(GeneralVoucher.select(GeneralVoucher.reverses, GeneralVoucher.id)
                     .where(GeneralVoucher.reverses.in_(ids)).tuples())
    reversed_ids = [row[5] for row in rows if row[5]]
    numbered = _numbers(ids + list(reversing.values()) + reversed_ids)
    return [GeneralRow(general_id, numbered.get(general_id, ""), day, summaries.get(general_id, ""),
                       amounts.get(general_id) or 0, attachments, maker, source,
                       numbered.get(reverses, "") if reverses else "",
                       numbered.get(reversing[general_id], "") if general_id in reversing else "")
            for general_id, day, attachments, maker, source, reverses in rows]


class GeneralVouchers:
    """What the terminal UI reads of general vouchers."""

    page = staticmethod(page)
    one = staticmethod(one)
    number_of = staticmethod(number_of)
