"""`silk report ...`: the season report, the trial balance and the notice-board summary,
as text for the screen, JSON or CSV for a script (the contracts in docs/formats.md),
or, for the summary, a printed document."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.documents import deliver, document_lang, render
from ledger.cli.opening import read_ledger
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

    yields = reports.add("yield", "report_yield")
    # --by is checked by the core, so a wrong one is one translated line and exit 1
    yields.add_argument("--by", default="season", metavar="season|household|group|breed",
                        help=help_text("yield_by"))
    yields.add_argument("--from", dest="first", metavar="SEASON", help=help_text("yield_from"))
    yields.add_argument("--to", dest="last", metavar="SEASON", help=help_text("yield_to"))
    yields.add_argument("--breed", metavar="NAME", help=help_text("yield_breed"))
    add_document_options(yields, ("text", "json", "html", "xlsx"))
    yields.set_defaults(run=yield_report)


def season_report(args) -> int:
    from ledger import income
    from ledger.reports import season as season_text
    from ledger.reports import table

    read_ledger(args)
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

    read_ledger(args)
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

    read_ledger(args)
    document = summary.summary(income.find_season(args.code))
    if args.format == "csv":
        deliver(args, text=table.csv_text(*summary.csv_rows(document)))
    else:
        render(args, "summary", document)
    return 0


def yield_report(args) -> int:
    """The yield book: kg per sheet and leaf per kg by season, household, group or breed,
    and the batches that failed (docs/yield.md)."""
    from ledger import notes
    from ledger.reports import yields as yield_book

    read_ledger(args)
    report = yield_book.report(args.by, args.first, args.last, args.breed)
    lang = document_lang(args)
    if args.format == "json":
        deliver(args, text=yield_book.to_json(report) + "\n")
    elif args.format == "html":
        from ledger.reports import yield_html

        deliver(args, text=yield_html.page(report, lang, notes.of_seasons(report.seasons,
                                                                          report.breed)))
    elif args.format == "xlsx":
        from ledger.reports import yield_xlsx

        deliver(args, data=yield_xlsx.workbook(report, lang))
    else:
        deliver(args, text=yield_book.text(report, i18n.language(), notes=notes.of_seasons(
            report.seasons, report.breed)))
    return 0
