"""Each record kind's canonical values (docs/formats.md), read from the ledger.

A record's columns are read with the codes of the parties, seasons and batches it refers
to, and each value keeps its type until it is written as text (`as_text`), so the CSV
and spreadsheet exports and the corrections (which re-read a record to amend it) all
see a record the same way.
"""
from __future__ import annotations

from typing import Iterator, NamedTuple

from ledger import money, models
from ledger.kinds import BY_NAME, Kind


#: How each column's stored value is written: text and codes as they are, dates in ISO,
#: numbers with their places (see ledger.money); "blank0" variants leave zero empty.
TEXT, DATE, MONEY, KG, SHEETS, QUANTITY = "text", "date", "money", "kg", "sheets", "quantity"
MONEY_BLANK0, QUANTITY_BLANK0 = "money_blank0", "quantity_blank0"

PLACES = {MONEY: money.MONEY_PLACES, MONEY_BLANK0: money.MONEY_PLACES,
          KG: money.WEIGHT_PLACES, SHEETS: money.SHEET_PLACES,
          QUANTITY: money.QUANTITY_PLACES, QUANTITY_BLANK0: money.QUANTITY_PLACES}


class Column(NamedTuple):
    name: str
    field: object  # a Peewee field or aliased field
    type: str


def _columns(kind: Kind) -> tuple[list[Column], object]:
    """The columns of `kind`, in its canonical order, and the query that reads them."""
    Party, Season, Batch = models.Party, models.Season, models.Batch
    model = kind.model
    if kind.name in ("households", "partners"):
        cols = {"code": Party.code, "name": Party.name, "group": Party.group, "phone": Party.phone,
                "shares": Party.shares, "note": Party.note}
        types = {"shares": QUANTITY_BLANK0}
        query = Party.select().where(Party.kind == kind.name[:-1])
    elif kind.name == "seasons":
        cols = {"code": Season.code, "name": Season.name, "start": Season.start, "end": Season.end}
        types = {"start": DATE, "end": DATE}
        query = Season.select()
    elif kind.name == "batches":
        season, owner = Season.alias("season_of"), Party.alias("owner_of")
        cols = {"code": Batch.code, "season": season.code, "owner": owner.code,
                "sheets": Batch.sheets, "breed": Batch.breed, "hatch": Batch.hatch,
                "mount": Batch.mount, "harvest": Batch.harvest}
        types = {"sheets": SHEETS, "hatch": DATE, "mount": DATE, "harvest": DATE}
        query = (Batch.select().join(season, on=(Batch.season == season.id))
                 .switch(Batch).join(owner, on=(Batch.owner == owner.id)))
    else:
        query = model.select()
        cols, types = {}, {"date": DATE}
        for name in kind.columns:
            field = getattr(model, name if name != "kg" else "grams")
            if name in ("season", "batch", "supplier", "buyer", "payer", "household",
                        "recipient"):
                target = field.rel_model.alias(f"{name}_of")
                query = query.switch(model).join(target, on=(field == target.id))
                cols[name] = target.code
            else:
                cols[name] = field
        types.update({"kg": KG, "price": MONEY, "rate": MONEY, "amount": MONEY,
                      "deduction": MONEY_BLANK0, "quantity": QUANTITY})
    columns = [Column(name, cols[name], types.get(name, TEXT)) for name in kind.columns]
    return columns, query.select(*(c.field for c in columns)).order_by(model.id)


def standing(model: type):
    """The records that still say something within their season: not those reversed in
    their own season, nor those reversals (a deletion or amendment in an open season
    cancels out there). A reversal of a closed season's record stands: it changed the
    season it was posted in."""
    original = model.alias("original")
    in_own_season = (model.reverses.is_null(False) & (model.season == original.season))
    reversals = (model.select(model.id).join(original, on=(original.id == model.reverses))
                 .where(in_own_season))
    reversed_ = (model.select(model.reverses).join(original, on=(original.id == model.reverses))
                 .where(in_own_season))
    return model.id.not_in(reversals) & model.id.not_in(reversed_)


def rows(kind: Kind, standing_only: bool = False) -> tuple[list[Column], Iterator[tuple]]:
    """The columns of `kind` and its rows as stored values, streamed in id order; with
    `standing_only`, without the records cancelled within their season."""
    columns, query = _columns(kind)
    if standing_only and kind.moves_money:
        query = query.where(standing(kind.model))
    return columns, query.tuples().iterator()


def as_text(value, type_: str) -> str:
    """A stored value as the canonical CSV writes it."""
    if value is None:
        return ""
    if type_ == TEXT:
        return value
    if type_ == DATE:
        return value.isoformat()
    if type_ in (MONEY_BLANK0, QUANTITY_BLANK0) and not value:
        return ""
    if type_ in (QUANTITY, QUANTITY_BLANK0):
        return money.quantity(value)
    return money.fixed_str(value, PLACES[type_])


def values(kind_name: str, record_id: int) -> dict[str, str] | None:
    """One record's canonical values as text, as its CSV row would hold them."""
    kind = BY_NAME[kind_name]
    columns, query = _columns(kind)
    row = query.where(kind.model.id == record_id).tuples().first()
    if row is None:
        return None
    return {c.name: as_text(value, c.type) for c, value in zip(columns, row)}


def texts(kind_name: str, fields: dict) -> dict[str, str]:
    """A validated record's values (references, dates, stored integers) as the canonical
    CSV would write them, so that what was entered compares with what is stored."""
    columns, _ = _columns(BY_NAME[kind_name])
    return {c.name: as_text(getattr(fields[c.name], "code", fields[c.name]), c.type)
            for c in columns if c.name in fields}
