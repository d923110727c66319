"""Corrections: a record is never edited or deleted, it is reversed (红字冲销).

Reversing a record adds a record of the same kind with its quantities and amount
negated and a voucher with its postings negated, linked to the original; amending one
is a reversal plus the corrected record, linked to the original too. A record of an open
season is reversed within that season (on its own date unless another date in the season
is given), so the pair cancels there; one of a closed season is reversed in the open
season holding the reversal's date, leaving the closed season's books exactly as they
were. Each correction is one transaction with its entry in the audit trail, which keeps
the record as it was and the reason.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ledger import audit, canonical, models, rules, stores
from ledger.book import LAYOUTS, Writer
from ledger.errors import LedgerError
from ledger.kinds import BY_NAME, RECORD_KINDS
from ledger.refs import Refs
from ledger.seal import raw_rows

_BY_LABEL = {}


def parse_ref(text: str) -> tuple[str, int]:
    """`sales:42` (or the kind's Chinese name, `售茧:42`) as (kind, id)."""
    from ledger import i18n

    if not _BY_LABEL:
        for kind in RECORD_KINDS:
            for lang in i18n.LANGUAGES:
                _BY_LABEL[i18n.kind_label(kind.name, lang).lower()] = kind.name
            _BY_LABEL[kind.name] = kind.name
    name, _, number = text.strip().replace("：", ":").rpartition(":")
    kind = _BY_LABEL.get(name.strip().lower())
    if kind is None or not number.strip().isdigit():
        raise LedgerError("bad_record_ref", ref=text)
    return kind, int(number)


@stores.retried
def reverse(kind: str, record_id: int, reason: str, day: date | None = None) -> int:
    """Reverse a record; the reversal's id. `day` dates the reversal: by default the
    original's date for a record of an open season, today for one of a closed season."""
    reason = _need_reason(kind, reason)
    with models.database.atomic():
        original, season = _standing(kind, record_id)
        writer = Writer(Refs())
        reversal_id = _stage_reversal(writer, kind, original, season, day)
        writer.finish()
        audit.log("reverse", kind=kind, ids=(reversal_id, reversal_id),
                  target=f"{kind}:{record_id}", before=canonical.values(kind, record_id),
                  reason=reason)
    return reversal_id


class Amended(NamedTuple):
    """The two records an amendment adds: the reversal and the corrected record."""
    reversal: int
    corrected: int


@stores.retried
def amend(kind: str, record_id: int, changes: dict[str, str], reason: str) -> Amended:
    """Correct a record of an open season: reverse it and record it again with
    `changes` (canonical column -> text); the ids of both records added, as written
    (never worked out from one another). The corrected record obeys every rule a new
    one does; if it does not, nothing is written."""
    reason = _need_reason(kind, reason)
    unknown = sorted(set(changes) - set(BY_NAME[kind].columns))
    if unknown:
        raise LedgerError("amend_unknown_field", field=", ".join(unknown),
                          fields=", ".join(BY_NAME[kind].columns))
    with models.database.atomic():
        original, season = _standing(kind, record_id)
        if season.is_closed:
            raise LedgerError("amend_closed", ref=f"{kind}:{record_id}", season=season.code)
        before = canonical.values(kind, record_id)
        after = {**before, **changes}
        writer = Writer(Refs())
        reversal_id = _stage_reversal(writer, kind, original, season, None)
        writer.add(kind, after, corrects=record_id)
        writer.finish()
        audit.log("amend", kind=kind, ids=writer.ids[kind], target=f"{kind}:{record_id}",
                  before=before, after=after, reason=reason)
    return Amended(reversal_id, writer.last_id)


def _need_reason(kind: str, reason: str) -> str:
    """The reason, read as any text is (`rules.read_reason`); there must be one."""
    if not reason or not reason.strip():
        raise LedgerError("correction_needs_reason")
    return rules.read_reason(kind, reason)


def _standing(kind: str, record_id: int) -> tuple[tuple, models.Season]:
    """The stored row of a record that may be corrected, and its season: it exists, is
    not itself a reversal, and has not been reversed already."""
    model = BY_NAME[kind].model
    ref = f"{kind}:{record_id}"
    row = next(raw_rows(model.select(*LAYOUTS[model].columns).where(model.id == record_id)), None)
    if row is None:
        raise LedgerError("no_such_record", ref=ref)
    if row[_index(model, "reverses")] is not None:
        raise LedgerError("reverse_a_reversal", ref=ref)
    earlier = reversal_of(kind, record_id)
    if earlier is not None:
        raise LedgerError("already_reversed", ref=ref, by=f"{kind}:{earlier}")
    return row, models.Season.get_by_id(row[_index(model, "season")])


def reversal_of(kind: str, record_id: int) -> int | None:
    """The id of the record that reverses `kind:record_id`, if one does (an amendment's
    reversal too: ask this rather than count ids)."""
    model = BY_NAME[kind].model
    return (model.select(model.id)
            .where(model.reverses.is_null(False) & (model.reverses == record_id)).scalar())


def placement(kind: str, record_id: int) -> tuple[str, date]:
    """The season code and the date a record (a reversal just made) was placed in."""
    model = BY_NAME[kind].model
    code, day = (model.select(models.Season.code, model.date).join(models.Season)
                 .where(model.id == record_id).tuples().get())
    return code, day


def _index(model: type, name: str) -> int:
    return [f.name for f in LAYOUTS[model].columns].index(name)


def _placement(season: models.Season, original: tuple, model: type,
               day: date | None) -> tuple[models.Season, date]:
    """Where and when a reversal goes: in the original's season while it is open (on the
    original's date unless `day`, which must then lie in that season, is given), so the
    pair cancels there; else in the open season holding `day` (today by default)."""
    if not season.is_closed:
        if day is None:
            return season, date.fromisoformat(original[_index(model, "date")])
        if not season.start <= day <= season.end:
            raise LedgerError("reverse_date_outside_season", date=day.isoformat(),
                              season=season.code, start=season.start.isoformat(),
                              end=season.end.isoformat())
        return season, day
    day = day or date.today()
    Season = models.Season
    target = Season.get_or_none((Season.start <= day) & (Season.end >= day)
                                & Season.closed.is_null())
    if target is None:
        raise LedgerError("no_open_season_on", date=day.isoformat())
    return target, day


def _stage_reversal(writer: Writer, kind: str, original: tuple, season: models.Season,
                    day: date | None) -> int:
    model = BY_NAME[kind].model
    season, day = _placement(season, original, model, day)
    if day.year in writer.refs.closed_years():
        raise LedgerError("year_closed", year=day.year)
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    voucher_id = (Voucher.select(Voucher.id)
                  .where((Voucher.kind == kind) & (Voucher.record_id == original[0])).scalar())
    postings = list(Posting.select(Account.code, Posting.debit, Posting.credit)
                    .join(Account, on=(Posting.account == Account.id))
                    .where(Posting.voucher == voucher_id).order_by(Posting.id)
                    .tuples()) if voucher_id else []
    return writer.add_reversal(kind, original, day.isoformat(), season.id, postings, voucher_id)


def in_season(kind: str, season: models.Season) -> dict[int, tuple[str, int]]:
    """The records of `kind` in `season` that take part in a correction (see `touched`)."""
    model = BY_NAME[kind].model
    return _touched(model, model.season == season.id, lambda other: other.season == season.id)


def numbered(kind: str, links: dict[int, tuple[str, int]]) -> dict[int, tuple[str, str]]:
    """`links` (from `touched` or `in_season`) with the other record named by the number
    of its voucher (记-2026-04-0017), as the journal and the sheets show it; `#id` for a
    record of amount zero, which posted none."""
    from ledger import vouchers

    found = vouchers.numbers_of((kind, other) for _, other in links.values())
    return {record: (how, found.get((kind, other), f"#{other}"))
            for record, (how, other) in links.items()}


def touched(kind: str, ids: list[int]) -> dict[int, tuple[str, int]]:
    """Which of the records `ids` of `kind` take part in a correction, and how: record
    id -> ("reversal", id of the original), ("reversed", id of its reversal) or
    ("correction", id of the record it replaces). A correction that was itself reversed
    is named as the correction."""
    model = BY_NAME[kind].model
    return _touched(model, model.id.in_(ids), lambda other: other.id.in_(ids))


def _touched(model: type, chosen, chosen_other) -> dict[int, tuple[str, int]]:
    """`touched` for the records `chosen` (a condition on `model`); `chosen_other` makes
    that condition for an alias of it. Corrections are few in any ledger, so they are
    read through their partial indexes."""
    found: dict[int, tuple[str, int]] = {}
    for link, how in ((model.corrects, "correction"), (model.reverses, "reversal")):
        for record, linked in (model.select(model.id, link)
                               .where(link.is_null(False) & chosen).tuples()):
            found[record] = (how, linked)
    original = model.alias("original")
    for record, reversal in (model.select(original.id, model.id)
                             .join(original, on=(original.id == model.reverses))
                             .where(model.reverses.is_null(False) & chosen_other(original))
                             .tuples()):
        found.setdefault(record, ("reversed", reversal))
    return found
