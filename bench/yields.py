"""The yield report (issue 16): `silk report yield --format json` over the latest ten
seasons and over every season, in this process, beside the bare SQL summing the same
batches; and the command as a user runs it.

`python -m bench.yields` measures the 1M ledger alone (built first if missing) and prints
the figures, without the rest of the benchmarks.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from bench import ledgers
from bench.commands import silk as silk_command
from bench.measure import Timing, command, alone_on_1m, timed, warm
from bench.table import Row
from ledger import db, yields
from ledger.reports import yields as yield_report

#: The seasons of the issue's target: ten seasons of 1,500 households.
SEASONS = 10

#: The batches' sums as one would write them by hand: sales and leaf summed by batch,
#: joined to the batches and their owners (inputs count for flagged batches only).
BARE = """
SELECT b.id, b.code, b.season_id, p.code, p.kind, p."group", b.breed, b.sheets,
       s.grams, s.top, s.income, l.grams, l.cost
FROM batch b JOIN party p ON p.id = b.owner_id
LEFT JOIN (SELECT batch_id, SUM(grams) AS grams, SUM(CASE WHEN grade = '上车茧' THEN grams
           ELSE 0 END) AS top, SUM(amount) AS income FROM cocoon_sale
           WHERE batch_id IN (SELECT id FROM batch WHERE season_id IN ({seasons}))
           GROUP BY batch_id) s ON s.batch_id = b.id
LEFT JOIN (SELECT batch_id, SUM(grams) AS grams, SUM(amount) AS cost FROM leaf_delivery
           WHERE batch_id IN (SELECT id FROM batch WHERE season_id IN ({seasons}))
           GROUP BY batch_id) l ON l.batch_id = b.id
WHERE b.season_id IN ({seasons})
"""


def _range(path: Path) -> tuple[str, str, list[int]]:
    """The first and last codes of the latest SEASONS seasons, and their ids."""
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT id, code FROM season ORDER BY start DESC LIMIT ?",
                              (SEASONS,)).fetchall()
    connection.close()
    return rows[-1][1], rows[0][1], [row[0] for row in rows]


def measure(path: Path, runs: int) -> dict[str, tuple[Timing, Timing]]:
    """label -> (silk, bare SQL): by household over ten seasons, by season over all."""
    first, last, ids = _range(path)
    database = db.open_ledger(path)
    figures = {
        f"yield report by household, {SEASONS} seasons": timed(
            lambda: yield_report.to_json(yield_report.report("household", first, last)), runs),
        "yield report by season, every season": timed(
            lambda: yield_report.to_json(yield_report.report("season")), runs),
    }
    every = [season.id for season in yields.all_seasons()]
    database.close()
    connection = sqlite3.connect(path)

    def bare(chosen: list[int]) -> Timing:
        text = BARE.format(seasons=",".join(map(str, chosen)))
        return timed(lambda: connection.execute(text).fetchall(), runs)

    references = [bare(ids), bare(every)]
    connection.close()
    return {label: (figure, reference)
            for (label, figure), reference in zip(figures.items(), references)}


def rows(size: ledgers.Size, records: int, runs: int) -> list[Row]:
    path = size.path
    first, last, _ = _range(path)
    warm(path)
    shown = command(silk_command(path, "report", "yield", "--by", "household", "--from", first,
                                 "--to", last, "--format", "json"), runs)
    return [Row(label, size.label, records, figure, "bare SQL", reference,
                shown if index == 0 else None, target="yield report")
            for index, (label, (figure, reference)) in enumerate(measure(path, runs).items())]


def main() -> int:
    return alone_on_1m(measure)


if __name__ == "__main__":
    raise SystemExit(main())
