"""A table that reads its rows from the ledger a page at a time, as the reader scrolls.

The owner gives a `fetch(after, limit)` function returning rows after the keyset
position `after` (None for the first page). Pages are read in a thread worker and
posted back as `PageLoaded`; a new `reload` makes pages of the old one stale, so a fast
typist never sees rows of an earlier search.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import get_current_worker

from ledger.browse import release
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.textual_compat import columns_resized
from ledger.tui.widgets.plain import PlainTable


@dataclass
class Row:
    key: str            # the row's identity (a household code, a record "kind:id")
    cells: tuple        # what is shown
    position: Any       # the keyset position after this row
    whole: str = ""     # the whole row in words, for a line under a narrow table


def right(text: str) -> Text:
    """A figure, aligned to the right of its column."""
    return Text(text, justify="right")


def row_value(event: DataTable.RowHighlighted | DataTable.RowSelected) -> str | None:
    """The key of the row a table's message is about; None when it is about no row
    (Textual sends one with no row key as a table empties under a fast typist)."""
    return event.row_key.value if event.row_key is not None else None


Fetch = Callable[[Any, int], list[Row]]


def fit_column(table: DataTable, index: int, minimum: int = 10) -> None:
    """Give column `index` (a free-text one: a record's detail, a grade mix) only the
    width the other columns leave, so the table never scrolls sideways; its text is cut
    at the edge (the screen shows the whole of the row under the cursor elsewhere)."""
    columns = table.ordered_columns
    if not columns or index >= len(columns) or not table.size.width:
        return
    column = columns[index]
    others = sum(_render_width(table, c) for c in columns if c is not column)
    room = table.size.width - 2 - others - 2 * table.cell_padding  # 2: the scroll bar
    width = max(minimum, room)
    if column.auto_width or column.width != width:
        column.auto_width = False
        column.width = width
        columns_resized(table)


def _render_width(table: DataTable, column) -> int:
    """A column's width as it will be drawn, measured from its cells: Textual measures
    them only on its next idle, so just after new rows its widths are the labels'
    (H004's page once gave its detail column the amount column's room, issue 15)."""
    if not column.auto_width:
        return column.get_render_width(table)
    cells = [column.label, *table.get_column(column.key)]
    widest = max((cell.cell_len if isinstance(cell, Text) else cell_len(str(cell)))
                 for cell in cells)
    return widest + 2 * table.cell_padding


class PagedTable(PlainTable):
    """A DataTable filled lazily in keyset pages."""

    #: Rows from the end of what is loaded at which the next page is read.
    AHEAD = 30

    class PageLoaded(Message):
        def __init__(self, table: "PagedTable", generation: int, rows: list[Row], last: bool):
            super().__init__()
            self.table = table
            self.generation = generation
            self.rows = rows
            self.last = last

    class ReadFailed(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    def __init__(self, fetch: Fetch, page_size: int = 100, flex: int | None = None, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.fetch = fetch
        #: The column that gives way so the table fits its width (see `fit_column`).
        self.flex = flex
        self.page_size = page_size
        self.generation = 0
        self.reading = False
        #: Nothing to read until the owner has given the columns and reloads: a table
        #: recomposed under a scrolling reader must not fetch rows it has no columns for.
        self.complete = True
        self.position: Any = None

    def set_columns(self, labels: list[str]) -> None:
        self.clear(columns=True)
        for label in labels:
            self.add_column(label)

    def reload(self) -> None:
        """Forget the rows shown and read the first page again (once there are columns
        to show them in: until then the owner's `set_columns` is to come, and reloads)."""
        if not self.columns:
            return
        self.generation += 1
        self.clear()
        self.complete = False
        self.position = None
        self.reading = True
        self._read_page(self.generation, None)

    def _maybe_more(self) -> None:
        if (not self.reading and not self.complete
                and self.cursor_row >= self.row_count - self.AHEAD):
            self.reading = True
            self._read_page(self.generation, self.position)

    @work(thread=True, group="page")
    def _read_page(self, generation: int, after: Any) -> None:
        try:
            rows = self.fetch(after, self.page_size)
        except EXPECTED as error:
            self.post_message(self.ReadFailed(problem(error)))
            return
        finally:
            release()  # this thread's connection; the worker ends here
        if not get_current_worker().is_cancelled:
            self.post_message(self.PageLoaded(self, generation, rows, len(rows) < self.page_size))

    def on_paged_table_page_loaded(self, message: PageLoaded) -> None:
        if message.table is not self or message.generation != self.generation:
            return
        message.stop()
        for row in message.rows:
            if row.key in self.rows or len(row.cells) > len(self.columns):
                continue
            self.add_row(*row.cells, key=row.key)
            self.position = row.position
        self.complete = message.last
        self.reading = False
        self.call_after_refresh(self.fit)
        self._maybe_more()

    def fit(self) -> None:
        if self.flex is not None:
            fit_column(self, self.flex, minimum=6)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def on_paged_table_read_failed(self, message: ReadFailed) -> None:
        self.reading = False
        self.complete = True
        self.app.notify(message.text, severity="error")

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._maybe_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - 5:
            if not self.reading and not self.complete:
                self.reading = True
                self._read_page(self.generation, self.position)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor, or None in an empty table."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
