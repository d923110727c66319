"""Writing a document or an export where the user pointed (`-o PATH`), without
replacing what is there.

- A symbolic link is written through: its target gets the content, the link stays.
- A FIFO or a character device (a printer port, /dev/null, a terminal) is written into
  directly, never replaced by a regular file of the same name.
- An existing regular file is refused unless `force`: a settlement sheet must not
  silently overwrite last season's.
- A regular file is written beside its final name and renamed over it only once complete
  (after fsync), so a crash or a full disk never leaves half a document; without
  `force` the new file is linked into place, which fails rather than overwrite a file
  that appeared meanwhile.
- Anything else (a folder, a block device, a socket) is refused, naming it.

Every failure is a LedgerError naming the path and the reason.
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ledger.errors import LedgerError


def write(path: str | os.PathLike, data: bytes, force: bool = False) -> None:
    """`data` into `path` (see the module's rules)."""
    with writing(path, binary=True, force=force) as handle:
        handle.write(data)


@contextmanager
def writing(path: str | os.PathLike, *, binary: bool = False,
            force: bool = False) -> Iterator[IO]:
    """A handle to write `path` through (text: UTF-8, newlines as written); what was
    written is in place when the block ends without an exception, and nowhere if it
    raises."""
    given = Path(path)
    try:
        found = os.stat(given)  # through links, /dev/stdout's to a pipe too
    except FileNotFoundError:
        found = None  # a new file, or a link to one
    except OSError as error:  # a loop of links, a folder that cannot be read
        raise _cannot(given, error) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        if stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
            with _failing_as(given):
                with _open(given, binary, os.O_WRONLY) as handle:
                    yield handle
            return
        raise LedgerError("output_not_file", path=str(given))
    if found is not None and not force:
        raise LedgerError("output_exists", path=str(given))
    target = Path(os.path.realpath(given))  # the file itself, written beside
    partial = target.with_name(f".{target.name}.partial")
    try:
        with _failing_as(given):
            with _open(partial, binary,
                       os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
                       ) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _put_in_place(partial, target, given, force)
    finally:
        partial.unlink(missing_ok=True)


def _put_in_place(partial: Path, target: Path, given: Path, force: bool) -> None:
    if force:
        os.replace(partial, target)
        return
    try:
        os.link(partial, target)  # fails, rather than replace, if target exists now
    except FileExistsError:
        raise LedgerError("output_exists", path=str(given)) from None
    except OSError:  # a file system without hard links (a FAT USB stick)
        if target.exists():
            raise LedgerError("output_exists", path=str(given)) from None
        os.replace(partial, target)


def _open(path: Path, binary: bool, flags: int) -> IO:
    descriptor = os.open(path, flags, 0o666)
    if binary:
        return os.fdopen(descriptor, "wb")
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="")


@contextmanager
def _failing_as(given: Path) -> Iterator[None]:
    """An OSError while writing, as the one line that names the file."""
    try:
        yield
    except OSError as error:
        raise _cannot(given, error) from None


def _cannot(path: Path, error: OSError) -> LedgerError:
    return LedgerError("cannot_write", path=str(path), reason=error.strerror or str(error))
