"""The PostgreSQL server the tests use: $SILK_PG_SERVER, by default the one CI runs at
127.0.0.1:5432 with trust authentication for `postgres`. Test databases are named
`silk_…`, made and dropped by the tests themselves (`throwaway_database`)."""
from __future__ import annotations

import functools
import os
import uuid
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER = os.environ.get("SILK_PG_SERVER", "postgresql://postgres@127.0.0.1:5432").rstrip("/")


@functools.cache
def server_answers() -> bool:
    """Whether the server accepts a connection within a few seconds."""
    try:
        import psycopg

        psycopg.connect(f"{SERVER}/postgres", connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - any failure means: no server for these tests
        return False
    return True


#: A test (or module, as `pytestmark`) that needs the server: skipped, with the reason,
#: when none answers.
needs_server = pytest.mark.skipif(not server_answers(), reason=f"no PostgreSQL server "
                                  f"answers at {SERVER} (set SILK_PG_SERVER to one)")


@contextmanager
def throwaway_database(prefix: str) -> Iterator[str]:
    """The address of a new database `<prefix>_<random>` on the server, for the block's
    duration; then dropped (its connections ended), with every role whose name begins
    with the database's (roles are the server's, not a database's)."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for (role,) in admin.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s",
                                         (name.replace("_", r"\_") + "%",)).fetchall():
                admin.execute(f'DROP ROLE "{role}"')


@contextmanager
def demo_township(prefix: str, folder, password: str | None = None) -> Iterator[dict]:
    """A throwaway database (see above) with two demo villages `a` and `b`, made by
    `silk` in `folder`, an accountant `<database>_acc` of `a` (with `password`, if
    given) and an auditor `<database>_aud`: its address, prefix (the database's name)
    and folder."""
    from helpers import ok, silk

    with throwaway_database(prefix) as address:
        prefix = address.rsplit("/", 1)[1]
        for code in ("a", "b"):
            ok(silk("--db", f"{address}?ledger={code}", "demo", "--households", "4",
                    "--seasons", "1", cwd=folder))
        secret = ("--password", password) if password else ()
        ok(silk("--db", address, "user", "add", f"{prefix}_acc", "--role", "accountant",
                "--ledger", "a", *secret, cwd=folder))
        ok(silk("--db", address, "user", "add", f"{prefix}_aud", "--role", "auditor",
                cwd=folder))
        yield dict(address=address, prefix=prefix, folder=folder)


def as_login(address: str, login: str) -> str:
    """`address` with `login` as its user (trust authentication: no password)."""
    parts = urlsplit(address)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"{login}@{host}", parts.path, parts.query, ""))
