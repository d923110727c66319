"""How each record posts to the collective's journal (docs/accounting.md, "The journal").

Every record that moves money moves it from the party who bears the cost to the party
who earns it. Where each of them sits in the books follows from who they are: a household
settles through its 113 内部往来 sub-account, the collective through an income (501, 503)
or expense (511) account that depends on the record, and a partner or outside source
through the bank. So one voucher is one debit (the cost side) and one credit (the
earning side); a payment moves cash or bank against a household's sub-account.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ledger import chart
from ledger.models import COLLECTIVE
from ledger.refs import PartyRef


class Line(NamedTuple):
    account: str
    debit: int
    credit: int


def _place(party: PartyRef | None, collective_account: str | None) -> str:
    """The account through which `party` pays or earns in this kind of record."""
    if party is not None and party.kind == "household":
        return chart.household_account(party.code)
    if party is not None and party.kind == "collective":
        assert collective_account, "the collective cannot be on this side of this record"
        return collective_account
    return chart.BANK  # partners and outside sources settle through the bank


def _owner(f: dict) -> PartyRef:
    return f["batch"].owner


def _collective(f: dict) -> PartyRef:
    return PartyRef(0, COLLECTIVE, "collective", "")


#: kind -> (who bears the cost, the collective's account when it does,
#:          who earns,           the collective's account when it does)
FLOWS = {
    "sales": (lambda f: f["buyer"], None, _owner, chart.COCOON_INCOME),
    "leaf": (_owner, chart.LEAF_COST, lambda f: f["supplier"], chart.LEAF_INCOME),
    "inputs": (_owner, chart.MATERIAL_COST, lambda f: f["supplier"], None),
    "wages": (lambda f: f["payer"], chart.WAGE_COST, lambda f: f["household"], None),
    "charges": (lambda f: f["household"], None, _collective, chart.SERVICE_INCOME),
    "subsidies": (lambda f: None, None, lambda f: f["recipient"], chart.SUBSIDY_INCOME),
}


def lines(kind: str, fields: dict[str, Any]) -> list[Line]:
    """The voucher lines for a validated record; none when its amount is zero."""
    amount = fields["amount"]
    if not amount:
        return []
    if kind == "payments":
        cash = chart.CASH if fields["method"] == "cash" else chart.BANK
        household = chart.household_account(fields["household"].code)
        if fields["direction"] == "to_household":
            return [Line(household, amount, 0), Line(cash, 0, amount)]
        return [Line(cash, amount, 0), Line(household, 0, amount)]
    payer, payer_account, earner, earner_account = FLOWS[kind]
    return [
        Line(_place(payer(fields), payer_account), amount, 0),
        Line(_place(earner(fields), earner_account), 0, amount),
    ]
