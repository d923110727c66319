"""One field of a form: its label, the input, and beside it a hint or what is wrong.

Also what the forms know about each field: which are dates, choices, words from one of
the accountant's lists, or codes of a party, batch or season; how what is typed becomes
the text `ledger.rules` reads; and what a field shows for a stored value. A choice is
shown as its word in the reader's language (付给农户, 现金), never as its code
(to_household, cash), and the collective by its name (村集体), never as COLLECTIVE.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Static

from ledger import assets, i18n, rules, terms
from ledger.entry_dates import Span, read_entry_date
from ledger.errors import FieldError
from ledger.io import cleaning
from ledger.browse import lookup
from ledger.spellings import DATE_COLUMNS
from ledger.tui.widgets.plain import PlainLabel, PlainStatic

DATE_FIELDS = DATE_COLUMNS
#: Fields typed as one of a few choices: the codes the ledger keeps, the other words the
#: importer reads as them, and the message key of each code's word (`{}` the code).
CHOICES = {"direction": rules.DIRECTIONS, "method": rules.METHODS, "use": tuple(assets.USES)}
CHOICE_WORDS = {"direction": cleaning.DIRECTIONS, "method": cleaning.METHODS,
                "use": cleaning.USES}
#: The parties worth suggesting in a field; the rules decide what is accepted.
PARTY_FIELDS: dict[str, tuple[str, ...] | None] = {
    "supplier": None, "buyer": ("partner",), "owner": ("household", "collective"),
    "payer": ("collective", "household"), "household": ("household",),
    "recipient": ("household", "collective"),
}
SUGGESTED_PARTIES = {("inputs", "supplier"): ("partner",)}
#: How many words of a list a field's hint shows before anything is typed.
LIST_SHOWN = 6


# -- choices: shown as words, kept as codes ----------------------------------------------

def choice_word(field: str, code: str, lang: str | None = None) -> str:
    """The word for one of `field`'s codes, in `lang` (default: the reader's)."""
    return i18n.choice_word(field, code, lang)


def choice_words(field: str) -> list[str]:
    """`field`'s choices as the reader's words, in the ledger's order."""
    return [choice_word(field, code) for code in CHOICES[field]]


def choice_code(field: str, text: str) -> str | None:
    """The code `text` picks: a choice's word in either language, a word the importer
    reads (银行卡), its code, or the start of exactly one choice's word (付, 现); else None."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    words = {choice_word(field, code, lang).casefold(): code
             for code in CHOICES[field] for lang in i18n.LANGUAGES}
    words.update({word.casefold(): code for word, code in CHOICE_WORDS[field].items()})
    words.update({code: code for code in CHOICES[field]})
    if wanted in words:
        return words[wanted]
    started = {code for word, code in words.items() if word.startswith(wanted)}
    return started.pop() if len(started) == 1 else None


def shown(field: str, value: str) -> str:
    """What a form shows for a stored value: a choice's word, the collective's name."""
    if field in CHOICES and value in CHOICES[field]:
        return choice_word(field, value)
    if field in PARTY_FIELDS:
        return lookup.party_shown(value)
    return value


def read_value(field: str, text: str, season: Span | None) -> Any:
    """What is typed in `field` as `ledger.rules` reads it: dates as dates, a choice's
    word as its code, the collective's name as its code, everything else made canonical
    by the importer's cleaning (full-width digits, 元 ...)."""
    if not text.strip():
        return ""
    if field in DATE_FIELDS:
        return read_entry_date(text, season)
    if field in CHOICES:
        code = choice_code(field, text)
        if code is None:
            raise rules.Problem("form.not_a_choice", value=text.strip(),
                                choices=" / ".join(choice_words(field)))
        return code
    if field in PARTY_FIELDS:
        text = lookup.party_code(text)
    return cleaning.CLEANERS.get(field, cleaning.text)(text)


def reason_text(error: FieldError) -> str:
    """A refusal of a field in the reader's language, as a form says it: the terminal
    UI's own wording where it has one (naming a key, not a flag), a party's code shown
    as the form shows it (村集体, not COLLECTIVE)."""
    params = dict(error.params)
    if isinstance(params.get("code"), str):
        params["code"] = lookup.party_shown(params["code"])
    key = f"tui.{error.reason}"
    return i18n.t(key if i18n.t(key) != key else error.reason, **params)


def finder(kind: str, field: str, season: str | None):
    """What completes `field` of a `kind` form: parties, batches, seasons or the words of
    one of the accountant's lists; or None."""
    if field in PARTY_FIELDS:
        return lookup.Parties(SUGGESTED_PARTIES.get((kind, field), PARTY_FIELDS[field]))
    if field == "batch":
        return lookup.Batches(season)
    if field == "season":
        return lookup.Seasons()
    listed = terms.list_of(kind, field)
    if listed:
        return lookup.Terms(listed)
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
        return SuggestFromList(choice_words(field), case_sensitive=False)
    return None


def settled(field: str, text: str, found) -> str | None:
    """What a field's text becomes when the cursor leaves it, if it changes: a party's
    name or pinyin initials naming exactly one party become its code (the collective
    its name), a list's initials its word, the start of a choice's word the word."""
    if not text.strip():
        return None
    if found is not None:
        if found.get(text):
            code = found.get(text).code
        else:
            code = found.resolve(text)
        if code is None:
            return None
        return shown(field, code) if shown(field, code) != text else None
    if field in CHOICES:
        code = choice_code(field, text)
        return choice_word(field, code) if code and choice_word(field, code) != text else None
    return None


def hint(field: str, text: str, found, season: Span | None, optional: bool) -> str:
    """What beside the field confirms how its text is read: the party's name, the date,
    the choices with the one picked marked, the words of a list that match."""
    text = text.strip()
    if field in CHOICES:
        picked = choice_code(field, text)
        return " / ".join(f"[{choice_word(field, code)}]" if code == picked
                          else choice_word(field, code) for code in CHOICES[field])
    if isinstance(found, lookup.Terms):
        return list_hint(found, text)
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
            return exact.label if exact.label != text else ""
        matches = found.find(text)
        return "  ".join(lookup.party_match_text(m) for m in matches) or i18n.t("form.no_match")
    return ""


def list_hint(found: lookup.Terms, text: str) -> str:
    """A list field's hint: its first words before anything is typed; then the words
    that match, or that the word is not on the list and how to add it."""
    if not text:
        words = found.words
        return " · ".join(words[:LIST_SHOWN]) + (" …" if len(words) > LIST_SHOWN else "")
    if found.get(text):
        return "✓"
    matches = found.find(text)
    return "  ".join(m.code for m in matches) or i18n.t("form.unlisted")


class ChoiceInput(Input):
    """An input for a choice: typed (付 → 付给农户), or stepped through with ↑ and ↓."""

    BINDINGS = [
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
    ]

    def __init__(self, value: str, words: list[str], **kwargs):
        super().__init__(value, **kwargs)
        self.words = words

    def action_step(self, by: int) -> None:
        current = self.value.strip().casefold()
        index = next((i for i, word in enumerate(self.words) if word.casefold() == current),
                     -1 if by > 0 else 0)
        self.value = self.words[(index + by) % len(self.words)]
        self.cursor_position = len(self.value)


class FieldRow(Horizontal):
    """A label, an input named `field-<name>`, and a note: the hint, or the error in red.
    With `choices` (the words to pick from), the input steps through them with ↑ ↓."""

    def __init__(self, field: str, value: str = "", *, placeholder: str = "",
                 suggester: Suggester | None = None, label: str | None = None,
                 choices: list[str] | None = None):
        super().__init__(classes="field-row", id=f"row-{field}")
        self.field = field
        self._label = label or i18n.field_label(field)
        self._value = value
        self._placeholder = placeholder
        self._suggester = suggester
        self._choices = choices

    def compose(self) -> ComposeResult:
        yield PlainLabel(self._label, classes="field-label")
        options = dict(placeholder=self._placeholder, suggester=self._suggester,
                       id=f"field-{self.field}", classes="field-input")
        if self._choices:
            yield ChoiceInput(self._value, self._choices, **options)
        else:
            yield Input(self._value, **options)
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
        """Mark the field wrong with `message`, or clear the mark when None. A choice's
        error keeps the choices beside it (必填，但为空 · 付给农户 / 农户交来): they are
        what the accountant needs to put it right."""
        self.set_class(message is not None, "-error")
        if message and self._choices and not any(word in message for word in self._choices):
            message = f"{message} · {' / '.join(self._choices)}"
        self.note.update(message or "")


def record_row(field: str, value: str, found, **kwargs) -> FieldRow:
    """A field of a record: its stored `value` as the form shows it, completed by `found`
    (or from its choices)."""
    return FieldRow(field, shown(field, value), suggester=suggester(field, found),
                    choices=choice_words(field) if field in CHOICES else None, **kwargs)


def today_within(season: Span | None) -> date | None:
    """Today when it lies in `season`: the natural default for a new record's date."""
    today = date.today()
    return today if season and season.start <= today <= season.end else None
