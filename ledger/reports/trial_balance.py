"""The trial balance (科目余额表) as JSON, CSV and text.

Each balance is split to its side, as on a paper 科目余额表: opening, period and
closing columns, debit and credit; the totals of each pair are equal.
"""
from __future__ import annotations

import json

from ledger import i18n, money
from ledger.balances import AccountRow, TrialBalance

FIGURES = ("opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit")


def _sides(balance: int) -> tuple[int, int]:
    return (balance, 0) if balance >= 0 else (0, -balance)


def figures(row: AccountRow) -> tuple[int, ...]:
    return (*_sides(row.opening), row.debit, row.credit, *_sides(row.closing))


def totals(report: TrialBalance) -> tuple[int, ...]:
    summed = [0] * len(FIGURES)
    for row in report.top:
        summed = [a + b for a, b in zip(summed, figures(row))]
    return tuple(summed)


def as_json(report: TrialBalance, lang: str) -> dict:
    return {
        "season": report.season.code if report.season else None,
        "accounts": [{"code": row.code, "name": row.name(lang),
                      **dict(zip(FIGURES, map(money.yuan, figures(row))))}
                     for row in report.rows],
        "totals": dict(zip(FIGURES, map(money.yuan, totals(report)))),
        "balanced": report.balanced,
    }


def to_json(report: TrialBalance, lang: str) -> str:
    return json.dumps(as_json(report, lang), ensure_ascii=False, indent=2)


def csv_rows(report: TrialBalance, lang: str) -> tuple[list[str], list[list[str]]]:
    rows = [[row.code, row.name(lang), *map(money.yuan, figures(row))] for row in report.rows]
    return ["code", "name", *FIGURES], rows


def text_rows(report: TrialBalance, lang: str) -> tuple[list[str], list[list[str]]]:
    headers = [i18n.t(f"col.{key}", lang) for key in ("account", "account_name", *FIGURES)]
    rows = []
    for row in report.rows:
        indent = "  " if "." in row.code else ""
        rows.append([indent + row.code, indent + row.name(lang),
                     *(_blank_zero(v) for v in figures(row))])
    rows.append([i18n.t("col.total", lang), "", *(money.yuan(v) for v in totals(report))])
    return headers, rows


def _blank_zero(fen: int) -> str:
    return money.yuan(fen) if fen else ""
