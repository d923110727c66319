"""A restore or a switch of village replaces the open ledger and closes every form open
in the app: with something typed in one, it asks first and names it (issue 15: typed
work was dropped without a word). Esc on the first-run screen of a new village's empty
ledger goes back to the village open before, instead of quitting."""
from __future__ import annotations

from textual.widgets import DataTable, Input

from helpers import settle
from ledger import db, models
from ledger.tui.app import make_app
from ledger.tui.forms.entry import EntryForm
from ledger.tui.screens.backups import BackupsScreen, ConfirmScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.setup import SetupScreen
from test_village import choose_ledger, header_text, township  # noqa: F401  (a fixture)

SIZE = (120, 40)


def question(app) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one("#confirm-text").render())


async def restore_question(pilot, app) -> str:
    """A backup made now, then chosen to restore: the question asked before it is."""
    await pilot.press("ctrl+b")
    await settle(pilot, app)
    await pilot.press("u")
    await settle(pilot, app)
    assert isinstance(app.screen, BackupsScreen)
    assert app.screen.query_one(DataTable).row_count == 1
    await pilot.press("enter")
    await settle(pilot, app)
    return question(app)


async def leaf_form_typed_under_households(pilot, app) -> EntryForm:
    """A leaf delivery half typed under the households list, then the home screen shown
    (as the command palette switches screens without closing the form)."""
    await settle(pilot, app)
    await pilot.press("h")
    await settle(pilot, app)
    app.add_record("leaf")
    await settle(pilot, app)
    form = app.screen
    assert isinstance(form, EntryForm)
    form.query_one("#field-kg", Input).value = "120"
    await app.switch_mode("home")
    await settle(pilot, app)
    return form


async def test_a_restore_names_the_form_it_would_close_and_esc_keeps_it(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await leaf_form_typed_under_households(pilot, app)
        text = await restore_question(pilot, app)
        assert "尚未保存" in text and form.work_name() in text and "桑叶" in text
        await pilot.press("escape")  # no: the form is still there, as typed
        await settle(pilot, app)
        await app.switch_mode("households")
        await settle(pilot, app)
        assert app.screen is form
        assert form.query_one("#field-kg", Input).value == "120"


async def test_with_nothing_typed_the_restore_question_says_nothing_of_forms(demo_path):
    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")
        await settle(pilot, app)
        app.add_record("leaf")  # opened, nothing typed
        await settle(pilot, app)
        await app.switch_mode("home")
        assert "Not saved" not in await restore_question(pilot, app)


async def test_a_switch_asks_before_closing_a_typed_form_and_esc_stays(township):  # noqa: F811
    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await leaf_form_typed_under_households(pilot, app)
        await choose_ledger(pilot, app, "xigou")
        text = question(app)
        assert "xigou" in text and form.work_name() in text
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.db_path.endswith("?ledger=sangyuan")
        assert db.get_meta("village") == "桑园村"
        await app.switch_mode("households")
        await settle(pilot, app)
        assert app.screen is form and form.query_one("#field-kg", Input).value == "120"

        await app.switch_mode("home")
        await settle(pilot, app)
        await choose_ledger(pilot, app, "xigou")
        await pilot.press("enter")  # yes: the form goes, the other village opens
        await settle(pilot, app)
        assert app.db_path.endswith("?ledger=xigou")
        assert "西沟村" in header_text(app)
        assert not any(isinstance(s, EntryForm) for s in app.screen_stack)


async def test_esc_on_a_new_villages_first_run_screen_goes_back(township):  # noqa: F811
    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await choose_ledger(pilot, app, "dongling")
        assert isinstance(app.screen, SetupScreen)
        assert app.active_bindings["escape"].binding.description == "返回"
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.is_running
        assert app.db_path.endswith("?ledger=sangyuan")
        assert isinstance(app.screen, HomeScreen)
        assert db.get_meta("village") == "桑园村" and "桑园村" in header_text(app)
        assert models.Season.select().count() > 0


async def test_esc_on_the_first_run_screen_at_start_still_quits(tmp_path):
    app = make_app(tmp_path / "ledger.db", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not app.is_running


async def test_a_wage_sheet_on_a_server_ledger_is_kept_as_a_draft_across_a_switch(
        township, tmp_path, monkeypatch):  # noqa: F811
    """On a server the draft is kept in the working folder, under the database and the
    ledger's code (its path was a mangled address, so nothing was kept)."""
    from ledger.tui.forms.wage_sheet import WageSheet

    monkeypatch.chdir(tmp_path)
    app = make_app(f"{township}?ledger=sangyuan", lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")  # (the sheet left under the households list)
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        sheet = app.screen
        assert isinstance(sheet, WageSheet)
        await pilot.press("H", "0", "0", "1", "tab", "张", "tab", "1", "tab")
        await settle(pilot, app)
        assert "草稿" in sheet.work_name()
        await app.switch_mode("home")
        await settle(pilot, app)
        await choose_ledger(pilot, app, "xigou")
        await pilot.press("enter")  # yes: the sheet closes, its draft kept
        await settle(pilot, app)
        assert app.db_path.endswith("?ledger=xigou")
        database = township.rsplit("/", 1)[1]
        assert [path.name for path in tmp_path.iterdir()] == [
            f"{database}.sangyuan.wages-draft-{sheet.season}.json"]
        await choose_ledger(pilot, app, "sangyuan")
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        assert app.screen.grid.entries[0] == {"household": "H001", "worker": "张", "d0": "1"}


async def test_a_correction_with_its_reason_typed_is_named_before_a_restore(demo_path):
    """Not only the entry forms: a reversal's reason typed is work a restore would lose."""
    from ledger.tui.screens.correct import CorrectScreen

    app = make_app(demo_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("h")
        await settle(pilot, app)
        leaf = models.LeafDelivery.select(models.LeafDelivery.id).scalar()
        app.push_screen(CorrectScreen("leaf", leaf))
        await settle(pilot, app)
        app.screen.query_one("#field-reason", Input).value = "weighed twice"
        await app.switch_mode("home")
        await settle(pilot, app)
        assert "Not saved" in await restore_question(pilot, app)
