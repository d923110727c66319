"""General vouchers (记账凭证): every transaction of the collective that is not a
sericulture record — the workshop's electricity, a repair, a loan and its interest, a
grant, cash drawn from the bank, the opening balances — and the voucher numbers.

Each is validated by `ledger.voucher_rules`, written with its lines and its journal
voucher in one transaction through the service layer's writer (so it is sealed, chained
and kept in the month's balances like a record), and entered in the audit trail. A
mistake is reversed (红字冲销), never edited.

Every voucher in the journal, from a record or by hand, has a number within its month,
`记-2026-04-0017`: gapless and in posting order (the vouchers of that month up to this
one). It is kept when the voucher is posted (`models.VoucherNumber`, schema 8) and read
from there by everything that names a voucher; vouchers are never deleted and are posted
in id order, so a number once printed never changes, and `check` counts them afresh.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator, Mapping


from ledger import audit, models, stores, voucher_rules
from ledger.book import Writer
from ledger.errors import LedgerError, RecordRefused
from ledger.kinds import BY_NAME, DESCRIBED
from ledger.refs import Refs
from ledger.seal import raw_rows
from ledger.voucher_rules import KIND

#: The word of the voucher type: 记账凭证 (记).
PREFIX = "记"


@stores.retried
def post(values: Mapping[str, Any], source: str = "entry") -> int:
    """Validate and post one general voucher in its own transaction; its id.
    `values`: `date`, `lines` (`summary`, `account`, `debit`, `credit`), `attachments`,
    `maker` (default: the operator)."""
    with models.database.atomic():
        writer = Writer(Refs())
        general_id = writer.add_general(values, source=source)
        writer.finish()
        audit.log("voucher", kind=KIND, ids=(general_id, general_id),
                  target=number_of(KIND, general_id) or "",
                  after={"date": str(values.get("date", "")), "lines": len(values["lines"])})
    return general_id


@stores.retried
def post_many(vouchers: Iterable[tuple[str, Mapping[str, Any]]], source: str = "") -> list[int]:
    """Post many general vouchers (from vouchers.csv) in one transaction: all, or none
    with every problem named. `vouchers` are (where, values)."""
    with models.database.atomic():
        writer = Writer(Refs())
        ids = [writer.add_general(values, where) for where, values in vouchers]
        writer.finish()
        if ids:
            audit.log("import", kind=KIND, ids=(ids[0], ids[-1]), target=source[:100],
                      after={"count": len(ids)})
    return ids


@stores.retried
def reverse(general_id: int, reason: str, day: date | None = None) -> int:
    """Reverse a general voucher (红字冲销): the same lines negated, on `day` (by default
    the original's date, unless that lies in a closed year: then today)."""
    if not reason or not reason.strip():
        raise LedgerError("correction_needs_reason")
    GeneralVoucher, Voucher = models.GeneralVoucher, models.Voucher
    with models.database.atomic():
        original = GeneralVoucher.get_or_none(GeneralVoucher.id == general_id)
        ref = f"{KIND}:{general_id}"
        if original is None:
            raise LedgerError("no_such_record", ref=ref)
        if original.reverses is not None:
            raise LedgerError("reverse_a_reversal", ref=ref)
        earlier = (GeneralVoucher.select(GeneralVoucher.id)
                   .where(GeneralVoucher.reverses == general_id).scalar())
        if earlier is not None:
            raise LedgerError("already_reversed", ref=ref, by=f"{KIND}:{earlier}")
        lines = lines_of(general_id)
        day = day or original.date
        problems = voucher_rules.date_problems(day, _touches_household(general_id), ref)
        if problems:
            raise RecordRefused(problems)
        voucher_id = (Voucher.select(Voucher.id)
                      .where((Voucher.kind == KIND) & (Voucher.record_id == general_id)).scalar())
        writer = Writer(Refs())
        reversal = writer.add_general_reversal(general_id, day.isoformat(), lines, voucher_id)
        writer.finish()
        audit.log("reverse", kind=KIND, ids=(reversal, reversal), target=ref, reason=reason)
    return reversal


def lines_of(general_id: int) -> list[tuple[str, str, int, int]]:
    """A general voucher's lines: (summary, account code, debit, credit)."""
    VoucherLine, Account = models.VoucherLine, models.Account
    return list(VoucherLine.select(VoucherLine.summary, Account.code, VoucherLine.debit,
                                   VoucherLine.credit).join(Account)
                .where(VoucherLine.voucher == general_id).order_by(VoucherLine.id).tuples())


def _touches_household(general_id: int) -> bool:
    VoucherLine, Account = models.VoucherLine, models.Account
    return (VoucherLine.select().join(Account)
            .where((VoucherLine.voucher == general_id) & Account.party.is_null(False))
            .exists())


# -- voucher numbers ---------------------------------------------------------------------

def number(voucher_id: int) -> str:
    """The number of one journal voucher: `记-2026-04-0017`."""
    return numbers([voucher_id])[voucher_id]


def numbers(voucher_ids: Iterable[int]) -> dict[int, str]:
    """The numbers of some journal vouchers, as kept when each was posted: one query."""
    VoucherNumber = models.VoucherNumber
    wanted = sorted(set(voucher_ids))
    if not wanted:
        return {}
    return _formatted(VoucherNumber.select(VoucherNumber.voucher, VoucherNumber.month,
                                           VoucherNumber.position)
                      .where(stores.current().among(VoucherNumber.voucher, wanted)))


def month_numbers(year: int, month: int) -> dict[int, str]:
    """The number of every journal voucher of one month, by voucher id: what an export
    walking the journal in date order needs, a month at a time."""
    VoucherNumber = models.VoucherNumber
    return _formatted(VoucherNumber.select(VoucherNumber.voucher, VoucherNumber.month,
                                           VoucherNumber.position)
                      .where(VoucherNumber.month == f"{year:04d}-{month:02d}"))


def _formatted(query) -> dict[int, str]:
    """(voucher id, month, position) rows as voucher id -> `记-2026-04-0017`."""
    return {voucher_id: number_text(month, position)
            for voucher_id, month, position in raw_rows(query)}


def number_text(month: str, position: int) -> str:
    """The number of the voucher at `position` in `month` (`2026-04`): `记-2026-04-0017`."""
    return f"{number_head(month)}{position:04d}"


def number_head(month: str) -> str:
    """What every number of `month` begins with (`记-2026-04-`): a book of tens of
    thousands of lines makes it once a day, not once a line."""
    return f"{PREFIX}-{month}-"


def counted(voucher_rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, int]]:
    """The rule of the numbering, from the journal itself: each voucher's position among
    its month's vouchers in posting (id) order. `voucher_rows` are (id, `YYYY-MM`) in id
    order; yields (id, month, position). What `check` compares the kept numbers with
    (the posting writer keeps them by the same rule, `book.Writer._number`)."""
    last: dict[str, int] = {}
    for voucher_id, month in voucher_rows:
        position = last[month] = last.get(month, 0) + 1
        yield voucher_id, month, position


_NUMBER = re.compile(r"(?:记|J)?-?(\d{4})-(\d{1,2})-(\d{1,6})", re.IGNORECASE)


# -- what a book shows of a voucher, kept with its number (schema 12) ---------------------

def described_afresh(voucher: str) -> tuple[dict[str, str], str]:
    """SQL, over the journal voucher aliased `voucher`, of what `models.VoucherNumber`
    keeps beside its number, made afresh from its record and its postings: the record's
    batch or party and its detail (`kinds.DESCRIBED`; none for a general voucher, whose
    lines say), and the accounts of a voucher of exactly two postings in posting order.
    The one rule the schema-12 upgrade keeps them by and `check` verifies them with. The
    kinds' names are the program's own words, never the user's.

    Returned as the columns and the joins they need, to follow `voucher` in a FROM: the
    postings are counted in one pass over them all. "Its first posting by id", asked a
    voucher at a time, let a server without statistics on a new ledger walk every
    posting in id order for each voucher (postings times vouchers rows read)."""

    def column(model: type, name: str) -> str:
        return f'"{getattr(model, name).column_name}"'

    def by_kind(which: int) -> str:
        cases = []
        for kind, names in DESCRIBED.items():
            if names[which] is not None:
                model = BY_NAME[kind].model
                cases.append(f"WHEN '{kind}' THEN (SELECT r.{column(model, names[which])} "
                             f'FROM "{model._meta.table_name}" AS r '
                             f'WHERE r."id" = {voucher}."record_id")')
        return f'CASE {voucher}."kind" {" ".join(cases)} END' if cases else "NULL"

    joins = (f'LEFT JOIN (SELECT "voucher_id", MIN("id") AS "first", MAX("id") AS "last" '
             f'FROM "posting" GROUP BY "voucher_id" HAVING COUNT(*) = 2) AS two '
             f'ON two."voucher_id" = {voucher}."id" '
             f'LEFT JOIN "posting" AS p1 ON p1."id" = two."first" '
             f'LEFT JOIN "posting" AS p2 ON p2."id" = two."last"')
    return {"subject": by_kind(0), "detail": by_kind(1),
            "first_account": 'p1."account_id"',
            "second_account": 'p2."account_id"'}, joins


#: What `VoucherNumber` keeps beside the number, and what stands for none of it when a
#: kept value and the one made afresh are compared (`check`).
DESCRIBED_COLUMNS = {"subject": "-1", "detail": "''", "first_account": "-1",
                     "second_account": "-1"}


def described_otherwise() -> Iterator[int]:
    """The vouchers whose kept description (`VoucherNumber`) is not the one made afresh
    from their record and postings, in id order (`check`)."""
    fresh, joins = described_afresh("v")
    differ = " OR ".join(f'COALESCE(n."{name}", {none}) <> COALESCE({fresh[name]}, {none})'
                         for name, none in DESCRIBED_COLUMNS.items())
    rows = models.database.execute_sql(
        f'SELECT n."voucher_id" FROM "voucher_number" AS n JOIN "voucher" AS v '
        f'ON v."id" = n."voucher_id" {joins} WHERE {differ} ORDER BY n."voucher_id"')
    return (voucher_id for voucher_id, in rows)


def by_number(text: str) -> tuple[str, int] | None:
    """The (record kind, record id) of the voucher a number names (`记-2026-04-0017`):
    a general voucher's kind is `vouchers`; None when the text is no voucher number or
    names none."""
    found = _NUMBER.fullmatch(text.strip())
    if found is None:
        return None
    year, month, position = (int(part) for part in found.groups())
    if not 1 <= month <= 12 or position < 1:
        return None
    Voucher, VoucherNumber = models.Voucher, models.VoucherNumber
    row = (Voucher.select(Voucher.kind, Voucher.record_id)
           .join(VoucherNumber, on=(VoucherNumber.voucher == Voucher.id))
           .where((VoucherNumber.month == f"{year:04d}-{month:02d}")
                  & (VoucherNumber.position == position)).tuples().first())
    return (row[0], row[1]) if row else None


def number_of(kind: str, record_id: int) -> str | None:
    """The number of the voucher a record or a general voucher posted; None if it posted
    none (a record of amount zero)."""
    return numbers_of([(kind, record_id)]).get((kind, record_id))


def numbers_of(refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The numbers of the vouchers some records or general vouchers posted, by (kind,
    id): two queries however many (a record of amount zero posted none, and is absent)."""
    Voucher = models.Voucher
    by_kind: dict[str, set[int]] = {}
    for kind, record_id in refs:
        by_kind.setdefault(kind, set()).add(record_id)
    if not by_kind:
        return {}
    wanted = None
    for kind, ids in by_kind.items():
        these = (Voucher.kind == kind) & Voucher.record_id.in_(sorted(ids))
        wanted = these if wanted is None else wanted | these
    posted = list(Voucher.select(Voucher.id, Voucher.kind, Voucher.record_id).where(wanted)
                  .tuples())
    found = numbers(voucher_id for voucher_id, _, _ in posted)
    return {(kind, record_id): found[voucher_id] for voucher_id, kind, record_id in posted}


def parse_ref(text: str) -> tuple[str, int]:
    """What `reverse` and `voucher show` are given: a voucher number (`记-2026-04-0017`,
    which may name a record's voucher), `vouchers:12` (or `记账凭证:12`), or a record's
    `sales:42`; as (kind, id)."""
    from ledger import corrections, i18n

    found = by_number(text)
    if found is not None:
        return found
    name, colon, number_text = text.strip().replace("：", ":").rpartition(":")
    labels = {KIND, *(i18n.kind_label(KIND, lang).lower() for lang in i18n.LANGUAGES)}
    if colon and name.strip().lower() in labels:
        if not number_text.strip().isdigit():
            raise LedgerError("bad_voucher_ref", ref=text)
        return KIND, int(number_text)
    if _NUMBER.fullmatch(text.strip()):
        raise LedgerError("no_such_record", ref=text.strip())
    return corrections.parse_ref(text)


@dataclass
class Shown:
    """A general voucher as `silk voucher show` prints it."""

    id: int
    number: str
    date: date
    attachments: int
    maker: str
    source: str
    reverses: int | None
    lines: list[tuple[str, str, int, int]]


def show(general_id: int) -> Shown:
    """One general voucher with its number and lines; LedgerError if there is none."""
    GeneralVoucher = models.GeneralVoucher
    stored = GeneralVoucher.get_or_none(GeneralVoucher.id == general_id)
    if stored is None:
        raise LedgerError("no_such_record", ref=f"{KIND}:{general_id}")
    return Shown(general_id, number_of(KIND, general_id) or "", stored.date, stored.attachments,
                 stored.maker, stored.source, stored.reverses, lines_of(general_id))
