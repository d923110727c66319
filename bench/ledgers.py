"""The ledgers measured: demo villages of 1,500 households over many seasons, built once
into bench/data/ and reused until the schema version changes.

A ledger is the demo generator's village (`ledger.demo.Village`, every record kind in
its realistic mix) recorded through `ledger.book.record_many`, the one path every record
takes (`silk demo` and `silk import` alike). Unlike `demo.generate`, which records a
village in one transaction, the builder commits every `CHUNK` records, so that a ledger
of ten million records never holds its references in memory at once and shows its
progress. The records are the same: the same seed gives the same ledger.
"""
from __future__ import annotations

import csv
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ledger import book, db, demo, models
from ledger.kinds import BY_NAME

DATA = Path(__file__).parent / "data"
HOUSEHOLDS = 1500
SEED = 7
#: Records committed per transaction while building.
CHUNK = 200_000
#: Records of one season of a 1,500-household village, for estimates only.
PER_SEASON = 22_500


@dataclass(frozen=True)
class Size:
    """A ledger to measure: its label in the table, households and seasons."""

    label: str
    households: int
    seasons: int

    @property
    def stem(self) -> str:
        """The file name, with the schema version: a new schema means a new build."""
        return f"ledger-v{db.SCHEMA_VERSION}-{self.households}x{self.seasons}"

    @property
    def path(self) -> Path:
        return DATA / f"{self.stem}.db"

    @property
    def estimate(self) -> int:
        return self.households + self.seasons * PER_SEASON * self.households // HOUSEHOLDS


SIZES = {"100k": Size("100k", HOUSEHOLDS, 4), "1M": Size("1M", HOUSEHOLDS, 45),
         "10M": Size("10M", HOUSEHOLDS, 450)}
QUICK = Size("quick", 200, 3)


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- ledgers -----------------------------------------------------------------------------

def ledger(size: Size) -> Path:
    """The ledger of `size`, built now if it is not in bench/data/ yet."""
    if not size.path.exists():
        DATA.mkdir(exist_ok=True)
        building = size.path.with_suffix(".building")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        build(building, size)
        building.rename(size.path)
    return size.path


def build(path: Path, size: Size) -> None:
    """Record the demo village of `size` into a new ledger at `path`, CHUNK at a time."""
    progress(f"building {size.path.name} (about {size.estimate:,} records, once) ...")
    database = db.open_ledger(path, create=True)
    with models.database.atomic():
        db.set_meta("village", demo.VILLAGE)
    groups = demo.Village(random.Random(SEED), size.households).groups(size.seasons)
    start, done = time.perf_counter(), 0
    for chunk in chunks(groups, CHUNK):
        writer = book.record_many(chunk, action="demo", source="python -m bench")
        done += sum(writer.counts.values())
        progress(_built(size, done, time.perf_counter() - start))
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()


def _built(size: Size, done: int, seconds: float) -> str:
    rate = done / seconds
    left = max(0, size.estimate - done) / rate
    return (f"  {size.stem}: {done:,} records in {seconds:,.0f} s, {rate:,.0f} records/s, "
            f"about {left / 60:,.1f} min left")


def chunks(groups: Iterator, records: int) -> Iterator[Iterator]:
    """The record groups cut into runs of about `records` records, each taken lazily
    (a season's records are made only when reached), cut only between groups."""
    groups = iter(groups)
    for first in groups:
        yield _take(first, groups, records)


def _take(first, groups: Iterator, records: int) -> Iterator:
    kind, rows = first
    yield kind, rows
    taken = len(rows)
    while taken < records:
        group = next(groups, None)
        if group is None:
            return
        yield group
        taken += len(group[1])


# -- files made from the ledgers ---------------------------------------------------------

def village_csv(size: Size) -> tuple[Path, int]:
    """The village of `size` as canonical CSV files, one per kind (what `silk import`
    reads), written once; the folder and its number of rows."""
    folder = DATA / f"csv-{size.stem}"
    if not (folder / "done").exists():
        progress(f"writing {folder.name}/ (once) ...")
        write_village_csv(folder, size)
    return folder, int((folder / "done").read_text())


def write_village_csv(folder: Path, size: Size) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    writers, handles, count = {}, [], 0
    village = demo.Village(random.Random(SEED), size.households)
    for kind, rows in village.groups(size.seasons):
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
    (folder / "done").write_text(str(count))


def journal_path(size: Size) -> Path:
    """Where `silk export --format hledger` of the ledger of `size` is written."""
    return DATA / f"{size.stem}.journal"
