"""What a new wage sheet starts from: the season's latest wage and its tasks."""
from __future__ import annotations

from dataclasses import dataclass

from ledger import models

Wage, Season = models.Wage, models.Season


@dataclass(frozen=True)
class LastWage:
    task: str
    rate: int   # fen per unit
    unit: str


class Wages:
    @staticmethod
    def last(season: str) -> LastWage | None:
        """The season's latest wage: a new sheet most often repeats its task, rate and unit."""
        row = (Wage.select(Wage.task, Wage.rate, Wage.unit)
               .join(Season, on=(Wage.season == Season.id)).where(Season.code == season)
               .order_by(Wage.id.desc()).tuples().first())
        return LastWage(*row) if row else None

    @staticmethod
    def tasks(season: str, limit: int = 50) -> list[str]:
        """The tasks wages of the season were paid for (up to `limit`)."""
        return [task for (task,) in Wage.select(Wage.task).distinct()
                .join(Season, on=(Wage.season == Season.id))
                .where(Season.code == season).limit(limit).tuples()]
