"""A ruled table of plain strings for the PDF documents, fast enough for a thousand sheets.

With reportlab's general `Table` a thousand settlement sheets took 18 s, most of it
styling, measuring and drawing cells one canvas call at a time. A `Grid` is rows of plain
strings in columns of given widths: each cell is wrapped by measuring it in the font
(where `ledger.reports.linebreak` allows, as in the text form), rows are as tall as their
most wrapped cell, a grid too long for the page splits between rows with its header rows
repeated, and it is drawn as one run of PDF graphics operators (grounds and rules) and
one block of text. Of reportlab's private parts it touches one, in `_document`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from ledger.reports import linebreak

SIZE = 8            # table text, pt
PAD = 2.5           # space left and right of a cell's text
ROW_PAD = 1.15      # space above and below a row's text
LEADING = 1.15      # line height, in sizes of the type

INK = colors.black
RULE = colors.Color(0.6, 0.6, 0.6)
HEAD = colors.Color(0.93, 0.93, 0.93)
BAND = colors.Color(0.85, 0.85, 0.85)
GREY = colors.Color(0.35, 0.35, 0.35)


@lru_cache(maxsize=50_000)
def width(text: str, font: str, size: float) -> float:
    """How wide `text` stands in `font` at `size` points."""
    return stringWidth(text, font, size)


@lru_cache(maxsize=20_000)
def wrap(text: str, font: str, size: float, room: float) -> tuple[str, ...]:
    """`text` in lines no wider than `room` points, broken where `linebreak` allows."""
    room += 0.01  # a column made as wide as its widest text holds it, rounding aside
    return tuple(linebreak.wrap(text, room, lambda piece: width(piece, font, size)))


def natural_widths(header: list[str], texts: list[list[str]], font: str,
                   least: float = 0) -> list[float]:
    """Each column as wide as its widest text or header (at least `least`), padded."""
    return [max([width(row[i], font, SIZE) for row in texts]
                + [width(header[i], font, SIZE), least - 2 * PAD]) + 2 * PAD
            for i in range(len(header))]


@dataclass
class Row:
    """One row of a `Grid`: a text a column ("" for none, the first of a span for a
    span), its kind (how it is drawn), merged columns, alignments that differ from the
    column's, columns on a shaded ground, and notes set flush right in a cell whose own
    text stands at the left (a band's "subtotal" beside the section's name)."""

    cells: list[str]
    kind: str = "body"
    spans: tuple[tuple[int, int], ...] = ()
    align: dict[int, str] | None = None
    shade: tuple[int, ...] = ()
    note: dict[int, str] | None = None


#: How each kind of row is drawn: font size, ground, rule above (width, colour), text
#: colour. Every row has a thin rule below unless the next one draws its own above.
KINDS = {
    "body": (SIZE, None, None, INK),
    "band": (8.5, BAND, None, INK),
    "head": (SIZE, HEAD, None, INK),
    "sub": (SIZE, None, None, GREY),
    "above": (SIZE, None, (0.5, INK), INK),
    "total": (SIZE, HEAD, (0.8, INK), INK),
    "strong": (9.5, HEAD, (0.8, INK), INK),
    "words": (9, HEAD, (0.5, INK), INK),
}


class Grid(Flowable):
    """A ruled table of plain strings, drawn straight onto the canvas.

    `widths` are the columns' in points, `align` a letter a column (L or R). Rows are as
    tall as their most wrapped cell; `repeat` rows head every part when the table
    continues on the next page. `inner` columns get a vertical rule before them (not
    inside a span), `dividers` a strong one from the second row down. `scale` sets every
    kind of row in proportionally smaller (or larger) type.
    """

    def __init__(self, rows: list[Row], widths: list[float], font: str, align: str,
                 repeat: int = 0, inner: tuple[int, ...] = (), dividers: tuple[int, ...] = (),
                 pad: float = ROW_PAD, scale: float = 1.0):
        super().__init__()
        self.rows, self.widths, self.font, self.align = rows, widths, font, align
        self.repeat, self.inner, self.dividers, self.pad = repeat, inner, dividers, pad
        self.scale = scale
        self.edges = [0.0]
        for column in widths:
            self.edges.append(self.edges[-1] + column)
        self.width = self.edges[-1]
        self.lines = [self._lines(row) for row in rows]
        self.heights = [max(map(len, lines)) * KINDS[row.kind][0] * scale * LEADING + 2 * pad
                        for row, lines in zip(rows, self.lines)]
        self.height = sum(self.heights)

    def _lines(self, row: Row) -> list[tuple[str, ...]]:
        """Each cell's text wrapped in its column (or span), leaving room for its note."""
        size = KINDS[row.kind][0] * self.scale
        right, note = dict(row.spans), row.note or {}
        return [wrap(text, self.font, size, self.edges[right.get(i, i) + 1] - self.edges[i]
                     - 2 * PAD - (width(note[i], self.font, size) + 2 * PAD if i in note else 0))
                if text else ("",)
                for i, text in enumerate(row.cells)]

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        """The rows that fit in `available_height`, and the rest under the repeated header
        rows; nothing when not even one row fits under the header (the whole grid goes to
        the next page)."""
        if self.height <= available_height:
            return [self]
        used = sum(self.heights[:self.repeat])
        keep = self.repeat
        while keep < len(self.rows) and used + self.heights[keep] <= available_height:
            used += self.heights[keep]
            keep += 1
        if keep <= self.repeat:
            return []
        head = self.rows[:self.repeat]
        return [self._part(self.rows[:keep]), self._part(head + self.rows[keep:])]

    def _part(self, rows: list[Row]) -> Grid:
        return Grid(rows, self.widths, self.font, self.align, self.repeat, self.inner,
                    self.dividers, self.pad, self.scale)

    def draw(self):
        """Grounds and rules as one literal run of PDF graphics operators, then all the
        text in one text block: for thousands of cells, a canvas call a rule or a string
        costs more than all the rest of the sheet."""
        canvas = self.canv
        canvas.saveState()
        canvas.addLiteral("\n".join(self._graphics()))
        document = _document(canvas)
        text = (_Operators(document, self.font) if document is not None
                else _TextObject(canvas, self.font))
        self._text(text)
        text.finish(canvas)
        canvas.restoreState()

    def _graphics(self) -> list[str]:
        """The PDF operators of the grounds and rules, bottom-up from the grid's origin."""
        edges = self.edges
        grounds, thin, strong = [], [], []
        top = self.height
        for index, (row, height) in enumerate(zip(self.rows, self.heights)):
            _, ground, above, _ = KINDS[row.kind]
            bottom = top - height
            right = dict(row.spans)
            if ground is not None:
                grounds.append(f"{_rgb(ground)} rg 0 {bottom:.2f} {self.width:.2f} "
                               f"{height:.2f} re f")
            for column in row.shade:
                x, w = edges[column], edges[right.get(column, column) + 1] - edges[column]
                grounds.append(f"{_rgb(HEAD)} rg {x:.2f} {bottom:.2f} {w:.2f} {height:.2f} re f")
            if index and above is not None:
                strong.append(f"{above[0]} w {_rgb(above[1])} RG 0 {top:.2f} m "
                              f"{self.width:.2f} {top:.2f} l S")
            elif index:
                thin.append(f"0 {top:.2f} m {self.width:.2f} {top:.2f} l")
            spanned = _spanned(row)
            for column in self.inner:
                if column not in spanned:
                    x = f"{edges[column]:.2f}"
                    thin.append(f"{x} {top:.2f} m {x} {bottom:.2f} l")
            for column in self.dividers if index else ():
                strong.append(f"0.8 w 0 G {edges[column]:.2f} {top:.2f} m "
                              f"{edges[column]:.2f} {bottom:.2f} l S")
            top = bottom
        code = [*grounds, f"0.25 w {_rgb(RULE)} RG"]
        if thin:
            code += thin + ["S"]
        code += strong
        code.append(f"0.8 w 0 G 0 0 {self.width:.2f} {self.height:.2f} re S")
        return code

    def _text(self, text: _TextObject | _Operators) -> None:
        for colour, size, strings in self.placed():
            text.fill(colour)
            text.size(size)
            for x, y, line in strings:
                text.show(x, y, line)

    def placed(self) -> list[tuple[colors.Color, float, list[tuple[float, float, str]]]]:
        """Each row's text colour, size and strings with their origins (x, y from the
        grid's bottom left): every line of every cell, flush left or right in its column
        or span, and each note flush right on its cell's first line."""
        edges, font = self.edges, self.font
        top = self.height
        rows = []
        for row, lines, height in zip(self.rows, self.lines, self.heights):
            size, _, _, colour = KINDS[row.kind]
            size *= self.scale
            right, spanned, align = dict(row.spans), _spanned(row), row.align or {}
            leading, baseline = size * LEADING, top - self.pad - size * 0.9
            strings = []
            for column, cell in enumerate(lines):
                if not cell[0] or column in spanned:
                    continue
                left, end = edges[column] + PAD, edges[right.get(column, column) + 1] - PAD
                flush_right = align.get(column, self.align[column]) == "R"
                for number, line in enumerate(cell):
                    x = end - width(line, font, size) if flush_right else left
                    strings.append((x, baseline - number * leading, line))
                if row.note and column in row.note:
                    note = row.note[column]
                    strings.append((end - width(note, font, size), baseline, note))
            rows.append((colour, size, strings))
            top -= height
        return rows


def _spanned(row: Row) -> set[int]:
    """The columns of `row` covered by a span other than its first."""
    return {column for first, last in row.spans for column in range(first + 1, last + 1)}


def _rgb(colour) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


class _TextObject:
    """Text through reportlab's public text object: correct with every font, but slower
    (its number formatting and font splitting, per string, without reportlab's C
    accelerator); used when `_document` finds no document."""

    def __init__(self, canvas, font: str):
        self.text, self.font, self.current = canvas.beginText(), font, None

    def fill(self, colour) -> None:
        self.text.setFillColor(colour)

    def size(self, size: float) -> None:
        if size != self.current:
            self.text.setFont(self.font, size)
            self.current = size

    def show(self, x: float, y: float, line: str) -> None:
        self.text.setTextOrigin(x, y)
        self.text.textOut(line)

    def finish(self, canvas) -> None:
        canvas.drawText(self.text)


class _Operators:
    """The same text as PDF text operators written here, each string encoded in the
    font's subsets once per document (`_encoded`): the same dates, names and headers
    recur on every sheet. Needs the canvas's document (`_document`)."""

    def __init__(self, document, font: str):
        self.document, self.font = document, font
        self.code, self.current, self.state = ["BT"], SIZE, None

    def fill(self, colour) -> None:
        self.code.append(f"{_rgb(colour)} rg")

    def size(self, size: float) -> None:
        self.current = size

    def show(self, x: float, y: float, line: str) -> None:
        self.code.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for name, chunk in _encoded(self.font, self.document, line):
            if self.state != (name, self.current):
                self.code.append(f"{name} {self.current} Tf")
                self.state = (name, self.current)
            self.code.append(f"({chunk}) Tj")

    def finish(self, canvas) -> None:
        self.code.append("ET")
        canvas.addLiteral("\n".join(self.code))


# -- the one touch of reportlab's private parts -------------------------------------------

def _document(canvas):
    """The canvas's `PDFDocument`, or None when this reportlab keeps it elsewhere (the
    grid then writes through the public text object, `_TextObject`).

    Written for reportlab 5.1: a TrueType font's subsets are named per document
    (`TTFont.splitString` and `getSubsetInternalName`, the API ttfonts.py documents for
    "dynamic fonts"), and the canvas offers its document only as the private attribute
    `_doc`. Measured on 500 sheets without the C accelerator, the text
    object costs 30 to 70 % more CPU time than the operators written here (1.8 s against
    1.1 to 1.4 s), for the same pages to the pixel."""
    document = getattr(canvas, "_doc", None)
    return document if hasattr(document, "getInternalFontName") else None


#: Each document's strings already encoded: (font, text) -> runs.
_ENCODINGS: WeakKeyDictionary = WeakKeyDictionary()


def _encoded(font_name: str, document, text: str) -> tuple[tuple[str, str], ...]:
    """`text` as (PDF font name, escaped string) runs for a Tj operator each: a TrueType
    font spreads its glyphs over subsets of 256; a CID font takes UTF-16."""
    cache = _ENCODINGS.setdefault(document, {})
    key = (font_name, text)
    runs = cache.get(key)
    if runs is None:
        font = getFont(font_name)
        if isinstance(font, TTFont):
            runs = tuple((font.getSubsetInternalName(subset, document), escapePDF(chunk))
                         for subset, chunk in font.splitString(text, document))
        else:
            runs = ((document.getInternalFontName(font_name), font.formatForPdf(text)),)
        cache[key] = runs
    return runs
