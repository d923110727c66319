"""Widgets that show the ledger's text as it is written.

Textual reads a string given to a Static, a Label, a table cell, a list option or a
notification as markup: a household named `a[/b]` stopped the screen with an error,
`[bold]李` showed as 李, and `[@click=app.quit]张三` made a name into a button. Names,
grades, memos and sources come from the accountant and from imported files, so every
string the app shows is shown plainly; none of its own texts uses markup.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable, Label, OptionList, Static


class _NoMarkup:
    """Made with markup off, whatever the caller passes."""

    def __init__(self, *args, **kwargs):
        kwargs["markup"] = False
        super().__init__(*args, **kwargs)


class PlainStatic(_NoMarkup, Static):
    pass


class PlainLabel(_NoMarkup, Label):
    pass


class PlainOptionList(_NoMarkup, OptionList):
    pass


def plain(cell):
    """A table cell: text as it is, anything else (a right-aligned figure) unchanged."""
    return Text(cell) if isinstance(cell, str) else cell


class PlainTable(DataTable):
    """A DataTable whose text cells are not markup, and whose plain one-line cells are
    drawn without Rich's layout engine.

    Textual draws each cell through Rich (a padded, styled renderable laid out line by
    line), some 125 µs a cell: the 35 rows × 7 columns of a list took 30 to 50 ms of
    every first frame of a screen. A cell that is one unstyled line of text which fits
    its column is the same characters in one style, so it is drawn here as one segment;
    any other cell is left to Textual. `_render_cell` and its cache are Textual's own
    (pinned to Textual 8); a test compares both ways of drawing, cell by cell."""

    def add_row(self, *cells, **kwargs):
        return super().add_row(*(plain(cell) for cell in cells), **kwargs)

    def update_cell(self, row_key, column_key, value, **kwargs) -> None:
        super().update_cell(row_key, column_key, plain(value), **kwargs)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        header = row_index == -1
        if column_index == -1:  # a row label: none of our tables has them
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        key = (row_key, column_key, base_style, cursor, hover, self._show_hover_cursor,
               self._update_count, self._pseudo_class_state)
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        lines = self._one_line_cell(header, row_index, column_index, row_key, base_style,
                                    width, cursor, hover)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        self._cell_render_cache[key] = lines
        return lines

    def _one_line_cell(self, header: bool, row_index: int, column_index: int, row_key,
                       base_style: Style, width: int, cursor: bool, hover: bool):
        """The cell as Textual would draw it, if it is one plain line that fits; else
        None."""
        height = self.header_height if header else self.rows[row_key].height
        if height != 1:
            return None
        cell = self._get_row_renderables(row_index)[1][column_index]
        if (not isinstance(cell, Text) or cell.spans or cell.style
                or cell.justify not in (None, "default", "left", "right")):
            return None
        text = cell.plain.rstrip() if cell.justify == "right" else cell.plain  # as Rich
        room = width - 2 * self.cell_padding
        used = cell_len(text)
        if used > room or "\n" in text or "\t" in text:
            return None
        fixed = not header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component, post = self._get_styles_to_render_cell(
            header, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css")
        style = (base_style + Style.from_meta({"row": row_index, "column": column_index})
                 + component + post)
        gap = " " * (room - used)
        line = f"{gap}{text}" if cell.justify == "right" else f"{text}{gap}"
        pad = " " * self.cell_padding
        return [[Segment(f"{pad}{line}{pad}", style)]]
