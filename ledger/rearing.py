"""The rearing calendar: when a village's silkworm rounds (蚕季) usually start and end.

Silkworms are reared in a few rounds a year, each starting when the mulberry leaf is
ready: spring (春蚕) in April, summer (夏蚕) in June, autumn (秋蚕) in August, each some
six weeks from hatching to the sale of the cocoons. Nothing is reared in winter. A new
ledger's first season, or the next one, is proposed from this calendar, so that the
accountant setting up in December is offered the coming spring, not a "spring" season
starting that very day. The demo village is laid out on the same rounds.

A proposal only: the accountant types the real dates, which `ledger.rules` judges.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Round:
    """One rearing round of the year: its text key (`round.spring`), the month and day
    it usually starts on, and the days it usually lasts."""

    key: str
    start: tuple[int, int]
    days: int = 45


#: The rounds of a year in order, as the cooperative's villages rear them.
ROUNDS = (Round("round.spring", (4, 8)), Round("round.summer", (6, 5)),
          Round("round.autumn", (8, 10)))


@dataclass(frozen=True)
class Proposal:
    """A season to propose: its code (`2027-1`, the year and the round's number), the
    round, and its usual first and last day."""

    code: str
    round: Round
    start: date
    end: date


def next_round(today: date) -> Proposal:
    """The round under way on `today`, else the next one to start: in December, the
    spring round of the coming year."""
    for year in (today.year, today.year + 1):
        for number, rearing in enumerate(ROUNDS, start=1):
            start = date(year, *rearing.start)
            end = start + timedelta(days=rearing.days)
            if today <= end:
                return Proposal(f"{year}-{number}", rearing, start, end)
    raise AssertionError("a year always has a round to come")  # pragma: no cover
