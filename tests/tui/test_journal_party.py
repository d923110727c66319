"""The journal's party filter finds a household as the households list and the forms do:
by code, by name, or by the pinyin initials of its name (`zgh` finds 张国华)."""
from __future__ import annotations

from collections import Counter

from textual.widgets import DataTable, Input

from helpers import settle
from ledger import models
from ledger.browse.lookup import initials
from ledger.tui.app import make_app
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.widgets.paged_table import PagedTable

SIZE = (120, 40)


def cells(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def named_once(app) -> tuple[str, str, str]:
    """A household with records this season whose pinyin initials no other party's
    initials begin with: (code, name, initials)."""
    parties = [(p.code, p.name) for p in models.Party.select()]
    letters = [initials(name) for _, name in parties]
    for (code, name), mine in zip(parties, letters):
        if (code.startswith("H") and len(mine) >= 2
                and sum(other.startswith(mine) for other in letters) == 1
                and app.read_model.journal.page(app.season, party=code)):
            return code, name, mine
    raise AssertionError("the demo has no household with initials of its own")


async def filter_by(pilot, app, text: str) -> None:
    await pilot.press("j")
    await settle(pilot, app)
    assert isinstance(app.screen, JournalScreen)
    await pilot.press("f", "tab")
    assert app.focused is app.screen.query_one("#journal-party", Input)
    await pilot.press(*text, "enter")
    await settle(pilot, app)


async def test_a_household_is_found_by_its_pinyin_initials(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        code, name, letters = named_once(app)
        await filter_by(pilot, app, letters)
        screen = app.screen
        assert screen.chosen.party == code
        rows = cells(screen.query_one(PagedTable))
        assert rows and all(name in (row[3], row[4]) for row in rows)
        assert screen.query_one("#journal-party", Input).value == f"{code} {name}"
        # the box as it now reads is taken again as the same household
        await pilot.press("f", "tab", "enter")
        await settle(pilot, app)
        assert screen.chosen.party == code


async def test_a_household_is_found_by_its_name(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        code, name, _ = named_once(app)
        if Counter(p.name for p in models.Party.select())[name] > 1:
            return
        await filter_by(pilot, app, name)
        assert app.screen.chosen.party == code


async def test_initials_naming_several_are_listed_and_nothing_is_guessed(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        first = Counter(initials(p.name)[0] for p in models.Party.select()
                        if p.kind == "household").most_common(1)[0][0]
        await filter_by(pilot, app, first)
        assert app.screen.chosen.party == ""
        said = [str(n.message) for n in app._notifications]
        assert any("不止一个" in text and "请输入编号" in text for text in said), said
        box = app.screen.query_one("#journal-party", Input)
        box.value = "qqqqq"
        box.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.chosen.party == ""
        said = [str(n.message) for n in app._notifications]
        assert any("没有叫“qqqqq”的农户或合作单位" in text for text in said), said
