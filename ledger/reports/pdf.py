"""Settlement sheets (结算单) and the notice board (财务公开表) as PDF, for A4 paper.

Written with reportlab in the Chinese font `ledger.reports.fonts` chose (a TrueType font
is embedded as a subset of the glyphs used). Each household starts on a new page; a sheet
longer than a page continues on the next with its table headers repeated. Every figure
is written by `ledger.reports.cells`, as in the text and HTML forms; numbers stand
right-aligned, and the amount column has one width on the whole sheet, so amounts and
subtotals line up down the page.

A thousand sheets must print in seconds: the tables are `ledger.reports.grid.Grid`s
(rows of plain strings, drawn in one go), not reportlab's general `Table`; this module
says what each document holds and where.
"""
from __future__ import annotations

import io
from datetime import date

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate,
                                Spacer, Table)

from ledger import chart, i18n, money
from ledger.reports import cells, charts, grid
from ledger.reports.fonts import FontChoice, find_font
from ledger.reports.grid import GREY, INK, PAD, ROW_PAD, SIZE, Grid, Row, natural_widths
from ledger.reports.statement import BatchFigures, Column, Section, Statement
from ledger.reports.summary import Summary

__all__ = ["FontChoice", "find_font", "statements", "summary"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 13 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

TIGHT_PAD = 0.6     # space above and below a row's text (grid.ROW_PAD) on a long sheet
BOX_PAD = 0.65      # more of it in the boxes of who and what is settled
GAP = 5             # space between the blocks of a sheet

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
        story.append(_Mark(footer, f"{sheet.collective} · {household.code} {household.name}",
                           sheet.check_code))
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
        _Mark(footer, f"{document.collective} · {title}", document.check_code),
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
        *_kept_together(_Line(i18n.t("yield.flagged_part", lang), name, 10, space=2),
                        _flagged_table(document, lang, name), Spacer(0, 6 * GAP)),
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
    # `useA85` is one of reportlab's documented settings (reportlab/rl_settings.py).
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


def _identity(sheet: Statement, lang: str, font: str, pad: float) -> Grid:
    """Who the sheet is for: the collective and season, the household."""
    labels = [i18n.t(key, lang) for key in ("doc.collective", "doc.season", "doc.household",
                                            "doc.head", "doc.group")]
    label = min(max(grid.width(text, font, SIZE) for text in labels) + 2 * PAD + 2, 90)
    value = (WIDTH - 3 * label) / 3
    household = sheet.household
    rows = [Row([labels[0], sheet.collective, "", "", labels[1],
                  f"{sheet.season.code} {sheet.season.name}"],
                 spans=((1, 3),), shade=(0, 4)),
            Row([labels[2], household.code, labels[3], household.name, labels[4],
                  household.group], shade=(0, 2, 4))]
    return Grid(rows, [label, value] * 3, font, "L" * 6, inner=(1, 2, 3, 4, 5), pad=pad)


def _amount_width(sheet: Statement, font: str) -> float:
    """The width of the amount column on this sheet: the widest amount, at least
    AMOUNT_WIDTH."""
    widest = max((grid.width(money.yuan(row[-1]), font, SIZE) for section in sheet.sections
                  for row in section.rows), default=0)
    for figure in (sheet.balance_in, sheet.balance_out, sheet.net_income, sheet.paid,
                   sheet.vouchers, *(section.subtotal for section in sheet.sections)):
        widest = max(widest, grid.width(money.yuan(figure), font, 8.5))
    return max(AMOUNT_WIDTH, widest + 2 * PAD + 1)


def _section(section: Section, sheet: Statement, lang: str, font: str, amount_width: float,
             two_up: bool, pad: float, size: float) -> Grid:
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
    rows = [Row(band, "band", spans=((0, count - 2),), note={0: label}),
            Row(header, "head"),
            *(Row(row) for row in texts)]
    divider = (len(columns),) if halves == 2 else ()
    return Grid(rows, widths, font, align, repeat=2, dividers=divider, pad=pad,
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
            widest = max([grid.width(row[index], font, size) for row in texts]
                         + [grid.width(header[index], font, size)])
            widths.append(widest + 2 * PAD if strict else
                          max(widest + 2 * PAD, LEAST.get(column.key, 0)))
    rest = total - sum(widths)
    if not flex:
        return [w + rest / len(widths) for w in widths]
    if strict and rest < 0:
        return None
    needed = {i: min(NAME_ROOM, max([grid.width(row[i], font, size) for row in texts]
                                    + [grid.width(header[i], font, size)])) + 2 * PAD
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


def _batches(batches: list[BatchFigures], lang: str, font: str) -> Grid:
    keys = ("col.batch", "field.breed", "col.sheets", "field.hatch", "field.mount",
            "field.harvest", "col.cocoon_kg", "col.kg_per_sheet", "doc.grade_mix")
    header = [_heading(i18n.t(key, lang), lang) for key in keys]
    texts = [[batch.code, batch.breed, money.sheets(batch.sheets), _date(batch.hatch),
              _date(batch.mount), _date(batch.harvest), money.kg(batch.cocoon_grams),
              cells.kg_per_sheet(batch.cocoon_grams, batch.sheets),
              "\n".join(cells.grade_mix(batch, lang))]
             for batch in batches]
    widths = natural_widths(header[:-1], [row[:-1] for row in texts], font)
    widths.append(WIDTH - sum(widths))
    band = [i18n.t("doc.batches", lang)] + [""] * (len(keys) - 1)
    rows = [Row(band, "band", spans=((0, len(keys) - 1),)), Row(header, "head"),
            *(Row(row) for row in texts)]
    return Grid(rows, widths, font, "LLRLLLRRL", repeat=2)


def _settlement(sheet: Statement, lang: str, font: str, amount_width: float,
                pad: float) -> Grid:
    """Income less costs on the left, the balance carried in and moved on the right; then
    the balance carried out, in figures and in words."""
    earned, spent = sheet.income_total, sheet.cost_total

    def t(key: str, **params) -> str:
        return i18n.t(key, lang, **params)

    rows = [
        Row([t("doc.income_total"), money.yuan(earned),
              t("doc.balance_in"), money.yuan(sheet.balance_in)]),
        Row([t("doc.cost_total"), money.yuan(spent),
              t("doc.plus", label=t("doc.net_income")), money.yuan(sheet.net_income)]),
        Row([t("doc.net_income"), money.yuan(sheet.net_income),
              t("doc.less", label=t("doc.paid")), money.yuan(sheet.paid)]),
        *([Row(["", "", t("doc.plus", label=t("doc.vouchers")), money.yuan(sheet.vouchers)])]
          if sheet.vouchers else []),
        Row([t("doc.balance_out"), "", "", money.yuan(sheet.balance_out)], "strong",
             spans=((0, 2),)),
        Row([f"{t('doc.in_words')}{': ' if lang == 'en' else '：'}"
              f"{cells.balance_words(sheet.balance_out, lang)}", "", "", ""],
             "words", spans=((0, 3),), align={0: "L"}),
    ]
    side = WIDTH / 2
    widths = [side - amount_width, amount_width, side - amount_width, amount_width]
    return Grid(rows, widths, font, "LRLR", inner=(2,), pad=pad)


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
            start = x + grid.width(label + "：", self.font, 9) + 3
            canvas.line(start, 1.5, x + part - 12, 1.5)


# -- the notice board ------------------------------------------------------------------

def _households_table(document: Summary, lang: str, font: str) -> Grid:
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
    widths = natural_widths(header, texts + [totals], font)
    widths[1] = 0
    widths[1] = max(WIDTH - sum(widths), 40)
    rows = [Row(header, "head"), *(Row(r) for r in texts[:-1]),
            Row(texts[-1], "above"), Row(totals, "total")]
    return Grid(rows, widths, font, "LLLRRRRRRR", repeat=1)


def _groups_table(document: Summary, lang: str, font: str) -> Grid:
    keys = ("col.group", "col.households", "col.sheets", "col.cocoon_kg", "col.kg_per_sheet")
    header = [i18n.t(key, lang) for key in keys]
    texts = [[g.group, str(g.households), money.sheets(g.sheets), money.kg(g.cocoon_grams),
              cells.kg_per_sheet(g.cocoon_grams, g.sheets)] for g in document.groups]
    return Grid([Row(header, "head"), *(Row(r) for r in texts)],
                 natural_widths(header, texts, font), font, "LRRRR", repeat=1)


def _flagged_table(document: Summary, lang: str, font: str) -> Flowable:
    """The season's failed batches, to visit before the next round (the yield book's)."""
    from ledger.reports import yields as yield_report

    if not document.flagged:
        return _Line(i18n.t("doc.none", lang), font, 9)
    header, texts = yield_report.board_flagged(document.flagged, lang)
    return Grid([Row(header, "head"), *(Row(r) for r in texts)],
                natural_widths(header, texts, font), font, "LLLRRR", repeat=1)


def _bands_table(document: Summary, lang: str, font: str) -> Grid:
    header = [f"{i18n.t('col.net_income', lang)}（{i18n.t('doc.yuan', lang)}）",
              i18n.t("col.households", lang)]
    texts = [[cells.band_label(b.low, b.high, lang), str(b.households)] for b in document.bands]
    return Grid([Row(header, "head"), *(Row(r) for r in texts)],
                 natural_widths(header, texts, font, least=50), font, "LR", repeat=1)


def _income_statement(document: Summary, lang: str, font: str) -> Grid:
    """The collective's 收益 for the season: each income and cost account, then the result."""
    statement = document.statement
    heads = ((chart.COCOON_INCOME.split(".")[0], "doc.operating_income",
              statement.operating_income),
             (chart.SUBSIDY_INCOME, "doc.subsidy_income", statement.subsidy_income),
             (chart.LEAF_COST.split(".")[0], "doc.operating_costs", statement.operating_costs))
    header = [i18n.t("col.account", lang), i18n.t("col.account_name", lang), "",
              i18n.t("col.amount", lang)]
    rows = [Row(header, "head")]
    for head, key, amount in heads:
        rows.append(Row([head, i18n.t(key, lang), "", money.yuan(amount)]))
        for code, line in statement.lines:
            if code.split(".")[0] == head and code != head:
                account = chart.BY_CODE[code]
                rows.append(Row([code, "　" + (account.en if lang == "en" else account.zh),
                                  money.yuan(line), ""], "sub"))
    rows.append(Row(["", i18n.t("doc.result", lang), "", money.yuan(statement.result)], "total"))
    texts = [row.cells for row in rows]
    widths = natural_widths(texts[0], texts[1:], font, least=70)
    return Grid(rows, widths, font, "LLRR")


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
    label_width = max([grid.width(bar.label, font, size) for bar in bars] or [0]) + 6
    value_width = max([grid.width(bar.text, font, size) for bar in bars] or [0]) + 4
    plot = max(width - label_width - value_width - 4, 40)
    title = grid.wrap(chart_.title, font, 8.5, width)
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
        self.lines = grid.wrap(self.text, self.font, self.size, available_width)
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
    """The foot of every page: whose sheet it is, the page's number within it, the date
    printed; above them, on the right, the ledger's check code when there is one."""

    def __init__(self, font: str, printed: str, lang: str):
        self.font, self.printed, self.lang = font, printed, lang
        self.label, self.first_page, self.check_code = "", 1, ""

    def draw(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(self.font, 7)
        canvas.setFillColor(GREY)
        y = MARGIN_BOTTOM - 17
        canvas.drawString(MARGIN_X, y, self.label)
        page = i18n.t("doc.page", self.lang, page=doc.page - self.first_page + 1)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y, f"{page}　{self.printed}")
        if self.check_code:
            code = i18n.t("doc.check_code", self.lang, code=self.check_code)
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, y + 8.5, code)
        canvas.restoreState()


class _Mark(Flowable):
    """Where a sheet begins: tells the footer whose pages follow, and the check code to
    print at their foot."""

    def __init__(self, footer: _Footer, label: str, check_code: str = ""):
        super().__init__()
        self.footer, self.label, self.check_code = footer, label, check_code

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.footer.label, self.footer.check_code = self.label, self.check_code
        self.footer.first_page = self.canv.getPageNumber()


# -- the annual household statement ----------------------------------------------------

def annual(document, lang: str, font: FontChoice, printed: date | None = None) -> bytes:
    """A household's year, in the settlement sheet's look."""
    from ledger.reports import annual as content

    title = content.title(document, lang)
    footer = _Footer(font.name, _printed(printed, lang), lang)
    name = font.name
    labels = [i18n.t(key, lang) for key in ("doc.collective", "doc.year", "doc.household",
                                            "doc.head", "doc.group")]
    label = min(max(grid.width(text, name, SIZE) for text in labels) + 2 * PAD + 2, 90)
    value = (WIDTH - 3 * label) / 3
    identity = Grid([Row([labels[0], document.collective, "", "", labels[1], str(document.year)],
                         spans=((1, 3),), shade=(0, 4)),
                     Row([labels[2], document.code, labels[3], document.name, labels[4],
                          document.group], shade=(0, 2, 4))],
                    [label, value] * 3, name, "L" * 6, inner=(1, 2, 3, 4, 5),
                    pad=ROW_PAD + BOX_PAD)
    story: list[Flowable] = [
        _Mark(footer, f"{document.collective} · {document.code} {document.name}",
              document.check_code),
        _Line(title, name, 14, "C", space=5), identity]
    for part in content.tables(document, lang):
        story.append(Spacer(0, GAP))
        if not part.rows:
            story.append(_Line(f"{part.title}: {i18n.t('annual.none', lang)}", name, 7.5,
                               color=GREY))
            continue
        widths = natural_widths(part.headers, [*part.rows, part.totals], name)
        widths[part.wide] += WIDTH - sum(widths)
        count = len(widths)
        align = "".join("L" if index < part.numeric_from else "R" for index in range(count))
        story.append(Grid([Row([part.title] + [""] * (count - 1), "band",
                               spans=((0, count - 1),)),
                           Row(part.headers, "head"), *(Row(row) for row in part.rows),
                           Row(part.totals, "total")],
                          widths, name, align, repeat=2))
    side = WIDTH / 2
    reckoning = [Row([label, operator.replace("−", "-"), money.yuan(fen)],
                     "strong" if operator == "=" else "body")
                 for label, operator, fen in content.reckoning(document, lang)]
    words = f"{i18n.t('doc.in_words', lang)}{': ' if lang == 'en' else '：'}"
    reckoning.append(Row([words + cells.balance_words(document.closing, lang), "", ""], "words",
                         spans=((0, 2),), align={0: "L"}))
    settled = Grid(reckoning, [side, 20, side - 20], name, "LLR", pad=ROW_PAD + BOX_PAD)
    space = Spacer(0, 4 * GAP)
    settled.keepWithNext = space.keepWithNext = True
    story += [Spacer(0, GAP), settled, space, _Signatures(lang, name)]
    return _build(story, footer, title, document.collective, lang)
# -- statements and books (issue 14) ---------------------------------------------------------

#: How each line of a statement or a book is drawn (`ledger.reports.tabular.Line.style`).
_LINE_KINDS = {"": "body", "total": "total", "sub": "sub", "warn": "above", "head": "band"}


def tabular(document, lang: str, font: FontChoice, printed: date | None = None) -> bytes:
    """A statement or a book (`ledger.reports.tabular.Document`) for A4, in the sheets'
    look: the collective, the title, the period, each table under its caption, the notes."""
    name = font.name
    footer = _Footer(name, _printed(printed, lang), lang)
    story: list[Flowable] = [
        _Mark(footer, f"{document.issuer} · {document.title}"),
        _Line(document.issuer, name, 9, "C", space=1),
        _Line(document.title, name, 14, "C", space=3),
        _Line("　".join(part for part in (document.period, document.unit) if part), name, 9,
              "C", space=6),
    ]
    for table in document.tables:
        if table.caption:
            story.append(_Line(table.caption, name, 10, space=2))
        story.append(_book_grid(table, name))
        story.append(Spacer(0, 2 * GAP))
    story.extend(_Line(note, name, 9, space=2, color=colors.Color(0.65, 0, 0))
                 for note in document.notes)
    return _build(story, footer, document.title, document.issuer, lang)


def _book_grid(table, font: str) -> Grid:
    header = [column.header for column in table.columns]
    texts = [line.cells for line in table.lines]
    widths = natural_widths(header, texts, font)
    flexible = [i for i, column in enumerate(table.columns) if column.flex]
    spare = WIDTH - sum(widths)
    if flexible:
        for i in flexible:  # the text columns take what is left, or give up what is too much
            widths[i] = max(widths[i] + spare / len(flexible), 40)
    if sum(widths) > WIDTH:
        widths = [w * WIDTH / sum(widths) for w in widths]
    align = "".join("R" if column.numeric else "L" for column in table.columns)
    rows = [Row(header, "head"), *(Row(line.cells, _LINE_KINDS.get(line.style, "body"))
                                   for line in table.lines)]
    return Grid(rows, widths, font, align, repeat=1)
