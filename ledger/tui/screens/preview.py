"""Print preview: a household's settlement sheet, every household's sheet of the season
(one a page, in one file, as `silk statements`) or the season's notice board, as the
80-column text of the document, with keys to write it as HTML or PDF beside the ledger
and to print it.

Printing writes the PDF beside the ledger and sends it to the computer's printer
(`ledger.printing`); where there is none, the accountant is told where the file is, the
whole path, to take it to a printing shop. The last thing written or printed stays on
the line under the document."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message

from ledger import i18n, printing, stores
from ledger.browse import Season, release
from ledger.errors import LedgerError
from ledger.i18n import t
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paper import PaperView
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def document(kind: str, code: str | None, season: Season):
    """The report data: [Statement] for a household or for every household with a
    record or a balance in the season ("statements", as `silk statements`), a Summary
    for the notice board."""
    if kind == "statement":
        from ledger.reports.statement import statement

        return [statement(code, season)]
    if kind == "statements":
        from ledger.reports.statement import statements

        sheets = statements(season, active_only=True)
        if not sheets:
            raise LedgerError("no_sheets", season=season.code)
        return sheets
    from ledger.reports.summary import summary

    return summary(season)


def render(kind: str, data, form: str, lang: str) -> bytes:
    """The document in `form` (text, html or pdf), by the reports' own renderers."""
    name = "summary" if kind == "summary" else "statements"
    if form == "pdf":
        from ledger.reports import pdf

        return getattr(pdf, name)(data, lang, pdf.find_font(None))
    if form == "html":
        from ledger.reports import html

        return getattr(html, name)(data, lang).encode("utf-8")
    from ledger.reports import text

    return getattr(text, name)(data, lang).encode("utf-8")


def write_beside(path: Path, data: bytes) -> None:
    """Write next to the final name, then put it in place: never half a document."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class PreviewScreen(LedgerScreen):
    TITLE_KEY = "tui.screen.preview"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("P", "send_to_printer", "tui.key.send_to_printer", key_display="P"),
        Binding("h", "write('html')", "tui.key.html"),
        Binding("p", "write('pdf')", "tui.key.pdf"),
        Binding("s", "all_statements", "tui.key.all_statements"),
    ]

    class Written(Message):
        """What became of a file: `text()` says it in the language of the moment."""

        def __init__(self, text: Callable[[], str], ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, kind: str, code: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.code = code
        if kind == "statements":
            self.TITLE_KEY = "tui.screen.statements"
        #: The last thing written or printed, as a function of the language.
        self.note = lambda: ""

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PaperView(t("tui.loading"), id="preview")
        yield PlainStatic(self.note(), id="preview-note")
        yield FittingFooter()

    def check_action(self, action: str, parameters) -> bool | None:
        """Every household's sheets are offered from the other previews."""
        return self.kind != "statements" if action == "all_statements" else True

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#preview").focus()

    def read(self) -> str | None:
        if self.season is None:
            return None
        try:
            data = document(self.kind, self.code, self.season)
        except LedgerError as error:  # no household to print a sheet for
            return "\n" + error.message()
        return render(self.kind, data, "text", i18n.language()).decode("utf-8")

    def show(self, text: str | None) -> None:
        self.query_one("#preview", PaperView).show(text or "")

    def file_name(self, form: str) -> Path:
        season = self.season.code
        if self.kind == "statement":
            stem = t("tui.preview.file_statement", code=self.code, season=season)
        elif self.kind == "statements":
            stem = t("tui.preview.file_statements", season=season)
        else:
            stem = t("tui.preview.file_summary", season=season)
        return stores.files_folder(self.app.db_path) / f"{stem}.{form}"

    def action_write(self, form: str) -> None:
        if self.season is None:
            return
        path = self.file_name(form)
        self.notify(t("tui.preview.writing", path=path))
        self._write(form, path, self.season, i18n.language())

    def action_send_to_printer(self) -> None:
        """The PDF written beside the ledger, then to the printer; where there is no
        printer, where the file is."""
        if self.season is None:
            return
        path = self.file_name("pdf")
        self.notify(t("tui.print.writing", path=path))
        self._write("pdf", path, self.season, i18n.language(), to_printer=True)

    def action_all_statements(self) -> None:
        self.app.action_all_statements()

    @work(thread=True, group="write")
    def _write(self, form: str, path: Path, season: Season, lang: str,
               to_printer: bool = False) -> None:
        try:
            text = render(self.kind, document(self.kind, self.code, season), form, lang)
            write_beside(path, text)
        except EXPECTED as error:
            reason = problem(error)
            self.post_message(self.Written(lambda: reason, False))
            return
        finally:
            release()
        if not to_printer:
            self.post_message(self.Written(lambda: t("tui.preview.written", path=path), True))
            return
        self.post_message(self.Written(*printed(path)))

    def on_preview_screen_written(self, message: Written) -> None:
        self.note = message.text
        self.show_detail("#preview-note", message.text())
        self.notify(message.text(), severity="information" if message.ok else "error",
                    timeout=15)


def printed(path: Path) -> tuple:
    """Send the file to the printer: (the words saying what became of it, as a function
    of the language, and whether it was printed)."""
    printer = printing.find_printer()
    if printer is None:
        return (lambda: t("tui.print.no_printer", path=str(path))), False
    try:
        printing.send(path, printer)
    except EXPECTED as error:
        reason = problem(error)
        return (lambda: t("tui.print.failed", reason=reason, path=str(path))), False
    return (lambda: t("tui.print.sent", printer=printer.name, path=str(path))), True
