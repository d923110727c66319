"""Database errors are told apart by their error codes, not their wording; a full disk
says so, and where, and leaves the ledger as it was."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError

from ledger import book, cli, db, models, store_errors
from ledger.stores import sqlite as store

from helpers import build_village, valid

pytestmark = pytest.mark.sqlite_only  # SQLite's own result codes (busy, full disk), its file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def full_village(tmp_path, monkeypatch) -> Path:
    """A village ledger whose every later connection may not grow the file by a page: as
    far as SQLite can tell, the disk is full (SQLITE_FULL)."""
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    build_village()
    sale = book.record("sales", valid("sales"))
    # a payment whose memo, kept again in its reversal and its audit entry with a reason
    # as long, needs more than one new page: a reversal of it cannot fit
    book.record("payments", valid("payments", memo="付款说明" * 500))
    database.close()
    models.database.initialize(None)
    raw = sqlite3.connect(path)
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.close()
    monkeypatch.setattr(store, "PRAGMAS", (*store.PRAGMAS, ("max_page_count", pages)))
    assert sale == 1
    return path


def test_a_full_disk_on_a_correction_says_so_and_where(full_village, capsys):
    before = digest(full_village)
    code = cli.main(["--db", str(full_village), "--lang", "en", "reverse", "payments:1",
                     "--reason", "paid twice " * 180])
    assert code == 1
    error = capsys.readouterr().err
    assert error == (f"silk: the disk holding the ledger's folder {full_village.parent} is full; "
                     "nothing was written. Free some space there and try again\n")
    assert digest(full_village) == before
    assert not Path(f"{full_village}-wal").exists() or _only_committed(full_village)


def test_a_full_disk_on_an_import_says_so_in_chinese(full_village, tmp_path, capsys):
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n"
                    + "".join(f"2026-04-20,B1,E01,{n + 1},0.50\n" for n in range(3000)),
                    encoding="utf-8")
    code = cli.main(["--db", str(full_village), "--lang", "zh", "import", str(leaf)])
    assert code == 1
    error = capsys.readouterr().err
    assert error == (f"silk: 账本所在文件夹 {full_village.parent} 的磁盘已满；"
                     "未写入任何内容。请腾出空间后重试\n")
    database = db.open_ledger(full_village)
    try:
        assert models.LeafDelivery.select().count() == 0
    finally:
        database.close()


def _only_committed(path: Path) -> bool:
    """The write-ahead log left beside the ledger holds nothing uncommitted: the ledger
    reads as the village with its one sale."""
    raw = sqlite3.connect(path)
    try:
        return raw.execute("SELECT COUNT(*) FROM cocoon_sale").fetchone()[0] == 1
    finally:
        raw.close()


def sqlite_error(code: int, message: str) -> sqlite3.Error:
    """An error as sqlite3 raises it, with its result code."""
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    error.sqlite_errorname = "TEST"
    return error


@pytest.mark.parametrize("code, kind", [
    (sqlite3.SQLITE_BUSY, store_errors.BUSY),
    (sqlite3.SQLITE_LOCKED, store_errors.BUSY),
    (sqlite3.SQLITE_BUSY | (2 << 8), store_errors.BUSY),  # SQLITE_BUSY_SNAPSHOT
    (sqlite3.SQLITE_FULL, store_errors.FULL),
    (sqlite3.SQLITE_READONLY, store_errors.READONLY),
    (sqlite3.SQLITE_CORRUPT, store_errors.CORRUPT),
    (sqlite3.SQLITE_NOTADB, store_errors.CORRUPT),
    (sqlite3.SQLITE_ERROR, store_errors.OTHER),
])
def test_the_kind_comes_from_the_code_not_the_words(code, kind):
    assert store_errors.kind(sqlite_error(code, "words that say nothing")) == kind
    # the words alone decide nothing: a message mentioning a lock has no code here
    assert store_errors.kind(sqlite3.OperationalError("database is locked")) == store_errors.OTHER


def test_the_kind_is_found_behind_a_wrapper_and_a_failed_rollback():
    full = sqlite_error(sqlite3.SQLITE_FULL, "database or disk is full")
    wrapped = OperationalError(full)  # as peewee wraps it
    try:
        try:
            raise wrapped
        except OperationalError:
            # `from None` keeps the implicit __context__ link only, as a failed rollback has
            raise OperationalError(sqlite_error(
                sqlite3.SQLITE_ERROR, "cannot rollback - no transaction is active")) from None
    except OperationalError as shown:
        assert store_errors.kind(shown) == store_errors.FULL


def test_a_real_busy_ledger_is_busy(ledger_path):
    holder = sqlite3.connect(ledger_path)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(ledger_path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            other.execute("BEGIN IMMEDIATE")
        assert store_errors.kind(raised.value) == store_errors.BUSY
        assert db.problem(raised.value, str(ledger_path)) == db.refusal(raised.value, "").message()
    finally:
        other.close()
        holder.rollback()
        holder.close()
