"""The yield report as one HTML page for A4, with its charts as inline SVG.

The page follows the notice board's (`ledger.reports.html`: its print CSS, no script, well
formed XML): the report's two tables, the flagged batches, the batches' notes, and a
chart: kg per sheet by season as a line per breed or village group, or a bar per household
(`ledger.reports.charts`). Every figure is written by `ledger.reports.yields`.
"""
from __future__ import annotations

from html import escape

from ledger import i18n, money
from ledger.reports import charts
from ledger.reports import yields as yield_report
from ledger.reports.html import _page, _printed
from ledger.yields import YieldReport, grams_per_sheet

#: Colours of the lines, told apart in print too (dashes from the fourth on).
PALETTE = ("#1f5f8b", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#34495e", "#7f8c00")
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 700, 300, 56, 150, 30, 44


def _e(value) -> str:
    return escape(str(value), quote=True)


def _table(headers: list[str], rows: list[list[str]], first_text: int = 1,
           css: str = "", total: list[str] | None = None) -> str:
    def cells(row: list[str], tag: str = "td") -> str:
        return "".join(f'<{tag} class="{"text" if i < first_text else "num"}">{_e(v)}</{tag}>'
                       for i, v in enumerate(row))

    body = "".join(f"<tr>{cells(row)}</tr>" for row in rows)
    foot = f'<tfoot><tr class="total">{cells(total)}</tr></tfoot>' if total else ""
    return (f'<table class="records {css}"><thead><tr>{cells(headers, "th")}</tr></thead>'
            f"<tbody>{body}</tbody>{foot}</table>")


def page(report: YieldReport, lang: str, notes: list | None = None) -> str:
    title = yield_report.title(report, lang)
    labels = [yield_report.row_label(row, report, lang) for row in report.rows]
    key_head = i18n.t(f"yield.by.{report.by}", lang)
    figures = _table([key_head, *yield_report.figure_headers(lang)],
                     [[label, *yield_report.figures(row.totals)]
                      for label, row in zip(labels, report.rows)], css="yield",
                     total=[i18n.t("col.total", lang),
                            *yield_report.figures(yield_report.total(report))])
    extras = _table([key_head, *yield_report.extra_headers(lang)],
                    [[label, *yield_report.extras(row)]
                     for label, row in zip(labels, report.rows)], css="yield-extra")
    if report.flagged:
        flagged = _table(yield_report.flagged_headers(lang),
                         [yield_report.flagged_cells(flag, lang) for flag in report.flagged],
                         first_text=4, css="flagged")
    else:
        flagged = f'<p class="none">{_e(i18n.t("yield.none_flagged", lang))}</p>'
    parts = ['<section class="summary">', f"<h1>{_e(title)}</h1>",
             f'<p class="subtitle">{_e(yield_report.range_line(report, lang))}</p>',
             f'<p class="subtitle">{_e(i18n.t("text.units", lang))}</p>', figures,
             f'<figure class="chart">{chart(report, lang)}</figure>', extras,
             f'<div class="keep"><h2>{_e(i18n.t("yield.flagged_head", lang))}</h2>{flagged}</div>']
    if notes:
        parts.append(f'<h2>{_e(i18n.t("yield.notes_head", lang))}</h2>')
        parts.append(_table([i18n.t("col.batch", lang), i18n.t("col.date", lang),
                             i18n.t("col.memo", lang)],
                            [[note.batch_code, note.date.isoformat(), note.text]
                             for note in notes], first_text=3, css="notes"))
    parts += [_printed(lang), "</section>"]
    return _page(title, "".join(parts), lang)


def chart(report: YieldReport, lang: str) -> str:
    """A bar per household; else kg per sheet by season, a line per row (breed or group),
    or, by season, a line per breed over the same seasons."""
    if report.by == "household":
        bars = tuple(charts.Bar(yield_report.row_label(row, report, lang),
                                grams_per_sheet(row.totals) or 0,
                                yield_report.kg_per_sheet(row.totals))
                     for row in report.rows)
        return charts.svg(charts.Chart(i18n.t("yield.chart_households", lang),
                                       i18n.t("col.kg_per_sheet", lang), bars,
                                       10 ** money.WEIGHT_PLACES))
    source = report
    if report.by == "season":
        first = report.seasons[0].code if report.seasons else None
        last = report.seasons[-1].code if report.seasons else None
        source = yield_report.report("breed", first, last, report.breed)
    series = [(yield_report.row_label(row, source, lang),
               [grams_per_sheet(row.seasons[season.id]) if season.id in row.seasons else None
                for season in source.seasons])
              for row in source.rows]
    by = "group" if source.by == "group" else "breed"
    return line_svg(i18n.t(f"yield.chart_{by}", lang), [s.code for s in source.seasons],
                    series, i18n.t("col.kg_per_sheet", lang))


def line_svg(title: str, seasons: list[str], series: list[tuple[str, list[int | None]]],
             axis: str) -> str:
    """Lines over the seasons (grams per sheet), a gap where a series has no sheets, a
    legend at the right; it scales to the width of its container."""
    values = [v for _, points in series for v in points if v is not None]
    ticks = charts.nice_ticks(max(values, default=0) // 1000 + 1)
    top = ticks[-1] * 1000 or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(seasons) - 1, 1)

    def x(index: int) -> float:
        return LEFT + (step * index if len(seasons) > 1 else plot_w / 2)

    def y(grams: int) -> float:
        return TOP + plot_h - plot_h * grams / top

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
           f'aria-label="{_e(title)}"><title>{_e(title)}</title>',
           f'<text class="chart-title" x="0" y="16">{_e(title)}</text>']
    for tick in ticks:
        ty = y(tick * 1000)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{ty:.1f}" x2="{LEFT + plot_w}" '
                   f'y2="{ty:.1f}"/><text class="tick" x="{LEFT - 6}" y="{ty + 4:.1f}" '
                   f'text-anchor="end">{tick}</text>')
    for index, code in enumerate(seasons):
        out.append(f'<text class="tick" x="{x(index):.1f}" y="{TOP + plot_h + 16}" '
                   f'text-anchor="middle">{_e(code)}</text>')
    for number, (label, points) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        dash = ' stroke-dasharray="6 3"' if number >= len(PALETTE) // 2 else ""
        runs, run = [], []
        for index, grams in enumerate(points):
            if grams is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append((x(index), y(grams)))
        runs += [run] if run else []
        for part in runs:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in part)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dash}/>')
            out += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>'
                    for px, py in part]
        ly = TOP + 14 * number + 6
        out.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{ly}" x2="{WIDTH - RIGHT + 32}" '
                   f'y2="{ly}" stroke="{colour}" stroke-width="2"{dash}/>'
                   f'<text class="label" x="{WIDTH - RIGHT + 36}" y="{ly + 4}">{_e(label)}</text>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>')
    out.append(f'<text class="axis-label" x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" '
               f'text-anchor="middle">{_e(axis)}</text></svg>')
    return "".join(out)
