"""The `silk` commands as a user runs them, each in a child process: wall time
(Python's start-up included) and peak memory (max RSS)."""
from __future__ import annotations

import sys
from pathlib import Path

from bench.ledgers import DATA
from bench.measure import Command, command, run_once
from bench.silk import Subject

SILK = [sys.executable, "-m", "ledger"]


def silk(path: Path, *arguments: str) -> list[str]:
    return [*SILK, "--db", str(path), *arguments]


def reports(path: Path, about: Subject, runs: int, check_runs: int) -> dict[str, Command]:
    """measure -> the command that shows it: the season report, the trial balance, one
    household's settlement sheet, and the full `check`."""
    return {
        "report season": command(silk(path, "report", "season", about.season), runs),
        "trial balance": command(silk(path, "report", "trial-balance"), runs),
        "statement": command(silk(path, "statement", about.household, about.season), runs),
        # exit 1: problems found, which the in-process figure reports
        "check": command(silk(path, "check"), check_runs, budget=60.0, allowed=(0, 1)),
    }


def export_journal(path: Path, journal: Path) -> Command:
    """`silk export --format hledger`, once: it writes the books the peers then read
    (over the last run's)."""
    return command(silk(path, "export", "--format", "hledger", "-o", str(journal), "--force"), 1)


def import_csv(folder: Path) -> Command:
    """`silk import` of the canonical CSV into a new ledger, once (made by `silk init`,
    not timed)."""
    target = DATA / "import-command.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    run_once(silk(target, "init"))
    return command(silk(target, "import", str(folder)), 1)
