"""The rules every record must obey, written once for every entry point.

`check_fields(kind, values, refs)` reads a record from text (CSV, the command line) or
from typed values (Decimal, date: the UI), checks every field and every rule between
fields, and returns a `Form` holding the record's exact values (codes resolved to
references) in `result` and every problem found in `errors`. It writes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, wraps
from datetime import date, datetime
from typing import Any, Callable, Mapping

from ledger import money, printable
from ledger.models import COLLECTIVE
from ledger.errors import FieldError, RecordRefused
from ledger.kinds import BY_NAME
from ledger.refs import BatchRef, PartyRef, Refs, SeasonRef

#: Largest magnitudes accepted, in whole units: far beyond any village's figures, small
#: enough that sums over millions of records stay exact in 64-bit integers.
MONEY_LIMIT = 100_000_000       # yuan in one amount
PRICE_LIMIT = 100_000           # yuan per kg or per unit
WEIGHT_LIMIT = 1_000_000        # kg in one record
SHEET_LIMIT = 100_000           # sheets in one batch
QUANTITY_LIMIT = 1_000_000      # days, bags, shares ...

TEXT_LIMIT = 200
MEMO_LIMIT = 2000
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,31}")
DIRECTIONS = ("to_household", "from_household")
#: How a payment is made: cash goes through 库存现金 (101); the bank, a bank transfer and
#: the two mobile wallets through 银行存款 (102), the method kept for the sheets.
METHODS = ("cash", "bank", "transfer", "wechat", "alipay")


class Problem(Exception):
    """A field's value is wrong: a message key and its parameters."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


# -- field readers: raw value -> exact value, or Problem ---------------------------------

_CONTROL = re.compile(printable.CONTROL)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_CONTROL_BUT_NEWLINE = re.compile(printable.CONTROL_BUT_NEWLINE)


#: Distinct values of one kind kept once judged: an import's rows repeat the same few
#: hundred items, units, workers, codes and prices, each judged once per file instead of
#: once per row. Values that are refused are judged again (a refusal is not kept), and
#: so is text longer than JUDGED_LONGEST (a memo seldom repeats, and a value padded with
#: spaces must not hold its padding in memory).
JUDGED_KEPT, JUDGED_LONGEST = 4096, 64


def judged_once(judge: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`judge`, with what it says of each short text value kept (see JUDGED_KEPT). Only
    exact `str` is kept: a Decimal or an int could equal a float and stand in for it."""
    kept = lru_cache(maxsize=JUDGED_KEPT)(judge)

    @wraps(judge)
    def read(value):
        if type(value) is str and len(value) <= JUDGED_LONGEST:
            return kept(value)
        return judge(value)
    return read


#: Invisible characters in text, decided per class (one rule for the importer, the
#: command line and the forms, since all of them read text here):
#: - text-direction controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are
#:   REFUSED: they change the order in which what follows them is shown, so a printed
#:   name or figure would not read as stored; the typist is asked to type it again.
#: - zero-width characters that mean nothing on their own (U+200B zero-width space,
#:   U+200C and U+200D non-joiner and joiner, U+2060 word joiner, U+2061..U+2064
#:   invisible operators, U+FEFF byte-order mark, U+00AD soft hyphen, U+180E) are
#:   REMOVED: the text means what it shows without them (张\u200b三 is 张三, and must not
#:   stand beside 张三 as another name), and text pasted from a web page or a chat often
#:   carries them. A joiner inside an emoji sequence (👨\u200d👩) is kept: there it is
#:   part of the picture shown.
#: Text that is nothing but invisible characters is refused: it would print as a blank.
TEXT_DIRECTION_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_ONLY_INVISIBLE = re.compile("[\u115f\u1160\u2800\u3164\uffa0]+")
_EMOJI_JOINER = "\u200d"


def _joins_pictures(text: str, index: int) -> bool:
    """Whether the joiner at `index` stands between two pictures (an emoji sequence)."""
    before = text[index - 1] if index else ""
    if before == "\ufe0f" and index > 1:  # a picture's emoji presentation selector
        before = text[index - 2]
    after = text[index + 1] if index + 1 < len(text) else ""
    return (bool(before) and unicodedata.category(before) in ("So", "Sk")
            and bool(after) and unicodedata.category(after) == "So")


def without_zero_width(text: str) -> str:
    """`text` without the zero-width characters that mean nothing (see ZERO_WIDTH)."""
    if text.isascii() or not ZERO_WIDTH.search(text):
        return text
    return ZERO_WIDTH.sub(lambda found: found[0] if found[0] == _EMOJI_JOINER
                          and _joins_pictures(text, found.start()) else "", text)


@lru_cache(maxsize=None)
def read_text(limit: int = TEXT_LIMIT, multiline: bool = False) -> Callable[[Any], str]:
    """Text on one line; with `multiline` (memos, notes), line breaks are kept as \\n.

    Control characters are refused, and so are Unicode's own line and paragraph breaks;
    invisible characters are refused or removed as TEXT_DIRECTION_MARKS and ZERO_WIDTH
    say."""
    control = _CONTROL_BUT_NEWLINE if multiline else _CONTROL

    def read(value) -> str:
        if not isinstance(value, str):
            raise Problem("not_text")
        text = value.replace("\r\n", "\n").strip()
        if control.search(text) or re.search("[\u2028\u2029]", text):
            raise Problem("control_character")
        mark = TEXT_DIRECTION_MARKS.search(text)
        if mark:
            raise Problem("text_direction_mark", code=f"{ord(mark[0]):04X}")
        visible = without_zero_width(text).strip()
        if text and (not visible or _ONLY_INVISIBLE.fullmatch(visible)):
            raise Problem("invisible_text")
        if len(visible) > limit:
            raise Problem("too_long", limit=limit)
        return visible
    return judged_once(read)


def read_reason(kind: str, value: str) -> str:
    """A reason the audit trail keeps (a reversal, an amendment, a reopening), read as
    every other text is: RecordRefused naming it when it holds what text may not."""
    try:
        return read_text(MEMO_LIMIT)(value)
    except Problem as problem:
        raise RecordRefused([FieldError(kind, "reason", problem.reason, problem.params)]) \
            from None


@judged_once
def read_code(value) -> str:
    """Codes are case-insensitive (h001 is H001) and kept in capitals."""
    text = value.strip().upper() if isinstance(value, str) else ""
    if not CODE_PATTERN.fullmatch(text):
        raise Problem("bad_code", value=_CONTROL.sub("?", text[:40]))
    return text


@judged_once
def read_date(value) -> date:
    """A date, or an ISO date's text (an import's rows share a few hundred dates)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise Problem("bad_date", value=_CONTROL.sub("?", text[:40])) from None


def read_number(places: int, limit: int, *, positive: bool) -> Callable[[Any], int]:
    """A fixed-point reader: at most `places` decimals, |value| <= limit, and > 0 when
    `positive`, else >= 0."""
    @judged_once
    def read(value) -> int:
        try:
            units = money.parse_fixed(value, places, limit=limit)
        except money.NumberError as error:
            raise Problem(error.reason, **error.params) from None
        if units < 0 or (positive and units == 0):
            raise Problem("must_be_positive" if positive else "must_not_be_negative")
        return units
    return read


amount_positive = read_number(money.MONEY_PLACES, MONEY_LIMIT, positive=True)
amount_any = read_number(money.MONEY_PLACES, MONEY_LIMIT, positive=False)
price_any = read_number(money.MONEY_PLACES, PRICE_LIMIT, positive=False)
price_positive = read_number(money.MONEY_PLACES, PRICE_LIMIT, positive=True)
weight_positive = read_number(money.WEIGHT_PLACES, WEIGHT_LIMIT, positive=True)
sheets_positive = read_number(money.SHEET_PLACES, SHEET_LIMIT, positive=True)
quantity_positive = read_number(money.QUANTITY_PLACES, QUANTITY_LIMIT, positive=True)
quantity_any = read_number(money.QUANTITY_PLACES, QUANTITY_LIMIT, positive=False)


def read_choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def read(value) -> str:
        text = read_text(32)(value).lower()
        if text not in choices:
            raise Problem("bad_choice", value=text, choices=", ".join(choices))
        return text
    return read


# -- one record being read -----------------------------------------------------------------

class Form:
    """Reads one record's fields, collecting every problem instead of stopping at the first."""

    def __init__(self, kind: str, values: Mapping[str, Any], refs: Refs, where: str = ""):
        self.kind = kind
        self.values = values
        self.refs = refs
        self.where = where
        self.errors: list[FieldError] = []
        self.result: dict[str, Any] = {}

    def fail(self, field: str, reason: str, **params) -> None:
        self.errors.append(FieldError(self.kind, field, reason, params, self.where))

    def get(self, field: str, read: Callable[[Any], Any], default: Any = None,
            required: bool = True) -> Any:
        value = self.values.get(field)
        if value is None or value == "" or (type(value) is str and value.isspace()):
            if required:
                self.fail(field, "required")
            return default
        try:
            return read(value)
        except Problem as problem:
            self.fail(field, problem.reason, **problem.params)
            return None

    def _reference(self, field: str, category: str, lookup, unknown: str):
        """The row a code names; a code whose own row was refused earlier in the same
        import is reported as such, not as unknown."""
        code = self.get(field, read_code)
        if code is None:
            return None
        ref = lookup(code)
        if ref is None:
            refused = (category, code) in self.refs.refused
            self.fail(field, "refused_above" if refused else unknown, code=code)
        return ref

    def party(self, field: str, *kinds: str) -> PartyRef | None:
        ref = self._reference(field, "party", self.refs.party, "unknown_party")
        if ref is not None and ref.kind not in kinds:
            self.fail(field, "party_must_be." + "_".join(sorted(kinds)), code=ref.code)
            return None
        return ref

    def season(self, field: str = "season") -> SeasonRef | None:
        season = self._reference(field, "season", self.refs.season, "unknown_season")
        self.open(field, season)
        return season

    def batch(self, field: str = "batch") -> BatchRef | None:
        batch = self._reference(field, "batch", self.refs.batch, "unknown_batch")
        self.open(field, batch.season if batch else None)
        return batch

    def open(self, field: str, season: SeasonRef | None) -> None:
        """Nothing is added to a closed season (结账); a mistake in one is corrected by
        a reversal in an open season."""
        if season is not None and season.closed:
            self.fail(field, "season_closed", season=season.code)

    def in_open_year(self, field: str, day: date | None) -> None:
        """Nothing is dated in a year the year-end close has locked (年终结账)."""
        if day is not None and day.year in self.refs.closed_years():
            self.fail(field, "year_closed", year=day.year)

    def within(self, field: str, day: date | None, season: SeasonRef | None) -> None:
        if day and season and not season.start <= day <= season.end:
            self.fail(field, "outside_season", date=day.isoformat(), season=season.code,
                      start=season.start.isoformat(), end=season.end.isoformat())

    def new_code(self, field: str, taken: Callable[[str], Any]) -> str | None:
        code = self.get(field, read_code)
        if code is None:
            return None
        if code == COLLECTIVE:
            self.fail(field, "reserved_code", code=code)
        elif taken(code) is not None:
            self.fail(field, "duplicate_code", code=code)
        return code

    def no_self_dealing(self, field: str, one: PartyRef | None, other: PartyRef | None,
                        amount: int | None) -> None:
        """A party cannot earn from itself: such a record may only carry a zero amount."""
        if one and other and one.id == other.id and amount:
            self.fail(field, "self_dealing", code=one.code)

    def capped(self, field: str, amount: int | None) -> int | None:
        if amount is not None and amount > MONEY_LIMIT * 100:
            self.fail(field, "product_too_large", limit=MONEY_LIMIT)
        return amount


# -- the record kinds ----------------------------------------------------------------------

def _household(form: Form) -> dict:
    return dict(
        code=form.new_code("code", form.refs.party),
        kind="household",
        name=form.get("name", read_text()),
        group=form.get("group", read_text(64)),
        phone=form.get("phone", read_text(64), "", required=False),
        shares=form.get("shares", quantity_any, 0, required=False),
    )


def _partner(form: Form) -> dict:
    return dict(
        code=form.new_code("code", form.refs.party),
        kind="partner",
        name=form.get("name", read_text()),
        phone=form.get("phone", read_text(64), "", required=False),
        note=form.get("note", read_text(MEMO_LIMIT, multiline=True), "", required=False),
    )


def _season(form: Form) -> dict:
    code = form.new_code("code", form.refs.season)
    start = form.get("start", read_date)
    end = form.get("end", read_date)
    if start and end:
        if end < start:
            form.fail("end", "end_before_start", start=start.isoformat())
        else:
            for other in form.refs.seasons().values():
                if other.start <= end and start <= other.end:
                    form.fail("start", "season_overlap", code=other.code,
                              start=other.start.isoformat(), end=other.end.isoformat())
                    break
    return dict(code=code, name=form.get("name", read_text()), start=start, end=end)


def _batch(form: Form) -> dict:
    code = form.new_code("code", form.refs.batch)
    season = form.season()
    owner = form.party("owner", "household", "collective")
    hatch = form.get("hatch", read_date)
    mount = form.get("mount", read_date, required=False)
    harvest = form.get("harvest", read_date, required=False)
    for field, day in (("hatch", hatch), ("mount", mount), ("harvest", harvest)):
        form.within(field, day, season)
    if hatch and mount and mount < hatch:
        form.fail("mount", "mount_before_hatch", hatch=hatch.isoformat())
    if harvest and mount and harvest < mount:
        form.fail("harvest", "harvest_before_mount", mount=mount.isoformat())
    elif harvest and hatch and harvest < hatch:
        form.fail("harvest", "harvest_before_hatch", hatch=hatch.isoformat())
    return dict(code=code, season=season, owner=owner,
                sheets=form.get("sheets", sheets_positive),
                breed=form.get("breed", read_text(100), "", required=False),
                hatch=hatch, mount=mount, harvest=harvest)


def _dated_in_batch(form: Form) -> tuple[date | None, BatchRef | None]:
    day = form.get("date", read_date)
    batch = form.batch()
    form.within("date", day, batch.season if batch else None)
    form.in_open_year("date", day)
    return day, batch


def _dated_in_season(form: Form) -> tuple[date | None, SeasonRef | None]:
    day = form.get("date", read_date)
    season = form.season()
    form.within("date", day, season)
    form.in_open_year("date", day)
    return day, season


def _leaf(form: Form) -> dict:
    day, batch = _dated_in_batch(form)
    supplier = form.party("supplier", "household", "partner", "collective")
    grams = form.get("kg", weight_positive)
    price = form.get("price", price_any)
    amount = None
    if grams is not None and price is not None:
        amount = form.capped("price", money.product(grams, money.WEIGHT_PLACES, price))
        form.no_self_dealing("supplier", supplier, batch.owner if batch else None, amount)
    return dict(date=day, season=batch.season if batch else None, batch=batch,
                supplier=supplier, grams=grams, price=price, amount=amount)


def _sale(form: Form) -> dict:
    day, batch = _dated_in_batch(form)
    grams = form.get("kg", weight_positive)
    price = form.get("price", price_positive)
    deduction = form.get("deduction", amount_any, 0, required=False)
    amount = None
    if grams is not None and price is not None and deduction is not None:
        gross = form.capped("price", money.product(grams, money.WEIGHT_PLACES, price))
        if deduction > gross:
            form.fail("deduction", "deduction_exceeds_sale", gross=money.yuan(gross))
        amount = gross - deduction
    return dict(date=day, season=batch.season if batch else None, batch=batch,
                buyer=form.party("buyer", "partner"),
                grade=form.get("grade", read_text(32), "", required=False),
                grams=grams, price=price, deduction=deduction, amount=amount)


def _input(form: Form) -> dict:
    day, batch = _dated_in_batch(form)
    return dict(date=day, season=batch.season if batch else None, batch=batch,
                supplier=form.party("supplier", "partner"),
                item=form.get("item", read_text(100)),
                quantity=form.get("quantity", quantity_positive),
                unit=form.get("unit", read_text(32)),
                amount=form.get("amount", amount_any))


def _wage(form: Form) -> dict:
    day, season = _dated_in_season(form)
    payer = form.party("payer", "collective", "household")
    household = form.party("household", "household")
    quantity = form.get("quantity", quantity_positive)
    rate = form.get("rate", price_any)
    amount = None
    if quantity is not None and rate is not None:
        amount = form.capped("rate", money.product(quantity, money.QUANTITY_PLACES, rate))
        form.no_self_dealing("payer", payer, household, amount)
    return dict(date=day, season=season, payer=payer, household=household,
                worker=form.get("worker", read_text(100)),
                task=form.get("task", read_text(100)),
                quantity=quantity, unit=form.get("unit", read_text(32)),
                rate=rate, amount=amount)


def _charge(form: Form) -> dict:
    day, season = _dated_in_season(form)
    return dict(date=day, season=season, household=form.party("household", "household"),
                item=form.get("item", read_text(100)), amount=form.get("amount", amount_positive))


def _subsidy(form: Form) -> dict:
    day, season = _dated_in_season(form)
    return dict(date=day, season=season,
                recipient=form.party("recipient", "household", "collective"),
                source=form.get("source", read_text()), amount=form.get("amount", amount_positive))


def _payment(form: Form) -> dict:
    day, season = _dated_in_season(form)
    return dict(date=day, season=season, household=form.party("household", "household"),
                direction=form.get("direction", read_choice(DIRECTIONS)),
                amount=form.get("amount", amount_positive),
                method=form.get("method", read_choice(METHODS)),
                memo=form.get("memo", read_text(MEMO_LIMIT, multiline=True), "", required=False))


#: The kinds that define a code other rows refer to, and what the code names.
CODE_CATEGORY = {"households": "party", "partners": "party", "seasons": "season",
                 "batches": "batch"}

VALIDATORS: dict[str, Callable[[Form], dict]] = {
    "households": _household,
    "partners": _partner,
    "seasons": _season,
    "batches": _batch,
    "leaf": _leaf,
    "sales": _sale,
    "inputs": _input,
    "wages": _wage,
    "charges": _charge,
    "subsidies": _subsidy,
    "payments": _payment,
}


def check_fields(kind: str, values: Mapping[str, Any], refs: Refs, where: str = "") -> Form:
    """Read every field of one record into `form.result`, each problem into `form.errors`."""
    if kind not in BY_NAME:
        raise KeyError(kind)
    form = Form(kind, values, refs, where)
    form.result = VALIDATORS[kind](form)
    return form

