"""Changing master data in place: a household's name, group, phone and shares; a
partner; a season's name and dates; a batch's sheets, breed and its mount and harvest
dates, which come weeks after the batch was made at hatching.

The form adds no rule: `ledger.masterdata.edit` judges the change as a new row would be
judged, refuses what would change a closed season's figures, and enters the old and new
values, who and why in the audit trail. A refusal marks the fields and keeps the form.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer

from ledger import i18n, masterdata
from ledger.errors import LedgerError, RecordRefused
from ledger.tui.forms.base import FormScreen
from ledger.tui.forms.fields import DATE_FIELDS, FieldRow
from ledger.tui.safety import problem
from ledger.tui.widgets.plain import PlainStatic


class EditForm(FormScreen):
    """Edits one household, partner, season or batch; dismissed with what changed
    ({field: (old, new)}), or None."""

    CSS_PATH = "edit.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s/⏎"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("tab", "app.focus_next", "form.next", key_display="tab"),
    ]

    def __init__(self, kind: str, code: str):
        super().__init__()
        self.kind = kind
        self.code = code
        self.before = masterdata.current(kind, code)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield PlainStatic(i18n.t("edit.title", kind=i18n.kind_label(self.kind),
                                     code=self.code), id="title")
            with VerticalScroll(id="fields"):
                for name, value in self.before.items():
                    yield FieldRow(name, value, placeholder=i18n.t("form.date_placeholder")
                                   if name in DATE_FIELDS else "")
                yield FieldRow("reason", "", label=i18n.t("tui.field.reason"),
                               placeholder=i18n.t("tui.reason_placeholder"))
            yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("form.keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FieldRow).input.focus()

    def _typed(self) -> dict[str, str]:
        return {row.field: row.input.value.strip() for row in self.query(FieldRow)}

    def changes(self) -> dict[str, str]:
        typed = self._typed()
        return {name: typed[name] for name, value in self.before.items()
                if typed[name] != value}

    def typed(self) -> bool:
        return bool(self.changes()) or bool(self._typed().get("reason"))

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
        changes = self.changes()
        if not changes:
            self._say(i18n.t("tui.amend.nothing"), error=True)
            return
        try:
            changed = self.save_with(
                lambda: masterdata.edit(self.kind, self.code, changes,
                                        rows["reason"].input.value),
                self._refused)
        except LedgerError as error:  # no reason given, a code gone meanwhile
            text = problem(error)
            self._say(text, error=True)
            rows["reason"].show_error(text)
            rows["reason"].input.focus()
            return
        if changed is not None:
            self.dismiss(changed)

    def _refused(self, refused: RecordRefused) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for error in refused.errors:
            if error.field in rows:
                rows[error.field].show_error(i18n.t(error.reason, **error.params))
        self._say(refused.message(), error=True)
