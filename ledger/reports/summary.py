"""The season summary for the notice board (财务公开表).

Every household's figures and the collective's come from the season report
(`ledger.income`), the collective's income statement (收益) from its accounts in the
journal, so the notice board, the settlement sheets and the books tell one story.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from peewee import fn

from ledger import anchors, chart, db, income, models, yields
from ledger.income import PartyIncome, SeasonIncome

#: Bands of a household's net income for the season, in yuan: (lower bound, upper bound).
BANDS = ((None, 0), (0, 2_000), (2_000, 5_000), (5_000, 10_000), (10_000, 20_000), (20_000, None))


@dataclass
class GroupYield:
    """A village group's rearing in the season."""

    group: str
    households: int     # households of the group that reared
    sheets: int         # hundredths
    cocoon_grams: int


@dataclass
class Band:
    low: int | None     # yuan, inclusive
    high: int | None    # yuan, exclusive
    households: int


@dataclass
class IncomeStatement:
    """The collective's 收益 for the season, from its 5xx accounts (fen)."""

    lines: list[tuple[str, int]]  # (account code, credit - debit for 50x, debit - credit for 51x)

    def total(self, head: str) -> int:
        return sum(amount for code, amount in self.lines if code.split(".")[0] == head)

    @property
    def operating_income(self) -> int:
        return self.total(chart.COCOON_INCOME.split(".")[0])

    @property
    def subsidy_income(self) -> int:
        return self.total(chart.SUBSIDY_INCOME)

    @property
    def operating_costs(self) -> int:
        return self.total(chart.LEAF_COST.split(".")[0])

    @property
    def result(self) -> int:
        """本季收益: income less expenses, over the lines of the statement."""
        return sum(amount if chart.BY_CODE[code].side == "credit" else -amount
                   for code, amount in self.lines)


@dataclass
class Summary:
    village: str
    collective: str
    report: SeasonIncome
    groups: list[GroupYield]
    bands: list[Band]
    statement: IncomeStatement
    #: The ledger's check code (账本校验码), printed at the foot of the notice board; ""
    #: prints none.
    check_code: str = ""
    #: The season's batches below 60% of its median kg per sheet (`ledger.yields`).
    flagged: list[yields.Flagged] = field(default_factory=list)

    @property
    def season(self) -> models.Season:
        return self.report.season

    @property
    def households(self) -> list[PartyIncome]:
        return [p for p in self.report.parties if p.kind == "household"]

    @property
    def collective_figures(self) -> PartyIncome:
        return next(p for p in self.report.parties if p.kind == "collective")


def names() -> tuple[str, str]:
    """The village's and the collective's names, as the ledger records them; a collective
    without a recorded name is called after its village, as the law names them."""
    village = db.get_meta("village")
    default = f"{village}股份经济合作社" if village else "村集体"
    return village, db.get_meta("collective") or default


def summary(season: models.Season) -> Summary:
    report = income.season_income(season)
    village, collective = names()
    households = [p for p in report.parties if p.kind == "household"]
    return Summary(village, collective, report, _groups(households), _bands(households),
                   income_statement(season), check_code=anchors.current_code(),
                   flagged=yields.flagged(yields.batch_yields([season])))


def _groups(households: list[PartyIncome]) -> list[GroupYield]:
    """Yield by village group, over the (few thousand at most) households of the report."""
    groups: dict[str, GroupYield] = {}
    for party in households:
        if party.sheets:
            entry = groups.setdefault(party.group, GroupYield(party.group, 0, 0, 0))
            entry.households += 1
            entry.sheets += party.sheets
            entry.cocoon_grams += party.cocoon_grams
    return [groups[name] for name in sorted(groups, key=group_order)]


_NUMERALS = {ch: n for n, ch in enumerate("零一二三四五六七八九", 0)}


def group_order(name: str) -> tuple:
    """Village groups in their numbered order (二组 before 十组), others after by name."""
    head = name.rstrip("组").strip()
    if head.isdigit():
        return (0, int(head), name)
    if head and all(ch in _NUMERALS or ch == "十" for ch in head):
        tens, _, units = head.partition("十")
        if "十" in head:
            number = ((_NUMERALS.get(tens, 1) if tens else 1) * 10
                      + (_NUMERALS.get(units, 0) if units else 0))
        else:
            number = _NUMERALS[head] if len(head) == 1 else -1
        if number >= 0:
            return (0, number, name)
    return (1, 0, name)


def _bands(households: list[PartyIncome]) -> list[Band]:
    bands = [Band(low, high, 0) for low, high in BANDS]
    for party in households:
        fen = party.net_income
        for band in bands:
            if ((band.low is None or fen >= band.low * 100)
                    and (band.high is None or fen < band.high * 100)):
                band.households += 1
                break
    return bands


#: The accounts of the collective's season income statement, as every format prints them:
#: 经营收入 + 补助收入 - 经营支出. Posting uses no other 5xx account (check verifies that the
#: collective's net income equals all of them).
STATEMENT_HEADS = ("501", "503", "511")


def income_statement(season: models.Season) -> IncomeStatement:
    """The collective's income and cost accounts for `season`, from the kept balances."""
    Account, Balance = models.Account, models.AccountBalance
    top = Account.select(Account.id).where(Account.code.in_(STATEMENT_HEADS))
    query = (Balance.select(Account.code, fn.SUM(Balance.credit - Balance.debit))
             .join(Account, on=(Balance.account == Account.id))
             .where((Balance.season == season)
                    & (Account.id.in_(top) | Account.parent.in_(top)))
             .group_by(Account.code).order_by(Account.code).tuples())
    lines = [(code, -amount if chart.BY_CODE[code].side == "debit" else amount)
             for code, amount in query]
    return IncomeStatement(lines)


def csv_rows(document: Summary) -> tuple[list[str], list[list[str]]]:
    """The notice board as CSV: one row a household, then the collective, keys as headers."""
    from ledger import money
    from ledger.reports.cells import kg_per_sheet

    headers = ["code", "name", "group", "sheets", "cocoon_kg", "kg_per_sheet", "income",
               "net_income", "paid", "balance"]
    rows = [[p.code, p.name, p.group, money.sheets(p.sheets), money.kg(p.cocoon_grams),
             kg_per_sheet(p.cocoon_grams, p.sheets), money.yuan(p.income),
             money.yuan(p.net_income), money.yuan(p.paid), money.yuan(p.balance)]
            for p in (*document.households, document.collective_figures)]
    return headers, rows
