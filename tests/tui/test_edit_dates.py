"""The edit form of master data reads dates as the entry forms do (4月5日, 2026年4月5日,
4-5, ISO), by the same reader (`fields.read_value`), against the season of what is edited."""
from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input

from helpers import settle
from ledger import models
from ledger.tui.app import make_app
from ledger.tui.forms.edit import EditForm
from ledger.tui.forms.fields import FieldRow
from ledger.tui.screens.batch import BatchScreen

SIZE = (120, 40)


def autumn_batch():
    return (models.Batch.select().join(models.Season)
            .where(models.Season.code == "2026-3").order_by(models.Batch.code).first())


async def open_batch_edit(pilot, app, code: str) -> EditForm:
    app.push_screen(BatchScreen(code))
    await settle(pilot, app)
    await pilot.press("d")
    await settle(pilot, app)
    assert isinstance(app.screen, EditForm)
    return app.screen


async def test_a_batchs_dates_are_typed_as_an_entry_form_takes_them(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        batch = autumn_batch()
        form = await open_batch_edit(pilot, app, batch.code)
        form.query_one("#field-mount", Input).value = "9-12"
        form.query_one("#field-harvest", Input).value = "9月20日"
        await pilot.pause()
        note = str(form.query_one("#row-harvest", FieldRow).note.render())
        assert "2026-09-20" in note  # the date it reads, shown as it is typed
        form.query_one("#field-reason", Input).value = "补记上蔟、采茧日期"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, BatchScreen)
    saved = models.Batch.get_by_id(batch.id)
    assert (saved.mount, saved.harvest) == (date(2026, 9, 12), date(2026, 9, 20))


async def test_a_seasons_end_is_typed_with_its_year_in_chinese(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        code = app.season.code
        end = app.season.end + timedelta(days=5)
        app.edit_season()
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, EditForm)
        form.query_one("#field-end", Input).value = f"{end.year}年{end.month}月{end.day}日"
        form.query_one("#field-reason", Input).value = "结束日期推后五天"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, EditForm)
    assert models.Season.get(models.Season.code == code).end == end


async def test_a_date_that_is_none_is_refused_beside_its_field_in_chinese(demo_path):
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        batch = autumn_batch()
        form = await open_batch_edit(pilot, app, batch.code)
        form.query_one("#field-harvest", Input).value = "9月31日"
        form.query_one("#field-reason", Input).value = "补记"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form
        row = form.query_one("#row-harvest", FieldRow)
        assert row.has_class("-error")
        assert "没有 9月31日 这一天" in str(row.note.render())
    assert models.Batch.get_by_id(batch.id).harvest == batch.harvest


async def test_the_amend_dialog_reads_a_records_date_by_the_same_reader(demo_path):
    """The record's amend dialog (红字冲销 and 更正) takes 9月2日 as the entry forms and the
    edit form do, in the record's season."""
    from ledger.tui.screens.correct import CorrectScreen

    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        sale = (models.CocoonSale.select().where(models.CocoonSale.season == app.season)
                .order_by(models.CocoonSale.id).first())
        day = sale.date + timedelta(days=1 if sale.date < app.season.end else -1)
        app.push_screen(CorrectScreen("sales", sale.id, amend=True))
        await settle(pilot, app)
        app.screen.query_one("#field-date", Input).value = f"{day.month}月{day.day}日"
        await pilot.pause()
        assert day.isoformat() in str(app.screen.query_one("#row-date", FieldRow).note.render())
        app.screen.query_one("#field-reason", Input).value = "日期记错"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, CorrectScreen)
    assert models.CocoonSale.get(models.CocoonSale.corrects == sale.id).date == day
