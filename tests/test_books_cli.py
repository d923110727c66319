"""`silk account add`, `silk accounts`, `silk voucher add|show`, and `silk reverse` of a
general voucher by its id or its number, as a user runs them."""
from __future__ import annotations

import json

import pytest

from helpers import LOCALE_VARS, findings_of, make_village
from ledger import cli, i18n, models


@pytest.fixture
def run(monkeypatch, capsys, tmp_path):
    """`silk --lang en --db LEDGER ...` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(i18n, "_language", i18n._language)
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    path = make_village(tmp_path / "ledger.db")

    def silk(*argv: str) -> tuple[int, str, str]:
        code = cli.main(["--lang", "en", "--db", str(path), *argv])
        out, err = capsys.readouterr()
        if models.database.obj is not None:
            models.database.close()
        return code, out, err

    silk.path = path
    return silk


ELECTRICITY = ("--date", "2026-04-20", "--line", "4月育蚕车间电费,513.01,356.40,",
               "--line", "\"电费, 4月\",102,,356.40", "--attachments", "1")


def test_a_sub_account_then_a_voucher_on_it_shown_by_its_number(run):
    assert run("account", "add", "513.01", "电费")[1] == (
        "account 513.01 Administrative expenses-电费 added.\n")
    code, out, _ = run("voucher", "add", *ELECTRICITY)
    assert (code, out) == (0, "voucher 记-2026-04-0001 posted (vouchers:1).\n")
    code, out, _ = run("voucher", "show", "记-2026-04-0001")
    lines = out.splitlines()
    assert lines[0].startswith("记-2026-04-0001  2026-04-20  vouchers:1  attachments 1")
    assert "4月育蚕车间电费" in lines[3] and "513.01 Administrative expenses-电费" in lines[3]
    assert lines[3].endswith("356.40") and "电费, 4月" in lines[4]
    assert lines[-1].split()[-2:] == ["356.40", "356.40"]
    assert run("voucher", "show", "vouchers:1")[1] == out == run("voucher", "show", "1")[1]
    assert findings_of(run.path) == []


def test_the_chart_lists_added_accounts_as_json(run):
    run("account", "add", "513.01", "电费")
    code, out, _ = run("accounts", "--format", "json")
    listed = {entry["code"]: entry for entry in json.loads(out)["accounts"]}
    assert len([c for c in listed if "." not in c]) == 42
    assert listed["513.01"] == {"code": "513.01", "parent": "513", "name_zh": "管理费用-电费",
                                "name_en": "Administrative expenses-电费", "side": "debit",
                                "leaf": True, "household": None, "added": True,
                                "initials": "glfy-df"}
    assert listed["513"]["leaf"] is False and "113.H001" not in listed
    _, out, _ = run("accounts", "--format", "json", "--households")
    assert "113.H001" in {entry["code"] for entry in json.loads(out)["accounts"]}


def test_reverse_takes_a_voucher_id_or_its_number(run):
    run("account", "add", "513.01", "电费")
    run("voucher", "add", *ELECTRICITY)
    run("voucher", "add", *ELECTRICITY)
    code, out, _ = run("reverse", "记-2026-04-0002", "--reason", "billed twice")
    assert (code, out) == (0, "vouchers:2 (记-2026-04-0002) reversed by vouchers:3 "
                              "(记-2026-04-0003) on 2026-04-20.\n")
    code, out, _ = run("reverse", "vouchers:1", "--reason", "wrong month")
    assert out.startswith("vouchers:1 (记-2026-04-0001) reversed by vouchers:4")
    code, _, err = run("reverse", "vouchers:1", "--reason", "again")
    assert code == 1 and "already" in err
    _, out, _ = run("log")
    assert "vouchers:3 记-2026-04-0003" in out
    assert findings_of(run.path) == []


@pytest.mark.parametrize("argv, fragment", [
    (("voucher", "add", "--date", "2026-04-20", "--line", "x,513,1"), "--line 'x,513,1'"),
    (("voucher", "add", "--date", "2026-04-20", "--line", "x,513,1,", "--line", "x,102,,2"),
     "debits 1.00 and credits 2.00 differ"),
    (("voucher", "show", "记-2026-09-0001"), "there is no record 记-2026-09-0001"),
    (("voucher", "show", "sales:1"), "'sales:1' names no voucher"),
    (("account", "add", "322.09", "x"), "posted only by the year-end close"),
])
def test_bad_input_is_one_clear_line_and_nothing_written(run, argv, fragment):
    from helpers import table_counts
    from ledger import db

    code, out, err = run(*argv)
    assert code == 1 and "Traceback" not in err
    assert fragment in out + err
    db.open_ledger(run.path)
    assert models.GeneralVoucher.select().count() == 0
    assert table_counts()["Account"] == models.Account.select().count()
    models.database.close()


def test_import_dry_run_names_a_voucher_file_problem_as_json(run, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "科目.csv").write_text("code,name\n513.01,电费\n513.02,办公费\n", encoding="utf-8")
    (folder / "凭证.csv").write_text("凭证号,日期,摘要,科目,借方,贷方\n"
                                   "1,2026-04-20,电费,513.01,356.40,\n"
                                   "1,2026-04-20,电费,102,,356.04\n", encoding="utf-8")
    code, out, _ = run("import", "--dry-run", "--format", "json", str(folder))
    found = json.loads(out)
    assert code == 1
    assert found["would_add"] == {"accounts": 2}
    assert found["problems"] == [{"file": str(folder / "凭证.csv"), "line": 2,
                                  "column": "voucher",
                                  "reason": "debits 356.40 and credits 356.04 differ: a voucher "
                                            "must balance"}]
    code, out, _ = run("import", str(folder / "科目.csv"))
    assert code == 0 and "account: 2" in out
