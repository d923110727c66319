"""The PDF documents' table grid on its own: column widths, cells wrapped in their columns,
rows as tall as their tallest cell, a grid split across pages under its repeated header,
and what it draws read back from the PDF as a reader would.
"""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import SimpleDocTemplate

from ledger.reports import fonts, grid
from ledger.reports.grid import KINDS, LEADING, PAD, ROW_PAD, SIZE, Grid, Row

FONT = "STSong-Light"  # reportlab's own Chinese font: no font file needed


@pytest.fixture(scope="module", autouse=True)
def cid_font():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def line_height(kind: str = "body") -> float:
    return KINDS[kind][0] * LEADING


def rows_of(*cells: list[str]) -> list[Row]:
    return [Row(["日期", "户主", "金额"], "head"), *(Row(list(row)) for row in cells)]


def pdf_text(*flowables, pagesize=A4) -> list[str]:
    """Each page's text of a PDF made of `flowables`."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, invariant=1).build(list(flowables))
    return [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def test_natural_widths_fit_the_widest_text_of_each_column():
    header = ["户号", "金额"]
    texts = [["H001", "12.50"], ["H002", "123456.78"]]
    widths = grid.natural_widths(header, texts, FONT)
    assert widths[0] == pytest.approx(max(grid.width("户号", FONT, SIZE),
                                          grid.width("H002", FONT, SIZE)) + 2 * PAD)
    assert widths[1] == pytest.approx(grid.width("123456.78", FONT, SIZE) + 2 * PAD)
    assert grid.natural_widths(header, texts, FONT, least=70)[0] == pytest.approx(70)


def test_a_cell_wraps_in_its_column_and_its_row_grows_to_hold_it():
    name = "云岭茧丝绸有限公司第三蚕茧收购站"  # 16 characters of 8 pt
    table = Grid(rows_of(["2026-05-04", name, "12.50"]), [60, 40 + 2 * PAD, 50], FONT, "LLR")
    lines = table.lines[1][1]
    assert lines == ("云岭茧丝绸", "有限公司第", "三蚕茧收购", "站")
    assert table.heights[1] == pytest.approx(4 * line_height() + 2 * ROW_PAD)
    assert table.heights[0] == pytest.approx(line_height("head") + 2 * ROW_PAD)
    assert table.height == pytest.approx(sum(table.heights))
    assert table.wrap(500, 500) == (pytest.approx(150 + 2 * PAD), table.height)


def test_a_span_wraps_across_its_columns_and_leaves_room_for_its_note():
    title = "售茧 · 收入 · 蚕批 B1"
    band = Row([title, "", "7473.98"], "band", spans=((0, 1),), note={0: "小计"})
    table = Grid([band], [40, 40, 60], FONT, "LLR")
    room = 80 - 2 * PAD - (grid.width("小计", FONT, 8.5) + 2 * PAD)
    assert table.lines[0][0] == grid.wrap(title, FONT, 8.5, room)
    assert all(grid.width(line, FONT, 8.5) <= room + 0.01 for line in table.lines[0][0])


def test_a_grid_splits_between_rows_and_repeats_its_header():
    table = Grid(rows_of(*([f"2026-05-{day:02d}", "张三", "1.00"] for day in range(1, 21))),
                 [60, 60, 60], FONT, "LLR", repeat=1)
    row = table.heights[1]
    first, rest = table.split(180, table.heights[0] + 5.5 * row)
    assert [r.cells[0] for r in first.rows] == ["日期", *(f"2026-05-{d:02d}" for d in range(1, 6))]
    assert [r.cells[0] for r in rest.rows] == ["日期", *(f"2026-05-{d:02d}" for d in range(6, 21))]
    assert table.split(180, table.height) == [table]
    assert table.split(180, table.heights[0] + row / 2) == []  # not one row under its header


def test_a_long_grid_prints_over_pages_each_under_the_header():
    days = [f"2026-{month:02d}-{day:02d}" for month in (4, 5, 6) for day in range(1, 29)]
    table = Grid(rows_of(*([day, "张三", "1.00"] for day in days)), [60, 60, 60], FONT, "LLR",
                 repeat=1)
    pages = pdf_text(table, pagesize=(300, 400))
    assert len(pages) > 2
    assert all(page.startswith("日期 户主 金额") for page in pages)
    printed = [line[:10] for page in pages for line in page.splitlines()[1:]]
    assert printed == days


def test_every_cell_is_drawn_in_its_column_figures_flush_right():
    table = Grid(rows_of(["2026-05-04", "张三", "12.50"], ["2026-05-05", "李四", "1234.00"]),
                 [60, 60, 80], FONT, "LLR")
    (page,) = pdf_text(table)
    assert page.splitlines() == ["日期 户主 金额", "2026-05-04 张三 12.50",
                                 "2026-05-05 李四 1234.00"]
    placed = {text: (x, y) for _, _, strings in table.placed() for x, y, text in strings}
    assert placed["2026-05-04"][0] == placed["张三"][0] - 60 == PAD
    right = 60 + 60 + 80 - PAD
    for figure in ("12.50", "1234.00", "金额"):
        assert placed[figure][0] + grid.width(figure, FONT, SIZE) == pytest.approx(right)
    row = line_height() + 2 * ROW_PAD
    assert placed["2026-05-04"][1] - placed["2026-05-05"][1] == pytest.approx(row)
    assert placed["张三"][1] == placed["12.50"][1] == placed["2026-05-04"][1]


def test_the_public_text_object_draws_the_same_pages(monkeypatch):
    """Without the canvas's document (a later reportlab), the grid writes through
    reportlab's public text object: the same text on the same pages."""
    font = fonts.search()
    names = [FONT] + ([font.name] if font else [])
    for name in names:
        table = Grid(rows_of(["2026-05-04", "欧阳娜仁托娅·阿卜杜热合曼", "12.50"]),
                     [60, 60, 80], name, "LLR")
        fast = pdf_text(table)
        with monkeypatch.context() as patch:
            patch.setattr(grid, "_document", lambda canvas: None)
            assert pdf_text(Grid(table.rows, table.widths, name, "LLR")) == fast
        assert "12.50" in fast[0]
