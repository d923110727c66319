"""`silk report ...`: the season report, the trial balance and the notice-board summary,
as text for the screen, JSON or CSV for a script (the contracts in docs/formats.md),
or, for the summary, a printed document."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.documents import deliver, render
from ledger.cli.opening import open_ledger
from ledger.cli.output import say, write
from ledger.cli.parser import Commands, add_document_options, help_text

FORMATS = ("text", "json", "csv")


def add_commands(commands: Commands) -> None:
    report = commands.add("report", "report")
    reports = commands.group(report, "reports")

    season = reports.add("season", "report_season")
    season.add_argument("code", metavar="SEASON", help=help_text("season_code"))
    season.add_argument("--format", choices=FORMATS, default="text", help=help_text("format"))
    season.set_defaults(run=season_report)

    trial = reports.add("trial-balance", "report_trial")
    trial.add_argument("--season", metavar="SEASON", help=help_text("trial_season"))
    trial.add_argument("--format", choices=FORMATS, default="text", help=help_text("format"))
    trial.set_defaults(run=trial_balance)

    summary = reports.add("summary", "report_summary")
    summary.add_argument("code", metavar="SEASON", help=help_text("season_code"))
    add_document_options(summary, ("text", "html", "pdf", "csv"))
    summary.set_defaults(run=summary_report)


def season_report(args) -> int:
    from ledger import income
    from ledger.reports import season as season_text
    from ledger.reports import table

    open_ledger(args)
    report = income.season_income(income.find_season(args.code))
    lang = i18n.language()
    if args.format == "json":
        say(season_text.to_json(report))
    elif args.format == "csv":
        write(table.csv_text(*season_text.csv_rows(report)))
    else:
        say(season_text.title(report, lang))
        say()
        say(table.text(*season_text.text_rows(report, lang), numeric_from=2))
    return 0


def trial_balance(args) -> int:
    from ledger import balances, income
    from ledger.reports import table
    from ledger.reports import trial_balance as trial_text

    open_ledger(args)
    season = income.find_season(args.season) if args.season else None
    report = balances.trial_balance(season)
    lang = i18n.language()
    if args.format == "json":
        say(trial_text.to_json(report, lang))
    elif args.format == "csv":
        write(table.csv_text(*trial_text.csv_rows(report, lang)))
    else:
        say(i18n.t("trial_balance_season", code=season.code) if season
            else i18n.t("trial_balance_title"))
        say()
        say(table.text(*trial_text.text_rows(report, lang), numeric_from=2))
        say()
        say(i18n.t("balanced" if report.balanced else "not_balanced"))
    return 0 if report.balanced else 1


def summary_report(args) -> int:
    from ledger import income
    from ledger.reports import summary, table

    open_ledger(args)
    document = summary.summary(income.find_season(args.code))
    if args.format == "csv":
        deliver(args, text=table.csv_text(*summary.csv_rows(document)))
    else:
        render(args, "summary", document)
    return 0
