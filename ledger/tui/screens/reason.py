"""A question asked before an act the audit trail must explain (reversing a voucher,
reopening a year): what is acted on, what will happen, the reason and any other field;
a refusal is shown in the box, beside its field when it names one, and nothing is done."""
from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ledger.errors import RecordRefused
from ledger.i18n import t
from ledger.rules import Problem
from ledger.tui.bindings import localize
from ledger.tui.forms.fields import FieldRow
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.plain import PlainLabel, PlainStatic

#: Does the act with the texts typed (`reason` and the other fields); the message to
#: show once done. May raise `Problem` naming a field as `.field`, or RecordRefused.
Act = Callable[[dict[str, str]], str]


class FieldProblem(Exception):
    """A field typed wrong before the act could be tried: its name and the problem."""

    def __init__(self, field: str, refused: Problem):
        super().__init__(field)
        self.field = field
        self.refused = refused


class ReasonScreen(ModalScreen[str | None]):
    """Dismissed with the act's message, or None when cancelled."""

    CSS_PATH = "vouchers.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.confirm", key_display="^s/⏎"),
        Binding("escape", "dismiss(None)", "tui.key.cancel"),
    ]

    def __init__(self, heading: str, what: str, explain: str, act: Act,
                 fields: tuple[tuple[str, str, str], ...] = ()):
        """`fields` beside the reason: (name, label, placeholder)."""
        super().__init__()
        self.heading, self.what, self.explain = heading, what, explain
        self.act = act
        self.fields = fields

    def typed(self) -> bool:
        """A reason typed is work that closing the dialog would lose (see the app's
        `unsaved_work`)."""
        return bool(self.query_one("#field-reason", Input).value.strip())

    def work_name(self) -> str:
        return self.what

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-dialog"):
            yield PlainLabel(self.heading, classes="heading")
            if self.what:
                yield PlainStatic(self.what, id="reason-record")
            yield PlainStatic(self.explain, id="reason-explain")
            yield FieldRow("reason", "", label=t("tui.field.reason"),
                           placeholder=t("tui.reason_placeholder"))
            for name, label, placeholder in self.fields:
                yield FieldRow(name, "", label=label, placeholder=placeholder)
            yield PlainStatic("", id="reason-message")

    def on_mount(self) -> None:
        localize(self)
        self.query_one("#field-reason", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
        message = self.query_one("#reason-message", Static)
        try:
            done = self.act({name: row.input.value for name, row in rows.items()})
        except FieldProblem as wrong:
            rows[wrong.field].show_error(t(wrong.refused.reason, **wrong.refused.params))
            rows[wrong.field].input.focus()
            return
        except RecordRefused as refused:
            for error in refused.errors:
                if error.field in rows:
                    rows[error.field].show_error(t(error.reason, **error.params))
            message.update(refused.message())
            return
        except EXPECTED as error:
            message.update(problem(error))
            if not rows["reason"].input.value.strip():
                rows["reason"].show_error(problem(error))
                rows["reason"].input.focus()
            return
        self.dismiss(done)
