"""Printed documents: one household's settlement sheet (`statement`), every sheet of a
season (`statements`), and how any document reaches the screen or its file (`render`,
`deliver`), which `silk report summary` uses too. Documents are in Chinese unless
`--lang en`; text, HTML or PDF."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import read_ledger
from ledger.cli.output import complain, tell, write
from ledger.cli.parser import Commands, add_document_options, help_text
from ledger.cli.year_end import year


def add_commands(commands: Commands) -> None:
    statement = commands.add("statement", "statement")
    statement.add_argument("household", metavar="HOUSEHOLD", help=help_text("household_code"))
    statement.add_argument("code", metavar="SEASON", nargs="?", help=help_text("season_code"))
    statement.add_argument("--year", metavar="YEAR", type=year, help=help_text("statement_year"))
    add_document_options(statement)
    statement.set_defaults(run=print_statement)

    statements = commands.add("statements", "statements")
    statements.add_argument("code", metavar="SEASON", help=help_text("season_code"))
    add_document_options(statements, output_required=True)
    statements.set_defaults(run=print_statements)


def print_statement(args) -> int:
    from ledger import income
    from ledger.errors import LedgerError
    from ledger.reports import statement

    if (args.code is None) == (args.year is None):
        raise LedgerError("statement_season_or_year")
    read_ledger(args)
    if args.year is not None:
        from ledger import annual
        from ledger.reports.summary import names

        document = annual.statement(args.household, args.year)
        document.village, document.collective = names()
        render(args, "annual", document)
        return 0
    sheet = statement.statement(args.household, income.find_season(args.code))
    render(args, "statements", [sheet])
    return 0


def print_statements(args) -> int:
    from ledger import income
    from ledger.errors import LedgerError
    from ledger.reports import statement

    read_ledger(args)
    season = income.find_season(args.code)
    sheets = statement.statements(season, active_only=True)
    if not sheets:
        raise LedgerError("no_sheets", season=season.code)
    render(args, "statements", sheets)
    return 0


def document_lang(args) -> str:
    """Printed documents are in Chinese unless English is asked for with --lang en."""
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def render(args, kind: str, document) -> None:
    """Render `document` ("statements", "summary" or "annual") in the format asked for."""
    lang = document_lang(args)
    if args.format == "pdf":
        from ledger.reports import pdf

        font = pdf.find_font(args.font)
        if font.warning:
            complain(i18n.t(font.warning, **font.message_params()))
        deliver(args, data=getattr(pdf, kind)(document, lang, font))
    elif args.format == "html":
        from ledger.reports import html

        deliver(args, text=getattr(html, kind)(document, lang))
    else:
        from ledger.reports import text

        deliver(args, text=getattr(text, kind)(document, lang))


def deliver(args, text: str | None = None, data: bytes | None = None) -> None:
    """A document to `-o FILE` (`ledger.io.output`: never half a file, never replacing
    one without --force), or text to the screen. CSV files get a byte-order mark, which
    Excel needs to read Chinese."""
    from ledger.errors import LedgerError

    if not args.output:
        if data is not None:
            raise LedgerError("needs_output", format=args.format)
        write(text)
        return
    from ledger.io import output

    if data is None:
        data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
    output.write(args.output, data, force=args.force)
    tell(i18n.t("written", path=str(args.output)))
