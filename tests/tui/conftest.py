"""Fixtures for the terminal UI: one demo ledger file built per session and copied for
each test (thread workers need a file, not an in-memory database)."""
from __future__ import annotations

import shutil

import pytest
import textual._wait

from ledger import drives, models, printing

from helpers import demo_ledger_file, settle


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    return demo_ledger_file(tmp_path_factory.mktemp("demo") / "ledger.db", 60, 2, seed=3)


@pytest.fixture
def demo_path(demo_file, tmp_path):
    """A fresh copy of the demo ledger for one test."""
    path = tmp_path / "ledger.db"
    shutil.copy(demo_file, path)
    yield path
    if models.database.obj is not None:
        models.database.close()


@pytest.fixture(autouse=True)
def quick_idle(monkeypatch):
    """Pilot waits for the app to go idle after every key it presses, sleeping 20 ms at a
    time until a sleep passes without the process working (`textual._wait`): a word typed
    key by key cost a second asleep. 5 ms sleeps tell idle by the same rule (under 1 ms
    of CPU in a sleep), and the suite's `settle` still waits for every worker."""
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.005)


@pytest.fixture(autouse=True)
def screens_built_when_shown(request, monkeypatch):
    """The app builds the households, journal and batches screens ahead, after the home
    screen shows (`SilkApp.prepare_screens`): in a test, three screens it mostly never
    opens, built while it presses keys. A test builds each screen when it is first shown,
    the app's own way where building ahead cannot be done; a test marked
    `prepared_screens` has them built ahead, as the accountant does."""
    if "prepared_screens" not in request.keywords:
        from ledger.tui.app import SilkApp

        monkeypatch.setattr(SilkApp, "PREPARED", ())


@pytest.fixture(autouse=True)
def no_drives_or_printer(monkeypatch):
    """No test of the terminal UI sees this computer's USB sticks or printer: a backup or
    export never lands on a real drive, and nothing is ever printed. A test wanting a
    stick or a printer stubs its own."""
    monkeypatch.setattr(drives, "removable_drives", lambda *args, **kwargs: [])
    monkeypatch.setattr(printing, "find_printer", lambda: None)


@pytest.fixture
def open_books():
    """Open the books (账簿与报表) in a running app: as `z` does, or on `report`; the
    books screen, its document read."""
    from ledger.tui.screens.books import BooksScreen

    async def opened(pilot, app, report: str | None = None) -> BooksScreen:
        await settle(pilot, app)
        if report is None:
            await pilot.press("z")
        else:
            await app.show_book(report)
        await settle(pilot, app)
        assert isinstance(app.screen, BooksScreen)
        return app.screen

    return opened
