"""The audit trail read as words: names and amounts, never raw JSON or ids alone."""
from __future__ import annotations

import pytest

from helpers import build_village, rows, valid
from ledger import audit, book, corrections, masterdata
from ledger.reports.audit_trail import MAX_RECORDS, describe


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def last(lang: str = "zh"):
    described = describe(audit.entries()[-1], lang)
    return described.summary, described.details


def test_a_wage_sheet_lists_each_worker_with_the_household_and_amount():
    book.record_many([("wages", rows(
        valid("wages", household="H001", worker="张三", quantity="2", rate="110"),
        valid("wages", household="H002", worker="李四", quantity="1.5", rate="110")))])
    summary, details = last("zh")
    assert summary.startswith("导入 工资 2 条")
    assert len(details) == 2
    assert "农户 H001 张国华" in details[0] and "务工人员 张三" in details[0]
    assert "农户 H002 李明" in details[1] and "李四" in details[1]
    assert "{" not in "".join(details)


def test_an_amendment_shows_each_changed_field_in_its_stored_form():
    record_id = book.record("sales", valid("sales", kg="18.2"))
    corrections.amend("sales", record_id, {"kg": "18.6"}, "re-weighed")
    summary, details = last("en")
    assert summary == f"corrected cocoon sale sales:{record_id}"
    assert details == ["reason: re-weighed", "kg: 18.200 → 18.600"]


def test_a_reversal_names_the_record_it_cancelled():
    record_id = book.record("charges", valid("charges", household="H003", amount="300"))
    corrections.reverse("charges", record_id, "charged twice")
    summary, details = last("zh")
    assert summary == f"红字冲销 收费 charges:{record_id}"
    assert details[0] == "原因: charged twice"
    assert "农户 H003 王芳" in details[1] and "金额 300.00" in details[1]


def test_a_master_data_change_is_old_to_new_field_by_field():
    masterdata.edit("households", "H002", {"phone": "13900000002"}, "new phone")
    summary, details = last("zh")
    assert summary == "修改 农户 households:H002"
    assert details == ["原因: new phone", "电话: — → 13900000002"]


def test_a_large_import_lists_the_first_records_and_counts_the_rest():
    book.record_many([("charges", rows(*[valid("charges", amount=str(n + 1))
                                         for n in range(MAX_RECORDS + 5)]))])
    _, details = last("en")
    assert len(details) == MAX_RECORDS + 1
    assert details[-1] == "… and 5 more"


@pytest.mark.parametrize("lang, direction, method, collective", [
    ("zh", "方向 付给农户", "方式 银行", "付款方 村集体"),
    ("en", "direction paid to household", "method bank", "payer collective")])
def test_coded_fields_read_as_words_in_either_language(lang, direction, method, collective):
    book.record("payments", valid("payments"))
    details = last(lang)[1]
    assert direction in details[0] and method in details[0]
    assert "to_household" not in details[0]
    book.record("wages", valid("wages"))
    assert collective in last(lang)[1][0] and "COLLECTIVE" not in last(lang)[1][0]


def test_a_corrected_buyer_direction_and_method_read_as_names_and_words():
    book.record("partners", valid("partners", code="E02", name="镇收购站"))
    sale = book.record("sales", valid("sales"))
    corrections.amend("sales", sale, {"buyer": "E02"}, "wrong buyer")
    assert "收购方: E01 丝绸公司 → E02 镇收购站" in last("zh")[1]
    payment = book.record("payments", valid("payments"))
    corrections.amend("payments", payment, {"direction": "from_household", "method": "cash"},
                      "it was the other way")
    details = last("en")[1]
    assert "direction: paid to household → paid by household" in details
    assert "method: bank → cash" in details
