"""The invariants of docs/accounting.md over random valid villages: the books balance, each season's
net incomes add up to the money that crossed the village's boundary, and each household's
balance is both what its records say and what its 内部往来 sub-account says.

Every expectation is computed here, in integer fen with this file's own half-up rounding,
from the figures the village was generated from; nothing is read back from the code under
test to build it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import fn

from ledger import balances, book, check, db, income, models

COLLECTIVE = "COLLECTIVE"
#: Party codes as stored (codes are kept in capitals); records may give them in any case.
CODE = st.from_regex(r"[A-Z0-9][A-Z0-9_.\-]{0,9}", fullmatch=True).filter(
    lambda code: code != COLLECTIVE)


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, for numerator >= 0 (all our factors are)."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass
class Village:
    households: list[str]
    partners: list[str]
    seasons: list[tuple[str, date, date]]
    batches: dict[str, tuple[int, str]]  # code -> (season index, owner)
    records: list[tuple[str, dict, dict]] = field(default_factory=list)  # kind, given, facts
    split: int = 0  # records before this index go in the first call, the rest in a second


def written(draw, units: int, places: int):
    """`units` as a person or the UI might give it: text with or without trailing zeros,
    padded with spaces, a Decimal, or an int when it is whole."""
    whole, frac = divmod(units, 10 ** places)
    text = f"{whole}.{frac:0{places}d}"
    style = draw(st.sampled_from(("text", "short", "padded", "spaced", "decimal", "int")))
    if style == "short":
        return text.rstrip("0").rstrip(".")
    if style == "padded":
        return text + "0" * draw(st.integers(1, 2))
    if style == "spaced":
        return f" {text} "
    if style == "decimal":
        return Decimal(text)
    if style == "int" and frac == 0:
        return whole
    return text


CODE_FIELDS = {"batch", "season", "supplier", "buyer", "payer", "household", "recipient"}


def cased(draw, code: str) -> str:
    """A code as someone might type it: h001 is H001."""
    return code.lower() if draw(st.booleans()) else code


def a_day(draw, season: tuple[str, date, date]):
    _, start, end = season
    day = start + timedelta(days=draw(st.integers(0, (end - start).days)))
    return day if draw(st.booleans()) else day.isoformat()


@st.composite
def villages(draw) -> Village:
    codes = draw(st.lists(CODE, min_size=2, max_size=6, unique=True))
    split = draw(st.integers(1, len(codes) - 1))
    households, partners = codes[:split], codes[split:]
    first = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 300)))
    seasons = []
    for index in range(draw(st.integers(1, 3))):
        start = first + timedelta(days=index * 60 + draw(st.integers(0, 10)))
        seasons.append((f"S{index + 1}", start, start + timedelta(days=draw(st.integers(0, 40)))))
    batches = {}
    for index in range(len(seasons)):
        owners = draw(st.lists(st.sampled_from([COLLECTIVE, *households]), min_size=1,
                               max_size=4, unique=True))
        for number, owner in enumerate(owners):
            batches[f"B{index + 1}-{number}"] = (index, owner)
    village = Village(households, partners, seasons, batches)
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(("leaf", "sales", "inputs", "wages", "charges",
                                     "subsidies", "payments")))
        village.records.append(draw_record(draw, village, kind))
    village.split = draw(st.integers(0, len(village.records)))
    return village


def draw_record(draw, village: Village, kind: str) -> tuple[str, dict, dict]:
    """One valid record of `kind`: the values given, and the facts (fen) they stand for."""
    everyone = [COLLECTIVE, *village.households]
    if kind in ("leaf", "sales", "inputs"):
        batch = draw(st.sampled_from(sorted(village.batches)))
        season, owner = village.batches[batch]
        values = dict(date=a_day(draw, village.seasons[season]), batch=batch)
        facts = dict(season=season, owner=owner)
    else:
        season = draw(st.integers(0, len(village.seasons) - 1))
        values = dict(date=a_day(draw, village.seasons[season]),
                      season=village.seasons[season][0])
        facts = dict(season=season)
    if kind == "leaf":
        supplier = draw(st.sampled_from([*everyone, *village.partners]))
        grams = draw(st.integers(1, 2_000_000))
        price = 0 if supplier == owner else draw(st.integers(0, 1_000))
        values.update(supplier=supplier, kg=written(draw, grams, 3), price=written(draw, price, 2))
        facts.update(supplier=supplier, amount=half_up(grams * price, 1000))
    elif kind == "sales":
        grams = draw(st.integers(1, 500_000))
        price = draw(st.integers(1, 10_000))
        gross = half_up(grams * price, 1000)
        deduction = draw(st.integers(0, gross))
        values.update(buyer=draw(st.sampled_from(village.partners)), grade="上车茧",
                      kg=written(draw, grams, 3), price=written(draw, price, 2),
                      deduction=written(draw, deduction, 2))
        facts.update(amount=gross - deduction)
    elif kind == "inputs":
        amount = draw(st.integers(0, 100_000))
        values.update(supplier=draw(st.sampled_from(village.partners)), item="蚕种",
                      quantity=written(draw, draw(st.integers(1, 10_000)), 3), unit="张",
                      amount=written(draw, amount, 2))
        facts.update(amount=amount)
    elif kind == "wages":
        payer = draw(st.sampled_from(everyone))
        household = draw(st.sampled_from(village.households))
        quantity = draw(st.integers(1, 30_000))
        rate = 0 if payer == household else draw(st.integers(0, 20_000))
        values.update(payer=payer, household=household, worker="务工人员", task="喂蚕",
                      quantity=written(draw, quantity, 3), unit="天", rate=written(draw, rate, 2))
        facts.update(payer=payer, household=household, amount=half_up(quantity * rate, 1000))
    elif kind == "charges":
        household = draw(st.sampled_from(village.households))
        amount = draw(st.integers(1, 100_000))
        values.update(household=household, item="小蚕共育费", amount=written(draw, amount, 2))
        facts.update(household=household, amount=amount)
    elif kind == "subsidies":
        recipient = draw(st.sampled_from(everyone))
        amount = draw(st.integers(1, 1_000_000))
        values.update(recipient=recipient, source="县农业局", amount=written(draw, amount, 2))
        facts.update(recipient=recipient, amount=amount)
    else:
        household = draw(st.sampled_from(village.households))
        direction = draw(st.sampled_from(("to_household", "from_household")))
        amount = draw(st.integers(1, 1_000_000))
        values.update(household=household, direction=direction, amount=written(draw, amount, 2),
                      method=draw(st.sampled_from(("cash", "bank"))), memo="")
        facts.update(household=household, amount=amount,
                     paid=amount if direction == "to_household" else -amount)
    for name in CODE_FIELDS & values.keys():
        values[name] = cased(draw, values[name])
    return kind, values, facts


def record(village: Village) -> None:
    """The village through the service layer: its parties, seasons and batches and some
    records in one call, the other records in a second."""
    groups = [
        ("households", [("", dict(code=c, name=f"户主{c}", group="一组"))
                        for c in village.households]),
        ("partners", [("", dict(code=c, name=f"企业{c}")) for c in village.partners]),
        ("seasons", [("", dict(code=code, name=code, start=start.isoformat(), end=end.isoformat()))
                     for code, start, end in village.seasons]),
        ("batches", [("", dict(code=code, season=village.seasons[season][0], owner=owner,
                               sheets="1.5", hatch=village.seasons[season][1].isoformat()))
                     for code, (season, owner) in village.batches.items()]),
    ]
    records = [(kind, [("", values)]) for kind, values, _ in village.records]
    book.record_many(groups + records[:village.split])
    if records[village.split:]:
        book.record_many(records[village.split:])


@dataclass
class Expected:
    net: list[dict[str, int]]      # per season: party -> net income
    paid: list[dict[str, int]]     # per season: household -> paid
    outside: list[int]             # per season: sales + subsidies - partner leaf - inputs
    vouchers: int


def expected(village: Village) -> Expected:
    seasons = len(village.seasons)
    net = [defaultdict(int) for _ in range(seasons)]
    paid = [defaultdict(int) for _ in range(seasons)]
    outside = [0] * seasons
    vouchers = 0
    for kind, _, f in village.records:
        s, amount = f["season"], f["amount"]
        vouchers += amount != 0
        if kind == "sales":
            net[s][f["owner"]] += amount
            outside[s] += amount
        elif kind == "leaf":
            net[s][f["owner"]] -= amount
            if f["supplier"] in village.partners:
                outside[s] -= amount
            else:
                net[s][f["supplier"]] += amount
        elif kind == "inputs":
            net[s][f["owner"]] -= amount
            outside[s] -= amount
        elif kind == "wages":
            net[s][f["payer"]] -= amount
            net[s][f["household"]] += amount
        elif kind == "charges":
            net[s][f["household"]] -= amount
            net[s][COLLECTIVE] += amount
        elif kind == "subsidies":
            net[s][f["recipient"]] += amount
            outside[s] += amount
        else:
            paid[s][f["household"]] += f["paid"]
    return Expected(net, paid, outside, vouchers)


def sub_account_balance(code: str, season: models.Season) -> int:
    """Credit minus debit of the postings on 113.<code>, over every season up to `season`."""
    P, V, A, S = models.Posting, models.Voucher, models.Account, models.Season
    total = (P.select(fn.SUM(P.credit - P.debit)).join(V).join(S).switch(P).join(A)
             .where((A.code == f"113.{code}") & (S.start <= season.start)).scalar())
    return total or 0


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(village=villages())
def test_random_villages_keep_every_invariant(village):
    database = db.open_memory()
    try:
        record(village)
        want = expected(village)

        assert check.run() == []
        P = models.Posting
        unbalanced = (P.select(P.voucher).group_by(P.voucher)
                      .having(fn.SUM(P.debit) != fn.SUM(P.credit)).count())
        assert unbalanced == 0
        assert models.Voucher.select().count() == want.vouchers
        assert balances.trial_balance().balanced

        running = defaultdict(int)
        for index, (code, _, _) in enumerate(village.seasons):
            season = models.Season.get(models.Season.code == code)
            assert balances.trial_balance(season).balanced
            report = {p.code: p for p in income.season_income(season).parties}
            assert set(report) == {COLLECTIVE, *village.households}
            assert sum(p.net_income for p in report.values()) == want.outside[index]
            assert sum(want.net[index].values()) == want.outside[index]
            assert report[COLLECTIVE].net_income == want.net[index][COLLECTIVE]
            for household in village.households:
                figures = report[household]
                running[household] += want.net[index][household] - want.paid[index][household]
                assert figures.net_income == want.net[index][household], household
                assert figures.paid == want.paid[index][household], household
                assert figures.balance == running[household], household
                assert sub_account_balance(household, season) == running[household], household
    finally:
        database.close()


def test_a_household_code_with_a_dot_keeps_the_trial_balance_balanced(memory_ledger):
    """Codes may contain '.', so a household's sub-account can be 113.H.1; its parent is
    still 113 (it was once taken to be '113.H', leaving the trial balance unbalanced)."""
    book.record_many([
        ("households", [("", dict(code="H.1", name="张三", group="一组"))]),
        ("partners", [("", dict(code="E01", name="丝绸公司"))]),
        ("seasons", [("", dict(code="S1", name="春蚕", start="2026-04-01", end="2026-05-15"))]),
        ("batches", [("", dict(code="B1", season="S1", owner="H.1", sheets="1",
                               hatch="2026-04-02"))]),
        ("sales", [("", dict(date="2026-05-01", batch="B1", buyer="E01", kg="10", price="50"))]),
    ])
    assert check.run() == []
    assert sub_account_balance("H.1", models.Season.get()) == 50000
    trial = balances.trial_balance()
    rows = {row.code: (row.debit, row.credit) for row in trial.rows}
    assert rows["113"] == (0, 50000)
    assert trial.balanced
    assert [row.name("en") for row in trial.rows][-1] == "Internal accounts-张三"
