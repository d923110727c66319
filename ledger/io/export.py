"""Export of every record kind in the canonical CSV format (DOMAIN.md, "Exchange formats").

The rows of each kind are read in id order, one at a time, with the codes of the parties,
seasons and batches they refer to, so `silk import` of the folder into a new ledger adds
the same records in the same order and reproduces every report to the fen. Each value
keeps its type (`Value`) until it is written, so the spreadsheet export shares the rows
and writes numbers as numbers where this module writes text.
"""
from __future__ import annotations

import csv
import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, NamedTuple

from ledger import money, models
from ledger.errors import LedgerError
from ledger.kinds import KINDS, Kind

#: How each column's stored value is written: text and codes as they are, dates in ISO,
#: numbers with their places (see ledger.money); "blank0" variants leave zero empty.
TEXT, DATE, MONEY, KG, SHEETS, QUANTITY = "text", "date", "money", "kg", "sheets", "quantity"
MONEY_BLANK0, QUANTITY_BLANK0 = "money_blank0", "quantity_blank0"

PLACES = {MONEY: money.MONEY_PLACES, MONEY_BLANK0: money.MONEY_PLACES,
          KG: money.WEIGHT_PLACES, SHEETS: money.SHEET_PLACES,
          QUANTITY: money.QUANTITY_PLACES, QUANTITY_BLANK0: money.QUANTITY_PLACES}


class Column(NamedTuple):
    name: str
    field: object  # a Peewee field or aliased field
    type: str


def _columns(kind: Kind) -> tuple[list[Column], object]:
    """The columns of `kind`, in its canonical order, and the query that reads them."""
    P, S, B = models.Party, models.Season, models.Batch
    model = kind.model
    if kind.name in ("households", "partners"):
        cols = {"code": P.code, "name": P.name, "group": P.group, "phone": P.phone,
                "shares": P.shares, "note": P.note}
        types = {"shares": QUANTITY_BLANK0}
        query = P.select().where(P.kind == kind.name[:-1])
    elif kind.name == "seasons":
        cols = {"code": S.code, "name": S.name, "start": S.start, "end": S.end}
        types = {"start": DATE, "end": DATE}
        query = S.select()
    elif kind.name == "batches":
        season, owner = S.alias("season_of"), P.alias("owner_of")
        cols = {"code": B.code, "season": season.code, "owner": owner.code,
                "sheets": B.sheets, "breed": B.breed, "hatch": B.hatch, "mount": B.mount,
                "harvest": B.harvest}
        types = {"sheets": SHEETS, "hatch": DATE, "mount": DATE, "harvest": DATE}
        query = (B.select().join(season, on=(B.season == season.id))
                 .switch(B).join(owner, on=(B.owner == owner.id)))
    else:
        query = model.select()
        cols, types = {}, {"date": DATE}
        for name in kind.columns:
            field = getattr(model, name if name != "kg" else "grams")
            if name in ("season", "batch", "supplier", "buyer", "payer", "household",
                        "recipient"):
                target = field.rel_model.alias(f"{name}_of")
                query = query.switch(model).join(target, on=(field == target.id))
                cols[name] = target.code
            else:
                cols[name] = field
        types.update({"kg": KG, "price": MONEY, "rate": MONEY, "amount": MONEY,
                      "deduction": MONEY_BLANK0, "quantity": QUANTITY})
    columns = [Column(name, cols[name], types.get(name, TEXT)) for name in kind.columns]
    return columns, query.select(*(c.field for c in columns)).order_by(model.id)


def rows(kind: Kind) -> tuple[list[Column], Iterator[tuple]]:
    """The columns of `kind` and its rows as stored values, streamed in id order."""
    columns, query = _columns(kind)
    return columns, query.tuples().iterator()


def as_text(value, type_: str) -> str:
    """A stored value as the canonical CSV writes it."""
    if value is None:
        return ""
    if type_ == TEXT:
        return value
    if type_ == DATE:
        return value.isoformat()
    if type_ in (MONEY_BLANK0, QUANTITY_BLANK0) and not value:
        return ""
    if type_ in (QUANTITY, QUANTITY_BLANK0):
        return money.quantity(value)
    return money.fixed_str(value, PLACES[type_])


def write_csv(kind: Kind, handle: IO[str]) -> int:
    """Write `kind` as canonical CSV to `handle`; the number of rows written."""
    columns, found = rows(kind)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    types = [c.type for c in columns]
    count = 0
    for row in found:
        writer.writerow([as_text(value, type_) for value, type_ in zip(row, types)])
        count += 1
    return count


def export_csv(folder: str | os.PathLike) -> dict[str, int]:
    """Write `<kind>.csv` for every record kind into `folder` (made if missing); the rows
    written per kind. A folder holding anything else is refused, since `silk import
    FOLDER` would read it too."""
    target = Path(folder)
    ours = {f"{kind.name}.csv" for kind in KINDS}
    if target.exists() and not target.is_dir():
        raise LedgerError("export_not_folder", path=str(target))
    if target.is_dir():
        strangers = sorted(p.name for p in target.iterdir() if p.name not in ours)
        if strangers:
            raise LedgerError("export_folder_not_empty", path=str(target),
                              names=", ".join(strangers[:5]))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError("cannot_write", path=str(target),
                          reason=error.strerror or str(error)) from None
    counts = {}
    for kind in KINDS:
        with replacing(target / f"{kind.name}.csv") as handle:
            counts[kind.name] = write_csv(kind, handle)
    return counts


@contextmanager
def replacing(path: Path, binary: bool = False):
    """A file written beside `path` and put in its place when complete, so a failed
    export never leaves half a file under the final name."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        handle = open(partial, "wb") if binary else open(partial, "w", encoding="utf-8",
                                                             newline="")
    except OSError as error:
        raise LedgerError("cannot_write", path=str(path),
                          reason=error.strerror or str(error)) from None
    try:
        with handle:
            yield handle
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise LedgerError("cannot_write", path=str(path),
                          reason=error.strerror or str(error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
