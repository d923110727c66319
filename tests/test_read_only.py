"""Commands that only read a ledger open it read-only: a backup read with `check` or a
report stays exactly as it was (bytes, time, no journal files beside it), a ledger on
read-only media can be read, and a missing ledger is named, never created.

Tests run as root, which ignores file permissions: read-only media are simulated with
the immutable attribute (`chattr +i`), which root respects too.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from ledger import backup, book, cli, db, models
from ledger.errors import LedgerError

from helpers import build_village, valid, write_sql

pytestmark = pytest.mark.sqlite_only  # a ledger file on read-only media

SIDECARS = ("-wal", "-shm", "-journal")


def village_file(path: Path) -> Path:
    """The helpers' village with a sale and its amendment, in a ledger file, closed."""
    from ledger import corrections

    database = db.open_ledger(path, create=True)
    build_village()
    sale = book.record("sales", valid("sales"))
    corrections.amend("sales", sale, {"kg": "80"}, "re-weighed")
    database.close()
    models.database.initialize(None)
    return path


def state(path: Path) -> tuple:
    """What a reader must not change: the file's bytes and time, and which journal files
    lie beside it."""
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            [suffix for suffix in SIDECARS if Path(f"{path}{suffix}").exists()])


def read_commands(out: Path) -> list[tuple[str, ...]]:
    """Every command that only reads, writing what it makes under `out`."""
    return [("check",), ("report", "season", "2026-1"), ("report", "trial-balance"),
            ("report", "summary", "2026-1"), ("statement", "H001", "2026-1"),
            ("statements", "2026-1", "-o", str(out / "sheets.txt")),
            ("export", "--format", "csv", "-o", str(out / "csv")),
            ("export", "--format", "hledger", "-o", str(out / "village.journal")),
            ("log",), ("log", "--record", "sales:1"), ()]


@pytest.fixture
def run(capsys):
    def run(path: Path, *args: str) -> tuple[int, str, str]:
        code = cli.main(["--db", str(path), "--lang", "en", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_read_commands_leave_a_backup_exactly_as_it_was(tmp_path, run):
    copy = backup.backup(village_file(tmp_path / "ledger.db"))
    before = state(copy)
    assert before[2] == []  # a backup is one file
    for args in read_commands(tmp_path):
        code, out, err = run(copy, *args)
        assert (code, err.startswith("silk:")) == (0, False), (args, err)
        assert state(copy) == before, args
    assert "The books are sound" in run(copy, "check")[1]


def test_check_in_worker_processes_leaves_a_backup_as_it_was(tmp_path, run, monkeypatch):
    """A large ledger is checked by worker processes, which read it read-only too."""
    from ledger import tamper

    copy = backup.backup(village_file(tmp_path / "ledger.db"))
    before = state(copy)
    monkeypatch.setattr(tamper, "WORKERS_FROM", 1)
    monkeypatch.setattr(tamper.os, "cpu_count", lambda: 2)
    code, out, err = run(copy, "check")
    assert (code, err) == (0, ""), err
    assert "The books are sound" in out
    assert state(copy) == before


def test_read_commands_leave_the_ledger_file_itself_unwritten(tmp_path, run):
    """The working ledger is in WAL mode: SQLite's readers share its -wal and -shm files
    (creating them if need be; the next writer removes them), but the file is not written."""
    ledger = village_file(tmp_path / "ledger.db")
    before = state(ledger)[:2]
    for args in read_commands(tmp_path):
        assert run(ledger, *args)[0] == 0, args
        assert state(ledger)[:2] == before, args


@pytest.fixture
def read_only_media(tmp_path):
    """A folder holding a ledger (WAL mode, as the program leaves it) and a backup of it
    that nobody, root included, may write or add files to: as on a CD or a locked USB
    stick."""
    folder = tmp_path / "stick"
    folder.mkdir()
    ledger = village_file(folder / "ledger.db")
    copy = backup.backup(ledger, folder / "copy.db")
    locked = [ledger, copy, folder]
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", *map(str, locked)], capture_output=True).returncode:
        pytest.skip("this file system cannot make a file immutable (chattr +i)")
    try:
        yield ledger
    finally:
        subprocess.run(["chattr", "-i", *map(str, locked)], check=True)


def test_a_backup_on_read_only_media_is_restored(read_only_media, tmp_path, run):
    copy = read_only_media.parent / "copy.db"
    before = state(copy)
    code, out, err = run(tmp_path / "restored.db", "restore", str(copy))
    assert (code, err) == (0, ""), err
    assert state(copy) == before
    assert "The books are sound" in run(tmp_path / "restored.db", "check")[1]


def test_read_commands_work_on_read_only_media(read_only_media, tmp_path, run):
    ledger = read_only_media
    before = state(ledger)
    assert before[2] == []
    for args in read_commands(tmp_path):
        code, out, err = run(ledger, *args)
        assert (code, err.startswith("silk:")) == (0, False), (args, err)
    assert state(ledger) == before
    code, _, err = run(ledger, "reverse", "payments:1", "--reason", "x")
    assert (code, err) == (1, "silk: the ledger file is read-only; nothing was recorded\n")


def test_a_read_only_ledger_refuses_any_write_and_stays_as_it_was(tmp_path):
    ledger = village_file(tmp_path / "ledger.db")
    before = state(ledger)[:2]
    database = db.open_ledger(ledger, readonly=True)
    try:
        with pytest.raises(Exception) as refused:
            book.record("payments", valid("payments"))
        assert db.problem(refused.value, str(ledger)) == (
            "the ledger file is read-only; nothing was recorded")
    finally:
        database.close()
        models.database.initialize(None)
    assert state(ledger)[:2] == before


@pytest.mark.parametrize("args", [("check",), ("log",), ("report", "trial-balance"),
                                  ("statement", "H001", "2026-1"),
                                  ("export", "--format", "csv", "-o", "out")],
                         ids=["check", "log", "report", "statement", "export"])
def test_a_read_command_on_a_missing_ledger_says_so_and_creates_nothing(tmp_path, run, args):
    missing = tmp_path / "nothere.db"
    code, _, err = run(missing, *args)
    assert (code, err) == (1, f"silk: no ledger at {missing}; create one with 'silk init' or "
                              "'silk demo'\n")
    assert list(tmp_path.iterdir()) == []


def test_read_only_still_refuses_a_newer_ledger(tmp_path):
    ledger = backup.backup(village_file(tmp_path / "ledger.db"))
    write_sql(ledger, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = state(ledger)
    with pytest.raises(LedgerError, match="schema version 99"):
        db.open_ledger(ledger, readonly=True)
    models.database.close()
    assert state(ledger) == before


def test_an_older_ledger_read_only_is_not_migrated_but_named(tmp_path, monkeypatch, run):
    ledger = backup.backup(village_file(tmp_path / "ledger.db"))
    monkeypatch.setattr(db, "SCHEMA_VERSION", db.SCHEMA_VERSION + 1)
    before = state(ledger)
    code, _, err = run(ledger, "report", "trial-balance")
    assert code == 1
    assert err.startswith(f"silk: {ledger} was written by an older version (schema "
                          f"{db.SCHEMA_VERSION - 1}; this program reads {db.SCHEMA_VERSION}) "
                          "and is only read here, so it was not upgraded: open it once for "
                          "writing")
    assert state(ledger) == before
    assert not (ledger.parent / "backups").exists()  # no upgrade, so no backup before one
