"""The books and statements print as a settlement sheet does from its preview: the PDF
written beside the ledger and sent to the printer, or, with none, the line under the
document saying where the file is. At 80×24; the printer is stubbed (conftest)."""
from __future__ import annotations

import pytest
from textual.widgets import Static

from ledger import db, models, printing
from ledger.printing import Printer
from ledger.tui.app import make_app
from ledger.tui.screens.books import REPORTS, BooksScreen
from ledger.tui.screens.choose import ChooseScreen

from helpers import build_village, settle

SMALL = (80, 24)
PRINTER = Printer("HP_LaserJet", "lp", "lp")


def note_of(app) -> str:
    return str(app.screen.query_one("#books-note", Static).render()).replace("\n", "")


@pytest.fixture
def sent(monkeypatch):
    """A printer that keeps what it is sent."""
    kept = []
    monkeypatch.setattr(printing, "find_printer", lambda: PRINTER)
    monkeypatch.setattr(printing, "send", lambda path, printer: kept.append((path, printer)))
    return kept


async def test_P_prints_the_trial_balance(demo_path, sent, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        (written,) = demo_path.resolve().parent.glob("科目余额表*.pdf")
        assert written.read_bytes().startswith(b"%PDF")
        assert sent == [(written, PRINTER)]
        assert "已送往打印机 HP_LaserJet" in note_of(app)


@pytest.mark.parametrize("report", ["cash_book", "balance_sheet"])
async def test_print_is_offered_first_by_p_for_each_book(demo_path, sent, report, open_books):
    assert report in REPORTS
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app, report)
        await pilot.press("p")
        await settle(pilot, app)
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press("enter")  # 打印, the first offered
        await settle(pilot, app)
        assert isinstance(app.screen, BooksScreen)
        assert len(sent) == 1 and sent[0][0].suffix == ".pdf"
        assert sent[0][0].read_bytes().startswith(b"%PDF")


async def test_without_a_printer_the_line_under_the_book_says_where_the_file_is(
        demo_path, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app, "bank_book")
        await pilot.press("P")
        await settle(pilot, app)
        (written,) = demo_path.resolve().parent.glob("银行存款日记账*.pdf")
        note = note_of(app)
        assert "本机没有打印机" in note and str(written) in note and "打印店" in note
        await pilot.press("f2")  # said again in the language switched to
        await settle(pilot, app)
        assert "No printer on this computer" in note_of(app)


async def test_a_restore_clears_the_line_of_a_file_printed_from_the_ledger_replaced(
        demo_path, open_books):
    """After a restore the books still said where the last PDF was, a file of the ledger
    that was put aside."""
    from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_books(pilot, app, "bank_book")
        await pilot.press("ctrl+b")  # a backup to restore
        await settle(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        assert "本机没有打印机" in note_of(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, BackupsScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert app.screen is screen
        assert "本机没有打印机" not in note_of(app) and ".pdf" not in note_of(app)
        assert "期间：" in note_of(app)  # the line says what it says of a book again


async def test_a_ledger_on_a_server_prints_into_the_working_folder(ledger_path, sent, open_books,
                                                                  tmp_path, monkeypatch):
    """A ledger on a server has no folder: its books are written where its backups are
    dumped, the working folder (the file's name was made of the address, and the print
    failed with no such file); a ledger file's beside it, here the same folder."""
    monkeypatch.chdir(tmp_path)
    database = db.open_ledger(ledger_path, create=True)
    build_village()
    database.close()
    models.database.initialize(None)
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app)
        await pilot.press("P")
        await settle(pilot, app)
        (written,) = tmp_path.glob("科目余额表*.pdf")
        assert sent == [(written, PRINTER)]
        assert "已送往打印机 HP_LaserJet" in note_of(app)
