"""Files in and out of the ledger from the terminal UI: importing (`silk import`) and
exporting (`silk export`), through the same functions as the command line.

An import always runs its dry run first (`csv_import.review`: the import done and
rolled back), lists what it would add or every problem as `FILE:LINE: column: reason` in
the reader's language, and only a clean dry run of the very file chosen may be imported,
after a confirmation, in one transaction with a backup made first
(`backup.automatic`), as `silk import` does. A refusal, of the dry run or of the import
itself, writes nothing and says so.

A backup is restored from a USB stick or a folder chosen as one from the list of
backups is: checked first (`backup.restore`), after a confirmation, and then the app
reopens the ledger.

An export writes into the folder chosen (a USB stick too) under a new dated name, never
over a file: a folder of canonical CSV files, an hledger or Beancount journal, or a
workbook; the message names the full path.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Select

from ledger import backup, i18n, stores
from ledger.browse import release
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.i18n import t
from ledger.io import csv_import, export, sources
from ledger.kinds import FILE_KINDS
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.backups import ConfirmScreen, confirm_restore, restored
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.widgets.folders import FolderChooser, Place, places
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainStatic

#: Reasons of the core whose words name a command-line option, said for the screen.
SCREEN_REASONS = {"import_duplicate_row": "tui.import.duplicate_row"}


def shown_where(where: str, base: Path | None) -> str:
    """A problem's FILE:LINE, the file named from the folder chosen (`售茧.csv:12`)
    rather than by its whole path, when it lies in it."""
    if base is not None and base.is_dir():
        prefix = str(base).rstrip("/\\") + os.sep
        if where.startswith(prefix):
            return where[len(prefix):]
    return where


def problem_line(found: FieldError | LedgerError, base: Path | None = None) -> str:
    """One problem as `FILE:LINE: column: reason`, in the reader's language."""
    if isinstance(found, LedgerError):
        return found.message()
    reason = t(SCREEN_REASONS.get(found.reason, found.reason), **found.params)
    if not found.where:
        return f"{i18n.kind_label(found.kind)}: {i18n.field_label(found.field)}: {reason}"
    return f"{shown_where(found.where, base)}: {found.field}: {reason}"


def counts_text(counts: Counter | dict) -> str:
    """`售茧 3 条、桑叶供应 2 条`: the records by kind, in the order they are imported."""
    parts = [t("tui.import.count", kind=i18n.kind_label(kind.name), count=counts[kind.name])
             for kind in FILE_KINDS if counts.get(kind.name)]
    return ("、" if i18n.language() == "zh" else ", ").join(parts)


class FilesScreen(LedgerScreen):
    """What the import, export and backup screens share: a place, a path, the list of
    a folder, a message."""

    CSS_PATH = "files.tcss"
    AUTO_FOCUS = "#chooser-list"
    #: The screen's own keys, Esc and Ctrl+S (each subclass's BINDINGS): the footer keeps
    #: them however narrow it is (see FittingFooter).
    FOOTER_KEEPS: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.FOOTER_KEEPS = tuple(binding.action for binding in cls.__dict__.get("BINDINGS", ())
                                 if isinstance(binding, Binding))

    #: The files the list offers besides folders (None: folders only).
    SUFFIXES: tuple[str, ...] | None = None

    def __init__(self, start: Path | None = None, **kwargs):
        super().__init__(**kwargs)
        self.start = start
        #: What the path box held when the screen was last composed (kept over a redo).
        self.typed = ""
        #: What the message line says, as a function of the language (kept over a redo).
        self.message = lambda: ""

    def start_folder(self) -> Path:
        return self.start or stores.files_folder(self.app.db_path)

    def chooser(self) -> ComposeResult:
        """The chooser, showing the folder of what was typed before a redo, if any."""
        start = self.start_folder()
        if self.typed:
            typed = Path(self.typed)
            folder = typed if typed.is_dir() else typed.parent
            start = folder if folder.is_dir() else start
        yield FolderChooser(start, self.suffixes(), value=self.typed, id="chooser")

    def suffixes(self) -> tuple[str, ...] | None:
        return self.SUFFIXES

    def read(self) -> list[Place]:
        return places(self.app.db_path)

    def show(self, found: list[Place]) -> None:
        """The places, the one showing chosen among them (if it is one)."""
        chooser = self.query_one(FolderChooser)
        chooser.offer(found, chooser.path or self.start_folder())
        self.say(self.message)

    async def redo(self) -> None:
        found = self.query(FolderChooser)
        if found:
            path = found.first().path
            self.typed = str(path) if path else ""
        await super().redo()

    def open_on_drive(self, found: list[Place]) -> None:
        """Open the list on the first USB stick plugged in, unless a folder was chosen
        already (a screen redone for a switch of language keeps it)."""
        if self.start is None and not self.typed:
            drive = next((place.path for place in found if place.removable), None)
            if drive is not None:
                self.start = drive
                self.query_one(FolderChooser).go_to(drive)

    def say(self, message) -> None:
        """The message line: `message()` gives it in the language of the moment."""
        self.message = message
        self.show_detail("#files-message", message())


class ImportScreen(FilesScreen):
    """Choose a file or folder; its dry run lists the problems; Ctrl+S imports it."""

    TITLE_KEY = "tui.screen.import"
    SUFFIXES = sources.SUFFIXES
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("ctrl+s", "run_import", "tui.key.import", key_display="^s"),
    ]

    class Reviewed(Message):
        def __init__(self, key: tuple, review: csv_import.Review | None, error: str = ""):
            super().__init__()
            self.key = key
            self.review = review
            self.error = error

    class Imported(Message):
        def __init__(self, path: Path, counts: Counter | None, problems: list,
                     error: str = ""):
            super().__init__()
            self.path = path
            self.counts = counts
            self.problems = problems
            self.error = error

    def __init__(self, start: Path | None = None, **kwargs):
        super().__init__(start, **kwargs)
        #: The last dry run: (path, duplicates allowed) and its review.
        self.reviewed: tuple[tuple, csv_import.Review | None] | None = None
        self.allow_duplicates = False
        self.busy = False
        self.problems: list = []
        self.problem_total = 0

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(t("tui.import.explain"), id="files-explain")
        yield from self.chooser()
        with VerticalScroll(id="files-result"):
            yield PlainStatic("", id="files-message")
            yield PlainStatic("", id="files-problems")
        with Horizontal(id="files-options"):
            yield Checkbox(t("tui.import.duplicates"), self.allow_duplicates,
                           id="import-duplicates")
        yield FittingFooter()

    def on_mount(self) -> None:
        super().on_mount()
        localize(self.query_one(Checkbox))

    def show(self, found) -> None:
        super().show(found)
        self.list_problems(self.problems, self.problem_total)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.allow_duplicates = event.value

    def chosen_key(self) -> tuple | None:
        """What a dry run is of: the path chosen and whether duplicates are allowed."""
        path = self.query_one(FolderChooser).path
        return (str(path.resolve()), self.allow_duplicates) if path else None

    def on_folder_chooser_chosen(self, event: FolderChooser.Chosen) -> None:
        if event.file or event.typed:
            self.dry_run()

    def dry_run(self) -> None:
        if self.busy:
            return  # (an import under way: its outcome comes first)
        key = self.chosen_key()
        if key is None:
            self.say(lambda: t("tui.files.choose_first"))
            return
        path = key[0]
        self.reviewed = None
        self.list_problems([])
        self.say(lambda: t("tui.import.checking", path=path))
        self._review(key)

    @work(thread=True, exclusive=True, group="import")
    def _review(self, key: tuple) -> None:
        options = csv_import.Options(allow_duplicates=key[1])
        try:
            review = csv_import.review([key[0]], options)
        except EXPECTED as error:
            self.post_message(self.Reviewed(key, None, problem(error, self.app.db_path)))
            return
        finally:
            release()
        self.post_message(self.Reviewed(key, review))

    def on_import_screen_reviewed(self, message: Reviewed) -> None:
        if message.key != self.chosen_key():
            return  # another file was chosen meanwhile: its own dry run follows
        self.reviewed = (message.key, message.review)
        review, path = message.review, message.key[0]
        if review is None:
            error = message.error
            self.list_problems([])
            self.say(lambda: t("tui.import.refused", path=path, count=1) + "\n" + error)
        elif review.clean:
            counts, total = review.would_add, sum(review.would_add.values())
            self.list_problems([])
            self.say(lambda: t("tui.import.would_add", path=path, counts=counts_text(counts),
                               count=total) if total else t("tui.import.nothing", path=path))
        else:
            self.list_problems(review.problems, review.total)
            self.say(lambda: t("tui.import.refused", path=path, count=review.total))

    def list_problems(self, problems: list, total: int | None = None) -> None:
        """Every problem one a line, the file named from the folder chosen (or from
        the folder of the file chosen)."""
        total = len(problems) if total is None else total
        self.problems, self.problem_total = problems, total
        path = self.query_one(FolderChooser).path if self.is_mounted else None
        base = None if path is None else path if path.is_dir() else path.parent
        lines = [problem_line(found, base) for found in problems]
        if total > len(problems):
            lines.append(t("more_problems", count=total - len(problems)))
        self.show_detail("#files-problems", "\n".join(lines))

    def action_run_import(self) -> None:
        """The dry run first; the import once it is clean and confirmed."""
        if self.busy:
            return
        key = self.chosen_key()
        if self.reviewed is None or self.reviewed[0] != key:
            self.dry_run()
            return
        review = self.reviewed[1]
        if review is None or not review.clean:
            self.notify(t("tui.import.has_problems"), severity="warning")
            return
        total = sum(review.would_add.values())
        if not total:
            self.notify(t("tui.import.nothing", path=key[0]), severity="warning")
            return
        self.app.push_screen(
            ConfirmScreen(t("tui.import.confirm_title"),
                          t("tui.import.confirm", count=total, path=key[0],
                            ledger=self.app.db_path)),
            lambda yes: yes and self._start_import(key))

    def _start_import(self, key: tuple) -> None:
        self.busy = True
        self.say(lambda: t("tui.import.working", path=key[0]))
        self._import(key)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, key: tuple) -> None:
        path = Path(key[0])
        options = csv_import.Options(allow_duplicates=key[1])
        try:
            with backup.automatic(self.app.db_path, "import"):
                counts = csv_import.import_files([path], options)
        except RecordRefused as refused:
            self.post_message(self.Imported(path, None, refused.errors))
        except EXPECTED as error:
            self.post_message(self.Imported(path, None, [], problem(error, self.app.db_path)))
        else:
            self.post_message(self.Imported(path, counts, []))
        finally:
            release()

    def on_import_screen_imported(self, message: Imported) -> None:
        self.busy = False
        self.reviewed = None  # the same file again is dry-run again (its rows are in now)
        if message.counts is None:
            error = message.error
            self.list_problems(message.problems)
            self.say(lambda: "\n".join(filter(None, [t("tui.import.failed"), error])))
            self.notify(t("tui.import.failed"), severity="error")
            return
        counts, path = message.counts, str(message.path)
        self.list_problems([])
        text = lambda: t("tui.import.done", path=path, counts=counts_text(counts),  # noqa: E731
                         count=sum(counts.values()))
        self.say(text)
        self.notify(text(), timeout=10)
        self.app.records_changed()


class ExportScreen(FilesScreen):
    """Choose the format and the folder; Ctrl+S writes the export there."""

    TITLE_KEY = "tui.screen.export"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("ctrl+s", "export", "tui.key.export", key_display="^s"),
    ]

    class Exported(Message):
        def __init__(self, text, ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, start: Path | None = None, **kwargs):
        super().__init__(start, **kwargs)
        self.form = "csv"
        self.busy = False

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(t("tui.export.explain"), id="files-explain")
        with Horizontal(id="export-format-row"):
            yield PlainStatic(t("tui.export.format"), id="export-format-label")
            yield Select([(t(f"tui.export.{form}"), form) for form in export.FORMATS],
                         value=self.form, allow_blank=False, id="export-format")
        yield from self.chooser()
        with VerticalScroll(id="files-result"):
            yield PlainStatic("", id="files-message")
        yield FittingFooter()

    def on_mount(self) -> None:
        super().on_mount()
        localize(self.query_one("#export-format", Select))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-format" and isinstance(event.value, str):
            self.form = event.value

    def target(self, folder: Path, now: datetime | None = None) -> Path:
        """A new name in `folder` for the export, dated, numbered if taken."""
        stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
        stem, suffix = t("tui.export.name", stamp=stamp), export.SUFFIXES[self.form]
        path, number = folder / f"{stem}{suffix}", 1
        while path.exists():
            number += 1
            path = folder / f"{stem}-{number}{suffix}"
        return path

    def action_export(self) -> None:
        if self.busy:
            return
        folder = self.query_one(FolderChooser).path
        if folder is None:
            self.say(lambda: t("tui.files.choose_first"))
            return
        if not folder.is_dir():
            self.say(lambda: t("tui.files.no_folder", path=str(folder)))
            return
        path = self.target(folder.resolve())
        self.busy = True
        self.say(lambda: t("tui.export.working", path=str(path)))
        self._export(path, self.form)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, form: str) -> None:
        try:
            count = export.export(path, form)
            kept = export.reversals_kept() if form == "csv" else 0
        except EXPECTED as error:
            text = problem(error, self.app.db_path)
            self.post_message(self.Exported(lambda: text, False))
            return
        finally:
            release()
        key = {"csv": "tui.export.csv_done", "xlsx": "tui.export.xlsx_done"}.get(
            form, "tui.export.journal_done")
        self.post_message(self.Exported(lambda: "\n".join(filter(None, [
            t(key, path=str(path), count=count),
            t("tui.export.reversals_kept", count=kept) if kept else ""])), True))

    def on_export_screen_exported(self, message: Exported) -> None:
        self.busy = False
        self.say(message.text)
        self.notify(message.text(), severity="information" if message.ok else "error",
                    timeout=10)


class DriveFolderScreen(FilesScreen):
    """A screen that does one thing with a folder or a file, on a USB stick as readily
    as beside the ledger: it opens on the first stick plugged in, says what it is for
    (`EXPLAIN_KEY`), and on Ctrl+S does `act` in a thread worker, one at a time, then
    says how it went (`done`). Backing up to a folder and restoring from one are two."""

    EXPLAIN_KEY = ""

    class Done(Message):
        def __init__(self, text: str, ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, start: Path | None = None, **kwargs):
        super().__init__(start, **kwargs)
        self.busy = False

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(self.explained(), id="files-explain")
        yield from self.chooser()
        with VerticalScroll(id="files-result"):
            yield PlainStatic("", id="files-message")
        yield FittingFooter()

    def explained(self) -> str:
        return t(self.EXPLAIN_KEY)

    def show(self, found: list[Place]) -> None:
        self.open_on_drive(found)
        super().show(found)

    def begin(self, working: Callable[[], str], chosen: Path) -> None:
        """Say `working` and do `act` on the folder or file `chosen`."""
        if self.busy or not self.is_attached:
            return
        self.busy = True
        self.say(working)
        self._act(chosen)

    @work(thread=True, exclusive=True, group="drive-folder")
    def _act(self, chosen: Path) -> None:
        try:
            self.post_message(self.Done(self.act(chosen), True))
        except EXPECTED as error:
            self.post_message(self.Done(problem(error, self.app.db_path), False))
        finally:
            release()

    def act(self, chosen: Path) -> str:
        """Do the screen's one thing (in a worker thread); what to say it did."""
        raise NotImplementedError

    def on_drive_folder_screen_done(self, message: Done) -> None:
        self.busy = False
        self.done(message.text, message.ok)

    def done(self, text: str, ok: bool) -> None:
        """Say how it went, on the screen and in a notification."""
        self.say(lambda: text)
        self.notify(text, severity="information" if ok else "error", timeout=10)


class BackupToScreen(DriveFolderScreen):
    """Choose a folder or a USB stick; Ctrl+S backs the ledger up into it, as `silk
    backup FOLDER` does: a dated copy, as of one commit, read back before it is named."""

    TITLE_KEY = "tui.screen.backup_to"
    EXPLAIN_KEY = "tui.backup_to.explain"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("ctrl+s", "back_up", "tui.key.backup_here", key_display="^s"),
    ]

    def action_back_up(self) -> None:
        if self.busy:
            return
        folder = self.query_one(FolderChooser).path
        if folder is None:
            self.say(lambda: t("tui.files.choose_first"))
            return
        if not folder.is_dir():
            self.say(lambda: t("tui.files.no_folder", path=str(folder)))
            return
        self.begin(lambda: t("tui.backup_to.working", path=str(folder)), folder)

    def act(self, chosen: Path) -> str:
        return str(backup.backup(self.app.db_path, chosen))

    def done(self, text: str, ok: bool) -> None:
        if ok:
            ledger, made = stores.shown(self.app.db_path), text
            self.say(lambda: t("backup_done", ledger=ledger, path=made))
            self.notify(self.message(), timeout=10)
        else:
            super().done(text, ok)


class RestoreFromScreen(DriveFolderScreen):
    """Choose a backup on a USB stick or in a folder; once confirmed, it is checked and
    put in place of the open ledger, as a backup from the list is (`backup.restore`:
    a file that is no sound ledger is refused, the ledger untouched, and the ledger it
    replaces is kept in backups/)."""

    TITLE_KEY = "tui.screen.restore_from"
    EXPLAIN_KEY = "tui.restore_from.explain"
    SUFFIXES = (".db",)
    #: A ledger on a server is restored from pg_dump's SQL or its custom archive.
    SERVER_SUFFIXES = (".sql", ".dump")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("ctrl+s", "restore", "tui.key.restore", key_display="^s"),
    ]

    def suffixes(self) -> tuple[str, ...]:
        return self.SERVER_SUFFIXES if stores.is_server(self.app.db_path) else self.SUFFIXES

    def explained(self) -> str:
        return t(self.EXPLAIN_KEY, kind=self.suffixes()[0])

    def on_folder_chooser_chosen(self, event: FolderChooser.Chosen) -> None:
        if event.file:
            self.action_restore()

    def action_restore(self) -> None:
        if self.busy:
            return
        chosen = self.query_one(FolderChooser).path
        if chosen is None or not chosen.is_file():
            self.say(lambda: t("tui.restore_from.choose_file", kind=self.suffixes()[0]))
            return
        chosen = chosen.resolve()
        self.app.push_screen(confirm_restore(chosen, self.app),
                             lambda yes: yes and self.begin(
                                 lambda: t("tui.restore.working"), chosen))

    def act(self, chosen: Path) -> str:
        return restored(chosen, self.app.db_path)

    def done(self, text: str, ok: bool) -> None:
        if ok:
            self.app.reopen_ledger(text)
        else:
            super().done(text, ok)
