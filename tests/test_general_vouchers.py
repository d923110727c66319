"""General vouchers (记账凭证): posted, numbered, refused and reversed as an accountant
would expect, the ledger unchanged after every refusal and sound after every write."""
from __future__ import annotations

import pytest

from helpers import build_village, table_counts, valid
from ledger import audit, book, check, closing, models, vouchers
from ledger.errors import LedgerError, RecordRefused


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def line(account: str, debit: str = "", credit: str = "", summary: str = "电费") -> dict:
    return dict(summary=summary, account=account, debit=debit, credit=credit)


ELECTRICITY = dict(date="2026-04-20", attachments="1", lines=[
    line("513", debit="356.40", summary="4月育蚕车间电费"), line("102", credit="356.40")])


def journal(general_id: int) -> list[tuple[str, int, int]]:
    V, P, A = models.Voucher, models.Posting, models.Account
    return list(P.select(A.code, P.debit, P.credit).join(V).switch(P).join(A)
                .where((V.kind == "vouchers") & (V.record_id == general_id))
                .order_by(P.id).tuples())


def refused(values: dict) -> list[str]:
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        vouchers.post(values)
    assert table_counts() == before
    return [error.message("en") for error in raised.value.errors]


def test_an_electricity_bill_posts_its_lines_and_is_audited():
    general_id = vouchers.post(ELECTRICITY)
    assert journal(general_id) == [("513", 35640, 0), ("102", 0, 35640)]
    stored = models.GeneralVoucher.get_by_id(general_id)
    assert ((stored.date.isoformat(), stored.attachments, stored.source)
            == ("2026-04-20", 1, "entry"))
    assert [line.summary for line in stored.lines.order_by(models.VoucherLine.id)] == [
        "4月育蚕车间电费", "电费"]
    assert audit.entries()[-1].action == "voucher"
    assert check.run() == []


def test_a_voucher_of_many_lines_to_sub_accounts_the_accountant_needs():
    general_id = vouchers.post(dict(date="2026-04-30", lines=[
        line("513", debit="100"), line("511.02", debit="250.50"), line("101", credit="350.50")]))
    assert journal(general_id) == [("513", 10000, 0), ("511.02", 25050, 0), ("101", 0, 35050)]


def test_numbers_count_every_voucher_of_the_month_in_posting_order():
    sale = book.record("sales", valid("sales", date="2026-04-25"))  # a record's voucher, April
    first = vouchers.post(ELECTRICITY)
    may = vouchers.post({**ELECTRICITY, "date": "2026-05-02"})
    late_april = vouchers.post({**ELECTRICITY, "date": "2026-04-02"})
    V = models.Voucher

    def journal_id(general_id):
        return V.get((V.kind == "vouchers") & (V.record_id == general_id)).id

    sale_voucher = V.get((V.kind == "sales") & (V.record_id == sale)).id
    assert vouchers.numbers([sale_voucher, journal_id(first), journal_id(may),
                             journal_id(late_april)]) == {
        sale_voucher: "记-2026-04-0001", journal_id(first): "记-2026-04-0002",
        journal_id(may): "记-2026-05-0001", journal_id(late_april): "记-2026-04-0003"}


def test_an_unbalanced_voucher_is_refused_with_both_totals():
    assert refused({**ELECTRICITY, "lines": [line("513", debit="356.40"),
                                             line("102", credit="356.00")]}) == [
        "voucher: lines: debits 356.40 and credits 356.00 differ: a voucher must balance"]


def test_one_line_is_not_a_voucher():
    assert refused({**ELECTRICITY, "lines": [line("513", debit="1")]}) == [
        "voucher: lines: a voucher needs at least two lines"]


@pytest.mark.parametrize("bad, message", [
    (line("513", debit="0"), "debit: must be greater than zero"),
    (line("513", debit="-5"), "debit"),
    (line("513", debit="1.005"), "debit"),
    (line("513", debit="5", credit="5"), "fill exactly one of debit or credit"),
    (line("513"), "fill exactly one of debit or credit"),
    (line("999", debit="5"), "there is no account 999"),
    (line("511", debit="5"), "account 511 has sub-accounts"),
    (line("321", debit="5"), "account 321 is posted only by the year-end close"),
    (line("322.02", debit="5"), "account 322.02 is posted only by the year-end close"),
])
def test_a_bad_line_is_named_by_its_place_and_reason(bad, message):
    problems = refused({**ELECTRICITY, "lines": [bad, line("102", credit="5")]})
    assert any(message in problem and problem.startswith("line 1: ") for problem in problems), \
        problems


def test_a_voucher_on_a_household_in_a_closed_season_is_refused():
    closing.close("2026-1")
    assert refused(dict(date="2026-05-01", lines=[line("113.H001", debit="50"),
                                                  line("101", credit="50")])) == [
        "voucher: date: 2026-05-01 lies in season 2026-1, which is closed: a voucher on a "
        "household's account cannot change its signed settlement sheet"]
    vouchers.post({**ELECTRICITY, "date": "2026-05-01"})  # the collective's own bill is fine


def test_a_reversal_negates_every_line_and_cannot_be_repeated():
    general_id = vouchers.post(ELECTRICITY)
    reversal = vouchers.reverse(general_id, "billed twice")
    assert journal(reversal) == [("513", -35640, 0), ("102", 0, 35640 * -1)]
    assert models.GeneralVoucher.get_by_id(reversal).reverses == general_id
    with pytest.raises(LedgerError) as raised:
        vouchers.reverse(general_id, "again")
    assert "already" in raised.value.message("en")
    assert check.run() == []


def test_many_vouchers_from_a_file_are_all_or_nothing():
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        vouchers.post_many([("vouchers.csv:2", ELECTRICITY),
                            ("vouchers.csv:4", {**ELECTRICITY, "lines": [line("513", debit="1")]})])
    assert [e.where for e in raised.value.errors] == ["vouchers.csv:4"]
    assert table_counts() == before
    assert len(vouchers.post_many([("vouchers.csv:2", ELECTRICITY)] * 3)) == 3


def test_a_voucher_on_a_household_counts_in_its_balance_from_its_date():
    from ledger import income

    book.record("sales", valid("sales", batch="B1", kg="10", price="50"))  # 500.00 owed to H001
    book.record("seasons", valid("seasons"))  # 2026-2, from 2026-06-01
    # H001 borrows 120.00 in cash between the seasons: the collective is owed it back
    vouchers.post(dict(date="2026-05-20", lines=[line("113.H001", debit="120", summary="借款"),
                                                  line("101", credit="120")]))

    def balance(code: str, party: str = "H001") -> int:
        report = income.season_income(income.find_season(code))
        return next(p.balance for p in report.parties if p.code == party)

    assert balance("2026-1") == 50000  # the loan is dated after 2026-1 ended
    assert balance("2026-2") == 50000 - 12000
    assert check.run() == []


def test_the_trial_balance_of_a_season_counts_the_vouchers_dated_in_it():
    from ledger import balances

    vouchers.post(ELECTRICITY)
    season = models.Season.get(models.Season.code == "2026-1")
    rows = {row.code: row for row in balances.trial_balance(season).rows}
    assert (rows["513"].debit, rows["102"].credit) == (35640, 35640)
    assert balances.trial_balance(season).balanced



def test_numbers_of_many_vouchers_are_read_in_one_query(monkeypatch):
    posted = [vouchers.post({**ELECTRICITY, "date": day})
              for day in ("2026-04-03", "2026-05-09", "2026-04-01", "2026-06-30", "2026-05-01")]
    V = models.Voucher
    journal_ids = [V.get((V.kind == "vouchers") & (V.record_id == general_id)).id
                   for general_id in posted]
    statements = []
    execute = models.database.execute_sql
    monkeypatch.setattr(models.database.obj, "execute_sql",
                        lambda sql, *args, **kw: statements.append(sql) or execute(sql, *args,
                                                                                   **kw))
    found = vouchers.numbers(journal_ids)
    assert len(statements) == 1  # the numbers kept when each was posted
    assert [found[voucher_id] for voucher_id in journal_ids] == [
        "记-2026-04-0001", "记-2026-05-0001", "记-2026-04-0002", "记-2026-06-0001",
        "记-2026-05-0002"]
    assert vouchers.by_number("记-2026-05-0002") == ("vouchers", posted[4])
    assert vouchers.by_number("记-2026-05-0003") is None
