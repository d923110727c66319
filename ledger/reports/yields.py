"""The yield report's figures as text: the JSON contract, the 80-column table, and the
cells the HTML, xlsx and terminal forms share.

`as_json` keeps exactly the keys of docs/yield.md ("The yield report as JSON"); the extra
figures (share of 上车茧, cocoon income per sheet, change against the previous season)
are in the text, HTML and xlsx forms only. Every figure is written here, once, from the
exact integers of `ledger.yields`.
"""
from __future__ import annotations

import json
from datetime import date
from fractions import Fraction

from ledger import i18n, money, yields
from ledger.models import COLLECTIVE
from ledger.reports import cells
from ledger.reports.statement import GRADES
from ledger.reports.text import RULE, WIDTH, Col, table, width_of, wrap
from ledger.yields import Totals, YieldReport, YieldRow

#: The grade whose share of a row's cocoons the report shows.
TOP_GRADE = GRADES[0]


def report(by: str, first: str | None = None, last: str | None = None,
           breed: str | None = None) -> YieldReport:
    """The yield report with the share of the top grade summed too."""
    return yields.report(by, first, last, breed, top_grade=TOP_GRADE)


# -- single figures ----------------------------------------------------------------------

def kg_per_sheet(totals: Totals) -> str:
    return cells.kg_per_sheet(totals.cocoon_grams, totals.sheets)


def leaf_per_cocoon(totals: Totals) -> str:
    """kg of leaf per kg of cocoons, three decimals; blank without cocoons."""
    if not totals.cocoon_grams:
        return ""
    return money.fixed_str(money.ratio(totals.leaf_grams, totals.cocoon_grams, 3), 3)


def top_share(totals: Totals) -> str:
    """The top grade's share of the cocoons, a percentage with one decimal."""
    if not totals.cocoon_grams:
        return ""
    return money.fixed_str(money.ratio(totals.top_grams * 100, totals.cocoon_grams, 1), 1) + "%"


def income_per_sheet(totals: Totals) -> str:
    """Cocoon income (yuan) per sheet, to the fen."""
    if not totals.sheets:
        return ""
    return money.yuan(money.ratio(totals.cocoon_income, totals.sheets, money.SHEET_PLACES))


def change(row: YieldRow) -> str:
    """kg per sheet against the previous season, signed; blank when not comparable."""
    grams = row.change
    if grams is None:
        return ""
    return ("+" if grams > 0 else "") + money.kg(grams)


def median_kg(median: Fraction) -> str:
    return money.kg(money.div_half_up(median.numerator, median.denominator))


def batch_kg_per_sheet(batch: yields.BatchYield) -> str:
    return cells.kg_per_sheet(batch.cocoon_grams, batch.sheets)


# -- JSON ---------------------------------------------------------------------------------

def as_json(report: YieldReport) -> dict:
    return {
        "by": report.by,
        "rows": [{"key": row.key, "batches": row.totals.batches,
                  "sheets": money.sheets(row.totals.sheets),
                  "cocoon_kg": money.kg(row.totals.cocoon_grams),
                  "kg_per_sheet": kg_per_sheet(row.totals),
                  "leaf_kg": money.kg(row.totals.leaf_grams),
                  "leaf_per_cocoon": leaf_per_cocoon(row.totals)} for row in report.rows],
        "flagged": [{"batch": flag.batch.code, "kg_per_sheet": batch_kg_per_sheet(flag.batch),
                     "season_median": median_kg(flag.season_median)}
                    for flag in report.flagged],
    }


def to_json(report: YieldReport) -> str:
    """One row a line, as the season report lays its JSON out."""
    data = as_json(report)

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def listed(items: list) -> str:
        return "[\n   " + ",\n   ".join(map(dump, items)) + "]" if items else "[]"

    return (f'{{"by": {dump(data["by"])},\n "rows": {listed(data["rows"])},\n'
            f' "flagged": {listed(data["flagged"])}}}')


# -- rows for the text, HTML and xlsx forms ------------------------------------------------

def row_label(row: YieldRow, report: YieldReport, lang: str) -> str:
    """What a row is called: a household's code and name, the collective's name, a
    breed's name (or "no breed"), a season's code."""
    if row.key == COLLECTIVE and report.by in ("household", "group"):
        return i18n.t("collective_name", lang)
    if report.by == "household":
        return f"{row.key} {row.name}"
    if not row.key:
        return i18n.t("yield.no_breed" if report.by == "breed" else "text.no_group", lang)
    return row.key


def figure_headers(lang: str) -> list[str]:
    return [i18n.t(f"yield.col.{key}", lang) for key in (
        "batches", "sheets", "cocoon_kg", "kg_per_sheet", "leaf_kg", "leaf_per_cocoon")]


def figures(totals: Totals) -> list[str]:
    """A row's figures in the order of the JSON contract."""
    return [str(totals.batches), money.sheets(totals.sheets), money.kg(totals.cocoon_grams),
            kg_per_sheet(totals), money.kg(totals.leaf_grams), leaf_per_cocoon(totals)]


def extra_headers(lang: str) -> list[str]:
    return [i18n.t(f"yield.col.{key}", lang, grade=TOP_GRADE)
            for key in ("top_share", "income_per_sheet", "change")]


def extras(row: YieldRow) -> list[str]:
    return [top_share(row.totals), income_per_sheet(row.totals), change(row)]


def total(report: YieldReport) -> Totals:
    """The range's totals, over every row."""
    summed = Totals()
    for row in report.rows:
        summed.merge(row.totals)
    return summed


def flagged_headers(lang: str) -> list[str]:
    return [i18n.t(key, lang) for key in ("col.batch", "doc.season", "col.household",
                                          "col.breed", "col.kg_per_sheet",
                                          "yield.col.season_median", "yield.col.batch_cost")]


def board_flagged(flags: list[yields.Flagged], lang: str) -> tuple[list[str], list[list[str]]]:
    """The failed batches as the notice board lists them (headers, rows): one season's,
    so without the season column. The text, HTML and PDF boards all print these."""
    def board(cells: list[str]) -> list[str]:
        return cells[:1] + cells[2:]

    return board(flagged_headers(lang)), [board(flagged_cells(flag, lang)) for flag in flags]


def flagged_cells(flag: yields.Flagged, lang: str) -> list[str]:
    batch = flag.batch
    owner = (i18n.t("collective_name", lang) if batch.owner_kind == "collective"
             else f"{batch.owner} {batch.owner_name}")
    return [batch.code, batch.season.code, owner, batch.breed, batch_kg_per_sheet(batch),
            median_kg(flag.season_median), money.yuan(batch.cost)]


def range_line(report: YieldReport, lang: str) -> str:
    if not report.seasons:
        return i18n.t("yield.no_seasons", lang)
    first, last = report.seasons[0], report.seasons[-1]
    text = i18n.t("yield.range", lang, first=first.code, last=last.code,
                  start=first.start.isoformat(), end=last.end.isoformat(),
                  count=len(report.seasons))
    if report.breed is not None:
        text += " " + i18n.t("yield.only_breed", lang, breed=report.breed)
    return text


def title(report: YieldReport, lang: str) -> str:
    return i18n.t("yield.title", lang, by=i18n.t(f"yield.by.{report.by}", lang))


# -- text ----------------------------------------------------------------------------------

def text(report: YieldReport, lang: str, printed: date | None = None,
         notes: list | None = None) -> str:
    """The report for an 80-column printer: the contract's figures, then the extra
    figures, then the flagged batches (and the batches' notes, when given)."""
    lines: list[str] = ["=" * WIDTH]
    for line in wrap(title(report, lang), WIDTH):
        lines.append(" " * ((WIDTH - width_of(line)) // 2) + line)
    lines += ["=" * WIDTH, *wrap(range_line(report, lang), WIDTH),
              i18n.t("text.units", lang), ""]
    key_col = Col(i18n.t(f"yield.by.{report.by}", lang), flex=True)
    labels = [row_label(row, report, lang) for row in report.rows]
    summed = total(report)
    rows: list = [[label, *figures(row.totals)] for label, row in zip(labels, report.rows)]
    rows += [RULE, [i18n.t("col.total", lang), *figures(summed)]]
    lines += table([key_col, *(Col(h, "right") for h in figure_headers(lang))], rows)
    lines.append("")
    rows = [[label, *extras(row)] for label, row in zip(labels, report.rows)]
    lines += table([key_col, *(Col(h, "right") for h in extra_headers(lang))], rows)
    lines += ["", *wrap(i18n.t("yield.flagged_head", lang), WIDTH)]
    if report.flagged:
        cols = [Col(flagged_headers(lang)[0]), Col(flagged_headers(lang)[1]),
                Col(flagged_headers(lang)[2], flex=True), Col(flagged_headers(lang)[3], flex=True),
                *(Col(h, "right") for h in flagged_headers(lang)[4:])]
        lines += table(cols, [flagged_cells(flag, lang) for flag in report.flagged])
    else:
        lines.append(i18n.t("yield.none_flagged", lang))
    if notes:
        lines += ["", *wrap(i18n.t("yield.notes_head", lang), WIDTH)]
        cols = [Col(i18n.t("col.batch", lang)), Col(i18n.t("col.date", lang)),
                Col(i18n.t("col.memo", lang), flex=True)]
        lines += table(cols, [[note.batch_code, note.date.isoformat(), note.text]
                              for note in notes])
    lines += ["", "-" * WIDTH, i18n.t("doc.printed", lang,
                                      date=(printed or date.today()).isoformat())]
    return "\n".join(line.rstrip() for line in lines) + "\n"
