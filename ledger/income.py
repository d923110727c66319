"""Each party's income, cost, payments and balance for one season (DOMAIN.md, "Income").

Every figure is summed by the database, one GROUP BY per kind of flow over that season's
rows only; Python merely arranges the sums by party. Balances over history come from the
per-season account balances that posting keeps, so their cost follows the number of
seasons, not of records.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from peewee import Case, fn

from ledger import chart, models
from ledger.errors import LedgerError


@dataclass
class PartyIncome:
    """One household's, or the collective's, figures for a season (fen, grams, 1/100 sheet)."""

    id: int
    code: str
    name: str
    kind: str
    group: str = ""
    sheets: int = 0
    cocoon_grams: int = 0
    cocoon_income: int = 0
    leaf_income: int = 0
    wage_income: int = 0
    charge_income: int = 0
    subsidy_income: int = 0
    leaf_cost: int = 0
    input_cost: int = 0
    wage_cost: int = 0
    charge_cost: int = 0
    paid: int = 0
    balance: int = 0

    @property
    def income(self) -> int:
        return (self.cocoon_income + self.leaf_income + self.wage_income
                + self.charge_income + self.subsidy_income)

    @property
    def cost(self) -> int:
        return self.leaf_cost + self.input_cost + self.wage_cost + self.charge_cost

    @property
    def net_income(self) -> int:
        return self.income - self.cost


#: The figures that add up across parties.
SUMMED = ("sheets", "cocoon_grams", "cocoon_income", "leaf_income", "wage_income",
          "charge_income", "subsidy_income", "leaf_cost", "input_cost", "wage_cost",
          "charge_cost", "paid", "balance")


@dataclass
class SeasonIncome:
    season: models.Season
    parties: list[PartyIncome]
    totals: PartyIncome = field(init=False)

    def __post_init__(self):
        self.totals = PartyIncome(0, "", "", "total")
        for party in self.parties:
            for name in SUMMED:
                setattr(self.totals, name, getattr(self.totals, name) + getattr(party, name))


def find_season(code: str) -> models.Season:
    season = models.Season.get_or_none(models.Season.code == code)
    if season is None:
        raise LedgerError("no_such_season", code=code)
    return season


def season_income(season: models.Season) -> SeasonIncome:
    """Every household (zeros included) and the collective, for `season`."""
    parties = {
        row.id: PartyIncome(row.id, row.code, row.name, row.kind, row.group)
        for row in (models.Party.select()
                    .where(models.Party.kind.in_(("household", "collective")))
                    .order_by(models.Party.kind == "collective", models.Party.code))
    }
    collective = next(p for p in parties.values() if p.kind == "collective")

    def add(figure: str, rows) -> None:
        for party_id, value in rows:
            if party_id in parties:
                setattr(parties[party_id], figure, getattr(parties[party_id], figure) + value)

    for figure, rows in _flows(season):
        add(figure, rows)
    collective.charge_income = sum(p.charge_cost for p in parties.values())
    add("balance", _balances_through(season))
    return SeasonIncome(season, list(parties.values()))


def _flows(season: models.Season):
    """(figure, [(party id, sum)]) for every flow of the season, summed in the database."""
    B = models.Batch
    yield "sheets", _sum(B.select(B.owner, fn.SUM(B.sheets)).where(B.season == season)
                         .group_by(B.owner))
    S = models.CocoonSale
    sales = list(S.select(B.owner, fn.SUM(S.grams), fn.SUM(S.amount)).join(B)
                 .where(S.season == season).group_by(B.owner).tuples())
    yield "cocoon_grams", [(owner, grams) for owner, grams, _ in sales]
    yield "cocoon_income", [(owner, amount) for owner, _, amount in sales]
    L, I, W = models.LeafDelivery, models.Input, models.Wage
    yield "leaf_income", _sum(L.select(L.supplier, fn.SUM(L.amount)).where(L.season == season)
                              .group_by(L.supplier))
    yield "leaf_cost", _sum(L.select(B.owner, fn.SUM(L.amount)).join(B)
                            .where(L.season == season).group_by(B.owner))
    yield "input_cost", _sum(I.select(B.owner, fn.SUM(I.amount)).join(B)
                             .where(I.season == season).group_by(B.owner))
    yield "wage_income", _sum(W.select(W.household, fn.SUM(W.amount)).where(W.season == season)
                              .group_by(W.household))
    yield "wage_cost", _sum(W.select(W.payer, fn.SUM(W.amount)).where(W.season == season)
                            .group_by(W.payer))
    C, U, P = models.Charge, models.Subsidy, models.Payment
    yield "charge_cost", _sum(C.select(C.household, fn.SUM(C.amount)).where(C.season == season)
                              .group_by(C.household))
    yield "subsidy_income", _sum(U.select(U.recipient, fn.SUM(U.amount))
                                 .where(U.season == season).group_by(U.recipient))
    signed = Case(None, [(P.direction == "to_household", P.amount)], P.amount * -1)
    yield "paid", _sum(P.select(P.household, fn.SUM(signed)).where(P.season == season)
                       .group_by(P.household))


def _sum(query) -> list[tuple[int, int]]:
    return [(party, value or 0) for party, value in query.tuples()]


def _balances_through(season: models.Season) -> list[tuple[int, int]]:
    """Each household's 内部往来 credit balance over all seasons up to `season`."""
    A, AB, S = models.Account, models.AccountBalance, models.Season
    internal = A.select(A.id).where(A.code == chart.INTERNAL)
    query = (AB.select(A.party, fn.SUM(AB.credit - AB.debit))
             .join(A, on=(AB.account == A.id))
             .join(S, on=(AB.season == S.id))
             .where((A.parent.in_(internal)) & (S.start <= season.start))
             .group_by(A.party))
    return _sum(query)


def seasons() -> list[models.Season]:
    return list(models.Season.select().order_by(models.Season.start))

