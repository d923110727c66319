"""An import of many new households and batches: each new code is checked against those
the ledger has, however many rows come before it (after a few dozen codes not found, the
codes of a kind are read at once rather than asked for one by one: `refs.MISSES`)."""
from __future__ import annotations

import csv

import pytest

from helpers import build_village, table_counts
from ledger import check, refs
from ledger.errors import RecordRefused
from ledger.io import csv_import

NEW = refs.MISSES + 8  # past the point where a kind's codes are read at once


def write(path, columns, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)


def households(*codes: str) -> list[tuple]:
    return [(code, f"户{code}", "一组", "", "1") for code in codes]


def batches(*codes: str) -> list[tuple]:
    return [(code, "2026-1", "H001", "1", "菁松×皓月", "2026-04-05", "", "")
            for code in codes]


@pytest.fixture
def village(memory_ledger):
    build_village()  # households H001 to H003, batch B1 of H001 in season 2026-1
    return memory_ledger


def test_a_code_the_ledger_has_is_refused_after_many_new_ones(village, tmp_path):
    new = [f"H{100 + n}" for n in range(NEW)]
    write(tmp_path / "households.csv", ("code", "name", "group", "phone", "shares"),
          households(*new, "H002", "h003"))
    new_batches = [f"N{n}" for n in range(NEW)]
    write(tmp_path / "batches.csv", ("code", "season", "owner", "sheets", "breed", "hatch",
                                     "mount", "harvest"), batches(*new_batches, "B1"))
    before = table_counts()
    with pytest.raises(RecordRefused) as refused:
        csv_import.import_files([tmp_path])
    assert refused.value.message("en").splitlines() == [
        f"{tmp_path / 'households.csv'}:{NEW + 2}: code: code H002 is already used",
        f"{tmp_path / 'households.csv'}:{NEW + 3}: code: code H003 is already used",
        f"{tmp_path / 'batches.csv'}:{NEW + 2}: code: code B1 is already used"]
    assert table_counts() == before


def test_many_new_households_and_batches_are_written_and_found(village, tmp_path):
    new = [f"H{100 + n}" for n in range(NEW)]
    write(tmp_path / "households.csv", ("code", "name", "group", "phone", "shares"),
          households(*new))
    write(tmp_path / "batches.csv", ("code", "season", "owner", "sheets", "breed", "hatch",
                                     "mount", "harvest"),
          [(f"N{n}", "2026-1", code, "1", "菁松×皓月", "2026-04-05", "", "")
           for n, code in enumerate(new)])
    counts = csv_import.import_files([tmp_path])
    assert (counts["households"], counts["batches"]) == (NEW, NEW)
    assert check.run() == []
    again = tmp_path / "again"
    again.mkdir()
    write(again / "batches.csv", ("code", "season", "owner", "sheets", "breed", "hatch",
                                  "mount", "harvest"),
          batches(*(f"M{n}" for n in range(NEW)), f"N{NEW - 1}"))
    with pytest.raises(RecordRefused) as refused:
        csv_import.import_files([again])
    assert refused.value.message("en") == (
        f"{again / 'batches.csv'}:{NEW + 2}: code: code N{NEW - 1} is already used")
