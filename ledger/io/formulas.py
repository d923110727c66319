"""Spreadsheet formulas never live in an export.

Excel and WPS take a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula, so a household named `=HYPERLINK(...)` would become a live
link, or worse, in whoever opens the export. The canonical CSV therefore writes such a text
field with a leading `'` (OWASP's advice), which the spreadsheet shows as text; the importer
takes one such `'` off again, so export then import gives back exactly what was stored.
A text that itself begins with `'` before one of those characters gets one more `'`, so
that it too comes back unchanged. Numbers (a reversal's -5.00) are never text fields and
are never touched. The xlsx export writes text as string cells instead (`export_xlsx`).
"""
from __future__ import annotations

import re

#: What a spreadsheet reads as the start of a formula.
FORMULA_START = "=+-@\t\r"
_GUARDED = re.compile(r"'*[=+\-@\t\r]")
_UNGUARD = re.compile(r"'+[=+\-@\t\r]")


def guarded(text: str) -> str:
    """A text field as the CSV export writes it: never a formula."""
    return "'" + text if text and _GUARDED.match(text) else text


def unguarded(text: str) -> str:
    """A text field as the importer reads it: the export's guard taken off."""
    return text[1:] if text.startswith("'") and _UNGUARD.match(text) else text
