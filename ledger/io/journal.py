"""The collective's double-entry journal as an hledger or a Beancount file.

Every voucher becomes one transaction, dated, described by its record kind in Chinese and
the batch and party it concerns, with its postings to the chart's accounts (ledger.chart)
in CNY with two decimals. Vouchers are read kind by kind, each stream in date order, and
merged, so the whole journal is never held in memory. Both files declare every account,
so `hledger check accounts` and `bean-check` find nothing undeclared; their balances equal
the trial balance account by account, debits positive. The general vouchers (the
year-end close's included) are there beside the records' vouchers, and every voucher
carries its number (`记-2026-04-0017`): hledger's transaction code, Beancount's `number`
metadata.

hledger allows Chinese account names: `资产:113 内部往来:113.H001 张国华`. Beancount needs
ASCII-initial components under Assets/Liabilities/Equity/Income/Expenses, so an account
is named by its code (`Assets:A113:H001`, `Income:I501:I50101`) and its Chinese name is
the `name` metadata of its `open` directive.
"""
from __future__ import annotations

import heapq
import itertools
import re
from datetime import date
from typing import IO, Iterator, NamedTuple

from peewee import JOIN, fn

from ledger import accounts, chart, db, i18n, models, money, voucher_rules, vouchers
from ledger.kinds import RECORD_KINDS, Kind

FORMATS = ("hledger", "beancount")
COMMODITY = "CNY"

#: The account classes, by the first digit of a level-1 code (5: by its normal side).
#: Each is (Beancount root, Chinese root, hledger account type, Beancount code prefix).
CLASSES = {"1": ("Assets", "资产", "A", "A"), "2": ("Liabilities", "负债", "L", "L"),
           "3": ("Equity", "所有者权益", "E", "E")}
INCOME = ("Income", "收入", "R", "I")
EXPENSES = ("Expenses", "支出", "X", "X")

#: Per record kind: the batch column and the party column that describe its voucher,
#: and a free-text column that says what it was for.
DESCRIBED_BY = {
    "leaf": ("batch", "supplier", None),
    "sales": ("batch", "buyer", "grade"),
    "inputs": ("batch", "supplier", "item"),
    "wages": (None, "household", "worker"),
    "charges": (None, "household", "item"),
    "subsidies": (None, "recipient", "source"),
    "payments": (None, "household", "memo"),
}


class Posting(NamedTuple):
    account: str
    party_name: str | None
    amount: int  # fen, debit positive


class Transaction(NamedTuple):
    date: date
    voucher: int
    kind: str
    record: int
    description: str
    postings: list[Posting]


def account_class(code: str) -> tuple[str, str, str, str]:
    """The class of an account of the chart (see CLASSES)."""
    top = chart.parent_of(code) or code
    if top[0] in CLASSES:
        return CLASSES[top[0]]
    return INCOME if chart.BY_CODE[top].side == "credit" else EXPENSES


# -- reading -------------------------------------------------------------------------------

def _kind_stream(kind: Kind) -> Iterator[Transaction]:
    """The vouchers of one record kind with their postings, in (date, voucher) order."""
    Voucher, Account, Party = models.Voucher, models.Account, models.Party
    # models.Posting spelled in full: `Posting` here is this module's own tuple
    model = kind.model
    batch_col, party_col, text_col = DESCRIBED_BY[kind.name]
    holder = Party.alias("account_party")
    party = Party.alias("described_party")
    fields = [Voucher.id, Voucher.date, model.id, Account.code, holder.name,
              models.Posting.debit, models.Posting.credit, party.code, party.name, model.reverses]
    query = (Voucher.select()
             .join(model, on=(model.id == Voucher.record_id))
             .join(party, on=(getattr(model, party_col) == party.id)))
    if batch_col:
        batch = models.Batch.alias("described_batch")
        query = query.switch(model).join(batch, on=(model.batch == batch.id))
        fields.append(batch.code)
    if text_col:
        fields.append(getattr(model, text_col))
    query = (query.switch(Voucher).join(models.Posting, on=(models.Posting.voucher == Voucher.id))
             .join(Account, on=(models.Posting.account == Account.id))
             .join(holder, JOIN.LEFT_OUTER, on=(Account.party == holder.id))
             .where(Voucher.kind == kind.name)
             .select(*fields)
             .order_by(Voucher.date, Voucher.id, models.Posting.id))
    label = i18n.kind_label(kind.name, "zh")
    for voucher, lines in itertools.groupby(query.tuples().iterator(), key=lambda r: r[0]):
        lines = list(lines)
        first = lines[0]
        extra = list(first[10:])
        words = [label] if first[9] is None else [f"红字冲销 {label} #{first[9]}"]
        if batch_col:
            words.append(f"蚕批 {extra.pop(0)}")
        words.append(f"{first[7]} {first[8]}")
        if text_col and extra and extra[0]:
            words.append(extra[0])
        postings = [Posting(code, name, debit - credit)
                    for _, _, _, code, name, debit, credit, *_ in lines]
        yield Transaction(first[1], voucher, kind.name, first[2], " ".join(words), postings)


def _general_stream() -> Iterator[Transaction]:
    """The general vouchers (the year-end close's included) with their postings, in
    (date, voucher) order, each described by its first line's summary."""
    Voucher, Account, Party = models.Voucher, models.Account, models.Party
    GeneralVoucher, VoucherLine = models.GeneralVoucher, models.VoucherLine
    holder = Party.alias("account_party")
    first_line = VoucherLine.alias("first_line")
    summary = (first_line.select(first_line.summary)
               .where(first_line.voucher == GeneralVoucher.id)
               .order_by(first_line.id).limit(1))
    query = (Voucher.select(Voucher.id, Voucher.date, GeneralVoucher.id, Account.code,
                            holder.name, Account.name, models.Posting.debit,
                            models.Posting.credit, GeneralVoucher.source,
                            GeneralVoucher.reverses, summary.alias("summary"))
             .join(GeneralVoucher, on=(GeneralVoucher.id == Voucher.record_id))
             .switch(Voucher).join(models.Posting, on=(models.Posting.voucher == Voucher.id))
             .join(Account, on=(models.Posting.account == Account.id))
             .join(holder, JOIN.LEFT_OUTER, on=(Account.party == holder.id))
             .where(Voucher.kind == voucher_rules.KIND)
             .order_by(Voucher.date, Voucher.id, models.Posting.id))
    label = i18n.kind_label(voucher_rules.KIND, "zh")
    for voucher, lines in itertools.groupby(query.tuples().iterator(), key=lambda r: r[0]):
        lines = list(lines)
        first = lines[0]
        words = ["年终结账" if first[8] == "closing" else label]
        if first[9] is not None:
            words = [f"红字冲销 {words[0]} #{first[9]}"]
        words.append(first[10] or "")
        postings = [Posting(code, party_name or own_name or None, debit - credit)
                    for _, _, _, code, party_name, own_name, debit, credit, *_ in lines]
        yield Transaction(first[1], voucher, voucher_rules.KIND, first[2],
                          " ".join(word for word in words if word), postings)


class Numbers:
    """Voucher numbers (`记-2026-04-0017`) for a walk through the journal in date order:
    the numbers of one month at a time are read, when the walk reaches it."""

    def __init__(self):
        self.month: tuple[int, int] | None = None
        self.found: dict[int, str] = {}

    def of(self, entry: Transaction) -> str:
        month = (entry.date.year, entry.date.month)
        if month != self.month:
            self.month, self.found = month, vouchers.month_numbers(*month)
        return self.found[entry.voucher]


#: KiB each kind's sorted stream may hold in memory before SQLite sorts on disk: at the
#: connection's 32 MB, the seven streams took 260 MB of a ten-million-record export.
STREAM_SORT_KIB = 8000


def transactions() -> Iterator[Transaction]:
    """Every voucher of the ledger, in date order, then voucher number."""
    with db.sort_memory(STREAM_SORT_KIB):
        streams = [*(_kind_stream(kind) for kind in RECORD_KINDS), _general_stream()]
        yield from heapq.merge(*streams, key=lambda t: (t.date, t.voucher))


def _accounts() -> Iterator[tuple[str, str | None]]:
    """Every account of the ledger (chart accounts, household sub-accounts named after
    their head, sub-accounts the accountant added by their own name), in order."""
    Account, Party = models.Account, models.Party
    query = (Account.select(Account.code, Party.name, Account.name)
             .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
             .order_by(Account.code).tuples())
    rows = ((code, party_name or own_name or None) for code, party_name, own_name in query)
    return iter(sorted(rows, key=lambda row: accounts.chart_order(row[0])))


def _first_day() -> date | None:
    """The first day the journal needs its accounts open: the first season's start, or
    an earlier voucher's date (an opening balance)."""
    first = models.Season.select(fn.MIN(models.Season.start)).scalar()
    voucher = models.Voucher.select(fn.MIN(models.Voucher.date)).scalar()
    days = [_as_date(day) for day in (first, voucher) if day is not None]
    return min(days) if days else None


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _amount(fen: int) -> str:
    return f"{money.yuan(fen)} {COMMODITY}"


# -- hledger -------------------------------------------------------------------------------

_HLEDGER_UNSAFE = re.compile(r"[\x00-\x1f\x7f:;|]+")


def _hledger_words(text: str) -> str:
    """Text safe in an hledger account name or description: no separators or comment
    marks, and never two spaces in a row (they end an account name)."""
    return " ".join(_HLEDGER_UNSAFE.sub(" ", text).split())


def hledger_account(code: str, party_name: str | None = None) -> str:
    """`资产:101 库存现金`, `资产:113 内部往来:113.H001 张国华`, `收入:501 经营收入:501.01 蚕茧`."""
    root = account_class(code)[1]
    top = chart.parent_of(code)
    if top is None:
        return f"{root}:{code} {chart.BY_CODE[code].zh}"
    if code in chart.BY_CODE:
        suffix = chart.BY_CODE[code].zh.rpartition("-")[2]
    else:
        suffix = party_name or code.partition(".")[2]
    return f"{root}:{top} {chart.BY_CODE[top].zh}:{code} {_hledger_words(suffix)}"


def write_hledger(handle: IO[str], village: str = "") -> int:
    """Write the journal for hledger; the number of transactions written."""
    handle.write(f"; 蚕桑账本 {_hledger_words(village)} 记账凭证 (silk export --format hledger)\n"
                 f"; amounts in {COMMODITY}; debits positive\n\n"
                 f"commodity 1000.00 {COMMODITY}\n\n")
    for _, zh, account_type, _ in (*CLASSES.values(), INCOME, EXPENSES):
        handle.write(f"account {zh}  ; type: {account_type}\n")
    for code, party_name in _accounts():
        name = chart.account_name(code, "zh", party_name)
        handle.write(f"account {hledger_account(code, party_name)}  ; {_hledger_words(name)}\n")
    count = 0
    numbers = Numbers()
    for entry in transactions():
        handle.write(f"\n{entry.date.isoformat()} ({numbers.of(entry)}) "
                     f"{_hledger_words(entry.description)}  ; kind:{entry.kind}, "
                     f"record:{entry.record}, voucher:{entry.voucher}\n")
        for posting in entry.postings:
            handle.write(f"    {hledger_account(posting.account, posting.party_name)}  "
                         f"{_amount(posting.amount)}\n")
        count += 1
    return count


# -- Beancount -----------------------------------------------------------------------------

_COMPONENT_ESCAPES = {"-": "--", ".": "-P", "_": "-U"}


def _component(code: str) -> str:
    """A party code as a Beancount account component: capitals and digits kept, and the
    other characters a code may hold escaped one to one, so two codes never meet."""
    return "".join(_COMPONENT_ESCAPES.get(ch, ch) for ch in code.upper())


def beancount_account(code: str) -> str:
    """`Assets:A101`, `Assets:A113:H001`, `Income:I501:I50101`."""
    root, _, _, letter = account_class(code)
    top = chart.parent_of(code)
    if top is None:
        return f"{root}:{letter}{code}"
    if code in chart.BY_CODE:
        return f"{root}:{letter}{top}:{letter}{code.replace('.', '')}"
    return f"{root}:{letter}{top}:{_component(code.partition('.')[2])}"


def _quoted(text: str) -> str:
    clean = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())
    return '"' + clean.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_beancount(handle: IO[str], village: str = "") -> int:
    """Write the journal for Beancount; the number of transactions written."""
    handle.write(f"; 蚕桑账本 记账凭证 (silk export --format beancount)\n"
                 f"option \"title\" {_quoted(('蚕桑账本 ' + village).strip())}\n"
                 f"option \"operating_currency\" \"{COMMODITY}\"\n")
    first = _first_day()
    if first is not None:
        handle.write(f"\n{first.isoformat()} commodity {COMMODITY}\n")
        for code, party_name in _accounts():
            handle.write(f"{first.isoformat()} open {beancount_account(code)} {COMMODITY}\n"
                         f"  name: {_quoted(chart.account_name(code, 'zh', party_name))}\n"
                         f"  code: {_quoted(code)}\n")
    count = 0
    numbers = Numbers()
    for entry in transactions():
        handle.write(f"\n{entry.date.isoformat()} * {_quoted(entry.description)}\n"
                     f"  number: {_quoted(numbers.of(entry))}\n"
                     f"  voucher: {entry.voucher}\n"
                     f"  kind: {_quoted(entry.kind)}\n")
        for posting in entry.postings:
            handle.write(f"  {beancount_account(posting.account)}  {_amount(posting.amount)}\n")
        count += 1
    return count
