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


def place(party: PartyRef | None, collective_account: str | None) -> str:
    """The account through which `party` pays or earns in this kind of record."""
    if party is not None and party.kind == "household":
        return chart.household_account(party.code)
    if party is not None and party.kind == "collective":
        assert collective_account, "the collective cannot be on this side of this record"
        return collective_account
    return chart.BANK  # partners and outside sources settle through the bank


#: Sides of a record, as FLOWS names them: a field naming a party, the batch's owner,
#: the collective itself, or an outside source (None), which pays through the bank.
OWNER = "batch.owner"
THE_COLLECTIVE = "collective"

#: kind -> (who bears the cost, the collective's account when it does,
#:          who earns,           the collective's account when it does).
#: Plain data, so that `check` can re-derive every voucher from it in SQL.
FLOWS = {
    "sales": ("buyer", None, OWNER, chart.COCOON_INCOME),
    "leaf": (OWNER, chart.LEAF_COST, "supplier", chart.LEAF_INCOME),
    "inputs": (OWNER, chart.MATERIAL_COST, "supplier", None),
    "wages": ("payer", chart.WAGE_COST, "household", None),
    "charges": ("household", None, THE_COLLECTIVE, chart.SERVICE_INCOME),
    "subsidies": (None, None, "recipient", chart.SUBSIDY_INCOME),
}


def _party(fields: dict, side: str | None) -> PartyRef | None:
    if side is None:
        return None
    if side == THE_COLLECTIVE:
        return PartyRef(0, COLLECTIVE, "collective", "")
    if side == OWNER:
        return fields["batch"].owner
    return fields[side]


def payment_accounts(method: str, direction: str, household: str) -> tuple[str, str]:
    """(debited, credited) account of a payment: cash or bank against the household."""
    cash = chart.CASH if method == "cash" else chart.BANK  # a transfer or a wallet: the bank
    return (household, cash) if direction == "to_household" else (cash, household)


def lines(kind: str, fields: dict[str, Any]) -> list[Line]:
    """The voucher lines for a validated record; none when its amount is zero."""
    amount = fields["amount"]
    if not amount:
        return []
    if kind == "payments":
        debited, credited = payment_accounts(fields["method"], fields["direction"],
                                             chart.household_account(fields["household"].code))
        return [Line(debited, amount, 0), Line(credited, 0, amount)]
    payer, payer_account, earner, earner_account = FLOWS[kind]
    return [
        Line(place(_party(fields, payer), payer_account), amount, 0),
        Line(place(_party(fields, earner), earner_account), 0, amount),
    ]
