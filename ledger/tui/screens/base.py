"""What every browsing screen shares: it follows the app's season and language, reads
its figures in a thread worker, and opens the entry forms for the record it shows.

A screen implements `read()` (runs in a worker thread, returns plain data from
`ledger.browse`) and `show(data)` (runs in the UI with what `read` returned).
"""
from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.css.query import NoMatches
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ledger import i18n
from ledger.browse import ReadModel, Season, release
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.paged_table import PagedTable, row_value


class LedgerScreen(Screen):
    #: The text key of the screen's name, shown in the header.
    TITLE_KEY = "tui.title"

    class Loaded(Message):
        def __init__(self, screen: "LedgerScreen", data: Any):
            super().__init__()
            self.screen_ = screen
            self.data = data

    class ReadFailed(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shown_as: tuple | None = None
        #: Whether a redo is under way: another one waits for it (see `redo`).
        self.redoing = False

    @property
    def season(self) -> Season | None:
        return self.app.season

    @property
    def read_model(self) -> ReadModel:
        """What the screen reads the ledger through: the app's."""
        return self.app.read_model

    def state(self) -> tuple:
        """What the screen's content depends on: when it changes, the screen is redone."""
        season = self.season
        return (season.id if season else None, i18n.language(), self.app.changes)

    def show_detail(self, selector: str, text: str) -> None:
        """Write the line under a list; a table's late message can arrive while the
        screen is being taken down, when there is no line left to write to."""
        try:
            self.query_one(selector, Static).update(text)
        except NoMatches:
            pass

    def on_mount(self) -> None:
        localize(self)
        self.title = t(self.TITLE_KEY)
        self.load()

    async def on_screen_resume(self) -> None:
        look = getattr(self.app, "look_for_writes", None)
        if look is not None and self.shown_as is not None:
            look(reload=False)  # what another accountant wrote meanwhile
        if self.shown_as is not None and self.shown_as != self.state():
            await self.redo()

    async def redo(self) -> None:
        """Relabel everything in the current language and read the figures again.
        A screen closed meanwhile (Esc came while it was being redone) is left as it
        is: Textual composes nothing into a screen no longer shown. Two redos never
        overlap (the language switched twice in a row): the header being replaced by
        the first would be told the title of the second; the later change is redone
        after, if the screen still does not show it."""
        if self.redoing:
            return
        self.redoing = True
        try:
            while self.is_attached and self.shown_as != self.state():
                self.shown_as = self.state()
                localize(self)
                await self.recompose()
                if not self.is_attached:
                    return
                self.title = t(self.TITLE_KEY)  # (told to the new header, not the old)
                if self.AUTO_FOCUS:
                    found = self.query(self.AUTO_FOCUS)
                    self.set_focus(found.first() if found else None)
                self.load()
        finally:
            self.redoing = False

    def reopened(self) -> None:
        """The ledger was opened afresh under the screen (a backup restored, another
        village): forget what the screen said about the one before. Its figures are
        read again as it is redone."""

    def load(self) -> None:
        self.shown_as = self.state()
        self._read()

    @work(thread=True, exclusive=True, group="screen")
    def _read(self) -> None:
        try:
            data = self.read()
        except EXPECTED as error:
            self.post_message(self.ReadFailed(problem(error)))
            return
        finally:
            release()  # this worker thread's connection
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(self, data))

    def read(self) -> Any:
        return None

    def show(self, data: Any) -> None:
        pass

    def on_ledger_screen_loaded(self, message: Loaded) -> None:
        # Figures read before a redo, arriving while it recomposes, are dropped: the
        # widgets to show them in are being replaced, and the redo reads them again.
        if message.screen_ is self and not self.redoing:
            self.show(message.data)

    def on_ledger_screen_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, severity="error")

    # -- adding records through the entry forms ---------------------------------------
    def add_record(self, kind: str, preset: dict[str, str] | None = None) -> None:
        self.app.add_record(kind, preset)

    # -- changing master data in place (ledger.masterdata) ---------------------------
    def edit_master(self, kind: str, code: str) -> None:
        self.app.edit_master(kind, code)


class ListScreen(LedgerScreen):
    """A screen whose list (a PagedTable) opens the row chosen: Enter on the row under
    the cursor, or a click. A list says what opening a row's key does."""

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(row_value(event))

    def action_open(self) -> None:
        self.open(self.query_one(PagedTable).current_key)

    def open(self, key: str | None) -> None:
        raise NotImplementedError
