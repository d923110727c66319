"""What every store of a ledger provides: the seam between the core and a database engine.

The core writes its queries with Peewee and reads rows through `raw_rows`; what differs
between engines is kept behind `Store`, one subclass per engine (`sqlite`, `postgresql`),
as Harlequin keeps one adapter per database behind one interface:

- identity: where a new row's id comes from (`next_id`), and whether ids are dense
  (`dense_ids`: a gap then means a row was removed; on a server a rolled-back
  transaction leaves gaps, and removal is found by the chain and anchors alone);
- guards: the triggers that make the database itself refuse to change a sealed row or
  to write into a closed season (`guard`, `guard_problems`);
- the SQL each engine spells its own way (`month_of`, `among`), and a read snapshot;
- the bulk write of an import's rows (`insert_rows`);
- what a driver's error means (`ledger.store_errors`, by SQLSTATE or result code).

This module imports only Peewee: `models` and the core depend on it, never the reverse.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Callable, ContextManager, Iterator


class Store(ABC):
    """One database engine's way of keeping a ledger."""

    #: The engine's name, as `silk` says it: "sqlite" or "postgresql".
    name: str = ""
    #: Ids are handed out one after another and never lost, so a gap means rows were
    #: removed behind the program's back.
    dense_ids: bool = True
    #: A long write's rows are written while the next are read and checked (on a thread,
    #: on the writer's own connection): worth it where the database works in another
    #: process, on its own core (`book.Writer.flush`).
    writes_behind: bool = False

    # -- identity --------------------------------------------------------------------
    @abstractmethod
    def first_id(self, model: type) -> int:
        """The id the next row of `model` gets, in the writing transaction; later ids
        of the same transaction follow it (`Refs.allocate`, on SQLite), or are asked for
        again (`next_id`, on a server, where another writer may take the next one)."""

    def next_id(self, model: type, handed: dict) -> int:
        """The next id of `model` inside the writing transaction; `handed` remembers the
        ids given so far in this transaction (model -> the next one)."""
        if model not in handed:
            handed[model] = self.first_id(model)
        allocated = handed[model]
        handed[model] = allocated + 1
        return allocated

    # -- writing -----------------------------------------------------------------------
    def insert_rows(self, cursor, sql: str, table: str, columns: list[str],
                    rows: list[tuple]) -> None:
        """Write plain `rows` (ids, ints, text, ISO dates) into `columns` of `table`,
        inside the writing transaction: `sql`, the prepared INSERT in the driver's own
        placeholder style, run by the DB-API's executemany for every row. A store may
        write them its own faster way, guards and constraints enforced alike."""
        cursor.executemany(sql, rows)

    def add_rows(self, cursor, sql: str, table: str, columns: list[str], rows: list[tuple],
                 merge_from: Callable[[str], tuple[str, list]]) -> None:
        """Add `rows` of sums into the kept rows of `table` they name by its unique key,
        creating those missing: `sql`, the prepared upsert, run for every row. A store
        may instead load the rows into a scratch table of its own and fold them in with
        one statement, `merge_from(that table's name)`: the same upsert reading them."""
        cursor.executemany(sql, rows)

    # -- reading beside rows written behind ------------------------------------------
    def read_aside(self, database, sql: str, params=None):
        """A cursor over `sql`, a read of committed rows or of ids, that need not wait
        for the rows being written behind. Here, as a store that does not write behind
        does, an ordinary statement of the transaction."""
        return database.execute_sql(sql, params)

    # -- the SQL each engine spells its own way --------------------------------------
    @abstractmethod
    def month_of(self, field):
        """The `YYYY-MM` of a date column, computed by the database."""

    @abstractmethod
    def among(self, field, ids):
        """`field IN ids` with the ids bound as one parameter, however many they are."""

    @abstractmethod
    def snapshot(self, database) -> ContextManager[bool]:
        """One read transaction: every query in the block sees the ledger as of one
        commit. Yields True when the caller was already inside a transaction of its own
        (whose rows no other connection sees)."""

    # -- guards ----------------------------------------------------------------------
    @abstractmethod
    def expected_guards(self) -> dict[str, str]:
        """Name -> definition of every guarding trigger the schema defines."""

    @abstractmethod
    def present_guards(self, database) -> dict[str, str]:
        """Name -> definition of every trigger the ledger holds, in the form of
        `expected_guards`."""

    @abstractmethod
    def guard(self, database, tables: set[str] | None = None) -> None:
        """Create the guards the ledger lacks; only those of `tables`, if given."""

    def guard_problems(self, database) -> Iterator[tuple[str, str]]:
        """(trigger, "missing" | "altered" | "foreign") for every trigger the ledger
        lacks, holds in another form than the schema's, or holds although the schema
        has none such (a foreign trigger could rewrite what the program writes)."""
        present = self.present_guards(database)
        expected = self.expected_guards()
        for name, definition in expected.items():
            if name not in present:
                yield name, "missing"
            elif plain(present[name]) != plain(definition):
                yield name, "altered"
        for name in sorted(set(present) - set(expected)):
            yield name, "foreign"

    # -- reading ---------------------------------------------------------------------
    def canonical_row(self, row: tuple) -> tuple:
        """A row as SQLite stores it (ISO text dates, integers): what seals are over
        and what the core's raw reads expect, whichever driver read it."""
        return row


def plain(definition: str) -> str:
    """A definition with its runs of white space made one space."""
    return re.sub(r"\s+", " ", definition).strip()
