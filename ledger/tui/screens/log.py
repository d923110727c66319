"""The audit trail (操作日志): who changed the ledger, when, what and why, newest first;
each entry in words (reports.audit_trail.describe: the household, the amount, each
worker of a wage sheet), and under the list the whole of the entry under the cursor.

Opened from a record (the journal's `i`), it lists only the entries about that record.
`f` looks up one household (its code, name or pinyin initials: every entry touching it,
its batches or their records, `ledger.audit.about_party`) or one record (its voucher's
number, 记-2026-04-0017); an empty lookup shows every entry again. Entries are read in
pages in a thread worker, like every list; the filtering is SQLite's.
"""
from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input

from ledger import audit, i18n, vouchers
from ledger.browse import lookup
from ledger.i18n import t
from ledger.kinds import FILE_BY_NAME
from ledger.reports.audit_trail import Described, describe
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def log_page(kind: str | None, record_id: int | None, after: int | None,
             limit: int, household: str | None = None) -> list[audit.Entry]:
    """The next `limit` entries, newest first, older than entry `after` (keyset)."""
    return audit.entries(kind, record_id, limit=limit, before=after,
                         household=household)[::-1]


_RECORD = re.compile(r"([a-z]+):([0-9]+)")


def looked_up(text: str) -> tuple[str, str | int | None] | None:
    """What a lookup names: ("record", (kind, id)) for a voucher's number or `sales:42`,
    ("household", code) for a household's code, name or pinyin initials (one only),
    ("all", None) for nothing typed; None when it names nothing."""
    text = text.strip()
    if not text:
        return ("all", None)
    record = vouchers.by_number(text)
    found = _RECORD.fullmatch(text)
    if record is None and found and found[1] in FILE_BY_NAME:
        record = (found[1], int(found[2]))
    if record is not None:
        return ("record", record)
    code = lookup.Parties(("household",)).resolve(text)
    return ("household", code) if code else None


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
    BINDINGS = [Binding("escape", "app.pop_screen", "tui.key.back"),
                Binding("f", "find", "tui.log.key.find")]

    def __init__(self, kind: str | None = None, record_id: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.record_id = record_id
        #: The household looked up (its code), if any.
        self.household: str | None = None
        #: Each entry read, in words (see reports.audit_trail.describe), by its id.
        self.described: dict[str, Described] = {}

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(self.heading(), id="log-head", classes="heading")
        yield Input(placeholder=t("tui.log.find"), id="log-find", classes="field-input")
        yield PagedTable(self._fetch(), flex=4, id="log")
        yield PlainStatic("", id="log-detail")
        yield FittingFooter()

    def heading(self) -> str:
        if self.household:
            match = lookup.Parties(("household",)).get(self.household)
            return t("tui.log.household", household=lookup.party_named(
                self.household, match.label if match else ""))
        if self.kind:
            ref = (vouchers.number_of(self.kind, self.record_id)
                   or f"{i18n.kind_label(self.kind)} {self.record_id}")
            return t("tui.log.record", ref=ref)
        return t("tui.log.all")

    # -- looking up a household or a record ----------------------------------------------
    def action_find(self) -> None:
        self.query_one("#log-find", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        found = looked_up(event.value)
        if found is None:
            self.query_one("#log-head", PlainStatic).update(
                t("tui.log.not_found", text=event.value.strip()))
            return
        what, value = found
        self.kind, self.record_id = value if what == "record" else (None, None)
        self.household = value if what == "household" else None
        self.query_one("#log-head", PlainStatic).update(self.heading())
        self.described.clear()
        table = self.query_one(PagedTable)
        table.fetch = self._fetch()
        table.reload()
        table.focus()

    def _fetch(self):
        return self._page

    def _page(self, after: int | None, limit: int) -> list[Row]:
        """A page of rows; the entries are kept to show their changes (a worker thread)."""
        entries = log_page(self.kind, self.record_id, after, limit, self.household)
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
