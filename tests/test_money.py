"""Exact numbers (docs/formats.md, "Numbers, dates and text"): reading refuses rather than
rounds, a product is rounded once half up to the fen, and figures are shown with their fixed
decimals."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import money
from ledger.money import NumberError, div_half_up, parse_fixed, product


def reason(value, places, **kwargs) -> tuple[str, dict]:
    with pytest.raises(NumberError) as refused:
        parse_fixed(value, places, **kwargs)
    return refused.value.reason, refused.value.params


# -- reading -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, places, units", [
    ("12.34", 2, 1234),
    ("12.3", 2, 1230),
    ("12", 2, 1200),
    ("0.01", 2, 1),
    ("0.001", 3, 1),
    ("88.35", 3, 88350),
    ("-5.5", 2, -550),
    ("+1.10", 2, 110),
    (".5", 2, 50),
    ("5.", 2, 500),
    (" 7.25\n", 2, 725),
    ("007.25", 2, 725),
    ("-0", 2, 0),
    ("0.000", 2, 0),
    ("1.500", 2, 150),  # trailing zeros add no precision: nothing is rounded
    ("999999.999", 3, 999_999_999),
    (Decimal("4417.50"), 2, 441750),
    (Decimal("1E+2"), 2, 10000),
    (Decimal("-0.25"), 2, -25),
    (3, 2, 300),
    (0, 3, 0),
])
def test_parse_fixed_reads_exact_units(value, places, units):
    assert parse_fixed(value, places) == units


@pytest.mark.parametrize("value, places", [
    ("12.345", 2),      # would round to 12.35
    ("1.005", 2),       # would round to 1.01
    ("12.344", 2),      # would round to 12.34
    ("0.0001", 3),
    ("-0.001", 2),
    ("1.2501", 2),
    ("0.5", 0),
    (Decimal("0.001"), 2),
    (Decimal("12.345"), 2),
])
def test_parse_fixed_refuses_more_decimals_than_allowed(value, places):
    assert reason(value, places) == ("too_many_decimals", {"places": places})


@pytest.mark.parametrize("text", [
    "1e5", "1E5", "1e-2", "1_000", "1,000", "1 000", "NaN", "nan", "inf", "-inf",
    "Infinity", "0x10", "１２", "1.2.3", "--1", "+-1", ".", "-", "abc", "5kg", "¥5", "5元",
])
def test_parse_fixed_refuses_text_that_is_not_a_plain_decimal(text):
    assert reason(text, 2) == ("not_a_number", {"value": text})


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
                                   Decimal("-Infinity")])
def test_parse_fixed_refuses_decimal_nan_and_infinity(value):
    problem, params = reason(value, 2)
    assert (problem, str(params["value"])) == ("not_finite", str(value))


@pytest.mark.parametrize("value", [1.5, 0.1, 100.0, float("nan"), float("inf"), True, False])
def test_parse_fixed_refuses_floats_and_booleans(value):
    assert reason(value, 2)[0] == "not_exact"


@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_parse_fixed_empty_text_is_required(value):
    assert reason(value, 2)[0] == "required"


@pytest.mark.parametrize("value", [None, b"1", [1], object()])
def test_parse_fixed_refuses_other_types(value):
    assert reason(value, 2)[0] == "not_a_number"


def test_parse_fixed_limit_is_inclusive():
    assert parse_fixed("100", 2, limit=100) == 10000
    assert parse_fixed("-100", 2, limit=100) == -10000
    assert parse_fixed("100.00", 2, limit=100) == 10000
    assert parse_fixed(Decimal("100"), 2, limit=100) == 10000


@pytest.mark.parametrize("value", ["100.01", "-100.01", "101", "1000000000000000000000000",
                                   Decimal("100.01"), Decimal("1E+30"), 101])
def test_parse_fixed_refuses_beyond_limit(value):
    assert reason(value, 2, limit=100) == ("too_large", {"limit": 100})


@pytest.mark.parametrize("value, places, units", [
    (Decimal("1234567890123456789012345678.91"), 2, 123456789012345678901234567891),
    (10 ** 30 + 1, 0, 10 ** 30 + 1),
])
def test_parse_fixed_never_rounds_huge_typed_values(value, places, units):
    """Beyond the 28 digits of Decimal's default context, a typed value is refused or kept
    exact, never rounded (it once went through Decimal.scaleb, which rounded it)."""
    try:
        result = parse_fixed(value, places)
    except NumberError:
        return  # refusing is as good as exact; silently rounding is not
    assert result == units


@settings(max_examples=60, deadline=None)
@given(units=st.integers(-10 ** 13, 10 ** 13), places=st.sampled_from([2, 3]))
def test_shown_figures_read_back_to_the_same_units(units, places):
    assert parse_fixed(money.fixed_str(units, places), places) == units


# -- rounding ------------------------------------------------------------------------------

@pytest.mark.parametrize("numerator, denominator, expected", [
    (5, 10, 1), (4, 10, 0), (15, 10, 2), (14, 10, 1), (25, 10, 3),
    (499, 1000, 0), (500, 1000, 1), (501, 1000, 1), (1499, 1000, 1), (1500, 1000, 2),
    (1, 3, 0), (2, 3, 1), (0, 7, 0), (10, 5, 2),
    # half away from zero for negatives
    (-5, 10, -1), (-4, 10, 0), (-15, 10, -2), (-1499, 1000, -1),
    (5, -10, -1), (-5, -10, 1), (4, -10, 0),
])
def test_div_half_up(numerator, denominator, expected):
    assert div_half_up(numerator, denominator) == expected


def test_div_half_up_by_zero_is_an_error():
    with pytest.raises(ZeroDivisionError):
        div_half_up(1, 0)


@pytest.mark.parametrize("quantity, places, price_fen, fen, what", [
    (1, 3, 500, 1, "0.001 kg x 5.00 = 0.005 -> 0.01"),
    (1234, 3, 1, 1, "1.234 kg x 0.01 = 0.01234 -> 0.01"),
    (500, 3, 1, 1, "0.5 x 0.01 = 0.005 -> 0.01"),
    (499, 3, 1, 0, "0.499 x 0.01 = 0.00499 -> 0.00"),
    (1500, 3, 1, 2, "1.5 x 0.01 = 0.015 -> 0.02"),
    (1499, 3, 1, 1, "1.499 x 0.01 = 0.01499 -> 0.01"),
    (2675, 3, 100, 268, "2.675 x 1.00 = 2.675 -> 2.68 (float round() gives 2.67)"),
    (335, 3, 300, 101, "0.335 x 3.00 = 1.005 -> 1.01"),
    (333, 3, 10005, 3332, "0.333 x 100.05 = 33.31665 -> 33.32"),
    (12345, 3, 70, 864, "12.345 kg x 0.70 = 8.6415 -> 8.64"),
    (88350, 3, 5000, 441750, "88.350 kg x 50.00 = 4417.50"),
    (2500, 3, 11000, 27500, "2.5 days x 110.00 = 275.00"),
    (0, 3, 5000, 0, "nothing weighed"),
    (100000, 3, 0, 0, "free leaf"),
    (999_999_999, 3, 9_999_999, 9_999_998_990_000,
     "999,999.999 kg x 99,999.99 = 99,999,989,900.00001 -> 99,999,989,900.00"),
    (999_999_999, 3, 10_000_000, 10 ** 13 - 10_000, "999,999.999 x 100,000.00, exact"),
    (1, 3, -500, -1, "negative: half away from zero"),
])
def test_product_rounds_once_half_up_to_the_fen(quantity, places, price_fen, fen, what):
    assert product(quantity, places, price_fen) == fen, what


def test_product_sheets_have_two_places():
    # 1.25 sheets x 55.50 yuan = 69.375 -> 69.38
    assert product(125, money.SHEET_PLACES, 5550) == 6938
    # 0.01 sheet x 0.49 yuan = 0.0049 -> 0.00
    assert product(1, money.SHEET_PLACES, 49) == 0


# -- showing -------------------------------------------------------------------------------

@pytest.mark.parametrize("fen, text", [
    (441750, "4417.50"), (0, "0.00"), (5, "0.05"), (50, "0.50"), (100, "1.00"),
    (-5, "-0.05"), (-100, "-1.00"), (-441750, "-4417.50"),
    (9_999_998_990_000, "99999989900.00"), (10 ** 10, "100000000.00"),
])
def test_yuan(fen, text):
    assert money.yuan(fen) == text


@pytest.mark.parametrize("grams, text", [
    (88350, "88.350"), (1, "0.001"), (0, "0.000"), (1000, "1.000"), (999_999_999, "999999.999"),
    (-1, "-0.001"), (-88350, "-88.350"),
])
def test_kg(grams, text):
    assert money.kg(grams) == text


@pytest.mark.parametrize("hundredths, text", [
    (200, "2.00"), (150, "1.50"), (1, "0.01"), (0, "0.00"), (-25, "-0.25"), (-150, "-1.50"),
])
def test_sheets(hundredths, text):
    assert money.sheets(hundredths) == text


@pytest.mark.parametrize("thousandths, text", [
    (1500, "1.5"), (1000, "1"), (10000, "10"), (0, "0"), (1, "0.001"), (1250, "1.25"),
    (-500, "-0.5"), (-2000, "-2"),
])
def test_quantity_shows_significant_decimals_only(thousandths, text):
    assert money.quantity(thousandths) == text


def test_to_decimal_units_is_exact():
    assert money.to_decimal_units(441750, 2) == Decimal("4417.50")
    assert str(money.to_decimal_units(-5, 2)) == "-0.05"
    assert money.to_decimal_units(999_999_999, 3) == Decimal("999999.999")


@pytest.mark.parametrize("numerator, denominator, places, units", [
    (1, 3, 2, 33), (2, 3, 2, 67), (1, 8, 2, 13), (88350, 2, 0, 44175), (5, 0, 2, 0),
])
def test_ratio_half_up_and_zero_when_undefined(numerator, denominator, places, units):
    assert money.ratio(numerator, denominator, places) == units
