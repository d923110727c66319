"""Correcting a record: reverse it (红字冲销) or amend it, for a reason.

The modal shows the record as its CSV row would hold it (`ledger.canonical.values`),
its choices as words and the collective by its name, as the entry form shows them.
Amending opens on the record's first field, with its fields completed, hinted and its
amount worked out as they change, as in the entry form; only the fields changed are sent
to `ledger.corrections.amend`, read as the entry form reads them (付给农户 is sent as
to_household). A grade or an item changed must be on the accountant's list, as in the
entry form (Ctrl+L adds it). A refusal (a closed season, a record already reversed, a
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

from ledger import canonical, corrections, i18n, kinds, rules, terms, vouchers
from ledger.browse import lookup
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.refs import Refs, SeasonRef
from ledger.tui.forms import fields
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.forms.entry import amount_line
from ledger.tui.forms.fields import FieldRow
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.plain import PlainLabel, PlainStatic


def record_line(values: dict[str, str]) -> str:
    """A record's values on one line: field label and value as a form shows it (words,
    not codes), the empty ones left out."""
    return " · ".join(f"{i18n.field_label(name)} {fields.shown(name, value)}"
                      for name, value in values.items() if value)


class CorrectScreen(ModalScreen[str | None]):
    """Reverses (`amend=False`) or amends a record; dismissed with the message to show."""

    CSS_PATH = "correct.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.confirm", key_display="^s/⏎"),
        Binding("escape", "dismiss(None)", "tui.key.cancel"),
        Binding("ctrl+l", "add_to_list", "form.add_to_list", key_display="^l"),
    ]

    def __init__(self, kind: str, record_id: int, amend: bool = False):
        super().__init__()
        self.kind = kind
        self.record_id = record_id
        self.amend = amend
        self.original = canonical.values(kind, record_id) or {}
        season = self.original.get("season") or None
        self.finders = {name: fields.finder(kind, name, season)
                        for name in self.original} if amend else {}

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.record_id}"

    def typed(self) -> bool:
        """A reason typed is work that closing the dialog would lose (see the app's
        `unsaved_work`)."""
        return bool(self.query_one("#field-reason", Input).value.strip())

    def work_name(self) -> str:
        return record_line(self.original)

    def compose(self) -> ComposeResult:
        what = "amend" if self.amend else "reverse"
        with Vertical(id="correct-dialog"):
            yield PlainLabel(t(f"tui.{what}.title", kind=i18n.kind_label(self.kind),
                               ref=self.named(self.record_id)), classes="heading")
            yield PlainStatic(record_line(self.original), id="correct-record")
            yield PlainStatic(t(f"tui.{what}.explain"), id="correct-explain")
            with VerticalScroll(id="correct-fields"):
                if self.amend:
                    for name, value in self.original.items():
                        yield fields.record_row(name, value, self.finders[name])
                else:
                    yield FieldRow("date", "", label=t("tui.field.reverse_date"),
                                   placeholder=t("tui.reverse_date_placeholder"))
                yield FieldRow("reason", "", label=t("tui.field.reason"),
                               placeholder=t("tui.reason_placeholder"))
            if self.computes_amount:
                yield PlainStatic("", id="correct-amount")
            yield PlainStatic("", id="correct-message")
            yield PlainStatic(t("tui.correct.keys"), id="correct-keys")

    def on_mount(self) -> None:
        localize(self)
        if not self.original:
            self.say(t("no_such_record", ref=self.ref))
        for row in self.query(FieldRow):
            self._show_hint(row)
        self._show_amount()
        if self.amend and self.original:  # what is wrong is in the record: start there
            self.query_one(FieldRow).input.focus()
        else:
            self.query_one("#field-reason", Input).focus()

    def named(self, record_id: int) -> str:
        """A record of the kind as the journal and the sheets name it: by its voucher's
        number (记-2026-05-0003), or its number in the ledger when it posted none."""
        return vouchers.number_of(self.kind, record_id) or f"#{record_id}"

    def say(self, text: str) -> None:
        self.query_one("#correct-message", Static).update(text)

    # -- the record's fields, as the entry form reads and shows them ------------------------
    @property
    def computes_amount(self) -> bool:
        """Whether the rules work out this kind's amount (kg × price, days × rate)."""
        kind = kinds.get(self.kind)
        return self.amend and kind.moves_money and "amount" not in kind.columns

    def _season(self) -> SeasonRef | None:
        """The season a day typed without a year belongs to: the record's."""
        refs = Refs()
        if self.original.get("batch"):
            batch = refs.batch(self.original["batch"])
            return batch.season if batch else None
        return refs.season(self.original.get("season", ""))

    def _record_rows(self) -> list[FieldRow]:
        return [row for row in self.query(FieldRow) if row.field in self.original]

    def _read(self, row: FieldRow, season: SeasonRef | None):
        """A field's text as the rules read it (a date, a choice's code ...)."""
        text = row.input.value
        found = self.finders.get(row.field)
        if isinstance(found, lookup.Terms) and found.get(text):
            text = found.get(text).code  # a listed word as the list spells it
        return fields.read_value(row.field, text, season)

    def changes(self) -> tuple[dict[str, str], list[FieldError]]:
        """The fields typed differently from the record, as the canonical text
        `corrections.amend` takes; and the fields that could not be read."""
        changed, problems = {}, []
        season = self._season()
        for row in self._record_rows():
            typed = row.input.value.strip()
            if typed == fields.shown(row.field, self.original[row.field]).strip():
                continue
            try:
                value = self._read(row, season)
            except rules.Problem as problem:
                problems.append(FieldError(self.kind, row.field, problem.reason,
                                           problem.params))
                continue
            changed[row.field] = value.isoformat() if hasattr(value, "isoformat") else value
        return changed, problems

    @on(Input.Changed, ".field-input")
    def _changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        if row.field not in self.original:
            return
        row.show_error(None)
        self._show_hint(row)
        self._show_amount()

    @on(Input.Blurred, ".field-input")
    def _left(self, event: Input.Blurred) -> None:
        """Names, initials and the start of a choice's word become what the field shows."""
        row = event.input.parent
        if row.field in self.original:
            text = fields.settled(row.field, event.value, self.finders.get(row.field))
            if text is not None:
                event.input.value = text

    def _show_hint(self, row: FieldRow) -> None:
        if row.field in self.finders:
            row.show_hint(fields.hint(row.field, row.input.value, self.finders[row.field],
                                      self._season(), False))

    def _show_amount(self) -> None:
        """The amount the record would have, worked out by the rules as fields change."""
        if not self.computes_amount or not self.is_mounted:
            return
        season = self._season()
        values = {}
        for row in self._record_rows():
            try:
                values[row.field] = self._read(row, season)
            except rules.Problem:
                values[row.field] = ""
        result = rules.check_fields(self.kind, values, Refs()).result
        self.query_one("#correct-amount", Static).update(amount_line(self.kind, result))

    # -- the accountant's lists -----------------------------------------------------------
    @property
    def list_field(self) -> str | None:
        return next((name for name in self.finders if terms.list_of(self.kind, name)), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "add_to_list":
            return self.list_field is not None
        return True

    def action_add_to_list(self) -> None:
        field = self.list_field
        if field is None:
            return
        from ledger.tui.forms.terms import WordListScreen

        row = self.query_one(f"#row-{field}", FieldRow)
        self.app.push_screen(WordListScreen(terms.list_of(self.kind, field), row.input.value),
                             lambda word: self._listed(row, word))

    def _listed(self, row: FieldRow, word: str | None) -> None:
        self.finders[row.field] = fields.finder(self.kind, row.field,
                                                self.original.get("season") or None)
        row.input.suggester = fields.suggester(row.field, self.finders[row.field])
        if word:
            row.input.value = word
        row.show_error(None)
        self._show_hint(row)
        row.input.focus()

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
                changes, problems = self.changes()
                problems += terms.unlisted(self.kind, changes)
                if problems:
                    raise RecordRefused(problems)
                if not changes:
                    self.say(t("tui.amend.nothing"))
                    return
                added = corrections.amend(self.kind, self.record_id, changes, reason)
                done = t("tui.correct.amended", kind=i18n.kind_label(self.kind),
                         ref=self.named(self.record_id), reversal=self.named(added.reversal),
                         by=self.named(added.corrected))
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
                done = t("tui.correct.reversed", kind=i18n.kind_label(self.kind),
                         ref=self.named(self.record_id), by=self.named(reversal.id),
                         season=reversal.season, date=reversal.date.isoformat())
        except RecordRefused as refused:
            for error in refused.errors:
                if error.field in rows:
                    rows[error.field].show_error(fields.reason_text(error))
            self.say("\n".join(f"{i18n.field_label(error.field)}: {fields.reason_text(error)}"
                               for error in refused.errors))
            first = next((rows[e.field] for e in refused.errors if e.field in rows), None)
            if first is not None:
                first.input.focus()
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
