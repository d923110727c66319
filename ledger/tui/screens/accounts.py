"""The chart of accounts (科目表): every level-1 account and its sub-accounts, grouped by
class, with the debits and credits to date and the balance with its side (借/贷/平), as
the books write it. The households' 内部往来 sub-accounts are shown on request: a village
has hundreds, and 113's own row carries their sum."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from ledger import chart, i18n, money
from ledger.browse.accounts import AccountRow
from ledger.i18n import t
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import fit_column, right, row_value
from ledger.tui.widgets.plain import PlainStatic, PlainTable


def side_word(debit: int, credit: int, lang: str | None = None) -> str:
    """借 when the balance lies on the debit side, 贷 on the credit side, 平 when none."""
    if debit == credit:
        return t("books.side.none", lang)
    return t("books.side.debit" if debit > credit else "books.side.credit", lang)


def account_cells(row: AccountRow, lang: str) -> tuple:
    name = row.name(lang) if row.parent is None else "  " + row.name(lang)
    return (row.code, name, right(money.yuan(row.debit)), right(money.yuan(row.credit)),
            side_word(row.debit, row.credit, lang), right(money.yuan(abs(row.debit - row.credit))))


class AccountsScreen(LedgerScreen):
    AUTO_FOCUS = "#accounts"
    TITLE_KEY = "tui.screen.accounts"
    CSS_PATH = "vouchers.tcss"
    BINDINGS = [
        Binding("n", "add_account", "books.key.add_account"),
        Binding("f", "toggle_households", "books.key.households_toggle"),
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.households = False
        self.rows: dict[str, AccountRow] = {}

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainTable(id="accounts", cursor_type="row", zebra_stripes=True)
        yield PlainStatic("", id="accounts-detail")
        yield FittingFooter()

    def state(self) -> tuple:
        return (*super().state(), self.households)

    def read(self) -> list[AccountRow]:
        return self.read_model.accounts.rows(self.households)

    def show(self, rows: list[AccountRow]) -> None:
        lang = i18n.language()
        table = self.query_one("#accounts", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_columns(t("books.col.code"), t("books.col.name"), t("books.col.debits"),
                          t("books.col.credits"), t("books.col.side"), t("books.col.balance"))
        self.rows = {row.code: row for row in rows}
        shown_class = None
        for row in rows:
            group = chart.account_class(row.code)
            if group != shown_class:
                shown_class = group
                table.add_row("", t(f"books.accounts.class.{group}"), "", "", "", "",
                              key=f"class:{group}")
            table.add_row(*account_cells(row, lang), key=row.code)
        if keep:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.on_resize()

    def on_resize(self) -> None:
        """The name gives way, so the figures are whole at 80 columns whatever their
        size or the language (the line under the table names the account in full)."""
        self.call_after_refresh(fit_column, self.query_one("#accounts", DataTable), 1)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.rows.get(row_value(event) or "")
        if row is None:
            self.show_detail("#accounts-detail", "")
            return
        lang = i18n.language()
        how = ("books.accounts.year_end" if (row.parent or row.code) in chart.YEAR_END_ONLY
               else "books.accounts.leaf" if row.leaf else "books.accounts.parent")
        self.show_detail("#accounts-detail", t(
            "books.accounts.detail", code=row.code, name=row.name(lang),
            balance=money.yuan(abs(row.debit - row.credit)),
            side=side_word(row.debit, row.credit, lang), leaf=t(how)))

    def action_toggle_households(self) -> None:
        self.households = not self.households
        self.load()

    def action_add_account(self) -> None:
        """A sub-account under the level-1 account under the cursor."""
        table = self.query_one("#accounts", DataTable)
        key = (table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
               if table.row_count else None)
        row = self.rows.get(key or "")
        self.app.add_account((row.parent or row.code) if row else "")
