"""The audit trail (操作日志): who changed the ledger, when, what and why, newest first;
each entry in words (reports.audit_trail.describe: the household, the amount, each
worker of a wage sheet), and under the list the whole of the entry under the cursor.

Opened from a record (the journal's `i`), it lists only the entries about that record.
Entries are read in pages in a thread worker, like every list.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from ledger import audit
from ledger.i18n import t
from ledger.reports.audit_trail import Described, describe
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def log_page(kind: str | None, record_id: int | None, after: int | None,
             limit: int) -> list[audit.Entry]:
    """The next `limit` entries, newest first, older than entry `after` (keyset)."""
    return audit.entries(kind, record_id, limit=limit, before=after)[::-1]


def log_row(entry: audit.Entry, summary: str, position: int) -> Row:
    return Row(str(entry.id), (
        right(str(entry.id)), entry.at.replace("T", " ")[:16], entry.operator,
        action_label(entry.action), summary, entry.reason), position)


def action_label(action: str) -> str:
    key = f"action.{action}"
    text = t(key)
    return action if text == key else text


class LogScreen(LedgerScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.log"
    CSS_PATH = "log.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "tui.key.back")]

    def __init__(self, kind: str | None = None, record_id: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.record_id = record_id
        #: Each entry read, in words (see reports.audit_trail.describe), by its id.
        self.described: dict[str, Described] = {}

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        heading = (t("tui.log.record", ref=f"{self.kind}:{self.record_id}") if self.kind
                   else t("tui.log.all"))
        yield PlainStatic(heading, id="log-head", classes="heading")
        yield PagedTable(self._fetch(), flex=4, id="log")
        yield PlainStatic("", id="log-detail")
        yield FittingFooter()

    def _fetch(self):
        return self._page

    def _page(self, after: int | None, limit: int) -> list[Row]:
        """A page of rows; the entries are kept to show their changes (a worker thread)."""
        entries = log_page(self.kind, self.record_id, after, limit)
        described = {str(entry.id): describe(entry) for entry in entries}
        self.described.update(described)
        return [log_row(entry, described[str(entry.id)].summary, entry.id)
                for entry in entries]

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("col.entry"), t("col.when"), t("col.operator"), t("col.action"),
                           t("col.what"), t("log_reason")])
        table.fetch = self._fetch()
        table.reload()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        described = self.described.get(row_value(event) or "")
        if described is not None:
            self.show_detail("#log-detail",
                "\n".join([described.summary, *described.details]))
