"""Each record's voucher, as the posting table of docs/accounting.md has it: the accounts
debited and credited and the amounts to the fen, read back from the journal after recording
through the service layer."""
from __future__ import annotations

import pytest

from helpers import build_village, valid, voucher_lines, vouchers_of
from ledger import balances, book, check, models
from ledger.kinds import BY_NAME


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def post(kind: str, **changes) -> list[tuple[str, int, int]]:
    """Record one record and return its voucher's lines, after checking that it has exactly
    one voucher, dated and seasoned as the record, and that the books stay sound."""
    record_id = book.record(kind, valid(kind, **changes))
    record = BY_NAME[kind].model.get_by_id(record_id)
    (voucher,) = vouchers_of(kind, record_id)
    assert (voucher.date, voucher.season_id) == (record.date, record.season_id)
    lines = voucher_lines(kind, record_id)
    assert sum(d for _, d, _ in lines) == sum(c for _, _, c in lines) == record.amount
    assert check.run() == []
    return lines


# -- cocoon sales: paid into the bank -----------------------------------------------------

def test_cocoon_sale_of_a_collective_batch():
    # 88.350 kg x 50.00 = 4417.50
    assert post("sales", batch="BC", kg="88.35", price="50") == [
        ("102", 441750, 0), ("501.01", 0, 441750)]


def test_cocoon_sale_of_a_household_batch_net_of_its_deduction():
    # 88.350 kg x 50.00 - 17.50 = 4400.00, owed to H001
    assert post("sales", batch="B1", kg="88.350", price="50.00", deduction="17.50") == [
        ("102", 440000, 0), ("113.H001", 0, 440000)]


def test_cocoon_sale_rounds_once_half_up():
    # 12.345 kg x 36.10 = 445.6545 -> 445.65; 0.015 kg x 0.50 = 0.0075 -> 0.01
    assert post("sales", batch="B2", kg="12.345", price="36.10") == [
        ("102", 44565, 0), ("113.H002", 0, 44565)]
    assert post("sales", batch="B2", kg="0.015", price="0.50") == [
        ("102", 1, 0), ("113.H002", 0, 1)]


# -- leaf: cost to the batch owner, income to the supplier ---------------------------------

def test_leaf_from_a_household_to_a_collective_batch():
    # 12.345 kg x 0.70 = 8.6415 -> 8.64
    assert post("leaf", batch="BC", supplier="H002", kg="12.345", price="0.70") == [
        ("511.01", 864, 0), ("113.H002", 0, 864)]


def test_leaf_from_one_household_to_another_households_batch():
    # 650 kg x 0.45 = 292.50
    assert post("leaf", batch="B1", supplier="H002", kg="650", price="0.45") == [
        ("113.H001", 29250, 0), ("113.H002", 0, 29250)]


def test_leaf_from_the_collective_to_a_households_batch():
    # 0.001 kg x 5.00 = 0.005 -> 0.01
    assert post("leaf", batch="B1", supplier="COLLECTIVE", kg="0.001", price="5") == [
        ("113.H001", 1, 0), ("501.02", 0, 1)]


def test_leaf_from_a_partner_to_a_collective_batch():
    assert post("leaf", batch="BC", supplier="E01", kg="500", price="0.60") == [
        ("511.01", 30000, 0), ("102", 0, 30000)]


def test_leaf_from_a_partner_to_a_households_batch():
    # 1.234 kg x 0.01 = 0.01234 -> 0.01
    assert post("leaf", batch="B2", supplier="E01", kg="1.234", price="0.01") == [
        ("113.H002", 1, 0), ("102", 0, 1)]


# -- inputs: bought from partners ------------------------------------------------------------

def test_input_from_a_partner_to_a_collective_batch():
    assert post("inputs", batch="BC", supplier="E01", amount="550.00") == [
        ("511.02", 55000, 0), ("102", 0, 55000)]


def test_input_from_a_partner_to_a_households_batch():
    assert post("inputs", batch="B2", supplier="E01", amount="110.5") == [
        ("113.H002", 11050, 0), ("102", 0, 11050)]


# -- wages ---------------------------------------------------------------------------------

def test_wage_paid_by_the_collective_to_a_households_worker():
    # 2.5 days x 110.00 = 275.00
    assert post("wages", payer="COLLECTIVE", household="H001", quantity="2.5", rate="110") == [
        ("511.03", 27500, 0), ("113.H001", 0, 27500)]


def test_wage_paid_by_one_household_to_anothers_worker():
    # 0.333 x 100.05 = 33.31665 -> 33.32
    assert post("wages", payer="H002", household="H003", quantity="0.333", rate="100.05") == [
        ("113.H002", 3332, 0), ("113.H003", 0, 3332)]


# -- charges and subsidies -----------------------------------------------------------------

def test_charge_to_a_household():
    assert post("charges", household="H002", amount="300") == [
        ("113.H002", 30000, 0), ("501.03", 0, 30000)]


def test_subsidy_to_the_collective():
    assert post("subsidies", recipient="COLLECTIVE", amount="5000.01") == [
        ("102", 500001, 0), ("503", 0, 500001)]


def test_subsidy_to_a_household():
    assert post("subsidies", recipient="H003", amount="200") == [
        ("102", 20000, 0), ("113.H003", 0, 20000)]


# -- payments: settle a household's balance by cash or bank ----------------------------------

@pytest.mark.parametrize("direction, method, lines", [
    ("to_household", "cash", [("113.H001", 400000, 0), ("101", 0, 400000)]),
    ("to_household", "bank", [("113.H001", 400000, 0), ("102", 0, 400000)]),
    ("from_household", "cash", [("101", 400000, 0), ("113.H001", 0, 400000)]),
    ("from_household", "bank", [("102", 400000, 0), ("113.H001", 0, 400000)]),
])
def test_payment(direction, method, lines):
    assert post("payments", household="H001", direction=direction, method=method,
                amount="4000") == lines


# -- a zero amount posts nothing ---------------------------------------------------------------

@pytest.mark.parametrize("kind, changes", [
    ("leaf", dict(supplier="E01", batch="B1", price="0")),           # free leaf
    ("leaf", dict(supplier="H001", batch="B1", price="0")),          # a household's own leaf
    ("leaf", dict(supplier="E01", batch="B1", kg="0.001", price="4.99")),  # 0.00499 -> 0.00
    ("inputs", dict(supplier="E01", batch="BC", amount="0")),        # free eggs
    ("wages", dict(payer="COLLECTIVE", household="H001", rate="0")),
    ("sales", dict(kg="10", price="5", deduction="50")),
])
def test_a_zero_amount_record_posts_no_voucher(kind, changes):
    record_id = book.record(kind, valid(kind, **changes))
    assert BY_NAME[kind].model.get_by_id(record_id).amount == 0
    assert models.Voucher.select().count() == 0
    assert models.Posting.select().count() == 0
    assert check.run() == []


def test_the_trial_balance_adds_sub_accounts_into_their_parents():
    post("sales", batch="B1", kg="88.35", price="50")                        # 4417.50
    post("charges", household="H002", amount="300")                          # 300.00
    post("leaf", batch="BC", supplier="H003", kg="100", price="0.5")          # 50.00
    rows = {row.code: (row.debit, row.credit) for row in balances.trial_balance().rows}
    assert rows == {
        "102": (441750, 0),
        "113": (30000, 441750 + 5000),
        "113.H001": (0, 441750),
        "113.H002": (30000, 0),
        "113.H003": (0, 5000),
        "501": (0, 30000),
        "501.03": (0, 30000),
        "511": (5000, 0),
        "511.01": (5000, 0),
    }
    assert balances.trial_balance().balanced


@pytest.mark.parametrize("method, account", [("cash", "101"), ("bank", "102"),
                                             ("transfer", "102"), ("wechat", "102"),
                                             ("alipay", "102")])
def test_a_payment_moves_cash_or_the_bank_by_its_method_and_keeps_the_method(method, account):
    # 300.00 paid to H001: its sub-account is debited, the money leaves cash or the bank
    assert post("payments", household="H001", direction="to_household", amount="300",
                method=method) == [("113.H001", 30000, 0), (account, 0, 30000)]
    assert models.Payment.select().order_by(models.Payment.id.desc()).get().method == method
