"""Backups of a ledger, made while it is in use, and restoring one after checking it.

A backup is taken with SQLite's online backup API in one step, inside one read
transaction: it is the ledger as it stood at one commit, even while another window keeps
writing, and never half a write. Backups are single files (rollback journal, not WAL) that
open anywhere, also from read-only media. By default they go into `backups/` beside the
ledger, named with the date and time, and are never overwritten: `ledger-2026-11-29-105300.db`
by hand, `ledger-2026-11-29-105300-before-import.db` automatically, of which only the
last few are kept.

Restoring copies the backup into the ledger through the same API, in one write
transaction, so a window that has the ledger open sees either the old books or the
restored ones, and a crash leaves the old ones. Before that, the backup is checked on a
private copy beside the ledger (a ledger file, sound pages, a schema this program knows,
`check` passing) and the current ledger is copied aside; a refused restore keeps no such
copy. What a killed backup or restore leaves behind is swept by the next run
(`ledger.leftovers`).
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import time
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from ledger import check, db, leftovers, models, store_errors, stores
from ledger.stores import sqlite as sqlite_store
from ledger.errors import LedgerError

FOLDER = leftovers.BACKUPS
#: Automatic backups kept per ledger; backups made by hand are never deleted.
KEEP_AUTOMATIC = 10
#: How long a restore waits for another window to finish its write.
BUSY_SECONDS = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"
_STAMP = "%Y-%m-%d-%H%M%S"


def backup(ledger_path: str | os.PathLike, target: str | os.PathLike | None = None) -> Path:
    """Copy the ledger into `target` (a new file, or a folder for a dated name), by
    default into `backups/` beside it; return the backup's path. A ledger on a server
    is dumped by the server's own `pg_dump` (its schema, as SQL) into `target`."""
    if stores.is_server(ledger_path):
        from ledger.stores import postgresql

        return postgresql.dump(str(ledger_path), target)
    ledger = _ledger_file(ledger_path)
    leftovers.sweep(ledger)
    if target is None:
        return _write_dated(ledger, _backup_folder(ledger), "")
    target = Path(target)
    if target.is_dir():
        return _write_dated(ledger, target, "")
    if target.exists():
        raise LedgerError("backup_exists", path=str(target))
    if not target.parent.is_dir():
        raise LedgerError("db_folder_missing", path=str(target.parent))
    return _write(ledger, target)


def auto_backup(ledger_path: str | os.PathLike, reason: str,
                keep: int = KEEP_AUTOMATIC) -> Path | None:
    """The backup made before a command that changes much at once (an import, a close, a
    migration), named for it; older automatic ones beyond `keep` are deleted. A ledger
    that does not exist yet or is empty has nothing to keep: None."""
    made = _auto_copy(ledger_path, reason)
    if made:
        prune(ledger_path, keep)
    return made


@contextmanager
def automatic(ledger_path: str | os.PathLike, reason: str, keep: int = KEEP_AUTOMATIC,
              transaction: AbstractContextManager | None = None) -> Iterator[Path | None]:
    """`auto_backup` around a command that may be refused: a refused or interrupted
    command changed nothing, so its copy is deleted again and no older one is pruned for
    it (ten refused tries must not push out the copy from before the last real import).

    With `transaction` (the command's write transaction, not yet begun: it begins by
    taking the write lock), the copy is made once the lock is held, so a command kept
    out by another window's write costs no copy at all, and older copies are pruned only
    once the transaction has committed."""
    made = None
    try:
        with transaction or nullcontext():
            made = _auto_copy(ledger_path, reason)
            yield made
    except BaseException:
        if made:
            made.unlink(missing_ok=True)
        raise
    if made:
        prune(ledger_path, keep)


def _auto_copy(ledger_path: str | os.PathLike, reason: str) -> Path | None:
    if not re.fullmatch(r"[a-z]+", reason):
        raise ValueError(f"a backup reason is one lower-case word, not {reason!r}")
    path = Path(ledger_path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    ledger = _ledger_file(path)
    leftovers.sweep(ledger)
    return _write_dated(ledger, _backup_folder(ledger), f"-before-{reason}")


def automatic_backups(ledger_path: str | os.PathLike) -> list[Path]:
    """The ledger's automatic backups, oldest first."""
    ledger = Path(ledger_path)
    pattern = re.compile(re.escape(ledger.stem) + r"-(\d{4}-\d\d-\d\d-\d{6})(?:-(\d+))?"
                         r"-before-[a-z]+\.db")
    found = []
    folder = ledger.parent / FOLDER
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match:
            found.append(((match[1], int(match[2] or 1)), path))
    return [path for _, path in sorted(found)]


def prune(ledger_path: str | os.PathLike, keep: int = KEEP_AUTOMATIC) -> None:
    """Delete the oldest automatic backups beyond the last `keep`."""
    made = automatic_backups(ledger_path)
    for path in made[: max(0, len(made) - keep)]:
        path.unlink(missing_ok=True)


def restore(backup_file: str | os.PathLike, ledger_path: str | os.PathLike,
            progress: Callable[[int, int], None] | None = None) -> Path | None:
    """Put the backup in place of the ledger once it has passed every check (`progress`
    follows the check, see `check.run`); return where the ledger it replaced was kept
    (None when there was none). A refusal leaves the ledger untouched."""
    if stores.is_server(ledger_path):
        return _restore_on_server(Path(backup_file), str(ledger_path), progress)
    source, ledger = Path(backup_file), Path(ledger_path)
    if not source.is_file():
        raise LedgerError("restore_missing", path=str(source))
    if ledger.is_dir():
        raise LedgerError("db_is_directory", path=str(ledger))
    replacing = ledger.is_file() and ledger.stat().st_size > 0
    if replacing and source.samefile(ledger):
        raise LedgerError("restore_same_file", path=str(source))
    if replacing:
        ledger = _ledger_file(ledger)
    elif not ledger.parent.is_dir():
        raise LedgerError("db_folder_missing", path=str(ledger.parent))
    leftovers.sweep(ledger)
    candidate = leftovers.restoring(ledger)  # beside the ledger, found again if killed
    try:
        _private_copy(source, candidate)
        verify(candidate, shown_as=source, progress=progress)
        aside = _keep_aside(ledger) if replacing else None
        try:
            _note_restore(candidate, source, aside)
            _copy_into(candidate, ledger)
        except BaseException:  # refused: the ledger was not replaced, so nothing is kept aside
            if aside:
                leftovers.remove(aside)
            raise
    finally:
        leftovers.remove(candidate)
    return aside


def verify(path: Path, shown_as: Path | None = None,
           progress: Callable[[int, int], None] | None = None) -> None:
    """Refuse a file that is not a sound ledger of a schema this program knows. The file
    may be migrated on the way (it should be a private copy). `progress` follows the
    check of its books."""
    shown = str(shown_as or path)
    try:
        connection = sqlite3.connect(path)
        try:
            if db.application_id(connection) != db.APPLICATION_ID:
                raise LedgerError("restore_not_ledger", path=shown)
            problems = db.page_problems(connection)
            if problems:
                raise LedgerError("restore_damaged", path=shown, reason=problems[0])
            version = _schema_version(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise LedgerError("restore_damaged", path=shown, reason=str(error)) from None
    if version > db.SCHEMA_VERSION:
        raise LedgerError("restore_too_new", path=shown, version=version,
                          supported=db.SCHEMA_VERSION)
    _check_books(path, shown, progress)


def _schema_version(connection: sqlite3.Connection) -> int:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table: not a ledger after all
        return 0
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _check_books(path: Path, shown: str,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """`check.run()` on the copy."""
    _checked(lambda: db.open_ledger(path), shown, progress)


def _checked(opened: Callable[[], object], shown: str,
             progress: Callable[[int, int], None] | None = None) -> None:
    """`check.run()` on the copy `opened()` binds the models to (migrated on the way);
    the models are bound back to whatever they were."""
    previous = models.database.obj
    try:
        database = opened()
        try:
            findings = check.run(progress)
        finally:
            database.close()
    except LedgerError as error:
        raise LedgerError("restore_damaged", path=shown, reason=error.message()) from None
    finally:
        models.database.initialize(previous)
    if findings:
        raise LedgerError("restore_check_failed", path=shown, count=len(findings),
                          first=findings[0].message())


def _note_restore(candidate: Path, source: Path, aside: Path | None) -> None:
    """The restored ledger's audit trail says it was restored, from what, and where the
    ledger it replaced was kept."""
    from ledger import audit

    previous = models.database.obj
    database = db.open_ledger(candidate)
    try:
        with database.atomic():
            audit.log("restore", target=source.name[:100],
                      after={"replaced_kept_as": str(aside)} if aside else None)
    finally:
        database.close()
        models.database.initialize(previous)


def _restore_on_server(source: Path, address: str,
                       progress: Callable[[int, int], None] | None) -> Path | None:
    """`restore` of a ledger on a server. psql loads the dump into a scratch schema of
    the same database (`postgresql.load`), where it is migrated and checked as a file's
    copy is; then, in one transaction holding the ledger's write lock, the ledger is
    dumped into the working folder (the copy kept aside, returned), its grants given to
    the restored schema, the restore noted in the restored audit trail, and the restored
    schema takes the ledger's place. Until that commits, the ledger is exactly as it was;
    a refusal leaves no scratch schema. As on a file, the backup may be of another
    ledger (another village's): the one it replaces is kept aside all the same."""
    from ledger.stores import postgresql

    where = postgresql.parse(address)
    if not where.ledger:
        raise LedgerError("pg_no_ledger_code", address=where.shown)
    if not source.is_file():
        raise LedgerError("restore_missing", path=str(source))
    scratch = postgresql.scratch_schema(where.ledger)
    control = postgresql.connect(where, "")
    try:
        postgresql.restore_lock(control, where.ledger)  # released with the session
        postgresql.drop_schema(control, scratch)  # what a killed restore left
        postgresql.load(where, source, scratch, postgresql.schemas(control))
        try:
            version = postgresql.meta_value(control, scratch, "schema_version")
            if version.isdigit() and int(version) > db.SCHEMA_VERSION:
                raise LedgerError("restore_too_new", path=str(source), version=int(version),
                                  supported=db.SCHEMA_VERSION)
            _checked(lambda: _open_scratch(where, scratch), str(source), progress)
            return _swap_in(where, source, scratch)
        finally:
            postgresql.drop_schema(control, scratch)  # none left once swapped in
    except store_errors.ERRORS as error:
        raise postgresql.refusal(error, where) from None
    finally:
        control.close()


def _open_scratch(where, scratch: str):
    """The restored schema, bound to the models and migrated as a ledger opened is."""
    from ledger.stores import postgresql

    database = postgresql.connect(where, scratch)
    models.database.initialize(database)
    try:
        db.migrate(database)
    except BaseException:
        database.close()
        raise
    return database


def _swap_in(where, source: Path, scratch: str) -> Path | None:
    """The checked scratch schema in place of the ledger, in one transaction that holds
    the ledger's write lock from before the copy kept aside is dumped (so no write is
    lost between the two) until the swap commits; the copy is deleted if it does not."""
    from ledger import audit, roles
    from ledger.stores import postgresql

    previous = models.database.obj
    database = postgresql.connect(where, scratch)
    models.database.initialize(database)
    aside = None
    try:
        with database.atomic():
            postgresql.write_lock(database, where.ledger)
            if where.ledger in postgresql.ledger_codes(database):
                aside = postgresql.dump(where.of(where.ledger), Path.cwd(), "-replaced")
                postgresql.copy_grants(database, where.ledger, scratch)
            else:  # a ledger made anew: the township's auditors read it, as after init
                roles.grant_new_ledger(database, scratch)
            audit.log("restore", target=source.name[:100],
                      after={"replaced_kept_as": str(aside)} if aside else None)
            postgresql.swap(database, where.ledger, scratch)
    except BaseException:
        if aside:
            aside.unlink(missing_ok=True)
        raise
    finally:
        database.close()
        models.database.initialize(previous)
    return aside


def _keep_aside(ledger: Path) -> Path:
    """The ledger about to be replaced, copied into backups/. A damaged one (the usual
    reason to restore) is copied file by file, its write-ahead log beside it."""
    folder = _backup_folder(ledger)
    try:
        return _write_dated(ledger, folder, "-replaced")
    except LedgerError as error:
        if error.key != "backup_ledger_damaged":
            raise
    stamp = datetime.now().strftime(_STAMP)
    for counter in range(1, 1000):
        number = f"-{counter}" if counter > 1 else ""
        aside = folder / f"{ledger.stem}-{stamp}{number}-replaced-damaged.db"
        try:
            with open(ledger, "rb") as original, open(aside, "xb") as copy:
                shutil.copyfileobj(original, copy)
            break
        except FileExistsError:
            continue
    wal = Path(f"{ledger}-wal")
    if wal.is_file():
        shutil.copyfile(wal, f"{aside}-wal")
    return aside


# -- copying ---------------------------------------------------------------------------------

def _ledger_file(path: str | os.PathLike) -> Path:
    """The ledger at `path`, refused unless it is one (db's rule for what a ledger is)."""
    ledger = Path(path)
    if ledger.is_dir():
        raise LedgerError("db_is_directory", path=str(ledger))
    if not ledger.is_file() or ledger.stat().st_size == 0:
        raise LedgerError("db_missing", path=str(ledger))
    db._refuse_foreign(ledger)
    return ledger


def _backup_folder(ledger: Path) -> Path:
    folder = ledger.parent / FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise LedgerError("backup_failed", path=str(folder),
                          reason=error.strerror or str(error)) from None
    return folder


def _write_dated(ledger: Path, folder: Path, label: str) -> Path:
    """A backup named `STEM-DATE-TIME[-N]LABEL.db` in `folder`, never replacing a file.
    N counts on from the highest of the second, so names keep the order they were made
    in even after older ones were pruned."""
    stamp = datetime.now().strftime(_STAMP)
    partial = leftovers.partial(folder / ledger.name)
    _backup_into(ledger, partial)
    counter = _last_counter(folder, f"{ledger.stem}-{stamp}") + 1
    while True:
        number = f"-{counter}" if counter > 1 else ""
        target = folder / f"{ledger.stem}-{stamp}{number}{label}.db"
        if _publish(partial, target):
            return target
        counter += 1


def _last_counter(folder: Path, prefix: str) -> int:
    """The highest N of the names in `folder` that begin `prefix[-N]`; 0 when none."""
    pattern = re.compile(re.escape(prefix) + r"(?:-(\d+))?(?:-[a-z-]+)?\.db")
    counters = [int(match[1] or 1) for path in folder.glob(f"{glob.escape(prefix)}*")
                if (match := pattern.fullmatch(path.name))]
    return max(counters, default=0)


def _write(ledger: Path, target: Path) -> Path:
    partial = leftovers.partial(target)
    _backup_into(ledger, partial)
    if not _publish(partial, target):
        raise LedgerError("backup_exists", path=str(target))
    return target


def _backup_into(ledger: Path, partial: Path) -> None:
    """The ledger as of one commit, into the new single file `partial`, read back: a
    damaged ledger is refused rather than copied into a backup that looks sound."""
    try:
        source = sqlite3.connect(ledger, timeout=BUSY_SECONDS)
        try:
            target = sqlite3.connect(partial)
            try:
                _copy(source, target)
                _read_back(target, ledger)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        leftovers.remove(partial)
        if store_errors.kind(error) in (store_errors.BUSY, store_errors.FULL):
            raise db.refusal(error, partial) from None
        raise LedgerError("backup_failed", path=str(partial.parent), reason=str(error)) from None
    except BaseException:
        leftovers.remove(partial)
        raise


def _read_back(copy: sqlite3.Connection, ledger: Path) -> None:
    """The copy as a single file whose pages all read back."""
    try:
        db.as_single_file(copy)
        problems = db.page_problems(copy, quick=True)
    except sqlite3.DatabaseError as error:
        problems = [str(error)]
    if problems:
        raise LedgerError("backup_ledger_damaged", path=str(ledger), reason=problems[0])


def _publish(partial: Path, target: Path) -> bool:
    """Give the finished copy its name unless a file has it already: a hard link is
    atomic and never replaces; where links are not supported, a checked rename."""
    try:
        try:
            os.link(partial, target)
        except FileExistsError:
            return False
        except OSError:
            if target.exists():
                return False
            os.replace(partial, target)
            return True
        partial.unlink()
    except OSError as error:
        leftovers.remove(partial)
        raise LedgerError("backup_failed", path=str(target),
                          reason=error.strerror or str(error)) from None
    _sync_folder(target.parent)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the new name itself survive a power cut (POSIX; Windows has no folder fsync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _private_copy(source: Path, copy: Path) -> None:
    """The backup file copied for checking, so the checks never touch the file itself
    (which may be on read-only media)."""
    with open(source, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise LedgerError("restore_not_ledger", path=str(source))
    try:
        reader = sqlite3.connect(sqlite_store.read_only_uri(source), uri=True)
        try:
            writer = sqlite3.connect(copy)
            try:
                _copy(reader, writer)
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.DatabaseError as error:
        raise LedgerError("restore_damaged", path=str(source), reason=str(error)) from None


def _copy_into(candidate: Path, ledger: Path) -> None:
    """The checked copy becomes the ledger's content in one write transaction."""
    try:
        source = sqlite3.connect(candidate)
        try:
            target = sqlite3.connect(ledger, timeout=BUSY_SECONDS)
            try:
                _copy(source, target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        raise db.refusal(error, ledger) from None


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Every page at once (one consistent read of the source, one write of the target);
    a target kept busy by another window for longer than BUSY_SECONDS is given up."""
    deadline = time.monotonic() + BUSY_SECONDS

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise LedgerError("db_busy")
    source.backup(target, progress=progress)
