"""`silk asset add`, `silk asset list` and `silk depreciate MONTH` as an accountant uses
them: what is printed in both languages, what a dry run leaves alone, refusals as lines
on stderr with exit 1 and nothing written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import make_village, refused, silk, table_counts
from ledger import assets, check, models
from ledger.cli import main


@pytest.fixture
def run(file_ledger, ledger_path, capsys):
    """`silk --db LEDGER --lang LANG ...` in this process: (exit code, stdout, stderr)."""
    def silk_in_process(*args: str, lang: str = "en"):
        code = main(["--db", str(ledger_path), "--lang", lang, *args])
        printed = capsys.readouterr()
        return code, printed.out, printed.err
    return silk_in_process


SHED = ("asset", "add", "A001", "育蚕车间厂房", "--date", "2025-12-10", "--cost", "120000",
        "--life", "240", "--residual", "6000", "--use", "workshop")


def test_adding_an_asset_says_its_monthly_charge_and_purchase_voucher(run):
    code, out, err = run(*SHED)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Fixed asset A001 育蚕车间厂房 added: cost 120000.00, 240 months, 475.00 a month "
        "to 511.04",
        "Its purchase is voucher 记-2025-12-0001 (debit 151, credit 102)"]
    code, out, _ = run("asset", "add", "A002", "办公电脑", "--date", "2026-01-05", "--cost",
                       "4800", "--life", "48", "--use", "management", "--opening", lang="zh")
    assert code == 0
    assert out.splitlines() == ["已添加固定资产 A002 办公电脑：原值 4800.00，48 个月，"
                                "每月折旧 100.00 记入 513",
                                "未生成购置凭证：已在期初余额中"]
    assert check.run() == []


BUILDING = ("asset", "add", "A001", "育蚕车间厂房", "--date", "2020-03-15", "--cost", "180000",
            "--life", "240", "--residual", "9000", "--use", "workshop", "--opening")


def test_an_asset_in_the_opening_balances_brings_its_depreciation_to_the_register(run):
    code, out, err = run(*BUILDING, "--opening-depreciation", "40612.50", lang="zh")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["已添加固定资产 A001 育蚕车间厂房：原值 180000.00，240 个月，"
                                "每月折旧 712.50 记入 511.04",
                                "未生成购置凭证：已在期初余额中，期初累计折旧 40612.50"]
    assert run("depreciate", "2025-01")[0] == 0
    code, out, _ = run("asset", "list", "--month", "2025-01", "--format", "json")
    assert code == 0
    # 40,612.50 brought + 712.50 for January; 2020-04 to 2025-01 is 58 months
    accumulated = 4_061_250 + 71_250
    assert json.loads(out)["assets"][0] == {
        "code": "A001", "name": "育蚕车间厂房", "acquired": "2020-03-15", "use": "workshop",
        "account": "511.04", "cost": "180000.00", "life": 240, "residual": "9000.00",
        "monthly": "712.50", "months": 58, "opening_depreciation": "40612.50",
        "accumulated": "41325.00", "net": "138675.00", "voucher": ""}
    assert accumulated == 4_132_500 and 18_000_000 - accumulated == 13_867_500
    code, out, _ = run("asset", "list")
    lines = out.splitlines()
    row = next(line for line in lines if line.startswith("A001"))
    assert row.split()[-2:] == ["41325.00", "138675.00"]
    assert lines[-1] == ("Accumulated depreciation includes 40612.50 from before the books "
                         "began")
    code, out, _ = run("asset", "list", lang="zh")
    assert out.splitlines()[-1] == "累计折旧含期初累计折旧 40612.50"


def test_opening_depreciation_without_opening_is_refused_naming_the_field(run):
    before = table_counts()
    code, out, err = run(*SHED, "--opening-depreciation", "100")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "fixed asset: opening accumulated depreciation: only an asset that was in the opening "
        "balances has depreciation from before the books; one whose purchase is posted here "
        "has none",
        "Problems found: 1; nothing was written to the ledger."]
    assert table_counts() == before


def test_paid_from_and_opening_cannot_both_be_given(run):
    before = table_counts()
    with pytest.raises(SystemExit) as raised:
        run(*SHED, "--opening", "--paid-from", "101")
    assert raised.value.code == 2
    assert table_counts() == before


def test_a_wrong_asset_is_refused_field_by_field_and_nothing_is_written(run):
    before = table_counts()
    code, out, err = run("asset", "add", "A001", "厂房", "--date", "2026-01-01", "--cost", "0",
                         "--life", "0", "--use", "public")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "fixed asset: cost: must be greater than zero",
        "fixed asset: useful life (months): the useful life is 1 to 1200 months",
        "Problems found: 2; nothing was written to the ledger."]
    assert table_counts() == before


def test_a_dry_run_shows_the_lines_and_writes_nothing_then_the_month_is_posted_once(run):
    run(*SHED)
    run("asset", "add", "A002", "办公电脑", "--date", "2025-11-03", "--cost", "4800",
        "--life", "48", "--use", "management", "--opening")
    before = table_counts()
    code, out, err = run("depreciate", "2026-01", "--dry-run")
    assert (code, err) == (0, "")
    assert table_counts() == before
    lines = out.splitlines()
    assert lines[0] == ("Depreciation for 2026-01 would post, dated 2026-01-31 (nothing "
                        "written):")
    assert [line.split()[0] for line in lines[4:]] == ["511.04", "513", "152"]
    assert lines[4].split()[-1] == "475.00" and lines[5].split()[-1] == "100.00"
    assert lines[6].split()[-1] == "575.00"  # the credit to 152: 475.00 + 100.00

    code, out, _ = run("depreciate", "2026-01", lang="zh")
    assert code == 0
    assert out.splitlines()[0] == "已计提 2026-01 折旧：凭证 记-2026-01-0001，2 项资产共 575.00"
    assert table_counts()["Depreciation"] == before["Depreciation"] + 1
    after = table_counts()
    code, out, err = run("depreciate", "2026-01")
    assert (code, out) == (1, "")
    assert err == ("silk: 2026-01 is already depreciated by voucher 记-2026-01-0001; to do it "
                   "again, reverse that voucher first\n")
    assert table_counts() == after
    assert check.run() == []


def test_the_register_as_json_as_of_a_month(run):
    run(*SHED)
    run("depreciate", "2026-01")
    run("depreciate", "2026-02")
    code, out, _ = run("asset", "list", "--month", "2026-01", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "month": "2026-01",
        "assets": [{"code": "A001", "name": "育蚕车间厂房", "acquired": "2025-12-10",
                    "use": "workshop", "account": "511.04", "cost": "120000.00", "life": 240,
                    "residual": "6000.00", "monthly": "475.00", "months": 1,
                    "opening_depreciation": "0.00", "accumulated": "475.00", "net": "119525.00",
                    "voucher": "记-2025-12-0001"}],
        "totals": {"cost": "120000.00", "accumulated": "475.00", "net": "119525.00"}}
    code, out, _ = run("asset", "list")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("A001"))
    assert row.split()[-2:] == ["950.00", "119050.00"]  # two months of 475.00
    code, out, _ = run("asset", "list", "--month", "2025-11")
    assert out.strip() == "No fixed assets in the register"
    assert [done.month for done in assets.runs()] == ["2026-01", "2026-02"]
    assert models.FixedAsset.select().count() == 1


def test_a_month_badly_written_is_one_line_and_exit_1(tmp_path):
    path = make_village(tmp_path / "village.db")
    line = refused(silk("--db", path, "--lang", "en", "depreciate", "2026-13", cwd=tmp_path),
                   "'2026-13' is not a month: write it as YYYY-MM (2026-05)")
    assert line.startswith("silk: ")
    refused(silk("--db", path, "--lang", "en", "depreciate", "2026-05", cwd=tmp_path),
            "there are no fixed assets to depreciate")


def test_the_documented_register_json_has_the_programs_keys(run):
    formats = (Path(__file__).resolve().parent.parent / "docs" / "formats.md").read_text(
        encoding="utf-8")
    example = formats.split("## The fixed-asset register as JSON", 1)[1]
    documented = json.loads(example.split("```json", 1)[1].split("```", 1)[0])
    run(*SHED)
    code, out, _ = run("asset", "list", "--month", "2026-05", "--format", "json")
    produced = json.loads(out)
    assert list(produced) == list(documented)
    assert list(produced["assets"][0]) == list(documented["assets"][0])
    assert list(produced["totals"]) == list(documented["totals"])


def test_the_register_and_the_voucher_lines_fit_80_columns(run):
    from ledger.width import width_of

    names = ["育蚕车间厂房及附属蚕室（二〇二五年新建）", "小蚕共育室温湿度自动控制设备",
             "方格蔟自动采茧机", "村委会办公电脑"]
    for number, name in enumerate(names, 1):
        run("asset", "add", f"A{number:03d}", name, "--date", "2025-12-10", "--cost",
            "1234567.89", "--life", "120", "--use", "management" if number == 4 else "workshop")
    for lang in ("en", "zh"):
        for args in (("depreciate", "2026-01", "--dry-run"), ("asset", "list")):
            code, out, _ = run(*args, lang=lang)
            assert code == 0
            assert max(width_of(line) for line in out.splitlines()) <= 80, out
    code, out, _ = run("depreciate", "2026-01", "--dry-run", lang="zh")
    assert "计提 2026-01 折旧：A001 育蚕车间" in out and "…" in out
    code, out, _ = run("asset", "list", "--format", "json")
    assert [asset["name"] for asset in json.loads(out)["assets"]] == names  # whole, unclipped
