"""The text, HTML and PDF forms of a settlement sheet and of the notice board say the same
things: the grade mix of each batch, the ledger's check code at the foot. And whatever a
name holds, no control character reaches a printed text document.
"""
from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from helpers import build_village
from ledger import demo, i18n, income
from ledger.reports import cells, html, pdf, text
from ledger.reports import statement as st
from ledger.reports import summary as sm
from ledger.reports.fonts import FontChoice

PRINTED = date(2026, 10, 1)
LANGS = ("zh", "en")
CODE = "7Q4M-2KXD-9F3A-00C1"


@pytest.fixture(scope="module")
def font() -> FontChoice:
    """reportlab's own Chinese font: present wherever reportlab is, and read back by pypdf."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return FontChoice(None, 0, "STSong-Light")


@pytest.fixture
def village(memory_ledger):
    demo.generate(households=20, seasons=1)
    return memory_ledger


def flat(document: str) -> str:
    """A document's text without any white space: wrapping and columns aside."""
    return re.sub(r"\s", "", document)


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def html_spans(document: str, css: str) -> list[list[str]]:
    """The texts of the spans in each element of class `css`, element by element."""
    root = ElementTree.fromstring(document.split("\n", 1)[1])
    return [["".join(span.itertext()) for span in element.iter("span")]
            for element in root.iter() if css in element.get("class", "").split()]


def test_the_three_forms_show_the_same_grade_mix(village, font):
    sheets = [sheet for sheet in st.statements(income.seasons()[0], active_only=True)
              if any(len(batch.grades) > 1 for batch in sheet.batches)]
    assert sheets, "the demo village should sell more than one grade from some batch"
    for lang in LANGS:
        printed_text = text.statements(sheets, lang, PRINTED).split("\f")
        pages = pdf_pages(pdf.statements(sheets, lang, font, PRINTED))
        grades_html = iter(html_spans(html.statements(sheets, lang), "grades"))
        assert len(printed_text) == len(pages) == len(sheets)
        for sheet, sheet_text, page in zip(sheets, printed_text, pages):
            for batch in sheet.batches:
                mix = cells.grade_mix(batch, lang)
                assert len(mix) == len(batch.grades)
                assert next(grades_html) == mix
                for share in mix:
                    assert flat(share) in flat(sheet_text), (share, lang)
                    assert flat(share) in flat(page), (share, lang)


def test_a_grade_mix_reads_each_grade_with_its_kg_and_share(village):
    batch = st.BatchFigures("B1", 100, "", date(2026, 4, 2), None, None, cocoon_grams=122_850,
                            grades={"上车茧": 115_480, "": 7_370})
    assert cells.grade_mix(batch, "zh") == ["上车茧 115.480 公斤（94.0%）",
                                            "未分级 7.370 公斤（6.0%）"]
    assert cells.grade_mix(batch, "en") == ["上车茧 115.480 kg (94.0%)",
                                            "ungraded 7.370 kg (6.0%)"]
    assert cells.grade_mix(replace(batch, cocoon_grams=0, grades={}), "zh") == []


def documents(sheets, board, lang: str, font: FontChoice) -> dict[str, list[str]]:
    """Each form's text, by document: the sheets' and the notice board's."""
    return {
        "text": [*text.statements(sheets, lang, PRINTED).split("\f"),
                 text.summary(board, lang, PRINTED)],
        "html": [html.statements(sheets, lang), html.summary(board, lang)],
        "pdf": [*pdf_pages(pdf.statements(sheets, lang, font, PRINTED)),
                "\n".join(pdf_pages(pdf.summary(board, lang, font, PRINTED)))],
    }


@pytest.mark.parametrize("lang", LANGS)
def test_the_check_code_is_printed_at_the_foot_of_every_document(village, font, lang):
    season = income.seasons()[0]
    sheets = [replace(sheet, check_code=CODE)
              for sheet in st.statements(season, active_only=True)[:3]]
    board = replace(sm.summary(season), check_code=CODE)
    line = i18n.t("doc.check_code", lang, code=CODE)
    assert line == (f"账本校验码 {CODE}" if lang == "zh" else f"Ledger check code {CODE}")
    found = documents(sheets, board, lang, font)
    for sheet_text in found["text"]:
        assert sheet_text.rstrip("\n").split("\n")[-1] == line  # the last line of each
    sheets_html, board_html = found["html"]
    for document, count in ((sheets_html, len(sheets)), (board_html, 1)):
        codes = [element for element in ElementTree.fromstring(document.split("\n", 1)[1]).iter()
                 if element.get("class") == "check-code"]
        assert ["".join(element.itertext()) for element in codes] == [line] * count
    for page in found["pdf"]:
        assert line in page

    plain = documents([replace(sheet, check_code="") for sheet in sheets],
                      replace(board, check_code=""), lang, font)
    for document in (printed for form in plain.values() for printed in form):
        assert CODE not in document and i18n.t("doc.check_code", lang, code="") not in document


def test_control_characters_never_reach_a_text_document(memory_ledger):
    """Names are refused with control characters in them today; the documents do not count
    on it: a name that got in anyway prints with spaces for them."""
    build_village()
    season = income.seasons()[0]
    hostile = "\x1b]0;pwned\x07张\x1b[2J三\r\n\x00\x85\x9b31m"
    sheet = st.statements(season, active_only=True)[0]
    sheet = replace(sheet, village=hostile, collective=hostile, check_code=hostile,
                    household=replace(sheet.household, name=hostile, group=hostile))
    board = replace(sm.summary(season), village=hostile, collective=hostile, check_code=hostile)
    for lang in LANGS:
        for document in (text.statements([sheet], lang, PRINTED),
                         text.summary(board, lang, PRINTED)):
            assert "张" in document
            assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", document), repr(document)
