"""One field of a form: its label, the input, and beside it a hint or what is wrong.

Also what the forms know about each field: which are dates, choices or codes of a party,
batch or season, and how what is typed becomes the text `ledger.rules` reads.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static

from ledger import i18n, rules
from ledger.entry_dates import Span, read_entry_date
from ledger.io import cleaning
from ledger.browse import lookup
from ledger.spellings import DATE_COLUMNS
from ledger.tui.widgets.plain import PlainLabel, PlainStatic

DATE_FIELDS = DATE_COLUMNS
CHOICES = {"direction": rules.DIRECTIONS, "method": rules.METHODS}
CHOICE_WORDS = {"direction": cleaning.DIRECTIONS, "method": cleaning.METHODS}
#: The parties worth suggesting in a field; the rules decide what is accepted.
PARTY_FIELDS: dict[str, tuple[str, ...] | None] = {
    "supplier": None, "buyer": ("partner",), "owner": ("household", "collective"),
    "payer": ("collective", "household"), "household": ("household",),
    "recipient": ("household", "collective"),
}
SUGGESTED_PARTIES = {("inputs", "supplier"): ("partner",)}


def read_value(field: str, text: str, season: Span | None) -> Any:
    """What is typed in `field` as `ledger.rules` reads it: dates as dates, everything
    else made canonical by the importer's cleaning (full-width digits, 元, 现金 ...)."""
    if not text.strip():
        return ""
    if field in DATE_FIELDS:
        return read_entry_date(text, season)
    return cleaning.CLEANERS.get(field, cleaning.text)(text)


def finder(kind: str, field: str, season: str | None):
    """What completes `field` of a `kind` form: parties, batches or seasons, or None."""
    if field in PARTY_FIELDS:
        return lookup.Parties(SUGGESTED_PARTIES.get((kind, field), PARTY_FIELDS[field]))
    if field == "batch":
        return lookup.Batches(season)
    if field == "season":
        return lookup.Seasons()
    return None


class CodeSuggester(Suggester):
    """Completes a code inline from a finder's `complete(prefix)`."""

    def __init__(self, complete: Callable[[str], str | None]):
        super().__init__(use_cache=False)
        self._complete = complete

    async def get_suggestion(self, value: str) -> str | None:
        return self._complete(value)


def suggester(field: str, found) -> Suggester | None:
    if found is not None:
        return CodeSuggester(found.complete)
    if field in CHOICES:
        return SuggestFromList([*CHOICES[field], *CHOICE_WORDS[field]])
    return None


def hint(field: str, text: str, found, season: Span | None, optional: bool) -> str:
    """What beside the field confirms how its text is read: the party's name, the date."""
    text = text.strip()
    if not text:
        return i18n.t("form.optional") if optional else ""
    if field in DATE_FIELDS:
        try:
            return "→ " + read_entry_date(text, season).isoformat()
        except rules.Problem:
            return ""
    if found is not None:
        exact = found.get(text)
        if exact:
            return exact.label
        matches = found.find(text)
        return "  ".join(f"{m.code} {m.label}" for m in matches) or i18n.t("form.no_match")
    if field in CHOICES:
        value = cleaning.choice(CHOICE_WORDS[field])(text)
        if value in CHOICES[field]:
            return "→ " + i18n.t(f"{field}.{value}")
        return i18n.t("form.choices", choices=" / ".join(
            f"{choice} {i18n.t(f'{field}.{choice}')}" for choice in CHOICES[field]))
    return ""


class FieldRow(Horizontal):
    """A label, an input named `field-<name>`, and a note: the hint, or the error in red."""

    def __init__(self, field: str, value: str = "", *, placeholder: str = "",
                 suggester: Suggester | None = None, label: str | None = None):
        super().__init__(classes="field-row", id=f"row-{field}")
        self.field = field
        self._label = label or i18n.field_label(field)
        self._value = value
        self._placeholder = placeholder
        self._suggester = suggester

    def compose(self) -> ComposeResult:
        yield PlainLabel(self._label, classes="field-label")
        yield Input(self._value, placeholder=self._placeholder, suggester=self._suggester,
                    id=f"field-{self.field}", classes="field-input")
        yield PlainStatic("", classes="field-note")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def note(self) -> Static:
        return self.query_one(".field-note", Static)

    def show_hint(self, text: str) -> None:
        if not self.has_class("-error"):
            self.note.update(text)

    def show_error(self, message: str | None) -> None:
        """Mark the field wrong with `message`, or clear the mark when None."""
        self.set_class(message is not None, "-error")
        self.note.update(message or "")


def today_within(season: Span | None) -> date | None:
    """Today when it lies in `season`: the natural default for a new record's date."""
    today = date.today()
    return today if season and season.start <= today <= season.end else None
