"""Export of every record kind in the canonical CSV format (docs/formats.md), and of the
collective's whole books: `accounts.csv` (the sub-accounts the accountant added) and
`vouchers.csv` (the general vouchers).

The rows of each kind are read in id order, one at a time (`ledger.canonical`), so `silk
import` of the folder into a new ledger adds the same records in the same order and
reproduces every report to the fen, and exporting that ledger again gives the same bytes.

In vouchers.csv the `voucher` column numbers the vouchers 1, 2, 3 ... in posting order:
it only groups the rows (a voucher's number, `记-2026-04-0017`, counts the records'
vouchers of its month too, which an import posts first, so it would not survive the
trip; the journals and the workbook show it). A voucher reversed (红字冲销) within its
own month is left out with its reversal: together they change no month's figures. A
reversal in a later month is written as what it does, a voucher with each line on the
other side, since an imported amount must be positive: the balances are the same, but
both sides' turnover of that month grows by the amount instead of shrinking.

What the import makes again with the program's own steps is left out of vouchers.csv:
the vouchers of the months depreciated (`depreciation.csv`, the months standing) and the
year-end close's (a file cannot post to 321 or 322; `closes.csv` holds each closed year's
plan, read from its close's audit entry). `assets.csv` is the register, each asset naming
its purchase by its value in vouchers.csv. See `ledger.io.replay` for the way back.
"""
from __future__ import annotations

import csv
import itertools
import os
from pathlib import Path
from typing import IO, Iterator

from ledger import assets, chart, models, money, voucher_rules, vouchers, year_end
from ledger.canonical import (  # noqa: F401  (the types are part of this module's interface)
    DATE, KG, MONEY, MONEY_BLANK0, PLACES, QUANTITY, QUANTITY_BLANK0, SHEETS, TEXT, Column,
    as_text, rows)
from ledger.errors import LedgerError
from ledger.io import formulas, output
from ledger.kinds import BOOK_KINDS, FILE_KINDS, KINDS, Kind


def write_csv(kind: Kind, handle: IO[str]) -> int:
    """Write `kind` as canonical CSV to `handle`; the number of rows written. Records
    deleted or amended within their season are left out (their pair cancels there), so
    the files import back into the same reports. No text field is a live formula
    (`ledger.io.formulas`)."""
    columns, found = rows(kind, standing_only=True)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    types = [c.type for c in columns]
    count = 0
    for row in found:
        writer.writerow([formulas.guarded(as_text(value, type_)) if type_ == TEXT
                         else as_text(value, type_) for value, type_ in zip(row, types)])
        count += 1
    return count


def account_rows() -> Iterator[list[str]]:
    """The rows of accounts.csv: the sub-accounts the accountant added, in id order."""
    Account = models.Account
    query = (Account.select(Account.code, Account.name)
             .where(Account.party.is_null() & (Account.name != "")
                    & Account.code.not_in([account.code for account in chart.CHART]))
             .order_by(Account.id).tuples())
    for code, name in query.iterator():
        yield [code, name]


def voucher_rows(for_import: bool = True) -> Iterator[list]:
    """The rows of the general vouchers: (voucher, date, summary, account, debit, credit)
    with amounts in fen (None where empty), one row a line, in posting order. For
    vouchers.csv (`for_import`): numbered 1, 2, 3 ..., without what the import makes
    again itself (the year-end close, the months depreciated) nor the pairs cancelled
    within a month, a later reversal's lines on the other side; else (the workbook):
    every voucher by its number, a reversal's amounts negative as posted."""
    GeneralVoucher, VoucherLine, Account = (models.GeneralVoucher, models.VoucherLine,
                                            models.Account)
    query = (VoucherLine.select(GeneralVoucher.id, GeneralVoucher.date, GeneralVoucher.reverses,
                                VoucherLine.summary, Account.code, VoucherLine.debit,
                                VoucherLine.credit)
             .join(GeneralVoucher).switch(VoucherLine).join(Account)
             .order_by(GeneralVoucher.id, VoucherLine.id))
    left_out: set[int] = set()
    if for_import:
        query = query.where(GeneralVoucher.source != year_end.SOURCE)
        left_out = _left_out()
    sequence = 0
    numbers: dict[int, str] = {}
    for general_id, lines in itertools.groupby(query.tuples().iterator(), key=lambda r: r[0]):
        lines = list(lines)
        if general_id in left_out:
            continue
        if for_import:
            sequence += 1
            name = str(sequence)
        else:
            if general_id not in numbers:  # a thousand at a time, not one by one
                numbers = _numbers_from(general_id)
            name = numbers.get(general_id, "")
        for _, day, reverses, summary, code, debit, credit in lines:
            if for_import and reverses is not None:
                debit, credit = -credit, -debit
            yield [name, day, summary, code, debit or None, credit or None]


def _left_out() -> set[int]:
    """General vouchers vouchers.csv leaves out besides the close's: the pairs cancelled
    within a month, and the vouchers of the months depreciated (depreciation.csv makes
    them again). A month's depreciation that was reversed stays in, with its reversal,
    as the vouchers they are."""
    return _cancelled_in_month() | set(assets.standing_vouchers())


def _sequence() -> dict[int, str]:
    """Each general voucher's value in vouchers.csv's `voucher` column (1, 2, 3 ...),
    counted as `voucher_rows` counts them: what assets.csv names a purchase by."""
    GeneralVoucher = models.GeneralVoucher
    left_out = _left_out()
    ids = (GeneralVoucher.select(GeneralVoucher.id)
           .where(GeneralVoucher.source != year_end.SOURCE).order_by(GeneralVoucher.id))
    written = (general_id for general_id in ids.scalars() if general_id not in left_out)
    return {general_id: str(number) for number, general_id in enumerate(written, 1)}


def asset_rows(for_import: bool = True) -> Iterator[list]:
    """The rows of assets.csv: the register in the order the assets were added, each with
    its purchase voucher as vouchers.csv numbers it (the workbook: its own number);
    empty for an asset that was in the opening balances or whose purchase was cancelled
    within its month; and last its opening accumulated depreciation (empty when 0)."""
    FixedAsset, Account = models.FixedAsset, models.Account
    query = (FixedAsset.select(FixedAsset.code, FixedAsset.name, FixedAsset.acquired,
                               FixedAsset.cost, FixedAsset.life, FixedAsset.residual,
                               FixedAsset.use, Account.code, FixedAsset.acquisition,
                               FixedAsset.opening_depreciation)
             .join(Account).order_by(FixedAsset.id).tuples())
    found = list(query)
    if for_import:
        names = _sequence() if any(row[8] for row in found) else {}
    else:
        names = {row[8]: vouchers.number_of(voucher_rules.KIND, row[8]) or ""
                 for row in found if row[8]}
    for *row, acquisition, opening in found:
        row[4] = str(row[4])
        yield [*row, names.get(acquisition, ""), opening]


def depreciation_rows() -> Iterator[list]:
    """The rows of depreciation.csv: each month depreciated and standing (not reversed),
    in month order, with the total its voucher charged."""
    for run in assets.runs():
        if not run.reversed:
            yield [run.month, run.total]


def close_rows() -> Iterator[list]:
    """The rows of closes.csv: each closed year, in order, with the plan it was closed
    by, as the close's audit entry keeps it."""
    for year in sorted(voucher_rules.closed_years()):
        plan = year_end.plan_of(year)
        yield [str(year), plan["reserve_percent"], _fen(plan["members"]), _fen(plan["other"]),
               plan["other_account"]]


def _fen(yuan: str) -> int:
    return money.parse_fixed(yuan or "0", money.MONEY_PLACES)


def _cancelled_in_month() -> set[int]:
    """General vouchers reversed within their own month, and those reversals: the pair
    changes nothing in any month's figures, so vouchers.csv leaves both out (as the
    records' files leave out a record reversed within its season)."""
    GeneralVoucher = models.GeneralVoucher
    original = GeneralVoucher.alias("original")
    pairs = (GeneralVoucher.select(GeneralVoucher.id, GeneralVoucher.date, original.id,
                                   original.date)
             .join(original, on=(original.id == GeneralVoucher.reverses)).tuples())
    return {general_id for reversal, day, reversed_id, reversed_day in pairs
            if (day.year, day.month) == (reversed_day.year, reversed_day.month)
            for general_id in (reversal, reversed_id)}


def _numbers_from(general_id: int, count: int = 1000) -> dict[int, str]:
    """The numbers of the general vouchers from `general_id` on, `count` of them."""
    Voucher = models.Voucher
    posted = list(Voucher.select(Voucher.id, Voucher.record_id)
                  .where((Voucher.kind == vouchers.KIND) & (Voucher.record_id >= general_id))
                  .order_by(Voucher.record_id).limit(count).tuples())
    found = vouchers.numbers(voucher_id for voucher_id, _ in posted)
    return {record_id: found[voucher_id] for voucher_id, record_id in posted}


BOOK_COLUMNS = {"accounts": (TEXT, TEXT),
                "vouchers": (TEXT, DATE, TEXT, TEXT, MONEY_BLANK0, MONEY_BLANK0),
                "assets": (TEXT, TEXT, DATE, MONEY, TEXT, MONEY, TEXT, TEXT, TEXT, MONEY_BLANK0),
                "depreciation": (TEXT, MONEY),
                "closes": (TEXT, TEXT, MONEY, MONEY_BLANK0, TEXT)}


def book_rows(kind: Kind, for_import: bool = True) -> Iterator[list]:
    if kind.name == "accounts":
        return account_rows()
    if kind.name == "vouchers":
        return voucher_rows(for_import)
    if kind.name == "assets":
        return asset_rows(for_import)
    return depreciation_rows() if kind.name == "depreciation" else close_rows()


def write_book_csv(kind: Kind, handle: IO[str]) -> int:
    """Write one file of the whole books (accounts.csv, vouchers.csv, assets.csv,
    depreciation.csv, closes.csv) to `handle`; the number of rows written."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(kind.columns)
    count = 0
    for row in book_rows(kind):
        writer.writerow([formulas.guarded(as_text(value, type_)) if type_ == TEXT
                         else as_text(value, type_)
                         for value, type_ in zip(row, BOOK_COLUMNS[kind.name])])
        count += 1
    return count


def reversals_kept(kinds=KINDS) -> int:
    """Reversals of closed seasons' records, which the CSV must keep (they changed the
    season they were posted in) but which `silk import` refuses (negative figures)."""
    from ledger.canonical import standing

    return sum(kind.model.select().where(kind.model.reverses.is_null(False)
                                         & standing(kind.model)).count()
               for kind in kinds if kind.moves_money)


def export_csv(folder: str | os.PathLike, force: bool = False) -> dict[str, int]:
    """Write `<kind>.csv` for every record kind into `folder` (made if missing); the rows
    written per kind. A folder holding anything else is refused, since `silk import
    FOLDER` would read it too; one holding an earlier export unless `force`, as any
    output file is (`ledger.io.output`)."""
    target = Path(folder)
    ours = {f"{kind.name}.csv" for kind in FILE_KINDS}
    if target.exists() and not target.is_dir():
        raise LedgerError("export_not_folder", path=str(target))
    if target.is_dir():
        strangers = sorted(p.name for p in target.iterdir() if p.name not in ours)
        if strangers:
            raise LedgerError("export_folder_not_empty", path=str(target),
                              names=", ".join(strangers[:5]))
        earlier = sorted(p.name for p in target.iterdir() if p.name in ours)
        if earlier and not force:  # refused before any file is written
            raise LedgerError("output_exists", path=str(target / earlier[0]))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LedgerError("cannot_write", path=str(target),
                          reason=error.strerror or str(error)) from None
    counts = {}
    for kind in KINDS:
        with output.writing(target / f"{kind.name}.csv", force=force) as handle:
            counts[kind.name] = write_csv(kind, handle)
    for kind in BOOK_KINDS:
        with output.writing(target / f"{kind.name}.csv", force=force) as handle:
            counts[kind.name] = write_book_csv(kind, handle)
    return counts


#: What `silk export --format` writes, and the TUI's export offers.
FORMATS = ("csv", "hledger", "beancount", "xlsx")
#: The ending of a file exported in each format (csv is a folder).
SUFFIXES = {"csv": "", "hledger": ".journal", "beancount": ".beancount", "xlsx": ".xlsx"}


def export(path: str | os.PathLike, form: str, force: bool = False) -> int:
    """The ledger exported to `path` in `form` (one of FORMATS): a folder of CSV files,
    an hledger or Beancount journal, or a workbook. How many were written: records (csv),
    vouchers (journals), or rows of every sheet (xlsx). The command line and the
    terminal UI both export through here."""
    if form not in FORMATS:
        raise ValueError(f"no export format {form!r}")
    if form == "csv":
        return sum(export_csv(path, force=force).values())
    if form == "xlsx":
        from ledger.io import export_xlsx

        with output.writing(path, binary=True, force=force) as handle:
            return sum(export_xlsx.write_xlsx(handle).values())
    from ledger import db
    from ledger.io import journal

    write = journal.write_hledger if form == "hledger" else journal.write_beancount
    with output.writing(path, force=force) as handle:
        return write(handle, db.get_meta("village"))
