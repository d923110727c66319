"""A long write's rows flushed midway: on a server they are written by a thread while the
next rows are read and checked (`book.Writer.flush`, `Store.writes_behind`). Here every
few rows are flushed, so the canonical village's import is dozens of flushes: the ledger
must come out as the independent calculation says, and a flush that fails must undo the
whole import, its error raised as it came."""
from __future__ import annotations

import threading
import time

import pytest

import village_expected as expected
from helpers import table_counts
from ledger import book, browse, check, income, models, stores
from ledger.errors import RecordRefused
from ledger.io import csv_import
from ledger.reports import season as season_report

VILLAGE = expected.VILLAGE


@pytest.fixture
def small_flushes(monkeypatch):
    monkeypatch.setattr(book, "FLUSH_ROWS", 7)


def test_an_import_flushed_many_times_gives_the_calculated_seasons(memory_ledger,
                                                                   small_flushes):
    counts = csv_import.import_files([VILLAGE])
    assert sum(counts.values()) == 93
    assert check.run() == []
    for code in expected.season_codes():
        got = season_report.as_json(income.season_income(income.find_season(code)))
        want = expected.season_report(code)
        assert {party["code"]: party["net_income"] for party in got["parties"]} == {
            party["code"]: party["net_income"] for party in want["parties"]}
        assert got["totals"] == want["totals"]


class Refused(Exception):
    """What the database might say of a row (a guard, a lost connection)."""


def test_a_flush_that_fails_undoes_the_whole_import_and_says_why(memory_ledger,
                                                                  small_flushes, monkeypatch):
    written = book._insert
    calls = []

    def failing(model, rows, cursor=None, conflict=None):
        calls.append(model)
        if model is models.Posting and calls.count(models.Posting) == 3:
            raise Refused("posting refused")
        return written(model, rows, cursor, conflict)

    monkeypatch.setattr(book, "_insert", failing)
    before = table_counts()
    with pytest.raises(Refused, match="posting refused"):
        csv_import.import_files([VILLAGE])
    assert table_counts() == before
    assert calls.count(models.Posting) == 3  # nothing more was written after it
    monkeypatch.setattr(book, "_insert", written)
    csv_import.import_files([VILLAGE])  # the connection is sound for the next write
    assert check.run() == []


def test_a_flush_the_database_refuses_is_the_error_raised_not_what_followed(
        memory_ledger, small_flushes, monkeypatch):
    """On a server the refused statement aborts the transaction: the reading thread's
    next statement is refused too ("current transaction is aborted"), but the error
    raised is the one that came first."""
    written = book._insert
    calls = []

    def failing(model, rows, cursor=None, conflict=None):
        calls.append(model)
        if model is models.Posting and calls.count(models.Posting) == 3:
            (cursor or models.database.cursor()).execute("SELECT * FROM no_such_table")
        return written(model, rows, cursor, conflict)

    monkeypatch.setattr(book, "_insert", failing)
    before = table_counts()
    with pytest.raises(Exception) as raised:
        csv_import.import_files([VILLAGE])
    assert "no_such_table" in str(raised.value)
    assert table_counts() == before


def wages_file(folder, count: int, last_household: str = "H002") -> None:
    """`count` wages of H002's in one file, the last for `last_household`."""
    lines = ["date,season,payer,household,worker,task,quantity,unit,rate"]
    lines += [f"2026-04-{10 + n % 20},2026-1,COLLECTIVE,H002,工{n},喂蚕,1,天,{100 + n}"
              for n in range(count - 1)]
    lines.append(f"2026-04-21,2026-1,COLLECTIVE,{last_household},某,喂蚕,1,天,100")
    (folder / "wages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_dry_run_that_writes_and_is_refused_leaves_nothing(memory_ledger, small_flushes,
                                                              tmp_path):
    """A dry run of files the program replays (closes, assets) writes for real and rolls
    back: the rows flushed behind must be in before the rollback, not after it, where
    they were committed on their own (a preview left 4,000 vouchers without records)."""
    csv_import.import_files([VILLAGE])
    wages_file(tmp_path, 60, last_household="H999")
    (tmp_path / "closes.csv").write_text("year,reserve_percent,members,other,other_account\n")
    before = table_counts()
    review = csv_import.review([tmp_path])
    assert [problem.message("en") for problem in review.problems] == [
        f"{tmp_path / 'wages.csv'}:61: household: no household or partner with code H999"]
    assert table_counts() == before
    assert check.run() == []


class InterruptedOnce(threading.Event):
    """The writer's wait for the rows behind, interrupted once by Ctrl+C."""

    interrupted = False

    def wait(self, timeout=None):
        if not InterruptedOnce.interrupted:
            InterruptedOnce.interrupted = True
            raise KeyboardInterrupt
        return super().wait(timeout)


def test_ctrl_c_while_rows_are_written_behind_leaves_nothing(memory_ledger, small_flushes,
                                                            tmp_path, monkeypatch):
    """Ctrl+C while the import waits for the rows behind: it waits on for them, then
    stops, and the rollback undoes them (a join interrupted had let the rollback come
    first and the rest of the rows commit on their own)."""
    if not stores.current().writes_behind:
        pytest.skip("only a server writes behind")
    csv_import.import_files([VILLAGE])
    wages_file(tmp_path, 60)
    written, calls = book._insert, []

    def slow(model, rows, cursor=None, conflict=None):
        calls.append(model)
        time.sleep(0.05)  # a slow link to the township's server
        return written(model, rows, cursor, conflict)

    monkeypatch.setattr(book, "_insert", slow)
    monkeypatch.setattr(threading, "Event", InterruptedOnce)
    InterruptedOnce.interrupted = False
    before = table_counts()
    with pytest.raises(KeyboardInterrupt):
        csv_import.import_files([tmp_path])
    assert InterruptedOnce.interrupted and calls
    time.sleep(0.3)
    assert table_counts() == before
    assert check.run() == []


def test_kept_sums_folded_midway_come_after_the_rows_they_name(memory_ledger, small_flushes,
                                                              monkeypatch):
    monkeypatch.setattr(book, "KEPT_KEYS", 3)
    csv_import.import_files([VILLAGE])
    assert check.run() == []


def test_only_a_server_writes_behind(memory_ledger):
    assert stores.current().writes_behind == (stores.current().name == "postgresql")


def test_a_second_import_in_one_transaction_refuses_what_the_first_wrote(
        memory_ledger, small_flushes, tmp_path):
    """On a server an import reads the records it is checked against beside the rows it
    writes behind, on a connection that sees only what is committed; not when its
    transaction wrote before it. Here the second import's wages for H002 go behind, and
    then H002's payments, which the first import wrote and did not commit, must still be
    found: nothing in between waits for the wages (H002 and the season are known)."""
    wages_file(tmp_path, 60)
    header, *rows = (VILLAGE / "payments.csv").read_text(encoding="utf-8").splitlines()
    again = [row for row in rows if ",H002," in row]
    (tmp_path / "payments.csv").write_text("\n".join([header, *again]) + "\n", encoding="utf-8")
    before = table_counts()
    with pytest.raises(RecordRefused) as refused:
        with models.database.atomic():
            csv_import.import_files([VILLAGE])
            csv_import.import_files([tmp_path])
    assert [error.message("en").split(" (record")[0] for error in refused.value.errors] == [
        f"{tmp_path / 'payments.csv'}:{line}: -: this row is already in the ledger"
        for line in range(2, len(again) + 2)]
    assert table_counts() == before


def test_an_import_on_its_own_reads_beside_the_rows_it_writes_behind(
        memory_ledger, small_flushes, monkeypatch):
    """The import waits for no rows behind to take its ids and read what it is checked
    against: it opens one more connection for that, and comes out as calculated."""
    if not stores.current().writes_behind:
        pytest.skip("only a server writes behind")
    from ledger.stores import postgresql

    opened = []
    connect = postgresql.LedgerDatabase._connect
    monkeypatch.setattr(postgresql.LedgerDatabase, "_connect",
                        lambda self: opened.append(self) or connect(self))
    csv_import.import_files([VILLAGE])
    assert opened == [models.database.obj]
    assert check.run() == []


def test_a_worker_closing_its_connection_leaves_an_import_in_another_thread_alone(
        memory_ledger, small_flushes):
    """The terminal UI's workers close their own connection as they end (`browse.release`):
    the import's second connection, another thread's, is not theirs to close."""
    if not stores.current().writes_behind:
        pytest.skip("only a server writes behind")
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            try:
                models.database.execute_sql("SELECT 1").fetchone()
            finally:
                browse.release()

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    try:
        counts = csv_import.import_files([VILLAGE])
    finally:
        stop.set()
        thread.join()
    assert sum(counts.values()) == 93
    assert check.run() == []
