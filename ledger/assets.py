"""Fixed assets (固定资产): the register, and each month's depreciation (计提折旧).

An asset is written once: its cost, its residual value, its useful life in months and the
expense account its depreciation is charged to, by where it is used (the workshop 511.04
经营支出-折旧 or production 401 生产成本, management 513 管理费用, public works 514 公益支出).
Adding one also posts its purchase (debit 151 固定资产, credit the account it was paid
from) in the same transaction, unless it was already in the opening balances; such an
asset may bring the depreciation the earlier books charged it (累计折旧期初), which the
opening balances' credit to 152 includes.

Depreciation is straight-line to the fen: each month the asset is in use it is charged
(cost − residual) / life, rounded half up, starting the month after it was acquired, but
never more than what is left of cost − residual once its opening depreciation and the
charges already posted for it are counted; the last month of its life takes exactly what
is left, so the opening depreciation and the charges add up to exactly cost − residual,
even when the earlier books kept to another schedule. `depreciate(month)` posts one
general voucher for all assets in use that month, debiting each expense account and
crediting 152 累计折旧, and records the month it covers (`models.Depreciation`) with each
asset's charge: a month is depreciated once, found by query. Reversing the voucher
(红字冲销, `vouchers.reverse`) frees the month again.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import JOIN, fn

from ledger import audit, chart, i18n, models, money, stores, voucher_rules, vouchers
from ledger.errors import LedgerError, RecordRefused
from ledger.rules import (Form, Problem, amount_any, amount_positive, read_choice, read_code,
                          read_date, read_text)
from ledger.seal import row_seal, sealed_fields

KIND = "assets"
#: Where an asset is used -> the account its depreciation is charged to by default.
USES = {"workshop": chart.DEPRECIATION_COST, "production": "401", "management": "513",
        "public": "514"}
METHOD = "straight_line"
#: The longest useful life, in months (a hundred years).
LIFE_LIMIT = 1200
#: The source of a depreciation voucher, as the journal names it.
SOURCE = "depreciation"
_MONTH = re.compile(r"\d{4}-\d{2}")


@dataclass(frozen=True)
class Asset:
    """One asset of the register, as the screens and the command line show it."""

    code: str
    name: str
    acquired: date
    cost: int  # fen
    life: int  # months
    residual: int  # fen
    use: str
    account: str  # the expense account's code
    acquisition: str | None  # the number of its purchase voucher; None: opening balances
    opening_depreciation: int = 0  # fen, charged by the books before these


@dataclass(frozen=True)
class RegisterRow:
    """An asset as of a month: its cost, what has been depreciated and what it is worth."""

    asset: Asset
    monthly: int  # the usual monthly charge, fen
    months: int  # months of its life passed by the end of the month (已提月份)
    accumulated: int  # fen: the opening depreciation and the charges posted up to the month
    net: int  # cost − accumulated, fen

    @property
    def opening(self) -> int:
        """The depreciation charged by the books before these (累计折旧期初), fen."""
        return self.asset.opening_depreciation


@dataclass(frozen=True)
class Charge:
    """One asset's depreciation for one month."""

    asset_id: int
    code: str
    name: str
    account: str
    amount: int  # fen


@dataclass(frozen=True)
class Plan:
    """A month's depreciation before it is posted: what `--dry-run` shows."""

    month: str
    day: date  # the voucher's date: the month's last day
    charges: list[Charge]
    lines: list[tuple[str, str, int, int]]  # (summary, account, debit, credit)

    @property
    def total(self) -> int:
        return sum(charge.amount for charge in self.charges)


@dataclass(frozen=True)
class Posted:
    """A month depreciated: the general voucher's id and number, and its plan."""

    general_id: int
    number: str
    plan: Plan


# -- the straight line -----------------------------------------------------------------

def monthly(cost: int, residual: int, life: int) -> int:
    """The usual monthly charge: (cost − residual) / life, half up to the fen."""
    return money.div_half_up(cost - residual, life)


def charge(cost: int, residual: int, life: int, index: int) -> int:
    """The charge for the `index`-th month of the asset's life (1 is the month after it
    was acquired): the monthly charge, never more than what is left; the last month takes
    the remainder, so the months add up to cost − residual exactly. 0 outside the life."""
    if not 1 <= index <= life:
        return 0
    total = cost - residual
    before = min(total, monthly(cost, residual, life) * (index - 1))
    if index == life:
        return total - before
    return min(monthly(cost, residual, life), total - before)


def charge_left(cost: int, residual: int, life: int, index: int, left: int) -> int:
    """The charge for the `index`-th month of the asset's life when `left` of cost −
    residual is still to be depreciated (after its opening depreciation and the charges
    posted so far): the straight line's `charge`, never more than what is left; the last
    month of its life takes all that is left. 0 outside the life."""
    if not 1 <= index <= life or left <= 0:
        return 0
    if index == life:
        return left
    return min(charge(cost, residual, life, index), left)


def months_after(acquired: date, month: str) -> int:
    """Which month of an asset's life `month` is: 1 for the month after its acquisition."""
    year, number = int(month[:4]), int(month[5:7])
    return (year * 12 + number) - (acquired.year * 12 + acquired.month)


# -- adding an asset -------------------------------------------------------------------

@stores.retried
def add(code: str, name: str, acquired: date | str, cost: Any, life: Any, residual: Any = 0,
        use: str = "workshop", account: str | None = None, paid_from: str = chart.BANK,
        opening: bool = False, opening_depreciation: Any = None) -> int:
    """Add an asset to the register; its id. Amounts are yuan as entered (`"120000"`,
    `Decimal("6000.50")`), `life` whole months. Unless `opening` (it is already in the
    opening balances), its purchase is posted in the same transaction: debit 151, credit
    `paid_from` (the bank by default). An asset in the opening balances may bring its
    `opening_depreciation`, what the earlier books depreciated of it (0 when not given;
    refused when negative, above cost − residual, or given for an asset bought now).
    `account` picks a sub-account of the use's account (513.02) instead of the use's
    own. A refused asset writes nothing."""
    values = dict(code=code, name=name, date=acquired, cost=cost, life=life,
                  residual=residual, use=use, account=account, paid_from=paid_from,
                  opening_depreciation=opening_depreciation)
    found = _read(values, opening)
    with models.database.atomic():
        acquisition = None
        if not opening:
            acquisition = vouchers.post(dict(date=found["date"], lines=[
                dict(summary=_purchase_summary(found), account=chart.FIXED_ASSETS,
                     debit=money.yuan(found["cost"])),
                dict(summary=_purchase_summary(found), account=found["paid_from"],
                     credit=money.yuan(found["cost"]))]))
        return _store(found, acquisition, None if opening else found["paid_from"])


def restore(values: dict, where: str = "", acquisition: int | None = None) -> int:
    """Add an asset read from assets.csv (`code`, `name`, `date`, `cost`, `life`,
    `residual`, `use`, `account`, `opening_depreciation`): its id. It posts no purchase:
    the purchase, if any, is general voucher `acquisition`, already posted from
    vouchers.csv by the same import; without one the asset was in the opening balances.
    Refused as `add` refuses, each problem at `where` (FILE:LINE)."""
    found = _read(dict(values, paid_from=None), opening=acquisition is None, where=where,
                  posts_purchase=False)
    with models.database.atomic():
        return _store(found, acquisition, None)


def _store(found: dict, acquisition: int | None, paid_from: str | None) -> int:
    """Write the asset read by `_read`, and its audit entry; its id."""
    FixedAsset = models.FixedAsset
    asset_id = _insert(FixedAsset, dict(
        code=found["code"], name=found["name"], acquired=found["date"],
        cost=found["cost"], life=found["life"], residual=found["residual"],
        method=METHOD, use=found["use"], account=found["account"].id,
        acquisition=acquisition, opening_depreciation=found["opening_depreciation"]))
    after = {"name": found["name"], "acquired": found["date"].isoformat(),
             "cost": money.yuan(found["cost"]), "life": found["life"],
             "residual": money.yuan(found["residual"]), "use": found["use"],
             "account": found["account"].code, "paid_from": paid_from}
    if found["opening_depreciation"]:
        after["opening_depreciation"] = money.yuan(found["opening_depreciation"])
    audit.log("asset", kind=KIND, ids=(asset_id, asset_id), target=found["code"], after=after)
    return asset_id


def _read(values: dict, opening: bool, where: str = "", posts_purchase: bool = True) -> dict:
    """The asset's exact values, or RecordRefused naming every field that is wrong.
    `opening`: the asset was in the opening balances (no purchase in these books);
    `posts_purchase`: its purchase is to be posted from `paid_from` unless `opening`."""
    form = Form(KIND, values, None, where)
    FixedAsset = models.FixedAsset
    found = dict(
        code=form.new_code("code", lambda code: FixedAsset.get_or_none(FixedAsset.code == code)),
        name=form.get("name", read_text(200)),
        date=form.get("date", read_date),
        cost=form.get("cost", amount_positive),
        life=form.get("life", _life),
        residual=form.get("residual", amount_any, 0, required=False),
        use=form.get("use", read_choice(tuple(USES))))
    if found["cost"] is not None and found["residual"] is not None \
            and found["residual"] >= found["cost"]:
        form.fail("residual", "asset_residual_too_large", residual=money.yuan(found["residual"]),
                  cost=money.yuan(found["cost"]))
    found["opening_depreciation"] = _opening_depreciation(form, found, opening)
    if found["date"] is not None and found["date"].year in voucher_rules.closed_years():
        form.fail("date", "year_closed", year=found["date"].year)
    found["account"] = _expense_account(form, found["use"])
    found["paid_from"] = None if opening or not posts_purchase else _paid_from(form)
    if found["date"] is not None and found["life"] is not None and not form.errors:
        done = _depreciated_within(found["date"], found["life"])
        if done is not None:
            form.fail("date", "asset_month_depreciated", month=done[0], voucher=done[1])
    if form.errors:
        raise RecordRefused(form.errors)
    return found


def _opening_depreciation(form: Form, found: dict, opening: bool) -> int | None:
    """What the earlier books depreciated of an asset in the opening balances: 0 when not
    given; never negative, never more than cost − residual, and none for an asset whose
    purchase is in these books."""
    amount = form.get("opening_depreciation", amount_any, 0, required=False)
    if not amount:
        return amount
    if not opening:
        form.fail("opening_depreciation", "asset_opening_depreciation_not_opening")
        return None
    cost, residual = found["cost"], found["residual"]
    if cost is not None and residual is not None and residual < cost \
            and amount > cost - residual:
        form.fail("opening_depreciation", "asset_opening_depreciation_too_large",
                  amount=money.yuan(amount), cost=money.yuan(cost),
                  residual=money.yuan(residual), limit=money.yuan(cost - residual))
        return None
    return amount


def _life(value) -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        raise Problem("asset_bad_life", value=text[:20])
    if not 1 <= int(text) <= LIFE_LIMIT:
        raise Problem("asset_life_range", limit=LIFE_LIMIT)
    return int(text)


def _expense_account(form: Form, use: str | None) -> voucher_rules.AccountRef | None:
    """The account the depreciation is charged to: the use's own, or a leaf sub-account of
    it the accountant named."""
    if use is None:
        return None
    expected = USES[use]
    ref = _leaf_account(form, "account", form.values.get("account") or expected)
    if ref is not None and ref.code != expected \
            and chart.parent_of(ref.code) not in (expected, chart.parent_of(expected)):
        form.fail("account", "asset_account_not_of_use", code=ref.code, use=use,
                  expected=expected)
        return None
    return ref


def _paid_from(form: Form) -> str | None:
    """The account the purchase was paid from (or owed on): any leaf account but the
    fixed assets' own and the year-end close's."""
    ref = _leaf_account(form, "paid_from", form.values.get("paid_from") or chart.BANK)
    if ref is None:
        return None
    if ref.code in (chart.FIXED_ASSETS, chart.ACCUMULATED_DEPRECIATION):
        form.fail("paid_from", "asset_paid_from_itself", code=ref.code)
    elif ref.code in chart.YEAR_END_ONLY or chart.parent_of(ref.code) in chart.YEAR_END_ONLY:
        form.fail("paid_from", "account_year_end_only", code=ref.code)
    else:
        return ref.code
    return None


def _leaf_account(form: Form, field: str, given) -> voucher_rules.AccountRef | None:
    """The account of code `given`, which must exist and take postings (have no
    sub-accounts); else the form's `field` is failed and None returned."""
    try:
        code = read_code(given)
    except Problem as problem:
        form.fail(field, problem.reason, **problem.params)
        return None
    ref = voucher_rules.account(code)
    if ref is None:
        form.fail(field, "unknown_account", code=code)
    elif ref.has_children:
        form.fail(field, "account_has_children", code=code)
    else:
        return ref
    return None


def _purchase_summary(found: dict) -> str:
    return i18n.t("asset_purchase_summary", chart.BOOKS_LANGUAGE, code=found["code"],
                  name=found["name"])[:200]


def _depreciated_within(acquired: date, life: int) -> tuple[str, str] | None:
    """(month, voucher number) of a month already depreciated that falls within a new
    asset's life: it would have missed its charge for that month."""
    first = _month_of(acquired.year * 12 + acquired.month)  # the month after acquisition
    last = _month_of(acquired.year * 12 + acquired.month + life - 1)
    Depreciation = models.Depreciation
    run = (_standing().where((Depreciation.month >= first) & (Depreciation.month <= last))
           .order_by(Depreciation.month).first())
    return None if run is None else (run.month, _number(run.voucher_id))


def _month_of(index: int) -> str:
    """The month `index` months after year 0's first (index 0 is 0000-01)."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# -- a month's depreciation ------------------------------------------------------------

def plan(month: str) -> Plan:
    """What depreciating `month` (`2026-05`) would post, or a LedgerError saying why it
    may not: a month already depreciated (naming its voucher), in a closed year, before
    the first asset, or with nothing to depreciate."""
    month = read_month(month)
    year = int(month[:4])
    if year in voucher_rules.closed_years():
        raise LedgerError("year_closed", year=year)
    done = _standing().where(models.Depreciation.month == month).first()
    if done is not None:
        raise LedgerError("depreciation_done", month=month, voucher=_number(done.voucher_id))
    FixedAsset, Account = models.FixedAsset, models.Account
    assets = list(FixedAsset.select(FixedAsset, Account.code.alias("account_code"))
                  .join(Account).order_by(FixedAsset.code).objects())
    if not assets:
        raise LedgerError("depreciation_no_assets")
    first = min(assets, key=lambda asset: (asset.acquired, asset.code))
    if month < first.acquired.isoformat()[:7]:
        raise LedgerError("depreciation_before_assets", month=month, code=first.code,
                          date=first.acquired.isoformat())
    charged = _charged()
    charges = []
    for asset in assets:
        left = (asset.cost - asset.residual - asset.opening_depreciation
                - charged.get(asset.id, (0, 0))[0])
        amount = charge_left(asset.cost, asset.residual, asset.life,
                             months_after(asset.acquired, month), left)
        if amount:
            charges.append(Charge(asset.id, asset.code, asset.name, asset.account_code, amount))
    if not charges:
        raise LedgerError("depreciation_nothing", month=month)
    day = date(year, int(month[5:]), calendar.monthrange(year, int(month[5:]))[1])
    return Plan(month, day, charges, _lines(month, charges))


def _lines(month: str, charges: list[Charge]) -> list[tuple[str, str, int, int]]:
    """One debit per expense account, its summary naming the assets; one credit to 152;
    the summaries in the books' language."""
    zh = chart.BOOKS_LANGUAGE
    by_account: dict[str, list[Charge]] = {}
    for found in charges:
        by_account.setdefault(found.account, []).append(found)
    lines = []
    for code in sorted(by_account):
        named = i18n.t("asset_separator", zh).join(f"{c.code} {c.name}" for c in by_account[code])
        summary = i18n.t("depreciation_summary_assets", zh, month=month, assets=named)
        lines.append((_clipped(summary), code, sum(c.amount for c in by_account[code]), 0))
    total = sum(found.amount for found in charges)
    lines.append((i18n.t("depreciation_summary", zh, month=month), chart.ACCUMULATED_DEPRECIATION,
                  0, total))
    return lines


def _clipped(summary: str, limit: int = 200) -> str:
    return summary if len(summary) <= limit else summary[:limit - 1] + "…"


@stores.retried
def depreciate(month: str) -> Posted:
    """Post `month`'s depreciation: one general voucher, dated the month's last day, and
    the month and each asset's charge recorded with it, in one transaction."""
    with models.database.atomic():
        found = plan(month)
        general_id = vouchers.post(dict(date=found.day, lines=[
            dict(summary=summary, account=code, debit=money.yuan(debit) if debit else "",
                 credit=money.yuan(credit) if credit else "")
            for summary, code, debit, credit in found.lines]), source=SOURCE)
        run_id = _insert(models.Depreciation, dict(month=found.month, voucher=general_id))
        for one in found.charges:
            _insert(models.DepreciationLine, dict(run=run_id, asset=one.asset_id,
                                                  amount=one.amount))
        number = _number(general_id)
        audit.log("depreciate", kind="depreciation", ids=(run_id, run_id), target=found.month,
                  after={"voucher": number, "total": money.yuan(found.total),
                         "assets": len(found.charges)})
    return Posted(general_id, number, found)


def read_month(text: str) -> str:
    """A month as `YYYY-MM`, or a LedgerError."""
    month = str(text).strip()
    if not _MONTH.fullmatch(month) or not 1 <= int(month[5:]) <= 12 or month[:4] == "0000":
        raise LedgerError("bad_month", value=month[:20])
    return month


def standing_vouchers() -> list[int]:
    """The general vouchers of the months depreciated and not reversed."""
    return list(_standing().select(models.Depreciation.voucher).scalars())


def _standing():
    """The depreciation runs whose voucher has not been reversed."""
    Depreciation, GeneralVoucher = models.Depreciation, models.GeneralVoucher
    reversed_ids = (GeneralVoucher.select(GeneralVoucher.reverses)
                    .where(GeneralVoucher.reverses.is_null(False)))
    return Depreciation.select().where(Depreciation.voucher.not_in(reversed_ids))


def _number(general_id: int) -> str:
    """The number (记-2026-05-0003) of a general voucher's journal voucher."""
    Voucher = models.Voucher
    voucher_id = (Voucher.select(Voucher.id)
                  .where((Voucher.kind == voucher_rules.KIND) & (Voucher.record_id == general_id))
                  .scalar())
    return vouchers.number(voucher_id)


# -- the register ----------------------------------------------------------------------

def assets() -> list[Asset]:
    """Every asset in the register, by code."""
    FixedAsset, Account = models.FixedAsset, models.Account
    rows = list(FixedAsset.select(FixedAsset.code, FixedAsset.name, FixedAsset.acquired,
                                  FixedAsset.cost, FixedAsset.life, FixedAsset.residual,
                                  FixedAsset.use, Account.code, FixedAsset.acquisition,
                                  FixedAsset.opening_depreciation)
                .join(Account).order_by(FixedAsset.code).tuples())
    numbers = {row[8]: _number(row[8]) for row in rows if row[8]}
    return [Asset(*row[:8], numbers.get(row[8]), row[9]) for row in rows]


def register(month: str | None = None) -> list[RegisterRow]:
    """Each asset as of the end of `month` (all that is posted, when None): its cost,
    its accumulated depreciation (the opening depreciation and the charges posted for it
    up to then, reversed months not counted), the months of its life passed by then and
    its net value. With no month, the months are counted to the last month depreciated
    (none depreciated: 0). An asset acquired after `month` is left out."""
    if month is not None:
        month = read_month(month)
    sums = _charged(month)
    as_of = month
    if as_of is None:
        Depreciation = models.Depreciation
        as_of = _standing().select(fn.MAX(Depreciation.month)).scalar()
    FixedAsset = models.FixedAsset
    ids = dict(FixedAsset.select(FixedAsset.code, FixedAsset.id).tuples())
    rows = []
    for asset in assets():
        if month is not None and asset.acquired.isoformat()[:7] > month:
            continue
        charged, _ = sums.get(ids[asset.code], (0, 0))
        accumulated = asset.opening_depreciation + charged
        months = (0 if as_of is None
                  else min(asset.life, max(0, months_after(asset.acquired, as_of))))
        rows.append(RegisterRow(asset, monthly(asset.cost, asset.residual, asset.life), months,
                                accumulated, asset.cost - accumulated))
    return rows


def _charged(month: str | None = None) -> dict[int, tuple[int, int]]:
    """Asset id -> (fen charged, months charged) by the depreciation runs standing (not
    reversed), those of months up to `month` when given."""
    Depreciation, Line = models.Depreciation, models.DepreciationLine
    standing = _standing()
    if month is not None:
        standing = standing.where(Depreciation.month <= month)
    return {asset_id: (total, count) for asset_id, total, count in (
        Line.select(Line.asset, fn.SUM(Line.amount), fn.COUNT(Line.id))
        .where(Line.run.in_(standing.select(Depreciation.id)))
        .group_by(Line.asset).tuples())}


@dataclass(frozen=True)
class Run:
    """A month's depreciation as posted: its voucher, total, and whether it was reversed."""

    month: str
    number: str
    total: int  # fen
    reversed: bool


def runs() -> list[Run]:
    """Every depreciation run, by month, reversed ones included."""
    Depreciation, Line, GeneralVoucher = (models.Depreciation, models.DepreciationLine,
                                          models.GeneralVoucher)
    Reversal = GeneralVoucher.alias()
    query = (Depreciation.select(Depreciation.month, Depreciation.voucher,
                                 fn.SUM(Line.amount), fn.MAX(Reversal.id))
             .join(Line, on=(Line.run == Depreciation.id))
             .join(Reversal, JOIN.LEFT_OUTER, on=(Reversal.reverses == Depreciation.voucher))
             .group_by(Depreciation.id).order_by(Depreciation.month, Depreciation.id).tuples())
    return [Run(month, _number(general_id), total, reversal is not None)
            for month, general_id, total, reversal in query]


def _insert(model: type, values: dict) -> int:
    """Insert one sealed row with the next id; its id."""
    row_id = stores.current().next_id(model, {})
    row = {"id": row_id, **values}
    stored = [_stored(row.get(field.name, field.default)) for field in sealed_fields(model)]
    model.insert(**row, seal=row_seal(model, stored)).execute()
    return row_id


def _stored(value: Any) -> Any:
    """A value as the database stores it (an ISO date's text), which the seal covers."""
    return value.isoformat() if isinstance(value, date) else value
