"""The audit trail (操作日志): who changed the ledger, when, what and why, newest first;
the entry under the cursor shows its record before and after, and the reason.

Opened from a record (the journal's `i`), it lists only the entries about that record.
Entries are read in pages in a thread worker, like every list.
"""
from __future__ import annotations

import json
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ledger import audit, i18n
from ledger.i18n import t
from ledger.kinds import BY_NAME
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


def log_page(kind: str | None, record_id: int | None, after: int | None,
             limit: int) -> list[audit.Entry]:
    """The next `limit` entries, newest first, older than entry `after` (keyset)."""
    return audit.entries(kind, record_id, limit=limit, before=after)[::-1]


def log_row(entry: audit.Entry, position: int) -> Row:
    return Row(str(entry.id), (
        right(str(entry.id)), entry.at.replace("T", " ")[:16], entry.operator,
        action_label(entry.action), entry.target or entry.records, entry.reason), position)


def action_label(action: str) -> str:
    key = f"action.{action}"
    text = t(key)
    return action if text == key else text


def in_order(kind: str, values):
    """A record's values in its kind's column order (the trail stores them sorted)."""
    if not isinstance(values, dict) or kind not in BY_NAME:
        return values
    columns = BY_NAME[kind].columns
    return {name: values[name] for name in sorted(values, key=lambda n: (
        columns.index(n) if n in columns else len(columns), n))}


def changes_text(entry: audit.Entry) -> str:
    """Before and after, a field a line: `kg 12.000 → 12.500`; reason first."""
    lines = [f"{t('log_reason')}: {entry.reason}"] if entry.reason else []
    before = in_order(entry.kind, json.loads(entry.before)) if entry.before else None
    after = in_order(entry.kind, json.loads(entry.after)) if entry.after else None
    if isinstance(before, dict) and isinstance(after, dict):
        for name in before:
            if before.get(name) != after.get(name):
                lines.append(f"{i18n.field_label(name)}: {before[name]} → {after.get(name)}")
    elif isinstance(before, dict):
        lines.append(f"{t('log_before')}: " + " · ".join(
            f"{i18n.field_label(name)} {value}" for name, value in before.items() if value))
    elif before or after:
        lines += [f"{t('log_before')}: {before}" if before else "",
                  f"{t('log_after')}: {after}" if after else ""]
    return "\n".join(line for line in lines if line) or "-"


class LogScreen(LedgerScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.log"
    CSS_PATH = "log.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "tui.key.back")]

    def __init__(self, kind: str | None = None, record_id: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.kind = kind
        self.record_id = record_id
        self.entries: dict[str, audit.Entry] = {}

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        heading = (t("tui.log.record", ref=f"{self.kind}:{self.record_id}") if self.kind
                   else t("tui.log.all"))
        yield PlainStatic(heading, id="log-head", classes="heading")
        yield PagedTable(self._fetch(), flex=5, id="log")
        yield PlainStatic("", id="log-detail")
        yield FittingFooter()

    def _fetch(self):
        return self._page

    def _page(self, after: int | None, limit: int) -> list[Row]:
        """A page of rows; the entries are kept to show their changes (a worker thread)."""
        entries = log_page(self.kind, self.record_id, after, limit)
        self.entries.update((str(entry.id), entry) for entry in entries)
        return [log_row(entry, entry.id) for entry in entries]

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("col.entry"), t("col.when"), t("col.operator"), t("col.action"),
                           t("col.what"), t("log_reason")])
        table.fetch = self._fetch()
        table.reload()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        entry = self.entries.get(row_value(event) or "")
        if entry is not None:
            self.query_one("#log-detail", Static).update(changes_text(entry))
