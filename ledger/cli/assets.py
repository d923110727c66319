"""Fixed assets on the command line: `silk asset add`, `silk asset list` and
`silk depreciate MONTH` (the month's depreciation voucher, or with `--dry-run` its lines).
The rules and the arithmetic are `ledger.assets`'; this module reads the arguments and
shows the outcome."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import open_ledger, read_ledger
from ledger.cli.output import say
from ledger.cli.parser import Commands, help_text


#: Display cells an asset's name and a voucher line's summary may take, so that the
#: register and the voucher's lines stay within 80 columns (the full text is in the
#: ledger and in the JSON).
NAME_CELLS = 12
SUMMARY_CELLS = 36


def add_commands(commands: Commands) -> None:
    asset = commands.add("asset", "asset")
    subcommands = commands.group(asset, "asset_commands")

    add = subcommands.add("add", "asset_add")
    add.add_argument("code", metavar="CODE", help=help_text("asset_code"))
    add.add_argument("name", metavar="NAME", help=help_text("asset_name"))
    add.add_argument("--date", metavar="DATE", required=True, help=help_text("asset_date"))
    add.add_argument("--cost", metavar="YUAN", required=True, help=help_text("asset_cost"))
    add.add_argument("--life", metavar="MONTHS", required=True, help=help_text("asset_life"))
    add.add_argument("--residual", metavar="YUAN", default="0", help=help_text("asset_residual"))
    add.add_argument("--use", choices=("workshop", "production", "management", "public"),
                     required=True, help=help_text("asset_use"))
    add.add_argument("--account", metavar="CODE", help=help_text("asset_account"))
    source = add.add_mutually_exclusive_group()
    source.add_argument("--paid-from", metavar="ACCOUNT", default="102",
                        help=help_text("asset_paid_from"))
    source.add_argument("--opening", action="store_true", help=help_text("asset_opening"))
    add.add_argument("--opening-depreciation", metavar="YUAN",
                     help=help_text("asset_opening_depreciation"))
    add.set_defaults(run=add_asset)

    listing = subcommands.add("list", "asset_list")
    listing.add_argument("--month", metavar="YYYY-MM", help=help_text("asset_month"))
    listing.add_argument("--format", choices=("text", "json"), default="text",
                         help=help_text("format"))
    listing.set_defaults(run=list_assets)

    depreciate = commands.add("depreciate", "depreciate")
    depreciate.add_argument("month", metavar="YYYY-MM", help=help_text("depreciate_month"))
    depreciate.add_argument("--dry-run", action="store_true",
                            help=help_text("depreciate_dry_run"))
    depreciate.set_defaults(run=depreciate_month)


def add_asset(args) -> int:
    from ledger import assets, money

    open_ledger(args)
    asset_id = assets.add(args.code, args.name, args.date, args.cost, args.life,
                          residual=args.residual, use=args.use, account=args.account,
                          paid_from=args.paid_from, opening=args.opening,
                          opening_depreciation=args.opening_depreciation)
    added = next(row for row in assets.assets() if row.code == _code_of(asset_id))
    say(i18n.t("asset_added", code=added.code, name=added.name, cost=money.yuan(added.cost),
               life=added.life, account=added.account,
               monthly=money.yuan(assets.monthly(added.cost, added.residual, added.life))))
    if added.acquisition:
        say(i18n.t("asset_added_voucher", voucher=added.acquisition,
                   account=args.paid_from.strip().upper()))
    elif added.opening_depreciation:
        say(i18n.t("asset_added_opening_depreciation",
                   amount=money.yuan(added.opening_depreciation)))
    else:
        say(i18n.t("asset_added_opening"))
    return 0


def _code_of(asset_id: int) -> str:
    from ledger import models

    return models.FixedAsset.get_by_id(asset_id).code


def list_assets(args) -> int:
    import json

    from ledger import assets, money
    from ledger.reports import table

    read_ledger(args)
    rows = assets.register(args.month)
    month = assets.read_month(args.month) if args.month else None
    if args.format == "json":
        say(json.dumps(register_json(rows, month), ensure_ascii=False, indent=1))
        return 0
    if not rows:
        say(i18n.t("asset_list_empty"))
        return 0
    say(i18n.t("asset_list_title", month=month) if month else i18n.t("asset_list_title_all"))
    say()
    headers = [i18n.t(f"col.{name}") for name in
               ("code", "asset_name", "acquired", "asset_cost", "monthly", "accumulated", "net")]
    lines = [[row.asset.code, _clip(row.asset.name, NAME_CELLS),
              row.asset.acquired.isoformat()[:7],
              money.yuan(row.asset.cost), money.yuan(row.monthly),
              money.yuan(row.accumulated), money.yuan(row.net)] for row in rows]
    lines.append([i18n.t("col.total"), "", "", money.yuan(sum(r.asset.cost for r in rows)), "",
                  money.yuan(sum(r.accumulated for r in rows)),
                  money.yuan(sum(r.net for r in rows))])
    say(table.text(headers, lines, numeric_from=3))
    opening = sum(row.opening for row in rows)
    if opening:
        say(i18n.t("asset_list_opening_note", amount=money.yuan(opening)))
    return 0


def register_json(rows, month: str | None) -> dict:
    """The register as `asset list --format json` prints it (docs/formats.md)."""
    from ledger import money

    def asset(row) -> dict:
        return {"code": row.asset.code, "name": row.asset.name,
                "acquired": row.asset.acquired.isoformat(), "use": row.asset.use,
                "account": row.asset.account, "cost": money.yuan(row.asset.cost),
                "life": row.asset.life, "residual": money.yuan(row.asset.residual),
                "monthly": money.yuan(row.monthly), "months": row.months,
                "opening_depreciation": money.yuan(row.opening),
                "accumulated": money.yuan(row.accumulated), "net": money.yuan(row.net),
                "voucher": row.asset.acquisition or ""}

    return {"month": month or "", "assets": [asset(row) for row in rows],
            "totals": {"cost": money.yuan(sum(row.asset.cost for row in rows)),
                       "accumulated": money.yuan(sum(row.accumulated for row in rows)),
                       "net": money.yuan(sum(row.net for row in rows))}}


def depreciate_month(args) -> int:
    from ledger import assets, money
    from ledger.reports import table

    if args.dry_run:
        read_ledger(args)
        plan = assets.plan(args.month)
        say(i18n.t("depreciation_dry_run", month=plan.month, date=plan.day.isoformat()))
    else:
        open_ledger(args)
        posted = assets.depreciate(args.month)
        plan = posted.plan
        say(i18n.t("depreciation_posted", month=plan.month, voucher=posted.number,
                   total=money.yuan(plan.total), count=len(plan.charges)))
    say()
    headers = [i18n.t(f"col.{name}") for name in ("account", "voucher_summary", "line_debit",
                                                  "line_credit")]
    say(table.text(headers, [[code, _clip(summary, SUMMARY_CELLS),
                              money.yuan(debit) if debit else "",
                              money.yuan(credit) if credit else ""]
                             for summary, code, debit, credit in plan.lines], numeric_from=2))
    return 0


def _clip(text: str, cells: int) -> str:
    """`text` cut to at most `cells` display cells, an ellipsis marking the cut."""
    from ledger.width import width_of

    if width_of(text) <= cells:
        return text
    kept = ""
    for character in text:
        if width_of(kept + character) > cells - 1:
            break
        kept += character
    return kept + "…"
