"""The season's batches: lifecycle dates, sheets, leaf and cocoons, grade mix, yield."""
from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ledger import money
from ledger.browse import ReadModel, Season
from ledger.i18n import t
from ledger.tui.grades import grade_mix, short_mix
from ledger.tui.screens.base import ListScreen
from ledger.tui.screens.batch import BatchScreen
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def day(value) -> str:
    """A date within the season as month-day: the season gives the year."""
    return value.strftime("%m-%d") if value else ""


#: Below this many columns the list leaves out the mount date and the season in the
#: code, and shows the grade mix as shares; the line under the table shows them all.
NARROW = 100


def batch_rows(read_model: ReadModel, season: Season | None, narrow: bool, after: str | None,
               limit: int) -> list[Row]:
    if season is None:
        return []
    rows = []
    prefix = f"{season.code}-"
    for batch in read_model.batches.page(season, after, limit):
        per_sheet = batch.kg_per_sheet
        code = batch.code.removeprefix(prefix) if narrow else batch.code
        dates = (day(batch.hatch), day(batch.harvest)) if narrow else (
            day(batch.hatch), day(batch.mount), day(batch.harvest))
        rows.append(Row(batch.code, (
            code, batch.owner_name, right(money.sheets(batch.sheets)), *dates,
            right(money.kg(batch.leaf_grams)), right(money.kg(batch.cocoon_grams)),
            right(money.kg(per_sheet) if per_sheet is not None else ""),
            short_mix(batch.grades) if narrow else grade_mix(batch.grades)), batch.code))
        rows[-1].whole = t("tui.batches.line", code=batch.code, hatch=batch.hatch,
                           mount=batch.mount or "-", harvest=batch.harvest or "-",
                           grades=grade_mix(batch.grades) or "-")
    return rows


class BatchesScreen(ListScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.batches"
    BINDINGS = [Binding("enter", "open", "tui.key.open", show=False)]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.narrow = False
        self.lines: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PagedTable(self._fetch(), id="batches")
        yield PlainStatic("", id="batches-line")
        yield FittingFooter()

    def _fetch(self):
        return partial(self._page, self.season, self.narrow)

    def _page(self, season, narrow: bool, after: str | None, limit: int) -> list[Row]:
        rows = batch_rows(self.read_model, season, narrow, after, limit)
        self.lines.update((row.key, row.whole) for row in rows)
        return rows

    def show(self, _data) -> None:
        self.narrow = self.app.size.width < NARROW
        table = self.query_one(PagedTable)
        dates = ("hatch", "harvest") if self.narrow else ("hatch", "mount", "harvest")
        table.set_columns([t("tui.col.code"), t("tui.col.owner"), t("tui.col.sheets"),
                           *(t(f"tui.col.{name}") for name in dates),
                           t("tui.col.leaf_kg"), t("tui.col.cocoon_kg"),
                           t("tui.col.kg_per_sheet"),
                           t("tui.col.grades_short" if self.narrow else "tui.col.grades")])
        table.flex = len(dates) + 6
        table.fetch = self._fetch()
        table.reload()

    def on_resize(self) -> None:
        if self.shown_as is not None and (self.app.size.width < NARROW) != self.narrow:
            self.show(None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        line = self.lines.get(row_value(event) or "")
        if line:
            self.query_one("#batches-line", Static).update(line)

    def open(self, code: str | None) -> None:
        if code:
            self.app.push_screen(BatchScreen(code))
