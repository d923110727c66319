"""Opening a ledger file: connection set-up, the schema version and migrations.

A ledger is an SQLite file marked with its own application id, in WAL mode with foreign
keys on and a busy timeout. Its schema version lives in the `meta` table; opening an
older ledger migrates it forward in one transaction, and a newer one is refused rather
than damaged. SQLite-specific SQL is kept to this module.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from ledger import chart, models
from ledger.errors import LedgerError

DEFAULT_PATH = "ledger.db"
APPLICATION_ID = 0x5349_4C4B  # "SILK"
SCHEMA_VERSION = 1
COLLECTIVE = models.COLLECTIVE

PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
    ("synchronous", "full"),
    ("cache_size", -32000),
)


def default_path(env=os.environ) -> str:
    """`SILK_DB` when set, else `ledger.db` in the working directory."""
    return env.get("SILK_DB") or DEFAULT_PATH


def _sqlite(path: str) -> SqliteDatabase:
    return SqliteDatabase(path, pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)


def open_ledger(path: str | os.PathLike, *, create: bool = False) -> SqliteDatabase:
    """Open the ledger at `path` and bind the models to it.

    With `create`, a missing file becomes a new empty ledger. A path that is a folder,
    is not a ledger, or was written by a newer version is refused with a LedgerError.
    """
    target = Path(path)
    if target.is_dir():
        raise LedgerError("db_is_directory", path=str(target))
    exists = target.exists() and target.stat().st_size > 0
    if not exists and not create:
        raise LedgerError("db_missing", path=str(target))
    if exists:
        _refuse_foreign(target)
    elif not target.parent.exists():
        raise LedgerError("db_folder_missing", path=str(target.parent))
    db = _sqlite(str(target))
    try:
        db.connect()
        models.database.initialize(db)
        if not exists:
            _create(db)
        else:
            migrate(db)
    except DatabaseError as error:
        db.close()
        raise LedgerError("db_unreadable", path=str(target), reason=str(error)) from None
    except LedgerError:
        db.close()
        raise
    return db


def _refuse_foreign(target: Path) -> None:
    """Refuse a file that is not a ledger before touching it: opening with our pragmas
    would switch another program's database to WAL mode."""
    with open(target, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise LedgerError("db_not_ledger", path=str(target))
    try:
        probe = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise LedgerError("db_unreadable", path=str(target), reason=str(error)) from None
    if application_id != APPLICATION_ID:
        raise LedgerError("db_not_ledger", path=str(target))


def open_memory() -> SqliteDatabase:
    """A new ledger in memory, for tests and throwaway work."""
    db = SqliteDatabase(":memory:", pragmas=(("foreign_keys", 1),))
    db.connect()
    models.database.initialize(db)
    _create(db)
    return db


def _create(db: SqliteDatabase) -> None:
    """A new ledger gets the current schema at once; migrations are for existing ones."""
    with db.atomic():
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        db.create_tables(models.ALL_MODELS)
        for account in chart.CHART:
            parent = models.Account.get(models.Account.code == account.parent) if account.parent else None
            models.Account.create(code=account.code, parent=parent)
        models.Party.create(code=COLLECTIVE, kind="collective", name="村集体")
        _set_version(db, SCHEMA_VERSION)


def schema_version(db: SqliteDatabase) -> int:
    if not db.table_exists("meta"):
        return 0
    row = models.Meta.get_or_none(models.Meta.key == "schema_version")
    return int(row.value) if row else 0


def migrate(db: SqliteDatabase) -> None:
    """Bring an existing ledger to SCHEMA_VERSION, all steps in one transaction."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise LedgerError("db_too_new", version=current, supported=SCHEMA_VERSION)
    if current == SCHEMA_VERSION:
        return
    # SQLite rebuilds a table to change a column; foreign keys are checked once at the
    # end instead of during the rebuild (the pragma is ignored inside a transaction).
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](db)
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise LedgerError("db_migration_broken", table=broken[0][0], version=SCHEMA_VERSION)
            _set_version(db, SCHEMA_VERSION)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _set_version(db: SqliteDatabase, version: int) -> None:
    set_meta("schema_version", str(version))


#: Schema version N -> the step that brings an existing ledger from N-1 to N. Each step
#: is written against the tables as they were at N-1, never against today's models, and
#: leaves the ledger with the schema that `_create` gives a new one.
MIGRATIONS: dict = {}


def get_meta(key: str, default: str = "") -> str:
    row = models.Meta.get_or_none(models.Meta.key == key)
    return row.value if row else default


def set_meta(key: str, value: str) -> None:
    (models.Meta.insert(key=key, value=value)
     .on_conflict(conflict_target=[models.Meta.key], preserve=[models.Meta.value])
     .execute())
