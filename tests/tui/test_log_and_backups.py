"""The audit trail screen and backups from the terminal UI: the log lists what was done,
newest first; Ctrl+B writes a backup; restoring one brings the earlier books back on
every screen."""
from __future__ import annotations

from textual.widgets import DataTable, Static

from ledger import audit, book, corrections, i18n, income, models
from ledger.tui.app import make_app
from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen, backup_files
from ledger.tui.screens.correct import CorrectScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.log import LogScreen
from ledger.tui.widgets.paged_table import PagedTable

from helpers import settle

SIZE = (120, 40)


async def test_the_log_shows_the_entries_newest_first_with_the_reason(demo_path):
    app = make_app(demo_path, lang="en", operator="accountant Li")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        sale = models.CocoonSale.select().where(models.CocoonSale.season == app.season).first()
        app.push_screen(CorrectScreen("sales", sale.id))
        await settle(pilot, app)
        await pilot.press(*"weighed twice", "enter")
        await settle(pilot, app)
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.screen, LogScreen)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == len(audit.entries())
        newest = [str(cell) for cell in table.get_row_at(0)]
        assert newest[2] == "accountant Li" and newest[5] == "weighed twice"
        assert i18n.kind_label("sales", "en") in newest[4]  # in words, not sales:994
        detail = str(app.screen.query_one("#log-detail", Static).render())
        assert "weighed twice" in detail and newest[4] in detail
        assert "{'" not in detail and "{\"" not in detail  # no raw Python or JSON
        await pilot.press("escape")
        await settle(pilot, app)
        app.action_open_log("sales", sale.id)
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == len(audit.entries("sales", sale.id)) >= 2


async def test_a_backup_restored_brings_back_the_earlier_books(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        before = income.season_income(app.season)
        sales = models.CocoonSale.select().count()
        await pilot.press("ctrl+b")
        await settle(pilot, app)
        made = backup_files(demo_path)
        assert len(made) == 1 and made[0].path.is_file()
        assert any(made[0].path.name in n.message for n in app._notifications)
        batch = models.Batch.select().where(models.Batch.season == app.season).first()
        book.record("sales", {"date": app.season.end.isoformat(), "batch": batch.code,
                              "buyer": "E01", "kg": "10", "price": "50"})
        app.read_model.seasons.report(app.season)  # the figures cached with the sale in them
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, BackupsScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert models.CocoonSale.select().count() == sales
        assert app.read_model.seasons.report(app.season).parties == before.parties
        assert len(backup_files(demo_path)) == 2  # the replaced ledger kept aside


async def test_the_log_says_a_payment_s_direction_method_and_buyer_in_words(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        end = app.season.end.isoformat()
        household = models.Party.get(models.Party.code == "H001")
        payment = book.record("payments", {
            "date": end, "season": app.season.code, "household": household.code,
            "direction": "to_household", "amount": "100", "method": "bank"})
        await pilot.press("o")
        await settle(pilot, app)
        detail = str(app.screen.query_one("#log-detail", Static).render())
        assert "方向 付给农户" in detail and "方式 银行" in detail
        assert "to_household" not in detail and "bank" not in detail
        await pilot.press("escape")
        sale = models.CocoonSale.select().where(models.CocoonSale.season == app.season).first()
        corrections.amend("sales", sale.id, {"buyer": "E02"}, "收购方记错")
        corrections.amend("payments", payment, {"method": "cash"}, "付的是现金")
        await pilot.press("o")
        await settle(pilot, app)
        detail = str(app.screen.query_one("#log-detail", Static).render())
        assert "方式: 银行 → 现金" in detail
        await pilot.press("down")
        await settle(pilot, app)
        detail = str(app.screen.query_one("#log-detail", Static).render())
        buyer = models.Party.get(models.Party.code == "E02").name
        assert f"收购方: E01 {models.Party.get(models.Party.code == 'E01').name} → E02 {buyer}" \
            in detail, detail
