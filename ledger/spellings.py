"""How people spell numbers and dates, made plain: one rule for the importer's cleaning
(`ledger.io.cleaning`) and the entry forms (`ledger.entry_dates`), so a form and an
imported file understand the same things.

Full-width forms are made plain (１２３．５ → 123.5) and dashes made minus. Only ASCII and
full-width digits are digits: Unicode has many other characters that are digits to it
(superscripts ², subscripts ₅, circled ①, Arabic-Indic ٣ ...), and compatibility
normalisation would silently turn `1²` into 12. Such a character is refused, never read.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ledger.rules import Problem

#: The columns that hold a date, in every kind that has them.
DATE_COLUMNS = frozenset({"date", "start", "end", "hatch", "mount", "harvest"})

_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_PARTS = (re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})"),
               re.compile(r"([0-9]{4})(年)([0-9]{1,2})月([0-9]{1,2})[日号]?"))
_COMPACT_DATE = re.compile(r"((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})")
_MIDNIGHT = re.compile(r"(?:\s+|T)0?0:00(?::00)?$")
_AMBIGUOUS_DATE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,4})?"
                             r"|(?:[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}[日号]?")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})
_FULL_WIDTH_DIGITS = frozenset("０１２３４５６７８９")


def plain(text: str) -> str:
    """Full-width forms made plain, dashes made minus, trimmed; a character that is a
    digit to Unicode but neither ASCII nor full-width is a Problem (`1²`, `₅`)."""
    if text.isascii():  # already plain: most cells of most files
        return text.strip()
    for char in text:
        if (not char.isascii() and char not in _FULL_WIDTH_DIGITS
                and unicodedata.digit(char, None) is not None):
            raise Problem("odd_digit", value=text.strip()[:40], char=char,
                          code=f"{ord(char):04X}")
    return unicodedata.normalize("NFKC", text).translate(_MINUS).strip()


def text_of(value: Any) -> str:
    """A spreadsheet value as text: floats exactly as Python shows them, never rounded."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def day(value: Any) -> str:
    """A date as YYYY-MM-DD, from the spellings that say the year first; what is not a
    date is given back as typed, for the rules to refuse (`ledger.rules.read_date`)."""
    if isinstance(value, (date, datetime)):
        return text_of(value)
    text = text_of(value)
    if _PLAIN_DATE.fullmatch(text):
        return text
    plain_text = _MIDNIGHT.sub("", plain(text))
    for pattern in _DATE_PARTS:
        match = pattern.fullmatch(plain_text)
        if match:
            return _iso(int(match[1]), int(match[3]), int(match[4]), text)
    match = _COMPACT_DATE.fullmatch(plain_text)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]), text)
    if _AMBIGUOUS_DATE.fullmatch(plain_text):
        raise Problem("import_ambiguous_date", value=text.strip())
    return text


def _iso(year: int, month: int, day_: int, text: str) -> str:
    try:
        return date(year, month, day_).isoformat()
    except ValueError:
        return text  # the rules say it is not a date, showing what was typed
