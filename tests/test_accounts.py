"""Sub-accounts the accountant adds (`513.01 管理费用-电费`) and the chart as listed: each
refusal says why, leaves the ledger as it was, and what is added is sealed and audited."""
from __future__ import annotations

import pytest

from helpers import build_village, table_counts
from ledger import accounts, audit, check, models, vouchers
from ledger.errors import RecordRefused


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def refused(code: str, name: str = "电费") -> list[str]:
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        accounts.add(code, name)
    assert table_counts() == before
    return [error.message("en") for error in raised.value.errors]


def test_an_added_sub_account_is_named_after_its_parent_and_takes_postings():
    accounts.add("513.01", "电费")
    listed = {entry.code: entry for entry in accounts.listing()}
    assert (listed["513.01"].zh, listed["513.01"].en) == (
        "管理费用-电费", "Administrative expenses-电费")
    assert listed["513.01"].leaf and not listed["513"].leaf
    assert listed["513.01"].initials == "glfy-df"
    assert audit.entries()[-1].action == "account"
    vouchers.post(dict(date="2026-04-20", lines=[
        dict(summary="电费", account="513.01", debit="356.40"),
        dict(summary="电费", account="102", credit="356.40")]))
    with pytest.raises(RecordRefused) as raised:  # the parent is no leaf any more
        vouchers.post(dict(date="2026-04-20", lines=[
            dict(account="513", debit="1"), dict(account="102", credit="1")]))
    assert "513 has sub-accounts" in raised.value.errors[0].message("en")
    assert check.run() == []


def test_a_lower_case_code_is_kept_in_capitals():
    accounts.add("513.a1", "办公费")
    assert models.Account.get(models.Account.code == "513.A1").name == "办公费"


@pytest.mark.parametrize("code, message", [
    ("513", "is not a sub-account's code"),
    ("513.01.02", "is not a sub-account's code"),
    ("513.0 1", "is not a valid code"),
    ("513.123456789", "is not a sub-account's code"),
    ("999.01", "needs its parent 999, which is not in the chart"),
    ("113.H009", "113's sub-accounts belong to the households"),
    ("321.01", "posted only by the year-end close"),
    ("322.03", "posted only by the year-end close"),
    ("102.01", "the program posts to account 102 itself"),
    ("501.01", "account 501.01 already exists"),
])
def test_a_bad_code_is_refused_with_its_reason(code, message):
    problems = refused(code)
    assert len(problems) == 1 and message in problems[0], problems


def test_a_name_is_required_and_short():
    assert refused("513.01", "") == ["account: name: required, but empty"]
    assert "name" in refused("513.01", "电" * 41)[0]


def test_an_account_with_postings_of_its_own_takes_no_sub_account():
    vouchers.post(dict(date="2026-04-20", lines=[
        dict(account="513", debit="10"), dict(account="101", credit="10")]))
    problems = refused("513.01")
    assert problems == [
        "account: code: account 513 already has postings of its own: with a sub-account "
        "513.01 it would take none any more and they would be stranded; add sub-accounts "
        "before posting to an account"]


def test_the_listing_has_every_chart_account_and_the_households():
    listed = accounts.listing()
    codes = [entry.code for entry in listed]
    assert codes[:3] == ["101", "102", "111"]
    assert codes.index("113") < codes.index("113.H001") < codes.index("121")
    household = next(entry for entry in listed if entry.code == "113.H001")
    assert (household.zh, household.household) == ("内部往来-张国华", "H001")
    assert "113.H001" not in [entry.code for entry in accounts.listing(households=False)]
    assert not next(e for e in accounts.listing(households=False) if e.code == "113").leaf
    accounts.add("513.01", "电费")
    assert [entry.code for entry in accounts.find("df", accounts.listing())] == ["513.01"]


def test_the_trial_balance_and_a_vouchers_postings_name_an_added_sub_account():
    from ledger import balances
    from ledger.browse.journal import voucher_postings

    accounts.add("513.01", "电费")
    general_id = vouchers.post(dict(date="2026-04-20", lines=[
        dict(summary="电费", account="513.01", debit="356.40"),
        dict(summary="电费", account="102", credit="356.40")]))
    rows = {row.code: row for row in balances.trial_balance().rows}
    assert (rows["513.01"].name("zh"), rows["513.01"].debit) == ("管理费用-电费", 35640)
    assert rows["513"].is_parent and rows["513"].debit == 35640
    V = models.Voucher
    voucher = V.get((V.kind == "vouchers") & (V.record_id == general_id)).id
    assert [(line.account, line.name) for line in voucher_postings(voucher, "zh")] == [
        ("513.01", "管理费用-电费"), ("102", "银行存款")]
