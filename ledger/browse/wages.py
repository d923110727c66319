"""What a new wage sheet starts from: the season's latest wage, the first day of the sheet
it was saved with, and the season's tasks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from ledger import models

Wage, Season, Change = models.Wage, models.Season, models.Change

#: The audit trail's actions that add wages as typed: a wage sheet or a file (both
#: `book.record_many`), and the entry form (`book.record`).
TYPED_IN = ("import", "record")


@dataclass(frozen=True)
class LastWage:
    task: str
    rate: int   # fen per unit
    unit: str
    first_day: date  # the first day of the sheet (or the write) it was saved with


class Wages:
    @staticmethod
    def last(season: str) -> LastWage | None:
        """The season's latest wage: a new sheet most often repeats its task, rate and
        unit, and starts on the day the last one started."""
        row = (Wage.select(Wage.id, Wage.task, Wage.rate, Wage.unit, Wage.date, Wage.season)
               .join(Season, on=(Wage.season == Season.id)).where(Season.code == season)
               .order_by(Wage.id.desc()).tuples().first())
        if not row:
            return None
        wage_id, task, rate, unit, day, season_id = row
        written = (Change.select(Change.first_id, Change.last_id)
                   .where((Change.kind == "wages") & Change.action.in_(TYPED_IN)
                          & (Change.first_id <= wage_id) & (Change.last_id >= wage_id))
                   .order_by(Change.id.desc()).tuples().first())
        if written:
            first = fn.MIN(Wage.date).python_value(Wage.date.python_value)
            day = (Wage.select(first)
                   .where((Wage.season == season_id) & Wage.id.between(*written)).scalar()
                   or day)
        return LastWage(task, rate, unit, day)

    @staticmethod
    def tasks(season: str, limit: int = 50) -> list[str]:
        """The tasks wages of the season were paid for (up to `limit`)."""
        return [task for (task,) in Wage.select(Wage.task).distinct()
                .join(Season, on=(Wage.season == Season.id))
                .where(Season.code == season).limit(limit).tuples()]
