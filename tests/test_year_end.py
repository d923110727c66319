"""The year-end close (年终结账): a village's year of three closed seasons and general
vouchers closed with a reserve and a members' amount, every closing voucher checked to
the fen against figures worked out here from what was posted; reopening restores every
balance; every bad input refused with nothing written."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import read_only_ledger
from helpers import SEASON, ok, refused, rows, silk, table_counts, valid, village_groups
from ledger import audit, book, check, closing, db, models, vouchers, year_end
from ledger.errors import LedgerError, RecordRefused

SEASONS = (("2026-1", "2026-04-01", "2026-05-15"), ("2026-2", "2026-06-01", "2026-07-10"),
           ("2026-3", "2026-08-01", "2026-09-30"))
#: Shares in thousandths: 1.500, 2.000, none, 0.333, 0.333.
SHARES = {"H001": "1.5", "H002": "2", "H003": "0.333", "H004": "0", "H005": "0.333"}


def village() -> None:
    """The helpers' village with five households holding SHARES and three seasons of
    2026, each with records that move the collective's income and expense."""
    groups = dict(village_groups())
    groups["households"] = rows(*(dict(code=code, name=f"户{code}", group="一组", shares=shares)
                                  for code, shares in SHARES.items()))
    groups["seasons"] = rows(*(dict(code=code, name=code, start=start, end=end)
                               for code, start, end in SEASONS))
    book.record_many(list(groups.items()))
    for code, start, _ in SEASONS:
        day = start[:8] + "10"
        book.record("charges", valid("charges", season=code, date=day, amount="300"))
        book.record("subsidies", valid("subsidies", season=code, date=day, recipient="COLLECTIVE",
                                       amount="200"))
        book.record("wages", valid("wages", season=code, date=day, quantity="2", rate="100"))
    book.record("inputs", valid("inputs", batch="BC", amount="110"))
    book.record("leaf", valid("leaf", supplier="COLLECTIVE", kg="100", price="0.50"))


def line(account: str, debit: str = "", credit: str = "") -> dict:
    return dict(summary="测试", account=account, debit=debit, credit=credit)


#: General vouchers of 2026 (and one of 2027, which the close of 2026 leaves alone).
GENERAL = [
    ("2026-02-10", [line("101", debit="1234.63"), line("504", credit="1234.63")]),
    ("2026-03-05", [line("102", debit="5000"), line("503", credit="5000")]),
    ("2026-04-01", [line("102", debit="50000"), line("201", credit="50000")]),
    ("2026-06-20", [line("513", debit="356.40"), line("102", credit="356.40")]),
    ("2026-10-15", [line("514", debit="800"), line("515", debit="45.45"),
                    line("102", credit="845.45")]),
    ("2026-11-30", [line("511.02", debit="123.45"), line("101", credit="123.45")]),
    ("2026-12-20", [line("521", debit="99.99"), line("214", credit="99.99")]),
    ("2026-12-31", [line("101", debit="10.01"), line("501.02", credit="10.01")]),
    ("2027-01-05", [line("101", debit="77.77"), line("504", credit="77.77")]),
]

#: The year's income and expense by account, in fen, from the records and vouchers above.
INCOME = {"501.02": 100 * 50 + 1001,      # leaf sold by the collective, and a voucher
          "501.03": 3 * 30000,            # the three seasons' charges
          "503": 3 * 20000 + 500000,      # subsidies to the collective, and a grant
          "504": 123463}
EXPENSE = {"511.02": 11000 + 12345, "511.03": 3 * 2 * 10000, "513": 35640, "514": 80000,
           "515": 4545, "521": 9999}
NET = sum(INCOME.values()) - sum(EXPENSE.values())
MEMBERS = 100001  # 1000.01 yuan: one fen left over, between two equal remainders
#: floor(M·s/S) with S = 4166, and the fen left to the largest remainder, the tie
#: between H003 and H005 going to the smaller code.
DIVIDENDS = {"H001": 36006, "H002": 48008, "H003": 7994, "H005": 7993}


def reserve_of(net: int, percent_hundredths: int) -> int:
    """percent of net, half up to the fen, worked out in whole numbers."""
    return (2 * net * percent_hundredths + 10000) // 20000 if net > 0 else 0


def make_year() -> None:
    """The village's year: its records, the general vouchers above, every season closed."""
    village()
    for day, lines in GENERAL:
        vouchers.post(dict(date=day, lines=lines))
    for code, _, _ in SEASONS:
        closing.close(code)


@pytest.fixture
def year(memory_ledger):
    """The year, for a test that closes it or writes otherwise."""
    make_year()
    return memory_ledger


#: The same year, built once for the tests that only plan a close or are refused one.
_built, open_year = read_only_ledger("open_year", make_year)


def journal_sums(upto: str) -> dict[str, tuple[int, int]]:
    """Each account's (debits, credits) up to a day, read straight from the postings."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    query = (Posting.select(Account.code, Posting.debit, Posting.credit).join(Voucher)
             .switch(Posting).join(Account).where(Voucher.date <= date.fromisoformat(upto)))
    found: dict[str, list[int]] = {}
    for code, debit, credit in query.tuples():
        sums = found.setdefault(code, [0, 0])
        sums[0] += debit
        sums[1] += credit
    return {code: (debit, credit) for code, (debit, credit) in found.items() if debit or credit}


def closing_lines() -> list[tuple[str, list[tuple[str, int, int]]]]:
    """Each standing closing voucher's summary and lines (account, debit, credit)."""
    GeneralVoucher, VoucherLine, Account = models.GeneralVoucher, models.VoucherLine, models.Account
    found = []
    for general_id in year_end.closing_vouchers(2026):
        stored = GeneralVoucher.get_by_id(general_id)
        assert (stored.date, stored.source) == (date(2026, 12, 31), "closing")
        lines = list(VoucherLine.select(VoucherLine.summary, Account.code, VoucherLine.debit,
                                        VoucherLine.credit).join(Account)
                     .where(VoucherLine.voucher == general_id).order_by(VoucherLine.id).tuples())
        found.append((lines[0][0], [line[1:] for line in lines]))
    return found


def expected_vouchers() -> list[tuple[str, list[tuple[str, int, int]]]]:
    reserve = reserve_of(NET, 1000)
    carried = sorted([(code, amount, 0) for code, amount in INCOME.items()]
                     + [(code, 0, amount) for code, amount in EXPENSE.items()])
    distributed = reserve + MEMBERS
    return [
        ("结转本年损益", carried + [("321", 0, NET)]),
        ("结转本年收益", [("321", NET, 0), ("322.02", 0, NET)]),
        ("收益分配", [("322.01", distributed, 0), ("311", 0, reserve)]
         + [(f"113.{code}", 0, amount) for code, amount in DIVIDENDS.items()]),
        ("结转各项分配", [("322.02", distributed, 0), ("322.01", 0, distributed)]),
    ]


def test_the_figures_worked_out_here_are_the_ones_this_test_means():
    assert NET == 565935  # ends in 5: the reserve of 10% is a half fen, rounded up
    assert reserve_of(NET, 1000) == 56594
    assert sum(DIVIDENDS.values()) == MEMBERS


def test_the_plan_shows_every_figure_and_dividend_before_anything_is_written(open_year):
    before = table_counts()
    plan = year_end.plan(2026, "10", "1000.01")
    assert table_counts() == before
    assert plan.problems == []
    assert (plan.net_income, plan.opening_undistributed, plan.transfers_in, plan.distributable,
            plan.reserve, plan.members, plan.other) == (
        NET, 0, 0, NET, reserve_of(NET, 1000), MEMBERS, 0)
    assert [(d.code, d.name, d.shares, d.amount) for d in plan.dividends] == [
        ("H001", "户H001", 1500, 36006), ("H002", "户H002", 2000, 48008),
        ("H003", "户H003", 333, 7994), ("H005", "户H005", 333, 7993)]
    assert plan.closing_undistributed == NET - reserve_of(NET, 1000) - MEMBERS
    assert [(v.summary, [line[1:] for line in v.lines]) for v in plan.vouchers] \
        == expected_vouchers()


def test_the_close_posts_the_four_vouchers_to_the_fen_and_locks_the_year(year):
    before = journal_sums("2026-12-31")
    year_end.close_year(2026, "10", "1000.01")
    assert closing_lines() == expected_vouchers()
    after = journal_sums("2026-12-31")
    for code, (debit, credit) in after.items():
        if code[0] == "5" or code in ("321", "322.01"):
            assert debit == credit, code
    assert after["322.02"][1] - after["322.02"][0] == NET - reserve_of(NET, 1000) - MEMBERS
    assert after["311"] == (0, reserve_of(NET, 1000))
    for code, amount in DIVIDENDS.items():
        was = before.get(f"113.{code}", (0, 0))
        assert after[f"113.{code}"] == (was[0], was[1] + amount)
    assert "113.H004" not in after or after["113.H004"] == before.get("113.H004")
    assert 2026 in {int(y) for y in db.get_meta("closed_years").split(",")}
    entry = audit.entries()[-1]
    assert (entry.action, entry.target) == ("close_year", "2026")
    assert f'"net_income": "{NET // 100}.{NET % 100:02d}"' in entry.after
    assert check.run() == []


def test_a_voucher_or_record_dated_in_the_closed_year_is_refused(year):
    year_end.close_year(2026, "10", "1000.01")
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        vouchers.post(dict(date="2026-12-31", lines=[line("513", debit="1"),
                                                     line("101", credit="1")]))
    assert "the year 2026 is closed" in raised.value.errors[0].message("en")
    book.record("seasons", dict(code="2026-4", name="秋", start="2026-11-01", end="2027-01-31"))
    before = table_counts()
    with pytest.raises(RecordRefused) as raised:
        book.record("charges", valid("charges", season="2026-4", date="2026-12-01"))
    assert "the year 2026 is closed" in raised.value.errors[0].message("en")
    assert table_counts() == before
    book.record("charges", valid("charges", season="2026-4", date="2027-01-02"))


def test_reopen_restores_every_balance_and_a_second_close_gives_the_same(year):
    before = journal_sums("2027-12-31")
    first = year_end.close_year(2026, "10", "1000.01")
    year_end.reopen_year(2026, "the members' amount was agreed again")
    assert journal_sums("2027-12-31") == before
    assert year_end.closing_vouchers(2026) == []
    assert db.get_meta("closed_years") == ""
    entry = audit.entries()[-1]
    assert (entry.action, entry.target, entry.reason) == (
        "reopen_year", "2026", "the members' amount was agreed again")
    assert check.run() == []
    again = year_end.close_year(2026, "10", "1000.01")
    assert closing_lines() == expected_vouchers()
    assert (again.net_income, again.reserve, again.dividends) == (
        first.net_income, first.reserve, first.dividends)
    assert check.run() == []


def test_the_next_year_opens_with_what_was_left_undistributed(year):
    year_end.close_year(2026, "10", "1000.01")
    left = NET - reserve_of(NET, 1000) - MEMBERS
    plan = year_end.plan(2027, "0", "0")
    assert (plan.opening_undistributed, plan.net_income) == (left, 7777)
    assert plan.distributable == left + 7777


def test_a_year_of_loss_takes_no_reserve_and_carries_the_loss(memory_ledger):
    book.record_many(village_groups())
    vouchers.post(dict(date="2025-03-01", lines=[line("513", debit="500"),
                                                 line("101", credit="500")]))
    plan = year_end.close_year(2025, "10", "0")
    assert (plan.net_income, plan.reserve) == (-50000, 0)
    assert [v for v in closing_lines_of(2025)] == [
        ("结转本年损益", [("513", 0, 50000), ("321", 50000, 0)]),
        ("结转本年收益", [("322.02", 50000, 0), ("321", 0, 50000)])]


def closing_lines_of(year: int):
    VoucherLine, Account = models.VoucherLine, models.Account
    for general_id in year_end.closing_vouchers(year):
        lines = list(VoucherLine.select(VoucherLine.summary, Account.code, VoucherLine.debit,
                                        VoucherLine.credit).join(Account)
                     .where(VoucherLine.voucher == general_id).order_by(VoucherLine.id).tuples())
        yield lines[0][0], [line[1:] for line in lines]


# -- refusals ------------------------------------------------------------------------------

def refusal(*args, **kwargs) -> str:
    """close_year refused, with nothing written: its message."""
    before = table_counts()
    meta = db.get_meta("closed_years")
    with pytest.raises(LedgerError) as raised:
        year_end.close_year(*args, **kwargs)
    assert table_counts() == before
    assert db.get_meta("closed_years") == meta
    return raised.value.message("en")


@pytest.mark.parametrize("percent", ["100.01", "-1", "10.005", "ten", "1e1", ""])
def test_a_reserve_percent_outside_0_to_100_or_with_three_decimals(open_year, percent):
    assert f"the reserve percent '{percent}' must be from 0 to 100" in refusal(2026, percent, "1")


@pytest.mark.parametrize("members, other, account, message", [
    ("10.001", "0", None, "the members' amount '10.001': "),
    ("-5", "0", None, "the members' amount '-5' cannot be negative"),
    ("1", "1.234", "211", "the other distribution '1.234': "),
    ("1", "-1", "211", "the other distribution '-1' cannot be negative"),
    ("1", "5", None, "an other distribution needs --other-account CODE"),
    ("1", "5", "999", "account 999 cannot be used: there is no such account"),
    ("1", "5", "501", "account 501 cannot be used: it has sub-accounts"),
    ("1", "5", "321", "account 321 cannot be used: 本年收益 and 收益分配"),
    ("1", "5", "322.02", "account 322.02 cannot be used: 本年收益 and 收益分配"),
    ("1", "5", "113.H001", "account 113.H001 cannot be used: a household's 内部往来"),
])
def test_bad_amounts_and_other_accounts(open_year, members, other, account, message):
    assert message in refusal(2026, "10", members, other, account)


def test_an_other_distribution_to_a_leaf_account_is_credited_there(year):
    year_end.close_year(2026, "10", "1000.01", "100", "211")
    distribution = closing_lines()[2]
    assert distribution[1][0] == ("322.01", reserve_of(NET, 1000) + MEMBERS + 10000, 0)
    assert distribution[1][-1] == ("211", 0, 10000)


def test_a_distribution_larger_than_the_distributable_names_both(open_year):
    too_much = f"{(NET - reserve_of(NET, 1000)) // 100 + 1}"
    message = refusal(2026, "10", too_much)
    total = reserve_of(NET, 1000) + int(too_much) * 100
    assert (f"the distribution {total // 100}.{total % 100:02d} is larger than the "
            f"distributable income (可分配收益) {NET // 100}.{NET % 100:02d}") in message


def test_an_open_season_of_the_year_is_named(memory_ledger):
    village()
    for code in ("2026-1", "2026-2"):
        closing.close(code)
    assert "season 2026-3 ends in 2026 and is still open" in refusal(2026, "10", "1")


def test_a_closed_year_is_not_closed_twice(year):
    year_end.close_year(2026, "10", "1")
    assert "the year 2026 is already closed" in refusal(2026, "10", "1")


def test_an_earlier_year_with_vouchers_is_closed_first(year):
    vouchers.post(dict(date="2025-06-01", lines=[line("102", debit="1"), line("301", credit="1")]))
    assert "close 2025 first" in refusal(2026, "10", "1")
    year_end.close_year(2025, "0", "0")
    year_end.close_year(2026, "10", "1")


def test_negative_shares_are_refused_though_entry_never_lets_them_in(year):
    models.database.execute_sql("UPDATE party SET shares = -1000 WHERE code = 'H002'")
    assert "household H002 has negative shares (-1)" in refusal(2026, "0", "0")
    models.database.execute_sql("UPDATE party SET shares = 2000 WHERE code = 'H002'")


def test_a_members_amount_with_no_household_holding_shares(memory_ledger):
    groups = dict(village_groups())
    groups["households"] = rows(dict(code="H001", name="甲", group="一组"),
                                dict(code="H002", name="乙", group="一组"))
    book.record_many(list(groups.items()))
    vouchers.post(dict(date="2026-06-01", lines=[line("102", debit="100"),
                                                 line("504", credit="100")]))
    closing.close(SEASON)
    assert "no household holds shares: a members' amount of 10.00 cannot be split" in refusal(
        2026, "0", "10")
    year_end.close_year(2026, "0", "0")  # nothing for members: nothing to split


@pytest.mark.sqlite_only  # edits a table by SQLite's rowid
def test_a_failing_check_refuses_the_close(year):
    models.database.execute_sql("UPDATE account_balance SET debit = debit + 1 WHERE rowid = 1")
    before = table_counts()
    with pytest.raises(year_end.YearCheckFailed) as failed:
        year_end.close_year(2026, "10", "1")
    assert failed.value.findings
    assert "the year was not closed: silk check found" in failed.value.message("en")
    assert table_counts() == before
    assert db.get_meta("closed_years") == ""
    models.database.execute_sql("UPDATE account_balance SET debit = debit - 1 WHERE rowid = 1")


def test_reopen_refusals(year):
    with pytest.raises(LedgerError, match="the year 2026 is not closed"):
        year_end.reopen_year(2026, "why")
    year_end.close_year(2026, "10", "1")
    with pytest.raises(LedgerError, match="give a reason"):
        year_end.reopen_year(2026, " ")
    year_end.close_year(2027, "0", "0")
    before = table_counts()
    with pytest.raises(LedgerError) as raised:
        year_end.reopen_year(2026, "why")
    assert "the year 2027 is closed: reopen it before 2026" in raised.value.message("en")
    assert table_counts() == before
    year_end.reopen_year(2027, "why")
    year_end.reopen_year(2026, "why")
    assert check.run() == []


# -- the command line ------------------------------------------------------------------------

@pytest.fixture
def year_file(tmp_path):
    """The year above in a ledger file, its seasons closed, and the file closed again."""
    path = tmp_path / "ledger.db"
    database = db.open_ledger(path, create=True)
    village()
    for day, lines in GENERAL:
        vouchers.post(dict(date=day, lines=lines))
    for code, _, _ in SEASONS:
        closing.close(code)
    database.close()
    models.database.initialize(None)
    return path


def counts_of(path) -> dict[str, int]:
    database = db.open_ledger(path, readonly=True)
    try:
        return table_counts()
    finally:
        database.close()
        models.database.initialize(None)


def test_the_dry_run_shows_every_dividend_and_writes_nothing(year_file, tmp_path):
    before = counts_of(year_file)
    out = ok(silk("--db", year_file, "--lang", "en", "close-year", "2026", "--reserve", "10",
                  "--members", "1000.01", "--dry-run", cwd=tmp_path))
    assert counts_of(year_file) == before
    lines = out.splitlines()
    for code, shares in (("H001", "1.500"), ("H002", "2.000"), ("H003", "0.333"),
                         ("H005", "0.333")):
        row = next(line for line in lines if line.startswith(code))
        amount = DIVIDENDS[code]
        assert row.split() == [code, f"户{code}", shares, f"{amount // 100}.{amount % 100:02d}"]
    assert not any(line.startswith("H004") for line in lines)
    reserve = reserve_of(NET, 1000)
    assert any(line.split()[-1] == f"{reserve // 100}.{reserve % 100:02d}"
               and "10%" in line for line in lines)
    assert "Dry run: nothing was written." in out


def test_close_year_and_reopen_year_from_the_command_line(year_file, tmp_path):
    def run(*args):
        return silk("--db", year_file, "--lang", "en", *args, cwd=tmp_path)

    before = counts_of(year_file)
    refused(run("close-year", "2026", "--reserve", "10.005", "--members", "1"),
            "the reserve percent '10.005' must be from 0 to 100 with at most two decimals")
    refused(run("close-year", "2026", "--reserve", "10", "--members", "1", "--other", "5"),
            "an other distribution needs --other-account CODE")
    refused(run("close-year", "2026", "--reserve", "10", "--members", "100000"),
            "is larger than the distributable income")
    assert counts_of(year_file) == before
    out = ok(run("close-year", "2026", "--reserve", "10", "--members", "1000.01"))
    assert "The year 2026 is closed: 4 closing voucher(s) posted." in out
    refused(run("close-year", "2026", "--reserve", "10", "--members", "1"),
            "the year 2026 is already closed")

    (tmp_path / "seasons.csv").write_text("code,name,start,end\n2026-4,秋,2026-11-01,2027-01-31\n",
                                          encoding="utf-8")
    ok(run("import", tmp_path / "seasons.csv"))
    (tmp_path / "charges.csv").write_text(
        "date,season,household,item,amount\n2026-12-01,2026-4,H001,共育费,10\n", encoding="utf-8")
    counted = counts_of(year_file)
    result = run("import", tmp_path / "charges.csv")
    assert result.returncode != 0
    assert "the year 2026 is closed" in result.stderr
    assert counts_of(year_file) == counted

    refused(run("reopen-year", "2025", "--reason", "x"), "the year 2025 is not closed")
    out = ok(run("reopen-year", "2026", "--reason", "members' amount agreed again"))
    assert "The year 2026 is reopened: 4 closing voucher(s) reversed." in out
    ok(run("import", tmp_path / "charges.csv"))
    ok(run("check"))
