"""What a book's line shows of a voucher beside its number (its record's batch or party
and detail, and a voucher of two postings its two accounts, for 对方科目) is kept with the
number when the voucher is posted (schema 12). Here it is computed apart from the program,
from the records' own tables and the postings; the books read the same from it; a value
changed behind the program's back is named by check; and a ledger of schema 11 gets it
on upgrade. On both stores."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from helpers import build_village, undo_described, valid
from ledger import audit, book, books, check, corrections, db, models, vouchers

from test_general_vouchers import ELECTRICITY, line

#: Per record kind, by hand: its table, the column of the batch or party a book names,
#: and the column of its detail.
BY_HAND = {"leaf": ("leaf_delivery", "batch_id", None),
           "sales": ("cocoon_sale", "batch_id", None),
           "inputs": ("input", "batch_id", "item"),
           "wages": ("wage", "household_id", "task"),
           "charges": ("charge", "household_id", "item"),
           "subsidies": ("subsidy", "recipient_id", "source"),
           "payments": ("payment", "household_id", None)}

#: Paid from the bank for the workshop and the road lights at once: three lines.
SPLIT_BILL = dict(date="2026-05-20", attachments="2", lines=[
    line("513", debit="100", summary="5月电费"), line("514", debit="200", summary="路灯电费"),
    line("102", credit="300", summary="付5月电费")])


def by_hand() -> dict[int, tuple]:
    """voucher id -> (batch or party, detail, first account, second account), from the
    tables themselves with plain SQL."""
    execute, param = models.database.execute_sql, models.database.param
    postings = defaultdict(list)
    for voucher, account in execute('SELECT voucher_id, account_id FROM posting ORDER BY id'):
        postings[voucher].append(account)
    found = {}
    for voucher, kind, record in execute("SELECT id, kind, record_id FROM voucher").fetchall():
        subject = detail = None
        if kind in BY_HAND:
            table, who, text = BY_HAND[kind]
            subject, detail = execute(f'SELECT {who}, {text or "NULL"} FROM "{table}" '
                                      f"WHERE id = {param}", (record,)).fetchone()
        pair = postings[voucher] if len(postings[voucher]) == 2 else [None, None]
        found[voucher] = (subject, detail, *pair)
    return found


def kept() -> dict[int, tuple]:
    N = models.VoucherNumber
    return {voucher: tuple(rest) for voucher, *rest in
            N.select(N.voucher, N.subject, N.detail, N.first_account, N.second_account).tuples()}


def a_season_of_every_kind() -> dict[str, int]:
    """A record of every kind, a correction, and two general vouchers, one of them of
    three lines: the records' ids by kind."""
    build_village()
    ids = {kind: book.record(kind, valid(kind)) for kind in BY_HAND}
    corrections.reverse("charges", ids["charges"], "录错")
    vouchers.post(ELECTRICITY)
    vouchers.post(SPLIT_BILL)
    return ids


def shown(code: str) -> list[tuple[str, str, str]]:
    """(number, 摘要, 对方科目) of each line of `code`'s book of 2026, as printed."""
    ledger = books.account_ledger(code, date(2026, 1, 1), date(2026, 12, 31), "zh")
    return [(entry.number, entry.summary, entry.counter) for entry in ledger.lines]


def open_again(address):
    models.database.obj.close()
    return db.open_ledger(address)


def test_each_voucher_keeps_what_its_record_and_its_postings_say(ledger_path):
    database = db.open_ledger(ledger_path)
    try:
        a_season_of_every_kind()
        assert kept() == by_hand() and len(kept()) == len(BY_HAND) + 3
        wage = models.Voucher.get(models.Voucher.kind == "wages").id
        h001 = models.Party.get(models.Party.code == "H001").id
        assert kept()[wage][:2] == (h001, "小蚕共育")
        assert check.run() == []
        bank = shown("102")
        assert ("记-2026-05-0003", "付5月电费", "513 等") in bank  # three lines: their sides
        assert [line for line in bank if line[1].startswith("售茧")] == [
            ("记-2026-05-0001", "售茧 B1 张国华", "113.H001")]
        assert shown("514") == [("记-2026-05-0003", "路灯电费", "102")]
    finally:
        database.close()
        models.database.initialize(None)


def test_a_description_changed_outside_the_program_is_named_by_check(ledger_path):
    database = db.open_ledger(ledger_path)
    try:
        a_season_of_every_kind()
        V, N = models.Voucher, models.VoucherNumber
        sale = V.get(V.kind == "sales").id
        wage = V.get(V.kind == "wages").id
        bill = max(kept())  # the split bill, posted last
        numbers = vouchers.numbers([sale, wage, bill])
        # as someone with a database shell would: no rule of the program stops them
        N.update(detail="看护").where(N.voucher == wage).execute()
        N.update(second_account=N.first_account).where(N.voucher == sale).execute()
        N.update(first_account=1).where(N.voucher == bill).execute()  # three lines: none
        database = open_again(ledger_path)
        said = "what the books show of it (its batch or party, its detail, 对方科目) is kept " \
               "otherwise than its record and postings say"
        assert [finding.message("en") for finding in check.run()] == [
            f"voucher {voucher} ({numbers[voucher]}): {said}"
            for voucher in sorted((sale, wage, bill))]
        N.update(subject=-5).execute()
        everything = len(kept())
        findings = [finding.message("zh") for finding in check.run()]
        assert len(findings) == 6 and findings[-1] == (
            f"另有 {everything - 5} 张凭证在账簿中记载的摘要或对方科目与其记录和分录不符")
    finally:
        database.close()
        models.database.initialize(None)


def test_a_ledger_of_schema_11_gets_what_its_books_showed(ledger_path):
    database = db.open_ledger(ledger_path)
    try:
        a_season_of_every_kind()
        before = {code: shown(code) for code in ("101", "102", "113", "513")}
        expected = by_hand()
        undo_described(database.connection())
        database = open_again(ledger_path)
        assert db.schema_version(database) == db.SCHEMA_VERSION == 12
        assert audit.entries()[-1].target == "schema 11 -> 12"
        assert kept() == expected
        assert {code: shown(code) for code in before} == before
        assert check.run() == []
        vouchers.post({**ELECTRICITY, "date": "2026-06-02"})  # and kept from there on
        assert kept() == by_hand()
    finally:
        database.close()
        models.database.initialize(None)

