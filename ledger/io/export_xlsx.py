"""The ledger as an Excel workbook, for people who continue in a spreadsheet.

One sheet per season report (each party's figures, as in `report season --format json`),
one sheet per record kind (the canonical CSV columns), and the sheets `accounts` and
`vouchers` (vouchers.csv's columns, every general voucher named by its number
`记-2026-04-0017`, the year-end close's included, a reversal's amounts negative).
Numbers are written as numbers: exact Decimals made from the stored integers
(ledger.money.to_decimal_units), so no float arithmetic happens here, with a number
format showing their places; dates are dates;
text is always a string cell, never a formula, whatever it begins with.
The workbook is written in openpyxl's write-only mode, row by row.
"""
from __future__ import annotations

from decimal import Decimal
from typing import IO

from ledger import income, money
from ledger.io import export
from ledger.kinds import BOOK_KINDS, KINDS
from ledger.reports import season as season_report

#: Places and Excel number format of each kind of figure.
_FORMATS = {export.MONEY: "0.00", export.MONEY_BLANK0: "0.00", export.KG: "0.000",
            export.SHEETS: "0.00", export.QUANTITY: "General",
            export.QUANTITY_BLANK0: "General"}
SEASON_FIGURES = {"sheets": export.SHEETS, "cocoon_kg": export.KG,
                  **{key: export.MONEY for key in (*season_report.MONEY_KEYS,
                                                   "net_income", "paid", "balance")}}
_ATTRIBUTE = {"cocoon_kg": "cocoon_grams"}


def season_sheet_title(code: str) -> str:
    """A season report's sheet: `蚕季 2026-1` (Excel allows 31 characters)."""
    return f"蚕季 {code}"[:31]


def _cell(sheet, value, type_: str):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if type_ == export.DATE:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if type_ == export.TEXT:
        return text_cell(sheet, value)
    places = export.PLACES[type_]
    number = money.to_decimal_units(value, places)
    if type_ in (export.QUANTITY, export.QUANTITY_BLANK0):
        number = number.normalize()
        if number.as_tuple().exponent > 0:
            number = number.quantize(Decimal(1))
    cell = WriteOnlyCell(sheet, value=number)
    cell.number_format = _FORMATS[type_]
    return cell


def text_cell(sheet, value: str):
    """A string cell, whatever the text begins with: openpyxl makes a text beginning with
    `=` a formula, which Excel would run (a string cell beginning with +, - or @ stays a
    string in a saved workbook). See `ledger.io.formulas` for the CSV export's way."""
    from openpyxl.cell import WriteOnlyCell

    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def write_xlsx(handle: IO[bytes]) -> dict[str, int]:
    """Write the workbook to a binary file; the rows written per sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    counts: dict[str, int] = {}
    for season in income.seasons():
        report = income.season_income(season)
        title = season_sheet_title(season.code)
        sheet = book.create_sheet(title)
        sheet.append(["code", "name", *SEASON_FIGURES])
        for party, code, name in [*((p, p.code, p.name) for p in report.parties),
                                  (report.totals, "total", "")]:
            sheet.append([text_cell(sheet, code), text_cell(sheet, name), *(
                _cell(sheet, getattr(party, _ATTRIBUTE.get(key, key)), type_)
                for key, type_ in SEASON_FIGURES.items())])
        counts[title] = len(report.parties) + 1
    for kind in KINDS:
        sheet = book.create_sheet(kind.name)
        columns, found = export.rows(kind)
        sheet.append([c.name for c in columns])
        types = [c.type for c in columns]
        count = 0
        for row in found:
            sheet.append([_cell(sheet, value, type_) for value, type_ in zip(row, types)])
            count += 1
        counts[kind.name] = count
    for kind in BOOK_KINDS:  # the general vouchers by their numbers, red ones negative
        sheet = book.create_sheet(kind.name)
        sheet.append(list(kind.columns))
        types = export.BOOK_COLUMNS[kind.name]
        count = 0
        for row in export.book_rows(kind, for_import=False):
            sheet.append([_cell(sheet, value, type_) for value, type_ in zip(row, types)])
            count += 1
        counts[kind.name] = count
    book.save(handle)
    return counts
