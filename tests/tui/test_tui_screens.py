"""The terminal UI driven as a user would, on a copy of a demo ledger file."""
from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest
from textual.widgets import DataTable, Input, Static

from ledger import book, browse, db, i18n, income, models, money
from ledger.tui.app import make_app
from ledger.tui.screens.household import HouseholdScreen
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.screens.setup import SetupScreen
from ledger.tui.screens.voucher import VoucherScreen
from ledger.tui.widgets.figures import Figures
from ledger.tui.widgets.paged_table import PagedTable

from helpers import settle

SIZE = (120, 40)


def text(widget) -> str:
    return str(widget.render())


def cells(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_shows_the_seasons_figures(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        glance = app.read_model.overview.glance(app.season)
        figures = text(app.screen.query_one(Figures))
        assert money.yuan(glance.cocoon_income) in figures
        assert money.yuan(glance.owed_to_households) in figures
        attention = cells(app.screen.query_one("#attention", DataTable))
        assert any("The books add up" in " ".join(row) for row in attention)


async def test_the_home_screen_follows_a_long_check_step_by_step(demo_path, monkeypatch):
    """On a county's books the check takes minutes: its row says how far it has got."""
    from ledger import check

    halfway, go_on = threading.Event(), threading.Event()
    whole_check = check.run

    def slow_check(progress=None):
        progress(3, 9)
        halfway.set()
        go_on.wait(30)
        return whole_check(progress)

    monkeypatch.setattr(check, "run", slow_check)
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(halfway.wait, 30)
        await pilot.pause(0.1)
        attention = cells(app.screen.query_one("#attention", DataTable))
        assert any("checking the books… step 3 of 9" in " ".join(row) for row in attention)
        go_on.set()
        await settle(pilot, app)
        attention = cells(app.screen.query_one("#attention", DataTable))
        assert any("The books add up" in " ".join(row) for row in attention)
        assert not any("step" in " ".join(row) for row in attention)


async def test_a_check_started_again_owns_the_row_not_the_one_it_replaced(demo_path,
                                                                          monkeypatch):
    """`c` during a long check starts another: what the first one says afterwards,
    steps or verdict, must not overwrite the second one's row."""
    from ledger import check

    started = [threading.Event(), threading.Event()]
    release = [threading.Event(), threading.Event()]
    calls = []
    whole_check = check.run

    def held_check(progress=None):
        number = len(calls)
        calls.append(number)
        progress(3 + 2 * number, 9)  # the first says step 3, the second step 5
        started[number].set()
        release[number].wait(30)
        return whole_check(progress)

    monkeypatch.setattr(check, "run", held_check)
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(started[0].wait, 30)
        await pilot.press("c")
        assert await asyncio.to_thread(started[1].wait, 30)
        await pilot.pause(0.1)
        release[0].set()  # the first check runs to its end
        await pilot.pause(1.0)
        attention = " | ".join(" ".join(row) for row in
                               cells(app.screen.query_one("#attention", DataTable)))
        assert "step 5 of 9" in attention and "add up" not in attention
        release[1].set()
        await settle(pilot, app)
        attention = cells(app.screen.query_one("#attention", DataTable))
        assert any("The books add up" in " ".join(row) for row in attention)


async def test_find_a_household_by_pinyin_initials_and_see_its_figures(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        report = income.season_income(app.season)
        target = next(p for p in report.parties if p.kind == "household" and p.cocoon_income)
        initials = browse.initials(target.name)
        await pilot.press("h")
        await settle(pilot, app)
        await pilot.press("slash", *initials)
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        assert target.code in [row[0] for row in cells(table)]
        assert all(initials in browse.initials(row[1]) for row in cells(table))
        await pilot.press("enter")
        table.move_cursor(row=table.get_row_index(target.code))
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdScreen)
        figures = text(app.screen.query_one(Figures))
        for fen in (target.income, target.cost, target.net_income, target.paid, target.balance):
            assert money.yuan(fen) in figures


async def test_switch_season_and_language(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        first = app.season
        assert "售茧收入" in text(app.screen.query_one(Figures))
        await pilot.press("h")  # visited once, so it is redone when shown again
        await settle(pilot, app)
        await pilot.press("g")
        await settle(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("up", "enter")
        await settle(pilot, app)
        assert app.season.id != first.id
        other = app.read_model.overview.glance(app.season)
        assert money.yuan(other.cocoon_income) in text(app.screen.query_one(Figures))
        await pilot.press("f2")
        await settle(pilot, app)
        assert i18n.language() == "en"
        assert "Cocoon income" in text(app.screen.query_one(Figures))
        assert "售茧收入" not in text(app.screen.query_one(Figures))
        await pilot.press("h")
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["Code", "Name"]
        assert app.focused is table  # keys move in the list, not into the search box
        figures = app.read_model.seasons.party_figures(app.season)
        first_row = [str(cell) for cell in table.get_row_at(0)]
        assert first_row[6] == money.yuan(figures[first_row[0]].balance)


async def test_journal_filtered_by_party_and_a_voucher_opened(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("f", "tab")
        assert app.focused is app.screen.query_one("#journal-party", Input)
        await pilot.press(*"h003", "enter")
        await settle(pilot, app)
        rows = cells(app.screen.query_one(PagedTable))
        name = models.Party.get(models.Party.code == "H003").name  # names, not codes, shown
        assert rows and all(name in (row[3], row[4]) for row in rows)
        assert not any(row[3] == "COLLECTIVE" or row[4] == "COLLECTIVE" for row in rows)
        line = str(app.screen.query_one("#journal-detail").render())
        assert line.startswith(rows[0][2]) and name in line  # the whole row, by number
        assert [row[0] for row in rows] == sorted((row[0] for row in rows), reverse=True)
        with_voucher = next(i for i, row in enumerate(rows) if row[2].strip())
        assert app.focused is app.screen.query_one(PagedTable)
        app.screen.query_one(PagedTable).move_cursor(row=with_voucher)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, VoucherScreen)
        postings = cells(app.screen.query_one(DataTable))
        assert postings[-1][1] == postings[-1][2] == rows[with_voucher][5]


async def test_first_run_sets_up_the_village_and_season(ledger_path):
    app = make_app(ledger_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Sangyuan", "ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, SetupScreen)
        assert db.get_meta("village") == "Sangyuan"
        assert app.season is not None and models.Season.select().count() == 1


@pytest.mark.sqlite_only  # another program's lock on the file
async def test_a_busy_ledger_gets_a_message_and_nothing_is_written(ledger_path):
    app = make_app(ledger_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        models.database.execute_sql("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(ledger_path)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press(*"Sangyuan", "ctrl+s")
            await settle(pilot, app)
            assert isinstance(app.screen, SetupScreen)
            shown = [n.message for n in app._notifications]
            assert i18n.t("db_busy", "en") in shown
            error = str(app.screen.query_one("#setup-error", Static).render())
            assert i18n.t("db_busy", "en") in error
        finally:
            other.rollback()
            other.close()
        assert models.Season.select().count() == 0
        assert db.get_meta("village") == ""


@pytest.mark.prepared_screens
async def test_a_screen_prepared_before_a_payment_shows_the_payment(demo_path):
    """The main screens are built while the home screen is read; one built before a
    change reads its figures again when it is first shown."""
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        while not app.screens_prepared:
            await pilot.pause()
        await settle(pilot, app)
        season = app.season
        household = next(p for p in income.season_income(season).parties
                         if p.kind == "household")
        book.record("payments", dict(
            date=str(season.start), season=season.code, household=household.code,
            direction="to_household", amount="123.45", method="cash", memo=""))
        app.records_changed()
        await pilot.press("h")
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        row = cells(table)[table.get_row_index(household.code)]
        assert row[-1] == money.yuan(household.balance - 12345)
