"""What people type, made canonical before `ledger.rules` judges it.

Cells from other people's files carry full-width digits (１２３．５), thousands separators,
units (元, 公斤), dates in local spellings (2026/4/5, 2026年4月5日), Chinese choices
(现金, 付给农户) and spreadsheet values (numbers, dates). Each column's cleaner turns such
a cell into the canonical text of docs/formats.md, and nothing else: whether the value is then
right (decimals, ranges, codes that exist) is for the rules to say. What could be read two
ways (4/5/26, 12,34, 斤) is a problem here, never a guess.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from ledger.rules import Problem

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_COMMAS = re.compile(r"[-+]?[0-9,]*[0-9][0-9,]*(?:\.[0-9]+)?")
_DATE_PARTS = (re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})"),
               re.compile(r"([0-9]{4})(年)([0-9]{1,2})月([0-9]{1,2})[日号]?"))
_COMPACT_DATE = re.compile(r"((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})")
_MIDNIGHT = re.compile(r"(?:\s+|T)0?0:00(?::00)?$")
_AMBIGUOUS_DATE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,4})?"
                             r"|(?:[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}[日号]?")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})

MONEY_UNITS = ("元",)
PRICE_UNITS = ("元/公斤", "元/kg", "元/千克", "元")
WEIGHT_UNITS = ("公斤", "千克", "kg")

DIRECTIONS = {"付给农户": "to_household", "支付给农户": "to_household", "付农户": "to_household",
              "农户交来": "from_household", "农户交回": "from_household",
              "交来": "from_household", "收农户": "from_household"}
METHODS = {"现金": "cash", "银行": "bank", "银行转账": "bank", "转账": "bank",
           "银行卡": "bank", "银行存款": "bank"}


def _plain(text: str) -> str:
    """Full-width forms made plain (１２３．５ → 123.5), dashes made minus, trimmed."""
    if text.isascii():  # already plain: most cells of most files
        return text.strip()
    return unicodedata.normalize("NFKC", text).translate(_MINUS).strip()


def _text_of(value: Any) -> str:
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


def number(units: tuple[str, ...] = ()) -> Callable[[Any], str]:
    """A number, with its unit and thousands separators dropped."""
    def clean(value: Any) -> str:
        text = _text_of(value)
        if _PLAIN_NUMBER.fullmatch(text):
            return text
        plain = _plain(text)
        if plain.startswith("¥"):
            plain = plain[1:].strip()
        lowered = plain.lower()
        for unit in units:
            if lowered.endswith(unit):
                plain = plain[: len(plain) - len(unit)].strip()
                break
        if plain.endswith("斤") and "kg" in units or lowered.endswith("元/斤"):
            raise Problem("import_jin", value=text.strip())
        if "," in plain:
            if _THOUSANDS.fullmatch(plain):
                plain = plain.replace(",", "")
            elif _COMMAS.fullmatch(plain):
                raise Problem("import_ambiguous_number", value=text.strip())
        return plain if _PLAIN_NUMBER.fullmatch(plain.lstrip("+")) else text
    return clean


def day(value: Any) -> str:
    """A date as YYYY-MM-DD, from the spellings that say the year first."""
    if isinstance(value, (date, datetime)):
        return _text_of(value)
    text = _text_of(value)
    if _PLAIN_DATE.fullmatch(text):
        return text
    plain = _MIDNIGHT.sub("", _plain(text))
    for pattern in _DATE_PARTS:
        match = pattern.fullmatch(plain)
        if match:
            return _iso(int(match[1]), int(match[3]), int(match[4]), text)
    match = _COMPACT_DATE.fullmatch(plain)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]), text)
    if _AMBIGUOUS_DATE.fullmatch(plain):
        raise Problem("import_ambiguous_date", value=text.strip())
    return text


def _iso(year: int, month: int, day_: int, text: str) -> str:
    try:
        return date(year, month, day_).isoformat()
    except ValueError:
        return text  # the rules say it is not a date, showing what was typed


def code(value: Any) -> str:
    text = _text_of(value)
    return text if _PLAIN_CODE.fullmatch(text) else _plain(text)


def choice(words: dict[str, str]) -> Callable[[Any], str]:
    """A choice, also by its Chinese word (现金 → cash)."""
    def clean(value: Any) -> str:
        text = _text_of(value)
        return words.get(_plain(text), text)
    return clean


def text(value: Any) -> str:
    return _text_of(value)


money = number(MONEY_UNITS)

#: The cleaner of every canonical column; a column not named here is free text.
CLEANERS: dict[str, Callable[[Any], str]] = {
    **dict.fromkeys(("date", "start", "end", "hatch", "mount", "harvest"), day),
    **dict.fromkeys(("amount", "deduction", "rate"), money),
    "price": number(PRICE_UNITS),
    "kg": number(WEIGHT_UNITS),
    **dict.fromkeys(("sheets", "quantity", "shares"), number()),
    **dict.fromkeys(("code", "season", "batch", "supplier", "buyer", "owner", "household",
                     "payer", "recipient"), code),
    "direction": choice(DIRECTIONS),
    "method": choice(METHODS),
}


def row_cleaner(columns: list[tuple[int, str]]) -> Callable[[list], tuple[dict, dict]]:
    """For a file whose cell `index` holds `column`: a function making a row's cells
    canonical text by column, with the problems of the cells that could not be."""
    plan = [(index, column, CLEANERS.get(column, text)) for index, column in columns]

    def clean(cells: list) -> tuple[dict[str, str], dict[str, Problem]]:
        cleaned: dict[str, str] = {}
        problems: dict[str, Problem] = {}
        for index, column, cleaner in plan:
            try:
                cleaned[column] = cleaner(cells[index])
            except Problem as problem:
                problems[column] = problem
                cleaned[column] = _text_of(cells[index])
        return cleaned, problems
    return clean
