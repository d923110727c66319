"""The `silk` command line: a thin layer over the service layer and the reports.

Every command opens the ledger (`--db`, else `SILK_DB`, else ./ledger.db), does one
thing, and prints in the reader's language (`--lang`, else the locale). A refusal or a
bad argument is one clear line on standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from peewee import DatabaseError

from ledger import (__version__, audit, backup, balances, check, closing, corrections, db, i18n,
                    income, kinds, models)
from ledger.errors import LedgerError, RecordRefused
from ledger.io import csv_import
from ledger.kinds import KINDS
from ledger.meter import Meter
from ledger.reports import season as season_report
from ledger.reports import table
from ledger.reports import trial_balance as tb_report

FORMATS = ("text", "json", "csv")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = i18n.set_language(_early_lang(argv))
    _translate_argparse(lang)
    args = build_parser().parse_args(argv)
    audit.set_operator(getattr(args, "operator", None))
    try:
        return args.run(args)
    except RecordRefused as refused:
        for line in refused.message().splitlines():
            print(line, file=sys.stderr)
        print(i18n.t("nothing_written", count=refused.total), file=sys.stderr)
        return 1
    except LedgerError as error:
        print(f"silk: {error.message()}", file=sys.stderr)
        return 1
    except DatabaseError as error:
        print(f"silk: {db.problem(error, _path(args))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"\nsilk: {i18n.t('interrupted')}", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line for the user, the traceback on request
        if os.environ.get("SILK_DEBUG"):
            raise
        print(f"silk: {i18n.t('internal_error', error=f'{type(error).__name__}: {error}')}",
              file=sys.stderr)
        return 3
    finally:
        if models.database.obj is not None:
            models.database.close()


def _early_lang(argv: list[str]) -> str | None:
    """`--lang` must be known before the parser is built, since help is translated."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    t = i18n.t
    parser = _Parser(prog="silk", description=t("help.silk"))
    parser.add_argument("--version", action="version", version=f"silk-ledger {__version__}",
                        help=t("help.version"))
    _add_common(parser, None)
    parser.set_defaults(run=cmd_overview)
    # The same options after a command (`silk report season S --db x.db`); there they
    # only override what was given before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)
    commands = _Commands(parser.add_subparsers(title=t("help.commands"), metavar="COMMAND"),
                         common)

    init = commands.add_parser("init", help=t("help.init"), description=t("help.init"))
    init.add_argument("--village", metavar="NAME", default="", help=t("help.village"))
    init.add_argument("--collective", metavar="NAME", default="", help=t("help.collective"))
    init.set_defaults(run=cmd_init)

    demo_cmd = commands.add_parser("demo", help=t("help.demo"), description=t("help.demo"))
    demo_cmd.add_argument("--households", type=_positive, default=150, metavar="N",
                          help=t("help.households"))
    demo_cmd.add_argument("--seasons", type=_positive, default=3, metavar="N",
                          help=t("help.seasons"))
    demo_cmd.add_argument("--seed", type=int, default=1, metavar="S", help=t("help.seed"))
    demo_cmd.set_defaults(run=cmd_demo)

    imp = commands.add_parser("import", help=t("help.import"), description=t("help.import_long"))
    imp.add_argument("paths", nargs="+", metavar="PATH", help=t("help.import_paths"))
    imp.add_argument("--dry-run", action="store_true", help=t("help.import_dry_run"))
    imp.add_argument("--format", choices=("text", "json"), default="text",
                     help=t("help.import_format"))
    imp.add_argument("--map", metavar="FILE", help=t("help.import_map"))
    imp.add_argument("--sheet", metavar="NAME", help=t("help.import_sheet"))
    imp.add_argument("--allow-duplicates", action="store_true",
                     help=t("help.import_allow_duplicates"))
    imp.set_defaults(run=cmd_import)

    report = commands.add_parser("report", help=t("help.report"), description=t("help.report"))
    reports = _Commands(report.add_subparsers(title=t("help.reports"), metavar="REPORT",
                                              required=True), common)
    season = reports.add_parser("season", help=t("help.report_season"),
                                description=t("help.report_season"))
    season.add_argument("code", metavar="SEASON", help=t("help.season_code"))
    season.add_argument("--format", choices=FORMATS, default="text", help=t("help.format"))
    season.set_defaults(run=cmd_report_season)
    trial = reports.add_parser("trial-balance", help=t("help.report_trial"),
                               description=t("help.report_trial"))
    trial.add_argument("--season", metavar="SEASON", help=t("help.trial_season"))
    trial.add_argument("--format", choices=FORMATS, default="text", help=t("help.format"))
    trial.set_defaults(run=cmd_report_trial)
    summary_cmd = reports.add_parser("summary", help=t("help.report_summary"),
                                     description=t("help.report_summary"))
    summary_cmd.add_argument("code", metavar="SEASON", help=t("help.season_code"))
    _add_document_options(summary_cmd, ("text", "html", "pdf", "csv"))
    summary_cmd.set_defaults(run=cmd_report_summary)

    statement_cmd = commands.add_parser("statement", help=t("help.statement"),
                                        description=t("help.statement"))
    statement_cmd.add_argument("household", metavar="HOUSEHOLD", help=t("help.household_code"))
    statement_cmd.add_argument("code", metavar="SEASON", help=t("help.season_code"))
    _add_document_options(statement_cmd, DOCUMENT_FORMATS)
    statement_cmd.set_defaults(run=cmd_statement)

    statements_cmd = commands.add_parser("statements", help=t("help.statements"),
                                         description=t("help.statements"))
    statements_cmd.add_argument("code", metavar="SEASON", help=t("help.season_code"))
    _add_document_options(statements_cmd, DOCUMENT_FORMATS, output_required=True)
    statements_cmd.set_defaults(run=cmd_statements)

    check_cmd = commands.add_parser("check", help=t("help.check"), description=t("help.check"))
    check_cmd.add_argument("--anchor", metavar="CODE", help=t("help.anchor"))
    check_cmd.set_defaults(run=cmd_check)

    export_cmd = commands.add_parser("export", help=t("help.export"),
                                     description=t("help.export_long"))
    export_cmd.add_argument("--format", choices=EXPORT_FORMATS, default="csv",
                            help=t("help.export_format"))
    export_cmd.add_argument("-o", "--output", metavar="PATH", help=t("help.export_output"))
    export_cmd.set_defaults(run=cmd_export)

    backup_cmd = commands.add_parser("backup", help=t("help.backup"), description=t("help.backup"))
    backup_cmd.add_argument("file", nargs="?", metavar="FILE", help=t("help.backup_file"))
    backup_cmd.set_defaults(run=cmd_backup)

    restore_cmd = commands.add_parser("restore", help=t("help.restore"),
                                      description=t("help.restore"))
    restore_cmd.add_argument("file", metavar="FILE", help=t("help.restore_file"))
    restore_cmd.set_defaults(run=cmd_restore)
    _add_correction_commands(commands)
    return parser


def _add_correction_commands(commands) -> None:
    """Season close, corrections and the audit trail."""
    close = commands.add_parser("close", help=t_help("close"), description=t_help("close"))
    close.add_argument("season", metavar="SEASON")
    close.set_defaults(run=cmd_close)
    reopen = commands.add_parser("reopen", help=t_help("reopen"), description=t_help("reopen"))
    reopen.add_argument("season", metavar="SEASON")
    reopen.add_argument("--reason", required=True, metavar="TEXT", help=t_help("reason"))
    reopen.set_defaults(run=cmd_reopen)
    reverse = commands.add_parser("reverse", help=t_help("reverse"), description=t_help("reverse"))
    reverse.add_argument("record", metavar="RECORD", help=t_help("record_ref"))
    reverse.add_argument("--reason", required=True, metavar="TEXT", help=t_help("reason"))
    reverse.add_argument("--date", metavar="DATE", type=_date, help=t_help("reverse_date"))
    reverse.set_defaults(run=cmd_reverse)
    amend = commands.add_parser("amend", help=t_help("amend"), description=t_help("amend"))
    amend.add_argument("record", metavar="RECORD", help=t_help("record_ref"))
    amend.add_argument("changes", nargs="+", metavar="FIELD=VALUE", help=t_help("amend_changes"))
    amend.add_argument("--reason", required=True, metavar="TEXT", help=t_help("reason"))
    amend.set_defaults(run=cmd_amend)
    log = commands.add_parser("log", help=t_help("log"), description=t_help("log"))
    log.add_argument("--record", metavar="RECORD", help=t_help("log_record"))
    log.add_argument("--since", metavar="DATE", type=_date, help=t_help("log_since"))
    log.add_argument("--limit", metavar="N", type=_positive, help=t_help("log_limit"))
    log.set_defaults(run=cmd_log)


def _date(text: str):
    from ledger.rules import Problem, read_date

    try:
        return read_date(text)
    except Problem as problem:
        raise argparse.ArgumentTypeError(i18n.t(problem.reason, **problem.params)) from None


class _Parser(argparse.ArgumentParser):
    """Bad arguments get one line saying what is wrong and where to read more."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} ({self.prog} --help)\n")


def _add_common(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--db", metavar="PATH", default=default, help=i18n.t("help.db"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default,
                        help=i18n.t("help.lang"))
    parser.add_argument("--operator", metavar="NAME", default=default,
                        help=i18n.t("help.operator"))


class _Commands:
    """Subcommands that all accept the common options."""

    def __init__(self, subparsers, common: argparse.ArgumentParser):
        self.subparsers = subparsers
        self.common = common

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        return self.subparsers.add_parser(name, parents=[self.common], **kwargs)


DOCUMENT_FORMATS = ("text", "html", "pdf")


def _add_document_options(parser, formats, output_required: bool = False) -> None:
    parser.add_argument("--format", choices=formats, default="text", help=t_help("format"))
    parser.add_argument("-o", "--output", metavar="FILE", required=output_required,
                        help=t_help("output"))
    parser.add_argument("--font", metavar="FILE", help=t_help("font"))


def t_help(name: str) -> str:
    return i18n.t(f"help.{name}")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("not_a_number", value=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(i18n.t("must_be_positive"))
    return value


def _path(args) -> str:
    return args.db or db.default_path()


def _open(args, create: bool = False):
    return db.open_ledger(_path(args), create=create)


# -- commands ------------------------------------------------------------------------------

def cmd_overview(args) -> int:
    """Bare `silk`: open (or start) the ledger in the terminal UI; when not run from a
    terminal (a script, CI), say what is in it instead."""
    path = _path(args)
    if sys.stdin.isatty() and sys.stdout.isatty():
        from ledger.tui import app  # textual only when the UI is wanted

        app.run(path, lang=args.lang, operator=getattr(args, "operator", None))
        return 0
    _open(args, create=True)
    village = db.get_meta("village") or "-"
    print(i18n.t("overview_head", path=path, village=village))
    seasons = income.seasons()
    if not seasons:
        print(i18n.t("overview_empty"))
        return 0
    for season in seasons:
        count = sum(kind.model.select().where(kind.model.season == season).count()
                    for kind in KINDS if kind.moves_money)
        print(i18n.t("overview_season", code=season.code, name=season.name,
                     start=season.start.isoformat(), end=season.end.isoformat(), count=count))
    print(i18n.t("overview_hint", season=seasons[0].code))
    return 0


def _is_empty() -> bool:
    return (not models.Season.select().exists()
            and not models.Party.select().where(models.Party.kind != "collective").exists())


def cmd_init(args) -> int:
    path = _path(args)
    existed = Path(path).exists()
    _open(args, create=True)
    if not _is_empty():
        raise LedgerError("db_exists", path=path)
    with models.database.atomic():
        for key in ("village", "collective"):
            if getattr(args, key):
                db.set_meta(key, getattr(args, key))
    village = db.get_meta("village") or "-"
    print(i18n.t("init_ready" if existed else "init_done", path=path, village=village))
    return 0


def cmd_demo(args) -> int:
    from ledger import demo

    path = _path(args)
    _open(args, create=True)
    if not _is_empty():
        raise LedgerError("db_exists", path=path)
    counts = demo.generate(households=args.households, seasons=args.seasons, seed=args.seed)
    print(i18n.t("demo_done", path=path, village=db.get_meta("village")))
    _print_counts(counts)
    return 0


def cmd_import(args) -> int:
    from ledger.io import mapping

    options = csv_import.Options(mapping=mapping.load(args.map) if args.map else None,
                                 sheet=args.sheet, allow_duplicates=args.allow_duplicates)
    _open(args)
    if args.dry_run:
        with Meter("import_progress") as meter:
            review = csv_import.review(args.paths, options, _rows_read(meter))
        return _print_review(review, args.format)
    with backup.automatic(_path(args), "import"), Meter("import_progress") as meter:
        counts = csv_import.import_files(args.paths, options, _rows_read(meter))
    _print_counts(counts)
    return 0


def _rows_read(meter: Meter):
    return lambda rows: meter.show(count=f"{rows:,}")


def _check_step(meter: Meter):
    return lambda step, steps: meter.show(step=step, steps=steps)


def _print_review(review, output: str) -> int:
    """What a dry run found: the records that would be added, and every problem."""
    if output == "json":
        problems = []
        for problem in review.problems:
            if isinstance(problem, LedgerError):
                params = problem.params
                problems.append({"file": params.get("path"), "line": params.get("line"),
                                 "column": None, "reason": problem.message()})
                continue
            place, _, line = problem.where.rpartition(":")
            problems.append({"file": place or None, "line": int(line) if line.isdigit() else None,
                             "column": None if problem.field == "-" else problem.field,
                             "reason": i18n.t(problem.reason, **problem.params)})
        print(json.dumps({"would_add": {kind.name: review.would_add[kind.name] for kind in KINDS
                                        if review.would_add.get(kind.name)},
                          "problems": problems, "problem_count": review.total},
                         ensure_ascii=False, indent=1))
    else:
        print(i18n.t("dry_run_head"))
        for kind in KINDS:
            if review.would_add.get(kind.name):
                print(i18n.t("added", count=review.would_add[kind.name],
                             kind=i18n.kind_label(kind.name)))
        print(i18n.t("dry_run_total", count=sum(review.would_add.values())))
        for problem in review.problems:
            print(problem.message())
        if review.total > len(review.problems):
            print(i18n.t("more_problems", count=review.total - len(review.problems)))
        print(i18n.t("dry_run_clean") if review.clean
              else i18n.t("dry_run_problems", count=review.total))
    return 0 if review.clean else 1


def _print_counts(counts: Counter) -> None:
    print(i18n.t("added_head"))
    for kind in KINDS:
        if counts.get(kind.name):
            print(i18n.t("added", count=counts[kind.name], kind=i18n.kind_label(kind.name)))
    print(i18n.t("added_total", count=sum(counts.values())))


def cmd_report_season(args) -> int:
    _open(args)
    report = income.season_income(income.find_season(args.code))
    lang = i18n.language()
    if args.format == "json":
        print(season_report.to_json(report))
    elif args.format == "csv":
        sys.stdout.write(table.csv_text(*season_report.csv_rows(report)))
    else:
        print(season_report.title(report, lang))
        print()
        print(table.text(*season_report.text_rows(report, lang), numeric_from=2))
    return 0


def cmd_report_trial(args) -> int:
    _open(args)
    season = income.find_season(args.season) if args.season else None
    report = balances.trial_balance(season)
    lang = i18n.language()
    if args.format == "json":
        print(tb_report.to_json(report, lang))
    elif args.format == "csv":
        sys.stdout.write(table.csv_text(*tb_report.csv_rows(report, lang)))
    else:
        print(i18n.t("trial_balance_season", code=season.code) if season
              else i18n.t("trial_balance_title"))
        print()
        print(table.text(*tb_report.text_rows(report, lang), numeric_from=2))
        print()
        print(i18n.t("balanced" if report.balanced else "not_balanced"))
    return 0 if report.balanced else 1


def _document_lang(args) -> str:
    """Printed documents are in Chinese unless English is asked for with --lang en."""
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def _deliver(args, text: str | None = None, data: bytes | None = None) -> None:
    """Write a document to -o FILE, or text to standard output. The file is written beside
    its final name and then put in place, so a failed write never leaves half a document;
    CSV files get a byte-order mark, which Excel needs to read Chinese."""
    if not args.output:
        if data is not None:
            raise LedgerError("needs_output", format=args.format)
        sys.stdout.write(text)
        return
    path = Path(args.output)
    if data is None:
        data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise LedgerError("cannot_write", path=str(path), reason=error.strerror or str(error)) from None
    print(i18n.t("written", path=str(path)), file=sys.stderr)


def _render(args, kind: str, document) -> None:
    """Render `document` ("statements" or "summary") in the format asked for."""
    lang = _document_lang(args)
    if args.format == "pdf":
        from ledger.reports import pdf

        font = pdf.find_font(args.font)
        if font.warning:
            print(f"silk: {i18n.t(font.warning, **font.message_params())}", file=sys.stderr)
        _deliver(args, data=getattr(pdf, kind)(document, lang, font))
    elif args.format == "html":
        from ledger.reports import html

        _deliver(args, text=getattr(html, kind)(document, lang))
    else:
        from ledger.reports import text

        _deliver(args, text=getattr(text, kind)(document, lang))


def cmd_statement(args) -> int:
    from ledger.reports import statement

    _open(args)
    sheet = statement.statement(args.household, income.find_season(args.code))
    _render(args, "statements", [sheet])
    return 0


def cmd_statements(args) -> int:
    from ledger.reports import statement

    _open(args)
    season = income.find_season(args.code)
    sheets = statement.statements(season, active_only=True)
    if not sheets:
        raise LedgerError("no_sheets", season=season.code)
    _render(args, "statements", sheets)
    return 0


def cmd_report_summary(args) -> int:
    from ledger.reports import summary

    _open(args)
    document = summary.summary(income.find_season(args.code))
    if args.format == "csv":
        _deliver(args, text=table.csv_text(*summary.csv_rows(document)))
    else:
        _render(args, "summary", document)
    return 0


EXPORT_FORMATS = ("csv", "hledger", "beancount", "xlsx")


def cmd_export(args) -> int:
    """Write the ledger for other tools: canonical CSV (a folder), an hledger or Beancount
    journal, or an Excel workbook."""
    from ledger.io import export

    if not args.output:
        raise LedgerError("export_needs_output", format=args.format)
    _open(args)
    path = Path(args.output)
    if args.format == "csv":
        counts = export.export_csv(path)
        print(i18n.t("export_done", path=str(path), count=sum(counts.values())),
              file=sys.stderr)
        kept = export.reversals_kept()
        if kept:
            print(f"silk: {i18n.t('export_reversals_kept', count=kept)}", file=sys.stderr)
        return 0
    village = db.get_meta("village")
    if args.format == "xlsx":
        from ledger.io import export_xlsx

        with export.replacing(path, binary=True) as handle:
            export_xlsx.write_xlsx(handle)
        print(i18n.t("written", path=str(path)), file=sys.stderr)
        return 0
    from ledger.io import journal

    write = journal.write_hledger if args.format == "hledger" else journal.write_beancount
    with export.replacing(path) as handle:
        count = write(handle, village)
    print(i18n.t("export_journal_done", path=str(path), count=count), file=sys.stderr)
    return 0


def cmd_backup(args) -> int:
    """A copy of the ledger as of one commit, even while another window writes."""
    path = _path(args)
    made = backup.backup(path, args.file)
    print(i18n.t("backup_done", ledger=path, path=str(made)))
    return 0


def cmd_restore(args) -> int:
    """The backup in place of the ledger, once it passed every check; the ledger it
    replaced stays in backups/."""
    path = _path(args)
    with Meter("check_progress") as meter:
        aside = backup.restore(args.file, path, _check_step(meter))
    if aside is None:
        print(i18n.t("restore_done_new", backup=args.file, path=path))
    else:
        print(i18n.t("restore_done", backup=args.file, path=path, aside=str(aside)))
    return 0


def cmd_check(args) -> int:
    _open(args)
    with Meter("check_progress") as meter:
        findings = check.run(_check_step(meter), anchor=args.anchor)
    for finding in findings:
        print(finding.message())
    if findings:
        print(i18n.t("check_failed", count=len(findings)))
        return 1
    vouchers = models.Voucher.select().count()
    records = sum(kind.model.select().count() for kind in KINDS if kind.moves_money)
    print(i18n.t("check_ok", records=records, vouchers=vouchers))
    return 0


def cmd_close(args) -> int:
    _open(args)
    try:
        with Meter("check_progress") as meter:
            season = closing.close(args.season, _check_step(meter))
    except closing.CheckFailed as failed:
        for finding in failed.findings:
            print(finding.message(), file=sys.stderr)
        raise
    print(i18n.t("close_done", season=season.code))
    return 0


def cmd_reopen(args) -> int:
    _open(args)
    season = closing.reopen(args.season, args.reason)
    print(i18n.t("reopen_done", season=season.code))
    return 0


def cmd_reverse(args) -> int:
    _open(args)
    kind, record_id = corrections.parse_ref(args.record)
    reversal = corrections.reverse(kind, record_id, args.reason, args.date)
    row = kinds.get(kind).model.get_by_id(reversal)
    print(i18n.t("reverse_done", ref=f"{kind}:{record_id}", by=f"{kind}:{reversal}",
                 season=row.season.code, date=row.date.isoformat()))
    return 0


def cmd_amend(args) -> int:
    _open(args)
    kind, record_id = corrections.parse_ref(args.record)
    changes = {}
    for change in args.changes:
        name, sep, value = change.partition("=")
        if not sep or not name.strip():
            raise LedgerError("amend_bad_change", change=change)
        changes[name.strip()] = value
    corrected = corrections.amend(kind, record_id, changes, args.reason)
    print(i18n.t("amend_done", ref=f"{kind}:{record_id}", reversal=f"{kind}:{corrected - 1}",
                 by=f"{kind}:{corrected}"))
    return 0


def cmd_log(args) -> int:
    _open(args)
    kind = record_id = None
    if args.record:
        kind, record_id = corrections.parse_ref(args.record)
    found = audit.entries(kind, record_id, args.since, args.limit)
    if not found:
        print(i18n.t("log_empty"))
        return 0
    headers = [i18n.t(f"col.{name}") for name in ("entry", "when", "operator", "action", "what")]
    rows = [[str(e.id), e.at.replace("T", " ")[:19], e.operator,
             i18n.t(f"action.{e.action}"), e.records or e.target] for e in found]
    lines = table.text(headers, rows, numeric_from=len(headers)).splitlines()
    print("\n".join(lines[:2]))
    for entry, line in zip(found, lines[2:]):
        print(line)
        for label, text in (("log_before", entry.before), ("log_after", entry.after),
                            ("log_reason", entry.reason)):
            if text and (entry.action != "import" or label == "log_reason"):
                print(f"    {i18n.t(label)}: {text}")
    return 0


# -- argparse's own words, in Chinese ------------------------------------------------------

ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "expected one argument": "需要一个参数",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
}


def _translate_argparse(lang: str) -> None:
    """argparse looks its words up through its module's `_` at call time; give it ours."""
    argparse._ = (lambda text: ARGPARSE_ZH.get(text, text)) if lang == "zh" else (lambda text: text)

