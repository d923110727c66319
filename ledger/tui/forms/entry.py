"""The entry form: one record of any kind, typed in and saved through the service layer.

The form adds no rule of its own. What is typed is read as the importer reads a cell
(`fields.read_value`), judged by `ledger.rules` (live, for the amount; in full, when
saving) and recorded by `ledger.book.record` in one transaction. A refused save writes
nothing, marks each field wrong with its reason, and keeps everything typed.

Choices show their words (付给农户, 现金) and the collective its name (村集体), never a code;
a grade or an item must be on the accountant's list (`ledger.terms`), and Ctrl+L adds the
word typed to it, on purpose, in a small screen of its own.
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, Static

from ledger import book, i18n, kinds, money, rules, terms
from ledger.errors import FieldError
from ledger.browse import COLLECTIVE, lookup
from ledger.refs import Refs, SeasonRef
from ledger.tui.forms import fields
from ledger.tui.forms.fields import FieldRow
from ledger.tui.forms.base import FormScreen
from ledger.tui.widgets.plain import PlainStatic

#: Fields a new record starts with, when no preset says otherwise.
DEFAULTS = {"wages": {"payer": COLLECTIVE, "unit": "天"}, "leaf": {}, "sales": {}}


class EntryForm(FormScreen):
    """A modal form for a new record of `kind`; dismissed with its id, or None."""

    CSS_PATH = "entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s/⏎"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("tab", "app.focus_next", "form.next", key_display="tab"),
        Binding("ctrl+l", "add_to_list", "form.add_to_list", key_display="^l"),
    ]

    def __init__(self, kind: str, season: str | None = None,
                 preset: dict[str, str] | None = None):
        super().__init__()
        self.kind = kinds.get(kind).name
        self.season = season
        self.preset = preset or {}
        self.columns = kinds.get(kind).columns
        self.optional = kinds.get(kind).optional
        self.finders = {name: fields.finder(self.kind, name, season) for name in self.columns}

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield PlainStatic(self._title(), id="title")
            with VerticalScroll(id="fields"):
                for name in self.columns:
                    yield fields.record_row(name, self._initial(name), self.finders[name],
                                            placeholder=self._placeholder(name))
            if self.computes_amount:
                yield PlainStatic("", id="amount")
            yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("form.keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        #: What each field held when the form opened: anything else was typed.
        self.opened_with = {row.field: row.input.value for row in self.query(FieldRow)}
        for row in self.query(FieldRow):
            self._show_hint(row)
        self._show_amount()
        empty = next((row.input for row in self.query(FieldRow) if not row.input.value), None)
        (empty or self.query_one(FieldRow).input).focus()

    def typed(self) -> bool:
        opened = getattr(self, "opened_with", {})
        return any(row.input.value.strip() != opened.get(row.field, "").strip()
                   for row in self.query(FieldRow))

    def _title(self) -> str:
        label = i18n.kind_label(self.kind)
        if self.season and self.kind not in ("households", "partners", "seasons"):
            return i18n.t("form.title_season", kind=label, season=self.season)
        return i18n.t("form.title", kind=label)

    def _initial(self, name: str) -> str:
        if name in self.preset:
            return str(self.preset[name])
        if name == "season" and self.kind != "seasons" and self.season:
            return self.season
        if name == "date":
            today = fields.today_within(self._season_ref(Refs()))
            return today.isoformat() if today else ""
        return DEFAULTS.get(self.kind, {}).get(name, "")

    def _placeholder(self, name: str) -> str:
        if name in fields.DATE_FIELDS:
            return i18n.t("form.date_placeholder")
        return i18n.t("form.optional") if name in self.optional else ""

    @property
    def computes_amount(self) -> bool:
        """Whether the rules compute this kind's amount (kg × price, quantity × rate)."""
        return kinds.get(self.kind).moves_money and "amount" not in self.columns

    # -- reading what is typed ------------------------------------------------------------
    def _text(self, name: str) -> str:
        """What is typed in field `name`; before the form is built, its preset."""
        try:
            return self.query_one(f"#field-{name}", Input).value
        except NoMatches:
            return self.preset.get(name, "")

    def _season_ref(self, refs: Refs) -> SeasonRef | None:
        """The season a day without a year belongs to: the batch's, the season typed,
        else the form's."""
        if "batch" in self.columns:
            batch = refs.batch(self._text("batch").strip().upper())
            if batch is not None:
                return batch.season
        if "season" in self.columns and self.kind != "seasons":
            typed = refs.season(self._text("season").strip().upper())
            if typed is not None:
                return typed
        return refs.season(self.season) if self.season else None

    def read(self) -> tuple[dict, list[FieldError], rules.Form]:
        """The values typed, the text that could not be read, and the record as the
        rules read it (`form.result`) with the problems they found (`form.errors`)."""
        refs = Refs()
        season = self._season_ref(refs)
        values, problems = {}, []
        for name in self.columns:
            text = self._text(name)
            found = self.finders[name]
            if isinstance(found, lookup.Terms) and found.get(text):
                text = found.get(text).code  # a listed word as the list spells it
            try:
                values[name] = fields.read_value(name, text, season)
            except rules.Problem as problem:
                problems.append(FieldError(self.kind, name, problem.reason, problem.params))
                values[name] = ""
        return values, problems, rules.check_fields(self.kind, values, refs)

    # -- as the accountant types ----------------------------------------------------------
    @on(Input.Changed, ".field-input")
    def _changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        row.show_error(None)
        self._show_hint(row)
        if row.field in ("batch", "season"):
            for other in self.query(FieldRow):
                if other.field in fields.DATE_FIELDS:
                    self._show_hint(other)
        self._show_amount()

    @on(Input.Blurred, ".field-input")
    def _left(self, event: Input.Blurred) -> None:
        """A name or pinyin initials that name exactly one party become its code, a
        list's initials its word, the start of a choice's word the word (付 → 付给农户)."""
        row = event.input.parent
        text = fields.settled(row.field, event.value, self.finders.get(row.field))
        if text is not None:
            event.input.value = text

    def _show_hint(self, row: FieldRow) -> None:
        season = self._season_ref(Refs())
        row.show_hint(fields.hint(row.field, row.input.value, self.finders[row.field], season,
                                  row.field in self.optional))

    def _show_amount(self) -> None:
        if not self.computes_amount or not self.is_mounted:
            return
        _, _, form = self.read()
        self.query_one("#amount", Static).update(amount_line(self.kind, form.result))

    # -- saving ---------------------------------------------------------------------------
    @on(Input.Submitted, ".field-input")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values, unread, form = self.read()
        unread += terms.unlisted(self.kind, values)
        if unread:
            fields_unread = {problem.field for problem in unread}
            self._refused(unread + [e for e in form.errors if e.field not in fields_unread])
            return
        record_id = self.save_with(lambda: book.record(self.kind, values),
                                   lambda refused: self._refused(refused.errors))
        if record_id is not None:
            self.dismiss(record_id)

    def _refused(self, errors: list[FieldError]) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
            self._show_hint(row)
        shown: set[str] = set()
        for error in errors:
            if error.field in rows and error.field not in shown:
                rows[error.field].show_error(fields.reason_text(error))
                shown.add(error.field)
        strays = [error.message() for error in errors if error.field not in rows]
        self._say("\n".join([i18n.t("form.refused", count=len(errors)), *strays]), error=True)
        first = next((rows[e.field] for e in errors if e.field in rows), None)
        if first is not None:
            first.input.focus()

    # -- the accountant's lists -----------------------------------------------------------
    @property
    def list_field(self) -> str | None:
        """The field of this kind typed from one of the accountant's lists, if any."""
        return next((name for name in self.columns if terms.list_of(self.kind, name)), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "add_to_list":
            return self.list_field is not None
        return True

    def action_add_to_list(self) -> None:
        """The list of the form's grade or item, the word typed ready to be added."""
        field = self.list_field
        if field is None:
            return
        from ledger.tui.forms.terms import WordListScreen

        name = terms.list_of(self.kind, field)
        self.app.push_screen(WordListScreen(name, self._text(field)),
                             lambda word: self._listed(field, word))

    def _listed(self, field: str, word: str | None) -> None:
        self.finders[field] = fields.finder(self.kind, field, self.season)
        row = self.query_one(f"#row-{field}", FieldRow)
        row.input.suggester = fields.suggester(field, self.finders[field])
        if word:
            row.input.value = word
        row.show_error(None)
        self._show_hint(row)
        row.input.focus()


def amount_line(kind: str, result: dict) -> str:
    """The amount as the rules computed it, with the figures it comes from."""
    label = i18n.field_label("amount")
    if result.get("amount") is None:
        return f"{label}: {i18n.t('form.amount_pending')}"
    if kind == "wages":
        figures = f"{money.quantity(result['quantity'])} × {money.yuan(result['rate'])}"
    else:
        figures = f"{money.kg(result['grams'])} × {money.yuan(result['price'])}"
        if result.get("deduction"):
            figures += f" − {money.yuan(result['deduction'])}"
    return f"{label}: {figures} = {money.yuan(result['amount'])} {i18n.t('form.yuan')}"
