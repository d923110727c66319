"""Commands that start a ledger or bring records into it: the bare `silk` (the terminal
UI, or what the ledger holds when not run from a terminal), `init`, `demo` and
`import`."""
from __future__ import annotations

import sys

from ledger import i18n
from ledger.cli.opening import ledger_exists, ledger_path, open_ledger, read_ledger, shown
from ledger.cli.output import say
from ledger.cli.parser import Commands, day, help_text, positive


def add_commands(commands: Commands) -> None:
    init = commands.add("init", "init")
    init.add_argument("--village", metavar="NAME", default="", help=help_text("village"))
    init.add_argument("--collective", metavar="NAME", default="", help=help_text("collective"))
    init.set_defaults(run=start_ledger)

    demo = commands.add("demo", "demo")
    demo.add_argument("--households", type=positive, default=150, metavar="N",
                      help=help_text("households"))
    demo.add_argument("--seasons", type=positive, default=3, metavar="N",
                      help=help_text("seasons"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=help_text("seed"))
    demo.set_defaults(run=fill_demo)

    imp = commands.add("import", "import", "import_long")
    imp.add_argument("paths", nargs="+", metavar="PATH", help=help_text("import_paths"))
    imp.add_argument("--dry-run", action="store_true", help=help_text("import_dry_run"))
    imp.add_argument("--format", choices=("text", "json"), default="text",
                     help=help_text("import_format"))
    imp.add_argument("--map", metavar="FILE", help=help_text("import_map"))
    imp.add_argument("--sheet", metavar="NAME", help=help_text("import_sheet"))
    imp.add_argument("--allow-duplicates", action="store_true",
                     help=help_text("import_allow_duplicates"))
    imp.set_defaults(run=import_files)

    ledgers = commands.add("ledgers", "ledgers")
    ledgers.set_defaults(run=list_ledgers)

    note = commands.add("note", "note")
    note.add_argument("batch", metavar="BATCH", help=help_text("note_batch"))
    note.add_argument("text", metavar="TEXT", help=help_text("note_text"))
    note.add_argument("--date", metavar="DATE", type=day, help=help_text("note_date"))
    note.set_defaults(run=add_note)


def show_overview(args) -> int:
    """Bare `silk`: open (or start) the ledger in the terminal UI; when not run from a
    terminal (a script, CI), say what is in it instead."""
    path = ledger_path(args)
    if sys.stdin.isatty() and sys.stdout.isatty():
        from ledger.tui import app  # textual only when the UI is wanted

        app.run(path, lang=args.lang, operator=getattr(args, "operator", None))
        return 0
    from ledger.overview import overview

    read_ledger(args, create=True)
    held = overview()
    say(i18n.t("overview_head", path=shown(path), village=held.village or "-"))
    if not held.seasons:
        say(i18n.t("overview_empty"))
        return 0
    for season in held.seasons:
        say(i18n.t("overview_season", code=season.code, name=season.name,
                   start=season.start.isoformat(), end=season.end.isoformat(),
                   count=season.records))
    say(i18n.t("overview_hint", season=held.seasons[0].code))
    return 0


def _refuse_unless_empty(path: str) -> None:
    from ledger.errors import LedgerError
    from ledger.overview import is_empty

    if not is_empty():
        raise LedgerError("db_exists", path=shown(path))


def start_ledger(args) -> int:
    from ledger import db

    path = ledger_path(args)
    existed = ledger_exists(path)
    open_ledger(args, create=True)
    _refuse_unless_empty(path)
    if args.village or args.collective:
        from ledger import book

        book.set_up(args.village, args.collective)
    village = db.get_meta("village") or "-"
    say(i18n.t("init_ready" if existed else "init_done", path=shown(path),
               village=village))
    return 0


def list_ledgers(args) -> int:
    """The village ledgers on the PostgreSQL server at --db: code and village, a line each."""
    from ledger import stores
    from ledger.errors import LedgerError

    address = ledger_path(args)
    if not stores.is_server(address):
        raise LedgerError("ledgers_not_server")
    from ledger.stores import postgresql

    found = postgresql.ledgers(address)
    if not found:
        raise LedgerError("ledgers_none", address=postgresql.parse(address).shown)
    for code, village in found:
        say(f"{code}\t{village or '-'}")
    return 0


def fill_demo(args) -> int:
    from ledger import db, demo

    path = ledger_path(args)
    open_ledger(args, create=True)
    _refuse_unless_empty(path)
    counts = demo.generate(households=args.households, seasons=args.seasons, seed=args.seed)
    say(i18n.t("demo_done", path=shown(path), village=db.get_meta("village")))
    print_counts(counts)
    return 0


def import_files(args) -> int:
    from ledger import backup
    from ledger.io import csv_import, mapping
    from ledger.meter import Meter

    options = csv_import.Options(mapping=mapping.load(args.map) if args.map else None,
                                 sheet=args.sheet, allow_duplicates=args.allow_duplicates)
    open_ledger(args)
    if args.dry_run:
        with Meter("import_progress") as meter:
            review = csv_import.review(args.paths, options, _rows_read(meter))
        return _print_review(review, args.format)
    with backup.automatic(ledger_path(args), "import"), Meter("import_progress") as meter:
        counts = csv_import.import_files(args.paths, options, _rows_read(meter))
    print_counts(counts)
    return 0


def _rows_read(meter):
    return lambda rows: meter.show(count=f"{rows:,}")


def _print_review(review, form: str) -> int:
    """What a dry run found: the records that would be added, and every problem."""
    import json

    from ledger.errors import LedgerError
    from ledger.kinds import FILE_KINDS

    if form == "json":
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
        say(json.dumps({"would_add": {kind.name: review.would_add[kind.name] for kind in FILE_KINDS
                                      if review.would_add.get(kind.name)},
                        "problems": problems, "problem_count": review.total},
                       ensure_ascii=False, indent=1))
    else:
        say(i18n.t("dry_run_head"))
        for kind in FILE_KINDS:
            if review.would_add.get(kind.name):
                say(i18n.t("added", count=review.would_add[kind.name],
                           kind=i18n.kind_label(kind.name)))
        say(i18n.t("dry_run_total", count=sum(review.would_add.values())))
        for problem in review.problems:
            say(problem.message())
        if review.total > len(review.problems):
            say(i18n.t("more_problems", count=review.total - len(review.problems)))
        say(i18n.t("dry_run_clean") if review.clean
            else i18n.t("dry_run_problems", count=review.total))
    return 0 if review.clean else 1


def print_counts(counts) -> None:
    from ledger.kinds import FILE_KINDS

    say(i18n.t("added_head"))
    for kind in FILE_KINDS:
        if counts.get(kind.name):
            say(i18n.t("added", count=counts[kind.name], kind=i18n.kind_label(kind.name)))
    say(i18n.t("added_total", count=sum(counts.values())))


def add_note(args) -> int:
    """`silk note BATCH "TEXT" [--date DATE]`: a dated note on a batch (disease seen,
    mortality, weather), audited, posting nothing."""
    from ledger import notes

    open_ledger(args)
    note_id = notes.add(args.batch, args.text, args.date)
    say(i18n.t("note_added", id=note_id, batch=args.batch.strip().upper()))
    return 0
