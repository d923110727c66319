"""Textual's own texts in the reader's language: the palette and its commands, and the
palette's key in the footer and the key help (issue 15)."""
from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from helpers import settle
from ledger.tui.app import make_app

SIZE = (120, 40)


async def test_the_command_palette_asks_and_names_its_commands_in_chinese(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"配色", "退出", "按键", "截图"} <= set(titles)
        assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "搜索命令…"


async def test_the_palette_key_is_labelled_in_chinese(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        labels = {binding.description for _, binding, _, _ in
                  app.screen.active_bindings.values()}
        assert "命令" in labels and "palette" not in labels
