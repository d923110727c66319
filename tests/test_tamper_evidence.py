"""`silk check` names what was changed in the ledger file behind the program's back, table
by table, and a ledger of schema 1 is migrated, sealed and chained without losing a row."""
from __future__ import annotations

import ast
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ledger import (anchors, audit, backup, book, check, cli, closing, corrections, db, models,
                    seal, stores)
from ledger.stores import base as store_base, postgresql as pg_store, sqlite as store
from ledger.errors import LedgerError, RecordRefused
from ledger.reports import statement, summary
from ledger import tamper as evidence

from conftest import ledger_file_copied
from helpers import (as_schema, as_schema_1, build_village, findings_of, table_counts, tamper,
                     valid, write_sql)

pytestmark = pytest.mark.sqlite_only  # edits the ledger file behind the program's back with sqlite3


def build() -> None:
    """The hand-made village with records of several kinds, one corrected."""
    build_village()
    book.record("leaf", valid("leaf"))
    sale = book.record("sales", valid("sales"))
    book.record("wages", valid("wages"))
    book.record("payments", valid("payments"))
    book.record("leaf", valid("leaf", supplier="H001", price="0"))  # free leaf: no voucher
    corrections.amend("sales", sale, {"price": "51"}, "price list")
    assert check.run() == []


#: That village in a ledger file of each test's own, closed: its path.
_template, ledger = ledger_file_copied("ledger", build)


#: (what is done, a statement, a phrase check must say)
TAMPERING = [
    ("a household renamed", "UPDATE party SET name = '张三' WHERE code = 'H001'",
     "row 2 of table party was changed"),
    ("a season's dates moved", "UPDATE season SET \"end\" = '2026-05-20'",
     "row 1 of table season was changed"),
    ("a batch's sheets raised", "UPDATE batch SET sheets = 900 WHERE code = 'B1'",
     "of table batch was changed"),
    ("an account re-parented", "UPDATE account SET parent_id = NULL WHERE code = '113.H001'",
     "of table account was changed"),
    ("weight and amount both raised on a leaf delivery",
     "UPDATE leaf_delivery SET grams = 200000, amount = 10000 WHERE id = 1",
     "row 1 of table leaf_delivery was changed"),
    ("a free delivery's weight changed", "UPDATE leaf_delivery SET grams = 5 WHERE id = 2",
     "row 2 of table leaf_delivery was changed"),
    ("a wage's worker renamed", "UPDATE wage SET worker = '李四'", "of table wage was changed"),
    ("a charge inserted with a forged seal",
     "INSERT INTO charge (id, date, season_id, amount, household_id, item, seal) "
     "VALUES (1, '2026-04-20', 1, 100, 2, 'x', 'forged')", "of table charge was changed"),
    ("a voucher's date moved", "UPDATE voucher SET date = '2026-04-30' WHERE id = 1",
     "voucher 1 or its postings were changed"),
    ("a posting moved to another account, balances kept in step",
     "UPDATE posting SET account_id = (SELECT id FROM account WHERE code = '101') WHERE id = 1",
     "voucher 1 or its postings were changed"),
    ("a voucher and its postings deleted",
     "DELETE FROM posting WHERE voucher_id = 2", "voucher 2 has no postings"),
    ("the record behind a voucher replaced, seal recomputed by hand",
     "UPDATE payment SET memo = 'x', seal = 'recomputed' WHERE id = 1",
     "row 1 of table payment was changed"),
    ("a reversal's link cut", "UPDATE cocoon_sale SET reverses = NULL WHERE reverses IS NOT NULL",
     "was changed"),
    ("the last audit entry reworded", "UPDATE change SET reason = 'none' WHERE action = 'amend'",
     "audit trail entry"),
    ("an audit entry deleted", "DELETE FROM change WHERE id = 3", "table change lacks row 3"),
    ("a season reopened by hand", "UPDATE season SET closed = NULL",
     "row 1 of table season was changed"),
]


@pytest.mark.parametrize("what, statement, phrase", TAMPERING, ids=[t[0] for t in TAMPERING])
def test_check_names_what_was_changed(ledger, what, statement, phrase):
    database = db.open_ledger(ledger)
    closing.close("2026-1")
    database.close()
    models.database.initialize(None)
    tamper(ledger, statement)
    found = findings_of(ledger)
    assert any(phrase in line for line in found), found


def test_check_on_the_command_line_names_the_change_and_fails(ledger, capsys):
    tamper(ledger, "UPDATE cocoon_sale SET price = 6000, amount = 530100 WHERE id = 1")
    assert cli.main(["--db", str(ledger), "--lang", "en", "check"]) == 1
    out = capsys.readouterr().out
    assert "row 1 of table cocoon_sale was changed outside the program" in out


def test_a_sound_ledger_has_no_findings(ledger):
    assert findings_of(ledger) == []


def test_a_schema_1_ledger_is_migrated_sealed_and_backed_up_first(tmp_path):
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    build_village()
    book.record("leaf", valid("leaf"))
    book.record("sales", valid("sales"))
    database.close()
    models.database.initialize(None)
    as_schema_1(path)

    database = db.open_ledger(path)
    try:
        assert db.schema_version(database) == db.SCHEMA_VERSION
        assert check.run() == []
        counts = table_counts()
        assert counts["CocoonSale"] == 1 and counts["LeafDelivery"] == 1
        assert models.Voucher.select().where(models.Voucher.hash == "").count() == 0
        assert {e.action for e in audit.entries()} == {"migrate"}
    finally:
        database.close()
        models.database.initialize(None)
    assert list((tmp_path / "backups").glob("*before-migrate*"))
    assert _schema(path) == _schema(_fresh(tmp_path / "fresh.db"))
    tamper(path, "UPDATE cocoon_sale SET grade = '次茧'")
    assert any("cocoon_sale was changed" in line for line in findings_of(path))


def _fresh(path):
    db.open_ledger(path, create=True).close()
    models.database.initialize(None)
    return path


def _schema(path) -> dict:
    """Tables with their columns, indexes and triggers: what a ledger's schema is."""
    raw = sqlite3.connect(path)
    found = {}
    for kind, name in raw.execute("SELECT type, name FROM sqlite_master "
                                  "WHERE name NOT LIKE 'sqlite_%'").fetchall():
        columns = ()
        if kind == "table":
            columns = frozenset((row[1], row[2], row[3], row[5])
                                for row in raw.execute(f'PRAGMA table_info("{name}")'))
        found[(kind, name)] = columns
    raw.close()
    return found


#: Edits of several tables at once, for comparing the two ways of verifying.
SEVERAL = [statement for what, statement, _ in TAMPERING
           if what in ("a household renamed", "a wage's worker renamed",
                       "weight and amount both raised on a leaf delivery",
                       "a voucher's date moved",
                       "a posting moved to another account, balances kept in step")]


def _verified_by_workers(monkeypatch, path) -> list[str]:
    """The findings of `check` with the seals and the chain cut into ranges of two ids,
    each verified by a worker process."""
    _force_workers(monkeypatch)
    return findings_of(path)


def _force_workers(monkeypatch) -> None:
    monkeypatch.setattr(evidence, "WORKERS_FROM", 0)
    monkeypatch.setattr(evidence, "CHUNK", 2)
    monkeypatch.setattr(evidence.os, "cpu_count", lambda: 2)


def test_two_workers_verify_every_range(ledger, monkeypatch):
    _force_workers(monkeypatch)
    database = db.open_ledger(ledger)
    try:
        verification = evidence.start()
        assert len(verification.workers) == 2
        assert sorted(verification.gather()) == list(range(len(verification.tasks)))
    finally:
        database.close()
        models.database.initialize(None)


def test_workers_find_what_the_check_finds_by_itself(ledger, monkeypatch):
    tamper(ledger, *SEVERAL)
    alone = findings_of(ledger)
    assert len(alone) >= len(SEVERAL)
    assert _verified_by_workers(monkeypatch, ledger) == alone


def test_workers_find_nothing_in_a_sound_ledger(ledger, monkeypatch):
    assert _verified_by_workers(monkeypatch, ledger) == []


def test_a_worker_that_cannot_start_leaves_the_work_to_check_itself(ledger, monkeypatch,
                                                                   tmp_path):
    tamper(ledger, *SEVERAL)
    alone = findings_of(ledger)
    monkeypatch.setattr(evidence.sys, "executable", "/bin/false")  # starts, then fails
    assert _verified_by_workers(monkeypatch, ledger) == alone
    monkeypatch.setattr(evidence.sys, "executable", str(tmp_path / "no-such-python"))
    assert findings_of(ledger) == alone


def test_a_worker_gone_before_it_read_its_tasks_leaves_them_to_check(ledger, monkeypatch):
    """A worker that exits at once can break the pipe its tasks are written into (one
    CI run saw /bin/false do it): the check must not fail for that."""
    tamper(ledger, *SEVERAL)
    alone = findings_of(ledger)
    real_popen = evidence.subprocess.Popen

    class Gone:
        def __init__(self, stream):
            self.stream = stream

        def write(self, _text):
            raise BrokenPipeError(32, "Broken pipe")

        def close(self):
            self.stream.close()

    def popen(*args, **kwargs):
        worker = real_popen(["/bin/false"], **kwargs)
        worker.stdin = Gone(worker.stdin)
        return worker

    monkeypatch.setattr(evidence.subprocess, "Popen", popen)
    assert _verified_by_workers(monkeypatch, ledger) == alone


# -- the guarding triggers -------------------------------------------------------------------

@pytest.mark.parametrize("statement, phrase", [
    ('DROP TRIGGER "cocoon_sale_no_update"',
     "the guarding trigger cocoon_sale_no_update is missing"),
    ('DROP TRIGGER "voucher_closed_season"',
     "the guarding trigger voucher_closed_season is missing"),
    ("DROP TRIGGER \"change_no_delete\"; CREATE TRIGGER \"change_no_delete\" BEFORE DELETE ON "
     "\"change\" WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END",
     "the guarding trigger change_no_delete was rewritten outside the program"),
    ("CREATE TRIGGER \"quiet\" AFTER INSERT ON \"leaf_delivery\" BEGIN SELECT 1; END",
     "the trigger quiet is not part of the ledger's schema"),
], ids=["record-guard-dropped", "closed-season-guard-dropped", "guard-rewritten", "foreign"])
def test_check_names_each_guarding_trigger_dropped_or_rewritten(ledger, statement, phrase):
    raw = sqlite3.connect(ledger)
    raw.executescript(statement)
    raw.close()
    found = findings_of(ledger)
    assert any(phrase in line for line in found), found


@pytest.mark.parametrize("older", [False, True], ids=["current-schema", "schema-3"])
def test_restore_refuses_a_backup_whose_guard_was_dropped(ledger, tmp_path, older):
    """Also from a backup of an older schema: upgrading it on the way does not quietly
    put the guard back."""
    saved = backup.backup(ledger, tmp_path / "saved.db")
    write_sql(saved, 'DROP TRIGGER "posting_no_update"')
    if older:
        as_schema(saved, 3)
    before = ledger.read_bytes()
    with pytest.raises(LedgerError) as refusal:
        backup.restore(saved, ledger)
    assert "posting_no_update is missing" in refusal.value.message("en")
    assert ledger.read_bytes() == before


def test_the_import_cycle_through_check_is_gone():
    """check, its workers and what they use import neither db nor backup, not even
    inside a function: no cycle db -> backup -> check -> tamper -> db."""
    for module in (check, evidence, stores, store, store_base, pg_store, anchors, audit, seal):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "ledger":
                imported |= {f"ledger.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
        assert not imported & {"ledger.db", "ledger.backup"}, module.__name__


# -- anchors of the hash chains --------------------------------------------------------------

def _bound(path):
    """The ledger at `path`, open and bound to the models, for a `with` block."""
    class Bound:
        def __enter__(self):
            self.database = db.open_ledger(path)
            return self.database

        def __exit__(self, *_):
            self.database.close()
            models.database.initialize(None)
    return Bound()


def _cut_off_the_end(path) -> None:
    """Remove the last record with its voucher, postings, kept balances and season
    figures and last audit entry, as an editor of the file would: everything left is
    consistent."""
    raw = sqlite3.connect(path)
    voucher, kind, record, season, day = raw.execute(
        "SELECT id, kind, record_id, season_id, date FROM voucher ORDER BY id DESC LIMIT 1"
    ).fetchone()
    lines = raw.execute("SELECT account_id, debit, credit FROM posting WHERE voucher_id = ?",
                        (voucher,)).fetchall()
    raw.close()
    table = {"leaf": "leaf_delivery", "sales": "cocoon_sale"}[kind]
    owner = (f"(SELECT b.owner_id FROM {table} r JOIN batch b ON b.id = r.batch_id "
             f"WHERE r.id = {record})")
    of_record = f"(SELECT {{}} FROM {table} WHERE id = {record})"
    flows = ([("leaf_income", of_record.format("supplier_id"), "amount"),
              ("leaf_cost", owner, "amount")] if kind == "leaf" else
             [("cocoon_income", owner, "amount"), ("cocoon_grams", owner, "grams")])
    statements = [f"UPDATE season_flow SET value = value - {of_record.format(value)} "
                  f"WHERE season_id = {season} AND figure = '{figure}' AND party_id = {party}"
                  for figure, party, value in flows]
    statements += [f"DELETE FROM posting WHERE voucher_id = {voucher}",
                  f"DELETE FROM voucher_number WHERE voucher_id = {voucher}",
                  f"DELETE FROM voucher WHERE id = {voucher}",
                  f"DELETE FROM {table} WHERE id = {record}",
                  "DELETE FROM change WHERE id = (SELECT MAX(id) FROM change)"]
    for account, debit, credit in lines:
        statements += [f"UPDATE account_balance SET debit = debit - {debit}, credit = credit - "
                       f"{credit} WHERE account_id = {account} AND season_id = {season}",
                       f"UPDATE account_month SET debit = debit - {debit}, credit = credit - "
                       f"{credit} WHERE account_id = {account} AND month = '{day[:7]}'",
                       f"UPDATE account_total SET debit = debit - {debit}, credit = credit - "
                       f"{credit} WHERE account_id = {account}"]
    tamper(path, *statements)


def _record_one_more(path) -> str:
    """A leaf delivery recorded through the program; the ledger's code after it."""
    with _bound(path):
        book.record("leaf", valid("leaf", kg="7"))
        return anchors.current_code()


def test_every_write_appends_the_new_check_code_beside_the_ledger(ledger):
    code = _record_one_more(ledger)
    lines = anchors.file_of(ledger).read_text(encoding="utf-8").splitlines()
    assert lines[-1].endswith(" " + code)
    assert anchors.parse(code) is not None and len(code.rsplit("-", 1)[1]) == 8
    with _bound(ledger):
        with pytest.raises(RecordRefused):
            book.record("leaf", valid("leaf", kg="-1"))
    assert anchors.file_of(ledger).read_text(encoding="utf-8").splitlines() == lines


def test_a_write_still_succeeds_when_the_anchors_file_cannot_be_written(ledger, caplog):
    anchors.file_of(ledger).unlink()
    anchors.file_of(ledger).mkdir()  # cannot be opened for appending
    with _bound(ledger):
        book.record("leaf", valid("leaf", kg="7"))
        assert models.LeafDelivery.select().count() == 3
    assert "its check code could not be added to" in caplog.text


def test_cutting_off_the_end_is_named_by_the_anchors_file(ledger):
    code = _record_one_more(ledger)
    _cut_off_the_end(ledger)
    found = findings_of(ledger)
    assert any(f"the ledger ends before anchor {code} written at" in line
               and "records were cut off" in line for line in found), found


def test_cutting_off_the_end_is_named_by_a_backup(ledger):
    code = _record_one_more(ledger)
    backup.backup(ledger)
    anchors.file_of(ledger).unlink()
    _cut_off_the_end(ledger)
    found = findings_of(ledger)
    assert any(f"the ledger ends before anchor {code}" in line and "backups/ledger-" in line
               for line in found), found


def _rewrite_history(path, *statements: str) -> None:
    """Run `statements`, then recompute both hash chains from the start, as a careful
    editor who knows how they are computed would; the guards are put back after."""
    raw = sqlite3.connect(path)
    guards = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    raw.close()
    write_sql(path, *(f'DROP TRIGGER "{name}"' for name, _ in guards), *statements,
         "UPDATE voucher SET hash = ''")
    with _bound(path):
        seal.seal_missing()  # relinks the vouchers from the first on
        C = models.Change
        previous = ""
        for values in list(seal.raw_rows(C.select(*seal.sealed_fields(C)).order_by(C.id))):
            previous = seal.digest(previous, *values)
            models.database.execute_sql('UPDATE "change" SET hash = ? WHERE id = ?',
                                        (previous, values[0]))
    write_sql(path, *(sql for _, sql in guards))


def test_a_rewritten_chain_is_named_by_the_season_close(ledger):
    with _bound(ledger):
        before = anchors.current_code()
        closing.close("2026-1")
        entry = audit.entries()[-1]
    code = json.loads(entry.after)["anchor"]
    assert entry.action == "close" and code == before
    anchors.file_of(ledger).unlink()
    shutil.rmtree(ledger.parent / "backups")  # only the close's anchor is left
    with _bound(ledger):
        assert not any("anchor" in finding.key for finding in check.run())
    _rewrite_history(ledger, "UPDATE posting SET debit = debit + 1 WHERE id = 1",
                     "UPDATE posting SET credit = credit + 1 WHERE id = 2")
    found = findings_of(ledger)
    assert any(f"the ledger no longer passes through anchor {code} written at" in line
               and "(close of season 2026-1): vouchers or audit entries up to it were "
                   "rewritten" in line for line in found), found


def test_check_anchor_verifies_a_code_read_off_paper(ledger, capsys):
    with _bound(ledger):
        season = models.Season.get()
        printed = statement.statement("H001", season).check_code
        assert summary.summary(season).check_code == printed == anchors.current_code()
    _record_one_more(ledger)
    assert cli.main(["--db", str(ledger), "--lang", "en", "check", "--anchor", printed]) == 0
    later = _record_one_more(ledger)
    _cut_off_the_end(ledger)
    anchors.file_of(ledger).unlink()
    capsys.readouterr()
    assert cli.main(["--db", str(ledger), "--lang", "en", "check", "--anchor", printed]) == 0
    assert cli.main(["--db", str(ledger), "--lang", "en", "check", "--anchor",
                     later.lower()]) == 1
    assert f"the ledger ends before anchor {later} written at ? (the code given)" in (
        capsys.readouterr().out)
    cli.main(["--db", str(ledger), "--lang", "en", "check", "--anchor", "V12-nonsense"])
    assert "V12-nonsense is not a ledger check code" in capsys.readouterr().err


def test_a_restored_backup_passes_check_though_later_anchors_are_cut_off(ledger, tmp_path):
    saved = backup.backup(ledger)
    _record_one_more(ledger)
    backup.backup(ledger)  # a later backup, and a later line in the anchors file
    backup.restore(saved, ledger)
    assert findings_of(ledger) == []
    _record_one_more(ledger)
    assert findings_of(ledger) == []


# -- the audit trail covers every row; the meta table is sealed -----------------------------

@pytest.mark.parametrize("model, row, finding", [
    (models.Charge, dict(id=1, date="2026-04-20", season=1, amount=0, reverses=None,
                         corrects=None, household=2, item="x"),
     "charge record 1 was added outside the program: no audit trail entry introduced it"),
    (models.Party, dict(id=6, code="H009", kind="household", name="假户", group="", phone="",
                        shares=0, note=""),
     "row 6 of table party was added outside the program: no audit trail entry introduced it"),
], ids=["record", "household"])
def test_a_row_added_outside_the_program_with_a_true_seal_is_named(ledger, model, row, finding):
    fields = seal.sealed_fields(model)
    values = [row[field.name] for field in fields]
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    placeholders = ", ".join("?" for _ in fields)
    raw = sqlite3.connect(ledger)
    raw.execute(f'INSERT INTO "{model._meta.table_name}" ({columns}, "seal") '
                f"VALUES ({placeholders}, ?)", (*values, seal.row_seal(model, values)))
    raw.commit()
    raw.close()
    assert findings_of(ledger) == [finding]


def test_the_village_name_renamed_outside_the_program_is_named(ledger):
    with _bound(ledger):
        db.set_meta("village", "桑园村")
    assert findings_of(ledger) == []
    tamper(ledger, "UPDATE meta SET value = '假村' WHERE key = 'village'")
    assert findings_of(ledger) == ["the ledger's settings (village name, schema version) were "
                                   "changed outside the program (their seal does not match)"]


def test_a_schema_3_ledger_is_migrated_in_one_transaction_and_its_meta_sealed(ledger,
                                                                            monkeypatch):
    as_schema(ledger, 3)

    def broken(database):
        db._migrate_4(database)
        raise LedgerError("db_migration_broken", table="meta", version=4)

    monkeypatch.setitem(db.MIGRATIONS, 4, broken)
    with pytest.raises(LedgerError):
        db.open_ledger(ledger)
    models.database.initialize(None)
    raw = sqlite3.connect(ledger)
    assert raw.execute("SELECT key, value FROM meta ORDER BY key").fetchall() == [
        ("schema_version", "3")], "a failed upgrade leaves the ledger as it was"
    raw.close()
    monkeypatch.undo()
    with _bound(ledger) as database:
        assert db.schema_version(database) == db.SCHEMA_VERSION
        assert check.run() == []
        assert audit.entries()[-1].target == f"schema 3 -> {db.SCHEMA_VERSION}"
    assert list((ledger.parent / "backups").glob("*before-migrate*"))


# -- every voucher re-derived from its record; messages in the user's terms ------------------

def test_a_voucher_moved_to_another_account_with_its_chain_recomputed_is_named(ledger):
    """The debit of the first leaf delivery moved from the owner's 113 to the bank, the
    kept balances moved with it and the chain recomputed: only the posting rules show it."""
    _rewrite_history(
        ledger,
        "UPDATE posting SET account_id = (SELECT id FROM account WHERE code = '102') "
        "WHERE voucher_id = 1 AND debit <> 0",
        "UPDATE account_balance SET debit = debit - 5000 WHERE account_id = "
        "(SELECT id FROM account WHERE code = '113.H001')",
        "UPDATE account_total SET debit = debit - 5000 WHERE account_id = "
        "(SELECT id FROM account WHERE code = '113.H001')",
        "INSERT OR IGNORE INTO account_balance (account_id, season_id, debit, credit) "
        "SELECT id, 1, 0, 0 FROM account WHERE code = '102'",
        "UPDATE account_balance SET debit = debit + 5000 WHERE account_id = (SELECT id FROM "
        "account WHERE code = '102')",
        "INSERT OR IGNORE INTO account_total (account_id, debit, credit) "
        "SELECT id, 0, 0 FROM account WHERE code = '102'",
        "UPDATE account_total SET debit = debit + 5000 WHERE account_id = (SELECT id FROM "
        "account WHERE code = '102')")
    anchors.file_of(ledger).unlink()
    found = findings_of(ledger)
    assert any("leaf delivery record 1 of 2026-04-20: its voucher 1 debits 102 and credits "
               "102, but by the posting rules it debits 113.H001 and credits 102" in line
               for line in found), found
    assert not any("changed outside the program" in line for line in found), found


def test_a_voucher_dated_otherwise_than_its_record_says_so(ledger):
    tamper(ledger, "UPDATE voucher SET date = '2026-04-30' WHERE id = 1")
    found = findings_of(ledger)
    assert ("leaf delivery record 1: its voucher 1 is dated 2026-04-30, but the record says "
            "2026-04-20") in found, found
    assert not any("yuan, but the record says" in line for line in found)


def test_a_deleted_record_is_named_as_missing(ledger):
    tamper(ledger, "DELETE FROM posting WHERE voucher_id = 1", "DELETE FROM voucher WHERE id = 1",
           "DELETE FROM leaf_delivery WHERE id = 1")
    found = findings_of(ledger)
    assert "leaf delivery record 1 is missing: deleted outside the program" in found, found
    assert "table voucher lacks row 1: deleted outside the program" in found


def test_a_ledger_made_anew_under_the_same_name_is_not_held_to_the_old_ones_anchors(ledger):
    """Deleted and made again: the old anchors file is set aside and the old backups are
    another ledger's, so neither makes check fail; the new ledger is anchored afresh."""
    _record_one_more(ledger)
    backup.backup(ledger)
    ledger.unlink()
    with _bound_new(ledger):
        build_village()
    assert findings_of(ledger) == []
    assert list(ledger.parent.glob("ledger.db.anchors.old-*"))
    code = _record_one_more(ledger)
    assert anchors.file_of(ledger).read_text(encoding="utf-8").splitlines()[-1].endswith(code)


def _bound_new(path):
    """A new ledger made at `path`, bound to the models, for a `with` block."""
    class Bound:
        def __enter__(self):
            self.database = db.open_ledger(path, create=True)
            return self.database

        def __exit__(self, *_):
            self.database.close()
            models.database.initialize(None)
    return Bound()
