"""Households: a list searched as one types, by code, name, village group or pinyin
initials (`zgh` finds 张国华), with each household's season figures and balance."""
from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from ledger import money
from ledger.browse import ReadModel, Season
from ledger.i18n import t
from ledger.tui.screens.base import ListScreen
from ledger.tui.widgets.paged_table import PagedTable, Row, right
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.textual_compat import SteadyHeader


def household_rows(read_model: ReadModel, query: str, season: Season | None, after: str | None,
                   limit: int) -> list[Row]:
    """A page of households with their season figures (read in a worker thread)."""
    entries = read_model.households.page(query, after, limit)
    figures = read_model.seasons.party_figures(season) if season else {}
    rows = []
    for entry in entries:
        party = figures.get(entry.code)
        numbers = ((money.sheets(party.sheets), money.kg(party.cocoon_grams),
                    money.yuan(party.net_income), money.yuan(party.balance))
                   if party else ("", "", "", ""))
        rows.append(Row(entry.code, (entry.code, entry.name, entry.group,
                                     *(right(n) for n in numbers)), entry.code))
    return rows


class HouseholdsScreen(ListScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.households"
    BINDINGS = [
        Binding("slash", "search", "tui.key.search", key_display="/"),
        Binding("enter", "open", "tui.key.open", show=False),
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.search_text = ""

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield Input(self.search_text, placeholder=t("tui.households.search"), id="search")
        yield PagedTable(self._fetch(), id="households")
        yield FittingFooter()

    def _fetch(self):
        return partial(household_rows, self.read_model, self.search_text, self.season)

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("tui.col.code"), t("tui.col.name"), t("tui.col.group"),
                           t("tui.col.sheets"), t("tui.col.cocoon_kg"), t("tui.col.net"),
                           t("tui.col.balance")])
        table.fetch = self._fetch()
        table.reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value
        table = self.query_one(PagedTable)
        table.fetch = self._fetch()
        table.reload()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.query_one(PagedTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def key_escape(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.query_one(PagedTable).focus()

    def open(self, code: str | None) -> None:
        if code:
            from ledger.tui.screens.household import HouseholdScreen

            self.app.push_screen(HouseholdScreen(code))
