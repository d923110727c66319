"""Anchors of the hash chains: the ledger's head written down where an editor of the
ledger file cannot silently rewrite it as well.

The vouchers and the audit trail are hash-chained (`ledger.seal`, `ledger.audit`), which
shows a row changed in the middle; but cutting off the end (the last record with its
voucher, postings, kept balances and last audit entry) leaves a shorter chain that is
still sound. An anchor is the chain's head at one moment: how many vouchers and audit
entries there were, and a check over the hash of the last of each, as a code short
enough to read off paper: `V1234-A567-3F9C2A7B`. Anchors are kept

- beside the ledger, one line per committed write, in `LEDGER.anchors` (append-only);
- in every backup, which is a copy of the ledger and so carries its own head;
- in each season close's audit entry;
- on every settlement sheet and notice board ("账本校验码 …", `current_code`).

`check` verifies that the chain still passes through every anchor it finds, and
`silk check --anchor CODE` through one read off paper.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from peewee import DatabaseError, fn

from ledger import i18n, leftovers, models, stores
from ledger.seal import digest

#: Hex digits of the check in a code: 32 bits, one chance in four billion that a
#: rewritten chain passes an anchor by accident.
CHECK_DIGITS = 8
_CODE = re.compile(r"V(\d+)-A(\d+)-([0-9A-F]{%d})" % CHECK_DIGITS)
#: The meta key of a ledger's id, made at random with the ledger: its backups carry it.
LEDGER_ID = "ledger_id"
#: Where backups are kept beside the ledger (`ledger.backup.FOLDER`).
BACKUPS = "backups"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Head:
    """The chains' head: vouchers and audit entries up to these ids, and a check over
    the hashes of the last of each."""

    vouchers: int
    changes: int
    check: str

    @property
    def code(self) -> str:
        return f"V{self.vouchers}-A{self.changes}-{self.check}"


@dataclass(frozen=True)
class Anchor:
    """A head written down somewhere, and when."""

    head: Head
    source: str  # where it was found: the anchors file, a backup's name, a season close
    at: str = ""  # when it was written (ISO), if known
    #: The id of the ledger a backup is a copy of (`LEDGER_ID`): a ledger made anew
    #: under the same name is another ledger. "" when not known.
    lineage: str = ""


def parse(code: str) -> Head | None:
    """The head a code names; None when `code` is not one."""
    match = _CODE.fullmatch(code.strip().upper().replace(" ", ""))
    if not match:
        return None
    return Head(int(match[1]), int(match[2]), match[3])


def _check(voucher_hash: str, change_hash: str) -> str:
    return digest(voucher_hash, change_hash)[:CHECK_DIGITS].upper()


def head() -> Head:
    """The head of the ledger the models are bound to (in the caller's transaction)."""
    last = []
    for model in (models.Voucher, models.Change):
        row = model.select(model.id, model.hash).order_by(model.id.desc()).limit(1).tuples()
        last.append(row.first() or (0, ""))
    (vouchers, voucher_hash), (changes, change_hash) = last
    return Head(vouchers, changes, _check(voucher_hash, change_hash))


def current_code() -> str:
    """The code of the ledger's head now, for a document to print as 账本校验码."""
    return head().code


def verify(anchors: Iterable[Anchor]) -> Iterator[tuple[str, dict]]:
    """(message key, parameters) for every anchor the ledger's chains do not pass
    through: they end before it (records were cut off), or reach it with other hashes
    (rows up to it were rewritten). Each distinct head is verified once, the hashes it
    needs read in bulk (an anchors file of years holds thousands of lines)."""
    now = head()
    distinct: dict[Head, Anchor] = {}
    for anchor in anchors:
        distinct.setdefault(anchor.head, anchor)
    reached = [wanted for wanted in distinct
               if wanted.vouchers <= now.vouchers and wanted.changes <= now.changes]
    vouchers = _hashes(models.Voucher, {wanted.vouchers for wanted in reached})
    changes = _hashes(models.Change, {wanted.changes for wanted in reached})
    for wanted, anchor in distinct.items():
        params = dict(code=wanted.code, source=anchor.source, at=anchor.at or "?",
                      vouchers=now.vouchers, changes=now.changes)
        if wanted.vouchers > now.vouchers or wanted.changes > now.changes:
            yield "check_anchor_cut", params
        elif _check(vouchers.get(wanted.vouchers, ""),
                    changes.get(wanted.changes, "")) != wanted.check:
            yield "check_anchor_diverged", params


def _hashes(model: type, ids: set[int], chunk: int = 500) -> dict[int, str]:
    """id -> hash of the rows of `model` with these ids."""
    wanted = sorted(ids)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), chunk):
        found.update(model.select(model.id, model.hash)
                     .where(model.id.in_(wanted[start:start + chunk])).tuples())
    return found


# -- where anchors are kept ---------------------------------------------------------------

def file_of(ledger_path: str | os.PathLike) -> Path:
    """The append-only anchors file beside a ledger."""
    return Path(f"{ledger_path}.anchors")


def after_commit(database) -> None:
    """Have the head appended to the anchors file once the caller's transaction commits
    (called by every write, through the audit trail)."""
    database.after_commit(lambda: append(database))


def append(database) -> None:
    """Append the head of `database` (a file) to its anchors file, unless the last line
    has it already (a ledger on a server has no file beside it: its anchors are those of
    its season closes and paper). The write has committed: a file that cannot be written
    is said (a warning), never a failed write."""
    path = database.database
    if (stores.of(database).name != "sqlite" or not path or path == ":memory:"
            or models.database.obj is not database
            or leftovers.is_temporary(path)):
        return
    code = head().code
    target = file_of(path)
    try:
        if _last_code(target) == code:
            return
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{datetime.now().astimezone().isoformat(timespec='seconds')} {code}\n")
    except (OSError, DatabaseError) as error:
        log.warning(i18n.t("anchors_unwritable", path=str(target),
                           reason=getattr(error, "strerror", None) or str(error)))


def _last_code(target: Path) -> str:
    try:
        with open(target, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 200))
            lines = handle.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return ""
    return lines[-1].rpartition(" ")[2] if lines else ""


def written(ledger_path: str | os.PathLike) -> list[Anchor]:
    """The anchors kept outside the ledger file: the anchors file's lines and the heads
    of the ledger's backups. Read before `check` takes its snapshot, so every one of
    them was written by a commit the snapshot holds."""
    if not ledger_path or str(ledger_path) == ":memory:":
        return []
    return [*_from_file(file_of(ledger_path)), *_from_backups(Path(ledger_path))]


def _from_file(target: Path) -> Iterator[Anchor]:
    try:
        text = target.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for line in text.splitlines():
        at, _, code = line.strip().rpartition(" ")
        found = parse(code)
        if found is not None:
            yield Anchor(found, target.name, at)


def _from_backups(ledger: Path) -> Iterator[Anchor]:
    """Each backup's own head, read from the file opened read-only; a backup that cannot
    be read (damaged, of a schema before the chains) has none."""
    folder = ledger.parent / BACKUPS
    if not folder.is_dir():
        return
    named = re.compile(re.escape(ledger.stem) + r"-\d{4}-\d\d-\d\d-\d{6}(?:-\d+)?(?:-[a-z-]+)?\.db")
    for path in sorted(folder.glob(f"{ledger.stem}-*.db")):
        if not named.fullmatch(path.name):  # another ledger's, whose name begins alike
            continue
        try:
            found, lineage = backup_head(path)
            at = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        except (sqlite3.Error, OSError):
            continue
        yield Anchor(found, f"{BACKUPS}/{path.name}", at.isoformat(timespec="seconds"),
                     lineage)


def backup_head(path: Path) -> tuple[Head, str]:
    """The head of a ledger file and its id (`LEDGER_ID`), read through a read-only
    connection of its own."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        vouchers, voucher_hash = connection.execute(
            'SELECT id, hash FROM voucher ORDER BY id DESC LIMIT 1').fetchone() or (0, "")
        changes, change_hash = connection.execute(
            'SELECT id, hash FROM change ORDER BY id DESC LIMIT 1').fetchone() or (0, "")
        lineage = connection.execute('SELECT value FROM meta WHERE key = ?',
                                     (LEDGER_ID,)).fetchone()
    finally:
        connection.close()
    return Head(vouchers, changes, _check(voucher_hash, change_hash)), lineage[0] if lineage else ""


def of_this_ledger(anchors: Iterable[Anchor]) -> list[Anchor]:
    """The anchors of this ledger: not those of backups of another ledger once kept
    under the same name (deleted, then made anew)."""
    Meta = models.Meta
    lineage = Meta.select(Meta.value).where(Meta.key == LEDGER_ID).scalar() or ""
    return [anchor for anchor in anchors if not anchor.lineage or anchor.lineage == lineage]


def new_id() -> str:
    """An id for a new ledger, which no other ledger shares."""
    return uuid.uuid4().hex


def set_aside(ledger_path: str | os.PathLike) -> None:
    """A new ledger starts a new anchors file: one left by a ledger once kept under
    the same name is renamed `LEDGER.anchors.old-DATE-TIME`, not taken for its own."""
    target = file_of(ledger_path)
    if target.exists():
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        target.rename(target.with_name(f"{target.name}.old-{stamp}"))


def in_closes() -> list[Anchor]:
    """The anchors each season close's audit entry carries (in the caller's snapshot)."""
    Change = models.Change
    found = []
    for at, target, after in (Change.select(Change.at, Change.target, Change.after)
                              .where((Change.action == "close") & (Change.after != "")).tuples()):
        try:
            code = json.loads(after).get("anchor", "")
        except (ValueError, AttributeError):
            continue
        parsed = parse(code) if isinstance(code, str) else None
        if parsed is not None:
            found.append(Anchor(parsed, i18n.t("anchor_source_close", season=target), at))
    return found


def since_last_restore(anchors: Iterable[Anchor]) -> list[Anchor]:
    """The anchors written after the ledger was last restored from a backup (restoring
    legitimately cuts off what came after that backup): the audit trail says when."""
    Change = models.Change
    restored = Change.select(fn.MAX(Change.at)).where(Change.action == "restore").scalar()
    if not restored:
        return list(anchors)
    limit = _timestamp(restored) + 1  # `at` is to the second; a backup's time is finer
    return [anchor for anchor in anchors if _timestamp(anchor.at) >= limit]


def _timestamp(at: str) -> float:
    try:
        return datetime.fromisoformat(at).timestamp()
    except ValueError:
        return 0.0
