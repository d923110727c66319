"""The yield book in the terminal: the report's views, sortable, with each row's kg per
sheet over its seasons as a sparkline; and the small pieces other screens show (a
household's yield history, a batch's notes, the season's batches to visit).

Figures are the report's own (`ledger.reports.yields`), read in a worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.css.query import NoMatches
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Sparkline, Static

from ledger import i18n, money, notes, yields
from ledger.browse import COLLECTIVE, release
from ledger.browse.lookup import party_shown
from ledger.i18n import t
from ledger.reports import yields as yield_report
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import right, row_value
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable
from ledger.tui.textual_compat import SteadyHeader

i18n.register({
    "tui.screen.yield": ("Yield book", "产量账"),
    "tui.key.yield": ("Yield", "产量"),
    "tui.cmd.yield": ("Yield book: by season, household, group, breed",
                      "产量账：按蚕季、农户、小组、品种"),
    "tui.yield.key.season": ("By season", "按蚕季"),
    "tui.yield.key.household": ("By household", "按农户"),
    "tui.yield.key.group": ("By group", "按小组"),
    "tui.yield.key.breed": ("By breed", "按品种"),
    "tui.yield.key.sort": ("Sort by next column", "换列排序"),
    "tui.yield.key.reverse": ("Reverse order", "倒序"),
    "tui.yield.col.seasons": ("kg/sheet by season", "历季公斤/张"),
    "tui.yield.sorted": ("Sorted by {column}.", "按“{column}”排序。"),
    "tui.yield.flagged": ("Batches to visit: {count}.", "需上门查看的蚕批：{count} 批。"),
    "tui.yield.visit": ("visit {owner}: {per_sheet} kg/sheet", "走访 {owner}：{per_sheet} 公斤/张"),
    "tui.yield.history": ("{row}: {seasons}", "{row}：{seasons}"),
    "tui.yield.household_history": ("Yield, kg/sheet by season: {seasons}",
                                    "历季单张产量（公斤/张）：{seasons}"),
    "tui.yield.notes": ("Notes", "记事"),
    "tui.yield.no_notes": ("No notes on this batch.", "本批尚无记事。"),
    "tui.att.visit": ("Visit", "走访"),
})

#: Eight heights of a text sparkline, lowest first.
BLOCKS = "▁▂▃▄▅▆▇█"
#: The views, by the key that shows each.
VIEWS = {"1": "season", "2": "household", "3": "group", "4": "breed"}


def spark(values: list[int | None]) -> str:
    """A sparkline as text, one block a season, a space where there is nothing to show;
    the tallest block is the row's best season."""
    shown = [v for v in values if v is not None]
    if not shown:
        return ""
    low, high = min(shown), max(shown)
    span = high - low
    return "".join(" " if v is None else BLOCKS[(v - low) * (len(BLOCKS) - 1) // span if span
                                               else len(BLOCKS) // 2] for v in values)


def history(row: yields.YieldRow, seasons: list) -> list[int | None]:
    """The row's grams per sheet in each season of the range, None without sheets."""
    return [yields.grams_per_sheet(row.seasons[season.id]) if season.id in row.seasons
            else None for season in seasons]


def visit_text(flag: yields.Flagged) -> str:
    """'visit H018: 5.3 kg/张': the kg per sheet to one decimal, half up."""
    batch = flag.batch
    tenths = money.ratio(batch.cocoon_grams, batch.sheets * 10, 1)
    return t("tui.yield.visit", owner=party_shown(batch.owner),
             per_sheet=money.fixed_str(tenths, 1))


@dataclass
class Line:
    """A row of the screen's table: its cells and what each column sorts by."""

    key: str
    cells: list
    order: list


def _number(value) -> tuple:
    """Sort blanks last, whichever way."""
    return (value is None, value if value is not None else 0)


def lines(report: yields.YieldReport) -> list[Line]:
    """The report's rows as the table shows them; the first column sorts in the report's
    own order (seasons by date, others by key)."""
    found = []
    for index, row in enumerate(report.rows):
        totals = row.totals
        leaf_ratio = (money.ratio(totals.leaf_grams, totals.cocoon_grams, 3)
                      if totals.cocoon_grams else None)
        top = (money.ratio(totals.top_grams, totals.cocoon_grams, 4)
               if totals.cocoon_grams else None)
        income = (money.ratio(totals.cocoon_income, totals.sheets, 2) if totals.sheets else None)
        label = yield_report.row_label(row, report, i18n.language())
        texts = [*yield_report.figures(totals), *yield_report.extras(row)]
        cells = [label, *(right(text) for text in texts), spark(history(row, report.seasons))]
        order = [(False, index), _number(totals.batches), _number(totals.sheets),
                 _number(totals.cocoon_grams), _number(yields.grams_per_sheet(totals)),
                 _number(totals.leaf_grams), _number(leaf_ratio), _number(top),
                 _number(income), _number(row.change), (False, cells[-1])]
        found.append(Line(row.key, cells, order))
    return found


class YieldScreen(LedgerScreen):
    """The yield report by season, household, group or breed, over every season."""

    TITLE_KEY = "tui.screen.yield"
    AUTO_FOCUS = "#yield-table"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("1", "view('season')", "tui.yield.key.season"),
        Binding("2", "view('household')", "tui.yield.key.household"),
        Binding("3", "view('group')", "tui.yield.key.group"),
        Binding("4", "view('breed')", "tui.yield.key.breed"),
        Binding("s", "sort", "tui.yield.key.sort"),
        Binding("r", "reverse", "tui.yield.key.reverse"),
    ]

    def __init__(self, by: str = "season", **kwargs):
        super().__init__(**kwargs)
        self.by = by
        self.sort_column = 0
        self.descending = False
        self.lines: list[Line] = []
        self.report: yields.YieldReport | None = None

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(t("tui.loading"), id="yield-line")
        yield PlainTable(id="yield-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="yield-detail"):
            yield PlainStatic("", id="yield-spark-label")
            yield Sparkline([], id="yield-spark")
            yield PlainStatic("", id="yield-flagged")
        yield FittingFooter()

    def read(self) -> yields.YieldReport:
        return yield_report.report(self.by)

    def show(self, report: yields.YieldReport) -> None:
        self.report = report
        self.lines = lines(report)
        self._fill()
        flagged = report.flagged
        text = t("tui.yield.flagged", count=len(flagged))
        if flagged:
            text += "  " + ", ".join(f"{f.batch.code} {visit_text(f)}" for f in flagged[-5:])
        self.query_one("#yield-flagged", Static).update(text)

    def _headers(self) -> list[str]:
        lang = i18n.language()
        return [t(f"yield.by.{self.by}"), *yield_report.figure_headers(lang),
                *yield_report.extra_headers(lang), t("tui.yield.col.seasons")]

    def _fill(self) -> None:
        if self.report is None:  # (a key to sort came before the figures)
            return
        table = self.query_one("#yield-table", DataTable)
        table.clear(columns=True)
        headers = self._headers()
        marked = [h + (" ▼" if self.descending else " ▲") if i == self.sort_column else h
                  for i, h in enumerate(headers)]
        table.add_columns(*marked)
        ordered = sorted(self.lines, key=lambda line: line.order[self.sort_column],
                         reverse=self.descending)
        for line in ordered:
            table.add_row(*line.cells, key=line.key)
        self.query_one("#yield-line", Static).update(
            yield_report.range_line(self.report, i18n.language())
            + "  " + t("tui.yield.sorted", column=headers[self.sort_column]))

    def action_view(self, by: str) -> None:
        if by != self.by:
            self.by, self.sort_column, self.descending = by, 0, False
            self.load()

    def action_sort(self) -> None:
        """The next column."""
        self.sort_column = (self.sort_column + 1) % len(self._headers())
        self._fill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._fill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.column_index == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = event.column_index, False
        self._fill()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.report is None:
            return
        row = next((r for r in self.report.rows if r.key == row_value(event)), None)
        if row is None:
            return
        values = history(row, self.report.seasons)
        self.query_one("#yield-spark", Sparkline).data = [v or 0 for v in values]
        shown = " ".join(f"{season.code} {money.kg(v) if v is not None else '-'}"
                         for season, v in zip(self.report.seasons, values))
        self.query_one("#yield-spark-label", Static).update(
            t("tui.yield.history", row=row.key or "-", seasons=shown))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = row_value(event) or ""
        if self.by == "household" and key and key != COLLECTIVE:
            from ledger.tui.screens.household import HouseholdScreen

            self.app.push_screen(HouseholdScreen(key))


class _ReadsInThread(Vertical):
    """A piece of another screen that reads its own figures for one code in a worker
    thread when it is mounted (the screen around it is redone, and so it, when the
    ledger changes): `read` in the thread, `show` in the UI."""

    def __init__(self, code: str, **kwargs):
        super().__init__(**kwargs)
        self.code = code

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True)
    def _read(self) -> None:
        try:
            found = self.read()
        except EXPECTED as error:
            self.app.call_from_thread(self.app.notify, problem(error), severity="error")
            return
        finally:
            release()  # this worker thread's connection
        self.app.call_from_thread(self._show, found)

    def _show(self, found) -> None:
        """Show what was read, unless the screen was redone (or left) while it was read:
        this piece is then gone, and the new one reads for itself."""
        if not self.is_attached:
            return
        try:
            self.show(found)
        except NoMatches:  # being taken down as the figures arrived
            return

    def read(self):
        raise NotImplementedError

    def show(self, found) -> None:
        raise NotImplementedError


class YieldHistory(_ReadsInThread):
    """A household's kg per sheet season by season, with a sparkline, and the latest
    notes on its batches: for its page."""

    DEFAULT_CSS = "YieldHistory { height: auto; } YieldHistory Sparkline { height: 2; }"

    def compose(self) -> ComposeResult:
        yield PlainStatic("", id="yield-history-text")
        yield Sparkline([], id="yield-history-spark")

    def read(self) -> tuple[list, list]:
        return yields.household_history(self.code), notes.of_household(self.code)

    def show(self, found: tuple[list, list]) -> None:
        history_, notes_found = found
        values = [yields.grams_per_sheet(totals) for _, totals in history_]
        parts = [f"{season.code} {money.kg(v) if v is not None else '-'}"
                 for (season, _), v in zip(history_, values)]
        text = t("tui.yield.household_history", seasons="  ".join(parts) or "-")
        if notes_found:
            text += "\n" + "\n".join(f"{n.batch_code} {n.date.isoformat()} {n.text}"
                                     for n in notes_found[-5:])
        self.query_one("#yield-history-text", Static).update(Text(text))
        self.query_one("#yield-history-spark", Sparkline).data = [v or 0 for v in values]


class BatchNotes(_ReadsInThread):
    """A batch's notes, dated, for its page."""

    DEFAULT_CSS = "BatchNotes { height: auto; }"

    def compose(self) -> ComposeResult:
        yield PlainLabel(t("tui.yield.notes"), classes="heading")
        yield PlainStatic("", id="batch-notes-text")

    def read(self) -> list:
        return notes.of_batch(self.code)

    def show(self, found: list) -> None:
        text = "\n".join(f"{n.date.isoformat()}  {n.text}" for n in found)
        self.query_one("#batch-notes-text", Static).update(Text(text or t("tui.yield.no_notes")))
