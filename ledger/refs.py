"""Codes resolved to the parties, seasons, batches and accounts they name.

Validation and posting look codes up here, not in the database directly: each code is
read once and cached, and records staged by an import (a household in households.csv,
its batch in batches.csv) are visible to later rows before anything is written. Ids are
allocated here too, inside the writing transaction, so a whole import can be validated
first and written in bulk.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger import models, stores
from ledger.seal import raw_rows


@dataclass(frozen=True)
class PartyRef:
    id: int
    code: str
    kind: str  # household | partner | collective
    name: str


@dataclass(frozen=True)
class SeasonRef:
    id: int
    code: str
    start: date
    end: date
    closed: bool = False


@dataclass(frozen=True)
class BatchRef:
    id: int
    code: str
    season: SeasonRef
    owner: PartyRef
    hatch: date


#: Codes of one table not found before every code it has is read (`Refs._lookup`).
MISSES = 32


class Refs:
    """A cache of code -> reference over one ledger, for one transaction or import."""

    def __init__(self):
        self._parties: dict[str, PartyRef | None] = {}
        self._seasons: dict[str, SeasonRef] | None = None
        self._batches: dict[str, BatchRef | None] = {}
        self._accounts: dict[str, int] = {}
        self._accounts_read = False  # every account read (`_read_accounts`)
        self._next_id: dict[type, int] = {}
        self._store: stores.Store | None = None  # of the ledger the ids are taken from
        self._statements: dict[type, str] = {}  # table looked up -> its statement
        self._misses: dict[type, int] = {}  # table looked up -> codes not found
        self._known: dict[type, set[str]] = {}  # table looked up -> every code it has
        self._closed_years: set[int] | None = None
        #: (category, code) of rows refused earlier in this import: "party", "H011".
        self.refused: set[tuple[str, str]] = set()

    # -- parties --------------------------------------------------------------------
    def party(self, code: str) -> PartyRef | None:
        if code not in self._parties:
            Party = models.Party
            row = self._lookup(Party, lambda c: Party.select(Party.id, Party.code, Party.kind,
                                                             Party.name)
                               .where(Party.code == c), code)
            self._parties[code] = PartyRef(*row) if row else None
        return self._parties[code]

    def add_party(self, ref: PartyRef) -> None:
        self._parties[ref.code] = ref

    # -- seasons --------------------------------------------------------------------
    def seasons(self) -> dict[str, SeasonRef]:
        """Every season by code; there are few, so they are read at once."""
        if self._seasons is None:
            self._seasons = {
                row.code: SeasonRef(row.id, row.code, row.start, row.end, row.is_closed)
                for row in models.Season.select().order_by(models.Season.start)
            }
        return self._seasons

    def season(self, code: str) -> SeasonRef | None:
        return self.seasons().get(code)

    def season_by_id(self, season_id: int) -> SeasonRef:
        return next(ref for ref in self.seasons().values() if ref.id == season_id)

    def add_season(self, ref: SeasonRef) -> None:
        self.seasons()[ref.code] = ref

    def closed_years(self) -> set[int]:
        """The years the year-end close has locked (meta `closed_years`), read once."""
        if self._closed_years is None:
            from ledger import db

            self._closed_years = {int(year) for year in db.get_meta("closed_years").split(",")
                                  if year}
        return self._closed_years

    # -- batches --------------------------------------------------------------------
    def batch(self, code: str) -> BatchRef | None:
        if code not in self._batches:
            Batch, Party = models.Batch, models.Party
            row = self._lookup(Batch, lambda c: Batch.select(Batch.id, Batch.season, Batch.hatch,
                                                             Party.id, Party.code, Party.kind,
                                                             Party.name)
                               .join(Party, on=(Batch.owner == Party.id))
                               .where(Batch.code == c), code)
            self._batches[code] = None if row is None else BatchRef(
                row[0], code, self.season_by_id(row[1]), PartyRef(*row[3:]),
                models.Batch.hatch.python_value(row[2]))
        return self._batches[code]

    def add_batch(self, ref: BatchRef) -> None:
        self._batches[ref.code] = ref

    # -- accounts -------------------------------------------------------------------
    def account_id(self, code: str) -> int | None:
        if not self._accounts_read:
            self._read_accounts()
        return self._accounts.get(code)

    def _read_accounts(self) -> None:
        """Every account, at the first looked up: a ledger has a few thousand at most, and
        on a server each look-up would be a round trip waiting for the rows written
        behind (`book.Writer.flush`). Accounts the writer adds later are told to it
        (`add_account`)."""
        Account = models.Account
        for account_id, code in raw_rows(Account.select(Account.id, Account.code)):
            self._accounts.setdefault(code, account_id)
        self._accounts_read = True

    def _lookup(self, model: type, query, code: str) -> tuple | None:
        """One row of `model` by code, through a statement Peewee writes once per table:
        an import looks up thousands of codes, and writing SQL each time would dominate.

        An import also looks up each new household's and batch's code to be sure it is
        free: after MISSES codes of a table not found, every code the table has is read at
        once, and a code not among them is known to be free without asking (a round trip
        each, on a server)."""
        known = self._known.get(model)
        if known is not None and code not in known:
            return None
        if model not in self._statements:
            self._statements[model] = query("").sql()[0]
        row = models.database.execute_sql(self._statements[model], (code,)).fetchone()
        if row is None and known is None:
            self._misses[model] = self._misses.get(model, 0) + 1
            if self._misses[model] >= MISSES:
                self._known[model] = {code for (code,) in model.select(model.code).tuples()}
        return row

    def add_account(self, code: str, account_id: int) -> None:
        self._accounts[code] = account_id

    # -- ids ------------------------------------------------------------------------
    def allocate(self, model: type) -> int:
        """The next id of `model`, from the store (`Store.next_id`); valid only inside
        the transaction that writes it. The store is asked for once (an import
        allocates three ids a record)."""
        if self._store is None:
            self._store = stores.current()
        return self._store.next_id(model, self._next_id)
