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
