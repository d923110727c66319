"""The results table: one row a measure and ledger, the issue's target beside it, and
the Markdown file bench/RESULTS.md with the machine, versions and date."""
from __future__ import annotations

import os
import platform
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import peewee
import textual

from bench.measure import Command, Timing

#: Sizes in order, to say up to which one a target applies.
ORDER = ("quick", "village", "1500×3", "100k", "1M", "10M")


@dataclass(frozen=True)
class Target:
    """One line of the issue's table: its text and the test of a row's figures."""

    text: str
    met: Callable[["Row"], bool]
    up_to: str = "10M"  # the largest ledger it is asked of

    def applies(self, size: str) -> bool:
        return ORDER.index(size) <= ORDER.index(self.up_to)


MEMORY_MB = 300


def _time_and_memory(seconds: float) -> Callable[["Row"], bool]:
    return lambda row: (row.silk.median < seconds
                        and (row.command is None or row.command.peak_mb < MEMORY_MB))


TARGETS = {
    "import": Target("≥ 50,000 records/s, ≤ 5× executemany",
                     lambda row: row.rate >= 50_000 and row.ratio <= 5),
    "report season": Target("< 100 ms", _time_and_memory(0.100)),
    "trial balance": Target("< 50 ms", _time_and_memory(0.050)),
    "balances carried in": Target("< 50 ms", _time_and_memory(0.050)),
    "statement": Target("< 100 ms", _time_and_memory(0.100)),
    "check": Target("< 10 s (at 1M)", _time_and_memory(10.0), up_to="1M"),
    "TUI start to first screen": Target("< 1 s", lambda row: row.silk.median < 1.0),
    "TUI key to next screen": Target("< 100 ms", lambda row: row.silk.median < 0.100),
    "documents": Target("< 10 s (issue 4)", lambda row: row.silk.median < 10.0),
    "memory": Target(f"< {MEMORY_MB} MB", lambda row: row.command.peak_mb < MEMORY_MB),
    "yield report": Target("< 300 ms (issue 16)", _time_and_memory(0.300)),
    "statements": Target("< 200 ms (issue 14)", _time_and_memory(0.200)),
    "start-up": Target("≤ 3× bare Python", lambda row: row.ratio <= 3, up_to="village"),
    "village report": Target("≤ 2× `ledger bal`", lambda row: row.ratio <= 2,
                             up_to="village"),
    "whole books": Target("< 200 ms (issue 14)", _time_and_memory(0.200)),
    "close-year": Target("< 5 s (issue 14)", _time_and_memory(5.0)),
}


@dataclass
class Row:
    measure: str
    size: str                          # the ledger's label
    records: int
    silk: Timing | None = None         # in this process (or a command's wall time)
    reference_name: str = ""
    reference: Timing | None = None
    command: Command | None = None     # the `silk` command: wall time and peak memory
    reference_command: Command | None = None  # a peer's
    target: str | None = None          # key of TARGETS
    rate_of: int = 0                   # records per run, for a throughput row
    failed: bool = False               # wrong, whatever its time (check found problems)

    @property
    def rate(self) -> float:
        return self.rate_of / self.silk.min

    @property
    def ratio(self) -> float | None:
        if self.silk and self.reference:
            return self.silk.min / self.reference.min
        return None

    def cells(self) -> list[str]:
        target = TARGETS.get(self.target or "")
        applies = target is not None and target.applies(self.size)
        return [self.measure, f"{self.size} ({self.records:,})", self._silk(),
                self._reference(), "" if self.ratio is None else f"{self.ratio:,.2f}×",
                self._command(), target.text if target else "",
                ("yes" if target.met(self) and not self.failed else "**no**") if applies else "–"]

    def _silk(self) -> str:
        if self.silk is None:
            return ""
        if self.rate_of:
            return (f"{self.rate_of / self.silk.min:,.0f} / "
                    f"{self.rate_of / self.silk.median:,.0f} records/s")
        return timing(self.silk)

    def _reference(self) -> str:
        if self.reference is None:
            return self.reference_name
        if self.rate_of:
            return f"{self.reference_name} {self.rate_of / self.reference.min:,.0f} rows/s"
        return f"{self.reference_name} {timing(self.reference)}"

    def _command(self) -> str:
        parts = []
        for command in (self.command, self.reference_command):
            if command is not None:
                stopped = " (stopped: over the cap)" if command.killed else ""
                parts.append(f"{seconds(command.timing.min)}, {command.peak_mb:,.0f} MB{stopped}")
        return " vs ".join(parts)


HEADER = ("measure", "ledger (records)", "silk (min / median)", "reference (min / median)",
          "ratio", "command: wall, peak memory", "target", "met")


def seconds(value: float) -> str:
    return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


def timing(figure: Timing) -> str:
    runs = f" ({figure.runs} run{'s' if figure.runs > 1 else ''})" if figure.runs < 3 else ""
    return f"{seconds(figure.min)} / {seconds(figure.median)}{runs}"


def markdown(rows: list[Row], header: tuple[str, ...] = HEADER) -> str:
    lines = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    lines += [f"| {' | '.join(row.cells())} |" for row in rows]
    return "\n".join(lines)


def machine(peers: list[str]) -> str:
    cores = os.cpu_count()
    return (f"{platform.machine()}, {cores} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"Peewee {peewee.__version__}, Textual {textual.__version__}"
            + "".join(f"; {peer}" for peer in peers))


NOTES = """\
Each figure is the minimum / median of several runs (fewer where marked: a slow one
runs once or twice); a ratio compares minimums. "silk" is the function a command calls,
timed in one process with the ledger open; the reference beside it is the bare SQLite
query computing the same sums (history-wide sums from every posting), or a bare
`executemany` of the same CSV rows, or, for the peers, the peer's command beside
`silk report trial-balance`. "command" is the `silk` command run in a child process as
a user would (Python's start-up included) and its peak memory (max RSS; with `check`'s
worker processes, the peak of their sum). A target is met when the median (and the
command's peak memory) is under it; "–": not asked at that size. The TUI is driven by
Textual's Pilot, headless, at 120×40, each figure ending at the frame Textual hands to
the terminal; the key is pressed once the app has prepared its main screens, which it
does while the home screen is read (bench/tui.py says more).
"""


def write(path: Path, rows: list[Row], peers: list[str], command_line: str) -> str:
    """The main table at the head of `path`, in place of the one there; the sections
    after it (`write_section`), measured by other runs, are kept."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = ("# Benchmark results\n\n"
            f"Measured {stamp} by `{command_line}` on {machine(peers)}.\n\n"
            + NOTES + "\n" + markdown(rows) + "\n")
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    sections = kept[kept.find("\n## "):] if "\n## " in kept else ""
    path.write_text(text + sections, encoding="utf-8")
    return text


def write_section(path: Path, heading: str, notes: str, rows: list[Row],
                  header: tuple[str, ...], peers: list[str], command_line: str) -> str:
    """A table as its own section of `path` under `heading`, in place of the one there
    (the rest of the file, measured by other runs, is kept)."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    section = (f"{heading}\n\nMeasured {stamp} by `{command_line}` on "
               f"{machine(peers)}.\n\n" + notes + "\n" + markdown(rows, header) + "\n")
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    before, found, after = text.partition(heading + "\n")
    rest = (after[after.find("\n## ") + 1:] if "\n## " in after else "") if found else ""
    path.write_text(before.rstrip("\n") + "\n\n" + section
                    + ("\n" + rest if rest else ""), encoding="utf-8")
    return section


VILLAGE_HEADING = "## Village size"
VILLAGE_HEADER = ("measure", "ledger (records)", "silk: CPU (min / median)",
                  "reference: CPU (min / median)", "ratio", "command: CPU, peak memory",
                  "target", "met")
VILLAGE_NOTES = """\
Whole commands as a user types them, on one village's year (bench/village.py): "silk"
is the CPU time (user + system) of the whole command, Python's start-up included, and
"reference" its yardstick's, the two run in turn after one uncounted run of each;
"command" the minimum CPU time and the peak memory of each. A ratio compares minimums.
The wall clock is not the figure here: on this shared machine it mostly measured the
other processes running.
"""


def write_village(path: Path, rows: list[Row], peers: list[str], command_line: str) -> str:
    """The village-size table as its own section of `path`."""
    return write_section(path, VILLAGE_HEADING, VILLAGE_NOTES, rows, VILLAGE_HEADER, peers,
                         command_line)


BOOKS_HEADING = "## Whole books"
BOOKS_NOTES = """\
The collective's whole books (issue 14, bench/books.py): the statements, the trial
balance, the general ledger and the cash and bank books on the ledger of about 1,000,000
records with the demo's general books of its last two years added, each a month (the
year's busiest for its account) and the year; and `close-year` on a village of 1,500
households whose three seasons are closed, on a fresh copy each run (with `--quick`,
villages of 200 households). "silk" is the function the command calls, in one process
with the ledger open, and "reference" the bare SQLite queries computing the same sums
from every posting by the vouchers' dates: both the CPU time the process used (user +
system; SQLite runs in it, and `check` has no worker processes), which other people's
work on the machine does not inflate as it does the wall clock. "command" is the `silk`
command in a child process, by the wall clock (Python's start-up included, and whatever
else the machine ran meanwhile), and its peak memory. Minimum / median of the runs; a
target is met when the median (and the command's peak memory) is under it.

A book reads the account's postings among the period's vouchers, through the index of
postings by (account, voucher) of schema 10, where it had read every posting of the
period and kept the account's: on this machine, in separate runs the same day, the
year's bank book went from 342 to 310 ms and the year's cash book from 58 to 27 ms.
Since then the book names accounts by id from one read instead of joining them to each
line, makes a record's 摘要 the first time a line needs it, and holds Python's garbage
collector off while it makes its lines (its passes over them were a fifth of the time):
in separate processes the same hour, the year's bank book went from 326-346 ms to
217-232 ms, its lines the same to the character. What it still spends is about 110 ms in
SQLite finding and describing its 32,258 lines (half of it making Python's rows) and
about 100 ms in Python making the lines, their 摘要 and the book's subtotals: the
< 200 ms is still not met on this machine. Later the book named its records from their
distinct (kind, batch or party) pairs, and handed what it made to the collector's oldest
generation (the collector, back on, made a young pass over every line): in one process,
alternating with the code before, 241 -> 224 and 258 -> 245 ms (medians). Of SQLite's
share, the join for each line's 对方科目 is about 30 ms, its 摘要's look-ups about 25, the
sort about 25; a covering index of postings saves about 15 (all measured on a copy). Most
of it would go only with a kept copy of each cash and bank posting's 摘要 key and 对方科目,
a row more to write for a third of the postings of every import, on a server too: not done.
Instead schema 12 keeps them where a row is written anyway, with each voucher's number: its
record's batch or party and detail, and a two-posting voucher's two accounts; and the book
makes its 摘要's words per batch and party, not per line. In one process, alternating with
the code before on copies of the same ledger, the year's bank book went from 234-250 to
178-204 ms (min of nine, four alternations), its lines the same to the character; the
server's import, alternated the same way, did not move (7,152/7,163, 7,367/7,390 and
7,568/7,552 records/s). A balance since the books began, to a day nearer their end than
their start, is now the kept totals of all time less the months after it, not the sum of
every month since the first: the balance sheet 198-281 -> 72 ms and the income statement
207-260 -> 107 ms the same hour. This machine ran about half as fast at times during these
measures as at others, and every figure moved with it.

"books screen" is the same bank book on the terminal UI's books screen at 80×24, from
choosing it until the frame that shows it, by the wall clock: the book read, laid out as
the 80-column text `silk report` prints and handed to the view, which draws only the
lines on the screen. Before the view held the document as its lines, the year's bank
book was one Static of 135,149 lines there: 9.9 s and 633 MB of memory, then about 2.5 s
and 263 MB (measured by hand the same hour), most of it laying out the text. The layout
now places each cell of a printed line where its column is, skipping the empty ones (a
wrapped 摘要's later lines are mostly empty cells), and keeps a 摘要's wrapping: the year's
bank book printed in 0.67-1.0 s instead of 1.2-1.7 s, in one process alternating.
"""


def load_note(start: tuple[float, ...], end: tuple[float, ...]) -> str:
    """What the machine was doing besides: its load average before and after the run."""
    cores = os.cpu_count() or 1
    busy = max(start[0], end[0]) > cores
    return (f"Load average {start[0]:,.1f} before the run and {end[0]:,.1f} after it, on "
            f"{cores} cores" + (": the figures were taken under load, shared with other "
                                "people's work, so compare the ratios within this run "
                                "rather than the times with other runs.\n"
                                if busy else ".\n"))


def write_books(path: Path, rows: list[Row], peers: list[str], command_line: str,
                load: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    """The whole books' table as its own section of `path`."""
    return write_section(path, BOOKS_HEADING, BOOKS_NOTES + "\n" + load_note(*load), rows,
                         HEADER, peers, command_line)
