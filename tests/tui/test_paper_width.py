"""A document of 80 columns (the books, the statements, the notice board and the
settlement sheets) shows its whole width at 80×24: its scrollbar and margin had taken
the last columns, so a balance read `借 17652.2` for `借 17652.24` unless the accountant
scrolled sideways. Where the screen is wider, the scrollbar shows again."""
from __future__ import annotations

import pytest

from ledger.tui.app import make_app
from ledger.tui.screens.preview import PreviewScreen
from ledger.tui.widgets.paper import PaperView

from helpers import ok, settle, silk


def cut_off(container) -> int:
    """The columns of the document right of what the screen shows (0: none)."""
    return container.max_scroll_x


def document_width(app, selector: str) -> int:
    return app.screen.query_one(selector).virtual_size.width


@pytest.mark.parametrize("report", ["trial_balance", "general_ledger", "bank_book",
                                    "balance_sheet"])
async def test_a_book_shows_its_whole_width_at_80_columns(demo_path, open_books, report):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_books(pilot, app, report)
        await settle(pilot, app)
        text = screen.query_one("#books-text")
        assert document_width(app, "#books-text") == 80  # a full line of the paper's width
        assert text.max_scroll_y > 0  # it scrolls: the document is longer than the screen
        assert cut_off(text) == 0


@pytest.mark.parametrize("kind", ["summary", "statements"])
async def test_the_print_preview_shows_the_whole_sheet_at_80_columns(demo_path, kind):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        app.push_screen(PreviewScreen(kind))
        await settle(pilot, app)
        preview = app.screen.query_one("#preview")
        assert preview.max_scroll_y > 0
        assert cut_off(preview) == 0
        await pilot.press("pagedown")  # the keys still scroll it
        await settle(pilot, app)
        assert preview.scroll_y > 0


async def test_a_wider_screen_keeps_the_scrollbar(demo_path, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_books(pilot, app, "trial_balance")
        await settle(pilot, app)
        text = screen.query_one("#books-text")
        assert text.show_vertical_scrollbar and text.scrollbar_size_vertical > 0
        assert cut_off(text) == 0
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        assert cut_off(text) == 0


async def test_the_screen_shows_what_silk_report_prints_line_for_line(demo_path, open_books):
    """Blank lines included: the view is handed the document's lines, and a view that
    dropped empty ones ran the title into the table."""
    printed = ok(silk("--db", demo_path, "--lang", "zh", "report", "trial-balance", "--year",
                      "2026", cwd=demo_path.parent))
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_books(pilot, app, "trial_balance")
        screen.period = "2026"
        screen.load()
        await settle(pilot, app)
        shown = screen.query_one("#books-text", PaperView).text
    assert shown.splitlines() == printed.rstrip("\n").splitlines()
    assert "" in shown.splitlines()[:5]  # the blank line under the heading
