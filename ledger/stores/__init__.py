"""The stores a ledger can live in, chosen by its address.

A ledger address is a file path (SQLite, a village on its own) or
`postgresql://[user[:password]@]host[:port]/database?ledger=CODE` (one village's ledger
on a township's PostgreSQL server, its own schema there). `current()` is the store of
the ledger the models are bound to: the core asks it, never the engine, for what the
engines do differently.
"""
from __future__ import annotations

from peewee import PostgresqlDatabase

from ledger import models
from ledger.stores.base import Store

#: How a server address begins.
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server(address) -> bool:
    """Whether `address` names a ledger (or a township) on a PostgreSQL server."""
    return str(address).startswith(SERVER_SCHEMES)


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
