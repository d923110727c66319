"""Fixtures for the terminal UI: one demo ledger file built per session and copied for
each test (thread workers need a file, not an in-memory database)."""
from __future__ import annotations

import shutil

import pytest

from ledger import db, demo, models


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "ledger.db"
    database = db.open_ledger(path, create=True)
    demo.generate(households=60, seasons=2, seed=3)
    database.close()
    models.database.initialize(None)
    return path


@pytest.fixture
def demo_path(demo_file, tmp_path):
    """A fresh copy of the demo ledger for one test."""
    path = tmp_path / "ledger.db"
    shutil.copy(demo_file, path)
    yield path
    if models.database.obj is not None:
        models.database.close()
