"""A general voucher edited or deleted behind the program's back is named by check."""
from __future__ import annotations

import pytest

from helpers import build_village, findings_of, tamper
from ledger import db, models, vouchers

ELECTRICITY = dict(date="2026-04-20", lines=[
    dict(summary="电费", account="513", debit="356.40", credit=""),
    dict(summary="电费", account="102", debit="", credit="356.40")])


@pytest.mark.sqlite_only  # works on the ledger file with sqlite3
def test_a_general_voucher_deleted_outside_the_program_is_named(ledger_path):
    database = db.open_ledger(ledger_path)
    build_village()
    general_id = vouchers.post(ELECTRICITY)
    database.close()
    models.database.initialize(None)
    tamper(ledger_path, f"DELETE FROM voucher_line WHERE voucher_id = {general_id}",
           f"DELETE FROM general_voucher WHERE id = {general_id}")
    found = findings_of(ledger_path)
    assert any(f"is for voucher record {general_id}, which is missing" in line
               for line in found), found
