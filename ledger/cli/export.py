"""`silk export`: the ledger for other tools: canonical CSV (a folder, which `silk
import` reads back), an hledger or Beancount journal, or an Excel workbook. Files are
written as every output file is (`ledger.io.output`)."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import read_ledger
from ledger.cli.output import complain, tell
from ledger.cli.parser import Commands, add_output_options, help_text

EXPORT_FORMATS = ("csv", "hledger", "beancount", "xlsx")


def add_commands(commands: Commands) -> None:
    export = commands.add("export", "export", "export_long")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv",
                        help=help_text("export_format"))
    add_output_options(export, help_key="export_output", metavar="PATH")
    export.set_defaults(run=export_ledger)


def export_ledger(args) -> int:
    from ledger.errors import LedgerError
    from ledger.io import export, output

    if not args.output:
        raise LedgerError("export_needs_output", format=args.format)
    read_ledger(args)
    path = args.output
    if args.format == "csv":
        counts = export.export_csv(path, force=args.force)
        tell(i18n.t("export_done", path=str(path), count=sum(counts.values())))
        kept = export.reversals_kept()
        if kept:
            complain(i18n.t("export_reversals_kept", count=kept))
        return 0
    if args.format == "xlsx":
        from ledger.io import export_xlsx

        with output.writing(path, binary=True, force=args.force) as handle:
            export_xlsx.write_xlsx(handle)
        tell(i18n.t("written", path=str(path)))
        return 0
    from ledger import db
    from ledger.io import journal

    write = journal.write_hledger if args.format == "hledger" else journal.write_beancount
    with output.writing(path, force=args.force) as handle:
        count = write(handle, db.get_meta("village"))
    tell(i18n.t("export_journal_done", path=str(path), count=count))
    return 0
