"""Dividends by shares: exact to the fen, by the largest-remainder rule, checked against a
computation in Fractions written here apart from the code."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.distribution import Dividend, split_by_shares


def expected_split(amount: int, holdings: list[tuple[str, int]]) -> dict[str, int]:
    """Each holder's exact share as a Fraction, its whole fen, then the fen left over one
    each to the largest fractional parts, ties to the smaller code."""
    holders = [(code, shares) for code, shares in holdings if shares > 0]
    total = sum(shares for _, shares in holders)
    exact = {code: Fraction(amount * shares, total) for code, shares in holders}
    whole = {code: int(value) for code, value in exact.items()}
    order = sorted(exact, key=lambda code: (-(exact[code] - whole[code]), code))
    for code in order[:amount - sum(whole.values())]:
        whole[code] += 1
    return whole


def test_a_worked_example():
    # 1000.00 yuan over shares 1, 1, 1: 333.34 to the first by code, 333.33 to the others
    assert split_by_shares(100000, [("H002", 1000), ("H001", 1000), ("H003", 1000)]) == [
        Dividend("H001", 1000, 33334), Dividend("H002", 1000, 33333),
        Dividend("H003", 1000, 33333)]


def test_the_largest_remainder_wins_before_the_code():
    # 10 fen over 1.5 and 1.0 shares: 6 and 4 exactly
    assert [d.amount for d in split_by_shares(10, [("H001", 1500), ("H002", 1000)])] == [6, 4]
    # 1 fen over 1.0 and 2.0: remainders 1 and 2 (of 3): the larger holder gets it
    assert [d.amount for d in split_by_shares(1, [("H001", 1000), ("H002", 2000)])] == [0, 1]


def test_households_without_shares_get_nothing_and_are_left_out():
    assert split_by_shares(500, [("H001", 0), ("H002", 2000)]) == [Dividend("H002", 2000, 500)]
    assert split_by_shares(500, [("H001", 0)]) == []


def test_negative_shares_or_amounts_are_refused():
    with pytest.raises(ValueError):
        split_by_shares(100, [("H001", -1000), ("H002", 1000)])
    with pytest.raises(ValueError):
        split_by_shares(-1, [("H001", 1000)])


@given(st.integers(min_value=0, max_value=10**12),
       st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40))
def test_any_split_adds_up_and_matches_the_exact_rule(amount, shares):
    holdings = [(f"H{index:03d}", value) for index, value in enumerate(shares)]
    dividends = split_by_shares(amount, reversed(holdings))
    if not any(shares):
        assert dividends == []
        return
    assert sum(d.amount for d in dividends) == amount
    assert {d.code: d.amount for d in dividends} == expected_split(amount, holdings)
