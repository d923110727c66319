"""Fixed assets: the register, the purchase voucher, each month's straight-line
depreciation to the fen, every refusal leaving the ledger as it was, a reversal freeing its
month, and the migration of a schema-5 ledger. Expected figures are worked out here from
the inputs (Fraction arithmetic), never by the code under test."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from datetime import date
from fractions import Fraction

import pytest
from peewee import IntegrityError

from helpers import as_schema, table_counts, tamper
from ledger import assets, audit, check, db, i18n, models, vouchers
from ledger.errors import LedgerError, RecordRefused
from ledger.reports.audit_trail import describe


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def sound() -> None:
    assert [finding.message("en") for finding in check.run()] == []


def half_up(value: Fraction) -> int:
    """Round a non-negative exact fraction of a fen half up, as an accountant does."""
    return int(value + Fraction(1, 2))


def journal_of(general_id: int) -> list[tuple[str, int, int]]:
    """(account, debit fen, credit fen) of a general voucher's journal voucher."""
    V, P, A = models.Voucher, models.Posting, models.Account
    return list(P.select(A.code, P.debit, P.credit).join(V).switch(P).join(A)
                .where((V.kind == "vouchers") & (V.record_id == general_id))
                .order_by(P.id).tuples())


def workshop(**changes) -> int:
    """The workshop building: 120,000.00 yuan, 6,000.00 residual, 20 years."""
    values = dict(code="A001", name="育蚕车间厂房", acquired="2025-12-10", cost="120000",
                  life=240, residual="6000", use="workshop")
    return assets.add(**{**values, **changes})


def refusal(call, *args, **kwargs) -> str:
    """The message of a refused call, checked to have written nothing."""
    before = table_counts()
    with pytest.raises(LedgerError) as raised:
        call(*args, **kwargs)
    assert table_counts() == before
    return raised.value.message("en")


# -- the register and the purchase -------------------------------------------------------

def test_an_asset_bought_from_the_bank_posts_its_purchase_in_the_same_write(memory_ledger):
    before = table_counts()
    workshop()
    after = table_counts()
    assert after["FixedAsset"] == before["FixedAsset"] + 1
    assert after["GeneralVoucher"] == before["GeneralVoucher"] + 1
    (asset,) = assets.assets()
    assert (asset.code, asset.name, asset.acquired, asset.cost, asset.life, asset.residual,
            asset.use, asset.account) == ("A001", "育蚕车间厂房", date(2025, 12, 10),
                                          12_000_000, 240, 600_000, "workshop", "511.04")
    assert asset.acquisition == "记-2025-12-0001"
    general = models.GeneralVoucher.get()
    assert general.date == date(2025, 12, 10)
    assert journal_of(general.id) == [("151", 12_000_000, 0), ("102", 0, 12_000_000)]
    assert describe(audit.entries()[-1], "en").summary == "added fixed asset A001"
    assert describe(audit.entries()[-1], "zh").summary == "新增固定资产 A001"
    sound()


def test_an_asset_in_the_opening_balances_posts_nothing_and_a_chosen_account_pays(memory_ledger):
    before = table_counts()
    assets.add("A002", "办公电脑", date(2026, 1, 5), "5000", 36, use="management",
               opening=True)
    after = table_counts()
    assert after["GeneralVoucher"] == before["GeneralVoucher"]
    assert after["FixedAsset"] == before["FixedAsset"] + 1
    assets.add("A003", "路灯", "2026-02-01", "8000", 60, use="public", paid_from="101")
    by_code = {asset.code: asset for asset in assets.assets()}
    assert by_code["A002"].acquisition is None and by_code["A002"].account == "513"
    assert by_code["A003"].account == "514"
    general = models.GeneralVoucher.select().order_by(models.GeneralVoucher.id.desc()).get()
    assert journal_of(general.id) == [("151", 800_000, 0), ("101", 0, 800_000)]
    sound()


def test_a_workshop_asset_may_be_charged_to_production_cost_instead(memory_ledger):
    assets.add("A004", "烘茧机", "2026-01-10", "24000", 120, use="production")
    assert assets.assets()[0].account == "401"


@pytest.mark.parametrize("changes, fragment", [
    (dict(cost="0"), "cost: must be greater than zero"),
    (dict(cost="-5"), "cost: must be greater than zero"),
    (dict(cost="12.345"), "cost:"),
    (dict(residual="120000"), "the residual value 120000.00 must be less than the cost"),
    (dict(residual="-1"), "residual value: must not be negative"),
    (dict(life=0), "the useful life is 1 to 1200 months"),
    (dict(life="1.5"), "'1.5' is not a whole number of months"),
    (dict(use="farm"), "'farm' is not one of"),
    (dict(account="511"), "account 511 has sub-accounts"),
    (dict(account="513"), "account 513 is not where a workshop asset's depreciation goes"),
    (dict(account="999"), "there is no account 999"),
    (dict(paid_from="151"), "the purchase cannot be paid from account 151"),
    (dict(paid_from="501"), "account 501 has sub-accounts"),
    (dict(paid_from="322.02"), "account 322.02 is posted only by the year-end close"),
    (dict(acquired="2025-02-30"), "date:"),
    (dict(name=""), "name: required"),
])
def test_a_wrong_asset_is_refused_with_its_field_and_nothing_written(changes, fragment,
                                                                     memory_ledger):
    message = refusal(workshop, **changes)
    assert "fixed asset: " in message
    assert fragment in message


def test_a_code_is_used_once_and_a_closed_year_takes_no_asset(memory_ledger):
    workshop()
    assert "code A001 is already used" in refusal(workshop, name="另一座")
    db.set_meta("closed_years", "2025")
    assert "the year 2025 is closed" in refusal(workshop, code="A009")


# -- the straight line -------------------------------------------------------------------

def depreciation_of(month: str) -> list[tuple[str, int, int]]:
    return journal_of(assets.depreciate(month).general_id)


def test_the_workshop_is_charged_475_a_month_from_the_month_after_it_was_bought(memory_ledger):
    workshop()
    expected = int((Fraction(12_000_000) - 600_000) / 240)  # divides evenly: 475.00
    assert expected == 47_500
    assert "nothing to depreciate in 2025-12" in refusal(assets.depreciate, "2025-12")
    posted = assets.depreciate("2026-01")
    assert posted.number == "记-2026-01-0001"
    assert models.GeneralVoucher.get_by_id(posted.general_id).date == date(2026, 1, 31)
    assert journal_of(posted.general_id) == [("511.04", expected, 0), ("152", 0, expected)]
    assert describe(audit.entries()[-1], "zh").summary == "计提折旧 2026-01"
    sound()
    assert depreciation_of("2026-02") == [("511.04", expected, 0), ("152", 0, expected)]
    (row,) = assets.register("2026-02")
    assert (row.accumulated, row.net, row.months) == (2 * expected, 12_000_000 - 2 * expected, 2)
    (row,) = assets.register("2026-01")
    assert (row.accumulated, row.net) == (expected, 12_000_000 - expected)
    assert assets.register("2025-11") == []  # not yet acquired
    sound()


def test_an_uneven_cost_is_exact_over_the_whole_life_with_the_remainder_last(memory_ledger):
    # 5,000.01 over 7 months: 714.287… a month, rounded half up to 714.29, so the last
    # month takes less: 5000.01 − 6 × 714.29 = 714.27.
    cost, life = 500_001, 7
    usual = half_up(Fraction(cost, life))
    assert usual == 71_429
    last = cost - usual * (life - 1)
    assert last == 71_427
    assets.add("A010", "小蚕共育室设备", "2026-03-31", "5000.01", life, use="workshop")
    charged = []
    for number in range(4, 4 + life):
        month = f"2026-{number:02d}"
        lines = depreciation_of(month)
        assert lines[0][0] == "511.04" and lines[-1] == ("152", 0, lines[0][1])
        charged.append(lines[0][1])
    assert charged == [usual] * (life - 1) + [last]
    assert sum(charged) == cost
    assert "nothing to depreciate in 2026-11" in refusal(assets.depreciate, "2026-11")
    (row,) = assets.register()
    assert (row.accumulated, row.net) == (cost, 0)
    sound()


def test_a_residual_is_kept_and_a_rounding_down_leaves_more_for_the_last_month(memory_ledger):
    # (1,000.00 − 100.00) over 7 months = 128.571… → 128.57; the last takes 128.58.
    cost, residual, life = 100_000, 10_000, 7
    usual = half_up(Fraction(cost - residual, life))
    assert usual == 12_857
    assets.add("A011", "喷雾器", "2026-01-15", "1000", life, residual="100", use="production")
    charged = [depreciation_of(f"2026-{number:02d}")[0][1] for number in range(2, 9)]
    assert charged == [usual] * 6 + [cost - residual - 6 * usual]
    assert sum(charged) == cost - residual
    (row,) = assets.register("2026-12")
    assert row.net == residual
    sound()


def test_a_tiny_cost_over_a_long_life_never_charges_a_negative_month(memory_ledger):
    # 0.05 over 8 months: 0.00625 a month rounds to 0.01; five months use it all up.
    assets.add("A012", "标签", "2026-01-01", "0.05", 8, use="management")
    charged = []
    for number in range(2, 10):
        try:
            charged.append(depreciation_of(f"2026-{number:02d}")[0][1])
        except LedgerError as error:
            assert "nothing to depreciate" in error.message("en")
            charged.append(0)
    assert charged == [1, 1, 1, 1, 1, 0, 0, 0]
    sound()


def test_one_voucher_a_month_with_a_line_per_expense_account_naming_its_assets(memory_ledger):
    workshop()
    assets.add("A002", "蚕具消毒柜", "2025-12-20", "3600", 36, use="workshop")
    assets.add("A003", "办公电脑", "2025-11-03", "4800", 48, use="management", opening=True)
    posted = assets.depreciate("2026-01")
    shed, cabinet, computer = 47_500, 10_000, 10_000  # 114,000/240, 3,600/36, 4,800/48
    assert journal_of(posted.general_id) == [("511.04", shed + cabinet, 0), ("513", computer, 0),
                                             ("152", 0, shed + cabinet + computer)]
    summaries = [summary for summary, *_ in vouchers.lines_of(posted.general_id)]
    assert "A001 育蚕车间厂房" in summaries[0] and "A002 蚕具消毒柜" in summaries[0]
    assert "A003 办公电脑" in summaries[1] and "A001" not in summaries[1]
    assert summaries[2] == "计提 2026-01 折旧"  # the books are kept in Chinese
    assert models.Depreciation.get().month == "2026-01"
    assert sorted(line.amount for line in models.DepreciationLine.select()) == sorted(
        [shed, cabinet, computer])
    sound()


# -- refusals ----------------------------------------------------------------------------

def test_a_month_is_depreciated_once_and_the_refusal_names_its_voucher(memory_ledger):
    workshop()
    assets.depreciate("2026-01")
    message = refusal(assets.depreciate, "2026-01")
    assert message == ("2026-01 is already depreciated by voucher 记-2026-01-0001; to do it "
                       "again, reverse that voucher first")
    assert "already depreciated" in refusal(assets.plan, "2026-01")


def test_months_without_assets_badly_written_or_in_a_closed_year_are_refused(memory_ledger):
    assert "there are no fixed assets to depreciate" in refusal(assets.depreciate, "2026-01")
    workshop()
    assert ("2025-11 is before the first fixed asset (A001, acquired 2025-12-10)"
            in refusal(assets.depreciate, "2025-11"))
    for wrong in ("2026-13", "2026-1", "26-01", "May", "2026-00"):
        assert f"'{wrong}' is not a month" in refusal(assets.depreciate, wrong)
    db.set_meta("closed_years", "2026")
    assert "the year 2026 is closed" in refusal(assets.depreciate, "2026-03")


def test_an_asset_that_would_miss_a_month_already_depreciated_is_refused(memory_ledger):
    workshop()
    assets.depreciate("2026-01")
    message = refusal(assets.add, "A002", "蚕架", "2025-12-01", "1200", 12, use="workshop")
    assert "2026-01 is already depreciated (记-2026-01-0001) without this asset" in message
    assets.add("A003", "蚕架", "2026-01-20", "1200", 12, use="workshop")  # starts 2026-02
    sound()


# -- an asset in the opening balances with depreciation from before the books ----------

def building(**changes) -> int:
    """The demo's building, bought in March 2020, in the opening balances of 2025:
    180,000.00 with 9,000.00 residual over 240 months (712.50 a month)."""
    values = dict(code="A001", name="育蚕车间厂房", acquired="2020-03-15", cost="180000",
                  life=240, residual="9000", use="workshop", opening=True)
    return assets.add(**{**values, **changes})


@pytest.mark.parametrize("changes, lang, message", [
    (dict(opening_depreciation="-0.01"), "en",
     "fixed asset: opening accumulated depreciation: must not be negative"),
    (dict(opening_depreciation="171000.01"), "en",
     "fixed asset: opening accumulated depreciation: 171000.01 is more than the asset can "
     "be depreciated by: cost 180000.00 less residual 9000.00 is 171000.00"),
    (dict(opening_depreciation="171000.01"), "zh",
     "固定资产: 期初累计折旧: 期初累计折旧 171000.01 超过可提折旧总额：原值 180000.00 减残值 "
     "9000.00 为 171000.00"),
    (dict(opening=False, opening_depreciation="100"), "en",
     "fixed asset: opening accumulated depreciation: only an asset that was in the opening "
     "balances has depreciation from before the books; one whose purchase is posted here "
     "has none"),
    (dict(opening=False, opening_depreciation="100"), "zh",
     "固定资产: 期初累计折旧: 只有期初余额中已有的资产才有期初累计折旧；"
     "在本账中记购置凭证的资产没有"),
])
def test_an_opening_depreciation_that_cannot_be_is_refused_in_words(changes, lang, message,
                                                                   memory_ledger):
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        building(**changes)
    assert table_counts() == before
    assert [error.field for error in raised.value.errors] == ["opening_depreciation"]
    assert raised.value.errors[0].message(lang) == message


def test_all_that_can_be_depreciated_may_be_brought_forward_and_nothing_is_left(memory_ledger):
    building(opening_depreciation="171000")
    (row,) = assets.register()
    assert (row.opening, row.accumulated, row.net) == (17_100_000, 17_100_000, 900_000)
    assert "nothing to depreciate in 2025-01" in refusal(assets.depreciate, "2025-01")


def test_the_register_counts_the_opening_depreciation_and_the_months_of_life(memory_ledger):
    # The earlier books charged 40,000.00 (the straight line would have reached 57 ×
    # 712.50 = 40,612.50 by 2024-12): the schedule goes on at 712.50 a month.
    opening, monthly = 4_000_000, 71_250
    assert half_up(Fraction(18_000_000 - 900_000, 240)) == monthly
    building(opening_depreciation="40000")
    assert models.FixedAsset.get().opening_depreciation == opening
    assert describe(audit.entries()[-1], "en").summary == "added fixed asset A001"
    for month in ("2025-01", "2025-02", "2025-03"):
        assert depreciation_of(month) == [("511.04", monthly, 0), ("152", 0, monthly)]
    (row,) = assets.register("2025-02")
    # 2020-04 to 2025-02: 9 months of 2020, 4 whole years, 2 months of 2025
    assert (row.months, row.opening, row.accumulated, row.net) == (
        9 + 4 * 12 + 2, opening, opening + 2 * monthly, 18_000_000 - opening - 2 * monthly)
    (row,) = assets.register()  # as of the last month depreciated, 2025-03
    assert (row.months, row.accumulated) == (60, opening + 3 * monthly)
    (row,) = assets.register("2024-12")  # the books' first day: what they brought
    assert (row.months, row.accumulated, row.net) == (57, opening, 18_000_000 - opening)
    sound()


def test_an_old_book_over_the_schedule_ends_early_and_one_under_it_ends_on_the_last_month(
        memory_ledger):
    # 1,000.00 over 12 months from 2024-06: 83.33 a month; the books begin in 2025, in
    # the seventh month of its life.
    monthly = half_up(Fraction(100_000, 12))
    assert monthly == 8_333
    assets.add("A005", "温控器", "2024-06-10", "1000", 12, use="workshop", opening=True,
               opening_depreciation="600")  # the old books charged 100.00 a month
    assets.add("A006", "消毒机", "2024-06-10", "1000", 12, use="management", opening=True,
               opening_depreciation="300")  # they charged 50.00 a month
    over, under = [], []
    for number in range(1, 7):
        lines = dict((code, debit) for code, debit, _ in depreciation_of(f"2025-{number:02d}"))
        over.append(lines.get("511.04", 0))
        under.append(lines.get("513", 0))
    # 400.00 left: four months of 83.33, then the 66.68 left, then nothing
    assert over == [monthly] * 4 + [40_000 - 4 * monthly, 0]
    # 700.00 left: five months of 83.33, the last month takes the 283.35 left
    assert under == [monthly] * 5 + [70_000 - 5 * monthly]
    assert 60_000 + sum(over) == 100_000 == 30_000 + sum(under)
    rows = assets.register("2025-06")
    assert [(row.months, row.accumulated, row.net) for row in rows] == [
        (12, 100_000, 0), (12, 100_000, 0)]
    assert "nothing to depreciate in 2025-07" in refusal(assets.depreciate, "2025-07")
    sound()


# -- reversal ----------------------------------------------------------------------------

def test_reversing_a_depreciation_voucher_frees_its_month_again(memory_ledger):
    workshop()
    first = assets.depreciate("2026-01")
    reversal = vouchers.reverse(first.general_id, "折旧计错")
    assert journal_of(reversal) == [("511.04", -47_500, 0), ("152", 0, -47_500)]
    (row,) = assets.register("2026-01")
    # the month of its life has passed (已提月份 counts the months of its life), but its
    # depreciation no longer stands; as of the last month depreciated, there is none
    assert (row.accumulated, row.months) == (0, 1)
    (row,) = assets.register()
    assert (row.accumulated, row.months) == (0, 0)
    assert [(run.month, run.reversed) for run in assets.runs()] == [("2026-01", True)]
    sound()
    again = assets.depreciate("2026-01")
    assert again.general_id not in (first.general_id, reversal)
    assert journal_of(again.general_id) == [("511.04", 47_500, 0), ("152", 0, 47_500)]
    (row,) = assets.register("2026-01")
    assert row.accumulated == 47_500
    assert [(run.month, run.total, run.reversed) for run in assets.runs()] == [
        ("2026-01", 47_500, True), ("2026-01", 47_500, False)]
    assert "already depreciated" in refusal(assets.depreciate, "2026-01")
    sound()


# -- tamper evidence and the schema -----------------------------------------------------

def test_the_register_is_append_only(memory_ledger):
    workshop()
    assets.depreciate("2026-01")
    for model in (models.FixedAsset, models.Depreciation, models.DepreciationLine):
        with pytest.raises(IntegrityError):
            model.update(seal="x").execute()
        with pytest.raises(IntegrityError):
            model.delete().execute()


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_check_names_an_asset_edited_behind_the_programs_back(ledger_path):
    database = db.open_ledger(ledger_path)
    workshop()
    assets.depreciate("2026-01")
    database.close()
    tamper(ledger_path, "UPDATE fixed_asset SET cost = 1200000",
           "UPDATE depreciation_line SET amount = 1",
           "INSERT INTO depreciation VALUES (2, '2026-01', 1, '')")
    database = db.open_ledger(ledger_path)
    found = [finding.message("en") for finding in check.run()]
    database.close()
    models.database.initialize(None)
    assert any("fixed_asset" in line for line in found), found
    assert any("depreciation_line" in line for line in found), found
    assert ("the depreciation of 2026-01 charged the assets 0.01, but its voucher (vouchers:2) "
            "credits 475.00 to 152") in found
    assert "2026-01 is depreciated twice: reverse one of its vouchers" in found


def _schema(path) -> list[tuple]:
    raw = sqlite3.connect(path)
    rows = sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall(),
                  key=lambda row: row[1])
    raw.close()
    return rows


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_a_schema_5_ledger_gets_the_register_with_its_guards(ledger_path):
    fresh = _schema(ledger_path)
    as_schema(ledger_path, 5)
    assert not [row for row in _schema(ledger_path) if "depreciation" in row[1]]
    database = db.open_ledger(ledger_path)
    assert db.schema_version(database) == db.SCHEMA_VERSION == 12
    assert check.run() == []
    assert audit.entries()[-1].target == "schema 5 -> 12"
    workshop()
    assets.depreciate("2026-01")
    sound()
    database.close()
    models.database.initialize(None)
    assert _schema(ledger_path) == fresh


def schema_6_seal(row: tuple) -> str:
    """A register row's seal as schema 6 computed it, over its eleven columns, worked out
    here (`repr` of the table name and the values, sha256, 32 hex digits)."""
    return hashlib.sha256(repr(("fixed_asset", *row)).encode("utf-8")).hexdigest()[:32]


SCHEMA_6_COLUMNS = ('id, code, name, acquired, cost, life, residual, method, use, account_id, '
                    'acquisition_id')


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_a_schema_6_ledger_gets_the_opening_depreciation_and_keeps_its_seals(ledger_path):
    database = db.open_ledger(ledger_path)
    workshop()
    assets.add("A002", "办公电脑", "2025-11-03", "4800", 48, use="management", opening=True)
    assets.depreciate("2026-01")
    database.close()
    models.database.initialize(None)
    fresh = _schema(ledger_path)
    as_schema(ledger_path, 6)
    raw = sqlite3.connect(ledger_path)
    columns = [row[1] for row in raw.execute('PRAGMA table_info("fixed_asset")')]
    assert "opening_depreciation" not in columns
    rows = raw.execute(f"SELECT {SCHEMA_6_COLUMNS}, seal FROM fixed_asset ORDER BY id").fetchall()
    raw.close()
    # the rows carry the seals schema 6 gave them: over the eleven columns it had
    assert [seal for *_, seal in rows] == [schema_6_seal(tuple(row[:-1])) for row in rows]

    database = db.open_ledger(ledger_path)
    assert db.schema_version(database) == db.SCHEMA_VERSION == 12
    assert audit.entries()[-1].target == "schema 6 -> 12"
    assert check.run() == []  # the old seals verify as they are
    assert [(row.asset.code, row.accumulated) for row in assets.register("2026-01")] == [
        ("A001", 47_500), ("A002", 10_000)]
    assert list(models.FixedAsset.select(models.FixedAsset.opening_depreciation)
                .order_by(models.FixedAsset.id).scalars()) == [0, 0]
    database.close()
    models.database.initialize(None)
    assert _schema(ledger_path) == fresh  # the schema a new ledger gets
    # the new column is sealed: set behind the program's back, check names the row
    tamper(ledger_path, "UPDATE fixed_asset SET opening_depreciation = 1 WHERE code = 'A002'")
    database = db.open_ledger(ledger_path)
    found = [finding.message("en") for finding in check.run()]
    database.close()
    models.database.initialize(None)
    assert any("fixed_asset" in line for line in found), found


def test_an_asset_with_no_opening_depreciation_is_sealed_as_schema_6_sealed_it(memory_ledger):
    workshop()
    assets.add("A002", "办公电脑", "2025-11-03", "4800", 48, use="management", opening=True,
               opening_depreciation="200")
    rows = models.database.execute_sql(
        f"SELECT {SCHEMA_6_COLUMNS}, opening_depreciation, seal FROM fixed_asset ORDER BY id"
    ).fetchall()
    (*shed, shed_opening, shed_seal), (*computer, computer_opening, computer_seal) = rows
    assert (shed_opening, computer_opening) == (0, 20_000)
    assert shed_seal == schema_6_seal(tuple(shed))
    # a non-zero amount is sealed with the row: the seal is not schema 6's
    assert computer_seal != schema_6_seal(tuple(computer))
    assert computer_seal == hashlib.sha256(repr(("fixed_asset", *computer, 20_000)).encode(
        "utf-8")).hexdigest()[:32]


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_the_upgrade_adds_the_depreciation_expense_account(ledger_path):
    raw = sqlite3.connect(ledger_path)
    (gone,) = raw.execute("SELECT id FROM account WHERE code = '511.04'").fetchone()
    raw.close()
    as_schema(ledger_path, 5)
    # A schema-5 ledger had no 511.04: take it out and close the gap it leaves.
    tamper(ledger_path, f"DELETE FROM account WHERE id = {gone}",
           f"UPDATE account SET id = id - 1, seal = '' WHERE id > {gone}",
           f"UPDATE account SET parent_id = parent_id - 1, seal = '' WHERE parent_id > {gone}")
    raw = sqlite3.connect(ledger_path)
    assert raw.execute("SELECT 1 FROM account WHERE code = '511.04'").fetchone() is None
    raw.close()
    database = db.open_ledger(ledger_path)
    account = models.Account.get(models.Account.code == "511.04")
    assert account.parent.code == "511"
    assert check.run() == []
    database.close()
    models.database.initialize(None)


def test_the_documented_uses_are_the_programs():
    text = (Path(__file__).resolve().parent.parent / "docs" / "accounting.md").read_text(
        encoding="utf-8")
    lines = text.split("## Fixed assets", 1)[1].split("| use |", 1)[1].splitlines()[2:]
    documented = {}
    for line in lines:
        if not line.startswith("|"):
            break
        use, account = (cell.strip() for cell in line.strip("|").split("|"))
        documented[use] = account.split()[0]
    assert documented == assets.USES


def test_the_vouchers_it_writes_are_summarised_in_the_books_language_whoever_reads(
        memory_ledger):
    """The statutory books are kept in Chinese: an English reader's depreciation voucher
    and purchase voucher say 计提 and 购入 like everyone else's."""
    from ledger import i18n

    i18n.set_language("en")
    assets.add("A001", "蚕室", "2026-01-10", "12000", "120", "0", use="workshop")
    posted = assets.depreciate("2026-02")
    summaries = [line[0] for line in vouchers.lines_of(posted.general_id)]
    assert summaries == ["计提 2026-02 折旧：A001 蚕室", "计提 2026-02 折旧"]
    purchase = models.FixedAsset.get(models.FixedAsset.code == "A001").acquisition
    assert {line[0] for line in vouchers.lines_of(purchase)} == {"购入固定资产 A001 蚕室"}
