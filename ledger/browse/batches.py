"""Batches: a season's list a page at a time, and one batch with all its records."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peewee import fn

from ledger import models, money
from ledger.browse.paging import PAGE
from ledger.browse.seasons import Season

Batch, Party = models.Batch, models.Party


@dataclass
class BatchRow:
    code: str
    owner: str
    owner_name: str
    sheets: int
    breed: str
    hatch: date
    mount: date | None
    harvest: date | None
    leaf_grams: int = 0
    cocoon_grams: int = 0
    grades: dict[str, int] = field(default_factory=dict)  # grade -> grams sold

    @property
    def kg_per_sheet(self) -> int | None:
        return money.per_sheet(self.cocoon_grams, self.sheets)


@dataclass
class BatchDetail:
    batch: BatchRow
    season: str
    leaf: list[tuple]    # (date, supplier code, supplier name, grams, price, amount)
    sales: list[tuple]   # (date, buyer code, buyer name, grade, grams, price, deduction, amount)
    inputs: list[tuple]  # (date, supplier code, supplier name, item, quantity, unit, amount)


def _add_batch_sums(batches: dict[int, BatchRow]) -> None:
    if not batches:
        return
    Leaf, Sale = models.LeafDelivery, models.CocoonSale
    ids = list(batches)
    for batch_id, grams in (Leaf.select(Leaf.batch, fn.SUM(Leaf.grams))
                            .where(Leaf.batch.in_(ids)).group_by(Leaf.batch).tuples()):
        batches[batch_id].leaf_grams = grams
    for batch_id, grade, grams in (Sale.select(Sale.batch, Sale.grade, fn.SUM(Sale.grams))
                                   .where(Sale.batch.in_(ids))
                                   .group_by(Sale.batch, Sale.grade).tuples()):
        batches[batch_id].grades[grade] = grams
        batches[batch_id].cocoon_grams += grams


class Batches:
    @staticmethod
    def page(season: Season, after: str | None = None, limit: int = PAGE,
             owner: str | None = None) -> list[BatchRow]:
        """The season's next batches by code after `after`, with their leaf and cocoons
        summed for this page's batches only."""
        where = Batch.season == season
        if after is not None:
            where &= Batch.code > after
        if owner:
            where &= Party.code == owner
        rows = (Batch.select(Batch.id, Batch.code, Party.code, Party.name, Batch.sheets,
                             Batch.breed, Batch.hatch, Batch.mount, Batch.harvest)
                .join(Party, on=(Batch.owner == Party.id)).where(where)
                .order_by(Batch.code).limit(limit).tuples())
        batches = {row[0]: BatchRow(*row[1:]) for row in rows}
        _add_batch_sums(batches)
        return list(batches.values())

    @staticmethod
    def detail(code: str) -> BatchDetail | None:
        """A batch with all its leaf deliveries, cocoon sales and inputs, by date."""
        row = (Batch.select(Batch.id, Batch.code, Party.code, Party.name, Batch.sheets,
                            Batch.breed, Batch.hatch, Batch.mount, Batch.harvest, Season.code)
               .join(Party, on=(Batch.owner == Party.id)).switch(Batch)
               .join(Season, on=(Batch.season == Season.id))
               .where(Batch.code == code).tuples().first())
        if row is None:
            return None
        batch = BatchRow(*row[1:-1])
        _add_batch_sums({row[0]: batch})
        Leaf, Sale, Input = models.LeafDelivery, models.CocoonSale, models.Input
        leaf = (Leaf.select(Leaf.date, Party.code, Party.name, Leaf.grams, Leaf.price, Leaf.amount)
                .join(Party, on=(Leaf.supplier == Party.id)).where(Leaf.batch == row[0])
                .order_by(Leaf.date, Leaf.id))
        sales = (Sale.select(Sale.date, Party.code, Party.name, Sale.grade, Sale.grams,
                             Sale.price, Sale.deduction, Sale.amount)
                 .join(Party, on=(Sale.buyer == Party.id)).where(Sale.batch == row[0])
                 .order_by(Sale.date, Sale.id))
        inputs = (Input.select(Input.date, Party.code, Party.name, Input.item, Input.quantity,
                               Input.unit, Input.amount)
                  .join(Party, on=(Input.supplier == Party.id)).where(Input.batch == row[0])
                  .order_by(Input.date, Input.id))
        return BatchDetail(batch, row[-1], list(leaf.tuples()), list(sales.tuples()),
                           list(inputs.tuples()))
