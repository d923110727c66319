"""The whole books (issue 14, "Speed"), measured by `python -m bench --books`:

- the balance sheet, the income statement, the trial balance of a month and of the year,
  the cash and bank books of a month and of the year, and the general ledger, on the
  ledger of about 1,000,000 records with the collective's general books added. Each is
  timed in this process with the ledger open, beside the bare SQLite queries computing
  the same sums from every posting by the vouchers' dates (bench/bare.py), and as the
  `silk report` command a user types (wall time and peak memory). The month of each book
  is the year's busiest for its account: a settlement's cash payments, the cocoon sales
  paid into the bank.
- the bank book of that month and of the year on the terminal UI's books screen at 80×24,
  from choosing it until the frame that shows it (bench/tui.py), by the wall clock.
- `silk close-year` on a village of 1,500 households and its year of three rearing
  seasons, all closed: `year_end.close_year` in this process, the `check` it runs first
  included, and the command, each run on a fresh copy of the village.

In this process the figure is the CPU time used (`time.process_time`), the bare queries'
alike: on a machine shared with others the wall clock mostly measured their work. The
commands are timed by the wall clock, Python's start-up included, as a user waits.

The ledgers of bench/ledgers.py hold records only. The copy measured here (built once
into bench/data/) has the demo's general books (`demo.GeneralBooks`) of its last two
years: opening balances on 1 January of the year before YEAR, the workshop building in
the register and depreciated monthly, electricity, office costs, the loan and its
interest, the grant, road lights, and cash drawn from the bank before each season's
settlement (from the season's cash payments, so cash on hand never goes below zero).
Before its figures are timed, the kept monthly balances are compared with the same sums
taken from the postings; a difference marks every row as failed.
"""
from __future__ import annotations

import random
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from bench import bare, commands, ledgers, silk, tui
from bench.ledgers import DATA, SEED, Size, progress
from bench.measure import command, timed, warm
from bench.table import Row
from peewee import fn

from ledger import (backup, books, chart, check, closing, db, demo, models, money, periods,
                    statements, year_end)

#: The year measured: the demo's last, with three seasons and general vouchers to November.
YEAR = demo.LAST_YEAR
#: The ledger of about 1,000,000 records, and the village whose year is closed.
LEDGER, VILLAGE = ledgers.SIZES["1M"], Size("1500×3", 1500, 3)
#: --quick: two years of a small village (the general books begin the year before YEAR).
QUICK_LEDGER, QUICK_VILLAGE = Size("quick", 200, 6), Size("quick", 200, 3)
#: The close measured: 10% to the reserve fund, half of the rest to the members.
RESERVE = "10"
#: In-process figures are the CPU time used (all of it in this process: SQLite included,
#: no worker processes), which the other work on a shared machine does not inflate.
CPU = time.process_time


def rows(runs: int, quick: bool = False) -> list[Row]:
    ledger, village = (QUICK_LEDGER, QUICK_VILLAGE) if quick else (LEDGER, VILLAGE)
    path = books_ledger(ledger)  # both built first: a long build runs while nobody waits
    closed_village(village)
    return (ledger_rows(ledger, path, runs) + screen_rows(ledger, path, runs)
            + close_year_rows(village, runs))


# -- the statements and books ------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    name: str
    silk: Callable[[], object]  # with the ledger open
    bare: Callable[[sqlite3.Connection], object]
    report: tuple[str, ...]  # `silk report ...`


def ledger_rows(size: Size, path: Path, runs: int) -> list[Row]:
    records = silk.records(path)
    connection = sqlite3.connect(path)
    cash, bank = busiest_month(connection, chart.CASH), busiest_month(connection, chart.BANK)
    lines = {code: {span: len(bare.book(connection, code, *span_of(span)))
                    for span in (month, str(YEAR))}
             for code, month in ((chart.CASH, cash), (chart.BANK, bank))}
    connection.close()
    progress(f"{size.label}: {records:,} records; cash book {cash}, bank book {bank} ...")
    warm(path)
    database = db.open_ledger(path)
    found = measures(cash, bank, lines)
    differs = kept_balances_differ(path, cash)
    figures = {m.name: timed(m.silk, runs, clock=CPU) for m in found}
    database.close()
    connection = sqlite3.connect(path)
    references = {m.name: timed(lambda m=m: m.bare(connection), runs, clock=CPU)
                  for m in found}
    connection.close()
    if differs:
        progress(f"{size.label}: the kept balances differ from the postings: {differs}")
    result = []
    for m in found:
        progress(f"{size.label}: silk report {' '.join(m.report)} ...")
        shown = command(commands.silk(path, "report", *m.report), runs)
        result.append(Row(m.name + (" (kept balances differ!)" if differs else ""),
                          size.label, records, figures[m.name], "bare SQL",
                          references[m.name], shown, target="whole books",
                          failed=bool(differs)))
    return result


def screen_rows(size: Size, path: Path, runs: int) -> list[Row]:
    """The bank book of its busiest month and of the year on the TUI's books screen, at
    80×24: from choosing it until the frame that shows it (bench/tui.py), wall clock."""
    records = silk.records(path)
    connection = sqlite3.connect(path)
    bank = busiest_month(connection, chart.BANK)
    connection.close()
    result = []
    for period in (bank, str(YEAR)):
        progress(f"{size.label}: the books screen showing the bank book {period} ...")
        result.append(Row(f"books screen: bank book {period}, chosen to shown (wall clock)",
                          size.label, records, tui.book_shown(path, "bank_book", period, runs)))
    return result


def measures(cash: str, bank: str, lines: dict[str, dict[str, int]]) -> list[Measure]:
    """What is timed, with the ledger open (the balance sheet's year ends today in the
    open current year, as the command's does)."""
    year = str(YEAR)
    whole = books.year_span(year)
    sheet_end = statements.year_span(YEAR)[1]
    found = [
        Measure(f"balance sheet {year}", lambda: statements.balance_sheet(YEAR),
                lambda c: bare.balance_sheet(c, whole[0], sheet_end),
                ("balance-sheet", year)),
        Measure(f"income statement {year}", lambda: statements.income_statement(YEAR),
                lambda c: bare.income_statement(c, *whole), ("income-statement", year)),
        Measure(f"trial balance {cash}", lambda: books.trial_balance(*books.month_span(cash)),
                lambda c: bare.trial_balance_of(c, *books.month_span(cash)),
                ("trial-balance", "--month", cash)),
        Measure(f"trial balance {year}", lambda: books.trial_balance(*whole),
                lambda c: bare.trial_balance_of(c, *whole), ("trial-balance", "--year", year)),
        Measure(f"general ledger {year}", lambda: books.general_ledger(YEAR),
                lambda c: bare.general_ledger(c, YEAR), ("general-ledger", year)),
    ]
    for name, report, code, function, month in (
            ("cash book", "cash-book", chart.CASH, books.cash_book, cash),
            ("bank book", "bank-book", chart.BANK, books.bank_book, bank)):
        for span, flag in ((month, "--month"), (year, "--year")):
            first, last = span_of(span)
            found.append(Measure(
                f"{name} {span} ({lines[code][span]:,} lines)",
                lambda function=function, first=first, last=last: function(first, last),
                lambda c, code=code, first=first, last=last: bare.book(
                    c, code, first, last, days=code == chart.CASH),
                (report, flag, span)))
    return found


def span_of(text: str) -> tuple[date, date]:
    """`2026-06` or `2026` -> its first and last day."""
    return books.month_span(text) if "-" in text else books.year_span(text)


def busiest_month(connection: sqlite3.Connection, code: str) -> str:
    """The month of YEAR with the most postings to `code` (or its sub-accounts)."""
    return connection.execute(
        "SELECT substr(v.date, 1, 7) FROM posting p JOIN voucher v ON p.voucher_id = v.id"
        " JOIN account a ON p.account_id = a.id"
        " WHERE (a.code = :code OR a.code LIKE :code || '.%') AND v.date LIKE :year || '-%'"
        " GROUP BY 1 ORDER BY COUNT(*) DESC, 1 LIMIT 1",
        {"code": code, "year": str(YEAR)}).fetchone()[0]


def kept_balances_differ(path: Path, month: str) -> list[str]:
    """The spans whose sums from the kept balances (`periods.sums`, what the statements
    read) differ from the bare sums of the postings: none in a sound ledger."""
    connection = sqlite3.connect(path)
    spans = {"to the end of YEAR": (None, date(YEAR, 12, 31)), "YEAR": span_of(str(YEAR)),
             month: span_of(month),
             "to the middle of " + month: (None, span_of(month)[0].replace(day=15))}
    differs = [name for name, (first, last) in spans.items()
               if periods.sums(first, last) != bare.sums(connection, first, last)]
    connection.close()
    return differs


def books_ledger(size: Size) -> Path:
    """The ledger of `size` with the general books of its last two years, built once."""
    path = DATA / f"{size.stem}-books.db"
    if not path.exists():
        base = ledgers.ledger(size)
        progress(f"adding the general books to a copy of {base.name} (once) ...")
        building = path.with_suffix(".building")
        shutil.copyfile(base, building)
        database = db.open_ledger(building)
        add_general_books(size)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()
        building.rename(path)
    return path


def add_general_books(size: Size) -> None:
    """The demo's general books of the open ledger's seasons from the year before YEAR,
    with cash drawn before every season's settlement."""
    Season, Payment = models.Season, models.Payment
    seasons = {row.id: demo.SeasonDates(row.code, row.name, row.start, row.end)
               for row in Season.select().order_by(Season.start)}
    village = demo.Village(random.Random(SEED), size.households)
    paid = (Payment.select(Payment.season, Payment.direction, fn.SUM(Payment.amount))
            .where(Payment.method == "cash").group_by(Payment.season, Payment.direction))
    for season, direction, fen in paid.tuples():
        village.cash_out[seasons[season]] += fen if direction == "to_household" else -fen
    calendar = [season for season in seasons.values() if season.year >= YEAR - 1]
    general = demo.GeneralBooks(random.Random(f"{SEED}:books"), village, calendar)
    general.before_seasons()
    general.alongside_seasons()


# -- the year-end close ------------------------------------------------------------------

def close_year_rows(size: Size, runs: int) -> list[Row]:
    """`close-year` (with its check) in this process and as a command, on fresh copies;
    and the check alone, for its share."""
    base = closed_village(size)
    records = silk.records(base)
    members = members_amount(base)
    work = DATA / "close-year" / base.name
    opened: list = []

    def fresh() -> None:
        while opened:
            opened.pop().close()
        shutil.rmtree(work.parent, ignore_errors=True)
        work.parent.mkdir()
        shutil.copyfile(base, work)
        warm(work)

    def fresh_and_open() -> None:
        fresh()
        opened.append(db.open_ledger(work))

    progress(f"{size.label}: close-year {YEAR} --reserve {RESERVE} --members {members} ...")
    closed = timed(lambda: year_end.close_year(YEAR, RESERVE, members), runs, budget=60.0,
                   setup=fresh_and_open, clock=CPU)
    fresh()
    shown = command(commands.silk(work, "close-year", str(YEAR), "--reserve", RESERVE,
                                  "--members", members), runs, budget=60.0, setup=fresh)
    opened.append(db.open_ledger(base))
    checked = timed(check.run, runs, budget=60.0, clock=CPU)
    fresh()
    shutil.rmtree(work.parent, ignore_errors=True)
    households = f"{size.households:,} households"
    return [Row(f"close-year {YEAR} ({households}, with its check)", size.label, records,
                closed, command=shown, target="close-year"),
            Row("its check alone", size.label, records, checked)]


def closed_village(size: Size) -> Path:
    """The demo village of `size` (its general books, YEAR-1 closed and distributed, its
    seasons of YEAR recorded), every season closed: what `close-year YEAR` takes. Built
    once."""
    path = DATA / f"{size.stem}-closed.db"
    if not path.exists():
        progress(f"building {path.name}: the demo village, its seasons closed (once) ...")
        DATA.mkdir(exist_ok=True)
        building = path.with_suffix(".building")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        database = db.open_ledger(building, create=True)
        demo.generate(households=size.households, seasons=size.seasons)
        Season = models.Season
        for code in Season.select(Season.code).order_by(Season.start).tuples():
            closing.close(code[0])
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()
        for copy in backup.automatic_backups(building):  # the closes' own
            copy.unlink()
        building.rename(path)
    return path


def members_amount(path: Path) -> str:
    """The members' share of the close, in yuan: half of what the reserve leaves, in
    whole hundreds (as the demo closes its year before)."""
    database = db.open_ledger(path)
    found = year_end.plan(YEAR, RESERVE, "0")
    database.close()
    return money.yuan(max(0, found.net_income - found.reserve) // 2 // 10_000 * 10_000)
