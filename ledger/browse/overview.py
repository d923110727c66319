"""The season at a glance, and what needs the accountant's attention (the home screen)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import SQL, Case, fn

from ledger import models, money
from ledger.browse.seasons import Season, Seasons
from ledger.income import PartyIncome

Batch, Party = models.Batch, models.Party

STAGES = ("hatched", "mounted", "harvested")
#: GROUP BY the first column by its place: a CASE written again after GROUP BY carries
#: its values as new parameters, and PostgreSQL does not take it for the same expression.
BY_FIRST = SQL("1")


@dataclass
class Glance:
    """The season at a glance (fen, grams, hundredths of a sheet)."""

    season: Season
    stages: dict[str, int]   # hatched | mounted | harvested -> batches
    sheets: int
    cocoon_grams: int
    cocoon_income: int
    wages: int
    collective_net: int
    owed_to_households: int  # the sum of the balances the collective owes
    owed_by_households: int  # the sum of those households owe, as a positive number
    households_owed: int

    @property
    def batches(self) -> int:
        return sum(self.stages.values())

    @property
    def kg_per_sheet(self) -> int | None:
        """Grams per sheet, or None without sheets."""
        return money.per_sheet(self.cocoon_grams, self.sheets)


@dataclass
class YieldBar:
    label: str   # a village group, or "" for the collective's own batches
    sheets: int
    cocoon_grams: int

    @property
    def kg_per_sheet(self) -> int:
        return money.per_sheet(self.cocoon_grams, self.sheets) or 0


@dataclass
class UnsoldBatch:
    code: str
    owner: str
    owner_name: str
    harvest: date


class Overview:
    """The home screen's reads; the season's figures come from `seasons`."""

    def __init__(self, seasons: Seasons):
        self.seasons = seasons

    def glance(self, season: Season, today: date | None = None) -> Glance:
        today = today or date.today()
        harvested = Batch.harvest.is_null(False) & (Batch.harvest <= today)
        mounted = Batch.mount.is_null(False) & (Batch.mount <= today)
        stage = Case(None, [(harvested, "harvested"), (mounted, "mounted")], "hatched")
        stages = dict.fromkeys(STAGES, 0)
        for name, count in (Batch.select(stage, fn.COUNT(Batch.id)).where(Batch.season == season)
                            .group_by(BY_FIRST).tuples()):
            stages[name] = count
        report = self.seasons.report(season)
        totals = report.totals
        collective = next(p for p in report.parties if p.kind == "collective")
        balances = [p.balance for p in report.parties if p.kind == "household"]
        wages = (models.Wage.select(fn.SUM(models.Wage.amount))
                 .where(models.Wage.season == season).scalar() or 0)
        return Glance(season, stages, totals.sheets, totals.cocoon_grams, totals.cocoon_income,
                      wages, collective.net_income, sum(b for b in balances if b > 0),
                      -sum(b for b in balances if b < 0), sum(1 for b in balances if b > 0))

    @staticmethod
    def yield_by_group(season: Season) -> list[YieldBar]:
        """Sheets and cocoons sold per village group (the collective's batches as one
        group, labelled "", last); groups by name (the reports know their numbered order)."""
        Sale = models.CocoonSale
        label = Case(None, [(Party.kind == "collective", "")], Party.group)
        sheets = dict(Batch.select(label, fn.SUM(Batch.sheets))
                      .join(Party, on=(Batch.owner == Party.id))
                      .where(Batch.season == season).group_by(BY_FIRST).tuples())
        grams = dict(Sale.select(label, fn.SUM(Sale.grams)).join(Batch, on=(Sale.batch == Batch.id))
                     .join(Party, on=(Batch.owner == Party.id)).where(Sale.season == season)
                     .group_by(BY_FIRST).tuples())
        names = sorted(sheets, key=lambda name: (name == "", name))
        return [YieldBar(name, sheets[name], grams.get(name, 0)) for name in names]

    @staticmethod
    def unsold_batches(season: Season, today: date | None = None,
                       limit: int = 50) -> tuple[list[UnsoldBatch], int]:
        """Batches harvested by `today` with no cocoon sale recorded (up to `limit`, oldest
        harvest first), and how many there are in all."""
        today = today or date.today()
        Sale = models.CocoonSale
        sold = Sale.select(Sale.id).where(Sale.batch == Batch.id)
        where = ((Batch.season == season) & Batch.harvest.is_null(False)
                 & (Batch.harvest <= today) & ~fn.EXISTS(sold))
        count = Batch.select().where(where).count()
        rows = (Batch.select(Batch.code, Party.code, Party.name, Batch.harvest)
                .join(Party, on=(Batch.owner == Party.id))
                .where(where).order_by(Batch.harvest, Batch.code).limit(limit).tuples())
        return [UnsoldBatch(*row) for row in rows], count

    def households_owed(self, season: Season, limit: int = 50) -> tuple[list[PartyIncome], int]:
        """Households the collective owes money after the season, the largest debt first."""
        owed = [p for p in self.seasons.report(season).parties
                if p.kind == "household" and p.balance > 0]
        owed.sort(key=lambda p: (-p.balance, p.code))
        return owed[:limit], len(owed)
