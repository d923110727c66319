"""Print preview: a household's settlement sheet or the season's notice board as the
80-column text the printer gets, with keys to write it as HTML or PDF beside the ledger."""
from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widgets import Static

from ledger import i18n
from ledger.browse import Season, release
from ledger.i18n import t
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def document(kind: str, code: str | None, season: Season):
    """The report data: [Statement] for a household, a Summary for the notice board."""
    if kind == "statement":
        from ledger.reports.statement import statement

        return [statement(code, season)]
    from ledger.reports.summary import summary

    return summary(season)


def render(kind: str, data, form: str, lang: str) -> bytes:
    """The document in `form` (text, html or pdf), by the reports' own renderers."""
    name = "statements" if kind == "statement" else "summary"
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
        Binding("h", "write('html')", "tui.key.html"),
        Binding("p", "write('pdf')", "tui.key.pdf"),
    ]

    class Written(Message):
        def __init__(self, text: str, ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, kind: str, code: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.code = code

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with ScrollableContainer(id="preview"):
            yield PlainStatic(t("tui.loading"), id="preview-text")
        yield FittingFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#preview").focus()

    def read(self) -> str | None:
        if self.season is None:
            return None
        data = document(self.kind, self.code, self.season)
        return render(self.kind, data, "text", i18n.language()).decode("utf-8")

    def show(self, text: str | None) -> None:
        self.query_one("#preview-text", Static).update(text or "")

    def file_name(self, form: str) -> Path:
        season = self.season.code
        stem = (t("tui.preview.file_statement", code=self.code, season=season)
                if self.kind == "statement" else t("tui.preview.file_summary", season=season))
        return Path(self.app.db_path).resolve().parent / f"{stem}.{form}"

    def action_write(self, form: str) -> None:
        if self.season is None:
            return
        path = self.file_name(form)
        self.notify(t("tui.preview.writing", path=path))
        self._write(form, path, self.season, i18n.language())

    @work(thread=True, group="write")
    def _write(self, form: str, path: Path, season: Season, lang: str) -> None:
        try:
            text = render(self.kind, document(self.kind, self.code, season), form, lang)
            write_beside(path, text)
            self.post_message(self.Written(t("tui.preview.written", path=path), True))
        except EXPECTED as error:
            self.post_message(self.Written(problem(error), False))
        finally:
            release()

    def on_preview_screen_written(self, message: Written) -> None:
        self.notify(message.text, severity="information" if message.ok else "error")
