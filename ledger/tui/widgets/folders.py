"""Choosing a file or a folder from the keyboard: the places to start from (the USB
sticks plugged in, the ledger's folder, the home folder), a path typed with completion,
and the list of the folders (and, for an import, the files) of the folder shown.

Enter on a folder in the list opens it and puts its path in the box; Backspace goes up;
Enter on a file puts the file's path there and tells the screen (`Chosen`), which may
act on it at once (an import's dry run). Enter in the box opens the folder typed, or
tells the screen about the file typed. The screen reads `path` when its key is pressed.

A list of one folder at a time rather than Textual's DirectoryTree: the tree keeps a
worker waiting for folders to load as long as it is shown, which the app's tests (and
anything else waiting for the workers to finish) would wait for forever.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from ledger import drives
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.widgets.plain import PlainOptionList


def complete_path(value: str, folders_only: bool) -> str | None:
    """`value` completed to the first folder (or, unless `folders_only`, file) of its
    folder whose name begins with what follows the last separator; a folder ends in a
    separator, so the next name can be typed at once. None when nothing matches."""
    if not value:
        return None
    head, tail = os.path.split(os.path.expanduser(value))
    try:
        entries = list(os.scandir(head or "."))
    except OSError:
        return None
    fits = []
    for entry in entries:
        if not entry.name.startswith(tail) or entry.name == tail:
            continue
        if entry.name.startswith(".") and not tail.startswith("."):
            continue
        try:
            folder = entry.is_dir()
        except OSError:
            continue
        if folder or not folders_only:
            fits.append((not folder, entry.name.lower(), entry.name, folder))
    if not fits:
        return None
    _, _, name, folder = min(fits)
    return value + name[len(tail):] + (os.sep if folder else "")


class PathSuggester(Suggester):
    """Completes a path as it is typed (→ or End takes the completion)."""

    def __init__(self, folders_only: bool):
        super().__init__(use_cache=False, case_sensitive=True)
        self.folders_only = folders_only

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value, self.folders_only)


@dataclass(frozen=True)
class Place:
    """A folder a choice may start from, as the list of places names it."""

    label: str
    path: Path
    removable: bool = False


def places(ledger_path: str | os.PathLike) -> list[Place]:
    """Where a choice may start: each removable drive plugged in, the ledger's folder
    and the home folder. Reads the file system: called in a worker thread."""
    found = [Place(t("tui.files.drive", name=drive.name or str(drive)), drive, True)
             for drive in drives.removable_drives()]
    found.append(Place(t("tui.files.ledger_folder"), Path(ledger_path).resolve().parent))
    found.append(Place(t("tui.files.home"), Path.home()))
    return found


#: At most this many names of one folder are listed (the first, folders first).
LISTED = 2000


def folder_entries(folder: Path, suffixes: tuple[str, ...] | None
                   ) -> list[tuple[Path, bool]]:
    """(path, is a folder) of what `folder` holds that may be chosen: its folders, and
    the files ending in one of `suffixes` (none when None), folders first, each by name;
    names beginning with a dot are left out. Reads the file system (a worker thread)."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            continue
        if is_folder or (suffixes and os.path.splitext(entry.name)[1].lower() in suffixes):
            found.append((not is_folder, entry.name.lower(), Path(entry.path), is_folder))
    return [(path, is_folder) for _, _, path, is_folder in sorted(found)[:LISTED]]


class FolderList(PlainOptionList):
    """The folders (and files) of one folder, the way up first; Enter opens a folder or
    picks a file, Backspace goes up. Listed in a thread worker, so a slow drive never
    holds the screen."""

    BINDINGS = [Binding("backspace", "up", "tui.key.folder_up")]
    PARENT = ".."

    class Listed(Message):
        def __init__(self, folder: Path, entries: list[tuple[Path, bool]]):
            super().__init__()
            self.folder = folder
            self.entries = entries

    class Opened(Message):
        """A folder (`file` False) or a file picked from the list."""

        def __init__(self, path: Path, file: bool):
            super().__init__()
            self.path = path
            self.file = file

    def __init__(self, folder: Path, suffixes: tuple[str, ...] | None, **kwargs):
        super().__init__(**kwargs)
        self.folder = folder
        self.suffixes = suffixes

    def on_mount(self) -> None:
        localize(self)
        self.open_folder(self.folder)

    def open_folder(self, folder: Path) -> None:
        self.folder = folder
        self._list(folder)

    @work(thread=True, exclusive=True, group="folder-list")
    def _list(self, folder: Path) -> None:
        self.post_message(self.Listed(folder, folder_entries(folder, self.suffixes)))

    def on_folder_list_listed(self, message: Listed) -> None:
        message.stop()
        if message.folder != self.folder:
            return  # another folder was opened meanwhile
        self.clear_options()
        options = []
        if message.folder.parent != message.folder:
            options.append(Option(t("tui.files.parent"), id=self.PARENT))
        options += [Option(f"{path.name}{os.sep}" if is_folder else path.name, id=str(path))
                    for path, is_folder in message.entries]
        self.add_options(options)
        if options:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == self.PARENT:
            self.action_up()
            return
        path = Path(event.option.id)
        if path.is_dir():
            self.open_folder(path)
            self.post_message(self.Opened(path, file=False))
        else:
            self.post_message(self.Opened(path, file=True))

    def action_up(self) -> None:
        parent = self.folder.parent
        if parent != self.folder:
            self.open_folder(parent)
            self.post_message(self.Opened(parent, file=False))


class FolderChooser(Vertical):
    """A place, a path typed, and the list of a folder; `suffixes` are the files offered
    besides the folders (None: folders only)."""

    class Chosen(Message):
        """A folder opened or a file picked (`file`), in the list or typed (`typed`)."""

        def __init__(self, path: Path, file: bool, typed: bool = False):
            super().__init__()
            self.path = path
            self.file = file
            self.typed = typed

    def __init__(self, start: Path, suffixes: tuple[str, ...] | None = None,
                 value: str = "", **kwargs):
        super().__init__(**kwargs)
        self.start = start
        self.suffixes = suffixes
        self.value = value or str(start)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="chooser-row"):
            yield Select([], prompt=t("tui.files.places"), id="chooser-places")
            yield Input(self.value, suggester=PathSuggester(self.suffixes is None),
                        id="chooser-path")
        yield FolderList(self.start, self.suffixes, id="chooser-list")

    def on_mount(self) -> None:
        for widget in self.query("#chooser-places, #chooser-path"):
            localize(widget)

    @property
    def path(self) -> Path | None:
        """The path in the box, or None when it is empty."""
        text = self.query_one("#chooser-path", Input).value.strip()
        return Path(os.path.expanduser(text)) if text else None

    def offer(self, found: list[Place], shown: Path | None = None) -> None:
        """Offer the places found, `shown` (the place the list shows) as the one chosen
        when it is one of them; the list and the path typed stay as they are."""
        select = self.query_one("#chooser-places", Select)
        values = [str(place.path) for place in found]
        with self.prevent(Select.Changed):
            select.set_options([(place.label, str(place.path)) for place in found])
            if shown is not None and str(shown) in values:
                select.value = str(shown)

    def go_to(self, folder: Path) -> None:
        """Show `folder` in the list and its path in the box."""
        self.query_one("#chooser-path", Input).value = str(folder)
        self.query_one(FolderList).open_folder(folder)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.go_to(Path(event.value))
            self.query_one(FolderList).focus()

    def on_folder_list_opened(self, event: FolderList.Opened) -> None:
        event.stop()
        self.query_one("#chooser-path", Input).value = str(event.path)
        self.post_message(self.Chosen(event.path, file=event.file))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = self.path
        if path is None:
            return
        folder = path.is_dir()
        if folder:
            self.query_one(FolderList).open_folder(path)
        self.post_message(self.Chosen(path, file=not folder, typed=True))
