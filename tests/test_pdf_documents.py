"""Settlement sheets and the notice board as PDF: one household a page, the figures of
the season report to the fen, the Chinese font embedded, and a PDF even without one.

Read back with pypdf, as a person's PDF reader would. Tests that need a Chinese TrueType
font on the machine (CI installs fonts-wqy-zenhei) are skipped, saying so, without one;
the fallback to the CID font is tested everywhere.
"""
from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from conftest import read_only_ledger
from helpers import SEASON, build_village, rows
from ledger import book, demo, i18n, income, money
from ledger.reports import cells, charts, fonts, pdf
from ledger.reports import statement as st
from ledger.reports import summary as sm

PRINTED = date(2026, 10, 1)


@pytest.fixture(scope="module")
def system_font() -> fonts.FontChoice:
    found = fonts.search()
    if found is None:
        pytest.skip("no Chinese TrueType font on this machine (install fonts-wqy-zenhei)")
    return found


def make_demo() -> None:
    demo.generate(households=20, seasons=2)


#: The demo village, built once for the tests, which only read it.
_built, village = read_only_ledger("village", make_demo)


def pages(data: bytes) -> list[str]:
    """Each page's text, as a PDF reader extracts it."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def figure(text: str, label: str) -> Decimal:
    """The amount printed after `label` on a page."""
    found = re.search(re.escape(label) + r"\s*(-?\d+\.\d\d)", text)
    assert found, f"{label} not found in:\n{text}"
    return Decimal(found.group(1))


def yuan(fen: int) -> Decimal:
    return money.to_decimal_units(fen, money.MONEY_PLACES)


def test_one_page_per_household_with_the_season_reports_figures(village, system_font):
    for season in income.seasons():
        report = {p.code: p for p in income.season_income(season).parties}
        sheets = st.statements(season, active_only=True)
        assert len(sheets) > 10
        texts = pages(pdf.statements(sheets, "zh", system_font, PRINTED))
        assert len(texts) == len(sheets)
        for sheet, text in zip(sheets, texts):
            party = report[sheet.household.code]
            assert f"户号 {party.code}" in text and party.name in text
            assert figure(text, i18n.t("doc.balance_out", "zh")) == yuan(party.balance)
            assert figure(text, i18n.t("doc.balance_in", "zh")) == yuan(
                party.balance - party.net_income + party.paid)
            assert figure(text, "加：" + i18n.t("doc.net_income", "zh")) == yuan(party.net_income)
            assert figure(text, "减：" + i18n.t("doc.paid", "zh")) == yuan(party.paid)
            words = cells.balance_words(party.balance, "zh")
            assert words in re.sub(r"\s", "", text)
            for key in ("doc.signature_household", "doc.signature_accountant"):
                assert i18n.t(key, "zh") in text


def test_every_section_is_printed_with_its_subtotal(village, system_font):
    season = income.seasons()[0]
    sheets = st.statements(season, active_only=True)
    texts = pages(pdf.statements(sheets, "zh", system_font, PRINTED))
    for sheet, text in zip(sheets, texts):
        for section in sheet.sections:
            title = i18n.t(f"section.{section.key}", "zh")
            if not section.rows:
                continue
            band = next(line for line in text.splitlines() if line.startswith(title))
            shown = sheet.paid if section.key == "payments" else section.subtotal
            assert band.endswith(money.yuan(shown)), band
            assert text.count(cells.cell(section.rows[0][0], section.columns[0].kind,
                                         section.columns[0].key, "zh")) >= 1


def test_the_chinese_font_is_embedded_as_a_subset(village, system_font):
    sheets = st.statements(income.seasons()[0], active_only=True)[:2]
    data = pdf.statements(sheets, "zh", system_font, PRINTED)
    assert b"/FontFile2" in data
    assert re.search(rb"/BaseFont /[A-Z]{6}\+", data)
    assert b"STSong-Light" not in data


def test_same_ledger_same_bytes(village, system_font):
    sheets = st.statements(income.seasons()[1], active_only=True)
    first = pdf.statements(sheets, "zh", system_font, PRINTED)
    assert pdf.statements(sheets, "zh", system_font, PRINTED) == first


def test_metadata_names_the_document(village, system_font):
    sheets = st.statements(income.seasons()[0], active_only=True)
    reader = PdfReader(io.BytesIO(pdf.statements(sheets, "en", system_font, PRINTED)))
    assert reader.metadata.author == "Silk Ledger"
    assert "settlement sheet" in reader.metadata.title
    assert "Balance carried out" in reader.pages[0].extract_text()


def test_a_long_sheet_continues_and_the_next_household_starts_a_new_page(memory_ledger,
                                                                        system_font):
    build_village()
    days = [f"2026-04-{day:02d}" for day in range(2, 31)]
    book.record_many([("leaf", rows(*(dict(date=days[n % len(days)], batch="B1", supplier="E01",
                                           kg="100", price="0.50") for n in range(130))))])
    sheets = st.statements(income.find_season(SEASON))
    texts = pages(pdf.statements(sheets, "zh", system_font, PRINTED))
    feet = [re.search(r"(H\d{3}) \S+\s*第 (\d+) 页", text).groups() for text in texts]
    assert feet[0] == ("H001", "1") and feet[1] == ("H001", "2")
    assert [foot for foot in feet if foot[0] != "H001"] == [("H002", "1"), ("H003", "1")]
    continued = texts[1]
    assert i18n.t("section.leaf_received", "zh") in continued  # the band and headers again
    assert i18n.t("col.supplier", "zh") in continued
    assert figure(texts[len(feet) - 3], i18n.t("doc.balance_out", "zh")) == yuan(
        sheets[0].balance_out)


def test_long_names_wrap_inside_their_cells(memory_ledger, system_font):
    build_village()
    name = "欧阳娜仁托娅·阿卜杜热合曼·买买提明"
    book.record_many([
        ("households", rows(dict(code="H009", name=name, group="第十二村民小组（新村）"))),
        ("partners", rows(dict(code="E09", name="云岭茧丝绸有限公司第三蚕茧收购站暨鲜茧烘烤中心"))),
        ("batches", rows(dict(code="B9", season=SEASON, owner="H009", sheets="1",
                              hatch="2026-04-02"))),
        ("sales", rows(dict(date="2026-05-04", batch="B9", buyer="E09", grade="上车茧",
                            kg="40", price="50", deduction="0"))),
    ])
    sheet = st.statement("H009", income.find_season(SEASON))
    (text,) = pages(pdf.statements([sheet], "zh", system_font, PRINTED))
    flat = re.sub(r"\s", "", text)
    assert name in flat and "云岭茧丝绸有限公司第三蚕茧收购站暨鲜茧烘烤中心" in flat
    assert figure(text, i18n.t("doc.balance_out", "zh")) == yuan(sheet.balance_out)


def test_notice_board(village, system_font):
    season = income.seasons()[1]
    document = sm.summary(season)
    texts = pages(pdf.summary(document, "zh", system_font, PRINTED))
    text = "\n".join(texts)
    for party in document.households:
        assert re.search(rf"{party.code} {party.name} .* {money.yuan(party.balance)}\n", text)
    totals = document.report.totals
    assert re.search(rf"{i18n.t('col.total', 'zh')} .* {money.yuan(totals.net_income)} "
                     rf"{money.yuan(totals.paid)} {money.yuan(totals.balance)}", text)
    assert figure(text, i18n.t("doc.result", "zh")) == yuan(document.statement.result)
    for chart in (charts.yield_chart(document.groups, "zh"),
                  charts.band_chart(document.bands, "zh")):
        assert chart.title in text
        for bar in chart.bars:
            assert bar.text in text


def test_a_font_that_cannot_be_used_is_named_and_the_pdf_still_made(village, tmp_path):
    bogus = tmp_path / "simsun.ttc"
    bogus.write_text("not a font")
    choice = pdf.find_font(str(bogus))
    assert choice.warning == "font_unusable" and choice.refused == str(bogus)
    assert str(bogus) in i18n.t(choice.warning, "en", **choice.message_params())
    sheets = st.statements(income.seasons()[0], active_only=True)
    assert len(pages(pdf.statements(sheets, "zh", choice, PRINTED))) == len(sheets)


def test_cff_fonts_are_skipped_not_fatal(tmp_path):
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    cff.write_bytes(b"OTTO" + bytes(200))
    assert fonts.find_font(str(cff)).warning == "font_unusable"


def test_a_ttc_face_with_chinese_is_chosen(system_font):
    choice = fonts.find_font(system_font.path)
    assert choice.warning is None and choice.path == system_font.path
    assert choice.embedded and choice.name == system_font.name


def test_without_a_chinese_font_the_cid_font_is_named(village, monkeypatch):
    monkeypatch.setattr(fonts, "search", lambda: None)
    choice = pdf.find_font(None)
    assert (choice.name, choice.warning, choice.path) == ("STSong-Light", "font_fallback", None)
    sheets = st.statements(income.seasons()[0], active_only=True)
    data = pdf.statements(sheets, "zh", choice, PRINTED)
    assert b"/STSong-Light" in data and b"/FontFile2" not in data
    assert len(PdfReader(io.BytesIO(data)).pages) == len(sheets)
    assert PdfReader(io.BytesIO(pdf.summary(sm.summary(income.seasons()[0]), "zh", choice,
                                            PRINTED))).pages


def test_no_sheets_still_makes_a_pdf(memory_ledger, system_font):
    assert len(pages(pdf.statements([], "zh", system_font, PRINTED))) == 1
