"""The season's batches: lifecycle dates, sheets, leaf and cocoons, grade mix, yield."""
from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header

from ledger import browse, money, models
from ledger.reports.statement import grade_rank
from ledger.i18n import t
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.paged_table import PagedTable, Row, right
from ledger.tui.widgets.footer import FittingFooter


def grade_mix(grades: dict[str, int]) -> str:
    """Each grade's share of the cocoons sold, in per cent: 上车茧 92% 次茧 5% ..."""
    total = sum(grades.values())
    if not total:
        return ""
    return " ".join(f"{grade or '-'} {grams * 100 // total}%"
                    for grade, grams in sorted(grades.items(), key=lambda g: grade_rank(g[0])))


def day(value) -> str:
    """A date within the season as month-day: the season gives the year."""
    return value.strftime("%m-%d") if value else ""


def batch_rows(season: models.Season | None, after: str | None, limit: int) -> list[Row]:
    if season is None:
        return []
    rows = []
    for batch in browse.batch_page(season, after, limit):
        per_sheet = batch.kg_per_sheet
        rows.append(Row(batch.code, (
            batch.code, batch.owner_name, right(money.sheets(batch.sheets)),
            day(batch.hatch), day(batch.mount), day(batch.harvest),
            right(money.kg(batch.leaf_grams)), right(money.kg(batch.cocoon_grams)),
            right(money.kg(per_sheet) if per_sheet is not None else ""),
            grade_mix(batch.grades)), batch.code))
    return rows


class BatchesScreen(LedgerScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.batches"
    BINDINGS = [Binding("enter", "open", "tui.key.open", show=False)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield PagedTable(partial(batch_rows, self.season), id="batches")
        yield FittingFooter()

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("tui.col.code"), t("tui.col.owner"), t("tui.col.sheets"),
                           t("tui.col.hatch"), t("tui.col.mount"), t("tui.col.harvest"),
                           t("tui.col.leaf_kg"), t("tui.col.cocoon_kg"),
                           t("tui.col.kg_per_sheet"), t("tui.col.grades")])
        table.fetch = partial(batch_rows, self.season)
        table.reload()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(event.row_key.value)

    def action_open(self) -> None:
        self.open(self.query_one(PagedTable).current_key)

    def open(self, code: str | None) -> None:
        if code:
            from ledger.tui.screens.batch import BatchScreen

            self.app.push_screen(BatchScreen(code))
