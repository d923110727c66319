"""The yield book: how each batch, household, village group, breed and season did.

The database sums each batch's sales, leaf and inputs (one GROUP BY per kind, by batch,
whatever season a reversal was written in, so a reversal always nets out against its own
batch); Python then adds the batches up by season, household, group or breed, a few
thousand rows. Every figure is an integer (grams, hundredths of a sheet, fen); a ratio is
rounded once, half up, when it is shown (`ledger.money.ratio`).

A batch is *flagged* when it has sheets and its kg per sheet is below 60% of the median of
its season's batches with sheets (an even count takes the mean of the middle two). The
comparison is exact (fractions), so a batch is never flagged or spared by a rounding.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from peewee import JOIN, Case, fn

from ledger import models, money
from ledger.errors import LedgerError
from ledger.models import COLLECTIVE

#: The ways the batches are added up, in the order the command line lists them.
BY = ("season", "household", "group", "breed")
#: A batch below this share of its season's median kg per sheet is flagged.
FLAG_SHARE = Fraction(3, 5)


@dataclass(frozen=True)
class BatchYield:
    """One batch and what came of it (grams, hundredths of a sheet, fen)."""

    id: int
    code: str
    season: models.Season
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
    input_cost: int

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


@dataclass
class Totals:
    """Batches added up (grams, hundredths of a sheet, fen)."""

    batches: int = 0
    sheets: int = 0
    cocoon_grams: int = 0
    top_grams: int = 0
    cocoon_income: int = 0
    leaf_grams: int = 0
    cost: int = 0

    def add(self, batch: BatchYield) -> None:
        self.batches += 1
        self.sheets += batch.sheets
        self.cocoon_grams += batch.cocoon_grams
        self.top_grams += batch.top_grams
        self.cocoon_income += batch.cocoon_income
        self.leaf_grams += batch.leaf_grams
        self.cost += batch.cost


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
    if not totals.sheets:
        return None
    return money.ratio(totals.cocoon_grams, totals.sheets, money.SHEET_PLACES)


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
    B = models.Batch
    if not B.select().where(B.breed == breed.strip()).exists():
        raise LedgerError("yield_no_such_breed", breed=breed)
    return breed.strip()


def batch_yields(seasons: list[models.Season], top_grade: str = "",
                 owner: str | None = None) -> list[BatchYield]:
    """Every batch of `seasons` (only `owner`'s, a party code, when given) with its sums,
    by season start and batch code: one query, each kind of record summed by batch
    before it is joined."""
    if not seasons:
        return []
    B, P = models.Batch, models.Party
    S, L, I = models.CocoonSale, models.LeafDelivery, models.Input
    ids = [season.id for season in seasons]
    chosen = B.season.in_(ids)
    if owner is not None:
        chosen &= B.owner.in_(P.select(P.id).where(P.code == owner))
    in_range = B.select(B.id).where(chosen)
    top = Case(None, [(S.grade == top_grade, S.grams)], 0) if top_grade else 0
    sales = (S.select(S.batch.alias("batch_id"), fn.SUM(S.grams).alias("grams"),
                      fn.SUM(top).alias("top"), fn.SUM(S.amount).alias("income"))
             .where(S.batch.in_(in_range)).group_by(S.batch).alias("sales"))
    leaf = (L.select(L.batch.alias("batch_id"), fn.SUM(L.grams).alias("grams"),
                     fn.SUM(L.amount).alias("cost"))
            .where(L.batch.in_(in_range)).group_by(L.batch).alias("leaf"))
    inputs = (I.select(I.batch.alias("batch_id"), fn.SUM(I.amount).alias("cost"))
              .where(I.batch.in_(in_range)).group_by(I.batch).alias("inputs"))
    zero = 0
    query = (B.select(B.id, B.code, B.season, P.code, P.name, P.kind, P.group, B.breed,
                      B.sheets, fn.COALESCE(sales.c.grams, zero),
                      fn.COALESCE(sales.c.top, zero), fn.COALESCE(sales.c.income, zero),
                      fn.COALESCE(leaf.c.grams, zero), fn.COALESCE(leaf.c.cost, zero),
                      fn.COALESCE(inputs.c.cost, zero))
             .join(P, on=(B.owner == P.id))
             .join(sales, JOIN.LEFT_OUTER, on=(sales.c.batch_id == B.id))
             .join(leaf, JOIN.LEFT_OUTER, on=(leaf.c.batch_id == B.id))
             .join(inputs, JOIN.LEFT_OUTER, on=(inputs.c.batch_id == B.id))
             .where(chosen))
    by_id = {season.id: season for season in seasons}
    rows = models.database.execute_sql(*query.sql()).fetchall()
    batches = [BatchYield(row[0], row[1], by_id[row[2]], row[3], row[4], row[5],
                          "" if row[5] == "collective" else row[6], *row[7:])
               for row in rows]
    order = {season.id: index for index, season in enumerate(seasons)}
    batches.sort(key=lambda batch: (order[batch.season.id], batch.code))
    return batches


def median(values: list[Fraction]) -> Fraction:
    """The middle value; with an even count, the mean of the middle two."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def season_medians(batches: list[BatchYield]) -> dict[int, Fraction]:
    """Each season's median grams per sheet over its batches with sheets (season id ->)."""
    values: dict[int, list[Fraction]] = {}
    for batch in batches:
        if batch.sheets:
            values.setdefault(batch.season.id, []).append(batch.per_sheet)
    return {season_id: median(found) for season_id, found in values.items()}


def flagged(batches: list[BatchYield]) -> list[Flagged]:
    """The batches below FLAG_SHARE of their season's median, in the order given."""
    medians = season_medians(batches)
    return [Flagged(batch, medians[batch.season.id]) for batch in batches
            if batch.sheets and batch.per_sheet < FLAG_SHARE * medians[batch.season.id]]


def report(by: str, first: str | None = None, last: str | None = None,
           breed: str | None = None, top_grade: str = "") -> YieldReport:
    """The yield report `by` season, household, group or breed over the seasons from
    `first` to `last`; only `breed`'s batches when given (medians stay the season's)."""
    by = check_by(by)
    seasons = seasons_between(first, last)
    breed = check_breed(breed)
    everything = all_seasons()
    before = everything[:everything.index(seasons[0])][-1:] if seasons else []
    batches = batch_yields(before + seasons, top_grade)
    in_range = {season.id for season in seasons}
    chosen = [b for b in batches if b.season.id in in_range]
    shown = [b for b in batches if breed is None or b.breed == breed]
    rows: dict[str, YieldRow] = {}
    for batch in shown:
        key = batch.key(by)
        row = rows.get(key)
        if row is None:
            household = by == "household" and batch.owner_kind == "household"
            row = rows[key] = YieldRow(key, batch.owner_name if household else "")
        row.seasons.setdefault(batch.season.id, Totals()).add(batch)
        if batch.season.id in in_range:
            row.totals.add(batch)
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
    marked = [f for f in flagged(chosen) if breed is None or f.batch.breed == breed]
    return YieldReport(by, seasons, ordered, marked, breed)


def all_seasons() -> list[models.Season]:
    return list(models.Season.select().order_by(models.Season.start))


def flagged_in(season: models.Season) -> list[Flagged]:
    """The season's flagged batches (a season's batches are a few thousand at most)."""
    return flagged(batch_yields([season]))


def household_history(code: str) -> list[tuple[models.Season, Totals]]:
    """The party of `code`'s batches added up season by season, oldest first; only the
    seasons it reared in."""
    found: dict[int, tuple[models.Season, Totals]] = {}
    for batch in batch_yields(all_seasons(), owner=code):
        found.setdefault(batch.season.id, (batch.season, Totals()))[1].add(batch)
    return list(found.values())
