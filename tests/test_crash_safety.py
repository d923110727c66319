"""A process killed outright (SIGKILL: no cleanup, as in a power cut of the program) in the
middle of a large import or a restore leaves the ledger as it was before the command or
as it is after it, never in between, and `check` passes.

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
from test_backup import findings_of, leaf_grams, make_village
from test_cli import clean_env

ROWS = 50_000
KILLS = 4

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


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
