"""The wage sheet: a day's or a week's workshop attendance, saved as one wage per cell.

The payer, task, rate and unit are set once for the sheet, two to a line, in the order
Tab takes them; the sheet starts on the first day of the last sheet saved. Each row names
the household the wage is paid to (shown with its name once its code is typed) and the
worker; each filled day cell is one wage of that many days. Enter moves on to the next
worker's row.
Every wage is judged by `ledger.rules` (live, for the figures) and all are recorded by
`ledger.book.record_many` in one transaction: one bad cell and nothing is saved.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Input, Static

from ledger import book, i18n, money, rules, spellings, stores
from ledger.browse import COLLECTIVE, lookup
from ledger.browse.wages import Wages
from ledger.errors import FieldError
from ledger.refs import Refs
from ledger.tui.forms import fields
from ledger.tui.forms.attendance import PERSON, AttendanceGrid, day_column, day_label
from ledger.tui.forms.fields import FieldRow
from ledger.tui.bindings import localize
from ledger.tui.forms.base import FormScreen
from ledger.tui.widgets.plain import PlainStatic

#: Fields set once for the whole sheet, with what a new sheet starts from.
SHEET_FIELDS = ("payer", "task", "rate", "unit")
MAX_DAYS = 7


class WageSheet(FormScreen):
    """Wages of one season by worker and day; dismissed with how many were saved, or None."""

    CSS_PATH = "wage_sheet.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("ctrl+n", "add_worker", "sheet.add_row", key_display="^n"),
    ]

    def __init__(self, season: str, payer: str | None = None):
        super().__init__()
        self.season = season
        self.payer = payer or COLLECTIVE
        self.households = lookup.Parties(("household",))
        self.payers = lookup.Parties(fields.PARTY_FIELDS["payer"])

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        season = Refs().season(self.season)
        last = Wages.last(self.season)
        first = (last.first_day if last else None) or fields.today_within(season) \
            or (season.start if season else date.today())
        with Vertical(id="sheet"):
            yield PlainStatic(i18n.t("sheet.title", season=self.season), id="title")
            with Vertical(id="settings"):  # two to a line, in the order Tab takes them
                with Horizontal(classes="settings-line"):
                    yield FieldRow("payer", fields.shown("payer", self.payer),
                                   suggester=fields.CodeSuggester(self.payers.complete))
                    yield FieldRow("task", last.task if last else "",
                                   suggester=SuggestFromList(Wages.tasks(self.season)))
                with Horizontal(classes="settings-line"):
                    yield FieldRow("rate", money.yuan(last.rate) if last else "")
                    yield FieldRow("unit", last.unit if last else "天")
                with Horizontal(classes="settings-line"):
                    yield FieldRow("from", first.isoformat(), label=i18n.t("sheet.from"),
                                   placeholder=i18n.t("form.date_placeholder"))
                    yield FieldRow("days", "1", label=i18n.t("sheet.days"))
            yield AttendanceGrid([first], names=self._household_name, id="grid")
            yield PlainStatic("", id="hint")
            yield PlainStatic("", id="summary")
            with VerticalScroll(id="messages", can_focus=False):  # every problem, scrolled
                yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("sheet.keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        localize(self.grid)
        self._restore_draft()
        for row in self.query(FieldRow):
            self._show_hint(row)
        self.grid.to_first_open_cell()
        self.grid.focus()
        self._show_figures()

    def _household_name(self, code: str) -> str | None:
        found = self.households.get(code) if code.strip() else None
        return found.label if found else None

    # -- the draft: an unsaved sheet kept until saved or discarded on purpose ------------
    @property
    def draft_path(self) -> Path | None:
        """`<ledger>.wages-draft-<season>.json` beside the ledger file, or for a ledger
        on a server `<database>.<ledger>.wages-draft-<season>.json` in the working
        folder: a draft is no record (nothing posted, sealed or audited), so it stays
        out of the ledger and no backup or check ever counts it. None where the app has
        no ledger."""
        ledger = getattr(self.app, "db_path", None)
        if not ledger:
            return None
        if stores.is_server(ledger):
            from ledger.stores import postgresql

            where = postgresql.parse(ledger)
            name = f"{where.database}.{where.ledger}"
        else:
            name = Path(ledger).name
        return stores.files_folder(ledger) / f"{name}.wages-draft-{self.season}.json"

    def work_name(self) -> str:
        """The sheet's title, and that it is kept as a draft to come back to."""
        kept = i18n.t("sheet.draft_kept") if self.draft_path is not None else ""
        return super().work_name() + kept

    def _keep_draft(self) -> None:
        path = self.draft_path
        if path is None or not self.is_mounted:
            return
        settings = {row.field: row.input.value for row in self.query(FieldRow)}
        try:
            if self.typed():
                path.write_text(json.dumps({"settings": settings,
                                            "rows": self.grid.entries}, ensure_ascii=False),
                                encoding="utf-8")
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # a draft that cannot be written leaves the sheet as it is

    def _restore_draft(self) -> None:
        path = self.draft_path
        try:
            draft = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            draft = None
        if not isinstance(draft, dict):
            return
        for row in self.query(FieldRow):
            if isinstance(draft.get("settings", {}).get(row.field), str):
                row.input.value = fields.shown(row.field, draft["settings"][row.field])
        rows = [dict(entry) for entry in draft.get("rows", []) if isinstance(entry, dict)]
        days, problems = self._days()
        if rows and not problems:
            self.grid.days = days
            self.grid.entries = rows
            self.grid.rebuild()
        self._say(i18n.t("sheet.draft_restored"))

    def discard_draft(self) -> None:
        path = self.draft_path
        if path is not None:
            path.unlink(missing_ok=True)

    def typed(self) -> bool:
        return any(text.strip() for entry in self.grid.entries for text in entry.values())

    @property
    def grid(self) -> AttendanceGrid:
        return self.query_one(AttendanceGrid)

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value

    # -- the settings ---------------------------------------------------------------------
    def _days(self) -> tuple[list[date], list[FieldError]]:
        """The sheet's days, from its first day and how many; or what is wrong with them."""
        try:
            first = fields.read_value("date", self._text("from"), Refs().season(self.season))
        except rules.Problem as problem:
            return [], [FieldError("wages", "from", problem.reason, problem.params)]
        try:  # ３ is 3; ² passes isdigit() but is no digit (and int() fails on it)
            count = spellings.plain(self._text("days"))
        except rules.Problem:
            count = ""
        if not first or not count.isdigit() or not 1 <= int(count) <= MAX_DAYS:
            field = "days" if first else "from"
            return [], [FieldError("wages", field, "sheet.days_range" if first else "required")]
        return [first + timedelta(days=offset) for offset in range(int(count))], []

    @on(Input.Changed, ".field-input")
    def _setting_changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        row.show_error(None)
        self._show_hint(row)
        if row.field in ("from", "days"):
            days, problems = self._days()
            if not problems and days != self.grid.days:
                self.grid.days = days
                self.grid.rebuild()
        self._show_figures()
        self._keep_draft()

    def _show_hint(self, row: FieldRow) -> None:
        if row.field == "payer":
            row.show_hint(fields.hint("payer", row.input.value, self.payers, None, False))
        elif row.field == "from":
            row.show_hint(fields.hint("date", row.input.value, None, Refs().season(self.season),
                                      False))

    @on(Input.Blurred, ".field-input")
    def _left(self, event: Input.Blurred) -> None:
        """A payer named or typed by pinyin initials becomes its code (the collective
        its name)."""
        if event.input.parent.field == "payer":
            text = fields.settled("payer", event.value, self.payers)
            if text is not None:
                event.input.value = text

    @on(Input.Submitted, ".field-input")
    def _submitted(self) -> None:
        self.grid.focus()

    # -- the grid -------------------------------------------------------------------------
    @on(AttendanceGrid.Edited)
    def _cell_edited(self, event: AttendanceGrid.Edited) -> None:
        if event.column == "household":
            text = self.grid.entries[event.row].get("household", "")
            if event.left and text and not self.households.get(text):
                code = self.households.resolve(text)
                if code:
                    self.grid.set_text(event.row, "household", code)
        if not event.left:
            self._show_figures()
            self._keep_draft()
        self._show_cell_hint()

    @on(AttendanceGrid.CellHighlighted)
    def _cell_highlighted(self) -> None:
        self._show_cell_hint()

    def _show_cell_hint(self) -> None:
        row, column = self.grid.place
        text = self.grid.entries[row].get("household", "") if row < len(self.grid.entries) else ""
        hint = fields.hint("household", text, self.households, None, False) if text else ""
        self.query_one("#hint", Static).update(hint)

    def wages(self) -> tuple[list[tuple[str, dict]], list[FieldError]]:
        """One wage per filled day cell, each located as `row:column`, and what could not
        be read at all."""
        days, problems = self._days()
        sheet = {"season": self.season}
        for name in SHEET_FIELDS:
            try:
                sheet[name] = fields.read_value(name, self._text(name), None)
            except rules.Problem as problem:
                problems.append(FieldError("wages", name, problem.reason, problem.params))
        rows = []
        for index, entry in enumerate(self.grid.entries):
            person = {name: fields.read_value(name, entry.get(name, ""), None) for name in PERSON}
            for offset, day in enumerate(days):
                column = day_column(offset)
                text = entry.get(column, "").strip()
                if not text:
                    continue
                try:
                    quantity = fields.read_value("quantity", text, None)
                except rules.Problem as problem:
                    problems.append(FieldError("wages", "quantity", problem.reason,
                                               problem.params, f"{index}:{column}"))
                    continue
                rows.append((f"{index}:{column}",
                             {**sheet, **person, "date": day, "quantity": quantity}))
        return rows, problems

    def _show_figures(self) -> None:
        """Each row's days and amount, each wage's amount computed by the rules."""
        rows, _ = self.wages()
        refs = Refs()
        totals: dict[int, list[int]] = {}
        cells = quantity = amount = 0
        for where, values in rows:
            result = rules.check_fields("wages", values, refs).result
            row = int(where.split(":")[0])
            figures = totals.setdefault(row, [0, 0])
            figures[0] += result["quantity"] or 0
            figures[1] += result["amount"] or 0
            cells += 1
            quantity += result["quantity"] or 0
            amount += result["amount"] or 0
        shown = [(money.quantity(totals[row][0]), money.yuan(totals[row][1]))
                 if row in totals else ("", "") for row in range(len(self.grid.entries))]
        self.grid.show_figures(shown, self.grid.wrong)
        self.query_one("#summary", Static).update(i18n.t(
            "sheet.summary", cells=cells, quantity=money.quantity(quantity),
            amount=money.yuan(amount)))

    # -- saving ---------------------------------------------------------------------------
    def action_save(self) -> None:
        rows, problems = self.wages()
        if problems:
            self._refused(problems)
            return
        if not rows:
            self._say(i18n.t("sheet.empty"), error=True)
            return
        # run again whole on a server's conflict: `rows` is a list, read the same twice
        sheet = stores.retried(book.record_many)
        writer = self.save_with(lambda: sheet([("wages", rows)]),
                                lambda refused: self._refused(refused.errors, refused.total))
        if writer is not None:
            self.discard_draft()
            self.dismiss(writer.counts["wages"])

    def _refused(self, errors: list[FieldError], total: int | None = None) -> None:
        """Mark each wrong cell or setting, and list the problems under the grid."""
        settings = {row.field: row for row in self.query(FieldRow)}
        wrong: set[tuple[int, str]] = set()
        lines = [i18n.t("form.refused", count=total or len(errors))]
        for error in errors:
            reason = fields.reason_text(error)
            if error.field in settings:
                settings[error.field].show_error(reason)
                label = settings[error.field].query_one('.field-label').render()
                lines.append(f"{label}: {reason}")
            elif not error.where:
                lines.append(error.message())
            else:
                index, column = error.where.split(":")
                cell = (int(index), error.field if error.field in PERSON else column)
                wrong.add(cell)
                if error.field not in PERSON:
                    reason = f"{i18n.field_label(error.field)}: {reason}"
                lines.append(i18n.t("sheet.problem", row=int(index) + 1,
                                    column=self._column_label(cell[1]), reason=reason))
        self.grid.show_figures(self.grid.figures, wrong)
        self._say("\n".join(dict.fromkeys(lines)), error=True)

    def _column_label(self, column: str) -> str:
        if column in PERSON:
            return i18n.field_label(column)
        return day_label(self.grid.days[int(column[1:])])

    def action_add_worker(self) -> None:
        self.grid.add_worker()
        self._show_figures()


