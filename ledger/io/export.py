"""Export of every record kind in the canonical CSV format (docs/formats.md).

The rows of each kind are read in id order, one at a time (`ledger.canonical`), so `silk
import` of the folder into a new ledger adds the same records in the same order and
reproduces every report to the fen.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO

from ledger.canonical import (  # noqa: F401  (the types are part of this module's interface)
    DATE, KG, MONEY, MONEY_BLANK0, PLACES, QUANTITY, QUANTITY_BLANK0, SHEETS, TEXT, Column,
    as_text, rows)
from ledger.errors import LedgerError
from ledger.io import formulas, output
from ledger.kinds import KINDS, Kind


def write_csv(kind: Kind, handle: IO[str]) -> int:
    """Write `kind` as canonical CSV to `handle`; the number of rows written. Records
    deleted or amended within their season are left out (their pair cancels there), so
    the files import back into the same reports. No text field is a live formula
    (`ledger.io.formulas`)."""
    columns, found = rows(kind, standing_only=True)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    types = [c.type for c in columns]
    count = 0
    for row in found:
        writer.writerow([formulas.guarded(as_text(value, type_)) if type_ == TEXT
                         else as_text(value, type_) for value, type_ in zip(row, types)])
        count += 1
    return count


def reversals_kept(kinds=KINDS) -> int:
    """Reversals of closed seasons' records, which the CSV must keep (they changed the
    season they were posted in) but which `silk import` refuses (negative figures)."""
    from ledger.canonical import standing

    return sum(kind.model.select().where(kind.model.reverses.is_null(False)
                                         & standing(kind.model)).count()
               for kind in kinds if kind.moves_money)


def export_csv(folder: str | os.PathLike, force: bool = False) -> dict[str, int]:
    """Write `<kind>.csv` for every record kind into `folder` (made if missing); the rows
    written per kind. A folder holding anything else is refused, since `silk import
    FOLDER` would read it too; one holding an earlier export unless `force`, as any
    output file is (`ledger.io.output`)."""
    target = Path(folder)
    ours = {f"{kind.name}.csv" for kind in KINDS}
    if target.exists() and not target.is_dir():
        raise LedgerError("export_not_folder", path=str(target))
    if target.is_dir():
        strangers = sorted(p.name for p in target.iterdir() if p.name not in ours)
        if strangers:
            raise LedgerError("export_folder_not_empty", path=str(target),
                              names=", ".join(strangers[:5]))
        earlier = sorted(p.name for p in target.iterdir() if p.name in ours)
        if earlier and not force:  # refused before any file is written
            raise LedgerError("output_exists", path=str(target / earlier[0]))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError("cannot_write", path=str(target),
                          reason=error.strerror or str(error)) from None
    counts = {}
    for kind in KINDS:
        with output.writing(target / f"{kind.name}.csv", force=force) as handle:
            counts[kind.name] = write_csv(kind, handle)
    return counts
