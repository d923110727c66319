"""Two windows on one ledger: concurrent writers never lose or duplicate a write, readers
are not blocked by a writer, and a writer that cannot get in says the ledger is busy.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from peewee import OperationalError

from helpers import await_file
from ledger import db, i18n

from helpers import clean_env, findings_of, leaf_grams, make_village, ok, refused, silk

pytestmark = pytest.mark.sqlite_only  # two windows on one ledger file and its write lock

#: Records one delivery at a time as fast as it can, pausing a moment after each as a
#: person would. Without pauses one writer can keep the other waiting throughout: SQLite
#: lets a waiting writer look again only after longer and longer sleeps, and with a
#: pause only every fifth record one CI run saw a writer finish all its 1,000 before
#: the other wrote one.
#: A write refused because the other held the ledger too long is tried again, as the
#: accountant would: it must not have been half written.
WRITER = """
import sys, time
from pathlib import Path
from peewee import OperationalError
from ledger import book, db
sys.path.insert(0, {tests!r})
from helpers import valid
db.open_ledger({ledger!r})
Path({ready!r}).touch()
while not Path({go!r}).exists():
    time.sleep(0.005)
busy = 0
for n in range({count}):
    while True:
        try:
            book.record("leaf", valid("leaf", kg=str({base} + n)))
            break
        except OperationalError as error:
            assert "locked" in str(error) or "busy" in str(error), error
            busy += 1
    time.sleep(0.002)
print(busy)
"""


def test_two_processes_writing_a_thousand_records_each(tmp_path):
    """Each process records its own 1,000 deliveries one transaction at a time, both at
    once: all 2,000 are there exactly once, and the books add up."""
    ledger = make_village(tmp_path / "ledger.db")
    go = tmp_path / "go"
    writers = []
    for base in (10_000, 20_000):
        script = WRITER.format(tests=str(Path(__file__).parent), ledger=str(ledger),
                               ready=str(tmp_path / f"ready-{base}"), go=str(go),
                               count=1000, base=base)
        writers.append(subprocess.Popen([sys.executable, "-c", script], env=clean_env(),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True))
    for base in (10_000, 20_000):
        await_file(tmp_path / f"ready-{base}", *writers)
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    grams = leaf_grams(ledger)
    expected = {kg * 1000 for base in (10_000, 20_000) for kg in range(base, base + 1000)}
    assert len(grams) == 2000 and set(grams) == expected
    first = [gram for gram in grams if gram < 20_000_000]
    assert first == sorted(first), "each writer's records in the order it wrote them"
    interleaved = sum(1 for a, b in zip(grams, grams[1:]) if (a < 20_000_000) != (b < 20_000_000))
    assert interleaved > 1, "the writers should have taken turns"
    assert findings_of(ledger) == []


def test_a_busy_ledger_waits_then_says_so_and_reading_goes_on(tmp_path):
    """Another window holds the write lock: reports still read the committed books, and a
    write waits its time, then says the ledger is busy (no traceback), writing nothing."""
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n2026-04-21,B1,E01,5,0.5\n", encoding="utf-8")
    other = sqlite3.connect(ledger)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE party SET name = 'half-written' WHERE code = 'H001'")
    try:
        report = ok(silk("--db", ledger, "report", "season", "2026-1", cwd=tmp_path))
        assert "张国华" in report and "half-written" not in report
        started = time.monotonic()
        refused(silk("--db", ledger, "import", leaf, cwd=tmp_path), "busy in another window")
        assert time.monotonic() - started >= 1, "it should wait for the other window first"
    finally:
        other.rollback()
        other.close()
    assert leaf_grams(ledger) == [1000]
    ok(silk("--db", ledger, "import", leaf, cwd=tmp_path))
    assert leaf_grams(ledger) == [1000, 5000]


def test_the_busy_message_in_both_languages():
    driver_error = sqlite3.OperationalError("database is locked")
    driver_error.sqlite_errorcode = sqlite3.SQLITE_BUSY  # as sqlite3 sets it
    locked = OperationalError(driver_error)  # as peewee wraps it
    for lang, text in (("en", "busy in another window"), ("zh", "账本正被另一个窗口使用")):
        i18n.set_language(lang)
        try:
            assert text in db.problem(locked, "ledger.db")
        finally:
            i18n.set_language(None)


#: Imports batches of deliveries, one transaction each, until told to stop.
IMPORTER = """
import sys, time
from pathlib import Path
from ledger import book, db
sys.path.insert(0, {tests!r})
from helpers import valid
db.open_ledger({ledger!r})
Path({ready!r}).touch()
n = 0
while not Path({stop!r}).exists():
    book.record_many([("leaf", [("", valid("leaf", kg=str(n + k + 1))) for k in range(40)])])
    n += 40
print(n)
"""


def test_check_while_another_process_imports_reports_no_false_problem(tmp_path, monkeypatch):
    """`check` reads one snapshot: the rows an import commits while it runs (records,
    vouchers, postings, kept balances, audit entries, the anchors file) never make it
    see a problem. Its workers (forced here, on ranges of a few ids) verify the same
    snapshot."""
    from ledger import check, models, tamper

    ledger = make_village(tmp_path / "ledger.db", leaf=100)
    ready, stop = tmp_path / "ready", tmp_path / "stop"
    script = IMPORTER.format(tests=str(Path(__file__).parent), ledger=str(ledger),
                             ready=str(ready), stop=str(stop))
    importer = subprocess.Popen([sys.executable, "-c", script], env=clean_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    monkeypatch.setattr(tamper, "WORKERS_FROM", 0)
    monkeypatch.setattr(tamper, "CHUNK", 40)
    monkeypatch.setattr(tamper.os, "cpu_count", lambda: 2)
    try:
        await_file(ready, importer)
        database = db.open_ledger(ledger)
        try:
            runs = [[finding.message("en") for finding in check.run()] for _ in range(12)]
        finally:
            database.close()
            models.database.initialize(None)
    finally:
        stop.touch()
        out, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    assert int(out) > 0, "the import should have written while check ran"
    assert runs == [[]] * len(runs)
    assert findings_of(ledger) == []
