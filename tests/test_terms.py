"""The accountant's lists of grades and items (ledger.terms): what is on them, adding a
word on purpose (audited), and the files that stay free of them."""
from __future__ import annotations

import pytest

from ledger import audit, book, db, terms
from ledger.io import csv_import
from ledger.errors import LedgerError, RecordRefused
from ledger.reports.audit_trail import describe

from helpers import build_village, rows, valid


def test_a_list_is_its_defaults_then_the_words_in_use_then_the_words_added(memory_ledger):
    build_village()
    book.record_many([("sales", rows(valid("sales", grade="统茧"), valid("sales", grade="统茧"),
                                     valid("sales", grade="上车茧")))])
    listed = terms.listed("grades")
    assert listed[:4] == ["上车茧", "上茧", "次茧", "下茧"]
    assert listed.count("上车茧") == 1 and "统茧" in listed
    assert "小蚕共育费" in terms.listed("charge_items") and "蚕种" in terms.listed("input_items")


def test_adding_a_word_keeps_it_in_meta_with_an_audit_entry(memory_ledger):
    build_village()
    assert terms.add("grades", " 特级茧 ") == "特级茧"
    assert terms.listed("grades")[-1] == "特级茧"
    assert terms.added("grades") == ["特级茧"] and "特级茧" in db.get_meta("list.grades")
    entry = audit.entries()[-1]
    assert (entry.action, entry.target) == ("list_add", "grades")
    assert describe(entry, "zh").summary == "加入清单 茧等级：特级茧"
    assert describe(entry, "en").summary == "added to a list cocoon grades: 特级茧"


def test_a_word_already_listed_empty_or_unreadable_is_refused_and_nothing_written(memory_ledger):
    build_village()
    before = len(audit.entries())
    with pytest.raises(LedgerError) as listed:
        terms.add("grades", "次茧")
    assert listed.value.key == "list_has.grades"
    with pytest.raises(LedgerError) as empty:
        terms.add("charge_items", "  ")
    assert empty.value.key == "list_empty.charge_items"
    with pytest.raises(RecordRefused):
        terms.add("input_items", "x" * 101)
    assert len(audit.entries()) == before and terms.added("grades") == []


def test_unlisted_names_the_fields_a_form_must_refuse(memory_ledger):
    build_village()
    assert terms.unlisted("sales", {"grade": "上车茧", "kg": "1"}) == []
    assert terms.unlisted("sales", {"grade": ""}) == []
    [error] = terms.unlisted("charges", {"item": "修路费", "amount": "3"})
    assert (error.field, error.reason, error.params) == ("item", "list_unlisted.charge_items",
                                                         {"value": "修路费"})


def test_a_csv_import_keeps_any_grade_which_is_on_the_list_from_then_on(memory_ledger,
                                                                        tmp_path):
    build_village()
    sale = valid("sales", grade="手选茧")
    path = tmp_path / "sales.csv"
    path.write_text(",".join(sale) + "\n" + ",".join(sale.values()) + "\n", encoding="utf-8")
    csv_import.import_files([path])
    assert "手选茧" in terms.listed("grades")
