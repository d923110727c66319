"""What each record adds to its season's figures, per party: the one table by which the
writer keeps them (`SeasonFlow`, in the same transaction as the record) and by which
they are counted afresh from the records (`check`, and the upgrade that first kept them).

A season's report and a township's sum of villages read the kept figures: their cost
follows the households, not the season's records. A flow's party is a field of the
record, or the owner of its batch (a batch's owner never changes); a payment counts
towards the household when paid to it and against it when paid by it. The sheets a
party rears are not a flow: they are read from the season's batches, a small table
whose sheets may be corrected.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Callable

from peewee import Case, Value, fn

from ledger import models
from ledger.kinds import BY_NAME
from ledger.seal import raw_rows

#: The batch's owner, where a flow's party is not a field of its record.
BATCH_OWNER = "batch"


@dataclass(frozen=True)
class Flow:
    figure: str  # the SeasonIncome figure it adds to
    kind: str  # the record kind
    party: str  # the record's field naming the party, or BATCH_OWNER
    value: str  # the record's field summed


FLOWS = (
    Flow("cocoon_grams", "sales", BATCH_OWNER, "grams"),
    Flow("cocoon_income", "sales", BATCH_OWNER, "amount"),
    Flow("leaf_income", "leaf", "supplier", "amount"),
    Flow("leaf_cost", "leaf", BATCH_OWNER, "amount"),
    Flow("input_cost", "inputs", BATCH_OWNER, "amount"),
    Flow("wage_income", "wages", "household", "amount"),
    Flow("wage_cost", "wages", "payer", "amount"),
    Flow("charge_cost", "charges", "household", "amount"),
    Flow("subsidy_income", "subsidies", "recipient", "amount"),
    Flow("paid", "payments", "household", "amount"),
)
BY_KIND: dict[str, tuple[Flow, ...]] = {}
for _flow in FLOWS:
    BY_KIND[_flow.kind] = (*BY_KIND.get(_flow.kind, ()), _flow)

#: A payment's direction that counts towards the household (the other counts against).
TO_HOUSEHOLD = "to_household"


def of_record(kind: str, values: dict, owner_of: Callable[[int], int]) -> list[tuple]:
    """(party id, figure, value) that a stored record adds, from its row's values by
    field name (references as ids); `owner_of(batch id)` gives a batch's owner."""
    found = []
    for flow in BY_KIND.get(kind, ()):
        party = owner_of(values["batch"]) if flow.party == BATCH_OWNER else values[flow.party]
        value = values[flow.value]
        if kind == "payments" and values["direction"] != TO_HOUSEHOLD:
            value = -value
        found.append((party, flow.figure, value))
    return found


# -- reading -----------------------------------------------------------------------------

def kept(season: models.Season | None = None, parties: list[int] | None = None,
         among: list[int] | None = None) -> list[tuple]:
    """(party id, figure, sum) of `season` as kept, with each party's sheets; only
    `parties`' if given. Without a season, (season id, party id, figure, sum) for the
    seasons of ids `among`."""
    SeasonFlow = models.SeasonFlow
    seasons, chosen = _seasons(SeasonFlow.season, season, among)
    query = SeasonFlow.select(*seasons, SeasonFlow.party, SeasonFlow.figure,
                              SeasonFlow.value).where(chosen)
    if parties is not None:
        query = query.where(SeasonFlow.party.in_(parties))
    return [*raw_rows(query), *raw_rows(_sheets(season, parties, among))]


def counted(season: models.Season | None = None, parties: list[int] | None = None,
            among: list[int] | None = None) -> list[tuple]:
    """As `kept`, but summed afresh from the season's records: one UNION ALL of GROUP
    BYs, each reading only the season's rows."""
    Batch = models.Batch
    selects = [_sheets(season, parties, among)]
    for flow in FLOWS:
        model = BY_NAME[flow.kind].model
        party = Batch.owner if flow.party == BATCH_OWNER else getattr(model, flow.party)
        value = getattr(model, flow.value)
        if flow.kind == "payments":
            value = Case(None, [(model.direction == TO_HOUSEHOLD, value)], value * -1)
        seasons, chosen = _seasons(model.season, season, among)
        keys = (*seasons, party)
        query = model.select(*keys, Value(flow.figure), fn.SUM(value))
        if flow.party == BATCH_OWNER:
            query = query.join(Batch, on=(model.batch == Batch.id))
        query = query.where(chosen)
        if parties is not None:
            query = query.where(party.in_(parties))
        selects.append(query.group_by(*keys))
    return list(raw_rows(reduce(operator.add, selects)))  # `+` is UNION ALL in Peewee


def _sheets(season, parties, among):
    Batch = models.Batch
    seasons, chosen = _seasons(Batch.season, season, among)
    keys = (*seasons, Batch.owner)
    query = Batch.select(*keys, Value("sheets"), fn.SUM(Batch.sheets)).where(chosen)
    if parties is not None:
        query = query.where(Batch.owner.in_(parties))
    return query.group_by(*keys)


def _seasons(column, season, among) -> tuple[tuple, object]:
    """The season column to group by (none for one season) and the condition choosing
    `season`, or the seasons of ids `among`."""
    if season is not None:
        return (), column == season
    return (column,), column.in_(among)
