"""Shared builders for the core tests: a small village recorded through the service layer,
the journal read back by account code, and the size of every table.

The village, one season 2026-1 (2026-04-01 to 2026-05-15):
- households H001 张国华, H002 李明, H003 王芳; partner E01 (the silk company);
- batches BC (COLLECTIVE), B1 (H001), B2 (H002), all hatched on 2026-04-02.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Mapping

from ledger import book, check, db, demo, models, stores

SEASON = "2026-1"
SEASON_START = "2026-04-01"
SEASON_END = "2026-05-15"


def rows(*values: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Rows for `book.record_many`, with no file location."""
    return [("", value) for value in values]


def village_groups() -> list[tuple[str, list]]:
    return [
        ("households", rows(
            dict(code="H001", name="张国华", group="一组", phone="13800000001", shares="1.5"),
            dict(code="H002", name="李明", group="二组"),
            dict(code="H003", name="王芳", group="三组"),
        )),
        ("partners", rows(dict(code="E01", name="丝绸公司", note="收购站"))),
        ("seasons", rows(dict(code=SEASON, name="春蚕", start=SEASON_START, end=SEASON_END))),
        ("batches", rows(
            dict(code="BC", season=SEASON, owner="COLLECTIVE", sheets="10", hatch="2026-04-02"),
            dict(code="B1", season=SEASON, owner="H001", sheets="2", hatch="2026-04-02",
                 mount="2026-04-27", harvest="2026-05-03"),
            dict(code="B2", season=SEASON, owner="H002", sheets="1.5", hatch="2026-04-02"),
        )),
    ]


def build_village() -> None:
    book.record_many(village_groups())


#: A valid record of each kind in the village, to be varied one field at a time.
VALID: dict[str, dict[str, Any]] = {
    "households": dict(code="H010", name="赵六", group="三组", phone="", shares="2"),
    "partners": dict(code="E02", name="农资店", phone="", note=""),
    "seasons": dict(code="2026-2", name="夏蚕", start="2026-06-01", end="2026-07-10"),
    "batches": dict(code="B9", season=SEASON, owner="H003", sheets="1", breed="菁松×皓月",
                    hatch="2026-04-05", mount="2026-04-30", harvest="2026-05-06"),
    "leaf": dict(date="2026-04-20", batch="B1", supplier="E01", kg="100", price="0.50"),
    "sales": dict(date="2026-05-04", batch="B1", buyer="E01", grade="上车茧", kg="88.35",
                  price="50", deduction="0"),
    "inputs": dict(date="2026-04-02", batch="B1", supplier="E01", item="蚕种", quantity="2",
                   unit="张", amount="110"),
    "wages": dict(date="2026-04-10", season=SEASON, payer="COLLECTIVE", household="H001",
                  worker="张国华", task="小蚕共育", quantity="7", unit="天", rate="120"),
    "charges": dict(date="2026-04-12", season=SEASON, household="H001", item="小蚕共育费",
                    amount="300"),
    "subsidies": dict(date="2026-04-15", season=SEASON, recipient="H001", source="县农业局",
                      amount="200"),
    "payments": dict(date="2026-05-10", season=SEASON, household="H001",
                     direction="to_household", amount="4000", method="bank", memo=""),
}


def valid(kind: str, **changes: Any) -> dict[str, Any]:
    """The valid record of `kind` with some fields changed."""
    return {**VALID[kind], **changes}


def voucher_lines(kind: str, record_id: int) -> list[tuple[str, int, int]]:
    """(account code, debit fen, credit fen) of every posting of the record's vouchers,
    debits first."""
    P, V, A = models.Posting, models.Voucher, models.Account
    query = (P.select(A.code, P.debit, P.credit).join(V).switch(P).join(A)
             .where((V.kind == kind) & (V.record_id == record_id)).tuples())
    return sorted(query, key=lambda line: (line[2] != 0, line[0]))


def vouchers_of(kind: str, record_id: int) -> list[models.Voucher]:
    V = models.Voucher
    return list(V.select().where((V.kind == kind) & (V.record_id == record_id)))


def table_counts() -> dict[str, int]:
    """Rows in every table of the ledger."""
    return {model.__name__: model.select().count() for model in models.ALL_MODELS}


def demo_ledger_file(path, households: int, seasons: int, seed: int):
    """A demo village written to a new ledger file, closed again: the path."""
    database = db.open_ledger(path, create=True)
    demo.generate(households=households, seasons=seasons, seed=seed)
    database.close()
    models.database.initialize(None)
    return path


def write_sql(path, *statements: str) -> None:
    """Run statements on the file with the plain sqlite3 module, as another program would."""
    raw = sqlite3.connect(path)
    for statement in statements:
        raw.execute(statement)
    raw.commit()
    raw.close()


def tamper(path, *statements: str) -> None:
    """Edit the file as someone with the sqlite3 shell would: the guards dropped first,
    and put back afterwards, as a careful editor would."""
    raw = sqlite3.connect(path)
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    raw.close()
    write_sql(path, *(f'DROP TRIGGER "{name}"' for name, _ in triggers), *statements,
              *(sql for _, sql in triggers))


def other_program_db(path):
    """An SQLite file another program wrote: a database, but not a ledger."""
    write_sql(path, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('王秀英')")
    return path


# -- the terminal UI (no textual import at module level: the core tests use this module) --

def table_cells(table) -> list[list[str]]:
    """Every row of a DataTable as the text of its cells."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def settle(pilot, app) -> None:
    """Let the app finish what a key began: its messages, then its thread workers (a
    page being read), then what they posted back."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot, field: str, text: str) -> None:
    """Type `text` into a form's field `field` (emptied first), key by key."""
    from textual.widgets import Input

    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    box.focus()
    await pilot.pause()
    box.value = ""
    await pilot.press(*text)


# -- the silk command, run as a user would --

LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "SILK_LANG", "SILK_DB")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without locale or ledger settings that would steer the program."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def silk(*args, cwd: Path, **extra_env: str):
    """Run `python -m ledger` with `args` in `cwd`, as a user would, and capture it."""
    return subprocess.run([sys.executable, "-m", "ledger", *map(str, args)], cwd=cwd,
                          env=clean_env(**extra_env), capture_output=True, encoding="utf-8",
                          stdin=subprocess.DEVNULL, timeout=120)


def ok(result) -> str:
    """A command that succeeded, without a traceback: its output."""
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def refused(result, fragment: str, returncode: int = 1) -> str:
    """A refusal: exactly one line on stderr holding `fragment`, nothing on stdout."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == returncode, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


# -- ledger files --

def findings_of(path: Path) -> list[str]:
    """`check` on the ledger at `path`, in-process."""
    database = db.open_ledger(path)
    try:
        return [finding.message("en") for finding in check.run()]
    finally:
        database.close()
        models.database.initialize(None)


def leaf_grams(path: Path) -> list[int]:
    """The leaf deliveries' weights in id order, read without the program."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT grams FROM leaf_delivery ORDER BY id")]
    finally:
        connection.close()


def make_village(path: Path, leaf: int = 0) -> Path:
    """A ledger file holding the helpers' village and `leaf` leaf deliveries, closed."""
    database = db.open_ledger(path, create=True)
    build_village()
    if leaf:
        book.record_many([("leaf", [("", valid("leaf", kg=str(n + 1))) for n in range(leaf)])])
    database.close()
    models.database.initialize(None)
    return path


def as_schema_1(path) -> None:
    """Turn a ledger into what version 1 of the program wrote: no seals, links, close
    or audit trail, no guarding triggers, no anchors."""
    raw = sqlite3.connect(path)
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        raw.execute(f'DROP TRIGGER "{name}"')
    undo_posting_index(raw)  # schema 10
    undo_season_flows(raw)  # schema 9
    undo_voucher_numbers(raw)  # schema 8
    undo_assets(raw)  # schema 6
    undo_whole_books(raw)  # schema 5
    raw.execute("DROP TABLE change")
    raw.execute("DROP TABLE batch_note")  # schema 3: notes on batches
    raw.execute("DROP TABLE account_total")
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                               "(name LIKE '%_reverses' OR name LIKE '%_corrects')").fetchall():
        raw.execute(f'DROP INDEX "{name}"')
    drops = {"season": ["closed", "seal"], "party": ["seal"], "batch": ["seal"],
             "account": ["seal"], "voucher": ["reverses", "record_seal", "hash"]}
    for table in ("leaf_delivery", "cocoon_sale", "input", "wage", "charge", "subsidy", "payment"):
        drops[table] = ["reverses", "corrects", "seal"]
    for table, columns in drops.items():
        for column in columns:
            raw.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    raw.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    raw.execute("DELETE FROM meta WHERE key IN ('seal', 'ledger_id')")  # schema 4
    raw.commit()
    raw.close()
    from ledger import anchors

    anchors.file_of(path).unlink()  # version 1 wrote none


def await_file(path, *processes, seconds: float = 60) -> None:
    """Wait until `path` exists (a helper process's sign that it is ready); fail if one
    of `processes` ends first, or after `seconds`."""
    deadline = time.monotonic() + seconds
    while not Path(path).exists():
        for process in processes:
            assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
def undo_whole_books(raw: sqlite3.Connection) -> None:
    """Undo schema 5 on an open connection to a ledger without general vouchers: no
    general vouchers, no kept months, no account names, and the voucher table as schema 2
    created it (a season on every voucher). The chart's accounts stay (their ids are
    dense; a test of the chart's migration makes its ledger with the old chart)."""
    for table in ("voucher_line", "general_voucher", "account_month"):
        raw.execute(f'DROP TABLE "{table}"')
    raw.execute('ALTER TABLE "account" DROP COLUMN "name"')
    raw.execute('DROP INDEX "voucher_date"')
    (sql,) = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'voucher'").fetchone()
    raw.execute("PRAGMA writable_schema = ON")
    raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'voucher'",
                (sql.replace('"season_id" INTEGER,', '"season_id" INTEGER NOT NULL,'),))
    raw.execute("PRAGMA writable_schema = OFF")
    raw.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def undo_assets(raw: sqlite3.Connection) -> None:
    """Undo schema 6 on an open connection to a ledger without fixed assets: no register,
    no depreciation runs. The chart's depreciation account 511.04 stays (account ids are
    dense); `test_assets` takes it out itself where the migration's adding it is tested."""
    for table in ("depreciation_line", "depreciation", "fixed_asset"):
        raw.execute(f'DROP TABLE "{table}"')
    raw.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def undo_opening_depreciation(raw: sqlite3.Connection) -> None:
    """Undo schema 7 on an open connection: the register without the opening accumulated
    depreciation (every asset's is 0, so its seal is the one schema 6 gave it)."""
    raw.execute('ALTER TABLE "fixed_asset" DROP COLUMN "opening_depreciation"')
    raw.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")


def undo_described(raw) -> None:
    """Undo schema 12 on an open connection (SQLite's or a server's): a voucher's number
    kept without what a book shows beside it."""
    for column in ("subject", "detail", "first_account", "second_account"):
        raw.execute(f'ALTER TABLE "voucher_number" DROP COLUMN "{column}"')
    raw.execute("UPDATE meta SET value = '11' WHERE key = 'schema_version'")


def undo_statement_guards(database) -> None:
    """Undo schema 11 (and 12) on a ledger open on a server (a Peewee database): each
    closed-season guard it holds a row trigger again, calling the PL/pgSQL function
    schema 10 had."""
    undo_described(database.connection())
    present = stores.current().present_guards(database)
    tables = [model._meta.table_name for model in (*models.RECORD_MODELS, models.Voucher)]
    held = [table for table in tables if f"{table}_closed_season" in present]
    for table in held:
        database.execute_sql(f'DROP TRIGGER "{table}_closed_season" ON "{table}"')
    database.execute_sql(
        "CREATE OR REPLACE FUNCTION \"silk_closed_season\"() RETURNS trigger LANGUAGE plpgsql "
        "AS $silk$BEGIN IF (SELECT \"closed\" FROM \"season\" WHERE \"id\" = "
        "NEW.\"season_id\") IS NOT NULL THEN RAISE EXCEPTION 'silk: the season is closed' "
        "USING ERRCODE = '23000'; END IF; RETURN NEW; END;$silk$")
    for table in held:
        database.execute_sql(f'CREATE TRIGGER "{table}_closed_season" BEFORE INSERT ON "{table}" '
                             f'FOR EACH ROW EXECUTE FUNCTION "silk_closed_season"()')
    database.execute_sql("UPDATE meta SET value = '10' WHERE key = 'schema_version'")


def undo_posting_index(raw) -> None:
    """Undo schema 10 (and 12) on an open connection (SQLite's or a server's): postings
    found by account alone. (A server's guards of schema 11 are left: the upgrade keeps
    them as they are.)"""
    undo_described(raw)
    _postings_by_account(raw)


def _postings_by_account(raw) -> None:
    raw.execute('DROP INDEX "posting_account_id_voucher_id"')
    raw.execute('CREATE INDEX "posting_account_id" ON "posting" ("account_id")')
    raw.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")


def undo_season_flows(raw) -> None:
    """Undo schema 9 on an open connection (SQLite's or a server's): each season's
    figures summed from its records at every report, none kept."""
    raw.execute('DROP TABLE "season_flow"')
    raw.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")


def undo_voucher_numbers(raw) -> None:
    """Undo schema 8 on an open connection (SQLite's or a server's, whose ledgers began at
    schema 7) already at 8: the numbers counted at every read, none kept."""
    raw.execute('DROP TABLE "voucher_number"')
    raw.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")


def as_schema(path, version: int) -> None:
    """Turn a ledger file back into what the program wrote at schema `version` (3 to 11):
    with voucher numbers kept alone, at 9 also with postings found by account alone, at 8
    also without the kept season figures, at 7 also without the kept voucher numbers, at
    6 also without the assets' opening depreciation, below 6 without the fixed assets,
    below 5 without the whole books, and at 3 without the meta seal and the ledger's id."""
    raw = sqlite3.connect(path)
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        raw.execute(f'DROP TRIGGER "{name}"')
    undo_described(raw)
    if version < 10:
        _postings_by_account(raw)
    if version < 9:
        undo_season_flows(raw)
    if version < 8:
        undo_voucher_numbers(raw)
    if version < 6:
        undo_assets(raw)
    elif version < 7:
        undo_opening_depreciation(raw)
    if version < 5:
        undo_whole_books(raw)
    if version < 4:
        raw.execute("DELETE FROM meta WHERE key IN ('seal', 'ledger_id')")
    raw.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    for _name, sql in triggers:  # the guards of the tables that were there
        table = sql.split(' ON "', 1)[1].split('"', 1)[0]
        if raw.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            raw.execute(sql)
    raw.commit()
    raw.close()
