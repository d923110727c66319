"""Settlement sheets and the notice-board summary as text for 80-column printers.

Every line of every document fits in 80 display cells (Chinese counting as two), in both
languages and for names and memos far longer than any real one; the figures printed are
the season report's to the fen, and the printed subtotals add up to the printed totals;
sheets are separated by form feeds; the rules are ASCII. The layout functions are also
tried on their own, on columns that cannot possibly fit.
"""
from __future__ import annotations

import random
import re
import subprocess
import sys
from collections import Counter

import pytest
from wcwidth import wcswidth

from conftest import read_only_ledger
from helpers import build_village, rows, valid
from ledger import book, db, demo, i18n, income, models, money
from ledger.reports import cells, statement, summary, text
from ledger.reports.layout import WIDTH, Col, fit, render, wrap

LANGS = ("zh", "en")
#: A head of household's name of 40 Chinese characters (80 cells on its own).
LONG_NAME = "欧阳" + "张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏水"
LONG_MEMO = ("第一次预付款，按照合作社理事会二〇二六年四月会议决议，先行支付部分售茧款项，"
             "余款待结算后一并支付 (see minutes no. 2026-04-15/03, item 7: advance payments)")
LONG_PARTNER = "云南省昭通市彝良县某某镇蚕桑专业合作社联合社蚕茧收购第三站"


def cells_of(line: str) -> int:
    """Display cells of a printed line; a form feed at its start takes none."""
    width = wcswidth(line.lstrip("\f"))
    assert width >= 0, f"unprintable character in {line!r}"
    return width


def assert_fits(document: str) -> None:
    for number, line in enumerate(document.split("\n"), 1):
        assert cells_of(line) <= WIDTH, f"line {number} is {cells_of(line)} cells: {line!r}"


def assert_ascii_rules(document: str) -> None:
    """No box-drawing or block characters anywhere; every rule line is - or = alone."""
    assert not re.search("[\u2500-\u259f]", document)
    for line in document.split("\n"):
        if re.fullmatch(r"[-= ]{20,}", line.strip("\f")):
            assert set(line.strip("\f")) <= {"-", "=", " "}


def all_seasons() -> list[models.Season]:
    return list(models.Season.select().order_by(models.Season.start))


def make_demo() -> None:
    """The demo village of 30 households over two seasons (the second carries balances in)."""
    demo.generate(households=30, seasons=2)


#: The demo village, built once for the tests, which only read it.
_demo_built, demo_ledger = read_only_ledger("demo_ledger", make_demo)


def record_long_names() -> None:
    """The helpers' village plus a household whose head has a 40-character name, with two
    batches, a buyer with a very long name, a long memo and a payment from the household."""
    build_village()
    book.record_many([
        ("households", rows(dict(code="H004", name=LONG_NAME,
                                 group="第十二村民小组（老寨子片区）", phone="", shares="0"))),
        ("partners", rows(dict(code="E09", name=LONG_PARTNER, phone="", note=""))),
        ("batches", rows(dict(code="B4", season="2026-1", owner="H004", sheets="2.5",
                              breed="菁松×皓月（春用一代杂交种，省蚕种场）",
                              hatch="2026-04-02"),
                         dict(code="B5", season="2026-1", owner="H004", sheets="0.5",
                              hatch="2026-04-09"))),
        ("sales", rows(valid("sales", batch="B4", buyer="E09", kg="101.25", price="52.4",
                             deduction="12.5"),
                       valid("sales", batch="B4", buyer="E01", grade="下茧", kg="5",
                             price="20"),
                       valid("sales", batch="B1"),
                       valid("sales", batch="B5", grade="", kg="20.5", price="50"))),
        ("wages", rows(valid("wages", household="H004", worker=LONG_NAME, payer="H001",
                             task="小蚕共育及大蚕饲养、上蔟、采茧全过程"),
                       valid("wages"))),
        ("charges", rows(valid("charges"))),
        ("payments", rows(valid("payments", household="H004", memo=LONG_MEMO, amount="3000"),
                          valid("payments", household="H004", direction="from_household",
                                amount="100.5", method="cash", memo="退回多付"),
                          valid("payments"))),
    ])


#: The village of long names, built once for the tests, which only read it.
_long_built, long_names_ledger = read_only_ledger("long_names_ledger", record_long_names)


# -- reading a printed sheet back ------------------------------------------------------------

def figure_after(lines: list[str], label: str) -> list[str]:
    """The amounts printed at the end of the lines that start with `label`."""
    return [line.split()[-1] for line in lines if line.strip().startswith(label)]



def parts(sheet_text: str, lang: str) -> dict[int, list[str]]:
    """A sheet's lines by numbered part (0 is the heading above the first part)."""
    found: dict[int, list[str]] = {0: []}
    current = 0
    starts = {number: i18n.t("text.part", lang, number=number, cn=text.CN_NUMBERS[number - 1],
                             title="") for number in range(1, 6)}
    for line in sheet_text.split("\n"):
        for number, start in starts.items():
            if line.startswith(start.strip()) and line.endswith("="):
                current = number
                found[number] = []
                break
        else:
            found[current].append(line)
    return found


def cut(line: str, start: int, end: int) -> str:
    """The part of `line` between display cells `start` and `end`."""
    out, used = [], 0
    for ch in line:
        if used >= end:
            break
        if used >= start:
            out.append(ch)
        used += 1 if ch.isascii() else wcswidth(ch)
    return "".join(out)


def column_text(page: str, header: str, row_start: str) -> str:
    """One cell of a table read back from its column over the printed lines of its row:
    the table whose header line names `header`, the row whose first line starts with
    `row_start`. Pieces broken at a space are joined with one."""
    lines = page.split("\n")
    head = next(i for i, line in enumerate(lines)
                if re.search(rf"(^| ){re.escape(header)}( |$)", line))
    rule = lines[head + 1]
    spans = [(m.start(), m.end()) for m in re.finditer("-+", rule)]
    header_at = wcswidth(lines[head][:lines[head].index(header)])
    start, end = next(span for span in spans if span[0] <= header_at < span[1])
    row = next(i for i in range(head + 2, len(lines)) if lines[i].startswith(row_start))
    pieces = [cut(lines[row], start, end).strip()]
    for line in lines[row + 1:]:
        if (start and not line.startswith(" ")) or not cut(line, start, end).strip():
            break
        pieces.append(cut(line, start, end).strip())
    joined = pieces[0]
    for piece in pieces[1:]:
        joined += (" " if joined[-1].isascii() and piece[0].isascii() else "") + piece
    return joined


def yuan_text(value: str) -> int:
    return money.parse_fixed(value, money.MONEY_PLACES)


def check_sheet(sheet: statement.Statement, printed: str, party, lang: str) -> None:
    """The sheet's figures are the season report's, and its subtotals add up."""
    def t(key, **p):
        return i18n.t(key, lang, **p)

    by_part = parts(printed, lang)
    assert figure_after(by_part[0], t("doc.balance_in")) == [money.yuan(sheet.balance_in)]
    income_subtotals = [yuan_text(v) for v in figure_after(by_part[1], t("doc.subtotal"))]
    cost_subtotals = [yuan_text(v) for v in figure_after(by_part[2], t("doc.subtotal"))]
    [earned] = figure_after(by_part[1], t("doc.income_total"))
    [spent] = figure_after(by_part[2], t("doc.cost_total"))
    assert yuan_text(earned) == sum(income_subtotals) == party.income
    assert yuan_text(spent) == sum(cost_subtotals) == party.cost
    [net] = figure_after(by_part[2], t("doc.net_income"))
    assert yuan_text(net) == yuan_text(earned) - yuan_text(spent)
    assert net == money.yuan(party.net_income)
    assert figure_after(by_part[3], t("doc.paid")) == [money.yuan(party.paid)]
    balance_in = party.balance - party.net_income + party.paid
    assert figure_after(by_part[4], t("doc.balance_in")) == [money.yuan(balance_in)]
    assert figure_after(by_part[4], t("doc.plus", label=t("doc.net_income"))) == [net]
    assert figure_after(by_part[4], t("doc.less", label=t("doc.paid"))) == [
        money.yuan(party.paid)]
    assert figure_after(by_part[4], t("doc.balance_out")) == [money.yuan(party.balance)]
    words = cells.balance_words(party.balance, lang)
    assert words in "".join(line.strip() for line in by_part[4])


# -- the settlement sheets ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_sheets_show_the_season_reports_figures_to_the_fen(demo_ledger, lang):
    checked = Counter()
    for season in all_seasons():
        report = {p.code: p for p in income.season_income(season).parties}
        sheets = statement.statements(season)
        for sheet in sheets:
            printed = text.statements([sheet], lang)
            check_sheet(sheet, printed, report[sheet.household.code], lang)
            checked["balance in"] += bool(sheet.balance_in)
            checked["owed by"] += sheet.balance_out < 0
            checked["paid by"] += any(r[1] == "from_household" for r in sheet.sections[-1].rows)
        checked["sheets"] += len(sheets)
    assert checked["sheets"] == 60 and checked["balance in"] > 0


def test_a_payment_from_the_household_counts_against_the_settlement(long_names_ledger):
    season = income.find_season("2026-1")
    sheet = statement.statement("H004", season)
    printed = text.statements([sheet], "zh")
    assert "-100.50" in printed
    assert figure_after(printed.split("\n"), "本季结算（净额）") == ["2899.50"]
    report = {p.code: p for p in income.season_income(season).parties}
    check_sheet(sheet, printed, report["H004"], "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_every_line_fits_80_cells(demo_ledger, lang):
    for season in all_seasons():
        sheets = statement.statements(season, active_only=True)
        printed = text.statements(sheets, lang)
        assert_fits(printed)
        assert_ascii_rules(printed)
        document = text.summary(summary.summary(season), lang)
        assert_fits(document)
        assert_ascii_rules(document)


@pytest.mark.parametrize("lang", LANGS)
def test_long_names_and_memos_wrap_inside_their_columns(long_names_ledger, lang):
    season = income.find_season("2026-1")
    sheets = statement.statements(season, active_only=True)
    printed = text.statements(sheets, lang)
    assert_fits(printed)
    assert_ascii_rules(printed)
    [sheet_text] = [page for page in printed.split("\f") if "H004" in page.split("\n")[5]
                    or "H004" in page.split("\n")[4]]
    assert LONG_NAME in re.sub(r"\s+", "", sheet_text)  # in the heading, wrapped
    # The memo and the worker's name wrap inside their columns: read them back.
    assert column_text(sheet_text, i18n.t("col.memo", lang), "2026-05-10") == LONG_MEMO
    assert column_text(sheet_text, i18n.t("col.worker", lang), LONG_NAME[:2]) == LONG_NAME
    # The amount column stays where it is: every amount line of the tables ends at 80.
    for line in sheet_text.split("\n"):
        if re.search(r"\d\.\d\d$", line):
            assert cells_of(line) == WIDTH, line
    report = {p.code: p for p in income.season_income(season).parties}
    for sheet in sheets:
        check_sheet(sheet, text.statements([sheet], lang), report[sheet.household.code], lang)
    document = text.summary(summary.summary(season), lang)
    assert_fits(document)
    lines = document.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("H004 "))
    pieces = [lines[start].split()[1]]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        pieces.append(line.strip())
    assert "".join(pieces) == LONG_NAME  # wrapped in its column, figures on the first line
    assert lines[start].split()[-1] == money.yuan(report["H004"].balance)


def test_sheets_are_separated_by_form_feeds(demo_ledger):
    season = all_seasons()[-1]
    sheets = statement.statements(season, active_only=True)
    printed = text.statements(sheets, "zh")
    assert printed.count("\f") == len(sheets) - 1 > 10
    pages = printed.split("\f")
    title = i18n.t("doc.statement_title", "zh", village=sheets[0].village, season=season.code)
    for page, sheet in zip(pages, sheets):
        assert page.startswith("=" * WIDTH + "\n")
        assert title in page.split("\n")[1]
        assert f"{sheet.household.code}" in page
        assert page.endswith("\n")
    assert text.statements([], "zh") == ""


def test_a_sheet_says_every_section_was_considered(demo_ledger):
    season = all_seasons()[-1]
    for sheet in statement.statements(season)[:10]:
        printed = text.statements([sheet], "zh")
        for section in sheet.sections:
            assert i18n.t(f"section.{section.key}", "zh") in printed


def test_sheet_heading_batches_and_signatures(demo_ledger):
    season = all_seasons()[-1]
    sheet = next(s for s in statement.statements(season) if s.batches)
    batch = sheet.batches[0]
    printed = text.statements([sheet], "zh")
    for expected in (sheet.collective, season.name, season.start.isoformat(),
                     season.end.isoformat(), sheet.household.code, sheet.household.name,
                     sheet.household.group, "农户签字", "会计签字", "日期：",
                     money.sheets(batch.sheets), money.kg(batch.cocoon_grams),
                     cells.kg_per_sheet(batch.cocoon_grams, batch.sheets)):
        assert expected in printed, expected
    for grade, grams in batch.grades.items():
        assert f"{grade} {money.kg(grams)} 公斤" in printed


def test_an_owed_balance_is_said_to_be_owed_by_the_household(memory_ledger):
    build_village()
    book.record_many([("charges", rows(valid("charges", household="H003", amount="1005.07")))])
    sheet = statement.statement("H003", income.find_season("2026-1"))
    printed = text.statements([sheet], "zh")
    assert figure_after(printed.split("\n"), "期末余额") == ["-1005.07"]
    assert "人民币壹仟零伍元零柒分（农户应交村集体）" in printed
    assert "owed by the household" in text.statements([sheet], "en")


# -- the season summary --------------------------------------------------------------------------

def row_figures(line: str) -> list[str]:
    return line.split()


@pytest.mark.parametrize("lang", LANGS)
def test_summary_shows_the_season_reports_figures(demo_ledger, lang):
    def t(key):
        return i18n.t(key, lang)

    for season in all_seasons():
        document = summary.summary(season)
        printed = text.summary(document, lang)
        lines = printed.split("\n")
        report = income.season_income(season)
        households = {p.code: p for p in report.parties if p.kind == "household"}
        seen = set()
        for line in lines:
            match = re.match(r"(H\d+) ", line)
            if match and match[1] in households:
                party = households[match[1]]
                tokens = line.split()
                assert tokens[-4:] == [money.yuan(party.income), money.yuan(party.net_income),
                                       money.yuan(party.paid), money.yuan(party.balance)]
                assert tokens[2:4] == [money.sheets(party.sheets), money.kg(party.cocoon_grams)]
                seen.add(party.code)
        assert seen == set(households)
        totals = report.totals
        [total_line] = [line for line in lines if line.startswith(t("col.total") + " ")][:1]
        assert total_line.split()[1:] == [
            money.sheets(totals.sheets), money.kg(totals.cocoon_grams),
            cells.kg_per_sheet(totals.cocoon_grams, totals.sheets), money.yuan(totals.income),
            money.yuan(totals.net_income), money.yuan(totals.paid), money.yuan(totals.balance)]
        statement_ = document.statement
        assert figure_after(lines, t("doc.result")) == [money.yuan(statement_.result)]
        assert figure_after(lines, t("doc.operating_income")) == [
            money.yuan(statement_.operating_income)]
        assert figure_after(lines, i18n.t("doc.less", lang, label=t("doc.operating_costs"))) == [
            money.yuan(statement_.operating_costs)]
        for group in document.groups:
            [line] = [line for line in lines if line.startswith(group.group + " ")
                      and line.split()[-1] == cells.kg_per_sheet(group.cocoon_grams, group.sheets)]
            assert line.split()[1:4] == [str(group.households), money.sheets(group.sheets),
                                         money.kg(group.cocoon_grams)]


def test_summary_income_bands_have_bars_to_scale(demo_ledger):
    season = all_seasons()[-1]
    document = summary.summary(season)
    lines = text.summary(document, "zh").split("\n")
    bars = {}
    for band in document.bands:
        label = cells.band_label(band.low, band.high, "zh")
        [line] = [line for line in lines if line.startswith(label + " ")]
        tokens = line.split()
        assert tokens[len(label.split())] == str(band.households)
        bars[band.households] = len(tokens[-1]) if band.households else 0
        if band.households:
            assert set(tokens[-1]) == {"#"}
    most = max(bars)
    assert 0 < bars[most] <= text.BAR_MAX
    assert all(length <= bars[most] for length in bars.values())
    assert bars.get(0, 0) == 0


# -- the layout on its own ---------------------------------------------------------------------

def test_wrap_breaks_between_chinese_characters_and_at_spaces():
    assert wrap("张" * 40, 10) == ["张" * 5] * 8
    assert wrap("Deduction amount", 9) == ["Deduction", "amount"]
    assert wrap("蚕茧(公斤)", 8) == ["蚕茧", "(公斤)"]
    assert wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]
    assert wrap("上车茧 115.480 公斤（94.0%）", 16) == ["上车茧 115.480", "公斤（94.0%）"]
    assert wrap("一\n二", 10) == ["一", "二"]
    assert wrap("a\tb\x07c", 10) == ["a b c"]
    assert wrap("    501.01 经营收入", 12) == ["    501.01", "    经营收入"]  # hanging indent


def test_a_cell_wider_than_its_column_pushes_the_rest_of_its_line_on():
    """A Chinese character is two cells: in a column of one it is wider than its column,
    and what follows on its line comes after it and the gap, never run into it."""
    assert render([Col(), Col()], [1, 3], [["中", "ab"]], header=False) == ["中 ab"]
    assert render([Col(), Col(align="right"), Col()], [1, 3, 2], [["中", "7", "x"]],
                  header=False) == ["中   7 x"]


def test_columns_never_exceed_the_width_whatever_they_hold():
    """Random tables of Chinese, English and figures, some impossibly wide: every printed
    line fits, and every character of every cell is printed."""
    rng = random.Random(4)
    alphabet = ["张", "王", "蚕", "（", "）", "a", "bc", "Deduction", " ", "0.00", "-", "×"]
    for _ in range(200):
        width = rng.choice((80, 80, 40, 30))
        count = rng.randint(1, (width + 1) // 3)  # room for two cells a column at least
        cols = [Col(header="".join(rng.choices(alphabet, k=rng.randint(0, 6))),
                    align=rng.choice(("left", "right")), flex=rng.random() < 0.5)
                for _ in range(count)]
        body = [["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(count)]
                for _ in range(rng.randint(1, 4))]
        cols, widths = fit(cols, body, width, fill=rng.random() < 0.5)
        starts = [sum(widths[:k]) + sum(len(c.gap) for c in cols[1:k + 1]) for k in range(count)]
        for row in body:
            lines = render(cols, widths, [row], header=False)
            assert all(cells_of(line) <= width for line in lines), (widths, lines)
            for cell, start, size in zip(row, starts, widths):
                read_back = "".join(cut(line, start, start + size) for line in lines)
                assert re.sub(r"\s+", "", read_back) == re.sub(r"\s+", "", cell)


def test_a_thousand_sheets_print_one_to_a_page(demo_ledger):
    """How fast is measured by `python -m bench`, not here."""
    season = all_seasons()[-1]
    sheets = statement.statements(season)
    many = (sheets * (1000 // len(sheets) + 1))[:1000]
    printed = text.statements(many, "zh")
    assert printed.count("\f") == 999


# -- the real command -----------------------------------------------------------------------

def test_the_commands_print_text(ledger_path, tmp_path):
    database = db.open_ledger(ledger_path)
    demo.generate(households=12, seasons=1)
    season = models.Season.select().get().code
    database.close()
    models.database.initialize(None)

    def silk(*args):
        result = subprocess.run([sys.executable, "-m", "ledger", "--db", str(ledger_path),
                                 *args], capture_output=True, encoding="utf-8", timeout=120,
                                stdin=subprocess.DEVNULL, env={"PYTHONIOENCODING": "utf-8",
                                                               "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stderr
        return result.stdout

    out = tmp_path / "all.txt"
    silk("statements", season, "-o", str(out))
    printed = out.read_text(encoding="utf-8")
    assert printed.count("\f") >= 1 and "结算单" in printed
    assert_fits(printed)
    one = silk("statement", "H001", season)
    assert "H001" in one and "\f" not in one and "大写" in one
    assert_fits(one)
    english = silk("--lang", "en", "report", "summary", season)
    assert "Yield by village group" in english
    assert_fits(english)
