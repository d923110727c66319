"""Textual's private members are used in one module, for the Textual they were written
for; on any other the app falls back to Textual's public behaviour and still works."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from ledger.tui import textual_compat
from ledger.tui.app import make_app
from ledger.tui.screens.households import HouseholdsScreen
from ledger.tui.widgets.paged_table import PagedTable

from helpers import settle

SIZE = (100, 30)
TUI = Path(textual_compat.__file__).parent


def test_the_installed_textual_is_the_one_the_private_uses_were_written_for():
    """A new Textual in the environment fails here first: read textual_compat again
    against it, then move WRITTEN_FOR."""
    assert textual_compat.textual_version() == textual_compat.WRITTEN_FOR
    assert textual_compat.PRIVATE_OK


def test_no_other_module_of_the_ui_touches_textual_privately():
    private = ("._bindings", "._init_mode", "._screen_stacks", "._css_update_count",
               "._require_update_dimensions", "._update_count", "._render_cell",
               "textual.widgets._")
    found = [f"{path.relative_to(TUI)}: {word}" for path in TUI.rglob("*.py")
             if path.name != "textual_compat.py"
             for word in private if word in path.read_text(encoding="utf-8")]
    assert found == []


async def test_on_another_textual_the_app_still_runs_on_public_behaviour(demo_path, monkeypatch):
    monkeypatch.setattr(textual_compat, "PRIVATE_OK", False)
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdsScreen)
        table = app.screen.query_one(PagedTable)
        assert table.row_count > 0
        assert str(table.get_row_at(0)[0]).startswith("H")
        await pilot.press("j")
        await settle(pilot, app)
        assert app.screen.query_one(PagedTable).row_count > 0
        assert app.screen.query_one(Footer).is_mounted


def test_every_screen_uses_the_header_that_survives_a_late_title():
    """Textual's own Header stops the app with NoMatches when a title changes as its screen
    goes (the monkey test, on the vouchers screen under load): every screen composes
    SteadyHeader instead."""
    import re
    from pathlib import Path

    import ledger.tui

    plain = [str(path) for path in Path(ledger.tui.__file__).parent.rglob("*.py")
             if re.search(r"(?<!Steady)Header\(\)", path.read_text(encoding="utf-8"))]
    assert plain == []
