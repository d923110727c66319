"""Import of canonical CSV files (DOMAIN.md, "Exchange formats").

A file's record kind comes from its name (`leaf.csv`, `leaf-2026.csv`); a folder stands
for the CSV files in it. Files are taken in dependency order and imported in one
transaction by `ledger.book.record_many`: every problem of every row is reported as
`FILE:LINE: column: reason`, and if there is any, nothing is written.
"""
from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ledger import book
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.kinds import BY_NAME, KINDS, Kind

_KIND_OF_NAME = re.compile(r"(?P<kind>[a-z]+)(?:[-_.].*)?")


def kind_of(path: Path) -> Kind:
    """The record kind a file holds, from its name."""
    match = _KIND_OF_NAME.fullmatch(path.stem.lower())
    if path.suffix.lower() != ".csv" or not match or match["kind"] not in BY_NAME:
        raise LedgerError("import_unknown_file", path=str(path),
                          kinds=", ".join(f"{k.name}.csv" for k in KINDS))
    return BY_NAME[match["kind"]]


def plan(paths: Iterable[str | Path]) -> list[tuple[Kind, Path]]:
    """The files to import, each with its kind, in dependency order."""
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(p for p in given.iterdir() if p.suffix.lower() == ".csv")
            if not found:
                raise LedgerError("import_empty_folder", path=str(given))
            files.extend(found)
        elif given.is_file():
            files.append(given)
        else:
            raise LedgerError("import_missing_file", path=str(given))
    order = {kind.name: index for index, kind in enumerate(KINDS)}
    unique = list({path.resolve(): path for path in files}.values())  # a file once per call
    planned = [(kind_of(path), path) for path in unique]
    return sorted(planned, key=lambda item: (order[item[0].name], str(item[1])))


def import_files(paths: Iterable[str | Path]) -> Counter:
    """Import every file in one transaction; the counts of records added, by kind."""
    planned = plan(paths)
    problems: list[FieldError] = []
    for kind, path in planned:
        problems.extend(_header_problems(kind, path))
    if problems:
        raise RecordRefused(problems)
    writer = book.record_many((kind.name, read_rows(kind, path)) for kind, path in planned)
    return writer.counts


def _lines(path: Path) -> Iterator[str]:
    """The file's lines as text, each decoded on its own, so a byte that is not UTF-8
    is reported on its own line; a leading byte-order mark is dropped."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise LedgerError("import_not_utf8", path=str(path), line=number) from None


def _header_problems(kind: Kind, path: Path) -> list[FieldError]:
    where = f"{path}:1"
    lines = _lines(path)
    try:
        header = next(csv.reader(lines), None)
    except csv.Error as error:
        raise LedgerError("import_bad_csv", path=str(path), line=1, reason=str(error)) from None
    finally:
        lines.close()
    if header is None:
        return [FieldError(kind.name, "-", "import_no_header", {}, where)]
    header = [name.strip() for name in header]
    problems = []
    for name in header:
        if name not in kind.columns:
            problems.append(FieldError(kind.name, name or "-", "import_unknown_column",
                                       {"columns": ", ".join(kind.columns)}, where))
        elif header.count(name) > 1:
            problems.append(FieldError(kind.name, name, "import_duplicate_column", {}, where))
    for name in kind.columns:
        if name not in header and name not in kind.optional:
            problems.append(FieldError(kind.name, name, "import_missing_column", {}, where))
    return problems


def read_rows(kind: Kind, path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """(FILE:LINE, values) for each row that is not blank; lines count from the header."""
    lines = _lines(path)
    reader = csv.reader(lines)
    line = 1
    try:
        header = [name.strip() for name in next(reader)]
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            where = f"{path}:{start}"
            if len(row) != len(header):
                yield where, FieldError(kind.name, "-", "import_row_width",
                                        {"found": len(row), "expected": len(header)}, where)
                continue
            yield where, dict(zip(header, row))
    except csv.Error as error:
        raise LedgerError("import_bad_csv", path=str(path), line=line + 1,
                          reason=str(error)) from None
    finally:
        lines.close()
