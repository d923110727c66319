"""A process killed outright (SIGKILL: no cleanup, as in a power cut of the program) in the
middle of a large import, an upgrade of the ledger or a restore leaves the ledger as it
was before the command or as it is after it, never in between, and `check` passes.

The kill times are random but seeded: spread over the whole run of the command, and in
the few milliseconds while the import's commit is being written to the write-ahead log.
"""
from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from ledger import backup

from helpers import as_schema_1, clean_env, findings_of, leaf_grams, make_village

ROWS = 50_000
KILLS = 4

pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
              pytest.mark.sqlite_only]  # a killed process and the ledger file's journal


def start_silk(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "ledger", *map(str, args)], cwd=cwd,
                            env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def kill_after(process, delay: float) -> bool:
    """SIGKILL `process` after `delay` seconds unless it ended; whether it was killed."""
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    assert process.returncode == 0, process.stderr.read()
    return False


def kill_when_writing(process, wal, extra: float) -> bool:
    """SIGKILL `process` `extra` seconds after its write-ahead log starts to grow: in the
    middle of writing the commit (pages stay in memory until then)."""
    while process.poll() is None:
        if wal.exists() and wal.stat().st_size > 0:
            time.sleep(extra)
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.0005)
    assert process.returncode == 0, process.stderr.read()
    return False


def test_killing_a_large_import_at_random_points(tmp_path):
    base = make_village(tmp_path / "base.db", leaf=3)
    leaf = tmp_path / "leaf.csv"
    with open(leaf, "w", encoding="utf-8") as handle:
        handle.write("date,batch,supplier,kg,price\n")
        handle.writelines(f"2026-04-20,B1,E01,{100 + n % 997}.{n % 1000:03d},0.50\n"
                          for n in range(ROWS))
    before = leaf_grams(base)
    ledger = tmp_path / "ledger.db"
    shutil.copyfile(base, ledger)
    started = time.monotonic()
    full = start_silk("--db", ledger, "import", leaf, cwd=tmp_path)
    assert not kill_after(full, 300)
    duration = time.monotonic() - started
    after = leaf_grams(ledger)
    assert len(after) == len(before) + ROWS
    chance = random.Random(20261129)
    outcomes = []
    wal = tmp_path / "ledger.db-wal"
    for attempt in range(KILLS):
        for path in tmp_path.glob("ledger.db*"):
            path.unlink()
        shutil.copyfile(base, ledger)
        run = start_silk("--db", ledger, "import", leaf, cwd=tmp_path)
        if attempt < KILLS - 2:
            killed = kill_after(run, chance.uniform(0.1, 1.0) * duration)
        else:
            killed = kill_when_writing(run, wal, chance.uniform(0, 0.01))
        written = wal.stat().st_size if wal.exists() else 0
        grams = leaf_grams(ledger)
        assert grams in (before, after), f"{len(grams)} deliveries: neither before nor after"
        assert findings_of(ledger) == []
        outcomes.append((killed, written, len(grams)))
    assert any(killed and written for killed, written, _ in outcomes), \
        f"no kill landed while the commit was being written: {outcomes}"


def test_killing_a_restore_at_random_points(tmp_path):
    ledger = make_village(tmp_path / "ledger.db", leaf=2000)
    saved = backup.backup(ledger, tmp_path / "saved.db")
    other = make_village(tmp_path / "other.db", leaf=5)
    current = tmp_path / "current.db"
    chance = random.Random(7)
    for _ in range(3):
        for path in tmp_path.glob("current.db*"):
            path.unlink()
        shutil.copyfile(other, current)
        run = start_silk("--db", current, "restore", saved, cwd=tmp_path)
        kill_after(run, chance.uniform(0.2, 1.5))
        grams = leaf_grams(current)
        assert len(grams) in (5, 2000)
        assert findings_of(current) == []


# -- a migration killed ----------------------------------------------------------------------

def _schema_version(path) -> int:
    import sqlite3

    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
    finally:
        raw.close()


def test_a_migration_killed_leaves_the_old_ledger_or_the_new_one(tmp_path):
    """Opening a schema-1 ledger migrates it in one transaction: killed at random points
    of that, the file is still schema 1 (and migrates on the next open) or fully of the
    current schema, and the books are sound either way."""
    from ledger import book, db, models
    from helpers import build_village, valid

    old = tmp_path / "old.db"
    database = db.open_ledger(old, create=True)
    build_village()
    book.record_many([("leaf", [("", valid("leaf", kg=str(1 + n % 90))) for n in range(20_000)])])
    database.close()
    models.database.initialize(None)
    as_schema_1(old)
    assert _schema_version(old) == 1
    # a command that opens the ledger for writing (the reading ones do not upgrade it)
    households = tmp_path / "households.csv"
    households.write_text("code,name,group\nH099,新户,一组\n", encoding="utf-8")
    upgrade = ("import", "--dry-run", households)
    whole = tmp_path / "whole.db"  # how long an uninterrupted upgrade (and dry run) takes
    shutil.copy(old, whole)
    started = time.monotonic()
    kill_after(start_silk("--db", whole, *upgrade, cwd=tmp_path), 120)
    took = time.monotonic() - started
    rng = random.Random(11)
    outcomes = []
    for attempt in range(4):
        ledger = tmp_path / f"ledger-{attempt}.db"
        shutil.copy(old, ledger)
        kill_after(start_silk("--db", ledger, *upgrade, cwd=tmp_path),
                   rng.uniform(0.2, 0.8) * took)
        outcomes.append(_schema_version(ledger))
        assert findings_of(ledger) == []  # opens (upgrading if need be) and checks
        assert len(leaf_grams(ledger)) == 20_000
    assert set(outcomes) <= {1, db.SCHEMA_VERSION}, outcomes
