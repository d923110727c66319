"""Which ledger a command works on (`--db`, else `SILK_DB`, else ./ledger.db: a file
path or a `postgresql://…?ledger=CODE` address), and opening it. The database layer is
imported only here and only when a command opens the ledger, never for `--help` or
`--version`.
"""
from __future__ import annotations


def ledger_path(args) -> str:
    """The ledger's path as the user gave it (or the default), for messages too."""
    given = getattr(args, "db", None)
    if given:
        return given
    from ledger.db import default_path

    return default_path()


def shown(path: str) -> str:
    """The ledger's path or address as messages show it (`stores.shown`)."""
    from ledger import stores

    return stores.shown(path)


def ledger_exists(path: str) -> bool:
    """Whether a ledger is at `path` already: a file, or a schema on a server."""
    from ledger import stores

    if stores.is_server(path):
        from ledger.stores import postgresql

        where = postgresql.parse(path)
        return bool(where.ledger) and where.ledger in dict(postgresql.ledgers(path))
    from pathlib import Path

    return Path(path).exists()


def open_ledger(args, create: bool = False):
    """Open the command's ledger for reading and writing (made if `create`)."""
    from ledger import db

    return db.open_ledger(ledger_path(args), create=create)



def read_ledger(args, create: bool = False):
    """Open the command's ledger only to read it: a backup or a ledger on a CD or a
    read-only USB stick is left exactly as it is. With `create`, a ledger that does not
    exist yet is made (bare `silk` on a new machine), and so opened for writing."""
    from ledger import db

    path = ledger_path(args)
    if create and not ledger_exists(path):
        return db.open_ledger(path, create=True)
    return db.open_ledger(path, readonly=True)
