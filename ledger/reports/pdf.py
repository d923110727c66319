"""Settlement sheets (结算单) and the notice board (财务公开表) as PDF, for A4 paper.

Written with reportlab in the Chinese font `ledger.reports.fonts` chose (a TrueType font
is embedded as a subset of the glyphs used). Each household starts on a new page; a sheet
longer than a page continues on the next with its table headers repeated. Every figure
is written by `ledger.reports.cells`, as in the text and HTML forms; numbers stand
right-aligned, and the amount column has one width on the whole sheet, so amounts and
subtotals line up down the page.

A thousand sheets must print in seconds. With reportlab's general `Table` they took 18 s,
most of it styling, measuring and drawing cells one canvas call at a time; the tables here
are `_Grid`s instead: rows of plain strings, wrapped by measuring (Chinese between any two
characters, Latin at spaces), written as one run of PDF operators per table, each text
encoded once per document. A thousand sheets now take about five seconds.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate,
                                Spacer, Table)

from ledger import chart, i18n, money
from ledger.reports import cells, charts
from ledger.reports.fonts import FontChoice, find_font
from ledger.reports.statement import BatchFigures, Column, Section, Statement
from ledger.reports.summary import Summary

__all__ = ["FontChoice", "find_font", "statements", "summary"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 13 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

SIZE = 8            # table text, pt
PAD = 2.5           # space left and right of a cell's text
ROW_PAD = 1.15      # space above and below a row's text
TIGHT_PAD = 0.6     # the same, when a long sheet needs it to stay on its page
BOX_PAD = 0.65      # more of it in the boxes of who and what is settled
GAP = 5             # space between the blocks of a sheet

INK = colors.black
RULE = colors.Color(0.6, 0.6, 0.6)
HEAD = colors.Color(0.93, 0.93, 0.93)
BAND = colors.Color(0.85, 0.85, 0.85)
GREY = colors.Color(0.35, 0.35, 0.35)
BAR = colors.Color(0.36, 0.52, 0.40)

NUMERIC = {"money", "kg", "quantity", "sheets"}

#: Columns that take what width is left, by weight; the others are as wide as their
#: widest text. The amount is always last and as wide in every section of a sheet.
FLEX = {"buyer": 2, "to": 1, "supplier": 2, "payer": 2, "household": 2, "source": 2,
        "memo": 2, "item": 1, "worker": 1, "task": 1}
AMOUNT_WIDTH = 50
FLEX_MIN = 30       # narrowest a name column gets
#: The narrowest the other columns get, so figures do not crowd each other.
LEAST = {"date": 52, "batch": 60, "grade": 40, "kg": 46, "price": 38, "deduction": 38,
         "quantity": 34, "unit": 28, "rate": 38, "direction": 50, "method": 32}
NAME_ROOM = 72      # a name column this wide holds nine Chinese characters on one line

#: A section this long may print in two halves side by side when that keeps its sheet on
#: one page.
TWO_UP_ROWS = 4


# -- documents -------------------------------------------------------------------------

def statements(sheets: list[Statement], lang: str, font: FontChoice,
               printed: date | None = None) -> bytes:
    """The settlement sheets as one PDF, each household starting on a new page."""
    footer = _Footer(font.name, _printed(printed, lang), lang)
    story: list[Flowable] = []
    for number, sheet in enumerate(sheets):
        if number:
            story.append(PageBreak())
        household = sheet.household
        story.append(_Mark(footer, f"{sheet.collective} · {household.code} {household.name}"))
        story.extend(_sheet(sheet, lang, font.name))
    if not sheets:
        story.append(_Line(i18n.t("doc.none", lang), font.name, 10))
    first = sheets[0] if sheets else None
    title = (i18n.t("doc.statement_title", lang, village=first.village, season=first.season.code)
             if first else i18n.t("doc.statement", lang))
    return _build(story, footer, title, first.collective if first else "", lang)


def _kept_together(*flowables: Flowable) -> tuple[Flowable, ...]:
    """Flowables that stay on the page of the one after them (signatures under what
    they sign)."""
    for flowable in flowables:
        flowable.keepWithNext = True
    return flowables


#: Who signs a settlement sheet, and who signs the notice board.
SHEET_SIGNERS = ("household", "accountant")
BOARD_SIGNERS = ("accountant", "supervision")


def summary(document: Summary, lang: str, font: FontChoice,
            printed: date | None = None) -> bytes:
    """The season summary for the notice board, with its two charts."""
    name = font.name
    season = document.season
    title = i18n.t("doc.summary_title", lang, village=document.village, season=season.code)
    footer = _Footer(name, _printed(printed, lang), lang)
    story: list[Flowable] = [
        _Mark(footer, f"{document.collective} · {title}"),
        _Line(title, name, 14, "C", space=3),
        _Line(f"{document.collective}　{season.name}　{_period(season, lang)}", name, 9, "C",
              space=8),
        _Line(i18n.t("doc.households", lang), name, 10, space=2),
        _households_table(document, lang, name),
        Spacer(0, 3 * GAP),
        _Line(i18n.t("doc.yield_by_group", lang), name, 10, space=2),
        _beside(_groups_table(document, lang, name),
                _chart(charts.yield_chart(document.groups, lang), name)),
        Spacer(0, 3 * GAP),
        _Line(i18n.t("doc.income_bands", lang), name, 10, space=2),
        _beside(_bands_table(document, lang, name),
                _chart(charts.band_chart(document.bands, lang), name)),
        Spacer(0, 3 * GAP),
        *_kept_together(_Line(i18n.t("doc.income_statement", lang), name, 10, space=2),
                        _income_statement(document, lang, name), Spacer(0, 6 * GAP)),
        _Signatures(lang, name, BOARD_SIGNERS),
    ]
    return _build(story, footer, title, document.collective, lang)


def _build(story: list[Flowable], footer: _Footer, title: str, subject: str,
           lang: str) -> bytes:
    """The PDF: A4, metadata set, the same bytes for the same input (`invariant`)."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                          topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                          author="Silk Ledger", creator="Silk Ledger", subject=subject,
                          lang="en" if lang == "en" else "zh-CN", invariant=1,
                          initialFontName=footer.font)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, WIDTH, HEIGHT, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=footer.draw)])
    # Streams compressed only, not also ASCII85-encoded: a quarter smaller, and the
    # encoding alone took a tenth of the time without reportlab's C accelerator.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story)
    finally:
        rl_config.useA85 = saved
    return buffer.getvalue()


# -- the settlement sheet --------------------------------------------------------------

def _sheet(sheet: Statement, lang: str, font: str) -> list[Flowable]:
    """One sheet's flowables, on one page if it can be: if need be with its longest
    sections in two halves side by side, then with tighter rows, then in a point smaller
    type; else as first laid out, continuing overleaf."""
    story = _sheet_story(sheet, lang, font)
    if _height(story) <= HEIGHT:
        return story
    long = [s.key for s in sorted(sheet.sections, key=lambda s: -len(s.rows))
            if len(s.rows) >= TWO_UP_ROWS]
    layouts = [(set(long[:count]), ROW_PAD, SIZE) for count in range(1, len(long) + 1)]
    layouts += [(set(long), TIGHT_PAD, SIZE), (set(long), TIGHT_PAD, SIZE - 1)]
    for two_up, pad, size in layouts:
        compact = _sheet_story(sheet, lang, font, two_up, pad, size)
        if _height(compact) <= HEIGHT:
            return compact
    return story


def _sheet_story(sheet: Statement, lang: str, font: str, two_up: set[str] = frozenset(),
                 pad: float = ROW_PAD, size: float = SIZE) -> list[Flowable]:
    season = sheet.season
    story: list[Flowable] = [
        _Line(i18n.t("doc.statement_title", lang, village=sheet.village, season=season.code),
              font, 14, "C", space=2),
        _Line(f"{season.name}　{_period(season, lang)}", font, 9, "C", space=5),
        _identity(sheet, lang, font, pad + BOX_PAD),
    ]
    amount_width = _amount_width(sheet, font)
    empty = []
    for section in sheet.sections:
        if section.rows:
            story += [Spacer(0, GAP), _section(section, sheet, lang, font, amount_width,
                                                section.key in two_up, pad, size)]
        else:
            empty.append(i18n.t(f"section.{section.key}", lang))
    if sheet.batches:
        story += [Spacer(0, GAP), _batches(sheet.batches, lang, font)]
    else:
        empty.append(i18n.t("doc.batches", lang))
    if empty:
        none = i18n.t("doc.none", lang)
        text = f"{none}: {', '.join(empty)}" if lang == "en" else f"{none}：{'、'.join(empty)}"
        story += [Spacer(0, 2), _Line(text, font, 7.5, color=GREY)]
    settled = _settlement(sheet, lang, font, amount_width, pad + BOX_PAD)
    space = Spacer(0, 4 * GAP)
    settled.keepWithNext = space.keepWithNext = True  # signatures stay under what they sign
    story += [Spacer(0, GAP), settled, space, _Signatures(lang, font)]
    return story


def _identity(sheet: Statement, lang: str, font: str, pad: float) -> _Grid:
    """Who the sheet is for: the collective and season, the household."""
    labels = [i18n.t(key, lang) for key in ("doc.collective", "doc.season", "doc.household",
                                            "doc.head", "doc.group")]
    label = min(max(_width(text, font, SIZE) for text in labels) + 2 * PAD + 2, 90)
    value = (WIDTH - 3 * label) / 3
    household = sheet.household
    rows = [_Row([labels[0], sheet.collective, "", "", labels[1],
                  f"{sheet.season.code} {sheet.season.name}"],
                 spans=((1, 3),), shade=(0, 4)),
            _Row([labels[2], household.code, labels[3], household.name, labels[4],
                  household.group], shade=(0, 2, 4))]
    return _Grid(rows, [label, value] * 3, font, "L" * 6, inner=(1, 2, 3, 4, 5), pad=pad)


def _amount_width(sheet: Statement, font: str) -> float:
    """The width of the amount column on this sheet: the widest amount, at least
    AMOUNT_WIDTH."""
    widest = max((_width(money.yuan(row[-1]), font, SIZE) for section in sheet.sections
                  for row in section.rows), default=0)
    for figure in (sheet.balance_in, sheet.balance_out, sheet.net_income, sheet.paid,
                   *(section.subtotal for section in sheet.sections)):
        widest = max(widest, _width(money.yuan(figure), font, 8.5))
    return max(AMOUNT_WIDTH, widest + 2 * PAD + 1)


def _section(section: Section, sheet: Statement, lang: str, font: str, amount_width: float,
             two_up: bool, pad: float, size: float) -> _Grid:
    """One group of records: a band with its name and subtotal, the column headers, the
    rows. A batch column that says the same in every row is said once, in the band. In
    two halves, rows run down the left half, then down the right."""
    columns = list(section.columns)
    texts = [[cells.cell(value, column.kind, column.key, lang)
              for value, column in zip(row, columns)] for row in section.rows]
    title = i18n.t(f"section.{section.key}", lang)
    if section.sign:
        title += " · " + i18n.t("col.income" if section.sign > 0 else "col.cost", lang)
    batch = [i for i, column in enumerate(columns) if column.key == "batch"]
    if batch and len({row[batch[0]] for row in texts}) == 1:
        title += f" · {i18n.t('col.batch', lang)} {texts[0][batch[0]]}"
        del columns[batch[0]]
        for row in texts:
            del row[batch[0]]
    header = [i18n.t(f"col.{column.key}", lang) for column in columns]
    halves = 1
    widths = _column_widths(columns, header, texts, WIDTH, amount_width, font, size)
    if two_up and len(texts) >= TWO_UP_ROWS:
        half = _column_widths(columns, header, texts, WIDTH / 2, amount_width, font, size,
                              strict=True)
        if half:
            widths, halves = half * 2, 2
            rows_per_half = (len(texts) + 1) // 2
            left, right = texts[:rows_per_half], texts[rows_per_half:]
            right += [[""] * len(columns)] * (rows_per_half - len(right))
            texts = [a + b for a, b in zip(left, right)]
            header = header * 2
    if section.sign:
        subtotal, label = section.subtotal, i18n.t("doc.subtotal", lang)
    else:  # settlement payments go both ways: what counts is the net settled
        subtotal, label = sheet.paid, i18n.t("doc.paid", lang)
    count = len(widths)
    band = [title] + [""] * (count - 2) + [money.yuan(subtotal)]
    align = "".join("R" if column.kind in NUMERIC else "L" for column in columns) * halves
    rows = [_Row(band, "band", spans=((0, count - 2),), note={0: label}),
            _Row(header, "head"),
            *(_Row(row) for row in texts)]
    divider = (len(columns),) if halves == 2 else ()
    return _Grid(rows, widths, font, align, repeat=2, dividers=divider, pad=pad,
                 scale=size / SIZE)


def _column_widths(columns: list[Column], header: list[str], texts: list[list[str]],
                   total: float, amount_width: float, font: str, size: float = SIZE,
                   strict: bool = False) -> list[float] | None:
    """Widths that fit the columns' texts in `total`: the amount as wide as on the rest of
    the sheet, other fixed columns as their widest text, name columns sharing the rest.
    With `strict`, None unless every name column gets room for its names on one line."""
    widths, flex = [], {}
    for index, column in enumerate(columns):
        if index == len(columns) - 1 and column.kind == "money":
            widths.append(amount_width)
        elif column.key in FLEX:
            widths.append(0.0)
            flex[index] = FLEX[column.key]
        else:
            widest = max([_width(row[index], font, size) for row in texts]
                         + [_width(header[index], font, size)])
            widths.append(widest + 2 * PAD if strict else
                          max(widest + 2 * PAD, LEAST.get(column.key, 0)))
    rest = total - sum(widths)
    if not flex:
        return [w + rest / len(widths) for w in widths]
    if strict and rest < 0:
        return None
    needed = {i: min(NAME_ROOM, max([_width(row[i], font, size) for row in texts]
                                    + [_width(header[i], font, size)])) + 2 * PAD
              for i in flex}
    if strict and sum(needed.values()) > rest:
        return None
    weights, need = sum(flex.values()), sum(needed.values())
    for index, weight in flex.items():
        if need <= rest:  # every name fits; what is left goes by weight
            widths[index] = needed[index] + (rest - need) * weight / weights
        else:  # names wrap, each column short by the same share
            widths[index] = max(rest * needed[index] / need, FLEX_MIN)
    return widths


def _batches(batches: list[BatchFigures], lang: str, font: str) -> _Grid:
    keys = ("col.batch", "field.breed", "col.sheets", "field.hatch", "field.mount",
            "field.harvest", "col.cocoon_kg", "col.kg_per_sheet", "doc.grade_mix")
    header = [_heading(i18n.t(key, lang), lang) for key in keys]
    texts = [[batch.code, batch.breed, money.sheets(batch.sheets), _date(batch.hatch),
              _date(batch.mount), _date(batch.harvest), money.kg(batch.cocoon_grams),
              cells.kg_per_sheet(batch.cocoon_grams, batch.sheets), _grade_mix(batch)]
             for batch in batches]
    widths = [max([_width(row[i], font, SIZE) for row in texts] + [_width(header[i], font, SIZE)])
              + 2 * PAD for i in range(len(keys) - 1)]
    widths.append(WIDTH - sum(widths))
    band = [i18n.t("doc.batches", lang)] + [""] * (len(keys) - 1)
    rows = [_Row(band, "band", spans=((0, len(keys) - 1),)), _Row(header, "head"),
            *(_Row(row) for row in texts)]
    return _Grid(rows, widths, font, "LLRLLLRRL", repeat=2)


def _grade_mix(batch: BatchFigures) -> str:
    """Each grade's share of the batch's cocoon weight: 上车茧 88.0%　次茧 5.0% ..."""
    if not batch.cocoon_grams:
        return ""
    order = list(batch.grades)  # already best first
    parts = []
    for grade in order:
        tenths = money.div_half_up(batch.grades[grade] * 1000, batch.cocoon_grams)
        parts.append(f"{grade or '—'} {tenths // 10}.{tenths % 10}%")
    return "　".join(parts)


def _settlement(sheet: Statement, lang: str, font: str, amount_width: float,
                pad: float) -> _Grid:
    """Income less costs on the left, the balance carried in and moved on the right; then
    the balance carried out, in figures and in words."""
    earned, spent = sheet.income_total, sheet.cost_total

    def t(key: str, **params) -> str:
        return i18n.t(key, lang, **params)

    rows = [
        _Row([t("doc.income_total"), money.yuan(earned),
              t("doc.balance_in"), money.yuan(sheet.balance_in)]),
        _Row([t("doc.cost_total"), money.yuan(spent),
              t("doc.plus", label=t("doc.net_income")), money.yuan(sheet.net_income)]),
        _Row([t("doc.net_income"), money.yuan(sheet.net_income),
              t("doc.less", label=t("doc.paid")), money.yuan(sheet.paid)]),
        _Row([t("doc.balance_out"), "", "", money.yuan(sheet.balance_out)], "strong",
             spans=((0, 2),)),
        _Row([f"{t('doc.in_words')}{': ' if lang == 'en' else '：'}"
              f"{cells.balance_words(sheet.balance_out, lang)}", "", "", ""],
             "words", spans=((0, 3),), align={0: "L"}),
    ]
    side = WIDTH / 2
    widths = [side - amount_width, amount_width, side - amount_width, amount_width]
    return _Grid(rows, widths, font, "LRLR", inner=(2,), pad=pad)


class _Signatures(Flowable):
    """Lines for signatures and the date: by default the household's and the
    accountant's, as on a settlement sheet."""

    def __init__(self, lang: str, font: str, signers: tuple[str, ...] = SHEET_SIGNERS):
        super().__init__()
        self.labels = [i18n.t(f"doc.signature_{key}", lang) for key in (*signers, "date")]
        self.font = font

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, 16
        return self.width, self.height

    def draw(self):
        canvas, part = self.canv, self.width / 3
        canvas.setFont(self.font, 9)
        canvas.setLineWidth(0.6)
        for index, label in enumerate(self.labels):
            x = index * part
            canvas.drawString(x, 3, label + ("：" if not label.isascii() else ":"))
            start = x + _width(label + "：", self.font, 9) + 3
            canvas.line(start, 1.5, x + part - 12, 1.5)


# -- the notice board ------------------------------------------------------------------

def _households_table(document: Summary, lang: str, font: str) -> _Grid:
    keys = ("code", "name", "group", "sheets", "cocoon_kg", "kg_per_sheet", "income",
            "net_income", "paid", "balance")
    header = [i18n.t(f"col.{key}", lang) for key in keys]

    def row(party, code: str, name: str, group: str) -> list[str]:
        return [code, name, group, money.sheets(party.sheets), money.kg(party.cocoon_grams),
                cells.kg_per_sheet(party.cocoon_grams, party.sheets), money.yuan(party.income),
                money.yuan(party.net_income), money.yuan(party.paid), money.yuan(party.balance)]

    collective = document.collective_figures
    texts = [row(p, p.code, p.name, p.group) for p in document.households]
    texts.append(row(collective, collective.code, i18n.t("doc.collective_row", lang), ""))
    totals = row(document.report.totals, i18n.t("col.total", lang), "", "")
    widths = [max([_width(r[i], font, SIZE) for r in texts + [totals]]
                  + [_width(header[i], font, SIZE)]) + 2 * PAD for i in range(len(keys))]
    widths[1] = 0
    widths[1] = max(WIDTH - sum(widths), 40)
    rows = [_Row(header, "head"), *(_Row(r) for r in texts[:-1]),
            _Row(texts[-1], "above"), _Row(totals, "total")]
    return _Grid(rows, widths, font, "LLLRRRRRRR", repeat=1)


def _groups_table(document: Summary, lang: str, font: str) -> _Grid:
    keys = ("col.group", "col.households", "col.sheets", "col.cocoon_kg", "col.kg_per_sheet")
    header = [i18n.t(key, lang) for key in keys]
    texts = [[g.group, str(g.households), money.sheets(g.sheets), money.kg(g.cocoon_grams),
              cells.kg_per_sheet(g.cocoon_grams, g.sheets)] for g in document.groups]
    return _Grid([_Row(header, "head"), *(_Row(r) for r in texts)],
                 _natural_widths(header, texts, font), font, "LRRRR", repeat=1)


def _bands_table(document: Summary, lang: str, font: str) -> _Grid:
    header = [f"{i18n.t('col.net_income', lang)}（{i18n.t('doc.yuan', lang)}）",
              i18n.t("col.households", lang)]
    texts = [[cells.band_label(b.low, b.high, lang), str(b.households)] for b in document.bands]
    return _Grid([_Row(header, "head"), *(_Row(r) for r in texts)],
                 _natural_widths(header, texts, font, least=50), font, "LR", repeat=1)


def _income_statement(document: Summary, lang: str, font: str) -> _Grid:
    """The collective's 收益 for the season: each income and cost account, then the result."""
    statement = document.statement
    heads = ((chart.COCOON_INCOME.split(".")[0], "doc.operating_income",
              statement.operating_income),
             (chart.SUBSIDY_INCOME, "doc.subsidy_income", statement.subsidy_income),
             (chart.LEAF_COST.split(".")[0], "doc.operating_costs", statement.operating_costs))
    header = [i18n.t("col.account", lang), i18n.t("col.account_name", lang), "",
              i18n.t("col.amount", lang)]
    rows = [_Row(header, "head")]
    for head, key, amount in heads:
        rows.append(_Row([head, i18n.t(key, lang), "", money.yuan(amount)]))
        for code, line in statement.lines:
            if code.split(".")[0] == head and code != head:
                account = chart.BY_CODE[code]
                rows.append(_Row([code, "　" + (account.en if lang == "en" else account.zh),
                                  money.yuan(line), ""], "sub"))
    rows.append(_Row(["", i18n.t("doc.result", lang), "", money.yuan(statement.result)], "total"))
    texts = [row.cells for row in rows]
    widths = _natural_widths(texts[0], texts[1:], font, least=70)
    return _Grid(rows, widths, font, "LLRR")


def _natural_widths(header: list[str], texts: list[list[str]], font: str,
                    least: float = 0) -> list[float]:
    return [max([_width(row[i], font, SIZE) for row in texts] + [_width(header[i], font, SIZE),
                                                                 least - 2 * PAD]) + 2 * PAD
            for i in range(len(header))]


def _beside(table: Flowable, drawing: Drawing) -> Table:
    """A small table with its chart to the right."""
    outer = Table([[table, drawing]], colWidths=[WIDTH - drawing.width, drawing.width])
    outer.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
    return outer


def _chart(chart_: charts.Chart, font: str) -> Drawing:
    """A chart of the notice board (the same bars as the HTML form's), as horizontal bars
    labelled with their exact figures; it grows with the number of bars rather than
    squeezing their names."""
    size, step, width = 7.5, 14, 250
    bars = chart_.bars
    label_width = max([_width(bar.label, font, size) for bar in bars] or [0]) + 6
    value_width = max([_width(bar.text, font, size) for bar in bars] or [0]) + 4
    plot = max(width - label_width - value_width - 4, 40)
    title = _wrap(chart_.title, font, 8.5, width)
    top = 6 + 0 + step * max(len(bars), 1)
    height = top + 11 * len(title) + 4
    drawing = Drawing(width, height)
    for number, line in enumerate(title):
        drawing.add(String(0, height - 9 - 11 * number, line, fontName=font, fontSize=8.5))
    largest = max([bar.value for bar in bars] or [0])
    drawing.add(Line(label_width, top, label_width, top - step * len(bars),
                     strokeColor=INK, strokeWidth=0.6))
    for number, bar in enumerate(bars):
        y = top - step * (number + 1) + 3
        length = plot * bar.value / largest if largest else 0
        drawing.add(String(label_width - 4, y + 2, bar.label, fontName=font, fontSize=size,
                           textAnchor="end"))
        if length:
            drawing.add(Rect(label_width, y, length, step - 5, fillColor=BAR, strokeColor=None))
        drawing.add(String(label_width + length + 3, y + 2, bar.text, fontName=font,
                           fontSize=size))
    return drawing


# -- pieces ----------------------------------------------------------------------------

def _printed(printed: date | None, lang: str) -> str:
    return i18n.t("doc.printed", lang, date=(printed or date.today()).isoformat())


def _period(season, lang: str) -> str:
    return i18n.t("doc.period", lang, start=season.start.isoformat(), end=season.end.isoformat())


def _heading(text: str, lang: str) -> str:
    """A column heading: field names are written in lower case in English."""
    return text[:1].upper() + text[1:] if lang == "en" else text


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _height(story: list[Flowable]) -> float:
    """How tall the flowables stand on a fresh page."""
    return sum(f.wrap(WIDTH, HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in story)


@lru_cache(maxsize=50_000)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


#: Characters that may not begin a line, and that may not end one (Chinese
#: typesetting's 避头 and 避尾).
NO_LINE_START = set("，。、；：？！）》」』】〕…%,.;:?!)]")
NO_LINE_END = set("（《「『【〔([")


@lru_cache(maxsize=20_000)
def _wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """`text` in lines no wider than `width`: Chinese breaks between any two characters,
    Latin at the last space; closing punctuation never starts a line."""
    width += 0.01  # a column made as wide as its widest text holds it, rounding aside
    if _width(text, font, size) <= width:
        return (text,)
    lines, line = [], ""
    for char in text:
        if line and char not in NO_LINE_START and _width(line + char, font, size) > width:
            cut = line.rfind(" ") if char != " " and char.isascii() else -1
            if cut > 0 and line[:cut].strip():
                lines.append(line[:cut])
                line = line[cut + 1:] + char
            elif len(line) > 1 and line[-1] in NO_LINE_END:
                lines.append(line[:-1])
                line = line[-1] + char
            else:
                lines.append(line)
                line = char.lstrip()
        else:
            line += char
    if line:
        lines.append(line)
    return tuple(lines)


@dataclass
class _Row:
    """One row of a `_Grid`: a text a column ("" for none, the first of a span for a
    span), its kind (how it is drawn), merged columns, alignments that differ from the
    column's, columns on a shaded ground, and notes set flush right in a cell whose own
    text stands at the left (a band's "subtotal" beside the section's name)."""

    cells: list[str]
    kind: str = "body"
    spans: tuple[tuple[int, int], ...] = ()
    align: dict[int, str] | None = None
    shade: tuple[int, ...] = ()
    note: dict[int, str] | None = None


#: How each kind of row is drawn: font size, ground, rule above (width, colour), text
#: colour. Every row has a thin rule below unless the next one draws its own above.
KINDS = {
    "body": (SIZE, None, None, INK),
    "band": (8.5, BAND, None, INK),
    "head": (SIZE, HEAD, None, INK),
    "sub": (SIZE, None, None, GREY),
    "above": (SIZE, None, (0.5, INK), INK),
    "total": (SIZE, HEAD, (0.8, INK), INK),
    "strong": (9.5, HEAD, (0.8, INK), INK),
    "words": (9, HEAD, (0.5, INK), INK),
}


class _Grid(Flowable):
    """A ruled table of plain strings, drawn straight onto the canvas.

    Rows are as tall as their most wrapped cell; `repeat` rows head every part when the
    table continues on the next page. `inner` columns get a vertical rule before them (not
    inside a span), `dividers` a strong one from the second row down.
    """

    def __init__(self, rows: list[_Row], widths: list[float], font: str, align: str,
                 repeat: int = 0, inner: tuple[int, ...] = (), dividers: tuple[int, ...] = (),
                 pad: float = ROW_PAD, scale: float = 1.0):
        super().__init__()
        self.rows, self.widths, self.font, self.align = rows, widths, font, align
        self.repeat, self.inner, self.dividers, self.pad = repeat, inner, dividers, pad
        self.scale = scale
        self.edges = [0.0]
        for width in widths:
            self.edges.append(self.edges[-1] + width)
        self.width = self.edges[-1]
        self.lines = [self._lines(row) for row in rows]
        self.heights = [max(map(len, lines)) * KINDS[row.kind][0] * scale * 1.15 + 2 * pad
                        for row, lines in zip(rows, self.lines)]
        self.height = sum(self.heights)

    def _lines(self, row: _Row) -> list[tuple[str, ...]]:
        size = KINDS[row.kind][0] * self.scale
        right, note = dict(row.spans), row.note or {}
        return [_wrap(text, self.font, size, self.edges[right.get(i, i) + 1] - self.edges[i]
                      - 2 * PAD - (_width(note[i], self.font, size) + 2 * PAD if i in note else 0))
                if text else ("",)
                for i, text in enumerate(row.cells)]

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        if self.height <= available_height:
            return [self]
        used = sum(self.heights[:self.repeat])
        keep = self.repeat
        while keep < len(self.rows) and used + self.heights[keep] <= available_height:
            used += self.heights[keep]
            keep += 1
        if keep <= self.repeat:
            return []
        head = self.rows[:self.repeat]
        return [self._part(self.rows[:keep]), self._part(head + self.rows[keep:])]

    def _part(self, rows: list[_Row]) -> _Grid:
        return _Grid(rows, self.widths, self.font, self.align, self.repeat, self.inner,
                     self.dividers, self.pad, self.scale)

    def draw(self):
        """Grounds, rules and text as raw PDF operators: for thousands of cells, the
        general canvas calls cost more than all the rest of the sheet."""
        edges, font, doc = self.edges, self.font, self.canv._doc
        grounds, thin, strong, text = [], [], [], []
        top = self.height
        state = (None, None)
        for index, (row, lines, height) in enumerate(zip(self.rows, self.lines, self.heights)):
            size, ground, above, colour = KINDS[row.kind]
            size *= self.scale
            bottom = top - height
            right = dict(row.spans)
            if ground is not None:
                grounds.append(f"{_rgb(ground)} rg 0 {bottom:.2f} {self.width:.2f} "
                               f"{height:.2f} re f")
            for column in row.shade:
                x, w = edges[column], edges[right.get(column, column) + 1] - edges[column]
                grounds.append(f"{_rgb(HEAD)} rg {x:.2f} {bottom:.2f} {w:.2f} {height:.2f} re f")
            if index and above is not None:
                strong.append(f"{above[0]} w {_rgb(above[1])} RG 0 {top:.2f} m "
                              f"{self.width:.2f} {top:.2f} l S")
            elif index:
                thin.append(f"0 {top:.2f} m {self.width:.2f} {top:.2f} l")
            spanned = {c for first, last in row.spans for c in range(first + 1, last + 1)}
            for column in self.inner:
                if column not in spanned:
                    x = f"{edges[column]:.2f}"
                    thin.append(f"{x} {top:.2f} m {x} {bottom:.2f} l")
            for column in self.dividers if index else ():
                strong.append(f"0.8 w 0 G {edges[column]:.2f} {top:.2f} m "
                              f"{edges[column]:.2f} {bottom:.2f} l S")
            align = row.align or {}
            leading, baseline = size * 1.15, top - self.pad - size * 0.9
            text.append(f"{_rgb(colour)} rg")
            for column, cell in enumerate(lines):
                if not cell[0] or column in spanned:
                    continue
                left, end = edges[column] + PAD, edges[right.get(column, column) + 1] - PAD
                flush_right = align.get(column, self.align[column]) == "R"
                placed = [(end - _width(line, font, size) if flush_right else left,
                           baseline - number * leading, line) for number, line in enumerate(cell)]
                if row.note and column in row.note:
                    note = row.note[column]
                    placed.append((end - _width(note, font, size), baseline, note))
                for x, y, line in placed:
                    text.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                    for name, chunk in _runs(font, doc, line):
                        if state != (name, size):
                            text.append(f"{name} {size} Tf")
                            state = (name, size)
                        text.append(f"({chunk}) Tj")
            top = bottom
        code = ["q", *grounds, f"0.25 w {_rgb(RULE)} RG"]
        if thin:
            code += thin + ["S"]
        code += strong
        code.append(f"0.8 w 0 G 0 0 {self.width:.2f} {self.height:.2f} re S")
        code += ["BT", *text, "ET", "Q"]
        self.canv.addLiteral("\n".join(code))


def _rgb(colour) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


#: Each document's text already encoded in the font's subsets: the same strings (dates,
#: names, headers) recur on every sheet.
_ENCODED: WeakKeyDictionary = WeakKeyDictionary()


def _runs(font_name: str, doc, text: str) -> tuple[tuple[str, str], ...]:
    """`text` as (PDF font name, escaped string) runs for a Tj operator each: a TrueType
    font spreads its glyphs over subsets of 256 (reportlab's documented way to write
    them); a CID font takes UTF-16."""
    cache = _ENCODED.setdefault(doc, {})
    key = (font_name, text)
    runs = cache.get(key)
    if runs is None:
        font = getFont(font_name)
        if font._dynamicFont:
            runs = tuple((font.getSubsetInternalName(subset, doc), escapePDF(chunk))
                         for subset, chunk in font.splitString(text, doc))
        else:
            runs = ((doc.getInternalFontName(font_name), font.formatForPdf(text)),)
        cache[key] = runs
    return runs


class _Line(Flowable):
    """A line of text (a title, a note), wrapped at the frame's width if it must be."""

    def __init__(self, text: str, font: str, size: float, align: str = "L", space: float = 0,
                 color=INK):
        super().__init__()
        self.text, self.font, self.size, self.align, self.color = text, font, size, align, color
        self.spaceAfter = space
        self.lines = (text,)

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.lines = _wrap(self.text, self.font, self.size, available_width)
        self.height = self.size * 1.3 * len(self.lines)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.color)
        for number, line in enumerate(self.lines):
            y = self.height - self.size * 1.3 * (number + 1) + self.size * 0.3
            if self.align == "C":
                canvas.drawCentredString(self.width / 2, y, line)
            else:
                canvas.drawString(0, y, line)


class _Footer:
    """The foot of every page: whose sheet it is, and the page's number within it."""

    def __init__(self, font: str, printed: str, lang: str):
        self.font, self.printed, self.lang = font, printed, lang
        self.label, self.first_page = "", 1

    def draw(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(self.font, 7)
        canvas.setFillColor(GREY)
        y = MARGIN_BOTTOM - 17
        canvas.drawString(MARGIN_X, y, self.label)
        page = i18n.t("doc.page", self.lang, page=doc.page - self.first_page + 1)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, f"{page}　{self.printed}")
        canvas.restoreState()


class _Mark(Flowable):
    """Where a sheet begins: tells the footer whose pages follow."""

    def __init__(self, footer: _Footer, label: str):
        super().__init__()
        self.footer, self.label = footer, label

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.footer.label = self.label
        self.footer.first_page = self.canv.getPageNumber()
