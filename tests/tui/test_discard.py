"""Esc on a form with something typed asks before throwing it away (issue 15)."""
from __future__ import annotations

from textual.widgets import Input

from helpers import settle, table_counts
from ledger.tui.app import make_app
from ledger.tui.forms.entry import EntryForm
from ledger.tui.forms.wage_sheet import WageSheet
from ledger.tui.screens.backups import ConfirmScreen

SIZE = (120, 40)


async def open_leaf_form(pilot, app) -> EntryForm:
    await settle(pilot, app)
    app.add_record("leaf")
    await settle(pilot, app)
    assert isinstance(app.screen, EntryForm)
    return app.screen


async def test_esc_on_a_filled_form_asks_and_esc_again_goes_back_to_it(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_leaf_form(pilot, app)
        form.query_one("#field-kg", Input).value = "120"
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        assert "放弃已填写的内容" in str(app.screen.query_one(".heading").render())
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is form
        assert form.query_one("#field-kg", Input).value == "120"


async def test_enter_on_the_question_discards_and_saves_nothing(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        before = table_counts()
        form = await open_leaf_form(pilot, app)
        form.query_one("#field-kg", Input).value = "120"
        await pilot.press("escape")
        await settle(pilot, app)
        assert "Discard what was typed?" in str(app.screen.query_one(".heading").render())
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, (EntryForm, ConfirmScreen))
        assert table_counts() == before


async def test_esc_on_an_untouched_form_closes_it_at_once(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_leaf_form(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, (EntryForm, ConfirmScreen))


async def test_esc_on_a_wage_sheet_with_a_day_typed_asks_first(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        sheet = app.screen
        assert isinstance(sheet, WageSheet)
        await pilot.press("H", "0", "0", "1", "tab", "张", "tab", "1", "escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is sheet and sheet.grid.entries[0]["d0"] == "1"


async def test_an_unsaved_wage_sheet_is_back_after_the_app_closed_until_discarded(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("H", "0", "0", "1", "tab", "张", "tab", "1", "tab")
        await settle(pilot, app)
    app = make_app(demo_path, lang="zh")  # the program closed and opened again
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        sheet = app.screen
        assert isinstance(sheet, WageSheet)
        assert sheet.grid.entries[0] == {"household": "H001", "worker": "张", "d0": "1"}
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("enter")  # discard, on purpose
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        assert not app.screen.typed()


async def test_a_restored_sheet_opens_in_the_first_cell_left_to_type_in(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("H", "0", "0", "1", "tab", "张", "tab", "1", "enter")
        await pilot.press("H", "0", "0", "2", "tab", "李", "tab", "1", "tab")
        await settle(pilot, app)
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        sheet = app.screen
        assert isinstance(sheet, WageSheet) and sheet.focused is sheet.grid
        assert sheet.grid.cursor_coordinate == (2, 0)  # the third worker's household
