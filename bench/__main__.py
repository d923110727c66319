"""Benchmarks of issue 7: `python -m bench` measures silk on ledgers of about 100,000 and
1,000,000 records (and 10,000,000 with `--large`) and writes one table to
bench/RESULTS.md, each figure beside its reference measured in the same run:

- import: canonical CSV into a new ledger, in records per second, beside a bare sqlite3
  `executemany` of the same rows (bench/silk.py, bench/bare.py);
- the season report, the trial balance, the balances carried in and one household's
  settlement sheet, beside the bare SQLite queries computing the same sums, and the
  `silk` commands that show them, with their peak memory (bench/commands.py);
- `hledger bal` and `ledger bal` on the same books exported as a journal, when
  installed (bench/peers.py; not at 10M);
- `check`, which recomputes everything;
- the terminal UI: start to first screen, key press to next screen (bench/tui.py);
- village size: `silk --version`, `--help` and the reports as whole commands on one
  village's year, beside bare Python and `ledger bal` (bench/village.py). `--village`
  measures only these, in their own section of bench/RESULTS.md;
- the whole books (issue 14): the statements, the trial balance, the general ledger, the
  cash and bank books and `close-year` (bench/books.py). `--books` measures only these,
  in their own section.

Ledgers are built once into bench/data/ (ignored by git; bench/ledgers.py) and rebuilt
when the schema version changes; each is read through once before it is timed (see
`measure.warm`). Not part of the test suite: figures on a shared machine
are compared within one run, never asserted. `--quick` is a smoke test of the harness:
a small ledger, one run each, its table written to bench/data/RESULTS-quick.md.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import (books, commands, documents, ledgers, peers, silk, statements, township, tui,
                   village, yields)
from bench.ledgers import DATA, Size, progress
from bench.measure import warm
from bench.table import Row, load_note, write, write_books, write_section, write_village

RESULTS = Path(__file__).parent / "RESULTS.md"
QUICK_RESULTS = DATA / "RESULTS-quick.md"


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    command_line = "python -m bench" + "".join(f" {a}" for a in (argv or sys.argv[1:]))
    if args.village:
        text = write_village(RESULTS, village.rows(args.runs * 2), peers.versions(),
                             command_line)
        print(text)
        progress(f"written to {RESULTS}")
        return 0
    if args.books:
        return whole_books(args, command_line)
    if args.township:
        return township_section(args, command_line)
    sizes = [ledgers.QUICK] if args.quick else [ledgers.SIZES["100k"], ledgers.SIZES["1M"]]
    if args.large:
        sizes.append(ledgers.SIZES["10M"])
    runs = 1 if args.quick else args.runs
    for size in sizes:  # every build first: a long one then runs while nobody waits
        ledgers.ledger(size)
    rows = import_rows(sizes[0], runs)
    for size in sizes:
        rows += ledger_rows(size, runs, with_peers=size.label != "10M" and not args.no_peers,
                            with_documents=size.label == "1M")
    target = QUICK_RESULTS if args.quick else RESULTS
    text = write(target, rows, peers.versions(), command_line)
    if not args.quick:
        text += write_village(target, village.rows(runs * 2), peers.versions(), command_line)
    print(text)
    progress(f"written to {target}")
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true",
                        help="also the ledger of about 10,000,000 records (long to build)")
    parser.add_argument("--quick", action="store_true",
                        help="a small ledger, one run each: a smoke test of the harness")
    parser.add_argument("--runs", type=int, default=5, help="runs of each figure (default 5)")
    parser.add_argument("--no-peers", action="store_true", help="skip hledger and ledger")
    parser.add_argument("--village", action="store_true",
                        help="only the village-size commands (bench/village.py)")
    parser.add_argument("--books", action="store_true",
                        help="only the whole books: statements, books, close-year "
                             "(bench/books.py)")
    parser.add_argument("--township", action="store_true",
                        help="only the township on PostgreSQL: twenty villages on one "
                             "server, eight writers, the import (bench/township.py)")
    parser.add_argument("--township-scale", choices=sorted(township.SCALES), default="500k",
                        help="records of each of the twenty villages (default 500k: "
                             "about 10,000,000 in all)")
    return parser.parse_args(argv)


def township_section(args: argparse.Namespace, command_line: str) -> int:
    """The township on PostgreSQL, in its own section."""
    before = os.getloadavg()
    rows, extra = township.rows(args.township_scale, args.runs)
    size = township.SCALES[args.township_scale]
    notes = township.NOTES.format(villages=township.VILLAGES, scale=size.label,
                                  total=township.total_records(args.township_scale))
    text = write_section(RESULTS, township.HEADING,
                         notes + "\n" + extra + "\n" + load_note(before, os.getloadavg()),
                         rows, township.HEADER, peers.versions() + township.versions(),
                         command_line)
    print(text)
    progress(f"written to {RESULTS}")
    return 0


def whole_books(args: argparse.Namespace, command_line: str) -> int:
    """The statements, the books and the year-end close, in their own section."""
    target = QUICK_RESULTS if args.quick else RESULTS
    before = os.getloadavg()
    rows = books.rows(1 if args.quick else args.runs, quick=args.quick)
    text = write_books(target, rows, peers.versions(), command_line, (before, os.getloadavg()))
    print(text)
    progress(f"written to {target}")
    return 0


def import_rows(size: Size, runs: int) -> list[Row]:
    """Import throughput of the village of `size` as CSV, and the import command's memory."""
    folder, count = ledgers.village_csv(size)
    progress(f"import: {count:,} rows ...")
    imported, executemany = silk.import_throughput(folder, max(1, runs // 2))
    command = commands.import_csv(folder)
    return [Row("import", size.label, count, imported, "executemany", executemany, command,
                target="import", rate_of=count)]


def ledger_rows(size: Size, runs: int, with_peers: bool, with_documents: bool) -> list[Row]:
    """Every figure on the ledger of `size`."""
    path = size.path
    records = silk.records(path)
    about = silk.subject(path)
    progress(f"{size.label}: {records:,} records; season {about.season}, "
             f"household {about.household} ...")
    single = 1 if size.label == "10M" else runs  # a long command at 10M runs once
    warm(path)
    shown = commands.reports(path, about, single, check_runs=1)
    warm(path)
    rows = [Row(measure, size.label, records, silk_time, "bare SQL", bare_time,
                shown.get(measure), target=measure)
            for measure, (silk_time, bare_time) in silk.reports(path, about, runs).items()]
    rows.append(check_row(size, records, runs, shown["check"]))
    progress(f"{size.label}: the yield report ...")
    rows += yields.rows(size, records, single)
    progress(f"{size.label}: the statements and the books ...")
    rows += statements.rows(size, records, single)
    progress(f"{size.label}: the terminal UI ...")
    warm(path)
    start, key = tui.measure(path, min(runs, 3))
    rows += [Row("TUI start to first screen", size.label, records, start,
                 target="TUI start to first screen"),
             Row("TUI key `h` to households list", size.label, records, key,
                 target="TUI key to next screen")]
    rows += journal_rows(size, records, shown["trial balance"], runs, with_peers)
    if with_documents:
        rows += document_rows(size, records, about, runs)
    return rows


def check_row(size: Size, records: int, runs: int, command) -> Row:
    """`check` in this process up to 1M (its target's size), and as a command at every size."""
    if size.label == "10M":
        return Row("check", size.label, records, command=command, target="check")
    warm(size.path)
    timing, problems = silk.full_check(size.path, min(runs, 3))
    found = f" (found {problems} problems!)" if problems else ""
    return Row(f"check{found}", size.label, records, timing, command=command,
               target="check", failed=bool(problems))


def journal_rows(size: Size, records: int, trial_command, runs: int,
                 with_peers: bool) -> list[Row]:
    """The hledger export, then each peer's balance report on it beside silk's."""
    journal = ledgers.journal_path(size)
    progress(f"{size.label}: silk export --format hledger ...")
    exported = commands.export_journal(size.path, journal)
    rows = [Row("export --format hledger", size.label, records, command=exported,
                target="memory")]
    if not with_peers:
        return rows
    warm(journal, size.path)
    for name, peer in peers.measure(journal, runs).items():
        progress(f"{size.label}: {name}: {peer.timing.min:,.1f} s, {peer.peak_mb:,.0f} MB")
        rows.append(Row(f"balances: `{name}` (peer)", size.label, records,
                        trial_command.timing, f"`{name}`", peer.timing,
                        command=trial_command, reference_command=peer))
    return rows


def document_rows(size: Size, records: int, about: silk.Subject, runs: int) -> list[Row]:
    progress(f"{size.label}: settlement sheets ...")
    count, figures = documents.measure(size.path, about.season, max(1, runs // 2))
    return [Row(f"all {count:,} settlement sheets, {name}", size.label, records, figure,
                target="documents")
            for name, figure in figures.items()]


if __name__ == "__main__":
    raise SystemExit(main())
