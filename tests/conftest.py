"""Shared fixtures: a fresh ledger per test, in memory or on disk."""
from __future__ import annotations

import pytest

from ledger import db, models


@pytest.fixture
def memory_ledger():
    """An empty ledger in memory, bound to the models for the test's duration."""
    database = db.open_memory()
    yield database
    database.close()


@pytest.fixture
def ledger_path(tmp_path):
    """The path of an empty ledger file (created, then closed)."""
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    database.close()
    return path


@pytest.fixture
def file_ledger(ledger_path):
    """An empty on-disk ledger, open and bound to the models."""
    database = db.open_ledger(ledger_path)
    yield database
    database.close()
    models.database.initialize(None)
