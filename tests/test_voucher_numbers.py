"""Voucher numbers (`记-2026-04-0017`) are kept when each voucher is posted (schema 8):
gapless within the month in posting order, equal to those counted before they were kept,
and a number changed behind the program's back is named by check. On both stores."""
from __future__ import annotations

import sqlite3

import pytest

from conftest import ON_SERVER
from helpers import as_schema, build_village, demo_ledger_file, undo_posting_index, valid
from ledger import audit, book, check, db, models, vouchers
from ledger.errors import RecordRefused

from test_general_vouchers import ELECTRICITY


#: Cash drawn from the bank: accounts every ledger has without sub-accounts.
CASH_DRAWN = [dict(summary="提现", account="101", debit="500", credit=""),
              dict(summary="提现", account="102", debit="", credit="500")]


def post(day: str) -> int:
    """A general voucher dated `day`: its journal voucher's id."""
    general_id = vouchers.post({**ELECTRICITY, "date": day, "lines": CASH_DRAWN})
    V = models.Voucher
    return V.get((V.kind == "vouchers") & (V.record_id == general_id)).id


def kept() -> dict[int, tuple[str, int]]:
    """The numbers as the ledger keeps them: voucher id -> (month, position)."""
    N = models.VoucherNumber
    return {voucher: (month, position)
            for voucher, month, position in N.select(N.voucher, N.month, N.position).tuples()}


def counted_afresh(path) -> dict[int, str]:
    """Every voucher's number by the rule, from the file with the plain sqlite3 module:
    its position among its month's vouchers in id (posting) order."""
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT id, substr(date, 1, 7) FROM voucher ORDER BY id").fetchall()
    raw.close()
    last: dict[str, int] = {}
    found = {}
    for voucher_id, month in rows:
        last[month] = last.get(month, 0) + 1
        found[voucher_id] = f"记-{month}-{last[month]:04d}"
    return found


def open_again(address):
    models.database.obj.close()
    return db.open_ledger(address)


def test_a_voucher_is_numbered_when_posted_and_a_backdated_one_comes_last_in_its_month(
        memory_ledger):
    build_village()
    sale = book.record("sales", valid("sales", date="2026-04-25"))
    april = post("2026-04-20")
    may = post("2026-05-02")
    with pytest.raises(RecordRefused):  # refused: takes no number
        vouchers.post({**ELECTRICITY, "date": "2026-04-21", "lines": ELECTRICITY["lines"][:1]})
    backdated = post("2026-04-02")
    V = models.Voucher
    sale_voucher = V.get((V.kind == "sales") & (V.record_id == sale)).id
    assert kept() == {sale_voucher: ("2026-04", 1), april: ("2026-04", 2), may: ("2026-05", 1),
                      backdated: ("2026-04", 3)}
    assert vouchers.number(backdated) == "记-2026-04-0003"
    assert vouchers.by_number("记-2026-04-0003") == (
        "vouchers", models.Voucher.get_by_id(backdated).record_id)
    assert check.run() == []


def test_a_number_changed_or_removed_outside_the_program_is_named_by_check(ledger_path):
    database = db.open_ledger(ledger_path)
    try:
        build_village()
        first, second, third = post("2026-04-03"), post("2026-04-09"), post("2026-04-01")
        assert check.run() == []
        N = models.VoucherNumber
        # as someone with a database shell would: no rule of the program stops them
        N.update(position=7).where(N.voucher == second).execute()
        N.delete().where(N.voucher == third).execute()
        database = open_again(ledger_path)
        assert [finding.message("en") for finding in check.run()] == [
            f"voucher {second} is kept as number 记-2026-04-0007, but it is number "
            f"记-2026-04-0002 of its month in posting order",
            f"voucher {third} has no number kept (it is number 记-2026-04-0003 of its month "
            f"in posting order)"]
        assert vouchers.numbers([first, second]) == {first: "记-2026-04-0001",
                                                     second: "记-2026-04-0007"}
    finally:
        database.close()
        models.database.initialize(None)


def test_a_schema_7_ledger_gets_the_numbers_it_counted_before(ledger_path):
    """On both stores: a server's ledgers began at schema 7, so they migrate too."""
    database = db.open_ledger(ledger_path)
    try:
        build_village()
        book.record("sales", valid("sales", date="2026-04-25"))
        posted = [post(day) for day in ("2026-04-20", "2026-05-02", "2026-04-02", "2026-05-01")]
        before = vouchers.numbers(kept())
        assert [before[voucher] for voucher in posted] == [
            "记-2026-04-0002", "记-2026-05-0001", "记-2026-04-0003", "记-2026-05-0002"]
        undo_posting_index(database.connection())  # schema 9
        database.execute_sql('DROP TABLE "season_flow"')  # schema 7: no season figures
        database.execute_sql('DROP TABLE "voucher_number"')  # nor numbers kept
        database.execute_sql("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
        database = open_again(ledger_path)
        assert db.schema_version(database) == db.SCHEMA_VERSION == 12
        assert audit.entries()[-1].target == "schema 7 -> 12"
        assert vouchers.numbers(kept()) == before
        assert check.run() == []
        assert post("2026-04-30") == max(kept()) and vouchers.number(max(kept())) == (
            "记-2026-04-0004")  # the next is numbered after those the migration kept
    finally:
        database.close()
        models.database.initialize(None)


@pytest.mark.skipif(ON_SERVER, reason="the demo ledger's file, read with sqlite3")
def test_the_demo_ledger_migrated_from_schema_7_keeps_every_number(tmp_path):
    path = demo_ledger_file(tmp_path / "demo.db", households=20, seasons=2, seed=3)
    raw = sqlite3.connect(path)
    (busiest,) = raw.execute("SELECT substr(date, 1, 7) FROM voucher GROUP BY 1 "
                             "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    raw.close()
    database = db.open_ledger(path)
    backdated = post(f"{busiest}-01")  # after the month's others: numbered last of it
    database.close()
    models.database.initialize(None)
    expected = counted_afresh(path)
    month = sorted(number for number in expected.values() if number.startswith(f"记-{busiest}"))
    assert expected[backdated] == month[-1] and len(month) > 100
    raw = sqlite3.connect(path)
    schema = sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    raw.close()
    as_schema(path, 7)
    database = db.open_ledger(path)
    try:
        assert audit.entries()[-1].target == "schema 7 -> 12"
        assert vouchers.numbers(expected) == expected
        assert check.run() == []
    finally:
        database.close()
        models.database.initialize(None)
    raw = sqlite3.connect(path)
    assert sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall()) == schema
    raw.close()


#: Posts `count` vouchers of cash drawn in April 2026 into the ledger at `ledger`, once
#: told to go: one transaction each, as an accountant's window would.
WRITER = """
import sys, time
from pathlib import Path
from ledger import db, vouchers
db.open_ledger({ledger!r})
Path({ready!r}).touch()
while not Path({go!r}).exists():
    time.sleep(0.005)
lines = [dict(summary="提现", account="101", debit="1", credit=""),
         dict(summary="提现", account="102", debit="", credit="1")]
for n in range({count}):
    vouchers.post(dict(date="2026-04-%02d" % (1 + n % 28), lines=lines))
"""


@pytest.mark.skipif(not ON_SERVER, reason="two writers of one village on the server: "
                    "the file's two writers are test_concurrency's")
def test_two_writers_of_one_village_on_the_server_number_without_gap_or_twice(ledger_path):
    import subprocess
    import sys

    from helpers import await_file, clean_env

    folder = ledger_path.parent
    go = folder / "go"
    writers = []
    for name in ("a", "b"):
        script = WRITER.format(ledger=str(ledger_path), ready=str(folder / f"ready-{name}"),
                               go=str(go), count=40)
        writers.append(subprocess.Popen([sys.executable, "-c", script], env=clean_env(),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True))
    for name in ("a", "b"):
        await_file(folder / f"ready-{name}", *writers)
    go.touch()
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    database = db.open_ledger(ledger_path)
    try:
        numbers = kept()
        assert [numbers[voucher] for voucher in sorted(numbers)] == [
            ("2026-04", position) for position in range(1, 81)]
        assert check.run() == []
    finally:
        database.close()
        models.database.initialize(None)
