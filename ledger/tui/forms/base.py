"""What the entry form and the wage sheet share: keys in the reader's language, a
message line, Esc to cancel, and saving through the service layer, where a refusal or
a database that cannot be written is shown on the form (which stays open, with
everything typed) rather than closing it."""
from __future__ import annotations

from typing import Callable, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Static

from ledger import i18n
from ledger.errors import RecordRefused
from ledger.tui.bindings import localize
from ledger.tui.forms import texts  # noqa: F401  (registers the forms' texts)
from ledger.tui.safety import DATABASE_ERRORS

Saved = TypeVar("Saved")


class FormScreen(ModalScreen):
    """A modal form with a `#message` line; dismissed with what was saved, or None."""

    def __init__(self):
        super().__init__()
        localize(self)

    def save_with(self, save: Callable[[], Saved],
                  refused: Callable[[RecordRefused], None]) -> Saved | None:
        """What `save` returns; or None, once `refused` has marked what the service layer
        refused, or the message line says the ledger could not be written."""
        try:
            return save()
        except RecordRefused as refusal:
            refused(refusal)
        except DATABASE_ERRORS as error:
            self._say(i18n.t("form.db_error", reason=str(error)), error=True)
        return None

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.set_class(error, "-error")
        message.update(text)

    #: The question asked before a form with something typed in it is closed.
    DISCARD = ("form.discard.title", "form.discard.text")

    def typed(self) -> bool:
        """Whether anything was typed that closing the form would lose."""
        return False

    def work_name(self) -> str:
        """The form as a question about unsaved work names it: its title."""
        titles = self.query("#title")
        return str(titles.first().render()) if titles else type(self).__name__

    def closing_result(self):
        """What the form is dismissed with when closed without saving."""
        return None

    def action_cancel(self) -> None:
        """Close the form; when something typed would be lost, only once the
        accountant says so (a five-day wage sheet was once lost to one Esc)."""
        if not self.typed():
            self.dismiss(self.closing_result())
            return
        from ledger.tui.screens.backups import ConfirmScreen

        title, text = self.DISCARD
        self.app.push_screen(ConfirmScreen(i18n.t(title), i18n.t(text)), self._discard)

    def _discard(self, discard: bool | None) -> None:
        if discard and self.is_attached:
            self.discard_draft()
            self.dismiss(self.closing_result())

    def discard_draft(self) -> None:
        """Forget what the form kept of itself while it was open (a wage sheet's draft)."""
