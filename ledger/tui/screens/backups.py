"""The ledger's backups: make one now, or restore one after confirming.

Backups are listed from the `backups/` folder beside the ledger, newest first: those
made by hand, those made before a close, import or migration, and ledgers kept aside by
a restore. A ledger on a server has no folder: its backups are the village's dumps in
the working folder (`stores.files_folder`), where `silk backup` and Ctrl+B write them
and a restore keeps the ledger it replaced (`postgresql.dated_dumps`). A restore checks
the backup first (`ledger.backup.restore`) and runs in a thread worker, whether of a
backup listed here or of a file on a USB stick or in a folder chosen
(`files.RestoreFromScreen`); once done, the app reopens the ledger, so no screen shows
the books as they were before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ledger import backup, stores
from ledger.browse import release
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import right
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable
from ledger.tui.textual_compat import SteadyHeader


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    why: str    # "" by hand, else the command it was made before ("import") or "replaced"
    size: int


def backups_folder(ledger_path: str | Path) -> Path:
    """Where the backups of the ledger at `ledger_path` are: `backups/` beside a ledger
    file; for a ledger on a server, the working folder its dumps are written into."""
    if stores.is_server(ledger_path):
        return stores.files_folder(ledger_path)
    return Path(ledger_path).parent / backup.FOLDER


def backup_files(ledger_path: str | Path) -> list[BackupFile]:
    """The backups of the ledger at `ledger_path`, newest first, read from their names
    (`ledger-2026-11-29-105300[-2][-before-import].db`, see ledger.backup; on a server,
    the village's dumps `CODE-2026-11-29-105300[-2][-replaced].sql`)."""
    if stores.is_server(ledger_path):
        from ledger.stores import postgresql

        code = postgresql.parse(str(ledger_path)).ledger
        return [BackupFile(dump.path, dump.made, dump.why, dump.path.stat().st_size)
                for dump in postgresql.dated_dumps(backups_folder(ledger_path), code)]
    ledger = Path(ledger_path)
    pattern = re.compile(re.escape(ledger.stem) + r"-(\d{4}-\d\d-\d\d-\d{6})(?:-(\d+))?"
                         r"(?:-before-([a-z]+)|-(replaced)(?:-damaged)?)?\.db")
    found = []
    folder = ledger.parent / backup.FOLDER
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match:
            made = datetime.strptime(match[1], "%Y-%m-%d-%H%M%S")
            found.append(((made, int(match[2] or 1)), BackupFile(
                path, made, match[3] or match[4] or "", path.stat().st_size)))
    return [file for _, file in sorted(found, key=lambda item: item[0], reverse=True)]


def why_label(why: str) -> str:
    return t(f"tui.backups.{why}") if why in ("", "import", "close", "migrate", "replaced") \
        else why


def restored(chosen: str | Path, ledger: str | Path) -> str:
    """Put the backup `chosen` in place of the ledger once it has passed every check
    (`backup.restore`, in a thread worker: the check reads the whole file), and say what
    was done. A refusal is raised as the core raises it, the ledger untouched."""
    try:
        aside = backup.restore(chosen, ledger)
    finally:
        release()
    path = stores.shown(ledger)
    if aside is None:
        return t("restore_done_new", backup=str(chosen), path=path)
    return t("restore_done", backup=Path(chosen).name, path=path, aside=aside.name)


def confirm_restore(chosen: str | Path, app) -> "ConfirmScreen":
    """The question a restore asks before the open ledger is replaced, naming where the
    ledger as it is now is kept, and any form with unsaved work that the restore would
    close."""
    if stores.is_server(app.db_path):  # dumped into the working folder, as `silk restore`
        kept = str(backups_folder(app.db_path))
    else:
        kept = f"{backup.FOLDER}/"
    text = t("tui.restore.explain", backup=str(chosen), ledger=stores.shown(app.db_path), kept=kept)
    return ConfirmScreen(t("tui.restore.title"), app.with_unsaved_work(text))


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question; Enter or Ctrl+S says yes, Esc no."""

    CSS_PATH = "backups.tcss"
    BINDINGS = [
        Binding("ctrl+s,enter", "dismiss(True)", "tui.key.confirm", key_display="⏎"),
        Binding("escape", "dismiss(False)", "tui.key.cancel"),
    ]

    def __init__(self, title: str, text: str):
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield PlainLabel(self.heading, classes="heading")
            yield PlainStatic(self.text, id="confirm-text")
            yield PlainStatic(t("tui.confirm.keys"), id="confirm-keys")

    def on_mount(self) -> None:
        localize(self)


class BackupsScreen(LedgerScreen):
    """Every backup of the ledger; `n` makes one now, `t` one in a folder or on a USB
    stick chosen (see files.BackupToScreen), Enter restores the one chosen, `f` one
    from a USB stick or a folder chosen (files.RestoreFromScreen)."""

    TITLE_KEY = "tui.screen.backups"
    AUTO_FOCUS = "#backups"
    CSS_PATH = "backups.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("n", "app.backup_now", "tui.key.backup_now"),
        Binding("t", "app.backup_to", "tui.key.backup_to"),
        Binding("f", "app.restore_from", "tui.key.restore_from"),
        Binding("enter", "restore", "tui.key.restore"),
    ]

    class Restored(Message):
        def __init__(self, error: str | None, text: str = ""):
            super().__init__()
            self.error = error
            self.text = text

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(t("tui.backups.head", folder=str(backups_folder(self.app.db_path))),
                          id="backups-head", classes="heading")
        yield PlainTable(id="backups", cursor_type="row", zebra_stripes=True)
        yield PlainStatic("", id="backups-message")
        yield FittingFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#backups", DataTable).focus()

    def state(self) -> tuple:
        return (*super().state(), self.app.backups_made)

    def read(self) -> list[BackupFile]:
        return backup_files(self.app.db_path)

    def show(self, files: list[BackupFile]) -> None:
        table = self.query_one("#backups", DataTable)
        table.clear(columns=True)
        table.add_columns(t("col.when"), t("tui.col.why"), t("tui.col.size"), t("tui.col.file"))
        for file in files:
            table.add_row(file.made.strftime("%Y-%m-%d %H:%M:%S"), why_label(file.why),
                          right(f"{file.size / 1024:,.0f} KB"), file.path.name,
                          key=str(file.path))
        if not files:
            self.query_one("#backups-message", Static).update(t("tui.backups.none"))

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        table = self.query_one("#backups", DataTable)
        if not table.row_count:
            return
        chosen = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self.app.push_screen(confirm_restore(Path(chosen).name, self.app),
                             lambda yes: yes and self._restore(chosen))

    def _restore(self, chosen: str) -> None:
        self.query_one("#backups-message", Static).update(t("tui.restore.working"))
        self._run_restore(chosen)

    @work(thread=True, exclusive=True, group="restore")
    def _run_restore(self, chosen: str) -> None:
        try:
            text = restored(chosen, self.app.db_path)
        except EXPECTED as error:
            self.post_message(self.Restored(problem(error, self.app.db_path)))
            return
        self.post_message(self.Restored(None, text))

    def on_backups_screen_restored(self, message: Restored) -> None:
        if message.error:
            self.query_one("#backups-message", Static).update(message.error)
            self.notify(message.error, severity="error")
            return
        self.app.reopen_ledger(message.text)
