"""Tamper evidence: every row carries a seal over its content, vouchers a hash chain.

A seal is a digest of a row's stored values; a voucher's hash covers its own fields, its
postings, its record's seal and the hash of the voucher before it. The program computes
them as it writes; `check` recomputes them, so a record, voucher or posting changed
behind the program's back (with the `sqlite3` shell, say) is named. This is evidence,
not a lock: someone who rewrites every later hash can hide a change, but not by accident
or by editing a figure.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Iterator, Sequence

from peewee import Field, fn

from ledger import models, stores
from ledger.kinds import BY_MODEL, RECORD_KINDS

SEAL_CHARS = models.SEAL_CHARS


def digest(*parts) -> str:
    """A short, stable digest of plain values (ints, text, None), each encoded as SQLite
    stores it (`canonical`) whatever the driver returned: a row's seal is the same on
    every store."""
    # the plain values (most of every row a writer seals) are taken as they are without
    # a call each: an import seals a hundred thousand rows
    encoded = tuple([part if type(part) in _PLAIN else canonical(part) for part in parts])
    return hashlib.sha256(repr(encoded).encode("utf-8")).hexdigest()[:SEAL_CHARS]


_PLAIN = frozenset({int, str, type(None)})


def canonical(value):
    """A value as a seal encodes it: a date as its ISO text, a whole number as an int
    (a driver may return `Decimal` for a sum, `True` for a flag), the parts of a row in
    their own kind of sequence; text, ints and None as they are."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, (tuple, list)):
        return type(value)(map(canonical, value))
    return value


def sealed_fields(model: type) -> list[Field]:
    """The columns a row's seal covers: all but the seal (a voucher's: all but its hash)."""
    return [f for f in model._meta.sorted_fields if f.name not in ("seal", "hash")]


#: Columns added to a sealed table after rows were sealed without them: a row's seal
#: covers such a column only when it holds something other than 0. A row written before
#: the column existed (where the migration left 0) keeps the seal it had, and nothing
#: needs resealing; a row whose value is not 0 is sealed with it, so changing the value
#: either way (0 to something, something to 0 or to something else) breaks the seal.
LATE_COLUMNS = {models.FixedAsset: ("opening_depreciation",)}  # schema 7


def row_seal(model: type, values: Sequence) -> str:
    """The seal of a row of `model`, given its sealed columns' stored values in order."""
    if model in LATE_COLUMNS:
        late = _late_positions(model)
        values = [value for position, value in enumerate(values)
                  if position not in late or value != 0]
    return digest(model._meta.table_name, *values)


_LATE_POSITIONS: dict[type, frozenset[int]] = {}


def _late_positions(model: type) -> frozenset[int]:
    """Where `LATE_COLUMNS` of `model` stand among its sealed columns."""
    found = _LATE_POSITIONS.get(model)
    if found is None:
        names = [f.name for f in sealed_fields(model)]
        found = frozenset(names.index(name) for name in LATE_COLUMNS.get(model, ()))
        _LATE_POSITIONS[model] = found
    return found


def voucher_hash(previous: str, voucher: Sequence, postings: Iterable[Sequence]) -> str:
    """A voucher's link in the chain: its sealed columns, its postings' rows and the
    previous voucher's hash."""
    return digest(previous, *voucher, *(tuple(p) for p in postings))


#: The key of the meta row that seals the whole meta table (village name, schema version).
META_SEAL = "seal"


def meta_seal() -> str:
    """The seal over every other row of the meta table, in key order."""
    Meta = models.Meta
    rows = (Meta.select(Meta.key, Meta.value).where(Meta.key != META_SEAL).order_by(Meta.key)
            .tuples())
    return digest(Meta._meta.table_name, *(tuple(row) for row in rows))


def meta_broken() -> bool:
    """True when the meta table no longer matches its seal (or has none)."""
    Meta = models.Meta
    stored = Meta.select(Meta.value).where(Meta.key == META_SEAL).scalar()
    return stored != meta_seal()


def chain_head() -> str:
    """The hash of the newest voucher; where a new voucher's link starts."""
    Voucher = models.Voucher
    return Voucher.select(Voucher.hash).order_by(Voucher.id.desc()).limit(1).scalar() or ""


def raw_rows(query) -> Iterator[tuple]:
    """Rows as SQLite stores them (ISO text dates, integers), which is what a seal is
    computed over when the row is written; every store's connection reads them so."""
    return iter(models.database.execute_sql(*query.sql()))


def reseal(model: type, row_id: int) -> None:
    """Seal one row again after the program itself changed it (a season closed)."""
    fields = sealed_fields(model)
    values = next(raw_rows(model.select(*fields).where(model._meta.primary_key == row_id)))
    model.update(seal=row_seal(model, values)).where(model._meta.primary_key == row_id).execute()


def seal_missing(chunk: int = 20_000) -> None:
    """Seal the rows written before seals existed (a ledger migrated from schema 1), and
    link their vouchers into the chain; rows already sealed are left as they are. Read
    and written in chunks, so a county's millions of rows need neither the memory nor
    a statement per row."""
    for model in models.SEALED_MODELS:
        fields = sealed_fields(model)
        key = model._meta.primary_key
        update = _update_by_id(model, model.seal)
        last = 0
        while True:
            rows = list(raw_rows(model.select(model.seal, *fields).where(key > last)
                                 .order_by(key).limit(chunk)))
            if not rows:
                break
            last = rows[-1][1]
            stale = [(row_seal(model, values), values[0]) for stored, *values in rows
                     if not stored]
            if stale:
                models.database.cursor().executemany(update, stale)
    Voucher = models.Voucher
    for kind_model in models.RECORD_MODELS:
        seals = kind_model.select(kind_model.seal).where(kind_model.id == Voucher.record_id)
        (Voucher.update(record_seal=seals)
         .where((Voucher.kind == BY_MODEL[kind_model].name) & (Voucher.record_seal == ""))
         .execute())
    update = _update_by_id(Voucher, Voucher.hash)
    previous, low = "", 0
    highest = Voucher.select(fn.MAX(Voucher.id)).scalar() or 0
    while low < highest:  # a chunk is a range of ids (some may be missing: fewer rows)
        pending = []
        for voucher_id, stored, values, postings in _vouchers_with_postings(low, low + chunk):
            if not stored:
                stored = voucher_hash(previous, values, postings)
                pending.append((stored, voucher_id))
            previous = stored
        if pending:
            models.database.cursor().executemany(update, pending)
        low += chunk


def _update_by_id(model: type, field: Field) -> str:
    """`UPDATE model SET field = ? WHERE id = ?` in the database's own dialect."""
    key = model._meta.primary_key
    sql, _ = model.update({field: ""}).where(key == 0).sql()
    return sql


def _vouchers_with_postings(low: int = 0, high: int | None = None
                            ) -> Iterator[tuple[int, str, tuple, list[tuple]]]:
    """(id, stored hash, sealed columns, postings) of the vouchers with ids above `low`
    (up to `high`) in id order, streamed: two ordered reads merged, never the whole
    journal in memory."""
    Voucher, Posting = models.Voucher, models.Posting
    in_range = Voucher.id > low if high is None else (Voucher.id > low) & (Voucher.id <= high)
    lines = (Posting.voucher > low if high is None
             else (Posting.voucher > low) & (Posting.voucher <= high))
    vouchers = raw_rows(Voucher.select(Voucher.hash, *sealed_fields(Voucher)).where(in_range)
                        .order_by(Voucher.id))
    postings = raw_rows(Posting.select(*Posting._meta.sorted_fields).where(lines)
                        .order_by(Posting.voucher, Posting.id))
    pending = next(postings, None)
    for stored, *values in vouchers:
        voucher_id = values[0]
        lines = []
        while pending is not None and pending[1] < voucher_id:
            pending = next(postings, None)  # postings of no voucher: check names them
        while pending is not None and pending[1] == voucher_id:
            lines.append(pending)
            pending = next(postings, None)
        yield voucher_id, stored, tuple(values), lines


# -- verification, for `check` -------------------------------------------------------------

def broken_seals(model: type | None = None, low: int = 0,
                 high: int | None = None) -> Iterator[tuple[str, int]]:
    """(table, id) of every row whose content no longer matches its seal: of every
    sealed table, or of `model`'s rows with ids above `low` (up to `high`)."""
    for table in (model,) if model is not None else models.SEALED_MODELS:
        key = table._meta.primary_key
        rows = table.select(*sealed_fields(table), table.seal).where(
            key > low if high is None else (key > low) & (key <= high))
        for *values, stored in raw_rows(rows):
            if row_seal(table, values) != stored:
                yield table._meta.table_name, values[0]


def broken_chain(low: int = 0, high: int | None = None) -> Iterator[int]:
    """Ids of the vouchers (above `low`, up to `high`) whose hash does not follow from
    their content and the stored hash of the voucher before them; a range is verified
    on its own, so ranges can be verified side by side."""
    Voucher = models.Voucher
    previous = (Voucher.select(Voucher.hash).where(Voucher.id <= low).order_by(Voucher.id.desc())
                .limit(1).scalar()
                if low else "") or ""
    for voucher_id, stored, values, postings in _vouchers_with_postings(low, high):
        if voucher_hash(previous, values, postings) != stored:
            yield voucher_id
        previous = stored


def records_resealed() -> Iterator[int]:
    """Ids of the vouchers whose record's seal is not the one they were posted with."""
    Voucher = models.Voucher
    for kind in RECORD_KINDS:
        R = kind.model
        query = (Voucher.select(Voucher.id).join(R, on=(Voucher.record_id == R.id))
                 .where((Voucher.kind == kind.name) & (Voucher.record_seal != R.seal)).tuples())
        for (voucher_id,) in query:
            yield voucher_id


def missing_rows() -> Iterator[tuple[type, list[tuple[int, int]]]]:
    """(model, [(first, last) missing id range, ...]) of every table whose ids have a
    gap, on a store whose ids are dense (SQLite's: rows are never deleted, so a gap
    means rows were removed behind the program's back). Nothing on a server, where a
    rolled-back write leaves a gap in a sequence: there a removed voucher breaks the
    chain, a removed record leaves its voucher without it, and rows cut off the end
    fall short of the anchors. Only a table whose row count falls short of its highest
    id is searched."""
    if not stores.current().dense_ids:
        return
    declared = None
    for model in DENSE_MODELS:
        key = model._meta.primary_key
        count, highest = model.select(fn.COUNT(key), fn.MAX(key)).tuples().get()
        if (highest or 0) != count:
            if declared is None:
                declared = copied_gaps()
            known = declared.get(model._meta.table_name, set())
            unknown = [gap for gap in gaps(model) if gap not in known]
            if unknown:
                yield model, unknown


#: The tables whose ids are dense on a store that hands them out one after another.
DENSE_MODELS = (*models.SEALED_MODELS, models.Voucher, models.Posting, models.Change)


def copied_gaps() -> dict[str, set[tuple[int, int]]]:
    """table -> the (first, last) id ranges a ledger already lacked when `silk copy`
    brought it from a server (whose sequences leave a gap at every rolled-back write),
    as the copy's audit entry declares them: no row removed here, so no finding. The
    entry is in the hash-chained, anchored audit trail, so it cannot be added later
    without breaking the chain."""
    import json

    Change = models.Change
    declared: dict[str, set[tuple[int, int]]] = {}
    for (after,) in (Change.select(Change.after)
                     .where((Change.action == "copy") & (Change.after != "")).tuples()):
        try:
            gaps = json.loads(after).get("gaps", {})
            for table, ranges in gaps.items():
                declared.setdefault(table, set()).update(
                    (int(first), int(last)) for first, last in ranges)
        except (ValueError, TypeError, AttributeError):
            continue
    return declared


def gaps(model: type) -> list[tuple[int, int]]:
    """The ranges of ids missing below a table's highest id."""
    table, key = model._meta.table_name, model._meta.primary_key.column_name
    sql = (f'SELECT a."{key}" + 1, (SELECT MIN(b."{key}") FROM "{table}" AS b '
           f'WHERE b."{key}" > a."{key}") - 1 FROM "{table}" AS a '
           f'WHERE NOT EXISTS (SELECT 1 FROM "{table}" AS c WHERE c."{key}" = a."{key}" + 1) '
           f'AND a."{key}" < (SELECT MAX("{key}") FROM "{table}") '
           f'UNION ALL SELECT 1, MIN("{key}") - 1 FROM "{table}" HAVING MIN("{key}") > 1 '
           f'ORDER BY 1')
    return [tuple(row) for row in models.database.execute_sql(sql)]
