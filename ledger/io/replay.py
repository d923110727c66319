"""The files an import does not stage row by row but makes again with the program's own
steps, once everything else is written: assets.csv (the register), depreciation.csv (the
months depreciated) and closes.csv (the years closed).

An asset is added as `ledger.assets.restore` adds one, posting no purchase: its purchase
voucher came with vouchers.csv, and the asset's `voucher` names it by its value there.
Each month of depreciation.csv is depreciated again by `ledger.assets.depreciate`, in
month order, which posts the same voucher the month had (the register is the same, and
an asset is never added over a month depreciated within its life); a `total` given must
be what it posts. Each year of closes.csv is closed again by `ledger.year_end.close_year`
with the plan it was closed by, in year order, after the seasons ending in it are
closed (the season files do not say which were): the same vouchers, the same dividends,
the year locked. The close's `check` runs on the import's own connection, inside its
transaction, so it sees the rows the import has written and not yet committed.

Every problem is a FieldError at the row's FILE:LINE; the import is then rolled back.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Mapping

from ledger import assets, closing, models, money, rules, vouchers, year_end
from ledger.chart import FIXED_ASSETS, parent_of
from ledger.errors import FieldError, LedgerError, RecordRefused

#: The order the replayed files are made again in.
ORDER = ("assets", "depreciation", "closes")

#: The column of closes.csv a refusal of the close is about, by its message key.
_CLOSE_COLUMNS = {"year_end_bad_percent": "reserve_percent",
                  "year_end_other_needs_account": "other_account",
                  "year_end_other_account_bad": "other_account",
                  "year_end_too_much": "members",
                  "year_end_no_shareholders": "members",
                  "year_end_negative_shares": "members"}

Row = tuple[str, Mapping[str, Any]]


def replay(rows: dict[str, list[Row]], purchases: dict[str, list[int]]) -> Counter:
    """Make the replayed files' rows again, kind by kind in `ORDER`; how many of each
    were made. `purchases`: the general vouchers of vouchers.csv by their `voucher`
    value. Raises RecordRefused with every problem of the first kind that has any (what
    comes after it would only repeat them)."""
    made: Counter = Counter()
    for kind in ORDER:
        found = rows.get(kind, [])
        if kind == "depreciation":
            found = sorted(found, key=lambda row: str(row[1].get("month", "")))
        elif kind == "closes":
            found = sorted(found, key=lambda row: str(row[1].get("year", "")))
        errors: list[FieldError] = []
        for where, values in found:
            problems = _STEPS[kind](where, values, purchases)
            errors += problems
            if not problems:
                made[kind] += 1
        if errors:
            raise RecordRefused(errors)
    return made


def _asset(where: str, values: Mapping[str, Any], purchases: dict[str, list[int]]) -> list:
    key = str(values.get("voucher") or "").strip()
    acquisition = None
    if key:
        found = purchases.get(key, [])
        if len(found) != 1:
            return [FieldError("assets", "voucher", "import_asset_voucher_unknown"
                               if not found else "import_asset_voucher_ambiguous",
                               {"voucher": key[:40]}, where)]
        acquisition = found[0]
    try:
        with models.database.atomic():
            if acquisition is not None:
                _bought_by(acquisition, values, key, where)
            assets.restore(dict(values), where, acquisition)
    except RecordRefused as refused:
        return refused.errors
    return []


def _bought_by(general_id: int, values: Mapping[str, Any], key: str, where: str) -> None:
    """The purchase voucher debits the fixed assets (151) with the asset's cost."""
    try:
        cost = rules.amount_positive(values.get("cost"))
    except rules.Problem:
        return  # the cost's own problem is reported by the asset's rules
    if not any((code == FIXED_ASSETS or parent_of(code) == FIXED_ASSETS) and debit == cost
               for _, code, debit, _ in vouchers.lines_of(general_id)):
        raise RecordRefused([FieldError("assets", "voucher", "import_asset_voucher_not_purchase",
                                        {"voucher": key[:40], "cost": money.yuan(cost)}, where)])


def _month(where: str, values: Mapping[str, Any], purchases) -> list:
    month = str(values.get("month") or "").strip()
    total = str(values.get("total") or "").strip()
    expected = None
    if total:
        try:
            expected = rules.amount_positive(total)
        except rules.Problem as problem:
            return [FieldError("depreciation", "total", problem.reason, problem.params, where)]
    try:
        with models.database.atomic():
            posted = assets.depreciate(month)
            if expected is not None and posted.plan.total != expected:
                raise RecordRefused([FieldError(
                    "depreciation", "total", "import_depreciation_total",
                    {"month": posted.plan.month, "total": money.yuan(expected),
                     "posted": money.yuan(posted.plan.total)}, where)])
    except RecordRefused as refused:
        return refused.errors
    except LedgerError as error:
        return [FieldError("depreciation", "month", error.key, error.params, where)]
    return []


def _close(where: str, values: Mapping[str, Any], purchases) -> list:
    text = str(values.get("year") or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and text != "0000"):
        return [FieldError("closes", "year", "import_close_bad_year", {"value": text[:20]},
                           where)]
    year = int(text)
    try:
        with models.database.atomic():
            _close_seasons(year)
            year_end.close_year(year, values.get("reserve_percent") or "",
                                values.get("members") or "0", values.get("other") or "0",
                                str(values.get("other_account") or "").strip() or None,
                                backup=False)
    except year_end.YearCheckFailed as failed:
        return [FieldError("closes", "year", "import_close_check_failed",
                           {"year": year, "finding": finding.message()}, where)
                for finding in failed.findings[:5]]
    except LedgerError as error:
        return [FieldError("closes", _CLOSE_COLUMNS.get(error.key, "year"), error.key,
                           error.params, where)]
    return []


def _close_seasons(year: int) -> None:
    """Close, in order, every open season that ends by the year's end: the close needs
    the year's seasons closed, and seasons close in order."""
    Season = models.Season
    for season in (Season.select().where((Season.end <= date(year, 12, 31))
                                         & Season.closed.is_null()).order_by(Season.start)):
        closing.lock(season)


_STEPS = {"assets": _asset, "depreciation": _month, "closes": _close}
