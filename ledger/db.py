"""Opening a ledger file: connection set-up, the schema version and migrations.

A ledger is an SQLite file marked with its own application id, in WAL mode with foreign
keys on and a busy timeout. Its schema version lives in the `meta` table; opening an
older ledger migrates it forward in one transaction, and a newer one is refused rather
than damaged. The connection settings and the guarding triggers are in `ledger.store`.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from peewee import DatabaseError, SqliteDatabase, fn

from ledger import anchors, audit, chart, models, seal, store
from ledger.errors import LedgerError

DEFAULT_PATH = "ledger.db"
APPLICATION_ID = 0x5349_4C4B  # "SILK"
SCHEMA_VERSION = 3
COLLECTIVE = models.COLLECTIVE


def default_path(env=os.environ) -> str:
    """`SILK_DB` when set, else `ledger.db` in the working directory."""
    return env.get("SILK_DB") or DEFAULT_PATH


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
    db = store.sqlite(str(target))
    try:
        db.connect()
        models.database.initialize(db)
        if not exists:
            anchors.set_aside(target)
            _create(db)
        else:
            if schema_version(db) < SCHEMA_VERSION:
                from ledger import backup  # which opens ledgers itself

                backup.auto_backup(target, "migrate")
            migrate(db)
    except DatabaseError as error:
        db.close()
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise LedgerError("db_busy") from None  # another window is writing: not damage
        raise LedgerError("db_unreadable", path=str(target), reason=str(error)) from None
    except LedgerError:
        db.close()
        raise
    return db


@contextmanager
def sort_memory(kib: int) -> Iterator[None]:
    """Let each sort on the models' connection hold at most about `kib` KiB before SQLite
    carries it on in a temporary file, for as long as the block runs. SQLite ties this
    to the page cache size, so a query reading several sorted streams at once (the
    journal export reads seven) would otherwise hold seven caches' worth."""
    connection = models.database.connection()  # this thread's: restored on it, whichever
    before = connection.execute("PRAGMA cache_size").fetchone()[0]  # thread ends the block
    connection.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before)}")


def problem(error: DatabaseError, path: str) -> str:
    """What a database error means for the user: busy, read-only, or damaged; the same
    words whichever entry point met it."""
    from ledger import i18n

    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return i18n.t("db_busy")
    if "readonly" in text or "read-only" in text:
        return i18n.t("db_readonly")
    if "full" in text:
        return i18n.t("db_full")
    return i18n.t("db_error", path=path, reason=str(error))


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
        seal.seal_missing()
        store.guard(db)
        audit.log("init")
        _upsert(anchors.LEDGER_ID, anchors.new_id())
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
            seal.seal_missing()
            audit.log("migrate", target=f"schema {current} -> {SCHEMA_VERSION}")
            if current < 2:
                # The guards came with schema 2: a later ledger lacking one keeps lacking
                # it, for check to name (and restore to refuse). The rows from before the
                # audit trail are introduced by the upgrade.
                store.guard(db)
                for model, kinds in audit.introducing():
                    highest = model.select(fn.MAX(model._meta.primary_key)).scalar()
                    if highest:
                        audit.log("migrate", kind=kinds[0], ids=(1, highest))
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise LedgerError("db_migration_broken", table=broken[0][0], version=SCHEMA_VERSION)
            _set_version(db, SCHEMA_VERSION)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _set_version(db: SqliteDatabase, version: int) -> None:
    set_meta("schema_version", str(version))


def _migrate_2(db: SqliteDatabase) -> None:
    """Schema 2: season close, corrections, seals and the voucher hash chain, the audit
    trail. Rows already in the ledger are sealed afterwards (`seal.seal_missing`)."""
    from peewee import CharField, IntegerField, Model, TextField, AutoField
    from playhouse.migrate import SchemaMigrator, migrate as run

    def seal_column():
        return CharField(max_length=32, default="")

    records = ("leaf_delivery", "cocoon_sale", "input", "wage", "charge", "subsidy", "payment")
    migrator = SchemaMigrator.from_database(db)
    steps = [migrator.add_column("season", "closed", CharField(max_length=32, null=True))]
    for table in ("party", "season", "batch", "account"):
        steps.append(migrator.add_column(table, "seal", seal_column()))
    for table in records:
        steps += [migrator.add_column(table, "reverses", IntegerField(null=True)),
                  migrator.add_column(table, "corrects", IntegerField(null=True)),
                  migrator.add_column(table, "seal", seal_column())]
    steps += [migrator.add_column("voucher", "reverses", IntegerField(null=True)),
              migrator.add_column("voucher", "record_seal", seal_column()),
              migrator.add_column("voucher", "hash", seal_column())]
    run(*steps)
    for table in records:
        for link in ("reverses", "corrects"):
            db.execute_sql(f'CREATE INDEX "{table}_{link}" ON "{table}" ("{link}") '
                           f'WHERE "{link}" IS NOT NULL')

    class Change(Model):  # the audit trail as schema 2 defines it
        id = AutoField()
        at = CharField(max_length=32)
        operator = CharField(max_length=100)
        action = CharField(max_length=16)
        kind = CharField(max_length=16, default="")
        first_id = IntegerField(null=True)
        last_id = IntegerField(null=True)
        target = CharField(max_length=100, default="")
        before = TextField(default="")
        after = TextField(default="")
        reason = TextField(default="")
        hash = CharField(max_length=32, default="")

        class Meta:
            database = db
            table_name = "change"
            indexes = ((("kind", "first_id"), False),)

    db.create_tables([Change])
    db.execute_sql('CREATE TABLE "account_total" ("account_id" INTEGER NOT NULL PRIMARY KEY, '
                   '"debit" INTEGER NOT NULL, "credit" INTEGER NOT NULL, FOREIGN KEY '
                   '("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)')
    db.execute_sql('INSERT INTO "account_total" ("account_id", "debit", "credit") '
                   'SELECT "account_id", SUM("debit"), SUM("credit") FROM "account_balance" '
                   'GROUP BY "account_id"')


def _migrate_3(db: SqliteDatabase) -> None:
    """Schema 3: the ledger gets an id its backups carry (`anchors.LEDGER_ID`), and the
    meta table (village name, schema version, id) is sealed; `set_meta` seals it again
    at every change, the new schema version's included."""
    _upsert(anchors.LEDGER_ID, anchors.new_id())
    _upsert(seal.META_SEAL, seal.meta_seal())


#: Schema version N -> the step that brings an existing ledger from N-1 to N. Each step
#: is written against the tables as they were at N-1, never against today's models, and
#: leaves the ledger with the schema that `_create` gives a new one.
MIGRATIONS: dict = {2: _migrate_2, 3: _migrate_3}


def get_meta(key: str, default: str = "") -> str:
    row = models.Meta.get_or_none(models.Meta.key == key)
    return row.value if row else default


def set_meta(key: str, value: str) -> None:
    """Set one fact about the ledger and seal the meta table again (`seal.meta_seal`)."""
    _upsert(key, value)
    _upsert(seal.META_SEAL, seal.meta_seal())


def _upsert(key: str, value: str) -> None:
    (models.Meta.insert(key=key, value=value)
     .on_conflict(conflict_target=[models.Meta.key], preserve=[models.Meta.value])
     .execute())
