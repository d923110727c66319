"""End to end: the hand-made village (tests/data/village) through the real command line.

The folder is imported with `silk import` in a subprocess, and every report is compared
with `village_expected`, an independent calculation from the same CSV files (stdlib only,
the rules of docs/ read literally). A few headline figures are also written out here as
literals, computed by hand, so that the calculator itself is checked.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import wcwidth

import village_expected as expected
from helpers import clean_env, ok

VILLAGE = expected.VILLAGE
SEASONS = ("2026-1", "2026-2", "2026-3")
HOUSEHOLDS = ("H001", "H002", "H003", "H004", "H005")
#: Keys docs/formats.md shows in the report's totals; the product may give more.
DOCUMENTED_TOTALS = ("cocoon_kg", "cocoon_income", "net_income")


# -- running the command line ----------------------------------------------------------------

def silk(*args, cwd: Path, env: dict | None = None, script: str | None = None):
    """Run the command line (`python -m ledger`, or the console script) and capture it."""
    command = [script] if script else [sys.executable, "-m", "ledger"]
    return subprocess.run([*command, *map(str, args)], cwd=cwd, env=env or clean_env(),
                          capture_output=True, encoding="utf-8", stdin=subprocess.DEVNULL,
                          timeout=120)


def silk_script() -> str:
    """The `silk` console script installed next to this Python."""
    beside = Path(sys.executable).parent / ("silk.exe" if os.name == "nt" else "silk")
    found = str(beside) if beside.exists() else shutil.which("silk")
    if not found:
        pytest.skip("the silk console script is not installed")
    return found


def dump(path: Path) -> list[str]:
    """Every table's rows, to tell whether a ledger changed."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


# -- the imported village, shared by the tests of this module --------------------------------

class Ledger:
    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / "village.db"

    def run(self, *args, **kwargs):
        return silk("--db", self.path, *args, cwd=self.folder, **kwargs)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("village"))
    ok(ledger.run("init", "--village", "桑园村"))
    ledger.imported = ledger.run("import", VILLAGE)
    ok(ledger.imported)
    return ledger


@pytest.fixture(scope="module")
def reports(ledger) -> dict[str, dict]:
    """The product's season reports as parsed JSON, by season code."""
    return {code: json.loads(ok(ledger.run("--lang", "en", "report", "season", code,
                                           "--format", "json")))
            for code in SEASONS}


@pytest.fixture(scope="module")
def trial_balances(ledger) -> dict[str | None, dict]:
    """The product's trial balances as parsed JSON: None for the whole history."""
    result = {None: json.loads(ok(ledger.run("report", "trial-balance", "--format", "json")))}
    for code in SEASONS:
        result[code] = json.loads(ok(ledger.run("report", "trial-balance", "--season", code,
                                                "--format", "json")))
    return result


def by_code(report: dict) -> dict[str, dict]:
    codes = [party["code"] for party in report["parties"]]
    assert len(codes) == len(set(codes)), f"a party appears twice: {codes}"
    return {party["code"]: party for party in report["parties"]}


# -- the village file set itself -------------------------------------------------------------

def test_village_has_one_canonical_file_per_kind():
    assert sorted(p.name for p in VILLAGE.iterdir()) == sorted(f"{k}.csv" for k in expected.KINDS)
    assert expected.season_codes() == list(SEASONS)  # seasons.csv lists them out of order
    assert expected.record_count() == 73


def test_import_reports_what_it_added(ledger):
    data = expected.read()
    labels = {"households": "household", "partners": "partner", "seasons": "season",
              "batches": "batch", "leaf": "leaf delivery", "sales": "cocoon sale",
              "inputs": "input", "wages": "wage", "charges": "charge", "subsidies": "subsidy",
              "payments": "payment"}
    out = ledger.imported.stdout
    for kind, label in labels.items():
        assert f"{label}: {len(data[kind])}" in out
    # 5 households + 3 partners + 3 seasons + 9 batches + 73 records that move money
    assert sum(len(rows) for rows in data.values()) == 93
    assert "93 records added." in out
    assert ledger.imported.stderr == ""


# -- the season report against the independent calculation -----------------------------------

@pytest.mark.parametrize("code", SEASONS)
def test_season_report_matches_independent_calculation(reports, code):
    got, want = reports[code], expected.season_report(code)
    assert got["season"] == code
    parties = by_code(got)
    # one entry for every household (zeros included) and one for COLLECTIVE
    assert set(parties) == {*HOUSEHOLDS, "COLLECTIVE"}
    for entry in want["parties"]:
        party = parties[entry["code"]]
        assert {key: party.get(key) for key in entry} == entry, entry["code"]
    totals = got["totals"]
    assert set(DOCUMENTED_TOTALS) <= set(totals)
    assert {k: totals[k] for k in want["totals"] if k in totals} == \
        {k: v for k, v in want["totals"].items() if k in totals}


@pytest.mark.parametrize("code", SEASONS)
def test_net_incomes_add_up_to_outside_flows(reports, code):
    """Internal flows cancel: the season's net incomes add up to cocoon sales + subsidies
    - leaf and inputs bought from partners."""
    net = sum(Decimal(p["net_income"]) for p in reports[code]["parties"])
    assert net == expected.outside_flows(code) == Decimal(reports[code]["totals"]["net_income"])


def test_report_strings_have_exact_decimals(reports):
    money = re.compile(r"-?\d+\.\d\d")
    for report in reports.values():
        for party in [*report["parties"], report["totals"]]:
            for key, value in party.items():
                if key in ("code", "name"):
                    continue
                assert isinstance(value, str), (key, value)
                pattern = r"\d+\.\d{3}" if key == "cocoon_kg" else money.pattern
                assert re.fullmatch(pattern, value), (key, value)


#: Figures worked out by hand from the CSV files (season, party, key, value).
HAND_FIGURES = [
    # 2026-1, H001 张国华: 上车茧 80.250 kg × 52.00 = 4173.00 − 15.50 deduction = 4157.50,
    # 次茧 5.100 kg × 40.00 = 204.00 → cocoon income 4361.50 from 85.350 kg.
    ("2026-1", "H001", "cocoon_kg", "85.350"),
    ("2026-1", "H001", "cocoon_income", "4361.50"),
    # costs: leaf from H002 12.345 kg × 3.21 = 39.62745 → 39.63 (E01's 800 kg is free),
    # 方格蔟 60.00, 陈小明 of H005 hired 1.5 days × 120.00 = 180.00, 小蚕共育费 300.00.
    ("2026-1", "H001", "leaf_cost", "39.63"),
    ("2026-1", "H001", "wage_cost", "180.00"),
    # net 4361.50 − 39.63 − 60.00 − 180.00 − 300.00 = 3781.87; paid 4000.00 → −218.13.
    ("2026-1", "H001", "net_income", "3781.87"),
    ("2026-1", "H001", "balance", "-218.13"),
    # H002 王秀英 sold leaf: 39.63 to H001 + 150.5 kg × 1.20 = 180.60 to the workshop.
    ("2026-1", "H002", "leaf_income", "220.23"),
    # H003 李德文 bought 10.125 kg × 1.80 = 18.225 → 18.23 (half up, not to even) from H004,
    # plus 200 kg × 1.50 = 300.00 from the collective.
    ("2026-1", "H003", "leaf_cost", "318.23"),
    # 50.555 × 49.90 = 2522.6945 → 2522.69; the 1.000 kg 下茧 fully deducted still weighs.
    ("2026-1", "H003", "cocoon_kg", "51.555"),
    ("2026-1", "H003", "cocoon_income", "2522.69"),
    # H004 刘春兰: 2.5 days × 110.00 = 275.00 + 12.5 kg picked × 0.21 = 2.625 → 2.63.
    ("2026-1", "H004", "wage_income", "277.63"),
    ("2026-1", "H004", "net_income", "295.86"),
    # COLLECTIVE: cocoons 6000.00 + 170.00, leaf 300.00, 小蚕共育费 300 + 225 + 187.50,
    # subsidy 5000.00; leaf 180.60, 消毒药 96.00, wages 275 + 1000 + 2.63 → 10628.27.
    ("2026-1", "COLLECTIVE", "charge_income", "712.50"),
    ("2026-1", "COLLECTIVE", "net_income", "10628.27"),
    ("2026-1", "COLLECTIVE", "balance", "0.00"),
    # 2026-2: 下茧 3.333 kg × 22.00 = 73.326 → 73.33; plus 85 kg × 55.00 = 4675.00.
    ("2026-2", "COLLECTIVE", "cocoon_income", "4748.33"),
    # H004 paid 100.00 back: paid −100.00; balance 95.86 + 1343.00 + 100.00 = 1538.86.
    ("2026-2", "H004", "paid", "-100.00"),
    ("2026-2", "H004", "balance", "1538.86"),
    ("2026-2", "H002", "sheets", "0.00"),
    # 2026-3: balances carried over three seasons.
    ("2026-3", "H001", "balance", "230.47"),   # −218.13 + 68.60 + 380.00
    ("2026-3", "H002", "paid", "2950.00"),     # 3000.00 to it − 50.00 from it
    ("2026-3", "H002", "balance", "1104.41"),  # 498.73 + 995.00 + 2560.68 − 2950.00
    ("2026-3", "H003", "balance", "-302.29"),  # 2048.21 + 455 − 3000 + 5194.50 − 5000
    ("2026-3", "H004", "balance", "1538.86"),  # no records this season: the balance stays
    ("2026-3", "H005", "balance", "80.00"),    # 0.00 + 260.00 + 420.00 − 600.00
    ("2026-3", "COLLECTIVE", "sheets", "0.00"),
    ("2026-3", "COLLECTIVE", "net_income", "2595.00"),  # 420 + 375 + 2000 − 200
]

HAND_TOTALS = [
    # sheets 2 + 1.5 + 1.25 + 3; kg 85.350 + 60 + 51.555 + 128.5; sales + 5100 − 330 − 307.25
    ("2026-1", "sheets", "7.75"),
    ("2026-1", "cocoon_kg", "325.405"),
    ("2026-1", "cocoon_income", "15970.19"),
    ("2026-1", "net_income", "20432.94"),
    ("2026-2", "cocoon_kg", "160.458"),   # 42 + 30.125 + 88.333
    ("2026-2", "net_income", "8452.43"),  # 8718.68 + 50 − 250 − 66.25
    ("2026-3", "net_income", "11150.18"),  # 9335.68 + 2000 − 185.50
]


@pytest.mark.parametrize("code, party, key, value", HAND_FIGURES)
def test_hand_computed_figures(reports, code, party, key, value):
    assert by_code(expected.season_report(code))[party][key] == value  # the calculator
    assert by_code(reports[code])[party][key] == value  # the product


@pytest.mark.parametrize("code, key, value", HAND_TOTALS)
def test_hand_computed_totals(reports, code, key, value):
    assert expected.season_report(code)["totals"][key] == value
    assert reports[code]["totals"][key] == value


# -- the books: trial balances ---------------------------------------------------------------

def signed(row: dict, prefix: str) -> Decimal:
    return Decimal(row[f"{prefix}debit"]) - Decimal(row[f"{prefix}credit"])


@pytest.mark.parametrize("season", [None, *SEASONS])
def test_trial_balance_balances(trial_balances, season):
    report = trial_balances[season]
    assert report["season"] == season
    assert report["balanced"] is True
    totals = report["totals"]
    assert totals["debit"] == totals["credit"]
    assert totals["opening_debit"] == totals["opening_credit"]
    assert totals["closing_debit"] == totals["closing_credit"]
    top = [row for row in report["accounts"] if "." not in row["code"]]
    for figure in ("debit", "credit", "opening_debit", "closing_credit"):
        assert sum(Decimal(row[figure]) for row in top) == Decimal(totals[figure])


@pytest.mark.parametrize("season", [None, *SEASONS])
def test_trial_balance_matches_independent_journal(trial_balances, season):
    """Every account posted to by the posting table of docs/accounting.md, with its movements."""
    accounts = {row["code"]: row for row in trial_balances[season]["accounts"]}
    parents = {code for code in accounts if any(other.startswith(code + ".") for other in accounts)}
    want = expected.trial_balance(season)
    zero = {"opening": 0, "debit": 0, "credit": 0, "closing": 0}
    for code in sorted((set(accounts) - parents) | set(want)):
        row = accounts.get(code)
        got = zero if row is None else {
            "opening": signed(row, "opening_"), "debit": Decimal(row["debit"]),
            "credit": Decimal(row["credit"]), "closing": signed(row, "closing_")}
        assert got == want.get(code, zero), code
    if season is None:  # every voucher: one debit line and one credit line
        assert Decimal(trial_balances[None]["totals"]["debit"]) == sum(
            lines[0][1] for _, lines in expected.journal())


def test_household_balances_equal_their_internal_accounts(reports, trial_balances):
    for code in SEASONS:
        accounts = {row["code"]: row for row in trial_balances[code]["accounts"]}
        for household in HOUSEHOLDS:
            row = accounts.get(f"113.{household}")
            balance = -signed(row, "closing_") if row else Decimal(0)
            assert balance == Decimal(by_code(reports[code])[household]["balance"]), household
    final = {row["code"]: row for row in trial_balances[None]["accounts"]}
    for household in HOUSEHOLDS:
        assert -signed(final[f"113.{household}"], "closing_") == \
            Decimal(by_code(reports["2026-3"])[household]["balance"])


def test_season_trial_balances_chain(trial_balances):
    """Each season opens where the one before closed; the last closes as the history."""
    previous = None
    for code in SEASONS:
        accounts = {row["code"]: row for row in trial_balances[code]["accounts"]}
        if previous is None:
            assert all(signed(row, "opening_") == 0 for row in accounts.values())
        else:
            for account in set(previous) | set(accounts):
                before = signed(previous[account], "closing_") if account in previous else 0
                now = signed(accounts[account], "opening_") if account in accounts else 0
                assert before == now, (code, account)
        previous = accounts
    history = {row["code"]: signed(row, "closing_") for row in trial_balances[None]["accounts"]}
    assert {k: v for k, v in history.items() if v} == \
        {k: signed(row, "closing_") for k, row in previous.items() if signed(row, "closing_")}


def test_check_passes(ledger):
    out = ok(ledger.run("--lang", "en", "check"))
    # 73 records; 11 carry no amount and post no voucher: 5 free or own leaf deliveries,
    # 5 free egg inputs and 1 sale whose deduction equals its value → 62 vouchers.
    assert len(expected.journal()) == 62
    assert "73 records, 62 vouchers" in out


# -- text and CSV forms ----------------------------------------------------------------------

def table_block(text: str) -> list[str]:
    """The table of a text report: the lines after the title's blank line, up to the next
    blank line."""
    lines = text.splitlines()
    start = lines.index("") + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def display_cells(line: str) -> list[str]:
    """The line as terminal columns: a wide character fills two."""
    cells = []
    for char in line:
        width = wcwidth.wcwidth(char)
        assert width in (1, 2), f"unexpected character {char!r} in {line!r}"
        cells.extend([char] + [""] * (width - 1))
    return cells


def assert_aligned(table: list[str], numeric_from: int = 2, same_width: bool = True) -> None:
    """The columns of the table line up on screen, wide characters counting double: the
    gaps between the columns of the ---- rule are blank on every line, and each cell of a
    numeric column ends at its column's right edge. With `same_width`, every line also
    has the same display width (a line may otherwise end early, at a blank last cell)."""
    if same_width:
        widths = {wcwidth.wcswidth(line) for line in table}
        assert len(widths) == 1, [(wcwidth.wcswidth(line), line) for line in table]
    rule = next(line for line in table if set(line) <= {"-", " "} and "-" in line)
    spans = [match.span() for match in re.finditer(r"-+", rule)]
    for line in table:
        cells = display_cells(line)
        assert len(cells) <= len(rule), line
        cells += [" "] * (len(rule) - len(cells))
        for index, (start, end) in enumerate(spans):
            gap = cells[end:spans[index + 1][0]] if index + 1 < len(spans) else []
            assert all(cell == " " for cell in gap), line
            text = "".join(cells[start:end])
            if index >= numeric_from and text.strip():
                assert cells[end - 1] != " ", (line, text)


@pytest.mark.parametrize("lang, collective, title", [
    ("zh", "村集体", "蚕季 2026-1 第1批 春蚕（2026-04-10 至 2026-05-31）"),
    ("en", "collective", "Season 2026-1 第1批 春蚕 (2026-04-10 to 2026-05-31)"),
])
def test_text_season_report_aligns_chinese_names(ledger, lang, collective, title):
    out = ok(ledger.run("--lang", lang, "report", "season", "2026-1"))
    assert out.splitlines()[0] == title
    table = table_block(out)
    assert len(table) == 2 + 5 + 1 + 1  # header, rule, households, collective, total
    assert_aligned(table)
    names = {"H001": "张国华", "H002": "王秀英", "H003": "李德文", "H004": "刘春兰",
             "H005": "陈永福", "COLLECTIVE": collective}
    for code, name in names.items():
        line = next(line for line in table if line.startswith(code + " "))
        assert name in line
    assert "3781.87" in next(line for line in table if line.startswith("H001"))
    assert "20432.94" in table[-1]


def test_text_trial_balance_aligns_and_balances(ledger):
    out = ok(ledger.run("--lang", "zh", "report", "trial-balance", "--season", "2026-2"))
    assert out.splitlines()[0] == "科目余额表（蚕季 2026-2）"
    table = table_block(out)
    assert_aligned(table, same_width=False)
    assert any("内部往来-张国华" in line for line in table)
    assert out.rstrip().endswith("借贷平衡。")


def test_csv_season_report_has_the_json_figures(ledger, reports):
    out = ok(ledger.run("report", "season", "2026-3", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(out)))
    want = by_code(expected.season_report("2026-3"))
    assert {row["code"] for row in rows} >= set(want)
    for row in rows:
        if row["code"] in want:
            assert {key: row[key] for key in want[row["code"]]} == want[row["code"]]


def test_csv_trial_balance_adds_up(ledger):
    out = ok(ledger.run("report", "trial-balance", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"code", "debit", "credit"} <= set(rows[0])
    top = [row for row in rows if "." not in row["code"]]
    assert sum(Decimal(r["debit"]) for r in top) == sum(Decimal(r["credit"]) for r in top)
    assert any(row["code"] == "113.H001" for row in rows)


# -- the console script, the overview, and importing twice ------------------------------------

def test_console_script_prints_the_report(ledger):
    result = silk("--db", ledger.path, "report", "season", "2026-2", "--format", "json",
                  cwd=ledger.folder, script=silk_script())
    got = by_code(json.loads(ok(result)))
    for entry in expected.season_report("2026-2")["parties"]:
        assert {k: got[entry["code"]][k] for k in entry} == entry


def test_overview_lists_seasons_by_start(ledger):
    out = ok(ledger.run("--lang", "en"))
    assert "village: 桑园村" in out.splitlines()[0]
    lines = [line for line in out.splitlines() if line.strip().startswith("season ")]
    # records per season, counted by hand from the CSV files: 8 leaf + 7 sales + 6 inputs
    # + 4 wages + 3 charges + 2 subsidies + 4 payments = 34; then 22 and 17.
    assert [line.split()[1] for line in lines] == list(SEASONS)
    assert [line.rsplit(":", 1)[1].strip() for line in lines] == \
        ["34 records", "22 records", "17 records"]


def test_importing_the_same_folder_again_is_refused(ledger, tmp_path):
    # Work on a copy, so that a failure here cannot spoil the shared ledger.
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{ledger.path}{suffix}")
        if source.exists():
            shutil.copy(source, tmp_path / f"village.db{suffix}")
    copy = tmp_path / "village.db"
    before = dump(copy)
    result = silk("--db", copy, "--lang", "en", "import", VILLAGE, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    for code in (*HOUSEHOLDS, "E01", "E02", "S01", "2026-1", "B26-1-C", "B26-3-H003"):
        assert any(f"code {code} is already used" in line for line in lines), code
    assert any(line.startswith(f"{VILLAGE / 'households.csv'}:2: code:") for line in lines)
    assert lines[-1].endswith("nothing was written to the ledger.")
    assert dump(copy) == before
