"""One of the accountant's lists (茧等级, 投入品项目, 收费项目): its words, and a word added
to it on purpose.

An entry form accepts only a grade or an item on its list (`ledger.terms`); Ctrl+L on the
form opens this screen with the word typed, ready to add, and the command palette opens it
to look a list over. Enter adds the word (`terms.add`, with an entry in the audit trail)
and closes the screen with it; Esc closes it with nothing added.
"""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input

from ledger import i18n, terms
from ledger.errors import LedgerError
from ledger.tui.forms.base import FormScreen
from ledger.tui.forms.fields import FieldRow
from ledger.tui.widgets.plain import PlainStatic


class WordListScreen(FormScreen):
    """List `name`'s words and add one; dismissed with the word added, or None."""

    CSS_PATH = "terms.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
    ]

    def __init__(self, name: str, word: str = ""):
        super().__init__()
        self.list_name = name
        self.word = word.strip()

    def compose(self) -> ComposeResult:
        label = i18n.t(f"list.{self.list_name}")
        with Vertical(id="dialog"):
            yield PlainStatic(i18n.t("list.title", list=label), id="title")
            with VerticalScroll(id="words"):
                yield PlainStatic("  ".join(terms.listed(self.list_name)), id="words-text")
            yield PlainStatic(i18n.t("list.explain"), id="explain")
            yield FieldRow("word", self.word, label=i18n.t("list.add"))
            yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("list.keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FieldRow).input.focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one(FieldRow).show_error(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        row = self.query_one(FieldRow)
        try:
            word = self.save_with(lambda: terms.add(self.list_name, row.input.value),
                                  lambda refused: row.show_error(i18n.t(
                                      refused.errors[0].reason, **refused.errors[0].params)))
        except LedgerError as refused:
            row.show_error(refused.message())
            return
        if word is not None:
            self.dismiss(word)
