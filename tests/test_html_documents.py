"""The HTML settlement sheets and notice board: well-formed, self-contained, printable on
A4, escaped, and with the season report's figures to the fen."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from conftest import read_only_ledger
from ledger import book, demo, income, models
from ledger.reports import charts, html, season as season_report, statement, summary
from ledger.reports.cells import balance_words, band_label, kg_per_sheet

NASTY = "<b>&\"'"


def build_village():
    """The demo village, two seasons, plus two households whose names and records test
    escaping and the signs of settlement payments: its first season."""
    demo.generate(households=30, seasons=2)
    season = models.Season.select().order_by(models.Season.start).first()
    book.record("households", {"code": "H900", "name": NASTY, "group": "<组>&"})
    book.record("households", {"code": "H901", "name": "欠款户", "group": "一组"})
    day = season.start.isoformat()
    book.record("payments", {"date": day, "season": season.code, "household": "H900",
                             "direction": "from_household", "amount": "123.45",
                             "method": "cash", "memo": "<memo> & 'x'"})
    book.record("payments", {"date": day, "season": season.code, "household": "H900",
                             "direction": "to_household", "amount": "20.00",
                             "method": "bank", "memo": ""})
    book.record("payments", {"date": day, "season": season.code, "household": "H901",
                             "direction": "to_household", "amount": "1005.07",
                             "method": "cash", "memo": ""})
    return season


#: The village, built once for the tests, which only read it.
_built, village = read_only_ledger("village", build_village)


def parse(document: str) -> ET.Element:
    """The document read as XML: fails unless it is well-formed."""
    return ET.fromstring(document)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def find_all(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    return [e for e in root.iter(tag) if css is None or css in classes(e)]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def sheets_html(season, lang="zh") -> tuple[list[statement.Statement], str]:
    sheets = statement.statements(season, active_only=True)
    return sheets, html.statements(sheets, lang)


# -- well-formed and self-contained ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_documents_are_well_formed_and_self_contained(village, lang):
    _, sheets = sheets_html(village, lang)
    board = html.summary(summary.summary(village), lang)
    for document in (sheets, board):
        root = parse(document)
        assert document.startswith("<!DOCTYPE html>")
        assert root.tag == "html" and root.get("lang") == ("en" if lang == "en" else "zh-CN")
        lowered = document.lower()
        assert "<script" not in lowered and not re.search(r"<[^>]*\son[a-z]+\s*=", lowered)
        assert "<link" not in lowered and "@import" not in lowered and "url(" not in lowered
        assert "@font-face" not in lowered and "<img" not in lowered
        assert not re.search(r"https?:|//", document)
        assert not find_all(root, "script") and not find_all(root, "iframe")


def test_print_css_is_for_a4_with_repeated_headers_and_chinese_fonts(village):
    _, document = sheets_html(village)
    style = text_of(parse(document).find("head/style"))
    assert re.search(r"@page\s*{\s*size:\s*A4", style)
    assert re.search(r"thead\s*{\s*display:\s*table-header-group", style)
    assert "break-after: page" in style and "page-break-after: always" in style
    for family in ('"Noto Serif CJK SC"', '"SimSun"', '"Songti SC"', '"WenQuanYi Zen Hei"'):
        assert family in style
    assert "tabular-nums" in style


def test_every_record_table_has_a_header_that_repeats(village):
    sheets, document = sheets_html(village)
    root = parse(document)
    for table in find_all(root, "table", "records"):
        assert table.find("thead/tr/th") is not None


# -- one sheet a household, a page each -----------------------------------------------------

def test_one_sheet_per_household_with_page_breaks_between(village):
    sheets, document = sheets_html(village)
    root = parse(document)
    found = find_all(root, "section", "sheet")
    assert [s.get("data-household") for s in found] == [s.household.code for s in sheets]
    assert len(found) == len(sheets) > 20
    breaks = [s for s in found if "page-break" in classes(s)]
    assert len(breaks) == len(found) - 1 and "page-break" not in classes(found[-1])


def test_no_households_still_gives_a_document(memory_ledger):
    root = parse(html.statements([], "zh"))
    assert not find_all(root, "section", "sheet")


# -- the figures are the season report's ----------------------------------------------------

def money_of(row: ET.Element) -> Decimal:
    return Decimal(text_of(row.find("td[@class='num']")))


def test_sheet_figures_equal_the_season_report(village):
    report = {p["code"]: p for p in season_report.as_json(income.season_income(village))["parties"]}
    sheets, document = sheets_html(village)
    by_code = {s.household.code: s for s in sheets}
    for element in find_all(parse(document), "section", "sheet"):
        code = element.get("data-household")
        expected = report[code]
        settlement = element.find(".//table[@class='settlement']/tbody")
        rows = {tr.get("class"): tr for tr in settlement}
        assert money_of(rows["net-income"]) == Decimal(expected["net_income"])
        assert money_of(rows["paid"]) == Decimal(expected["paid"])
        assert money_of(rows["balance-out"]) == Decimal(expected["balance"])
        assert (money_of(rows["balance-in"]) + Decimal(expected["net_income"])
                - Decimal(expected["paid"]) == Decimal(expected["balance"]))
        words = text_of(rows["in-words"].find("td[@class='words']"))
        assert words == balance_words(by_code[code].balance_out, "zh")

        # Each section's rows add to its subtotal; incomes less costs are the net income.
        net, settled = Decimal(0), Decimal(0)
        sign = {key: s for key, _, s in statement.LAYOUT}
        for table in element.iter("table"):
            key = table.get("data-section")
            if key is None:
                continue
            amounts = [Decimal(text_of(tr.findall("td")[-1])) for tr in table.find("tbody")]
            subtotal = Decimal(text_of(table.find("tfoot/tr/td")))
            assert sum(amounts) == subtotal, (code, key)
            if sign[key]:
                net += sign[key] * subtotal
            else:
                settled += subtotal
        assert net == Decimal(expected["net_income"]), code
        assert settled == Decimal(expected["paid"]), code


def test_payments_paid_in_count_against_the_settlement(village):
    sheet = statement.statement("H900", village)
    root = parse(html.statements([sheet], "zh"))
    payments = root.find(".//table[@data-section='payments']")
    amounts = sorted(text_of(tr.findall("td")[-1]) for tr in payments.find("tbody"))
    assert amounts == ["-123.45", "20.00"]
    assert text_of(payments.find("tfoot/tr/td")) == "-103.45"
    assert sheet.paid == -10345


def test_a_balance_owed_by_the_household_says_so_in_words(village):
    sheet = statement.statement("H901", village)
    assert sheet.balance_out == -100507
    for lang, side in (("zh", "农户应交村集体"), ("en", "owed by the household")):
        root = parse(html.statements([sheet], lang))
        words = text_of(root.find(".//tr[@class='in-words']"))
        assert "人民币壹仟零伍元零柒分" in words and side in words
        assert "-1005.07" in text_of(root.find(".//tr[@class='balance-out']"))


def test_batch_figures_and_signature_lines(village):
    sheets, document = sheets_html(village)
    root = parse(document)
    for sheet, element in zip(sheets, find_all(root, "section", "sheet")):
        labels = [text_of(e) for e in element.iter("span") if "label" in classes(e)]
        assert labels == ["农户签字", "会计签字", "日期"]
        batches = element.find(".//table[@class='records batches']")
        if not sheet.batches:
            assert batches is None
            continue
        for batch, tr in zip(sheet.batches, batches.find("tbody")):
            cells = [text_of(td) for td in tr.findall("td")]
            assert cells[0] == batch.code
            assert cells[7] == kg_per_sheet(batch.cocoon_grams, batch.sheets)
            if batch.cocoon_grams:
                shares = [Decimal(s.split("（")[1].rstrip("%）"))
                          for s in (text_of(span) for span in tr.find("td[@class='text grades']"))]
                assert abs(sum(shares) - 100) <= Decimal("0.1") * len(shares)


def test_summary_figures_equal_the_season_report(village):
    document = summary.summary(village)
    root = parse(html.summary(document, "zh"))
    parties = season_report.as_json(document.report)
    table = root.find(".//table[@class='records households']")
    rows = list(table.find("tbody"))
    assert len(rows) == len(parties["parties"])
    for tr, party in zip(rows, parties["parties"]):
        cells = [text_of(td) for td in tr.findall("td")]
        if party["code"] != "COLLECTIVE":
            assert cells[:2] == [party["code"], party["name"]]
        assert [cells[3], cells[4], cells[7], cells[8], cells[9]] == [
            party["sheets"], party["cocoon_kg"], party["net_income"], party["paid"],
            party["balance"]]
    total = [text_of(td) for td in table.find("tfoot/tr").findall("td")]
    assert total[7] == parties["totals"]["net_income"]
    assert total[4] == parties["totals"]["cocoon_kg"]

    # The collective's income statement adds up, and agrees with its net income.
    statement_table = root.find(".//table[@class='records income-statement']")
    lines = {tr.get("data-account"): Decimal(text_of(tr.findall("td")[-1]))
             for tr in statement_table.find("tbody")}
    assert lines["501"] + lines["503"] - lines["511"] == lines["result"]
    assert lines["501"] == sum(v for k, v in lines.items() if k.startswith("501."))
    collective = next(p for p in parties["parties"] if p["code"] == "COLLECTIVE")
    assert lines["result"] == Decimal(collective["net_income"])


# -- escaping -------------------------------------------------------------------------------

def test_names_are_escaped(village):
    sheet = statement.statement("H900", village)
    document = html.statements([sheet], "zh")
    assert "<b>" not in document and "<memo>" not in document
    root = parse(document)
    assert text_of(root.find(".//td[@class='household-name']")) == NASTY
    assert "<memo> & 'x'" in text_of(root.find(".//table[@data-section='payments']"))

    board = html.summary(summary.summary(village), "zh")
    assert "<b>" not in board and "<组>" not in board
    root = parse(board)
    row = root.find(".//tr[@data-code='H900']")
    assert [text_of(td) for td in row.findall("td")][1:3] == [NASTY, "<组>&"]


# -- charts ---------------------------------------------------------------------------------

def test_summary_has_two_bar_charts_with_values_on_the_bars(village):
    document = summary.summary(village)
    root = parse(html.summary(document, "zh"))
    svgs = list(root.iter("svg"))
    assert len(svgs) == 2
    yield_svg, band_svg = svgs
    assert len(find_all(yield_svg, "rect", "bar")) == len(document.groups)
    values = [text_of(t) for t in find_all(yield_svg, "text", "value")]
    assert values == [kg_per_sheet(g.cocoon_grams, g.sheets) for g in document.groups]
    labels = [text_of(t) for t in find_all(yield_svg, "text", "label")]
    assert labels == [g.group for g in document.groups]
    assert text_of(find_all(yield_svg, "text", "axis-label")[0]) == "公斤/张"
    labels = [text_of(t) for t in find_all(band_svg, "text", "label")]
    assert labels == [band_label(b.low, b.high, "zh") for b in document.bands]
    values = [text_of(t) for t in find_all(band_svg, "text", "value")]
    assert values == [f"{b.households}户" for b in document.bands]
    assert sum(b.households for b in document.bands) == len(document.households)
    for chart in svgs:
        assert chart.get("viewBox").startswith(f"0 0 {charts.WIDTH} ")


def test_bars_are_drawn_to_scale_within_the_chart():
    chart = charts.Chart("<t>", "axis", (charts.Bar("a", 40, "40"), charts.Bar("b", 10, "10"),
                                         charts.Bar("<组>&", 0, "0")))
    root = parse(charts.svg(chart))
    assert [text_of(t) for t in find_all(root, "text", "label")] == ["a", "b", "<组>&"]
    assert text_of(root.find("title")) == "<t>"
    widths = [float(r.get("width")) for r in find_all(root, "rect", "bar")]
    assert widths[0] == pytest.approx(4 * widths[1], abs=0.5) and widths[2] == 0
    for rect in find_all(root, "rect", "bar"):
        assert float(rect.get("x")) + float(rect.get("width")) <= charts.WIDTH
    assert charts.nice_ticks(43_935) == [0, 10_000, 20_000, 30_000, 40_000, 50_000]
    assert charts.nice_ticks(58) == [0, 20, 40, 60]
    assert charts.nice_ticks(0) == [0, 1]


# -- both languages -------------------------------------------------------------------------

def test_chinese_and_english(village):
    sheet = statement.statement("H001", village)
    zh = parse(html.statements([sheet], "zh"))
    en = parse(html.statements([sheet], "en"))
    assert "结算单" in text_of(zh.find(".//h1")) and "期末余额" in text_of(zh)
    assert "settlement sheet" in text_of(en.find(".//h1")) and "Balance carried out" in text_of(en)
    board_en = parse(html.summary(summary.summary(village), "en"))
    assert "Village collective" in text_of(board_en)
    assert "Households by net income" in text_of(board_en)
