"""The household settlement sheet (结算单): every record of a season that touches one
household, grouped, with the balance carried in and out.

The rows are read from the records (a household's own leaf, which moves no money, is not
listed); the net income, the settlement and the balances come
from the season report (`ledger.income`), so a sheet and the notice board can never
disagree, and the sections' subtotals are tested to add up to the same figures. Each
section is read with one query for the whole season, so the sheets of a thousand
households cost a dozen queries, not twelve thousand.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN, Case

from ledger import anchors, corrections, income, models
from ledger.errors import LedgerError
from ledger.income import PartyIncome
from ledger.reports.cells import Noted
from ledger.reports.summary import names


@dataclass(frozen=True)
class Column:
    key: str   # message key suffix: col.<key>
    kind: str  # date | text | kg | money | quantity | sheets


@dataclass
class Section:
    """One group of the sheet: its rows, and whether they add to or take from income."""

    key: str
    columns: tuple[Column, ...]
    sign: int  # +1 income, -1 cost, 0 settlement (paid to the household: +, by it: -)
    rows: list[tuple] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        """The sum of the rows' amounts (the last column), in fen."""
        return sum(row[-1] for row in self.rows)


@dataclass
class BatchFigures:
    code: str
    sheets: int          # hundredths
    breed: str
    hatch: date
    mount: date | None
    harvest: date | None
    cocoon_grams: int = 0
    grades: dict[str, int] = field(default_factory=dict)  # grade -> grams


@dataclass
class Statement:
    """A household's settlement sheet for one season; money in fen."""

    village: str
    collective: str
    season: models.Season
    household: PartyIncome
    sections: list[Section]
    batches: list[BatchFigures]

    @property
    def balance_out(self) -> int:
        return self.household.balance

    @property
    def net_income(self) -> int:
        return self.household.net_income

    @property
    def paid(self) -> int:
        return self.household.paid

    #: The balance carried in from earlier seasons, read from the journal on its own, so
    #: that a sheet whose figures did not add up would show it rather than hide it.
    balance_in: int = 0
    #: The ledger's check code (账本校验码) when the sheet was made: an anchor on paper.
    check_code: str = ""

    @property
    def income_total(self) -> int:
        return sum(section.subtotal for section in self.sections if section.sign > 0)

    @property
    def cost_total(self) -> int:
        return sum(section.subtotal for section in self.sections if section.sign < 0)

    @property
    def has_activity(self) -> bool:
        return any(section.rows for section in self.sections) or bool(self.batches)


D, T, KG, M, Q = (lambda k: Column(k, "date"), lambda k: Column(k, "text"),
                  lambda k: Column(k, "kg"), lambda k: Column(k, "money"),
                  lambda k: Column(k, "quantity"))

#: The sections of a sheet, in order: key, columns, sign.
LAYOUT = (
    ("sales", (D("date"), T("batch"), T("buyer"), T("grade"), KG("kg"), M("price"),
               M("deduction"), M("amount")), 1),
    ("leaf_supplied", (D("date"), T("batch"), T("to"), KG("kg"), M("price"), M("amount")), 1),
    ("wages_earned", (T("worker"), D("date"), T("task"), T("payer"), Q("quantity"), T("unit"),
                      M("rate"), M("amount")), 1),
    ("subsidies", (D("date"), T("source"), M("amount")), 1),
    ("leaf_received", (D("date"), T("batch"), T("supplier"), KG("kg"), M("price"),
                       M("amount")), -1),
    ("inputs", (D("date"), T("batch"), T("supplier"), T("item"), Q("quantity"), T("unit"),
                M("amount")), -1),
    ("wages_paid", (T("worker"), D("date"), T("task"), T("household"), Q("quantity"),
                    T("unit"), M("rate"), M("amount")), -1),
    ("charges", (D("date"), T("item"), M("amount")), -1),
    ("payments", (D("date"), T("direction"), T("method"), T("memo"), M("amount")), 0),
)


def statement(code: str, season: models.Season) -> Statement:
    """One household's sheet; refuses a code that is not a household."""
    household = models.Party.get_or_none((models.Party.code == code.strip().upper())
                                         & (models.Party.kind == "household"))
    if household is None:
        raise LedgerError("no_such_household", code=code)
    return statements(season, [household.id])[0]


def statements(season: models.Season, household_ids: list[int] | None = None,
               active_only: bool = False) -> list[Statement]:
    """Sheets for the given households (default: all), in code order. With `active_only`,
    only households with a record this season or a balance either side of it."""
    report = income.season_income(season, household_ids)
    only = set(household_ids) if household_ids is not None else None
    wanted = [p for p in report.parties if p.kind == "household" and (only is None or p.id in only)]
    rows = _section_rows(season, only)
    batches = _batches(season, only)
    carried_in = income.balances_before(season, household_ids)
    village, collective = names()
    check_code = anchors.current_code()
    sheets = []
    for party in wanted:
        sections = [Section(key, columns, sign, rows[key].get(party.id, []))
                    for key, columns, sign in LAYOUT]
        sheet = Statement(village, collective, season, party, sections, batches.get(party.id, []),
                          carried_in.get(party.id, 0), check_code=check_code)
        if not active_only or sheet.has_activity or sheet.balance_in or sheet.balance_out:
            sheets.append(sheet)
    return sheets


#: Section -> (record kind, the text column that carries a correction's note).
NOTED = {"sales": ("sales", "grade"), "leaf_supplied": ("leaf", "to"),
         "leaf_received": ("leaf", "supplier"), "wages_earned": ("wages", "task"),
         "wages_paid": ("wages", "task"), "inputs": ("inputs", "item"),
         "charges": ("charges", "item"), "subsidies": ("subsidies", "source"),
         "payments": ("payments", "memo")}


def _section_rows(season: models.Season, only: set[int] | None) -> dict[str, dict[int, list]]:
    """Section key -> household id -> rows, each section one query over the season.
    A record taking part in a correction says so in its note column (`cells.Noted`)."""
    found: dict[str, dict[int, list]] = {key: defaultdict(list) for key, _, _ in LAYOUT}
    notes = {kind: corrections.in_season(kind, season) for kind, _ in set(NOTED.values())}
    columns = {key: [c.key for c in cols] for key, cols, _ in LAYOUT}
    for key, query, household in _queries(season):
        if only is not None:
            query = query.where(household.in_(list(only)))
        kind, column = NOTED[key]
        noted = notes[kind]
        at = columns[key].index(column)
        for party, record_id, *row in query.tuples():
            if record_id in noted:
                how, other = noted[record_id]
                row[at] = Noted(row[at] or "", how, other)
            found[key][party].append(tuple(row))
    return found


def _queries(season: models.Season):
    """(section, query whose first column is the household id, household column)."""
    B, P = models.Batch, models.Party
    S, L, W, I = models.CocoonSale, models.LeafDelivery, models.Wage, models.Input
    C, U, Pay = models.Charge, models.Subsidy, models.Payment
    Other = P.alias("other")
    Owner = P.alias("owner")

    yield "sales", (S.select(B.owner, S.id, S.date, B.code, Other.name, S.grade, S.grams, S.price,
                             S.deduction, S.amount)
                    .join(B, on=(S.batch == B.id)).join(Other, on=(S.buyer == Other.id))
                    .where(S.season == season).order_by(S.date, S.id)), B.owner
    yield "leaf_supplied", (L.select(L.supplier, L.id, L.date, B.code, Owner.name, L.grams, L.price,
                                     L.amount)
                            .join(B, on=(L.batch == B.id)).join(Owner, on=(B.owner == Owner.id))
                            .where((L.season == season) & (L.supplier != B.owner))
                            .order_by(L.date, L.id)), L.supplier
    yield "leaf_received", (L.select(B.owner, L.id, L.date, B.code, Other.name, L.grams, L.price,
                                     L.amount)
                            .join(B, on=(L.batch == B.id)).join(Other, on=(L.supplier == Other.id))
                            .where((L.season == season) & (L.supplier != B.owner))
                            .order_by(L.date, L.id)), B.owner
    yield "wages_earned", (W.select(W.household, W.id, W.worker, W.date, W.task, Other.name, W.quantity,
                                    W.unit, W.rate, W.amount)
                           .join(Other, on=(W.payer == Other.id))
                           .where(W.season == season).order_by(W.worker, W.date, W.id)), W.household
    yield "wages_paid", (W.select(W.payer, W.id, W.worker, W.date, W.task, Other.name, W.quantity,
                                  W.unit, W.rate, W.amount)
                         .join(Other, on=(W.household == Other.id))
                         .where(W.season == season).order_by(W.worker, W.date, W.id)), W.payer
    yield "inputs", (I.select(B.owner, I.id, I.date, B.code, Other.name, I.item, I.quantity, I.unit,
                              I.amount)
                     .join(B, on=(I.batch == B.id)).join(Other, on=(I.supplier == Other.id))
                     .where(I.season == season).order_by(I.date, I.id)), B.owner
    yield "charges", (C.select(C.household, C.id, C.date, C.item, C.amount)
                      .where(C.season == season).order_by(C.date, C.id)), C.household
    yield "subsidies", (U.select(U.recipient, U.id, U.date, U.source, U.amount)
                        .where(U.season == season).order_by(U.date, U.id)), U.recipient
    settled = Case(None, [(Pay.direction == "to_household", Pay.amount)], Pay.amount * -1)
    yield "payments", (Pay.select(Pay.household, Pay.id, Pay.date, Pay.direction, Pay.method, Pay.memo,
                                  settled)
                       .where(Pay.season == season).order_by(Pay.date, Pay.id)), Pay.household


def _batches(season: models.Season, only: set[int] | None) -> dict[int, list[BatchFigures]]:
    """Each household's batches of the season, with cocoon kg by grade."""
    B, S = models.Batch, models.CocoonSale
    query = (B.select(B.owner, B.id, B.code, B.sheets, B.breed, B.hatch, B.mount, B.harvest,
                      S.grade, S.grams)
             .join(S, JOIN.LEFT_OUTER, on=(S.batch == B.id))
             .where(B.season == season).order_by(B.code, S.grade))
    if only is not None:
        query = query.where(B.owner.in_(list(only)))
    found: dict[int, dict[int, BatchFigures]] = defaultdict(dict)
    for owner, batch_id, code, sheets, breed, hatch, mount, harvest, grade, grams in query.tuples():
        figures = found[owner].setdefault(
            batch_id, BatchFigures(code, sheets, breed, hatch, mount, harvest))
        if grams:
            figures.cocoon_grams += grams
            figures.grades[grade or ""] = figures.grades.get(grade or "", 0) + grams
    for batches in found.values():
        for figures in batches.values():
            figures.grades = dict(sorted(figures.grades.items(), key=lambda item: grade_rank(item[0])))
    return {owner: list(batches.values()) for owner, batches in found.items()}


#: Cocoon grades from best to worst, as the purchase station grades them (DOMAIN.md).
GRADES = ("上车茧", "上茧", "次茧", "下茧")


def grade_rank(grade: str) -> tuple[int, str]:
    """Known grades in their order, then any other grade by name, ungraded last."""
    if grade in GRADES:
        return (GRADES.index(grade), grade)
    return (len(GRADES) + (1 if not grade else 0), grade)
