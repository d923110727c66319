"""`silk check` names what was changed in the ledger file behind the program's back, table
by table, and a ledger of schema 1 is migrated, sealed and chained without losing a row."""
from __future__ import annotations

import sqlite3

import pytest

from ledger import anchors, audit, book, check, cli, closing, corrections, db, models
from ledger import tamper as evidence

from helpers import build_village, table_counts, tamper, valid
from test_backup import findings_of


@pytest.fixture
def ledger(ledger_path):
    """The hand-made village with records of several kinds, one corrected; closed."""
    database = db.open_ledger(ledger_path)
    build_village()
    book.record("leaf", valid("leaf"))
    sale = book.record("sales", valid("sales"))
    book.record("wages", valid("wages"))
    book.record("payments", valid("payments"))
    book.record("leaf", valid("leaf", supplier="H001", price="0"))  # free leaf: no voucher
    corrections.amend("sales", sale, {"price": "51"}, "price list")
    assert check.run() == []
    database.close()
    models.database.initialize(None)
    return ledger_path


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


def _as_schema_1(path) -> None:
    """Turn a ledger into what version 1 of the program wrote: no seals, links, close
    or audit trail."""
    raw = sqlite3.connect(path)
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("DROP TABLE change")
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
    raw.execute("DELETE FROM meta WHERE key = 'seal'")
    raw.commit()
    raw.close()
    anchors.file_of(path).unlink()  # version 1 wrote none


def test_a_schema_1_ledger_is_migrated_sealed_and_backed_up_first(tmp_path):
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    build_village()
    book.record("leaf", valid("leaf"))
    book.record("sales", valid("sales"))
    database.close()
    models.database.initialize(None)
    _as_schema_1(path)

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
