"""The kinds of things the ledger records, in the order they depend on each other.

One table names each kind, its model and its canonical CSV columns (docs/formats.md), so the
importer, the exporters, the command line and the UI all agree on them. `optional` are
the columns docs/formats.md lets be empty; a file may also leave them out.
"""
from __future__ import annotations

from dataclasses import dataclass

from ledger import models


@dataclass(frozen=True)
class Kind:
    name: str            # also the CSV file stem: leaf.csv
    model: type
    columns: tuple[str, ...]
    optional: frozenset[str] = frozenset()

    @property
    def moves_money(self) -> bool:
        return issubclass(self.model, models.Record)


KINDS: tuple[Kind, ...] = (
    Kind("households", models.Party, ("code", "name", "group", "phone", "shares"),
         frozenset({"phone", "shares"})),
    Kind("partners", models.Party, ("code", "name", "phone", "note"),
         frozenset({"phone", "note"})),
    Kind("seasons", models.Season, ("code", "name", "start", "end")),
    Kind("batches", models.Batch,
         ("code", "season", "owner", "sheets", "breed", "hatch", "mount", "harvest"),
         frozenset({"breed", "mount", "harvest"})),
    Kind("leaf", models.LeafDelivery, ("date", "batch", "supplier", "kg", "price")),
    Kind("sales", models.CocoonSale,
         ("date", "batch", "buyer", "grade", "kg", "price", "deduction"),
         frozenset({"grade", "deduction"})),
    Kind("inputs", models.Input,
         ("date", "batch", "supplier", "item", "quantity", "unit", "amount")),
    Kind("wages", models.Wage,
         ("date", "season", "payer", "household", "worker", "task", "quantity", "unit", "rate")),
    Kind("charges", models.Charge, ("date", "season", "household", "item", "amount")),
    Kind("subsidies", models.Subsidy, ("date", "season", "recipient", "source", "amount")),
    Kind("payments", models.Payment,
         ("date", "season", "household", "direction", "amount", "method", "memo"),
         frozenset({"memo"})),
)

#: The files of the collective's whole books: sub-accounts the accountant adds, general
#: vouchers (one row a line; consecutive rows with one `voucher` value are one voucher),
#: the fixed-asset register, the months depreciated and the years closed. They come after
#: the records' files, each after what it uses: accounts, vouchers (an asset's purchase),
#: assets, their depreciation, and last the year-end closes, which need all the rest.
BOOK_KINDS: tuple[Kind, ...] = (
    Kind("accounts", models.Account, ("code", "name")),
    Kind("vouchers", models.GeneralVoucher,
         ("voucher", "date", "summary", "account", "debit", "credit"),
         frozenset({"summary", "debit", "credit"})),
    Kind("assets", models.FixedAsset,
         ("code", "name", "date", "cost", "life", "residual", "use", "account", "voucher",
          "opening_depreciation"),
         frozenset({"residual", "account", "voucher", "opening_depreciation"})),
    Kind("depreciation", models.Depreciation, ("month", "total"), frozenset({"total"})),
    Kind("closes", models.GeneralVoucher,
         ("year", "reserve_percent", "members", "other", "other_account"),
         frozenset({"other", "other_account"})),
)
#: The kinds made again on import by the program's own steps (`assets`, `year_end`) once
#: every other file is written, rather than staged row by row.
REPLAYED = frozenset({"assets", "depreciation", "closes"})
#: Every kind of file `silk import` reads and `silk export` writes, in dependency order.
FILE_KINDS = (*KINDS, *BOOK_KINDS)
FILE_BY_NAME = {kind.name: kind for kind in FILE_KINDS}

#: What names a record of each kind in a book's 摘要 after the kind's name: the column of
#: its batch or party, and the column of its detail (or None). Kept with its voucher when
#: it is posted (`models.VoucherNumber`); `check` makes them afresh from the records.
DESCRIBED = {"leaf": ("batch", None), "sales": ("batch", None), "inputs": ("batch", "item"),
             "wages": ("household", "task"), "charges": ("household", "item"),
             "subsidies": ("recipient", "source"), "payments": ("household", None)}

BY_NAME = {kind.name: kind for kind in KINDS}
RECORD_KINDS = tuple(kind for kind in KINDS if kind.moves_money)
BY_MODEL = {kind.model: kind for kind in RECORD_KINDS}


def get(name: str) -> Kind:
    return BY_NAME[name]
