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
from typing import Any, Callable

from ledger import spellings
from ledger.io import formulas
from ledger.rules import Problem
from ledger.spellings import DATE_COLUMNS, day

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_COMMAS = re.compile(r"[-+]?[0-9,]*[0-9][0-9,]*(?:\.[0-9]+)?")

MONEY_UNITS = ("元",)
PRICE_UNITS = ("元/公斤", "元/kg", "元/千克", "元")
WEIGHT_UNITS = ("公斤", "千克", "kg")

DIRECTIONS = {"付给农户": "to_household", "支付给农户": "to_household", "付农户": "to_household",
              "农户交来": "from_household", "农户交回": "from_household",
              "交来": "from_household", "收农户": "from_household"}
METHODS = {"现金": "cash", "银行": "bank", "银行卡": "bank", "银行存款": "bank",
           "转账": "transfer", "银行转账": "transfer", "微信": "wechat", "微信支付": "wechat",
           "支付宝": "alipay"}


def number(units: tuple[str, ...] = ()) -> Callable[[Any], str]:
    """A number, with its unit and thousands separators dropped."""
    def clean(value: Any) -> str:
        text = spellings.text_of(value)
        if _PLAIN_NUMBER.fullmatch(text):
            return text
        plain = spellings.plain(text)
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


def code(value: Any) -> str:
    text = spellings.text_of(value)
    return text if _PLAIN_CODE.fullmatch(text) else spellings.plain(text)


def choice(words: dict[str, str]) -> Callable[[Any], str]:
    """A choice, also by its Chinese word (现金 → cash)."""
    def clean(value: Any) -> str:
        text = spellings.text_of(value)
        return words.get(spellings.plain(text), text)
    return clean


def text(value: Any) -> str:
    return spellings.text_of(value)


def file_text(value: Any) -> str:
    """Free text from a file, with the guard the CSV export puts before a formula-like
    text taken off (`ledger.io.formulas`); what is typed into a form keeps its quote."""
    return formulas.unguarded(spellings.text_of(value))


money = number(MONEY_UNITS)

#: The cleaner of every canonical column; a column not named here is free text.
CLEANERS: dict[str, Callable[[Any], str]] = {
    **dict.fromkeys(DATE_COLUMNS, day),
    **dict.fromkeys(("amount", "deduction", "rate", "debit", "credit"), money),
    "price": number(PRICE_UNITS),
    "kg": number(WEIGHT_UNITS),
    **dict.fromkeys(("sheets", "quantity", "shares"), number()),
    **dict.fromkeys(("code", "season", "batch", "supplier", "buyer", "owner", "household",
                     "payer", "recipient", "account"), code),
    "direction": choice(DIRECTIONS),
    "method": choice(METHODS),
}


def row_cleaner(columns: list[tuple[int, str]]) -> Callable[[list], tuple[dict, dict]]:
    """For a file whose cell `index` holds `column`: a function making a row's cells
    canonical text by column, with the problems of the cells that could not be."""
    plan = [(index, column, CLEANERS.get(column, file_text)) for index, column in columns]

    def clean(cells: list) -> tuple[dict[str, str], dict[str, Problem]]:
        cleaned: dict[str, str] = {}
        problems: dict[str, Problem] = {}
        for index, column, cleaner in plan:
            try:
                cleaned[column] = cleaner(cells[index])
            except Problem as problem:
                problems[column] = problem
                cleaned[column] = spellings.text_of(cells[index])
        return cleaned, problems
    return clean
