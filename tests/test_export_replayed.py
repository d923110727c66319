"""assets.csv, depreciation.csv and closes.csv: the register, the months depreciated and
the years closed travel in the canonical CSV export and are made again on import, so a
closed, depreciated ledger comes back the same; and each of them refuses bad rows as
`FILE:LINE: column: reason` with nothing written.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import table_counts
from ledger import assets, closing, db, models, voucher_rules, vouchers, year_end
from ledger.errors import RecordRefused
from ledger.io import csv_import
from test_export import VILLAGE, _make, line, silk, snapshot

HOUSEHOLDS = "code,name,group,phone,shares\nH001,张一,一组,,1\nH002,王二,一组,,3\n"


def books() -> None:
    """Households with shares; 2025: an opening balance, a grant, a shed bought by
    voucher and the building already in the opening balances, depreciated monthly, May
    reversed; the year closed, reopened and closed again by another
    plan. 2026: the hand-made village's seasons, closed, and the year closed too."""
    csv_import.import_files([VILLAGE])
    vouchers.post(dict(date="2025-01-01", lines=[
        line("102", "200000", summary="期初余额"), line("151", "120000", summary="期初余额"),
        line("301", credit="320000", summary="期初余额")]))
    vouchers.post(dict(date="2025-02-03", lines=[
        line("102", "50000", summary="县补助"), line("503", credit="50000")]))
    assets.add("A001", "育蚕车间厂房", "2024-12-20", "120000", "240", "6000",
               opening=True)
    assets.add("A002", "农机棚", "2025-03-10", "24000", "60", "0", use="management")
    for month in range(1, 13):
        assets.depreciate(f"2025-{month:02d}")
    may = models.Depreciation.get(models.Depreciation.month == "2025-05").voucher_id
    vouchers.reverse(may, "charged twice")  # on its own date: the pair cancels in May
    year_end.close_year(2025, "10", "1000")
    year_end.reopen_year(2025, "the members' amount was wrong")
    year_end.close_year(2025, "12.5", "2000.01", "100", "211")
    for code in ("2026-1", "2026-2", "2026-3"):
        closing.close(code)
    year_end.close_year(2026, "10", "300")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return _make(tmp_path_factory.mktemp("replayed") / "ledger.db", books)


def test_a_closed_reopened_depreciated_ledger_comes_back_the_same(source, tmp_path):
    first, second, copy = tmp_path / "first", tmp_path / "second", tmp_path / "copy.db"
    assert silk("--db", source, "export", "-o", first) == 0
    # computed by hand: 120000 − 6000 over 240 months is 475.00; 24000 over 60 is 400.00
    # from April; May reversed, so eleven months stand.
    assert (first / "assets.csv").read_text(encoding="utf-8").splitlines() == [
        "code,name,date,cost,life,residual,use,account,voucher,opening_depreciation",
        "A001,育蚕车间厂房,2024-12-20,120000.00,240,6000.00,workshop,511.04,,",
        "A002,农机棚,2025-03-10,24000.00,60,0.00,management,513,3,"]
    rows = (first / "depreciation.csv").read_text(encoding="utf-8").splitlines()
    assert rows[:4] == ["month,total", "2025-01,475.00", "2025-02,475.00", "2025-03,475.00"]
    assert rows[4:6] == ["2025-04,875.00", "2025-06,875.00"] and len(rows) == 12
    assert (first / "closes.csv").read_text(encoding="utf-8").splitlines() == [
        "year,reserve_percent,members,other,other_account",
        "2025,12.5,2000.01,100.00,211", "2026,10,300.00,,"]
    vouchers_csv = (first / "vouchers.csv").read_text(encoding="utf-8")
    assert "321" not in vouchers_csv and "322" not in vouchers_csv
    assert ",152," not in vouchers_csv  # May and its reversal cancel within the month

    assert silk("--db", copy, "init") == 0
    assert silk("--db", copy, "import", first) == 0
    original, imported = snapshot(source), snapshot(copy)
    assert imported["closed_years"] == [2025, 2026]
    assert imported["closed_seasons"] == ["2026-1", "2026-2", "2026-3"]
    dividends = {d["code"]: d["amount"] for d in _distribution(imported, 2025)}
    # 200001 fen by shares 1500 : 1000 : 2250 : 500 (of 5250): floors 57143, 38095, 85714,
    # 19047 leave 2 fen; H003 and H005 both have the remainder 3750, the largest
    assert dividends == {"H001": "571.43", "H002": "380.95", "H003": "857.15",
                         "H005": "190.48"}
    # the reversed May is gone from the months depreciated, nothing else differs
    assert original["depreciated"][4] == ("2025-05", 87500, True)
    assert imported["depreciated"] == original["depreciated"][:4] + original["depreciated"][5:]
    original["depreciated"] = imported["depreciated"]
    assert imported == original

    assert silk("--db", copy, "export", "-o", second) == 0
    for path in sorted(first.iterdir()):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    database = db.open_ledger(copy)
    try:
        assert voucher_rules.closed_years() == {2025, 2026}
        assert [row.accumulated for row in assets.register()] == [475_00 * 11, 400_00 * 8]
    finally:
        database.close()
        models.database.initialize(None)


def _distribution(found: dict, year: int) -> list[dict]:
    import json
    return json.loads(found["years"][year][2])["dividends"]


# -- refusals ------------------------------------------------------------------------------

@pytest.fixture
def folder(source, tmp_path) -> Path:
    out = tmp_path / "out"
    assert silk("--db", source, "export", "-o", out) == 0
    return out


@pytest.fixture
def empty(tmp_path):
    database = db.open_ledger(tmp_path / "empty.db", create=True)
    yield database
    database.close()
    models.database.initialize(None)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(folder: Path) -> list[str]:
    before = table_counts()
    with pytest.raises(RecordRefused) as refused:
        csv_import.import_files([folder])
    assert table_counts() == before
    review = csv_import.review([folder])
    assert not review.clean and table_counts() == before
    messages = [error.message("en") for error in refused.value.errors]
    assert [problem.message("en") for problem in review.problems] == messages
    return messages


@pytest.mark.parametrize("name, old, new, where, message", [
    ("assets.csv", "513,3", "513,999", "3: voucher", "no voucher 999 in vouchers.csv of "
     "this import (the asset's purchase; leave it empty for an asset in the opening "
     "balances)"),
    ("assets.csv", "513,3", "513,1", "3: voucher", "voucher 1 does not debit 151 Fixed "
     "assets with the asset's cost 24000.00"),
    ("depreciation.csv", "2025-04,875.00", "2025-04,900.00", "5: total", "depreciating "
     "2025-04 posts 875.00 here, not 900.00: the register differs from the one the file "
     "was written from"),
    ("closes.csv", "2026,10,300.00", "26,10,300.00", "3: year", "not a year such as 2025: 26"),
])
def test_a_row_that_cannot_be_made_again_is_refused(folder, empty, name, old, new, where,
                                                    message):
    _edit(folder / name, old, new)
    assert _refused(folder) == [f"{folder / name}:{where}: {message}"]


def test_an_asset_the_rules_refuse_is_named_by_line_and_column(folder, empty):
    _edit(folder / "assets.csv", "60,0.00,management", "60,24000.00,management")
    [message] = _refused(folder)
    assert message.startswith(f"{folder / 'assets.csv'}:3: residual: ")


def test_a_month_twice_is_refused(folder, empty):
    _edit(folder / "depreciation.csv", "2025-04,875.00", "2025-03,475.00")
    [message] = _refused(folder)
    assert message.startswith(f"{folder / 'depreciation.csv'}:5: month: ")
    assert "2025-03" in message


def test_a_close_distributing_too_much_is_refused(folder, empty):
    _edit(folder / "closes.csv", "2026,10,300.00", "2026,10,99999999.00")
    [message] = _refused(folder)
    assert message.startswith(f"{folder / 'closes.csv'}:3: members: ")


def test_a_close_over_a_ledger_check_finds_wrong_is_refused(folder, empty, monkeypatch):
    from ledger import check

    monkeypatch.setattr(check, "run", lambda *a, **k: [check.Finding("check_unbalanced",
                                                                     {"voucher": 7})])
    [first] = _refused(folder)[:1]
    assert first.startswith(f"{folder / 'closes.csv'}:2: year: 2025 is not closed over a "
                            "ledger check finds wrong: ")


def test_chinese_file_names_and_headers(folder, empty, tmp_path):
    chinese = tmp_path / "中文"
    shutil.copytree(folder, chinese)
    (chinese / "assets.csv").rename(chinese / "固定资产.csv")
    (chinese / "depreciation.csv").rename(chinese / "折旧.csv")
    (chinese / "closes.csv").rename(chinese / "年终结账.csv")
    _edit(chinese / "固定资产.csv",
          "code,name,date,cost,life,residual,use,account,voucher,opening_depreciation",
          "资产编号,资产名称,购入日期,原值,使用月数,残值,用途,折旧科目,购置凭证,期初累计折旧")
    _edit(chinese / "固定资产.csv", "management", "管理")
    _edit(chinese / "折旧.csv", "month,total", "月份,折旧额")
    _edit(chinese / "年终结账.csv", "year,reserve_percent,members,other,other_account",
          "年度,提取比例(%),向成员分配,其他分配,其他分配科目")
    counts = csv_import.import_files([chinese])
    assert (counts["assets"], counts["depreciation"], counts["closes"]) == (2, 11, 2)
    assert voucher_rules.closed_years() == {2025, 2026}
    assert [(a.code, a.use, a.account) for a in assets.assets()] == [
        ("A001", "workshop", "511.04"), ("A002", "management", "513")]


# -- the opening accumulated depreciation ---------------------------------------------------

def building_books() -> None:
    """Books opening on 2025-01-01 with the workshop bought in March 2020: its cost and
    the 40,000.00 the earlier books depreciated in the opening balances, the same amount
    in its register entry; a purchase of 2025 beside it; two months depreciated."""
    vouchers.post(dict(date="2025-01-01", lines=[
        line("102", "100000", summary="期初余额"), line("151", "180000", summary="期初余额"),
        line("152", credit="40000", summary="期初余额"),
        line("301", credit="240000", summary="期初余额")]))
    assets.add("A001", "育蚕车间厂房", "2020-03-15", "180000", "240", "9000", opening=True,
               opening_depreciation="40000")
    assets.add("A002", "农机棚", "2025-01-10", "24000", "60", "0", use="management")
    assets.depreciate("2025-01")
    assets.depreciate("2025-02")


OLD_HEADER = "code,name,date,cost,life,residual,use,account,voucher"


def test_the_opening_depreciation_travels_in_assets_csv(tmp_path):
    source = _make(tmp_path / "source.db", building_books)
    first, second, copy = tmp_path / "first", tmp_path / "second", tmp_path / "copy.db"
    assert silk("--db", source, "export", "-o", first) == 0
    assert (first / "assets.csv").read_text(encoding="utf-8").splitlines() == [
        f"{OLD_HEADER},opening_depreciation",
        "A001,育蚕车间厂房,2020-03-15,180000.00,240,9000.00,workshop,511.04,,40000.00",
        "A002,农机棚,2025-01-10,24000.00,60,0.00,management,513,2,"]
    assert silk("--db", copy, "init") == 0
    assert silk("--db", copy, "import", first) == 0
    assert snapshot(copy) == snapshot(source)
    assert silk("--db", copy, "export", "-o", second) == 0
    for path in sorted(first.iterdir()):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    database = db.open_ledger(copy)
    try:
        # 40,000.00 + two months of (180,000 − 9,000) / 240 = 712.50; 24,000 / 60 = 400.00
        # for February only (bought in January)
        assert [(row.asset.code, row.accumulated, row.net) for row in assets.register()] == [
            ("A001", 4_000_000 + 2 * 71_250, 18_000_000 - 4_000_000 - 2 * 71_250),
            ("A002", 40_000, 2_400_000 - 40_000)]
    finally:
        database.close()
        models.database.initialize(None)


def _without_last_column(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(line.rsplit(",", 1)[0] + "\n" for line in lines), encoding="utf-8")


def test_an_assets_csv_without_the_column_still_imports(folder, empty):
    _without_last_column(folder / "assets.csv")
    assert (folder / "assets.csv").read_text(encoding="utf-8").splitlines()[0] == OLD_HEADER
    counts = csv_import.import_files([folder])
    assert (counts["assets"], counts["depreciation"]) == (2, 11)
    assert [asset.opening_depreciation for asset in assets.assets()] == [0, 0]
    assert [row.accumulated for row in assets.register()] == [475_00 * 11, 400_00 * 8]


def test_an_opening_depreciation_on_a_bought_asset_or_over_its_cost_is_refused(folder, empty):
    _edit(folder / "assets.csv", "513,3,", "513,3,100.00")
    _edit(folder / "assets.csv", "511.04,,", "511.04,,114000.01")
    assert _refused(folder) == [
        f"{folder / 'assets.csv'}:2: opening_depreciation: 114000.01 is more than the asset "
        "can be depreciated by: cost 120000.00 less residual 6000.00 is 114000.00",
        f"{folder / 'assets.csv'}:3: opening_depreciation: only an asset that was in the "
        "opening balances has depreciation from before the books; one whose purchase is "
        "posted here has none"]


def test_dry_run_checks_the_replayed_files_and_writes_nothing(folder, empty):
    before = table_counts()
    review = csv_import.review([folder])
    assert review.clean
    assert (review.would_add["assets"], review.would_add["depreciation"],
            review.would_add["closes"]) == (2, 11, 2)
    assert table_counts() == before
    assert voucher_rules.closed_years() == set()
