"""Shared fixtures: a fresh ledger per test, in memory or on disk."""
from __future__ import annotations

import pytest

from ledger import check, db, i18n, models


@pytest.fixture(autouse=True)
def language_of_the_machine():
    """Each test starts in the language the machine's locale gives, whatever the test
    before it switched to (a TUI test leaves the app's choice behind)."""
    i18n.set_language(None)
    yield
    i18n.set_language(None)


def assert_sound(database) -> None:
    """Whatever a test did through the product, the books must still add up."""
    if not database.is_closed():
        findings = check.run()
        assert findings == [], [finding.message("en") for finding in findings]


@pytest.fixture
def memory_ledger():
    """An empty ledger in memory, bound to the models for the test's duration; `check`
    must pass on it when the test ends."""
    database = db.open_memory()
    yield database
    assert_sound(database)
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
    """An empty on-disk ledger, open and bound to the models; `check` must pass on it
    when the test ends."""
    database = db.open_ledger(ledger_path)
    yield database
    if models.database.obj is database:
        assert_sound(database)
    database.close()
    models.database.initialize(None)
