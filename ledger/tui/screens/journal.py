"""The journal: every record of the season, newest first, with its voucher number;
filtered by kind, party and date; a record opens to show its voucher's postings.

The party is typed as in any form's party field (`lookup.Parties`): a code, a name, 村集体
or the pinyin initials of a name (`zgh` finds 张国华), and becomes its code once found."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select

from ledger import i18n, money
from ledger.width import clipped
from ledger.browse import JOURNAL_KINDS, JournalKey, ReadModel, Season
from ledger.browse.lookup import Parties, party_match_text
from ledger.i18n import t
from ledger.tui.screens.base import ListScreen
from ledger.tui.widgets.paged_table import PagedTable, Row, right, row_value
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainStatic
from ledger.tui.textual_compat import SteadyHeader


#: The most a party's name takes in the list at 80 columns; the line under the list
#: shows the whole row.
NAME_CELLS = 10


@dataclass(frozen=True)
class JournalFilter:
    kind: str | None = None
    party: str = ""
    start: date | None = None
    end: date | None = None


def journal_rows(read_model: ReadModel, season: Season | None, chosen: JournalFilter, lang: str,
                 after: JournalKey | None, limit: int) -> list[Row]:
    if season is None:
        return []
    kinds = (chosen.kind,) if chosen.kind else JOURNAL_KINDS
    journal = read_model.journal
    records = journal.page(season, after, limit, kinds, chosen.party or None,
                           chosen.start, chosen.end)
    links = journal.correction_links(records)
    rows = []
    for record in records:
        link = links.get((record.kind, record.id))
        detail = record.describe(lang)
        if link:  # （红字冲销 记-2026-04-0012）, （已被 记-2026-05-0003 冲销）, （更正 …）
            detail = f"{t(link[0], lang, id=link[1])} {detail}"
        rows.append(Row(f"{record.kind}:{record.id}:{record.voucher or ''}", (
            record.date.strftime("%m-%d"), i18n.kind_label(record.kind, lang),
            record.number, clipped(record.party_name, NAME_CELLS),
            clipped(record.other_name, NAME_CELLS),
            right(money.yuan(record.amount)), detail), record.key))
        rows[-1].whole = " · ".join(part for part in (
            record.number, i18n.kind_label(record.kind, lang),
            " ".join(name for name in (record.party_name, record.other_name) if name),
            money.yuan(record.amount), detail) if part)
    return rows


class JournalScreen(ListScreen):
    AUTO_FOCUS = "PagedTable"
    TITLE_KEY = "tui.screen.journal"
    BINDINGS = [
        Binding("f", "filter", "tui.key.filter"),
        Binding("x", "clear", "tui.key.clear"),
        Binding("enter", "open", "tui.key.open", show=False),
        Binding("r", "correct('reverse')", "tui.key.reverse"),
        Binding("c", "correct('amend')", "tui.key.amend"),
        Binding("i", "history", "tui.key.history"),
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.chosen = JournalFilter()
        self.date_text = ""
        self.lines: dict[str, str] = {}  # row key -> the whole row, for the line under it

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with Horizontal(id="journal-filters"):
            kinds = [(i18n.kind_label(kind), kind) for kind in JOURNAL_KINDS]
            yield Select(kinds, prompt=t("tui.journal.all_kinds"),
                         value=self.chosen.kind or Select.NULL, id="journal-kind")
            yield Input(self.chosen.party, placeholder=t("tui.journal.party"), id="journal-party")
            yield Input(self.date_text, placeholder=t("tui.journal.date"), id="journal-date")
        yield PagedTable(self._fetch(), flex=6, id="journal")
        yield PlainStatic("", id="journal-detail")
        yield FittingFooter()

    def _fetch(self):
        return partial(self._page, self.season, self.chosen, i18n.language())

    def _page(self, season, chosen: JournalFilter, lang: str, after, limit: int) -> list[Row]:
        rows = journal_rows(self.read_model, season, chosen, lang, after, limit)
        self.lines.update((row.key, row.whole) for row in rows)
        return rows

    def show(self, _data) -> None:
        table = self.query_one(PagedTable)
        table.set_columns([t("tui.col.date"), t("tui.col.kind"), t("tui.col.voucher"),
                           t("tui.col.party"), t("tui.col.other"), t("tui.col.amount"),
                           t("tui.col.detail")])
        self._reload()

    def _reload(self) -> None:
        table = self.query_one(PagedTable)
        table.fetch = self._fetch()
        table.reload()

    def on_select_changed(self, event: Select.Changed) -> None:
        kind = event.value if isinstance(event.value, str) else None
        if kind != self.chosen.kind:
            self.chosen = JournalFilter(kind, self.chosen.party, self.chosen.start, self.chosen.end)
            self._reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        party, start, end = self.chosen.party, self.chosen.start, self.chosen.end
        if event.input.id == "journal-party":
            party = self._party(event.value.strip())
            if party is None:
                return
            if party:
                event.input.value = party_match_text(Parties().get(party))
        else:
            self.date_text = event.value.strip()
            start = end = None
            if self.date_text and self.season is not None:
                bounds = self.read_model.journal.parse_day_range(self.date_text, self.season)
                if bounds is None:
                    self.notify(t("tui.journal.bad_date", text=self.date_text), severity="error")
                    return
                start, end = bounds
        self.chosen = JournalFilter(self.chosen.kind, party, start, end)
        self._reload()
        self.query_one(PagedTable).focus()

    def _party(self, text: str) -> str | None:
        """The code of the party `text` names, "" for none; None, once said why, when it
        names no party or more than one."""
        if not text:
            return ""
        parties = Parties()
        code = parties.resolve(text)
        if code is None:  # the box shows a party found as H001 张国华
            shown = parties.get(text.split()[0])
            if shown is not None and party_match_text(shown) == text:
                code = shown.code
        if code is not None:
            return code
        found = parties.find(text, limit=5)
        if found:
            self.notify(t("tui.journal.party_which", text=text, matches="  ".join(
                party_match_text(match) for match in found)), severity="warning")
        else:
            self.notify(t("tui.journal.no_party", text=text), severity="error")
        return None

    def action_filter(self) -> None:
        self.query_one("#journal-kind", Select).focus()

    async def action_clear(self) -> None:
        self.chosen = JournalFilter()
        self.date_text = ""
        await self.recompose()
        self.load()
        self.query_one(PagedTable).focus()

    def key_escape(self) -> None:
        if self.focused is not self.query_one(PagedTable):
            self.query_one(PagedTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole of the row under the cursor, which a narrow terminal cuts short."""
        table = self.query_one(PagedTable)
        if (event.data_table is not table or row_value(event) is None
                or event.row_key not in table.rows):  # a reload removed it meanwhile
            return
        self.show_detail("#journal-detail", self.lines.get(event.row_key.value, ""))

    def _record_under_cursor(self) -> tuple[str, int] | None:
        key = self.query_one(PagedTable).current_key
        if not key:
            return None
        kind, record, _ = key.split(":")
        return kind, int(record)

    def action_correct(self, how: str) -> None:
        """Reverse (红字冲销) or amend the record under the cursor, in a modal."""
        chosen = self._record_under_cursor()
        if chosen is None:
            return
        from ledger.tui.screens.correct import CorrectScreen

        self.app.push_screen(CorrectScreen(*chosen, amend=how == "amend"), self._corrected)

    def _corrected(self, text: str | None) -> None:
        if text:
            self.notify(text, timeout=8)
            self.app.records_changed()

    def action_history(self) -> None:
        """The audit trail's entries about the record under the cursor."""
        chosen = self._record_under_cursor()
        if chosen is not None:
            self.app.action_open_log(*chosen)

    def open(self, key: str | None) -> None:
        if not key:
            return
        kind, record, voucher = key.split(":")
        if not voucher:
            self.notify(t("tui.journal.no_voucher"))
            return
        from ledger.tui.screens.voucher import VoucherScreen

        self.app.push_screen(VoucherScreen(int(voucher), kind, int(record)))
