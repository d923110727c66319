"""Which ledger a command works on (`--db`, else `SILK_DB`, else ./ledger.db), and
opening it. The database layer is imported only here and only when a command opens
the ledger, never for `--help` or `--version`.
"""
from __future__ import annotations


def ledger_path(args) -> str:
    """The ledger's path as the user gave it (or the default), for messages too."""
    given = getattr(args, "db", None)
    if given:
        return given
    from ledger.db import default_path

    return default_path()


def open_ledger(args, create: bool = False):
    """Open the command's ledger for reading and writing (made if `create`)."""
    from ledger import db

    return db.open_ledger(ledger_path(args), create=create)

