"""The trial balance (科目余额表): each account's opening balance, movements and closing.

Read from the per-season account balances that posting keeps, so its cost follows the
number of accounts and seasons, never the number of records. Balances are signed with
debits positive; parent accounts (113, 501, 511) include their sub-accounts.
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, Case, Value, fn

from ledger import chart, models


@dataclass
class AccountRow:
    code: str
    party_name: str | None
    is_parent: bool
    opening: int = 0  # debit-positive, fen
    debit: int = 0
    credit: int = 0

    @property
    def closing(self) -> int:
        return self.opening + self.debit - self.credit

    def name(self, lang: str) -> str:
        return chart.account_name(self.code, lang, self.party_name)


@dataclass
class TrialBalance:
    season: models.Season | None
    rows: list[AccountRow]  # parents, each followed by its sub-accounts

    @property
    def top(self) -> list[AccountRow]:
        return [row for row in self.rows if "." not in row.code]

    def total(self, figure: str) -> int:
        return sum(getattr(row, figure) for row in self.top)

    @property
    def balanced(self) -> bool:
        return (self.total("debit") == self.total("credit")
                and self.total("opening") == 0 and self.total("closing") == 0)


def trial_balance(season: models.Season | None = None) -> TrialBalance:
    """Every account with activity; with `season`, that season's movements and the
    balances before and after it, else the whole history."""
    A, AB, S, P = models.Account, models.AccountBalance, models.Season, models.Party
    if season is None:
        opening_part = Value(0)
        period = AB.debit, AB.credit
        where = S.id.is_null(False)
    else:
        before = S.start < season.start
        opening_part = fn.SUM(Case(None, [(before, AB.debit - AB.credit)], 0))
        period = (Case(None, [(S.id == season.id, AB.debit)], 0),
                  Case(None, [(S.id == season.id, AB.credit)], 0))
        where = S.start <= season.start
    query = (AB.select(A.code, P.name, opening_part, fn.SUM(period[0]), fn.SUM(period[1]))
             .join(A, on=(AB.account == A.id))
             .join(P, on=(A.party == P.id), join_type=JOIN.LEFT_OUTER)
             .switch(AB).join(S, on=(AB.season == S.id))
             .where(where)
             .group_by(A.code, P.name)
             .tuples())
    rows: dict[str, AccountRow] = {}
    for code, party_name, opening, debit, credit in query:
        if not (opening or debit or credit):
            continue
        rows[code] = AccountRow(code, party_name, False, opening or 0, debit or 0, credit or 0)
        parent = chart.BY_CODE.get(chart.parent_of(code) or "")
        if parent:
            total = rows.setdefault(parent.code, AccountRow(parent.code, None, True))
            total.is_parent = True
            total.opening += opening or 0
            total.debit += debit or 0
            total.credit += credit or 0
    return TrialBalance(season, [rows[code] for code in sorted(rows, key=_order)])



def _order(code: str) -> tuple[str, str]:
    """Parents before their sub-accounts: ('113', '') < ('113', 'H001')."""
    head, _, tail = code.partition(".")
    return head, tail
