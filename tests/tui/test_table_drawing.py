"""Tables draw their plain one-line cells themselves (widgets/plain.py), faster than
Textual: every cell must come out exactly as Textual would have drawn it, in the same
characters and the same style, whatever the row, column, cursor or hover."""
from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable

from ledger.tui.widgets.paged_table import right
from ledger.tui.widgets.plain import PlainTable

ROWS = [
    ("H0001", "张国华", "第三组", right("12.50"), right("1,234.500"), right("-23456.78"), ""),
    ("h2", "Li [/b] [bold]Xiuying", "", right("0.00"), right(""), right("7"), "备注"),
    # right-aligned with spaces after (Rich drops them), an ideographic space
    ("H0004", "张 ", "\u3000", right("1.5 "), right("\u3000"), right(" 2\u3000 "), " x "),
    # styled, on two lines: Textual draws them
    ("H0003", "王" * 30, Text("red", style="red"), right("1"), "a\nb", right("2"), "x"),
]
#: Each row ends in a date wider than its column, which Textual cuts.
CUT = "2026-04-05"


class TableApp(App):
    def compose(self):
        yield PlainTable(cursor_type="row", zebra_stripes=True)


def drawn(lines) -> list[list[tuple[str, Style]]]:
    """A cell's lines as (text, style) runs, however they were split into segments."""
    return [[(segment.text, segment.style) for segment in Segment.simplify(line)]
            for line in lines]


async def test_every_cell_is_drawn_as_textual_draws_it(monkeypatch):
    textual_draws = []
    textuals_way = DataTable._render_cell

    def counted(table, row, column, *args):
        textual_draws.append((row, column))
        return textuals_way(table, row, column, *args)

    app = TableApp()
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one(PlainTable)
        for label in ("编号", "户主", "组", "蚕种", "鲜茧", "纯收入", "Note"):
            table.add_column(label)
        table.add_column("cut", width=4)
        for index, row in enumerate(ROWS):
            table.add_row(*row, CUT, key=str(index))
        table.move_cursor(row=1)
        table._show_hover_cursor = True  # as after the mouse moved over it
        await pilot.pause()
        compared = 0
        monkeypatch.setattr(DataTable, "_render_cell", counted)
        for row in range(-1, len(ROWS)):
            for column, spec in enumerate(table.ordered_columns):
                width = spec.get_render_width(table)
                for base in (Style(), Style(bgcolor="grey15")):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        table._cell_render_cache.clear()
                        fast = table._render_cell(row, column, base, width, cursor, hover)
                        assert len(table._cell_render_cache) == 1  # Textual's cache
                        table._cell_render_cache.clear()
                        textual = textuals_way(table, row, column, base, width, cursor, hover)
                        assert drawn(fast) == drawn(textual), (row, column, cursor, hover)
                        compared += 1
        columns = len(table.ordered_columns)
        assert compared == (len(ROWS) + 1) * columns * 6
        # Left to Textual: the cut dates, the styled cell and the one on two lines.
        assert sorted(set(textual_draws)) == sorted(
            [(row, columns - 1) for row in range(len(ROWS))] + [(3, 2), (3, 4)])


async def test_the_screen_shows_the_cells_as_written():
    app = TableApp()
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one(PlainTable)
        for label in ("编号", "户主", "纯收入"):
            table.add_column(label)
        table.add_row("H0001", "张国华", right("-23,456.78"), key="a")
        table.add_row("H0002", "[bold]李", right("0.00"), key="b")
        await pilot.pause()
        lines = [table.render_line(y).text for y in range(3)]
        assert lines[1].split() == ["H0001", "张国华", "-23,456.78"]
        assert lines[2].split() == ["H0002", "[bold]李", "0.00"]
        # the figures end at the same column: right-aligned
        assert lines[1].rstrip().endswith("-23,456.78") and lines[2].rstrip().endswith("0.00")
        assert cell_len(lines[1].rstrip()) == cell_len(lines[2].rstrip())
