"""The books and the statements (账簿与报表): the 科目余额表 of a month, a quarter or the
year, the cash and bank books, an account's ledger (明细账), the general ledger (总账), the
balance sheet, the income statement and the distribution.

Each is the very document the `silk report` commands print (`ledger.reports.statements`),
shown as its 80-column text in a scrolling view, so the screen and the paper cannot
disagree; `p` writes it beside the ledger as PDF, HTML or a workbook, by the same
renderers, or prints it, and `P` prints it at once: as a settlement sheet is printed from
its preview, the PDF is written beside the ledger and sent to the computer's printer
(`ledger.printing`), and where there is none the line under the document says where the
file is.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Select, Static

from ledger import books, i18n, statements, stores
from ledger.browse import lookup, release
from ledger.errors import LedgerError
from ledger.i18n import t
from ledger.reports import statements as documents
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.screens.choose import ChooseScreen
from ledger.tui.screens.preview import printed, write_beside
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paper import PaperView
from ledger.tui.widgets.plain import PlainStatic

#: The books and statements, in the order the chooser lists them; those that read a
#: whole year take the year of the period typed.
REPORTS = ("trial_balance", "cash_book", "bank_book", "account_ledger", "general_ledger",
           "balance_sheet", "income_statement", "distribution")
YEARLY = ("general_ledger", "balance_sheet", "income_statement", "distribution")
#: The forms a document is written in, by the key of its name; "print" is the PDF sent
#: to the printer.
FORMS = ("print", "pdf", "html", "xlsx", "txt")


def read_period(text: str, today: date | None = None) -> tuple[date, date]:
    """`2026-04` a month, `2026-Q2` a quarter, `2026` a year (empty: this year); or a
    LedgerError saying how to write one."""
    text = text.strip().upper() or str((today or date.today()).year)
    try:
        if "Q" in text:
            return books.quarter_span(text)
        if len(text) == 4:
            return books.year_span(text)
        return books.month_span(text)
    except (ValueError, IndexError):
        raise LedgerError("tui.books.bad_period", value=text[:20]) from None


def document(report: str, period: str, account: str, lang: str, households: dict[str, str]):
    """The report's document (`ledger.reports.tabular.Document`) for the period typed."""
    first, last = read_period(period)
    year = first.year
    if report == "trial_balance":
        return documents.trial_balance_document(books.trial_balance(first, last), lang)
    if report == "cash_book":
        return documents.book_document(books.cash_book(first, last, lang), lang,
                                       "book.cash_book")
    if report == "bank_book":
        return documents.book_document(books.bank_book(first, last, lang), lang,
                                       "book.bank_book")
    if report == "account_ledger":
        code = account.strip().upper()
        if not code:
            raise LedgerError("tui.books.needs_account")
        return documents.book_document(books.account_ledger(code, first, last, lang), lang,
                                       "book.account_ledger")
    if report == "general_ledger":
        return documents.general_ledger_document(books.general_ledger(year), lang)
    if report == "balance_sheet":
        return documents.balance_sheet_document(statements.balance_sheet(year), lang)
    if report == "income_statement":
        return documents.income_statement_document(statements.income_statement(year), lang)
    found = statements.distribution(year)
    return documents.distribution_document(found, lang, households)


def render(report_document, form: str, lang: str) -> bytes:
    """The document in `form`, by the reports' own renderers."""
    if form == "pdf":
        from ledger.reports import pdf

        return pdf.tabular(report_document, lang, pdf.find_font(None))
    if form == "html":
        from ledger.reports import html

        return html.tabular(report_document, lang).encode("utf-8")
    if form == "xlsx":
        from ledger.reports import tabular

        return tabular.workbook(report_document)
    from ledger.reports import text

    return text.tabular(report_document, lang).encode("utf-8")


class AccountSuggester(Suggester):
    """Completes an account code from the chart as it is typed."""

    def __init__(self):
        super().__init__(use_cache=False)
        self.accounts: lookup.Accounts | None = None

    async def get_suggestion(self, value: str) -> str | None:
        if self.accounts is None:
            self.accounts = lookup.Accounts()
        return self.accounts.complete(value)


class BooksScreen(LedgerScreen):
    """One book or statement at a time: choose it, type the period (and the account)."""

    AUTO_FOCUS = "#books-text"
    TITLE_KEY = "tui.screen.books"
    CSS_PATH = "books.tcss"
    BINDINGS = [
        Binding("f", "filter", "books.key.choose"),
        Binding("p", "write", "books.key.write"),
        Binding("P", "send_to_printer", "tui.key.send_to_printer", key_display="P"),
    ]

    class Written(Message):
        """What became of a file: `text()` says it in the language of the moment."""

        def __init__(self, text: Callable[[], str], ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.report = "trial_balance"
        self.period = str(date.today().year)
        self.account = "101"
        #: The last file written or printed, as a function of the language; said on the
        #: line under the document until another document is chosen.
        self.written: Callable[[], str] | None = None

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with Horizontal(id="books-choice"):
            yield Select([(t(f"books.report.{name}"), name) for name in REPORTS],
                         value=self.report, allow_blank=False, id="books-report")
            yield Input(self.period, placeholder=t("books.period_placeholder"),
                        id="books-period")
            yield Input(self.account, placeholder=t("books.account_placeholder"),
                        suggester=AccountSuggester(), id="books-account")
        yield PaperView(t("tui.loading"), id="books-text")
        yield PlainStatic("", id="books-note")
        yield FittingFooter()

    def state(self) -> tuple:
        return (*super().state(), self.report, self.period, self.account)

    def read(self) -> str:
        lang = i18n.language()
        try:
            found = document(self.report, self.period, self.account, lang, self._households())
        except LedgerError as error:
            return "\n" + problem(error)
        return render(found, "txt", lang).decode("utf-8")

    def _households(self) -> dict[str, str]:
        if self.report != "distribution":
            return {}
        return {entry.code: entry.name for entry in self.read_model.households.entries()}

    def show(self, text: str) -> None:
        self.query_one("#books-text", PaperView).show(text)
        self.query_one("#books-account").display = self.report == "account_ledger"
        self._show_note()

    def reopened(self) -> None:
        self.written = None  # (a file written from the ledger replaced)

    def _show_note(self) -> None:
        if self.written is not None:
            note = self.written()
        else:
            note = t("books.note.yearly") if self.report in YEARLY else t("books.note.period")
        self.query_one("#books-note", Static).update(note)

    # -- choosing ------------------------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.report:
            self.choose(event.value)
            if event.value != "account_ledger":
                self.query_one("#books-text").focus()

    def choose(self, report: str) -> None:
        """Show `report`, for the period (and account) typed."""
        self.report = report
        self.written = None
        select = self.query_one("#books-report", Select)
        if select.value != report:
            with self.prevent(Select.Changed):
                select.value = report
        self.load()
        if report == "account_ledger":
            self.query_one("#books-account", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.written = None
        if event.input.id == "books-period":
            self.period = event.value.strip()
        elif event.input.id == "books-account":
            accounts = lookup.Accounts()
            self.account = accounts.resolve(event.value) or event.value.strip().upper()
            event.input.value = self.account
        self.load()
        self.query_one("#books-text").focus()

    def action_filter(self) -> None:
        self.query_one("#books-report", Select).focus()

    def key_escape(self) -> None:
        if self.focused is not self.query_one("#books-text"):
            self.query_one("#books-text").focus()

    # -- writing it out ------------------------------------------------------------------
    def action_write(self) -> None:
        options = [(form, t(f"books.form.{form}")) for form in FORMS]
        self.app.push_screen(ChooseScreen(t("books.pick.form"), options),
                             lambda form: form and self._start_writing(form))

    def action_send_to_printer(self) -> None:
        self._start_writing("print")

    def _start_writing(self, form: str) -> None:
        """Write the document shown as `form` beside the ledger ("print": as PDF, then
        to the printer)."""
        to_printer = form == "print"
        form = "pdf" if to_printer else form
        try:
            first, last = read_period(self.period)
        except LedgerError as error:
            self.notify(problem(error), severity="error")
            return
        stem = t(f"books.report.{self.report}")
        period = str(first.year) if self.report in YEARLY else f"{first}~{last}"
        if self.report == "account_ledger":
            stem = f"{stem} {self.account}"
        path = stores.files_folder(self.app.db_path) / f"{stem} {period}.{form}"
        self.notify(t("tui.print.writing" if to_printer else "tui.preview.writing", path=path))
        self._write(form, path, self.report, self.period, self.account, i18n.language(),
                    to_printer)

    @work(thread=True, group="write")
    def _write(self, form: str, path: Path, report: str, period: str, account: str,
               lang: str, to_printer: bool = False) -> None:
        try:
            data = render(document(report, period, account, lang, self._households()), form,
                          lang)
            write_beside(path, data)
        except EXPECTED as error:
            reason = problem(error)
            self.post_message(self.Written(lambda: reason, False))
            return
        finally:
            release()
        if to_printer:
            self.post_message(self.Written(*printed(path)))
        else:
            self.post_message(self.Written(lambda: t("tui.preview.written", path=path), True))

    def on_books_screen_written(self, message: Written) -> None:
        self.written = message.text
        if self.is_mounted:
            self._show_note()
        self.notify(message.text(), severity="information" if message.ok else "error",
                    timeout=10)
