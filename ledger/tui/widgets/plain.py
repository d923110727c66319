"""Widgets that show the ledger's text as it is written.

Textual reads a string given to a Static, a Label, a table cell, a list option or a
notification as markup: a household named `a[/b]` stopped the screen with an error,
`[bold]李` showed as 李, and `[@click=app.quit]张三` made a name into a button. Names,
grades, memos and sources come from the accountant and from imported files, so every
string the app shows is shown plainly; none of its own texts uses markup.
"""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Label, OptionList, Static

from ledger.tui.textual_compat import FastCells


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


class PlainTable(FastCells, DataTable):
    """A DataTable whose text cells are not markup, and whose plain one-line cells are
    drawn without Rich's layout engine (see `textual_compat.FastCells`)."""

    def add_row(self, *cells, **kwargs):
        return super().add_row(*(plain(cell) for cell in cells), **kwargs)

    def update_cell(self, row_key, column_key, value, **kwargs) -> None:
        super().update_cell(row_key, column_key, plain(value), **kwargs)
