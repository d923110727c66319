"""How wide a text stands on a terminal or a printer, in character cells: East Asian
wide characters (Chinese, full-width punctuation) take two cells, combining marks none.

In the core because the progress line (`ledger.meter`) and the printed documents
(`ledger.reports.layout`) both need it, and the core may not import the reports.
"""
from __future__ import annotations

from functools import lru_cache

from wcwidth import wcswidth, wcwidth


def width_of(text: str) -> int:
    """Display cells of `text`: East Asian wide characters count as two."""
    return len(text) if text.isascii() else _wide_width(text)


@lru_cache(maxsize=65536)
def _wide_width(text: str) -> int:
    cells = wcswidth(text)
    return cells if cells >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def clipped(text: str, cells: int) -> str:
    """`text` cut to at most `cells` display cells, with … where it was cut: a name in a
    narrow list column (the whole of it shows under the list)."""
    if width_of(text) <= cells:
        return text
    out, used = "", 1  # the ellipsis takes one cell
    for ch in text:
        step = width_of(ch)
        if used + step > cells:
            break
        out, used = out + ch, used + step
    return out + "…"
