"""A batch's page: its dates and yield, and its leaf deliveries, cocoon sales and inputs."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from ledger import money
from ledger.browse import BatchDetail
from ledger.browse.lookup import party_named, party_shown
from ledger.i18n import t
from ledger.tui.grades import grade_mix
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.paged_table import fit_column, right
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainLabel, PlainStatic, PlainTable
from ledger.tui.screens.yields import BatchNotes
from ledger.tui.textual_compat import SteadyHeader


class BatchScreen(LedgerScreen):
    TITLE_KEY = "tui.screen.batch"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("l", "add('leaf')", "tui.key.leaf"),
        Binding("s", "add('sales')", "tui.key.sale"),
        Binding("i", "add('inputs')", "tui.key.input"),
        Binding("d", "edit", "tui.key.edit"),
    ]

    def __init__(self, code: str, **kwargs):
        super().__init__(**kwargs)
        self.code = code

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(f"{self.code}  {t('tui.loading')}", id="batch-head", classes="heading")
        yield PlainStatic("", id="batch-dates")
        yield PlainStatic("", id="batch-figures")
        with VerticalScroll(id="batch-records"):
            yield BatchNotes(self.code, id="batch-notes")
            for part in ("leaf", "sales", "inputs"):
                yield PlainLabel(t(f"tui.batch.{part}"), classes="heading")
                yield PlainTable(id=f"batch-{part}", cursor_type="row", classes="part")
        yield FittingFooter()

    def read(self) -> BatchDetail | None:
        return self.read_model.batches.detail(self.code)

    def show(self, detail: BatchDetail | None) -> None:
        if detail is None:
            self.notify(t("tui.missing_batch", code=self.code), severity="error")
            return
        b = detail.batch
        owner = party_shown(b.owner)  # the collective by its name, not COLLECTIVE
        self.query_one("#batch-head", Static).update(t(
            "tui.batch.head", code=b.code, owner=owner,
            owner_name="" if owner == b.owner_name else b.owner_name,
            sheets=money.sheets(b.sheets), breed=b.breed or "-").replace("  ", " "))
        self.query_one("#batch-dates", Static).update(t(
            "tui.batch.dates", hatch=b.hatch, mount=b.mount or "-", harvest=b.harvest or "-"))
        per_sheet = b.kg_per_sheet
        self.query_one("#batch-figures", Static).update(
            t("tui.batch.figures", leaf=money.kg(b.leaf_grams), cocoon=money.kg(b.cocoon_grams),
              per_sheet=money.kg(per_sheet) if per_sheet is not None else "-")
            + ("  ·  " + grade_mix(b.grades) if b.grades else ""))
        self._fill("leaf", ("date", "supplier", "kg", "price", "amount"),
                   [(d, party_named(code, name), money.kg(g), money.yuan(p), money.yuan(a))
                    for d, code, name, g, p, a in detail.leaf])
        self._fill("sales", ("date", "buyer", "grade", "kg", "price", "deduction", "amount"),
                   [(d, party_named(code, name), grade, money.kg(g), money.yuan(p), money.yuan(x),
                     money.yuan(a)) for d, code, name, grade, g, p, x, a in detail.sales])
        self._fill("inputs", ("date", "supplier", "item", "quantity", "amount"),
                   [(d, party_named(code, name), item, f"{money.quantity(q)} {unit}", money.yuan(a))
                    for d, code, name, item, q, unit, a in detail.inputs])

    def _fill(self, part: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        table = self.query_one(f"#batch-{part}", DataTable)
        table.clear(columns=True)
        table.add_columns(*(t(f"tui.col.{name}") for name in columns))
        numeric = {"kg", "price", "deduction", "amount", "quantity"}
        for row in rows:
            table.add_row(*(right(str(value)) if name in numeric else str(value)
                            for name, value in zip(columns, row)))
        table.styles.height = len(rows) + 1 if rows else 1
        self.call_after_refresh(fit_column, table, 1)  # the supplier or buyer gives way

    def preset(self, kind: str) -> dict[str, str]:
        return {"batch": self.code} if kind in ("leaf", "sales", "inputs") else {}

    def action_edit(self) -> None:
        """Change the batch's sheets, breed, or its mount and harvest dates, for a reason."""
        self.edit_master("batches", self.code)

    def action_add(self, kind: str) -> None:
        self.add_record(kind, self.preset(kind))
