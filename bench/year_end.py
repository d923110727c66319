"""The year-end close at 1,500 households (issue 14's target: `close-year` under 5 s):
`python -m bench.year_end [--runs N]`. A demo village of 1,500 households and three
seasons is built in a temporary ledger file, its seasons closed; then the plan alone,
`check` alone (which the close runs first) and the whole close (plan, check, the
automatic backup, the four vouchers with a line per member household) are timed, the
year reopened after each close. Printed, not asserted: a shared machine's figures are
compared within one run.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.measure import timed
from ledger import check, closing, db, demo, models, year_end

HOUSEHOLDS = 1500
TARGET = 5.0


def measure(runs: int) -> dict[str, tuple[float, float]]:
    """Name -> (min, median) seconds."""
    with tempfile.TemporaryDirectory() as folder:
        database = db.open_ledger(Path(folder) / "ledger.db", create=True)
        try:
            demo.generate(households=HOUSEHOLDS, seasons=3, seed=7)
            seasons = list(models.Season.select().order_by(models.Season.start))
            for season in seasons:
                if not season.is_closed:
                    closing.close(season.code)
            year = seasons[-1].end.year
            figures = {
                "plan": timed(lambda: year_end.plan(year, "10", "10000"), runs),
                "check": timed(check.run, runs),
                "close-year": timed(lambda: (year_end.close_year(year, "10", "10000"),
                                             year_end.reopen_year(year, "bench")), runs),
            }
        finally:
            database.close()
            models.database.initialize(None)
    return {name: (timing.min, timing.median) for name, timing in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.year_end")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name, (least, median) in measure(args.runs).items():
        note = f"  (target < {TARGET:.0f} s, reopen included)" if name == "close-year" else ""
        print(f"{name:12} {least:8.3f} s / {median:8.3f} s{note}")


if __name__ == "__main__":
    main()
