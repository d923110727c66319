"""The wage sheet's grid: workers down, days across, typed into like a spreadsheet.

Each row is a worker and the household the wage is paid to; each day cell holds the days
worked that day (1, 0.5) as typed. The grid keeps text only: reading it into wages, and
judging them, is the sheet's work and the rules'. A household's code is shown with the
name it stands for (H001 张国华), as the sheet's `names` finds it.

Tab and Shift+Tab go across a row and on to the next; Enter goes to the next worker's
row (adding one after the last row typed in); the arrows move as they point.
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message

from ledger import i18n
from ledger.tui.widgets.plain import PlainTable

#: Columns before the days, typed into; the day columns are named d0, d1 ...
PERSON = ("household", "worker")
ROWS = 5


def day_column(index: int) -> str:
    return f"d{index}"


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日" if i18n.language() == "zh" else f"{day.month}-{day.day}"


class AttendanceGrid(PlainTable):
    """A grid of text cells; digits, letters and Chinese type into the cell under the cursor."""

    BINDINGS = [
        Binding("tab", "next_cell", show=False),
        Binding("shift+tab", "previous_cell", show=False),
        Binding("enter", "next_row", show=False),
        Binding("down", "down", show=False),
        Binding("backspace", "erase", show=False),
        Binding("delete", "clear_cell", "sheet.clear_cell", key_display="del"),
    ]

    class Edited(Message):
        """A cell's text changed (or the cursor left a cell, `left`)."""

        def __init__(self, row: int, column: str, left: bool = False):
            super().__init__()
            self.row = row
            self.column = column
            self.left = left

    def __init__(self, days: list[date], names: Callable[[str], str | None] | None = None,
                 **kwargs):
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self.days = days
        self.names = names or (lambda code: None)
        self.entries: list[dict[str, str]] = [{} for _ in range(ROWS)]
        self.wrong: set[tuple[int, str]] = set()
        self.figures: list[tuple[str, str]] = []  # per row: days, amount, as shown
        self._fresh = True  # the next key typed replaces the cell rather than extends it

    # -- layout -----------------------------------------------------------------------------
    @property
    def editable(self) -> list[str]:
        return [*PERSON, *(day_column(i) for i in range(len(self.days)))]

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Lay the grid out again (days or rows changed), keeping the cursor's place."""
        where = self.cursor_coordinate
        self.clear(columns=True)
        self.add_column(i18n.field_label("household"), key="household", width=15)
        self.add_column(i18n.field_label("worker"), key="worker", width=10)
        for index, day in enumerate(self.days):
            self.add_column(day_label(day), key=day_column(index), width=7)
        self.add_column(i18n.t("sheet.total_days"), key="total", width=7)
        self.add_column(i18n.field_label("amount"), key="amount", width=10)
        for row in range(len(self.entries)):
            self.add_row(*self._cells(row), key=str(row))
        self.cursor_coordinate = Coordinate(min(where.row, len(self.entries) - 1),
                                            min(where.column, len(self.editable) - 1))

    def _cells(self, row: int) -> list[Text]:
        cells = [self._cell(row, column) for column in self.editable]
        total, amount = self.figures[row] if row < len(self.figures) else ("", "")
        return [*cells, Text(total, justify="right"), Text(amount, justify="right")]

    def _cell(self, row: int, column: str) -> Text:
        text = self.entries[row].get(column, "")
        if column == "household" and text:
            name = self.names(text)
            text = f"{text.strip().upper()} {name}" if name else text
        style = "bold red reverse" if (row, column) in self.wrong else ""
        if (row, column) in self.wrong and not text:
            text = "?"
        return Text(text, style=style, justify="left" if column in PERSON else "right")

    def show(self, row: int) -> None:
        """Show a row's cells and figures as they are now."""
        for column, cell in zip([*self.editable, "total", "amount"], self._cells(row)):
            self.update_cell(str(row), column, cell)

    def show_figures(self, figures: list[tuple[str, str]], wrong: set[tuple[int, str]]) -> None:
        self.figures, self.wrong = figures, wrong
        for row in range(len(self.entries)):
            self.show(row)

    # -- the cell under the cursor ----------------------------------------------------------
    @property
    def place(self) -> tuple[int, str]:
        row, column = self.cursor_coordinate
        return row, self.editable[min(column, len(self.editable) - 1)]

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._fresh = True
        if old != new and old.row < len(self.entries) and old.column < len(self.editable):
            self.post_message(self.Edited(old.row, self.editable[old.column], left=True))

    def set_text(self, row: int, column: str, text: str) -> None:
        self.entries[row][column] = text
        self.wrong.discard((row, column))
        self.show(row)
        self.post_message(self.Edited(row, column))

    def _type(self, text: str) -> None:
        row, column = self.place
        if self.cursor_coordinate.column >= len(self.editable):
            return
        current = "" if self._fresh else self.entries[row].get(column, "")
        self._fresh = False
        self.set_text(row, column, current + text)

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.key not in ("space",):
            event.stop()
            event.prevent_default()
            self._type(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self._type(event.text.strip())

    # -- moving -----------------------------------------------------------------------------
    def action_next_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column + 1 < len(self.editable):
            self.cursor_coordinate = Coordinate(row, column + 1)
        elif row + 1 < len(self.entries):
            self.cursor_coordinate = Coordinate(row + 1, 0)
        else:
            self.screen.focus_next()

    def action_previous_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column > 0:
            self.cursor_coordinate = Coordinate(row, min(column, len(self.editable)) - 1)
        elif row > 0:
            self.cursor_coordinate = Coordinate(row - 1, len(self.editable) - 1)
        else:
            self.screen.focus_previous()

    def to_first_open_cell(self) -> None:
        """The cursor to the first cell to type in: the household of the first row with
        nothing typed in it (the first row of a new sheet)."""
        row = next((index for index, entry in enumerate(self.entries)
                    if not any(text.strip() for text in entry.values())), None)
        if row is None:
            self.add_worker()
            row = len(self.entries) - 1
        self.cursor_coordinate = Coordinate(row, 0)

    def action_next_row(self) -> None:
        """The next worker: the household cell of the next row, a row added after the
        last one once something is typed in it."""
        row = self.cursor_coordinate.row
        if row + 1 == len(self.entries) and any(self.entries[row].values()):
            self.add_worker()
        self.cursor_coordinate = Coordinate(min(row + 1, len(self.entries) - 1), 0)

    def action_down(self) -> None:
        row, column = self.cursor_coordinate
        if row + 1 == len(self.entries) and any(self.entries[row].values()):
            self.add_worker()
        self.cursor_coordinate = Coordinate(min(row + 1, len(self.entries) - 1), column)

    def add_worker(self) -> None:
        self.entries.append({})
        self.add_row(*self._cells(len(self.entries) - 1), key=str(len(self.entries) - 1))

    def action_erase(self) -> None:
        row, column = self.place
        self._fresh = False
        self.set_text(row, column, self.entries[row].get(column, "")[:-1])

    def action_clear_cell(self) -> None:
        row, column = self.place
        self.set_text(row, column, "")
