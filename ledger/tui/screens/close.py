"""Closing a season (结账) and reopening it, each confirmed in a modal first.

Closing runs `check` over the whole ledger and makes an automatic backup, so it runs in
a thread worker; a refusal (the check's findings, an earlier season still open) is
shown in the modal and nothing changes. Reopening asks for the reason the audit trail
keeps.
"""
from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ledger import closing
from ledger.browse import Season, release
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.plain import PlainLabel, PlainStatic


class SeasonModal(ModalScreen[str | None]):
    """A confirmation for one season; dismissed with the message to show, or None."""

    CSS_PATH = "close.tcss"
    BINDINGS = [
        Binding("ctrl+s", "confirm", "tui.key.confirm", key_display="^s/⏎"),
        Binding("escape", "dismiss(None)", "tui.key.cancel"),
    ]

    class Done(Message):
        """The worker's outcome: `ok` and the message, or a refusal and its findings."""

        def __init__(self, ok: bool, text: str, findings: list[str] | None = None):
            super().__init__()
            self.ok = ok
            self.text = text
            self.findings = findings or []

    def __init__(self, season: Season):
        super().__init__()
        self.season = season
        self.busy = False

    def on_mount(self) -> None:
        localize(self)

    def say(self, text: str, findings: list[str] = ()) -> None:
        """A refusal, in the modal, with the findings that caused it one a line."""
        self.query_one("#season-message", Static).update(text)
        listing = self.query_one("#season-findings", Static)
        listing.update("\n".join(f"· {finding}" for finding in findings[:100]))
        listing.display = bool(findings)

    def action_confirm(self) -> None:
        if not self.busy:
            self.busy = True
            self.query_one("#season-message", Static).update(t("tui.working"))
            self.run()

    def run(self) -> None:
        raise NotImplementedError

    def on_season_modal_done(self, message: Done) -> None:
        self.busy = False
        if message.ok:
            self.dismiss(message.text)
        else:
            self.say(message.text, message.findings)


class CloseScreen(SeasonModal):
    """结账: locks the season once `check` passes."""

    def compose(self) -> ComposeResult:
        with Vertical(id="season-dialog"):
            yield PlainLabel(t("tui.close.title", season=self.season.code, name=self.season.name),
                        classes="heading")
            yield PlainStatic(t("tui.close.explain"), id="season-explain")
            yield PlainStatic("", id="season-message")
            with VerticalScroll(id="season-findings-box"):
                yield PlainStatic("", id="season-findings")
            yield PlainStatic(t("tui.close.keys"), id="season-keys")

    def on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            self.action_confirm()

    @work(thread=True, exclusive=True, group="season")
    def run(self) -> None:
        try:
            season = closing.close(self.season.code)
        except closing.CheckFailed as refused:
            findings = [finding.message() for finding in refused.findings]
            self.post_message(self.Done(False, refused.message(), findings))
        except EXPECTED as error:
            self.post_message(self.Done(False, problem(error)))
        else:
            self.post_message(self.Done(True, t("close_done", season=season.code)))
        finally:
            release()


class ReopenScreen(SeasonModal):
    """反结账: reopens the latest closed season, for a reason kept in the audit trail."""

    def compose(self) -> ComposeResult:
        with Vertical(id="season-dialog"):
            yield PlainLabel(t("tui.reopen.title", season=self.season.code, name=self.season.name),
                        classes="heading")
            yield PlainStatic(t("tui.reopen.explain"), id="season-explain")
            yield PlainLabel(t("tui.field.reason"))
            yield Input(id="season-reason", placeholder=t("tui.reason_placeholder"))
            yield PlainStatic("", id="season-message")
            with VerticalScroll(id="season-findings-box"):
                yield PlainStatic("", id="season-findings")
            yield PlainStatic(t("tui.reopen.keys"), id="season-keys")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#season-reason", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        """Reopening is quick: done in the UI, so the refusal shows at once."""
        reason = self.query_one("#season-reason", Input).value
        try:
            season = closing.reopen(self.season.code, reason)
        except EXPECTED as error:
            self.say(problem(error))
            self.query_one("#season-reason", Input).focus()
            return
        self.dismiss(t("reopen_done", season=season.code))
