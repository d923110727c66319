"""The township report: every village ledger in a folder side by side and summed, through
the real command line. Two villages keep the hand-made books of tests/data/village, whose
figures `village_expected` computes independently from the CSV files; a third has
other seasons, so the season asked for is zeros there."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

import village_expected as expected
from helpers import ok, refused, silk

SEASON = "2026-2"


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    folder = tmp_path_factory.mktemp("township")
    for code in ("东山村", "西沟村"):
        ok(silk("--db", f"{code}.db", "init", cwd=folder))
        ok(silk("--db", f"{code}.db", "import", expected.VILLAGE, cwd=folder))
    ok(silk("--db", "新寨村.db", "demo", "--households", "12", "--seasons", "1", cwd=folder))
    return folder


def village_figures(code: str) -> dict:
    """One hand-made village's row as the JSON gives it, from the independent calculation."""
    report = expected.season_report(code)
    households = [party for party in report["parties"] if party["code"] != "COLLECTIVE"]
    sheets = sum(Decimal(party["sheets"]) for party in report["parties"])
    return {"households": len(households), "sheets": f"{sheets:.2f}",
            **{key: report["totals"][key] for key in ("cocoon_kg", "cocoon_income", "net_income")}}


def test_a_season_gives_each_village_its_own_figures_and_their_sum(township):
    data = json.loads(ok(silk("--db", ".", "report", "township", SEASON, "--format", "json",
                              cwd=township)))
    assert list(data) == ["season", "ledgers", "totals"] and data["season"] == SEASON
    rows = {row["ledger"]: row for row in data["ledgers"]}
    assert list(rows) == ["东山村", "新寨村", "西沟村"]
    assert [list(row) for row in data["ledgers"]] == [[
        "ledger", "village", "households", "sheets", "cocoon_kg", "cocoon_income",
        "net_income"]] * 3
    hand_made = village_figures(SEASON)
    for code in ("东山村", "西沟村"):
        assert {key: rows[code][key] for key in hand_made} == hand_made
    assert rows["新寨村"]["households"] == 12  # a village without the season: zeros
    assert {key: rows["新寨村"][key] for key in ("sheets", "cocoon_kg", "cocoon_income",
                                               "net_income")} == {
        "sheets": "0.00", "cocoon_kg": "0.000", "cocoon_income": "0.00", "net_income": "0.00"}
    totals = data["totals"]
    assert list(totals) == ["households", "sheets", "cocoon_kg", "cocoon_income", "net_income"]
    assert totals["households"] == 2 * hand_made["households"] + 12
    for key, places in (("sheets", 2), ("cocoon_kg", 3), ("cocoon_income", 2),
                        ("net_income", 2)):
        assert totals[key] == f"{2 * Decimal(hand_made[key]):.{places}f}"


def test_the_printed_report_names_the_village_without_the_season(township):
    text = ok(silk("--db", ".", "--lang", "zh", "report", "township", SEASON, cwd=township))
    assert "乡镇蚕桑汇总表" in text and "蚕季 2026-2" in text
    assert "以下村没有该蚕季（按零计）：新寨村" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    html = silk("--db", ".", "report", "township", SEASON, "--format", "html", "-o", "t.html",
                cwd=township)
    ok(html)
    page = (township / "t.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and "各村单张产茧量" in page  # the yield chart


def test_a_year_sums_each_villages_seasons_of_that_year(township):
    data = json.loads(ok(silk("--db", ".", "report", "township", "--year", "2026",
                              "--format", "json", cwd=township)))
    assert data["year"] == "2026"
    rows = {row["ledger"]: row for row in data["ledgers"]}
    seasons = [code for code in expected.season_codes() if code.startswith("2026")]
    for key, places in (("cocoon_income", 2), ("net_income", 2), ("cocoon_kg", 3)):
        whole = sum(Decimal(village_figures(code)[key]) for code in seasons)
        assert rows["东山村"][key] == f"{whole:.{places}f}"


def test_the_township_trial_balance_sums_the_villages_level_one_accounts(township):
    def accounts(db: str) -> dict[str, dict]:
        data = json.loads(ok(silk("--db", db, "report", *report, "--year", "2026",
                                  "--format", "json", cwd=township)))
        return {row["code"]: row for row in data["accounts"]}

    report = ("trial-balance",)
    villages = [accounts(f"{code}.db") for code in ("东山村", "西沟村", "新寨村")]
    report = ("township-trial-balance",)
    summed = accounts(".")
    level_one = {code for village in villages for code in village if "." not in code}
    assert set(summed) == level_one  # a household's 113.H001 differs in every village
    for code, row in summed.items():
        for figure in ("debit", "credit", "year_debit", "year_credit"):
            assert Decimal(row[figure]) == sum(Decimal(v[code][figure]) for v in villages
                                               if code in v), (code, figure)
        net = sum(Decimal(v[code]["closing_debit"]) - Decimal(v[code]["closing_credit"])
                  for v in villages if code in v)
        assert Decimal(row["closing_debit"]) - Decimal(row["closing_credit"]) == net


@pytest.mark.parametrize("args, fragment", [
    (("report", "township", SEASON, "--year", "2026"), "not both"),
    (("report", "township"), "not both"),
])
def test_a_season_or_a_year(township, args, fragment):
    refused(silk("--db", ".", "--lang", "en", *args, cwd=township), fragment)


def test_a_folder_without_ledgers_and_a_file_are_refused(tmp_path):
    refused(silk("--db", ".", "--lang", "en", "report", "township", SEASON, cwd=tmp_path),
            "there are no village ledgers (*.db) in .")
    (tmp_path / "x.db").write_text("")
    refused(silk("--db", "x.db", "--lang", "en", "report", "township", SEASON, cwd=tmp_path),
            "x.db is not a township: give a folder")
