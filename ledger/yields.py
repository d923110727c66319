"""The yield book: how each batch, household, village group, breed and season did.

The database sums each batch's sales and leaf (one GROUP BY per kind, by batch, whatever
season a reversal was written in, so a reversal always nets out against its own batch;
inputs only for the flagged batches, whose cost is shown); Python then adds the batches
up by season, household, group or breed, some thousands of rows. Every figure is an integer
(grams, hundredths of a sheet, fen); a ratio is rounded once, half up, when it is shown
(`ledger.money.ratio`).

A batch is *flagged* when it has sheets and its kg per sheet is below 60% of the median of
its season's batches with sheets (an even count takes the mean of the middle two). The
comparison is exact (integers and fractions), so no batch is flagged or spared by a
rounding. The rules and formats are in docs/yield.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from peewee import Case, fn

from ledger import models, money
from ledger.errors import LedgerError
from ledger.models import COLLECTIVE

#: The ways the batches are added up, in the order the command line lists them.
BY = ("season", "household", "group", "breed")
#: A batch below this share of its season's median kg per sheet is flagged.
FLAG_SHARE = Fraction(3, 5)


class SeasonRef(NamedTuple):
    """A batch's season, as plain values: read for every batch, a model's fields would
    cost more than the sums."""

    id: int
    code: str
    start: object  # date


class BatchYield(NamedTuple):
    """One batch and what came of it (grams, hundredths of a sheet, fen). A tuple: a
    report over ten seasons of a large village makes some fifteen thousand."""

    id: int
    code: str
    season: SeasonRef
    owner: str          # the owner's code
    owner_name: str
    owner_kind: str     # household | collective
    group: str          # the owner's village group; "" for the collective
    breed: str
    sheets: int
    cocoon_grams: int
    top_grams: int      # grams of the best grade (上车茧), when a top grade is asked for
    cocoon_income: int
    leaf_grams: int
    leaf_cost: int
    input_cost: int = 0  # summed for flagged batches only (see `with_input_costs`)

    @property
    def cost(self) -> int:
        """What the batch cost its owner: the leaf delivered to it and its inputs."""
        return self.leaf_cost + self.input_cost

    @property
    def per_sheet(self) -> Fraction | None:
        """Exact grams of cocoons per sheet; None without sheets."""
        if not self.sheets:
            return None
        return Fraction(self.cocoon_grams * 100, self.sheets)

    def key(self, by: str) -> str:
        """The row of the report `by` this batch belongs to."""
        if by == "season":
            return self.season.code
        if by == "breed":
            return self.breed
        if self.owner_kind == "collective":
            return COLLECTIVE
        return self.owner if by == "household" else self.group


@dataclass(slots=True)
class Totals:
    """Batches added up (grams, hundredths of a sheet, fen)."""

    batches: int = 0
    sheets: int = 0
    cocoon_grams: int = 0
    top_grams: int = 0
    cocoon_income: int = 0
    leaf_grams: int = 0

    def add(self, batch: BatchYield) -> None:
        self.batches += 1
        self.sheets += batch.sheets
        self.cocoon_grams += batch.cocoon_grams
        self.top_grams += batch.top_grams
        self.cocoon_income += batch.cocoon_income
        self.leaf_grams += batch.leaf_grams

    def merge(self, other: "Totals") -> None:
        self.batches += other.batches
        self.sheets += other.sheets
        self.cocoon_grams += other.cocoon_grams
        self.top_grams += other.top_grams
        self.cocoon_income += other.cocoon_income
        self.leaf_grams += other.leaf_grams


@dataclass
class YieldRow:
    """One row of the report: its key, its totals over the range, and per season."""

    key: str
    name: str = ""      # the household's name, for a household row
    totals: Totals = field(default_factory=Totals)
    seasons: dict[int, Totals] = field(default_factory=dict)  # season id -> totals
    latest: Totals | None = None    # the season the change is measured in
    previous: Totals | None = None  # and the season before it

    @property
    def change(self) -> int | None:
        """Grams per sheet in the latest season less the season before, as each is shown
        (rounded); None when either has no sheets."""
        if not (self.latest and self.latest.sheets and self.previous and self.previous.sheets):
            return None
        return grams_per_sheet(self.latest) - grams_per_sheet(self.previous)


def grams_per_sheet(totals: Totals) -> int | None:
    """Cocoon grams per sheet, rounded half up to the gram (a kg figure's last decimal)."""
    return money.per_sheet(totals.cocoon_grams, totals.sheets)


@dataclass(frozen=True)
class Flagged:
    batch: BatchYield
    season_median: Fraction  # grams per sheet


@dataclass
class YieldReport:
    by: str
    seasons: list[models.Season]   # the range, by start date
    rows: list[YieldRow]
    flagged: list[Flagged]
    breed: str | None = None


def seasons_between(first: str | None = None, last: str | None = None) -> list[models.Season]:
    """The seasons from `first` to `last` (codes, both included), by start date; every
    season when neither is given. Refuses an unknown code and a range that runs back."""
    ordered = all_seasons()
    codes = [season.code for season in ordered]

    def position(code: str | None, default: int) -> int:
        if code is None:
            return default
        wanted = code.strip().upper()
        if wanted not in codes:
            raise LedgerError("no_such_season", code=code)
        return codes.index(wanted)

    if not ordered:
        position(first or last, 0)  # refuses a code given for an empty ledger
        return []
    start, end = position(first, 0), position(last, len(ordered) - 1)
    if start > end:
        raise LedgerError("yield_range_backwards", first=ordered[start].code,
                          last=ordered[end].code)
    return ordered[start:end + 1]


def check_by(by: str) -> str:
    if by not in BY:
        raise LedgerError("yield_bad_by", by=by, choices=", ".join(BY))
    return by


def check_breed(breed: str | None) -> str | None:
    """`breed` as the ledger spells it; refuses a breed no batch has."""
    if breed is None:
        return None
    Batch = models.Batch
    if not Batch.select().where(Batch.breed == breed.strip()).exists():
        raise LedgerError("yield_no_such_breed", breed=breed)
    return breed.strip()


def batch_yields(seasons: list[models.Season], top_grade: str = "",
                 owner: str | None = None) -> list[BatchYield]:
    """Every batch of `seasons` (only `owner`'s, a party code, when given) with its sums,
    by season start and batch code. Four plain queries (the batches, their owners, sales
    and leaf each summed by batch) put together here by batch id: cheaper than SQLite
    joining the sums, which it would index first. Inputs are left out (see
    `with_input_costs`)."""
    if not seasons:
        return []
    Batch, Party = models.Batch, models.Party
    CocoonSale, LeafDelivery = models.CocoonSale, models.LeafDelivery
    chosen = Batch.season.in_([season.id for season in seasons])
    owners = Party.select(Party.id, Party.code, Party.name, Party.kind, Party.group)
    if owner is not None:
        owners = owners.where(Party.code == owner)
        chosen &= Batch.owner.in_(Party.select(Party.id).where(Party.code == owner))
    in_range = Batch.select(Batch.id).where(chosen)
    top = Case(None, [(CocoonSale.grade == top_grade, CocoonSale.grams)], 0) if top_grade else 0
    sales = {row[0]: row[1:] for row in _rows(
        CocoonSale.select(CocoonSale.batch, fn.SUM(CocoonSale.grams), fn.SUM(top),
                          fn.SUM(CocoonSale.amount))
        .where(CocoonSale.batch.in_(in_range)).group_by(CocoonSale.batch))}
    leaf = {row[0]: row[1:] for row in _rows(
        LeafDelivery.select(LeafDelivery.batch, fn.SUM(LeafDelivery.grams),
                            fn.SUM(LeafDelivery.amount))
        .where(LeafDelivery.batch.in_(in_range)).group_by(LeafDelivery.batch))}
    parties = {row[0]: (row[1], row[2], row[3], "" if row[3] == "collective" else row[4])
               for row in _rows(owners)}
    by_id = {season.id: SeasonRef(season.id, season.code, season.start) for season in seasons}
    order = {season.id: index for index, season in enumerate(seasons)}
    nothing, no_leaf = (0, 0, 0), (0, 0)
    listed = Batch.select(Batch.id, Batch.code, Batch.season, Batch.owner, Batch.breed,
                          Batch.sheets).where(chosen)
    batches = [BatchYield(batch_id, code, by_id[season_id], *parties[owner_id], breed, sheets,
                          *sales.get(batch_id, nothing), *leaf.get(batch_id, no_leaf))
               for batch_id, code, season_id, owner_id, breed, sheets in _rows(listed)]
    batches.sort(key=lambda batch: (order[batch.season.id], batch.code))
    return batches


def _rows(query) -> list[tuple]:
    """A query's plain rows, without Peewee's conversion of each."""
    return models.database.execute_sql(*query.sql()).fetchall()


def with_input_costs(batches: list[BatchYield]) -> list[BatchYield]:
    """The batches with what their inputs cost (a few batches: the flagged ones)."""
    if not batches:
        return batches
    Input = models.Input
    costs = dict(Input.select(Input.batch, fn.SUM(Input.amount))
                 .where(Input.batch.in_([batch.id for batch in batches]))
                 .group_by(Input.batch).tuples())
    return [batch._replace(input_cost=costs.get(batch.id, 0)) for batch in batches]


def median(batches: list[BatchYield]) -> Fraction:
    """The middle grams per sheet of `batches` (all with sheets); with an even count, the
    mean of the middle two. Exact: sorted by the whole grams per sheet, and only batches
    whose whole grams tie are told apart as fractions."""
    ordered = sorted(batches, key=lambda b: b.cocoon_grams * 100 // b.sheets)
    count = len(ordered)
    middle = count // 2
    wanted = (middle,) if count % 2 else (middle - 1, middle)
    values = []
    for index in wanted:
        whole = ordered[index].cocoon_grams * 100 // ordered[index].sheets
        low = high = index
        while low and ordered[low - 1].cocoon_grams * 100 // ordered[low - 1].sheets == whole:
            low -= 1
        while (high + 1 < count
               and ordered[high + 1].cocoon_grams * 100 // ordered[high + 1].sheets == whole):
            high += 1
        ties = sorted(batch.per_sheet for batch in ordered[low:high + 1])
        values.append(ties[index - low])
    return sum(values) / len(values)


def season_medians(batches: list[BatchYield]) -> dict[int, Fraction]:
    """Each season's median grams per sheet over its batches with sheets (season id ->)."""
    found: dict[int, list[BatchYield]] = {}
    for batch in batches:
        if batch.sheets:
            found.setdefault(batch.season.id, []).append(batch)
    return {season_id: median(group) for season_id, group in found.items()}


def flagged(batches: list[BatchYield]) -> list[Flagged]:
    """The batches below FLAG_SHARE of their season's median, in the order given;
    compared in integers: grams * 100 / sheets < share * median."""
    medians = season_medians(batches)
    share = FLAG_SHARE
    marked = []
    for batch in batches:
        if batch.sheets:
            middle = medians[batch.season.id]
            if (batch.cocoon_grams * 100 * share.denominator * middle.denominator
                    < share.numerator * middle.numerator * batch.sheets):
                marked.append(Flagged(batch, middle))
    return marked


def _flagged_with_costs(batches: list[BatchYield]) -> list[Flagged]:
    marked = flagged(batches)
    costed = with_input_costs([flag.batch for flag in marked])
    return [Flagged(batch, flag.season_median) for batch, flag in zip(costed, marked)]


def report(by: str, first: str | None = None, last: str | None = None,
           breed: str | None = None, top_grade: str = "") -> YieldReport:
    """The yield report `by` season, household, group or breed over the seasons from
    `first` to `last`; only `breed`'s batches when given (medians stay the season's)."""
    by = check_by(by)
    seasons = seasons_between(first, last)
    breed = check_breed(breed)
    everything = all_seasons()
    # the season before the range, for the change against it: by season, the first
    # row's; otherwise only when the range is one season
    needed = by == "season" or len(seasons) == 1
    before = everything[:everything.index(seasons[0])][-1:] if seasons and needed else []
    batches = batch_yields(before + seasons, top_grade)
    in_range = {season.id for season in seasons}
    rows: dict[str, YieldRow] = {}
    for batch in batches:
        if breed is not None and batch.breed != breed:
            continue
        key = batch.key(by)
        row = rows.get(key)
        if row is None:
            household = by == "household" and batch.owner_kind == "household"
            row = rows[key] = YieldRow(key, batch.owner_name if household else "")
        totals = row.seasons.get(batch.season.id)
        if totals is None:
            totals = row.seasons[batch.season.id] = Totals()
        totals.add(batch)
    for row in rows.values():
        for season_id, totals in row.seasons.items():
            if season_id in in_range:
                row.totals.merge(totals)
    timeline = before + seasons
    if by == "season":
        ordered = [rows[season.code] for season in seasons if season.code in rows]
        for row in ordered:
            at = next(k for k, season in enumerate(timeline) if season.code == row.key)
            row.latest = row.totals
            if at:
                earlier = timeline[at - 1]
                row.previous = rows[earlier.code].seasons.get(earlier.id) \
                    if earlier.code in rows else None
    else:
        ordered = [row for _, row in sorted(rows.items()) if row.totals.batches]
        for row in ordered:
            row.latest = row.seasons.get(timeline[-1].id)
            row.previous = row.seasons.get(timeline[-2].id) if len(timeline) > 1 else None
    chosen = [b for b in batches if b.season.id in in_range]
    marked = [f for f in _flagged_with_costs(chosen) if breed is None or f.batch.breed == breed]
    return YieldReport(by, seasons, ordered, marked, breed)


def all_seasons() -> list[models.Season]:
    return list(models.Season.select().order_by(models.Season.start))


def flagged_in(season: models.Season) -> list[Flagged]:
    """The season's flagged batches (a season's batches are a few thousand at most)."""
    return _flagged_with_costs(batch_yields([season]))


def household_history(code: str) -> list[tuple[SeasonRef, Totals]]:
    """The party of `code`'s batches added up season by season, oldest first; only the
    seasons it reared in."""
    found: dict[int, tuple[SeasonRef, Totals]] = {}
    for batch in batch_yields(all_seasons(), owner=code):
        found.setdefault(batch.season.id, (batch.season, Totals()))[1].add(batch)
    return list(found.values())
