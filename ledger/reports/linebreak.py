"""Where a line of a printed document may break: one rule for the text and the PDF forms
(the HTML form leaves breaking to the browser, told to be strict about the same
punctuation by `line-break: strict` in document.css).

The rule is Chinese typesetting's 禁则 (kinsoku): closing punctuation (，。）》 ...) may
not begin a line and opening brackets (（《 ...) may not end one, so each sticks to the
character beside it; Chinese may break between any two characters; Latin words and
numbers break only at spaces, and are cut only when one word is wider than the whole
line. A short bracketed group such as (公斤) or （净额） is kept whole, and so is a voucher
number (记-2026-04-0017), which a reader looks up whole.

Only the measure differs between the forms: display cells for a printer
(`ledger.width.width_of`), points of a font for a PDF (`stringWidth`); `wrap` takes it
as an argument, so the two forms break the same text at the same places.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

#: Characters that may not begin a line (避头): they stay with what precedes them.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〗〉…‥％,.;:?!)]}%")
#: Characters that may not end a line (避尾): they stay with what follows them.
NO_LINE_END = frozenset("（《「『【〔〖〈([{")
#: A bracketed group of at most this many characters is never broken: (公斤), （净额）.
SHORT_GROUP = 6

Measure = Callable[[str], float]


def _one_of(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


_WIDE = "\u2e80-\U0010ffff"  # CJK and full-width forms: a line may break beside each one
#: The pieces a line may break between: a run of spaces; a newline; a short bracketed
#: group; one wide character or a run of narrow ones (a word, a number), each with the
#: opening brackets before it and the closing punctuation after it.
_PIECE = re.compile(
    r"[^\S\n]+|\n"
    rf"|{_one_of(NO_LINE_END)}*记-\d{{4}}-\d{{2}}-\d+{_one_of(NO_LINE_START)}*"
    rf"|[（(][^\s（()）]{{1,{SHORT_GROUP}}}[）)]{_one_of(NO_LINE_START)}*"
    rf"|{_one_of(NO_LINE_END)}*(?:[{_WIDE}]|[^\s{_WIDE}]+){_one_of(NO_LINE_START)}*")
_INDENT = re.compile(r"[^\S\n]*")


@lru_cache(maxsize=65536)
def pieces(text: str) -> tuple[str, ...]:
    """`text` cut where a line may break: runs of spaces and newlines are pieces of their
    own; the others are never broken unless wider than a line."""
    return tuple(_PIECE.findall(text))


def longest(text: str, measure: Measure) -> float:
    """The widest unbreakable piece of `text`: the least width that wraps it whole."""
    return max((measure(piece) for piece in pieces(text) if not piece.isspace()), default=0)


def cut(piece: str, width: float, measure: Measure) -> tuple[str, str]:
    """The head of `piece` that fits in `width` (at least one character), and the rest:
    the last resort for a piece wider than the line, cut where the rule still allows if
    it can be (not before a closing mark, not after an opening one)."""
    used = 0.0
    for index, ch in enumerate(piece):
        used += measure(ch)
        if used > width:
            while index > 1 and (piece[index] in NO_LINE_START
                                 or piece[index - 1] in NO_LINE_END):
                index -= 1
            index = max(index, 1)
            return piece[:index], piece[index:]
    return piece, ""


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """`text` in lines at most `width` wide as `measure` counts, broken only where the
    rule allows; newlines kept; the spaces before the first word kept as a hanging indent
    on every line (while a wide character still fits after them)."""
    if "\n" not in text and measure(text) <= width:
        return [text]
    indent = _INDENT.match(text).group()
    body = text[len(indent):]
    step = measure("中")
    while indent and width - measure(indent) < step:
        indent = indent[:-1]
    start = measure(indent)
    lines: list[str] = []
    line, used, space = indent, start, ""
    for piece in pieces(body):
        if piece == "\n":
            lines.append(line.rstrip())
            line, used, space = indent, start, ""
            continue
        if piece.isspace():
            space = piece if used > start else ""
            continue
        size = measure(piece)
        gap = measure(space) if space else 0
        if used + gap + size <= width:
            line += space + piece
            used += gap + size
        else:
            if used > start:
                lines.append(line)
            while piece and size > width - start:
                head, piece = cut(piece, width - start, measure)
                lines.append(indent + head)
                size = measure(piece)
            line, used = indent + piece, start + size
        space = ""
    if used > start or not lines:
        lines.append(line.rstrip())
    return lines
