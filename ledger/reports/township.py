"""The township report (乡镇汇总表) as JSON, and as a document for the printer, the browser
(with a chart of each village's yield) and a spreadsheet."""
from __future__ import annotations

import json

from ledger import i18n, money
from ledger.reports import charts
from ledger.reports.cells import kg_per_sheet
from ledger.reports.tabular import Column, Document, Line, Table
from ledger.township import Report, Village

#: The keys of a village in the JSON, in order (and of the totals, but the first two).
KEYS = ("ledger", "village", "households", "sheets", "cocoon_kg", "cocoon_income",
        "net_income")


def figures(row: Village) -> dict[str, object]:
    """A village's figures as the JSON gives them: money with two decimals, kg with
    three, sheets with two, households a whole number."""
    return {"ledger": row.ledger, "village": row.village, "households": row.households,
            "sheets": money.sheets(row.sheets), "cocoon_kg": money.kg(row.cocoon_grams),
            "cocoon_income": money.yuan(row.cocoon_income),
            "net_income": money.yuan(row.net_income)}


def to_json(report: Report) -> str:
    totals = {key: value for key, value in figures(report.totals).items()
              if key not in ("ledger", "village")}
    data = {report.kind: report.span, "ledgers": [figures(row) for row in report.villages],
            "totals": totals}
    return json.dumps(data, ensure_ascii=False, indent=1)


def document(report: Report, lang: str) -> Document:
    """One line a village and the township's total."""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    columns = [Column(t("township.col.ledger"), flex=True),
               Column(t("township.col.households"), True),
               Column(t("col.sheets"), True), Column(t("col.cocoon_kg"), True),
               Column(t("col.kg_per_sheet"), True), Column(t("col.cocoon_income"), True),
               Column(t("col.net_income"), True), Column(t("township.col.owed"), True)]

    def cells(row: Village, name: str) -> list[str]:
        return [name, str(row.households), money.sheets(row.sheets), money.kg(row.cocoon_grams),
                kg_per_sheet(row.cocoon_grams, row.sheets), money.yuan(row.cocoon_income),
                money.yuan(row.net_income), money.yuan(row.owed)]

    lines = [Line(cells(row, _name(row)), "" if row.seasons else "warn")
             for row in report.villages]
    lines.append(Line(cells(report.totals, t("township.total")),
                      "total"))
    period = (t("township.season", season=report.span) if report.kind == "season"
              else t("township.year", year=report.span))
    notes = [t("township.missing", ledgers="、".join(row.ledger for row in report.villages
                                                     if not row.seasons))] \
        if any(not row.seasons for row in report.villages) else []
    return Document(t("township.title"), t("township.issuer"), period,
                    [Table("", columns, lines)], notes, t("text.units"),
                    charts=[yield_chart(report, lang)])


def yield_chart(report: Report, lang: str) -> charts.Chart:
    """Cocoon kg per sheet of each village that reared in the span."""
    places = 10 ** money.WEIGHT_PLACES
    bars = tuple(charts.Bar(_name(row), money.per_sheet(row.cocoon_grams, row.sheets) or 0,
                            kg_per_sheet(row.cocoon_grams, row.sheets))
                 for row in report.villages if row.sheets)
    return charts.Chart(i18n.t("township.chart", lang), i18n.t("col.kg_per_sheet", lang),
                        bars, places)


def _name(row: Village) -> str:
    return f"{row.ledger} {row.village}".strip() if row.village != row.ledger else row.ledger
