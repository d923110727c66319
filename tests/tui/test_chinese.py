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


def textual_words() -> set[str]:
    """Textual's own English descriptions of its widgets' keys, as texts.py lists them."""
    from ledger.messages import MESSAGES

    return {english for key, (english, _) in MESSAGES.items() if key.startswith("tui.textual.")}


def described(app) -> set[str]:
    """What the key help (`?`) says of each key of the screen and the widget with the
    cursor: descriptions and tooltips."""
    found = set()
    for _, binding, _, _ in app.screen.active_bindings.values():
        found |= {binding.description, binding.tooltip} - {""}
    return found


async def test_the_key_help_names_textuals_own_keys_in_the_readers_language(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")  # a table with the cursor: Textual's cursor and page keys
        await settle(pilot, app)
        words = described(app)
        assert {"下移", "下一页", "下一栏", "退出", "关闭账本，退出程序"} <= words
        assert not words & textual_words()
        await pilot.press("f2")
        await settle(pilot, app)
        assert {"Cursor down", "Focus Next", "Quit"} <= described(app)
