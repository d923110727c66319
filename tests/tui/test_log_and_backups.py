"""The audit trail screen and backups from the terminal UI: the log lists what was done,
newest first; Ctrl+B writes a backup; restoring one brings the earlier books back on
every screen. On a ledger on a server, the backups are the village's dumps in the
working folder (`postgresql.dump`)."""
from __future__ import annotations

from textual.widgets import DataTable, Static

from ledger import audit, book, corrections, i18n, income, models
from ledger.stores import postgresql
from ledger.tui.app import make_app
from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen, backup_files
from ledger.tui.screens.correct import CorrectScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.log import LogScreen
from ledger.tui.widgets.paged_table import PagedTable

from helpers import demo_ledger_file, settle
from pg_server import needs_server

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


def rows_of(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def said(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@needs_server
async def test_on_a_server_the_backups_are_the_village_s_dumps_in_the_working_folder(
        server_address, tmp_path, monkeypatch):
    """The screen was headed with a folder made of the server's address
    (`postgresql:/…/backups`) and listed nothing: a server's ledger is backed up by
    pg_dump into the working folder, where the list now reads this village's dumps."""
    monkeypatch.chdir(tmp_path)
    demo_ledger_file(server_address, 4, 1, seed=3)
    code = postgresql.parse(server_address).ledger
    (tmp_path / f"{code}-2026-01-02-030405-replaced.sql").write_text("-- kept aside\n")
    (tmp_path / f"other{code}-2026-06-01-120000.sql").write_text("-- another village's\n")
    (tmp_path / f"{code}-notes.sql").write_text("-- not a dump silk named\n")
    (tmp_path / f"{code}-2026-06-01-120000.db").write_text("not a dump\n")
    # the server trusts this login: the password only has to stay off the screen
    app = make_app(str(server_address).replace("postgres@", "postgres:hush@", 1), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, BackupsScreen)
        head = said(app.screen, "#backups-head")
        assert head == f"Backups in {tmp_path}, newest first", head
        table = app.screen.query_one("#backups", DataTable)
        assert rows_of(table) == [["2026-01-02 03:04:05", "replaced by a restore", "0 KB",
                                   f"{code}-2026-01-02-030405-replaced.sql"]]
        await pilot.press("ctrl+b")
        await settle(pilot, app)
        await settle(pilot, app)
        (made,) = tmp_path.glob(f"{code}-20*[0-9].sql")
        assert any(made.name in n.message for n in app._notifications)
        assert not any("hush" in n.message for n in app._notifications)
        table = app.screen.query_one("#backups", DataTable)
        listed = rows_of(table)
        assert [row[1:2] + row[3:] for row in listed] == [
            ["by hand", made.name], ["replaced by a restore",
                                     f"{code}-2026-01-02-030405-replaced.sql"]]
        assert listed[0][2] == f"{made.stat().st_size / 1024:,.0f} KB" != "0 KB"
        assert said(app.screen, "#backups-message") == ""


@needs_server
async def test_on_a_server_no_dump_yet_says_ctrl_b_makes_one(server_address, tmp_path,
                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    demo_ledger_file(server_address, 4, 1, seed=3)
    app = make_app(server_address, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert said(app.screen, "#backups-head") == f"{tmp_path} 中的备份（最新的在前）"
        assert app.screen.query_one("#backups", DataTable).row_count == 0
        assert said(app.screen, "#backups-message") == "还没有备份：按 Ctrl+B 备份"


@needs_server
async def test_on_a_server_a_dump_restored_from_the_list_brings_back_the_earlier_books(
        server_address, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    demo_ledger_file(server_address, 4, 1, seed=3)
    code = postgresql.parse(server_address).ledger
    app = make_app(server_address, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        figures = said(app.screen, "#figures")
        sales = models.CocoonSale.select().count()
        await pilot.press("ctrl+b")
        await settle(pilot, app)
        (made,) = tmp_path.glob(f"{code}-*.sql")
        batch = models.Batch.select().where(models.Batch.season == app.season).first()
        book.record("sales", {"date": app.season.end.isoformat(), "batch": batch.code,
                              "buyer": "E01", "kg": "10", "price": "50"})
        await pilot.press("u")
        await settle(pilot, app)
        assert rows_of(app.screen.query_one("#backups", DataTable))[0][3] == made.name
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert said(app.screen, "#figures") != figures  # the sale is in the figures
        await pilot.press("u")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        question = said(app.screen, "#confirm-text")
        assert made.name in question and str(tmp_path) in question
        assert "backups/" not in question
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert models.CocoonSale.select().count() == sales
        assert said(app.screen, "#figures") == figures
        (aside,) = tmp_path.glob(f"{code}-*-replaced.sql")  # the ledger replaced, kept
        assert any(aside.name in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(pilot, app)
        assert [row[1] for row in rows_of(app.screen.query_one("#backups", DataTable))] \
            == ["恢复时替换下来", "手动"]
