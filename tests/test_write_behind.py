"""A long write's rows flushed midway: on a server they are written by a thread while the
next rows are read and checked (`book.Writer.flush`, `Store.writes_behind`). Here every
few rows are flushed, so the canonical village's import is dozens of flushes: the ledger
must come out as the independent calculation says, and a flush that fails must undo the
whole import, its error raised as it came."""
from __future__ import annotations

import pytest

import village_expected as expected
from helpers import table_counts
from ledger import book, check, income, models, stores
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


def test_only_a_server_writes_behind(memory_ledger):
    assert stores.current().writes_behind == (stores.current().name == "postgresql")
