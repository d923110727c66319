"""Settlement sheets and the notice-board summary as plain text for 80-column printers.

Every line fits in `WIDTH` display cells, a Chinese character counting as two (wcwidth);
rules are ASCII (`-`, `=`, `_` for signatures); a long name or memo wraps inside its own
column, so the columns never move. Each household's sheet starts on a new page: sheets are
separated by a form feed. Figures are written by `ledger.reports.cells` from exact values,
so the text, HTML and PDF forms show the same numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from wcwidth import wcswidth, wcwidth

from ledger import chart, i18n, money
from ledger.reports import cells
from ledger.reports.statement import Section, Statement
from ledger.reports.summary import Summary, group_order

WIDTH = 80
GAP = " "
WIDE_GAP = "  "
#: A wrapping column is not squeezed below this many cells (four Chinese characters) while
#: other columns still have room to give.
FLEX_MIN = 8
#: The longest bar of the income-band chart, in cells.
BAR_MAX = 40
CN_NUMBERS = "一二三四五六七八九十"


# -- display width and wrapping ----------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: The pieces a line may break between: runs of spaces; a newline; a short bracketed group
#: such as (公斤) or （净额）, kept whole; one wide character; a run of narrow characters (a
#: word or a number). Opening brackets stick to what follows them and closing punctuation
#: to what precedes it, so neither begins or ends a line alone.
_TOKEN = re.compile(r"[^\S\n]+|\n|[（(][^\s（()）]{1,6}[）)][，。、；：？！）》」』,.;:?!)%]*"
                    r"|[（《「『(]*(?:[\u2e80-\U0010ffff]|[^\s\u2e80-\U0010ffff]+)"
                    r"[，。、；：？！）》」』,.;:?!)%]*")


def width_of(text: str) -> int:
    """Display cells of `text` on a printer: East Asian wide characters count as two."""
    return len(text) if text.isascii() else _wide_width(text)


@lru_cache(maxsize=65536)
def _wide_width(text: str) -> int:
    cells_ = wcswidth(text)
    return cells_ if cells_ >= 0 else sum(max(wcwidth(ch), 0) for ch in text)


def clean(text: str) -> str:
    """Text as a printer can take it: tabs and control characters become spaces."""
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _prepared(text: str) -> tuple[str, int, bool]:
    """`text` cleaned, the width of its widest line, and whether it has several lines."""
    if text.isascii() and text.isprintable():
        return text, len(text), False
    return _prepared_wide(text)


@lru_cache(maxsize=65536)
def _prepared_wide(text: str) -> tuple[str, int, bool]:
    text = clean(text)
    return text, max(width_of(line) for line in text.split("\n")), "\n" in text


def _measure(text: str) -> int:
    """The width of the widest line of `text`."""
    return _prepared(text)[1]


@lru_cache(maxsize=65536)
def _longest_word(text: str) -> int:
    """The widest unbreakable piece of `text`: the least width that wraps it whole."""
    return max((width_of(token) for token in _TOKEN.findall(clean(text))), default=0)


def _split(token: str, width: int) -> tuple[str, str]:
    """The head of `token` that fits in `width` cells (at least one character), and the rest."""
    used = 0
    for index, ch in enumerate(token):
        used += width_of(ch)
        if used > width:
            index = max(index, 1)
            return token[:index], token[index:]
    return token, ""


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: broken at spaces or between Chinese
    characters, a word longer than the line cut; newlines kept; leading spaces kept as a
    hanging indent."""
    text, size, several = _prepared(text)
    if size <= width and not several:
        return [text]
    stripped = text.lstrip(" ")
    indent = min(len(text) - len(stripped), max(width - 2, 0))
    lines: list[str] = []
    line, used, space = " " * indent, indent, False
    for token in _TOKEN.findall(stripped):
        if token == "\n":
            lines.append(line.rstrip())
            line, used, space = " " * indent, indent, False
            continue
        if token.isspace():
            space = used > indent
            continue
        size = width_of(token)
        if used + space + size <= width:
            line += " " * space + token
            used += space + size
        else:
            if used > indent:
                lines.append(line)
            room = width - indent
            while size > room:
                head, token = _split(token, room)
                lines.append(" " * indent + head)
                size = width_of(token)
            line, used = " " * indent + token, indent + size
        space = False
    if used > indent or not lines:
        lines.append(line.rstrip())
    return lines


def pad(text: str, width: int, align: str = "left") -> str:
    gap = " " * max(width - width_of(text), 0)
    return gap + text if align == "right" else text + gap


# -- column layout -----------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """A column of a printed table: its header, its alignment, and whether its cells may
    wrap to make room (text does; figures, dates and codes keep their width)."""

    header: str = ""
    align: str = "left"
    flex: bool = False
    gap: str = GAP  # printed before the column, unless it is the first


RULE = None  # a row that is a rule under every column


@dataclass(frozen=True)
class Span:
    """A row that is one line of text across the whole table, such as a group's name."""

    text: str


@dataclass(frozen=True)
class Merged:
    """A row whose first cell spans the first `span` columns, such as a total's label."""

    cells: list
    span: int = 2


@lru_cache(maxsize=1024)
def _widened(col: Col) -> Col:
    return replace(col, gap=WIDE_GAP)


def _cells(rows: list) -> list:
    """The rows that size the columns: rules, spans and merged rows do not."""
    return [row for row in rows if isinstance(row, list)]


def fit(cols: list[Col], rows: list, width: int = WIDTH,
        fill: bool = True) -> tuple[list[Col], list[int]]:
    """The columns and their widths within `width` cells, gaps included.

    Each column wants its widest cell or header. When all fit with room to spare, the gaps
    widen to two spaces. When they do not fit, wrapping columns give up room first (widest
    first, not below FLEX_MIN or their longest word), then headers wrap over their
    figures, then wrapping columns go down to four cells, and only then does anything
    else wrap. With `fill`, room left over goes to the widest wrapping column, so tables
    end at the right margin and their amounts line up down the page.
    """
    body = _cells(rows)
    columns = list(zip(*body)) if body else [()] * len(cols)
    want = [max(_measure(col.header), max(map(_measure, texts), default=0))
            for col, texts in zip(cols, columns)]
    room = width - sum(len(col.gap) for col in cols[1:])
    if (all(col.gap == GAP for col in cols[1:])
            and sum(want) + len(WIDE_GAP) * (len(cols) - 1) <= width):
        cols = [_widened(col) for col in cols]
        room = width - len(WIDE_GAP) * (len(cols) - 1)
    widths = want[:]
    excess = sum(widths) - room
    flexible = [i for i, col in enumerate(cols) if col.flex]
    if excess > 0:
        least = [_least(col, texts) for col, texts in zip(cols, columns)]
        rigid = [i for i, col in enumerate(cols) if not col.flex]
        stages = ((flexible, least), (rigid, least), (flexible, [4] * len(cols)),
                  (range(len(cols)), [2] * len(cols)))
        for stage, floor in stages:
            while excess > 0:
                shrinkable = [i for i in stage if widths[i] > floor[i]]
                if not shrinkable:
                    break
                widest = max(shrinkable, key=lambda i: widths[i])
                level = max([floor[widest]] + [widths[i] for i in shrinkable if i != widest])
                step = max(1, min(excess, widths[widest] - level))
                widths[widest] -= step
                excess -= step
    if fill and excess < 0:
        target = max(flexible, key=lambda i: want[i]) if flexible else 0
        widths[target] -= excess
    return cols, widths


def _least(col: Col, texts) -> int:
    """The narrowest a column goes before the last resort: a wrapping column keeps its
    longest word (up to 12 cells) and FLEX_MIN; figures keep their width, though their
    header may wrap."""
    content = max(map(_measure, texts), default=0)
    header = _longest_word(col.header)
    if col.flex:
        full = max(content, _measure(col.header))
        words = max(map(_longest_word, texts), default=0)
        return min(full, max(FLEX_MIN, header, min(words, 12)))
    return max(content, header)


def _physical(texts: list[str], cols: list[Col], widths: list[int],
              bottom: bool = False) -> list[str]:
    """One row as printed lines: each cell wrapped in its column, as many lines as the
    tallest cell; `bottom` aligns short cells to the last line (for headers)."""
    prepared = [_prepared(text) for text in texts]
    if all(size <= w and not several for (_, size, several), w in zip(prepared, widths)):
        parts = []
        for index, ((text, size, _), col, w) in enumerate(zip(prepared, cols, widths)):
            if index:
                parts.append(col.gap)
            space = " " * (w - size)
            parts.append(space + text if col.align == "right" else text + space)
        return ["".join(parts).rstrip()]
    wrapped = [wrap(text, w) for text, w in zip(texts, widths)]
    height = max(map(len, wrapped))
    if bottom:
        wrapped = [[""] * (height - len(lines)) + lines for lines in wrapped]
    return [_join([lines[k] if k < len(lines) else "" for lines in wrapped], cols, widths)
            for k in range(height)]


def _join(texts: list[str], cols: list[Col], widths: list[int]) -> str:
    """One printed line of a row, its cells padded to their columns."""
    parts = []
    for index, (text, col, w) in enumerate(zip(texts, cols, widths)):
        if index:
            parts.append(col.gap)
        parts.append(pad(text, w, col.align))
    return "".join(parts).rstrip()


def rule(cols: list[Col], widths: list[int], char: str = "-") -> str:
    """A rule under each column, the gaps left blank."""
    return "".join((" " * len(col.gap) if index else "") + char * w
                   for index, (col, w) in enumerate(zip(cols, widths)))


def render(cols: list[Col], widths: list[int], rows: list, header: bool = True) -> list[str]:
    """A table laid out in `widths`: headers over a rule, then the rows."""
    out = []
    if header:
        out.extend(_physical([col.header for col in cols], cols, widths, bottom=True))
        out.append(rule(cols, widths))
    for row in rows:
        if row is RULE:
            out.append(rule(cols, widths))
        elif isinstance(row, Span):
            out.extend(wrap(row.text, sum(widths) + sum(len(col.gap) for col in cols[1:])))
        elif isinstance(row, Merged):
            k = row.span
            merged = Col(align=cols[0].align, flex=True)
            width = sum(widths[:k]) + sum(len(col.gap) for col in cols[1:k])
            out.extend(_physical(row.cells, [merged, *cols[k:]], [width, *widths[k:]]))
        else:
            out.extend(_physical(row, cols, widths))
    return out


def table(cols: list[Col], rows: list, width: int = WIDTH, fill: bool = True,
          header: bool = True) -> list[str]:
    """`rows` under `cols`, laid out to fit `width` (see `fit`)."""
    cols, widths = fit(cols, rows, width, fill)
    return render(cols, widths, rows, header)


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
        self.lines.extend(lines)

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
        if sum(map(_measure, row)) + 4 * (len(pairs) - 1) <= WIDTH:
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

    def footer(self, printed: date, right: str = "") -> None:
        self.blank()
        self.single()
        left = self.t("doc.printed", date=printed.isoformat())
        self.add(*table([Col(flex=True), Col(align="right", flex=True)], [[left, right]],
                        header=False))

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
    return _columns(section.columns, lang)


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


def _grade_mix(batch, lang: str) -> str:
    lines = []
    for grade, grams in batch.grades.items():
        share = money.fixed_str(money.ratio(grams * 100, batch.cocoon_grams, 1), 1)
        lines.append(i18n.t("doc.grade_share", lang, grade=grade or i18n.t("doc.ungraded", lang),
                            kg=money.kg(grams), share=share))
    return "\n".join(lines)


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
             cells.kg_per_sheet(b.cocoon_grams, b.sheets), _grade_mix(b, lang)]
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
    out.single()
    out.amount(out.t("doc.balance_out"), sheet.balance_out, align="left")
    out.words(out.t("doc.in_words"), cells.balance_words(sheet.balance_out, lang))

    _write_batches(out, sheet, 5)
    out.signatures(out.t("doc.signature_household"), out.t("doc.signature_accountant"))
    mark = f"{household.code} {household.name}"
    out.footer(printed or date.today(), mark if width_of(mark) <= WIDTH // 3 else household.code)
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
    out.signatures(out.t("doc.signature_accountant"), out.t("doc.signature_supervision"))
    out.footer(printed or date.today())
    return out.text()
