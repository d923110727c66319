"""The ledger's tables, as Peewee models bound to a database chosen at run time.

Money is integer fen, weights integer grams, sheets hundredths and other quantities
thousandths (see `ledger.money`). Each record kind keeps the season it belongs to, so a
season's report reads only that season's rows through an index. Records are facts:
the journal (vouchers and postings) is derived from them by `ledger.posting`.
"""
from __future__ import annotations

from peewee import (
    AutoField,
    BigIntegerField,
    CharField,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    SQL,
    TextField,
)

database = DatabaseProxy()

#: The reserved party code of the village collective itself.
COLLECTIVE = "COLLECTIVE"


#: Length of a row's seal and of a voucher's or change's hash (see `ledger.seal`).
SEAL_CHARS = 32


class BaseModel(Model):
    """Every table; a foreign key gets an index unless a composite index in the model's
    Meta begins with it (each index costs time on every import)."""

    class Meta:
        database = database
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the ledger itself: schema version, village name."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()


class Party(BaseModel):
    """A household, a partner outside the village, or the collective itself."""

    id = AutoField()
    code = CharField(max_length=32, unique=True)
    kind = CharField(max_length=16, index=True)  # household | partner | collective
    name = CharField(max_length=200)
    group = CharField(max_length=64, default="")  # village group (村民小组), households
    phone = CharField(max_length=64, default="")
    shares = BigIntegerField(default=0)  # thousandths of a share
    note = TextField(default="")
    seal = CharField(max_length=SEAL_CHARS, default="")


class Season(BaseModel):
    """A rearing round; seasons are ordered by their start date and never overlap."""

    id = AutoField()
    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=200)
    start = DateField(index=True)
    end = DateField()
    closed = CharField(max_length=32, null=True)  # when it was closed (结账), ISO time
    seal = CharField(max_length=SEAL_CHARS, default="")

    @property
    def is_closed(self) -> bool:
        return self.closed is not None


class Batch(BaseModel):
    """One owner's lot of eggs in one season."""

    id = AutoField()
    code = CharField(max_length=32, unique=True)
    season = ForeignKeyField(Season, backref="batches", on_delete="RESTRICT", index=False)
    owner = ForeignKeyField(Party, backref="batches", on_delete="RESTRICT")
    sheets = BigIntegerField()  # hundredths of a sheet
    breed = CharField(max_length=100, default="")
    hatch = DateField()
    mount = DateField(null=True)
    harvest = DateField(null=True)
    seal = CharField(max_length=SEAL_CHARS, default="")

    class Meta:
        indexes = ((("season", "owner"), False),)


class Record(BaseModel):
    """Fields shared by every dated record that moves money.

    A record is never changed once written. A reversal (红字冲销) is a new record of the
    same kind whose quantities and amount are the original's negated, `reverses` naming
    it; a correction is a reversal plus a new record whose `corrects` names the original.
    """

    id = AutoField()
    date = DateField()
    season = ForeignKeyField(Season, on_delete="RESTRICT", index=False)  # see Meta
    amount = BigIntegerField()  # fen
    reverses = IntegerField(null=True)  # id of the record of this kind it reverses
    corrects = IntegerField(null=True)  # id of the record of this kind it replaces
    seal = CharField(max_length=SEAL_CHARS, default="")

    class Meta:
        # A season's rows of every record kind are read through this index.
        indexes = ((("season", "date"), False),)


class LeafDelivery(Record):
    batch = ForeignKeyField(Batch, on_delete="RESTRICT", index=True)
    supplier = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    grams = BigIntegerField()
    price = BigIntegerField()  # fen per kg


class CocoonSale(Record):
    batch = ForeignKeyField(Batch, on_delete="RESTRICT", index=True)
    buyer = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    grade = CharField(max_length=32, default="")
    grams = BigIntegerField()
    price = BigIntegerField()  # fen per kg
    deduction = BigIntegerField(default=0)  # fen


class Input(Record):
    batch = ForeignKeyField(Batch, on_delete="RESTRICT", index=True)
    supplier = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    item = CharField(max_length=100)
    quantity = BigIntegerField()  # thousandths
    unit = CharField(max_length=32, default="")


class Wage(Record):
    payer = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    household = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    worker = CharField(max_length=100)
    task = CharField(max_length=100, default="")
    quantity = BigIntegerField()  # thousandths
    unit = CharField(max_length=32, default="")
    rate = BigIntegerField()  # fen per unit


class Charge(Record):
    household = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    item = CharField(max_length=100)


class Subsidy(Record):
    recipient = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    source = CharField(max_length=200)


class Payment(Record):
    household = ForeignKeyField(Party, on_delete="RESTRICT", index=True)
    direction = CharField(max_length=16)  # to_household | from_household
    method = CharField(max_length=8)  # cash | bank | transfer | wechat | alipay
    memo = TextField(default="")


class Account(BaseModel):
    """An account of the chart; households' sub-accounts of 113 link to their party, and
    a sub-account the accountant adds (513.01 电费) keeps its own name."""

    id = AutoField()
    code = CharField(max_length=48, unique=True)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    party = ForeignKeyField(Party, null=True, unique=True, on_delete="RESTRICT")
    seal = CharField(max_length=SEAL_CHARS, default="")
    name = CharField(max_length=100, default="")  # an added sub-account's own name


class GeneralVoucher(BaseModel):
    """A voucher (记账凭证) that is not a sericulture record: entered by hand, read from
    vouchers.csv, or made by the program (the opening balances, the year-end close). Its
    lines are `VoucherLine`s; like a record it is never changed, only reversed."""

    id = AutoField()
    date = DateField(index=True)
    attachments = IntegerField(default=0)  # 附单据张数
    maker = CharField(max_length=100, default="")  # 制单
    source = CharField(max_length=16, default="entry")  # entry | closing
    reverses = IntegerField(null=True)  # id of the general voucher it reverses (红字冲销)
    seal = CharField(max_length=SEAL_CHARS, default="")


class VoucherLine(BaseModel):
    """One line of a general voucher: a summary (摘要), an account, a debit or a credit."""

    id = AutoField()
    voucher = ForeignKeyField(GeneralVoucher, backref="lines", on_delete="RESTRICT",
                              index=True)
    summary = CharField(max_length=200, default="")
    account = ForeignKeyField(Account, on_delete="RESTRICT", index=True)
    debit = BigIntegerField(default=0)
    credit = BigIntegerField(default=0)
    seal = CharField(max_length=SEAL_CHARS, default="")


class Voucher(BaseModel):
    """A balanced journal entry (记账凭证) posted for exactly one record, or for one general
    voucher (kind `vouchers`, no season: it belongs to its date).

    Vouchers form a hash chain: each one's `hash` covers its own fields, its postings,
    its record's seal and the hash of the voucher before it (`ledger.seal`)."""

    id = AutoField()
    season = ForeignKeyField(Season, null=True, on_delete="RESTRICT", index=False)  # see Meta
    date = DateField()
    kind = CharField(max_length=16)  # record kind, see ledger.kinds
    record_id = IntegerField()
    reverses = IntegerField(null=True)  # id of the voucher it reverses (红字冲销)
    record_seal = CharField(max_length=SEAL_CHARS, default="")
    hash = CharField(max_length=SEAL_CHARS, default="")

    class Meta:
        # By date: the months kept per account are checked a year at a time (`check`).
        indexes = ((("kind", "record_id"), True), (("season", "date"), False),
                   (("date",), False))


class Posting(BaseModel):
    """One line of a voucher: a debit or a credit to one account, in fen."""

    id = AutoField()
    voucher = ForeignKeyField(Voucher, backref="postings", on_delete="RESTRICT", index=True)
    account = ForeignKeyField(Account, on_delete="RESTRICT", index=False)
    debit = BigIntegerField(default=0)
    credit = BigIntegerField(default=0)

    class Meta:
        # an account's postings in voucher order: a book of a period finds its lines
        # among the account's postings of the period's vouchers (`ledger.books`)
        indexes = ((("account", "voucher"), False),)


class AccountBalance(BaseModel):
    """Each account's debits and credits per season, kept in the same transaction as
    every posting, so that balances over history cost as much as the number of seasons.
    `check` recomputes them from the postings."""

    account = ForeignKeyField(Account, on_delete="RESTRICT", index=False)  # see Meta
    season = ForeignKeyField(Season, on_delete="RESTRICT", index=False)
    debit = BigIntegerField(default=0)
    credit = BigIntegerField(default=0)

    class Meta:
        primary_key = False
        indexes = ((("account", "season"), True), (("season",), False))


class AccountMonth(BaseModel):
    """Each account's debits and credits per calendar month (`2026-04`), of every voucher,
    kept with AccountBalance: statements, books and the month's trial balance sum months,
    not postings. `check` recomputes them too."""

    account = ForeignKeyField(Account, on_delete="RESTRICT", index=False)  # see Meta
    month = CharField(max_length=7)
    debit = BigIntegerField(default=0)
    credit = BigIntegerField(default=0)

    class Meta:
        primary_key = False
        indexes = ((("account", "month"), True), (("month",), False))


class AccountTotal(BaseModel):
    """Each account's debits and credits over all seasons, kept with AccountBalance: the
    trial balance and the latest season's balances read one row an account, however
    long the history. `check` recomputes them too."""

    account = ForeignKeyField(Account, primary_key=True, on_delete="RESTRICT")
    debit = BigIntegerField(default=0)
    credit = BigIntegerField(default=0)


class Change(BaseModel):
    """One entry of the audit trail: who changed what, when, from what to what, and why.

    Append-only (the database refuses to update or delete an entry) and hash-chained
    like the vouchers. A write of many records (an import) is one entry per record kind,
    naming the range of ids it added."""

    id = AutoField()
    at = CharField(max_length=32)  # local time with its UTC offset, ISO 8601
    operator = CharField(max_length=100)
    action = CharField(max_length=16)  # record | import | reverse | amend | close | ...
    kind = CharField(max_length=16, default="")  # record kind, when records were touched
    first_id = IntegerField(null=True)
    last_id = IntegerField(null=True)
    target = CharField(max_length=100, default="")  # a season's code, a file ...
    before = TextField(default="")  # JSON
    after = TextField(default="")  # JSON
    reason = TextField(default="")
    hash = CharField(max_length=SEAL_CHARS, default="")

    class Meta:
        indexes = ((("kind", "first_id"), False),)


RECORD_MODELS = (LeafDelivery, CocoonSale, Input, Wage, Charge, Subsidy, Payment)

ALL_MODELS = (
    Meta, Party, Season, Batch, *RECORD_MODELS, Account, GeneralVoucher, VoucherLine, Voucher,
    Posting, AccountBalance, AccountMonth, AccountTotal, Change,
)

# Corrections are few: partial indexes find them without reading a whole table.
for _model in RECORD_MODELS:
    for _link in (_model.reverses, _model.corrects):
        _model.add_index(_model.index(_link, where=_link.is_null(False),
                                      name=f"{_model._meta.table_name}_{_link.name}"))

#: Tables whose rows each carry a seal over their own content.
SEALED_MODELS = (Party, Season, Batch, *RECORD_MODELS, Account, GeneralVoucher, VoucherLine)
#: Tables whose rows are never updated or deleted, which the database enforces.
APPEND_ONLY_MODELS = (*RECORD_MODELS, GeneralVoucher, VoucherLine, Voucher, Posting, Change)



# -- batch notes (the yield book, issue 16) -------------------------------------------------

class BatchNote(BaseModel):
    """A dated note on a batch: a disease seen, a mortality estimate, the 眠起 stages, the
    weather. Not money: it posts nothing. Sealed, append-only and in the audit trail like
    the records (`ledger.notes`)."""

    id = AutoField()
    batch = ForeignKeyField(Batch, backref="notes", on_delete="RESTRICT", index=True)
    date = DateField()
    text = TextField()
    seal = CharField(max_length=SEAL_CHARS, default="")


ALL_MODELS += (BatchNote,)
SEALED_MODELS += (BatchNote,)
APPEND_ONLY_MODELS += (BatchNote,)


# -- fixed assets (issue 14) ------------------------------------------------------------------

class FixedAsset(BaseModel):
    """A fixed asset (固定资产) in the register: what it cost, how many months it serves,
    what it is worth at the end, and the expense account its monthly depreciation is
    charged to (by where it is used). Written once and never changed, like a record;
    `acquisition` is the general voucher that bought it, or empty when the asset was
    already in the opening balances (`ledger.assets`), and then `opening_depreciation`
    is what the books before these had depreciated of it (累计折旧期初, fen).

    `opening_depreciation` came with schema 7 and, like a column SQLite adds to a table,
    stands last; its seal covers it only when it is not 0 (`seal.LATE_COLUMNS`), so the
    rows sealed before it existed keep their seals."""

    id = AutoField()
    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=200)
    acquired = DateField()
    cost = BigIntegerField()  # fen
    life = IntegerField()  # months
    residual = BigIntegerField(default=0)  # fen
    method = CharField(max_length=16, default="straight_line")
    use = CharField(max_length=16)  # workshop | production | management | public
    account = ForeignKeyField(Account, on_delete="RESTRICT", index=True)
    acquisition = ForeignKeyField(GeneralVoucher, null=True, on_delete="RESTRICT", index=False)
    seal = CharField(max_length=SEAL_CHARS, default="")
    opening_depreciation = BigIntegerField(default=0, constraints=[SQL("DEFAULT 0")])  # fen


class Depreciation(BaseModel):
    """One month's depreciation (计提折旧): the month it covers and the general voucher
    that posted it. Reversing that voucher frees the month again; the run itself stays."""

    id = AutoField()
    month = CharField(max_length=7, index=True)
    voucher = ForeignKeyField(GeneralVoucher, unique=True, on_delete="RESTRICT")
    seal = CharField(max_length=SEAL_CHARS, default="")


class DepreciationLine(BaseModel):
    """What one depreciation run charged for one asset, in fen: the register sums these."""

    id = AutoField()
    run = ForeignKeyField(Depreciation, backref="lines", on_delete="RESTRICT", index=False)
    asset = ForeignKeyField(FixedAsset, on_delete="RESTRICT", index=False)  # see Meta
    amount = BigIntegerField()
    seal = CharField(max_length=SEAL_CHARS, default="")

    class Meta:
        indexes = ((("asset", "run"), True), (("run",), False))


ALL_MODELS += (FixedAsset, Depreciation, DepreciationLine)
SEALED_MODELS += (FixedAsset, Depreciation, DepreciationLine)
APPEND_ONLY_MODELS += (FixedAsset, Depreciation, DepreciationLine)


# -- voucher numbers (schema 8) ---------------------------------------------------------------

class VoucherNumber(BaseModel):
    """Each journal voucher's number within its month (`记-2026-04-0017` is position 17
    of `2026-04`), kept when the voucher is posted: gapless within the month, in posting
    (id) order. Kept like the monthly balances, outside the seals and the chain (so the
    vouchers sealed before numbers were kept keep their hashes): `check` counts the
    numbers afresh from the vouchers, and makes the rest afresh from their records and
    postings, and names every one kept otherwise."""

    voucher = ForeignKeyField(Voucher, primary_key=True, on_delete="RESTRICT")
    month = CharField(max_length=7)
    position = IntegerField()
    # What a book's line of the voucher shows beside its number (schema 12), kept with it
    # so that a year's cash or bank book reads them with its lines instead of looking each
    # one up in its record and in its other postings (`ledger.books`). Plain integers, not
    # foreign keys: a server checks a foreign key at every row an import writes.
    subject = IntegerField(null=True)  # the record's batch or party (`kinds.DESCRIBED`)
    detail = TextField(null=True)  # and its detail: an input's item, a wage's task
    first_account = IntegerField(null=True)  # a voucher of two postings: their accounts,
    second_account = IntegerField(null=True)  # in posting order (对方科目); else none

    class Meta:
        indexes = ((("month", "position"), True),)


ALL_MODELS += (VoucherNumber,)


# -- each party's season flows (schema 9) ----------------------------------------------------

class SeasonFlow(BaseModel):
    """What each party's records of a season add up to, figure by figure (`ledger.flows`:
    cocoon kg and income, leaf, inputs, wages, charges, subsidies, payments), kept in the
    same transaction as every record, so that a season's report and a township's sum of
    villages read these sums, not the season's records. Kept like the balances, outside
    the seals: `check` counts them afresh from the records."""

    season = ForeignKeyField(Season, on_delete="RESTRICT", index=False)  # see Meta
    party = ForeignKeyField(Party, on_delete="RESTRICT", index=False)
    figure = CharField(max_length=16)
    value = BigIntegerField(default=0)

    class Meta:
        primary_key = False
        indexes = ((("season", "party", "figure"), True),)


ALL_MODELS += (SeasonFlow,)
