"""The text tables of the reports: columns as wide as their widest cell (a Chinese
character is two cells), figures aligned right, no line ending in spaces."""
from __future__ import annotations

from ledger.width import width_of
from ledger.reports.table import text


def test_a_table_of_names_and_figures():
    table = text(["code", "name", "balance"],
                 [["H001", "张国华", "1,234.56"], ["H002", "李四", "-0.01"]], numeric_from=2)
    assert table.splitlines() == [
        "code    name      balance",
        "------  ------  ---------",
        "H001    张国华   1,234.56",
        "H002    李四        -0.01",
    ]


def test_a_heading_wider_than_its_cells_and_a_table_without_rows():
    assert text(["#", "科目"], [["1", "现金"]], numeric_from=0).splitlines() == [
        "  #    科目", "---  ------", "  1    现金"]
    assert text(["#", "when"], [], numeric_from=1) == "#    when\n---  ------"


def test_width_of():
    assert width_of("abc") == 3
    assert width_of("张国华（公斤）") == 14
    assert width_of("e\u0301") == 1      # a combining accent takes no cell
    assert width_of("·—") == 2           # ambiguous width: one cell each
