"""Backups and restore: a consistent copy while another process writes, restore only
after every check, the replaced ledger kept aside, and the automatic backups before an
import, of which only the last few stay.

Ledgers are real files; the command line runs as a subprocess, as the accountant runs it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import (await_file, clean_env, findings_of, leaf_grams, make_village, ok,
                     other_program_db, refused, silk, tamper, valid, write_sql)
from ledger import backup, book, cli, db, models
from ledger.stores import sqlite as store
from ledger.errors import LedgerError

pytestmark = pytest.mark.sqlite_only  # online copies of the ledger file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


WRITER = """
import sys, time
from pathlib import Path
from ledger import book, db
sys.path.insert(0, {tests!r})
from helpers import valid
db.open_ledger({ledger!r})
stop = Path({stop!r})
n = 0
while not stop.exists() or n < 20:
    n += 1
    book.record("leaf", valid("leaf", kg=str(1000 + n)))
    if n == 20:
        Path({started!r}).touch()
print(n)
"""


def test_backup_while_another_process_writes_is_one_consistent_point(tmp_path):
    """Each backup taken while a writer commits record after record holds exactly the
    first n of them, passes check, and restores to a ledger that passes check."""
    ledger = make_village(tmp_path / "ledger.db", leaf=5)
    stop, started = tmp_path / "stop", tmp_path / "started"
    script = WRITER.format(tests=str(Path(__file__).parent), ledger=str(ledger),
                           stop=str(stop), started=str(started))
    writer = subprocess.Popen([sys.executable, "-c", script], env=clean_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        await_file(started, writer)
        made = []
        for name in ("first.db", "second.db"):
            ok(silk("--db", ledger, "backup", tmp_path / name, cwd=tmp_path))
            made.append(tmp_path / name)
        assert writer.poll() is None, "the writer should still be writing"
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    written = [1000 + n for n in range(1, int(out) + 1)]
    final = leaf_grams(ledger)
    assert final == [n * 1000 for n in range(1, 6)] + [kg * 1000 for kg in written]
    counts = []
    for copy in made:
        grams = leaf_grams(copy)
        assert grams == final[: len(grams)], "a backup is a prefix of the writes, no gaps"
        assert 5 + 20 <= len(grams) < len(final)
        counts.append(len(grams))
        scratch = tmp_path / f"check-{copy.name}"
        scratch.write_bytes(copy.read_bytes())
        assert findings_of(scratch) == []
    assert counts[0] <= counts[1]
    out = ok(silk("--db", ledger, "restore", made[1], cwd=tmp_path))
    assert "kept as" in out
    assert len(leaf_grams(ledger)) == counts[1]
    assert "The books are sound" in ok(silk("--db", ledger, "check", cwd=tmp_path))


def test_a_backup_is_dated_in_backups_beside_the_ledger_and_never_overwrites(tmp_path):
    ledger = make_village(tmp_path / "village.db", leaf=3)
    first = ok(silk("--db", ledger, "backup", cwd=tmp_path))
    second = ok(silk("--db", ledger, "backup", cwd=tmp_path))
    made = sorted((tmp_path / "backups").iterdir())
    assert len(made) == 2 and first != second
    for path in made:
        assert path.name.startswith("village-20") and path.suffix == ".db"
        assert leaf_grams(path) == [1000, 2000, 3000]
        assert not Path(f"{path}-wal").exists(), "a backup is a single file"
    kept = digest(made[0])
    refused(silk("--db", ledger, "backup", made[0], cwd=tmp_path), "already exists")
    assert digest(made[0]) == kept
    usb = tmp_path / "usb"
    usb.mkdir()
    ok(silk("--db", ledger, "backup", usb, cwd=tmp_path))
    assert [p.name[:8] for p in usb.iterdir()] == ["village-"]


def test_backup_reads_past_another_window_holding_the_write_lock(tmp_path):
    """A window in the middle of a write does not stop a backup, which has only what was
    committed."""
    ledger = make_village(tmp_path / "ledger.db", leaf=2)
    other = sqlite3.connect(ledger)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE party SET name = 'half-written' WHERE code = 'H001'")
    try:
        ok(silk("--db", ledger, "backup", tmp_path / "copy.db", cwd=tmp_path))
    finally:
        other.rollback()
        other.close()
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("SELECT name FROM party WHERE code = 'H001'").fetchone() == ("张国华",)
    copy.close()


def test_restore_puts_the_backup_back_and_keeps_the_replaced_ledger(tmp_path):
    ledger = make_village(tmp_path / "ledger.db", leaf=2)
    saved = backup.backup(ledger)
    database = db.open_ledger(ledger)
    book.record("leaf", valid("leaf", kg="77"))
    database.close()
    models.database.initialize(None)
    out = ok(silk("--db", ledger, "restore", saved, cwd=tmp_path))
    aside = Path(out.rsplit("kept as ", 1)[1].strip().rstrip("."))
    aside = aside if aside.is_absolute() else tmp_path / aside
    assert leaf_grams(ledger) == [1000, 2000]
    assert leaf_grams(aside) == [1000, 2000, 77000]
    assert findings_of(ledger) == [] and findings_of(aside) == []
    assert backup.automatic_backups(ledger) == [], "the kept ledger is never pruned"
    log = ok(silk("--db", ledger, "--lang", "en", "log", "--limit", "1", cwd=tmp_path))
    assert "restored from a backup" in log and saved.name in log and aside.name in log


def test_restore_into_a_missing_ledger(tmp_path):
    saved = backup.backup(make_village(tmp_path / "old.db", leaf=1))
    target = tmp_path / "new.db"
    assert "Restored" in ok(silk("--db", target, "restore", saved, cwd=tmp_path))
    assert leaf_grams(target) == [1000] and findings_of(target) == []


def _not_a_ledger(folder: Path) -> Path:
    return other_program_db(folder / "contacts.db")


def _text(folder: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("不是账本\n", encoding="utf-8")
    return path


def _corrupt(folder: Path) -> Path:
    path = backup.backup(make_village(folder / "corrupt.db", leaf=300), folder / "c.db")
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 6] = bytes(range(256)) * 48
    path.write_bytes(bytes(data))
    return path


def _fails_check(folder: Path) -> Path:
    """A backup edited behind the program's back, its guards dropped first: a delivery's
    amount changed."""
    path = backup.backup(make_village(folder / "edited.db", leaf=2), folder / "e.db")
    tamper(path, "UPDATE leaf_delivery SET amount = amount + 100 WHERE id = 1")
    return path


def _too_new(folder: Path) -> Path:
    path = backup.backup(make_village(folder / "future.db"), folder / "f.db")
    write_sql(path, "UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.db"
    path.touch()
    return path


def _folder(folder: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


@pytest.mark.parametrize("make, fragment", [
    (_text, "is not a Silk Ledger backup"),
    (_not_a_ledger, "is not a Silk Ledger backup"),
    (_empty, "is not a Silk Ledger backup"),
    (_corrupt, "is damaged"),
    (_fails_check, "does not pass 'silk check'"),
    (_too_new, "has schema version 999"),
    (_folder, "is not a file"),
    (lambda folder: folder / "missing.db", "is not a file"),
], ids=["text", "other-sqlite", "empty", "corrupt", "fails-check", "too-new", "folder", "missing"])
def test_restore_refuses_a_bad_backup_and_leaves_the_ledger_untouched(tmp_path, make, fragment):
    ledger = make_village(tmp_path / "ledger.db", leaf=2)
    before = digest(ledger)
    bad = make(tmp_path)
    line = refused(silk("--db", ledger, "restore", bad, cwd=tmp_path), fragment)
    assert "left as it was" in line or "is not a file" in line
    assert digest(ledger) == before
    assert not (tmp_path / "backups").exists() or not any(
        "replaced" in path.name for path in (tmp_path / "backups").iterdir())


def test_a_restore_waits_for_a_busy_ledger_then_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "BUSY_SECONDS", 0.5)
    ledger = make_village(tmp_path / "ledger.db", leaf=2)
    saved = backup.backup(ledger)
    other = sqlite3.connect(ledger)
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM meta WHERE key = 'nothing'")
    try:
        with pytest.raises(LedgerError) as refusal:
            backup.restore(saved, ledger)
    finally:
        other.rollback()
        other.close()
    assert refusal.value.key == "db_busy"
    assert leaf_grams(ledger) == [1000, 2000]
    # the ledger was not replaced, so no copy of it is kept as replaced, and the checked
    # copy of the backup is gone too
    assert [path.name for path in (tmp_path / "backups").iterdir()] == [saved.name]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "backups", "ledger.db", "ledger.db-shm", "ledger.db-wal", "ledger.db.anchors"]


def ended_process_id() -> int:
    """The id of a process that has ended (as a killed run's has)."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                             capture_output=True, text=True, check=True)
    return int(process.stdout)


def leave_leftovers(ledger: Path) -> tuple[list[Path], list[Path]]:
    """The files a backup and a restore killed outright leave, with SQLite's beside them;
    and files that must stay: another ledger's, and those of a run still under way."""
    dead, alive = ended_process_id(), os.getppid()
    backups = ledger.parent / "backups"
    backups.mkdir(exist_ok=True)
    left = [ledger.parent / f".{ledger.name}.{dead}.restoring",
            ledger.parent / f".{ledger.name}.{dead}.restoring-journal",
            ledger.parent / f".{ledger.name}.{dead}.restoring-wal",
            backups / f".{ledger.name}.{dead}.partial",
            backups / f".{ledger.name}.{dead}.partial-journal"]
    kept = [ledger.parent / f".other.db.{dead}.restoring",
            backups / f".other.db.{dead}.partial",
            ledger.parent / f".{ledger.name}.{alive}.restoring",
            backups / f".{ledger.name}.{alive}.partial"]
    for path in left + kept:
        shutil.copyfile(ledger, path)
    return left, kept


@pytest.mark.parametrize("next_run", [
    lambda ledger, saved: backup.backup(ledger),
    lambda ledger, saved: backup.auto_backup(ledger, "import"),
    lambda ledger, saved: backup.restore(saved, ledger),
    lambda ledger, saved: db.open_ledger(ledger).close(),
], ids=["backup", "automatic-backup", "restore", "open-for-writing"])
def test_what_a_killed_backup_or_restore_left_is_removed_by_the_next_run(tmp_path, next_run):
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    saved = backup.backup(ledger)
    left, kept = leave_leftovers(ledger)
    next_run(ledger, saved)
    models.database.initialize(None)
    assert [path for path in left if path.exists()] == []
    assert all(path.exists() for path in kept)
    assert leaf_grams(ledger) == [1000]


def test_reading_a_ledger_removes_nothing(tmp_path):
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    left, kept = leave_leftovers(ledger)
    db.open_ledger(ledger, readonly=True).close()
    models.database.initialize(None)
    assert all(path.exists() for path in left + kept)


def test_a_restore_checks_its_copy_beside_the_ledger(tmp_path, monkeypatch):
    """Not in the system's temporary folder, where a killed restore's full copies of the
    ledger were never found again."""
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    saved = backup.backup(ledger)
    checked = []
    monkeypatch.setattr(backup, "_check_books",
                        lambda path, shown, progress=None: checked.append(path))
    backup.restore(saved, ledger)
    [copy] = checked
    assert copy.parent == tmp_path and copy.name == f".ledger.db.{os.getpid()}.restoring"
    assert not copy.exists()


def test_import_makes_an_automatic_backup_of_the_ledger_as_it_was(tmp_path):
    ledger = make_village(tmp_path / "ledger.db", leaf=2)
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n2026-04-21,B1,E01,5,0.5\n", encoding="utf-8")
    ok(silk("--db", ledger, "import", "--dry-run", leaf, cwd=tmp_path))
    assert backup.automatic_backups(ledger) == [], "a dry run changes nothing, needs no backup"
    ok(silk("--db", ledger, "import", leaf, cwd=tmp_path))
    [made] = backup.automatic_backups(ledger)
    assert made.name.endswith("-before-import.db")
    assert leaf_grams(made) == [1000, 2000]
    assert leaf_grams(ledger) == [1000, 2000, 5000]


def test_a_refused_import_keeps_no_backup_and_prunes_none(tmp_path):
    """Nothing was written, so the copy is the ledger itself; and retrying a bad file
    must not push out the copy from before the last real import."""
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    earlier = [backup.auto_backup(ledger, "import") for _ in range(backup.KEEP_AUTOMATIC)]
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n2026-04-21,NOPE,E01,5,0.5\n", encoding="utf-8")
    result = silk("--db", ledger, "import", leaf, cwd=tmp_path)
    assert result.returncode == 1 and "nothing was written" in result.stderr
    assert backup.automatic_backups(ledger) == earlier


def test_a_close_kept_out_by_a_busy_ledger_makes_no_backup_and_prunes_none(
        tmp_path, monkeypatch, capsys):
    """The backup is made once the close holds the write lock: a close that cannot get
    it changes nothing, so it must not push a good copy out of the ten kept."""
    ledger = make_village(tmp_path / "ledger.db", leaf=1)
    earlier = [backup.auto_backup(ledger, "import") for _ in range(backup.KEEP_AUTOMATIC)]
    contents = [digest(path) for path in earlier]
    monkeypatch.setattr(store, "PRAGMAS", tuple((name, 50 if name == "busy_timeout" else value)
                                             for name, value in store.PRAGMAS))
    other = sqlite3.connect(ledger)  # another window, in the middle of a write
    other.execute("BEGIN IMMEDIATE")
    try:
        assert cli.main(["--db", str(ledger), "--lang", "en", "close", "2026-1"]) == 1
    finally:
        other.rollback()
        other.close()
    assert capsys.readouterr().err.endswith(
        "silk: the ledger is busy in another window; try again in a moment\n")
    assert backup.automatic_backups(ledger) == earlier
    assert [digest(path) for path in earlier] == contents
    assert cli.main(["--db", str(ledger), "--lang", "en", "close", "2026-1"]) == 0
    kept = backup.automatic_backups(ledger)
    assert kept[:-1] == earlier[1:] and kept[-1].name.endswith("-before-close.db")
    assert leaf_grams(kept[-1]) == [1000]


def test_only_the_last_automatic_backups_are_kept_and_manual_ones_never_pruned(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    manual = backup.backup(ledger)
    made = [backup.auto_backup(ledger, "import", keep=4) for _ in range(7)]
    assert backup.automatic_backups(ledger) == made[-4:]
    assert all(path.exists() for path in made[-4:])
    assert not any(path.exists() for path in made[:3])
    assert manual.exists()
    assert backup.auto_backup(tmp_path / "none.db", "import") is None
    assert backup.KEEP_AUTOMATIC == 10


def test_a_damaged_ledger_is_not_backed_up_but_can_be_restored_over(tmp_path):
    ledger = make_village(tmp_path / "ledger.db", leaf=300)
    saved = backup.backup(ledger, tmp_path / "good.db")
    data = bytearray(ledger.read_bytes())
    data[4096 * 3: 4096 * 6] = bytes(range(256)) * 48
    ledger.write_bytes(bytes(data))
    refused(silk("--db", ledger, "backup", cwd=tmp_path), "is damaged")
    out = ok(silk("--db", ledger, "restore", saved, cwd=tmp_path))
    assert "replaced-damaged" in out
    assert len(leaf_grams(ledger)) == 300 and findings_of(ledger) == []


def test_backup_and_restore_speak_chinese(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    out = ok(silk("--db", ledger, "--lang", "zh", "backup", cwd=tmp_path))
    assert "已将" in out
    refused(silk("--db", ledger, "--lang", "zh", "restore", tmp_path / "nothing.db", cwd=tmp_path),
            "不是文件")
