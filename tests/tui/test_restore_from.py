"""Restoring a backup from a USB stick or a folder chosen (issue 15: back up to a stick,
and bring it back): checked as a restore from the list is (`backup.restore`), asked
first, and the ledger it replaces kept aside. At 80×24; no real drive is looked at."""
from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from ledger import backup, book, drives, models
from ledger.tui.app import make_app
from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen, backup_files
from ledger.tui.screens.files import RestoreFromScreen
from ledger.tui.screens.home import HomeScreen

from helpers import demo_ledger_file, settle
from pg_server import needs_server

SIZE = (80, 24)


@pytest.fixture
def usb_stick(tmp_path, monkeypatch):
    stick = tmp_path / "media" / "li" / "KINGSTON"
    stick.mkdir(parents=True)
    monkeypatch.setattr(drives, "removable_drives", lambda *args, **kwargs: [stick])
    return stick


def a_sale(season) -> None:
    batch = models.Batch.select().where(models.Batch.season == season.id).first()
    book.record("sales", {"date": season.end.isoformat(), "batch": batch.code,
                          "buyer": "E01", "kg": "10", "price": "50"})


async def open_restore_from(pilot, app) -> RestoreFromScreen:
    await pilot.press("u")
    await settle(pilot, app)
    assert isinstance(app.screen, BackupsScreen)
    await pilot.press("f")
    await settle(pilot, app)
    assert isinstance(app.screen, RestoreFromScreen)
    return app.screen


async def pick_in_list(pilot, app, name: str) -> None:
    """Enter on `name` in the folder's list, as the accountant picks it."""
    listed = app.screen.query_one("#chooser-list", OptionList)
    listed.focus()
    index = next(i for i in range(listed.option_count)
                 if str(listed.get_option_at_index(i).prompt) == name)
    listed.highlighted = index
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot, app)


async def test_a_backup_on_the_usb_stick_is_restored_after_a_confirmation(demo_path, usb_stick):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        made = backup.backup(demo_path, usb_stick)
        sales = models.CocoonSale.select().count()
        a_sale(app.season)
        screen = await open_restore_from(pilot, app)
        assert screen.query_one("#chooser-path", Input).value == str(usb_stick)
        await pick_in_list(pilot, app, made.name)
        assert isinstance(app.screen, ConfirmScreen)
        asked = str(app.screen.query_one("#confirm-text", Static).render()).replace("\n", "")
        assert str(made) in asked and str(demo_path) in asked
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert models.CocoonSale.select().count() == sales
        assert any("已用" in str(n.message) for n in app._notifications)
    assert [f.why for f in backup_files(demo_path)] == ["replaced"]  # the ledger kept aside


async def test_escape_at_the_question_restores_nothing(demo_path, usb_stick):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        made = backup.backup(demo_path, usb_stick)
        a_sale(app.season)
        sales = models.CocoonSale.select().count()
        await open_restore_from(pilot, app)
        await pick_in_list(pilot, app, made.name)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, RestoreFromScreen)
        assert models.CocoonSale.select().count() == sales
    assert backup_files(demo_path) == []


async def test_a_file_that_is_no_ledger_is_refused_and_the_ledger_kept(demo_path, usb_stick):
    (usb_stick / "photos.db").write_bytes(b"not a ledger at all" * 100)
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        a_sale(app.season)
        sales = models.CocoonSale.select().count()
        screen = await open_restore_from(pilot, app)
        await pilot.press("ctrl+s")  # the stick itself, no file chosen yet
        await settle(pilot, app)
        assert "请先选择备份文件" in str(screen.query_one("#files-message", Static).render())
        await pick_in_list(pilot, app, "photos.db")
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert app.screen is screen
        said = str(screen.query_one("#files-message", Static).render())
        assert "photos.db" in said and "Traceback" not in said
        assert models.CocoonSale.select().count() == sales
    assert backup_files(demo_path) == []


@needs_server
async def test_on_a_server_the_stick_offers_the_village_s_dumps_and_one_is_restored(
        server_address, usb_stick, tmp_path, monkeypatch):
    """A township's accountant brings a village's dump home and back on a stick: the
    list offered only `.db` files, so a dump could not be chosen."""
    monkeypatch.chdir(tmp_path)
    demo_ledger_file(server_address, 4, 1, seed=3)
    made = backup.backup(server_address, usb_stick)
    (usb_stick / "photos.db").write_bytes(b"not a dump")
    app = make_app(server_address, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        sales = models.CocoonSale.select().count()
        a_sale(app.season)
        screen = await open_restore_from(pilot, app)
        assert "(a .sql file)" in str(screen.query_one("#files-explain", Static).render())
        listed = screen.query_one("#chooser-list", OptionList)
        names = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert made.name in names and "photos.db" not in names
        await pick_in_list(pilot, app, made.name)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert models.CocoonSale.select().count() == sales
