"""Settlement sheets and the notice-board summary as plain text for 80-column printers.

The documents only: what each says and in which order. How it is laid out (widths,
wrapping, tables that fit 80 cells) is `ledger.reports.layout`, through which every line
passes. Rules are ASCII (`-`, `=`, `_` for signatures). Each household's sheet starts on
a new page: sheets are separated by a form feed. Figures are written by
`ledger.reports.cells` from exact values, so the text, HTML and PDF forms show the same
numbers.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from ledger import chart, i18n, money
from ledger.reports import cells
from ledger.reports.layout import (GAP, RULE, WIDTH, Col, Merged, Span, clean, fit, pad,
                                   measure, render, table, width_of, wrap)
from ledger.reports.statement import Section, Statement
from ledger.reports.summary import Summary, group_order

#: The longest bar of the income-band chart, in cells.
BAR_MAX = 40
CN_NUMBERS = "一二三四五六七八九十"


# -- document pieces ---------------------------------------------------------------------

class _Writer:
    """Lines of one document in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.lines: list[str] = []

    def t(self, key: str, **params) -> str:
        if params:
            return i18n.t(key, self.lang, **params)
        return _text(key, self.lang)

    def add(self, *lines: str) -> None:
        """Lines of the document, each through `clean`: no control character is printed."""
        self.lines.extend(map(clean, lines))

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def double(self) -> None:
        self.lines.append("=" * WIDTH)

    def single(self) -> None:
        self.lines.append("-" * WIDTH)

    def title(self, text: str) -> None:
        self.double()
        for line in wrap(text.strip(), WIDTH):
            self.lines.append(pad("", (WIDTH - width_of(line)) // 2) + line)
        self.double()

    def part(self, number: int, title: str) -> None:
        """A numbered part of the document, its title ruled to the margin: 一、收入 ====."""
        self.blank()
        text = self.t("text.part", number=number, cn=CN_NUMBERS[number - 1], title=title)
        lines = wrap(text, WIDTH - 4)
        self.add(*lines[:-1])
        self.add(lines[-1] + " " + "=" * (WIDTH - 1 - width_of(lines[-1])))

    def subpart(self, part: int, number: int, title: str) -> None:
        text = self.t("text.subpart", part=part, number=number, cn=CN_NUMBERS[number - 1],
                      title=title)
        self.blank()
        self.add(*wrap(text, WIDTH))

    def fields(self, *pairs: tuple[str, str]) -> None:
        """Labelled values on one line when they fit, else one a line; a long value
        wraps under itself."""
        cols, row = [], []
        for label, value in pairs:
            cols += [Col(gap="    "), Col(flex=True, gap="")]
            row += [self.t("text.field", label=label), value]
        if sum(map(measure, row)) + 4 * (len(pairs) - 1) <= WIDTH:
            self.add(*table(cols, [row], fill=False, header=False))
        else:
            for k in range(0, len(row), 2):
                self.add(*table(cols[:2], [row[k:k + 2]], fill=False, header=False))

    def amount(self, label: str, fen: int | str, over: bool = False,
               amount_width: int = 0, align: str = "right") -> None:
        """`label` and an amount ending at the right margin; `over` draws the short rule
        that stands above a total. A subtotal's label stands beside its figure (`align`
        right), a line of the account's reckoning at the left margin."""
        figure = fen if isinstance(fen, str) else money.yuan(fen)
        size = max(width_of(figure), amount_width, 12 if align == "left" else 0)
        if over:
            self.add(pad("-" * size, WIDTH, "right"))
        room = WIDTH - len(GAP) - size
        if width_of(label) <= room:
            self.add(pad(label, room, align) + GAP + pad(figure, size, "right"))
        else:
            cols = [Col(align=align, flex=True), Col(align="right")]
            self.add(*render(cols, [room, size], [[label, figure]], header=False))

    def words(self, label: str, text: str) -> None:
        cols = [Col(), Col(flex=True, gap="")]
        self.add(*table(cols, [[self.t("text.field", label=label), text]], header=False))

    def signatures(self, *labels: str) -> None:
        """Lines to sign on, side by side when they fit, then a line for the date."""
        texts = [self.t("text.field", label=label) for label in labels]
        gap = " " * 4
        share = (WIDTH - len(gap) * (len(labels) - 1)) // len(labels)
        if max(map(width_of, texts)) + 12 > share:
            lines = [[text + "_" * max(WIDTH // 2 - width_of(text), 12)] for text in texts]
        else:
            lines = [[text + "_" * (share - width_of(text)) for text in texts]]
        for cells_ in lines:
            self.blank()
            self.add("")
            self.add(*wrap(gap.join(cells_), WIDTH))
        self.add("")
        self.add(self.t("text.date_line", label=self.t("doc.signature_date")))

    def footer(self, printed: date, right: str = "", check_code: str = "") -> None:
        """The date printed and `right` under a rule; then the ledger's check code, if any."""
        self.blank()
        self.single()
        left = self.t("doc.printed", date=printed.isoformat())
        self.add(*table([Col(flex=True), Col(align="right", flex=True)], [[left, right]],
                        header=False))
        if check_code:
            self.add(*wrap(self.t("doc.check_code", code=check_code), WIDTH))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@lru_cache(maxsize=1024)
def _text(key: str, lang: str) -> str:
    return i18n.t(key, lang)


def _season_line(season, lang: str) -> str:
    period = i18n.t("doc.period", lang, start=season.start.isoformat(),
                    end=season.end.isoformat())
    return i18n.t("text.season_value", lang, code=season.code, name=season.name, period=period)


# -- settlement sheets -------------------------------------------------------------------

#: Which sheet columns wrap; the others (dates, figures, batch codes) keep their width.
_RIGID_TEXT = {"batch", "unit", "direction", "method", "grade"}


def _section_cols(section: Section, lang: str) -> tuple[Col, ...]:
    """A section's columns; a code column carrying a correction's note (上车茧 （已被
    记-2026-05-0003 冲销）) wraps like text, so it does not squeeze the buyer's name."""
    cols = list(_columns(section.columns, lang))
    for index, col in enumerate(cols):
        if not col.flex and any(isinstance(row[index], cells.Noted) for row in section.rows):
            cols[index] = replace(col, flex=True)
    return tuple(cols)


@lru_cache(maxsize=256)
def _columns(columns: tuple, lang: str) -> tuple[Col, ...]:
    """A section's columns in `lang`; dates, figures and codes keep their width."""
    cols = []
    for column in columns:
        header = i18n.t(f"col.{column.key}", lang)
        if column.kind in ("money", "kg", "quantity", "sheets"):
            cols.append(Col(header, "right"))
        elif column.kind == "date" or column.key in _RIGID_TEXT:
            cols.append(Col(header))
        else:
            cols.append(Col(header, flex=True))
    return tuple(cols)


def _section_rows(section: Section, lang: str) -> list[list[str]]:
    """A section's rows as printed; the last column, the amount, adds up to its subtotal
    (a payment by the household shows, and counts, as negative)."""
    return [[cells.cell(value, column.kind, column.key, lang)
             for value, column in zip(row, section.columns)] for row in section.rows]


def _write_rows(out: _Writer, section: Section, total_key: str) -> None:
    """A section's table, and its total under the amount column."""
    cols = _section_cols(section, out.lang)
    rows = _section_rows(section, out.lang)
    total = money.yuan(section.subtotal)
    cols, widths = fit(cols, rows + [[""] * (len(cols) - 1) + [total]])
    out.add(*render(cols, widths, rows))
    out.amount(out.t(total_key), total, over=True, amount_width=widths[-1])


def _write_part(out: _Writer, part: int, title: str, sections: list[Section],
                total_key: str) -> None:
    """A part of the sheet (income or costs): its sections with rows, one line naming the
    sections without, and the part's total."""
    out.part(part, title)
    number = 0
    for section in sections:
        if section.rows:
            number += 1
            out.subpart(part, number, out.t(f"section.{section.key}"))
            _write_rows(out, section, "doc.subtotal")
    empty = [out.t(f"section.{s.key}") for s in sections if not s.rows]
    if empty:
        out.blank()
        out.add(*wrap(out.t("doc.none_sections", sections=out.t("doc.list_sep").join(empty)),
                      WIDTH))
    total = sum(s.subtotal for s in sections)
    out.single()
    out.amount(out.t(total_key), total, align="left")


def _write_batches(out: _Writer, sheet: Statement, part: int) -> None:
    lang = out.lang
    out.part(part, out.t("doc.batches"))
    if not sheet.batches:
        out.add(out.t("doc.none"))
        return
    cols = [Col(out.t("col.batch")), Col(out.t("col.breed"), flex=True),
            Col(out.t("col.sheets"), "right"), Col(out.t("col.cocoon_kg"), "right"),
            Col(out.t("col.kg_per_sheet"), "right"), Col(out.t("doc.grade_mix"), flex=True)]
    rows = [[b.code, b.breed or "", money.sheets(b.sheets), money.kg(b.cocoon_grams),
             cells.kg_per_sheet(b.cocoon_grams, b.sheets), "\n".join(cells.grade_mix(b, lang))]
            for b in sheet.batches]
    if len(sheet.batches) > 1:
        sheets_ = sum(b.sheets for b in sheet.batches)
        grams = sum(b.cocoon_grams for b in sheet.batches)
        rows += [RULE, [out.t("col.total"), "", money.sheets(sheets_), money.kg(grams),
                        cells.kg_per_sheet(grams, sheets_), ""]]
    out.add(*table(cols, rows))


def sheet_text(sheet: Statement, lang: str, printed: date | None = None) -> str:
    """One household's settlement sheet."""
    out = _Writer(lang)
    household = sheet.household
    out.title(out.t("doc.statement_title", village=sheet.village, season=sheet.season.code))
    out.fields((out.t("doc.collective"), sheet.collective))
    out.fields((out.t("doc.season"), _season_line(sheet.season, lang)))
    out.fields((out.t("doc.household"), household.code), (out.t("doc.head"), household.name),
               (out.t("doc.group"), household.group))
    out.add(out.t("text.units"))
    out.single()
    out.amount(out.t("doc.balance_in"), sheet.balance_in, align="left")

    income = [s for s in sheet.sections if s.sign > 0]
    costs = [s for s in sheet.sections if s.sign < 0]
    settlement = [s for s in sheet.sections if s.sign == 0]
    _write_part(out, 1, out.t("text.income"), income, "doc.income_total")
    _write_part(out, 2, out.t("text.costs"), costs, "doc.cost_total")
    out.double()
    # The season report's figure; the tests hold the parts' totals to it.
    out.amount(out.t("text.net_income_formula", label=out.t("doc.net_income")),
               sheet.net_income, align="left")
    out.double()

    out.part(3, out.t("section.payments"))
    for section in settlement:
        if section.rows:
            _write_rows(out, section, "doc.paid")
        else:
            out.add(out.t("doc.none"))
            out.single()
            out.amount(out.t("doc.paid"), 0, align="left")

    out.part(4, out.t("text.balance"))
    out.amount(out.t("doc.balance_in"), sheet.balance_in, align="left")
    out.amount(out.t("doc.plus", label=out.t("doc.net_income")), sheet.net_income, align="left")
    out.amount(out.t("doc.less", label=out.t("doc.paid")), sheet.paid, align="left")
    if sheet.vouchers:
        out.amount(out.t("doc.plus", label=out.t("doc.vouchers")), sheet.vouchers, align="left")
    out.single()
    out.amount(out.t("doc.balance_out"), sheet.balance_out, align="left")
    out.words(out.t("doc.in_words"), cells.balance_words(sheet.balance_out, lang))

    _write_batches(out, sheet, 5)
    out.signatures(out.t("doc.signature_household"), out.t("doc.signature_accountant"))
    mark = f"{household.code} {household.name}"
    out.footer(printed or date.today(), mark if width_of(mark) <= WIDTH // 3 else household.code,
               sheet.check_code)
    return out.text()


def statements(sheets: list[Statement], lang: str, printed: date | None = None) -> str:
    """Every sheet, each starting on a new page (a form feed before all but the first)."""
    printed = printed or date.today()
    return "\f".join(sheet_text(sheet, lang, printed) for sheet in sheets)


# -- the season summary ------------------------------------------------------------------

def _household_table(out: _Writer, document: Summary) -> None:
    """One row a household, under its village group's name (a group's column would not
    leave the figures room in 80 cells); then the collective and the season's totals."""
    t = out.t
    cols = [Col(t("col.code")), Col(t("text.col_head"), flex=True),
            Col(t("col.sheets"), "right"), Col(t("col.cocoon_kg"), "right"),
            Col(t("col.kg_per_sheet"), "right"), Col(t("col.income"), "right"),
            Col(t("col.net_income"), "right"), Col(t("col.paid"), "right"),
            Col(t("col.balance"), "right")]

    def figures(party) -> list[str]:
        return [money.sheets(party.sheets), money.kg(party.cocoon_grams),
                cells.kg_per_sheet(party.cocoon_grams, party.sheets), money.yuan(party.income),
                money.yuan(party.net_income), money.yuan(party.paid), money.yuan(party.balance)]

    by_group: dict[str, list] = {}
    for party in document.households:
        by_group.setdefault(party.group, []).append(party)
    rows: list = []
    for group in sorted(by_group, key=group_order):
        label = t("text.group_households", group=group or t("text.no_group"),
                  count=len(by_group[group]))
        rows += [Span(""), Span(label)] if rows else [Span(label)]
        rows += [[p.code, p.name, *figures(p)] for p in by_group[group]]
    ends = ((t("doc.collective_row"), document.collective_figures),
            (t("col.total"), document.report.totals))
    for label, party in ends:
        rows += [RULE, Merged([label, *figures(party)])]
    cols, widths = fit(cols, rows + [["", "", *figures(party)] for _, party in ends])
    out.add(*render(cols, widths, rows))


def _group_table(out: _Writer, document: Summary) -> None:
    t = out.t
    if not document.groups:
        out.add(t("doc.none"))
        return
    cols = [Col(t("col.group"), flex=True), Col(t("col.households"), "right"),
            Col(t("col.sheets"), "right"), Col(t("col.cocoon_kg"), "right"),
            Col(t("col.kg_per_sheet"), "right")]

    def row(name: str, households: int, sheets_: int, grams: int) -> list[str]:
        return [name, str(households), money.sheets(sheets_), money.kg(grams),
                cells.kg_per_sheet(grams, sheets_)]

    rows: list = [row(g.group, g.households, g.sheets, g.cocoon_grams) for g in document.groups]
    rows += [RULE, row(t("col.total"), sum(g.households for g in document.groups),
                       sum(g.sheets for g in document.groups),
                       sum(g.cocoon_grams for g in document.groups))]
    out.add(*table(cols, rows))


def _income_statement(out: _Writer, document: Summary) -> None:
    t = out.t
    statement = document.statement
    heads = (("501", "doc.operating_income", statement.operating_income, ""),
             ("503", "doc.subsidy_income", statement.subsidy_income, "doc.plus"),
             ("511", "doc.operating_costs", statement.operating_costs, "doc.less"))
    rows: list = []
    for head, key, total, sign in heads:
        label = t(sign, label=t(key)) if sign else t(key)
        rows.append([label, "", money.yuan(total)])
        for code, amount in statement.lines:
            if code.split(".")[0] == head and code != head:
                name = chart.account_name(code, out.lang)
                rows.append([f"    {code} {name}", money.yuan(amount), ""])
    rows += [RULE, [t("doc.result"), "", money.yuan(statement.result)]]
    cols = [Col(t("col.item"), flex=True), Col("", "right"), Col(t("col.amount"), "right")]
    out.add(*table(cols, rows))


def _bands(out: _Writer, document: Summary) -> None:
    t = out.t
    labels = [cells.band_label(b.low, b.high, out.lang) for b in document.bands]
    counts = [str(b.households) for b in document.bands]
    cols = [Col(t("text.band_header")), Col(t("col.households"), "right"), Col("", flex=True)]
    cols, widths = fit(cols, [[label, count, ""] for label, count in zip(labels, counts)])
    bar_room = min(widths[2], BAR_MAX)
    most = max((b.households for b in document.bands), default=0)
    rows = []
    for label, count, band in zip(labels, counts, document.bands):
        length = money.div_half_up(band.households * bar_room, most) if most else 0
        rows.append([label, count, "#" * (max(length, 1) if band.households else 0)])
    out.add(*render(cols, widths, rows))


def _flagged(out: _Writer, document: Summary) -> None:
    """The batches that failed, to visit before the next round (the yield book's part)."""
    from ledger.reports import yields as yield_report

    out.part(5, out.t("yield.flagged_part"))
    if not document.flagged:
        out.add(out.t("doc.none"))
        return
    headers, rows = yield_report.board_flagged(document.flagged, out.lang)
    cols = [Col(headers[0]), Col(headers[1], flex=True), Col(headers[2], flex=True),
            *(Col(header, "right") for header in headers[3:])]
    out.add(*table(cols, rows))


def summary(document: Summary, lang: str, printed: date | None = None) -> str:
    """The season's summary for the notice board."""
    out = _Writer(lang)
    season = document.season
    out.title(out.t("doc.summary_title", village=document.village, season=season.code))
    out.fields((out.t("doc.collective"), document.collective))
    out.fields((out.t("doc.season"), _season_line(season, lang)))
    out.add(out.t("text.units"))
    out.part(1, out.t("doc.households"))
    _household_table(out, document)
    out.part(2, out.t("doc.yield_by_group"))
    _group_table(out, document)
    out.part(3, out.t("doc.income_statement"))
    _income_statement(out, document)
    out.part(4, out.t("doc.income_bands"))
    _bands(out, document)
    _flagged(out, document)
    out.signatures(out.t("doc.signature_accountant"), out.t("doc.signature_supervision"))
    out.footer(printed or date.today(), check_code=document.check_code)
    return out.text()


# -- the annual household statement ------------------------------------------------------

def annual(document, lang: str, printed: date | None = None) -> str:
    """A household's year: its seasons, the vouchers on its account (the dividend), its
    payments, and its balance from 1 January to 31 December."""
    from ledger.reports import annual as content

    out = _Writer(lang)
    out.title(content.title(document, lang))
    out.fields((out.t("doc.collective"), document.collective),
               (out.t("doc.year"), str(document.year)))
    out.fields((out.t("doc.household"), document.code), (out.t("doc.head"), document.name),
               (out.t("doc.group"), document.group))
    out.add(out.t("text.units"))
    out.single()
    out.amount(out.t("annual.opening", year=document.year), document.opening, align="left")
    parts = content.tables(document, lang)
    for number, part in enumerate(parts, 1):
        out.part(number, part.title)
        if not part.rows:
            out.add(out.t("annual.none"))
            continue
        cols = [Col(header, "right") if index >= part.numeric_from
                else Col(header, flex=index == part.wide)
                for index, header in enumerate(part.headers)]
        rows = [*part.rows, RULE, part.totals]
        cols, widths = fit(cols, rows)
        out.add(*render(cols, widths, rows))
    out.part(len(parts) + 1, out.t("text.balance"))
    for label, operator, fen in content.reckoning(document, lang):
        if operator == "=":
            out.single()
        out.amount(label, fen, align="left")
    out.words(out.t("doc.in_words"), cells.balance_words(document.closing, lang))
    out.signatures(out.t("doc.signature_household"), out.t("doc.signature_accountant"))
    out.footer(printed or date.today(), f"{document.code} {document.name}", document.check_code)
    return out.text()
def tabular(document, lang: str, printed: date | None = None) -> str:
    """A statement or a book (`ledger.reports.tabular.Document`) for an 80-column printer."""
    from ledger.reports import tabular as tables

    return tables.text(document, lang, printed)
