"""The fixed-asset register (固定资产): every asset with its cost, monthly charge,
depreciation so far and net value; `n` adds one (its purchase posted with it, or, ticked
as in the opening balances, with the depreciation its earlier books charged), `d` runs a
month's depreciation (计提折旧) after showing what it would post.

Adding and depreciating go through `ledger.assets`, which holds every rule: the screen
shows its refusals beside the field, or in words under the preview, and writes nothing
then.
"""
from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, DataTable, Footer, Input, Static

from ledger import assets, money
from ledger.entry_dates import read_entry_date
from ledger.errors import LedgerError, RecordRefused
from ledger.i18n import t
from ledger.rules import Problem
from ledger.tui import books_texts  # noqa: F401  (registers the whole books' texts)
from ledger.tui.bindings import localize
from ledger.tui.forms.base import FormScreen
from ledger.tui.forms import fields
from ledger.tui.forms.fields import FieldRow
from ledger.tui.safety import EXPECTED, problem
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.textual_compat import SteadyHeader
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.paged_table import right, row_value
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable

#: The asset form's fields, in order, with what a new asset starts from. The box "in the
#: opening balances" stands before `paid_from`: ticked, `paid_from` gives way to
#: `opening_depreciation`; only the field shown is used.
ASSET_FIELDS = ("code", "name", "date", "cost", "life", "residual", "use", "paid_from",
                "opening_depreciation")
ASSET_DEFAULTS = {"residual": "0", "use": "workshop", "paid_from": "102"}


def use_word(use: str) -> str:
    return t(f"books.use.{use}") if use in assets.USES else use


def previous_month(today: date | None = None) -> str:
    """The month before this one: the one whose depreciation is usually due."""
    today = today or date.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"


class AssetsScreen(LedgerScreen):
    AUTO_FOCUS = "#assets"
    TITLE_KEY = "tui.screen.assets"
    CSS_PATH = "books.tcss"
    BINDINGS = [
        Binding("n", "add_asset", "books.key.add_asset"),
        Binding("d", "depreciate", "books.key.depreciate"),
    ]

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainTable(id="assets", cursor_type="row", zebra_stripes=True)
        yield PlainStatic("", id="assets-detail")
        yield FittingFooter()

    def read(self) -> list[assets.RegisterRow]:
        return assets.register()

    def show(self, rows: list[assets.RegisterRow]) -> None:
        table = self.query_one("#assets", DataTable)
        table.clear(columns=True)
        table.add_columns(t("books.col.asset_code"), t("books.col.asset"), t("books.col.acquired"),
                          t("books.col.cost"), t("books.col.monthly"),
                          t("books.col.accumulated"), t("books.col.net"))
        self.rows = {row.asset.code: row for row in rows}
        for row in rows:
            asset = row.asset
            table.add_row(asset.code, asset.name, asset.acquired.isoformat()[:7],
                          right(money.yuan(asset.cost)), right(money.yuan(row.monthly)),
                          right(money.yuan(row.accumulated)), right(money.yuan(row.net)),
                          key=asset.code)
        if rows:
            table.add_row("", t("tui.gvoucher.total"), "",
                          right(money.yuan(sum(row.asset.cost for row in rows))),
                          right(money.yuan(sum(row.monthly for row in rows))),
                          right(money.yuan(sum(row.accumulated for row in rows))),
                          right(money.yuan(sum(row.net for row in rows))), key="total")
        else:
            self.query_one("#assets-detail", Static).update(t("books.assets.empty"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = getattr(self, "rows", {}).get(row_value(event) or "")
        if row is None:
            return
        asset = row.asset
        if asset.acquisition:
            bought = t("books.assets.bought", voucher=asset.acquisition)
        elif asset.opening_depreciation:
            bought = t("books.assets.opening_with",
                       amount=money.yuan(asset.opening_depreciation))
        else:
            bought = t("books.assets.opening")
        self.show_detail("#assets-detail", t(
            "books.assets.detail", code=asset.code, name=asset.name,
            acquired=asset.acquired.isoformat(), life=asset.life,
            residual=money.yuan(asset.residual), use=use_word(asset.use),
            account=asset.account, months=row.months, bought=bought))

    def action_add_asset(self) -> None:
        self.app.push_screen(AssetForm(), self._done)

    def action_depreciate(self) -> None:
        self.app.push_screen(DepreciationScreen(), self._done)

    def _done(self, text: str | None) -> None:
        if text:
            self.notify(text, timeout=10)
            self.app.records_changed()


class AssetForm(FormScreen):
    """A new fixed asset; dismissed with the message saying what was added, or None."""

    CSS_PATH = ["../forms/entry.tcss", "books.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "form.save", key_display="^s/⏎"),
        Binding("escape", "cancel", "form.cancel", key_display="esc"),
        Binding("tab", "app.focus_next", "form.next", key_display="tab"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield PlainStatic(t("books.assets.form_title"), id="title")
            with VerticalScroll(id="fields"):
                for name in ASSET_FIELDS:
                    if name == "paid_from":
                        with Horizontal(classes="field-row", id="row-opening"):
                            yield PlainLabel(t("books.asset_field.opening"),
                                             classes="field-label")
                            yield Checkbox(t("books.assets.opening_box"), id="field-opening")
                    yield fields.record_row(name, ASSET_DEFAULTS.get(name, ""), None,
                                            label=t(f"books.asset_field.{name}"),
                                            placeholder=(t("form.date_placeholder")
                                                         if name == "date" else ""))
            yield PlainStatic("", id="message")
            yield PlainStatic(t("books.assets.form_keys"), id="keys")
        yield Footer()

    def on_mount(self) -> None:
        for row in self.query(FieldRow):
            self._hint(row)
        self._show_source()
        self.query_one("#field-code", Input).focus()

    @property
    def opening(self) -> bool:
        """Whether the asset is ticked as already in the opening balances."""
        return self.query_one("#field-opening", Checkbox).value

    @on(Checkbox.Changed, "#field-opening")
    def _opening_changed(self) -> None:
        self._show_source()

    def _show_source(self) -> None:
        """Bought now: where it was paid from; in the opening balances: what its earlier
        books depreciated, and no purchase."""
        opening = self.opening
        self.query_one("#row-paid_from").display = not opening
        self.query_one("#row-opening_depreciation").display = opening
        self.query_one("#title", Static).update(
            t("books.assets.form_title_opening" if opening else "books.assets.form_title"))

    @on(Input.Changed, ".field-input")
    def _changed(self, event: Input.Changed) -> None:
        row = event.input.parent
        row.show_error(None)
        self._hint(row)

    @on(Input.Blurred, ".field-input")
    def _left(self, event: Input.Blurred) -> None:
        """The start of a use's word becomes the word (车 → 育蚕车间)."""
        text = fields.settled(event.input.parent.field, event.value, None)
        if text is not None:
            event.input.value = text

    def _hint(self, row: FieldRow) -> None:
        text = row.input.value.strip()
        if row.field == "use":
            row.show_hint(fields.hint("use", text, None, None, False))
        elif row.field == "opening_depreciation":
            row.show_hint(t("books.assets.opening_hint"))
        elif row.field == "date" and text:
            try:
                row.show_hint("→ " + read_entry_date(text).isoformat())
            except Problem:
                row.show_hint("")

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value.strip()

    DISCARD = ("books.discard_title", "books.discard_text")

    def typed(self) -> bool:
        return self.opening or any(
            self._text(name) != fields.shown(name, ASSET_DEFAULTS.get(name, ""))
            for name in ASSET_FIELDS)

    @on(Input.Submitted, ".field-input")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        rows = {row.field: row for row in self.query(FieldRow)}
        for row in rows.values():
            row.show_error(None)
        try:
            acquired = read_entry_date(self._text("date")) if self._text("date") else ""
        except Problem as refused:
            rows["date"].show_error(t(refused.reason, **refused.params))
            rows["date"].input.focus()
            return
        values = {name: self._text(name) for name in ASSET_FIELDS}
        opening = self.opening
        try:
            values["use"] = fields.read_value("use", values["use"], None)
        except Problem as refused:
            rows["use"].show_error(t(refused.reason, **refused.params))
            rows["use"].input.focus()
            return
        try:
            assets.add(values["code"], values["name"], acquired, values["cost"], values["life"],
                       values["residual"] or "0", values["use"], None,
                       values["paid_from"] or "102", opening=opening,
                       opening_depreciation=values["opening_depreciation"] if opening else None)
        except RecordRefused as refused:
            for error in refused.errors:
                if error.field in rows:
                    rows[error.field].show_error(t(error.reason, **error.params))
            self._say(t("form.refused", count=len(refused.errors)), error=True)
            first = next((rows[e.field] for e in refused.errors if e.field in rows), None)
            if first is not None:
                first.input.focus()
            return
        except EXPECTED as error:
            self._say(problem(error), error=True)
            return
        self.dismiss(t("books.assets.added", code=values["code"].upper(), name=values["name"]))


class DepreciationScreen(ModalScreen[str | None]):
    """A month's depreciation: the month, then what it would post (each asset's charge
    and the voucher's lines) or why it cannot; Ctrl+S posts it."""

    CSS_PATH = "books.tcss"
    BINDINGS = [
        Binding("ctrl+s", "post", "books.key.post", key_display="^s"),
        Binding("escape", "dismiss(None)", "tui.key.cancel"),
    ]

    def __init__(self, month: str | None = None):
        super().__init__()
        self.month = month or previous_month()
        self.plan: assets.Plan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="depreciation"):
            yield PlainLabel(t("books.depreciation.title"), classes="heading")
            yield FieldRow("month", self.month, label=t("books.depreciation.month"),
                           placeholder="2026-05")
            yield PlainTable(id="depreciation-lines", cursor_type="row")
            yield PlainStatic("", id="depreciation-message")
            yield PlainStatic(t("books.depreciation.keys"), id="depreciation-keys")

    def on_mount(self) -> None:
        localize(self)
        self.query_one("#field-month", Input).focus()
        self.preview()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self.plan is not None and event.value.strip() != self.plan.month:
            self.plan = None  # a preview is of the month it was made for
            self.query_one("#depreciation-message", Static).update("")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.preview()

    def preview(self) -> None:
        """What the month would post, or why not; nothing is written."""
        month = self.query_one("#field-month", Input).value
        table = self.query_one(DataTable)
        table.clear(columns=True)
        message = self.query_one("#depreciation-message", Static)
        try:
            self.plan = assets.plan(month)
        except EXPECTED as error:
            self.plan = None
            message.set_class(True, "-error")
            message.update(problem(error))
            return
        table.add_columns(t("books.col.asset_code"), t("books.col.asset"), t("tui.col.account"),
                          t("books.col.charge"))
        for charge in self.plan.charges:
            table.add_row(charge.code, charge.name, charge.account,
                          right(money.yuan(charge.amount)))
        table.add_row("", t("tui.gvoucher.total"), "152", right(money.yuan(self.plan.total)))
        message.set_class(False, "-error")
        message.update(t("books.depreciation.preview", month=self.plan.month,
                         date=self.plan.day.isoformat(), total=money.yuan(self.plan.total),
                         count=len(self.plan.charges)))

    def action_post(self) -> None:
        if self.plan is None:
            self.preview()
            return
        try:
            posted = assets.depreciate(self.plan.month)
        except (LedgerError, *EXPECTED) as error:
            message = self.query_one("#depreciation-message", Static)
            message.set_class(True, "-error")
            message.update(problem(error))
            return
        self.dismiss(t("books.depreciation.posted", month=posted.plan.month,
                       voucher=posted.number, total=money.yuan(posted.plan.total)))
