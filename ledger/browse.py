"""The read side of the terminal UI: what a screen shows, a page at a time.

Every list is read in keyset pages (rows after the last one shown, through an index), so
a screen costs the same on a ledger of a thousand records or a million; figures are
summed by the database. Nothing here imports a user interface, so each query is tested
on its own. Season figures come from `ledger.income`, so a screen and the season report
can never disagree.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from peewee import JOIN, Case, Value, fn

from ledger import chart, i18n, income, money, models
from ledger.income import PartyIncome, SeasonIncome
from ledger.overview import current_season, is_empty  # noqa: F401  (shared with the CLI)

PAGE = 100
B, P = models.Batch, models.Party


# -- seasons and the season's figures ---------------------------------------------------

def data_stamp() -> tuple[int, ...]:
    """Changes whenever a record or party is added: the largest id of each table, read
    from the end of each primary key, so checking it costs nothing on any ledger."""
    tables = (models.Party, models.Season, models.Batch, *models.RECORD_MODELS)
    return tuple(table.select(fn.MAX(table.id)).scalar() or 0 for table in tables)


_reports: dict[tuple, SeasonIncome] = {}
_reports_lock = threading.Lock()


def season_report(season: models.Season) -> SeasonIncome:
    """`income.season_income`, kept until the ledger changes: every screen of a season
    reads the same figures, and reads them once."""
    key = (id(models.database.obj), season.id, data_stamp())
    with _reports_lock:
        report = _reports.get(key)
    if report is None:
        report = income.season_income(season)
        with _reports_lock:
            _reports.clear()
            _reports[key] = report
    return report


def forget() -> None:
    """Drop what is kept between screens (season figures, the household search index):
    after a restore they describe books that are no longer there."""
    with _reports_lock:
        _reports.clear()
    HOUSEHOLDS._key = None


def party_figures(season: models.Season) -> dict[str, PartyIncome]:
    return {party.code: party for party in season_report(season).parties}


@dataclass
class Glance:
    """The season at a glance (fen, grams, hundredths of a sheet)."""

    season: models.Season
    stages: dict[str, int]   # hatched | mounted | harvested -> batches
    sheets: int
    cocoon_grams: int
    cocoon_income: int
    wages: int
    collective_net: int
    owed_to_households: int  # the sum of the balances the collective owes
    owed_by_households: int  # the sum of those households owe, as a positive number
    households_owed: int

    @property
    def batches(self) -> int:
        return sum(self.stages.values())

    @property
    def kg_per_sheet(self) -> int | None:
        """Grams per sheet, or None without sheets."""
        return money.ratio(self.cocoon_grams, self.sheets, money.SHEET_PLACES) if self.sheets else None


STAGES = ("hatched", "mounted", "harvested")


def stage_of(mount: date | None, harvest: date | None, today: date) -> str:
    if harvest is not None and harvest <= today:
        return "harvested"
    if mount is not None and mount <= today:
        return "mounted"
    return "hatched"


def glance(season: models.Season, today: date | None = None) -> Glance:
    today = today or date.today()
    stage = Case(None, [((B.harvest.is_null(False) & (B.harvest <= today)), "harvested"),
                        ((B.mount.is_null(False) & (B.mount <= today)), "mounted")], "hatched")
    stages = dict.fromkeys(STAGES, 0)
    for name, count in (B.select(stage, fn.COUNT(B.id)).where(B.season == season)
                        .group_by(stage).tuples()):
        stages[name] = count
    report = season_report(season)
    totals = report.totals
    collective = next(p for p in report.parties if p.kind == "collective")
    balances = [p.balance for p in report.parties if p.kind == "household"]
    wages = (models.Wage.select(fn.SUM(models.Wage.amount))
             .where(models.Wage.season == season).scalar() or 0)
    return Glance(season, stages, totals.sheets, totals.cocoon_grams, totals.cocoon_income,
                  wages, collective.net_income, sum(b for b in balances if b > 0),
                  -sum(b for b in balances if b < 0), sum(1 for b in balances if b > 0))


@dataclass
class YieldBar:
    label: str   # a village group, or "" for the collective's own batches
    sheets: int
    cocoon_grams: int

    @property
    def kg_per_sheet(self) -> int:
        return money.ratio(self.cocoon_grams, self.sheets, money.SHEET_PLACES) if self.sheets else 0


def yield_by_group(season: models.Season) -> list[YieldBar]:
    """Sheets and cocoons sold per village group (the collective's batches as one group,
    labelled "", last); groups by name (the reports know their numbered order)."""
    S = models.CocoonSale
    label = Case(None, [(P.kind == "collective", "")], P.group)
    sheets = dict(B.select(label, fn.SUM(B.sheets)).join(P, on=(B.owner == P.id))
                  .where(B.season == season).group_by(label).tuples())
    grams = dict(S.select(label, fn.SUM(S.grams)).join(B, on=(S.batch == B.id))
                 .join(P, on=(B.owner == P.id)).where(S.season == season)
                 .group_by(label).tuples())
    names = sorted(sheets, key=lambda name: (name == "", name))
    return [YieldBar(name, sheets[name], grams.get(name, 0)) for name in names]


# -- what needs attention --------------------------------------------------------------

@dataclass
class UnsoldBatch:
    code: str
    owner: str
    owner_name: str
    harvest: date


def unsold_batches(season: models.Season, today: date | None = None,
                   limit: int = 50) -> tuple[list[UnsoldBatch], int]:
    """Batches harvested by `today` with no cocoon sale recorded (up to `limit`, oldest
    harvest first), and how many there are in all."""
    today = today or date.today()
    S = models.CocoonSale
    sold = S.select(S.id).where(S.batch == B.id)
    where = ((B.season == season) & B.harvest.is_null(False) & (B.harvest <= today)
             & ~fn.EXISTS(sold))
    count = B.select().where(where).count()
    rows = (B.select(B.code, P.code, P.name, B.harvest).join(P, on=(B.owner == P.id))
            .where(where).order_by(B.harvest, B.code).limit(limit).tuples())
    return [UnsoldBatch(*row) for row in rows], count


def households_owed(season: models.Season, limit: int = 50) -> tuple[list[PartyIncome], int]:
    """Households the collective owes money after the season, the largest debt first."""
    owed = [p for p in season_report(season).parties if p.kind == "household" and p.balance > 0]
    owed.sort(key=lambda p: (-p.balance, p.code))
    return owed[:limit], len(owed)


# -- households ------------------------------------------------------------------------

@dataclass(frozen=True)
class HouseholdEntry:
    code: str
    name: str
    group: str
    initials: str  # pinyin initials of the name, lower case: 张国华 -> zgh


def initials(name: str) -> str:
    """Pinyin initials of a name; other characters (letters, digits) are kept as they are."""
    from pypinyin import Style, lazy_pinyin

    return "".join(syllable[:1] for syllable in lazy_pinyin(name, style=Style.FIRST_LETTER)
                   if syllable.strip()).lower()


class HouseholdIndex:
    """Every household's code, name, group and pinyin initials, for searching as one types.

    Pinyin cannot be computed by SQLite, so the index is built in Python once, and again
    only when households are added (see `data_stamp`); a search of 10,000 households is
    then a scan of a list in memory, well under a millisecond per hundred.
    """

    def __init__(self):
        self._entries: list[HouseholdEntry] = []
        self._key: tuple | None = None
        self._lock = threading.Lock()

    def entries(self) -> list[HouseholdEntry]:
        key = (id(models.database.obj), P.select(fn.COUNT(P.id), fn.MAX(P.id))
               .where(P.kind == "household").tuples().get())
        with self._lock:
            if key != self._key:
                rows = (P.select(P.code, P.name, P.group).where(P.kind == "household")
                        .order_by(P.code).tuples())
                self._entries = [HouseholdEntry(code, name, group, initials(name))
                                 for code, name, group in rows]
                self._key = key
            return self._entries

    def search(self, query: str) -> list[HouseholdEntry]:
        """Households whose code, name, group or pinyin initials contain `query`, by code."""
        needle = query.strip().lower()
        entries = self.entries()
        if not needle:
            return entries
        return [entry for entry in entries
                if needle in entry.code.lower() or needle in entry.name
                or needle in entry.initials or needle in entry.group]


HOUSEHOLDS = HouseholdIndex()


def household_page(query: str = "", after: str | None = None,
                   limit: int = PAGE) -> list[HouseholdEntry]:
    """The next `limit` households matching `query`, by code, after the code `after`.

    Without a query the page is read from the database through the code index; with one,
    from the search index (which keeps the same order)."""
    if query.strip():
        matches = HOUSEHOLDS.search(query)
        start = 0
        if after is not None:
            start = next((i for i, entry in enumerate(matches) if entry.code > after), len(matches))
        return matches[start:start + limit]
    where = P.kind == "household"
    if after is not None:
        where &= P.code > after
    rows = P.select(P.code, P.name, P.group).where(where).order_by(P.code).limit(limit).tuples()
    return [HouseholdEntry(code, name, group, "") for code, name, group in rows]


# -- batches ---------------------------------------------------------------------------

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
        return money.ratio(self.cocoon_grams, self.sheets, money.SHEET_PLACES) if self.sheets else None


def batch_page(season: models.Season, after: str | None = None, limit: int = PAGE,
               owner: str | None = None) -> list[BatchRow]:
    """The season's next batches by code after `after`, with their leaf and cocoons summed
    for this page's batches only."""
    where = B.season == season
    if after is not None:
        where &= B.code > after
    if owner:
        where &= P.code == owner
    rows = (B.select(B.id, B.code, P.code, P.name, B.sheets, B.breed, B.hatch, B.mount, B.harvest)
            .join(P, on=(B.owner == P.id)).where(where).order_by(B.code).limit(limit).tuples())
    batches = {row[0]: BatchRow(*row[1:]) for row in rows}
    _add_batch_sums(batches)
    return list(batches.values())


def _add_batch_sums(batches: dict[int, BatchRow]) -> None:
    if not batches:
        return
    L, S = models.LeafDelivery, models.CocoonSale
    ids = list(batches)
    for batch_id, grams in (L.select(L.batch, fn.SUM(L.grams)).where(L.batch.in_(ids))
                            .group_by(L.batch).tuples()):
        batches[batch_id].leaf_grams = grams
    for batch_id, grade, grams in (S.select(S.batch, S.grade, fn.SUM(S.grams))
                                   .where(S.batch.in_(ids)).group_by(S.batch, S.grade).tuples()):
        batches[batch_id].grades[grade] = grams
        batches[batch_id].cocoon_grams += grams


@dataclass
class BatchDetail:
    batch: BatchRow
    season: str
    leaf: list[tuple]    # (date, supplier code, supplier name, grams, price, amount)
    sales: list[tuple]   # (date, buyer code, buyer name, grade, grams, price, deduction, amount)
    inputs: list[tuple]  # (date, supplier code, supplier name, item, quantity, unit, amount)


def batch_detail(code: str) -> BatchDetail | None:
    """A batch with all its leaf deliveries, cocoon sales and inputs, by date."""
    S = models.Season
    row = (B.select(B.id, B.code, P.code, P.name, B.sheets, B.breed, B.hatch, B.mount,
                    B.harvest, S.code)
           .join(P, on=(B.owner == P.id)).switch(B).join(S, on=(B.season == S.id))
           .where(B.code == code).tuples().first())
    if row is None:
        return None
    batch = BatchRow(*row[1:-1])
    _add_batch_sums({row[0]: batch})
    L, C, I = models.LeafDelivery, models.CocoonSale, models.Input
    leaf = (L.select(L.date, P.code, P.name, L.grams, L.price, L.amount)
            .join(P, on=(L.supplier == P.id)).where(L.batch == row[0]).order_by(L.date, L.id))
    sales = (C.select(C.date, P.code, P.name, C.grade, C.grams, C.price, C.deduction, C.amount)
             .join(P, on=(C.buyer == P.id)).where(C.batch == row[0]).order_by(C.date, C.id))
    inputs = (I.select(I.date, P.code, P.name, I.item, I.quantity, I.unit, I.amount)
              .join(P, on=(I.supplier == P.id)).where(I.batch == row[0]).order_by(I.date, I.id))
    return BatchDetail(batch, row[-1], list(leaf.tuples()), list(sales.tuples()),
                       list(inputs.tuples()))


def household_batches(code: str, season: models.Season) -> list[str]:
    """The codes of a household's batches in the season."""
    return [c for (c,) in B.select(B.code).join(P, on=(B.owner == P.id))
            .where((P.code == code) & (B.season == season)).order_by(B.code).tuples()]


# -- the journal -----------------------------------------------------------------------

#: The journal's order within one day: kinds in this order, newest first overall.
JOURNAL_KINDS = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments")


@dataclass(frozen=True)
class JournalKey:
    """Where a journal page ends: rows are ordered by (date, kind, id), newest first."""

    date: date
    kind: int  # index in JOURNAL_KINDS
    id: int


@dataclass
class JournalRow:
    date: date
    kind: str
    id: int
    amount: int
    party: str        # the party whose income or cost it is (a batch's owner ...)
    other: str        # the other side (supplier, buyer, payer ...), or ""
    details: tuple    # kind-specific values, see `describe`
    voucher: int | None

    @property
    def key(self) -> JournalKey:
        return JournalKey(self.date, JOURNAL_KINDS.index(self.kind), self.id)

    def describe(self, lang: str | None = None) -> str:
        """A line saying what the record is, in the reader's language."""
        d = self.details
        if self.kind == "leaf":
            return f"{d[0]} {money.kg(d[1])} kg × {money.yuan(d[2])}"
        if self.kind == "sales":
            text = f"{d[0]} {d[1]} {money.kg(d[2])} kg × {money.yuan(d[3])}".replace("  ", " ")
            return text + (f" − {money.yuan(d[4])}" if d[4] else "")
        if self.kind == "inputs":
            return f"{d[0]} {d[1]} {money.quantity(d[2])}{d[3]}"
        if self.kind == "wages":
            return f"{d[0]} {d[1]} {money.quantity(d[2])}{d[3]} × {money.yuan(d[4])}"
        if self.kind == "payments":
            return " ".join(part for part in (i18n.t(f"direction.{d[0]}", lang),
                                              i18n.t(f"method.{d[1]}", lang), d[2]) if part)
        return str(d[0])


def _journal_query(kind: str, season: models.Season, party_id: int | None):
    """One kind's records as journal rows: (date, id, amount, party, other, details...,
    voucher id); and the condition naming the party, if one is asked for."""
    R = {"leaf": models.LeafDelivery, "sales": models.CocoonSale, "inputs": models.Input,
         "wages": models.Wage, "charges": models.Charge, "subsidies": models.Subsidy,
         "payments": models.Payment}[kind]
    V = models.Voucher
    first, second = P.alias("first"), P.alias("second")
    if kind in ("leaf", "sales", "inputs"):
        other_field = R.buyer if kind == "sales" else R.supplier
        details = {"leaf": lambda: (B.code, R.grams, R.price),
                   "sales": lambda: (B.code, R.grade, R.grams, R.price, R.deduction),
                   "inputs": lambda: (B.code, R.item, R.quantity, R.unit)}[kind]()
        query = (R.select(R.date, R.id, R.amount, first.code, second.code, *details, V.id)
                 .join(B, on=(R.batch == B.id)).join(first, on=(B.owner == first.id))
                 .switch(R).join(second, on=(other_field == second.id)))
        parties = (B.owner, other_field)
    else:
        party_field, other_field, details = {
            "wages": lambda: (R.household, R.payer,
                              (R.worker, R.task, R.quantity, R.unit, R.rate)),
            "charges": lambda: (R.household, None, (R.item,)),
            "subsidies": lambda: (R.recipient, None, (R.source,)),
            "payments": lambda: (R.household, None, (R.direction, R.method, R.memo)),
        }[kind]()
        other_code = second.code if other_field is not None else Value("")
        query = (R.select(R.date, R.id, R.amount, first.code, other_code, *details, V.id)
                 .join(first, on=(party_field == first.id)))
        if other_field is not None:
            query = query.switch(R).join(second, on=(other_field == second.id))
        parties = (party_field,) if other_field is None else (party_field, other_field)
    query = query.switch(R).join(V, JOIN.LEFT_OUTER,
                                 on=((V.kind == kind) & (V.record_id == R.id)))
    where = R.season == season
    if party_id is not None:
        named = parties[0] == party_id
        for column in parties[1:]:
            named |= column == party_id
        where &= named
    return R, query, where


def journal_page(season: models.Season, after: JournalKey | None = None, limit: int = PAGE,
                 kinds: Iterable[str] = JOURNAL_KINDS, party: str | None = None,
                 start: date | None = None, end: date | None = None) -> list[JournalRow]:
    """The season's records, newest first, after `after`: one indexed query per kind, each
    reading at most `limit` rows, merged. `party` keeps the records whose income or cost
    is that party's; `start` and `end` bound the dates (inclusive)."""
    party_id = None
    if party:
        party_id = P.select(P.id).where(P.code == party.strip().upper()).scalar()
        if party_id is None:
            return []
    rows: list[JournalRow] = []
    for kind in kinds:
        R, query, where = _journal_query(kind, season, party_id)
        if start:
            where &= R.date >= start
        if end:
            where &= R.date <= end
        if after is not None:
            index = JOURNAL_KINDS.index(kind)
            if index < after.kind:
                where &= R.date <= after.date
            elif index == after.kind:
                where &= (R.date < after.date) | ((R.date == after.date) & (R.id < after.id))
            else:
                where &= R.date < after.date
        for row in query.where(where).order_by(R.date.desc(), R.id.desc()).limit(limit).tuples():
            rows.append(JournalRow(row[0], kind, row[1], row[2], row[3], row[4] or "",
                                   tuple(row[5:-1]), row[-1]))
    rows.sort(key=lambda row: (row.key.date, row.key.kind, row.id), reverse=True)
    return rows[:limit]


@dataclass
class PostingLine:
    account: str
    name: str
    debit: int
    credit: int


def voucher_postings(voucher_id: int, lang: str | None = None) -> list[PostingLine]:
    """A voucher's postings, debits first, with the accounts' names."""
    A, Po = models.Account, models.Posting
    rows = (Po.select(A.code, P.name, Po.debit, Po.credit).join(A, on=(Po.account == A.id))
            .join(P, JOIN.LEFT_OUTER, on=(A.party == P.id)).where(Po.voucher == voucher_id)
            .order_by(Po.credit != 0, Po.id).tuples())
    return [PostingLine(code, chart.account_name(code, lang or i18n.language(), name),
                        debit, credit) for code, name, debit, credit in rows]


def party_name(code: str) -> str | None:
    return P.select(P.name).where(P.code == code).scalar()


def parse_day_range(text: str, around: models.Season) -> tuple[date, date] | None:
    """A journal date filter: `2026-04-05` is that day, `2026-04` that month, `4-5` a day
    of the season's year; None if the text is none of these."""
    import calendar

    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            day = date(*numbers)
            return day, day
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = numbers
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(parts) == 2:
            day = date(around.start.year, *numbers)
            return day, day
    except ValueError:
        return None
    return None

