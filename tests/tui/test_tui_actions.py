"""Actions from the browsing screens: adding a record through the entry form and seeing
the figures change, the print preview and its files, the command palette, bare `silk`."""
from __future__ import annotations

import subprocess
import sys

from textual.widgets import Input

from ledger import book, db, i18n, income, money
from ledger.tui.app import make_app
from ledger.tui.screens.household import HouseholdScreen
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.screens.preview import PreviewScreen
from ledger.tui.widgets.figures import Figures
from ledger.tui.widgets.paged_table import PagedTable
from ledger.tui.widgets.paper import PaperView

from helpers import settle, type_into

SIZE = (120, 40)


async def from_the_palette(pilot, app, text: str) -> None:
    """Open the command palette, type `text` and take the first hit."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot, app)


def a_rearing_household(season) -> income.PartyIncome:
    report = income.season_income(season)
    return next(p for p in report.parties if p.kind == "household" and p.sheets)


async def test_a_sale_added_on_the_household_page_raises_its_income(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        before = a_rearing_household(app.season)
        app.push_screen(HouseholdScreen(before.code))
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        batch = app.read_model.households.batches(before.code, app.season)[0]
        assert app.screen.query_one("#field-batch", Input).value == batch
        day = app.season.end.isoformat()
        for field, value in (("date", day), ("buyer", "E01"), ("kg", "10"), ("price", "50")):
            await type_into(pilot, field, value)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdScreen)
        after = a_rearing_household(app.season)
        assert after.cocoon_income == before.cocoon_income + 50_000
        figures = str(app.screen.query_one(Figures).render())
        assert money.yuan(after.income) in figures and money.yuan(after.balance) in figures


async def test_print_preview_shows_the_notice_board_and_writes_html(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)
        shown = app.screen.query_one("#preview", PaperView).text
        assert app.season.code in shown and "财务公开" in shown
        await pilot.press("h")
        await settle(pilot, app)
        written = demo_path.parent / f"财务公开-{app.season.code}.html"
        assert written.exists() and app.season.code in written.read_text("utf-8")


async def test_the_command_palette_reaches_a_screen_the_language_and_a_household(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await from_the_palette(pilot, app, "Go to: Journal")
        assert isinstance(app.screen, JournalScreen)
        await from_the_palette(pilot, app, "Language")
        assert i18n.language() == "zh"
        assert isinstance(app.screen, JournalScreen)
        household = next(e for e in app.read_model.households.entries() if len(e.initials) == 3)
        await from_the_palette(pilot, app, household.initials)
        assert isinstance(app.screen, HouseholdScreen)


def test_bare_silk_without_a_terminal_prints_the_overview(demo_path):
    done = subprocess.run([sys.executable, "-m", "ledger", "--db", str(demo_path), "--lang", "en"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "桑园村" in done.stdout and "textual" not in done.stderr.lower()


#: A name the accountant might type or import, which Textual would read as markup:
#: a closing tag with no opening one, a style, and a click action.
MARKUP_LIKE = "李[/b] [bold]秀英[@click=app.quit]"


async def test_a_name_that_looks_like_markup_is_shown_as_written(demo_path):
    database = db.open_ledger(demo_path)
    book.record("households", dict(code="H900", name=MARKUP_LIKE, group="一组", phone="",
                                   shares="0"))
    database.close()
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h", "slash", *"H900")
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == 1
        assert MARKUP_LIKE in table.render_line(1).text  # under the header
        await from_the_palette(pilot, app, "H900")
        assert isinstance(app.screen, HouseholdScreen)
        assert MARKUP_LIKE in str(app.screen.query_one("#household-head").render())
