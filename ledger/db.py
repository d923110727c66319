"""Opening a ledger at its address: connection set-up, the schema version and migrations.

A ledger address is a file path (an SQLite file marked with its own application id, in
WAL mode with foreign keys on and a busy timeout) or a `postgresql://` address of one
village's schema on a township's server (`ledger.stores.postgresql`). Its schema
version lives in the `meta` table; opening an older ledger migrates it forward in one
transaction, and a newer one is refused rather than damaged. The connection settings
and the guarding triggers are each store's (`ledger.stores`); the rest of what is
SQLite's file (pragmas, URIs, the file's header) is kept to this module: even `backup`
asks the functions here what the file it copies holds.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from peewee import DatabaseError, SqliteDatabase, fn

from ledger import anchors, audit, chart, leftovers, models, seal, store_errors, stores
from ledger.stores import sqlite as sqlite_store
from ledger.errors import LedgerError

DEFAULT_PATH = "ledger.db"
APPLICATION_ID = 0x5349_4C4B  # "SILK"
SCHEMA_VERSION = 12
COLLECTIVE = models.COLLECTIVE


def default_path(env=os.environ) -> str:
    """`SILK_DB` when set, else `ledger.db` in the working directory."""
    return env.get("SILK_DB") or DEFAULT_PATH


def open_ledger(path: str | os.PathLike, *, create: bool = False,
                readonly: bool = False) -> SqliteDatabase:
    """Open the ledger at `path` and bind the models to it.

    With `create`, a missing file becomes a new empty ledger. With `readonly`, the file
    is never written, not even its journal mode (so a backup stays as it was, and a
    ledger on read-only media can be read); a ledger that would need upgrading first is
    refused instead. A path that is a folder, is not a ledger, or was written by a newer
    version is refused with a LedgerError. A `postgresql://` address opens that
    village's schema on the server (`_open_on_server`).
    """
    if stores.is_server(path):
        return _open_on_server(str(path), create=create, readonly=readonly)
    target = Path(path)
    if target.is_dir():
        raise LedgerError("db_is_directory", path=str(target))
    exists = target.exists() and target.stat().st_size > 0
    if not exists and (readonly or not create):
        raise LedgerError("db_missing", path=str(target))
    if exists:
        _refuse_foreign(target)
    elif not target.parent.exists():
        raise LedgerError("db_folder_missing", path=str(target.parent))
    db = sqlite_store.sqlite_read_only(target) if readonly else sqlite_store.sqlite(str(target))
    try:
        db.connect()
        models.database.initialize(db)
        if not exists:
            anchors.set_aside(target)
            _create(db)
        elif readonly:
            _refuse_outdated(db, target)
        else:
            leftovers.sweep(target)  # what a killed backup or restore left beside it
            if schema_version(db) < SCHEMA_VERSION:
                from ledger import backup  # which opens ledgers itself

                with backup.automatic(target, "migrate"):  # kept only if it migrated
                    migrate(db)
            else:
                migrate(db)
    except DatabaseError as error:
        db.close()
        if store_errors.is_busy(error):
            raise LedgerError("db_busy") from None  # another window is writing: not damage
        if (not readonly and not sqlite_store.writable(target)
                and store_errors.kind(error) in (store_errors.READONLY, store_errors.CANTOPEN)):
            raise LedgerError("db_readonly") from None  # read-only media, asked to write
        raise LedgerError("db_unreadable", path=str(target), reason=str(error)) from None
    except LedgerError:
        db.close()
        raise
    return db


def _open_on_server(address: str, *, create: bool, readonly: bool):
    """The ledger at a server address, bound to the models: made (a new schema) with
    `create`, refused when its code is not on the server; migrated as a file is."""
    from ledger.stores import postgresql

    database, new = postgresql.open_ledger(address, create=create, readonly=readonly)
    where = postgresql.parse(address)
    try:
        if new:
            _create(database)
            from ledger import roles  # the township's auditors read every ledger

            roles.grant_new_ledger(database, where.ledger)
        elif readonly:
            _refuse_outdated(database, where.shown)
        else:
            migrate(database)
    except store_errors.ERRORS as error:
        database.close()
        raise postgresql.refusal(error, where) from None
    except LedgerError:
        database.close()
        raise
    return database


def _refuse_outdated(db: SqliteDatabase, target: Path | str) -> None:
    """A ledger opened read-only is read as it is: one of a newer schema is refused as
    ever, and one of an older schema, which would be migrated when opened for writing,
    is refused with a word on how to upgrade it."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise LedgerError("db_too_new", version=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        raise LedgerError("db_needs_upgrade", path=str(target), version=version,
                          supported=SCHEMA_VERSION)


@contextmanager
def sort_memory(kib: int) -> Iterator[None]:
    """Let each sort on the models' connection hold at most about `kib` KiB before SQLite
    carries it on in a temporary file, for as long as the block runs. SQLite ties this
    to the page cache size, so a query reading several sorted streams at once (the
    journal export reads seven) would otherwise hold seven caches' worth."""
    if stores.current().name != "sqlite":
        yield  # a server sorts in its own work_mem
        return
    connection = models.database.connection()  # this thread's: restored on it, whichever
    before = connection.execute("PRAGMA cache_size").fetchone()[0]  # thread ends the block
    connection.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before)}")


def refusal(error: BaseException, path: str | os.PathLike) -> LedgerError:
    """What a database error means for the user: busy, read-only, disk full (and where),
    or damaged; the same words whichever entry point met it (`store_errors` reads its
    code, not its wording). Each write is one transaction, undone when it fails."""
    if stores.is_server(path):
        from ledger.stores import postgresql

        return postgresql.refusal(error, postgresql.parse(str(path)))
    found = store_errors.kind(error)
    if found == store_errors.BUSY:
        return LedgerError("db_busy")
    if found == store_errors.READONLY:
        return LedgerError("db_readonly")
    if found == store_errors.FULL:
        folder = os.path.dirname(os.path.abspath(path or DEFAULT_PATH))
        return LedgerError("disk_full", folder=folder)
    return LedgerError("db_error", path=str(path), reason=str(error))


def problem(error: BaseException, path: str) -> str:
    """`refusal` as the line to show."""
    return refusal(error, path).message()


def _refuse_foreign(target: Path) -> None:
    """Refuse a file that is not a ledger before touching it: opening with our pragmas
    would switch another program's database to WAL mode."""
    with open(target, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise LedgerError("db_not_ledger", path=str(target))
    try:
        probe = sqlite3.connect(sqlite_store.read_only_uri(target), uri=True)
        try:
            found = application_id(probe)
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise LedgerError("db_unreadable", path=str(target), reason=str(error)) from None
    if found != APPLICATION_ID:
        raise LedgerError("db_not_ledger", path=str(target))


def application_id(connection: sqlite3.Connection) -> int:
    """The file's application id (a ledger's is APPLICATION_ID), on a plain connection."""
    return connection.execute("PRAGMA application_id").fetchone()[0]


def page_problems(connection: sqlite3.Connection, quick: bool = False) -> list[str]:
    """What SQLite finds wrong with the file's pages and indexes ([] when nothing);
    `quick` skips comparing indexes with their tables."""
    check = "quick_check" if quick else "integrity_check"
    found = [row[0] for row in connection.execute(f"PRAGMA {check}")]
    return [] if found == ["ok"] else found


def as_single_file(connection: sqlite3.Connection) -> None:
    """Keep the file in rollback-journal mode, not WAL: one file that opens anywhere,
    also from read-only media (what a backup is)."""
    connection.execute("PRAGMA journal_mode = DELETE")


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
        if stores.of(db).name == "sqlite":
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        db.create_tables(models.ALL_MODELS)
        _add_chart_accounts()
        models.Party.create(code=COLLECTIVE, kind="collective", name="村集体")
        seal.seal_missing()
        stores.of(db).guard(db)
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
    # A ledger on a server began at schema 7 (the first the server store knows): only
    # the steps after it run there.
    on_file = stores.of(db).name == "sqlite"
    if on_file:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            tables = set(db.get_tables())
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](db)
            stores.of(db).guard(db, set(db.get_tables()) - tables)  # the new tables' guards
            seal.seal_missing()
            audit.log("migrate", target=f"schema {current} -> {SCHEMA_VERSION}")
            if current < 2:
                # The guards came with schema 2: a later ledger lacking one keeps lacking
                # it, for check to name (and restore to refuse). The rows from before the
                # audit trail are introduced by the upgrade.
                stores.of(db).guard(db)
                for model, kinds in audit.introducing():
                    highest = model.select(fn.MAX(model._meta.primary_key)).scalar()
                    if highest:
                        audit.log("migrate", kind=kinds[0], ids=(1, highest))
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall() if on_file else []
            if broken:
                raise LedgerError("db_migration_broken", table=broken[0][0], version=SCHEMA_VERSION)
            _set_version(db, SCHEMA_VERSION)
    finally:
        if on_file:
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
    """Schema 3: notes on batches (the yield book); `guard` then makes them append-only
    like the records."""
    db.execute_sql('CREATE TABLE "batch_note" ("id" INTEGER NOT NULL PRIMARY KEY, '
                   '"batch_id" INTEGER NOT NULL, "date" DATE NOT NULL, "text" TEXT NOT NULL, '
                   '"seal" VARCHAR(32) NOT NULL, FOREIGN KEY ("batch_id") REFERENCES "batch" '
                   '("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE INDEX "batch_note_batch_id" ON "batch_note" ("batch_id")')


def _migrate_4(db: SqliteDatabase) -> None:
    """Schema 4: the ledger gets an id its backups carry (`anchors.LEDGER_ID`), and the
    meta table (village name, schema version, id) is sealed; `set_meta` seals it again
    at every change, the new schema version's included."""
    _upsert(anchors.LEDGER_ID, anchors.new_id())
    _upsert(seal.META_SEAL, seal.meta_seal())


def _add_chart_accounts() -> None:
    """Every account of the chart the ledger does not have yet, parents first."""
    existing = {code for (code,) in models.Account.select(models.Account.code).tuples()}
    for account in chart.CHART:
        if account.code not in existing:
            parent = (models.Account.get(models.Account.code == account.parent)
                      if account.parent else None)
            models.Account.insert(code=account.code, parent=parent).execute()


def _migrate_5(db: SqliteDatabase) -> None:
    """Schema 5: the collective's whole books. The full chart of 2023; a sub-account's own
    name; general vouchers and their lines; vouchers without a season (a general voucher
    belongs to its date); each account's movements kept per month for the statements.
    Accounts are sealed again afterwards, since their seal now covers the name."""
    from peewee import CharField
    from playhouse.migrate import SchemaMigrator, migrate as run

    # SQLite rebuilds the voucher table to let its season be empty, and a rebuilt table
    # loses its triggers: those it had are made again, and only those (one dropped
    # behind the program's back stays dropped, for check to name).
    guards = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                            "tbl_name = 'voucher'").fetchall()
    migrator = SchemaMigrator.from_database(db)
    run(migrator.add_column("account", "name", CharField(max_length=100, default="")),
        migrator.drop_not_null("voucher", "season_id"))
    for (sql,) in guards:
        db.execute_sql(sql)

    db.execute_sql(
        'CREATE TABLE "general_voucher" ("id" INTEGER NOT NULL PRIMARY KEY, "date" DATE NOT '
        'NULL, "attachments" INTEGER NOT NULL, "maker" VARCHAR(100) NOT NULL, "source" '
        'VARCHAR(16) NOT NULL, "reverses" INTEGER, "seal" VARCHAR(32) NOT NULL)')
    db.execute_sql('CREATE INDEX "general_voucher_date" ON "general_voucher" ("date")')
    db.execute_sql(
        'CREATE TABLE "voucher_line" ("id" INTEGER NOT NULL PRIMARY KEY, "voucher_id" INTEGER '
        'NOT NULL, "summary" VARCHAR(200) NOT NULL, "account_id" INTEGER NOT NULL, "debit" '
        'INTEGER NOT NULL, "credit" INTEGER NOT NULL, "seal" VARCHAR(32) NOT NULL, FOREIGN KEY '
        '("voucher_id") REFERENCES "general_voucher" ("id") ON DELETE RESTRICT, FOREIGN KEY '
        '("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE INDEX "voucher_line_voucher_id" ON "voucher_line" ("voucher_id")')
    db.execute_sql('CREATE INDEX "voucher_line_account_id" ON "voucher_line" ("account_id")')
    db.execute_sql(
        'CREATE TABLE "account_month" ("account_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT '
        'NULL, "debit" INTEGER NOT NULL, "credit" INTEGER NOT NULL, FOREIGN KEY ("account_id") '
        'REFERENCES "account" ("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE UNIQUE INDEX "account_month_account_id_month" ON "account_month" '
                   '("account_id", "month")')
    db.execute_sql('CREATE INDEX "account_month_month" ON "account_month" ("month")')
    db.execute_sql('CREATE INDEX "voucher_date" ON "voucher" ("date")')
    db.execute_sql('INSERT INTO "account_month" SELECT p."account_id", substr(v."date", 1, 7), '
                   'SUM(p."debit"), SUM(p."credit") FROM "posting" p JOIN "voucher" v ON '
                   'v."id" = p."voucher_id" GROUP BY 1, 2')
    db.execute_sql('UPDATE "account" SET "seal" = \'\'')
    for account in chart.CHART:  # the accounts of the 2023 chart it lacked, parents first
        db.execute_sql('INSERT INTO "account" ("code", "parent_id", "party_id", "seal", "name") '
                       'SELECT ?, (SELECT "id" FROM "account" WHERE "code" = ?), NULL, \'\', '
                       '\'\' WHERE NOT EXISTS (SELECT 1 FROM "account" WHERE "code" = ?)',
                       (account.code, account.parent, account.code))


def _migrate_6(db: SqliteDatabase) -> None:
    """Schema 6: fixed assets. The register, the months depreciated and what each charged
    per asset (`guard` then makes all three append-only), and the chart's own
    depreciation expense account 511.04, added after the accounts the ledger has."""
    db.execute_sql(
        'CREATE TABLE "fixed_asset" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(32) NOT '
        'NULL, "name" VARCHAR(200) NOT NULL, "acquired" DATE NOT NULL, "cost" INTEGER NOT NULL, '
        '"life" INTEGER NOT NULL, "residual" INTEGER NOT NULL, "method" VARCHAR(16) NOT NULL, '
        '"use" VARCHAR(16) NOT NULL, "account_id" INTEGER NOT NULL, "acquisition_id" INTEGER, '
        '"seal" VARCHAR(32) NOT NULL, FOREIGN KEY ("account_id") REFERENCES "account" ("id") '
        'ON DELETE RESTRICT, FOREIGN KEY ("acquisition_id") REFERENCES "general_voucher" '
        '("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE UNIQUE INDEX "fixed_asset_code" ON "fixed_asset" ("code")')
    db.execute_sql('CREATE INDEX "fixed_asset_account_id" ON "fixed_asset" ("account_id")')
    db.execute_sql(
        'CREATE TABLE "depreciation" ("id" INTEGER NOT NULL PRIMARY KEY, "month" VARCHAR(7) NOT '
        'NULL, "voucher_id" INTEGER NOT NULL, "seal" VARCHAR(32) NOT NULL, FOREIGN KEY '
        '("voucher_id") REFERENCES "general_voucher" ("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE INDEX "depreciation_month" ON "depreciation" ("month")')
    db.execute_sql('CREATE UNIQUE INDEX "depreciation_voucher_id" ON "depreciation" '
                   '("voucher_id")')
    db.execute_sql(
        'CREATE TABLE "depreciation_line" ("id" INTEGER NOT NULL PRIMARY KEY, "run_id" INTEGER '
        'NOT NULL, "asset_id" INTEGER NOT NULL, "amount" INTEGER NOT NULL, "seal" VARCHAR(32) '
        'NOT NULL, FOREIGN KEY ("run_id") REFERENCES "depreciation" ("id") ON DELETE RESTRICT, '
        'FOREIGN KEY ("asset_id") REFERENCES "fixed_asset" ("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE UNIQUE INDEX "depreciation_line_asset_id_run_id" ON '
                   '"depreciation_line" ("asset_id", "run_id")')
    db.execute_sql('CREATE INDEX "depreciation_line_run_id" ON "depreciation_line" ("run_id")')
    db.execute_sql('INSERT INTO "account" ("code", "parent_id", "party_id", "seal", "name") '
                   'SELECT \'511.04\', (SELECT "id" FROM "account" WHERE "code" = \'511\'), '
                   'NULL, \'\', \'\' WHERE NOT EXISTS (SELECT 1 FROM "account" WHERE "code" = '
                   '\'511.04\')')


def _migrate_7(db: SqliteDatabase) -> None:
    """Schema 7: an asset already in the opening balances keeps the depreciation the books
    before these had charged it (累计折旧期初, fen); every asset the ledger has gets 0.
    SQLite adds the column in place (no rebuild, so the register's guards stay) and last,
    where the model declares it. Its seal covers it only when it is not 0
    (`seal.LATE_COLUMNS`), so the rows are not sealed again: their seals still hold."""
    db.execute_sql('ALTER TABLE "fixed_asset" ADD COLUMN "opening_depreciation" INTEGER NOT '
                   'NULL DEFAULT 0')


def _migrate_8(db: SqliteDatabase) -> None:
    """Schema 8: each voucher's number within its month is kept (`voucher_number`) rather
    than counted at every read. The numbers are those the program counted until now, a
    voucher's position among its month's vouchers in posting (id) order, given by one
    window-function INSERT over the whole journal. Outside the seals and the chain, so
    no voucher is sealed again; `check` counts them afresh. On both stores (a server's
    ledgers began at schema 7)."""
    from peewee import CharField, DateField, ForeignKeyField, IntegerField, Model

    class Voucher(Model):  # the journal as schema 7 has it: only what numbering reads
        date = DateField()

        class Meta:
            database = db
            table_name = "voucher"

    class VoucherNumber(Model):  # as schema 8 defines it
        voucher = ForeignKeyField(Voucher, primary_key=True, on_delete="RESTRICT")
        month = CharField(max_length=7)
        position = IntegerField()

        class Meta:
            database = db
            table_name = "voucher_number"
            legacy_table_names = False  # the index's name from the table's, as the models'
            indexes = ((("month", "position"), True),)

    db.create_tables([VoucherNumber])
    month = stores.of(db).month_of(Voucher.date)
    numbered = Voucher.select(Voucher.id, month, fn.ROW_NUMBER().over(
        partition_by=[month], order_by=[Voucher.id]))
    (VoucherNumber.insert_from(numbered, [VoucherNumber.voucher, VoucherNumber.month,
                                          VoucherNumber.position]).execute())
    if stores.of(db).name != "sqlite":  # the server's logins: as they may the journal
        from ledger import roles  # psycopg: only for a ledger on a server

        roles.grant_like(db, "voucher_number", "voucher")


def _migrate_9(db: SqliteDatabase) -> None:
    """Schema 9: each party's season figures are kept (`season_flow`, `ledger.flows`)
    rather than summed from the season's records at every report. They are summed here
    once, from the records as schema 8 has them, by one INSERT of one UNION ALL; outside
    the seals, so nothing is sealed again; `check` counts them afresh. On both stores."""
    from peewee import BigIntegerField, CharField, ForeignKeyField, Model

    class Season(Model):
        class Meta:
            database = db
            table_name = "season"

    class Party(Model):
        class Meta:
            database = db
            table_name = "party"

    class SeasonFlow(Model):  # as schema 9 defines it
        season = ForeignKeyField(Season, on_delete="RESTRICT", index=False)
        party = ForeignKeyField(Party, on_delete="RESTRICT", index=False)
        figure = CharField(max_length=16)
        value = BigIntegerField(default=0)

        class Meta:
            database = db
            table_name = "season_flow"
            primary_key = False
            legacy_table_names = False
            indexes = ((("season", "party", "figure"), True),)

    db.create_tables([SeasonFlow])
    by_owner = 'JOIN "batch" b ON b."id" = r."batch_id"'
    signed = ('CASE WHEN r."direction" = \'to_household\' THEN r."amount" '
              'ELSE -r."amount" END')
    parts = [("cocoon_sale", "b.\"owner_id\"", "cocoon_grams", 'r."grams"', by_owner),
             ("cocoon_sale", "b.\"owner_id\"", "cocoon_income", 'r."amount"', by_owner),
             ("leaf_delivery", 'r."supplier_id"', "leaf_income", 'r."amount"', ""),
             ("leaf_delivery", "b.\"owner_id\"", "leaf_cost", 'r."amount"', by_owner),
             ("input", "b.\"owner_id\"", "input_cost", 'r."amount"', by_owner),
             ("wage", 'r."household_id"', "wage_income", 'r."amount"', ""),
             ("wage", 'r."payer_id"', "wage_cost", 'r."amount"', ""),
             ("charge", 'r."household_id"', "charge_cost", 'r."amount"', ""),
             ("subsidy", 'r."recipient_id"', "subsidy_income", 'r."amount"', ""),
             ("payment", 'r."household_id"', "paid", signed, "")]
    union = " UNION ALL ".join(
        f'SELECT r."season_id" AS s, {party} AS p, \'{figure}\' AS f, {value} AS v '
        f'FROM "{table}" r {join}' for table, party, figure, value, join in parts)
    db.execute_sql('INSERT INTO "season_flow" ("season_id", "party_id", "figure", "value") '
                   f'SELECT s, p, f, SUM(v) FROM ({union}) AS flows GROUP BY s, p, f')
    if stores.of(db).name != "sqlite":  # the server's logins: as they may the balances
        from ledger import roles  # psycopg: only for a ledger on a server

        roles.grant_like(db, "season_flow", "account_balance")


def _migrate_10(db: SqliteDatabase) -> None:
    """Schema 10: postings are found by account in voucher order, (account, voucher),
    instead of by account alone: a book of a period reads the account's postings of the
    period's vouchers, not every posting of the period (`ledger.books`). The index
    replaces the one it extends, so an import keeps as many to write. On both stores."""
    db.execute_sql('DROP INDEX IF EXISTS "posting_account_id"')
    db.execute_sql('CREATE INDEX "posting_account_id_voucher_id" ON "posting" '
                   '("account_id", "voucher_id")')


def _migrate_11(db: SqliteDatabase) -> None:
    """Schema 11: on a server, the guard that refuses a record or voucher in a closed
    season checks all the rows of a statement at once instead of each row (a seventh of
    the server's work of an import). A file's guards stay as they were: SQLite's
    triggers are a row's."""
    if stores.of(db).name != "sqlite":
        from ledger.stores import postgresql  # psycopg: only for a ledger on a server

        postgresql.renew_closed_season_guards(db)


def _migrate_12(db: SqliteDatabase) -> None:
    """Schema 12: what a book's line shows of a voucher beside its number is kept with the
    number (`voucher_number`): its record's batch or party and detail, and the accounts
    of a voucher of two postings, so that a year's cash or bank book reads them with its
    lines (`ledger.books`). Made here for the numbers the ledger keeps, by the rule
    `check` verifies them with (`vouchers.described_afresh`). A number kept for a voucher
    that is missing is carried as it is on a server, for `check` to name; a file's
    upgrade is refused, its foreign keys being checked at the end. Outside the seals and
    the chain, like the numbers. A file's table is made anew, with the columns where the
    model has them (SQLite would add them after its foreign key); a server's table gets
    them in place, and keeps its logins' rights."""
    from peewee import CharField, ForeignKeyField, IntegerField, Model, TextField

    from ledger import vouchers

    fresh, joins = vouchers.described_afresh("v")
    if stores.of(db).name != "sqlite":
        for name, kind in (("subject", "INTEGER"), ("detail", "TEXT"),
                           ("first_account", "INTEGER"), ("second_account", "INTEGER")):
            db.execute_sql(f'ALTER TABLE "voucher_number" ADD COLUMN "{name}" {kind}')
        settings = ", ".join(f'"{name}" = {fresh[name]}' for name in vouchers.DESCRIBED_COLUMNS)
        db.execute_sql(f'UPDATE "voucher_number" AS n SET {settings} '
                       f'FROM "voucher" AS v {joins} WHERE v."id" = n."voucher_id"')
        return

    class Voucher(Model):  # what the numbers refer to
        class Meta:
            database = db
            table_name = "voucher"

    class VoucherNumber(Model):  # as schema 12 defines it
        voucher = ForeignKeyField(Voucher, primary_key=True, on_delete="RESTRICT")
        month = CharField(max_length=7)
        position = IntegerField()
        subject = IntegerField(null=True)
        detail = TextField(null=True)
        first_account = IntegerField(null=True)
        second_account = IntegerField(null=True)

        class Meta:
            database = db
            table_name = "voucher_number"
            legacy_table_names = False  # the index's name from the table's, as the models'
            indexes = ((("month", "position"), True),)

    db.execute_sql('ALTER TABLE "voucher_number" RENAME TO "voucher_number_11"')
    db.execute_sql('DROP INDEX "voucher_number_month_position"')
    db.create_tables([VoucherNumber])
    columns = ", ".join(f'"{name}"' for name in vouchers.DESCRIBED_COLUMNS)
    made = ", ".join(fresh[name] for name in vouchers.DESCRIBED_COLUMNS)
    db.execute_sql(f'INSERT INTO "voucher_number" ("voucher_id", "month", "position", {columns}) '
                   f'SELECT n."voucher_id", n."month", n."position", {made} '
                   f'FROM "voucher_number_11" AS n LEFT JOIN "voucher" AS v '
                   f'ON v."id" = n."voucher_id" {joins}')
    db.execute_sql('DROP TABLE "voucher_number_11"')


#: Schema version N -> the step that brings an existing ledger from N-1 to N. Each step
#: is written against the tables as they were at N-1, never against today's models, and
#: leaves the ledger with the schema that `_create` gives a new one.
MIGRATIONS: dict = {2: _migrate_2, 3: _migrate_3, 4: _migrate_4, 5: _migrate_5,
                     6: _migrate_6, 7: _migrate_7, 8: _migrate_8, 9: _migrate_9,
                     10: _migrate_10, 11: _migrate_11, 12: _migrate_12}


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
