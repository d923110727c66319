"""How wide a text stands on a terminal or a printer, in character cells: East Asian
wide and full-width characters (Chinese, full-width punctuation) take two cells,
combining marks and invisible format characters none.

In the core, so that the command line's tables, the progress line and the printed
documents all measure alike. Read from the Unicode database that comes with Python, so
that a report laid out for the terminal loads no width library (on one village's books
that import was a good part of a report's time). It measures as wcwidth and tabulate
did on every table the tests compare (tests/test_report_table.py).
"""
from __future__ import annotations

from unicodedata import category, combining, east_asian_width


def width_of(text: str) -> int:
    """Display cells of `text`."""
    if text.isascii():
        return len(text)
    cells = 0
    for character in text:
        if combining(character) or category(character) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if east_asian_width(character) in ("W", "F") else 1
    return cells
