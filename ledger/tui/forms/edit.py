"""Changing master data in place: a household's name, group, phone and shares; a
partner; a season's name and dates; a batch's sheets, breed and its mount and harvest
dates, which come weeks after the batch was made at hatching.

The form adds no rule: `ledger.masterdata.edit` judges the change as a new row would be
judged, refuses what would change a closed season's figures, and enters the old and new
values, who and why in the audit trail. A refusal marks the fields and keeps the form.
Dates are typed as in the entry forms (4月5日, 2026年4月5日, 4-5, ISO) and read by the same
reader (`fields.read_value`), a day without a year in the season of what is edited.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual import on
from textual.widgets import Footer, Input

from ledger import i18n, masterdata, rules
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.refs import Refs, SeasonRef
from ledger.tui.forms import fields
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

    def _season(self) -> SeasonRef | None:
        """The season a day typed without a year falls in: the batch's, or the season's
        own."""
        refs = Refs()
        if self.kind == "batches":
            batch = refs.batch(self.code)
            return batch.season if batch else None
        if self.kind == "seasons":
            return refs.season(self.code)
        return None

    def _typed(self) -> dict[str, str]:
        return {row.field: row.input.value.strip() for row in self.query(FieldRow)}

    def changes(self) -> dict[str, str]:
        typed = self._typed()
        return {name: typed[name] for name, value in self.before.items()
                if typed[name] != value}

    def read_changes(self) -> tuple[dict[str, str], list[FieldError]]:
        """The changes as `masterdata.edit` takes them, a date as ISO text once the
        entry forms' reader has read it; and the dates it could not read."""
        changed, problems = {}, []
        season = self._season()
        for name, text in self.changes().items():
            if name in DATE_FIELDS and text:
                try:
                    text = fields.read_value(name, text, season).isoformat()
                except rules.Problem as wrong:
                    problems.append(FieldError(self.kind, name, wrong.reason, wrong.params))
                    continue
            changed[name] = text
        return changed, problems

    @on(Input.Changed, ".field-input")
    def _show_date(self, event: Input.Changed) -> None:
        """Beside a date, the day it is read as (→ 2026-04-05), as in the entry forms."""
        row = event.input.parent
        if isinstance(row, FieldRow) and row.field in DATE_FIELDS:
            row.show_error(None)
            row.show_hint(fields.hint(row.field, event.value, None, self._season(), False))

    def typed(self) -> bool:
        return bool(self.changes()) or bool(self._typed().get("reason"))

    def on_input_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
        changes, problems = self.read_changes()
        if problems:
            self._refused(RecordRefused(problems, len(problems)))
            return
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
