"""The crashes of issue 15, each from what the accountant did."""
from __future__ import annotations

from helpers import settle
from ledger.tui.app import make_app
from ledger.tui.screens.backups import BackupsScreen

SIZE = (120, 40)


async def test_a_screen_closed_while_it_is_redone_after_a_switch_of_language(demo_path):
    """A storm of keys: F2 switches the language under the backups list, whose redo is
    still under way when Esc has closed it; the redo then finds nothing to focus."""
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, BackupsScreen)
        await pilot.press("f2", "escape")
        await settle(pilot, app)
        await screen.redo()  # the resume Textual delivers late, to the closed screen
        await settle(pilot, app)
        assert app.is_running and not isinstance(app.screen, BackupsScreen)
