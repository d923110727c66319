"""A voucher (记账凭证) shown over the journal: its postings, debits first, and totals."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ledger import i18n, money
from ledger.i18n import t
from ledger.tui.bindings import localize
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.widgets.paged_table import right
from ledger.tui.widgets.plain import PlainLabel, PlainTable


class VoucherScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "tui.key.back")]

    def __init__(self, voucher: int, kind: str, record: int):
        super().__init__()
        self.voucher = voucher
        self.kind = kind
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(id="voucher"):
            yield PlainLabel("", id="voucher-head", classes="heading")
            yield PlainTable(id="voucher-postings", cursor_type="row")

    def on_mount(self) -> None:
        localize(self)
        try:  # two postings through an index: quick enough to read here
            journal = self.app.read_model.journal
            day = journal.voucher_date(self.voucher)
            number = journal.voucher_number(self.voucher)
            lines = journal.postings(self.voucher)
        except EXPECTED as error:
            self.notify(problem(error), severity="error")
            self.dismiss(None)
            return
        self.query_one("#voucher-head", Label).update(t(
            "tui.voucher.head", number=number, date=day, kind=i18n.kind_label(self.kind)))
        table = self.query_one(DataTable)
        table.add_columns(t("tui.col.account"), t("tui.col.debit"), t("tui.col.credit"))
        for line in lines:
            table.add_row(f"{line.account} {line.name}",
                          right(money.yuan(line.debit) if line.debit else ""),
                          right(money.yuan(line.credit) if line.credit else ""))
        table.add_row(t("tui.voucher.total"), right(money.yuan(sum(line.debit for line in lines))),
                      right(money.yuan(sum(line.credit for line in lines))))
        table.focus()
