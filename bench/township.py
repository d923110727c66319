"""The township on PostgreSQL (issue 17): `python -m bench --township` measures a
township's server beside the SQLite file of one village, and writes the section
"Township (PostgreSQL)" of bench/RESULTS.md:

1. twenty village ledgers of about 500,000 records each (some 10,000,000 in one
   database): the season report, the trial balance, the balances carried in and one
   household's settlement sheet on one village, the ledger open, each beside the bare SQL
   computing the same sums, and beside the same figures on the village's SQLite file;
   the township report (`silk report township SEASON`) over the twenty, in this process
   and as a command, beside the same over twenty SQLite files;
2. eight writers at once, four villages × two accountants, each a `silk --db
   postgresql://…?ledger=CODE import FOLDER` process of its own season's CSV files:
   their total throughput beside one writer's, then every village counted (no record
   lost or doubled) and `silk check`ed;
3. the import of one village's CSV (the bench's 100k village) into a new ledger, in
   records per second, on the server and into a file, in turn in one run.

The server is PostgreSQL at 127.0.0.1:5432 (user postgres, trust; SILK_BENCH_SERVER
names another). The twenty villages live in the database `silk_bench_township`, which
is KEPT between runs so that they are built once (`dropdb -h 127.0.0.1 -U postgres
silk_bench_township` to build them again; with `--township-scale 100k`, twenty villages
of about 100,000 records in `silk_bench_township_100k`). Building them: the bench's
SQLite ledger of that size (bench/ledgers.py) is copied onto the server by `silk copy`
as village v01, and v02…v20 are cloned from it on the server itself (`clone`): the same
tables made by the program, every row carried by INSERT … SELECT, the sequences set past
the highest ids, the guards made, the auditors' grant as `silk init` gives it. A clone is
the village's books under another code and village name: seals and the voucher chain do
not embed the ledger's code (a record's seal is over its table and values, a voucher's
hash over the one before), and the village's name is in the meta table, sealed again
when it is set, so `silk check` passes on a clone as on the original. The eight writers
import into villages of the database `silk_bench_township_writers`, made anew each run
and dropped after it.
"""
from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from peewee import sort_models
from psycopg import sql

from bench import bare, ledgers, silk
from bench.ledgers import DATA, Size, progress
from bench.measure import Command, CommandFailed, Timing, command, timed, warm
from bench.table import Row
from ledger import db, demo, models, stores, township
from ledger.io import csv_import
from ledger.kinds import BY_NAME
from ledger.stores import postgresql

SERVER = os.environ.get("SILK_BENCH_SERVER", "postgresql://postgres@127.0.0.1:5432")
VILLAGES = 20
#: The villages' size: about 500,000 records each (the issue's), or 100,000.
SCALES = {"500k": Size("500k", ledgers.HOUSEHOLDS, 22), "100k": ledgers.SIZES["100k"]}
#: The writers: villages, accountants in each, households of each village.
WRITER_VILLAGES, ACCOUNTANTS, WRITER_HOUSEHOLDS = 4, 2, 1500
SILK = [sys.executable, "-m", "ledger"]
#: The kinds a village's base holds, imported before the writers start.
BASE_KINDS = ("households", "partners", "seasons")


def database_name(scale: str) -> str:
    return "silk_bench_township" + ("" if scale == "500k" else f"_{scale}")


def code_of(number: int) -> str:
    return f"v{number:02d}"


def township_address(scale: str) -> str:
    return f"{SERVER}/{database_name(scale)}"


def address_of(scale: str, code: str) -> str:
    return f"{township_address(scale)}?ledger={code}"


def silk_command(address: str, *arguments: str) -> list[str]:
    return [*SILK, "--db", address, *arguments]


# -- building the township -----------------------------------------------------------------

def ensure_database(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))


#: What the bench knows of the villages it built: one row a village, written once it is
#: complete (a build stopped midway is begun again).
BUILT = """CREATE TABLE IF NOT EXISTS public.silk_bench_built (
  code text PRIMARY KEY, source text NOT NULL, how text NOT NULL, seconds real NOT NULL,
  rows bigint NOT NULL)"""


def built(scale: str) -> dict[str, tuple[str, float, int]]:
    """code -> (how, seconds, rows) of every village built so far."""
    with psycopg.connect(township_address(scale), autocommit=True) as connection:
        connection.execute(BUILT)
        return {code: (how, seconds, rows) for code, how, seconds, rows in connection.execute(
            "SELECT code, how, seconds, rows FROM public.silk_bench_built")}


def note_built(scale: str, code: str, source: str, how: str, seconds: float,
               rows: int) -> None:
    with psycopg.connect(township_address(scale), autocommit=True) as connection:
        connection.execute("INSERT INTO public.silk_bench_built VALUES (%s, %s, %s, %s, %s)",
                           (code, source, how, seconds, rows))


def build(scale: str) -> Path:
    """The township of `scale` on the server, built now where it is not yet; the SQLite
    file of one village it was made from."""
    size = SCALES[scale]
    path = ledgers.ledger(size)
    ensure_database(database_name(scale))
    done = built(scale)
    first = code_of(1)
    if first not in done:
        postgresql.drop_ledger(address_of(scale, first))  # a copy stopped midway
        progress(f"township {scale}: silk copy {path.name} -> {first} ...")
        start = time.perf_counter()
        subprocess.run([*SILK, "copy", str(path), address_of(scale, first)], check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        note_built(scale, first, path.name, "silk copy", seconds, rows_of(scale, first))
        progress(f"  {first}: {seconds:,.0f} s")
    for number in range(2, VILLAGES + 1):
        code = code_of(number)
        if code in done:
            continue
        postgresql.drop_ledger(address_of(scale, code))
        progress(f"township {scale}: clone {first} -> {code} ...")
        start = time.perf_counter()
        clone(scale, first, code, f"{demo.VILLAGE}{number:02d}")
        seconds = time.perf_counter() - start
        note_built(scale, code, first, "clone", seconds, rows_of(scale, code))
        progress(f"  {code}: {seconds:,.0f} s; disk: {disk_free()}")
    return path


def clone(scale: str, source: str, code: str, village: str) -> None:
    """Ledger `code` made a copy of ledger `source` on the server, in one transaction:
    the program's own tables, every row carried server-side (foreign keys and triggers
    off for this session only, as the rows are already checked), the sequences past the
    highest ids, the guards, the auditors' grant; then its village name set (and the
    meta table sealed again)."""
    from ledger import roles

    where = postgresql.parse(address_of(scale, code))
    writing = postgresql.connect(where, code)
    try:
        with writing.atomic():
            writing.execute_sql(sql.SQL("CREATE SCHEMA {}").format(
                sql.Identifier(code)).as_string(None))
            models.database.initialize(writing)
            writing.create_tables(models.ALL_MODELS, safe=False)
            writing.execute_sql("SET LOCAL session_replication_role = replica")
            for model in sort_models(models.ALL_MODELS):
                columns = sql.SQL(", ").join(sql.Identifier(field.column_name)
                                             for field in model._meta.sorted_fields)
                table = model._meta.table_name
                writing.execute_sql(sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}.{}").format(
                    sql.Identifier(table), columns, columns, sql.Identifier(source),
                    sql.Identifier(table)).as_string(None))
            writing.execute_sql("SET LOCAL session_replication_role = origin")
            for model in models.ALL_MODELS:
                key = model._meta.primary_key
                if key and key.field_type == "AUTO":
                    table = model._meta.table_name
                    writing.execute_sql(
                        f'SELECT setval(pg_get_serial_sequence(%s, %s), MAX("{key.column_name}"))'
                        f' FROM "{table}" HAVING MAX("{key.column_name}") IS NOT NULL',
                        (f'"{table}"', key.column_name))
            stores.of(writing).guard(writing)
            roles.grant_new_ledger(writing, code)
            db.set_meta("village", village)
        writing.execute_sql("ANALYZE")
    finally:
        writing.close()
        models.database.initialize(None)


def total_records(scale: str) -> int:
    """The records of every village built."""
    return sum(rows for _, _, rows in built(scale).values())


def rows_of(scale: str, code: str) -> int:
    """The records of ledger `code` that move money (the count the sizes speak of)."""
    database = db.open_ledger(address_of(scale, code), readonly=True)
    try:
        return sum(model.select().count() for model in models.RECORD_MODELS)
    finally:
        database.close()
        models.database.initialize(None)


def disk_free() -> str:
    usage = os.statvfs(str(DATA))
    return f"{usage.f_bavail * usage.f_frsize / 1e9:,.0f} GB free"


# -- 1. one village and the township -------------------------------------------------------

def pg_bare(sqlite_query: str) -> str:
    """A bare query of bench/bare.py in psycopg's style: `:s` becomes `%(s)s`; a
    payment's direction, which SQLite lets share a column with the grams of other rows,
    is said as +1/-1 (PostgreSQL wants one type a column)."""
    import re

    text = sqlite_query.replace("id, date, direction, amount",
                                "id, date, CASE WHEN direction = 'to_household' THEN 1 "
                                "ELSE -1 END, amount")
    return re.sub(r":(\w+)", r"%(\1)s", text)


class Bare:
    """bench/bare.py's queries run on one village's schema through psycopg alone."""

    def __init__(self, scale: str, code: str):
        self.connection = psycopg.connect(township_address(scale), autocommit=True)
        self.use(code)

    def use(self, code: str) -> None:
        self.connection.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(code)))

    def run(self, query: str, marks: dict | None = None) -> None:
        self.connection.execute(pg_bare(query), marks or {}).fetchall()

    def season_report(self, season_id: int) -> None:
        self.run(bare.SEASON, {"s": season_id})
        self.run(bare.BALANCES_THROUGH, {"s": season_id})

    def balances_before(self, season_id: int) -> None:
        self.run(bare.BALANCES_BEFORE, {"s": season_id})

    def trial_balance(self) -> None:
        self.run(bare.TRIAL)

    def statement(self, season_id: int, household_id: int) -> None:
        marks = {"s": season_id, "h": household_id}
        self.run(bare.STATEMENT, marks)
        self.run(bare.BALANCE_OF, marks)

    def close(self) -> None:
        self.connection.close()


def village_reports(scale: str, code: str, about: silk.Subject, runs: int
                    ) -> dict[str, tuple[Timing, Timing]]:
    """measure -> (silk, bare SQL) on village `code` of the server, as bench/silk.py
    takes them on a file (the same functions, the ledger open)."""
    database = db.open_ledger(address_of(scale, code), readonly=True)
    try:
        figures = silk.timed_reports(about, runs)
    finally:
        database.close()
        models.database.initialize(None)
    reference = Bare(scale, code)
    try:
        references = {
            "report season": timed(lambda: reference.season_report(about.season_id), runs),
            "trial balance": timed(reference.trial_balance, runs),
            "balances carried in": timed(lambda: reference.balances_before(about.season_id),
                                         runs),
            "statement": timed(lambda: reference.statement(about.season_id,
                                                           about.household_id), runs),
        }
    finally:
        reference.close()
    return {name: (figures[name], references[name]) for name in figures}


def village_commands(address: str, about: silk.Subject, runs: int) -> dict[str, Command]:
    """The `silk` commands that show the village figures, as a user runs them."""
    return {
        "report season": command(silk_command(address, "report", "season", about.season),
                                  runs),
        "trial balance": command(silk_command(address, "report", "trial-balance"), runs),
        "statement": command(silk_command(address, "statement", about.household,
                                          about.season), runs),
    }


def sqlite_township(path: Path) -> Path:
    """A folder of twenty SQLite villages, each a link to the one village's file (read
    only), as `silk report township` reads a folder."""
    folder = DATA / f"township-{path.stem}"
    folder.mkdir(exist_ok=True)
    for number in range(1, VILLAGES + 1):
        link = folder / f"{code_of(number)}.db"
        if not link.exists():
            link.symlink_to(path)
    return folder


def township_bare(scale: str, codes: list[str], season: str) -> Timing:
    """The bare season sums of every village, one schema after another on one
    connection: the floor under the township report."""
    reference = Bare(scale, codes[0])

    def every() -> None:
        for code in codes:
            reference.use(code)
            season_id = reference.connection.execute(
                "SELECT id FROM season WHERE code = %s", (season,)).fetchone()[0]
            reference.season_report(season_id)

    try:
        return timed(every, 3)
    finally:
        reference.close()


def township_rows(scale: str, path: Path, about: silk.Subject, runs: int) -> list[Row]:
    """The township report over the twenty villages: in this process and as the command,
    on the server and over twenty SQLite files."""
    address = township_address(scale)
    codes = township.ledgers(address)
    folder = sqlite_township(path)
    label = f"{len(codes)} × {scale}"
    records = total_records(scale)
    rows = []
    for store, where in (("PostgreSQL", address), ("SQLite", str(folder))):
        progress(f"township report, {store} ...")
        if store == "SQLite":
            warm(path)
        figure = timed(lambda where=where: township.season_report(where, about.season), runs)
        shown = command(silk_command(where, "report", "township", about.season), runs)
        reference = (township_bare(scale, codes, about.season) if store == "PostgreSQL"
                     else None)
        rows.append(TownshipRow("township report", label, records, figure,
                                "bare SQL" if reference else "", reference, shown,
                                target="township report", store=store))
    return rows


def village_rows(scale: str, path: Path, runs: int) -> list[Row]:
    """The village figures on the server (a clone, the last village) and on the file."""
    about = silk.subject(path)
    code = code_of(VILLAGES)
    address = address_of(scale, code)
    records = built(scale)[code][2]
    progress(f"village {code} ({records:,} records): season {about.season}, "
             f"household {about.household} ...")
    rows = []
    on_server = village_reports(scale, code, about, runs)
    shown = village_commands(address, about, runs)
    warm(path)
    on_file = silk.reports(path, about, runs)
    shown_file = village_commands(str(path), about, runs)
    for measure in on_server:
        for store, figures, commands in (("PostgreSQL", on_server, shown),
                                         ("SQLite", on_file, shown_file)):
            silk_time, bare_time = figures[measure]
            rows.append(TownshipRow(measure, scale, records, silk_time, "bare SQL", bare_time,
                                    commands.get(measure), target="township village",
                                    store=store))
    return rows


def check_rows(scale: str, path: Path) -> list[Row]:
    """`silk check` on a clone, once, on the server and on the file: it passes."""
    rows = []
    code = code_of(VILLAGES)
    records = built(scale)[code][2]
    for store, where in (("PostgreSQL", address_of(scale, code)), ("SQLite", str(path))):
        progress(f"silk check, {store} ...")
        try:  # exit 1: problems found
            found, passed = command(silk_command(where, "check"), 1), True
        except CommandFailed:
            found, passed = command(silk_command(where, "check"), 1, allowed=(0, 1)), False
        rows.append(TownshipRow("check" + ("" if passed else " (found problems!)"), scale,
                                records, command=found, store=store, failed=not passed,
                                target="township check"))
    return rows


def build_rows(scale: str) -> list[Row]:
    """How the township was built (once: these are the times of that build)."""
    done = built(scale)
    copied = done[code_of(1)]
    clones = [entry for code, entry in done.items() if entry[0] == "clone"]
    rows = [TownshipRow("build: `silk copy` of the file onto the server", scale, copied[2],
                        Timing(copied[1], copied[1], 1), store="PostgreSQL")]
    if clones:
        seconds = [entry[1] for entry in clones]
        rows.append(TownshipRow(f"build: a clone on the server (of {len(clones)})", scale,
                                clones[0][2], Timing.of(seconds), store="PostgreSQL"))
    return rows


@dataclass
class TownshipRow(Row):
    """A row of the township's table: the store it was measured on beside the measure;
    a throughput row's ratio is the speed-up over its reference (one writer)."""

    store: str = "PostgreSQL"
    speedup: bool = False

    @property
    def ratio(self) -> float | None:
        if self.speedup and self.silk and self.reference:
            return self.reference.min / self.silk.min
        return Row.ratio.fget(self)

    def cells(self) -> list[str]:
        cells = super().cells()
        return [cells[0], self.store, *cells[1:]]


HEADER = ("measure", "store", "ledger (records)", "silk (min / median)",
          "reference (min / median)", "ratio", "command: wall, peak memory", "target", "met")


#: The township's targets (issue 17), by the key a row gives.
TARGETS = {
    "township village": ("< 100 ms (issue 17)", lambda row: row.silk.median < 0.100),
    "township report": ("< 1 s", lambda row: row.silk.median < 1.0),
    "township check": ("passes", lambda row: True),
    "writers": ("≥ 1.6× one writer; none lost or doubled; check passes",
                lambda row: row.ratio >= 1.6),
    "pg import": ("≥ 10,000 records/s", lambda row: row.rate >= 10_000),
}


def cells(row: "TownshipRow") -> list[str]:
    target = TARGETS.get(row.target or "")
    met = "–"
    if target is not None and row.store == "PostgreSQL":
        met = "yes" if target[1](row) and not row.failed else "**no**"
    elif target is not None and row.failed:
        met = "**no**"
    return [row.measure, row.store, f"{row.size} ({row.records:,})", row._silk(),
            row._reference(), "" if row.ratio is None else f"{row.ratio:,.2f}×",
            row._command(), target[0] if target else "", met]


TownshipRow.cells = cells


# -- 2. eight writers at once --------------------------------------------------------------

WRITERS_DATABASE = "silk_bench_township_writers"


@dataclass(frozen=True)
class WriterFiles:
    """One writers' village as CSV: its base (households, partners, seasons) and a
    folder of each season's records, one a writer; rows by kind in each."""

    base: Path
    seasons: list[Path]
    counts: dict[str, int]  # kind -> rows in every folder together

    def rows_in(self, folder: Path) -> int:
        return sum(_count(path) for path in folder.glob("*.csv"))


def _count(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def writer_files(village: int) -> WriterFiles:
    """The demo village `village` (its own seed) of WRITER_HOUSEHOLDS households and
    ACCOUNTANTS seasons, written once into bench/data/ as a base and a folder a season."""
    folder = DATA / f"writers-{WRITER_HOUSEHOLDS}x{ACCOUNTANTS}-{village}"
    base = folder / "base"
    seasons = [folder / f"season-{index + 1}" for index in range(ACCOUNTANTS)]
    if not (folder / "done").exists():
        progress(f"writing {folder.name}/ (once) ...")
        for place in (base, *seasons):
            place.mkdir(parents=True, exist_ok=True)
        index = -1
        groups = demo.Village(random.Random(ledgers.SEED + village), WRITER_HOUSEHOLDS).groups(
            ACCOUNTANTS)
        for kind, rows in groups:
            if kind == "batches":
                index += 1
            place = base if kind in BASE_KINDS else seasons[index]
            with open(place / f"{kind}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=BY_NAME[kind].columns)
                writer.writeheader()
                writer.writerows(values for _, values in rows)
        (folder / "done").write_text("")
    counts: dict[str, int] = {}
    for place in (base, *seasons):
        for path in place.glob("*.csv"):
            counts[path.stem] = counts.get(path.stem, 0) + _count(path)
    return WriterFiles(base, seasons, counts)


def writer_address(village: int) -> str:
    return f"{SERVER}/{WRITERS_DATABASE}?ledger=w{village}"


def fresh_writer_villages(files: list[WriterFiles]) -> None:
    """The writers' villages made anew, each with its base imported (untimed)."""
    drop_database(WRITERS_DATABASE)
    ensure_database(WRITERS_DATABASE)
    for number, village in enumerate(files, 1):
        database = db.open_ledger(writer_address(number), create=True)
        try:
            db.set_meta("village", f"{demo.VILLAGE}W{number}")
            csv_import.import_files([village.base])
        finally:
            database.close()
            models.database.initialize(None)


def run_writers(jobs: list[tuple[str, Path]]) -> float:
    """Start one `silk import` process a job at once; the wall time until the last
    ends. Any that fails stops the bench."""
    start = time.perf_counter()
    running = [(subprocess.Popen(silk_command(address, "import", str(folder)),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), address)
               for address, folder in jobs]
    for process, address in running:
        _, errors = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"silk import into {address}: exit {process.returncode}: "
                               f"{errors.decode('utf-8', 'replace').strip()[-500:]}")
    return time.perf_counter() - start


def verify_writers(files: list[WriterFiles]) -> list[str]:
    """What is wrong with the writers' villages after the eight imports: a kind whose
    count is not the files' (a record lost or doubled), or `silk check` failing."""
    wrong = []
    for number, village in enumerate(files, 1):
        address = writer_address(number)
        database = db.open_ledger(address, readonly=True)
        try:
            for kind, expected in village.counts.items():
                found = BY_NAME[kind].model.select().count()
                if kind == "households":
                    found = BY_NAME[kind].model.select().where(
                        BY_NAME[kind].model.kind == "household").count()
                if kind == "partners":
                    found = BY_NAME[kind].model.select().where(
                        BY_NAME[kind].model.kind == "partner").count()
                if found != expected:
                    wrong.append(f"w{number} {kind}: {found:,} stored, {expected:,} in the files")
        finally:
            database.close()
            models.database.initialize(None)
        checked = subprocess.run([*SILK, "--lang", "en", "--db", address, "check"],
                                 capture_output=True, text=True)
        if checked.returncode != 0:
            wrong.append(f"w{number}: check: {checked.stdout.strip()[-300:]}")
    return wrong


def writer_rows(runs: int) -> list[Row]:
    """Eight writers beside one, in turn, each on villages made anew; then the eight's
    villages counted and checked."""
    files = [writer_files(number) for number in range(1, WRITER_VILLAGES + 1)]
    one = files[0].rows_in(files[0].seasons[0])
    jobs = [(writer_address(number), village.seasons[accountant])
            for number, village in enumerate(files, 1) for accountant in range(ACCOUNTANTS)]
    total = sum(village.rows_in(folder) for village in files for folder in village.seasons)
    single, eight = [], []
    for _run in range(runs):
        fresh_writer_villages(files)
        single.append(run_writers([jobs[0]]))
        progress(f"  one writer: {one:,} records in {single[-1]:,.1f} s")
        fresh_writer_villages(files)
        eight.append(run_writers(jobs))
        progress(f"  {len(jobs)} writers: {total:,} records in {eight[-1]:,.1f} s")
    wrong = verify_writers(files)
    for line in wrong:
        progress(f"  WRONG: {line}")
    scaled = Timing.of([seconds * total / one for seconds in single])
    return [
        TownshipRow("import: one writer (`silk import`, one season)", "1 season", one,
                    Timing.of(single), rate_of=one),
        TownshipRow(f"import: {len(jobs)} writers at once ({WRITER_VILLAGES} villages × "
                    f"{ACCOUNTANTS} accountants)" + (" (WRONG: see below)" if wrong else ""),
                    f"{len(jobs)} seasons", total, Timing.of(eight), "one writer", scaled,
                    target="writers", rate_of=total, speedup=True, failed=bool(wrong)),
    ]


# -- 3. one writer's import ---------------------------------------------------------------

def import_rows(runs: int) -> list[Row]:
    """The bench's 100k village imported into a new ledger, on the server and into a
    file in turn, in this process (`csv_import.import_files`): wall time, and the CPU
    time of this process alone (on the server, the rest is the server's); then the
    `silk import` command on the server, once."""
    folder, count = ledgers.village_csv(ledgers.SIZES["100k"])
    ensure_database(WRITERS_DATABASE)
    server = f"{SERVER}/{WRITERS_DATABASE}?ledger=import"
    file = DATA / "import-township.db"

    def fresh(address: str) -> None:
        if stores.is_server(address):
            postgresql.drop_ledger(address)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{address}{suffix}").unlink(missing_ok=True)
            Path(f"{address}.anchors").unlink(missing_ok=True)

    def once(address: str) -> tuple[float, float]:
        fresh(address)
        database = db.open_ledger(address, create=True)
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            csv_import.import_files([folder])
            return time.perf_counter() - wall, time.process_time() - cpu
        finally:
            database.close()
            models.database.initialize(None)

    taken: dict[str, list[tuple[float, float]]] = {"PostgreSQL": [], "SQLite": []}
    for _run in range(runs):
        for store, address in (("PostgreSQL", server), ("SQLite", str(file))):
            taken[store].append(once(address))
            progress(f"  import {store}: {count / taken[store][-1][0]:,.0f} records/s")
    shown = command(silk_command(server, "import", str(folder)), 1,
                    setup=lambda: (fresh(server), subprocess.run(
                        silk_command(server, "init"), check=True, capture_output=True)))
    fresh(server)
    fresh(str(file))
    wall = {store: Timing.of([w for w, _ in runs_]) for store, runs_ in taken.items()}
    cpu = {store: Timing.of([c for _, c in runs_]) for store, runs_ in taken.items()}
    return [
        TownshipRow("import (wall clock)", "100k", count, wall["PostgreSQL"], "SQLite",
                    wall["SQLite"], shown, target="pg import", rate_of=count),
        TownshipRow("import: this process's CPU only", "100k", count, cpu["PostgreSQL"],
                    "SQLite", cpu["SQLite"], rate_of=count),
    ]


# -- the section ---------------------------------------------------------------------------

HEADING = "## Township (PostgreSQL)"
NOTES = """\
A township's server (issue 17, bench/township.py): {villages} village ledgers of about
{scale} records each in one PostgreSQL database, {total:,} records in all. Village
v01 is the bench's SQLite ledger of that size copied by `silk copy`; the others are
clones of it made on the server (same rows under their own code and village name; seals
and the chain do not embed the code, and `silk check` passes on a clone: the "check"
row). The village figures are taken on the last clone and, beside them, on the SQLite
file it came from: "silk" is the function the command calls, in this process with the
ledger open, "reference" the bare SQL computing the same sums (bench/bare.py; through
psycopg on the server), "command" the `silk` command as a user runs it, Python's
start-up included. The township report is `township.season_report` over every ledger,
and its command; on SQLite over a folder of {villages} links to the one file; its bare
reference is each village's season sums, schema after schema on one connection. The
writers are `silk --db postgresql://…?ledger=wN import FOLDER` processes, each of its
own season's CSV files into one of four villages (two accountants a village, who queue
on the village's lock; villages made anew and their households imported first, each
run): the eight at once beside one alone (its time scaled to the eight's records), in
turn in one run; then every village's records counted against the files and `silk
check`ed. The import is the bench's 100k village into a new ledger, on the server and
into a file in turn. Minimum / median of the runs; a target is met when the median is
under it (for a rate, the best run), and is asked of the server only.

Where an import's time goes on the server (cProfile of `csv_import.import_files` of the
bench's 200-household demo CSV, 9,624 rows): before this section's change, 34 of 44 s
went to `nextval`, one round trip an id (a record, its voucher and its postings take
four or five), and most of the rest to writing the rows an INSERT at a time. The store
now takes ids in blocks that double (one round trip a block) and writes new rows by COPY
(`Store.insert_rows`); measured in turn in one run under load, 271 and 432 records/s
before, 2,191 and 1,647 after. What is left is this process's Python (reading,
validation, posting, seals: the "CPU only" row, about 10,000 records/s of one core at
best) and the server's own work on the rows (COPY, a guard's trigger a row, the
indexes), on the same two cores.

Since then a block of ids looks its sequence up once (it was looked up once an id, a
tenth of the import's time) and a write adds its kept sums once, at its end, instead of
at every flush of rows (16 times the upserts); measured in turn in one run on a slower
machine (2.1 GHz): 4,211 records/s before, 5,642 after. Most of what is left on the
server is its foreign-key checks, a look-up a row and key made by PostgreSQL itself: as
an experiment only (never the program's), the same import with the guards switched off
took 18.7 s, and with the foreign keys' checks off too (`session_replication_role =
replica`) 13.0 s.

Then the server's work and this process's were made to overlap: rows flushed midway are
written by a thread on the import's own connection while the next are read and checked
(`book._WriteBehind`); the kept sums at the end go by COPY into a scratch table and one
upsert (54,000 upserts had taken 1.7 s); a new household's or batch's code is no longer
asked for one by one once 32 were free (6,500 round trips, 0.8 s); ids come in blocks of
up to 32,768; a seal's digest costs half what it did. Measured in turn, before (the
commit before these) and after, three pairs in one run on a 2.6 GHz machine whose speed
varied over the session: 7,817 / 6,478 / 6,384 records/s before, 9,286 / 8,043 / 9,322
after (1.2-1.46x); in a faster spell the same import took 10,100-11,400 records/s. The
server's own CPU time is now the larger share (5.9 s of a 9.4 s import, this process
5.2 s): its foreign-key checks, a look-up a row and key, and the closed-season guard, a
PL/pgSQL call a record and voucher.
"""


def versions() -> list[str]:
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        server = connection.execute("SHOW server_version").fetchone()[0]
    return [f"PostgreSQL {server.split()[0]} (server at 127.0.0.1, shared)",
            f"psycopg {psycopg.__version__}"]


def rows(scale: str, runs: int) -> tuple[list[Row], str]:
    """Every township figure, and what the notes add: how it was built."""
    path = build(scale)
    about = silk.subject(path)
    progress("checking that the server lists every village ...")
    listed = subprocess.run(silk_command(township_address(scale), "ledgers"),
                            capture_output=True, text=True, check=True).stdout.split("\n")
    codes = [line.split("\t")[0] for line in listed if line.strip()]
    found = build_rows(scale) + check_rows(scale, path)
    found += village_rows(scale, path, runs)
    found += township_rows(scale, path, about, runs)
    progress("eight writers ...")
    found += writer_rows(max(2, runs // 2))
    progress("import ...")
    found += import_rows(max(2, runs // 2))
    drop_database(WRITERS_DATABASE)
    extra = f"`silk ledgers` lists {len(codes)} ledgers: {', '.join(codes)}.\n"
    return found, extra
