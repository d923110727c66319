"""The temporary files of a backup or a restore, named so that what a killed run left
behind is recognised and removed by the next one.

A backup is written to `.NAME.PID.partial` beside its final name (in `backups/` for the
dated ones) and then given that name; a restore checks the backup on a copy
`.LEDGER.PID.restoring` beside the ledger. SQLite may add its `-journal`, `-wal` and
`-shm` files to either. A process killed outright (kill -9, a power cut) leaves them:
`sweep`, run by every backup, restore and opening of the ledger for writing, deletes
those whose process no longer runs (a backup or restore under way in another window
keeps its own).
"""
from __future__ import annotations

import glob
import os
import re
import time
from pathlib import Path

#: The folder of dated backups beside a ledger.
BACKUPS = "backups"
#: Where process ids cannot be asked about (Windows), a leftover is one this old.
_STALE_SECONDS = 24 * 3600
_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.(?:partial|restoring)(?:-journal|-wal|-shm)?")


def partial(target: Path) -> Path:
    """Where a backup is written before it is given the name `target`."""
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


def restoring(ledger: Path) -> Path:
    """Where a restore into `ledger` checks its copy of the backup."""
    return ledger.with_name(f".{ledger.name}.{os.getpid()}.restoring")


def is_temporary(path: str | os.PathLike) -> bool:
    """Whether `path` is a backup being written or a backup being checked for a restore:
    a copy that keeps no anchors of its own."""
    return _NAME.fullmatch(Path(path).name) is not None


def remove(path: Path) -> None:
    """A temporary file and whatever SQLite kept beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def sweep(ledger: str | os.PathLike) -> list[Path]:
    """Delete what killed backups and restores of `ledger` left beside it and in its
    backups folder; the files deleted."""
    ledger = Path(ledger)
    swept = []
    for folder in (ledger.parent, ledger.parent / BACKUPS):
        for name in glob.glob(f".{glob.escape(ledger.name)}.*", root_dir=folder):
            match = _NAME.fullmatch(name)
            path = folder / name
            if match and match["name"] == ledger.name and _abandoned(path, int(match["pid"])):
                try:
                    path.unlink()
                except OSError:  # read-only, or gone already: nothing to do
                    continue
                swept.append(path)
    return swept


def _abandoned(path: Path, pid: int) -> bool:
    """Whether the process that made `path` has ended."""
    if pid == os.getpid():
        return False
    if os.name != "posix":  # os.kill would end the process there, not ask about it
        try:
            return time.time() - path.stat().st_mtime > _STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it runs, as another user
        return False
    return False
