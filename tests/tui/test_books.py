"""The whole books in the terminal UI: the voucher form, the vouchers list and its
reversal, the chart of accounts; driven from the keyboard at 80×24, as the accountant
works."""
from __future__ import annotations

from datetime import date

import pytest

from textual.widgets import DataTable, Input, Static

from ledger import models
from ledger.tui.app import make_app
from ledger.tui.forms.voucher import VoucherForm
from ledger.tui.screens.accounts import AccountsScreen
from ledger.tui.screens.backups import ConfirmScreen
from ledger.tui.screens.reason import ReasonScreen
from ledger.tui.screens.vouchers import GeneralVoucherScreen, VouchersScreen
from ledger.tui.widgets.paged_table import PagedTable

from helpers import settle, table_counts

SMALL = (80, 24)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_form(pilot, app) -> VoucherForm:
    await settle(pilot, app)
    await pilot.press("v")
    await settle(pilot, app)
    assert isinstance(app.screen, VouchersScreen)
    await pilot.press("n")
    await settle(pilot, app)
    assert isinstance(app.screen, VoucherForm)
    return app.screen


async def fill(pilot, form: VoucherForm, line: int, summary: str, account: str,
               debit: str = "", credit: str = "") -> None:
    """Type one line of the voucher, cell by cell, with Tab between the cells."""
    form.query_one(f"#l{line}-summary", Input).focus()
    await pilot.pause()
    for text in (summary, account, debit, credit):
        box = form.focused
        box.value = ""
        if text:
            await pilot.press(*text)
        await pilot.press("tab")
    await pilot.pause()


def accounts_of(general_id: int) -> list[tuple[str, int, int]]:
    line, account = models.VoucherLine, models.Account
    return list(line.select(account.code, line.debit, line.credit).join(account)
                .where(line.voucher == general_id).order_by(line.id).tuples())


def month_position(general_id: int) -> int:
    """Where the voucher lies among the journal's vouchers of its month, counted here
    from the rows: what its number must say."""
    voucher = models.Voucher
    mine = voucher.get((voucher.kind == "vouchers") & (voucher.record_id == general_id))
    month = f"{mine.date:%Y-%m}"
    return sum(1 for day, voucher_id in voucher.select(voucher.date, voucher.id).tuples()
               if f"{day:%Y-%m}" == month and voucher_id <= mine.id)


async def test_a_voucher_typed_with_pinyin_lookup_adds_up_live_and_is_saved_with_its_number(
        demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        form = await open_form(pilot, app)
        date_box = form.query_one("#field-date", Input)
        date_box.value = "2026-04-10"
        await fill(pilot, form, 1, "买办公用品", "bgf", debit="123.45")
        # 管理费用-办公费 found by its pinyin initials, named beside the code
        assert form.query_one("#l1-account", Input).value == "513.02"
        assert "管理费用-办公费" in text_of(form, "#l1-name")
        await fill(pilot, form, 2, "买办公用品", "102", credit="100")
        assert "借方合计 123.45 · 贷方合计 100.00 · 差额 23.45" in text_of(form, "#totals")
        # `=` fills in what balances the voucher
        await fill(pilot, form, 2, "买办公用品", "yhck", credit="=")
        assert form.query_one("#l2-account", Input).value == "102"
        assert form.query_one("#l2-credit", Input).value == "123.45"
        assert "差额 0.00  借贷平衡" in text_of(form, "#totals")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        general = models.GeneralVoucher.select().order_by(models.GeneralVoucher.id.desc()).get()
        expected = f"记-2026-04-{month_position(general.id):04d}"
        assert expected in text_of(form, "#message")
        # the form stays open, emptied for the next voucher
        assert app.screen is form and form.query_one("#l1-account", Input).value == ""
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, VouchersScreen)
        table = app.screen.query_one(PagedTable)
        assert str(table.get_row(str(general.id))[0]) == expected
    assert general.date == date(2026, 4, 10)
    assert accounts_of(general.id) == [("513.02", 12345, 0), ("102", 0, 12345)]


async def test_an_unbalanced_voucher_is_not_saved_and_the_line_in_error_is_shown(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        form = await open_form(pilot, app)
        form.query_one("#field-date", Input).value = "2026-04-10"
        await fill(pilot, form, 1, "借款", "102", debit="5000")
        await fill(pilot, form, 2, "借款", "201", credit="4000")
        await fill(pilot, form, 3, "利息", "9999", credit="1000")
        before = table_counts()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form
        message = text_of(form, "#message")
        assert "未保存" in message and "第 3 行 科目：没有科目 9999" in message
        assert form.query_one("#l3-account", Input).has_class("-error")
        assert form.focused is form.query_one("#l3-account", Input)
        assert table_counts() == before
        # with the account put right but the amounts apart, it still cannot be saved
        await fill(pilot, form, 3, "利息", "201", credit="999.99")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "借方合计 5000.00 与贷方合计 4999.99 不等" in text_of(form, "#message")
        assert table_counts() == before
        assert form.query_one("#l3-credit", Input).value == "999.99"   # what was typed is kept


@pytest.mark.parametrize("size", [SMALL, (120, 40)])
async def test_a_wrong_date_s_error_is_read_whole_beside_the_attachments(demo_path, size):
    """At 80×24 the date's error ran into 附单据张数 and was cut off there."""
    from rich.cells import cell_len

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=size) as pilot:
        form = await open_form(pilot, app)
        form.query_one("#field-date", Input).value = "2026-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        row = form.query_one("#row-date")
        note = row.query_one(".field-note", Static)
        text = str(note.render())
        assert row.has_class("-error") and "2026-13-45" in text and "今天" in text
        shown = note.content_region
        assert shown.height * shown.width >= cell_len(text)  # wrapped,
        assert row.region.contains_region(note.region)  # and none of it cut off by its row
        attachments = form.query_one("#row-attachments").region
        assert not note.region.overlaps(attachments)
        assert note.region.right <= form.query_one("#vdialog").content_region.right


async def test_escape_asks_before_discarding_a_typed_voucher(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        form = await open_form(pilot, app)
        await fill(pilot, form, 1, "stamps", "513", debit="12.50")
        before = table_counts()
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard this voucher?" in str(app.screen.query_one(".heading").render())
        await pilot.press("escape")  # no: back to the form, with everything typed
        await settle(pilot, app)
        assert app.screen is form
        assert form.query_one("#l1-debit", Input).value == "12.50"
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("enter")  # yes: discard it
        await settle(pilot, app)
        assert isinstance(app.screen, VouchersScreen)
        assert table_counts() == before
        # an empty form closes without a question
        await pilot.press("n")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, VouchersScreen)


def post(values) -> int:
    from ledger import vouchers

    return vouchers.post(values)


async def test_a_voucher_opened_from_the_list_is_reversed_for_a_reason(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        general_id = post({"date": date(2026, 5, 3), "attachments": "2", "lines": [
            {"summary": "提现", "account": "101", "debit": "800.00"},
            {"summary": "提现", "account": "102", "credit": "800.00"}]})
        app.records_changed()
        await pilot.press("v")
        await settle(pilot, app)
        table = app.screen.query_one(PagedTable)
        row = [str(cell) for cell in table.get_row(str(general_id))]
        assert row[2:4] == ["提现", "800.00"]
        table.move_cursor(row=table.get_row_index(str(general_id)))
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, GeneralVoucherScreen)
        lines = app.screen.query_one(DataTable)
        assert [str(cell) for cell in lines.get_row_at(0)] == ["提现", "101 库存现金", "800.00", ""]
        await pilot.press("r")
        await settle(pilot, app)
        assert isinstance(app.screen, ReasonScreen)
        before = table_counts()
        await pilot.press("enter")  # no reason: refused, nothing written
        await settle(pilot, app)
        assert isinstance(app.screen, ReasonScreen)
        assert table_counts() == before
        await pilot.press(*"提错了")
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, VouchersScreen)
        reversal = models.GeneralVoucher.get(models.GeneralVoucher.reverses == general_id)
        assert accounts_of(reversal.id) == [("101", -80000, 0), ("102", 0, -80000)]
        table = app.screen.query_one(PagedTable)
        await settle(pilot, app)
        notes = [str(table.get_row(key)[5]) for key in (str(general_id), str(reversal.id))]
        assert any(note.startswith("冲销 记-2026-05-") for note in notes)
        assert any(note.startswith("已由 记-2026-05-") for note in notes)


async def test_the_chart_shows_each_accounts_balance_to_the_fen(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("k")
        await settle(pilot, app)
        assert isinstance(app.screen, AccountsScreen)
        table = app.screen.query_one(DataTable)
        for code in ("101", "102", "501.01"):
            debit, credit = _sums(code)
            cells = [str(cell) for cell in table.get_row(code)]
            side = "借" if debit > credit else "贷" if credit > debit else "平"
            assert cells[4:] == [side, f"{abs(debit - credit) / 100:.2f}"], code
        # 113 carries its households' sub-accounts, which are shown on request
        debit, credit = _sums("113.", prefix=True)
        assert [str(cell) for cell in table.get_row("113")][2:4] == [
            f"{debit / 100:.2f}", f"{credit / 100:.2f}"]
        assert not any(key.value.startswith("113.") for key in table.rows)
        await pilot.press("f")
        await settle(pilot, app)
        table = app.screen.query_one(DataTable)
        assert any(key.value.startswith("113.") for key in table.rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_chart_shows_every_column_whole_at_80_columns(demo_path, lang):
    """A large village's bank carries nine-digit debits, and English names are long: the
    balance column was pushed off the right edge (and in English the credits too). The
    name gives way; every figure is shown whole, with no sideways scrolling."""
    app = make_app(demo_path, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        for day in (3, 4):
            post({"date": date(2026, 5, day), "lines": [
                {"summary": "县专项借款", "account": "102", "debit": "90000000.00"},
                {"summary": "县专项借款", "account": "211", "credit": "90000000.00"}]})
        app.records_changed()
        await pilot.press("k")
        await settle(pilot, app)
        table = app.screen.query_one(DataTable)
        assert table.max_scroll_x == 0  # nothing right of the screen
        shown = [table.render_line(y).text for y in range(table.size.height)]
        debit, credit = _sums("102")
        row = next(line for line in shown if line.lstrip().startswith("102 "))
        assert row.split()[-3:] == [f"{credit / 100:.2f}", "借" if lang == "zh" else "Dr",
                                    f"{(debit - credit) / 100:.2f}"]
        assert f"{debit / 100:.2f}" in row


def _sums(code: str, prefix: bool = False) -> tuple[int, int]:
    """Debits and credits of an account (or all accounts under a prefix), summed here
    from the postings themselves."""
    posting, account = models.Posting, models.Account
    where = account.code.startswith(code) if prefix else account.code == code
    rows = posting.select(posting.debit, posting.credit).join(account).where(where).tuples()
    return sum(row[0] for row in rows), sum(row[1] for row in rows)
