"""The season the terminal UI opens on (issue 15): not a closed one while another is open."""
from datetime import date

from ledger import book, closing, overview

TODAY = date(2026, 12, 5)
SEASONS = (("2026-1", "2026-04-08", "2026-05-23"), ("2026-2", "2026-06-05", "2026-07-20"),
           ("2026-3", "2026-08-10", "2026-09-24"), ("2027-1", "2027-04-08", "2027-05-23"))


def set_up():
    for code, start, end in SEASONS:
        book.record("seasons", {"code": code, "name": code, "start": start, "end": end})


def test_the_season_begun_last_while_it_is_open(memory_ledger):
    set_up()
    assert overview.season_to_open(TODAY).code == "2026-3"


def test_once_it_is_closed_the_next_season_set_up(memory_ledger):
    """In December, with the autumn closed and next spring set up: next spring."""
    set_up()
    for code in ("2026-1", "2026-2", "2026-3"):
        closing.close(code)
    assert overview.current_season(TODAY).code == "2026-3"
    assert overview.season_to_open(TODAY).code == "2027-1"


def test_a_season_closed_before_the_current_one_changes_nothing(memory_ledger):
    set_up()
    closing.close("2026-1")
    assert overview.season_to_open(date(2027, 4, 20)).code == "2027-1"
    assert overview.season_to_open(TODAY).code == "2026-3"


def test_every_season_closed_the_one_begun_last(memory_ledger):
    set_up()
    for code, _, _ in SEASONS:
        closing.close(code)
    assert overview.season_to_open(TODAY).code == "2026-3"
