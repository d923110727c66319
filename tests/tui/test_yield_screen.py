"""The yield screen, the household's yield history, a batch's notes and the home screen's
batches to visit, driven as a user would on a copy of a demo ledger."""
from __future__ import annotations


from textual.widgets import DataTable, Sparkline, Static

from ledger import db, models, notes, yields
from ledger.reports import yields as yield_report
from ledger.tui.app import make_app
from ledger.tui.screens.yields import YieldScreen

from helpers import settle, table_cells as cells

SIZE = (140, 40)


async def test_the_yield_screen_shows_the_reports_rows_in_each_view_and_sorts(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, YieldScreen)
        table = app.screen.query_one("#yield-table", DataTable)
        contract = yield_report.as_json(yield_report.report("season"))["rows"]
        assert [row[0] for row in cells(table)] == [row["key"] for row in contract]
        assert [row[4] for row in cells(table)] == [row["kg_per_sheet"] for row in contract]
        await pilot.press("2")
        await settle(pilot, app)
        households = yield_report.as_json(yield_report.report("household"))["rows"]
        shown = cells(table)
        assert len(shown) == len(households)
        assert [row[3] for row in shown] == [row["cocoon_kg"] for row in households]
        # sort by kg per sheet (the fifth column), highest first
        for _ in range(4):
            await pilot.press("s")
        await pilot.press("r")
        await pilot.pause()
        by_yield = [row[4] for row in cells(table)]
        figures = [float(text) for text in by_yield if text]  # comparing only, in the test
        assert figures == sorted(figures, reverse=True)
        # the highlighted row's history is drawn as a sparkline
        table.move_cursor(row=0)
        await pilot.pause()
        assert app.screen.query_one("#yield-spark", Sparkline).data
        assert "Batches to visit" in str(app.screen.query_one("#yield-flagged", Static).render())
        app.save_screenshot(str(demo_path.parent / "yield.svg"))


async def test_home_lists_the_batches_to_visit_and_the_household_page_its_history(demo_path):
    database = db.open_ledger(demo_path)
    season, flagged = next((season, yields.flagged_in(season))
                           for season in reversed(yields.all_seasons())
                           if yields.flagged_in(season))  # the demo village has failures
    notes.add(flagged[0].batch.code, "见僵病，估计死亡三成", season.start)
    database.close()
    models.database.initialize(None)
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await app.show_season(season.id)
        await settle(pilot, app)
        attention = cells(app.screen.query_one("#attention", DataTable))
        visits = [row for row in attention if row[0] == "Visit"]
        assert len(visits) == len(flagged)
        assert visits[0][2].startswith(f"visit {flagged[0].batch.owner}: ")
        table = app.screen.query_one("#attention", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot, app)
        shown = str(app.screen.query_one("#batch-notes-text", Static).render())
        assert "见僵病，估计死亡三成" in shown
        await pilot.press("escape")
        await settle(pilot, app)
        from ledger.tui.screens.household import HouseholdScreen

        app.push_screen(HouseholdScreen(flagged[0].batch.owner))
        await settle(pilot, app)
        text = str(app.screen.query_one("#yield-history-text", Static).render())
        assert season.code in text and "kg/sheet" in text
