"""The voucher form (记账凭证): a date, the attachments (附单据张数) and lines of 摘要,
account, debit and credit in a grid, posted through `ledger.vouchers`.

The form adds no rule of its own: `ledger.voucher_rules` judges the voucher when it is
saved, and a refusal marks the field or line in error and keeps everything typed. While
the accountant types, the debit and credit totals and their difference are shown, and
the account field finds its account by code, name or pinyin initials, as the household
fields do; `=` in a debit or credit cell fills in the amount that balances it. After a
save the voucher's number (`记-2026-04-0017`) is shown and the grid is emptied for the
next one; Esc asks before throwing away anything typed.
"""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Static

from ledger import i18n, money, rules, vouchers
from ledger.browse import lookup
from ledger.browse.vouchers import number_of
from ledger.entry_dates import read_entry_date
from ledger.errors import FieldError
from ledger.io import cleaning
from ledger.tui.forms import fields
from ledger.tui.forms.base import FormScreen
from ledger.tui.forms.fields import FieldRow
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.widgets.plain import PlainLabel, PlainStatic

#: A line's fields, in the order Tab and Enter go through them.
LINE_FIELDS = ("summary", "account", "debit", "credit")
#: Lines a new voucher starts with; Ctrl+N adds more, Enter on the last line too.
FIRST_LINES = 4


def read_amount(text: str) -> int | None:
    """What a debit or credit cell holds in fen: None when empty or unreadable (the rules
    say why when the voucher is saved)."""
    if not text.strip():
        return None
    try:
        return rules.amount_positive(cleaning.money(text))
    except rules.Problem:
        return None


class VoucherLineRow(Horizontal):
    """One line of the voucher: number, 摘要, account, the account's name, debit, credit."""

    def __init__(self, number: int, summary: str = ""):
        super().__init__(classes="vline", id=f"vline-{number}")
        self.number = number
        self._summary = summary

    def compose(self) -> ComposeResult:
        yield PlainLabel(str(self.number), classes="vline-number")
        yield Input(self._summary, id=f"l{self.number}-summary", classes="vcell vsummary")
        yield Input("", id=f"l{self.number}-account", classes="vcell vaccount")
        yield PlainLabel("", id=f"l{self.number}-name", classes="vname")
        yield Input("", id=f"l{self.number}-debit", classes="vcell vamount")
        yield Input("", id=f"l{self.number}-credit", classes="vcell vamount")

    def cell(self, name: str) -> Input:
        return self.query_one(f"#l{self.number}-{name}", Input)

    def text(self, name: str) -> str:
        return self.cell(name).value

    @property
    def is_empty(self) -> bool:
        return not any(self.text(name).strip() for name in LINE_FIELDS)


#: Terminals narrower than this stack the voucher's date over its 附单据张数.
NARROW = 100


class VoucherForm(FormScreen):
    """A modal voucher form; dismissed with how many vouchers were saved, or None."""

    CSS_PATH = "voucher.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("ctrl+n", "add_line", "vform.add_line", key_display="^n"),
        Binding("tab", "app.focus_next", "form.next", show=False),
        Binding("shift+tab", "app.focus_previous", "form.next", show=False),
    ]

    def __init__(self, day: date | None = None):
        super().__init__()
        self.day = day or date.today()
        self.accounts = lookup.Accounts()
        self.saved = 0
        #: What each cell in error says, by input id, shown when the cell has the focus.
        self.problems: dict[str, str] = {}

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="vdialog"):
            yield PlainStatic(i18n.t("vform.title"), id="title")
            with Horizontal(id="vhead"):
                yield FieldRow("date", self.day.isoformat(),
                               placeholder=i18n.t("form.date_placeholder"))
                yield FieldRow("attachments", "0")
            with Horizontal(id="vheadings"):
                yield PlainLabel("#", classes="vline-number")
                for name, css in (("summary", "vsummary"), ("account", "vaccount"),
                                  ("account_name", "vname"), ("debit", "vamount"),
                                  ("credit", "vamount")):
                    label = (i18n.t("vform.account_name") if name == "account_name"
                             else i18n.field_label(name))
                    yield PlainLabel(label, classes=f"vheading {css}")
            with VerticalScroll(id="vlines"):
                for number in range(1, FIRST_LINES + 1):
                    yield VoucherLineRow(number)
            yield PlainStatic("", id="totals")
            yield PlainStatic("", id="hint")
            with VerticalScroll(id="messages", can_focus=False):  # every problem, scrolled
                yield PlainStatic("", id="message")
            yield PlainStatic(i18n.t("vform.keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        self._fit_head()
        for row in self.query(FieldRow):
            self._show_field_hint(row)
        self._show_totals()
        self.lines[0].cell("summary").focus()

    def on_resize(self) -> None:
        self._fit_head()

    def _fit_head(self) -> None:
        """The date and 附单据张数 side by side where an error beside each fits, one under
        the other on a narrow terminal."""
        self.query_one("#vhead").set_class(self.size.width < NARROW, "-narrow")

    @property
    def lines(self) -> list[VoucherLineRow]:
        return list(self.query(VoucherLineRow))

    def _field(self, name: str) -> FieldRow:
        return self.query_one(f"#row-{name}", FieldRow)

    # -- as the accountant types ----------------------------------------------------------
    @on(Input.Changed, ".field-input")
    def _head_changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        row.show_error(None)
        self._show_field_hint(row)

    def _show_field_hint(self, row: FieldRow) -> None:
        if row.field == "date":
            row.show_hint(fields.hint("date", row.input.value, None, None, False))

    @on(Input.Changed, ".vcell")
    def _cell_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-error")
        self.problems.pop(event.input.id or "", None)
        if event.input.has_class("vaccount"):
            self._show_account_name(event.input)
        if event.input.has_class("vamount"):
            if event.value.strip() in ("=", "＝"):
                self._fill_difference(event.input)
                return
            self._show_totals()
        self._show_cell_hint(event.input)

    @on(Input.Blurred, ".vaccount")
    def _account_left(self, event: Input.Blurred) -> None:
        """A name or pinyin initials naming exactly one account become its code."""
        text = event.value.strip()
        if text and not self.accounts.get(text):
            code = self.accounts.resolve(text)
            if code:
                event.input.value = code

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, Input) and event.widget.has_class("vcell"):
            self._show_cell_hint(event.widget)

    def _show_account_name(self, box: Input) -> None:
        number = box.id.split("-")[0]
        found = self.accounts.get(box.value) if box.value.strip() else None
        self.query_one(f"#{number}-name", Static).update(found.label if found else "")

    def _show_cell_hint(self, box: Input) -> None:
        """Under the grid: what is wrong with the cell, else the accounts an account
        cell's text finds."""
        text = self.problems.get(box.id or "")
        if text is None and box.has_class("vaccount"):
            text = fields.hint("account", box.value, self.accounts, None, False)
        elif text is None:
            text = ""
        hint = self.query_one("#hint", Static)
        hint.set_class(box.id in self.problems, "-error")
        hint.update(text)

    def _fill_difference(self, box: Input) -> None:
        """`=` typed in a debit or credit cell fills in what balances the voucher there."""
        box.value = ""
        debit, credit = self.totals()
        missing = credit - debit if box.id.endswith("debit") else debit - credit
        if missing > 0:
            box.value = money.yuan(missing)
            box.cursor_position = len(box.value)

    def totals(self) -> tuple[int, int]:
        """The debits and credits typed so far that can be read, in fen."""
        debit = credit = 0
        for line in self.lines:
            debit += read_amount(line.text("debit")) or 0
            credit += read_amount(line.text("credit")) or 0
        return debit, credit

    def _show_totals(self) -> None:
        debit, credit = self.totals()
        difference = debit - credit
        text = i18n.t("vform.totals", debit=money.yuan(debit), credit=money.yuan(credit),
                      difference=money.yuan(abs(difference)))
        if debit and not difference:
            text += "  " + i18n.t("vform.balanced")
        elif difference:
            text += "  " + i18n.t("vform.more_debit" if difference > 0 else "vform.more_credit")
        box = self.query_one("#totals", Static)
        box.set_class(bool(difference), "-unbalanced")
        box.update(text)

    # -- moving and adding lines ----------------------------------------------------------
    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter moves on, across the line and to the next; on the last line's last cell
        it adds a line, its 摘要 taken from the line above."""
        box = event.input
        if not box.has_class("vcell"):
            self.focus_next()
            return
        number, name = box.id[1:].split("-")
        lines = self.lines
        if name != "credit":
            self.focus_next()
            return
        index = int(number)
        if index >= len(lines):
            self.call_after_refresh(self._add_line, lines[-1].text("summary"))
        else:
            following = lines[index]
            if not following.text("summary"):
                following.cell("summary").value = lines[index - 1].text("summary")
            following.cell("summary").focus()

    def action_add_line(self) -> None:
        self._add_line("")

    async def _add_line(self, summary: str) -> None:
        row = VoucherLineRow(len(self.lines) + 1, summary)
        await self.query_one("#vlines", VerticalScroll).mount(row)
        row.cell("summary").focus()
        row.scroll_visible()

    # -- saving ---------------------------------------------------------------------------
    def values(self) -> tuple[dict, list[FieldError]]:
        """The voucher typed, for `vouchers.post`, with what could not even be read. Empty
        lines are left out; each line is named by its place in the grid."""
        problems = []
        try:
            day = read_entry_date(self._field("date").input.value)
        except rules.Problem as problem:
            problems.append(FieldError("vouchers", "date", problem.reason, problem.params))
            day = None
        lines = []
        for line in self.lines:
            if line.is_empty:
                continue
            where = i18n.t("vform.line", number=line.number)
            values = {"where": where, "summary": line.text("summary"),
                      "account": line.text("account")}
            for name in ("debit", "credit"):
                text = line.text(name)
                try:
                    values[name] = cleaning.money(text) if text.strip() else ""
                except rules.Problem as problem:
                    problems.append(FieldError("vouchers", name, problem.reason, problem.params,
                                               where))
                    values[name] = text
            lines.append(values)
        return ({"date": day or "", "attachments": self._field("attachments").input.value or "0",
                 "lines": lines}, problems)

    def action_save(self) -> None:
        values, problems = self.values()
        if problems:
            self._refused(problems)
            return
        saved = self.save_with(lambda: vouchers.post(values),
                               lambda refused: self._refused(refused.errors))
        if saved is not None:
            self._saved(saved)

    def _saved(self, general_id: int) -> None:
        self.saved += 1
        number = number_of(general_id)
        debit, _ = self.totals()
        self.notify(i18n.t("vform.saved", number=number, amount=money.yuan(debit)))
        self._say(i18n.t("vform.saved_next", number=number, amount=money.yuan(debit)))
        self.problems.clear()
        for line in self.lines:
            for name in LINE_FIELDS:
                line.cell(name).value = ""
        self._field("attachments").input.value = "0"
        self.lines[0].cell("summary").focus()

    def _refused(self, errors: list[FieldError]) -> None:
        """Mark every cell or field in error, say what is wrong, and go to the first."""
        self.problems.clear()
        for box in self.query(".vcell"):
            box.remove_class("-error")
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
            self._show_field_hint(row)
        by_where = {i18n.t("vform.line", number=line.number): line for line in self.lines}
        said, first = [], None
        for error in errors:
            reason = i18n.t(error.reason, **error.params)
            line = by_where.get(error.where)
            if line is not None and error.field in LINE_FIELDS:
                box = line.cell(error.field)
                box.add_class("-error")
                self.problems.setdefault(box.id, reason)
                first = first or box
                said.append(f"{error.where} {i18n.field_label(error.field)}：{reason}"
                            if i18n.language() == "zh"
                            else f"{error.where}, {i18n.field_label(error.field)}: {reason}")
            elif error.field in rows:
                rows[error.field].show_error(reason)
                first = first or rows[error.field].input
            else:
                said.append(reason)
        self._say("\n".join([i18n.t("form.refused", count=len(errors)), *said]), error=True)
        if first is not None:
            first.focus()

    # -- leaving --------------------------------------------------------------------------
    DISCARD = ("vform.discard_title", "vform.discard_text")

    def typed(self) -> bool:
        """Whether anything was typed that leaving would lose."""
        return (any(not line.is_empty for line in self.lines)
                or self._field("attachments").input.value.strip() not in ("", "0"))

    def closing_result(self):
        return self.saved or None
