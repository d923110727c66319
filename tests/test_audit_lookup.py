"""The audit trail looked up by household (issue 15): every entry touching a household's
records, its batches' or its own row, worked out by SQLite, a page at a time."""
from ledger import audit, book, corrections, masterdata

from helpers import build_village, valid

KINDS = ("leaf", "sales", "inputs", "wages", "charges", "subsidies", "payments")


def test_a_households_entries_and_no_others(memory_ledger):
    build_village()
    mine = {kind: book.record(kind, valid(kind)) for kind in KINDS}
    theirs = []
    book.record("charges", valid("charges", household="H002"))
    theirs.append(audit.entries(limit=1)[0].id)
    book.record("leaf", valid("leaf", batch="B2"))
    theirs.append(audit.entries(limit=1)[0].id)
    masterdata.edit("households", "H001", {"phone": "13900000000"}, "new phone")
    masterdata.edit("households", "H002", {"phone": "13900000002"}, "new phone")
    theirs.append(audit.entries(limit=1)[0].id)
    corrections.reverse("sales", mine["sales"], "typo")

    found = audit.entries(household="H001")
    actions = [(entry.action, entry.kind) for entry in found]
    # the village's files (households, batches) touched H001's rows too
    assert {kind for _, kind in actions} >= {*KINDS, "households", "batches"}
    assert ("edit", "households") in actions and ("reverse", "sales") in actions
    assert not {entry.id for entry in found} & set(theirs)
    assert set(theirs) <= {entry.id for entry in audit.entries(household="H002")}
    assert audit.entries(household="H999") == []


def test_pages_by_keyset(memory_ledger):
    build_village()
    for day in range(1, 13):
        book.record("charges", valid("charges", date=f"2026-04-{day:02d}"))
    everything = audit.entries(household="H001")
    newest = audit.entries(household="H001", limit=5)
    older = audit.entries(household="H001", limit=5, before=newest[0].id)
    assert newest == everything[-5:] and older == everything[-10:-5]
