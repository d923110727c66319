"""Season close and reopening, corrections (`reverse`, `amend`: 红字冲销, never an edit)
and the audit trail (`log`)."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import open_ledger, read_ledger
from ledger.cli.output import say, tell
from ledger.cli.parser import Commands, day, help_text, positive


def add_commands(commands: Commands) -> None:
    close = commands.add("close", "close")
    close.add_argument("season", metavar="SEASON")
    close.set_defaults(run=close_season)

    reopen = commands.add("reopen", "reopen")
    reopen.add_argument("season", metavar="SEASON")
    reopen.add_argument("--reason", required=True, metavar="TEXT", help=help_text("reason"))
    reopen.set_defaults(run=reopen_season)

    reverse = commands.add("reverse", "reverse")
    reverse.add_argument("record", metavar="RECORD", help=help_text("reverse_ref"))
    reverse.add_argument("--reason", required=True, metavar="TEXT", help=help_text("reason"))
    reverse.add_argument("--date", metavar="DATE", type=day, help=help_text("reverse_date"))
    reverse.set_defaults(run=reverse_record)

    amend = commands.add("amend", "amend")
    amend.add_argument("record", metavar="RECORD", help=help_text("record_ref"))
    amend.add_argument("changes", nargs="+", metavar="FIELD=VALUE",
                       help=help_text("amend_changes"))
    amend.add_argument("--reason", required=True, metavar="TEXT", help=help_text("reason"))
    amend.set_defaults(run=amend_record)

    log = commands.add("log", "log")
    log.add_argument("--record", metavar="RECORD", help=help_text("log_record"))
    log.add_argument("--since", metavar="DATE", type=day, help=help_text("log_since"))
    log.add_argument("--limit", metavar="N", type=positive, help=help_text("log_limit"))
    log.set_defaults(run=show_log)


def close_season(args) -> int:
    from ledger import closing
    from ledger.cli.safekeeping import check_steps
    from ledger.meter import Meter

    open_ledger(args)
    try:
        with Meter("check_progress") as meter:
            season = closing.close(args.season, check_steps(meter))
    except closing.CheckFailed as failed:
        for finding in failed.findings:
            tell(finding.message())
        raise
    say(i18n.t("close_done", season=season.code))
    return 0


def reopen_season(args) -> int:
    from ledger import closing

    open_ledger(args)
    season = closing.reopen(args.season, args.reason)
    say(i18n.t("reopen_done", season=season.code))
    return 0


def reverse_record(args) -> int:
    """`silk reverse sales:42`, `vouchers:12` or a voucher's number `记-2026-04-0017`."""
    from ledger import corrections, vouchers

    open_ledger(args)
    kind, record_id = vouchers.parse_ref(args.record)
    if kind == vouchers.KIND:
        reversal = vouchers.reverse(record_id, args.reason, args.date)
        found = vouchers.numbers_of([(kind, record_id), (kind, reversal)])
        say(i18n.t("reverse_voucher_done", ref=f"{kind}:{record_id}", by=f"{kind}:{reversal}",
                   number=found.get((kind, record_id), ""),
                   by_number=found.get((kind, reversal), ""),
                   date=vouchers.show(reversal).date.isoformat()))
        return 0
    reversal = corrections.reverse(kind, record_id, args.reason, args.date)
    season, placed_on = corrections.placement(kind, reversal)
    say(i18n.t("reverse_done", ref=f"{kind}:{record_id}", by=f"{kind}:{reversal}",
               season=season, date=placed_on.isoformat()))
    return 0


def amend_record(args) -> int:
    from ledger import corrections
    from ledger.errors import LedgerError

    open_ledger(args)
    kind, record_id = corrections.parse_ref(args.record)
    changes = {}
    for change in args.changes:
        name, sep, value = change.partition("=")
        if not sep or not name.strip():
            raise LedgerError("amend_bad_change", change=change)
        changes[name.strip()] = value
    added = corrections.amend(kind, record_id, changes, args.reason)
    say(i18n.t("amend_done", ref=f"{kind}:{record_id}", reversal=f"{kind}:{added.reversal}",
               by=f"{kind}:{added.corrected}"))
    return 0


def show_log(args) -> int:
    from ledger import audit, vouchers
    from ledger.reports import table

    read_ledger(args)
    kind = record_id = None
    if args.record:
        kind, record_id = vouchers.parse_ref(args.record)
    found = audit.entries(kind, record_id, args.since, args.limit)
    if not found:
        say(i18n.t("log_empty"))
        return 0
    headers = [i18n.t(f"col.{name}") for name in ("entry", "when", "operator", "action", "what")]
    numbered = vouchers.numbers_of((entry.kind, entry.first_id) for entry in found
                                   if entry.first_id is not None
                                   and entry.first_id == entry.last_id)
    rows = [[str(entry.id), entry.at.replace("T", " ")[:19], entry.operator,
             i18n.t(f"action.{entry.action}"),
             " ".join(filter(None, (entry.records or entry.target,
                                    numbered.get((entry.kind, entry.first_id)))))]
            for entry in found]
    lines = table.text(headers, rows, numeric_from=len(headers)).splitlines()
    say("\n".join(lines[:2]))
    for entry, line in zip(found, lines[2:]):
        say(line)
        for label, text in (("log_before", entry.before), ("log_after", entry.after),
                            ("log_reason", entry.reason)):
            if text and (entry.action != "import" or label == "log_reason"):
                say(f"    {i18n.t(label)}: {text}")
    return 0
