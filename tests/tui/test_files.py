"""Files in and out from the terminal UI (issue 15): importing after a dry run and a
confirmation, exporting into a chosen folder, a backup onto a USB stick, and printing
(or, with no printer, saying where the file is), each settlement sheet or every
household's in one file. All at 80×24, from the keyboard.

No test looks at the real removable drives or printer: `ledger.drives` and
`ledger.printing` are stubbed, so nothing is written to /media or /mnt and nothing is
printed."""
from __future__ import annotations

import pytest
from textual.widgets import Input, Select, Static

from ledger import drives, models, overview, printing
from ledger.printing import Printer
from ledger.tui.app import make_app
from ledger.tui.commands import LedgerCommands
from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen, backup_files
from ledger.tui.screens.files import (BackupToScreen, ExportScreen, ImportScreen,
                                      RestoreFromScreen)
from ledger.tui.screens.preview import PreviewScreen
from ledger.tui.widgets.paper import PaperView

from helpers import findings_of, settle, table_counts

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def usb_stick(tmp_path, monkeypatch):
    """A USB stick plugged in (a folder in the test's own); no printer (conftest)."""
    stick = tmp_path / "media" / "li" / "KINGSTON"
    stick.mkdir(parents=True)
    monkeypatch.setattr(drives, "removable_drives", lambda *args, **kwargs: [stick])
    return stick


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def leaf_file(folder, *rows: str):
    folder.mkdir(exist_ok=True)
    path = folder / "leaf.csv"
    path.write_text("\n".join(["date,batch,supplier,kg,price", *rows]) + "\n", encoding="utf-8")
    return path


def a_batch_of(season) -> models.Batch:
    return models.Batch.select().where(models.Batch.season == season.id).first()


async def test_an_import_with_problems_lists_them_and_changes_nothing(demo_path):
    inbox = demo_path.parent / "inbox"
    leaf_file(inbox, "2026-04-20,ZZZ,E01,abc,0.50", "2026-04-21,ZZZ,E01,10,0.50")
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        before, records = table_counts(), overview.record_count()
        await pilot.press("I")
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)
        box = app.screen.query_one("#chooser-path", Input)
        box.focus()
        box.value = ""
        await pilot.press(*str(inbox), "enter")  # the folder, typed: its dry run
        await settle(pilot, app)
        problems = text_of(app, "#files-problems").splitlines()
        assert problems == ["leaf.csv:2: batch: 没有编号为 ZZZ 的蚕批",
                            "leaf.csv:2: kg: “abc”不是数字",
                            "leaf.csv:3: batch: 没有编号为 ZZZ 的蚕批"]
        message = text_of(app, "#files-message")
        assert "3 个问题" in message and "不能导入" in message and "账本未作任何改动" in message
        await pilot.press("ctrl+s")  # refused: no confirmation is even asked
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)
        assert any("没有导入" in n.message for n in app._notifications)
        assert table_counts() == before and overview.record_count() == records
        assert backup_files(demo_path) == []  # no backup either: nothing was begun
        await pilot.press("f2")  # in English: the same problems, the path kept
        await settle(pilot, app)
        assert app.screen.query_one("#chooser-path", Input).value == str(inbox)
        problems = text_of(app, "#files-problems").splitlines()
        assert len(problems) == 3 and problems[1] == "leaf.csv:2: kg: 'abc' is not a number"
        assert "nothing can be imported" in text_of(app, "#files-message")


async def test_an_import_refused_after_its_dry_run_writes_nothing(demo_path):
    """The file changed between the dry run and the confirmation: the import itself
    refuses it, lists why, and the ledger is as it was."""
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        batch = a_batch_of(app.season)
        day = batch.hatch.isoformat()
        path = leaf_file(demo_path.parent / "inbox", f"{day},{batch.code},E01,100,0.50")
        await pilot.press("I")
        await settle(pilot, app)
        box = app.screen.query_one("#chooser-path", Input)
        box.value = str(path)
        box.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert "未发现问题" in text_of(app, "#files-message")
        before = table_counts()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        leaf_file(path.parent, f"{day},{batch.code},E01,100,0.50", f"{day},NOPE,E01,1,1")
        await pilot.press("enter")
        await settle(pilot, app)
        assert "导入被拒绝" in text_of(app, "#files-message")
        assert "leaf.csv:3: batch: 没有编号为 NOPE 的蚕批" in text_of(app, "#files-problems")
        assert table_counts() == before


async def test_an_import_is_confirmed_after_a_clean_dry_run(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        batch = a_batch_of(app.season)
        day = batch.hatch.isoformat()
        leaf_file(demo_path.parent / "inbox", f"{day},{batch.code},E01,100,0.50")
        leaf = models.LeafDelivery.select().count()
        await pilot.press("I")
        await settle(pilot, app)
        # from the ledger's folder: down to inbox/, open it, down to leaf.csv, choose it
        await pilot.press("down", "enter")
        await settle(pilot, app)
        await pilot.press("down", "enter")
        await settle(pilot, app)
        assert app.screen.query_one("#chooser-path", Input).value.endswith("leaf.csv")
        message = text_of(app, "#files-message")
        assert "桑叶供应 1 条" in message and "未发现问题" in message
        assert models.LeafDelivery.select().count() == leaf  # a dry run writes nothing
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ImportScreen)
        assert models.LeafDelivery.select().count() == leaf + 1
        assert "已从" in text_of(app, "#files-message")
        assert [file.why for file in backup_files(demo_path)] == ["import"]
        # the same file again: its dry run now finds the row in the ledger, and says
        # what to do on this screen, not with a command-line option
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        problems = text_of(app, "#files-problems")
        assert "此行已在账本中" in problems and "允许重复" in problems
        assert "--" not in problems


async def test_an_export_goes_into_the_folder_chosen_under_a_new_name(demo_path, usb_stick):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("E")
        await settle(pilot, app)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+s")  # canonical CSV, into the ledger's folder
        await settle(pilot, app)
        (folder,) = demo_path.parent.glob("账本导出-*")
        assert (folder / "households.csv").is_file() and (folder / "vouchers.csv").is_file()
        assert str(folder) in text_of(app, "#files-message")
        app.screen.query_one("#export-format", Select).value = "beancount"
        app.screen.query_one("#chooser-places", Select).value = str(usb_stick)
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        (journal,) = usb_stick.glob("账本导出-*.beancount")
        assert 'number: "记-' in journal.read_text("utf-8")
        assert str(journal) in text_of(app, "#files-message")


async def test_a_backup_onto_the_usb_stick_plugged_in(demo_path, usb_stick):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, BackupsScreen)
        await pilot.press("t")
        await settle(pilot, app)
        assert isinstance(app.screen, BackupToScreen)
        assert app.screen.query_one("#chooser-path", Input).value == str(usb_stick)
        assert app.screen.query_one("#chooser-places", Select).value == str(usb_stick)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        (made,) = usb_stick.glob("ledger-*.db")
        assert str(made) in text_of(app, "#files-message")
        assert findings_of(made) == []  # a whole, sound ledger
        assert backup_files(demo_path) == []  # not in backups/ beside the ledger


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", [ImportScreen, ExportScreen, BackupToScreen,
                                    RestoreFromScreen])
async def test_the_file_screens_footer_shows_esc_and_ctrl_s_wherever_the_cursor_is(
        demo_path, screen, lang):
    """The restore-from screen's footer left out ^s 恢复 (a lesser key on the backups
    list) with the cursor in most places; each file screen keeps Esc and Ctrl+S."""
    from ledger.tui.textual_compat import footer_key_class
    from ledger.tui.widgets.footer import FittingFooter

    app = make_app(demo_path, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        app.push_screen(screen())
        await settle(pilot, app)
        for _ in range(5):  # the cursor in each place of the screen in turn
            footer = app.screen.query_one(FittingFooter)
            shown = {key.key for key in footer.query(footer_key_class()) if key.display}
            assert {"escape", "ctrl+s"} <= shown, (app.focused, shown)
            await pilot.press("tab")
            await settle(pilot, app)


async def test_printing_without_a_printer_says_where_the_file_is(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen)
        await pilot.press("P")
        await settle(pilot, app)
        written = demo_path.resolve().parent / f"财务公开-{app.season.code}.pdf"
        assert written.read_bytes().startswith(b"%PDF")
        note = text_of(app, "#preview-note").replace("\n", "")
        assert "本机没有打印机" in note and str(written) in note and "打印店" in note


async def test_printing_sends_the_pdf_to_the_printer(demo_path, monkeypatch):
    sent = []
    monkeypatch.setattr(printing, "find_printer", lambda: Printer("HP_LaserJet", "lp", "lp"))
    monkeypatch.setattr(printing, "send", lambda path, printer: sent.append((path, printer)))
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        written = demo_path.resolve().parent / f"notice-board-{app.season.code}.pdf"
        assert sent == [(written, Printer("HP_LaserJet", "lp", "lp"))]
        assert "Sent to the printer HP_LaserJet" in text_of(app, "#preview-note")


async def test_every_households_sheet_in_one_file_from_the_preview(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen) and app.screen.kind == "statements"
        shown = app.screen.query_one("#preview", PaperView).text
        assert shown.count("户号") > 1  # one sheet after another
        await pilot.press("P")
        await settle(pilot, app)
        written = demo_path.resolve().parent / f"结算单-全部-{app.season.code}.pdf"
        assert written.read_bytes().startswith(b"%PDF")
        assert str(written) in text_of(app, "#preview-note").replace("\n", "")


async def test_the_keys_and_the_palette_name_each_in_chinese(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)

        def keys() -> dict[str, str]:
            return {key: binding.description
                    for key, (_, binding, _, _) in app.screen.active_bindings.items()}
        assert keys()["I"] == "导入" and keys()["E"] == "导出"
        palette = {text: callback
                   for text, callback, _ in LedgerCommands(app.screen).commands()}
        assert {"导入文件（先试导入，确认后导入）", "导出账本：CSV、hledger、Beancount、Excel",
                "备份账本到U盘或文件夹", "打印本季全部农户结算单"} <= set(palette)
        palette["打印本季全部农户结算单"]()
        await settle(pilot, app)
        assert isinstance(app.screen, PreviewScreen) and app.screen.kind == "statements"
        assert keys()["P"] == "打印"
        assert app.screen.check_action("all_statements", ()) is False  # (shown already)
        await pilot.press("escape", "u")
        await settle(pilot, app)
        assert keys()["t"] == "备份到U盘"
