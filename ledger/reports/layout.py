"""The layout of plain-text documents for 80-column printers: display widths, wrapping,
and tables whose columns share the width of the page.

Every line fits in `WIDTH` display cells, a Chinese character counting as two
(`ledger.width`); a long name or memo wraps inside its own column, so the columns never
move; lines break where `ledger.reports.linebreak` allows, as in the PDF form. Every text
of a document passes through `clean` before it is measured or printed, so no control
character reaches the printer. The documents themselves are in `ledger.reports.text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ledger.reports import linebreak
from ledger.width import width_of

__all__ = ["WIDTH", "GAP", "WIDE_GAP", "FLEX_MIN", "Col", "Merged", "RULE", "Span", "clean",
           "fit", "measure", "pad", "render", "rule", "table", "width_of", "wrap"]

WIDTH = 80
GAP = " "
WIDE_GAP = "  "
#: A wrapping column is not squeezed below this many cells (four Chinese characters) while
#: other columns still have room to give.
FLEX_MIN = 8


# -- display width and wrapping ----------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text as a printer can take it: tabs and control characters become spaces."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _prepared(text: str) -> tuple[str, int, bool]:
    """`text` cleaned, the width of its widest line, and whether it has several lines."""
    if text.isascii() and text.isprintable():
        return text, len(text), False
    return _prepared_wide(text)


@lru_cache(maxsize=65536)
def _prepared_wide(text: str) -> tuple[str, int, bool]:
    text = clean(text)
    return text, max(width_of(line) for line in text.split("\n")), "\n" in text


def measure(text: str) -> int:
    """The width of the widest line of `text`."""
    return _prepared(text)[1]


@lru_cache(maxsize=65536)
def _longest_word(text: str) -> int:
    """The widest unbreakable piece of `text`: the least width that wraps it whole."""
    return linebreak.longest(clean(text), width_of)


def wrap(text: str, width: int) -> list[str]:
    """`text` cleaned, in lines of at most `width` cells, broken where `linebreak` allows:
    at spaces or between Chinese characters, a word longer than the line cut; newlines
    kept; leading spaces kept as a hanging indent."""
    text, size, several = _prepared(text)
    if size <= width and not several:
        return [text]
    return [line for line, _ in _wrapped(text, width)]


@lru_cache(maxsize=65536)
def _wrapped(text: str, width: int) -> tuple[tuple[str, int], ...]:
    """Cleaned `text` wrapped in `width` cells, each line with its width: kept, as a
    book's 摘要 of one batch or party recur on many of its lines."""
    return tuple((line, width_of(line)) for line in linebreak.wrap(text, width, width_of))


def pad(text: str, width: int, align: str = "left") -> str:
    gap = " " * max(width - width_of(text), 0)
    return gap + text if align == "right" else text + gap


# -- column layout -----------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """A column of a printed table: its header, its alignment, and whether its cells may
    wrap to make room (text does; figures, dates and codes keep their width)."""

    header: str = ""
    align: str = "left"
    flex: bool = False
    gap: str = GAP  # printed before the column, unless it is the first


RULE = None  # a row that is a rule under every column


@dataclass(frozen=True)
class Span:
    """A row that is one line of text across the whole table, such as a group's name."""

    text: str


@dataclass(frozen=True)
class Merged:
    """A row whose first cell spans the first `span` columns, such as a total's label."""

    cells: list
    span: int = 2


@lru_cache(maxsize=1024)
def _widened(col: Col) -> Col:
    return replace(col, gap=WIDE_GAP)


def _cells(rows: list) -> list:
    """The rows that size the columns: rules, spans and merged rows do not."""
    return [row for row in rows if isinstance(row, list)]


def fit(cols: list[Col], rows: list, width: int = WIDTH,
        fill: bool = True) -> tuple[list[Col], list[int]]:
    """The columns and their widths within `width` cells, gaps included.

    Each column wants its widest cell or header. When all fit with room to spare, the gaps
    widen to two spaces. When they do not fit, wrapping columns give up room first (widest
    first, not below FLEX_MIN or their longest word), then headers wrap over their
    figures, then wrapping columns go down to four cells, and only then does anything
    else wrap. With `fill`, room left over goes to the widest wrapping column, so tables
    end at the right margin and their amounts line up down the page.
    """
    body = _cells(rows)
    columns = list(zip(*body)) if body else [()] * len(cols)
    want = [max(measure(col.header), max(map(measure, texts), default=0))
            for col, texts in zip(cols, columns)]
    room = width - sum(len(col.gap) for col in cols[1:])
    if (all(col.gap == GAP for col in cols[1:])
            and sum(want) + len(WIDE_GAP) * (len(cols) - 1) <= width):
        cols = [_widened(col) for col in cols]
        room = width - len(WIDE_GAP) * (len(cols) - 1)
    widths = want[:]
    excess = sum(widths) - room
    flexible = [i for i, col in enumerate(cols) if col.flex]
    if excess > 0:
        least = [_least(col, texts) for col, texts in zip(cols, columns)]
        rigid = [i for i, col in enumerate(cols) if not col.flex]
        stages = ((flexible, least), (rigid, least), (flexible, [4] * len(cols)),
                  (range(len(cols)), [2] * len(cols)))
        for stage, floor in stages:
            while excess > 0:
                shrinkable = [i for i in stage if widths[i] > floor[i]]
                if not shrinkable:
                    break
                widest = max(shrinkable, key=lambda i: widths[i])
                level = max([floor[widest]] + [widths[i] for i in shrinkable if i != widest])
                step = max(1, min(excess, widths[widest] - level))
                widths[widest] -= step
                excess -= step
    if fill and excess < 0:
        target = max(flexible, key=lambda i: want[i]) if flexible else 0
        widths[target] -= excess
    return cols, widths


def _least(col: Col, texts) -> int:
    """The narrowest a column goes before the last resort: a wrapping column keeps its
    longest word (up to 12 cells) and FLEX_MIN; figures keep their width, though their
    header may wrap."""
    content = max(map(measure, texts), default=0)
    header = _longest_word(col.header)
    if col.flex:
        full = max(content, measure(col.header))
        words = max(map(_longest_word, texts), default=0)
        return min(full, max(FLEX_MIN, header, min(words, 12)))
    return max(content, header)


def _physical(texts: list[str], widths: list[int], places: list[tuple[int, int, bool]],
              bottom: bool = False) -> list[str]:
    """One row as printed lines: each cell wrapped in its column (`widths`, at `places`),
    as many lines as the tallest cell; `bottom` aligns short cells to the last line (for
    headers)."""
    prepared = [_prepared(text) for text in texts]
    if all(size <= w and not several for (_, size, several), w in zip(prepared, widths)):
        return [_join([(text, size) for text, size, _ in prepared], places)]
    # each cell as its printed lines with their widths: a cell that fits is its own
    # width; only the pieces of a wrapped cell are measured (a year's bank book wraps a
    # 摘要 on most of its thirty thousand lines)
    cells = [[(text, size)] if size <= w and not several else _wrapped(text, w)
             for (text, size, several), w in zip(prepared, widths)]
    height = max(map(len, cells))
    if bottom:
        cells = [[_BLANK] * (height - len(lines)) + list(lines) for lines in cells]
    return [_join([lines[k] if k < len(lines) else _BLANK for lines in cells], places)
            for k in range(height)]


_BLANK = ("", 0)


def _places(cols: list[Col], widths: list[int]) -> list[tuple[int, int, bool]]:
    """Where each column is on the line: (its first cell, its width, right-aligned)."""
    places, at = [], 0
    for index, (col, w) in enumerate(zip(cols, widths)):
        at += len(col.gap) if index else 0
        places.append((at, w, col.align == "right"))
        at += w
    return places


def _join(cells: list[tuple[str, int]], places: list[tuple[int, int, bool]]) -> str:
    """One printed line of a row: its cells, (text, width in cells) each, each padded to
    its column (`_places`), the gaps between. An empty cell adds nothing: a wrapped row's
    later lines are mostly empty cells. A cell wider than its column (a character wider
    than a column of one cell) pushes the rest of the line on by as much."""
    parts, at, shift = [], 0, 0
    for (text, size), (start, w, right) in zip(cells, places):
        if text:
            begin = start + shift + (w - size if right and size < w else 0)
            parts.append(" " * (begin - at))
            parts.append(text)
            at = begin + size
        if size > w:
            shift += size - w
    return "".join(parts).rstrip()


def rule(cols: list[Col], widths: list[int], char: str = "-") -> str:
    """A rule under each column, the gaps left blank."""
    return "".join((" " * len(col.gap) if index else "") + char * w
                   for index, (col, w) in enumerate(zip(cols, widths)))


def render(cols: list[Col], widths: list[int], rows: list, header: bool = True) -> list[str]:
    """A table laid out in `widths`: headers over a rule, then the rows."""
    out = []
    places = _places(cols, widths)  # once: a year's book is a hundred thousand rows
    if header:
        out.extend(_physical([col.header for col in cols], widths, places, bottom=True))
        out.append(rule(cols, widths))
    for row in rows:
        if row is RULE:
            out.append(rule(cols, widths))
        elif isinstance(row, Span):
            out.extend(wrap(row.text, sum(widths) + sum(len(col.gap) for col in cols[1:])))
        elif isinstance(row, Merged):
            k = row.span
            merged = [Col(align=cols[0].align, flex=True), *cols[k:]]
            spanned = [sum(widths[:k]) + sum(len(col.gap) for col in cols[1:k]), *widths[k:]]
            out.extend(_physical(row.cells, spanned, _places(merged, spanned)))
        else:
            out.extend(_physical(row, widths, places))
    return out


def table(cols: list[Col], rows: list, width: int = WIDTH, fill: bool = True,
          header: bool = True) -> list[str]:
    """`rows` under `cols`, laid out to fit `width` (see `fit`)."""
    cols, widths = fit(cols, rows, width, fill)
    return render(cols, widths, rows, header)
