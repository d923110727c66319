"""Faults on a township's PostgreSQL server, seen as a user sees them.

- A write the server undoes for a conflict (serialization failure 40001, deadlock
  40P01) is run again as a whole and succeeds once, nothing said; a conflict that
  never ends is one clear line, and nothing is written. The conflict is made by a
  trigger in the ledger's own schema that raises it the first N times (a sequence
  counts the tries: it is not undone with the transaction).
- `silk import` killed with SIGKILL mid-way leaves all of the file or none of it, as on
  SQLite (tests/test_crash_safety.py), and `check` passes.
- The connection cut by the server (`pg_terminate_backend`) while the import's
  transaction is open: one clear line, exit 1, nothing written, `check` passes.
- A wrong password: the shared server trusts every login from 127.0.0.1 (any password
  passes), so this one test starts a throwaway server of its own (`initdb` with
  scram-sha-256, on a free port) where passwords count.

The module makes its own database (`silk_faults_…`) and is skipped, with the reason,
when no server answers.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest

from helpers import clean_env, make_village, ok, refused, silk
from ledger import stores
from ledger.stores import postgresql
from pg_server import needs_server, throwaway_database

pytestmark = [needs_server,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")]

ROWS = 10_000


@pytest.fixture(scope="module")
def township():
    with throwaway_database("silk_faults") as address:
        yield address


@pytest.fixture
def village(township):
    """The address of a ledger holding the helpers' village and 3 leaf deliveries."""
    address = f"{township}?ledger=v{uuid.uuid4().hex[:8]}"
    make_village(address, leaf=3)
    return address


def server(address: str):
    """A plain connection to the ledger's schema, beside the program (autocommit)."""
    where = postgresql.parse(address)
    connection = psycopg.connect(where.conninfo, autocommit=True)
    connection.execute(psycopg.sql.SQL("SET search_path TO {}").format(
        psycopg.sql.Identifier(where.ledger)))
    return connection


def leaf_grams(address: str) -> list[int]:
    """The leaf deliveries' weights in id order, as committed."""
    with server(address) as connection:
        return [grams for (grams,) in connection.execute(
            "SELECT grams FROM leaf_delivery ORDER BY id")]


def voucher_count(address: str) -> int:
    with server(address) as connection:
        return connection.execute("SELECT count(*) FROM voucher").fetchone()[0]


def leaf_file(folder, rows: int):
    path = folder / "leaf.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("date,batch,supplier,kg,price\n")
        handle.writelines(f"2026-04-20,B1,E01,{100 + n % 997}.{n % 1000:03d},0.50\n"
                          for n in range(rows))
    return path


# -- conflicts, retried -----------------------------------------------------------------

def conflict_on_insert(address: str, state: str, times: int) -> None:
    """Make the ledger's next `times` inserts into `leaf_delivery` fail with SQLSTATE
    `state`, as the server fails a transaction that conflicted with another."""
    with server(address) as connection:
        connection.execute("CREATE SEQUENCE fault_tries")
        connection.execute(  # a try is a transaction: counted at its first insert
            "CREATE FUNCTION fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF current_setting('fault.counted', true) IS DISTINCT FROM 'yes' THEN "
            "PERFORM set_config('fault.counted', 'yes', true); "
            f"IF nextval('fault_tries') <= {int(times)} THEN RAISE EXCEPTION "
            f"'made to conflict' USING ERRCODE = '{state}'; END IF; END IF; "
            "RETURN NEW; END; $$")
        connection.execute("CREATE TRIGGER fault BEFORE INSERT ON leaf_delivery "
                           "FOR EACH STATEMENT EXECUTE FUNCTION fault()")


def tries_and_clear(address: str) -> int:
    """How many transactions tried to insert; the trigger gone (so `check` sees only the
    ledger's own guards)."""
    with server(address) as connection:
        tried = connection.execute("SELECT last_value FROM fault_tries").fetchone()[0]
        connection.execute("DROP TRIGGER fault ON leaf_delivery")
        connection.execute("DROP FUNCTION fault()")
        connection.execute("DROP SEQUENCE fault_tries")
    return tried


@pytest.mark.parametrize("state", ["40001", "40P01"])
def test_a_conflict_is_retried_and_the_write_done_once(village, tmp_path, state):
    before, vouchers = leaf_grams(village), voucher_count(village)
    conflict_on_insert(village, state, times=2)
    done = silk("--db", village, "--lang", "en", "import", leaf_file(tmp_path, 5), cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr  # nothing said of it
    assert tries_and_clear(village) == 3
    assert len(leaf_grams(village)) == len(before) + 5  # once, not three times
    assert voucher_count(village) == vouchers + 5
    ok(silk("--db", village, "check", cwd=tmp_path))


def test_a_conflict_that_never_ends_is_one_line_and_writes_nothing(village, tmp_path):
    before, vouchers = leaf_grams(village), voucher_count(village)
    conflict_on_insert(village, "40001", times=1000)
    refused(silk("--db", village, "--lang", "en", "import", leaf_file(tmp_path, 5),
                 cwd=tmp_path), f"undid the write {stores.TRIES} times for a conflict")
    assert tries_and_clear(village) == stores.TRIES
    assert leaf_grams(village) == before and voucher_count(village) == vouchers
    ok(silk("--db", village, "check", cwd=tmp_path))


def test_a_conflict_inside_a_callers_transaction_is_left_to_the_caller(village):
    """A service called inside a transaction of its caller's runs once: the caller's
    transaction is aborted, and only the caller can run it again."""
    from ledger import book, db, models
    from helpers import valid

    conflict_on_insert(village, "40P01", times=1)
    database = db.open_ledger(village)
    try:
        with pytest.raises(Exception) as raised:
            with models.database.atomic():
                book.record("leaf", valid("leaf"))
        assert postgresql.refusal(raised.value, postgresql.parse(village)).key == "pg_conflict"
    finally:
        database.close()
        models.database.initialize(None)
    assert tries_and_clear(village) == 1


# -- a killed import, a cut connection --------------------------------------------------

def start_import(address: str, name: str, path, cwd):
    """`silk import` as a process of its own, its session named `name` on the server."""
    return subprocess.Popen([sys.executable, "-m", "ledger", "--db",
                             f"{address}&application_name={name}", "--lang", "en", "import",
                             str(path)], cwd=cwd, env=clean_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def writing_backend(address: str, name: str, process, seconds: float = 120) -> int | None:
    """The server's process for session `name` once its transaction has written (it has
    a transaction id); None if the command ended first."""
    deadline = time.monotonic() + seconds
    with server(address) as connection:
        while process.poll() is None and time.monotonic() < deadline:
            found = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
                "AND backend_xid IS NOT NULL", (name,)).fetchone()
            if found:
                return found[0]
            time.sleep(0.01)
    return None


def await_gone(address: str, pid: int, seconds: float = 60) -> None:
    """Wait until the server's process `pid` has ended (and its transaction with it)."""
    deadline = time.monotonic() + seconds
    with server(address) as connection:
        while connection.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                 (pid,)).fetchone():
            assert time.monotonic() < deadline, f"backend {pid} still there"
            time.sleep(0.05)


def test_killing_an_import_on_the_server_leaves_all_or_nothing(village, tmp_path):
    leaf = leaf_file(tmp_path, ROWS)
    before = leaf_grams(village)
    whole = f"{village.split('?')[0]}?ledger=whole{uuid.uuid4().hex[:6]}"
    make_village(whole, leaf=3)
    started = time.monotonic()
    full = start_import(whole, "silk_whole", leaf, tmp_path)
    assert full.wait(300) == 0, full.stderr.read()
    duration = time.monotonic() - started
    assert len(leaf_grams(whole)) == len(before) + ROWS
    postgresql.drop_ledger(whole)

    chance = random.Random(20261205)
    outcomes = []
    for attempt in range(3):
        name = f"silk_kill_{attempt}"
        began = time.monotonic()
        run = start_import(village, name, leaf, tmp_path)
        pid = writing_backend(village, name, run)  # its transaction is open and writing
        if pid is not None and attempt > 0:  # then later, up to about when it would end
            left = duration - (time.monotonic() - began)
            time.sleep(chance.uniform(0.2, 1.0) * max(0.0, left))
        killed = run.poll() is None
        run.send_signal(signal.SIGKILL)
        run.wait()
        if pid is not None:
            await_gone(village, pid)
        grams = leaf_grams(village)
        assert len(grams) in (len(before), len(before) + ROWS), \
            f"{len(grams)} deliveries: neither before nor after"
        outcomes.append((killed, len(grams) - len(before)))
        if len(grams) != len(before):
            break  # it finished: all of the file, once
    assert any(killed and not added for killed, added in outcomes), outcomes
    ok(silk("--db", village, "check", cwd=tmp_path))


def test_a_connection_cut_mid_import_is_one_line_and_writes_nothing(village, tmp_path):
    leaf = leaf_file(tmp_path, ROWS)
    before, vouchers = leaf_grams(village), voucher_count(village)
    run = start_import(village, "silk_cut", leaf, tmp_path)
    pid = writing_backend(village, "silk_cut", run)
    assert pid is not None, "the import ended before its transaction was seen"
    with server(village) as connection:
        assert connection.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
    stdout, stderr = run.communicate(timeout=120)
    result = subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr)
    refused(result, "connection to the server")
    assert leaf_grams(village) == before and voucher_count(village) == vouchers
    ok(silk("--db", village, "check", cwd=tmp_path))


# -- a wrong password -------------------------------------------------------------------

POSTGRES_BIN = "/usr/lib/postgresql/15/bin"


@pytest.fixture(scope="module")
def password_server():
    """A throwaway PostgreSQL server that asks for passwords (scram-sha-256), its
    superuser `postgres` with password `secret`: its address; stopped and removed after.
    As root, the server runs as the `postgres` account (it refuses to run as root)."""
    initdb = os.path.join(POSTGRES_BIN, "initdb")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if not os.path.exists(initdb) or (as_postgres and not shutil.which("runuser")):
        pytest.skip(f"needs {initdb} (and runuser, as root) to start a server of its own")
    folder = Path(tempfile.mkdtemp(prefix="silk_pg_password_"))  # where `postgres` may go
    (folder / "pw").write_text("secret\n", encoding="utf-8")
    if as_postgres:
        shutil.chown(folder, "postgres")
        shutil.chown(folder / "pw", "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    pg_ctl = [*as_postgres, os.path.join(POSTGRES_BIN, "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run([*as_postgres, initdb, "-D", str(data), "-A", "scram-sha-256", "-U",
                        "postgres", f"--pwfile={folder / 'pw'}", "-E", "UTF8", "--no-sync"],
                       check=True, capture_output=True)
        subprocess.run([*pg_ctl, "-w", "-l", str(folder / "log"), "-o",
                        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"], check=True, capture_output=True)
        yield f"postgresql://postgres:secret@127.0.0.1:{port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_wrong_password_is_one_line_and_writes_nothing(password_server, tmp_path):
    with psycopg.connect(f"{password_server}/postgres", autocommit=True) as admin:
        admin.execute("CREATE DATABASE town")
        admin.execute("CREATE ROLE clerk LOGIN PASSWORD 'right'")
    village = f"{password_server}/town?ledger=a"
    made = ok(silk("--db", village, "--lang", "en", "init", cwd=tmp_path))
    assert made.startswith("Created ledger postgresql://postgres:***@127.0.0.1:")  # hidden
    make_village(village, leaf=3)
    before = leaf_grams(village)
    leaf = leaf_file(tmp_path, 5)
    for login in ("postgres:wrong", "clerk:wrong", "nobody:secret"):
        address = village.replace("postgres:secret", login)
        line = refused(silk("--db", address, "--lang", "en", "import", leaf, cwd=tmp_path),
                       "refused this login or this operation (user, password or rights)")
        assert "wrong" not in line and "secret" not in line  # the password is never shown
    # the right password, no rights on the ledger: refused by the server as well
    refused(silk("--db", village.replace("postgres:secret", "clerk:right"), "--lang", "en",
                 "import", leaf, cwd=tmp_path), "refused this login or this operation")
    assert leaf_grams(village) == before
    assert list(tmp_path.iterdir()) == [leaf]
    ok(silk("--db", village, "import", leaf, cwd=tmp_path))  # the right one writes
    assert len(leaf_grams(village)) == len(before) + 5
