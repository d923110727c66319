"""Choose one of a few things (a season, a record kind) from a list, by keyboard."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ledger.tui.bindings import localize
from ledger.tui.widgets.plain import PlainLabel, PlainOptionList


class ChooseScreen(ModalScreen[str | None]):
    """Dismisses with the chosen option's value, or None on escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "tui.key.back")]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str | None = None):
        super().__init__()
        self.heading = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="choose"):
            yield PlainLabel(self.heading, classes="heading")
            yield PlainOptionList(*(Option(label, id=value) for value, label in self.options))

    def on_mount(self) -> None:
        localize(self)
        options = self.query_one(OptionList)
        values = [value for value, _ in self.options]
        if self.current in values:
            options.highlighted = values.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.is_current:  # (a second Enter, typed before the first closed the list)
            self.dismiss(event.option.id)
