"""The books and statements, the fixed-asset register and the year-end wizard in the
terminal UI, at 80×24 from the keyboard; figures checked against sums worked out here
from the postings themselves."""
from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from ledger import closing, models, money, voucher_rules
from ledger.tui.app import make_app
from ledger.tui.screens.assets import AssetForm, AssetsScreen, DepreciationScreen
from ledger.tui.screens.backups import ConfirmScreen
from ledger.tui.screens.choose import ChooseScreen
from ledger.tui.screens.year_end import YearEndScreen
from ledger.tui.widgets.paper import PaperView

from helpers import settle, table_counts

SMALL = (80, 24)


def posted(code: str, first: date | None, last: date) -> tuple[int, int]:
    """Debits and credits posted to `code` between two days, summed here."""
    voucher, posting, account = models.Voucher, models.Posting, models.Account
    query = (posting.select(posting.debit, posting.credit).join(voucher).switch(posting)
             .join(account).where((account.code == code) & (voucher.date <= last)))
    if first is not None:
        query = query.where(voucher.date >= first)
    rows = list(query.tuples())
    return sum(row[0] for row in rows), sum(row[1] for row in rows)


def document_text(screen) -> str:
    return screen.query_one("#books-text", PaperView).text


async def show_period(pilot, app, text: str) -> None:
    box = app.screen.query_one("#books-period", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text, "enter")
    await settle(pilot, app)


async def test_the_months_trial_balance_shows_each_accounts_figures_to_the_fen(
        demo_path, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app)
        month = models.Voucher.select(models.Voucher.date).order_by(
            models.Voucher.date).first().date
        first = month.replace(day=1)
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1).toordinal() - 1
        await show_period(pilot, app, f"{first:%Y-%m}")
        text = document_text(app.screen)
        assert "科目余额表" in text and f"{first} 至 {date.fromordinal(last)}" in text
        debit, credit = posted("102", first, date.fromordinal(last))
        row = next(line for line in text.splitlines() if line.startswith("102 "))
        figures = [money.yuan(figure) for figure in (debit, credit) if figure]  # 0 is blank
        assert figures and all(figure in row for figure in figures)
        assert row.split()[-1] == money.yuan(abs(debit - credit))  # nothing before it


async def test_the_cash_book_ends_on_the_balance_of_the_postings_and_is_written_as_pdf(
        demo_path, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app, "cash_book")
        await show_period(pilot, app, "2026")
        text = document_text(app.screen)
        assert "现金日记账" in text
        debit, credit = posted("101", None, date(2026, 12, 31))
        year_line = [line for line in text.splitlines() if "本年累计" in line][-1]
        assert year_line.split()[-1] == money.yuan(abs(debit - credit))
        await pilot.press("p")
        await settle(pilot, app)
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press("down", "enter")  # PDF, the form after printing it
        await settle(pilot, app)
    written = list(demo_path.parent.glob("*.pdf"))
    assert len(written) == 1 and written[0].read_bytes().startswith(b"%PDF")


async def test_the_balance_sheet_balances_and_its_funds_are_cash_and_bank(demo_path, open_books):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app, "balance_sheet")
        await show_period(pilot, app, "2026")
        text = document_text(app.screen)
        cash, bank = posted("101", None, date.today()), posted("102", None, date.today())
        funds = cash[0] - cash[1] + bank[0] - bank[1]
        row = next(line for line in text.splitlines() if line.lstrip().startswith("Monetary"))
        assert row.split()[-1] == money.yuan(funds)
        assets = next(line for line in text.splitlines() if "Total assets" in line).split()
        claims = next(line for line in text.splitlines()
                      if "liabilities and" in line.lower()).split()
        assert assets[-1] == claims[-1]


async def test_an_unreadable_period_says_how_to_write_one(demo_path, open_books):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await open_books(pilot, app)
        await show_period(pilot, app, "四月")
        assert "不是期间" in document_text(app.screen)


async def type_field(pilot, screen, name: str, text: str) -> None:
    box = screen.query_one(f"#field-{name}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def test_an_asset_added_shows_its_monthly_charge_and_a_month_is_depreciated(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        assert isinstance(app.screen, AssetsScreen)
        await pilot.press("n")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, AssetForm)
        for name, text in (("code", "A009"), ("name", "烘茧房"), ("date", "2026-11-15"),
                           ("cost", "120000"), ("life", "240"), ("residual", "130000")):
            await type_field(pilot, form, name, text)
        before = table_counts()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form  # a residual above the cost is refused, nothing written
        assert "残值" in str(form.query_one("#row-residual").note.render())
        assert table_counts() == before
        await type_field(pilot, form, "residual", "6000.01")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, AssetsScreen)
        table = app.screen.query_one(DataTable)
        monthly = (2 * (12000000 - 600001) + 240) // (2 * 240)  # half up to the fen
        assert [str(cell) for cell in table.get_row("A009")][3:5] == [
            "120000.00", money.yuan(monthly)]
        await pilot.press("d")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, DepreciationScreen)
        await type_field(pilot, screen, "month", "2026-12")
        await pilot.press("enter")
        await settle(pilot, app)
        lines = screen.query_one(DataTable)
        assert str(lines.get_row_at(
            [str(lines.get_row_at(i)[0]) for i in range(lines.row_count)].index("A009"))[3]) \
            == money.yuan(monthly)
        charges = [int(str(lines.get_row_at(i)[3]).replace(".", ""))
                   for i in range(lines.row_count - 1)]
        assert money.yuan(sum(charges)) in str(screen.query_one("#depreciation-message").render())
        before = posted("152", date(2026, 12, 1), date(2026, 12, 31))
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, AssetsScreen)
    after = posted("152", date(2026, 12, 1), date(2026, 12, 31))
    assert after[1] - before[1] == sum(charges)


async def test_an_asset_ticked_as_in_the_opening_balances_brings_its_depreciation(demo_path):
    from textual.widgets import Checkbox

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, AssetForm)
        assert form.query_one("#row-paid_from").display
        assert not form.query_one("#row-opening_depreciation").display
        # a kiln whose ten years ended before the books began: fully depreciated then
        for name, text in (("code", "A008"), ("name", "旧烘茧灶"), ("date", "2010-01-10"),
                           ("cost", "5000"), ("life", "120"), ("residual", "200")):
            await type_field(pilot, form, name, text)
        form.query_one("#field-opening", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot, app)
        assert form.query_one("#field-opening", Checkbox).value
        assert not form.query_one("#row-paid_from").display
        assert form.query_one("#row-opening_depreciation").display
        assert "不记购置凭证" in str(form.query_one("#title").render())
        await type_field(pilot, form, "opening_depreciation", "4800.01")
        before = table_counts()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form and table_counts() == before
        assert str(form.query_one("#row-opening_depreciation").note.render()) == (
            "期初累计折旧 4800.01 超过可提折旧总额：原值 5000.00 减残值 200.00 为 4800.00")
        await type_field(pilot, form, "opening_depreciation", "4800")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, AssetsScreen)
        assert table_counts()["GeneralVoucher"] == before["GeneralVoucher"]  # no purchase
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row("A008")]
        assert row[3:] == ["5000.00", money.yuan(4_000), "4800.00", "200.00"]  # 4800 / 120
        app.screen.query_one(DataTable).move_cursor(
            row=app.screen.query_one(DataTable).get_row_index("A008"))
        await settle(pilot, app)
        assert "期初已有，期初累计折旧 4800.00" in str(
            app.screen.query_one("#assets-detail").render())


async def test_escape_on_a_typed_asset_asks_first(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("d")
        await settle(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)
        form = app.screen
        await type_field(pilot, form, "name", "road lights")
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is form and form.query_one("#field-name", Input).value == "road lights"


def dividends(members: int) -> dict[str, int]:
    """Each shareholding household's dividend by the largest-remainder rule, worked out
    here from the households' shares."""
    party = models.Party
    holders = list(party.select(party.code, party.shares)
                   .where((party.kind == "household") & (party.shares > 0)).tuples())
    total = sum(shares for _, shares in holders)
    found = {code: members * shares // total for code, shares in holders}
    left = members - sum(found.values())
    order = sorted(holders, key=lambda row: (-(members * row[1] % total), row[0]))
    for code, _ in order[:left]:
        found[code] += 1
    return found


async def test_the_year_end_wizard_refuses_in_words_then_previews_every_dividend_and_closes(
        demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("N")
        await settle(pilot, app)
        wizard = app.screen
        assert isinstance(wizard, YearEndScreen)
        await type_field(pilot, wizard, "year", "2026")
        await type_field(pilot, wizard, "reserve", "10")
        await type_field(pilot, wizard, "members", "5000.01")
        await pilot.press("enter")
        await settle(pilot, app)
        before = table_counts()
        problems = str(wizard.query_one("#year-end-problems").render())
        assert "尚未结账" in problems  # the demo's seasons are open
        assert "按 x 结账" in problems and "silk" not in problems  # in the screen's words
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is wizard and table_counts() == before
        for season in models.Season.select().where(models.Season.closed.is_null()):
            closing.close(season.code)
        await pilot.press("enter")
        await settle(pilot, app)
        expected = dividends(500001)
        table = wizard.query_one(DataTable)
        shown = {key.value: str(table.get_row(key)[3]) for key in table.rows
                 if key.value != "total"}
        assert shown == {code: money.yuan(amount) for code, amount in expected.items()}
        assert str(table.get_row("total")[3]) == "5000.01"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        await app.workers.wait_for_complete()
        await settle(pilot, app)
        assert not isinstance(app.screen, YearEndScreen)
    assert 2026 in voucher_rules.closed_years()
    for code, amount in expected.items():
        assert posted(f"113.{code}", date(2026, 12, 31), date(2026, 12, 31))[1] >= amount


async def test_a_sub_account_added_from_the_chart_takes_a_voucher_and_has_its_own_ledger(
        demo_path, open_books):
    from ledger.tui.forms.account import AccountForm
    from ledger.tui.screens.accounts import AccountsScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("k")
        await settle(pilot, app)
        assert isinstance(app.screen, AccountsScreen)
        app.screen.query_one(DataTable).move_cursor(
            row=app.screen.query_one(DataTable).get_row_index("513"))
        await pilot.press("n")
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, AccountForm)
        assert form.query_one("#field-code", Input).value == "513."
        await type_field(pilot, form, "code", "113.X1")
        await type_field(pilot, form, "name", "修理费")
        before = table_counts()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form and table_counts() == before  # 113 is the households'
        await type_field(pilot, form, "code", "513.09")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, AccountsScreen)
        assert str(app.screen.query_one(DataTable).get_row("513.09")[1]).strip() == \
            "管理费用-修理费"
        from ledger import vouchers

        vouchers.post({"date": date(2026, 6, 30), "lines": [
            {"summary": "修水泵", "account": "513.09", "debit": "321.09"},
            {"summary": "修水泵", "account": "102", "credit": "321.09"}]})
        await open_books(pilot, app, "account_ledger")
        box = app.screen.query_one("#books-account", Input)
        box.value = ""
        box.focus()
        await pilot.press(*"xlf", "enter")  # 修理费 by its pinyin initials
        await settle(pilot, app)
        assert box.value == "513.09"
        await show_period(pilot, app, "2026-06")
        text = document_text(app.screen)
        assert "修水泵" in text and "321.09" in text
