"""Benchmarks: `python -m bench` prints figures, each beside its reference in one run.

- import: canonical CSV of the demo village (~100,000 records) into a new ledger, in
  records per second, beside a bare sqlite3 `executemany` of the same rows;
- report season and trial balance on a ledger of ~1,000,000 records, beside the bare
  SQLite GROUP BY queries that compute the same sums (the season's flows by party, and
  the households' balances from the kept per-season account balances).

Figures are the minimum and median of several runs. Ledgers are built once into
bench/data/ (ignored by git) and reused. Not part of the test suite: timings on a shared
machine are compared as ratios within one run, never asserted.
"""
from __future__ import annotations

import argparse
import csv
import platform
import random
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import peewee

from ledger import balances, db, demo, income
from ledger.io import csv_import
from ledger.kinds import BY_NAME
from ledger.reports import season as season_report

DATA = Path(__file__).parent / "data"
RESULTS = Path(__file__).parent / "RESULTS.md"


def timed(function, runs: int) -> tuple[float, float]:
    """(minimum, median) seconds of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


# -- import ------------------------------------------------------------------------------

def write_village_csv(folder: Path, households: int, seasons: int, seed: int = 7) -> int:
    """The demo village as canonical CSV files, one per kind; the number of records."""
    folder.mkdir(parents=True, exist_ok=True)
    writers, handles, count = {}, [], 0
    village = demo.Village(random.Random(seed), households)
    for kind, rows in village.groups(seasons):
        if kind not in writers:
            handle = open(folder / f"{kind}.csv", "w", newline="", encoding="utf-8")
            handles.append(handle)
            writers[kind] = csv.DictWriter(handle, fieldnames=BY_NAME[kind].columns)
            writers[kind].writeheader()
        for _, values in rows:
            writers[kind].writerow(values)
            count += 1
    for handle in handles:
        handle.close()
    return count


def bench_import(folder: Path, runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Timings of `silk import` into a new ledger, and of a bare executemany of the rows."""
    target = DATA / "import.db"

    def import_once():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        database = db.open_ledger(target, create=True)
        csv_import.import_files([folder])
        database.close()

    def executemany_once():
        Path(f"{target}.bare").unlink(missing_ok=True)
        connection = sqlite3.connect(f"{target}.bare")
        connection.execute("PRAGMA journal_mode=wal")
        for path in sorted(folder.glob("*.csv")):
            with open(path, newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle)
                header = next(reader)
                columns = ", ".join(f'"{name}"' for name in header)
                connection.execute(f'CREATE TABLE "{path.stem}" ({columns})')
                marks = ", ".join("?" * len(header))
                connection.executemany(f'INSERT INTO "{path.stem}" VALUES ({marks})', reader)
        connection.commit()
        connection.close()

    return timed(import_once, runs), timed(executemany_once, runs)


# -- reports on a large ledger -------------------------------------------------------------

def large_ledger(households: int, seasons: int) -> Path:
    """A demo ledger of households × seasons, built once and kept in bench/data/."""
    path = DATA / f"demo-{households}x{seasons}.db"
    if not path.exists():
        print(f"building {path.name} (once) ...", file=sys.stderr, flush=True)
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        database = db.open_ledger(building, create=True)
        demo.generate(households=households, seasons=seasons, seed=7)
        database.close()
        building.rename(path)
    return path


BARE_SEASON_SQL = """
SELECT owner_id, 'sheets', SUM(sheets) FROM batch WHERE season_id = :s GROUP BY owner_id
UNION ALL SELECT b.owner_id, 'cocoon_grams', SUM(x.grams)
  FROM cocoon_sale x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT b.owner_id, 'cocoon_income', SUM(x.amount)
  FROM cocoon_sale x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT supplier_id, 'leaf_income', SUM(amount)
  FROM leaf_delivery WHERE season_id = :s GROUP BY supplier_id
UNION ALL SELECT b.owner_id, 'leaf_cost', SUM(x.amount)
  FROM leaf_delivery x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT b.owner_id, 'input_cost', SUM(x.amount)
  FROM input x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT household_id, 'wage_income', SUM(amount)
  FROM wage WHERE season_id = :s GROUP BY household_id
UNION ALL SELECT payer_id, 'wage_cost', SUM(amount) FROM wage WHERE season_id = :s GROUP BY payer_id
UNION ALL SELECT household_id, 'charge_cost', SUM(amount)
  FROM charge WHERE season_id = :s GROUP BY household_id
UNION ALL SELECT NULL, 'charge_income', SUM(amount) FROM charge WHERE season_id = :s
UNION ALL SELECT recipient_id, 'subsidy_income', SUM(amount)
  FROM subsidy WHERE season_id = :s GROUP BY recipient_id
UNION ALL SELECT household_id, 'paid',
  SUM(CASE WHEN direction = 'to_household' THEN amount ELSE -amount END)
  FROM payment WHERE season_id = :s GROUP BY household_id
"""

BARE_BALANCE_SQL = """
SELECT a.party_id, SUM(b.credit - b.debit) FROM account_balance b
  JOIN account a ON b.account_id = a.id
 WHERE a.parent_id = (SELECT id FROM account WHERE code = '113')
   AND b.season_id IN (SELECT id FROM season WHERE start <= (SELECT start FROM season WHERE id = :s))
 GROUP BY a.party_id
"""

BARE_TRIAL_SQL = """
SELECT account_id, SUM(debit), SUM(credit) FROM posting GROUP BY account_id
"""


def bench_documents(path: Path, runs: int) -> dict[str, tuple]:
    """Every active household's settlement sheet of one season, in each format."""
    from ledger.reports import html, pdf, statement, text

    database = db.open_ledger(path)
    season = income.seasons()[-1]
    font = pdf.find_font(None)
    count = len(statement.statements(season, active_only=True))
    figures = {"sheets": count}
    for name, render in (("text", lambda s: text.statements(s, "zh")),
                         ("html", lambda s: html.statements(s, "zh")),
                         ("pdf", lambda s: pdf.statements(s, "zh", font))):
        figures[name] = timed(
            lambda: render(statement.statements(season, active_only=True)), max(1, runs // 2))
    database.close()
    return figures


def bench_reports(path: Path, runs: int) -> dict[str, tuple]:
    database = db.open_ledger(path)
    seasons = income.seasons()
    season = seasons[len(seasons) // 2]
    records = sum(kind.model.select().count() for kind in BY_NAME.values() if kind.moves_money)
    figures = {
        "records": records,
        "season": season.code,
        "report season": timed(  # what `silk report season CODE --format json` does
            lambda: season_report.to_json(income.season_income(income.find_season(season.code))),
            runs),
        "trial balance": timed(lambda: balances.trial_balance(), runs),
    }
    database.close()
    bare = sqlite3.connect(path)
    figures["bare season"] = timed(
        lambda: (bare.execute(BARE_SEASON_SQL, {"s": season.id}).fetchall(),
                 bare.execute(BARE_BALANCE_SQL, {"s": season.id}).fetchall()), runs)
    figures["bare trial"] = timed(lambda: bare.execute(BARE_TRIAL_SQL).fetchall(), runs)
    bare.close()
    return figures


# -- the table -----------------------------------------------------------------------------

def ms(pair: tuple[float, float]) -> str:
    return f"{pair[0] * 1000:.1f} / {pair[1] * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=1500,
                        help="households of the large ledger")
    parser.add_argument("--import-households", type=int, default=1600)
    parser.add_argument("--import-seasons", type=int, default=4,
                        help="seasons of the village imported (about 100,000 records)")
    parser.add_argument("--large-seasons", type=int, default=45,
                        help="seasons of the large ledger (about 1,000,000 records)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    DATA.mkdir(exist_ok=True)

    folder = DATA / f"csv-{args.import_households}x{args.import_seasons}"
    count = write_village_csv(folder, args.import_households, args.import_seasons)
    (imported, _), (bare, _) = bench_import(folder, max(1, args.runs // 2))
    large = large_ledger(args.households, args.large_seasons)
    reports = bench_reports(large, args.runs)
    documents = bench_documents(large, args.runs)

    rows = [
        ("import", f"{count:,} records", f"{count / imported:,.0f} records/s",
         f"executemany {count / bare:,.0f} rows/s", f"{imported / bare:.1f}×"),
        ("report season", f"{reports['records']:,} records, season {reports['season']}",
         ms(reports["report season"]), f"bare GROUP BY {ms(reports['bare season'])}",
         f"{reports['report season'][0] / reports['bare season'][0]:.1f}×"),
        ("trial balance", f"{reports['records']:,} records", ms(reports["trial balance"]),
         f"bare GROUP BY {ms(reports['bare trial'])}",
         f"{reports['trial balance'][0] / reports['bare trial'][0]:.2f}×"),
        *((f"settlement sheets, {name}", f"{documents['sheets']:,} households",
           ms(documents[name]), "issue 4: under 10 s", "") for name in ("text", "html", "pdf")),
    ]
    header = ("measure", "size", "silk (min / median)", "reference (min / median)", "ratio")
    table = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    table += [f"| {' | '.join(row)} |" for row in rows]
    machine = (f"{platform.machine()}, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
               f"Peewee {peewee.__version__}")
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print("\n".join(table))
    RESULTS.write_text(
        "# Benchmark results\n\n"
        f"Measured {stamp} by `python -m bench` on {machine}.\n"
        "Each figure is the minimum / median of several runs; a ratio compares minimums.\n\n"
        + "\n".join(table) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
