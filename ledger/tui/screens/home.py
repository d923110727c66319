"""Season at a glance: the season's figures, yield per village group, and what needs
attention (batches harvested but not sold, households owed money, `check` findings).

The figures come first; the check of the whole ledger runs after them in its own
worker, so the screen appears at once even on a large ledger.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ledger import check, money, yields
from ledger.browse import Glance, UnsoldBatch, YieldBar, release
from ledger.i18n import t
from ledger.reports.summary import group_order
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.bar_chart import BarChart
from ledger.tui.widgets.figures import Figures
from ledger.tui.widgets.paged_table import row_value
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable
from ledger.tui.screens.yields import visit_text
from ledger.tui.textual_compat import SteadyHeader


#: Above this many records `check` waits for its key: it takes seconds per hundred
#: thousand, and a worker thread that long makes every key wait behind it.
CHECK_BY_ITSELF = 20_000


@dataclass
class HomeData:
    glance: Glance
    bars: list[YieldBar]
    unsold: tuple[list[UnsoldBatch], int]
    owed: tuple[list, int]
    stamp: tuple[int, ...]
    flagged: list = field(default_factory=list)  # the yield book's batches to visit


class HomeScreen(LedgerScreen):
    TITLE_KEY = "tui.screen.home"
    CSS_PATH = "home.tcss"
    #: Below 100 columns the attention list goes under the figures instead of beside.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("p", "app.notice_board", "tui.key.summary"),
        Binding("c", "check", "tui.key.check"),
        Binding("x", "close_season", "tui.key.close"),
        Binding("X", "reopen_season", "tui.key.reopen", key_display="X"),
        Binding("r", "refresh", "tui.key.refresh", show=False),
    ]

    class Checked(Message):
        def __init__(self, stamp: tuple[int, ...], findings: list[str]):
            super().__init__()
            self.stamp = stamp
            self.findings = findings

    class CheckStep(Message):
        def __init__(self, stamp: tuple[int, ...], step: int, steps: int):
            super().__init__()
            self.stamp = stamp
            self.step = step
            self.steps = steps

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stamp: tuple[int, ...] = ()
        self.closed = False

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with VerticalScroll(id="home"):
            with Vertical(id="home-left"):
                yield PlainStatic(t("tui.loading"), id="season-line")
                yield Figures(id="figures")
                yield PlainLabel(t("tui.home.chart"), classes="heading")
                yield BarChart(id="chart")
            with Vertical(id="home-right"):
                yield PlainLabel(t("tui.home.attention"), classes="heading")
                yield PlainTable(id="attention", cursor_type="row")
        yield FittingFooter()

    def read(self) -> HomeData | None:
        season = self.season
        if season is None:
            return None
        overview = self.read_model.overview
        return HomeData(overview.glance(season), overview.yield_by_group(season),
                        overview.unsold_batches(season, limit=20),
                        overview.households_owed(season, limit=20),
                        self.read_model.seasons.data_stamp(),
                        yields.flagged_in(season))

    def show(self, data: HomeData | None) -> None:
        table = self.query_one("#attention", DataTable)
        table.clear(columns=True)
        table.add_columns(t("tui.col.what"), t("tui.col.subject"), t("tui.col.detail"))
        if data is None:
            self.query_one("#season-line", Static).update(t("tui.no_season"))
            return
        g = data.glance
        season = g.season
        line = Text(t("tui.home.season", code=season.code, name=season.name,
                      start=season.start, end=season.end))
        if season.is_closed:
            line.append("  ")
            line.append(f" {t('tui.home.closed')} ", style="bold reverse")
        self.query_one("#season-line", Static).update(line)
        self.closed = season.is_closed
        self.refresh_bindings()
        per_sheet = g.kg_per_sheet
        self.query_one(Figures).show([
            ("", f"{t('tui.home.batches')}: {t('tui.home.stages', **g.stages)}"),
            (t("tui.home.sheets"), money.sheets(g.sheets)),
            (t("tui.home.cocoon_kg"), money.kg(g.cocoon_grams)),
            (t("tui.home.kg_per_sheet"), money.kg(per_sheet) if per_sheet is not None else "-"),
            (t("tui.home.cocoon_income"), money.yuan(g.cocoon_income)),
            (t("tui.home.wages"), money.yuan(g.wages)),
            (t("tui.home.collective_net"), money.yuan(g.collective_net)),
            (t("tui.home.owed"), money.yuan(g.owed_to_households)),
            (t("tui.home.owed_by"), money.yuan(g.owed_by_households)),
        ])
        bars = sorted(data.bars, key=lambda bar: (bar.label == "", group_order(bar.label)))
        self.query_one(BarChart).show([
            (bar.label or t("tui.home.collective_group"), bar.kg_per_sheet,
             money.kg(bar.kg_per_sheet)) for bar in bars])
        self._attention(table, data)
        self.stamp = data.stamp
        self.set_timer(self.app.PREPARE_AFTER, self.app.prepare_screens)
        checked = self.app.checked
        if checked and checked[0] == data.stamp:
            self._show_findings(checked[1])
        elif sum(data.stamp) < CHECK_BY_ITSELF:
            self._check(data.stamp)
        else:
            self._set_check_row(t("tui.home.check_key"))

    def _attention(self, table: DataTable, data: HomeData) -> None:
        for flag in data.flagged:  # the yield book's to-do
            table.add_row(t("tui.att.visit"), f"{flag.batch.code} {flag.batch.owner_name}",
                          visit_text(flag), key=f"batch:{flag.batch.code}")
        unsold, unsold_count = data.unsold
        for batch in unsold:
            table.add_row(t("tui.att.batch"), f"{batch.code} {batch.owner_name}",
                          t("tui.home.unsold", harvest=batch.harvest), key=f"batch:{batch.code}")
        if unsold_count > len(unsold):
            table.add_row("", "", t("tui.home.more_unsold", count=unsold_count))
        owed, owed_count = data.owed
        for party in owed:
            table.add_row(t("tui.att.household"), f"{party.code} {party.name}",
                          t("tui.home.owed_one", amount=money.yuan(party.balance)),
                          key=f"household:{party.code}")
        if owed_count > len(owed):
            table.add_row("", "", t("tui.home.more_owed", count=owed_count),
                          key="more:households")
        table.add_row(t("tui.att.check"), "", t("tui.home.checking"), key="check")

    def _set_check_row(self, text: str) -> None:
        table = self.query_one("#attention", DataTable)
        if "check" in table.rows:
            table.update_cell("check", table.ordered_columns[2].key, text)

    def action_check(self) -> None:
        if self.stamp:
            self._set_check_row(t("tui.home.checking"))
            self._check(self.stamp)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, stamp: tuple[int, ...]) -> None:
        """The whole ledger's invariants: a tenth of a second on a village's books,
        seconds on a county's, so never in the way of the figures."""
        worker = get_current_worker()

        def step(number: int, steps: int) -> None:
            if not worker.is_cancelled:  # a newer check (c pressed again) has the row
                self.post_message(self.CheckStep(stamp, number, steps))

        try:
            findings = [finding.message() for finding in check.run(step)]
        except EXPECTED as error:
            findings = [problem(error)]
        finally:
            release()
        if not worker.is_cancelled:
            self.post_message(self.Checked(stamp, findings))

    def on_home_screen_check_step(self, message: CheckStep) -> None:
        if message.stamp == self.stamp:
            self._set_check_row(t("tui.home.checking_step", step=message.step,
                                  steps=message.steps))

    def on_home_screen_checked(self, message: Checked) -> None:
        self.app.checked = (message.stamp, message.findings)
        if message.stamp == self.stamp and self.is_mounted:
            self._show_findings(message.findings)

    def _show_findings(self, findings: list[str]) -> None:
        table = self.query_one("#attention", DataTable)
        if "check" not in table.rows:
            return
        if not findings:
            self._set_check_row(t("tui.home.check_ok"))
            return
        table.remove_row("check")
        for index, text in enumerate(findings[:50]):
            table.add_row(t("tui.att.check"), "", text, key=f"check:{index}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = row_value(event) or ""
        what, _, code = key.partition(":")
        if what == "batch":
            from ledger.tui.screens.batch import BatchScreen

            self.app.push_screen(BatchScreen(code))
        elif what == "household":
            from ledger.tui.screens.household import HouseholdScreen

            self.app.push_screen(HouseholdScreen(code))
        elif key == "more:households":
            self.app.switch_mode("households")

    def action_refresh(self) -> None:
        self.load()

    # -- closing and reopening the season -----------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Close shows on an open season, reopen on a closed one."""
        if action == "close_season":
            return self.season is not None and not self.closed
        if action == "reopen_season":
            return self.season is not None and self.closed
        return True

    def action_close_season(self) -> None:
        self.app.close_season()

    def action_reopen_season(self) -> None:
        self.app.reopen_season()
