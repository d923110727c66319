"""Closing a season and correcting records from the terminal UI, as the accountant would:
the home screen's `x`, the journal's `r` and `c`; refusals shown with nothing saved."""
from __future__ import annotations

from textual.widgets import Input, Static

from ledger import i18n, income, models, money, vouchers
from ledger.kinds import BY_NAME
from ledger.tui.app import make_app
from ledger.tui.screens.close import CloseScreen
from ledger.tui.screens.correct import CorrectScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.journal import JournalScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import PagedTable

from helpers import settle

SIZE = (120, 40)


def record_count() -> int:
    return sum(kind.model.select().count() for kind in BY_NAME.values())


def party_net(season: models.Season, code: str) -> int:
    return next(p.net_income for p in income.season_income(season).parties if p.code == code)


async def test_a_closed_season_refuses_a_new_record_and_saves_nothing(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        first = models.Season.select().order_by(models.Season.start).first()
        await app.show_season(first.id)
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        assert isinstance(app.screen, CloseScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert models.Season.get_by_id(first.id).is_closed
        assert i18n.t("tui.home.closed", "en") in str(
            app.screen.query_one("#season-line", Static).render())
        before = record_count()
        await pilot.press("a")
        await settle(pilot, app)
        await pilot.press("enter")  # the first kind offered: a leaf delivery
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)  # no form opened
        assert i18n.t("tui.season_closed", "en", season=first.code) in [
            n.message for n in app._notifications]
        await pilot.press("w")
        await settle(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert record_count() == before


async def test_closing_a_later_season_first_is_refused_in_the_modal(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("x", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CloseScreen)
        message = str(app.screen.query_one("#season-message", Static).render())
        assert "close it before" in message
        assert not models.Season.get_by_id(app.season.id).is_closed


async def test_reversing_a_sale_from_the_journal_takes_its_amount_off_the_household(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        journal.chosen = type(journal.chosen)(kind="sales")
        journal._reload()
        await settle(pilot, app)
        kind, record_id, _ = journal.query_one(PagedTable).current_key.split(":")
        sale = models.CocoonSale.get_by_id(int(record_id))
        owner = sale.batch.owner.code
        before = party_net(app.season, owner)
        await pilot.press("r")
        await settle(pilot, app)
        assert isinstance(app.screen, CorrectScreen)
        await pilot.press("enter")  # no reason: refused, nothing saved
        await settle(pilot, app)
        assert isinstance(app.screen, CorrectScreen)
        assert models.CocoonSale.select().where(models.CocoonSale.reverses == sale.id).count() == 0
        await pilot.press(*"wrong buyer", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, JournalScreen)
        assert party_net(app.season, owner) == before - sale.amount
        table = journal.query_one(PagedTable)
        rows = [list(map(str, table.get_row_at(index))) for index in range(table.row_count)]
        number = vouchers.number_of("sales", sale.id)  # 记-2026-05-0003, as printed
        assert any(i18n.t("doc.reversal", "en", id=number) in row[6] for row in rows)
        assert all(row[2].startswith("记-") for row in rows)  # the voucher column


async def test_amending_a_sale_replaces_it_with_the_corrected_figures(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        sale = (models.CocoonSale.select().where(models.CocoonSale.season == app.season)
                .order_by(models.CocoonSale.id).first())
        owner = sale.batch.owner.code
        before = party_net(app.season, owner)
        app.push_screen(CorrectScreen("sales", sale.id, amend=True))
        await settle(pilot, app)
        kg = app.screen.query_one("#field-kg", Input)
        assert kg.value == f"{sale.grams / 1000:.3f}"
        kg.value = f"{sale.grams / 1000 + 1:.3f}"
        app.screen.query_one("#field-reason", Input).focus()
        await pilot.press(*"scale", "ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, CorrectScreen)
        corrected = models.CocoonSale.get(models.CocoonSale.corrects == sale.id)
        assert corrected.grams == sale.grams + 1000
        assert party_net(app.season, owner) == before - sale.amount + corrected.amount


async def test_an_amendment_the_rules_refuse_is_shown_beside_its_field(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        sale = models.CocoonSale.select().where(models.CocoonSale.season == app.season).first()
        count = record_count()
        app.push_screen(CorrectScreen("sales", sale.id, amend=True))
        await settle(pilot, app)
        app.screen.query_one("#field-kg", Input).value = "-5"
        app.screen.query_one("#field-reason", Input).focus()
        await pilot.press(*"typo", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, CorrectScreen)
        assert app.screen.query_one("#row-kg").has_class("-error")
        assert record_count() == count


async def test_every_footer_fits_80_columns(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("g", "h", "b", "j", "o"):
            await pilot.press(key)
            await settle(pilot, app)
            for _ in range(8):  # the footer drops one spare key per refresh
                await pilot.pause()
            footer = app.screen.query_one(FittingFooter)
            assert footer.virtual_size.width <= footer.size.width, key
            for table in app.screen.query(PagedTable):
                assert table.virtual_size.width <= table.size.width, key
            if key == "o":
                await pilot.press("escape")


async def test_the_amend_dialog_opens_on_the_first_field_and_works_out_the_amount_as_it_changes(
        demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        journal = app.screen
        journal.chosen = type(journal.chosen)(kind="sales")
        journal._reload()
        await settle(pilot, app)
        kind, record_id, _ = journal.query_one(PagedTable).current_key.split(":")
        sale = models.CocoonSale.get_by_id(int(record_id))
        await pilot.press("c")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, CorrectScreen)
        assert dialog.focused is dialog.query_one("#field-date", Input)  # not 原因
        amount = dialog.query_one("#correct-amount", Static)
        assert str(amount.render()).endswith(f"= {money.yuan(sale.amount)} 元")
        await pilot.press("tab", "tab", "tab", "tab")  # to 重量
        assert dialog.focused is dialog.query_one("#field-kg", Input)
        dialog.focused.value = ""
        await pilot.press(*"10", "tab", "ctrl+u", *"50")
        await settle(pilot, app)
        assert "10.000 × 50.00" in str(amount.render())
        assert str(amount.render()).endswith(
            f"= {money.yuan(500_00 - sale.deduction)} 元")


async def test_amending_a_payment_shows_its_words_and_reads_a_word_typed(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        payment = (models.Payment.select().where(models.Payment.season == app.season)
                   .order_by(models.Payment.id).first())
        said = []  # what the journal's toast says
        app.push_screen(CorrectScreen("payments", payment.id, amend=True), said.append)
        await settle(pilot, app)
        dialog = app.screen
        words = {"to_household": "付给农户", "from_household": "农户交来"}
        assert dialog.query_one("#field-direction", Input).value == words[payment.direction]
        shown = str(dialog.query_one("#correct-record", Static).render())
        assert payment.direction not in shown and f"方式 {i18n.t('method.' + payment.method)}" \
            in shown
        method = dialog.query_one("#field-method", Input)
        method.focus()
        method.value = ""
        await pilot.press("微", "tab")
        await settle(pilot, app)
        assert method.value == "微信"
        dialog.query_one("#field-reason", Input).focus()
        await pilot.press(*"记错了方式", "ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, CorrectScreen)
        [toast] = said
        assert "已更正" in toast and "记-" in toast and "payments" not in toast
    corrected = models.Payment.get(models.Payment.corrects == payment.id)
    assert (corrected.method, corrected.direction) == ("wechat", payment.direction)
