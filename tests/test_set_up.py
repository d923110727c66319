"""Setting up a new ledger (the setup screen, `silk init`): one transaction through the
service layer, in the audit trail, and nothing written when the season is refused."""
from __future__ import annotations

import pytest

from ledger import audit, book, db, models
from ledger.errors import RecordRefused

SEASON = {"code": "2026-1", "name": "春蚕", "start": "2026-04-01", "end": "2026-05-15"}


def test_set_up_names_the_village_and_records_the_first_season(memory_ledger):
    season_id = book.set_up("桑园村", "桑园村股份经济合作社", SEASON)
    assert db.get_meta("village") == "桑园村"
    assert db.get_meta("collective") == "桑园村股份经济合作社"
    season = models.Season.get_by_id(season_id)
    assert (season.code, season.name, str(season.start)) == ("2026-1", "春蚕", "2026-04-01")
    actions = [entry.action for entry in audit.entries()]
    assert "set_up" in actions and "record" in actions
    named = next(entry for entry in audit.entries() if entry.action == "set_up")
    assert "桑园村" in named.after and named.operator == audit.operator()


def test_set_up_without_a_season_or_collective_names_only_the_village(memory_ledger):
    assert book.set_up("桑园村") is None
    assert db.get_meta("village") == "桑园村" and db.get_meta("collective") == ""
    assert models.Season.select().count() == 0


def test_a_refused_season_leaves_the_ledger_as_it_was(memory_ledger):
    before = len(audit.entries())
    with pytest.raises(RecordRefused):
        book.set_up("桑园村", "", {**SEASON, "end": "2026-03-01"})  # ends before it starts
    assert db.get_meta("village") == ""
    assert models.Season.select().count() == 0
    assert len(audit.entries()) == before
