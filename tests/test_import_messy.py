"""Importing what people really send (issue 5): the canonical village of tests/data, remade
the ways it arrives in practice (a GBK CSV from Excel on a Chinese Windows with Chinese
headers, full-width digits and Chinese dates; a CSV with a byte-order mark; xlsx workbooks
with date and number cells; a purchase station's weighing list with a saved mapping),
imported into a new ledger and checked to the fen against the canonical import. Then every
kind of bad input, each with its message and the ledger file unchanged; the dry run; and
rows imported twice."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import village_expected as expected
from helpers import build_village, table_counts
from ledger import cli, db, i18n, income
from ledger.kinds import BY_NAME, KINDS
from ledger.reports import season as season_report
from ledger.spellings import DATE_COLUMNS

VILLAGE = expected.VILLAGE
SEASONS = ("2026-1", "2026-2", "2026-3")

#: Chinese headers and file names as a cooperative's own spreadsheets have them; written
#: here independently of the product's table.
ZH_HEADERS = {
    "households": ("户号", "户主", "村民小组", "电话", "股份"),
    "partners": ("编号", "名称", "电话", "备注"),
    "seasons": ("编号", "名称", "开始日期", "结束日期"),
    "batches": ("编号", "蚕季", "所有者", "张数", "品种", "收蚁", "上蔟", "采茧"),
    "leaf": ("日期", "蚕批", "供应方", "重量（公斤）", "单价"),
    "sales": ("日期", "批次", "收购方", "等级", "重量/公斤", "单价", "扣款"),
    "inputs": ("日期", "蚕批", "供应方", "项目", "数量", "单位", "金额"),
    "wages": ("日期", "蚕季", "付款方", "农户", "务工人员", "工种", "数量", "单位", "工价"),
    "charges": ("日期", "蚕季", "农户", "项目", "金额"),
    "subsidies": ("日期", "蚕季", "受助方", "来源", "金额"),
    "payments": ("日期", "蚕季", "农户", "方向", "金额", "方式", "摘要"),
}
ZH_FILES = {"households": "农户", "partners": "合作单位", "seasons": "蚕季", "batches": "蚕批",
            "leaf": "桑叶", "sales": "售茧", "inputs": "投入", "wages": "工资", "charges": "收费",
            "subsidies": "补助", "payments": "结算款"}
MONEY = {"amount", "price", "rate", "deduction"}
NUMBERS = {"sheets", "quantity", "shares"}
FULL_WIDTH = str.maketrans("0123456789.,-:", "０１２３４５６７８９．，－：")
DIRECTION_ZH = {"to_household": "付给农户", "from_household": "农户交来"}
METHOD_ZH = {"cash": "现金", "bank": "银行"}


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The command line sets the process's language; put it back afterwards."""
    monkeypatch.setattr(i18n, "_language", None)


def canonical(kind: str) -> list[dict[str, str]]:
    with open(VILLAGE / f"{kind}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def thousands(text: str) -> str:
    """1234.50 -> 1,234.50"""
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-') or 0):,}{dot}{frac}"


def messy(column: str, value: str, style: str) -> str:
    """A canonical cell as someone types it: style "gbk" (full-width, 年月日, units) or
    "bom" (slashes and dots in dates, ASCII thousands separators)."""
    if not value:
        return value
    if column in DATE_COLUMNS:
        y, m, d = (int(part) for part in value.split("-"))
        if style == "gbk":
            return f"{y}年{m}月{d}日".translate(FULL_WIDTH if d % 2 else {})
        return f"{y}/{m}/{d}" if d % 2 else f"{y}.{m}.{d}"
    if column in MONEY:
        text = thousands(value)
        return text.translate(FULL_WIDTH) + "元" if style == "gbk" else f" {text} "
    if column == "kg":
        return value.translate(FULL_WIDTH) + "公斤" if style == "gbk" else f"{value}kg"
    if column in NUMBERS:
        return value.translate(FULL_WIDTH) if style == "gbk" else value
    if column == "direction" and style == "gbk":
        return DIRECTION_ZH[value]
    if column == "method" and style == "gbk":
        return METHOD_ZH[value]
    return f" {value} " if style == "bom" and column in ("batch", "season") else value


def write_messy_csv(folder: Path, style: str) -> Path:
    folder.mkdir()
    for kind in KINDS:
        columns = BY_NAME[kind.name].columns
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(ZH_HEADERS[kind.name] if style == "gbk" else columns)
        for row in canonical(kind.name):
            writer.writerow([messy(column, row[column], style) for column in columns])
        writer.writerow([""] * len(columns))  # what Excel leaves below a table
        text = out.getvalue() + "\r\n"
        if style == "gbk":
            (folder / f"{ZH_FILES[kind.name]}.csv").write_bytes(text.encode("gbk"))
        else:
            (folder / f"{kind.name}.csv").write_bytes(text.encode("utf-8-sig"))
    return folder


def cell(column: str, value: str, row: int):
    """A canonical value as a spreadsheet cell: dates as date cells (every other row as
    Chinese text), numbers as numbers (every other row as text), the rest as text."""
    if not value:
        return None
    if column in DATE_COLUMNS:
        return date.fromisoformat(value) if row % 2 else value.replace("-", "/")
    if (column in MONEY | NUMBERS | {"kg"} or value.isdigit()) and row % 2 == 0:
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(value)
    return value


def write_workbooks(folder: Path) -> Path:
    folder.mkdir()
    for kind in KINDS:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "明细"
        sheet.append(list(ZH_HEADERS[kind.name]))
        for index, row in enumerate(canonical(kind.name)):
            sheet.append([cell(column, row[column], index) for column in kind.columns])
        sheet.append([None, "   "])  # a blank trailing row, formatted but empty
        workbook.save(folder / f"{ZH_FILES[kind.name]}.xlsx")
    return folder


# -- running imports and reading the reports --------------------------------------------------

def new_ledger(path: Path) -> Path:
    db.open_ledger(path, create=True).close()
    return path


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def season_reports(path: Path) -> dict[str, dict]:
    database = db.open_ledger(path)
    try:
        return {code: json.loads(season_report.to_json(income.season_income(
            income.find_season(code)))) for code in SEASONS}
    finally:
        database.close()


def digest(path: Path) -> tuple[str, dict]:
    """The ledger file's bytes and its tables' sizes."""
    for suffix in ("-wal",):
        wal = Path(f"{path}{suffix}")
        assert not wal.exists() or wal.stat().st_size == 0
    data = hashlib.sha256(path.read_bytes()).hexdigest()
    database = db.open_ledger(path)
    try:
        counts = table_counts()
    finally:
        database.close()
    return data, counts


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> dict[str, dict]:
    """The season reports of the canonical village, imported as it is."""
    path = new_ledger(tmp_path_factory.mktemp("canonical") / "ledger.db")
    assert cli.main(["--lang", "en", "--db", str(path), "import", str(VILLAGE)]) == 0
    return season_reports(path)


# -- the corpus: each layout imports exactly ------------------------------------------------

def test_gbk_csv_with_chinese_headers_full_width_digits_and_chinese_dates(
        tmp_path, capsys, baseline):
    folder = write_messy_csv(tmp_path / "gbk", "gbk")
    raw = (folder / "售茧.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "2026年5月20日" in raw.decode("gbk") and "２０２６年５月２１日" in raw.decode("gbk")
    path = new_ledger(tmp_path / "ledger.db")
    code, out, err = run(capsys, "--db", path, "import", folder)
    assert (code, err) == (0, "")
    total = sum(len(canonical(kind.name)) for kind in KINDS)
    assert out.splitlines()[-1] == f"{total} records added."
    assert season_reports(path) == baseline


def test_bom_csv_with_slashed_dates_and_thousands_separators(tmp_path, capsys, baseline):
    folder = write_messy_csv(tmp_path / "bom", "bom")
    assert (folder / "payments.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    path = new_ledger(tmp_path / "ledger.db")
    code, out, err = run(capsys, "--db", path, "import", folder)
    assert (code, err) == (0, "")
    assert season_reports(path) == baseline


def test_xlsx_with_date_cells_and_number_cells(tmp_path, capsys, baseline):
    folder = write_workbooks(tmp_path / "xlsx")
    path = new_ledger(tmp_path / "ledger.db")
    code, out, err = run(capsys, "--db", path, "import", folder)
    assert (code, err) == (0, "")
    assert season_reports(path) == baseline


STATION_MAP = """\
kind = "sales"

[columns]
"序号" = ""
"过磅日期" = "date"
"蚕批号" = "batch"
"净重(公斤)" = "kg"
"收购价" = "price"
"扣杂" = "deduction"

[constants]
buyer = "{buyer}"
"""


def test_purchase_station_layout_with_a_mapping(tmp_path, capsys, baseline):
    """The weighing lists of the two buyers, in the station's own layout and file names,
    with the rest of the village in canonical files."""
    folder = tmp_path / "village"
    shutil.copytree(VILLAGE, folder)
    (folder / "sales.csv").unlink()
    path = new_ledger(tmp_path / "ledger.db")
    assert run(capsys, "--db", path, "import", folder)[0] == 0
    for buyer in ("E01", "E02"):
        sheet = tmp_path / f"过磅单-{buyer}.csv"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["序号", "过磅日期", "蚕批号", "等级", "净重(公斤)", "收购价", "扣杂"])
        rows = [row for row in canonical("sales") if row["buyer"] == buyer]
        for number, row in enumerate(rows, 1):
            writer.writerow([number, messy("date", row["date"], "gbk"), row["batch"], row["grade"],
                             row["kg"], row["price"], row["deduction"]])
        sheet.write_bytes(out.getvalue().encode("gbk"))
        mapping = tmp_path / f"station-{buyer}.toml"
        mapping.write_text(STATION_MAP.format(buyer=buyer), encoding="utf-8")
        code, out_text, err = run(capsys, "--db", path, "import", "--map", mapping, sheet)
        assert (code, err) == (0, ""), err
        assert out_text.splitlines()[-1] == f"{len(rows)} records added."
    assert season_reports(path) == baseline


# -- bad input: each refused with its message, the ledger unchanged --------------------------

@pytest.fixture
def village_file(tmp_path) -> Path:
    """A closed ledger file with the small village of tests/helpers.py."""
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    build_village()
    database.close()
    return path


LEAF = "日期,蚕批,供应方,重量（公斤）,单价\n"
CHARGES = "日期,蚕季,农户,项目,金额\n"

BAD_CELLS = [
    ("桑叶.csv", LEAF + "2026-04-20,B1,E01,５斤,0.5\n",
     "kg: '５斤' is in 斤 (half a kilogram); write kilograms (公斤)"),
    ("桑叶.csv", LEAF + "2026-04-20,B1,E01,100,0.8元/斤\n",
     "price: '0.8元/斤' is in 斤 (half a kilogram); write kilograms (公斤)"),
    ("桑叶.csv", LEAF + "4/20/26,B1,E01,100,0.5\n",
     "date: '4/20/26' is ambiguous; write the year in full and first, e.g. 2026-04-05 or "
     "2026年4月5日"),
    ("桑叶.csv", LEAF + "4月20日,B1,E01,100,0.5\n",
     "date: '4月20日' is ambiguous; write the year in full and first, e.g. 2026-04-05 or "
     "2026年4月5日"),
    ("收费.csv", CHARGES + "2026-04-12,2026-1,H001,共育费,\"12,34\"\n",
     "amount: '12,34' is ambiguous: a comma that is not a thousands separator; write the "
     "number with a decimal point"),
    ("收费.csv", CHARGES + "2026-04-12,2026-1,H001,共育费,300.005元\n",
     "amount: more than 2 decimal places"),
    ("收费.csv", CHARGES + "2026年4月31日,2026-1,H001,共育费,300\n",
     "date: '2026年4月31日' is not a date (YYYY-MM-DD)"),
]


@pytest.mark.parametrize("name, text, reason", BAD_CELLS, ids=[c[2][:20] for c in BAD_CELLS])
def test_a_cell_that_cannot_be_read_exactly_is_refused(village_file, tmp_path, capsys,
                                                       name, text, reason):
    (tmp_path / name).write_text(text, encoding="utf-8")
    before = digest(village_file)
    code, out, err = run(capsys, "--db", village_file, "import", tmp_path / name)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{tmp_path / name}:2: {reason}",
                                "Problems found: 1; nothing was written to the ledger."]
    assert digest(village_file) == before


@pytest.mark.parametrize("content", [
    "date,season,household,item,amount\n2026-04-12,2026-1,H001,费,300\n".encode("utf-16-le"),
    bytes(range(128, 256)) * 4,
], ids=["utf16-without-bom", "random-bytes"])
def test_a_file_that_is_neither_utf8_nor_gbk_is_refused(village_file, tmp_path, capsys,
                                                        content):
    path = tmp_path / "charges.csv"
    path.write_bytes(content)
    before = digest(village_file)
    code, out, err = run(capsys, "--db", village_file, "import", path)
    assert code == 1
    assert re.fullmatch(rf"silk: {re.escape(str(path))}:1: the file is neither UTF-8 nor "
                        r"GBK/GB18030 text .*\n", err)
    assert digest(village_file) == before


def test_a_missing_sheet_is_named_with_the_sheets_there_are(village_file, tmp_path, capsys):
    workbook = openpyxl.Workbook()
    workbook.active.title = "二月"
    workbook.active.append(list(ZH_HEADERS["charges"]))
    workbook.save(tmp_path / "收费.xlsx")
    before = digest(village_file)
    code, _, err = run(capsys, "--db", village_file, "import", "--sheet", "三月",
                       tmp_path / "收费.xlsx")
    assert code == 1
    assert err == f"silk: {tmp_path / '收费.xlsx'} has no sheet named 三月; its sheets: 二月\n"
    assert digest(village_file) == before


def test_a_float_cell_is_never_rounded(village_file, tmp_path, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(ZH_HEADERS["leaf"]))
    sheet.append([date(2026, 4, 20), "B1", "E01", 100.0004, 0.5])
    sheet.append([date(2026, 4, 21), "B1", "E01", 100, 0.505])
    sheet.append([date(2026, 4, 22), "B1", "E01", 1 / 3, 0.5])
    workbook.create_sheet("备用")
    workbook.save(tmp_path / "桑叶.xlsx")
    before = digest(village_file)
    code, _, err = run(capsys, "--db", village_file, "import", tmp_path / "桑叶.xlsx")
    book = tmp_path / "桑叶.xlsx"
    assert code == 1
    assert err.splitlines() == [f"{book}:2: kg: more than 3 decimal places",
                                f"{book}:3: price: more than 2 decimal places",
                                f"{book}:4: kg: more than 3 decimal places",
                                "Problems found: 3; nothing was written to the ledger."]
    assert digest(village_file) == before


def test_an_unknown_chinese_header_lists_the_columns(village_file, tmp_path, capsys):
    path = tmp_path / "收费.csv"
    path.write_text("日期,蚕季,农户,项目,金额,颜色\n2026-04-12,2026-1,H001,费,300,红\n",
                    encoding="utf-8")
    before = digest(village_file)
    code, _, err = run(capsys, "--db", village_file, "import", path)
    assert code == 1
    assert err.splitlines()[0] == (f"{path}:1: 颜色: unknown column; the columns are: "
                                   "date, season, household, item, amount")
    assert digest(village_file) == before


def test_a_mapping_constant_that_is_also_a_column_is_refused(village_file, tmp_path, capsys):
    path = tmp_path / "weighing.csv"
    path.write_text("过磅日期,蚕批号,收购方,净重(公斤),收购价\n2026-05-04,B1,E01,10,50\n",
                    encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(STATION_MAP.format(buyer="E01"), encoding="utf-8")
    before = digest(village_file)
    code, _, err = run(capsys, "--db", village_file, "import", "--map", mapping, path)
    assert code == 1
    assert err.splitlines()[0] == (f"{path}:1: 收购方: column buyer is both in the file and a "
                                   "constant of the mapping; remove one")
    assert digest(village_file) == before


def test_a_bad_mapping_file_is_refused(village_file, tmp_path, capsys):
    mapping = tmp_path / "map.toml"
    mapping.write_text('kind = "cocoons"\n', encoding="utf-8")
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", village_file, "import", "--map", mapping,
                       tmp_path / "x.csv")
    assert code == 1
    assert err.startswith(f"silk: mapping file {mapping}: kind must be one of: households, ")


# -- the dry run --------------------------------------------------------------------------------

def many_problems(tmp_path: Path) -> tuple[Path, list[tuple[int, str | None]]]:
    """A payments file in Chinese with a problem on most rows: (line, column) of each."""
    path = tmp_path / "结算款.csv"
    lines = ["日期,蚕季,农户,方向,金额,方式,摘要",
             "2026/5/10,2026-1,H001,付给农户,100,现金,好的",      # 2 good
             "5/10,2026-1,H001,付给农户,100,现金,",               # 3 date
             "2026/5/10,2026-9,H001,付给农户,100,现金,",          # 4 season
             "2026/5/10,2026-1,H999,付给农户,100,现金,",          # 5 household
             "2026/5/10,2026-1,H001,付给别人,100,现金,",          # 6 direction
             "2026/5/10,2026-1,H001,付给农户,\"1,00\",现金,",     # 7 amount
             "2026/5/10,2026-1,H001,付给农户,100,支票,",          # 8 method
             "2026/5/20,2026-1,H001,农户交来,100,银行,",          # 9 outside the season
             "2026/5/10,2026-1,H001,付给农户,１０.００１元,现金,",  # 10 decimals
             "2026/5/10,2026-1,H001,付给农户,100,现金",           # 11 short row
             "2026/5/10,2026-1,H002,农户交来,５０元,银行,好的",     # 12 good
             *["2026/5/10,2026-1,H001,付给农户,0,现金,"] * 30,     # 13-42 zero
             ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="gbk")
    expected = [(3, "date"), (4, "season"), (5, "household"), (6, "direction"), (7, "amount"),
                (8, "method"), (9, "date"), (10, "amount"), (11, None),
                *((line, "amount") for line in range(13, 43))]
    return path, expected


def test_dry_run_lists_every_problem_and_writes_nothing(village_file, tmp_path, capsys):
    path, expected_problems = many_problems(tmp_path)
    before = digest(village_file)
    code, out, err = run(capsys, "--db", village_file, "import", "--dry-run", "--format", "json",
                         path)
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert [(p["line"], p["column"]) for p in report["problems"]] == expected_problems
    assert {p["file"] for p in report["problems"]} == {str(path)}
    assert report["would_add"] == {"payments": 2}
    assert report["problems"][0]["reason"].startswith("'5/10' is ambiguous")
    assert digest(village_file) == before

    code, out, err = run(capsys, "--db", village_file, "import", "--dry-run", path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Would add (dry run, nothing written):"
    assert f"{path}:4: season: no season with code 2026-9" in lines
    assert lines[-1] == f"Problems found: {len(expected_problems)}; nothing was written (dry run)."
    assert digest(village_file) == before


def test_dry_run_of_a_clean_file_says_what_it_would_add(village_file, tmp_path, capsys):
    folder = write_messy_csv(tmp_path / "gbk", "gbk")
    target = new_ledger(tmp_path / "new.db")
    before = digest(target)
    code, out, err = run(capsys, "--db", target, "import", "--dry-run", "--format", "json", folder)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["problems"] == []
    assert report["would_add"] == {kind.name: len(canonical(kind.name)) for kind in KINDS}
    assert digest(target) == before


# -- importing the same rows twice ------------------------------------------------------------

def test_rows_already_in_the_ledger_are_refused_unless_allowed(tmp_path, capsys):
    path = new_ledger(tmp_path / "ledger.db")
    assert run(capsys, "--db", path, "import", VILLAGE)[0] == 0
    again = tmp_path / "售茧-again.csv"
    again.write_text("日期,批次,收购方,等级,重量/公斤,单价,扣款\n"
                     "2026年5月21日,B26-1-H001,E01,上车茧,80.25公斤,52元,15.5\n"   # already in
                     "2026-05-21,B26-1-H001,E01,上车茧,80.25,52.00,15.50\n"         # the same
                     "2026-05-21,B26-1-H001,E01,上车茧,80.25,52.00,15.60\n",        # new
                     encoding="utf-8")
    before = digest(path)
    code, out, err = run(capsys, "--db", path, "import", again)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 3
    for line, number in zip(lines, (2, 3)):
        assert re.fullmatch(rf"{re.escape(str(again))}:{number}: -: this row is already in the "
                            r"ledger \(record #\d+\); if it is a second, separate record, import "
                            r"with --allow-duplicates", line), line
    assert lines[0].split("#")[1] == lines[1].split("#")[1]
    assert digest(path) == before

    code, out, err = run(capsys, "--db", path, "import", "--allow-duplicates", again)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "3 records added."


def test_dry_run_reports_a_file_it_cannot_read(village_file, tmp_path, capsys):
    path = tmp_path / "charges.csv"
    path.write_bytes(CHARGES.encode("utf-16-le"))
    code, out, err = run(capsys, "--db", village_file, "import", "--dry-run", "--format", "json",
                         path)
    assert (code, err) == (1, "")
    (problem,) = json.loads(out)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == (str(path), 1, None)
    assert "neither UTF-8 nor GBK/GB18030" in problem["reason"]


# -- what people type, cell by cell -------------------------------------------------------------

@pytest.mark.parametrize("column, typed, canonical_text", [
    ("amount", "１２３．５", "123.5"),
    ("amount", "1,234.50", "1234.50"),
    ("amount", "１，２３４．５０元", "1234.50"),
    ("amount", "￥1,000", "1000"),
    ("amount", "  88 ", "88"),
    ("deduction", "－５", "-5"),
    ("deduction", "\u22125", "-5"),
    ("price", "52元/公斤", "52"),
    ("kg", "80.25 KG", "80.25"),
    ("kg", "８０．２５千克", "80.25"),
    ("date", "2026-4-5", "2026-04-05"),
    ("date", "2026/4/5", "2026-04-05"),
    ("date", "2026.04.05", "2026-04-05"),
    ("date", "2026年4月5日", "2026-04-05"),
    ("date", "２０２６年４月５日", "2026-04-05"),
    ("date", "2026/4/5 0:00", "2026-04-05"),
    ("date", "20260405", "2026-04-05"),
    ("date", date(2026, 4, 5), "2026-04-05"),
    ("hatch", "2026-2-30", "2026-2-30"),  # left for the rules to refuse as it was typed
    ("direction", "付给农户", "to_household"),
    ("direction", "农户交来", "from_household"),
    ("method", "现金", "cash"),
    ("method", "银行", "bank"),
    ("household", "Ｈ００１", "H001"),
    ("quantity", 2.5, "2.5"),
    ("quantity", 1e-05, "0.00001"),
    ("kg", 100.0, "100"),
    ("worker", "  张国华 ", "  张国华 "),  # text is the rules' to trim
])
def test_cells_are_made_canonical(column, typed, canonical_text):
    from ledger.io import cleaning

    cleaned, problems = cleaning.row_cleaner([(0, column)])([typed])
    assert (cleaned, problems) == ({column: canonical_text}, {})


@pytest.mark.parametrize("column, typed, reason", [
    ("kg", "5斤", "import_jin"),
    ("price", "3元/斤", "import_jin"),
    ("amount", "12,34", "import_ambiguous_number"),
    ("amount", "1,2345.00", "import_ambiguous_number"),
    ("date", "4/5/26", "import_ambiguous_date"),
    ("date", "4/5", "import_ambiguous_date"),
    ("date", "4月5日", "import_ambiguous_date"),
    ("date", "26年4月5日", "import_ambiguous_date"),
])
def test_what_could_be_read_two_ways_is_a_problem(column, typed, reason):
    from ledger.io import cleaning

    _, problems = cleaning.row_cleaner([(0, column)])([typed])
    assert problems[column].reason == reason


# -- files that must never import wrong, hang or confuse (issue 13) -------------------------

HOUSEHOLDS = "code,name,group\n"


def stored_households(path: Path) -> dict[str, tuple[str, str]]:
    database = db.open_ledger(path)
    try:
        from ledger import models

        return {code: (name, group) for code, name, group in models.Party.select(
            models.Party.code, models.Party.name, models.Party.group).tuples()
            if code.startswith("H01")}
    finally:
        database.close()


def refused_unchanged(capsys, ledger: Path, *args) -> list[str]:
    """Run an import that must be refused: the lines on stderr; the ledger unchanged."""
    before = digest(ledger)
    code, out, err = run(capsys, "--db", ledger, "import", *args)
    assert code == 1 and out == "", (code, out, err)
    assert digest(ledger) == before
    return err.splitlines()


def test_a_utf8_file_with_one_stray_byte_is_refused_not_read_as_gb18030(
        village_file, tmp_path, capsys):
    path = tmp_path / "households.csv"
    raw = (HOUSEHOLDS + "H010,张三,G1\nH011,李四,G2\n").encode() + "H012,".encode() \
        + b"\xb4" + "张国华,G3\n".encode()
    raw.decode("gb18030")  # as a whole it is valid GB18030: read so, every name is garbled
    path.write_bytes(raw)
    assert refused_unchanged(capsys, village_file, path) == [
        f"silk: {path}:4: byte 0xB4 at column 6 is not valid UTF-8, though the rest of the file "
        "is UTF-8: a line pasted from a file in another encoding? Correct that line, or save "
        "the file again as 'CSV UTF-8'"]


def test_a_gbk_file_whose_lines_happen_to_be_utf8_still_imports_as_gbk(
        village_file, tmp_path, capsys):
    """张三 in GBK is not UTF-8, but many lines of a GBK file can be: the file is judged
    as a whole."""
    path = tmp_path / "households.csv"
    path.write_bytes((HOUSEHOLDS + "H010,张三,一组\nH011,李四,二组\n").encode("gbk"))
    assert run(capsys, "--db", village_file, "import", path)[0] == 0
    assert stored_households(village_file) == {"H010": ("张三", "一组"), "H011": ("李四", "二组")}


@pytest.mark.parametrize("separator", ["\t", ","], ids=["tabs", "commas"])
def test_utf16_as_excel_saves_unicode_text_imports(village_file, tmp_path, capsys, separator):
    path = tmp_path / "农户.csv"
    lines = [["编号", "姓名", "组别"], ["H010", "张三", "一组"], ["H011", "李四", "二组"]]
    path.write_bytes(b"\xff\xfe" + "".join(separator.join(line) + "\r\n" for line in lines)
                     .encode("utf-16-le"))
    code, out, err = run(capsys, "--db", village_file, "import", path)
    assert (code, err) == (0, "")
    assert stored_households(village_file) == {"H010": ("张三", "一组"), "H011": ("李四", "二组")}


@pytest.mark.parametrize("column, typed, char", [
    ("kg", "1²", "²"),
    ("kg", "₅", "₅"),
    ("amount", "١٢٣", "١"),
    ("amount", "1۲3", "۲"),
    ("quantity", "①", "①"),
    ("date", "2026年4月⑤日", "⑤"),
    ("date", "２０２６-04-0５", None),  # full-width digits are digits
    ("household", "H٠٠١", "٠"),
])
def test_only_ascii_and_full_width_digits_are_digits(column, typed, char):
    from ledger.io import cleaning

    cleaned, problems = cleaning.row_cleaner([(0, column)])([typed])
    if char is None:
        assert problems == {}
        return
    assert problems[column].reason == "odd_digit"
    assert problems[column].params["char"] == char


def test_a_superscript_digit_is_refused_through_the_importer(village_file, tmp_path, capsys):
    path = tmp_path / "桑叶.csv"
    path.write_text(LEAF + "2026-04-20,B1,E01,1²,0.5\n", encoding="utf-8")
    assert refused_unchanged(capsys, village_file, path) == [
        f"{path}:2: kg: '1²' holds ² (U+00B2), which looks like a digit but is not one; "
        "type the digits 0-9", "Problems found: 1; nothing was written to the ledger."]


def test_a_form_date_with_an_odd_digit_is_refused():
    from ledger.entry_dates import read_entry_date
    from ledger.rules import Problem

    with pytest.raises(Problem) as problem:
        read_entry_date("4月⁵日", today=date(2026, 4, 1))
    assert problem.value.reason == "odd_digit"
    assert read_entry_date("４月５日", today=date(2026, 4, 1)) == date(2026, 4, 5)


LEAF_ROW = "2026-04-20,B1,E01,100,0.5\n"


def test_the_same_row_twice_in_one_import_is_refused_naming_both(village_file, tmp_path,
                                                                 capsys):
    one = tmp_path / "leaf.csv"
    one.write_text("date,batch,supplier,kg,price\n" + LEAF_ROW + "2026-04-21,B1,E01,100,0.5\n"
                   + "2026-04-20,B1,E01,100.000,0.50\n", encoding="utf-8")
    two = tmp_path / "桑叶-2.csv"
    two.write_text(LEAF + "2026-04-21,B1,E01,100,0.5\n", encoding="utf-8")
    lines = refused_unchanged(capsys, village_file, one, two)
    assert lines == [
        f"{one}:4: -: this row is the same as {one}:2 in this import; if it is a second, "
        "separate record, import with --allow-duplicates",
        f"{two}:2: -: this row is the same as {one}:3 in this import; if it is a second, "
        "separate record, import with --allow-duplicates",
        "Problems found: 2; nothing was written to the ledger."]
    code, out, err = run(capsys, "--db", village_file, "import", "--dry-run", one, two)
    assert code == 1 and f"{one}:4: -: this row is the same as {one}:2" in out
    code, out, err = run(capsys, "--db", village_file, "import", "--allow-duplicates", one, two)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "4 records added."


@pytest.fixture
def no_hang():
    """Fail, instead of hanging the suite, if the import blocks (reading a pipe)."""
    import signal

    def stop(*_):
        raise TimeoutError("the import hung")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("make, reason", [
    (lambda path: os.mkfifo(path), "is a pipe (FIFO), not a regular file; it is not read"),
    (lambda path: path.symlink_to(path), "is a symbolic link that leads back to itself"),
    (lambda path: path.symlink_to(path.parent.parent),
     "is a folder (or a link to one), not a file"),
    (lambda path: path.symlink_to("/dev/null"), "is a device or socket, not a regular file"),
], ids=["fifo", "link-loop", "link-to-folder", "device"])
def test_what_is_not_a_regular_file_is_refused_naming_it(village_file, tmp_path, capsys,
                                                        no_hang, make, reason):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "leaf.csv").write_text("date,batch,supplier,kg,price\n" + LEAF_ROW,
                                     encoding="utf-8")
    strange = folder / "sales.csv"
    make(strange)
    given_alone = () if strange.is_dir() else (strange,)  # a link to a folder is that folder
    for given in (folder, *given_alone):
        [line] = refused_unchanged(capsys, village_file, given)
        assert line.startswith(f"silk: {strange} {reason}"), line


def test_a_link_to_a_regular_file_imports(village_file, tmp_path, capsys):
    real = tmp_path / "elsewhere.txt"
    real.write_text("date,batch,supplier,kg,price\n" + LEAF_ROW, encoding="utf-8")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "leaf.csv").symlink_to(real)
    code, out, err = run(capsys, "--db", village_file, "import", folder)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "1 records added."


def far_dimension(path: Path, workbook: openpyxl.Workbook) -> Path:
    """The workbook saved with its used range stated as A1:XFD1048576 and one empty,
    formatted cell there, as one stray keystroke far away leaves it."""
    import zipfile

    plain = path.with_suffix(".plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text, count = re.subn(r'<dimension ref="[^"]*"\s*/>',
                                      '<dimension ref="A1:XFD1048576"/>', data.decode())
                assert count == 1
                data = text.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/>'
                                    "</row></sheetData>").encode()
            target.writestr(item, data)
    plain.unlink()
    return path


def test_an_xlsx_whose_stated_range_is_the_whole_sheet_reads_only_its_cells(
        village_file, tmp_path, capsys, no_hang):
    from ledger.io import sources

    workbook = openpyxl.Workbook()
    for row in (["编号", "姓名", "组别"], ["H010", "张三", "一组"], ["H011", "李四", "二组"]):
        workbook.active.append(row)
    path = far_dimension(tmp_path / "农户.xlsx", workbook)
    table = sources.open_table(path)
    assert (table.header, [(line, cells) for line, cells in table.rows]) == (
        ["编号", "姓名", "组别"], [(2, ["H010", "张三", "一组"]), (3, ["H011", "李四", "二组"])])
    code, out, err = run(capsys, "--db", village_file, "import", path)
    assert (code, err) == (0, "")
    assert stored_households(village_file) == {"H010": ("张三", "一组"), "H011": ("李四", "二组")}


def titled_workbook(path: Path, *rows: list) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_an_xlsx_with_title_rows_above_the_header_imports(village_file, tmp_path, capsys):
    title = ["桑园村 2026 年农户名册"]
    path = titled_workbook(tmp_path / "农户.xlsx", title, ["制表：李会计", None, "2026-03-01"],
                           [], ["编号", "姓名", "组别"], ["H010", "张三", "一组"],
                           ["H011", "李四", "二组"], ["H012", "", "三组"])
    lines = refused_unchanged(capsys, village_file, path)
    assert lines[0] == f"{path}:7: name: required, but empty"  # the sheet's own row
    path = titled_workbook(tmp_path / "农户.xlsx", title, ["编号", "姓名", "组别"],
                           ["H010", "张三", "一组"], ["H011", "李四", "二组"])
    code, out, err = run(capsys, "--db", village_file, "import", path)
    assert (code, err) == (0, "")
    assert stored_households(village_file) == {"H010": ("张三", "一组"), "H011": ("李四", "二组")}


def test_an_xlsx_with_two_header_rows_is_refused_naming_them(village_file, tmp_path, capsys):
    path = titled_workbook(tmp_path / "households.xlsx", ["农户名册"], ["编号", "姓名", "组别"],
                           ["code", "name", "group"], ["H010", "张三", "一组"])
    assert refused_unchanged(capsys, village_file, path) == [
        f"silk: {path}: rows 2, 3 all look like the header (every cell a column name); "
        "keep one header row"]


def test_an_xlsx_with_no_header_row_names_the_unknown_column_where_it_is(
        village_file, tmp_path, capsys):
    path = titled_workbook(tmp_path / "households.xlsx", ["农户名册"], ["编号", "姓名", "班组"],
                           ["H010", "张三", "一组"])
    lines = refused_unchanged(capsys, village_file, path)
    assert lines[0].startswith(f"{path}:2: 班组: unknown column")
    assert lines[1] == f"{path}:2: group: column is missing from the header"
    path = titled_workbook(tmp_path / "households.xlsx", ["甲", "乙"], ["H010", "张三"])
    lines = refused_unchanged(capsys, village_file, path)
    assert lines[0].startswith(f"{path}:1: 甲: unknown column")  # none better than the first


@pytest.mark.parametrize("content, message", [
    (b"\n" + HOUSEHOLDS.encode() + "H010,张三,一组\n".encode(),
     "{path}:1: the first line is blank; the header (the column names) must be on the first "
     "line: delete the blank line"),
    ((HOUSEHOLDS + "H010,张三,一组\r").replace("\n", "\r").encode(),
     "{path}: its lines end with a carriage return only (as old Mac programs save them), so "
     "it reads as one long line; save it again as 'CSV UTF-8' in Excel or WPS"),
    ((HOUSEHOLDS + "H010,张三,一组\n\ufeff" + HOUSEHOLDS + "H011,李四,二组\n").encode(),
     "{path}:3: the line begins with an invisible byte-order mark (U+FEFF), as where two "
     "files were joined into one; delete it (and a second header row, if there is one)"),
], ids=["blank-first-line", "cr-line-ends", "bom-inside"])
def test_a_file_laid_out_strangely_is_refused_in_the_users_terms(village_file, tmp_path, capsys,
                                                                content, message):
    path = tmp_path / "households.csv"
    path.write_bytes(content)
    assert refused_unchanged(capsys, village_file, path) == [
        "silk: " + message.format(path=path)]
