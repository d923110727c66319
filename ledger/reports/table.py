"""Plain-text and CSV tables shared by every report.

Cells arrive already formatted as strings, so tabulate never turns money into floats
(`disable_numparse`); wide (CJK) characters count as two columns (wcwidth).
"""
from __future__ import annotations

import csv
import io

import tabulate as _tabulate

_tabulate.WIDE_CHARS_MODE = True


def text(headers: list[str], rows: list[list[str]], numeric_from: int) -> str:
    """A table with columns from `numeric_from` on aligned right."""
    align = ["left"] * numeric_from + ["right"] * (len(headers) - numeric_from)
    return _tabulate.tabulate(rows, headers=headers, tablefmt="simple", colalign=align,
                              disable_numparse=True)


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()
