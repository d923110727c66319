"""The entry forms, driven as the accountant drives them: keys in, records out."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, Static

from ledger import book, i18n, kinds, models
from ledger.entry_dates import read_entry_date
from ledger.income import find_season, season_income
from ledger.refs import SeasonRef
from ledger.rules import Problem
from ledger.tui.forms.entry import EntryForm
from ledger.tui.forms.fields import FieldRow

from helpers import type_into

SEASON = SeasonRef(1, "2026-1", date(2026, 4, 1), date(2026, 5, 15))
WINTER = SeasonRef(2, "2026-4", date(2026, 11, 20), date(2027, 1, 10))


# -- the dates a form reads (no UI) --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2026-04-05", date(2026, 4, 5)), ("4-5", date(2026, 4, 5)), ("4/5", date(2026, 4, 5)),
    ("4月5日", date(2026, 4, 5)), ("4月5号", date(2026, 4, 5)), ("４月５日", date(2026, 4, 5)),
    ("2026年4月5日", date(2026, 4, 5)), ("2026/4/5", date(2026, 4, 5)),
    ("today", date(2026, 4, 20)), ("今天", date(2026, 4, 20)), (" Today ", date(2026, 4, 20)),
    ("6-1", date(2026, 6, 1)),  # outside the season: for the rules to refuse, not a guess
])
def test_entry_dates_take_the_seasons_year(text, expected):
    assert read_entry_date(text, SEASON, today=date(2026, 4, 20)) == expected


def test_a_day_without_year_in_a_season_across_new_year_takes_the_year_it_falls_in():
    assert read_entry_date("1-3", WINTER) == date(2027, 1, 3)
    assert read_entry_date("12月30日", WINTER) == date(2026, 12, 30)


def test_without_a_season_a_day_takes_todays_year():
    assert read_entry_date("4-5", None, today=date(2027, 1, 2)) == date(2027, 4, 5)


@pytest.mark.parametrize("text, reason", [
    ("2-30", "entry_date_impossible"), ("13-1", "entry_date_impossible"),
    ("2026-02-30", "entry_date_unreadable"), ("4/5/26", "entry_date_unreadable"),
    ("yesterday", "entry_date_unreadable"), ("45", "entry_date_unreadable"),
])
def test_impossible_or_ambiguous_dates_are_refused(text, reason):
    with pytest.raises(Problem) as raised:
        read_entry_date(text, SEASON)
    assert raised.value.reason == reason
    assert i18n.t(raised.value.reason, "zh", **raised.value.params) != raised.value.reason


def test_a_day_outside_a_season_in_both_its_years_is_not_guessed():
    with pytest.raises(Problem) as raised:
        read_entry_date("6-1", WINTER)
    assert raised.value.reason == "entry_date_year_unclear"


# -- a small village on a file ledger -------------------------------------------------------

@pytest.fixture
def village(file_ledger):
    book.record_many([
        ("households", [("", {"code": "H001", "name": "张国华", "group": "一组"}),
                        ("", {"code": "H002", "name": "李秀英", "group": "一组"})]),
        ("partners", [("", {"code": "E01", "name": "云岭茧丝绸公司"})]),
        ("seasons", [("", {"code": "2026-1", "name": "春蚕", "start": "2026-04-01",
                           "end": "2026-05-15"})]),
        ("batches", [("", {"code": "B2026-1-001", "season": "2026-1", "owner": "H001",
                           "sheets": "2", "hatch": "2026-04-03"})]),
    ])
    return file_ledger


class Host(App):
    """A bare app that shows one screen and keeps what it is dismissed with."""

    def __init__(self, screen):
        super().__init__()
        self.form = screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def note(screen, field: str) -> str:
    return str(screen.query_one(f"#row-{field}", FieldRow).note.render())


def records(model) -> int:
    return model.select().count()


def h001():
    income = season_income(find_season("2026-1"))
    return next(party for party in income.parties if party.code == "H001")


async def test_a_leaf_delivery_typed_in_is_saved_with_its_amount_and_changes_the_households_figures(
        village):
    i18n.set_language("zh")
    before = h001().leaf_cost
    host = Host(EntryForm("leaf", "2026-1", {"batch": "B2026-1-001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "4月5日")
        await type_into(pilot, "supplier", "H002")
        await type_into(pilot, "kg", "12.345")
        await type_into(pilot, "price", "0.85")
        await pilot.pause()
        assert "→ 2026-04-05" in note(host.screen, "date")
        assert "李秀英" in note(host.screen, "supplier")
        # 12.345 × 0.85 = 10.49325 -> 10.49, rounded once as the posting rounds
        assert "= 10.49 元" in str(host.screen.query_one("#amount", Static).render())
        await pilot.press("enter")
        await pilot.pause()
    [record_id] = host.results
    leaf = models.LeafDelivery.get_by_id(record_id)
    assert (leaf.date, leaf.grams, leaf.price, leaf.amount) == (date(2026, 4, 5), 12345, 85, 1049)
    assert h001().leaf_cost == before + 1049


async def test_a_cocoon_sale_saved_with_ctrl_s_counts_as_the_households_income(village):
    i18n.set_language("en")
    host = Host(EntryForm("sales", "2026-1", {"batch": "B2026-1-001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "2026-05-02")
        await type_into(pilot, "buyer", "e01")
        await type_into(pilot, "kg", "88.35")
        await type_into(pilot, "price", "52")
        await type_into(pilot, "deduction", "10.5")
        await pilot.pause()
        assert "88.350 × 52.00 − 10.50 = 4583.70 yuan" in str(
            host.screen.query_one("#amount", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.results and host.results[0] > 0
    assert h001().cocoon_income == 458370


async def test_bad_values_are_shown_beside_their_fields_and_nothing_is_saved(village):
    i18n.set_language("en")
    count = records(models.LeafDelivery), records(models.Voucher)
    host = Host(EntryForm("leaf", "2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "6-30")
        await type_into(pilot, "batch", "B9999")
        await type_into(pilot, "supplier", "H002")
        await type_into(pilot, "kg", "-3")
        await type_into(pilot, "price", "1")
        await pilot.press("enter")
        await pilot.pause()
        screen = host.screen
        assert isinstance(screen, EntryForm)
        assert "no batch with code B9999" in note(screen, "batch")
        assert ("must not be negative" in note(screen, "kg")
                or "greater than zero" in note(screen, "kg"))
        assert screen.query_one("#field-kg", Input).value == "-3"   # what was typed is kept
        # with the batch put right, the date is outside its season
        await type_into(pilot, "batch", "B2026-1-001")
        await type_into(pilot, "kg", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2026-06-30 is outside season 2026-1" in note(screen, "date")
        assert note(screen, "kg") == ""
    assert host.results == []
    assert (records(models.LeafDelivery), records(models.Voucher)) == count


async def test_an_unreadable_date_is_refused_in_the_readers_language(village):
    i18n.set_language("zh")
    host = Host(EntryForm("charges", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "2-30")
        await type_into(pilot, "item", "小蚕共育费")
        await type_into(pilot, "amount", "０")
        await pilot.press("enter")
        await pilot.pause()
        assert "2026 年没有 2-30 这一天" in note(host.screen, "date")
        assert "应大于零" in note(host.screen, "amount")
    assert records(models.Charge) == 0


async def test_today_is_read_against_the_seasons_year(village):
    i18n.set_language("en")
    host = Host(EntryForm("seasons"))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "start", "today")
        await pilot.pause()
        assert f"→ {date.today().isoformat()}" in note(host.screen, "start")


async def test_a_household_is_found_by_pinyin_initials_and_becomes_its_code(village):
    i18n.set_language("zh")
    host = Host(EntryForm("wages", "2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "household", "zgh")
        await pilot.pause()
        assert "H001 张国华" in note(host.screen, "household")
        await pilot.press("tab")
        await pilot.pause()
        assert host.screen.query_one("#field-household", Input).value == "H001"
        await type_into(pilot, "quantity", "1.5")
        await type_into(pilot, "rate", "110")
        await pilot.pause()
        assert "1.5 × 110.00 = 165.00 元" in str(host.screen.query_one("#amount", Static).render())


async def test_escape_cancels_once_confirmed_and_saves_nothing(village):
    host = Host(EntryForm("payments", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "amount", "100")
        await pilot.press("escape")
        await pilot.pause()
        assert host.results == []  # asked first: the amount typed is not lost to one key
        await pilot.press("enter")
        await pilot.pause()
    assert host.results == [None]
    assert records(models.Payment) == 0


EVERY_KIND = [
    ("households", {"code": "H003", "name": "王芳", "group": "二组"}),
    ("partners", {"code": "S01", "name": "兴农农资店"}),
    ("seasons", {"code": "2026-2", "name": "夏蚕", "start": "2026-06-01", "end": "2026-07-10"}),
    ("batches", {"code": "B2026-1-002", "season": "2026-1", "owner": "H002", "sheets": "1.5",
                 "hatch": "4-6"}),
    ("inputs", {"date": "4-6", "batch": "B2026-1-001", "supplier": "E01", "item": "消毒药",
                "quantity": "2", "unit": "袋", "amount": "36"}),
    ("charges", {"date": "4-14", "season": "2026-1", "household": "H001", "item": "小蚕共育费",
                 "amount": "300"}),
    ("subsidies", {"date": "4-20", "season": "2026-1", "recipient": "H001",
                   "source": "县农业农村局", "amount": "50"}),
    ("payments", {"date": "5-10", "season": "2026-1", "household": "H001",
                  "direction": "付给农户", "amount": "200", "method": "现金"}),
]


async def test_every_kind_records_through_its_form(village):
    """Typing itself is tested above; here each kind's fields are filled in directly."""
    host = Host(EntryForm("leaf", "2026-1"))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        for kind, typed in EVERY_KIND:
            model = kinds.get(kind).model
            before = records(model)
            form = EntryForm(kind, "2026-1")
            host.push_screen(form, host.results.append)
            await pilot.pause()
            for field, text in typed.items():
                form.query_one(f"#field-{field}", Input).value = text
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert host.screen is not form, str(form.query_one("#message", Static).render())
            assert records(model) == before + 1, kind
    assert None not in host.results[1:] and len(host.results) == 1 + len(EVERY_KIND)


def test_the_date_reading_and_lookups_import_no_textual():
    import subprocess
    import sys

    code = ("import sys, ledger.entry_dates, ledger.browse.lookup; "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.sqlite_only  # another program's lock on the file
async def test_a_ledger_another_program_holds_shows_why_and_keeps_the_form_open(village):
    """The entry form and the wage sheet save the same way (forms/base.py): a database
    that cannot be written is a line on the form, which stays open with what was typed."""
    i18n.set_language("en")
    before = records(models.Charge)
    host = Host(EntryForm("charges", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "2026-04-09")
        await type_into(pilot, "item", "电费")
        await type_into(pilot, "amount", "12.50")
        models.database.execute_sql("PRAGMA busy_timeout = 50")
        other = sqlite3.connect(models.database.database)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
        finally:
            other.rollback()
            other.close()
        assert isinstance(host.screen, EntryForm) and host.results == []
        message = str(host.screen.query_one("#message", Static).render())
        assert message.startswith("Not saved, nothing changed: the ledger could not be written")
        assert host.screen.query_one("#field-item", Input).value == "电费"
    assert records(models.Charge) == before


# -- issue 15: choices as words, the collective by name, grades and items from lists ---------

def screen_text(host) -> str:
    """Everything the screen shows, as text."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", host.export_screenshot()))


def value(screen, field: str) -> str:
    return screen.query_one(f"#field-{field}", Input).value


async def test_a_payments_choices_show_as_words_before_anything_is_typed_and_a_character_picks_one(
        village):
    i18n.set_language("zh")
    host = Host(EntryForm("payments", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = host.screen
        assert note(form, "direction") == "付给农户 / 农户交来"
        assert note(form, "method") == "现金 / 银行 / 转账 / 微信 / 支付宝"
        await type_into(pilot, "date", "5-10")
        await type_into(pilot, "direction", "付")
        await pilot.press("tab")
        await pilot.pause()
        assert value(form, "direction") == "付给农户"
        assert note(form, "direction") == "[付给农户] / 农户交来"
        await type_into(pilot, "amount", "200")
        await type_into(pilot, "method", "现")
        await pilot.press("tab")
        await pilot.pause()
        assert value(form, "method") == "现金"
        shown = screen_text(host)
        assert "to_household" not in shown and "cash" not in shown
        form.query_one("#field-method", Input).focus()
        await pilot.press("down")  # ↓ steps to the next choice
        assert value(form, "method") == "银行"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [record_id] = host.results
    payment = models.Payment.get_by_id(record_id)
    assert (payment.direction, payment.method, payment.amount) == ("to_household", "bank", 20000)


async def test_in_english_the_choices_are_english_words_and_no_code_is_suggested(village):
    i18n.set_language("en")
    host = Host(EntryForm("payments", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert note(host.screen, "direction") == "paid to household / paid by household"
        await type_into(pilot, "direction", "t")
        await pilot.pause()
        box = host.screen.query_one("#field-direction", Input)
        assert not box._suggestion.startswith("to_")  # no completion to the raw code
        await type_into(pilot, "direction", "xyz")
        await type_into(pilot, "method", "cash")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "“xyz” is none of: paid to household / paid by household" in note(
            host.screen, "direction")
    assert host.results == []


async def test_the_collective_is_shown_and_typed_by_its_name_never_as_its_code(village):
    i18n.set_language("zh")
    host = Host(EntryForm("wages", "2026-1", {"household": "H002"}))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = host.screen
        assert value(form, "payer") == "村集体"
        await type_into(pilot, "payer", "cjt")  # pinyin initials find it too
        await pilot.press("tab")
        await pilot.pause()
        assert value(form, "payer") == "村集体"
        for field, text in (("date", "4-10"), ("worker", "李秀英"), ("task", "大蚕饲育"),
                            ("quantity", "1"), ("rate", "100")):
            await type_into(pilot, field, text)
        await pilot.pause()
        assert "COLLECTIVE" not in screen_text(host)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [record_id] = host.results
    assert models.Wage.get_by_id(record_id).payer.code == "COLLECTIVE"


async def test_a_grade_is_found_on_its_list_by_pinyin_initials(village):
    i18n.set_language("zh")
    host = Host(EntryForm("sales", "2026-1", {"batch": "B2026-1-001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert note(host.screen, "grade").startswith("上车茧 · 上茧 · 次茧 · 下茧")
        await type_into(pilot, "grade", "cj")
        await pilot.pause()
        assert note(host.screen, "grade") == "次茧"
        await pilot.press("tab")
        await pilot.pause()
        assert value(host.screen, "grade") == "次茧"


async def test_a_grade_not_on_the_list_is_refused_until_ctrl_l_adds_it_on_purpose(village):
    from ledger import audit, terms
    from ledger.tui.forms.terms import WordListScreen

    i18n.set_language("zh")
    host = Host(EntryForm("sales", "2026-1", {"batch": "B2026-1-001"}))
    async with host.run_test(size=(80, 24)) as pilot:
        for field, text in (("date", "5-2"), ("buyer", "E01"), ("grade", "特级茧"),
                            ("kg", "10"), ("price", "60")):
            await type_into(pilot, field, text)
        await pilot.pause()
        assert "不在清单中" in note(host.screen, "grade")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = host.screen
        assert isinstance(form, EntryForm) and host.results == []
        assert note(form, "grade") == ("“特级茧”不在茧等级清单中：请选用列出的等级，"
                                       "或按 Ctrl+L 加入清单")
        assert records(models.CocoonSale) == 0
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(host.screen, WordListScreen)
        assert "上车茧" in screen_text(host)
        assert value(host.screen, "word") == "特级茧"
        await pilot.press("enter")  # added, on purpose
        await pilot.pause()
        assert host.screen is form and value(form, "grade") == "特级茧"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert records(models.CocoonSale) == 1
    assert models.CocoonSale.select().first().grade == "特级茧"
    assert terms.added("grades") == ["特级茧"]
    assert [e.action for e in audit.entries()][-2:] == ["list_add", "record"]


async def test_a_charge_item_not_on_its_list_is_refused_and_the_list_offers_its_own(village):
    i18n.set_language("en")
    host = Host(EntryForm("charges", "2026-1", {"household": "H001"}))
    async with host.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "date", "4-9")
        await type_into(pilot, "item", "road levy")
        await type_into(pilot, "amount", "30")
        await pilot.press("enter")
        await pilot.pause()
        assert note(host.screen, "item").startswith(
            "“road levy” is not on the list of charge items: pick one shown, or press Ctrl+L")
        await type_into(pilot, "item", "xcgy")
        await pilot.press("tab")
        await pilot.pause()
        assert value(host.screen, "item") == "小蚕共育费"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert records(models.Charge) == 1
