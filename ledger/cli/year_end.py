"""The year-end close (`close-year`, with its `--dry-run`) and reopening a year
(`reopen-year`)."""
from __future__ import annotations

import argparse

from ledger import i18n
from ledger.cli.opening import open_ledger, read_ledger
from ledger.cli.output import say, tell
from ledger.cli.parser import Commands, help_text

#: The years a ledger can hold.
FIRST_YEAR, LAST_YEAR = 1900, 9999


def add_commands(commands: Commands) -> None:
    close = commands.add("close-year", "close_year")
    close.add_argument("year", metavar="YEAR", type=year, help=help_text("year"))
    close.add_argument("--reserve", required=True, metavar="PERCENT", help=help_text("reserve"))
    close.add_argument("--members", required=True, metavar="AMOUNT", help=help_text("members"))
    close.add_argument("--other", default="0", metavar="AMOUNT", help=help_text("other"))
    close.add_argument("--other-account", metavar="CODE", help=help_text("other_account"))
    close.add_argument("--dry-run", action="store_true", help=help_text("dry_run"))
    close.set_defaults(run=close_year)

    reopen = commands.add("reopen-year", "reopen_year")
    reopen.add_argument("year", metavar="YEAR", type=year, help=help_text("year"))
    reopen.add_argument("--reason", required=True, metavar="TEXT", help=help_text("reason"))
    reopen.set_defaults(run=reopen_year)


def year(text: str) -> int:
    """A calendar year, four digits."""
    value = text.strip()
    if not (value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR):
        raise argparse.ArgumentTypeError(i18n.t("year_end_bad_year", value=text[:20]))
    return int(value)


def close_year(args) -> int:
    from ledger import closing, year_end
    from ledger.cli.safekeeping import check_steps
    from ledger.meter import Meter

    inputs = (args.year, args.reserve, args.members, args.other, args.other_account)
    if args.dry_run:
        read_ledger(args)
        plan = year_end.plan(*inputs)
        show_plan(plan)
        say(i18n.t("year_end_dry_run"))
        if plan.problems:
            raise plan.problems[0]
        return 0
    open_ledger(args)
    try:
        with Meter("check_progress") as meter:
            plan = year_end.close_year(*inputs, progress=check_steps(meter))
    except closing.CheckFailed as failed:
        for finding in failed.findings:
            tell(finding.message())
        raise
    show_plan(plan)
    say(i18n.t("year_end_closed", year=plan.year, count=len(plan.vouchers)))
    return 0


def reopen_year(args) -> int:
    from ledger import year_end

    open_ledger(args)
    reversals = year_end.reopen_year(args.year, args.reason)
    say(i18n.t("year_end_reopened", year=args.year, count=len(reversals)))
    return 0


def show_plan(plan) -> None:
    """The plan's figures, every household's dividend and the vouchers it posts."""
    from ledger import money
    from ledger.reports import table

    t = i18n.t
    say(t("year_end_plan_title", year=plan.year))
    figures = [
        (t("year_end_net_income"), plan.net_income),
        (t("year_end_opening"), plan.opening_undistributed),
        (t("year_end_transfers_in"), plan.transfers_in),
        (t("year_end_distributable"), plan.distributable),
        (t("year_end_reserve", percent=plan.percent_text), plan.reserve),
        (t("year_end_members_line"), plan.members),
        (t("year_end_other_line", account=plan.other_account or "-"), plan.other),
        (t("year_end_closing_undistributed"), plan.closing_undistributed),
    ]
    say(table.text([t("col.item"), t("col.amount")],
                   [[label, money.yuan(fen)] for label, fen in figures], numeric_from=1))
    say()
    say(t("year_end_dividends"))
    if plan.dividends:
        say(table.text([t("col.code"), t("col.name"), t("col.shares"), t("col.dividend")],
                       [[dividend.code, dividend.name, money.fixed_str(dividend.shares, 3),
                         money.yuan(dividend.amount)] for dividend in plan.dividends],
                       numeric_from=2))
    else:
        say(t("year_end_no_dividends"))
    for voucher in plan.vouchers:
        say()
        say(voucher.summary)
        say(table.text([t("col.memo"), t("col.account"), t("field.debit"), t("field.credit")],
                       [[summary, code, money.yuan(debit) if debit else "",
                         money.yuan(credit) if credit else ""]
                        for summary, code, debit, credit in _shown_lines(voucher)],
                       numeric_from=2))


def _shown_lines(voucher) -> list[tuple[str, str, int, int]]:
    """A voucher's lines with the dividends (listed above) as one line on 113."""
    from ledger import chart

    lines, dividends = [], 0
    for summary, code, debit, credit in voucher.lines:
        if chart.parent_of(code) == chart.INTERNAL:
            dividends += credit - debit
        else:
            lines.append((summary, code, debit, credit))
    if dividends:
        lines.append((i18n.t("year_end_members_line"), f"{chart.INTERNAL}.*", 0, dividends))
    return lines
