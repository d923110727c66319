"""The store seam without a server: what makes a row's seal the same on every store, and
the choice of store by address."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ledger import models, seal, stores
from ledger.stores import postgresql, sqlite


def test_a_seal_is_the_same_whatever_the_driver_returns():
    as_sqlite = [7, "2026-04-20", 3, 12, 100_000, 50, None, None]
    as_psycopg = [7, date(2026, 4, 20), 3, 12, Decimal(100_000), 50, None, None]
    assert (seal.row_seal(models.LeafDelivery, as_sqlite)
            == seal.row_seal(models.LeafDelivery, as_psycopg))
    assert seal.voucher_hash("", as_sqlite, [(1, 2, 3)]) == seal.voucher_hash(
        "", as_psycopg, [(Decimal(1), 2, 3)])
    assert seal.canonical(Decimal("1.5")) == Decimal("1.5")  # never rounded into an int
    assert seal.canonical(True) == 1


def test_the_address_chooses_the_store():
    assert stores.is_server("postgresql://u@h/township?ledger=x")
    assert stores.is_server("postgres://u@h/township")
    assert not stores.is_server("postgresql.db") and not stores.is_server("账本/东山村.db")


def test_the_open_ledger_names_its_store(memory_ledger):
    assert stores.current().name in ("sqlite", "postgresql")
    assert stores.current() is stores.of(models.database.obj)
    assert isinstance(stores.current(), (sqlite.SqliteStore, postgresql.PostgresqlStore))


def test_each_store_spells_a_month_and_a_set_of_ids(memory_ledger):
    Voucher = models.Voucher
    store = stores.current()
    query = Voucher.select(store.month_of(Voucher.date)).where(store.among(Voucher.id, [1, 2]))
    assert list(query.tuples()) == []  # an empty ledger: valid SQL, no rows
