"""The demo village: deterministic, complete, realistic, and true to the ledger's invariants."""
from __future__ import annotations

import random
from dataclasses import astuple
from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st
from peewee import JOIN, fn

from ledger import db, demo, income, models
from ledger.kinds import KINDS

SMALL = {"households": 20, "seasons": 3}


def season_report() -> list[tuple]:
    """Every figure of every party in every season, as plain tuples to compare."""
    return [(season.code, [astuple(party) for party in income.season_income(season).parties])
            for season in income.seasons()]


def build(seed: int) -> list[tuple]:
    connection = db.open_memory()
    try:
        demo.generate(seed=seed, **SMALL)
        return season_report()
    finally:
        connection.close()


def test_same_seed_same_ledger_other_seed_other_ledger():
    first = build(7)
    assert build(7) == first
    assert build(8) != first


def test_default_size(memory_ledger):
    counts = demo.generate()
    assert counts["households"] == 150
    assert [s.code for s in income.seasons()] == ["2026-1", "2026-2", "2026-3"]
    assert models.Party.select().where(models.Party.kind == "household").count() == 150
    records = sum(counts.values()) - counts["households"] - counts["partners"] - counts["seasons"]
    assert 15 <= records / (150 * 3) <= 25
    assert db.get_meta("village") == demo.VILLAGE
    # Settlement: most households paid, a few paying in, some balances left open.
    payments = models.Payment
    assert payments.select().where(payments.direction == "to_household").count() > 200
    assert payments.select().where(payments.direction == "from_household").count() >= 1
    last = income.season_income(income.seasons()[-1])
    assert any(party.balance for party in last.parties if party.kind == "household")


def test_every_record_kind_appears(memory_ledger):
    counts = demo.generate(**SMALL)
    for kind in KINDS:
        assert counts[kind.name] > 0, kind.name
        assert kind.model.select().count() >= counts[kind.name], kind.name


def test_village_name_is_kept(memory_ledger):
    db.set_meta("village", "青山村")
    demo.generate(households=3, seasons=1)
    assert db.get_meta("village") == "青山村"


def test_seasons_go_back_from_2026_three_a_year():
    calendar = demo.season_calendar(random.Random(1), 40)
    assert (calendar[0].code, calendar[-1].code) == ("2013-3", "2026-3")
    for season, following in zip(calendar, calendar[1:]):
        assert season.end < following.start
    for season in calendar:
        assert 40 <= (season.end - season.start).days <= 45
        assert 4 <= season.start.month <= 8 and season.end.month <= 10


def per_season(query) -> dict[int, int]:
    return {season: value or 0 for season, value in query.tuples()}


def test_magnitudes_are_realistic(memory_ledger):
    demo.generate(**SMALL)
    B, S, L = models.Batch, models.CocoonSale, models.LeafDelivery
    sheets = per_season(B.select(B.season, fn.SUM(B.sheets)).group_by(B.season))
    cocoons = per_season(S.select(S.season, fn.SUM(S.grams)).group_by(S.season))
    leaf = per_season(L.select(L.season, fn.SUM(L.grams)).group_by(L.season))
    for season, hundredths in sheets.items():
        assert 30_000 <= cocoons[season] * 100 // hundredths <= 55_000      # grams a sheet
        assert 500_000 <= leaf[season] * 100 // hundredths <= 700_000
    assert S.select().where((S.price < 1000) | (S.price > 8000)).count() == 0
    best = S.select().where(S.grade == "上车茧")
    assert best.where((S.price < 3600) | (S.price > 7300)).count() == 0
    assert S.select().where(S.deduction > S.amount).count() == 0
    assert L.select().where(L.price > 150).count() == 0
    assert L.select().where(L.price == 0).count() > 0

    wages = models.Wage
    assert wages.select().where((wages.rate < 10000) | (wages.rate > 12000)).count() == 0
    for batch in B.select().join(models.Party, on=(B.owner == models.Party.id)):
        low, high = (1000, 4000) if batch.owner.kind == "collective" else (100, 400)
        assert low <= batch.sheets <= high
        assert batch.hatch <= batch.mount <= batch.harvest
        assert timedelta(days=29) <= batch.harvest - batch.hatch <= timedelta(days=33)

    C = models.Charge
    fees = (C.select(C.amount, B.sheets)
            .join(B, JOIN.INNER, on=((B.owner == C.household) & (B.season == C.season))))
    for amount, hundredths in fees.tuples():
        assert 10000 <= amount * 100 // hundredths <= 36000                  # fen a sheet
    Input = models.Input
    eggs = Input.select(Input.amount, B.sheets).join(B).where(Input.item == "蚕种")
    for amount, hundredths in eggs.tuples():
        assert amount == 0 or 5000 <= amount * 100 // hundredths <= 6000


def outside_flows(season: models.Season) -> int:
    """Cocoon sales + subsidies − leaf and inputs bought from partners, from the records."""
    Sale, Subsidy, Leaf, Input, Party = (models.CocoonSale, models.Subsidy, models.LeafDelivery,
                                         models.Input, models.Party)

    def total(query) -> int:
        return query.scalar() or 0

    bought_leaf = (Leaf.select(fn.SUM(Leaf.amount)).join(Party, on=(Leaf.supplier == Party.id))
                   .where((Leaf.season == season) & (Party.kind == "partner")))
    return (total(Sale.select(fn.SUM(Sale.amount)).where(Sale.season == season))
            + total(Subsidy.select(fn.SUM(Subsidy.amount)).where(Subsidy.season == season))
            - total(bought_leaf)
            - total(Input.select(fn.SUM(Input.amount)).where(Input.season == season)))


def test_net_incomes_add_up_to_outside_flows(memory_ledger):
    demo.generate(**SMALL)
    for season in income.seasons():
        report = income.season_income(season)
        assert sum(party.net_income for party in report.parties) == outside_flows(season)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), households=st.integers(1, 6), seasons=st.integers(1, 4))
def test_any_seed_and_size_is_accepted(seed, households, seasons):
    connection = db.open_memory()
    try:
        counts = demo.generate(households=households, seasons=seasons, seed=seed)
        assert counts["seasons"] == seasons and counts["households"] == households
    finally:
        connection.close()


# -- the collective's whole books ----------------------------------------------------------

def test_the_registers_accumulated_depreciation_is_the_balance_of_152(memory_ledger):
    from ledger import assets

    demo.generate(**SMALL)
    (credit, debit), = models.database.execute_sql(
        'SELECT SUM(p."credit"), SUM(p."debit") FROM "posting" p JOIN "account" a ON '
        'a."id" = p."account_id" WHERE a."code" = \'152\'').fetchall()
    rows = assets.register()
    assert sum(row.accumulated for row in rows) == credit - debit
    (building,) = rows
    # the opening depreciation is the opening voucher's credit to 152, read from its
    # postings: the building's depreciation of 2020-04 to 2024-12, 57 months of 712.50
    (opening,), = models.database.execute_sql(
        'SELECT p."credit" FROM "posting" p JOIN "account" a ON a."id" = p."account_id" '
        'JOIN "voucher" v ON v."id" = p."voucher_id" WHERE a."code" = \'152\' AND '
        'v."date" = \'2025-01-01\'').fetchall()
    assert building.opening == opening == 57 * 71_250
    assert building.net == building.asset.cost - (credit - debit)

def account_movements(year: int) -> dict[str, tuple[int, int]]:
    """Each account's debits and credits of the vouchers dated in `year`, from the postings
    one by one (not from the kept balances the statements read)."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    rows = (Posting.select(Account.code, fn.SUM(Posting.debit), fn.SUM(Posting.credit))
            .join(Voucher).switch(Posting).join(Account)
            .where(Voucher.date.between(f"{year}-01-01", f"{year}-12-31"))
            .group_by(Account.code).tuples())
    return {code: (debit, credit) for code, debit, credit in rows}


def test_the_demo_keeps_the_whole_books_and_a_closed_distributed_year(memory_ledger):
    from ledger import assets, check, statements, voucher_rules

    demo.generate(**SMALL)
    assert voucher_rules.closed_years() == {2025}
    moved = account_movements(2025)
    for code in ("513.01", "513.02", "515.01", "514.01", "511.04", "501.04", "503"):
        assert sum(moved[code]) > 0, code  # electricity, office, interest, lights, ...
    # 2025 closed: every income and expense account back to zero at its end
    income_2025 = sum(credit - debit for code, (debit, credit) in moved.items()
                      if code.startswith("5"))
    assert income_2025 == 0
    shown = statements.distribution(2025)
    households = {h.code: h.shares for h in models.Party.select().where(
        models.Party.kind == "household")}
    assert shown.members > 0 and sum(d.amount for d in shown.dividends) == shown.members
    assert {d.code for d in shown.dividends} == {c for c, s in households.items() if s > 0}
    for year in (2025, 2026):
        assert statements.problems(year) == []
    sheet = statements.balance_sheet(2026)
    assert sheet.figure("fixed_assets_cost") == 18_000_000
    # (180,000 − 9,000) / 240 a month; depreciated to 2026-11, the 80th month of its life
    # (2020-04 to 2026-11: 9 months of 2020, five whole years, 11 months of 2026)
    assert [(row.asset.code, row.months, row.monthly) for row in assets.register()] == [
        ("A001", 9 + 5 * 12 + 11, 71_250)]
    # cash drawn before each settlement: cash on hand never below zero, so no warning
    warnings: list = []
    assert check.run(warnings=warnings) == [] and warnings == []
