"""Import of the files people send: canonical CSV (docs/formats.md) and
what they really send, CSV in GBK or UTF-8 and .xlsx workbooks with Chinese headers,
full-width digits and local dates (`ledger.io.sources`, `headers`, `cleaning`), or
another layout described by a saved mapping (`ledger.io.mapping`).

A file's record kind comes from its name (`leaf.csv`, `leaf-2026.csv`, `售茧.xlsx`) or the
mapping; a folder stands for the CSV and xlsx files in it. Files are taken in dependency
order and imported in one transaction by `ledger.book.record_many`: every problem of
every row is reported as `FILE:LINE: column: reason`, and if there is any, nothing is
written. Rows already in the ledger are refused too, and so is a row read twice in one
import (in two files, or twice in one), unless duplicates are allowed.
`review` runs the same import and rolls it back: what would be added, every problem.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from ledger import accounts, book, models, stores, voucher_rules
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.io import cleaning, headers, replay, sources
from ledger.io.mapping import Mapping as ColumnMap
from ledger.kinds import BY_NAME, FILE_KINDS, REPLAYED, Kind
from ledger.refs import Refs
from ledger.rules import Form


@dataclass
class Options:
    """How to read the files: a saved mapping, the sheet of a workbook, and whether rows
    already in the ledger may be added again."""

    mapping: ColumnMap | None = None
    sheet: str | None = None
    allow_duplicates: bool = False


def kind_of(path: Path, mapping: ColumnMap | None = None) -> Kind:
    """The record kind a file holds, from the mapping or the file's name."""
    kind = None
    if path.suffix.lower() in sources.SUFFIXES:
        kind = mapping.kind if mapping and mapping.kind else headers.kind_of_stem(path.stem)
    if kind is None:
        raise LedgerError("import_unknown_file", path=str(path),
                          kinds=", ".join(f"{k.name}.csv" for k in FILE_KINDS))
    return kind


def plan(paths: Iterable[str | Path], mapping: ColumnMap | None = None) -> list[tuple[Kind, Path]]:
    """The files to import, each with its kind, in dependency order."""
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found = sorted(p for p in given.iterdir()
                           if p.suffix.lower() in sources.SUFFIXES and not p.name.startswith("~$"))
            if not found:
                raise LedgerError("import_empty_folder", path=str(given))
        else:
            found = [given]
        for path in found:
            sources.regular_file(path)  # a pipe named sales.csv would hang the import
        files.extend(found)
    order = {kind.name: index for index, kind in enumerate(FILE_KINDS)}
    unique = list({path.resolve(): path for path in files}.values())  # a file once per call
    planned = [(kind_of(path, mapping), path) for path in unique]
    return sorted(planned, key=lambda item: (order[item[0].name], str(item[1])))


@stores.retried
def import_files(paths: Iterable[str | Path], options: Options | None = None,
                 progress: Callable[[int], None] | None = None) -> Counter:
    """Import every file in one transaction; the counts of records added, by kind.
    `progress` is told how many rows have been read, now and then."""
    options = options or Options()
    files = _open_files(plan(paths, options.mapping), options)
    try:
        problems = [problem for file in files for problem in file.problems]
        if problems:
            raise RecordRefused(problems)
        with models.database.atomic():  # the files replayed after the rest: one transaction
            writer = book.record_many(((file.kind.name, file.entries()) for file in files),
                                      ImportWriter(Refs(), options.allow_duplicates),
                                      progress=progress)
            writer.replay()
    finally:
        for file in files:
            file.close()
    return writer.counts


@dataclass
class Review:
    """What an import would add, by kind, and every problem it would be refused for."""

    would_add: Counter
    problems: list[FieldError | LedgerError] = field(default_factory=list)
    total: int = 0

    @property
    def clean(self) -> bool:
        return self.total == 0


def review(paths: Iterable[str | Path], options: Options | None = None,
           progress: Callable[[int], None] | None = None) -> Review:
    """Run the import and roll it back: nothing is written, whatever is found."""
    options = options or Options()
    planned = plan(paths, options.mapping)
    files: list[SourceFile] = []
    problems: list[FieldError | LedgerError] = []
    for kind, path in planned:
        try:
            files.extend(_open_files([(kind, path)], options))
        except LedgerError as error:
            problems.append(error)
    try:
        problems.extend(problem for file in files for problem in file.problems)
        if problems:
            return Review(Counter(), problems, len(problems))
        # Assets, depreciation and closes are made again by the program's own steps, which
        # read what the import wrote: then the rows are written for real, and rolled back.
        replaying = any(file.kind.name in REPLAYED for file in files)
        writer = ImportWriter(Refs(), options.allow_duplicates, dry_run=not replaying)
        tally = book.Tally(progress)
        with models.database.atomic() as transaction:
            try:
                for file in files:
                    for where, values in tally.rows(file.entries()):
                        writer.add(file.kind.name, values, where)
                if replaying and not writer.error_count:
                    book.finish(writer)
                    writer.replay()
            except RecordRefused as refused:  # raised by the replay only: the rest counts
                problems.extend(refused.errors)
            except LedgerError as error:  # a row that is not CSV: reported with the rest
                problems.append(error)
            transaction.rollback()
    finally:
        for file in files:
            file.close()
    problems = [*writer.errors, *problems]
    return Review(writer.counts, problems, writer.error_count + len(problems) - len(writer.errors))


# -- one file ---------------------------------------------------------------------------------

class Cleaned(dict):
    """A row's cells made canonical, with the problems of the cells that could not be."""

    problems: dict = {}


class SourceFile:
    """One file being imported: its kind, its header read into canonical columns, and its
    rows as the writer takes them."""

    def __init__(self, kind: Kind, path: Path, options: Options):
        self.kind = kind
        self.path = path
        self.mapping = options.mapping
        self.table = sources.open_table(path, options.sheet, self._names_columns)
        self.columns: list[str | None] = []   # canonical column of each header cell, or None
        self.problems = self._read_header()

    def close(self) -> None:
        self.table.close()

    def _column(self, name: str) -> str | None:
        """The canonical column a header cell names: "" for a column the mapping leaves
        out, None for one not known."""
        renamed = self.mapping.rename(name) if self.mapping else None
        return renamed if renamed is not None else headers.canonical_column(self.kind, name)

    def _names_columns(self, cells: list[str]) -> bool:
        """Whether a row's cells all name columns of the kind: the header row."""
        return bool(cells) and all(self._column(cell) is not None for cell in cells)

    def _read_header(self) -> list[FieldError]:
        kind, where = self.kind, f"{self.path}:{self.table.header_line}"
        if not self.table.header:
            return [FieldError(kind.name, "-", "import_no_header", {}, where)]
        constants = self.mapping.constants if self.mapping else {}
        problems = []
        seen: set[str] = set()
        for name in self.table.header:
            column = self._column(name)
            if column == "":
                self.columns.append(None)
                continue
            self.columns.append(column)
            if column is None or column not in kind.columns:
                problems.append(FieldError(kind.name, name or "-", "import_unknown_column",
                                           {"columns": ", ".join(kind.columns)}, where))
            elif column in seen:
                problems.append(FieldError(kind.name, name, "import_duplicate_column", {}, where))
            elif column in constants:
                problems.append(FieldError(kind.name, name, "import_constant_and_column",
                                           {"column": column}, where))
            seen.add(column or "")
        for name in constants:
            if name not in kind.columns:
                problems.append(FieldError(kind.name, name, "import_unknown_column",
                                           {"columns": ", ".join(kind.columns)}, where))
        for name in kind.columns:
            if name not in seen and name not in constants and name not in kind.optional:
                problems.append(FieldError(kind.name, name, "import_missing_column", {}, where))
        return problems

    def rows(self) -> Iterator[tuple[str, Mapping[str, Any] | FieldError]]:
        """(FILE:LINE, values) for each row that is not blank."""
        width = len(self.columns)
        constants = list((self.mapping.constants if self.mapping else {}).items())
        clean = cleaning.row_cleaner(
            [(index, column) for index, column in enumerate(self.columns) if column]
            + [(width + index, column) for index, (column, _) in enumerate(constants)])
        fixed = [value for _, value in constants]
        workbook = self.path.suffix.lower() == ".xlsx"
        for line, cells in self.table.rows:
            where = f"{self.path}:{line}"
            if workbook and len(cells) < width:
                cells = [*cells, *[None] * (width - len(cells))]
            if len(cells) < width or any(_filled(cell) for cell in cells[width:]):
                yield where, FieldError(self.kind.name, "-", "import_row_width",
                                        {"found": len(cells), "expected": width}, where)
                continue
            values, problems = clean(cells[:width] + fixed if fixed else cells)
            row = Cleaned(values)
            if problems:
                row.problems = problems
            yield where, row


    def entries(self) -> Iterator[tuple[str, Mapping[str, Any] | FieldError]]:
        """What the writer takes from the file: its rows, but a general voucher for each
        run of consecutive rows with the same `voucher` value in vouchers.csv, and a
        cell that could not be read in accounts.csv or vouchers.csv as its problem."""
        if self.kind.name == voucher_rules.KIND:
            return _vouchers(self.rows())
        if self.kind.name == accounts.KIND or self.kind.name in REPLAYED:
            return (item for where, row in self.rows()
                    for item in _readable(self.kind.name, where, row))
        return self.rows()


def _readable(kind: str, where: str, row: Mapping[str, Any] | FieldError) -> Iterator[tuple]:
    """A row, or the problems of its cells that could not be read, one by one."""
    problems = getattr(row, "problems", None)
    if isinstance(row, FieldError) or not problems:
        yield where, row
        return
    for column, problem in problems.items():
        yield where, FieldError(kind, column, problem.reason, problem.params, where)


def _vouchers(rows: Iterator[tuple[str, Mapping[str, Any] | FieldError]]) -> Iterator[tuple]:
    """General vouchers out of vouchers.csv's rows: consecutive rows with the same
    `voucher` value are one voucher, dated by its first row, each row a line named by its
    own FILE:LINE. The value only groups the rows; the program numbers the vouchers."""
    group: list[tuple[str, Mapping[str, Any]]] = []
    for where, row in rows:
        if isinstance(row, FieldError):
            yield where, row
            continue
        key = (row.get("voucher") or "").strip()
        if not key:
            yield where, FieldError(voucher_rules.KIND, "voucher", "required", {}, where)
            continue
        if group and key != group[0][1]["voucher"].strip():
            yield from _voucher(group)
            group = []
        group.append((where, row))
    if group:
        yield from _voucher(group)


def _voucher(group: list[tuple[str, Mapping[str, Any]]]) -> Iterator[tuple]:
    kind = voucher_rules.KIND
    first_where, first = group[0]
    unreadable = [FieldError(kind, column, problem.reason, problem.params, where)
                  for where, row in group
                  for column, problem in getattr(row, "problems", {}).items()]
    if unreadable:  # judged once readable: its totals would only repeat the problem
        for error in unreadable:
            yield error.where, error
        return
    for where, row in group[1:]:
        if (row.get("date") or "").strip() != (first.get("date") or "").strip():
            yield where, FieldError(kind, "date", "import_voucher_date_differs",
                                    {"first": first_where, "date": first.get("date", "")}, where)
    lines = [dict(summary=row.get("summary", ""), account=row.get("account"),
                  debit=row.get("debit", ""), credit=row.get("credit", ""), where=where)
             for where, row in group]
    yield first_where, {"date": first.get("date"), "lines": lines,
                        "voucher": first["voucher"].strip()}


def _filled(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _open_files(planned: list[tuple[Kind, Path]], options: Options) -> list[SourceFile]:
    files: list[SourceFile] = []
    try:
        for kind, path in planned:
            files.append(SourceFile(kind, path, options))
    except BaseException:
        for file in files:
            file.close()
        raise
    return files


# -- the writer of an import -----------------------------------------------------------------

class ImportWriter(book.Writer):
    """The service layer's writer, which also reports cells that could not be read and
    rows already in the ledger; in a dry run it writes nothing."""

    def __init__(self, refs: Refs, allow_duplicates: bool = False, dry_run: bool = False):
        super().__init__(refs)
        self.allow_duplicates = allow_duplicates
        self.dry_run = dry_run
        self._existing: dict[tuple[str, int], dict[tuple, int]] = {}
        #: The rows of this import so far, by a digest of what they say: where each was
        #: first read, as (file number << 32 | line). Compact, since a county's import
        #: has millions of rows: some 110 bytes a row instead of 400 for the rows and
        #: their place as text. A 128-bit digest does not collide in any real import.
        self._imported: dict[bytes, int] = {}
        self._files: list[str] = []
        #: General vouchers standing in the ledger, by date, then by what they say.
        self._standing_vouchers: dict = {}
        #: The rows of assets.csv, depreciation.csv and closes.csv, by kind, made again
        #: by `replay` once the rest is written.
        self._replayed: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        #: The general vouchers of vouchers.csv by their `voucher` value: what an asset's
        #: `voucher` names its purchase by.
        self._purchases: dict[str, list[int]] = {}

    def add(self, kind: str, values: Mapping[str, Any] | FieldError, where: str = "",
            corrects: int | None = None) -> None:
        if kind in REPLAYED and not isinstance(values, FieldError):
            self._replayed.setdefault(kind, []).append((where, values))
            return
        before = self.counts[kind]
        super().add(kind, values, where, corrects)
        if kind == voucher_rules.KIND and self.counts[kind] > before:
            self._purchases.setdefault(values.get("voucher", ""), []).append(self.last_id)

    def replay(self) -> None:
        """Make the register, the months depreciated and the years closed again, once the
        rest is written (`ledger.io.replay`); RecordRefused with every problem found."""
        if self._replayed:
            self.counts.update(replay.replay(self._replayed, self._purchases))

    def check(self, kind: str, values: Mapping[str, Any], where: str) -> Form:
        form = super().check(kind, values, where)
        problems = getattr(values, "problems", None)
        if problems:
            order = {name: index for index, name in enumerate(BY_NAME[kind].columns)}
            form.errors = sorted(
                [*(FieldError(kind, column, problem.reason, problem.params, where)
                   for column, problem in problems.items()),
                 *(error for error in form.errors if error.field not in problems)],
                key=lambda error: order.get(error.field, -1))
        elif not form.errors and not self.allow_duplicates and BY_NAME[kind].moves_money:
            season = form.result["season"].id
            key = _key(kind, form.result)
            same = self._existing_in(kind, season)
            existing = same.get(key) if same else None
            here = self._place(where)
            earlier = self._imported.setdefault(_digest(kind, season, key), here)
            if existing is not None:
                form.errors.append(FieldError(kind, "-", "import_duplicate_row",
                                              {"id": existing}, where))
            elif earlier != here:
                form.errors.append(FieldError(kind, "-", "import_duplicate_in_import",
                                              {"first": self._where(earlier)}, where))
        return form

    def check_general(self, values: Mapping[str, Any], where: str,
                      source: str) -> tuple[dict, list[FieldError]]:
        """A general voucher's own problems, and whether it is already in the ledger or
        earlier in this import: same date and the same lines in the same order."""
        result, errors = super().check_general(values, where, source)
        # What is wrong with the voucher as a whole (one line, unbalanced) is named in the
        # file's own column that makes it one voucher.
        errors = [dataclasses.replace(error, field="voucher") if error.field == "lines"
                  else error for error in errors]
        if errors or self.allow_duplicates:
            return result, errors
        key = (result["date"].isoformat(), tuple(
            (line["summary"], line["account"].code, line["debit"], line["credit"])
            for line in result["lines"]))
        existing = self._vouchers_on(result["date"]).get(key)
        here = self._place(where)
        earlier = self._imported.setdefault(_digest(voucher_rules.KIND, 0, key), here)
        if existing is not None:
            errors.append(FieldError(voucher_rules.KIND, "-", "import_duplicate_voucher",
                                     {"id": existing}, where))
        elif earlier != here:
            errors.append(FieldError(voucher_rules.KIND, "-",
                                     "import_duplicate_voucher_in_import",
                                     {"first": self._where(earlier)}, where))
        return result, errors

    def _vouchers_on(self, day) -> dict[tuple, int]:
        """The general vouchers standing on `day` (neither reversed nor reversals), by
        what they say: one query per date the import touches."""
        from ledger import vouchers

        if day not in self._standing_vouchers:
            GeneralVoucher = models.GeneralVoucher
            reversed_ids = (GeneralVoucher.select(GeneralVoucher.reverses)
                            .where(GeneralVoucher.reverses.is_null(False)))
            standing = (GeneralVoucher.select(GeneralVoucher.id)
                        .where((GeneralVoucher.date == day) & GeneralVoucher.reverses.is_null()
                               & GeneralVoucher.id.not_in(reversed_ids)).tuples())
            self._standing_vouchers[day] = {
                (day.isoformat(), tuple(vouchers.lines_of(general_id))): general_id
                for (general_id,) in standing}
        return self._standing_vouchers[day]

    def _place(self, where: str) -> int:
        """FILE:LINE as one integer: the file's number and the line."""
        path, _, line = where.rpartition(":")
        if not self._files or self._files[-1] != path:
            self._files.append(path)
        return (len(self._files) - 1) << 32 | int(line)

    def _where(self, place: int) -> str:
        return f"{self._files[place >> 32]}:{place & 0xFFFFFFFF}"

    def _existing_in(self, kind: str, season_id: int) -> dict[tuple, int]:
        """The records of `kind` standing in a season (not reversed, not reversals), by
        their values: one query per kind and season the import touches."""
        if (kind, season_id) not in self._existing:
            model = BY_NAME[kind].model
            layout = book.LAYOUTS[model]
            reversed_ids = model.select(model.reverses).where(model.reverses.is_null(False))
            query = (model.select(*layout.columns)
                     .where((model.season == season_id) & model.reverses.is_null()
                            & model.id.not_in(reversed_ids)))
            # read beside the rows being written (`Store.read_aside`): those are this
            # import's, which `_imported` knows
            rows = stores.current().read_aside(models.database, *query.sql())
            self._existing[(kind, season_id)] = {
                layout.key(stores.current().canonical_row(row)): row[0] for row in rows}
        return self._existing[(kind, season_id)]

    def flush(self, kept: bool = False) -> None:
        if self.dry_run:  # read and checked, never written
            self.drop_staged()
            self._buffered = 0
            return
        super().flush(kept)


def _digest(kind: str, season: int, key: tuple) -> bytes:
    return hashlib.blake2b(repr((kind, season, key)).encode(), digest_size=16).digest()


def _key(kind: str, result: dict) -> tuple:
    """What a validated record says, as it would be stored."""
    layout = book.LAYOUTS[BY_NAME[kind].model]
    return layout.key(layout.unsealed(0, result))
