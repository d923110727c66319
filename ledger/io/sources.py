"""Rows out of the files people send: CSV in UTF-8 (with or without a byte-order mark) or
GBK/GB18030 (what Excel saves on a Chinese Windows), and .xlsx workbooks.

The encoding is found without asking: a first pass reads the bytes as strict UTF-8, then
as GB18030; a file that is neither is refused at the line where the likelier reading
failed. Rows are then read one at a time, each with the line (or sheet row) it starts on.
"""
from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ledger.errors import LedgerError

SUFFIXES = (".csv", ".xlsx")
ENCODINGS = ("utf-8", "gb18030")

# A cell of any length is read, so the rules can say which field is too long and where,
# instead of the csv module stopping the whole file at the first long cell.
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class Table:
    """A file's header and its rows; `rows` yields (line, cells) for rows not blank."""

    path: Path
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]

    def close(self) -> None:
        self.rows.close()


def open_table(path: Path, sheet: str | None = None) -> Table:
    """The header and rows of a CSV file or a workbook's sheet; LedgerError if unreadable."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path, sheet)
    encoding = detect_encoding(path)
    rows = _csv_rows(path, encoding)
    try:
        _, header = next(rows)
    except StopIteration:
        header = []
    return Table(path, _trimmed([str(cell) for cell in header]), rows)


def detect_encoding(path: Path) -> str:
    """utf-8 or gb18030: the first that reads every line of the file."""
    failed: dict[str, int] = {}
    for encoding in ENCODINGS:
        line = _first_bad_line(path, encoding)
        if line is None:
            return encoding
        failed[encoding] = line
    raise LedgerError("import_bad_encoding", path=str(path), line=max(failed.values()))


def _first_bad_line(path: Path, encoding: str) -> int | None:
    """The first line that is not text in `encoding`. Line by line is exact for both: a
    newline byte is never part of a UTF-8 or GB18030 character. A NUL byte (UTF-16, a
    binary file) is never text."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if b"\x00" in raw:
                return number
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None


def _lines(path: Path, encoding: str) -> Iterator[str]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            yield raw.decode(encoding)


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of the header and of every row that is not blank."""
    lines = _lines(path, encoding)
    reader = csv.reader(lines)
    line = 0
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if start > 1 and not any(cell.strip() for cell in row):
                continue
            yield start, row
    except csv.Error as error:
        raise LedgerError("import_bad_csv", path=str(path), line=line + 1,
                          reason=str(error)) from None
    finally:
        lines.close()


def _trimmed(header: list[str]) -> list[str]:
    """A header without the empty cells a spreadsheet leaves after the last column."""
    header = [name.strip() for name in header]
    while header and not header[-1]:
        header.pop()
    return header


def _xlsx(path: Path, sheet: str | None) -> Table:
    import openpyxl  # only when a workbook is imported
    from zipfile import BadZipFile

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        raise LedgerError("import_bad_xlsx", path=str(path), reason=str(error)) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        workbook.close()
        raise LedgerError("import_no_sheet", path=str(path), sheet=sheet,
                          sheets=", ".join(workbook.sheetnames))
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    rows = _xlsx_rows(workbook, worksheet)
    try:
        _, header = next(rows)
    except StopIteration:
        header = []
    return Table(path, _trimmed(["" if cell is None else str(cell) for cell in header]), rows)


def _xlsx_rows(workbook, worksheet) -> Iterator[tuple[int, list[Any]]]:
    try:
        for number, row in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            cells = list(row)
            if number > 1 and all(cell is None or (isinstance(cell, str) and not cell.strip())
                                  for cell in cells):
                continue
            yield number, cells
    finally:
        workbook.close()
