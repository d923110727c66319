"""The chart of accounts as the accountant keeps it, with each account's balance to date,
and the accounts a voucher line may post to, for lookup by code, name or pinyin initials.

Balances come from the kept totals (`AccountTotal`, written with every posting), so the
chart costs the same on any size of ledger; a level-1 account's balance is the sum of its
own and its sub-accounts', added up by the database.
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from ledger import accounts, chart, models

Account, AccountTotal, Party = models.Account, models.AccountTotal, models.Party


@dataclass(frozen=True)
class AccountRow:
    code: str
    parent: str | None
    zh: str
    en: str
    side: str        # the side its balance normally lies on: debit or credit
    leaf: bool       # whether a voucher may post to it
    household: str | None
    debit: int       # every posting to date, fen
    credit: int

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def balance(self) -> int:
        """The balance on its normal side (negative: on the other side)."""
        return self.debit - self.credit if self.side == "debit" else self.credit - self.debit

    @property
    def postable(self) -> bool:
        """Whether a voucher typed by hand may post to it: a leaf the close does not own."""
        top = self.parent or self.code
        return self.leaf and top not in chart.YEAR_END_ONLY


def names(code: str, own_name: str, party_name: str | None) -> tuple[str, str]:
    """An account's names in Chinese and English (`accounts.full_name`): an added
    sub-account is its parent's name and its own (管理费用-电费), a household's is named
    after its head."""
    return (accounts.full_name(code, own_name, "zh", party_name),
            accounts.full_name(code, own_name, "en", party_name))


def _side(code: str) -> str:
    found = chart.BY_CODE.get(code) or chart.BY_CODE.get(chart.parent_of(code) or "")
    return found.side if found else "debit"


def _order(code: str) -> tuple[str, str]:
    head, _, tail = code.partition(".")
    return head, tail


def chart_rows(households: bool = False) -> list[AccountRow]:
    """Every account in chart order (a level-1 account, then its sub-accounts), each with
    its debits and credits to date; a level-1 account's include its sub-accounts'. The
    households' sub-accounts of 113 are left out unless `households`: a village has
    hundreds, and 113's own row carries their sum."""
    parent = Account.alias("parent_account")
    query = (Account.select(Account.code, Account.name, parent.code, Party.code, Party.name,
                            AccountTotal.debit, AccountTotal.credit)
             .join(parent, JOIN.LEFT_OUTER, on=(Account.parent == parent.id))
             .switch(Account).join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
             .switch(Account).join(AccountTotal, JOIN.LEFT_OUTER,
                                   on=(AccountTotal.account == Account.id)))
    if not households:
        query = query.where(Account.party.is_null())
    rows = list(query.tuples())
    rolled = _children_totals()
    with_children = set(rolled)
    found = []
    for code, own, parent_code, party_code, party_name, debit, credit in rows:
        zh, en = names(code, own, party_name)
        child_debit, child_credit = rolled.get(code, (0, 0))
        found.append(AccountRow(code, parent_code, zh, en, _side(code),
                                code not in with_children, party_code,
                                (debit or 0) + child_debit, (credit or 0) + child_credit))
    found.sort(key=lambda row: _order(row.code))
    return found


def _children_totals() -> dict[str, tuple[int, int]]:
    """Each parent's sub-accounts' debits and credits, summed by the database."""
    parent = Account.alias("parent_account")
    query = (Account.select(parent.code, fn.SUM(AccountTotal.debit), fn.SUM(AccountTotal.credit))
             .join(parent, on=(Account.parent == parent.id))
             .switch(Account).join(AccountTotal, JOIN.LEFT_OUTER,
                                   on=(AccountTotal.account == Account.id))
             .group_by(parent.code))
    return {code: (debit or 0, credit or 0) for code, debit, credit in query.tuples()}


def postable() -> list[AccountRow]:
    """The accounts a voucher typed by hand may post to, households' included, with no
    figures: what the voucher form's account field looks up."""
    parents = _parent_ids()
    query = (Account.select(Account.id, Account.code, Account.name, Party.code, Party.name)
             .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id)))
    found = []
    for account_id, code, own, party_code, party_name in query.tuples():
        zh, en = names(code, own, party_name)
        row = AccountRow(code, chart.parent_of(code), zh, en, _side(code),
                         account_id not in parents, party_code, 0, 0)
        if row.postable:
            found.append(row)
    found.sort(key=lambda row: _order(row.code))
    return found


def _parent_ids() -> set[int]:
    return {parent for (parent,) in Account.select(Account.parent).distinct()
            .where(Account.parent.is_null(False)).tuples()}


class Accounts:
    """What the terminal UI reads of the chart."""

    rows = staticmethod(chart_rows)
    postable = staticmethod(postable)
