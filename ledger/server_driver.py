"""The PostgreSQL driver, loaded only when a ledger on a server is opened.

Peewee imports psycopg as soon as it is imported itself, whenever psycopg is installed:
about 120 ms of every command's start, a third of a village's `silk report`, paid for a
server the village never talks to. So while Peewee is being imported (and only then) the
drivers look absent to it; the PostgreSQL store, when a server address is opened, hands
Peewee the driver it imported (`hand_to_peewee`), completing what Peewee's own import
would have done. Anything else imports psycopg as usual.
"""
from __future__ import annotations

import importlib.util
import sys

#: What Peewee tries to import at its own import: the drivers of PostgreSQL.
DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")


class _PeeweeWithoutDrivers:
    """A finder for `peewee` alone, whose loader imports it with the drivers hidden."""

    def find_spec(self, name, path=None, target=None):
        if name != "peewee":
            return None
        sys.meta_path.remove(self)  # once: peewee is imported once
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _HidingDrivers(spec.loader)
        return spec


class _HidingDrivers:
    """Runs a module's loader while the drivers not yet imported look absent."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        hidden = [name for name in DRIVERS if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # `import name` raises ImportError
        try:
            self.loader.exec_module(module)
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]


def defer() -> None:
    """Have Peewee imported without the drivers (before anything imports Peewee)."""
    if "peewee" not in sys.modules and not any(
            isinstance(finder, _PeeweeWithoutDrivers) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PeeweeWithoutDrivers())


def hand_to_peewee() -> None:
    """Give Peewee psycopg 3, as its import would have found it had it not been hidden."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if peewee.psycopg is not None:
        return
    peewee.psycopg, peewee.TransactionStatus = psycopg, TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
