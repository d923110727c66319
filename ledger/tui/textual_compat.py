"""Every use of Textual's private members, in one place, behind a version check.

Textual offers no public way to relabel a screen's keys after a switch of language, to
build a mode's screen before it is shown, or to draw a table's plain cells without
Rich's layout engine; the app does all three through Textual's private members, here
and nowhere else. They were written against Textual `WRITTEN_FOR` (major.minor). On
any other version `PRIVATE_OK` is False and each falls back to what Textual does
publicly: keys keep the labels they were made with, screens are built when first shown,
every cell is drawn by Textual. The app is then slower or untranslated in places, but
never stopped by a member that moved. A test pins both the version and the fallbacks.
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode, NoScreen
from textual.widgets import DataTable, Header
from textual.widgets._header import HeaderTitle

#: The Textual (major, minor) whose private members this module was written against.
WRITTEN_FOR = (8, 2)


def textual_version() -> tuple[int, int] | None:
    """The installed Textual's (major, minor), or None if it cannot be told."""
    try:
        major, minor = version("textual").split(".")[:2]
        return int(major), int(minor)
    except (PackageNotFoundError, ValueError):
        return None


#: Whether the private members below may be used: Textual is the version they were
#: written for. Tests switch it off to try the public fallbacks.
PRIVATE_OK = textual_version() == WRITTEN_FOR


# -- keys ------------------------------------------------------------------------------

def bindings_of(node: DOMNode) -> BindingsMap | None:
    """The node's own key bindings as Textual keeps them, or None where they cannot be
    reached (the node then keeps the labels it was made with)."""
    if not PRIVATE_OK:
        return None
    return getattr(node, "_bindings", None)


def set_bindings(node: DOMNode, bindings: BindingsMap) -> None:
    """Give the node new key bindings (the same keys, relabelled)."""
    if PRIVATE_OK:
        node._bindings = bindings


# -- modes built ahead of time -----------------------------------------------------------

def modes_built(app: App) -> set[str] | None:
    """The modes whose screens the app has built, or None if that cannot be known."""
    if not PRIVATE_OK:
        return None
    return set(app._screen_stacks)


def build_mode(app: App, mode: str) -> bool:
    """Build (compose and mount) a mode's screen without switching to it, as Textual
    does on the first switch; False if it cannot be done ahead of time."""
    if not PRIVATE_OK:
        return False
    app._init_mode(mode)
    return True


def every_screen(app: App) -> list:
    """Every screen open in any mode (a form left open under another main screen
    included); where Textual's stacks cannot be reached, the current mode's only."""
    if not PRIVATE_OK:
        return list(app.screen_stack)
    return [screen for stack in app._screen_stacks.values() for screen in stack]


def restyle_modes(app: App, modes: tuple[str, ...]) -> None:
    """Bring built modes' screens up to date with the CSS read since each was built, as
    Textual would on switching to them, so that the switch has no CSS left to redo."""
    if not PRIVATE_OK:
        return
    for mode in modes:
        for screen in app._screen_stacks.get(mode, []):
            app.stylesheet.update(screen, animate=False)
            screen._css_update_count = app._css_update_count


# -- the footer -----------------------------------------------------------------------

def footer_key_class() -> type | None:
    """The class of a key shown in Textual's footer (from a private module), or None:
    the footer then shows every key, however narrow the terminal."""
    if not PRIVATE_OK:
        return None
    from textual.widgets._footer import FooterKey

    return FooterKey


# -- tables ----------------------------------------------------------------------------

def columns_resized(table: DataTable) -> None:
    """After a column's width was set: lay the table out again on its next refresh (as
    Textual does when it changes a width itself), and draw its rows anew: the rows it
    keeps drawn are known by the table's count of updates, not by the widths, so
    without a new count the rows on the screen kept their old widths (the chart of
    accounts at 80 columns showed `181073815.7` for `181073815.77`)."""
    if PRIVATE_OK:
        table._require_update_dimensions = True
        table._update_count += 1
    table.refresh()


class FastCells:
    """A DataTable mixin drawing each plain one-line cell as one segment.

    Textual draws each cell through Rich (a padded, styled renderable laid out line by
    line), some 125 µs a cell: the 35 rows × 7 columns of a list took 30 to 50 ms of
    every first frame of a screen. A cell that is one unstyled line of text which fits
    its column is the same characters in one style, so it is drawn here as one segment;
    any other cell, and every cell on another Textual, is left to Textual.
    tests/tui/test_table_drawing.py compares both ways of drawing, cell by cell."""

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        if not PRIVATE_OK or column_index == -1:  # -1: a row label; none of ours has them
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        header = row_index == -1
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


# -- the header -----------------------------------------------------------------------

class SteadyHeader(Header):
    """Textual's header, whose title is safe to change while a redo replaces it.

    Textual's header updates its title from a watcher queued when the app's or the
    screen's title changes; when a redo has meanwhile removed the header's children,
    Textual's watcher stops the app with `NoMatches` (found by the monkey test). Here
    the title looked for in an emptied header counts as a header no longer shown,
    which the watcher already passes over."""

    def query_one(self, selector, expect_type=None):
        if PRIVATE_OK and selector is HeaderTitle and not self.children:
            raise NoScreen("the header is being replaced")
        return super().query_one(selector, expect_type)
