"""Who may do what on a township's server (`silk user add`, `ledger.roles`), seen from
each login: the accountant of village A reads and writes A only, the auditor reads
every village and writes none, and it is PostgreSQL itself that refuses the rest.

The module makes its own database `silk_roles_…` and its logins, all named with the
same unique prefix (roles are server-wide), and drops them all afterwards; it is
skipped, with the reason, when no server answers.
"""
from __future__ import annotations

import uuid

import psycopg
import pytest

from helpers import ok, refused, silk, undo_posting_index
from pg_server import as_login, demo_township, needs_server, throwaway_database

pytestmark = needs_server

SEASON_SQL = "SELECT code FROM {}.season ORDER BY start DESC LIMIT 1"


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    """A database with two demo villages `a` and `b`, an accountant of `a` and an
    auditor; the database and every role of this module's prefix dropped afterwards."""
    with demo_township("silk_roles", tmp_path_factory.mktemp("roles"),
                       password="桑园2026") as township:
        address, prefix = township["address"], township["prefix"]
        with psycopg.connect(address) as connection:
            season = connection.execute(SEASON_SQL.format("a")).fetchone()[0]
        yield dict(township, season=season, accountant=as_login(address, f"{prefix}_acc"),
                   auditor=as_login(address, f"{prefix}_aud"))


def leaf_file(folder, day: str, kg: int):
    """A leaf delivery to import (into a folder of its own: the file's name says what
    it holds)."""
    target = folder / uuid.uuid4().hex[:8]
    target.mkdir()
    path = target / "leaf.csv"
    path.write_text(f"date,batch,supplier,kg,price\n{day},{{batch}},H001,{kg},0.5\n",
                    encoding="utf-8")
    return path


def importable(township, code: str, kg: int):
    with psycopg.connect(township["address"]) as connection:
        batch, start = connection.execute(
            f"SELECT b.code, s.start FROM {code}.batch b JOIN {code}.season s ON s.id = "
            f"b.season_id WHERE s.code = %s ORDER BY b.code LIMIT 1",
            (township["season"],)).fetchone()
    path = leaf_file(township["folder"], str(start), kg)
    path.write_text(path.read_text(encoding="utf-8").replace("{batch}", batch),
                    encoding="utf-8")
    return path


def leaf_count(township, code: str) -> int:
    with psycopg.connect(township["address"]) as connection:
        return connection.execute(f"SELECT count(*) FROM {code}.leaf_delivery").fetchone()[0]


def run(township, login: str, code: str, *command: str):
    return silk("--db", f"{township[login]}?ledger={code}", "--lang", "en", *command,
                cwd=township["folder"])


def test_user_list_says_who_may_read_what(township):
    listed = ok(silk("--db", township["address"], "user", "list", cwd=township["folder"]))
    prefix = township["prefix"]
    assert listed.splitlines() == [f"{prefix}_acc\taccountant\ta",
                                   f"{prefix}_aud\tauditor\ta,b"]


def test_the_accountant_writes_his_village_and_check_passes(township):
    before = leaf_count(township, "a")
    ok(run(township, "accountant", "a", "import", importable(township, "a", 3)))
    assert leaf_count(township, "a") == before + 1
    assert "sound" in ok(run(township, "accountant", "a", "check"))


def test_the_accountant_can_neither_read_nor_write_another_village(township):
    before = leaf_count(township, "b")
    refused(run(township, "accountant", "b", "report", "season", township["season"]),
            "refused this login or this operation")
    refused(run(township, "accountant", "b", "import", importable(township, "b", 4)),
            "refused this login or this operation")
    assert leaf_count(township, "b") == before


def test_the_auditor_reads_every_village_and_writes_none(township):
    for code in ("a", "b"):
        assert "Net income" in ok(run(township, "auditor", code, "report", "season",
                                      township["season"]))
    before = leaf_count(township, "a")
    refused(run(township, "auditor", "a", "import", importable(township, "a", 5)),
            "refused this login or this operation")
    assert leaf_count(township, "a") == before


def test_it_is_the_server_that_refuses(township):
    """Not the program: the same logins, straight through the driver."""
    prefix, address = township["prefix"], township["address"]
    with psycopg.connect(as_login(address, f"{prefix}_acc"), autocommit=True) as accountant:
        for statement in ("SELECT count(*) FROM b.leaf_delivery",
                          "INSERT INTO b.meta (key, value) VALUES ('x', 'y')",
                          "UPDATE a.leaf_delivery SET grams = 0",  # append-only: not granted
                          "DROP TRIGGER leaf_delivery_no_update ON a.leaf_delivery"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                accountant.execute(statement)
        assert accountant.execute("SELECT count(*) FROM a.leaf_delivery").fetchone()[0] > 0
    with psycopg.connect(as_login(address, f"{prefix}_aud"), autocommit=True) as auditor:
        assert auditor.execute("SELECT count(*) FROM b.leaf_delivery").fetchone()[0] > 0
        for statement in ("INSERT INTO a.meta (key, value) VALUES ('x', 'y')",
                          "UPDATE b.meta SET value = value",
                          "DELETE FROM a.party"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                auditor.execute(statement)


def test_a_ledger_made_later_is_read_by_the_auditor_and_given_to_an_accountant(township):
    folder, address, prefix = township["folder"], township["address"], township["prefix"]
    ok(silk("--db", f"{address}?ledger=c", "init", "--village", "新村", cwd=folder))
    assert "Debits equal credits" in ok(run(township, "auditor", "c", "report",
                                            "trial-balance"))
    listed = ok(silk("--db", township["auditor"], "ledgers", cwd=folder)).splitlines()
    assert "c\t新村" in listed
    refused(run(township, "accountant", "c", "check"), "refused this login")
    ok(silk("--db", address, "user", "add", f"{prefix}_acc", "--role", "accountant",
            "--ledger", "c", cwd=folder))  # a second village, given later
    assert "sound" in ok(run(township, "accountant", "c", "check"))
    assert "sound" in ok(run(township, "accountant", "a", "check"))


def test_user_add_refuses_what_it_cannot_do(township, tmp_path):
    address, prefix = township["address"], township["prefix"]
    refused(silk("--db", tmp_path / "ledger.db", "--lang", "en", "user", "list", cwd=tmp_path),
            "kept by a PostgreSQL server")
    refused(silk("--db", address, "--lang", "en", "user", "add", f"{prefix}_x", "--role",
                 "accountant", cwd=tmp_path), "at least one village")
    refused(silk("--db", address, "--lang", "en", "user", "add", f"{prefix}_x", "--role",
                 "accountant", "--ledger", "nowhere", cwd=tmp_path), "no ledger nowhere")
    refused(silk("--db", address, "--lang", "en", "user", "add", f"{prefix}_aud", "--role",
                 "accountant", "--ledger", "a", cwd=tmp_path), "already a login")
    refused(silk("--db", township["accountant"], "--lang", "en", "user", "add", f"{prefix}_y",
                 "--role", "auditor", cwd=tmp_path), "refused this login or this operation")
    assert not (tmp_path / "ledger.db").exists()


def test_user_remove_drops_the_login_and_its_rights(township):
    """A user removed can no longer connect; he was one of silk's, with rights granted."""
    folder, address, prefix = township["folder"], township["address"], township["prefix"]
    name = f"{prefix}_gone"
    ok(silk("--db", address, "user", "add", name, "--role", "accountant", "--ledger", "b",
            cwd=folder))
    login = as_login(address, name)
    assert "sound" in ok(silk("--db", f"{login}?ledger=b", "--lang", "en", "check", cwd=folder))
    said = ok(silk("--db", address, "--lang", "en", "user", "remove", name, cwd=folder))
    assert said == f"{name} (accountant) removed: the login can no longer connect\n"
    refused(silk("--db", f"{login}?ledger=b", "--lang", "en", "check", cwd=folder),
            "refused this login")
    assert name not in ok(silk("--db", address, "user", "list", cwd=folder))
    with psycopg.connect(address) as connection:
        assert connection.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s",
                                  (name,)).fetchone()[0] == 0
    assert "sound" in ok(run(township, "accountant", "a", "check"))  # the others are kept


def test_user_remove_refuses_what_is_not_silks(township, tmp_path):
    address, prefix = township["address"], township["prefix"]
    refused(silk("--db", address, "--lang", "en", "user", "remove", "postgres", cwd=tmp_path),
            "postgres is not a user silk made")
    refused(silk("--db", address, "--lang", "en", "user", "remove", f"{prefix}_nobody",
                 cwd=tmp_path), f"there is no login {prefix}_nobody")
    refused(silk("--db", township["accountant"], "--lang", "en", "user", "remove",
                 f"{prefix}_aud", cwd=tmp_path), "refused this login or this operation")
    refused(silk("--db", tmp_path / "ledger.db", "--lang", "en", "user", "remove", "x",
                 cwd=tmp_path), "kept by a PostgreSQL server")
    with psycopg.connect(address) as connection:
        assert connection.execute("SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s)",
                                  ("postgres", f"{prefix}_aud")).fetchone()[0] == 2
    assert not (tmp_path / "ledger.db").exists()


def test_user_remove_refuses_a_login_still_granted_in_another_database(township):
    """PostgreSQL keeps grants per database: a login given a right in another database
    of the server is not dropped from this one, and keeps everything here."""
    folder, address, prefix = township["folder"], township["address"], township["prefix"]
    name = f"{prefix}_twice"
    ok(silk("--db", address, "user", "add", name, "--role", "accountant", "--ledger", "a",
            cwd=folder))
    with throwaway_database(prefix) as other:
        with psycopg.connect(other, autocommit=True) as connection:
            connection.execute(f'GRANT USAGE ON SCHEMA public TO "{name}"')
        refused(silk("--db", address, "--lang", "en", "user", "remove", name, cwd=folder),
                f"{name} still has rights or objects in another database")
        assert f"{name}\taccountant\ta" in ok(silk("--db", address, "user", "list", cwd=folder))
        with psycopg.connect(other, autocommit=True) as connection:
            connection.execute(f'REVOKE USAGE ON SCHEMA public FROM "{name}"')
    ok(silk("--db", address, "user", "remove", name, cwd=folder))


def test_after_the_upgrade_to_kept_voucher_numbers_each_login_still_may_what_it_might(
        township):
    """Schema 8 adds a table (`voucher_number`) to a ledger whose logins were granted the
    tables it had: the upgrade grants the new one as `voucher` is granted, so the
    accountant still posts and the auditor still reads the books."""
    folder, address = township["folder"], township["address"]
    with psycopg.connect(address, autocommit=True) as admin:  # as a ledger of schema 7
        admin.execute("SET search_path TO a")
        undo_posting_index(admin)
        admin.execute('DROP TABLE a.season_flow')
        admin.execute('DROP TABLE a.voucher_number')
        admin.execute("UPDATE a.meta SET value = '7' WHERE key = 'schema_version'")
    ok(silk("--db", f"{address}?ledger=a", "import", importable(township, "a", 6),
            cwd=folder))  # the upgrade, by the server's administrator
    before = leaf_count(township, "a")
    ok(run(township, "accountant", "a", "import", importable(township, "a", 7)))
    assert leaf_count(township, "a") == before + 1
    assert "sound" in ok(run(township, "accountant", "a", "check"))
    assert "记-" in ok(run(township, "auditor", "a", "report", "bank-book", "--year",
                           township["season"][:4]))
