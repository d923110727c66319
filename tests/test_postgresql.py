"""Ledgers on a PostgreSQL server, in the default suite: `init` and `ledgers`, a village's
records sealed exactly as on SQLite, the PL/pgSQL guards, one clear line for each way
the server can refuse, and the township report over every schema of a database.

Each test module gets its own throwaway database (`silk_pg_…`) on the server at
$SILK_PG_SERVER (default postgresql://postgres@127.0.0.1:5432); every test here is
skipped, with the reason, when no server answers there.
"""
from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from peewee import DatabaseError

from helpers import (build_village, clean_env, ok, refused, rows, silk, undo_described,
                     undo_statement_guards, valid, village_groups)
from ledger import book, check, closing, db, models, seal, store_errors, stores
from ledger.stores import postgresql
from pg_server import SERVER, needs_server, throwaway_database

pytestmark = needs_server

SEASON = "2026-1"


@pytest.fixture(scope="module")
def township():
    """A fresh database on the server for this module's ledgers; dropped afterwards."""
    with throwaway_database("silk_pg_test") as address:
        yield address


@pytest.fixture
def village(township):
    """A fresh ledger (schema) on the server, open and bound to the models; `check` must
    pass on it when the test ends."""
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    database = db.open_ledger(address, create=True)
    yield database
    if models.database.obj is database and not database.is_closed():
        assert [finding.message("en") for finding in check.run()] == []
    database.close()
    models.database.initialize(None)


def schemas(township: str) -> set[str]:
    with psycopg.connect(township) as connection:
        return {name for (name,) in connection.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' "
            "AND nspname NOT IN ('information_schema', 'public')")}


def test_init_makes_a_ledger_that_ledgers_lists(township, tmp_path):
    ok(silk("--db", f"{township}?ledger=dongshan", "--lang", "en", "init", "--village", "东山村",
            cwd=tmp_path))
    ok(silk("--db", f"{township}?ledger=xigou", "init", "--village", "西沟村", cwd=tmp_path))
    again = ok(silk("--db", f"{township}?ledger=xigou", "--lang", "en", "init", cwd=tmp_path))
    assert "is ready" in again  # a second init keeps the ledger
    listed = ok(silk("--db", township, "ledgers", cwd=tmp_path)).splitlines()
    assert "dongshan\t东山村" in listed and "xigou\t西沟村" in listed
    assert ok(silk("--db", f"{township}?ledger=xigou", "check", cwd=tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing written beside the command


RECORDS = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments")


def a_season_of_records() -> None:
    """The village, and a record of every kind in it."""
    build_village()
    book.record_many([(kind, rows(valid(kind))) for kind in RECORDS])


def test_a_village_is_sealed_on_the_server_exactly_as_in_a_file(village):
    a_season_of_records()
    on_server = _seals()
    database = db.open_memory()
    try:
        a_season_of_records()
        in_file = _seals()
    finally:
        database.close()
        models.database.initialize(village)
    assert on_server == in_file
    assert on_server["voucher"]  # the chain itself, not only the rows, is the same


def _seals() -> dict[str, list]:
    """Every sealed table's seals and the vouchers' hashes, in id order (the audit trail
    is left out: its entries carry the moment they were written)."""
    found = {}
    for model in models.SEALED_MODELS:
        if model is models.Change:
            continue
        found[model._meta.table_name] = [row for (row,) in model.select(model.seal)
                                         .order_by(model._meta.primary_key).tuples()]
    Voucher = models.Voucher
    found["voucher"] = [row for (row,) in Voucher.select(Voucher.hash).order_by(Voucher.id)
                        .tuples()]
    return found


def test_a_row_read_back_from_the_server_matches_its_seal(village):
    a_season_of_records()
    assert list(seal.broken_seals()) == [] and list(seal.broken_chain()) == []
    day = models.LeafDelivery.select(models.LeafDelivery.date).limit(1).scalar()
    assert str(day)[:4] == "2026"


def test_the_server_refuses_to_change_a_sealed_row(village):
    a_season_of_records()
    record = models.LeafDelivery.select().first()
    with pytest.raises(DatabaseError, match="never changed"):
        with models.database.atomic():
            models.LeafDelivery.update(grams=1).where(models.LeafDelivery.id == record.id).execute()
    with pytest.raises(DatabaseError, match="never changed"):
        with models.database.atomic():
            models.Voucher.delete().where(models.Voucher.id == 1).execute()
    assert models.LeafDelivery.get_by_id(record.id).grams == record.grams


def test_the_server_refuses_a_record_in_a_closed_season(village):
    a_season_of_records()
    closing.close(SEASON)
    LeafDelivery = models.LeafDelivery
    row = {field.name: value for field, value in
           zip(seal.sealed_fields(LeafDelivery), next(seal.raw_rows(
               LeafDelivery.select(*seal.sealed_fields(LeafDelivery)).limit(1))))}
    row["id"] = stores.current().next_id(LeafDelivery, {})
    with pytest.raises(DatabaseError, match="season is closed"):
        with models.database.atomic():
            LeafDelivery.insert(**row, seal="").execute()


def closed_season_guards() -> dict[str, int]:
    """Each closed-season guard of the open ledger, by name: its pg_trigger.tgtype."""
    return dict(models.database.execute_sql(
        "SELECT t.tgname, t.tgtype FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
        "AND t.tgname LIKE '%%closed_season'").fetchall())


def test_a_ledger_of_schema_10_gets_guards_that_check_a_statement_and_still_refuse(township):
    """Schema 11: the row guards of a ledger made before become one check of each INSERT
    or COPY (after it, tgtype 4); a guard dropped before stays dropped, for check to
    name; and a record in a closed season is still refused by the server itself."""
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    database = db.open_ledger(address, create=True)
    try:
        a_season_of_records()
        undo_statement_guards(database)
        assert set(closed_season_guards().values()) == {1 | 2 | 4}  # before, a row's
        database.execute_sql('DROP TRIGGER "wage_closed_season" ON "wage"')
        database.execute_sql('CREATE FUNCTION "let_through"() RETURNS trigger LANGUAGE plpgsql '
                             'AS $$BEGIN RETURN NEW; END;$$')
        database.execute_sql('DROP TRIGGER "charge_closed_season" ON "charge"')
        database.execute_sql('CREATE TRIGGER "charge_closed_season" BEFORE INSERT ON "charge" '
                             'FOR EACH ROW EXECUTE FUNCTION "let_through"()')
        database.close()
        database = db.open_ledger(address)
        assert db.schema_version(database) == db.SCHEMA_VERSION == 12
        guards = closed_season_guards()
        assert "wage_closed_season" not in guards
        assert guards.pop("charge_closed_season") == 1 | 2 | 4  # left as it was found
        assert len(guards) == len(models.RECORD_MODELS) - 1 and set(guards.values()) == {4}
        assert sorted(finding.message("en").split(":")[0] for finding in check.run()) == [
            "the guarding trigger charge_closed_season was rewritten outside the program",
            "the guarding trigger wage_closed_season is missing"]
        database.execute_sql('DROP TRIGGER "charge_closed_season" ON "charge"')
        stores.current().guard(database)
        assert check.run() == []
        closing.close(SEASON)
        Wage = models.Wage
        columns = book.LAYOUTS[Wage].columns
        row = list(next(seal.raw_rows(Wage.select(*columns).limit(1))))
        row[0] = stores.current().next_id(Wage, {})
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="season is closed"):
            with models.database.atomic():  # by COPY, as an import writes
                book._insert(Wage, [tuple(row)])
        assert check.run() == []
    finally:
        database.close()
        models.database.initialize(None)


def test_an_upgrade_leaves_a_guard_function_rewritten_outside_the_program_for_check(
        township):
    """An upgrade makes the guards of the tables it adds, and the functions they call
    where the ledger lacks them; a function the ledger has is left as it was found, even
    rewritten to let every change through, so that check still names each guard calling
    it instead of the upgrade putting it back unseen."""
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    database = db.open_ledger(address, create=True)
    try:
        a_season_of_records()
        database.execute_sql('CREATE OR REPLACE FUNCTION "silk_append_only"() RETURNS trigger '
                             'LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END;$$')
        undo_described(database.connection())  # back to schema 11: the upgrade runs
        database.close()
        database = db.open_ledger(address)
        assert db.schema_version(database) == db.SCHEMA_VERSION == 12
        rewritten = {finding.message("en").split(" was ")[0].rsplit(" ", 1)[-1]
                     for finding in check.run()}
        assert rewritten == {f"{model._meta.table_name}_no_{event}"
                             for model in models.APPEND_ONLY_MODELS
                             for event in ("update", "delete")}
    finally:
        database.close()
        models.database.initialize(None)


def test_check_names_a_guard_that_no_longer_reads_the_rows_inserted(village):
    """A closed-season guard made again without its transition table reads whatever
    table is called "inserted": the program's own words and function, yet no guard."""
    models.database.execute_sql('CREATE TABLE "inserted" ("season_id" bigint)')
    models.database.execute_sql('DROP TRIGGER "wage_closed_season" ON "wage"')
    models.database.execute_sql('CREATE TRIGGER "wage_closed_season" AFTER INSERT ON "wage" '
                                'FOR EACH STATEMENT EXECUTE FUNCTION "silk_closed_season"()')
    assert ("wage_closed_season", "altered") in list(
        stores.current().guard_problems(models.database.obj))
    models.database.execute_sql('DROP TRIGGER "wage_closed_season" ON "wage"')
    models.database.execute_sql('DROP TABLE "inserted"')
    stores.current().guard(models.database.obj)  # as it was, for the closing check


def test_check_names_a_guard_dropped_on_the_server(village):
    models.database.execute_sql('DROP TRIGGER "wage_no_update" ON "wage"')
    assert ("wage_no_update", "missing") in list(
        stores.current().guard_problems(models.database.obj))
    found = [finding.key for finding in check.run()]
    assert "check_trigger_missing" in found
    stores.current().guard(models.database.obj)  # as it was, for the closing check


def test_ids_come_from_the_sequences(village):
    first = stores.current().next_id(models.Party, {})
    second = stores.current().next_id(models.Party, {})
    assert second == first + 1
    book.record_many(village_groups())  # after ids were taken and never used: a gap
    assert list(seal.missing_rows()) == []  # gaps are no finding on a server


def test_an_import_takes_its_ids_from_the_server_in_blocks_not_one_a_row(village,
                                                                       monkeypatch):
    """300 wages (each a record, a voucher and its postings: some 1,200 ids) ask the
    sequences in a few dozen round trips, not one a row (one a row, an import on a server
    made some 200 records a second); each kind's ids are still consecutive, and `check`
    passes (the fixture)."""
    build_village()
    asked = []
    send = village.execute_sql

    def counted(sql, params=None, *args, **kwargs):
        if "nextval" in sql:
            asked.append(sql)
        return send(sql, params, *args, **kwargs)

    monkeypatch.setattr(village, "execute_sql", counted)
    writer = book.record_many([("wages", rows(*(valid("wages", quantity=str(n + 1))
                                                for n in range(300))))])
    monkeypatch.undo()
    assert writer.counts["wages"] == 300
    assert len(asked) < 40
    first, last = writer.ids["wages"]
    assert [w.id for w in models.Wage.select().where(models.Wage.id >= first)
            .order_by(models.Wage.id)] == list(range(first, last + 1))
    assert last - first == 299


@pytest.mark.parametrize("where, fragment", [
    ("postgresql://postgres@127.0.0.1:1/silk_pg_nowhere?ledger=x", "does not answer"),
    ("{server}/silk_pg_no_such_database?ledger=x", "has no database silk_pg_no_such_database"),
    ("{township}?ledger=nosuchvillage", "no ledger nosuchvillage"),
    ("{township}", "names no ledger"),
    ("{township}?ledger=pg_catalog", "cannot be a ledger code"),
])
def test_each_refusal_of_the_server_is_one_line_and_writes_nothing(township, tmp_path, where,
                                                                   fragment):
    address = where.format(server=SERVER, township=township)
    before = schemas(township)
    for command in (("check",), ("report", "season", SEASON), ("import", "x.csv")):
        refused(silk("--db", address, "--lang", "en", *command, cwd=tmp_path), fragment)
    assert schemas(township) == before
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_login_is_one_line(township, tmp_path):
    address = township.replace("postgres@", "nobody_here@", 1) + "?ledger=x"
    refused(silk("--db", address, "--lang", "en", "check", cwd=tmp_path), "refused this login")


def test_silk_db_takes_a_server_address(township, tmp_path):
    address = f"{township}?ledger=viaenv"
    ok(silk("init", "--village", "环境村", cwd=tmp_path, SILK_DB=address))
    assert "环境村" in ok(silk("ledgers", cwd=tmp_path, SILK_DB=township))


def test_the_township_report_sums_every_ledger_of_the_database(tmp_path):
    name = f"silk_pg_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        township = f"{SERVER}/{name}"
        for code, households in (("nanshan", 6), ("beipo", 9)):
            ok(silk("--db", f"{township}?ledger={code}", "demo", "--households", households,
                    "--seasons", "1", cwd=tmp_path))
        with psycopg.connect(township) as connection:
            season = connection.execute('SELECT code FROM beipo.season ORDER BY start '
                                        'DESC LIMIT 1').fetchone()[0]
        data = json.loads(ok(silk("--db", township, "report", "township", season, "--format",
                                  "json", cwd=tmp_path)))
        assert [row["ledger"] for row in data["ledgers"]] == ["beipo", "nanshan"]
        assert data["totals"]["households"] == 15
        one = json.loads(ok(silk("--db", f"{township}?ledger=beipo", "report", "season", season,
                                 "--format", "json", cwd=tmp_path)))
        assert data["ledgers"][0]["net_income"] == one["totals"]["net_income"] != "0.00"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_server_error_is_classified_by_its_sqlstate():
    error = psycopg.errors.InsufficientPrivilege("permission denied for table wage")
    assert store_errors.kind(DatabaseError(error)) == store_errors.DENIED
    assert store_errors.kind(psycopg.errors.DeadlockDetected("x")) == store_errors.CONFLICT
    assert store_errors.kind(psycopg.errors.SerializationFailure("x")) == store_errors.CONFLICT
    where = postgresql.parse("postgresql://u:secret@h:5433/t?ledger=v&sslmode=disable")
    assert (where.database, where.ledger) == ("t", "v")
    assert "secret" not in where.shown and "sslmode=disable" in where.conninfo


def test_the_environment_does_not_steer_the_server_tests():
    assert "SILK_DB" not in clean_env()


def test_writers_of_one_village_queue_and_of_another_do_not_wait(township):
    """Each write transaction first takes its ledger's advisory lock: a second writer of
    the same village waits for the first to commit (never interleaving its vouchers in
    the chain), a writer of another village goes straight on."""
    import threading
    import time

    for code in ("queue_a", "queue_b"):
        db.open_ledger(f"{township}?ledger={code}", create=True).close()
    where = postgresql.parse(township)
    first = postgresql.connect(where, "queue_a")
    same = postgresql.connect(where, "queue_a")
    other = postgresql.connect(where, "queue_b")
    waited = {}

    def write(database, name):
        began = time.monotonic()
        with database.atomic():
            waited[name] = time.monotonic() - began

    try:
        with first.atomic():
            threads = [threading.Thread(target=write, args=(same, "same")),
                       threading.Thread(target=write, args=(other, "other"))]
            for thread in threads:
                thread.start()
            time.sleep(1.0)
            assert "other" in waited and "same" not in waited
        for thread in threads:
            thread.join(10)
        assert waited["same"] >= 0.9 and waited["other"] < 0.9
    finally:
        for database in (first, same, other):
            database.close()


def test_check_reads_each_posting_a_few_times_however_the_server_plans(village):
    """`check` compares every voucher's kept description with one made afresh from its
    postings (`vouchers.described_otherwise`). Made a voucher at a time ("its first
    posting by id"), a server that had not yet gathered statistics on a newly written
    ledger, as after an import, walked the postings in id order for every voucher: the
    step read postings times vouchers rows, minutes for an imported village. It reads
    each posting a few times, whatever plan the server makes."""
    from ledger import demo, vouchers

    demo.generate(households=40, seasons=2, seed=7)
    postings = models.Posting.select().count()

    def read() -> int:  # rows of the posting table read so far in this transaction
        return models.database.execute_sql(
            "SELECT seq_tup_read + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables "
            "WHERE relid = 'posting'::regclass").fetchone()[0]

    with models.database.atomic():
        before = read()
        assert list(vouchers.described_otherwise()) == []
        assert read() - before <= 3 * postings
