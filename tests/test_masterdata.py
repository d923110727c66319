"""Changing master data: what the accountant sees changed, what the audit trail keeps, and
what is refused with the ledger left as it was."""
from __future__ import annotations

import json

import pytest

from helpers import build_village, table_counts, valid
from ledger import audit, book, check, closing, masterdata, models
from ledger.errors import LedgerError, RecordRefused


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def household(code: str) -> models.Party:
    return models.Party.get(models.Party.code == code)


def batch(code: str) -> models.Batch:
    return models.Batch.get(models.Batch.code == code)


def snapshot() -> dict:
    """Every row of the master tables and the audit trail, to show a refusal wrote nothing."""
    return {model.__name__: list(model.select().tuples())
            for model in (models.Party, models.Season, models.Batch, models.Change)}


def refused(kind: str, code: str, changes: dict, reason: str = "typo") -> str:
    before = snapshot()
    with pytest.raises(LedgerError) as raised:
        masterdata.edit(kind, code, changes, reason)
    assert snapshot() == before
    return raised.value.message("en")


def test_a_households_phone_and_shares_change_with_the_old_values_audited():
    changed = masterdata.edit("households", "H002", {"phone": "13900000002", "shares": "2.5"},
                              "new phone; shares bought")
    assert changed == {"phone": ("", "13900000002"), "shares": ("", "2.5")}
    row = household("H002")
    assert (row.phone, row.shares, row.name) == ("13900000002", 2500, "李明")
    entry = audit.entries()[-1]
    assert (entry.action, entry.kind, entry.target, entry.reason) == (
        "edit", "households", "households:H002", "new phone; shares bought")
    assert json.loads(entry.before) == {"phone": "", "shares": ""}
    assert json.loads(entry.after) == {"phone": "13900000002", "shares": "2.5"}
    assert check.run() == []  # the row was sealed again


def test_a_value_given_as_it_is_changes_nothing_and_is_not_audited():
    entries = len(audit.entries())
    assert masterdata.edit("households", "H001", {"name": "张国华", "shares": "1.500"}, "x") == {}
    assert len(audit.entries()) == entries


def test_a_batch_gets_its_mount_and_harvest_dates_weeks_after_hatching():
    changed = masterdata.edit("batches", "B2", {"mount": "2026-04-27", "harvest": "2026-05-03",
                                                "sheets": "1.75", "breed": "菁松×皓月"}, "上蔟了")
    assert set(changed) == {"mount", "harvest", "sheets", "breed"}
    row = batch("B2")
    assert (row.mount.isoformat(), row.harvest.isoformat(), row.sheets, row.breed) == (
        "2026-04-27", "2026-05-03", 175, "菁松×皓月")


def test_bad_values_are_refused_by_the_same_rules_as_a_new_row():
    assert "harvest" in refused("batches", "B2", {"mount": "2026-04-27", "harvest": "2026-04-20"})
    assert "2026-06-01" in refused("batches", "B2", {"mount": "2026-06-01"})  # outside the season
    assert "sheets" in refused("batches", "B2", {"sheets": "1.255"})  # three decimals
    assert "shares" in refused("households", "H001", {"shares": "-1"})


def test_codes_and_links_cannot_be_changed():
    message = refused("households", "H001", {"code": "H009"})
    assert "code" in message and "cannot be changed" in message
    assert "owner" in refused("batches", "B1", {"owner": "H002"})


def test_a_change_needs_a_reason():
    assert "why" in refused("households", "H001", {"phone": "1"}, reason=" ")


def test_a_code_that_is_not_of_that_kind_is_named():
    assert "no household with code E01" in refused("households", "E01", {"name": "x"})
    assert "no batch with code B404" in refused("batches", "B404", {"sheets": "1"})


def test_a_closed_seasons_batches_and_dates_do_not_change():
    closing.close("2026-1")
    assert "closed" in refused("batches", "B1", {"sheets": "3"})
    assert "closed" in refused("seasons", "2026-1", {"end": "2026-05-20"})
    # a household's phone is no figure of a closed season: it changes
    masterdata.edit("households", "H001", {"phone": "13800000009"}, "new phone")
    assert household("H001").phone == "13800000009"


def test_a_seasons_new_dates_must_hold_its_records_and_not_overlap_another():
    book.record("sales", valid("sales", date="2026-05-04"))
    message = refused("seasons", "2026-1", {"end": "2026-05-03"})
    assert "2026-05-04" in message
    book.record("seasons", valid("seasons"))  # 2026-2 from 2026-06-01
    assert "2026-2" in refused("seasons", "2026-1", {"end": "2026-06-05"})
    masterdata.edit("seasons", "2026-1", {"name": "春蚕（第一批）", "end": "2026-05-20"}, "延长")
    season = models.Season.get(models.Season.code == "2026-1")
    assert (season.name, season.end.isoformat()) == ("春蚕（第一批）", "2026-05-20")


def test_every_refusal_leaves_the_table_counts_as_they_were():
    sizes = table_counts()
    with pytest.raises(RecordRefused):
        masterdata.edit("households", "H001", {"name": ""}, "blank")
    assert table_counts() == sizes
