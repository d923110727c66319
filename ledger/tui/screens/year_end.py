"""The year-end close (年终结账) as a wizard: choose the year, type the reserve percent
and the members' amount (and any other distribution), see the plan and every household's
dividend, then confirm.

The plan is `ledger.year_end.plan`, which writes nothing: the preview shows its figures,
each dividend, and every reason the close would be refused, in words. Confirming asks
once more, then `close_year` posts the closing vouchers and locks the year in one
transaction (after the full check, in a thread worker). A closed year is reopened here
too, for a reason (`ReasonScreen`).
"""
from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from ledger import money, voucher_rules, year_end
from ledger.browse import release
from ledger.i18n import t
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.bindings import localize
from ledger.tui.forms.fields import FieldRow
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.backups import ConfirmScreen
from ledger.tui.screens.reason import ReasonScreen
from ledger.tui.widgets.paged_table import right
from ledger.tui.widgets.plain import PlainStatic, PlainTable

#: The wizard's fields, in the order they are typed.
FIELDS = ("year", "reserve", "members", "other", "other_account")


def default_year(today: date | None = None) -> int:
    """The year to close: last year until December, then this one; past any closed."""
    today = today or date.today()
    year = today.year if today.month == 12 else today.year - 1
    closed = voucher_rules.closed_years()
    while year in closed:
        year += 1
    return year


def figures_text(found: year_end.Plan) -> str:
    """The plan's figures, two lines of the statement's words."""
    return "\n".join((
        t("books.year_end.income", net=money.yuan(found.net_income),
          opening=money.yuan(found.opening_undistributed),
          distributable=money.yuan(found.distributable)),
        t("books.year_end.distributed", percent=found.percent_text,
          reserve=money.yuan(found.reserve), members=money.yuan(found.members),
          other=money.yuan(found.other), closing=money.yuan(found.closing_undistributed)),
    ))


class YearEndScreen(Screen[str | None]):
    """The wizard; dismissed with the message saying what was done, or None."""

    CSS_PATH = "year_end.tcss"
    BINDINGS = [
        Binding("ctrl+s", "close_year", "books.key.close_year", key_display="^s"),
        Binding("ctrl+r", "reopen_year", "books.key.reopen_year", key_display="^r"),
        Binding("escape", "leave", "tui.key.back"),
        Binding("tab", "app.focus_next", "form.next", show=False),
    ]

    class Closed(Message):
        def __init__(self, text: str, ok: bool):
            super().__init__()
            self.text = text
            self.ok = ok

    def __init__(self, year: int | None = None):
        super().__init__()
        self.year = year or default_year()
        self.plan: year_end.Plan | None = None
        self.working = False

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        with Vertical(id="year-end"):
            with Horizontal(classes="year-end-fields"):
                yield FieldRow("year", str(self.year), label=t("books.year_end.year"))
                yield FieldRow("reserve", "", label=t("books.year_end.reserve"),
                               placeholder="10")
                yield FieldRow("members", "", label=t("books.year_end.members"),
                               placeholder="0.00")
            with Horizontal(classes="year-end-fields"):
                yield FieldRow("other", "", label=t("books.year_end.other"), placeholder="0.00")
                yield FieldRow("other_account", "", label=t("books.year_end.other_account"))
            yield PlainStatic(t("books.year_end.explain"), id="year-end-figures")
            yield PlainStatic("", id="year-end-problems")
            yield PlainTable(id="year-end-dividends", cursor_type="row", zebra_stripes=True)
            yield PlainStatic(t("books.year_end.keys"), id="year-end-keys")
        yield Footer()

    def on_mount(self) -> None:
        localize(self)
        self.title = t("tui.screen.year_end")
        self.query_one("#field-reserve", Input).focus()

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value.strip()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.plan = None  # a preview is of what was typed when it was made

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.preview()

    # -- the preview ---------------------------------------------------------------------
    def _read_year(self) -> int | None:
        text = self._text("year")
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self._show_problems([t("year_end_bad_year", value=text[:20])])
            return None
        return int(text)

    def preview(self) -> None:
        """Work out the plan (nothing is written) and show it."""
        year = self._read_year()
        if year is None:
            return
        try:
            found = year_end.plan(year, self._text("reserve") or "0",
                                  self._text("members") or "0", self._text("other") or "0",
                                  self._text("other_account") or None)
        except EXPECTED as error:
            self.plan = None
            self._show_problems([problem(error)])
            return
        self.plan = found
        self.query_one("#year-end-figures", Static).update(figures_text(found))
        self._show_problems([problem(error) for error in found.problems])
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(t("books.col.household"), t("books.col.head"), t("books.col.shares"),
                          t("books.col.dividend"))
        for dividend in found.dividends:
            table.add_row(dividend.code, dividend.name, right(money.fixed_str(dividend.shares, 3)),
                          right(money.yuan(dividend.amount)), key=dividend.code)
        if found.dividends:
            table.add_row("", t("tui.gvoucher.total"),
                          right(money.fixed_str(sum(d.shares for d in found.dividends), 3)),
                          right(money.yuan(sum(d.amount for d in found.dividends))),
                          key="total")

    def _show_problems(self, texts: list[str]) -> None:
        box = self.query_one("#year-end-problems", Static)
        box.update("\n".join(texts[:4]) if texts else t("books.year_end.ready"))
        box.set_class(bool(texts), "-error")

    # -- closing -------------------------------------------------------------------------
    def action_close_year(self) -> None:
        if self.working:
            return
        if self.plan is None:
            self.preview()
            if self.plan is None:
                return
        found = self.plan
        if found.problems:
            self._show_problems([problem(error) for error in found.problems])
            return
        text = t("books.year_end.confirm_text", year=found.year, count=len(found.vouchers),
                 households=len([d for d in found.dividends if d.amount]),
                 members=money.yuan(found.members), reserve=money.yuan(found.reserve))
        self.app.push_screen(ConfirmScreen(t("books.year_end.confirm_title", year=found.year),
                                           text), lambda yes: yes and self._start(found))

    def _start(self, found: year_end.Plan) -> None:
        self.working = True
        box = self.query_one("#year-end-problems", Static)
        box.set_class(False, "-error")
        box.update(t("books.year_end.working", year=found.year))
        self._close(found.year, self._text("reserve") or "0", self._text("members") or "0",
                    self._text("other") or "0", self._text("other_account") or None)

    @work(thread=True, exclusive=True, group="year-end")
    def _close(self, year: int, reserve: str, members: str, other: str,
               account: str | None) -> None:
        try:
            done = year_end.close_year(year, reserve, members, other, account)
            text = t("books.year_end.closed", year=year, reserve=money.yuan(done.reserve),
                     members=money.yuan(done.members))
            self.post_message(self.Closed(text, True))
        except EXPECTED as error:
            self.post_message(self.Closed(problem(error), False))
        finally:
            release()

    def on_year_end_screen_closed(self, message: Closed) -> None:
        self.working = False
        if message.ok:
            self.dismiss(message.text)
        else:
            self._show_problems([message.text])

    # -- reopening and leaving ---------------------------------------------------------
    def action_reopen_year(self) -> None:
        year = self._read_year()
        if year is None:
            return
        if year not in voucher_rules.closed_years():
            self._show_problems([t("books.year_end.not_closed", year=year)])
            return
        def reopen(typed: dict[str, str]) -> str:
            reversals = year_end.reopen_year(year, typed["reason"])
            return t("books.year_end.reopened", year=year, count=len(reversals))

        self.app.push_screen(ReasonScreen(t("books.year_end.reopen_title", year=year), "",
                                          t("books.year_end.reopen_explain"), reopen),
                             lambda text: text and self.dismiss(text))

    def action_leave(self) -> None:
        if self.working:
            return
        typed = any(self._text(name) for name in FIELDS if name != "year")
        if not typed:
            self.dismiss(None)
            return
        self.app.push_screen(ConfirmScreen(t("books.discard_title"), t("books.discard_text")),
                             lambda discard: discard and self.dismiss(None))
