"""Fuzzing the two ways records come in: the service layer (`book.record` with arbitrary
values of arbitrary types) and the CSV importer (arbitrary text and numbers written into
canonical files, and arbitrary bytes). Whatever comes in is accepted or refused with a
RecordRefused or LedgerError, never anything else, and `check` passes after every try.
What is accepted is what was meant: each stored field equals the value given, read by a
plain reading of it written here (`meant`), wherever that reading can tell.

One ledger in memory serves each test's examples, so accepted records pile up as they
would in a real season.
"""
from __future__ import annotations

import csv
import re
import tempfile
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import SEASON, VALID, build_village
from ledger import book, canonical, check, db, models
from ledger.errors import LedgerError
from ledger.io import csv_import, export
from ledger.kinds import BY_NAME

CODES = ["H001", "H002", "H003", "E01", "COLLECTIVE", "B1", "B2", "BC", SEASON, "h001", "X9"]
SPECIAL = ["", " ", "0", "-0", "-1", "0.005", "1e3", "1E-2", "nan", "NaN", "inf", "-Infinity",
           "１２３．５", "1,000.5", "9" * 30, "9" * 5000, "0." + "0" * 4000 + "1", "2026-02-30",
           "2026-04-20", "2026-4-20", "0000-01-01", "9999-12-31", "'); DROP TABLE party; --",
           "\x00", "\u202e", "🐛", "to_household", "from_household", "cash", "bank", "现金",
           "1²", "₅", "١٢٣", "①", "２０２６-04-２0", "１，２３４．５元", "12公斤", "张\u200b三",
           "=1+2", "'=1+2", "-5", "@x"]

#: A cell as people could send it: text, a number of some size, a code, a date.
text_cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL),
    st.sampled_from(CODES),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 6, 1)).map(date.isoformat),
)
#: A value as a program could pass it: any of those, or a typed value.
any_value = st.one_of(
    text_cell,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
)
kinds = st.sampled_from(list(VALID))


@st.composite
def record_values(draw, kind: str, values: st.SearchStrategy) -> dict:
    """The valid record of the kind with up to three fields replaced by drawn values, and
    sometimes a field dropped or an unknown one added."""
    columns = BY_NAME[kind].columns
    row = dict(VALID[kind])
    for column in draw(st.lists(st.sampled_from(columns), max_size=3, unique=True)):
        row[column] = draw(values)
    change = draw(st.sampled_from(["none"] * 4 + ["drop", "add"]))
    if change == "drop":
        row.pop(draw(st.sampled_from(columns)), None)
    elif change == "add":
        row["unknown"] = draw(values)
    if kind in ("households", "partners", "seasons", "batches") and "code" not in row:
        return row
    if kind == "households" and row.get("code") == VALID[kind]["code"]:
        row["code"] = draw(st.from_regex(r"H[0-9]{4}", fullmatch=True))
    return row


@pytest.fixture(scope="module")
def village():
    database = db.open_memory()
    build_village()
    yield database
    database.close()


def sound() -> None:
    findings = check.run()
    assert findings == [], [finding.message("en") for finding in findings]


# -- what was meant ------------------------------------------------------------------------

UNKNOWN = object()  # what `meant` says when a plain reading cannot tell
REFUSED = object()  # what `meant` says of a value that must never be accepted
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
#: Every full-width form of a printable ASCII character (！ to ～), as ASCII.
_FULL_WIDTH_FORMS = str.maketrans({0xFF01 + i: 0x21 + i for i in range(94)})
_UNITS = re.compile(r"(?:元/公斤|元|公斤|kg)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b\u200c\u2060-\u2064\ufeff]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
CODES_OF = {"code", "season", "batch", "supplier", "buyer", "owner", "household", "payer",
            "recipient"}


def meant(column: str, type_: str, value, from_file: bool = False):
    """The canonical text (numbers: the Decimal) a stored field must hold when `value`
    was given for `column` and accepted; UNKNOWN where this plain reading cannot tell
    (a zero-width joiner, an unusual spelling); REFUSED for a value that holds a
    character Unicode counts as a digit but which is neither ASCII nor full-width."""
    if value is None or value == "" or (isinstance(value, str) and value.isspace()):
        return Decimal(0) if type_ not in (canonical.TEXT, canonical.DATE) else ""
    if type_ != canonical.TEXT and isinstance(value, str) and any(
            unicodedata.digit(char, None) is not None and not char.isascii()
            and char not in "０１２３４５６７８９" for char in value):
        return REFUSED
    if type_ == canonical.DATE:
        if isinstance(value, date):
            return value.isoformat()
        text = value.translate(_FULL_WIDTH).strip() if from_file else value.strip()
        return text if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else UNKNOWN
    if type_ != canonical.TEXT:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Decimal(value)
        text = str(value).strip()
        if from_file:
            text = _UNITS.sub("", text.translate(_FULL_WIDTH)).strip()
            text = text.replace(",", "") if _THOUSANDS.fullmatch(text) else text
        return Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else UNKNOWN
    if not isinstance(value, str):
        return UNKNOWN
    if from_file and re.match(r"'+[=+\-@\t\r]", value):  # the export's formula guard
        value = value[1:]
    if column in CODES_OF:
        if from_file:  # full-width forms made plain, as the importer reads a code
            value = value.translate(_FULL_WIDTH_FORMS)
            if not value.isascii():
                return UNKNOWN
        return value.strip().upper()
    if column in ("direction", "method"):
        return value.strip().lower()
    if "\u200d" in value:  # kept between two pictures, removed elsewhere
        return UNKNOWN
    return _ZERO_WIDTH.sub("", value.replace("\r\n", "\n").strip()).strip()


def stored_as_meant(kind: str, record_id: int, values: dict, from_file: bool = False) -> None:
    """Every field of the stored record equals what `values` meant."""
    columns, _ = canonical.rows(BY_NAME[kind])
    stored = canonical.values(kind, record_id)
    for column in columns:
        expected = meant(column.name, column.type, values.get(column.name), from_file)
        if expected is UNKNOWN:
            continue
        assert expected is not REFUSED, (kind, column.name, values.get(column.name))
        found = stored[column.name]
        if isinstance(expected, Decimal):
            found = Decimal(found or 0)
        assert found == expected, (kind, column.name, values.get(column.name), found)


def last_ids(kind: str, count: int) -> list[int]:
    model = BY_NAME[kind].model
    query = model.select(model.id).order_by(model.id.desc()).limit(count)
    if model is models.Party:
        query = query.where(models.Party.kind == kind[:-1])
    return sorted(row_id for (row_id,) in query.tuples())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), kind=kinds)
@example(data=None, kind="leaf")
def test_the_service_layer_accepts_or_refuses_anything(village, data, kind):
    models.database.initialize(village)
    if data is None:
        values = {**VALID["leaf"], "kg": "9" * 5000}
    else:
        values = data.draw(record_values(kind, any_value))
    counts = {model: model.select().count() for model in (models.Party, models.Voucher)}
    try:
        record_id = book.record(kind, values)
    except LedgerError:
        assert {model: model.select().count() for model in counts} == counts
    else:
        stored_as_meant(kind, record_id, values)
    sound()


def write_csv(folder: Path, kind: str, header: list[str], rows: list[list[str]]) -> Path:
    path = folder / f"{kind}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@st.composite
def csv_files(draw):
    """A canonical file of one kind: its header (sometimes shuffled, or any columns at
    all) and a few rows, each a valid record with some cells drawn, sometimes a cell short
    or one too many."""
    kind = draw(kinds)
    columns = list(BY_NAME[kind].columns)
    header = draw(st.one_of(st.just(columns), st.permutations(columns),
                            st.lists(st.sampled_from([*columns, "extra", ""]), max_size=8)))
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        values = draw(record_values(kind, text_cell))
        cells = [str(values.get(column, "")) for column in header]
        rows.append(draw(st.sampled_from([cells, cells, cells[:-1], [*cells, "x"]])))
    return kind, header, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=csv_files())
@example(file=("partners", ["code", "name", "phone", "note"],  # found by the search
               [["２０２６-04-２0", "农资店", "２０２６-04-２0", "２０２６-04-２0"]]))
def test_the_csv_importer_accepts_or_refuses_anything(village, file):
    models.database.initialize(village)
    kind, header, rows = file
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder), kind, header, rows)
        try:
            added = csv_import.import_files([path], csv_import.Options(allow_duplicates=True))
        except LedgerError:
            pass
        else:
            # A row of blank cells is a blank line, which the reader skips (io.sources).
            meant = [cells for cells in rows if any(cell.strip() for cell in cells)]
            assert added[kind] == len(meant)
            for record_id, cells in zip(last_ids(kind, len(meant)), meant):
                stored_as_meant(kind, record_id, dict(zip(header, cells)), from_file=True)
    sound()


@settings(max_examples=40, deadline=None)
@given(content=st.binary(max_size=300), kind=kinds)
@example(content=b"\xff\xfe" + "date,batch".encode("utf-16-le"), kind="leaf")
@example(content=b"code,name\n\"H900,unclosed\n", kind="households")
def test_the_importer_refuses_bytes_that_are_not_a_table(village, content, kind):
    models.database.initialize(village)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.csv"
        path.write_bytes(content)
        try:
            csv_import.import_files([path])
        except LedgerError:
            pass
    sound()


# -- spellings: what people type means exactly one value --------------------------------------

FULL_WIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")
ODD_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def spelled_number(draw, value: Decimal, places: int, unit: str) -> tuple[str, bool]:
    """`value` as someone could type it, and whether that spelling must be refused."""
    text = f"{value:.{places}f}"
    style = draw(st.sampled_from(["plain", "full-width", "unit", "thousands", "spaces", "odd"]))
    if style == "full-width":
        return text.translate(FULL_WIDTH), False
    if style == "unit":
        return text + unit, False
    if style == "thousands":
        whole, _, fraction = text.partition(".")
        return f"{int(whole):,}.{fraction}", False
    if style == "spaces":
        return f"  {text} ", False
    if style == "odd":
        position = draw(st.integers(min_value=0, max_value=len(text) - 1))
        if text[position].isdigit():
            odd = text[position].translate(ODD_DIGITS)
            return text[:position] + odd + text[position + 1:], True
    return text, False


def spelled_date(draw, day: date) -> str:
    return draw(st.sampled_from([day.isoformat(), f"{day.year}/{day.month}/{day.day}",
                                 f"{day.year}年{day.month}月{day.day}日",
                                 f"{day.year}年{day.month}月{day.day}日".translate(FULL_WIDTH),
                                 f"{day.year}.{day.month:02d}.{day.day:02d}",
                                 day.strftime("%Y%m%d")]))


@st.composite
def spelled_leaf_rows(draw):
    """Leaf deliveries: the values meant, the cells as typed, and whether any cell must be
    refused."""
    rows, meant_rows, refuse = [], [], False
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kg = Decimal(draw(st.integers(min_value=1, max_value=99_999_999))).scaleb(-3)
        price = Decimal(draw(st.integers(min_value=0, max_value=99_999))).scaleb(-2)
        day = draw(st.dates(min_value=date(2026, 4, 2), max_value=date(2026, 5, 15)))
        kg_text, odd_kg = spelled_number(draw, kg, 3, "公斤")
        price_text, odd_price = spelled_number(draw, price, 2, "元")
        rows.append([spelled_date(draw, day), "B1", "E01", kg_text, price_text])
        meant_rows.append((day, int(kg.scaleb(3)), int(price.scaleb(2))))
        refuse = refuse or odd_kg or odd_price
    return rows, meant_rows, refuse


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spelled=spelled_leaf_rows())
def test_what_the_importer_accepts_is_exactly_what_was_meant(village, spelled):
    models.database.initialize(village)
    rows, meant_rows, refuse = spelled
    leaf = models.LeafDelivery
    before = leaf.select().count()
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder), "leaf", list(BY_NAME["leaf"].columns), rows)
        options = csv_import.Options(allow_duplicates=True)
        if refuse:
            with pytest.raises(LedgerError):
                csv_import.import_files([path], options)
            assert leaf.select().count() == before
            return
        csv_import.import_files([path], options)
    stored = list(leaf.select(leaf.date, leaf.grams, leaf.price).order_by(leaf.id.desc())
                  .limit(len(rows)).tuples())[::-1]
    assert stored == meant_rows
    sound()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(
    st.text(min_size=1, max_size=12),
    st.sampled_from(["=SUM(A1)", "+1", "-1", "@me", "'=x", "''-y", "'plain", "a'=b"])),
    min_size=1, max_size=4))
def test_text_exported_as_csv_imports_back_exactly(texts):
    """Whatever text the ledger accepted, its CSV export imports back as the same text,
    formula guards and all."""
    from helpers import build_village

    source = db.open_memory()
    try:
        build_village()
        kept = []
        for number, text in enumerate(texts):
            try:
                book.record("households", dict(code=f"H{500 + number}", name=text, group="一组"))
            except LedgerError:
                continue
            kept.append(models.Party.get(models.Party.code == f"H{500 + number}").name)
        with tempfile.TemporaryDirectory() as folder:
            export.export_csv(folder)
            copy = db.open_memory()
            try:
                csv_import.import_files([folder])
                names = [name for (name,) in models.Party.select(models.Party.name)
                         .where(models.Party.code.startswith("H5")).order_by(models.Party.id)
                         .tuples()]
                assert names == kept
            finally:
                copy.close()
    finally:
        source.close()
