"""`silk export`: the ledger for other tools: canonical CSV (a folder, which `silk
import` reads back), an hledger or Beancount journal, or an Excel workbook. Files are
written as every output file is (`ledger.io.output`)."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import read_ledger
from ledger.cli.output import complain, tell
from ledger.cli.parser import Commands, add_output_options, help_text

EXPORT_FORMATS = ("csv", "hledger", "beancount", "xlsx")  # as ledger.io.export.FORMATS


def add_commands(commands: Commands) -> None:
    export = commands.add("export", "export", "export_long")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv",
                        help=help_text("export_format"))
    add_output_options(export, help_key="export_output", metavar="PATH")
    export.set_defaults(run=export_ledger)


def export_ledger(args) -> int:
    from ledger.errors import LedgerError
    from ledger.io import export

    if not args.output:
        raise LedgerError("export_needs_output", format=args.format)
    read_ledger(args)
    path = args.output
    count = export.export(path, args.format, force=args.force)
    if args.format == "csv":
        tell(i18n.t("export_done", path=str(path), count=count))
        kept = export.reversals_kept()
        if kept:
            complain(i18n.t("export_reversals_kept", count=kept))
    elif args.format == "xlsx":
        tell(i18n.t("written", path=str(path)))
    else:
        tell(i18n.t("export_journal_done", path=str(path), count=count))
    return 0
