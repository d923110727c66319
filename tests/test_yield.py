"""The yield report against an independent computation from the raw rows.

`expected` below reads the rows the test recorded (or the demo village's exported CSV
files) with the standard library only, Fractions for the ratios and its own rounding half
up, and follows docs/yield.md literally; the product must agree with it to the last
decimal, on a hand-made ledger with the corner cases and on the demo village.
"""
from __future__ import annotations

import csv
import json
from datetime import date
from fractions import Fraction

import pytest

from ledger import book, corrections, demo, models, yields
from ledger.cli import main
from ledger.io import export
from ledger.reports import yields as yield_report

from conftest import read_only_ledger
from helpers import rows, table_counts

# -- the independent computation -----------------------------------------------------------


def half_up(value: Fraction, places: int = 3) -> str:
    """`value` rounded half away from zero to `places` decimals, as text."""
    scaled = value * 10 ** places
    units = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if scaled < 0 and units else ""
    whole, frac = divmod(units, 10 ** places)
    return f"{sign}{whole}.{frac:0{places}d}"


def exact(text: str) -> Fraction:
    return Fraction(text) if text else Fraction(0)


def expected(data: dict, by: str, first: str | None = None, last: str | None = None) -> dict:
    """The report as docs/yield.md defines it, from the rows as text: `data` holds
    "seasons" (code, start), "households" (code, group), "batches" (code, season, owner,
    sheets, breed), "sales" and "leaf" (batch, kg; a reversal's kg negative)."""
    seasons = sorted(data["seasons"], key=lambda season: season["start"])
    codes = [season["code"] for season in seasons]
    chosen = codes[codes.index(first) if first else 0:(codes.index(last) + 1) if last else None]
    group_of = {household["code"]: household["group"] for household in data["households"]}
    cocoon: dict[str, Fraction] = {}
    for sale in data["sales"]:
        cocoon[sale["batch"]] = cocoon.get(sale["batch"], 0) + exact(sale["kg"])
    leaf: dict[str, Fraction] = {}
    for delivery in data["leaf"]:
        leaf[delivery["batch"]] = leaf.get(delivery["batch"], 0) + exact(delivery["kg"])
    batches = [b for b in data["batches"] if b["season"] in chosen]

    def key(batch: dict) -> str:
        if by == "season":
            return batch["season"]
        if by == "breed":
            return batch["breed"]
        if batch["owner"] == "COLLECTIVE":
            return "COLLECTIVE"
        return batch["owner"] if by == "household" else group_of[batch["owner"]]

    sums: dict[str, list] = {}
    for batch in batches:
        entry = sums.setdefault(key(batch), [0, Fraction(0), Fraction(0), Fraction(0)])
        entry[0] += 1
        entry[1] += exact(batch["sheets"])
        entry[2] += cocoon.get(batch["code"], 0)
        entry[3] += leaf.get(batch["code"], 0)
    order = (sorted(sums, key=codes.index) if by == "season" else sorted(sums))
    out_rows = []
    for name in order:
        count, sheets, kg, leaf_kg = sums[name]
        out_rows.append({"key": name, "batches": count, "sheets": half_up(sheets, 2),
                         "cocoon_kg": half_up(kg),
                         "kg_per_sheet": half_up(kg / sheets) if sheets else "",
                         "leaf_kg": half_up(leaf_kg),
                         "leaf_per_cocoon": half_up(leaf_kg / kg) if kg else ""})
    flagged = []
    for season in chosen:
        ratios = {b["code"]: cocoon.get(b["code"], 0) / exact(b["sheets"])
                  for b in batches if b["season"] == season and exact(b["sheets"])}
        ordered = sorted(ratios.values())
        if not ordered:
            continue
        middle = len(ordered) // 2
        median = (ordered[middle] if len(ordered) % 2
                  else (ordered[middle - 1] + ordered[middle]) / 2)
        for code in sorted(ratios):
            if ratios[code] < median * Fraction(60, 100):
                flagged.append({"batch": code, "kg_per_sheet": half_up(ratios[code]),
                                "season_median": half_up(median)})
    return {"by": by, "rows": out_rows, "flagged": flagged}


# -- a hand-made ledger with the corner cases ----------------------------------------------

SEASONS = [  # the codes' order is not the dates' order
    dict(code="2026-1", name="春蚕", start="2026-04-01", end="2026-05-20"),
    dict(code="2025-9", name="秋蚕", start="2025-08-01", end="2025-09-20"),
    dict(code="2026-2", name="夏蚕", start="2026-06-01", end="2026-07-20"),
]
HOUSEHOLDS = [
    dict(code="H001", name="张国华", group="一组"),
    dict(code="H002", name="李明", group="二组"),
    dict(code="H003", name="王芳", group="三组"),
    dict(code="H004", name="赵六", group="一组"),
]
BATCHES = [
    # 2025-9: five batches with sheets (odd count); one without sales; one without breed
    dict(code="A1", season="2025-9", owner="H001", sheets="2", breed="菁松×皓月"),
    dict(code="A2", season="2025-9", owner="H002", sheets="1.5", breed="菁松×皓月"),
    dict(code="A3", season="2025-9", owner="H003", sheets="1", breed=""),
    dict(code="A4", season="2025-9", owner="H004", sheets="2.5", breed="两广二号"),
    dict(code="AC", season="2025-9", owner="COLLECTIVE", sheets="3", breed="两广二号"),
    # 2026-1: four batches (even count), one failed, one with a sale reversed
    dict(code="B1", season="2026-1", owner="H001", sheets="2", breed="菁松×皓月"),
    dict(code="B2", season="2026-1", owner="H002", sheets="3", breed="两广二号"),
    dict(code="B3", season="2026-1", owner="H003", sheets="1.25", breed="两广二号"),
    dict(code="BC", season="2026-1", owner="COLLECTIVE", sheets="4", breed=""),
    # 2026-2: two batches, one whose only sale is reversed
    dict(code="C1", season="2026-2", owner="H001", sheets="2", breed="菁松×皓月"),
    dict(code="C4", season="2026-2", owner="H004", sheets="1", breed="菁松×皓月"),
]
DAY = {"2025-9": "2025-09-01", "2026-1": "2026-05-01", "2026-2": "2026-07-01"}
SALES = [  # (batch, grade, kg, price)
    ("A1", "上车茧", "80.125", "50"), ("A1", "下茧", "3.5", "20"),
    ("A2", "上车茧", "61.3", "48"),
    ("A4", "上车茧", "100.005", "50"), ("A4", "次茧", "4.2", "40"),
    ("AC", "上车茧", "130", "50"),
    # A3 sold nothing: 0 kg per sheet
    ("B1", "上车茧", "83.333", "52"), ("B1", "上车茧", "10", "52"),  # the second is reversed
    ("B2", "上车茧", "125.5", "52"),
    ("B3", "下茧", "12.001", "20"),
    ("BC", "上车茧", "170.25", "52"),
    ("C1", "上车茧", "90", "55"),  # reversed: C1 ends with nothing
    ("C4", "上车茧", "41.7", "55"),
]
REVERSED = {7, 11}  # positions in SALES of the sales reversed
LEAF = [("A1", "1200"), ("A1", "300.5"), ("A2", "900"), ("A3", "400"), ("AC", "1800"),
        ("B1", "1250"), ("B2", "1700.25"), ("BC", "2400"), ("C4", "600")]


def _record_village() -> dict:
    """The ledger above, recorded through the service layer; the raw rows as
    `expected` takes them, reversals negated."""
    batches = [dict(b, hatch=DAY[b["season"]][:8] + "01") for b in BATCHES]
    book.record_many([
        ("households", rows(*HOUSEHOLDS)),
        ("partners", rows(dict(code="E01", name="丝绸公司"))),
        ("seasons", rows(*SEASONS)),
        ("batches", rows(*batches)),
    ])
    season_of = {b["code"]: b["season"] for b in BATCHES}
    sale_ids = [book.record("sales", dict(date=DAY[season_of[batch]], batch=batch, buyer="E01",
                                          grade=grade, kg=kg, price=price, deduction="0"))
                for batch, grade, kg, price in SALES]
    for batch, kg in LEAF:
        book.record("leaf", dict(date=DAY[season_of[batch]], batch=batch, supplier="E01",
                                 kg=kg, price="0.50"))
    for position in sorted(REVERSED):
        corrections.reverse("sales", sale_ids[position], reason="weighed twice")
    sales = [dict(batch=batch, kg=kg) for batch, _, kg, _ in SALES]
    sales += [dict(batch=SALES[p][0], kg="-" + SALES[p][2]) for p in sorted(REVERSED)]
    return {"seasons": SEASONS, "households": HOUSEHOLDS, "batches": BATCHES, "sales": sales,
            "leaf": [dict(batch=batch, kg=kg) for batch, kg in LEAF]}


#: The village above, built once for the tests that only read it.
_built, village = read_only_ledger("village", _record_village)


@pytest.fixture
def own_village(memory_ledger):
    """The village above in a ledger of the test's own, to write to."""
    return _record_village()


@pytest.mark.parametrize("by", yields.BY)
@pytest.mark.parametrize("first,last", [(None, None), ("2026-1", None), (None, "2026-1"),
                                        ("2026-1", "2026-1"), ("2025-9", "2026-2")])
def test_report_agrees_with_the_raw_rows(village, by, first, last):
    report = yield_report.report(by, first, last)
    assert yield_report.as_json(report) == expected(village, by, first, last)


def test_corner_cases_as_a_reader_sees_them(village):
    data = yield_report.as_json(yield_report.report("household"))
    by_key = {row["key"]: row for row in data["rows"]}
    assert list(by_key) == ["COLLECTIVE", "H001", "H002", "H003", "H004"]
    # C1's only sale was reversed; B1's second sale too: H001 sold 80.125+3.5+83.333 kg
    assert by_key["H001"]["cocoon_kg"] == "166.958"
    assert by_key["H001"]["batches"] == 3
    breeds = {row["key"]: row for row in yield_report.as_json(yield_report.report("breed"))["rows"]}
    assert list(breeds) == ["", "两广二号", "菁松×皓月"]  # no breed is the key ""
    assert breeds[""]["batches"] == 2
    flagged = {flag["batch"] for flag in data["flagged"]}
    # A3 sold nothing; B3 12 kg on 1.25 sheets; C1 lost its only sale
    assert flagged == {"A3", "B3", "C1"}
    medians = {flag["batch"]: flag["season_median"] for flag in data["flagged"]}
    assert medians["A3"] == "41.682"  # odd count: the middle batch's own figure (A4)
    assert medians["B3"] == "41.750"  # even: (41.6665 + 41.8333...) / 2, half up
    assert medians["C1"] == "20.850"  # (0 + 41.7) / 2


def test_a_half_rounds_up(village):
    # B1 sold 83.333 kg on 2 sheets: 41.6665 kg per sheet, shown 41.667
    report = yield_report.report("household", "2026-1", "2026-1")
    row = next(row for row in report.rows if row.key == "H001")
    assert yield_report.kg_per_sheet(row.totals) == "41.667"


def test_zero_divisors_are_blank():
    totals = yields.Totals()
    assert yield_report.kg_per_sheet(totals) == ""
    assert yield_report.leaf_per_cocoon(totals) == ""
    assert yield_report.income_per_sheet(totals) == ""


def test_batches_without_sheets_neither_flag_nor_count_in_the_median():
    season = models.Season(id=1, code="S")

    def batch(code, sheets, grams):
        return yields.BatchYield(0, code, season, "H", "", "household", "", "", sheets, grams,
                                 0, 0, 0, 0, 0)

    batches = [batch("Z", 0, 0), batch("A", 100, 40_000), batch("B", 100, 20_000),
               batch("C", 100, 30_000), batch("D", 100, 10_000)]
    marked = yields.flagged(batches)
    # median of 10, 20, 30, 40 kg is 25; 60% is 15: only D (and never Z, without sheets)
    assert [(flag.batch.code, flag.season_median) for flag in marked] == [("D", 25_000)]


def test_exactly_sixty_percent_is_not_flagged():
    season = models.Season(id=1, code="S")
    batches = [yields.BatchYield(0, code, season, "H", "", "household", "", "", 100, grams,
                                 0, 0, 0, 0, 0)
               for code, grams in (("A", 30_000), ("B", 50_000), ("C", 50_000))]
    assert yields.flagged(batches) == []  # 30 is exactly 60% of 50


def test_change_against_the_previous_season(village):
    report = yield_report.report("season")
    changes = {row.key: yield_report.change(row) for row in report.rows}
    assert changes["2025-9"] == ""  # nothing before it
    only_later = {row.key: yield_report.change(row)
                  for row in yield_report.report("season", "2026-1").rows}
    assert only_later["2026-1"] == changes["2026-1"] != ""  # the season before still counts


def test_text_fits_80_columns_in_both_languages(village):
    from ledger.reports.text import width_of

    for by in yields.BY:
        for lang in ("en", "zh"):
            printed = yield_report.text(yield_report.report(by), lang)
            assert max(map(width_of, printed.splitlines())) <= 80
            assert "A3" in printed


# -- bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize("args,message", [
    (["--from", "2026-2", "--to", "2026-1"], "--from 2026-2 comes after --to 2026-1"),
    (["--from", "2024-1"], "no season with code 2024-1"),
    (["--to", "nope"], "no season with code nope"),
    (["--by", "village"], "cannot add up the yield by 'village'"),
    (["--breed", "秋丰×白玉"], "no batch is of the breed '秋丰×白玉'"),
])
def test_bad_input_is_one_line_and_exit_1(file_ledger, ledger_path, capsys, args, message):
    _record_village()
    before = table_counts()
    code = main(["--db", str(ledger_path), "--lang", "en", "report", "yield", *args])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and message in err
    assert table_counts() == before


def test_command_prints_the_contract(file_ledger, ledger_path, capsys):
    village = _record_village()
    code = main(["--db", str(ledger_path), "report", "yield", "--by", "group",
                 "--from", "2026-1", "--format", "json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == expected(village, "group", "2026-1")


# -- the demo village --------------------------------------------------------------------------

def _read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_demo_village_agrees_with_its_exported_rows(memory_ledger, tmp_path):
    demo.generate(households=40, seasons=4, seed=3)
    export.export_csv(tmp_path / "csv")
    data = {name: _read_csv(tmp_path / "csv" / f"{kind}.csv") for name, kind in (
        ("seasons", "seasons"), ("households", "households"), ("batches", "batches"),
        ("sales", "sales"), ("leaf", "leaf"))}
    for by in yields.BY:
        assert yield_report.as_json(yield_report.report(by)) == expected(data, by)
    assert yield_report.as_json(yield_report.report("breed", data["seasons"][0]["code"])) \
        == expected(data, "breed", data["seasons"][0]["code"])


# -- HTML and xlsx carry the same figures ------------------------------------------------------

def test_html_page_is_well_formed_and_shows_the_figures(village):
    import xml.dom.minidom

    from ledger.reports import yield_html

    for by in yields.BY:
        report = yield_report.report(by)
        page = yield_html.page(report, "zh")
        xml.dom.minidom.parseString(page.split("\n", 1)[1])  # past the doctype
        assert "<svg" in page
        for row in yield_report.as_json(report)["rows"]:
            assert f'<td class="num">{row["cocoon_kg"]}</td>' in page
        assert ">A3</td>" in page  # the flagged batch


def test_line_chart_draws_a_line_per_breed(village):
    from ledger.reports import yield_html

    svg = yield_html.chart(yield_report.report("breed"), "en")
    assert svg.count("<polyline") >= 3  # 两广二号 and 菁松×皓月 over several seasons, ""
    assert ">2025-9<" in svg and svg.index(">2025-9<") < svg.index(">2026-1<")


def test_workbook_holds_the_reports_numbers(village):
    import io
    from decimal import Decimal

    import openpyxl

    from ledger.reports import yield_xlsx

    report = yield_report.report("household")
    book = openpyxl.load_workbook(io.BytesIO(yield_xlsx.workbook(report, "en")))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    contract = yield_report.as_json(report)["rows"]
    for row, cells in zip(contract, values):
        assert Decimal(str(cells[3])) == Decimal(row["cocoon_kg"])
        assert (cells[4] is None) == (row["kg_per_sheet"] == "")
    flagged = [row[0].value for row in book.worksheets[1].iter_rows(min_row=2)]
    assert flagged == ["A3", "B3", "C1"]


def test_notice_board_lists_the_seasons_failed_batches(village):
    from ledger.reports import html, summary, text

    document = summary.summary(models.Season.get(models.Season.code == "2026-1"))
    assert [flag.batch.code for flag in document.flagged] == ["B3"]
    printed = text.summary(document, "en")
    section = printed[printed.index("Batches that failed"):]
    # B3: H003's, 两广二号, 12.001 kg on 1.25 sheets; its cost: no leaf, no inputs
    assert "B3" in section and "H003 王芳" in section and "9.601" in section
    assert "41.750" in section
    assert "B3" in html.summary(document, "en")


def test_an_empty_ledger_has_an_empty_report(memory_ledger):
    for by in yields.BY:
        assert yield_report.as_json(yield_report.report(by)) == {"by": by, "rows": [],
                                                                  "flagged": []}
    assert "no seasons" in yield_report.text(yield_report.report("season"), "en")


def test_one_breed_keeps_its_seasons_medians(village):
    report = yield_report.report("household", breed="两广二号")
    data = yield_report.as_json(report)
    # A4, AC (2025-9), B2, B3 (2026-1): 两广二号's batches only
    assert {row["key"]: row["batches"] for row in data["rows"]} == {
        "COLLECTIVE": 1, "H002": 1, "H003": 1, "H004": 1}
    # B3 is flagged against the whole season's median, not 两广二号's
    assert data["flagged"] == [{"batch": "B3", "kg_per_sheet": "9.601",
                                "season_median": "41.750"}]


def test_a_reversal_in_a_later_season_nets_out_against_its_own_batch(own_village):
    from ledger import closing

    closing.close("2025-9")
    sale = models.CocoonSale.get((models.CocoonSale.grams == 61_300))  # A2's only sale
    reversal = corrections.reverse("sales", sale.id, reason="sold twice", day=date(2026, 5, 2))
    assert models.CocoonSale.get_by_id(reversal).season.code == "2026-1"
    own_village["sales"].append(dict(batch="A2", kg="-61.3"))
    for by in yields.BY:
        assert yield_report.as_json(yield_report.report(by)) == expected(own_village, by)
    data = yield_report.as_json(yield_report.report("season"))
    rows = {row["key"]: row for row in data["rows"]}
    assert rows["2025-9"]["cocoon_kg"] == "317.830"  # 379.130 less A2's 61.300


def test_the_printed_notice_board_lists_the_failed_batches_too(village):
    import io

    from pypdf import PdfReader

    from ledger.reports import pdf, summary

    font = pdf.find_font(None)
    if font.warning:
        pytest.skip("no Chinese TrueType font on this machine (install fonts-wqy-zenhei)")
    document = summary.summary(models.Season.get(models.Season.code == "2026-1"))
    printed = "".join(page.extract_text()
                      for page in PdfReader(io.BytesIO(pdf.summary(document, "en", font))).pages)
    section = printed[printed.index("Batches that failed"):]
    assert "B3" in section and "9.601" in section and "41.750" in section
