"""The yield report as an Excel workbook: a sheet of rows, one of flagged batches.

Figures are numbers: exact Decimals made from the same strings the text form prints (so
the workbook and the report cannot disagree), with a number format showing their places;
a blank ratio (nothing to divide by) is an empty cell. Text is always written as text,
never as a formula, whatever it begins with.
"""
from __future__ import annotations

import io
from decimal import Decimal

from ledger import i18n
from ledger.reports import yields as yield_report
from ledger.yields import YieldReport


def _text(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # "=1+1" stays a name, not a formula
    return cell


def _number(sheet, text: str):
    """A printed figure as an exact number: '88.350' -> 88.350 shown with 3 places, '12.5%'
    -> 0.125 shown as a percentage."""
    from openpyxl.cell import WriteOnlyCell

    if not text:
        return None
    percent = text.endswith("%")
    digits = text.rstrip("%").lstrip("+")
    places = len(digits.partition(".")[2])
    value = Decimal(digits)
    if percent:
        value = value.scaleb(-2)
    cell = WriteOnlyCell(sheet, value=value)
    if percent:
        cell.number_format = "0." + "0" * places + "%" if places else "0%"
    else:
        cell.number_format = "0." + "0" * places if places else "0"
    return cell


def workbook(report: YieldReport, lang: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    rows = book.create_sheet(i18n.t("yield.title", lang,
                                    by=i18n.t(f"yield.by.{report.by}", lang))[:31])
    rows.append([_text(rows, text) for text in (
        i18n.t(f"yield.by.{report.by}", lang), *yield_report.figure_headers(lang),
        *yield_report.extra_headers(lang))])
    for row in report.rows:
        rows.append([_text(rows, yield_report.row_label(row, report, lang)),
                     *(_number(rows, text) for text in (*yield_report.figures(row.totals),
                                                         *yield_report.extras(row)))])
    rows.append([_text(rows, i18n.t("col.total", lang)),
                 *(_number(rows, text) for text in
                   yield_report.figures(yield_report.total(report)))])
    flagged = book.create_sheet(i18n.t("yield.sheet_flagged", lang)[:31])
    flagged.append([_text(flagged, text) for text in yield_report.flagged_headers(lang)])
    for flag in report.flagged:
        texts = yield_report.flagged_cells(flag, lang)
        flagged.append([*(_text(flagged, text) for text in texts[:4]),
                        *(_number(flagged, text) for text in texts[4:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
