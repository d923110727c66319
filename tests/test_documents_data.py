"""The numbers behind settlement sheets and the notice board: one source, to the fen."""
from __future__ import annotations

import pytest

from conftest import read_only_ledger
from ledger import book, check, db, demo, income
from ledger.errors import LedgerError
from ledger.reports import statement as st
from ledger.reports import summary as sm


def make_demo() -> None:
    demo.generate(households=40, seasons=3, seed=5)


#: The demo village, built once for the tests, which only read it.
_built, village = read_only_ledger("village", make_demo)


def test_every_sheet_adds_up_to_the_season_report(village):
    for season in income.seasons():
        report = {p.code: p for p in income.season_income(season).parties}
        sheets = st.statements(season)
        assert [s.household.code for s in sheets] == [c for c, p in report.items()
                                                       if p.kind == "household"]
        for sheet in sheets:
            party = report[sheet.household.code]
            earned = sum(section.sign * section.subtotal for section in sheet.sections)
            assert earned == party.net_income
            assert sheet.sections[-1].key == "payments"
            assert sheet.sections[-1].subtotal == party.paid == sheet.paid
            assert sheet.balance_out == party.balance
            assert sheet.balance_in + sheet.net_income - sheet.paid == sheet.balance_out


def test_balance_carried_in_is_last_seasons_balance_carried_out(village):
    first, second, _ = income.seasons()
    before = {s.household.code: s.balance_out for s in st.statements(first)}
    for sheet in st.statements(second):
        assert sheet.balance_in == before[sheet.household.code]


def test_batch_figures_match_the_sales(village):
    season = income.seasons()[0]
    report = {p.code: p for p in income.season_income(season).parties}
    for sheet in st.statements(season):
        grams = sum(batch.cocoon_grams for batch in sheet.batches)
        assert grams == report[sheet.household.code].cocoon_grams
        assert sum(b.sheets for b in sheet.batches) == report[sheet.household.code].sheets
        for batch in sheet.batches:
            assert sum(batch.grades.values()) == batch.cocoon_grams


def test_only_active_households_get_a_sheet_in_a_batch(memory_ledger):
    book.record_many([
        ("households", [("", dict(code=c, name=n, group="一组"))
                        for c, n in (("H001", "张国华"), ("H002", "李明"), ("H003", "王芳"))]),
        ("seasons", [("", dict(code="S1", name="春蚕", start="2026-04-01", end="2026-05-31")),
                     ("", dict(code="S2", name="夏蚕", start="2026-06-01", end="2026-07-31"))]),
        ("charges", [("", dict(date="2026-04-10", season="S1", household="H001",
                               item="小蚕共育费", amount="300"))]),
        ("payments", [("", dict(date="2026-06-10", season="S2", household="H002",
                                direction="to_household", amount="50", method="cash"))]),
    ])
    s1, s2 = income.seasons()
    assert [s.household.code for s in st.statements(s1, active_only=True)] == ["H001"]
    # H001 carries a balance into S2 without records there; H002 was paid in S2.
    assert [s.household.code for s in st.statements(s2, active_only=True)] == ["H001", "H002"]
    sheet = st.statement("h001", s2)
    assert (sheet.balance_in, sheet.net_income, sheet.balance_out) == (-30000, 0, -30000)


def test_a_sheet_for_a_partner_or_unknown_code_is_refused(village):
    season = income.seasons()[0]
    for code in ("E01", "H999", "COLLECTIVE"):
        with pytest.raises(LedgerError) as refused:
            st.statement(code, season)
        assert refused.value.message("en") == f"no household with code {code}"


def test_the_summary_agrees_with_the_report_and_the_books(village):
    for season in income.seasons():
        document = sm.summary(season)
        report = income.season_income(season)
        assert [p.code for p in document.households] == [
            p.code for p in report.parties if p.kind == "household"]
        collective = document.collective_figures
        assert document.statement.result == collective.net_income
        assert document.statement.operating_income == (
            collective.cocoon_income + collective.leaf_income + collective.charge_income)
        assert document.statement.subsidy_income == collective.subsidy_income
        assert document.statement.operating_costs == collective.cost
        assert sum(g.cocoon_grams for g in document.groups) == sum(
            p.cocoon_grams for p in document.households)
        assert sum(b.households for b in document.bands) == len(document.households)
    assert check.run() == []


def test_groups_are_in_their_numbered_order():
    assert sorted(["十组", "二组", "一组", "十一组", "七组", "东山组"], key=sm.group_order) == [
        "一组", "二组", "七组", "十组", "十一组", "东山组"]


def test_the_collective_is_named_after_its_village_unless_recorded(memory_ledger):
    db.set_meta("village", "桑园村")
    assert sm.names() == ("桑园村", "桑园村股份经济合作社")
    db.set_meta("collective", "桑园村经济合作社")
    assert sm.names() == ("桑园村", "桑园村经济合作社")
