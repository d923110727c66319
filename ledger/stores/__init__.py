"""The stores a ledger can live in, chosen by its address.

A ledger address is a file path (SQLite, a village on its own) or
`postgresql://[user[:password]@]host[:port]/database?ledger=CODE` (one village's ledger
on a township's PostgreSQL server, its own schema there). `current()` is the store of
the ledger the models are bound to: the core asks it, never the engine, for what the
engines do differently.
"""
from __future__ import annotations

import functools
import time
from pathlib import Path

from peewee import PostgresqlDatabase

from ledger import models, store_errors
from ledger.stores.base import Store

#: How a server address begins.
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server(address) -> bool:
    """Whether `address` names a ledger (or a township) on a PostgreSQL server."""
    return str(address).startswith(SERVER_SCHEMES)


def shown(address) -> str:
    """A ledger's path or address as messages and screens show it: a server's without
    its password (as the server store's own messages show it)."""
    if is_server(address):
        from ledger.errors import LedgerError
        from ledger.stores import postgresql

        try:
            return postgresql.parse(str(address)).shown
        except LedgerError:  # an address that does not parse shows as it was given
            return str(address)
    return str(address)


def files_folder(address) -> Path:
    """Where what is made of a ledger goes unless the accountant says otherwise (prints,
    exports, drafts): beside a ledger file; for a ledger on a server, which has no
    folder, the working folder, where `silk backup` dumps it too."""
    return Path.cwd() if is_server(address) else Path(address).resolve().parent


def of(database) -> Store:
    """The store of an open Peewee database."""
    if isinstance(database, PostgresqlDatabase):
        from ledger.stores import postgresql

        return postgresql.STORE
    from ledger.stores import sqlite

    return sqlite.STORE


def current() -> Store:
    """The store of the ledger the models are bound to."""
    return of(models.database.obj)


#: How many times a write is run in all when the server keeps undoing it for a
#: conflict, and the pause before the second try (doubled before each later one), s.
TRIES = 5
PAUSE = 0.05


def retried(write):
    """`write`, a service function whose transaction is the whole of one write, run
    again from its start when the server undid it for a conflict with a concurrent
    transaction (serialization failure, deadlock: `store_errors.CONFLICT`), up to TRIES
    times with a short pause between; then the conflict is raised, for the one line
    that says so. The whole function runs again, its reads and checks too, not just the
    commit: what it read before the conflict may be stale.

    Called inside a transaction of its caller's (an import's replay, a test's), it runs
    once: the transaction is the caller's to run again, and is aborted by then anyway.
    SQLite never reports a conflict (a second writer waits, then is refused as busy), so
    there a write runs once, as ever. Its arguments must read the same the second time:
    no iterator that the first run used up. `book.record_many`, which takes iterators and
    a writer of its caller's, is therefore not decorated: a caller with lists may wrap it
    (the wage sheet does), and an import is retried whole (`csv_import.import_files`)."""

    @functools.wraps(write)
    def run(*args, **kwargs):
        for attempt in range(1, TRIES + 1):
            if models.database.obj is None or models.database.in_transaction():
                return write(*args, **kwargs)
            try:
                return write(*args, **kwargs)
            except store_errors.ERRORS as error:
                if attempt == TRIES or store_errors.kind(error) != store_errors.CONFLICT:
                    raise
            time.sleep(PAUSE * 2 ** (attempt - 1))

    return run
