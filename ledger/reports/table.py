"""Plain-text and CSV tables shared by every report.

Cells arrive already formatted as strings, so tabulate never turns money into floats
(`disable_numparse`); wide (CJK) characters count as two columns (wcwidth). tabulate is
imported when a table is first laid out: a command that prints none (`--version`,
`--help`, JSON) does not pay for it.
"""
from __future__ import annotations

import csv
import io


def text(headers: list[str], rows: list[list[str]], numeric_from: int) -> str:
    """A table with columns from `numeric_from` on aligned right."""
    import tabulate

    tabulate.WIDE_CHARS_MODE = True
    align = ["left"] * numeric_from + ["right"] * (len(headers) - numeric_from)
    return tabulate.tabulate(rows, headers=headers, tablefmt="simple", colalign=align,
                             disable_numparse=True)


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()
