"""Exact numbers: money in fen, weights in grams, quantities in fixed decimals.

Everything that enters the ledger passes through `parse_fixed`, which turns text or a
Decimal into an integer count of the smallest unit and refuses, rather than rounds, a
value with more decimals than allowed. Arithmetic is on integers; `Decimal` appears only
when a value is read in or shown. A product is rounded once, half up, by `product`.
"""
from __future__ import annotations

import re
from decimal import Decimal

#: A plain decimal as people write it in a ledger: no exponent, no separators.
_DECIMAL_TEXT = re.compile(r"([+-]?)(?=\.?[0-9])([0-9]*)(?:\.([0-9]*))?")

#: Decimal places, and so the integer scale, of each kind of number the ledger keeps.
MONEY_PLACES = 2      # yuan -> fen
WEIGHT_PLACES = 3     # kg -> grams
SHEET_PLACES = 2      # sheets of eggs -> hundredths
QUANTITY_PLACES = 3   # days, bags, shares ... -> thousandths


class NumberError(ValueError):
    """A value that is not an acceptable number; `reason` is a message key."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


def parse_fixed(value, places: int, *, limit: int | None = None) -> int:
    """Return `value` (text, int or Decimal) as an integer count of 10**-places units.

    Refuses more decimals than `places` (never rounds), NaN and infinities, floats (they
    are not exact), and magnitudes beyond `limit` whole units. Every value is read as its
    plain decimal text, digit by digit, so no arithmetic context can round it.
    """
    if isinstance(value, str):
        return _parse_text(value, places, limit)
    if isinstance(value, bool) or isinstance(value, float):
        raise NumberError("not_exact")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NumberError("not_finite", value=str(value))
        if value and value.adjusted() > 18:  # before writing out all its digits
            raise NumberError("too_large", limit=10 ** 15 if limit is None else limit)
        if value and value.normalize().as_tuple().exponent < -places:
            raise NumberError("too_many_decimals", places=places)
        return _parse_text(format(value, "f"), places, limit)
    if isinstance(value, int):
        return _parse_text(str(value), places, limit)
    raise NumberError("not_a_number", value=str(value))


def _parse_text(value: str, places: int, limit: int | None) -> int:
    text = value.strip()
    if not text:
        raise NumberError("required")
    match = _DECIMAL_TEXT.fullmatch(text)
    if not match:
        raise NumberError("not_a_number", value=value)
    sign, whole, frac = match[1], match[2].lstrip("0"), (match[3] or "").rstrip("0")
    if len(frac) > places:
        raise NumberError("too_many_decimals", places=places)
    ceiling = 10 ** 15 if limit is None else limit
    units_whole = int(whole or 0) if len(whole) <= 18 else ceiling + 1
    if units_whole > ceiling or (units_whole == ceiling and frac):
        raise NumberError("too_large", limit=ceiling)
    units = units_whole * 10 ** places + int(frac.ljust(places, "0") or 0)
    return -units if sign == "-" else units


def div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero (四舍五入), for any signs."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    quotient, remainder = divmod(abs(numerator), denominator)
    if remainder * 2 >= denominator:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def product(quantity: int, quantity_places: int, price_fen: int) -> int:
    """Fen of `quantity` (in 10**-places units) times a price in fen, rounded once half up."""
    return div_half_up(quantity * price_fen, 10 ** quantity_places)


_ZEROS = ("0", *("0." + "0" * places for places in range(1, 7)))


def fixed_str(units: int, places: int) -> str:
    """Show an integer count of 10**-places units with exactly `places` decimals.

    Written as string slicing, not divmod and a format: a season report shows some
    twenty thousand figures, and this is most of what showing them costs."""
    if not units:  # half of a season's figures are nothing at all
        return _ZEROS[places] if places < len(_ZEROS) else "0." + "0" * places
    digits = str(-units if units < 0 else units)
    if not places:
        return f"-{digits}" if units < 0 else digits
    if len(digits) <= places:
        digits = digits.rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}"
    return f"-{text}" if units < 0 else text


def yuan(fen: int) -> str:
    """Fen shown as yuan with two decimals: 441750 -> '4417.50'."""
    return fixed_str(fen, MONEY_PLACES)


def kg(grams: int) -> str:
    """Grams shown as kg with three decimals: 88350 -> '88.350'."""
    return fixed_str(grams, WEIGHT_PLACES)


def sheets(hundredths: int) -> str:
    """Sheets shown with two decimals."""
    return fixed_str(hundredths, SHEET_PLACES)


def quantity(thousandths: int) -> str:
    """A quantity shown with its significant decimals only (1.500 -> '1.5')."""
    text = fixed_str(thousandths, QUANTITY_PLACES)
    return text.rstrip("0").rstrip(".")


def to_decimal_units(units: int, places: int) -> Decimal:
    """An integer count of 10**-places units as an exact Decimal, for the edges."""
    return Decimal(units).scaleb(-places)


def ratio(numerator: int, denominator: int, places: int) -> int:
    """numerator / denominator as a count of 10**-places units, half up; 0 when undefined."""
    if denominator == 0:
        return 0
    return div_half_up(numerator * 10 ** places, denominator)


def per_sheet(grams: int, sheets: int) -> int | None:
    """Cocoon grams per sheet (sheets in hundredths), half up to the gram; None without
    sheets. The one yield figure every screen, report and chart shows."""
    return ratio(grams, sheets, SHEET_PLACES) if sheets else None
