"""Each party's income, cost, payments and balance for one season (docs/accounting.md,
"Income per season").

Every figure is a sum the writer keeps per season and party (`ledger.flows`), so a
report's cost follows the households, not the season's records; Python merely arranges
the sums by party. Balances over history come from the per-season account balances that
posting keeps, so their cost follows the number of seasons, not of records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from peewee import fn

from ledger import balances, chart, flows, models
from ledger.errors import LedgerError
from ledger.seal import raw_rows


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
    #: Party id -> what general vouchers (a loan, a dividend) dated since the season
    #: before ended and up to this one's end moved on its 内部往来, credit-positive:
    #: part of its balance, not of its income.
    general: dict[int, int] = field(default_factory=dict)

    def __post_init__(self):
        self.totals = PartyIncome(0, "", "", "total")
        for name in SUMMED:
            setattr(self.totals, name, sum(getattr(party, name) for party in self.parties))


def find_season(code: str) -> models.Season:
    season = models.Season.get_or_none(models.Season.code == code.strip().upper())
    if season is None:
        raise LedgerError("no_such_season", code=code)
    return season


def season_income(season: models.Season, parties: list[int] | None = None) -> SeasonIncome:
    """Every household (zeros included) and the collective, for `season`; or only the
    parties with the given ids (one household's sheet need not sum the village)."""
    return assemble(season, party_rows(parties), flows.kept(season, parties),
                    _balances_through(season, parties=parties))


def party_rows(parties: list[int] | None = None) -> list[tuple]:
    """The households and the collective (or those of `parties`), as `assemble` takes
    them."""
    Party = models.Party
    query = Party.select(Party.id, Party.code, Party.name, Party.kind, Party.group).where(
        Party.kind.in_(("household", "collective")))
    if parties is not None:
        query = query.where(Party.id.in_(parties))
    return list(raw_rows(query.order_by(Party.kind == "collective", Party.code)))


def assemble(season: models.Season, parties: list[tuple], sums, balances) -> SeasonIncome:
    """A season's figures from its summed flows (party id, figure, sum) and balances
    (party id, fen): the one place a season report is put together."""
    found = {row[0]: PartyIncome(*row) for row in parties}
    for party_id, figure, value in sums:
        party = found.get(party_id)
        if party is not None and value:
            setattr(party, figure, getattr(party, figure) + value)
    collective = next((p for p in found.values() if p.kind == "collective"), None)
    if collective is not None:  # the households' charges are what the collective charged
        collective.charge_income = sum(p.charge_cost for p in found.values())
    for party_id, balance in balances:
        if party_id in found:
            found[party_id].balance = balance
    return SeasonIncome(season, list(found.values()))


#: Seasons summed at once over all history: memory follows this, not the history.
SEASONS_AT_ONCE = 16


def season_runs() -> Iterator[list[models.Season]]:
    """Every season in order, a run of SEASONS_AT_ONCE at a time."""
    ordered = seasons()
    for start in range(0, len(ordered), SEASONS_AT_ONCE):
        yield ordered[start:start + SEASONS_AT_ONCE]


def every_season() -> Iterator[SeasonIncome]:
    """Every season's figures in order, from the kept figures of a run of seasons at
    once: what `check` compares the balances with, a run of seasons in memory at a
    time (`check` also counts the kept figures afresh from the records)."""
    parties = party_rows()
    Account, AccountBalance = models.Account, models.AccountBalance
    internal = Account.select(Account.id).where(Account.code == chart.INTERNAL)
    running: dict[int, int] = {}
    general = _general_movements(internal)
    for run in season_runs():
        ids = [season.id for season in run]
        by_season: dict[int, list] = {}
        for season_id, party_id, figure, value in flows.kept(among=ids):
            by_season.setdefault(season_id, []).append((party_id, figure, value))
        movements: dict[int, list] = {}
        for season_id, party_id, net in raw_rows(
                AccountBalance.select(AccountBalance.season, Account.party,
                                      fn.SUM(AccountBalance.credit - AccountBalance.debit))
                .join(Account, on=(AccountBalance.account == Account.id))
                .where(Account.parent.in_(internal) & AccountBalance.season.in_(ids))
                .group_by(AccountBalance.season, Account.party)):
            movements.setdefault(season_id, []).append((party_id, net))
        for season in run:
            for party_id, net in movements.get(season.id, []):
                running[party_id] = running.get(party_id, 0) + net
            window: dict[int, int] = {}
            while general and general[0][0] <= season.end:
                _, party_id, net = general.pop(0)
                window[party_id] = window.get(party_id, 0) + net
                running[party_id] = running.get(party_id, 0) + net
            report = assemble(season, parties, by_season.get(season.id, []), running.items())
            report.general = window
            yield report


def _general_movements(internal) -> list[tuple]:
    """(date, party id, credit − debit) of every posting of a voucher of no season on a
    household's 内部往来, oldest first: few, and summed into the seasons by date."""
    Account, Voucher, Posting = models.Account, models.Voucher, models.Posting
    return [(models.Voucher.date.python_value(day), party, net) for day, party, net in raw_rows(
        Posting.select(Voucher.date, Account.party, fn.SUM(Posting.credit - Posting.debit))
        .join(Voucher).switch(Posting)
        .join(Account, on=(Posting.account == Account.id))
        .where(Voucher.season.is_null() & Account.parent.in_(internal))
        .group_by(Voucher.date, Account.party).order_by(Voucher.date))]


def balances_before(season: models.Season, parties: list[int] | None = None) -> dict[int, int]:
    """Each household's balance carried into `season` (party id -> fen), from its 内部往来
    account over the seasons before it; only `parties`' if given."""
    return dict(_balances_through(season, before=True, parties=parties))


def _balances_through(season: models.Season, before: bool = False,
                      parties: list[int] | None = None) -> list[tuple[int, int]]:
    """Each household's 内部往来 credit balance over all seasons up to `season` (or only
    those before it), from the balances kept by posting."""
    Account = models.Account
    internal = Account.select(Account.id).where(Account.code == chart.INTERNAL)
    accounts = Account.select(Account.id).where(Account.parent.in_(internal))
    if parties is not None:
        accounts = accounts.where(Account.party.in_(parties))
    owner = dict(raw_rows(Account.select(Account.id, Account.party)
                          .where(Account.id.in_(accounts))))
    sums = balances.account_sums(season, before, accounts)
    return [(owner[account], credit - debit) for account, (debit, credit) in sums.items()]


def seasons() -> list[models.Season]:
    return list(models.Season.select().order_by(models.Season.start))

