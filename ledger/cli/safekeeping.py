"""Keeping the books safe: `check` (every invariant recomputed), `backup` (a copy as of
one commit, even while in use), `restore` (a backup put back once it passes every
check) and `copy` (the ledger whole to another address: a file onto a server, or back)."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import ledger_path, read_ledger, shown
from ledger.cli.output import say
from ledger.cli.parser import Commands, help_text


def add_commands(commands: Commands) -> None:
    check = commands.add("check", "check")
    check.add_argument("--anchor", metavar="CODE", help=help_text("anchor"))
    check.set_defaults(run=check_ledger)

    backup = commands.add("backup", "backup")
    backup.add_argument("file", nargs="?", metavar="FILE", help=help_text("backup_file"))
    backup.set_defaults(run=back_up)

    restore = commands.add("restore", "restore")
    restore.add_argument("file", metavar="FILE", help=help_text("restore_file"))
    restore.set_defaults(run=restore_backup)

    copy = commands.add("copy", "copy")
    copy.add_argument("source", metavar="FROM", help=help_text("copy_from"))
    copy.add_argument("target", metavar="TO", help=help_text("copy_to"))
    copy.set_defaults(run=copy_ledger)


def check_steps(meter):
    """A long check's progress, for `Meter`."""
    return lambda step, steps: meter.show(step=step, steps=steps)


def check_ledger(args) -> int:
    from ledger import check, overview
    from ledger.meter import Meter

    read_ledger(args)
    warnings: list = []
    with Meter("check_progress") as meter:
        findings = check.run(check_steps(meter), anchor=args.anchor, warnings=warnings)
    for finding in findings + warnings:
        say(finding.message())
    if warnings:
        say(i18n.t("check_warnings", count=len(warnings)))
    if findings:
        say(i18n.t("check_failed", count=len(findings)))
        return 1
    say(i18n.t("check_ok", records=overview.record_count(), vouchers=overview.voucher_count()))
    return 0


def back_up(args) -> int:
    """A copy of the ledger as of one commit, even while another window writes."""
    from ledger import backup

    path = ledger_path(args)
    made = backup.backup(path, args.file)
    say(i18n.t("backup_done", ledger=shown(path), path=str(made)))
    return 0


def restore_backup(args) -> int:
    """The backup in place of the ledger, once it passed every check; the ledger it
    replaced stays in backups/."""
    from ledger import backup
    from ledger.meter import Meter

    path = ledger_path(args)
    with Meter("check_progress") as meter:
        aside = backup.restore(args.file, path, check_steps(meter))
    if aside is None:
        say(i18n.t("restore_done_new", backup=args.file, path=shown(path)))
    else:
        say(i18n.t("restore_done", backup=args.file, path=shown(path),
                   aside=str(aside)))
    return 0


def copy_ledger(args) -> int:
    """The ledger at FROM copied whole to TO, which holds no ledger yet."""
    from ledger import copying

    copied = copying.copy(args.source, args.target)
    say(i18n.t("copy_done", source=shown(args.source),
               target=shown(args.target), rows=copied.total, code=copied.head))
    return 0
