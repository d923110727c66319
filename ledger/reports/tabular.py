"""Documents made of titled tables, the shape of the statements and the books: a title,
who issues it and for what period, one or more tables of pre-formatted strings, and notes
(a warning, an identity that fails).

One `Document` is written as text for an 80-column printer (`text`, through
`ledger.reports.layout`, Chinese characters two cells wide), as HTML and as PDF for A4
(`ledger.reports.html.tabular`, `ledger.reports.pdf.tabular`, in the settlement sheets'
look) and as an xlsx workbook (`workbook`: figures as exact numbers, text never a
formula). Every cell arrives formatted, so the forms cannot disagree.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ledger import i18n
from ledger.reports import layout
from ledger.reports.layout import RULE, Col


@dataclass(frozen=True)
class Column:
    header: str
    numeric: bool = False
    flex: bool = False  # a text that may wrap (a name, a 摘要)


@dataclass
class Line:
    cells: list[str]
    style: str = ""  # "" | total | sub (a subtotal) | warn (flagged) | head (a group's name)


@dataclass
class Table:
    caption: str
    columns: list[Column]
    lines: list[Line]


@dataclass
class Document:
    title: str
    issuer: str  # the collective
    period: str  # 2026 年度, 2026-04-01 至 2026-04-30 ...
    tables: list[Table]
    notes: list[str] = field(default_factory=list)
    unit: str = ""  # 单位：元
    charts: list = field(default_factory=list)  # `charts.Chart`s the HTML form draws


def text(document: Document, lang: str, printed: date | None = None) -> str:
    """The document for an 80-column printer."""
    out = [_centred(document.title), _centred(document.issuer),
           _centred("　".join(part for part in (document.period, document.unit) if part)), ""]
    for table in document.tables:
        if table.caption:
            out.append(table.caption)
        cols = [Col(column.header, "right" if column.numeric else "left", column.flex)
                for column in table.columns]
        rows: list = []
        for line in table.lines:
            if line.style == "total":
                rows.append(RULE)
            cells = list(line.cells)
            if line.style == "warn":
                cells[-1] = cells[-1] + " !"
            rows.append(cells)
        out.extend(layout.table(cols, rows) if rows else [
            *layout.table(cols, [["" for _ in cols]])[:2], i18n.t("doc.none", lang)])
        out.append("")
    out.extend(document.notes)
    if document.notes:
        out.append("")
    out.append(i18n.t("doc.printed", lang, date=(printed or date.today()).isoformat()))
    return "\n".join(line.rstrip() for line in out) + "\n"


def _centred(text: str) -> str:
    text = layout.clean(text)
    gap = max((layout.WIDTH - layout.width_of(text)) // 2, 0)
    return " " * gap + text


def workbook(document: Document) -> bytes:
    """The document as a workbook: one sheet a table (Excel allows 31 characters a name),
    figures as numbers with two or three places, never a formula."""
    from openpyxl import Workbook

    from ledger.reports.yield_xlsx import _number, _text

    book = Workbook(write_only=True)
    for number, table in enumerate(document.tables, 1):
        name = (table.caption or document.title)[:28]
        sheet = book.create_sheet(f"{number} {name}"[:31])
        sheet.append([_text(sheet, document.title)])
        sheet.append([_text(sheet, f"{document.issuer} {document.period}".strip())])
        sheet.append([_text(sheet, column.header) for column in table.columns])
        for line in table.lines:
            sheet.append([_number(sheet, value) if column.numeric and _is_number(value)
                          else _text(sheet, value)
                          for column, value in zip(table.columns, line.cells)])
    if not document.tables:
        book.create_sheet(document.title[:31])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except ArithmeticError:
        return False
    return bool(value)
