"""Shared fixtures: a fresh ledger per test, in memory or on disk.

With SILK_TEST_STORE=postgresql every ledger these fixtures make is instead a fresh
schema in a database of this test process's own on the PostgreSQL server
($SILK_PG_SERVER, see `pg_server`), and the tests marked `sqlite_only` (those about the
ledger file itself: its bytes, its folder, its locks) are skipped.
"""
from __future__ import annotations

import inspect
import itertools
import os
import shutil
from typing import Any, Callable

import pytest

from ledger import check, db, i18n, models
from pg_server import SERVER, server_answers, throwaway_database

#: The store the suite's ledgers live in: "sqlite" (the default) or "postgresql".
STORE = os.environ.get("SILK_TEST_STORE", "sqlite")
ON_SERVER = STORE == "postgresql"
_NUMBERS = itertools.count(1)


#: The fixtures that give a test its ledger in the store under test; a test using none of
#: them (its own files, its own server, no ledger at all) is the same test on either pass.
STORE_FIXTURES = frozenset({"memory_ledger", "ledger_path", "file_ledger", "server_address"})
#: How the name of a module's read-only ledger fixture ends (`read_only_ledger`).
BUILT_ONCE = "_built_once"


def pytest_collection_modifyitems(config, items):
    """On the server's pass, run only what depends on the store: a test about the SQLite
    file itself is left out, and so is one that takes no ledger from the fixtures above,
    since it would only repeat the SQLite pass."""
    if not ON_SERVER:
        return
    file_only = pytest.mark.skip(reason="about the SQLite file itself (SILK_TEST_STORE=postgresql)")
    same = pytest.mark.skip(reason="takes no ledger of the store under test: the same test "
                                   "as in the SQLite pass")
    for item in items:
        if "sqlite_only" in item.keywords:
            item.add_marker(file_only)
        elif not _takes_a_ledger(getattr(item, "fixturenames", ())):
            item.add_marker(same)


def _takes_a_ledger(fixtures) -> bool:
    """Whether a test's fixtures give it a ledger of the store under test: one of the
    fixtures above, or a module's read-only ledger (`read_only_ledger`)."""
    return any(name in STORE_FIXTURES or name.endswith(BUILT_ONCE) for name in fixtures)


class ServerLedger(str):
    """A ledger's address on the server where a test expects a file's path: its
    `parent` is the test's own folder, where the test runs commands and writes files."""

    parent = None


@pytest.fixture(scope="session")
def server_database():
    """This test process's own database on the server, dropped when the session ends."""
    if not server_answers():
        pytest.fail(f"SILK_TEST_STORE=postgresql but no server answers at {SERVER}")
    with throwaway_database(f"silk_pg_suite_{os.getpid()}") as township:
        yield township
        if models.database.obj is not None:
            models.database.obj.close()


@pytest.fixture
def server_address(request):
    """The address of a ledger code not yet used on the server; its schema is dropped
    after the test. Only with SILK_TEST_STORE=postgresql."""
    township = request.getfixturevalue("server_database")
    address = f"{township}?ledger=t{next(_NUMBERS)}"
    yield address
    from ledger.stores import postgresql

    if models.database.obj is not None and not models.database.obj.is_closed():
        models.database.obj.close()
    postgresql.drop_ledger(address)


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
def memory_ledger(request):
    """An empty ledger in memory (on the server, with SILK_TEST_STORE=postgresql), bound
    to the models for the test's duration; `check` must pass on it when the test ends."""
    if ON_SERVER:
        database = db.open_ledger(request.getfixturevalue("server_address"), create=True)
    else:
        database = db.open_memory()
    yield database
    assert_sound(database)
    database.close()


def read_only_ledger(name: str, build: Callable[[], Any]):
    """Fixtures for a module's tests that only read one ledger, built once for the module
    by `build` (in memory, or a schema on the server) instead of by each test: on the
    server, making a ledger is most of a small test's time. The fixture `name` binds
    that ledger to the models and gives the test what `build` returned (the ledger
    itself if nothing), which no test may change. `check` must pass on the ledger when
    the module is done, and a test that writes to it fails, since what every table
    holds is compared after each test: a test that writes takes a ledger of its own.
    The module assigns both fixtures returned, so that pytest finds them:
    `_built, village = read_only_ledger("village", build_village)`."""
    built_name = name + BUILT_ONCE

    @pytest.fixture(scope="module", name=built_name)
    def built(request):
        if ON_SERVER:
            township = request.getfixturevalue("server_database")
            address = f"{township}?ledger=m{next(_NUMBERS)}"
            database = db.open_ledger(address, create=True)
        else:
            address, database = None, db.open_memory()
        made = build()
        yield database, _held(), database if made is None else made
        models.database.initialize(database)
        assert_sound(database)
        database.close()
        if address:
            from ledger.stores import postgresql

            postgresql.drop_ledger(address)

    def ledger(**once):
        database, held, made = once[built_name]
        models.database.initialize(database)
        yield made
        models.database.initialize(database)
        assert _held() == held, "a test wrote to its module's read-only ledger"

    # taken by name, so that a test of this ledger is seen to take one of the store under
    # test (`_takes_a_ledger`)
    return built, pytest.fixture(name=name)(_taking(ledger, built_name))


def ledger_file_copied(name: str, build: Callable[[], Any]):
    """Fixtures for a module's tests that each need a ledger file of their own, the same
    one: `build` writes it once for the module, and the fixture `name` gives each test
    a copy in its own folder (with the anchors beside it), closed, as its path. A copy is
    what building it again would make, at a thousandth of the time. The module assigns
    both fixtures returned, as with `read_only_ledger`."""
    template_name = f"{name}_template"

    @pytest.fixture(scope="module", name=template_name)
    def template(tmp_path_factory):
        path = tmp_path_factory.mktemp(name) / "ledger.db"
        database = db.open_ledger(path, create=True)
        try:
            build()
        finally:
            database.close()
            models.database.initialize(None)
        return path

    def copied(tmp_path, **once):
        made = once[template_name]
        shutil.copytree(made.parent, tmp_path, dirs_exist_ok=True)
        return tmp_path / made.name

    return template, pytest.fixture(name=name)(_taking(copied, template_name))


def _taking(fixture: Callable, name: str) -> Callable:
    """`fixture`, taking as a keyword the fixture called `name` besides what it takes
    itself: pytest reads what a fixture takes from its signature, and a fixture made
    for a module has a name only known when the module makes it."""
    own = [parameter for parameter in inspect.signature(fixture).parameters.values()
           if parameter.kind is not inspect.Parameter.VAR_KEYWORD]
    fixture.__signature__ = inspect.Signature(
        [*own, inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY)])
    return fixture


def _held() -> dict[str, list[tuple]]:
    """What a read-only ledger holds: every row of every table, in an order of their
    own. Rows counted alone would miss a value changed (a setting, a name)."""
    held = {}
    for model in models.ALL_MODELS:
        rows = models.database.execute_sql(f'SELECT * FROM "{model._meta.table_name}"')
        held[model.__name__] = sorted((tuple(row) for row in rows), key=repr)
    return held


@pytest.fixture
def ledger_path(tmp_path, request):
    """The path of an empty ledger file (created, then closed); with
    SILK_TEST_STORE=postgresql, the address of an empty ledger on the server."""
    if ON_SERVER:
        address = ServerLedger(request.getfixturevalue("server_address"))
        address.parent = tmp_path
        db.open_ledger(address, create=True).close()
        return address
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
