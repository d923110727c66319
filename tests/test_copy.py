"""`silk copy FROM TO`: a demo village copied file → server → file (and file → file), each
copy passing `check`, with the same seals, season reports and trial balance as the
source; a target that holds something is refused and left as it was; a missing source
is one clear line.

The server tests get their own throwaway database (`silk_copy_test_…`) on $SILK_PG_SERVER
and are skipped, with the reason, when no server answers there."""
from __future__ import annotations

import json
import sqlite3
import uuid

import psycopg
import pytest

from helpers import demo_ledger_file, ok, refused, silk
from ledger import models
from pg_server import needs_server, throwaway_database


SEALED = [model._meta.table_name for model in models.SEALED_MODELS]


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    """A demo village in a file, made once for the module (only ever read)."""
    folder = tmp_path_factory.mktemp("village")
    return demo_ledger_file(folder / "village.db", households=12, seasons=2, seed=7)


@pytest.fixture
def township():
    """A fresh database on the server; dropped afterwards."""
    with throwaway_database("silk_copy_test") as address:
        yield address


def seasons(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [code for (code,) in connection.execute("SELECT code FROM season ORDER BY id")]


def sealed_rows_of_file(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        found = {table: connection.execute(
            f'SELECT id, seal FROM "{table}" ORDER BY id').fetchall() for table in SEALED}
        found["voucher"] = connection.execute(
            "SELECT id, hash FROM voucher ORDER BY id").fetchall()
        found["change"] = connection.execute(
            'SELECT id, hash FROM "change" ORDER BY id').fetchall()
    return found


def sealed_rows_on_server(township: str, code: str) -> dict[str, list[tuple]]:
    with psycopg.connect(township) as connection:
        connection.execute(f'SET search_path TO "{code}"')
        found = {table: connection.execute(
            f'SELECT id, seal FROM "{table}" ORDER BY id').fetchall() for table in SEALED}
        found["voucher"] = connection.execute(
            "SELECT id, hash FROM voucher ORDER BY id").fetchall()
        found["change"] = connection.execute(
            'SELECT id, hash FROM "change" ORDER BY id').fetchall()
    return found


def reports(address, cwd, season_codes) -> dict[str, object]:
    """What a village reads off its books: each season's report and the trial balance."""
    found = {}
    for code in season_codes:
        found[code] = json.loads(ok(silk("--db", address, "report", "season", code,
                                         "--format", "json", cwd=cwd)))
    found["trial-balance"] = json.loads(ok(silk("--db", address, "report", "trial-balance",
                                                "--format", "json", cwd=cwd)))
    return found


def sound(address, cwd) -> None:
    assert "sound" in ok(silk("--db", address, "--lang", "en", "check", cwd=cwd))


def without_copy_entries(rows: dict[str, list[tuple]], copies: int) -> dict[str, list[tuple]]:
    """The rows the source had: each copy appends one audit entry, nothing else."""
    return {**rows, "change": rows["change"][:len(rows["change"]) - copies]}


def test_file_to_file_keeps_everything(village, tmp_path):
    target = tmp_path / "home.db"
    out = ok(silk("--lang", "en", "copy", village, target, cwd=tmp_path))
    assert "copied" in out and str(target) in out
    sound(target, tmp_path)
    assert without_copy_entries(sealed_rows_of_file(target), 1) == sealed_rows_of_file(village)
    codes = seasons(village)
    assert reports(target, tmp_path, codes) == reports(village, tmp_path, codes)
    assert not list(tmp_path.glob(".*partial*"))  # the temporary file became the ledger
    with sqlite3.connect(target) as connection:
        last = connection.execute('SELECT action, target FROM "change" ORDER BY id DESC '
                                  "LIMIT 1").fetchone()
    assert last == ("copy", str(village))


@needs_server
def test_file_to_server_and_back(village, township, tmp_path):
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    code = address.rpartition("=")[2]
    home = tmp_path / "home.db"
    ok(silk("copy", village, address, cwd=tmp_path))
    ok(silk("copy", address, home, cwd=tmp_path))
    for where in (village, address, home):
        sound(where, tmp_path)

    source = sealed_rows_of_file(village)
    assert without_copy_entries(sealed_rows_on_server(township, code), 1) == source
    assert without_copy_entries(sealed_rows_of_file(home), 2) == source
    codes = seasons(village)
    expected = reports(village, tmp_path, codes)
    assert reports(address, tmp_path, codes) == expected
    assert reports(home, tmp_path, codes) == expected


@needs_server
def test_sequences_on_the_server_go_past_the_copied_ids(village, township, tmp_path):
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    ok(silk("copy", village, address, cwd=tmp_path))
    with psycopg.connect(township) as connection:
        connection.execute(f'SET search_path TO "{address.rpartition("=")[2]}"')
        for model in models.ALL_MODELS:
            key = model._meta.primary_key
            if not key or key.field_type != "AUTO":
                continue
            table = model._meta.table_name
            highest = connection.execute(f'SELECT MAX(id) FROM "{table}"').fetchone()[0]
            following = connection.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))",
                                           (f'"{table}"',)).fetchone()[0]
            assert following > (highest or 0), table
    # and the program writes on: a new account takes the next id, the books stay sound
    ok(silk("--db", address, "account", "add", "513.91", "复制后新增", cwd=tmp_path))
    sound(address, tmp_path)


def test_an_existing_file_is_refused_and_left_as_it_was(village, tmp_path):
    target = tmp_path / "there.db"
    demo_ledger_file(target, households=3, seasons=1, seed=2)
    before = target.read_bytes()
    refused(silk("--lang", "en", "copy", village, target, cwd=tmp_path), "already holds")
    assert target.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("not a ledger")
    refused(silk("--lang", "en", "copy", village, other, cwd=tmp_path), "already holds")
    assert other.read_text() == "not a ledger"


@needs_server
def test_an_existing_ledger_on_the_server_is_refused_and_left_as_it_was(village, township,
                                                                         tmp_path):
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    code = address.rpartition("=")[2]
    ok(silk("--db", address, "init", cwd=tmp_path))
    before = sealed_rows_on_server(township, code)
    refused(silk("--lang", "en", "copy", village, address, cwd=tmp_path), "already holds")
    assert sealed_rows_on_server(township, code) == before


def test_a_missing_source_is_one_clear_line(tmp_path):
    refused(silk("--lang", "en", "copy", tmp_path / "nowhere.db", tmp_path / "new.db",
                 cwd=tmp_path), "no ledger at")
    assert not (tmp_path / "new.db").exists()


@needs_server
def test_a_missing_ledger_on_the_server_is_one_clear_line(township, tmp_path):
    refused(silk("--lang", "en", "copy", f"{township}?ledger=nobody", tmp_path / "new.db",
                 cwd=tmp_path), "no ledger nobody")
    assert not (tmp_path / "new.db").exists()


def closed_village(village, tmp_path):
    """The demo village with its first season closed (its records then refuse inserts),
    and the close's anchor in the audit trail."""
    closed = tmp_path / "closed.db"
    ok(silk("copy", village, closed, cwd=tmp_path))
    ok(silk("--db", closed, "close", seasons(village)[0], cwd=tmp_path))
    return closed


def test_a_closed_season_is_copied_and_stays_closed(village, tmp_path):
    closed = closed_village(village, tmp_path)
    target = tmp_path / "again.db"
    ok(silk("copy", closed, target, cwd=tmp_path))
    sound(target, tmp_path)
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT closed FROM season ORDER BY id").fetchone()[0]
    assert (tmp_path / "again.db.anchors").read_text().startswith(
        (tmp_path / "closed.db.anchors").read_text())


@needs_server
def test_a_closed_season_goes_to_the_server_and_back(village, township, tmp_path):
    closed = closed_village(village, tmp_path)
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home.db"
    ok(silk("copy", closed, address, cwd=tmp_path))
    ok(silk("copy", address, home, cwd=tmp_path))
    for where in (address, home):
        sound(where, tmp_path)
    codes = seasons(village)
    assert reports(home, tmp_path, codes) == reports(closed, tmp_path, codes)


def failing_at_the_end(monkeypatch):
    """The copy fails after every row is in, just before it would commit."""
    from ledger import copying

    def fail(*args, **kwargs):
        raise RuntimeError("cut off")

    monkeypatch.setattr(copying.audit, "log", fail)
    return copying


def test_a_failed_copy_to_a_file_leaves_nothing(village, tmp_path, monkeypatch):
    copying = failing_at_the_end(monkeypatch)
    target = tmp_path / "new.db"
    with pytest.raises(RuntimeError):
        copying.copy(str(village), str(target))
    assert sorted(path.name for path in tmp_path.iterdir()) == []


@needs_server
def test_a_failed_copy_to_the_server_leaves_no_schema(village, township, tmp_path, monkeypatch):
    copying = failing_at_the_end(monkeypatch)
    code = f"v{uuid.uuid4().hex[:8]}"
    with pytest.raises(RuntimeError):
        copying.copy(str(village), f"{township}?ledger={code}")
    with psycopg.connect(township) as connection:
        assert connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s",
                                  (code,)).fetchone() is None


@needs_server
def test_gaps_a_server_left_are_declared_by_the_copy_and_no_others(village, township,
                                                                   tmp_path):
    """A write rolled back on the server leaves its sequence value unused: a file copy
    has that gap, which its copy entry declares; a row removed from the file later is
    still named."""
    from ledger import db, stores

    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    ok(silk("copy", village, address, cwd=tmp_path))
    database = db.open_ledger(address)
    try:
        with database.atomic() as transaction:
            stores.current().next_id(models.Account, {})
            transaction.rollback()
    finally:
        database.close()
        models.database.initialize(None)
    ok(silk("--db", address, "account", "add", "513.91", "回滚之后", cwd=tmp_path))
    home = tmp_path / "home.db"
    ok(silk("copy", address, home, cwd=tmp_path))
    sound(home, tmp_path)

    ok(silk("--db", home, "account", "add", "513.92", "带回之后", cwd=tmp_path))
    ok(silk("--db", home, "account", "add", "513.93", "再加一个", cwd=tmp_path))
    with sqlite3.connect(home) as connection:
        connection.execute("DELETE FROM account WHERE code = '513.92'")
    found = silk("--db", home, "--lang", "en", "check", cwd=tmp_path)
    assert found.returncode == 1 and "account lacks row" in found.stdout, found.stdout
