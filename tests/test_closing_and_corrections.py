"""Season close (结账) locks a season against every entry point; corrections are
reversals (红字冲销) that leave both seasons' reports right; the audit trail keeps who,
what, before, after and why."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ledger import audit, book, closing, cli, corrections, db, income, models, vouchers
from ledger.errors import LedgerError, RecordRefused
from ledger.reports import cells
from ledger.reports import statement as statement_report
from ledger.reports import text as text_report

from helpers import build_village, table_counts, valid, voucher_lines

SEASON2 = dict(code="2026-2", name="夏蚕", start="2026-06-01", end="2026-07-10")


def figures(season_code: str, household: str = "H001") -> dict:
    report = income.season_income(income.find_season(season_code))
    party = next(p for p in report.parties if p.code == household)
    return dict(cocoon=party.cocoon_income, net=party.net_income, balance=party.balance,
                grams=party.cocoon_grams)


@pytest.fixture
def village(file_ledger):
    """The hand-made village with a sale and a payment in 2026-1, and season 2026-2."""
    build_village()
    sale = book.record("sales", valid("sales"))  # 88.350 kg x 50.00 = 4417.50
    book.record("payments", valid("payments"))
    book.record("seasons", SEASON2)
    return sale


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_close_locks_the_season_against_the_service_layer_import_and_database(
        village, tmp_path, capsys):
    closing.close("2026-1")
    before = table_counts()
    with pytest.raises(RecordRefused) as refused:
        book.record("leaf", valid("leaf"))
    assert "season 2026-1 is closed" in refused.value.message("en")
    with pytest.raises(RecordRefused) as refused:
        book.record("batches", valid("batches"))
    assert refused.value.errors[0].field == "season"
    leaf = tmp_path / "leaf.csv"
    leaf.write_text("date,batch,supplier,kg,price\n2026-04-20,B1,E01,100,0.50\n", encoding="utf-8")
    assert cli.main(["--db", str(models.database.database), "--lang", "en", "import",
                     str(leaf)]) == 1
    assert "leaf.csv:2: batch: season 2026-1 is closed" in capsys.readouterr().err
    db.open_ledger(models.database.database)  # cli.main closed the connection
    with pytest.raises(LedgerError) as error:
        corrections.amend("sales", village, {"kg": "80"}, "scale was off")
    assert "is closed" in error.value.message("en")
    raw = sqlite3.connect(models.database.database)
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        raw.execute("UPDATE cocoon_sale SET grams = 1 WHERE id = ?", (village,))
    with pytest.raises(sqlite3.IntegrityError, match="season is closed"):
        raw.execute("INSERT INTO charge (date, season_id, amount, household_id, item, seal) "
                    "VALUES ('2026-04-20', 1, 100, 2, 'x', '')")
    raw.close()
    assert table_counts() == before


def test_close_needs_check_to_pass_and_goes_in_order(village):
    with pytest.raises(LedgerError, match="2026-1"):
        closing.close("2026-2")  # the earlier season is still open
    closing.close("2026-1")
    with pytest.raises(LedgerError):
        closing.close("2026-1")
    closing.close("2026-2")
    with pytest.raises(LedgerError) as error:
        closing.reopen("2026-1", "forgot a wage")
    assert "reopen 2026-2 first" in error.value.message("en")
    with pytest.raises(LedgerError):
        closing.reopen("2026-2", " ")
    closing.reopen("2026-2", "a sale was missed")
    assert not income.find_season("2026-2").is_closed


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_close_refused_while_check_finds_a_problem(village):
    raw = sqlite3.connect(models.database.database)
    raw.execute("UPDATE account_balance SET debit = debit + 1 WHERE rowid = 1")
    raw.commit()
    raw.close()
    with pytest.raises(closing.CheckFailed) as failed:
        closing.close("2026-1")
    assert failed.value.findings
    assert not income.find_season("2026-1").is_closed
    raw = sqlite3.connect(models.database.database)
    raw.execute("UPDATE account_balance SET debit = debit - 1 WHERE rowid = 1")
    raw.commit()
    raw.close()


def test_reversal_of_a_closed_season_record_leaves_that_season_as_it_was(village):
    closed_before = figures("2026-1")
    assert closed_before["cocoon"] == 441750
    closing.close("2026-1")
    reversal = corrections.reverse("sales", village, "sold twice by mistake",
                                   date(2026, 6, 15))
    assert figures("2026-1") == closed_before  # the closed season's report is unchanged
    after = figures("2026-2")
    assert after["cocoon"] == -441750 and after["grams"] == -88350
    assert after["balance"] == closed_before["balance"] - 441750
    row = models.CocoonSale.get_by_id(reversal)
    assert (row.season.code, row.date, row.reverses) == ("2026-2", date(2026, 6, 15), village)
    # 红字: the original's lines, negated, on the same sides
    assert voucher_lines("sales", reversal) == [("102", -441750, 0), ("113.H001", 0, -441750)]
    with pytest.raises(LedgerError, match="no open season contains 2030-01-01"):
        corrections.reverse("payments", 1, "x", date(2030, 1, 1))
    with pytest.raises(LedgerError, match="already reversed"):
        corrections.reverse("sales", village, "again", date(2026, 6, 15))
    with pytest.raises(LedgerError, match="itself a reversal"):
        corrections.reverse("sales", reversal, "undo", date(2026, 6, 15))


def test_reversal_in_an_open_season_cancels_on_the_original_date(village):
    corrections.reverse("sales", village, "entered for the wrong household")
    assert figures("2026-1")["cocoon"] == 0
    assert figures("2026-1")["balance"] == -400000  # only the payment remains
    with pytest.raises(LedgerError, match="2030-01-01 is outside it"):
        corrections.reverse("payments", 1, "x", date(2030, 1, 1))


def test_a_reversal_of_an_open_season_record_stays_in_its_season(village):
    before = table_counts()
    with pytest.raises(LedgerError) as refused:  # 2026-2 is open too, but not the sale's
        corrections.reverse("sales", village, "sold twice", date(2026, 6, 15))
    assert refused.value.message("en") == (
        "season 2026-1 (2026-04-01 to 2026-05-15) is open, so the reversal stays in it: give "
        "a --date within it, or none for the record's own date (2026-06-15 is outside it)")
    assert table_counts() == before
    reversal = models.CocoonSale.get_by_id(
        corrections.reverse("sales", village, "sold twice", date(2026, 5, 10)))
    assert (reversal.season.code, reversal.date) == ("2026-1", date(2026, 5, 10))
    assert figures("2026-1")["cocoon"] == 0 and figures("2026-2")["cocoon"] == 0


def test_reverse_date_on_the_command_line(village, capsys):
    path = str(models.database.database)
    models.database.close()
    run = lambda *args: cli.main(["--db", path, "--lang", "en", *args])  # noqa: E731
    assert run("reverse", f"sales:{village}", "--reason", "x", "--date", "2026-06-15") == 1
    assert "season 2026-1 (2026-04-01 to 2026-05-15) is open" in capsys.readouterr().err
    assert run("close", "2026-1") == 0
    assert run("reverse", f"sales:{village}", "--reason", "x", "--date", "2026-06-15") == 0
    assert "in season 2026-2 on 2026-06-15" in capsys.readouterr().out
    db.open_ledger(path)


def test_amend_keeps_the_original_and_links_the_correction(village):
    reversal_id, corrected = corrections.amend("sales", village, {"kg": "80.000"}, "re-weighed")
    assert figures("2026-1")["cocoon"] == 400000
    original, reversal, new = (models.CocoonSale.get_by_id(i)
                               for i in (village, reversal_id, corrected))
    assert original.grams == 88350  # kept as it was
    assert (reversal.reverses, reversal.grams, reversal.amount) == (village, -88350, -441750)
    assert (new.corrects, new.grams, new.amount) == (village, 80000, 400000)
    with pytest.raises(RecordRefused):  # the corrected record obeys the rules
        corrections.amend("sales", corrected, {"kg": "-1"}, "typo")
    with pytest.raises(LedgerError, match="reason"):
        corrections.amend("sales", corrected, {"kg": "81"}, "")
    with pytest.raises(LedgerError, match="cannot amend 'colour'"):
        corrections.amend("sales", corrected, {"colour": "red"}, "x")


def test_statement_shows_corrections_as_such(village):
    added = corrections.amend("sales", village, {"kg": "80.000"}, "re-weighed")
    sheet = statement_report.statement("H001", income.find_season("2026-1"))
    sales = next(section for section in sheet.sections if section.key == "sales")
    assert sales.subtotal == 400000
    original, reversal = (vouchers.number_of("sales", record)
                          for record in (village, added.reversal))
    assert original.startswith("记-2026-") and reversal.startswith("记-2026-")
    notes = [cells.noted(row[3], "en") for row in sales.rows]
    assert notes == [f"上车茧 (reversed by {reversal})", f"上车茧 (reversal of {original})",
                     f"上车茧 (corrects {original})"]
    printed = text_report.sheet_text(sheet, "en")
    for number in (original, reversal):  # a number is never broken over two lines
        assert number in printed
    chinese = text_report.sheet_text(sheet, "zh")
    assert "（红字冲销" in chinese and f"{original}）" in chinese
    assert "丝绸公司" in chinese  # the buyer's name is not squeezed by the note


def test_which_records_a_correction_touched_by_id_and_by_season(village):
    added = corrections.amend("sales", village, {"kg": "80.000"}, "re-weighed")
    other = book.record("sales", valid("sales", kg="10"))
    roles = {village: ("reversed", added.reversal), added.reversal: ("reversal", village),
             added.corrected: ("correction", village)}
    assert corrections.touched("sales", [village, added.reversal, added.corrected, other]) == roles
    assert (corrections.touched("sales", [added.corrected])
            == {added.corrected: roles[added.corrected]})
    assert corrections.in_season("sales", income.find_season("2026-1")) == roles
    assert corrections.in_season("sales", income.find_season("2026-2")) == {}


def test_audit_trail_after_a_sequence_of_changes(village):
    audit.set_operator("会计 李")
    try:
        book.record("charges", valid("charges"))
        _, corrected = corrections.amend("sales", village, {"price": "51"}, "price list")
        closing.close("2026-1")
        closing.reopen("2026-1", "subsidy arrived late")
    finally:
        audit.set_operator(None)
    entries = audit.entries()
    assert [e.action for e in entries][-4:] == ["record", "amend", "close", "reopen"]
    charge, amend, close, reopen = entries[-4:]
    assert charge.operator == "会计 李" and charge.records == "charges:1"
    assert '"amount": "300"' in charge.after
    assert amend.target == f"sales:{village}"
    assert '"price": "50.00"' in amend.before and '"price": "51"' in amend.after
    assert amend.reason == "price list"
    assert (close.target, reopen.reason) == ("2026-1", "subsidy arrived late")
    about_sale = audit.entries("sales", village)
    assert [e.action for e in about_sale] == ["record", "amend"]
    assert audit.entries("sales", corrected)[-1].action == "amend"
    assert audit.entries(since=date(2999, 1, 1)) == []


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_audit_trail_is_append_only(village):
    raw = sqlite3.connect(models.database.database)
    for statement in ("UPDATE change SET operator = 'x'", "DELETE FROM change"):
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            raw.execute(statement)
    raw.close()


def test_log_and_corrections_on_the_command_line(village, capsys):
    path = str(models.database.database)
    models.database.close()
    run = lambda *args: cli.main(["--db", path, "--lang", "en", *args])  # noqa: E731
    assert run("--operator", "王会计", "amend", f"sales:{village}", "kg=80", "--reason",
               "re-weighed") == 0
    reversal = models.CocoonSale.get(models.CocoonSale.reverses == village).id
    corrected = models.CocoonSale.get(models.CocoonSale.corrects == village).id
    assert (f"sales:{village} corrected: reversed by sales:{reversal}, replaced by "
            f"sales:{corrected}.") in capsys.readouterr().out
    assert run("log", "--record", f"售茧:{village}") == 0
    out = capsys.readouterr().out
    assert "王会计" in out and "corrected" in out and "reason: re-weighed" in out
    assert run("reverse", "sales:999", "--reason", "x") == 1
    assert "there is no record sales:999" in capsys.readouterr().err
    assert run("reverse", "bogus", "--reason", "x") == 1
    assert "does not name a record" in capsys.readouterr().err
    assert run("close", "2026-1") == 0
    assert run("check") == 0
    db.open_ledger(path)


def test_csv_round_trip_after_corrections_within_a_season(village, tmp_path):
    """An amended or deleted record of an open season cancels there: the canonical CSV
    leaves the pair out and imports back into the same reports."""
    from ledger.io import csv_import, export

    corrections.amend("sales", village, {"kg": "80"}, "re-weighed")
    corrections.reverse("payments", 1, "paid twice")
    expected = {code: figures(code) for code in ("2026-1", "2026-2")}
    export.export_csv(tmp_path / "out")
    assert export.reversals_kept() == 0
    sales = (tmp_path / "out" / "sales.csv").read_text(encoding="utf-8").splitlines()
    assert sales[1:] == ["2026-05-04,B1,E01,上车茧,80.000,50.00,"]  # only the corrected sale
    path = models.database.database
    models.database.close()
    fresh = db.open_ledger(tmp_path / "again.db", create=True)
    try:
        csv_import.import_files([tmp_path / "out"])
        assert {code: figures(code) for code in ("2026-1", "2026-2")} == expected
    finally:
        fresh.close()
        db.open_ledger(path)


def test_a_closed_season_reversal_is_exported_with_a_warning(village, tmp_path, capsys):
    closing.close("2026-1")
    corrections.reverse("sales", village, "sold twice", date(2026, 6, 15))
    path = str(models.database.database)
    models.database.close()
    assert cli.main(["--db", path, "--lang", "en", "export", "--format", "csv", "-o",
                     str(tmp_path / "out")]) == 0
    assert "1 reversal(s) of closed seasons' records" in capsys.readouterr().err
    assert "-88.350" in (tmp_path / "out" / "sales.csv").read_text(encoding="utf-8")
    db.open_ledger(path)
