"""A household's page: its season figures (the season report's own, to the fen), every
record of the season that touches it, and keys to add a record for it."""
from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ledger import money
from ledger.i18n import t
from ledger.reports import cells
from ledger.reports.statement import Statement, statement
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.widgets.figures import Figures
from ledger.tui.widgets.paged_table import fit_column, right
from ledger.tui.widgets.footer import FittingFooter
from ledger.tui.widgets.plain import PlainStatic, PlainTable
from ledger.tui.screens.yields import YieldHistory
from ledger.tui.textual_compat import SteadyHeader


@dataclass
class HouseholdData:
    sheet: Statement
    batches: list[str]
    phone: str


#: How a figure reads inside a record's one-line detail: 12.000 kg × 0.85 − 1.00.
DETAIL = {"kg": "{} kg", "price": "× {}", "rate": "× {}", "deduction": "− {}"}


def record_lines(sheet: Statement) -> list[tuple[str, str, str, str]]:
    """(section, date, detail, amount) for every row of the sheet; costs are negative.
    A household with one batch (shown above the table) is not told its code on every
    line, which leaves an 80-column detail room for its figures."""
    lines = []
    one_batch = len(sheet.batches) <= 1
    for section in sheet.sections:
        for row in section.rows:
            day, detail = "", []
            for value, column in zip(row[:-1], section.columns[:-1]):
                if one_batch and column.key == "batch":
                    continue
                if column.kind == "date":
                    day = cells.cell(value, "date")
                elif value not in (None, "") and not (column.key == "deduction" and not value):
                    detail.append(DETAIL.get(column.key, "{}").format(
                        cells.cell(value, column.kind, column.key)))
            amount = row[-1] * (-1 if section.sign < 0 else 1)
            lines.append((t(f"section.{section.key}"), day, " ".join(detail), money.yuan(amount)))
    return lines


def presets(code: str, batches: list[str], season: str | None):
    """What an entry form for this household starts with, by kind."""
    def preset(kind: str) -> dict[str, str]:
        batch = {"batch": batches[0]} if batches else {}
        return {"leaf": batch, "sales": batch, "inputs": batch,
                "wages": {"household": code}, "charges": {"household": code},
                "payments": {"household": code}, "subsidies": {"recipient": code},
                "batches": {"owner": code, **({"season": season} if season else {})},
                }.get(kind, {})
    return preset


class HouseholdScreen(LedgerScreen):
    TITLE_KEY = "tui.screen.household"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "tui.key.back"),
        Binding("l", "add('leaf')", "tui.key.leaf"),
        Binding("s", "add('sales')", "tui.key.sale"),
        Binding("i", "add('inputs')", "tui.key.input", show=False),
        Binding("m", "add('payments')", "tui.key.payment"),
        Binding("p", "print", "tui.key.print"),
        Binding("d", "edit", "tui.key.edit"),
    ]

    def __init__(self, code: str, **kwargs):
        super().__init__(**kwargs)
        self.code = code
        self.batches: list[str] = []

    def compose(self) -> ComposeResult:
        yield SteadyHeader()
        yield PlainStatic(f"{self.code}  {t('tui.loading')}", id="household-head",
                          classes="heading")
        yield PlainStatic("", id="household-batches")
        yield Figures(id="household-figures")
        yield YieldHistory(self.code, id="household-yield")
        yield PlainTable(id="household-records", cursor_type="row", zebra_stripes=True)
        yield FittingFooter()

    def read(self) -> HouseholdData | None:
        if self.season is None:
            return None
        sheet = statement(self.code, self.season)
        households = self.read_model.households
        return HouseholdData(sheet, households.batches(self.code, self.season),
                             households.phone(self.code))

    def show(self, data: HouseholdData | None) -> None:
        if data is None:
            return
        party = data.sheet.household
        self.batches = data.batches
        self.query_one("#household-head", Static).update(t(
            "tui.household.head", code=party.code, name=party.name, group=party.group or "-",
            phone=data.phone or "-"))
        self.query_one(Figures).show([
            (t("tui.household.income"), money.yuan(party.income)),
            (t("tui.household.cost"), money.yuan(party.cost)),
            (t("tui.household.net"), money.yuan(party.net_income)),
            (t("tui.household.balance_in"), money.yuan(data.sheet.balance_in)),
            (t("tui.household.paid"), money.yuan(party.paid)),
            (t("tui.household.balance"), money.yuan(party.balance)),
        ])
        self.query_one("#household-batches", Static).update(
            t("tui.household.batches", codes=", ".join(data.batches)) if data.batches
            else t("tui.household.no_batch"))
        table = self.query_one("#household-records", DataTable)
        table.clear(columns=True)
        table.add_columns(t("tui.col.section"), t("tui.col.date"), t("tui.col.detail"),
                          t("tui.col.amount"))
        for section, day, detail, amount in record_lines(data.sheet):
            table.add_row(section, day, detail, right(amount))
        self.call_after_refresh(fit_column, table, 2)

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#household-records", DataTable), 2)

    def preset(self, kind: str) -> dict[str, str]:
        return presets(self.code, self.batches, self.season.code if self.season else None)(kind)

    def action_add(self, kind: str) -> None:
        if kind in ("leaf", "sales", "inputs") and not self.batches:
            self.notify(t("tui.household.need_batch", code=self.code,
                          season=self.season.code if self.season else "-"), severity="warning")
            return
        self.add_record(kind, self.preset(kind))

    def action_edit(self) -> None:
        """Change the household's name, group, phone or shares, for a reason."""
        self.edit_master("households", self.code)

    def action_print(self) -> None:
        from ledger.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen("statement", self.code))
