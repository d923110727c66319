"""The statutory statements and the books (issue 14): the balance sheet and the income
statement of the ledger's latest year, the cash and bank books of its busiest month and
the trial balance of its latest quarter, in this process, each beside the bare SQL that
sums the same postings by date (what they would cost without the kept monthly balances);
and `silk report balance-sheet` as a user runs it.

`python -m bench.statements` measures the 1M ledger alone (built first if missing) and
prints the figures, without the rest of the benchmarks.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from bench import ledgers
from bench.commands import silk as silk_command
from bench.measure import Timing, command, alone_on_1m, timed, warm
from bench.table import Row
from ledger import books, db, periods, statements

#: Every account's debits and credits up to a day, posting by posting.
BARE_BALANCES = """
SELECT a.code, SUM(p.debit), SUM(p.credit) FROM posting p
JOIN voucher v ON v.id = p.voucher_id JOIN account a ON a.id = p.account_id
WHERE v.date <= ? GROUP BY a.code
"""
#: One account's postings of a month, in order.
BARE_BOOK = """
SELECT v.date, v.id, p.id, p.debit, p.credit FROM posting p
JOIN voucher v ON v.id = p.voucher_id
WHERE p.account_id = (SELECT id FROM account WHERE code = ?) AND v.date BETWEEN ? AND ?
ORDER BY v.date, v.id, p.id
"""


def _subject(path: Path) -> tuple[int, date]:
    """The latest year with vouchers, and the month with the most cash postings."""
    connection = sqlite3.connect(path)
    last = connection.execute("SELECT MAX(date) FROM voucher").fetchone()[0]
    month = connection.execute(
        "SELECT substr(v.date, 1, 7) AS m FROM posting p JOIN voucher v ON v.id = p.voucher_id"
        " WHERE p.account_id = (SELECT id FROM account WHERE code = '102')"
        " GROUP BY m ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    connection.close()
    return int(last[:4]), date.fromisoformat(month + "-01")


def measure(path: Path, runs: int) -> dict[str, tuple[Timing, Timing]]:
    """label -> (silk, bare SQL)."""
    year, month = _subject(path)
    last = periods.month_end(month)
    quarter = date(month.year, 3 * ((month.month - 1) // 3) + 1, 1)
    database = db.open_ledger(path)
    figures = {
        f"balance sheet {year}": timed(lambda: statements.balance_sheet(year), runs),
        f"income statement {year}": timed(lambda: statements.income_statement(year), runs),
        f"cash book {month:%Y-%m}": timed(lambda: books.cash_book(month, last), runs),
        f"bank book {month:%Y-%m}": timed(lambda: books.bank_book(month, last), runs),
        f"trial balance from {quarter:%Y-%m}": timed(
            lambda: books.trial_balance(quarter, last), runs),
    }
    database.close()
    connection = sqlite3.connect(path)

    def bare(sql: str, *params) -> Timing:
        return timed(lambda: connection.execute(sql, params).fetchall(), runs)

    end = f"{year}-12-31"
    references = [bare(BARE_BALANCES, end), bare(BARE_BALANCES, end),
                  bare(BARE_BOOK, "101", month.isoformat(), last.isoformat()),
                  bare(BARE_BOOK, "102", month.isoformat(), last.isoformat()),
                  bare(BARE_BALANCES, last.isoformat())]
    connection.close()
    return {label: (figure, reference)
            for (label, figure), reference in zip(figures.items(), references)}


def rows(size: ledgers.Size, records: int, runs: int) -> list[Row]:
    path = size.path
    year, _ = _subject(path)
    warm(path)
    shown = command(silk_command(path, "report", "balance-sheet", str(year), "--format",
                                 "json"), runs, allowed=(0, 1))
    return [Row(label, size.label, records, figure, "bare SQL", reference,
                shown if index == 0 else None, target="statements")
            for index, (label, (figure, reference)) in enumerate(measure(path, runs).items())]


def main() -> int:
    return alone_on_1m(measure)


if __name__ == "__main__":
    raise SystemExit(main())
