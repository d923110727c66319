"""`silk report ...`: the season report, the trial balance and the notice-board summary,
as text for the screen, JSON or CSV for a script (the contracts in docs/formats.md),
or, for the summary, a printed document."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.documents import deliver, document_lang, render
from ledger.cli.opening import ledger_path, read_ledger
from ledger.cli.output import say, write
from ledger.cli.parser import Commands, add_document_options, day, help_text

FORMATS = ("text", "json", "csv")
#: The statements and the books: printed, as a workbook, or JSON (docs/formats.md).
BOOK_FORMATS = ("text", "html", "pdf", "xlsx", "json")


def add_commands(commands: Commands) -> None:
    report = commands.add("report", "report")
    reports = commands.group(report, "reports")

    season = reports.add("season", "report_season")
    season.add_argument("code", metavar="SEASON", help=help_text("season_code"))
    season.add_argument("--format", choices=FORMATS, default="text", help=help_text("format"))
    season.set_defaults(run=season_report)

    trial = reports.add("trial-balance", "report_trial")
    trial.add_argument("--season", metavar="SEASON", help=help_text("trial_season"))
    add_period_options(trial, quarter=True)
    add_document_options(trial, (*FORMATS, "html", "pdf", "xlsx"))
    trial.set_defaults(run=trial_balance)

    for name, run in (("balance-sheet", statement), ("income-statement", statement),
                      ("distribution", distribution), ("general-ledger", general_ledger)):
        yearly = reports.add(name, "report_" + name.replace("-", "_"))
        yearly.add_argument("year", metavar="YEAR", type=_year, help=help_text("report_year"))
        add_document_options(yearly, BOOK_FORMATS)
        yearly.set_defaults(run=run, statement=name.replace("-", "_"))

    for name in ("cash-book", "bank-book", "account-ledger"):
        book = reports.add(name, "report_" + name.replace("-", "_"))
        if name == "account-ledger":
            book.add_argument("code", metavar="CODE", help=help_text("account_code"))
        add_period_options(book)
        add_document_options(book, BOOK_FORMATS)
        book.set_defaults(run=account_book, book=name)

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

    township = reports.add("township", "report_township")
    township.add_argument("code", metavar="SEASON", nargs="?", help=help_text("season_code"))
    township.add_argument("--year", metavar="YYYY", type=_year, help=help_text("township_year"))
    add_document_options(township, BOOK_FORMATS)
    township.set_defaults(run=township_report)

    township_trial = reports.add("township-trial-balance", "report_township_trial")
    add_period_options(township_trial, quarter=True)
    add_document_options(township_trial, (*FORMATS, "html", "pdf", "xlsx"))
    township_trial.set_defaults(run=township_trial_balance)


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
    from ledger.errors import LedgerError
    from ledger.reports import table
    from ledger.reports import trial_balance as trial_text

    read_ledger(args)
    span = period(args, required=False)
    if span is not None and args.season:
        raise LedgerError("book.one_period")
    if span is not None:
        return period_trial_balance(args, *span)
    if args.format not in FORMATS:
        raise LedgerError("book.season_formats")
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


# -- the statements and the books (issue 14) ------------------------------------------------

def add_period_options(parser, quarter: bool = False) -> None:
    """--month 2026-04, --year 2026 (and --quarter 2026-Q2), or --from DAY --to DAY."""
    parser.add_argument("--month", metavar="YYYY-MM", help=help_text("period_month"))
    if quarter:
        parser.add_argument("--quarter", metavar="YYYY-Qn", help=help_text("period_quarter"))
    parser.add_argument("--year", metavar="YYYY", help=help_text("period_year"))
    parser.add_argument("--from", dest="first", type=day, metavar="DATE",
                        help=help_text("period_from"))
    parser.add_argument("--to", dest="last", type=day, metavar="DATE",
                        help=help_text("period_to"))


def period(args, required: bool = True):
    """The first and last day asked for; without any, the current year (or None when not
    `required`)."""
    from datetime import date

    from ledger import books
    from ledger.errors import LedgerError

    named = [(kind, getattr(args, kind, None)) for kind in ("month", "quarter", "year")]
    named = [(kind, value) for kind, value in named if value]
    ranged = args.first is not None or args.last is not None
    if len(named) + ranged > 1 or (ranged and (args.first is None or args.last is None)):
        raise LedgerError("book.one_period")
    if ranged:
        return args.first, args.last
    if not named:
        if not required:
            return None
        return books.year_span(str(date.today().year))
    kind, value = named[0]
    parse = {"month": books.month_span, "quarter": books.quarter_span,
             "year": books.year_span}[kind]
    try:
        return parse(value)
    except ValueError:
        raise LedgerError("book.bad_period", value=value,
                          kind=i18n.t(f"book.period_kind_{kind}"),
                          example={"month": "2026-04", "quarter": "2026-Q2",
                                   "year": "2026"}[kind]) from None


def _year(text: str) -> int:
    import argparse

    from ledger import books

    try:
        return books.year_span(text)[0].year
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t(
            "book.bad_period", value=text, kind=i18n.t("book.period_kind_year"),
            example="2026")) from None


def publish(args, build, as_json, csv_rows=None) -> None:
    """A statement or a book in the format asked for: `build(lang)` makes the document,
    `as_json(lang)` its JSON, `csv_rows(lang)` its CSV (headers, rows)."""
    from ledger.reports import tabular

    lang = document_lang(args)
    if args.format == "json":
        deliver(args, text=as_json(lang))
    elif args.format == "csv":
        from ledger.reports import table

        deliver(args, text=table.csv_text(*csv_rows(lang)))
    elif args.format == "xlsx":
        deliver(args, data=tabular.workbook(build(lang)))
    else:
        render(args, "tabular", build(lang))


def statement(args) -> int:
    """The balance sheet or the income statement: exit 1 when an identity fails."""
    from ledger import statements
    from ledger.reports import statements as documents

    read_ledger(args)
    kind = args.statement
    report = getattr(statements, kind)(args.year)
    publish(args, lambda lang: getattr(documents, f"{kind}_document")(report, lang),
            lambda lang: getattr(documents, f"{kind}_json")(report))
    return 0 if not report.problems else 1


def distribution(args) -> int:
    from ledger import models, statements
    from ledger.reports import statements as documents

    read_ledger(args)
    found = statements.distribution(args.year)
    Party = models.Party
    names = dict(Party.select(Party.code, Party.name)
                 .where(Party.code.in_([d.code for d in found.dividends])).tuples())
    publish(args, lambda lang: documents.distribution_document(found, lang, names),
            lambda lang: documents.distribution_json(found))
    return 0


def general_ledger(args) -> int:
    from ledger import books
    from ledger.reports import statements as documents

    read_ledger(args)
    ledger = books.general_ledger(args.year)
    publish(args, lambda lang: documents.general_ledger_document(ledger, lang),
            lambda lang: documents.general_ledger_json(ledger, lang))
    return 0


def account_book(args) -> int:
    from ledger import books
    from ledger.reports import statements as documents

    read_ledger(args)
    first, last = period(args)
    lang = document_lang(args)
    if args.book == "cash-book":
        book, title = books.cash_book(first, last, lang), "book.cash_book"
    elif args.book == "bank-book":
        book, title = books.bank_book(first, last, lang), "book.bank_book"
    else:
        book, title = books.account_ledger(args.code, first, last, lang), "book.account_ledger"
    publish(args, lambda lang: documents.book_document(book, lang, title),
            lambda lang: documents.book_json(book, lang))
    return 0


def township_report(args) -> int:
    """Every village ledger of the township at --db, side by side and summed."""
    from ledger import township
    from ledger.errors import LedgerError
    from ledger.reports import township as documents

    if (args.code is None) == (args.year is None):
        raise LedgerError("township_season_or_year")
    address = ledger_path(args)
    report = (township.season_report(address, args.code) if args.code
              else township.year_report(address, args.year))
    publish(args, lambda lang: documents.document(report, lang),
            lambda lang: documents.to_json(report))
    return 0


def township_trial_balance(args) -> int:
    """The level-1 accounts' 科目余额表 summed over the township's villages."""
    from ledger import township
    from ledger.reports import statements as documents

    report = township.trial_balance(ledger_path(args), *period(args))
    publish(args, lambda lang: documents.trial_balance_document(report, lang),
            lambda lang: documents.trial_balance_json(report, lang),
            lambda lang: documents.trial_balance_csv(report, lang))
    return 0 if report.balanced else 1


def period_trial_balance(args, first, last) -> int:
    from ledger import books
    from ledger.reports import statements as documents

    report = books.trial_balance(first, last)
    publish(args, lambda lang: documents.trial_balance_document(report, lang),
            lambda lang: documents.trial_balance_json(report, lang),
            lambda lang: documents.trial_balance_csv(report, lang))
    return 0 if report.balanced else 1
