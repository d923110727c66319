"""Silk's own functions, timed in this process beside their bare references: what a
report costs once the ledger is open, without Python's start-up."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bench import bare
from bench.ledgers import DATA
from bench.measure import Timing, timed
from ledger import balances, check, db, income, models
from ledger.io import csv_import
from ledger.reports import season as season_report
from ledger.reports import statement


@dataclass(frozen=True)
class Subject:
    """What the reports are asked about: the latest season, whose balances carried in
    span the whole history, and a household that reared in it."""

    season: str
    season_id: int
    household: str
    household_id: int


def subject(path: Path) -> Subject:
    connection = sqlite3.connect(path)
    season_id, season = connection.execute(
        "SELECT id, code FROM season ORDER BY start DESC LIMIT 1").fetchone()
    household_id, household = connection.execute(
        "SELECT p.id, p.code FROM batch b JOIN party p ON b.owner_id = p.id"
        " WHERE b.season_id = ? AND p.kind = 'household' ORDER BY b.id LIMIT 1",
        (season_id,)).fetchone()
    connection.close()
    return Subject(season, season_id, household, household_id)


def timed_reports(about: Subject, runs: int) -> dict[str, Timing]:
    """measure -> silk's time for the season report, the trial balance, the balances
    carried in and one household's settlement sheet, on the ledger the models are bound
    to (a file or a server's village)."""
    season = income.find_season(about.season)
    return {
        # what `silk report season CODE --format json` computes
        "report season": timed(
            lambda: season_report.to_json(income.season_income(season)), runs),
        "trial balance": timed(lambda: balances.trial_balance(), runs),
        "balances carried in": timed(lambda: income.balances_before(season), runs),
        "statement": timed(lambda: statement.statement(about.household, season), runs),
    }


def reports(path: Path, about: Subject, runs: int) -> dict[str, tuple[Timing, Timing]]:
    """measure -> (silk, bare SQL) for the season report, the trial balance, the balances
    carried in and one household's settlement sheet."""
    database = db.open_ledger(path)
    figures = timed_reports(about, runs)
    database.close()
    connection = sqlite3.connect(path)
    references = {
        "report season": timed(lambda: bare.season_report(connection, about.season_id), runs),
        "trial balance": timed(lambda: bare.trial_balance(connection), runs),
        "balances carried in": timed(
            lambda: bare.balances_before(connection, about.season_id), runs),
        "statement": timed(
            lambda: bare.statement(connection, about.season_id, about.household_id), runs),
    }
    connection.close()
    return {name: (figures[name], references[name]) for name in figures}


def full_check(path: Path, runs: int) -> tuple[Timing, int]:
    """`check`: every invariant recomputed from the records; its timing, and how many
    problems it found (none, in a sound ledger)."""
    database = db.open_ledger(path)
    findings: list = []
    timing = timed(lambda: findings.__setitem__(slice(None), check.run()), runs, budget=60.0)
    database.close()
    return timing, len(findings)


def import_throughput(folder: Path, runs: int) -> tuple[Timing, Timing]:
    """(silk, bare) timings of the canonical CSV of `folder` imported into a new ledger
    by `csv_import.import_files`, and by a bare executemany of the same rows."""
    target = DATA / "import.db"

    def import_once() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        database = db.open_ledger(target, create=True)
        csv_import.import_files([folder])
        database.close()

    silk = timed(import_once, runs, budget=120.0)
    reference = timed(lambda: bare.executemany_csv(folder, f"{target}.bare"), runs)
    return silk, reference


def records(path: Path) -> int:
    """The records that move money, the count the issue's sizes speak of."""
    database = db.open_ledger(path)
    count = sum(model.select().count() for model in models.RECORD_MODELS)
    database.close()
    return count
