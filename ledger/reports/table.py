"""Plain-text and CSV tables shared by every report.

Cells arrive already formatted as strings, so no number is ever re-read (money never
becomes a float). A text table is laid out here, as tabulate's "simple" format did it,
wide (CJK) characters counting as two cells (`ledger.width.width_of`): the
command line's reports then load no table library, which cost a village-size report a
third of its time.
"""
from __future__ import annotations

import csv
import io

from ledger.width import width_of

#: Cells a column is wider than its heading, at least (tabulate's minimum padding).
HEADING_PADDING = 2
GAP = "  "


def text(headers: list[str], rows: list[list[str]], numeric_from: int) -> str:
    """A table with columns from `numeric_from` on aligned right: the headings, a rule
    of dashes under each, the rows; no line ends in spaces."""
    headers = [heading.strip() for heading in headers]
    rows = [[cell.strip() for cell in row] for row in rows]
    widths = [max([width_of(heading) + HEADING_PADDING]
                  + [width_of(row[index]) for row in rows])
              for index, heading in enumerate(headers)]

    def line(cells: list[str], right_from: int) -> str:
        padded = []
        for index, (cell, width) in enumerate(zip(cells, widths)):
            padding = " " * (width - width_of(cell))
            padded.append(padding + cell if index >= right_from else cell + padding)
        return GAP.join(padded).rstrip()

    # (headings of a table without rows stay left, as tabulate left them)
    lines = [line(headers, numeric_from if rows else len(headers)),
             GAP.join("-" * width for width in widths)]
    lines += [line(row, numeric_from) for row in rows]
    return "\n".join(lines)


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()
