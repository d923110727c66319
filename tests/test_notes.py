"""Notes on batches: dated, post nothing, audited, sealed, append-only; refusals write
nothing."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from peewee import IntegrityError

from ledger import audit, check, db, models, notes
from ledger.cli import main
from ledger.errors import LedgerError

from helpers import as_schema, build_village, table_counts, tamper


def test_a_note_is_kept_audited_and_posts_nothing(memory_ledger):
    build_village()
    before = table_counts()
    note_id = notes.add("b1", "二眠起，见少量僵蚕", date(2026, 4, 20))
    assert notes.of_batch("B1") == [notes.Note(note_id, "B1", date(2026, 4, 20),
                                               "二眠起，见少量僵蚕")]
    assert [n.text for n in notes.of_household("H001")] == ["二眠起，见少量僵蚕"]
    after = table_counts()
    assert after["BatchNote"] == before["BatchNote"] + 1
    assert after["Change"] == before["Change"] + 1
    unchanged = {name for name in before if name not in ("BatchNote", "Change")}
    assert {name: after[name] for name in unchanged} == {name: before[name] for name in unchanged}
    entry = audit.entries()[-1]
    assert (entry.action, entry.records, entry.target) == ("note", f"note:{note_id}", "B1")
    assert "二眠起" in entry.after


@pytest.mark.parametrize("batch,text,day,message", [
    ("B9", "僵病", date(2026, 4, 20), "no batch with code B9"),
    ("B1", "  ", date(2026, 4, 20), "the note is empty"),
    ("B1", "僵病\x07", date(2026, 4, 20), "the note is refused"),
    ("B1", "僵病", date(2026, 6, 1), "outside season 2026-1"),
])
def test_a_refused_note_writes_nothing(memory_ledger, batch, text, day, message):
    build_village()
    before = table_counts()
    with pytest.raises(LedgerError) as refused:
        notes.add(batch, text, day)
    assert message in refused.value.message("en")
    assert table_counts() == before


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_a_note_cannot_be_changed_and_an_edit_behind_the_programs_back_is_named(file_ledger,
                                                                                ledger_path):
    build_village()
    notes.add("B1", "大眠，天气闷热", date(2026, 4, 25))
    with pytest.raises(IntegrityError):
        models.BatchNote.update(text="正常").execute()
    file_ledger.close()
    models.database.initialize(None)
    tamper(ledger_path, "UPDATE batch_note SET text = '正常'")
    db.open_ledger(ledger_path)
    found = [finding.message("en") for finding in check.run()]
    assert any("batch_note" in line for line in found), found
    models.database.obj.close()
    models.database.initialize(None)


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_a_schema_2_ledger_gets_the_notes_table(ledger_path):
    raw = sqlite3.connect(ledger_path)
    fresh = sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall(),
                   key=lambda row: row[1])
    raw.close()
    as_schema(ledger_path, 3)
    raw = sqlite3.connect(ledger_path)
    raw.execute("DROP TABLE batch_note")
    raw.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    raw.commit()
    raw.close()
    database = db.open_ledger(ledger_path)
    assert db.schema_version(database) == db.SCHEMA_VERSION
    assert check.run() == []
    database.close()
    models.database.initialize(None)
    raw = sqlite3.connect(ledger_path)
    migrated = sorted(raw.execute("SELECT type, name, sql FROM sqlite_master").fetchall(),
                      key=lambda row: row[1])
    raw.close()
    assert [row[:2] for row in migrated] == [row[:2] for row in fresh]
    assert ([row for row in migrated if "batch_note" in row[1]]
            == [row for row in fresh if "batch_note" in row[1]])


def test_silk_note_and_the_report_shows_it(file_ledger, ledger_path, capsys):
    build_village()
    assert main(["--db", str(ledger_path), "--lang", "en", "note", "B2", "三龄见脓病，死亡约两成",
                 "--date", "2026-04-18"]) == 0
    assert "Note 1 added to batch B2" in capsys.readouterr().out
    assert main(["--db", str(ledger_path), "--lang", "en", "report", "yield"]) == 0
    printed = capsys.readouterr().out
    assert "2026-04-18" in printed and "三龄见脓病，死亡约两成" in printed
    before = table_counts()
    assert main(["--db", str(ledger_path), "--lang", "en", "note", "B2", "x",
                 "--date", "2027-01-01"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert table_counts() == before
