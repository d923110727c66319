"""The season report: every household's and the collective's figures for one season.

`as_json` is the contract of docs/formats.md ("The season report as JSON"); the text form is
a compact table for the terminal, the CSV form has the JSON's keys as columns.
"""
from __future__ import annotations

import json

from ledger import i18n, money
from ledger.income import PartyIncome, SeasonIncome
from ledger.reports.cells import kg_per_sheet

MONEY_KEYS = ("cocoon_income", "leaf_income", "wage_income", "charge_income",
              "subsidy_income", "leaf_cost", "input_cost", "wage_cost", "charge_cost")


def party_figures(party: PartyIncome) -> dict[str, str]:
    """The figures of one party (or the totals) as exact strings."""
    figures = {"sheets": money.sheets(party.sheets), "cocoon_kg": money.kg(party.cocoon_grams)}
    figures.update({key: money.yuan(getattr(party, key)) for key in MONEY_KEYS})
    figures["net_income"] = money.yuan(party.net_income)
    figures["paid"] = money.yuan(party.paid)
    figures["balance"] = money.yuan(party.balance)
    return figures


def as_json(report: SeasonIncome) -> dict:
    return {
        "season": report.season.code,
        "parties": [{"code": p.code, "name": p.name, **party_figures(p)} for p in report.parties],
        "totals": party_figures(report.totals),
    }


def to_json(report: SeasonIncome) -> str:
    """The JSON laid out as docs/formats.md shows it, one party a line: readable, and each line
    written by json's C encoder (`indent` would make it use the pure-Python one, which
    cost more than summing the season)."""
    data = as_json(report)

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parties = ",\n   ".join(dump(party) for party in data["parties"])
    return (f'{{"season": {dump(data["season"])},\n'
            f' "parties": [\n   {parties}],\n'
            f' "totals": {dump(data["totals"])}}}')


def csv_rows(report: SeasonIncome) -> tuple[list[str], list[list[str]]]:
    rows = [[p.code, p.name, *party_figures(p).values()] for p in report.parties]
    return ["code", "name", *party_figures(report.totals)], rows


def text_rows(report: SeasonIncome, lang: str) -> tuple[list[str], list[list[str]]]:
    headers = [i18n.t(f"col.{key}", lang) for key in (
        "code", "name", "sheets", "cocoon_kg", "kg_per_sheet", "cocoon_income", "other_income",
        "cost", "net_income", "paid", "balance")]

    def row(party: PartyIncome, code: str, name: str) -> list[str]:
        return [code, name, money.sheets(party.sheets), money.kg(party.cocoon_grams),
                kg_per_sheet(party.cocoon_grams, party.sheets), money.yuan(party.cocoon_income),
                money.yuan(party.income - party.cocoon_income), money.yuan(party.cost),
                money.yuan(party.net_income), money.yuan(party.paid), money.yuan(party.balance)]

    rows = [row(p, p.code, p.name if p.kind == "household" else i18n.t("collective_name", lang))
            for p in report.parties]
    rows.append(row(report.totals, i18n.t("col.total", lang), ""))
    return headers, rows


def title(report: SeasonIncome, lang: str) -> str:
    season = report.season
    return i18n.t("season_title", lang, code=season.code, name=season.name,
                  start=season.start.isoformat(), end=season.end.isoformat())
