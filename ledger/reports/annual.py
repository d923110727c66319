"""The annual household statement's content, written once for its text, HTML and PDF
forms: its tables (seasons, vouchers on the household's account, payments) and the
reckoning of its balance from 1 January to 31 December. Every figure is written here from
exact values, so the three forms show the same numbers."""
from __future__ import annotations

from dataclasses import dataclass

from ledger import i18n, money
from ledger.annual import AnnualStatement
from ledger.reports import cells


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    numeric_from: int       # columns from here on are figures, aligned right
    wide: int               # the column that takes the room left (a name or a memo)
    rows: list[list[str]]
    totals: list[str]       # the row of totals under the rows


def tables(document: AnnualStatement, lang: str) -> list[Table]:
    """The statement's three tables, in order."""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    seasons = Table(
        t("annual.seasons", year=document.year),
        [t("col.season"), t("col.period"), t("col.net_income"), t("col.paid")], 2, 0,
        [[f"{season.code} {season.name}",
          t("doc.period", start=season.start.isoformat(), end=season.end.isoformat()),
          money.yuan(season.net_income), money.yuan(season.paid)]
         for season in document.seasons],
        [t("col.total"), "", money.yuan(document.net_income), money.yuan(document.paid)])
    movements = Table(
        t("annual.vouchers"),
        [t("col.date"), t("col.voucher"), t("col.kind"), t("col.memo"), t("col.amount")], 4, 3,
        [[movement.date.isoformat(), movement.number,
          t("annual.kind_dividend" if movement.dividend else "annual.kind_voucher"),
          movement.summary, money.yuan(movement.amount)] for movement in document.movements],
        [t("col.total"), "", "", "", money.yuan(document.dividend + document.other_vouchers)])
    payments = Table(
        t("section.payments"),
        [t("col.date"), t("col.season"), t("col.direction"), t("col.method"), t("col.memo"),
         t("col.amount")], 5, 4,
        [[day.isoformat(), season, cells.cell(direction, "text", "direction", lang),
          cells.cell(method, "text", "method", lang), memo, money.yuan(amount)]
         for day, season, direction, method, memo, amount in document.payments],
        [t("col.total"), "", "", "", "", money.yuan(sum(row[-1] for row in document.payments))])
    return [seasons, movements, payments]


def reckoning(document: AnnualStatement, lang: str) -> list[tuple[str, str, int]]:
    """(label, operator, fen) from the balance at 1 January to the balance at 31 December;
    the line for seasons across New Year only when there is one."""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    lines = [(t("annual.opening", year=document.year), "", document.opening),
             (t("doc.plus", label=t("annual.net_income")), "+", document.net_income),
             (t("doc.less", label=t("annual.paid")), "−", document.paid),
             (t("doc.plus", label=t("annual.dividend")), "+", document.dividend),
             (t("doc.plus", label=t("annual.other_vouchers")), "+", document.other_vouchers)]
    if document.across_the_year:
        lines.append((t("doc.plus", label=t("annual.across")), "+", document.across_the_year))
    lines.append((t("annual.closing", year=document.year), "=", document.closing))
    return lines


def title(document: AnnualStatement, lang: str) -> str:
    return i18n.t("doc.annual_title", lang, village=document.village, year=document.year,
                  code=document.code)
