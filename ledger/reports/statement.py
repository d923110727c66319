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

from peewee import JOIN, Case, fn

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
    #: The ledger's check code (账本校验码), printed at the foot of the sheet so that the
    #: books can later be checked against paper; "" prints none.
    check_code: str = ""
    #: What general vouchers dated within the season moved on the household's 内部往来
    #: (a loan, a dividend), owed to it positive: part of its balance, not of its income.
    vouchers: int = 0

    @property
    def income_total(self) -> int:
        return sum(section.subtotal for section in self.sections if section.sign > 0)

    @property
    def cost_total(self) -> int:
        return sum(section.subtotal for section in self.sections if section.sign < 0)

    @property
    def has_activity(self) -> bool:
        return any(section.rows for section in self.sections) or bool(self.batches)


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from words "key:kind"; a word without a kind is a text column."""
    return tuple(Column(*word.split(":")) if ":" in word else Column(word, "text")
                 for word in spec.split())


#: The sections of a sheet, in order: key, columns, sign.
LAYOUT = (
    ("sales", _columns("date:date batch buyer grade kg:kg price:money deduction:money "
                       "amount:money"), 1),
    ("leaf_supplied", _columns("date:date batch to kg:kg price:money amount:money"), 1),
    ("wages_earned", _columns("worker date:date task payer quantity:quantity unit rate:money "
                              "amount:money"), 1),
    ("subsidies", _columns("date:date source amount:money"), 1),
    ("leaf_received", _columns("date:date batch supplier kg:kg price:money amount:money"), -1),
    ("inputs", _columns("date:date batch supplier item quantity:quantity unit amount:money"), -1),
    ("wages_paid", _columns("worker date:date task household quantity:quantity unit rate:money "
                            "amount:money"), -1),
    ("charges", _columns("date:date item amount:money"), -1),
    ("payments", _columns("date:date direction method memo amount:money"), 0),
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
    general = _general_movements(season, only)
    village, collective = names()
    check_code = anchors.current_code()
    sheets = []
    for party in wanted:
        sections = [Section(key, columns, sign, rows[key].get(party.id, []))
                    for key, columns, sign in LAYOUT]
        sheet = Statement(village, collective, season, party, sections, batches.get(party.id, []),
                          carried_in.get(party.id, 0), check_code=check_code,
                          vouchers=general.get(party.id, 0))
        if not active_only or sheet.has_activity or sheet.balance_in or sheet.balance_out:
            sheets.append(sheet)
    return sheets


def _general_movements(season: models.Season, only: set[int] | None) -> dict[int, int]:
    """Household id -> credits less debits on its 内部往来 of the vouchers of no season
    (general vouchers, the year-end close) dated within the season: few rows, read
    through the vouchers' season-and-date index."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    query = (Posting.select(Account.party, fn.SUM(Posting.credit - Posting.debit))
             .join(Voucher).switch(Posting).join(Account, on=(Posting.account == Account.id))
             .where(Voucher.season.is_null() & (Voucher.date >= season.start)
                    & (Voucher.date <= season.end) & Account.party.is_null(False))
             .group_by(Account.party))
    if only is not None:
        query = query.where(Account.party.in_(list(only)))
    return {party: net for party, net in query.tuples() if net}


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
    notes = {kind: corrections.numbered(kind, corrections.in_season(kind, season))
             for kind, _ in set(NOTED.values())}
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
    Batch, Party = models.Batch, models.Party
    Sale, Leaf, Wage, Input = models.CocoonSale, models.LeafDelivery, models.Wage, models.Input
    Charge, Subsidy, Payment = models.Charge, models.Subsidy, models.Payment
    Other = Party.alias("other")

    def leaf(household, other):
        """Leaf passed between two households, as seen from the one at `household`, the
        `other` named (the owner of the batch it fed, or its supplier)."""
        return (Leaf.select(household, Leaf.id, Leaf.date, Batch.code, Other.name, Leaf.grams,
                            Leaf.price, Leaf.amount)
                .join(Batch, on=(Leaf.batch == Batch.id)).join(Other, on=(other == Other.id))
                .where((Leaf.season == season) & (Leaf.supplier != Batch.owner))
                .order_by(Leaf.date, Leaf.id)), household

    def wages(household, other):
        """Wages between two households, as seen from the one at `household`."""
        return (Wage.select(household, Wage.id, Wage.worker, Wage.date, Wage.task, Other.name,
                            Wage.quantity, Wage.unit, Wage.rate, Wage.amount)
                .join(Other, on=(other == Other.id))
                .where(Wage.season == season)
                .order_by(Wage.worker, Wage.date, Wage.id)), household

    yield "sales", (Sale.select(Batch.owner, Sale.id, Sale.date, Batch.code, Other.name,
                                Sale.grade, Sale.grams, Sale.price, Sale.deduction, Sale.amount)
                    .join(Batch, on=(Sale.batch == Batch.id))
                    .join(Other, on=(Sale.buyer == Other.id))
                    .where(Sale.season == season).order_by(Sale.date, Sale.id)), Batch.owner
    yield "leaf_supplied", *leaf(Leaf.supplier, Batch.owner)
    yield "leaf_received", *leaf(Batch.owner, Leaf.supplier)
    yield "wages_earned", *wages(Wage.household, Wage.payer)
    yield "wages_paid", *wages(Wage.payer, Wage.household)
    yield "inputs", (Input.select(Batch.owner, Input.id, Input.date, Batch.code, Other.name,
                                  Input.item, Input.quantity, Input.unit, Input.amount)
                     .join(Batch, on=(Input.batch == Batch.id))
                     .join(Other, on=(Input.supplier == Other.id))
                     .where(Input.season == season).order_by(Input.date, Input.id)), Batch.owner
    yield "charges", (Charge.select(Charge.household, Charge.id, Charge.date, Charge.item,
                                    Charge.amount)
                      .where(Charge.season == season)
                      .order_by(Charge.date, Charge.id)), Charge.household
    yield "subsidies", (Subsidy.select(Subsidy.recipient, Subsidy.id, Subsidy.date, Subsidy.source,
                                       Subsidy.amount)
                        .where(Subsidy.season == season)
                        .order_by(Subsidy.date, Subsidy.id)), Subsidy.recipient
    settled = Case(None, [(Payment.direction == "to_household", Payment.amount)],
                   Payment.amount * -1)
    yield "payments", (Payment.select(Payment.household, Payment.id, Payment.date,
                                      Payment.direction, Payment.method, Payment.memo, settled)
                       .where(Payment.season == season)
                       .order_by(Payment.date, Payment.id)), Payment.household


def _batches(season: models.Season, only: set[int] | None) -> dict[int, list[BatchFigures]]:
    """Each household's batches of the season, with cocoon kg by grade."""
    Batch, Sale = models.Batch, models.CocoonSale
    query = (Batch.select(Batch.owner, Batch.id, Batch.code, Batch.sheets, Batch.breed,
                          Batch.hatch, Batch.mount, Batch.harvest, Sale.grade, Sale.grams)
             .join(Sale, JOIN.LEFT_OUTER, on=(Sale.batch == Batch.id))
             .where(Batch.season == season).order_by(Batch.code, Sale.grade))
    if only is not None:
        query = query.where(Batch.owner.in_(list(only)))
    found: dict[int, dict[int, BatchFigures]] = defaultdict(dict)
    for owner, batch_id, code, sheets, breed, hatch, mount, harvest, grade, grams in query.tuples():
        figures = found[owner].setdefault(
            batch_id, BatchFigures(code, sheets, breed, hatch, mount, harvest))
        if grams:
            figures.cocoon_grams += grams
            figures.grades[grade or ""] = figures.grades.get(grade or "", 0) + grams
    for batches in found.values():
        for figures in batches.values():
            figures.grades = dict(sorted(figures.grades.items(),
                                         key=lambda item: grade_rank(item[0])))
    return {owner: list(batches.values()) for owner, batches in found.items()}


#: Cocoon grades from best to worst, as the purchase station grades them (docs/accounting.md).
GRADES = ("上车茧", "上茧", "次茧", "下茧")


def grade_rank(grade: str) -> tuple[int, str]:
    """Known grades in their order, then any other grade by name, ungraded last."""
    if grade in GRADES:
        return (GRADES.index(grade), grade)
    return (len(GRADES) + (1 if not grade else 0), grade)
