"""Rows out of the files people send: CSV in UTF-8 (with or without a byte-order mark),
GBK/GB18030 (what Excel saves on a Chinese Windows) or UTF-16 (Excel's "Unicode text",
tab-separated), and .xlsx workbooks.

The encoding is found without asking, and only where the WHOLE file is text in it: a
file with a byte-order mark is in the encoding the mark names; else UTF-8 if every line
is UTF-8, else GB18030 if every line is GB18030 and the file does not read as UTF-8 with
a few bad bytes (one stray byte in a UTF-8 file often leaves it valid GB18030, and read
so every name would be garbled). Anything else is refused at the first bad byte. Rows
are then read one at a time, each with the line (or sheet row) it starts on.

Only regular files are read: a pipe, a device or a link to a folder would hang the
import or fail half-way, so it is refused naming it (`regular_file`).
"""
from __future__ import annotations

import codecs
import csv
import errno
import io
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ledger.errors import LedgerError

SUFFIXES = (".csv", ".xlsx")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: How far down a sheet its header row is looked for, below a title row or two.
HEADER_SEARCH_ROWS = 10

# A cell of any length is read, so the rules can say which field is too long and where,
# instead of the csv module stopping the whole file at the first long cell.
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class Table:
    """A file's header and its rows; `rows` yields (line, cells) for rows not blank
    below the header, which is on `header_line`."""

    path: Path
    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    header_line: int = 1

    def close(self) -> None:
        self.rows.close()


def regular_file(path: Path) -> None:
    """Refuse, naming it, what is not a regular file (a link to one is that file)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LedgerError("import_link_loop", path=str(path)) from None
        if error.errno == errno.ENOENT:
            raise LedgerError("import_missing_file", path=str(path)) from None
        raise LedgerError("import_cannot_read", path=str(path),
                          reason=error.strerror or str(error)) from None
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise LedgerError("import_not_file_folder", path=str(path))
    if stat.S_ISFIFO(mode):
        raise LedgerError("import_not_file_pipe", path=str(path))
    raise LedgerError("import_not_file_device", path=str(path))


def open_table(path: Path, sheet: str | None = None,
               is_header: Callable[[list[str]], bool] | None = None) -> Table:
    """The header and rows of a CSV file or a workbook's sheet; LedgerError if unreadable.
    In a workbook, the header is the first row `is_header` accepts among the first
    HEADER_SEARCH_ROWS, so a title row or two above it is passed over."""
    regular_file(path)
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path, sheet, is_header)
    encoding = detect_encoding(path)
    rows = _csv_rows(path, encoding)
    try:
        _, header = next(rows)
    except StopIteration:
        header = []
    header = _trimmed([str(cell) for cell in header])
    if not header and _has_rows(rows):
        raise LedgerError("import_blank_first_line", path=str(path))
    return Table(path, header, rows)


def _has_rows(rows: Iterator) -> bool:
    try:
        next(rows)
    except StopIteration:
        return False
    finally:
        rows.close()
    return True


# -- which encoding -------------------------------------------------------------------------

def detect_encoding(path: Path) -> str:
    """utf-16, utf-8 or gb18030: the one the whole file is text in (see the module's
    docstring); LedgerError naming the first bad line and byte otherwise."""
    with open(path, "rb") as handle:
        start = handle.read(2)
    if start in UTF16_BOMS:
        _check_utf16(path)
        return "utf-16"
    utf8 = _Scan(path, "utf-8")
    if utf8.first_bad is None:
        _check_line_ends(path, utf8)
        return "utf-8"
    if utf8.first_bad[1] and utf8.good_non_ascii >= utf8.bad_lines:  # a few bad bytes
        raise utf8.refusal("import_not_utf8")
    gb18030 = _Scan(path, "gb18030")
    if gb18030.first_bad is None:
        _check_line_ends(path, gb18030)
        return "gb18030"
    raise LedgerError("import_bad_encoding", path=str(path),
                      line=max(utf8.first_bad[0], gb18030.first_bad[0]))


class _Scan:
    """One pass over a file's lines as `encoding`: the first bad (line, byte, column), how
    many lines are not text in it, and how many lines holding more than ASCII are. Line
    by line is exact for both encodings: a newline byte is never part of a UTF-8 or
    GB18030 character. A NUL byte (UTF-16 without its mark, a binary file) is never text."""

    def __init__(self, path: Path, encoding: str):
        self.path, self.encoding = path, encoding
        self.first_bad: tuple[int, int, int] | None = None
        self.bad_lines = self.good_non_ascii = self.lines = 0
        self.carriage_returns = False
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                self.lines = number
                if b"\r" in raw.rstrip(b"\r\n"):
                    self.carriage_returns = True
                bad = self._bad_byte(raw)
                if bad is None:
                    self.good_non_ascii += not raw.isascii()
                    continue
                self.bad_lines += 1
                if self.first_bad is None:
                    column = len(raw[:bad].decode(self.encoding, "replace")) + 1
                    self.first_bad = (number, raw[bad], column)

    def _bad_byte(self, raw: bytes) -> int | None:
        if b"\x00" in raw:
            return raw.index(b"\x00")
        try:
            raw.decode(self.encoding)
        except UnicodeDecodeError as error:
            return error.start
        return None

    def refusal(self, key: str) -> LedgerError:
        line, byte, column = self.first_bad
        return LedgerError(key, path=str(self.path), line=line, byte=f"{byte:02X}",
                           column=column)


def _check_line_ends(path: Path, scan: _Scan) -> None:
    """A file whose lines end in a carriage return alone (old Mac programs) is one long
    line to every reader: say so, instead of what the CSV reader makes of it."""
    if scan.lines <= 1 and scan.carriage_returns:
        raise LedgerError("import_cr_line_ends", path=str(path))


def _check_utf16(path: Path) -> None:
    """Refuse a UTF-16 file that is not UTF-16 throughout, naming the line where it fails."""
    decoder = codecs.getincrementaldecoder("utf-16")(errors="strict")
    line = 1
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            state = decoder.getstate()
            try:
                line += decoder.decode(chunk).count("\n")
            except UnicodeDecodeError:
                decoder.setstate(state)  # again, two bytes at a time, to the bad line
                try:
                    for start in range(0, len(chunk), 2):
                        line += decoder.decode(chunk[start:start + 2]).count("\n")
                except UnicodeDecodeError:
                    pass
                raise LedgerError("import_bad_encoding", path=str(path), line=line) from None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise LedgerError("import_bad_encoding", path=str(path), line=line) from None


# -- CSV --------------------------------------------------------------------------------------

def _lines(path: Path, encoding: str) -> Iterator[str]:
    if encoding == "utf-16":
        with open(path, "rb") as handle:
            yield from io.TextIOWrapper(handle, encoding="utf-16", newline="")
        return
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            yield raw.decode(encoding)


def _csv_rows(path: Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of the header and of every row that is not blank. A file whose
    header has tabs and no commas is tab-separated (Excel's "Unicode text")."""
    lines = _lines(path, encoding)
    first = next(lines, "")
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"

    def checked() -> Iterator[str]:
        yield first
        for number, text in enumerate(lines, 2):
            if text.startswith("\ufeff"):  # where a second file was joined on
                raise LedgerError("import_bom_inside", path=str(path), line=number)
            yield text

    reader = csv.reader(checked(), dialect)
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


# -- workbooks --------------------------------------------------------------------------------

def _xlsx(path: Path, sheet: str | None, is_header) -> Table:
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
    # The stated used range (`<dimension ref="A1:XFD1048576"/>` after one stray cell far
    # away) would make the reader pad every row to 16,384 cells and fill a million empty
    # rows; forgotten, only the cells that exist are read.
    worksheet.reset_dimensions()
    rows = _xlsx_rows(workbook, worksheet)
    try:
        line, header, rows = _header_row(path, rows, is_header)
    except BaseException:
        rows.close()
        raise
    return Table(path, _trimmed(["" if cell is None else str(cell) for cell in header]), rows,
                 line)


def _header_row(path: Path, rows: Iterator, is_header) -> tuple[int, list, Iterator]:
    """The sheet's header row, its line and the rows below it. The header is the first
    row (not blank) when `is_header` accepts it; else the one row within
    HEADER_SEARCH_ROWS that it accepts, passing over the title rows above it. Two are
    ambiguous. When none is, the row with the most known column names is taken, the
    first of equals, so that its unknown columns are named where they are."""
    seen: list[tuple[int, list]] = []
    for line, cells in rows:
        seen.append((line, cells))
        if len(seen) == 1 and (is_header is None or is_header(_texts(cells))):
            return line, cells, rows
        if line >= HEADER_SEARCH_ROWS:
            break
    if not seen:
        return 1, [], rows
    found = [(line, cells) for line, cells in seen[1:] if is_header(_texts(cells))]
    if len(found) > 1:
        raise LedgerError("import_header_ambiguous", path=str(path),
                          lines=", ".join(str(line) for line, _ in found))
    if not found:  # refused for its unknown columns, named in the likeliest header row
        line, cells = max(seen, key=lambda row: sum(is_header([text])
                                                    for text in _texts(row[1])))
        return line, cells, _chained([row for row in seen if row[0] > line], rows)
    line = found[0][0]
    return line, found[0][1], _chained([row for row in seen if row[0] > line], rows)


def _texts(cells: list) -> list[str]:
    return [str(cell).strip() for cell in cells if cell is not None and str(cell).strip()]


def _chained(first: list, rest: Iterator) -> Iterator:
    try:
        yield from first
        yield from rest
    finally:
        rest.close()


def _xlsx_rows(workbook, worksheet) -> Iterator[tuple[int, list[Any]]]:
    """(sheet row, cells) of every row that is not blank."""
    try:
        for number, row in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1):
            if not row or all(cell is None or (isinstance(cell, str) and not cell.strip())
                              for cell in row):
                continue
            yield number, list(row)
    finally:
        workbook.close()
