"""Each party's season figures are kept as records are written (schema 9, `season_flow`),
so a season's report and a township's sum read them instead of the season's records.
Here they are checked against sums written apart from the program, through a record,
its reversal, a correction and payments each way; a hand edit of a kept figure is named
by `check`; and a ledger of schema 8 is upgraded with its figures summed."""
from __future__ import annotations

import pytest

from helpers import build_village, undo_posting_index, valid
from ledger import audit, book, check, corrections, db, income, models

SEASON = "2026-1"


def by_hand(season_code: str) -> dict[tuple[str, str], int]:
    """(party code, figure) -> fen or grams, summed from the records in plain SQL."""
    party_of_batch = 'JOIN batch b ON b.id = r.batch_id JOIN party p ON p.id = b.owner_id'
    queries = {
        "cocoon_income": f"SELECT p.code, SUM(r.amount) FROM cocoon_sale r {party_of_batch}",
        "cocoon_grams": f"SELECT p.code, SUM(r.grams) FROM cocoon_sale r {party_of_batch}",
        "leaf_cost": f"SELECT p.code, SUM(r.amount) FROM leaf_delivery r {party_of_batch}",
        "input_cost": f"SELECT p.code, SUM(r.amount) FROM input r {party_of_batch}",
        "wage_income": "SELECT p.code, SUM(r.amount) FROM wage r "
                       "JOIN party p ON p.id = r.household_id",
        "charge_cost": "SELECT p.code, SUM(r.amount) FROM charge r "
                       "JOIN party p ON p.id = r.household_id",
        "paid": "SELECT p.code, SUM(CASE r.direction WHEN 'to_household' THEN r.amount "
                "ELSE 0 - r.amount END) FROM payment r JOIN party p ON p.id = r.household_id",
    }
    found = {}
    for figure, query in queries.items():
        sql = (f"{query} JOIN season s ON s.id = r.season_id WHERE s.code = %s "
               f"GROUP BY p.code")
        if models.database.param == "?":
            sql = sql.replace("%s", "?")
        for code, total in models.database.execute_sql(sql, (season_code,)).fetchall():
            if total:
                found[(code, figure)] = int(total)
    return found


def reported(season_code: str) -> dict[tuple[str, str], int]:
    report = income.season_income(income.find_season(season_code))
    figures = ("cocoon_income", "cocoon_grams", "leaf_cost", "input_cost", "wage_income",
               "charge_cost", "paid")
    return {(party.code, figure): getattr(party, figure)
            for party in report.parties for figure in figures if getattr(party, figure)}


def test_records_reversals_and_corrections_keep_each_figure_to_the_fen(memory_ledger):
    build_village()
    sale = book.record("sales", valid("sales", kg="88.35", price="50"))
    book.record("sales", valid("sales", batch="B2", kg="40", price="48.5", deduction="12"))
    book.record("leaf", valid("leaf", kg="120", price="0.45"))
    book.record("inputs", valid("inputs"))
    book.record("wages", valid("wages"))
    book.record("charges", valid("charges"))
    book.record("payments", valid("payments", amount="1000"))
    book.record("payments", valid("payments", direction="from_household", amount="250.50"))
    corrections.reverse("sales", sale, "称重有误")
    leaf = models.LeafDelivery.select(models.LeafDelivery.id).scalar()
    corrections.amend("leaf", leaf, {"kg": "130"}, "补记")

    expected = by_hand(SEASON)
    assert ("H001", "cocoon_income") not in expected  # the sale and its reversal cancel
    assert expected[("H002", "cocoon_income")] == 194000 - 1200
    assert expected[("H002", "cocoon_grams")] == 40000
    assert expected[("H001", "paid")] == 100000 - 25050
    assert expected[("H001", "leaf_cost")] == 5850  # 130 kg × 0.45, the correction's
    assert reported(SEASON) == expected
    assert check.run() == []


def test_a_hand_edit_of_a_kept_figure_is_named_by_check(memory_ledger):
    build_village()
    book.record("sales", valid("sales"))
    edit = "UPDATE season_flow SET value = value {} 100 WHERE figure = 'cocoon_income'"
    models.database.execute_sql(edit.format("+"))
    messages = [finding.message("en") for finding in check.run()]
    assert "kept figure cocoon_income of H001 in season 2026-1 differs from its records" \
        in messages
    models.database.execute_sql(edit.format("-"))  # (the books sound again, as left)


def test_a_schema_8_ledger_is_upgraded_with_its_season_figures_summed(ledger_path):
    """On both stores (a server's ledgers too were at schema 8)."""
    database = db.open_ledger(ledger_path)
    try:
        build_village()
        for kg in ("10", "20.5", "7.25"):
            book.record("sales", valid("sales", kg=kg))
        book.record("payments", valid("payments", direction="from_household", amount="30"))
        book.record("wages", valid("wages"))
        before = reported(SEASON)
        assert before == by_hand(SEASON)
        undo_posting_index(database.connection())  # schema 9
        database.execute_sql('DROP TABLE "season_flow"')  # schema 8: none kept
        database.execute_sql("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
        database.close()
        models.database.initialize(None)
        database = db.open_ledger(ledger_path)
        assert db.schema_version(database) == db.SCHEMA_VERSION == 12
        assert audit.entries()[-1].target == "schema 8 -> 12"
        assert reported(SEASON) == before
        assert check.run() == []
        book.record("sales", valid("sales", kg="1"))  # and kept from there on
        assert reported(SEASON)[("H001", "cocoon_grams")] == before[("H001", "cocoon_grams")] \
            + 1000
        assert check.run() == []
    finally:
        database.close()
        models.database.initialize(None)


@pytest.mark.parametrize("kept_keys", [2, book.KEPT_KEYS])
def test_a_write_of_many_flushes_keeps_every_sum(memory_ledger, monkeypatch, kept_keys):
    """A long write folds its kept sums once at its end, or whenever they grow past
    KEPT_KEYS: either way every balance and figure is the records' sum."""
    build_village()
    monkeypatch.setattr(book, "FLUSH_ROWS", 4)
    monkeypatch.setattr(book, "KEPT_KEYS", kept_keys)
    rows = [("sales", [(f"sales.csv:{n + 2}", valid("sales", batch=("B1", "B2")[n % 2],
                                                     kg=f"{10 + n}.5", price="48"))
                       for n in range(9)]),
            ("leaf", [(f"leaf.csv:{n + 2}", valid("leaf", kg=str(20 + n), price="0.45"))
                      for n in range(7)]),
            ("payments", [(f"payments.csv:{n + 2}",
                           valid("payments", amount=f"{100 + n}.25",
                                 direction=("to_household", "from_household")[n % 2]))
                          for n in range(5)])]
    book.record_many(rows)
    expected = by_hand(SEASON)
    assert expected[("H002", "cocoon_grams")] == sum((10 + n) * 1000 + 500
                                                    for n in range(1, 9, 2))
    assert reported(SEASON) == expected
    assert check.run() == []
