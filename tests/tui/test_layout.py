"""Issue 15, layout and details: the first-run screen, forms after a failed save, the
footer at 80 columns, closed seasons, focus that can be seen."""
from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Input, Static

from ledger import book, db, models
from ledger.tui.app import make_app
from ledger.tui.screens.setup import SetupScreen, defaults

from helpers import settle

SMALL = (80, 24)


def beside(app, name: str) -> str:
    return str(app.screen.query_one(f"#setup-{name}-error", Static).render())


# -- the first-run screen ----------------------------------------------------------------

async def test_ctrl_d_opens_the_demo_from_any_field(ledger_path, monkeypatch):
    """Ctrl+D worked only once Tab had reached the buttons: an input took it first."""
    from ledger import demo

    built = []

    def quick_demo(*args, **kwargs):
        built.append(True)
        book.set_up("示范村", "", {"code": "2026-1", "name": "春蚕", "start": "2026-04-08",
                                   "end": "2026-05-23"})

    monkeypatch.setattr(demo, "generate", quick_demo)
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        assert isinstance(app.focused, Input)
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        assert built
        assert not isinstance(app.screen, SetupScreen)
        assert db.get_meta("village") == "示范村"


async def test_the_dates_are_read_as_a_form_reads_them(ledger_path):
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press(*"桑园村")
        app.screen.query_one("#setup-start", Input).value = "2027年5月20日"
        app.screen.query_one("#setup-end", Input).value = "2027年7月1日"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, SetupScreen)
        season = models.Season.get()
        assert (season.start, season.end) == (date(2027, 5, 20), date(2027, 7, 1))


async def test_an_error_goes_once_the_value_is_fixed(ledger_path):
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press(*"桑园村")
        start = app.screen.query_one("#setup-start", Input)
        start.value = "5月40日"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, SetupScreen)
        assert "5月40日" in beside(app, "start")
        assert app.focused is start
        start.value = "2027-04-10"
        await settle(pilot, app)
        assert beside(app, "start") == ""
        assert models.Season.select().count() == 0


def test_the_first_season_proposed_is_the_next_rearing_round():
    """In December the proposal was a 春蚕 starting that day; it is next year's spring."""
    proposed = defaults(date(2026, 12, 5))
    assert proposed["season_code"] == "2027-1"
    assert proposed["start"] == "2027-04-08" and proposed["end"] == "2027-05-23"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_buttons_show_at_80_by_24(ledger_path, lang):
    app = make_app(ledger_path, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        screen = app.screen
        for button in screen.query(Button):
            region = button.region
            assert region.height == 3 and region.bottom <= SMALL[1] - 1, button.id
        for label in screen.query(".setup-label"):
            assert label.region.height == 1, str(label.render())


def look(widget) -> tuple:
    """How a widget is drawn, as far as focus may change it."""
    styles = widget.styles
    return (styles.background, styles.color, str(styles.text_style), styles.border,
            styles.outline)


async def test_every_tab_stop_on_the_first_run_screen_shows_focus(ledger_path):
    """Each stop is a field or a button, in view, drawn otherwise than when the cursor
    has left it."""
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        stops = len(app.screen.query(Input)) + len(app.screen.query(Button))
        seen = []
        for _ in range(stops):
            focused = app.focused
            assert isinstance(focused, (Input, Button)), focused
            assert focused.region.height and focused.region.bottom <= SMALL[1] - 1
            focused_look = look(focused)
            seen.append(focused.id)
            await pilot.press("tab")
            await pilot.pause()
            assert look(focused) != focused_look, focused.id
        assert len(set(seen)) == stops


# -- the footer by priority ------------------------------------------------------------

def footer_keys(app) -> set[str]:
    from ledger.tui.textual_compat import footer_key_class
    from ledger.tui.widgets.footer import FittingFooter

    footer = app.screen.query_one(FittingFooter)
    shown = [child for child in footer.children if child.display]
    assert sum(child.outer_size.width for child in shown) <= footer.size.width
    return {key.key for key in footer.query(footer_key_class()) if key.display}


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_footer_keeps_the_everyday_keys_at_80_columns(demo_path, lang):
    """At 80 columns the household page lost 付款 and 打印, the journal 记一笔: keys
    are left out by priority now, lesser ones first."""
    from ledger.tui.screens.household import HouseholdScreen

    app = make_app(demo_path, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("j")
        await settle(pilot, app)
        await pilot.pause(0.1)
        assert {"f", "a"} <= footer_keys(app)
        await pilot.press("h")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.pause(0.1)
        assert isinstance(app.screen, HouseholdScreen)
        assert {"a", "m", "p", "l", "s"} <= footer_keys(app)


# -- forms after a failed save -----------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_labels_never_wrap_and_hints_fit_after_a_failed_save(demo_path, lang):
    """`重量(公斤` over `)`, and a date hint cut at the input's edge."""
    from rich.cells import cell_len

    from ledger.tui.app import ADDABLE
    from ledger.tui.forms.entry import EntryForm

    app = make_app(demo_path, lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        for kind in ADDABLE:
            if kind == "vouchers":
                continue
            app.add_record(kind)
            await settle(pilot, app)
            assert isinstance(app.screen, EntryForm)
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            for label in app.screen.query(".field-label"):
                text = str(label.render())
                assert label.region.height == 1, (kind, text)
                assert label.content_region.width >= cell_len(text), (kind, text)
            for box in app.screen.query(Input):
                assert cell_len(box.placeholder) <= box.content_region.width, (kind, box.id)
            app.screen.dismiss(None)
            await settle(pilot, app)


@pytest.mark.parametrize("size", [SMALL, (120, 40)])
async def test_a_choice_left_empty_still_shows_its_choices_beside_the_error(demo_path, size):
    """After a failed save 方向 and 方式 said only 必填，但为空: the words to choose from,
    which the hint showed before, had gone."""
    from ledger.tui.forms.entry import EntryForm

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        app.add_record("payments")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EntryForm)
        for field, words in (("direction", ["付给农户", "农户交来"]),
                             ("method", ["现金", "银行", "转账", "微信", "支付宝"])):
            row = app.screen.query_one(f"#row-{field}")
            note = row.query_one(".field-note")
            text = "".join(str(note.render()).split())
            assert row.has_class("-error") and "必填" in text
            assert all(word in text for word in words), text
            assert note.region.height >= str(note.render()).count("\n") + 1
        app.screen.query_one("#field-direction", Input).value = "付"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        text = str(app.screen.query_one("#row-direction .field-note").render())
        assert "付给农户" in text and "必填" not in text


async def test_the_wage_sheet_lists_every_problem(demo_path):
    """At 80×24 the list of problems under the grid stopped after five; it scrolls now,
    every one of them in it."""
    from ledger.tui.forms.wage_sheet import WageSheet

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        assert isinstance(app.screen, WageSheet)
        for number in range(9):
            await pilot.press(*f"X{number}", "tab", "a", "tab", "1", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        lines = str(app.screen.query_one("#message", Static).render()).splitlines()
        assert sum("X" in line for line in lines) == 9
        listed = app.screen.query_one("#messages")
        assert listed.virtual_size.height >= len(lines)
        assert listed.size.height >= len(lines) or listed.max_scroll_y > 0
        assert app.screen.query_one("#keys").region.height > 0
        app.screen.discard_draft()


# -- seasons -------------------------------------------------------------------------------

async def test_the_app_opens_on_the_open_season_and_the_picker_marks_closed_ones(ledger_path):
    """The latest season begun is closed and the next one set up: the app opened on the
    closed one, and the picker did not say which were closed."""
    from datetime import timedelta

    from textual.widgets import OptionList

    from ledger import closing, i18n
    from ledger.tui.screens.choose import ChooseScreen

    today = date.today()
    database = db.open_ledger(ledger_path)
    book.set_up("桑园村")
    for code, first, last in (("S-1", -200, -160), ("S-2", -120, -80), ("S-3", 100, 140)):
        book.record("seasons", {"code": code, "name": code,
                                "start": str(today + timedelta(days=first)),
                                "end": str(today + timedelta(days=last))})
    closing.close("S-1")
    closing.close("S-2")
    database.close()
    app = make_app(ledger_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        assert app.season.code == "S-3"
        await pilot.press("e")
        await settle(pilot, app)
        assert isinstance(app.screen, ChooseScreen)
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        closed = i18n.t("tui.home.closed")
        assert [closed in line for line in shown] == [True, True, False]


# -- focus that can be seen --------------------------------------------------------------

def focus_contrast(app) -> tuple:
    """The focused field's background colour, and how far it is drawn, in brightness,
    from the others."""
    focused = app.focused
    others = [box for box in app.screen.query(Input) if box is not focused]
    mine = focused.background_colors[1]
    return focused.styles.background, min(
        abs(mine.brightness - other.background_colors[1].brightness) for other in others)


async def test_the_field_with_the_cursor_stands_out_the_same_everywhere(demo_path):
    """Focus was a faint blue over grey, hard to see; it is one clear colour now, on the
    first-run screen, the entry forms, the wage sheet and the voucher form alike."""
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        seen = []
        for open_form in (lambda: app.add_record("sales"), app.action_wage_sheet,
                          app.new_voucher):
            open_form()
            await settle(pilot, app)
            if not isinstance(app.focused, Input):
                app.screen.query(Input).first().focus()
                await pilot.pause()
            colour, contrast = focus_contrast(app)
            assert contrast >= 0.2, (type(app.screen).__name__, contrast)
            seen.append(colour)
            if hasattr(app.screen, "discard_draft"):
                app.screen.discard_draft()
            app.screen.dismiss(None)
            await settle(pilot, app)
        app.push_screen(SetupScreen())
        await settle(pilot, app)
        colour, contrast = focus_contrast(app)
        assert contrast >= 0.2
        assert len(set(seen + [colour])) == 1


# -- the audit trail by household and by record ----------------------------------------

async def test_the_audit_trail_looks_up_a_household_and_a_record(demo_path):
    from ledger import audit, i18n, vouchers
    from ledger.tui.screens.log import LogScreen
    from ledger.tui.widgets.paged_table import PagedTable

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot, app)
        season = app.season
        first, second = (models.Party.select().where(models.Party.kind == "household")
                         .order_by(models.Party.code).limit(2))
        charge = dict(date=str(season.start), season=season.code, item="电费", amount="12")
        mine = book.record("charges", {**charge, "household": first.code})
        mine_entry = audit.entries(limit=1)[0].id
        book.record("charges", {**charge, "household": second.code})
        theirs_entry = audit.entries(limit=1)[0].id
        app.records_changed()
        await pilot.press("o")
        await settle(pilot, app)
        assert isinstance(app.screen, LogScreen)

        async def look_up(text: str) -> list[str]:
            await pilot.press("f")
            app.screen.query_one("#log-find", Input).value = text
            await pilot.press("enter")
            await settle(pilot, app)
            table = app.screen.query_one(PagedTable)
            return [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]

        shown = await look_up(first.name)
        assert str(mine_entry) in shown and str(theirs_entry) not in shown
        assert first.code in str(app.screen.query_one("#log-head", Static).render())
        number = vouchers.number_of("charges", mine)
        assert await look_up(number) == [str(mine_entry)]
        assert number in str(app.screen.query_one("#log-head", Static).render())
        await look_up("没有这个人")
        assert "没有这个人" in str(app.screen.query_one("#log-head", Static).render())
        everything = await look_up("")
        assert str(theirs_entry) in everything and str(mine_entry) in everything
        assert i18n.t("tui.log.all") in str(app.screen.query_one("#log-head", Static).render())
