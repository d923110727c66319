"""The PostgreSQL server the tests use: $SILK_PG_SERVER, by default the one CI runs at
127.0.0.1:5432 with trust authentication for `postgres`. Test databases are named
`silk_pg_…`, made and dropped by the tests themselves."""
from __future__ import annotations

import functools
import os

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
