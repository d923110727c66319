"""The SQLite store: a ledger is one file. A connection with the ledger's settings, the
triggers that let the database itself guard the tables, ids as `MAX(id) + 1` (dense:
nothing else hands them out), and SQLite's spelling of what SQL spells differently.

`check` compares the triggers the schema defines (`expected_triggers`) with those the
database reports (`present_triggers`), so a guard dropped or rewritten behind the
program's back is named. This module imports only the models, so `db`, `check` and the
workers of `tamper` can all use it without importing each other.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from peewee import SQL, SqliteDatabase, fn

from ledger import models
from ledger.stores.base import Store

PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("synchronous", "full"),
    ("cache_size", -32000),
)


def month_of(field):
    """The `YYYY-MM` of a date column, in the database's own code: Peewee's `.year` and
    `.month` call back into Python for every row on SQLite, which numbering a month's
    tens of thousands of vouchers cannot afford."""
    return fn.strftime("%Y-%m", field)


def among(field, ids) -> "SQL":
    """`field IN ids` with the ids bound as one parameter (a JSON array the database
    reads back as rows): a book's thirty thousand vouchers cost Peewee a parameter each,
    and SQLite allows only so many."""
    return field.in_(SQL("(SELECT value FROM json_each(?))", [json.dumps(list(ids))]))


def sqlite(path: str) -> SqliteDatabase:
    """A connection to the ledger file at `path` with the ledger's settings; writes take
    the write lock at once (BEGIN IMMEDIATE), so two windows never deadlock."""
    return SqliteDatabase(path, pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)


#: A connection that only reads: it never sets the journal mode (which is a write).
READ_PRAGMAS = (
    ("busy_timeout", 5000),
    ("cache_size", -32000),
    ("query_only", 1),
)


def sqlite_read_only(path: str | os.PathLike) -> SqliteDatabase:
    """A connection that cannot write the file at `path` (or a URI `read_only_uri` made)."""
    uri = str(path) if str(path).startswith("file:") else read_only_uri(Path(path))
    return SqliteDatabase(uri, uri=True, pragmas=READ_PRAGMAS, check_same_thread=False)


def read_only_uri(target: Path) -> str:
    """The SQLite URI that opens `target` for reading only (`mode=ro`). Where nothing can
    write the file (it or its folder is not writable, as on a CD or a locked USB stick)
    and no write-ahead log waits beside it, it is opened `immutable`: SQLite then needs
    no shared-memory file beside it, which it could not create there."""
    uri = f"{target.resolve().as_uri()}?mode=ro"
    if not writable(target) and not Path(f"{target}-wal").exists():
        uri += "&immutable=1"
    return uri


def writable(target: Path) -> bool:
    """Whether this process may write the file and its folder (SQLite needs both)."""
    return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)


def connect_for_reading(path: str | os.PathLike) -> SqliteDatabase:
    """Bind the models to a ledger another process of this program has open and checked
    (a worker of `check`), read-only: no probing, creating or upgrading. `path` may be
    the URI the ledger was opened read-only with."""
    database = sqlite_read_only(path)
    database.connect()
    models.database.initialize(database)
    return database


def expected_triggers() -> dict[str, str]:
    """Name -> definition of every trigger the schema defines: the database refuses to
    change or delete a record, voucher, posting or audit entry, or to add a record or
    voucher to a closed season."""
    triggers = {}
    for model in models.APPEND_ONLY_MODELS:
        table = model._meta.table_name
        for event in ("UPDATE", "DELETE"):
            name = f"{table}_no_{event.lower()}"
            triggers[name] = (
                f'CREATE TRIGGER "{name}" BEFORE {event} ON "{table}" BEGIN SELECT '
                f"RAISE(ABORT, 'silk: {table} rows are never changed; correct by reversal'); END")
    for model in (*models.RECORD_MODELS, models.Voucher):
        table = model._meta.table_name
        name = f"{table}_closed_season"
        triggers[name] = (
            f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" '
            f'WHEN (SELECT "closed" FROM "season" WHERE "id" = NEW."season_id") IS NOT NULL '
            f"BEGIN SELECT RAISE(ABORT, 'silk: the season is closed'); END")
    return triggers


def guard(database: SqliteDatabase, tables: set[str] | None = None) -> None:
    """Create the triggers of `expected_triggers` that the ledger lacks; only those of
    `tables`, if given (the tables a migration has just made)."""
    present = present_triggers(database)
    for name, definition in expected_triggers().items():
        table = definition.split(' ON "', 1)[1].split('"', 1)[0]
        if name not in present and (tables is None or table in tables):
            database.execute_sql(definition)


def present_triggers(database: SqliteDatabase) -> dict[str, str]:
    """Name -> definition of every trigger the database holds."""
    rows = database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {name: sql or "" for name, sql in rows.fetchall()}


class SqliteStore(Store):
    """A ledger in one SQLite file (or in memory)."""

    name = "sqlite"
    dense_ids = True

    def first_id(self, model: type) -> int:
        return (model.select(fn.MAX(model._meta.primary_key)).scalar() or 0) + 1

    def month_of(self, field):
        return month_of(field)

    def among(self, field, ids):
        return among(field, ids)

    @contextmanager
    def snapshot(self, database) -> Iterator[bool]:
        connection = database.connection()
        if connection.in_transaction:
            yield True
            return
        connection.execute("BEGIN")  # deferred: the first read fixes the snapshot, no lock
        try:
            yield False
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")  # nothing was written: just end the snapshot

    def expected_guards(self) -> dict[str, str]:
        return expected_triggers()

    def present_guards(self, database) -> dict[str, str]:
        return present_triggers(database)

    def guard(self, database, tables: set[str] | None = None) -> None:
        guard(database, tables)


STORE = SqliteStore()
