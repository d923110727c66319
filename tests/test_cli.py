"""The `silk` command line: help in both languages, choosing the ledger, and refusals.

Help is checked in-process for every command in both languages (cheap), and through a
real subprocess for the locale and the entry point. Everything that touches a ledger runs
as a subprocess in `tmp_path`, so nothing lands in the repository. A refusal must be one
clear line on standard error with a non-zero exit, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ledger import cli, i18n

from helpers import LOCALE_VARS, ok, other_program_db, refused, silk
from village_expected import VILLAGE


def usage_error(result, fragment: str) -> str:
    """A bad argument caught by argparse: one line naming it, and where help is."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0] and lines[0].endswith("--help)"), lines[0]
    assert result.stdout == ""
    return lines[0]


def flat(text: str) -> str:
    """Help text with its line wrapping undone."""
    return " ".join(text.split())


# -- help ------------------------------------------------------------------------------------

#: command words -> (a phrase of its English description, of its Chinese description)
COMMANDS = {
    (): ("Silk Ledger (蚕桑账本): the books of a sericulture village cooperative",
         "蚕桑账本：村集体蚕桑合作社的账簿"),
    ("init",): ("create an empty ledger", "创建空账本"),
    ("demo",): ("fill a new ledger with a realistic demo village", "用一个逼真的示范村填充新账本"),
    ("import",): ("Import CSV files (UTF-8 or GBK)", "导入 CSV 文件（UTF-8 或 GBK）"),
    ("report",): ("print a report", "打印报表"),
    ("report", "season"): ("every household's and the collective's income for a season",
                           "某蚕季各农户及村集体的收益"),
    ("report", "trial-balance"): ("trial balance of every account",
                                  "科目余额表：各科目的期初、发生额与期末余额"),
    ("check",): ("verify the books", "检查账目"),
}
#: a word of the command's own options or arguments that its help must show
OPTIONS = {(): "--db", ("init",): "--village", ("demo",): "--households",
           ("import",): "PATH", ("report",): "season", ("report", "season"): "--format",
           ("report", "trial-balance"): "--season", ("check",): "-h"}


@pytest.fixture
def in_process(monkeypatch, capsys):
    """Run `cli.main` here, restoring the language it sets."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(list(argv))
        out, err = capsys.readouterr()
        return exit_info.value.code or 0, out, err

    return run


@pytest.mark.parametrize("words", list(COMMANDS), ids=lambda w: " ".join(w) or "silk")
def test_help_in_english(in_process, words):
    code, out, err = in_process("--lang", "en", *words, "--help")
    assert code == 0 and err == ""
    assert out.startswith("usage: silk")
    assert "options:" in out
    assert COMMANDS[words][0] in flat(out)
    assert OPTIONS[words] in out
    assert "用法" not in out


@pytest.mark.parametrize("words", list(COMMANDS), ids=lambda w: " ".join(w) or "silk")
def test_help_in_chinese(in_process, words):
    code, out, err = in_process("--lang", "zh", *words, "--help")
    assert code == 0 and err == ""
    assert out.startswith("用法：silk")
    assert "选项" in out
    assert "显示此帮助并退出" in out
    assert "".join(COMMANDS[words][1].split()) in "".join(out.split())
    assert OPTIONS[words] in out
    assert "usage:" not in out and "show this help message" not in out


def test_help_follows_the_locale(in_process, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, out, _ = in_process("report", "trial-balance", "--help")
    assert (code == 0 and out.startswith("用法：")
            and "科目余额表：各科目的期初、发生额与期末余额" in out)


def test_version(in_process):
    code, out, _ = in_process("--version")
    assert code == 0 and out.startswith("silk-ledger ")


def test_chinese_help_has_no_english_left(in_process):
    _, out, _ = in_process("--lang", "zh", "--help")
    assert "show program's version number and exit" not in out
    assert "显示版本号并退出" in out


def test_chinese_help_from_lang_variable(tmp_path):
    """LANG=zh_CN.UTF-8 without --lang: help in Chinese, through the real entry point."""
    out = ok(silk("report", "season", "--help", cwd=tmp_path, LANG="zh_CN.UTF-8"))
    assert out.startswith("用法：silk report season")
    assert "某蚕季各农户及村集体的收益" in out and "蚕季编号，例如 2026-1" in out
    assert "显示此帮助并退出" in out
    assert list(tmp_path.iterdir()) == []  # help opens no ledger


def test_lang_option_wins_over_the_locale(tmp_path):
    out = ok(silk("--lang", "en", "import", "--help", cwd=tmp_path, LANG="zh_CN.UTF-8"))
    assert out.startswith("usage: silk import")
    assert "Import CSV files (UTF-8 or GBK)" in flat(out)
    assert "用法" not in out


def test_english_help_through_the_entry_point(tmp_path):
    out = ok(silk("--lang", "en", "--help", cwd=tmp_path))
    assert out.startswith("usage: silk")
    for command in ("init", "demo", "import", "report", "check"):
        assert command in out


# -- bad input: one clear line, a non-zero exit, never a traceback ----------------------------

@pytest.mark.parametrize("lang, args, message", [
    ("en", ("report", "season", "2099-9"), "silk: no season with code 2099-9"),
    ("zh", ("report", "season", "2099-9"), "silk: 没有编号为 2099-9 的蚕季"),
    ("en", ("report", "trial-balance", "--season", "2099-9"), "no season with code 2099-9"),
])
def test_unknown_season(ledger_path, lang, args, message):
    line = refused(silk("--db", ledger_path, "--lang", lang, *args, cwd=ledger_path.parent),
                   message)
    assert line.startswith("silk: ") and line.endswith(message)


@pytest.mark.parametrize("lang, value, message", [
    ("en", "abc", "argument --households: 'abc' is not a number"),
    ("zh", "0", "参数 --households：应大于零"),
])
def test_malformed_households_value(tmp_path, lang, value, message):
    line = usage_error(silk("--lang", lang, "demo", "--households", value, cwd=tmp_path),
                       message)
    assert line.startswith("silk demo: ")
    assert list(tmp_path.iterdir()) == []  # refused before any ledger is opened


def test_missing_import_file(ledger_path):
    refused(silk("--db", ledger_path, "import", "missing.csv", cwd=ledger_path.parent),
            "silk: missing.csv does not exist")


@pytest.mark.parametrize("name", ["notes.txt", "leaves.csv"])
def test_import_file_with_unknown_name(ledger_path, name):
    path = ledger_path.parent / name
    path.write_text("code,name\nH001,张国华\n", encoding="utf-8")
    line = refused(silk("--db", ledger_path, "import", path, cwd=ledger_path.parent),
                   f"cannot tell what {path} holds from its name")
    assert "households.csv" in line and "payments.csv" in line


def test_import_into_a_missing_ledger(tmp_path):
    refused(silk("--db", "nothere.db", "import", VILLAGE, cwd=tmp_path),
            "silk: no ledger at nothere.db")
    assert list(tmp_path.iterdir()) == []


def test_db_is_a_directory(tmp_path):
    (tmp_path / "books").mkdir()
    refused(silk("--db", "books", "report", "season", "2026-1", cwd=tmp_path),
            "silk: books is a folder, not a ledger file")


def test_db_is_a_text_file(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("不是账本\n", encoding="utf-8")
    refused(silk("--db", notes, "report", "season", "2026-1", cwd=tmp_path),
            "is not a Silk Ledger file")
    assert notes.read_text(encoding="utf-8") == "不是账本\n"


@pytest.mark.parametrize("args", [("report", "season", "2026-1"), ()],
                         ids=["report", "overview"])
def test_db_is_another_programs_sqlite_file(tmp_path, args):
    other = other_program_db(tmp_path / "contacts.db")
    refused(silk("--db", other, *args, cwd=tmp_path), "is not a Silk Ledger file")


def test_refused_sqlite_file_is_left_untouched(tmp_path):
    other = other_program_db(tmp_path / "contacts.db")
    before = other.read_bytes()
    refused(silk("--db", other, "report", "season", "2026-1", cwd=tmp_path),
            "is not a Silk Ledger file")
    assert other.read_bytes() == before


def test_report_on_a_missing_ledger(tmp_path):
    refused(silk("--db", "nothere.db", "report", "season", "2026-1", cwd=tmp_path),
            "silk: no ledger at nothere.db; create one with 'silk init' or 'silk demo'")
    assert not (tmp_path / "nothere.db").exists()


@pytest.fixture
def ledger_with_records(ledger_path) -> Path:
    ok(silk("--db", ledger_path, "import", VILLAGE / "households.csv", cwd=ledger_path.parent))
    return ledger_path


def test_init_on_a_ledger_with_records(ledger_with_records):
    path = ledger_with_records
    refused(silk("--db", path, "init", "--village", "别的村", cwd=path.parent),
            f"silk: {path} already holds a ledger with records")
    out = ok(silk("--db", path, cwd=path.parent))
    assert "village: -" in out.splitlines()[0]  # the refused init stored nothing


def test_demo_on_a_non_empty_ledger(ledger_with_records):
    pytest.importorskip("ledger.demo")
    path = ledger_with_records
    refused(silk("--db", path, "demo", "--households", "3", cwd=path.parent),
            "already holds a ledger with records")


def test_import_file_with_an_oversized_header(ledger_path):
    path = ledger_path.parent / "households.csv"
    path.write_text("code,name," + "x" * 200_000 + "\n", encoding="utf-8")
    result = silk("--db", ledger_path, "import", path, cwd=ledger_path.parent)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1


# -- choosing and starting a ledger ----------------------------------------------------------

def test_bare_silk_starts_a_ledger_and_shows_it(tmp_path):
    out = ok(silk("--lang", "en", cwd=tmp_path))
    assert (tmp_path / "ledger.db").is_file()
    lines = out.splitlines()
    assert lines[0] == "Ledger ledger.db — village: -"
    assert "The ledger is empty." in out
    assert "0 records, 0 vouchers" in ok(silk("check", cwd=tmp_path))


def test_init_stores_the_village_name(tmp_path):
    out = ok(silk("--lang", "zh", "init", "--village", "桑园村", cwd=tmp_path))
    assert out.strip() == "已创建账本 ledger.db（村：桑园村）。"
    overview = ok(silk("--lang", "zh", cwd=tmp_path))
    assert overview.splitlines()[0] == "账本 ledger.db —— 村：桑园村"
    assert "账本为空" in overview


def test_silk_db_selects_the_ledger(tmp_path):
    books, work = tmp_path / "books", tmp_path / "work"
    books.mkdir()
    work.mkdir()
    chosen = books / "village.db"
    ok(silk("--lang", "en", "init", "--village", "桑园村", cwd=work, SILK_DB=str(chosen)))
    assert chosen.is_file()
    assert list(work.iterdir()) == []
    out = ok(silk("--lang", "en", cwd=work, SILK_DB=str(chosen)))
    assert out.splitlines()[0] == f"Ledger {chosen} — village: 桑园村"
    # --db wins over SILK_DB
    out = ok(silk("--lang", "en", "--db", "other.db", cwd=work, SILK_DB=str(chosen)))
    assert out.splitlines()[0] == "Ledger other.db — village: -"
    assert (work / "other.db").is_file()
