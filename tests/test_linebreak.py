"""Where a line of a printed document may break: one rule (禁则) for the text form, which
counts display cells, and the PDF form, which measures points of the font.

The cases below are those where the two forms used to disagree: the PDF kept 】〕 and an
ellipsis off the start of a line and 【〔 off its end while the text form did not, the
text form kept a short bracketed group and a Latin word whole while the PDF cut them.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from ledger.reports import grid, html, layout, linebreak
from ledger.width import width_of

#: reportlab's standard Chinese font, present wherever reportlab is: a Chinese character
#: or full-width mark is one em wide, as it is two cells wide on a printer.
FONT = "STSong-Light"
SIZE = 10
POINTS_PER_CELL = SIZE / 2


@pytest.fixture(scope="module", autouse=True)
def cid_font():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


DISAGREED = [
    # text, width in cells, the lines both forms print
    ("甲乙丙丁戊】己", 10, ["甲乙丙丁", "戊】己"]),      # 】 may not start a line
    ("甲乙丙丁戊〕己", 10, ["甲乙丙丁", "戊〕己"]),
    ("甲乙丙丁【戊己", 10, ["甲乙丙丁", "【戊己"]),      # 【 may not end a line
    ("甲乙丙〔丁戊己", 8, ["甲乙丙", "〔丁戊己"]),
    ("好好好好好……", 10, ["好好好好", "好……"]),       # nor may an ellipsis start one
    ("蚕茧重量（公斤）", 12, ["蚕茧重量", "（公斤）"]),  # a short bracketed group is whole
    ("收购站Zhang", 8, ["收购站", "Zhang"]),             # a Latin word breaks at spaces only
    ("（红字冲销 记-2026-05-0003）", 18,                  # a voucher number is whole
     ["（红字冲销", "记-2026-05-0003）"]),
    ("(reversed by 记-2026-05-0003)", 18, ["(reversed by", "记-2026-05-0003)"]),
]


@pytest.mark.parametrize("text, cells, lines", DISAGREED)
def test_text_and_pdf_break_lines_at_the_same_places(text, cells, lines):
    assert layout.wrap(text, cells) == lines
    assert list(grid.wrap(text, FONT, SIZE, cells * POINTS_PER_CELL)) == lines


def test_no_line_starts_or_ends_with_forbidden_punctuation():
    text = "合作社（第三站）收购鲜茧，每公斤【上车茧】五十元。余款〔待结算〕后付清！" * 3
    for cells in range(6, 40):
        for line in layout.wrap(text, cells):
            assert line[0] not in linebreak.NO_LINE_START, (cells, line)
            assert line[-1] not in linebreak.NO_LINE_END, (cells, line)
            assert width_of(line) <= cells
        assert "".join(layout.wrap(text, cells)) == text


def test_latin_breaks_at_spaces_and_cuts_only_a_word_wider_than_the_line():
    measure = len
    assert linebreak.wrap("advance payment, item 7", 10, measure) == [
        "advance", "payment,", "item 7"]
    assert linebreak.wrap("abcdefghijkl", 5, measure) == ["abcde", "fghij", "kl"]


def test_the_space_between_two_words_is_kept_as_written():
    assert linebreak.wrap("上车茧 88.0%　次茧 5.0%　下茧", 23, width_of) == [
        "上车茧 88.0%　次茧 5.0%", "下茧"]


def test_a_hanging_indent_is_kept_on_every_line_while_a_character_fits_after_it():
    assert layout.wrap("    501.01 经营收入", 12) == ["    501.01", "    经营收入"]
    assert layout.wrap("      经营收入", 7) == ["     经", "     营", "     收", "     入"]


def test_the_html_form_asks_the_browser_for_the_same_strict_rule():
    assert "line-break: strict;" in html.stylesheet()


PIECES = ["张", "蚕茧", "（", "）", "【", "】", "，", "。", "……", "a", "Deduction", "0.00",
          "(公斤)", " ", "　", "-", "×", "2026-05-04"]


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(2, 40))
def test_every_line_fits_and_nothing_is_lost_in_either_measure(words, cells):
    """Whatever the text and the width, in cells or in points: no line is wider than the
    room (a lone character aside) and every character is printed, in order."""
    text = "".join(words)
    for lines, measure, room in (
            (layout.wrap(text, cells), width_of, cells),
            (grid.wrap(text, FONT, SIZE, cells * POINTS_PER_CELL),
             lambda piece: grid.width(piece, FONT, SIZE), cells * POINTS_PER_CELL + 0.01)):
        assert all(measure(line) <= room or len(line) == 1 for line in lines), lines
        assert "".join(lines).replace(" ", "").replace("　", "") == (
            text.replace(" ", "").replace("　", ""))
