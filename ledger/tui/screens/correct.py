"""Correcting a record: reverse it (红字冲销) or amend it, for a reason.

The modal shows the record as its CSV row would hold it (`ledger.canonical.values`);
amending starts from those values, and only the fields changed are sent to
`ledger.corrections.amend`. A refusal (a closed season, a record already reversed, a
corrected value the rules refuse) is shown in the modal, beside the field when it is
one, and nothing is saved.
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ledger import canonical, corrections, i18n, rules
from ledger.errors import LedgerError, RecordRefused
from ledger.tui.forms import fields
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.forms.fields import FieldRow
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.plain import PlainLabel, PlainStatic


def record_line(values: dict[str, str]) -> str:
    """A record's values on one line: field label and value, the empty ones left out."""
    return " · ".join(f"{i18n.field_label(name)} {value}" for name, value in values.items()
                      if value)


class CorrectScreen(ModalScreen[str | None]):
    """Reverses (`amend=False`) or amends a record; dismissed with the message to show."""

    CSS_PATH = "correct.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.confirm", key_display="^s/⏎"),
        Binding("escape", "dismiss(None)", "tui.key.cancel"),
    ]

    def __init__(self, kind: str, record_id: int, amend: bool = False):
        super().__init__()
        self.kind = kind
        self.record_id = record_id
        self.amend = amend
        self.original = canonical.values(kind, record_id) or {}

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.record_id}"

    def compose(self) -> ComposeResult:
        what = "amend" if self.amend else "reverse"
        with Vertical(id="correct-dialog"):
            yield PlainLabel(t(f"tui.{what}.title", kind=i18n.kind_label(self.kind),
                          id=self.record_id), classes="heading")
            yield PlainStatic(record_line(self.original), id="correct-record")
            yield PlainStatic(t(f"tui.{what}.explain"), id="correct-explain")
            with VerticalScroll(id="correct-fields"):
                if self.amend:
                    for name, value in self.original.items():
                        yield FieldRow(name, value)
                else:
                    yield FieldRow("date", "", label=t("tui.field.reverse_date"),
                                   placeholder=t("tui.reverse_date_placeholder"))
                yield FieldRow("reason", "", label=t("tui.field.reason"),
                               placeholder=t("tui.reason_placeholder"))
            yield PlainStatic("", id="correct-message")
            yield PlainStatic(t("tui.correct.keys"), id="correct-keys")

    def on_mount(self) -> None:
        localize(self)
        if not self.original:
            self.say(t("no_such_record", ref=self.ref))
        self.query_one("#field-reason", Input).focus()

    def say(self, text: str) -> None:
        self.query_one("#correct-message", Static).update(text)

    def changes(self) -> dict[str, str]:
        """The fields typed differently from the record, as typed."""
        changed = {}
        for row in self.query(FieldRow):
            if row.field in self.original and row.input.value.strip() != self.original[row.field]:
                changed[row.field] = row.input.value.strip()
        return changed

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#field-reason", Input).value
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
        try:
            if self.amend:
                changes = self.changes()
                if not changes:
                    self.say(t("tui.amend.nothing"))
                    return
                added = corrections.amend(self.kind, self.record_id, changes, reason)
                done = t("amend_done", ref=self.ref, reversal=f"{self.kind}:{added.reversal}",
                         by=f"{self.kind}:{added.corrected}")
            else:
                try:
                    text = rows["date"].input.value.strip()
                    day = fields.read_value("date", text, None) if text else None
                except rules.Problem as wrong:
                    rows["date"].show_error(i18n.t(wrong.reason, **wrong.params))
                    rows["date"].input.focus()
                    return
                corrections.reverse(self.kind, self.record_id, reason, day)
                reversal = self.app.read_model.journal.reversal_of(self.kind, self.record_id)
                done = t("reverse_done", ref=self.ref, by=f"{self.kind}:{reversal.id}",
                         season=reversal.season, date=reversal.date.isoformat())
        except RecordRefused as refused:
            for error in refused.errors:
                if error.field in rows:
                    rows[error.field].show_error(i18n.t(error.reason, **error.params))
            self.say(refused.message())
            return
        except LedgerError as error:  # said as the TUI's own, where the CLI's names a flag
            text = problem(error)
            self.say(text)
            if error.key == "no_open_season_on":
                rows["date"].show_error(text)
                rows["date"].input.focus()
            elif not reason.strip():
                rows["reason"].show_error(text)
                rows["reason"].input.focus()
            return
        except EXPECTED as error:
            self.say(problem(error))
            if not reason.strip():
                rows["reason"].show_error(problem(error))
                rows["reason"].input.focus()
            return
        self.dismiss(done)
