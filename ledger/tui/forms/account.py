"""Adding a sub-account to the chart (`513.01 管理费用-电费`) through `ledger.accounts`,
which holds every rule: the parent must exist and take sub-accounts, the code must be new."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input

from ledger import accounts, chart, i18n
from ledger.errors import RecordRefused
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.forms.base import FormScreen
from ledger.tui.forms.fields import FieldRow
from ledger.tui.widgets.plain import PlainStatic


class AccountForm(FormScreen):
    """A new sub-account; dismissed with its code, or None."""

    CSS_PATH = "entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s/⏎"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("tab", "app.focus_next", "form.next", key_display="tab"),
    ]

    def __init__(self, parent: str = ""):
        super().__init__()
        self.parent_code = parent

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield PlainStatic(i18n.t("books.account.title"), id="title")
            yield FieldRow("code", f"{self.parent_code}." if self.parent_code else "",
                           label=i18n.t("books.col.code"), placeholder="513.01")
            yield FieldRow("name", "", label=i18n.t("books.col.name"),
                           placeholder=i18n.t("books.account.name_placeholder"))
            yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("books.assets.form_keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self._hint()
        self.query_one("#field-code", Input).focus()

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value.strip()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.input.parent.show_error(None)
        self._hint()

    def _hint(self) -> None:
        """Beside the code, the parent's name and the whole name the account will have."""
        head = self._text("code").partition(".")[0]
        parent = chart.BY_CODE.get(head)
        row = self.query_one("#row-code", FieldRow)
        if parent is None:
            row.show_hint(i18n.t("books.account.parent_hint"))
        else:
            name = parent.zh if i18n.language() == "zh" else parent.en
            own = self._text("name")
            row.show_hint(f"→ {name}-{own}" if own else f"→ {name}")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        code, name = self._text("code"), self._text("name")
        rows = {row.field: row for row in self.query(FieldRow)}
        saved = self.save_with(lambda: accounts.add(code, name),
                               lambda refused: self._refused(refused, rows))
        if saved is not None:
            self.app.notify(i18n.t("books.account.added", code=code.upper(), name=name))
            self.dismiss(code.upper())

    def _refused(self, refused: RecordRefused, rows: dict[str, FieldRow]) -> None:
        for error in refused.errors:
            if error.field in rows:
                rows[error.field].show_error(i18n.t(error.reason, **error.params))
        self._say(i18n.t("form.refused", count=len(refused.errors)), error=True)

    DISCARD = ("books.discard_title", "books.discard_text")

    def typed(self) -> bool:
        return bool(self._text("name") or self._text("code").partition(".")[2])
