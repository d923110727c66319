"""Amounts in Chinese capitals, by the rules in docs/formats.md for financial documents."""
from __future__ import annotations

import pytest

from ledger.reports.cells import balance_words
from ledger.reports.words import amount_in_words


@pytest.mark.parametrize("fen, words", [
    (5, "人民币伍分"),                                   # no 元 when there are no yuan
    (1000, "人民币壹拾元整"),                             # 整 after 元
    (10010, "人民币壹佰元壹角整"),                        # 整 after 角 too
    (100507, "人民币壹仟零伍元零柒分"),                   # 零 for a skipped digit; 零 when 角 is 0
    (1640902, "人民币壹万陆仟肆佰零玖元零贰分"),
    (10700053, "人民币壹拾万柒仟元伍角叁分"),             # zeros ending a group are not read
    (100000000101, "人民币壹拾亿零壹元零壹分"),           # 零 for skipped groups, once
    (0, "人民币零元整"),
    (10, "人民币壹角整"),
    (1, "人民币壹分"),
    (100050000, "人民币壹佰万零伍佰元整"),                # a group that starts with zeros
    (101010101, "人民币壹佰零壹万零壹佰零壹元零壹分"),
    (10000000000, "人民币壹亿元整"),
    (999999999999, "人民币玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
])
def test_amount_in_words(fen, words):
    assert amount_in_words(fen) == words


def test_negative_amounts_are_written_by_the_caller():
    with pytest.raises(ValueError):
        amount_in_words(-1)


def test_a_negative_balance_is_shown_as_owed_by_the_household():
    assert balance_words(-120050, "zh") == "人民币壹仟贰佰元伍角整（农户应交村集体）"
    assert balance_words(95750, "zh") == "人民币玖佰伍拾柒元伍角整（村集体应付农户）"
    assert balance_words(-5, "en") == "人民币伍分 (owed by the household)"
    assert balance_words(0, "zh") == "人民币零元整（已结清）"
