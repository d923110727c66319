"""What the screens show names the collective 村集体, never by its code COLLECTIVE, and a
payment's direction and method as words, never to_household or cash (issue 15)."""
from __future__ import annotations

import html
import re

from textual.widgets import Static

from ledger import models
from ledger.tui.app import make_app
from ledger.tui.screens.batch import BatchScreen

from helpers import settle

CODES = ("COLLECTIVE", "to_household", "from_household")


def screen_text(app) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))


async def test_the_journal_and_a_collective_batch_name_the_collective_in_words(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        journal = app.screen
        for kind in ("wages", "payments"):
            journal.chosen = type(journal.chosen)(kind=kind)
            journal._reload()
            await settle(pilot, app)
            shown = screen_text(app)
            assert "村集体" in shown or kind == "payments"
            detail = str(journal.query_one("#journal-detail", Static).render())
            assert not [code for code in CODES if code in shown + detail], kind
        batch = (models.Batch.select().join(models.Party, on=models.Batch.owner == models.Party.id)
                 .where((models.Party.code == "COLLECTIVE") & (models.Batch.season == app.season))
                 .first())
        app.push_screen(BatchScreen(batch.code))
        await settle(pilot, app)
        shown = screen_text(app)
        assert "村集体" in shown and "COLLECTIVE" not in shown
