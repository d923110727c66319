"""General vouchers (记账凭证): the list, newest first with their numbers; a voucher opened
with its lines and totals; a reversal (红字冲销) for a reason; `n` fills in a new one."""
from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ledger import i18n, money, vouchers
from ledger.browse import ReadModel
from ledger.browse.vouchers import GeneralRow
from ledger.entry_dates import read_entry_date
from ledger.i18n import t
from ledger.rules import Problem
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import ListScreen
from ledger.tui.screens.reason import FieldProblem, ReasonScreen
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable


def status(row: GeneralRow, lang: str | None = None) -> str:
    """What a voucher's row notes: a reversal, reversed, or the year-end close's."""
    if row.reverses:
        return t("tui.vouchers.reverses", lang, number=row.reverses)
    if row.reversed_by:
        return t("tui.vouchers.reversed_by", lang, number=row.reversed_by)
    if row.source in ("closing", "depreciation"):
        return t(f"tui.vouchers.{row.source}", lang)
    return ""


def voucher_rows(read_model: ReadModel, lang: str, after, limit: int) -> list[Row]:
    return [Row(str(row.id), (row.number, row.date.isoformat(), row.summary,
                              right(money.yuan(row.amount)), right(str(row.attachments)),
                              status(row, lang)), row.position)
            for row in read_model.vouchers.page(after, limit)]


class VouchersScreen(ListScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.vouchers"
    BINDINGS = [
        Binding("n", "new_voucher", "books.key.new_voucher"),
        Binding("enter", "open", "books.key.open", show=False),
        Binding("r", "reverse", "books.key.reverse"),
    ]

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PagedTable(partial(voucher_rows, self.read_model, i18n.language()), flex=2,
                         id="vouchers")
        yield PlainStatic("", id="vouchers-detail")
        yield FittingFooter()

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("books.col.number"), t("books.col.date"), t("books.col.summary"),
                           t("books.col.amount"), t("books.col.attachments"),
                           t("books.col.status")])
        table.fetch = partial(voucher_rows, self.read_model, i18n.language())
        table.reload()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole row under the cursor, which a narrow terminal cuts short."""
        table = self.query_one(PagedTable)
        if (event.data_table is not table or row_value(event) is None
                or event.row_key not in table.rows):
            return
        cells = table.get_row(event.row_key)
        self.show_detail("#vouchers-detail", " · ".join(str(cell) for cell in cells if str(cell)))

    def on_paged_table_page_loaded(self, message: PagedTable.PageLoaded) -> None:
        if message.generation == 1 and not message.rows and not message.table.row_count:
            self.query_one("#vouchers-detail", Static).update(t("tui.vouchers.empty"))

    def action_new_voucher(self) -> None:
        self.app.new_voucher()

    def open(self, key: str | None) -> None:
        if key:
            self.app.push_screen(GeneralVoucherScreen(int(key)), self._after)

    def action_reverse(self) -> None:
        key = self.query_one(PagedTable).current_key
        if key:
            reverse_voucher(self.app, int(key), self._after)

    def _after(self, text: str | None) -> None:
        if text:
            self.notify(text, timeout=8)
            self.app.records_changed()


def reverse_voucher(app, general_id: int, done) -> None:
    """Ask for the reason (and the date) of reversing a general voucher, unless it
    cannot be reversed at all: then say why."""
    found = app.read_model.vouchers.one(general_id)
    if found is None:
        return
    why = (t("tui.gvoucher.is_reversal") if found.reverses else
           t("tui.gvoucher.already", by=found.reversed_by) if found.reversed_by else None)
    if why:
        app.notify(t("tui.gvoucher.not_reversible", number=found.number, why=why),
                   severity="warning", timeout=8)
        return
    app.push_screen(reverse_screen(app, found), done)


class GeneralVoucherScreen(ModalScreen[str | None]):
    """One general voucher: number, date, attachments, maker, its lines and totals."""

    CSS_PATH = "vouchers.tcss"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "tui.key.back"),
        Binding("r", "reverse", "books.key.reverse"),
    ]

    def __init__(self, general_id: int):
        super().__init__()
        self.general_id = general_id

    def compose(self) -> ComposeResult:
        with Vertical(id="gvoucher"):
            yield PlainLabel("", id="gvoucher-head", classes="heading")
            yield PlainTable(id="gvoucher-lines", cursor_type="row")
            yield PlainStatic("", id="gvoucher-note")
            yield PlainStatic(t("tui.gvoucher.keys"), id="gvoucher-keys")

    def on_mount(self) -> None:
        localize(self)
        try:
            found = self.app.read_model.vouchers.one(self.general_id)
        except EXPECTED as error:
            self.notify(problem(error), severity="error")
            found = None
        if found is None:
            self.dismiss(None)
            return
        lang = i18n.language()
        self.query_one("#gvoucher-head", PlainLabel).update(t(
            "tui.gvoucher.head", number=found.number, date=found.date.isoformat(),
            attachments=found.attachments, maker=found.maker))
        self.query_one("#gvoucher-note", Static).update(status(found))
        table = self.query_one(DataTable)
        table.add_columns(t("books.col.summary"), t("tui.col.account"), t("tui.col.debit"),
                          t("tui.col.credit"))
        for line in found.lines:
            table.add_row(line.summary, f"{line.account} {line.name(lang)}",
                          right(money.yuan(line.debit) if line.debit else ""),
                          right(money.yuan(line.credit) if line.credit else ""))
        table.add_row(t("tui.gvoucher.total"), "",
                      right(money.yuan(sum(line.debit for line in found.lines))),
                      right(money.yuan(sum(line.credit for line in found.lines))))
        table.focus()

    def action_reverse(self) -> None:
        reverse_voucher(self.app, self.general_id, lambda text: text and self.dismiss(text))


def reverse_act(app, found: GeneralRow):
    """What reversing `found` does with the reason and the date typed."""
    def act(typed: dict[str, str]) -> str:
        day: date | None = None
        if typed["date"].strip():
            try:
                day = read_entry_date(typed["date"], None)
            except Problem as refused:
                raise FieldProblem("date", refused) from None
        reversal = vouchers.reverse(found.id, typed["reason"], day)
        return t("tui.gvoucher.reversed", number=found.number,
                 by=app.read_model.vouchers.number_of(reversal))
    return act


def reverse_screen(app, found: GeneralRow) -> ReasonScreen:
    """Reverses a general voucher (红字冲销) for a reason, on its own date or one typed;
    a refusal (a closed year, a closed season) is shown and nothing is written."""
    return ReasonScreen(t("tui.gvoucher.reversal_title", number=found.number),
                        f"{found.date} · {found.summary} · {money.yuan(found.amount)}",
                        t("tui.gvoucher.reversal_explain"), reverse_act(app, found),
                        (("date", t("tui.field.reversal_date"), found.date.isoformat()),))
