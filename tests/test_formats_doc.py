"""The documents in docs/ say what the program does: their tables are read here and held
against the code, so that a change to either shows up as a failing test."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from helpers import build_village, valid, voucher_lines
from ledger import book, chart, income
from ledger.kinds import BOOK_KINDS, KINDS
from ledger.reports import season as season_report
from ledger.reports.words import amount_in_words

ROOT = Path(__file__).resolve().parent.parent
FORMATS = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
ACCOUNTING = (ROOT / "docs" / "accounting.md").read_text(encoding="utf-8")


def table_after(text: str, heading: str) -> list[list[str]]:
    """The rows (header and separator left out) of the first Markdown table after
    `heading`, each a list of its stripped cells."""
    lines = text.split(heading, 1)[1].splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        block.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return block[2:]


def words(cell: str) -> list[str]:
    """`code, name, group` or `phone, shares (0)` as a list of column names."""
    return [re.sub(r"\s*\(.*\)", "", part).strip() for part in cell.split(",") if part.strip()]


def documented_files(heading: str) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
    documented = {}
    for kind, _chinese, columns, optional in table_after(FORMATS, heading):
        documented[kind.strip("`")] = (tuple(words(columns)), frozenset(words(optional)))
    return documented


def test_the_record_files_table_is_the_programs_kinds():
    documented = documented_files("## The record files (CSV)")
    assert documented == {kind.name: (kind.columns, kind.optional) for kind in KINDS}


def test_the_whole_books_files_table_is_the_programs_kinds():
    documented = documented_files("## The files of the collective's whole books (CSV)")
    assert documented == {kind.name: (kind.columns, kind.optional) for kind in BOOK_KINDS}


def test_each_files_chinese_name_is_one_the_importer_knows():
    from ledger.io import headers

    for heading in ("## The record files (CSV)",
                    "## The files of the collective's whole books (CSV)"):
        for kind, chinese, _columns, _optional in table_after(FORMATS, heading):
            assert headers.kind_of_stem(chinese).name == kind.strip("`"), chinese


def test_the_documented_season_json_has_the_reports_keys(memory_ledger):
    build_village()
    example = FORMATS.split("## The season report as JSON", 1)[1].split("```json", 1)[1]
    example = example.split("```", 1)[0]
    documented = json.loads(example)
    produced = json.loads(season_report.to_json(income.season_income(income.find_season("2026-1"))))
    assert list(produced) == list(documented)
    assert list(produced["parties"][0]) == list(documented["parties"][0])
    assert set(documented["totals"]) <= set(produced["totals"])


@pytest.mark.parametrize("example", re.findall(r"(\d+\.\d\d) is (人民币\S+?)(?=[ ,.\n])",
                                                  FORMATS))
def test_the_documented_amounts_in_words(example):
    figure, expected = example
    fen = int(figure.replace(".", ""))
    assert amount_in_words(fen) == expected


# Each row of the posting table, as a record that should post it.
POSTING_CASES = {
    "cocoon sale of a collective batch": ("sales", dict(batch="BC")),
    "cocoon sale of household H's batch": ("sales", dict(batch="B1")),
    "leaf from household S to a collective batch": ("leaf", dict(batch="BC", supplier="H002")),
    "leaf from household S to H's batch": ("leaf", dict(batch="B1", supplier="H002")),
    "leaf from the collective to H's batch": ("leaf", dict(batch="B1", supplier="COLLECTIVE")),
    "leaf or input from a partner to a collective batch": ("inputs", dict(batch="BC")),
    "leaf or input from a partner to H's batch": ("inputs", dict(batch="B1")),
    "wage paid by the collective to H's worker": ("wages", dict(payer="COLLECTIVE",
                                                                household="H001")),
    "wage paid by household P to H's worker": ("wages", dict(payer="H002", household="H001")),
    "charge to H": ("charges", dict(household="H001")),
    "subsidy to the collective / to H": ("subsidies", dict(recipient="COLLECTIVE")),
    "payment to H": ("payments", dict(household="H001", direction="to_household",
                                     method="bank")),
    "payment from H": ("payments", dict(household="H001", direction="from_household",
                                       method="cash")),
}


def _accounts(cell: str, parties: dict[str, str]) -> set[str]:
    """`113.H` or `101 or 102` or `511.01 or 511.02` as the set of codes it allows."""
    codes = set()
    for part in re.split(r" or | / ", cell):
        part = part.strip()
        for letter, code in parties.items():
            part = part.replace(f"113.{letter}", f"113.{code}")
        codes.add(part)
    return codes


def test_the_posting_table_is_what_the_program_posts(memory_ledger):
    build_village()
    table = table_after(ACCOUNTING, "The posting rules (`ledger/posting.py`):")
    assert {row[0] for row in table} == set(POSTING_CASES)
    parties = {"H": "H001", "S": "H002", "P": "H002"}
    for situation, debit, credit in table:
        kind, changes = POSTING_CASES[situation]
        record_id = book.record(kind, valid(kind, **changes))
        (debit_line, credit_line) = voucher_lines(kind, record_id)
        assert debit_line[0] in _accounts(debit, parties), situation
        assert credit_line[0] in _accounts(credit, parties), situation


def test_the_documented_accounts_are_in_the_chart():
    table = table_after(ACCOUNTING, "The accounts used by the records:")
    for code_cell, _name in table:
        for code in re.split(r" / ", code_cell):
            code = code.replace("113.H", "113")
            assert code in chart.BY_CODE, code


def test_no_file_in_the_repository_cites_a_document_outside_it():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    citing = [name for name in tracked
              if not name.endswith((".svg", ".png")) and name != "tests/test_formats_doc.py"
              and "DOMAIN.md" in (ROOT / name).read_text(encoding="utf-8", errors="replace")]
    assert citing == []
