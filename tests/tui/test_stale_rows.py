"""A list reloaded while Textual still holds a message about its old rows: the message
is dropped, never a crash (the journal after a refused reversal, issue 15)."""
from __future__ import annotations

from textual.widgets import DataTable

from helpers import settle
from ledger.tui.app import make_app
from ledger.tui.screens.batches import BatchesScreen
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.widgets.paged_table import PagedTable

SIZE = (120, 40)


async def stale_highlight(pilot, app, screen_key: str, screen_type: type) -> None:
    """Open a list, then deliver a row-highlighted message for a row that a reload has
    just removed, as Textual does when the reload wins the race."""
    await settle(pilot, app)
    await pilot.press(screen_key)
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, screen_type)
    table = screen.query_one(PagedTable)
    stale = next(iter(table.rows))
    table.clear()
    screen.on_data_table_row_highlighted(DataTable.RowHighlighted(table, 0, stale))
    await settle(pilot, app)


async def test_the_journal_drops_a_highlight_of_a_row_that_is_gone(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await stale_highlight(pilot, app, "j", JournalScreen)
        assert isinstance(app.screen, JournalScreen)


async def test_the_batches_list_drops_a_highlight_of_a_row_that_is_gone(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await stale_highlight(pilot, app, "b", BatchesScreen)
        assert isinstance(app.screen, BatchesScreen)
