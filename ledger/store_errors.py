"""What a database error means, read from its error code, never from its wording.

SQLite's messages are for developers and change between versions ("database is locked",
"database table is locked", "cannot rollback - no transaction is active" hiding a full
disk). Its result codes do not: Python 3.11+ gives them as `sqlite_errorcode`. A
PostgreSQL driver gives a SQLSTATE instead (psycopg's `sqlstate`), mapped here too, by
code and by class; a connection that never reached the server has none, and psycopg
says so by its `OperationalError` alone.

An error is often wrapped (peewee wraps sqlite3's errors) or hidden behind a second one
raised while recovering from it (the rollback after a full disk fails because SQLite has
already rolled back): `kind` looks through the whole chain and names the first cause it
knows.
"""
from __future__ import annotations

import sqlite3
import sys
from typing import Iterator

from peewee import DatabaseError

#: Another connection holds the lock the operation needs; trying later will do.
BUSY = "busy"
#: The disk (or the database's size limit) is full; the write was undone.
FULL = "full"
#: The file or its folder cannot be written, or it was opened read-only.
READONLY = "readonly"
#: The file is damaged or is not a database at all.
CORRUPT = "corrupt"
#: The file could not be opened (missing folder, no permission to read).
CANTOPEN = "cantopen"
#: The operating system failed to read or write the file.
IOERR = "ioerr"
#: The server undid the transaction because a concurrent one conflicted with it
#: (serialization failure, deadlock): run again as a whole, it succeeds (`stores.retried`).
CONFLICT = "conflict"
#: The server does not answer (down, wrong host or port, a connection cut).
UNREACHABLE = "unreachable"
#: The server has no database of that name.
NO_DATABASE = "no_database"
#: The server refused the login or the operation (password, role, privilege).
DENIED = "denied"
#: Anything else: a constraint, a bug, an unknown code.
OTHER = "other"

#: What a database operation on a file may raise: peewee's own and, from the raw cursors
#: used for bulk writes and backups, sqlite3's.
_FILE_ERRORS = (DatabaseError, sqlite3.Error)


def _server_driver():
    """psycopg once a ledger on a server has loaded it, else None: the driver is not
    imported for a file (`ledger.server_driver`), and none of its errors can occur."""
    return sys.modules.get("psycopg")


def __getattr__(name: str):
    """`ERRORS`: every exception a database operation may raise, psycopg's included once
    it is loaded; read when an `except` meets an error, so never stale."""
    if name == "ERRORS":
        driver = _server_driver()
        return _FILE_ERRORS + ((driver.Error,) if driver is not None else ())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: SQLite primary result code (the low byte of an extended one) -> kind.
_SQLITE = {
    sqlite3.SQLITE_BUSY: BUSY,
    sqlite3.SQLITE_LOCKED: BUSY,
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_READONLY: READONLY,
    sqlite3.SQLITE_PERM: READONLY,
    sqlite3.SQLITE_CORRUPT: CORRUPT,
    sqlite3.SQLITE_NOTADB: CORRUPT,
    sqlite3.SQLITE_CANTOPEN: CANTOPEN,
    sqlite3.SQLITE_IOERR: IOERR,
}

#: PostgreSQL SQLSTATE -> kind (for a server-backed ledger).
_SQLSTATE = {
    "55P03": BUSY,  # lock_not_available
    "40P01": CONFLICT,  # deadlock_detected: the transaction was rolled back, run it again
    "40001": CONFLICT,  # serialization_failure: likewise
    "53100": FULL,  # disk_full
    "25006": READONLY,  # read_only_sql_transaction
    "XX001": CORRUPT,  # data_corrupted
    "XX002": CORRUPT,  # index_corrupted
    "3D000": NO_DATABASE,  # invalid_catalog_name: no such database
    "28P01": DENIED,  # invalid_password
    "28000": DENIED,  # invalid_authorization_specification: no such role, no entry
    "42501": DENIED,  # insufficient_privilege
    "57P01": UNREACHABLE,  # admin_shutdown: the server is going down
}

#: SQLSTATE classes (the first two characters) -> kind.
_SQLSTATE_CLASS = {
    "08": UNREACHABLE,  # connection_exception
    "53": FULL,  # insufficient_resources
}


def kind(error: BaseException) -> str:
    """The kind of a database error (BUSY, FULL, READONLY, ...), OTHER when no cause in
    its chain carries a code this module knows."""
    for cause in _chain(error):
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE:
            return _SQLITE[code & 0xFF]
        state = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
        if isinstance(state, str) and state in _SQLSTATE:
            return _SQLSTATE[state]
        if isinstance(state, str) and state[:2] in _SQLSTATE_CLASS:
            return _SQLSTATE_CLASS[state[:2]]
        driver = _server_driver()
        if driver is not None and state is None and isinstance(cause, driver.OperationalError):
            # No SQLSTATE: the server never answered (refused, timed out, unknown host),
            # or the connection was cut; psycopg says so by this class alone.
            return UNREACHABLE
    return OTHER


def sqlstate(error: BaseException) -> str | None:
    """The first SQLSTATE in the error's chain (a server's error), None when none has one:
    for the rare code that means something to one operation only."""
    for cause in _chain(error):
        state = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
        if isinstance(state, str):
            return state
    return None


def is_busy(error: BaseException) -> bool:
    return kind(error) == BUSY


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (peewee keeps the driver's error as `orig`) and what it
    was raised in handling or because of, each once."""
    seen: set[int] = set()
    waiting = [error]
    while waiting:
        current = waiting.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        waiting += [argument for argument in current.args if isinstance(argument, BaseException)]
        waiting += [getattr(current, "orig", None), current.__cause__, current.__context__]
