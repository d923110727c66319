"""The rearing calendar proposes the next real season (issue 15: the first-run screen
offered "春蚕" starting on the day, in December)."""
from datetime import date

from ledger import demo, i18n, rearing


def test_in_december_the_next_round_is_next_years_spring():
    proposed = rearing.next_round(date(2026, 12, 5))
    assert proposed.code == "2027-1" and proposed.round.key == "round.spring"
    assert (proposed.start, proposed.end) == (date(2027, 4, 8), date(2027, 5, 23))
    assert i18n.t(proposed.round.key, "zh") == "春蚕"


def test_a_round_under_way_is_proposed_and_then_the_next_one():
    assert rearing.next_round(date(2026, 4, 20)).code == "2026-1"
    assert rearing.next_round(date(2026, 5, 24)).code == "2026-2"
    assert rearing.next_round(date(2026, 7, 30)).code == "2026-3"
    assert rearing.next_round(date(2026, 1, 1)).code == "2026-1"


def test_the_demo_village_rears_on_the_same_calendar():
    assert demo.ROUNDS == (("春蚕", (4, 8)), ("夏蚕", (6, 5)), ("秋蚕", (8, 10)))
