"""First run: name the village and the first season, or open the demo village instead.

Saving is one transaction through the service layer; a refusal shows why and keeps
what was typed, and a busy or read-only ledger gets a message with nothing written.
The dates are read as the entry forms read them (`ledger.entry_dates`: 2027-05-20,
2027年5月20日, 5-20); the first season proposed is the next rearing round
(`ledger.rearing`). Every field is one line, so the whole screen, its buttons too, fits
80×24; Ctrl+S and Ctrl+D work from any field.
"""
from __future__ import annotations

from datetime import date

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from ledger import book, db, rearing
from ledger.browse import release
from ledger.entry_dates import read_entry_date
from ledger.i18n import t
from ledger.errors import RecordRefused
from ledger.rules import Problem
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainLabel, PlainStatic
from ledger.tui.textual_compat import SteadyHeader

FIELDS = ("village", "collective", "season_code", "season_name", "start", "end")
DATES = ("start", "end")
#: The season record's field behind each set-up field, to put a refusal beside it.
SEASON_FIELDS = {"code": "season_code", "name": "season_name", "start": "start", "end": "end"}


def defaults(today: date | None = None) -> dict[str, str]:
    """The fields as the screen opens: the next rearing round as the first season."""
    season = rearing.next_round(today or date.today())
    return {"village": "", "collective": "", "season_code": season.code,
            "season_name": t(season.round.key), "start": season.start.isoformat(),
            "end": season.end.isoformat()}


class SetupScreen(Screen[bool]):
    """Dismisses with True once the ledger has a village and a season (or the demo)."""

    CSS_PATH = "setup.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save"),
        # before the field with the cursor, which would take Ctrl+D as "delete right"
        Binding("ctrl+d", "demo", "tui.key.demo", priority=True),
        # Esc quits on starting; after a switch to a new village's empty ledger it goes
        # back to the village open before (one of the two shows, see check_action)
        Binding("escape", "leave", "tui.key.quit"),
        Binding("escape", "back", "tui.key.back"),
    ]

    def __init__(self, back_to: str | None = None):
        super().__init__()
        #: The ledger code of the village open before a switch to this empty ledger.
        self.back_to = back_to
        #: Whether the demo is being written into the ledger (a worker thread).
        self.building = False

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "leave":
            return self.back_to is None
        if action == "back":
            if self.back_to is None:
                return False
            # shown but disabled while the demo is written into this ledger, in a thread
            # of its own, through the one connection a switch would rebind elsewhere
            return None if self.building else True
        return True

    def action_leave(self) -> None:
        if self.back_to is not None:
            raise SkipAction()
        self.app.exit()

    def action_back(self) -> None:
        """Back to the village open before, this empty ledger left as it is."""
        if self.back_to is None:
            raise SkipAction()
        if self.building:
            return
        back_to = self.back_to
        self.dismiss(False)
        self.app.call_later(self.app.switch_ledger, back_to)

    class DemoBuilt(Message):
        def __init__(self, error: str | None):
            super().__init__()
            self.error = error

    def compose(self) -> ComposeResult:
        values = defaults()
        yield SteadyHeader()
        with VerticalScroll(id="setup", can_focus=False):
            yield PlainStatic(t("tui.setup.intro"), id="setup-intro")
            for name in FIELDS:
                with Horizontal(classes="setup-row"):
                    yield PlainLabel(t(f"tui.setup.{name}"), classes="setup-label")
                    yield Input(values[name], id=f"setup-{name}", classes="setup-input",
                                placeholder=t("tui.setup.date_hint") if name in DATES else "")
                    yield PlainStatic("", id=f"setup-{name}-error", classes="setup-field-error")
            yield PlainStatic("", id="setup-error")
            with Horizontal(id="setup-buttons"):
                yield Button(t("tui.setup.save"), id="setup-save", variant="primary")
                yield Button(t("tui.setup.demo"), id="setup-demo")
        yield FittingFooter()

    def on_mount(self) -> None:
        localize(self)
        self.title = t("tui.screen.setup")
        self.query_one("#setup-village", Input).focus()

    def value(self, name: str) -> str:
        return self.query_one(f"#setup-{name}", Input).value.strip()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "setup-save":
            self.action_save()
        else:
            self.action_demo()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A field typed in again: what was said about it no longer holds."""
        name = (event.input.id or "").removeprefix("setup-")
        if name in FIELDS:
            self.beside(name, "")
            self.query_one("#setup-error", Static).update("")

    def beside(self, name: str, text: str) -> None:
        self.query_one(f"#setup-{name}-error", Static).update(text)

    def action_save(self) -> None:
        error = self.query_one("#setup-error", Static)
        error.update("")
        for name in FIELDS:
            self.beside(name, "")
        dates = self.dates()  # each field's problem marked at once, the first focused
        if not self.value("village"):
            self.beside("village", t("tui.setup.need_village"))
            self.query_one("#setup-village", Input).focus()
            return
        if dates is None:
            return
        try:
            book.set_up(self.value("village"), self.value("collective"),
                        {"code": self.value("season_code"), "name": self.value("season_name"),
                         **dates})
        except RecordRefused as refused:
            placed = [e for e in refused.errors if e.field in SEASON_FIELDS]
            for field_error in placed:
                self.beside(SEASON_FIELDS[field_error.field],
                            t(field_error.reason, **field_error.params))
            error.update("\n".join(e.message() for e in refused.errors if e not in placed))
            if placed:
                self.query_one(f"#setup-{SEASON_FIELDS[placed[0].field]}", Input).focus()
            return
        except EXPECTED as failure:
            text = problem(failure, self.app.db_path)
            error.update(text)
            self.notify(text, severity="error")
            return
        self.notify(t("tui.setup.done", village=self.value("village")))
        self.dismiss(True)

    def dates(self) -> dict[str, str] | None:
        """The start and end as the rules take them, read as a form reads a date; or
        None, once each unreadable one is marked."""
        read: dict[str, str] = {}
        for name in DATES:
            try:
                read[name] = read_entry_date(self.value(name)).isoformat()
            except Problem as problem:
                self.beside(name, t(problem.reason, **problem.params))
        unread = [name for name in DATES if name not in read]
        if unread:
            self.query_one(f"#setup-{unread[0]}", Input).focus()
            return None
        return read

    def action_demo(self) -> None:
        self.building = True
        self.refresh_bindings()
        self.query_one("#setup-error", Static).update(t("tui.setup.building"))
        self._build_demo()

    @work(thread=True, exclusive=True, group="demo")
    def _build_demo(self) -> None:
        from ledger import demo

        try:
            demo.generate()
            self.post_message(self.DemoBuilt(None))
        except EXPECTED as failure:
            self.post_message(self.DemoBuilt(problem(failure, self.app.db_path)))
        finally:
            release()

    def on_setup_screen_demo_built(self, message: DemoBuilt) -> None:
        self.building = False
        self.refresh_bindings()
        if message.error:
            self.query_one("#setup-error", Static).update(message.error)
            self.notify(message.error, severity="error")
            return
        self.notify(t("tui.setup.done", village=db.get_meta("village")))
        self.dismiss(True)
