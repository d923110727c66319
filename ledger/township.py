"""A township's figures: every village ledger it keeps, side by side and summed.

A township's accounting agency (村账乡代管) keeps many villages' books. Its report puts
one line per village: households, sheets, cocoon kg and yield, cocoon income, net income
and what the village owes its households, for a season (by its code, `2026-1`, which the
villages share) or for a year (the seasons that begin in it); and a 科目余额表 of the
level-1 accounts summed over the villages (a sub-account means something different in
each village: H001 is another household in the next village, so only level-1 accounts
add up).

Each village is computed in its own ledger by the functions its own reports use, one
ledger open at a time (`ledgers` yields them bound in turn): a township's figures are
always the sum of the villages' own.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from ledger import books, db, income, models, stores
from ledger.errors import LedgerError

#: The figures summed into the township's total line.
SUMMED = ("households", "sheets", "cocoon_grams", "cocoon_income", "net_income", "owed")


@dataclass
class Village:
    """One village's figures for the season or year (fen, grams, 1/100 sheet)."""

    ledger: str  # the ledger's code: its file's name, or its schema on the server
    village: str  # the village's name, as its ledger keeps it
    households: int = 0
    sheets: int = 0
    cocoon_grams: int = 0
    cocoon_income: int = 0
    net_income: int = 0  # households' and the collective's together, as in the season report
    owed: int = 0  # what the village owes its households at the end (应付余额 summed)
    seasons: int = 0  # the seasons of the span this ledger has


@dataclass
class Report:
    span: str  # a season's code, or a year
    kind: str  # season | year
    villages: list[Village]
    totals: Village = field(init=False)

    def __post_init__(self):
        self.totals = Village("", "")
        for name in SUMMED:
            setattr(self.totals, name, sum(getattr(v, name) for v in self.villages))


# -- the ledgers of a township ------------------------------------------------------------

def ledgers(address: str) -> list[str]:
    """The codes of the village ledgers at `address`: a folder holding one SQLite ledger
    file a village (`桑园村.db`: the code is the file's name without `.db`), or a
    PostgreSQL database (`postgresql://…/township`, no `?ledger=`) holding one schema
    a village (the code is the schema's name)."""
    if stores.is_server(address):
        from ledger.stores import postgresql

        found = [code for code, _ in postgresql.ledgers(address)]
        if not found:
            raise LedgerError("ledgers_none", address=postgresql.parse(address).shown)
        return found
    folder = Path(address)
    if not folder.is_dir():
        raise LedgerError("township_not_folder", address=str(address))
    found = sorted(path.stem for path in folder.glob("*.db") if path.is_file())
    if not found:
        raise LedgerError("township_no_ledgers", address=str(address))
    return found


@contextmanager
def opened(address: str, code: str) -> Iterator[None]:
    """Village ledger `code` of the township at `address`, open to read, the models
    bound to it while the block runs."""
    if stores.is_server(address):
        from ledger.stores import postgresql

        database = db.open_ledger(postgresql.parse(address).of(code), readonly=True)
    else:
        database = db.open_ledger(Path(address) / f"{code}.db", readonly=True)
    try:
        yield
    finally:
        database.close()


def each(address: str, work: Callable[[str], object]) -> list:
    """`work(code)` in every village ledger of `address`, in order of code."""
    found = []
    for code in ledgers(address):
        with opened(address, code):
            found.append(work(code))
    return found


# -- one village ---------------------------------------------------------------------------

def season_village(code: str, season: str) -> Village:
    """The open ledger's figures for season `season` (zeros when it has no such season,
    its households still counted)."""
    row = _named(code)
    found = models.Season.get_or_none(models.Season.code == season)
    if found is not None:
        _add(row, income.season_income(found))
    return row


def year_village(code: str, year: int) -> Village:
    """The open ledger's figures for the seasons that begin in `year`; what it owes its
    households is as at the end of the last of them."""
    row = _named(code)
    Season = models.Season
    for found in (Season.select().where((Season.start >= date(year, 1, 1))
                                        & (Season.start <= date(year, 12, 31)))
                  .order_by(Season.start)):
        _add(row, income.season_income(found))  # owed: the latest season's, not a sum
    return row


def _named(code: str) -> Village:
    Party = models.Party
    households = Party.select().where(Party.kind == "household").count()
    return Village(code, db.get_meta("village") or "", households=households)


def _add(row: Village, report: income.SeasonIncome) -> None:
    totals = report.totals
    row.seasons += 1
    row.sheets += totals.sheets
    row.cocoon_grams += totals.cocoon_grams
    row.cocoon_income += totals.cocoon_income
    row.net_income += totals.net_income
    row.owed = sum(party.balance for party in report.parties if party.kind == "household")


# -- the township ---------------------------------------------------------------------------

def season_report(address: str, season: str) -> Report:
    return Report(season, "season", each(address, lambda code: season_village(code, season)))


def year_report(address: str, year: int) -> Report:
    return Report(str(year), "year", each(address, lambda code: year_village(code, year)))


def trial_balance(address: str, first: date, last: date) -> books.PeriodTrialBalance:
    """The level-1 accounts' 科目余额表 from `first` to `last`, summed over the villages."""
    summed: dict[str, list[int]] = {}
    names = [f.name for f in fields(books.TrialRow) if f.name != "code"]

    def add(_code: str) -> None:
        for row in books.trial_balance(first, last).top:
            into = summed.setdefault(row.code, [0] * len(names))
            for index, name in enumerate(names):
                into[index] += getattr(row, name)

    each(address, add)
    rows = [books.TrialRow(code, *values) for code, values in sorted(summed.items())]
    return books.PeriodTrialBalance(first, last, rows)
