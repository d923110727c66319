"""The rules every record must obey (docs/formats.md and docs/accounting.md), checked through the
service layer as a user meets them: each refusal names the record, the field and the reason,
in English and in Chinese, and leaves the ledger as it was."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from conftest import read_only_ledger
from helpers import build_village, rows, table_counts, valid, voucher_lines
from rule_cases import CASES
from ledger import book, models
from ledger.errors import RecordRefused


@pytest.fixture
def village(memory_ledger):
    """The helpers' village, for a test that records into it."""
    build_village()
    return memory_ledger


#: The same village, built once for the refusals, which leave it as it was.
_built, refusing = read_only_ledger("refusing", build_village)


def refuse(kind: str, values) -> RecordRefused:
    """Record `values`, expecting a refusal that writes nothing."""
    before = table_counts()
    with pytest.raises(RecordRefused) as caught:
        book.record(kind, values)
    assert table_counts() == before
    return caught.value


def refuse_many(groups) -> RecordRefused:
    before = table_counts()
    with pytest.raises(RecordRefused) as caught:
        book.record_many(groups)
    assert table_counts() == before
    return caught.value


def as_text(params: dict) -> dict[str, str]:
    """Parameters as the message shows them (Decimal('NaN') is not even equal to itself)."""
    return {name: str(value) for name, value in params.items()}




@pytest.mark.parametrize("kind, changes, field, reason, params, en, zh", CASES,
                         ids=[f"{case[0]}-{case[2]}-{case[3]}-{i}" for i, case in enumerate(CASES)])
def test_refusal_names_the_field_and_reason(refusing, kind, changes, field, reason, params,
                                           en, zh):
    refused = refuse(kind, valid(kind, **changes))
    assert [(e.kind, e.field, e.reason, as_text(e.params)) for e in refused.errors] == [
        (kind, field, reason, as_text(params))]
    assert refused.total == 1
    assert refused.message("en") == en
    assert refused.message("zh") == zh


def test_missing_field_is_required(village):
    values = valid("charges")
    del values["amount"]
    refused = refuse("charges", values)
    assert refused.message("en") == "charge: amount: required, but empty"
    assert refused.message("zh") == "收费: 金额: 必填，但为空"


def test_the_valid_records_are_accepted(village):
    """The base of every case above is itself valid, so each refusal is the change's doing."""
    for kind in ("households", "partners", "seasons", "batches", "leaf", "sales", "inputs",
                 "wages", "charges", "subsidies", "payments"):
        book.record(kind, valid(kind))
    assert models.Party.select().where(models.Party.code == "H010").exists()
    assert models.Payment.get().amount == 400000


# -- the edges of what is accepted ------------------------------------------------------------

@pytest.mark.parametrize("day", ["2026-04-01", "2026-05-15"])
def test_a_date_on_the_first_or_last_day_of_its_season_is_accepted(village, day):
    book.record("payments", valid("payments", date=day))
    book.record("leaf", valid("leaf", date=day))
    assert [str(p.date) for p in models.Payment.select()] == [day]


def test_a_season_right_after_another_is_accepted(village):
    book.record("seasons", valid("seasons", start="2026-05-16", end="2026-06-30"))
    assert models.Season.select().count() == 2


def test_trailing_zeros_are_not_extra_decimals(village):
    book.record("charges", valid("charges", amount="300.000"))
    book.record("leaf", valid("leaf", kg="12.3450", price="0.7000"))
    assert models.Charge.get().amount == 30000
    leaf = models.LeafDelivery.get()
    assert (leaf.grams, leaf.price, leaf.amount) == (12345, 70, 864)


def test_typed_values_are_read_exactly_like_text(village):
    book.record("leaf", valid("leaf", date=date(2026, 4, 20), kg=Decimal("12.345"),
                              price=Decimal("0.70")))
    book.record("charges", valid("charges", amount=300))
    leaf = models.LeafDelivery.get()
    assert (str(leaf.date), leaf.grams, leaf.price, leaf.amount) == ("2026-04-20", 12345, 70, 864)
    assert models.Charge.get().amount == 30000


@pytest.mark.parametrize("values", [
    dict(date=datetime(2026, 4, 20, 0, 0)),
    dict(date=datetime(2026, 4, 20, 10, 30)),
])
def test_a_datetime_is_refused_or_read_as_its_date_never_a_crash(village, values):
    """A datetime is a date subclass; compared with a season's dates it once raised
    TypeError."""
    try:
        book.record("charges", valid("charges", **values))
    except RecordRefused as refused:
        assert [e.field for e in refused.errors] == ["date"]
        return
    assert str(models.Charge.get().date) == "2026-04-20"


def test_codes_are_case_insensitive(village):
    """h001 is H001: a code refers to its party, season or batch whatever its case."""
    sale = book.record("sales", valid("sales", batch="b1", buyer="e01", kg="10", price="5"))
    wage = book.record("wages", valid("wages", season="2026-1", payer="collective",
                                      household="h002", quantity="1", rate="100"))
    assert voucher_lines("sales", sale) == [("102", 5000, 0), ("113.H001", 0, 5000)]
    assert voucher_lines("wages", wage) == [("511.03", 10000, 0), ("113.H002", 0, 10000)]


def test_amounts_up_to_the_limits_are_accepted(village):
    book.record("charges", valid("charges", amount="100000000"))
    book.record("leaf", valid("leaf", kg="1000000", price="100"))  # 100,000,000.00 yuan
    assert models.Charge.get().amount == 10_000_000_000
    assert models.LeafDelivery.get().amount == 10_000_000_000


def test_a_code_of_32_characters_is_accepted_and_33_refused(village):
    book.record("households", valid("households", code="H" * 32))
    refused = refuse("households", valid("households", code="K" * 33))
    assert [e.field for e in refused.errors] == ["code"]


def test_text_of_exactly_the_limit_is_accepted(village):
    book.record("households", valid("households", name="张" * 200))
    assert models.Party.get(models.Party.code == "H010").name == "张" * 200


def test_a_deduction_equal_to_the_sale_leaves_a_zero_amount(village):
    sale = book.record("sales", valid("sales", kg="10", price="5", deduction="50.00"))
    assert models.CocoonSale.get_by_id(sale).amount == 0
    assert voucher_lines("sales", sale) == []


def test_self_dealing_at_a_zero_price_is_accepted(village):
    """A household's own leaf for its own batch, or a household paying its own worker
    nothing, counts for the yield figures but moves no money."""
    leaf = book.record("leaf", valid("leaf", supplier="H001", batch="B1", kg="600", price="0"))
    wage = book.record("wages", valid("wages", payer="H001", household="H001", rate="0"))
    assert models.LeafDelivery.get_by_id(leaf).grams == 600_000
    assert models.LeafDelivery.get_by_id(leaf).amount == 0
    assert models.Wage.get_by_id(wage).amount == 0
    assert voucher_lines("leaf", leaf) == [] and voucher_lines("wages", wage) == []


# -- duplicates within one call ---------------------------------------------------------------

def test_duplicate_household_code_within_one_call_is_refused(village):
    refused = refuse_many([("households", [
        ("", valid("households", code="H010")),
        ("", valid("households", code="H011")),
        ("", valid("households", code="H010", name="另一户")),
    ])])
    assert [(e.field, e.reason, e.params) for e in refused.errors] == [
        ("code", "duplicate_code", {"code": "H010"})]


def test_same_code_for_a_household_and_a_partner_in_one_call_is_refused(village):
    refused = refuse_many([
        ("households", rows(valid("households", code="X1"))),
        ("partners", rows(valid("partners", code="X1"))),
    ])
    assert refused.message("en") == "partner: code: code X1 is already used"


def test_duplicate_season_and_batch_codes_within_one_call_are_refused(village):
    refused = refuse_many([
        ("seasons", rows(valid("seasons", code="2026-2"),
                         valid("seasons", code="2026-2", start="2026-08-01", end="2026-09-01"))),
        ("batches", rows(valid("batches", code="B9"), valid("batches", code="B9"))),
    ])
    assert refused.message("en").splitlines() == [
        "season: code: code 2026-2 is already used",
        "batch: code: code B9 is already used",
    ]


def test_overlapping_seasons_within_one_call_are_refused(village):
    refused = refuse_many([("seasons", rows(
        valid("seasons", code="2026-2", start="2026-06-01", end="2026-07-10"),
        valid("seasons", code="2026-3", start="2026-07-10", end="2026-08-20"),
    ))])
    assert refused.message("en") == (
        "season: start: overlaps season 2026-2 (2026-06-01 to 2026-07-10)")


# -- every problem is reported ----------------------------------------------------------------

def test_every_problem_of_one_record_is_reported(village):
    refused = refuse("leaf", dict(date="2026-13-01", batch="B99", supplier="H999", kg="0",
                                  price="-1"))
    assert refused.total == 5
    assert refused.message("en").splitlines() == [
        "leaf delivery: date: '2026-13-01' is not a date (YYYY-MM-DD)",
        "leaf delivery: batch: no batch with code B99",
        "leaf delivery: supplier: no household or partner with code H999",
        "leaf delivery: kg: must be greater than zero",
        "leaf delivery: price: must not be negative",
    ]
    assert refused.message("zh").splitlines() == [
        "桑叶供应: 日期: “2026-13-01”不是日期（应为 YYYY-MM-DD）",
        "桑叶供应: 蚕批: 没有编号为 B99 的蚕批",
        "桑叶供应: 供应方: 没有编号为 H999 的农户或合作单位",
        "桑叶供应: 重量(公斤): 应大于零",
        "桑叶供应: 单价: 不能为负数",
    ]


def test_every_problem_of_every_record_in_one_call_is_reported(village):
    refused = refuse_many([
        ("charges", rows(valid("charges"), valid("charges", amount="0"),
                         valid("charges", household="E01", item=""))),
        ("payments", rows(valid("payments", direction="both", method="gold"))),
    ])
    assert refused.total == 5
    assert [(e.kind, e.field, e.reason) for e in refused.errors] == [
        ("charges", "amount", "must_be_positive"),
        ("charges", "household", "party_must_be.household"),
        ("charges", "item", "required"),
        ("payments", "direction", "bad_choice"),
        ("payments", "method", "bad_choice"),
    ]
    assert refused.key == "record_refused" and refused.params == {"count": 5}


def test_a_memo_may_span_lines_but_a_name_may_not(village):
    payment_id = book.record("payments", valid("payments", memo="第一行\r\n第二行"))
    assert models.Payment.get_by_id(payment_id).memo == "第一行\n第二行"
    refused = refuse("households", valid("households", name="张\n三"))
    assert refused.message("en") == "household: name: contains a control character"


def test_a_value_repeated_on_many_rows_is_judged_the_same_on_each(village):
    """Values are judged once per distinct value (an import repeats them): a refused one
    is refused on every row it is on, an accepted one read the same on every row."""
    bad_item, bad_price = "共育\t费", "1.234"
    refused = refuse_many([
        ("charges", rows(*[valid("charges", item=bad_item) for _ in range(3)])),
        ("leaf", rows(*[valid("leaf", price=bad_price) for _ in range(2)])),
    ])
    assert [(e.field, e.reason) for e in refused.errors] == (
        [("item", "control_character")] * 3 + [("price", "too_many_decimals")] * 2)
    ids = [book.record("charges", valid("charges", item=" 共育费 ", amount="12.30"))
           for _ in range(2)]
    stored = [models.Charge.get_by_id(i) for i in ids]
    assert [(c.item, c.amount) for c in stored] == [("共育费", 1230)] * 2


def test_a_long_value_padded_with_spaces_is_read_like_a_short_one(village):
    padded = " 共育费" + " " * 10_000
    charge = book.record("charges", valid("charges", item=padded, amount=" 12.30" + " " * 500))
    stored = models.Charge.get_by_id(charge)
    assert (stored.item, stored.amount) == ("共育费", 1230)
