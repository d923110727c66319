"""Settlement sheets and the notice-board summary as HTML for A4 paper.

Each document is one self-contained file: the print CSS (`document.css`) and the charts
(inline SVG) are inside it, and it has no script and fetches nothing, so it prints the
same on the accountant's machine without a network. The markup is also well-formed XML
(void elements closed, every value escaped), which the tests rely on to read it back.
Every figure is written by `ledger.reports.cells`, as in the text and PDF forms.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources

from ledger import chart, i18n, money
from ledger.reports import charts
from ledger.reports.cells import balance_side, balance_words, cell, grade_mix, kg_per_sheet
from ledger.reports.statement import BatchFigures, Section, Statement
from ledger.reports.summary import Summary

#: The heads of the collective's income statement: (account, label key, its total's name).
STATEMENT_HEADS = (
    (chart.parent_of(chart.COCOON_INCOME), "doc.operating_income", "operating_income"),
    (chart.SUBSIDY_INCOME, "doc.subsidy_income", "subsidy_income"),
    (chart.parent_of(chart.LEAF_COST), "doc.operating_costs", "operating_costs"),
)


def statements(sheets: list[Statement], lang: str) -> str:
    """Every sheet in one document, one household a printed page."""
    parts = [_sheet(sheet, lang, last=index == len(sheets) - 1)
             for index, sheet in enumerate(sheets)]
    if sheets:
        first = sheets[0]
        title = i18n.t("doc.statement_title", lang, village=first.village,
                       season=first.season.code)
    else:
        title = i18n.t("doc.statement", lang)
        parts.append(f'<p class="none">{_e(i18n.t("doc.none", lang))}</p>')
    return _page(title, "".join(parts), lang)


def summary(document: Summary, lang: str) -> str:
    """The season's accounts for the notice board."""
    season = document.season
    title = i18n.t("doc.summary_title", lang, village=document.village, season=season.code)
    yield_chart = charts.svg(charts.yield_chart(document.groups, lang))
    band_chart = charts.band_chart(document.bands, lang)
    body = "".join((
        '<section class="summary">',
        f'<p class="issuer">{_e(document.collective)}</p>',
        f'<h1>{_e(title)}</h1>',
        f'<p class="subtitle">{_season_line(season, lang)}</p>',
        _households_table(document, lang),
        f'<div class="keep"><h2>{_e(i18n.t("doc.yield_by_group", lang))}</h2>',
        _groups_table(document, lang),
        f'<figure class="chart">{yield_chart}</figure></div>',
        f'<div class="keep"><h2>{_e(i18n.t("doc.income_statement", lang))}</h2>',
        _income_statement(document, lang), '</div>',
        f'<div class="keep"><h2>{_e(band_chart.title)}</h2>',
        f'<figure class="chart">{charts.svg(band_chart, titled=False)}</figure></div>',
        _flagged(document, lang),
        _signatures(lang, ("accountant", "supervision"), document.check_code),
        '</section>',
    ))
    return _page(title, body, lang, numbered=True)


def _flagged(document: Summary, lang: str) -> str:
    """The season's failed batches, to visit before the next round (the yield book's)."""
    from ledger.reports import yields as yield_report

    title = f'<h2>{_e(i18n.t("yield.flagged_part", lang))}</h2>'
    if not document.flagged:
        return f'<div class="keep">{title}<p class="none">{_e(i18n.t("doc.none", lang))}</p></div>'
    headers, texts = yield_report.board_flagged(document.flagged, lang)
    head = "".join(f'<th class="{"text" if k < 3 else "num"}">{_e(header)}</th>'
                   for k, header in enumerate(headers))
    rows = "".join("<tr>" + "".join(
        f'<td class="{"text" if k < 3 else "num"}">{_e(cell)}</td>' for k, cell in enumerate(row))
        + "</tr>" for row in texts)
    return (f'<div class="keep">{title}<table class="records flagged"><thead><tr>{head}</tr>'
            f'</thead><tbody>{rows}</tbody></table></div>')


# -- the page ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The print CSS shipped beside this module."""
    return resources.files(__package__).joinpath("document.css").read_text(encoding="utf-8")


def _page(title: str, body: str, lang: str, numbered: bool = False) -> str:
    css = stylesheet()
    if numbered:
        before, _, after = i18n.t("doc.page", lang).partition("{page}")
        css += (f'@page {{ @bottom-center {{ content: "{_css_string(before)}" counter(page) '
                f'"{_css_string(after)}"; font-size: 8pt; }} }}\n')
    return "".join((
        "<!DOCTYPE html>\n",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n',
        '<meta charset="utf-8"/>\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n',
        f'<title>{_e(title)}</title>\n',
        f"<style>\n{css}</style>\n</head>\n<body>\n",
        body,
        "\n</body>\n</html>\n",
    ))


def _e(value) -> str:
    return escape(str(value), quote=True)


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _season_line(season, lang: str) -> str:
    """The season and its dates (markup)."""
    period = i18n.t("doc.period", lang, start=season.start.isoformat(), end=season.end.isoformat())
    return (f"<span>{_e(i18n.t('doc.season', lang))} {_e(season.code)} {_e(season.name)}</span> "
            f"<span>{_e(i18n.t('html.period', lang))} {_e(period)}</span>")


def _printed(lang: str) -> str:
    printed = i18n.t("doc.printed", lang, date=date.today().isoformat())
    return f'<p class="printed">{_e(printed)}</p>'


def _num(text: str) -> str:
    return f'<td class="num">{_e(text)}</td>'


# -- the settlement sheet ------------------------------------------------------------------

def _sheet(sheet: Statement, lang: str, last: bool) -> str:
    party = sheet.household
    season = sheet.season
    t = lambda key, **params: _e(i18n.t(key, lang, **params))  # noqa: E731
    period = i18n.t("doc.period", lang, start=season.start.isoformat(), end=season.end.isoformat())
    parts = [
        f'<section class="sheet{"" if last else " page-break"}" data-household="{_e(party.code)}">',
        f'<p class="issuer">{_e(sheet.collective)}</p>',
        f'<h1>{t("doc.statement_title", village=sheet.village, season=season.code)}</h1>',
        '<table class="meta"><tbody>',
        f'<tr><th>{t("doc.household")}</th><td class="household-code">{_e(party.code)}</td>',
        f'<th>{t("doc.head")}</th><td class="household-name">{_e(party.name)}</td>',
        f'<th>{t("doc.group")}</th><td>{_e(party.group)}</td></tr>',
        f'<tr><th>{t("doc.season")}</th><td>{_e(season.code)} {_e(season.name)}</td>',
        f'<th>{t("html.period")}</th><td class="date">{_e(period)}</td>',
        f'<th>{t("doc.balance_in")}</th><td class="balance-in-head nowrap">'
        f'{_e(money.yuan(sheet.balance_in))} {t("doc.yuan")}</td></tr>',
        '</tbody></table>',
    ]
    parts.append(_batches(sheet.batches, lang))
    empty = []
    for section in sheet.sections:
        if section.rows:
            parts.append(_section(section, lang))
        else:
            empty.append(i18n.t(f"section.{section.key}", lang))
    if empty:
        names = i18n.t("doc.list_sep", lang).join(empty)
        parts.append(f'<p class="none">{t("doc.none_sections", sections=names)}</p>')
    parts.append('<div class="closing">')
    parts.append(_settlement(sheet, lang))
    parts.append(_signatures(lang, check_code=sheet.check_code))
    parts.append('</div>')
    parts.append("</section>\n")
    return "".join(parts)


def _section(section: Section, lang: str) -> str:
    opening, closing = _section_frame(section.key, section.columns, section.sign, lang)
    classes = [{"date": "date", "text": "text"}.get(c.kind, "num") for c in section.columns]
    last = len(section.columns) - 1
    rows = []
    for row in section.rows:
        cells = [f'<td class="{css}">{_e(cell(value, column.kind, column.key, lang))}</td>'
                 for css, column, value in zip(classes[:last], section.columns, row)]
        cells.append(_num(money.yuan(row[-1])))
        rows.append(f'<tr>{"".join(cells)}</tr>')
    return "".join((opening, "".join(rows), closing, _num(money.yuan(section.subtotal)),
                    '</tr></tfoot></table>'))


@lru_cache(maxsize=64)
def _section_frame(key: str, columns: tuple, sign: int, lang: str) -> tuple[str, str]:
    """The markup before a section's rows and before its subtotal (the same on every sheet)."""
    kind = {1: "col.income", -1: "col.cost"}.get(sign)
    kind_text = f'<span class="kind">{_e(i18n.t(kind, lang))}</span>' if kind else ""
    head = "".join(f'<th class="{"text" if c.kind in ("text", "date") else "num"}">'
                   f'{_e(i18n.t(f"col.{c.key}", lang))}</th>' for c in columns)
    opening = (f'<table class="records section section-{key}" data-section="{key}">'
               f'<caption>{_e(i18n.t(f"section.{key}", lang))}{kind_text}</caption>'
               f'<thead><tr>{head}</tr></thead><tbody>')
    closing = (f'</tbody><tfoot><tr class="subtotal"><th colspan="{len(columns) - 1}">'
               f'{_e(i18n.t("doc.subtotal", lang))}</th>')
    return opening, closing


def _settlement(sheet: Statement, lang: str) -> str:
    party = sheet.household
    t = lambda key, **params: _e(i18n.t(key, lang, **params))  # noqa: E731
    yuan = t("doc.yuan")

    def line(css: str, label: str, op: str, fen: int, note: str = "") -> str:
        return (f'<tr class="{css}"><th>{label}</th><td class="op">{op}</td>'
                f'{_num(money.yuan(fen))}<td class="note">{note}</td></tr>')

    owed = balance_side(sheet.balance_out)
    made_of = (f'{t("col.income")} {_e(money.yuan(party.income))} − '
               f'{t("col.cost")} {_e(money.yuan(party.cost))}')
    comma = ", " if lang == "en" else "，"
    return "".join((
        '<table class="settlement"><colgroup><col class="label"/><col class="op"/>'
        '<col class="num"/><col class="note"/></colgroup><tbody>',
        line("balance-in", t("doc.balance_in"), "", sheet.balance_in),
        line("net-income", t("doc.net_income"), "+", sheet.net_income, made_of),
        line("paid", t("doc.paid"), "−", sheet.paid),
        line("vouchers", t("doc.vouchers"), "+", sheet.vouchers) if sheet.vouchers else "",
        line("balance-out", t("doc.balance_out"), "=", sheet.balance_out,
             f"{yuan}{comma}{t(owed)}"),
        f'<tr class="in-words"><th>{t("doc.in_words")}</th>'
        f'<td colspan="3" class="words">{_e(balance_words(sheet.balance_out, lang))}</td></tr>',
        '</tbody></table>',
    ))


def _batches(batches: list[BatchFigures], lang: str) -> str:
    if not batches:
        return ""
    heads = [("col.batch", "text"), ("col.breed", "text"), ("col.sheets", "num"),
             ("html.col_hatch", "text"), ("html.col_mount", "text"),
             ("html.col_harvest", "text"), ("col.cocoon_kg", "num"),
             ("col.kg_per_sheet", "num"), ("doc.grade_mix", "text")]
    head = "".join(f'<th class="{css}">{_e(i18n.t(key, lang))}</th>' for key, css in heads)
    rows = []
    for batch in batches:
        dates = "".join(f'<td class="date">{_e(cell(d, "date"))}</td>'
                        for d in (batch.hatch, batch.mount, batch.harvest))
        rows.append(f'<tr><td class="code">{_e(batch.code)}</td>'
                    f'<td class="nowrap">{_e(batch.breed)}</td>'
                    f'{_num(money.sheets(batch.sheets))}{dates}'
                    f'{_num(money.kg(batch.cocoon_grams))}'
                    f'{_num(kg_per_sheet(batch.cocoon_grams, batch.sheets))}'
                    f'<td class="text grades">{_grade_mix(batch, lang)}</td></tr>')
    foot = ""
    if len(batches) > 1:
        sheets = sum(b.sheets for b in batches)
        grams = sum(b.cocoon_grams for b in batches)
        foot = (f'<tfoot><tr class="subtotal"><th colspan="2">{_e(i18n.t("col.total", lang))}</th>'
                f'{_num(money.sheets(sheets))}<td colspan="3"></td>{_num(money.kg(grams))}'
                f'{_num(kg_per_sheet(grams, sheets))}<td></td></tr></tfoot>')
    return "".join((
        '<table class="records batches">',
        f'<caption>{_e(i18n.t("doc.batches", lang))}</caption>',
        f'<thead><tr>{head}</tr></thead><tbody>', "".join(rows), '</tbody>', foot, '</table>',
    ))


def _grade_mix(batch: BatchFigures, lang: str) -> str:
    """Each grade's kg and share of the batch's cocoons, one a line (markup)."""
    return "".join(f"<span>{_e(share)}</span>" for share in grade_mix(batch, lang))


def _signatures(lang: str, signers: tuple[str, ...] = ("household", "accountant"),
                check_code: str = "") -> str:
    """Lines for signatures and the date: a sheet is signed by the household and the
    accountant, the notice board by the accountant and the supervision committee. Under
    them the date printed and the ledger's check code, if any."""
    code = (f'<p class="check-code">{_e(i18n.t("doc.check_code", lang, code=check_code))}</p>'
            if check_code else "")
    return ('<div class="signatures">' + "".join(
        f'<div class="signature{" date" if key == "date" else ""}">'
        f'<span class="label">{_e(i18n.t(f"doc.signature_{key}", lang))}</span>'
        f'<span class="line"></span></div>'
        for key in (*signers, "date")) + _printed(lang) + code + '</div>')


# -- the notice board ----------------------------------------------------------------------

SUMMARY_COLUMNS = ("code", "name", "group", "sheets", "cocoon_kg", "kg_per_sheet", "income",
                   "net_income", "paid", "balance")


def _households_table(document: Summary, lang: str) -> str:
    head = "".join(f'<th class="{"text" if index < 3 else "num"}">'
                   f'{_e(i18n.t(f"col.{key}", lang))}</th>'
                   for index, key in enumerate(SUMMARY_COLUMNS))

    def row(party, code: str, name: str, group: str, css: str = "") -> str:
        figures = (money.sheets(party.sheets), money.kg(party.cocoon_grams),
                   kg_per_sheet(party.cocoon_grams, party.sheets), money.yuan(party.income),
                   money.yuan(party.net_income), money.yuan(party.paid), money.yuan(party.balance))
        return (f'<tr class="{css or "household"}" data-code="{_e(code)}">'
                f'<td class="code">{_e(code)}</td><td class="text">{_e(name)}</td>'
                f'<td class="text">{_e(group)}</td>{"".join(_num(f) for f in figures)}</tr>')

    rows = [row(p, p.code, p.name, p.group) for p in document.households]
    collective = document.collective_figures
    rows.append(row(collective, "", i18n.t("doc.collective_row", lang), "", "collective"))
    totals = document.report.totals
    total = row(totals, "", i18n.t("col.total", lang), "", "total")
    return "".join((
        f'<h2>{_e(i18n.t("doc.households", lang))}</h2>',
        '<table class="records households">',
        f'<thead><tr>{head}</tr></thead><tbody>', "".join(rows), '</tbody>',
        f'<tfoot>{total}</tfoot></table>',
    ))


def _groups_table(document: Summary, lang: str) -> str:
    keys = ("group", "households", "sheets", "cocoon_kg", "kg_per_sheet")
    head = "".join(f'<th class="{"text" if index == 0 else "num"}">'
                   f'{_e(i18n.t(f"col.{key}", lang))}</th>' for index, key in enumerate(keys))

    def row(name: str, households: int, sheets: int, grams: int) -> str:
        return (f'<td class="text">{_e(name)}</td>{_num(str(households))}'
                f'{_num(money.sheets(sheets))}{_num(money.kg(grams))}'
                f'{_num(kg_per_sheet(grams, sheets))}')

    rows = "".join(f'<tr>{row(g.group, g.households, g.sheets, g.cocoon_grams)}</tr>'
                   for g in document.groups)
    groups = document.groups
    total = row(i18n.t("col.total", lang), sum(g.households for g in groups),
                sum(g.sheets for g in groups), sum(g.cocoon_grams for g in groups))
    return "".join(('<table class="records groups">', f'<thead><tr>{head}</tr></thead>',
                    f'<tbody>{rows}</tbody><tfoot><tr class="total">{total}</tr></tfoot></table>'))


def _income_statement(document: Summary, lang: str) -> str:
    statement = document.statement
    head = "".join(f'<th class="{css}">{_e(i18n.t(key, lang))}</th>' for key, css in
                   (("col.account", "text"), ("col.account_name", "text"), ("col.amount", "num")))
    rows = []
    for head_code, label, total in STATEMENT_HEADS:
        rows.append(f'<tr class="head" data-account="{head_code}"><td class="code">{head_code}</td>'
                    f'<td class="text">{_e(i18n.t(label, lang))}</td>'
                    f'{_num(money.yuan(getattr(statement, total)))}</tr>')
        for code, amount in statement.lines:
            if chart.parent_of(code) == head_code:
                rows.append(f'<tr data-account="{_e(code)}"><td class="code indent">{_e(code)}</td>'
                            f'<td class="text indent">{_e(chart.account_name(code, lang))}</td>'
                            f'{_num(money.yuan(amount))}</tr>')
    rows.append(f'<tr class="result" data-account="result"><td class="code"></td>'
                f'<td class="text">{_e(i18n.t("doc.result", lang))}</td>'
                f'{_num(money.yuan(statement.result))}</tr>')
    return "".join(('<table class="records income-statement">', f'<thead><tr>{head}</tr></thead>',
                    f'<tbody>{"".join(rows)}</tbody></table>'))


# -- the annual household statement ----------------------------------------------------------

def annual(document, lang: str) -> str:
    """A household's year on one A4 page, in the settlement sheet's look."""
    from ledger.reports import annual as content

    t = lambda key, **params: _e(i18n.t(key, lang, **params))  # noqa: E731
    title = content.title(document, lang)
    parts = [
        f'<section class="sheet annual" data-household="{_e(document.code)}">',
        f'<p class="issuer">{_e(document.collective)}</p>',
        f'<h1>{_e(title)}</h1>',
        '<table class="meta"><tbody>',
        f'<tr><th>{t("doc.household")}</th><td class="household-code">{_e(document.code)}</td>',
        f'<th>{t("doc.head")}</th><td class="household-name">{_e(document.name)}</td>',
        f'<th>{t("doc.group")}</th><td>{_e(document.group)}</td></tr>',
        f'<tr><th>{t("doc.year")}</th><td>{document.year}</td>',
        f'<th>{t("annual.opening", year=document.year)}</th><td class="balance-in-head nowrap" '
        f'colspan="3">{_e(money.yuan(document.opening))} {t("doc.yuan")}</td></tr>',
        '</tbody></table>',
    ]
    for part in content.tables(document, lang):
        if not part.rows:
            parts.append(f'<p class="none">{_e(part.title)}: {t("annual.none")}</p>')
            continue
        head = _annual_cells(part, part.headers, "th")
        body = "".join(f"<tr>{_annual_cells(part, row)}</tr>" for row in part.rows)
        foot = _annual_cells(part, part.totals)
        parts.append(f'<table class="records"><caption>{_e(part.title)}</caption>'
                     f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
                     f'<tfoot><tr class="subtotal">{foot}</tr></tfoot></table>')
    comma = ", " if lang == "en" else "，"
    owed = f'{t("doc.yuan")}{comma}{t(balance_side(document.closing))}'
    reckoning = "".join(
        f'<tr class="{"balance-out" if operator == "=" else "line"}"><th>{_e(label)}</th>'
        f'<td class="op">{operator}</td>{_num(money.yuan(fen))}'
        f'<td class="note">{owed if operator == "=" else ""}</td></tr>'
        for label, operator, fen in content.reckoning(document, lang))
    parts += [
        '<div class="closing"><table class="settlement"><colgroup><col class="label"/>'
        '<col class="op"/><col class="num"/><col class="note"/></colgroup><tbody>',
        reckoning,
        f'<tr class="in-words"><th>{t("doc.in_words")}</th><td colspan="3" class="words">'
        f'{_e(balance_words(document.closing, lang))}</td></tr></tbody></table>',
        _signatures(lang, check_code=document.check_code), '</div>', '</section>\n']
    return _page(title, "".join(parts), lang)


def _annual_cells(part, row: list[str], tag: str = "td") -> str:
    """A row of one of the annual statement's tables: text, then figures on the right."""
    return "".join(f'<{tag} class="{"text" if index < part.numeric_from else "num"}">'
                   f'{_e(text)}</{tag}>' for index, text in enumerate(row))
# -- statements and books (issue 14) ---------------------------------------------------------

def tabular(document, lang: str) -> str:
    """A statement or a book (`ledger.reports.tabular.Document`) in the sheets' look: the
    collective, the title, the period, then each table with its caption."""
    parts = ['<section class="summary">', f'<p class="issuer">{_e(document.issuer)}</p>',
             f'<h1>{_e(document.title)}</h1>',
             f'<p class="subtitle"><span>{_e(document.period)}</span> '
             f'<span>{_e(document.unit)}</span></p>']
    for table in document.tables:
        css = ["num" if column.numeric else "text" for column in table.columns]
        head = "".join(f'<th class="{c}">{_e(column.header)}</th>'
                       for c, column in zip(css, table.columns))
        rows = "".join(f'<tr class="{line.style or "line"}">' + "".join(
            f'<td class="{c}">{_e(value)}</td>' for c, value in zip(css, line.cells)) + "</tr>"
            for line in table.lines)
        caption = f"<caption>{_e(table.caption)}</caption>" if table.caption else ""
        parts.append(f'<table class="records book">{caption}<thead><tr>{head}</tr></thead>'
                     f'<tbody>{rows}</tbody></table>')
    parts.extend(f'<p class="note warn">{_e(note)}</p>' for note in document.notes)
    if document.charts:
        from ledger.reports import charts

        parts.extend(charts.svg(chart) for chart in document.charts if chart.bars)
    parts.append(_printed(lang))
    parts.append("</section>")
    return _page(document.title, "".join(parts), lang, numbered=True)
