"""Fuzzing the two ways records come in: the service layer (`book.record` with arbitrary
values of arbitrary types) and the CSV importer (arbitrary text and numbers written into
canonical files, and arbitrary bytes). Whatever comes in is accepted or refused with a
RecordRefused or LedgerError, never anything else, and `check` passes after every try.

One ledger in memory serves each test's examples, so accepted records pile up as they
would in a real season.
"""
from __future__ import annotations

import csv
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import SEASON, VALID, build_village
from ledger import book, check, db, models
from ledger.errors import LedgerError
from ledger.io import csv_import
from ledger.kinds import BY_NAME

CODES = ["H001", "H002", "H003", "E01", "COLLECTIVE", "B1", "B2", "BC", SEASON, "h001", "X9"]
SPECIAL = ["", " ", "0", "-0", "-1", "0.005", "1e3", "1E-2", "nan", "NaN", "inf", "-Infinity",
           "１２３．５", "1,000.5", "9" * 30, "9" * 5000, "0." + "0" * 4000 + "1", "2026-02-30",
           "2026-04-20", "2026-4-20", "0000-01-01", "9999-12-31", "'); DROP TABLE party; --",
           "\x00", "\u202e", "🐛", "to_household", "from_household", "cash", "bank", "现金"]

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
        book.record(kind, values)
    except LedgerError:
        assert {model: model.select().count() for model in counts} == counts
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
def test_the_csv_importer_accepts_or_refuses_anything(village, file):
    models.database.initialize(village)
    kind, header, rows = file
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder), kind, header, rows)
        try:
            csv_import.import_files([path])
        except LedgerError:
            pass
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
