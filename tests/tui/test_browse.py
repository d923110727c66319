"""The UI's read queries (ledger.browse), without any UI, on the small hand-made village."""
from __future__ import annotations

from datetime import date

from helpers import SEASON, build_village, valid

from ledger import book, browse, income, models


def read() -> browse.ReadModel:
    return browse.ReadModel(models.database.obj)


def _season():
    return income.find_season(SEASON)


def _village_with_records():
    build_village()
    for kind in ("leaf", "wages", "charges", "payments"):
        book.record(kind, valid(kind))
    book.record("sales", valid("sales", batch="B2", date="2026-05-04"))
    book.record("sales", valid("sales", batch="B2", grade="下茧", kg="10", price="20"))


def test_glance_agrees_with_the_season_report(memory_ledger):
    _village_with_records()
    glance = read().overview.glance(_season(), today=date(2026, 5, 1))
    report = income.season_income(_season())
    assert glance.cocoon_income == report.totals.cocoon_income
    assert glance.cocoon_grams == 98_350
    assert glance.sheets == 1350
    assert glance.wages == 84_000
    collective = next(p for p in report.parties if p.kind == "collective")
    assert glance.collective_net == collective.net_income
    assert glance.owed_to_households == sum(p.balance for p in report.parties if p.balance > 0)
    # B1 mounts on 04-27 and is harvested on 05-03; the others have no such dates
    assert glance.stages == {"hatched": 2, "mounted": 1, "harvested": 0}


def by_group_in_sql(table: str, column: str) -> dict[str, int]:
    """Per village group ("" for the collective's own batches), summed in plain SQL."""
    batch = "b.id = r.id" if table == "batch" else "b.id = r.batch_id"
    sql = (f"SELECT CASE WHEN p.kind = 'collective' THEN '' ELSE p.\"group\" END, "
           f"SUM(r.{column}) FROM {table} r JOIN batch b ON {batch} "
           f"JOIN party p ON p.id = b.owner_id JOIN season s ON s.id = r.season_id "
           f"WHERE s.code = {models.database.param} GROUP BY 1")
    return {group: int(total) for group, total in
            models.database.execute_sql(sql, (SEASON,)).fetchall()}


def test_the_yield_by_group_sums_each_groups_sheets_and_cocoons(memory_ledger):
    """The home screen's chart; its grouping was refused by PostgreSQL as written."""
    _village_with_records()
    bars = read().overview.yield_by_group(_season())
    sheets, grams = by_group_in_sql("batch", "sheets"), by_group_in_sql("cocoon_sale", "grams")
    assert {bar.label: bar.sheets for bar in bars} == sheets
    assert {bar.label: bar.cocoon_grams for bar in bars if bar.cocoon_grams} == grams
    assert sum(grams.values()) == 98_350  # 88.35 kg and 10 kg, both of B2


def test_harvested_batches_without_a_sale_need_attention(memory_ledger):
    build_village()
    unsold, count = read().overview.unsold_batches(_season(), today=date(2026, 5, 10))
    assert [b.code for b in unsold] == ["B1"] and count == 1
    book.record("sales", valid("sales"))
    assert read().overview.unsold_batches(_season(), today=date(2026, 5, 10)) == ([], 0)


def test_households_owed_money_largest_first(memory_ledger):
    _village_with_records()
    owed, count = read().overview.households_owed(_season())
    assert count == len(owed) >= 1
    assert [p.balance for p in owed] == sorted((p.balance for p in owed), reverse=True)
    assert all(p.balance > 0 for p in owed)


def test_search_by_pinyin_initials_code_and_name(memory_ledger):
    build_village()
    households = read().households
    assert [e.code for e in households.page("zgh")] == ["H001"]
    assert [e.code for e in households.page("ZGH")] == ["H001"]
    assert [e.code for e in households.page("李")] == ["H002"]
    assert [e.code for e in households.page("h003")] == ["H003"]
    book.record("households", dict(code="H004", name="张广辉", group="一组"))
    assert [e.code for e in households.page("zgh")] == ["H001", "H004"]  # the index follows


def test_each_read_model_keeps_its_own_figures(memory_ledger):
    """What one app keeps (a season's figures) is its own: nothing is kept in the module,
    and forgetting (after a restore) drops it."""
    _village_with_records()
    first, second = read(), read()
    report = first.seasons.report(_season())
    assert first.seasons.report(_season()) is report       # kept until the ledger changes
    assert second.seasons.report(_season()) is not report  # another read model's own
    first.reopened(models.database.obj)
    assert first.seasons.report(_season()) is not report
    book.record("charges", valid("charges"))
    assert first.seasons.report(_season()).totals != report.totals


def test_household_pages_follow_on_without_gaps(memory_ledger):
    build_village()
    book.record_many([("households", [("", dict(code=f"H1{i:02}", name=f"户{i}", group="一组"))
                                      for i in range(25)])])
    seen, after = [], None
    while page := read().households.page("", after, 7):
        seen += [e.code for e in page]
        after = page[-1].code
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 28
    searched, after = [], None
    while page := read().households.page("h1", after, 4):
        searched += [e.code for e in page]
        after = page[-1].code
    assert searched == [f"H1{i:02}" for i in range(25)]


def test_batch_page_sums_leaf_and_grades(memory_ledger):
    _village_with_records()
    rows = {row.code: row for row in read().batches.page(_season())}
    assert list(rows) == ["B1", "B2", "BC"]
    assert rows["B1"].leaf_grams == 100_000
    assert rows["B2"].grades == {"上车茧": 88_350, "下茧": 10_000}
    assert rows["B2"].cocoon_grams == 98_350
    assert rows["B2"].kg_per_sheet == 65_567  # 98.350 kg / 1.5 sheets
    assert [r.code for r in read().batches.page(_season(), after="B1", limit=1)] == ["B2"]


def test_journal_pages_newest_first_without_gaps(memory_ledger):
    _village_with_records()
    everything = read().journal.page(_season(), limit=1000)
    assert len(everything) == 6
    assert [r.date for r in everything] == sorted((r.date for r in everything), reverse=True)
    paged, after = [], None
    while page := read().journal.page(_season(), after, 2):
        paged += page
        after = page[-1].key
    assert [(r.kind, r.id) for r in paged] == [(r.kind, r.id) for r in everything]


def test_journal_filters_by_kind_party_and_date(memory_ledger):
    _village_with_records()
    season = _season()
    assert {r.kind for r in read().journal.page(season, kinds=["sales"])} == {"sales"}
    h002 = read().journal.page(season, party="h002")
    assert h002 and all("H002" in (r.party, r.other) for r in h002)
    leaf = read().journal.page(season, party="E01", kinds=["leaf"])
    assert [r.other for r in leaf] == ["E01"]
    start, end = browse.parse_day_range("4-20", season)
    assert [r.kind for r in read().journal.page(season, start=start, end=end)] == ["leaf"]
    assert read().journal.page(season, party="NOBODY") == []


def test_voucher_postings_balance(memory_ledger):
    _village_with_records()
    record = read().journal.page(_season(), kinds=["payments"])[0]
    lines = read().journal.postings(record.voucher, "en")
    assert sum(line.debit for line in lines) == sum(line.credit for line in lines) == record.amount
    assert lines[0].account == "113.H001" and lines[0].name.endswith("张国华")


def test_day_ranges():
    class Season:
        start = date(2026, 4, 1)
    assert browse.parse_day_range("2026-04-05", Season) == (date(2026, 4, 5),) * 2
    assert browse.parse_day_range("2026-04", Season) == (date(2026, 4, 1), date(2026, 4, 30))
    assert browse.parse_day_range("4-5", Season) == (date(2026, 4, 5),) * 2
    assert browse.parse_day_range("soon", Season) is None
    assert browse.parse_day_range("2026-02-30", Season) is None
