"""Dates as an accountant types them into a form: 2026-04-05, 4-5, 4月5日, today.

A form knows the season it records into, so a day without a year takes the season's
year. The spellings with a year are read by `ledger.spellings`, as the importer reads
them, so a form and an imported file understand the same dates. A day that does not exist, or
one whose year could be either of a season's two years, is refused: never guessed.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from ledger import i18n, spellings
from ledger.rules import Problem, read_date

TODAY = ("today", "今天", "今日")
_MONTH_DAY = (re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})"),
              re.compile(r"([0-9]{1,2})月([0-9]{1,2})[日号]?"))

TEXTS = {
    "entry_date_unreadable": ("'{value}' is not a date: write 2026-04-05, 4-5, 4月5日 or today",
                              "“{value}”不是日期：请写 2026-04-05、4-5、4月5日 或 今天"),
    "entry_date_impossible": ("there is no day {value} in {year}", "{year} 年没有 {value} 这一天"),
    "entry_date_year_unclear": ("'{value}' is outside season {season}, in either of its years; "
                                "write the year: {first} or {second}",
                                "“{value}”在蚕季 {season} 的两个年份中都不在季内；"
                                "请写明年份：{first} 或 {second}"),
}
i18n.register(TEXTS)


class Span(Protocol):
    """What a day without a year is read against: a season (SeasonRef or model)."""

    code: str
    start: date
    end: date


def read_entry_date(text: str, season: Span | None = None, today: date | None = None) -> date:
    """The date `text` names; a month and day take the year of `season`, else of today.

    Raises `Problem` (a message key and its parameters) when `text` is no date.
    """
    today = today or date.today()
    plain = spellings.plain(str(text))
    if plain.lower() in TODAY:
        return today
    for pattern in _MONTH_DAY:
        match = pattern.fullmatch(plain)
        if match:
            return _month_day(plain, int(match[1]), int(match[2]), season, today)
    try:
        return read_date(spellings.day(plain))
    except Problem:
        raise Problem("entry_date_unreadable", value=plain[:40]) from None


def _month_day(text: str, month: int, day: int, season: Span | None, today: date) -> date:
    years = sorted({season.start.year, season.end.year}) if season else [today.year]
    days = [found for found in (_day(year, month, day) for year in years) if found]
    if not days:
        raise Problem("entry_date_impossible", value=text, year=years[0])
    if len(days) == 1:
        return days[0]
    within = [found for found in days if season.start <= found <= season.end]
    if len(within) == 1:
        return within[0]
    raise Problem("entry_date_year_unclear", value=text, season=season.code,
                  first=days[0].isoformat(), second=days[1].isoformat())


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
