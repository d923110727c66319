"""The wage sheet, typed in with the keyboard: one wage per filled cell, all or nothing."""
from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, Static

from ledger import book, i18n, models
from ledger.income import find_season, season_income
from ledger.tui.forms.attendance import AttendanceGrid
from ledger.tui.forms.wage_sheet import WageSheet



class Host(App):
    """A bare app that shows the sheet and keeps what it is dismissed with."""

    def __init__(self, screen):
        super().__init__()
        self.sheet = screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.sheet, self.results.append)

WORKERS = [("H001", "张国华"), ("H002", "李秀英"), ("H003", "王芳"), ("H004", "赵强"),
           ("H005", "刘梅")]


@pytest.fixture
def workshop(file_ledger):
    book.record_many([
        ("households", [("", {"code": code, "name": name, "group": "一组"})
                        for code, name in WORKERS]),
        ("seasons", [("", {"code": "2026-1", "name": "春蚕", "start": "2026-04-01",
                           "end": "2026-05-15"})]),
    ])
    return file_ledger


async def fill_settings(pilot, **values) -> None:
    for field, text in values.items():
        pilot.app.screen.query_one(f"#field-{field}", Input).value = text
    await pilot.pause()


async def type_rows(pilot, rows: list[tuple[str, ...]]) -> None:
    """Type each row from the grid's first cell: household, Tab, worker, Tab, days ..."""
    pilot.app.screen.query_one(AttendanceGrid).focus()
    for row in rows:
        for text in row:
            if text:
                await pilot.press(*text)
            await pilot.press("tab")


def wage_income() -> dict[str, int]:
    income = season_income(find_season("2026-1"))
    return {party.code: party.wage_income for party in income.parties if party.wage_income}


async def test_a_day_of_five_workers_saves_five_wages(workshop):
    i18n.set_language("zh")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await fill_settings(pilot, task="大蚕饲育", rate="110", **{"from": "4-20", "days": "1"})
        await type_rows(pilot, [(code, name, "1" if i != 2 else "0.5")
                                for i, (code, name) in enumerate(WORKERS)])
        await pilot.pause()
        summary = str(host.screen.query_one("#summary", Static).render())
        assert "5 条工资，共 4.5 天，495.00 元" in summary
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [5]
    wages = list(models.Wage.select().order_by(models.Wage.id))
    assert [(w.worker, w.quantity, w.amount, w.date) for w in wages][2] == (
        "王芳", 500, 5500, date(2026, 4, 20))
    assert wage_income() == {"H001": 11000, "H002": 11000, "H003": 5500, "H004": 11000,
                             "H005": 11000}


async def test_a_week_saves_one_wage_per_filled_cell_and_finds_households_by_pinyin(workshop):
    i18n.set_language("en")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await fill_settings(pilot, task="mounting", rate="100",
                            **{"from": "2026-04-20", "days": "3"})
        await type_rows(pilot, [("zgh", "张国华", "1", "", "1"), ("H002", "李秀英", "", "0.5", "")])
        await pilot.pause()
        grid = host.screen.query_one(AttendanceGrid)
        assert grid.entries[0]["household"] == "H001"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results == [3]
    assert sorted((w.household.code, w.date.day) for w in models.Wage.select()) == [
        ("H001", 20), ("H001", 22), ("H002", 21)]


async def test_one_bad_cell_saves_nothing_and_is_marked(workshop):
    i18n.set_language("en")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await fill_settings(pilot, task="feeding", rate="110", **{"from": "4-20", "days": "1"})
        await type_rows(pilot, [("H001", "张国华", "1"), ("H002", "李秀英", "0"),
                                ("H999", "王芳", "1")])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(host.screen, WageSheet)
        message = str(host.screen.query_one("#message", Static).render())
        assert "row 2, 4-20: quantity: must be greater than zero" in message
        assert "row 3, household: no household or partner with code H999" in message
        assert host.screen.query_one(AttendanceGrid).wrong == {(1, "d0"), (2, "household")}
    assert host.results == []
    assert models.Wage.select().count() == 0 and models.Voucher.select().count() == 0


@pytest.mark.parametrize("days", ["²", "٣"])
async def test_days_that_are_no_digits_are_out_of_range_not_a_crash(workshop, days):
    i18n.set_language("en")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await fill_settings(pilot, task="feeding", rate="110", **{"from": "4-20", "days": days})
        await type_rows(pilot, [("H001", "张国华", "1")])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(host.screen, WageSheet)
        assert "1 to 7 days" in str(host.screen.query_one("#message", Static).render())
    assert models.Wage.select().count() == 0


# -- issue 15: the start date, Tab across, names in the grid, Enter to the next worker -------

async def test_a_new_sheet_starts_on_the_first_day_of_the_last_sheet_saved(workshop):
    i18n.set_language("en")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await fill_settings(pilot, task="feeding", rate="100", **{"from": "4-20", "days": "3"})
        await type_rows(pilot, [("H001", "张国华", "1", "1", "1")])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert host.results == [3]
        host.push_screen(WageSheet("2026-1"))
        await pilot.pause()
        sheet = host.screen
        assert sheet.query_one("#field-from", Input).value == "2026-04-20"
        assert sheet.query_one("#field-task", Input).value == "feeding"


async def test_tab_takes_the_settings_as_they_read_across_each_line(workshop):
    i18n.set_language("zh")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sheet = host.screen
        sheet.query_one("#field-payer", Input).focus()
        await pilot.pause()
        order = []
        while isinstance(sheet.focused, Input):
            order.append(sheet.focused)
            await pilot.press("tab")
        assert [box.id for box in order] == ["field-payer", "field-task", "field-rate",
                                             "field-unit", "field-from", "field-days"]
        places = [(box.region.y, box.region.x) for box in order]
        assert places == sorted(places)  # each next one to the right, or on a lower line
        assert isinstance(sheet.focused, AttendanceGrid)
        assert sheet.query_one("#field-payer", Input).value == "村集体"


async def test_the_grid_names_the_household_after_its_code_and_enter_goes_to_the_next_worker(
        workshop):
    i18n.set_language("zh")
    host = Host(WageSheet("2026-1"))
    async with host.run_test(size=(80, 24)) as pilot:
        await fill_settings(pilot, task="采茧", rate="100", **{"from": "4-20", "days": "3"})
        grid = host.screen.query_one(AttendanceGrid)
        assert host.screen.focused is grid and grid.cursor_coordinate == (0, 0)
        await pilot.press("H", "0", "0", "2", "tab", "李", "tab", "1", "enter")
        await pilot.pause()
        assert str(grid.get_cell_at((0, 0))) == "H002 李秀英"
        assert grid.cursor_coordinate == (1, 0)  # the next worker, not down the same day
        await pilot.press("z", "g", "h", "tab")
        await pilot.pause()
        assert str(grid.get_cell_at((1, 0))) == "H001 张国华"
        assert grid.entries[1]["household"] == "H001"
