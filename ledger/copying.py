"""A ledger copied from one address to another (`silk copy FROM TO`): a village's SQLite
file onto the township's PostgreSQL server, a ledger on the server into a file the
village takes home, or file to file and server to server.

Every table's rows are carried as the source store holds them, ids included, so the
seals, the voucher chain and the audit trail hold on the copy exactly as on the source
(both stores read dates as ISO text and money as integers: `ledger.stores`). The copy
is one transaction on the target, which must not hold a ledger yet:

- a file is written to a temporary file beside it (`leftovers.partial`) and given its
  name only once complete, so a failure or a kill leaves no ledger behind;
- a server ledger's schema is created in the same transaction as its rows, and each
  table's sequence is set past the highest id copied.

The guards (triggers) are made after the rows, as a new ledger's are, since a closed
season's records could not be inserted under them. The copy itself is the last entry
of the target's audit trail, appended to the chain like any other (so it breaks no seal
or hash). Anchors are carried as each store keeps them: the season closes' are in the
audit trail; a file's anchors file goes with it to a file; the target file's own starts
with its head after the copy. Backups stay where they are.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from peewee import fn, sort_models

from ledger import anchors, audit, db, leftovers, models, seal, store_errors, stores
from ledger.errors import LedgerError
from ledger.stores import sqlite as sqlite_store

#: Rows carried per round trip.
CHUNK = 5000


@dataclass(frozen=True)
class Copied:
    """What a copy carried: rows per table, and the target's head afterwards."""

    rows: dict[str, int]
    head: str

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy(source: str, target: str) -> Copied:
    """Copy the ledger at `source` to `target`, which must hold no ledger yet. The source
    is only read; a LedgerError (one line) says why nothing was copied."""
    source, target = str(source), str(target)
    _refuse_existing(target)
    reading = db.open_ledger(source, readonly=True)
    try:
        if stores.is_server(target):
            return _to_server(reading, source, target)
        return _to_file(reading, source, Path(target))
    finally:
        if not reading.is_closed():
            reading.close()
        models.database.initialize(None)


# -- the target ---------------------------------------------------------------------------

def _refuse_existing(target: str) -> None:
    """A target that holds a ledger (or anything else) is never written over."""
    if stores.is_server(target):
        from ledger.stores import postgresql

        where = postgresql.parse(target)
        if not where.ledger:
            raise LedgerError("pg_no_ledger_code", address=where.shown)
        probe = postgresql.connect(where, "", readonly=True)
        try:
            used = probe.execute_sql(
                "SELECT count(c.oid) FROM pg_namespace n LEFT JOIN pg_class c ON "
                "c.relnamespace = n.oid WHERE n.nspname = %s GROUP BY n.oid",
                (where.ledger,)).fetchone()
        except store_errors.ERRORS as error:
            raise postgresql.refusal(error, where) from None
        finally:
            probe.close()
        if used is not None:
            raise LedgerError("copy_target_exists", target=where.shown)
        return
    path = Path(target)
    if path.is_dir():
        raise LedgerError("db_is_directory", path=str(path))
    if path.exists():
        raise LedgerError("copy_target_exists", target=str(path))
    if not path.parent.exists():
        raise LedgerError("db_folder_missing", path=str(path.parent))


def _to_file(reading, source: str, target: Path) -> Copied:
    partial = leftovers.partial(target)
    leftovers.sweep(target)  # what a killed copy (or backup) into this name left
    leftovers.remove(partial)
    writing = sqlite_store.sqlite(str(partial))
    try:
        writing.connect()
        with writing.atomic():
            writing.execute_sql(f"PRAGMA application_id = {db.APPLICATION_ID}")
            writing.execute_sql("PRAGMA defer_foreign_keys = ON")  # an account's parent
            copied = _carry(reading, writing, source)
        writing.close()
        if target.exists():  # made meanwhile by another program: never written over
            raise LedgerError("copy_target_exists", target=str(target))
        os.replace(partial, target)
    except store_errors.ERRORS as error:
        raise LedgerError("db_error", path=str(target), reason=_first_line(error)) from None
    finally:
        if not writing.is_closed():
            writing.close()
        models.database.initialize(None)
        leftovers.remove(partial)
    _carry_anchors(source, target, copied.head)
    return copied


def _to_server(reading, source: str, target: str) -> Copied:
    from psycopg import sql

    from ledger.stores import postgresql

    where = postgresql.parse(target)
    writing = postgresql.connect(where, where.ledger)
    try:
        with writing.atomic():
            writing.execute_sql(sql.SQL("CREATE SCHEMA {}").format(
                sql.Identifier(where.ledger)).as_string(None))
            copied = _carry(reading, writing, source)
    except store_errors.ERRORS as error:
        raise postgresql.refusal(error, where) from None
    finally:
        writing.close()
        models.database.initialize(None)
    return copied


# -- the rows -----------------------------------------------------------------------------

def _carry(reading, writing, source: str) -> Copied:
    """Inside the target's transaction: the tables, every row of the source as of one
    commit, the sequences, the guards, and the copy's own audit entry."""
    models.database.initialize(writing)
    writing.create_tables(models.ALL_MODELS, safe=False)
    counts: dict[str, int] = {}
    with stores.of(reading).snapshot(reading):
        for model in sort_models(models.ALL_MODELS):
            counts[model._meta.table_name] = _carry_table(model, reading, writing)
    store = stores.of(writing)
    store.guard(writing)
    noted: dict = {"rows": sum(counts.values())}
    gaps = _gaps_on_arrival() if store.dense_ids and not stores.of(reading).dense_ids else {}
    if gaps:
        noted["gaps"] = gaps
    audit.log("copy", target=stores.shown(source), after=noted)
    if store.name == "postgresql":  # last: the copy's own audit entry has an id too
        for model in models.ALL_MODELS:
            _advance_sequence(model, writing)
    return Copied(counts, anchors.head().code)


def _gaps_on_arrival() -> dict[str, list[list[int]]]:
    """table -> the id ranges a ledger from a server lacks (a rolled-back write's
    sequence values), for the copy's audit entry to declare: a file's ids are dense, and
    `check` there names any gap the copy did not bring with it (`seal.copied_gaps`)."""
    found = {}
    for model in seal.DENSE_MODELS:
        key = model._meta.primary_key
        count, highest = model.select(fn.COUNT(key), fn.MAX(key)).tuples().get()
        if (highest or 0) != count:
            found[model._meta.table_name] = [list(gap) for gap in seal.gaps(model)]
    return found


def _carry_table(model: type, reading, writing) -> int:
    columns = [field.column_name for field in model._meta.sorted_fields]
    listed = ", ".join(f'"{column}"' for column in columns)
    table = model._meta.table_name
    order = f' ORDER BY "{model._meta.primary_key.column_name}"' if model._meta.primary_key else ""
    cursor = reading.execute_sql(f'SELECT {listed} FROM "{table}"{order}')
    insert = (f'INSERT INTO "{table}" ({listed}) VALUES '
              f'({", ".join([writing.param] * len(columns))})')
    canonical = stores.of(reading).canonical_row
    carried = 0
    while True:
        chunk = cursor.fetchmany(CHUNK)
        if not chunk:
            return carried
        writing.cursor().executemany(insert, [canonical(tuple(row)) for row in chunk])
        carried += len(chunk)


def _advance_sequence(model: type, writing) -> None:
    """The table's sequence past the highest id copied, so the next row gets a new one."""
    key = model._meta.primary_key
    if not key or key.field_type != "AUTO":
        return
    table = model._meta.table_name
    writing.execute_sql(
        f'SELECT setval(pg_get_serial_sequence(%s, %s), MAX("{key.column_name}")) '
        f'FROM "{table}" HAVING MAX("{key.column_name}") IS NOT NULL',
        (f'"{table}"', key.column_name))


# -- anchors ------------------------------------------------------------------------------

def _carry_anchors(source: str, target: Path, head: str) -> None:
    """The target file's anchors: the source file's, which its chain passes through, then
    its own head after the copy."""
    from datetime import datetime

    anchors.set_aside(target)
    lines = ""
    if not stores.is_server(source):
        try:
            lines = anchors.file_of(source).read_text(encoding="utf-8")
        except OSError:
            lines = ""
    if lines and not lines.endswith("\n"):
        lines += "\n"
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    anchors.file_of(target).write_text(f"{lines}{stamp} {head}\n", encoding="utf-8")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
