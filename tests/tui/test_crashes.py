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


async def test_the_household_page_keeps_its_amount_column_after_a_sale_and_a_leaf_delivery(
        demo_path):
    """H004's page after a sale and then a leaf delivery, both typed on it: the detail
    column gives way, so the amount column stays inside the table's width."""
    from textual.widgets import DataTable, Input

    from ledger.tui.screens.household import HouseholdScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")
        await settle(pilot, app)
        app.push_screen(HouseholdScreen("H004"))
        await settle(pilot, app)
        for key, values in (("s", {"date": "2026-09-01", "buyer": "E02", "kg": "50",
                                   "price": "40"}),
                            ("l", {"date": "2026-09-02", "supplier": "E01", "kg": "100",
                                   "price": "1.2"})):
            await pilot.press(key)
            await settle(pilot, app)
            for field, text in values.items():
                app.screen.query_one(f"#field-{field}", Input).value = text
            await pilot.pause()
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert isinstance(app.screen, HouseholdScreen)
            table = app.screen.query_one("#household-records", DataTable)
            labels = [str(column.label) for column in table.ordered_columns]
            assert labels[-1] == "金额"
            used = sum(column.get_render_width(table) for column in table.ordered_columns)
            assert used <= table.size.width, (key, labels, used, table.size.width)


async def test_h_goes_to_the_list_not_the_page_last_opened(demo_path):
    from ledger.tui.screens.households import HouseholdsScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for key, kind in (("h", HouseholdsScreen),):
            await pilot.press(key)
            await settle(pilot, app)
            await pilot.press("enter")  # a household's page
            await settle(pilot, app)
            assert not isinstance(app.screen, kind)
            await pilot.press("g")
            await settle(pilot, app)
            await pilot.press(key)
            await settle(pilot, app)
            assert isinstance(app.screen, kind)


async def test_a_closed_seasons_record_is_reversed_into_the_open_season_on_the_date_typed(
        demo_path):
    """The reversal dialog asks for the date (a day of the open season) instead of
    naming a command-line flag."""
    from datetime import date

    from textual.widgets import Input, Static

    from ledger import closing, models
    from ledger.tui.screens.correct import CorrectScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        closing.close("2026-2")
        sale = (models.CocoonSale.select().join(models.Season)
                .where(models.Season.code == "2026-2").first())
        app.push_screen(CorrectScreen("sales", sale.id))
        await settle(pilot, app)
        app.screen.query_one("#field-reason", Input).value = "磅秤有误"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(app.screen.query_one("#correct-message", Static).render())
        assert "--date" not in said
        app.screen.query_one("#field-date", Input).value = "2026-09-01"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, CorrectScreen)
    reversal = models.CocoonSale.select().order_by(models.CocoonSale.id.desc()).first()
    assert reversal.date == date(2026, 9, 1) and reversal.season.code == "2026-3"
    assert reversal.amount == -sale.amount


async def test_a_households_name_and_phone_are_changed_from_its_page_for_a_reason(demo_path):
    from textual.widgets import Input, Static

    from ledger import audit, models
    from ledger.tui.forms.edit import EditForm
    from ledger.tui.screens.household import HouseholdScreen

    app = make_app(demo_path, lang="zh", operator="会计李")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.push_screen(HouseholdScreen("H004"))
        await settle(pilot, app)
        old_name = models.Party.get(models.Party.code == "H004").name
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-phone", Input).value = "13900001111"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(app.screen.query_one("#message", Static).render())
        assert "原因" in said and "--reason" not in said  # asked for, in the TUI's words
        app.screen.query_one("#field-reason", Input).value = "换了手机号"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, HouseholdScreen)
        head = str(app.screen.query_one("#household-head", Static).render())
        assert "13900001111" in head and old_name in head
    entry = audit.entries("households")[-1]
    assert (entry.action, entry.operator, entry.reason) == ("edit", "会计李", "换了手机号")
    assert "13900001111" in entry.after


async def test_a_batchs_harvest_date_is_set_from_its_page_weeks_after_hatching(demo_path):
    from datetime import date

    from textual.widgets import Input

    from ledger import models
    from ledger.tui.forms.edit import EditForm
    from ledger.tui.screens.batch import BatchScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        batch = (models.Batch.select().join(models.Season)
                 .where(models.Season.code == "2026-3").first())
        app.push_screen(BatchScreen(batch.code))
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-harvest", Input).value = "2026-09-20"
        app.screen.query_one("#field-reason", Input).value = "补记采茧日期"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, BatchScreen)
    assert models.Batch.get_by_id(batch.id).harvest == date(2026, 9, 20)


async def test_a_tables_late_message_about_no_row_or_a_closed_screen_is_ignored(demo_path):
    """The monkey's finds (CI, twice): Textual sends a highlight with no row key as a
    table empties, and delivers one to a screen whose widgets are already gone. Each
    list screen with a line under its table takes both without ending the app."""
    from textual.widgets import DataTable

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for key, detail in (("v", "#vouchers-detail"), ("k", "#accounts-detail"),
                            ("d", "#assets-detail"), ("j", "#journal-detail"),
                            ("o", "#log-detail")):
            await pilot.press(key)
            await settle(pilot, app)
            screen = app.screen
            table = screen.query_one(f"{detail.replace('-detail', '')}, PagedTable",
                                     DataTable)
            screen.on_data_table_row_highlighted(DataTable.RowHighlighted(table, -1, None))
            await screen.query_one(detail).remove()
            row_key = next(iter(table.rows))
            screen.on_data_table_row_highlighted(DataTable.RowHighlighted(table, 0, row_key))
            await pilot.press("escape")
            await settle(pilot, app)
        assert app.is_running


async def test_the_seasons_name_and_end_are_changed_from_the_palette_for_a_reason(demo_path):
    """A season's dates were typed wrong at its start: the palette's 修改蚕季 fixes them,
    audited, and the header shows the new name at once."""
    from textual.widgets import Input

    from ledger import audit, models
    from ledger.tui.forms.edit import EditForm

    app = make_app(demo_path, lang="zh", operator="会计李")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        code = app.season.code
        app.edit_season()
        await settle(pilot, app)
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-name", Input).value = "2026年秋蚕（改）"
        app.screen.query_one("#field-reason", Input).value = "名称写错"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, EditForm)
        assert app.season.name == "2026年秋蚕（改）"
        assert "2026年秋蚕（改）" in app.title + app.sub_title
    assert models.Season.get(models.Season.code == code).name == "2026年秋蚕（改）"
    entry = audit.entries("seasons")[-1]
    assert (entry.action, entry.operator, entry.reason) == ("edit", "会计李", "名称写错")


async def test_a_partners_phone_is_changed_after_choosing_it_from_the_list(demo_path):
    from textual.widgets import Input, OptionList

    from ledger import audit, models
    from ledger.tui.forms.edit import EditForm
    from ledger.tui.screens.choose import ChooseScreen

    partner = models.Party.select().where(models.Party.kind == "partner").order_by(
        models.Party.code).first()
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.edit_partner()
        await settle(pilot, app)
        assert isinstance(app.screen, ChooseScreen)
        labels = [str(option.prompt) for option in app.screen.query_one(OptionList).options]
        assert labels[0] == f"{partner.code}  {partner.name}"
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, EditForm)
        app.screen.query_one("#field-phone", Input).value = "0871-1234567"
        app.screen.query_one("#field-reason", Input).value = "新电话"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, EditForm)
    assert models.Party.get_by_id(partner.id).phone == "0871-1234567"
    assert audit.entries("partners")[-1].reason == "新电话"


async def test_a_households_yields_arriving_after_its_page_was_redone(demo_path):
    """The monkey's storm: a household page's yield history is read in a thread, and the
    page was redone (or left) before the figures came back; showing them then found no
    text to fill and ended the app (NoMatches: #yield-history-text)."""
    from ledger.tui.screens.household import HouseholdScreen
    from ledger.tui.screens.yields import YieldHistory

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.push_screen(HouseholdScreen("H004"))
        await settle(pilot, app)
        history = app.screen.query_one(YieldHistory)
        found = history.read()
        await history.remove()
        history._show(found)  # as the worker's call_from_thread would, late
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, HouseholdScreen)
