"""Opening ledgers: connection settings, schema versions and migrations."""
from __future__ import annotations

import hashlib

import pytest
from peewee import IntegerField
from playhouse.migrate import SqliteMigrator, migrate

from ledger import book, db, models
from ledger.errors import LedgerError

from helpers import write_sql

pytestmark = pytest.mark.sqlite_only  # opening, migrating and refusing ledger files


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_ledger_is_in_wal_mode_with_foreign_keys_and_a_busy_timeout(file_ledger):
    pragma = lambda name: file_ledger.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert db.schema_version(file_ledger) == db.SCHEMA_VERSION


def test_the_chart_and_the_collective_are_there_from_the_start(file_ledger):
    codes = {a.code for a in models.Account.select()}
    assert {"101", "102", "113", "501.01", "503", "511.03"} <= codes
    assert models.Party.get(models.Party.code == db.COLLECTIVE).kind == "collective"


def test_default_path_follows_silk_db():
    assert db.default_path({}) == "ledger.db"
    assert db.default_path({"SILK_DB": "/data/village.db"}) == "/data/village.db"


def test_a_ledger_from_a_newer_version_is_refused_and_left_alone(ledger_path):
    write_sql(ledger_path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = digest(ledger_path)
    with pytest.raises(LedgerError) as refused:
        db.open_ledger(ledger_path)
    assert refused.value.message("en") == (
        "this ledger has schema version 99; this program knows up to "
        f"{db.SCHEMA_VERSION}; please upgrade silk-ledger")
    assert digest(ledger_path) == before


def test_opening_an_up_to_date_ledger_writes_nothing(ledger_path):
    before = digest(ledger_path)
    db.open_ledger(ledger_path).close()
    assert digest(ledger_path) == before


def test_an_older_ledger_is_migrated_forward_keeping_its_records(ledger_path, monkeypatch):
    database = db.open_ledger(ledger_path)
    book.record("households", {"code": "H001", "name": "张国华", "group": "一组"})
    database.close()

    def add_column(database):
        migrate(SqliteMigrator(database).add_column("party", "ward", IntegerField(default=0)))

    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, db.SCHEMA_VERSION, add_column)
    database = db.open_ledger(ledger_path)
    assert db.schema_version(database) == db.SCHEMA_VERSION
    columns = {c.name for c in database.get_columns("party")}
    assert "ward" in columns
    assert models.Party.get(models.Party.code == "H001").name == "张国华"
    database.close()


def test_a_failing_migration_leaves_the_ledger_as_it_was(ledger_path, monkeypatch):
    before = digest(ledger_path)

    def broken(database):
        database.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, db.SCHEMA_VERSION, broken)
    with pytest.raises(RuntimeError):
        db.open_ledger(ledger_path)
    models.database.close()
    assert digest(ledger_path) == before
