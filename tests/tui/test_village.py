"""Which village is open, in every screen's header; what another accountant wrote, shown
without a key; and on a township's server, switching to another village's ledger."""
from __future__ import annotations

import asyncio
import uuid
from urllib.parse import urlsplit

import pytest

from helpers import build_village, make_village, settle, table_cells, valid
from ledger import book, db, models
from ledger.browse import release
from ledger.tui.app import make_app
from ledger.tui.screens.choose import ChooseScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.journal import JournalScreen
from pg_server import SERVER, server_answers

SIZE = (120, 40)


def named_village(path, name: str):
    """The helpers' small village in a file, its village named."""
    make_village(path)
    database = db.open_ledger(path)
    db.set_meta("village", name)
    database.close()
    models.database.initialize(None)
    return path


def header_text(app) -> str:
    return str(app.screen.query_one("HeaderTitle").render())


def another_accountant_pays(amount: str) -> None:
    """A payment written by another connection, as a second accountant's would be."""
    try:
        book.record("payments", valid("payments", date="2026-05-15", amount=amount))
    finally:
        release()


async def test_every_header_names_the_village_and_the_file(tmp_path):
    app = make_app(named_village(tmp_path / "ledger.db", "桑园村"), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert "桑园村 · ledger.db" in header_text(app)
        for key in ("j", "h", "b"):
            await pilot.press(key)
            await settle(pilot, app)
            assert "桑园村 · ledger.db" in header_text(app)


async def test_the_journal_shows_what_another_accountant_wrote(tmp_path):
    app = make_app(named_village(tmp_path / "ledger.db", "桑园村"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        assert isinstance(app.screen, JournalScreen)
        assert not any("4321.09" in " ".join(row) for row in
                       table_cells(app.screen.query_one("#journal")))
        assert app.look_for_writes() is False  # nothing new: nothing read again

        await asyncio.to_thread(another_accountant_pays, "4321.09")
        assert app.look_for_writes() is True  # as the timer does every few seconds
        await settle(pilot, app)
        rows = table_cells(app.screen.query_one("#journal"))
        assert any("4321.09" in " ".join(row) for row in rows)
        assert app.look_for_writes() is False


async def test_a_screen_resumed_shows_what_was_written_meanwhile(tmp_path):
    app = make_app(named_village(tmp_path / "ledger.db", "桑园村"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        await pilot.press("g")
        await settle(pilot, app)
        await asyncio.to_thread(another_accountant_pays, "1234.56")
        await pilot.press("j")  # the journal resumes, and looks
        await settle(pilot, app)
        rows = table_cells(app.screen.query_one("#journal"))
        assert any("1234.56" in " ".join(row) for row in rows)


async def test_switching_villages_needs_a_server(tmp_path):
    app = make_app(named_village(tmp_path / "ledger.db", "桑园村"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.check_action("switch_ledger", ()) is False  # no key on a file
        app.action_switch_ledger()
        await settle(pilot, app)
        assert not isinstance(app.screen, ChooseScreen)
        assert any("township server" in str(n.message) for n in app._notifications)


@pytest.fixture
def township():
    """A throwaway database on the server with two village ledgers; dropped after."""
    if not server_answers():
        pytest.skip(f"no PostgreSQL server answers at {SERVER} (set SILK_PG_SERVER to one)")
    import psycopg

    name = f"silk_village_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        for code, village in (("sangyuan", "桑园村"), ("xigou", "西沟村"), ("dongling", "")):
            database = db.open_ledger(f"{SERVER}/{name}?ledger={code}", create=True)
            if village:  # dongling: a new village's ledger, nothing in it yet
                build_village()
                db.set_meta("village", village)
            database.close()
            models.database.initialize(None)
        yield f"{SERVER}/{name}"
    finally:
        if models.database.obj is not None:
            models.database.close()
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_the_switch_lists_the_servers_ledgers_and_opens_the_one_chosen(township):
    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    host, database = urlsplit(township).hostname, township.rsplit("/", 1)[1]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert f"桑园村 · sangyuan @ {host}/{database}" in header_text(app)
        assert app.check_action("switch_ledger", ()) is True
        await pilot.press("L")
        await settle(pilot, app)
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        listed = str(chooser.query_one("OptionList").get_option_at_index(2).prompt)
        assert "xigou" in listed and "西沟村" in listed
        await pilot.press("down", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert app.db_path.endswith("?ledger=xigou")
        assert db.get_meta("village") == "西沟村"
        assert f"西沟村 · xigou @ {host}/{database}" in header_text(app)
        # its figures read and shown: the server had refused the home screen's groupings
        assert [n.message for n in app._notifications if n.severity == "error"] == []
        figures = str(app.screen.query_one("#figures").render())
        assert "收蚁 2 · 上蔟 0 · 采茧 1" in figures and "13.50" in figures


async def choose_ledger(pilot, app, code: str) -> None:
    await pilot.press("L")
    await settle(pilot, app)
    listed = app.screen.query_one("OptionList")
    codes = [str(listed.get_option_at_index(i).prompt).split()[0]
             for i in range(listed.option_count)]
    listed.highlighted = codes.index(code)
    await pilot.press("enter")
    await settle(pilot, app)


async def test_switching_to_an_empty_ledger_opens_the_first_run_screen(township):
    """As starting on an empty ledger does; the home screen showed no season instead."""
    from ledger.tui.screens.setup import SetupScreen

    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await choose_ledger(pilot, app, "dongling")
        assert app.db_path.endswith("?ledger=dongling")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"东岭村")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert db.get_meta("village") == "东岭村" and "东岭村" in header_text(app)


async def test_a_household_page_open_before_a_switch_is_gone_after_it(township):
    """The page stayed under the households list, showing the other village's figures
    when it came back; every main screen starts from its root after a switch."""
    from ledger.tui.screens.household import HouseholdScreen
    from ledger.tui.screens.households import HouseholdsScreen

    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdScreen)
        await pilot.press("g")
        await settle(pilot, app)
        await choose_ledger(pilot, app, "xigou")
        assert isinstance(app.screen, HomeScreen)
        await app.switch_mode("households")  # as the command palette does, no popping
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdsScreen)
        assert len(app.screen_stack) == 1
        assert "西沟村" in header_text(app)
