"""The references: bare SQLite queries that compute the same sums as silk's reports,
run through the sqlite3 module with nothing around them.

Sums over one season read that season's rows. Sums that span history are computed the
way a database without kept balances would: from every posting of the journal, so that
beside them one sees what the per-season account balances save.
"""
from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta
from pathlib import Path

#: The season report: each party's flows in the season, and its balance through it
#: (from the kept per-season balances, as the report reads it).
SEASON = """
SELECT owner_id, 'sheets', SUM(sheets) FROM batch WHERE season_id = :s GROUP BY owner_id
UNION ALL SELECT b.owner_id, 'cocoon_grams', SUM(x.grams)
  FROM cocoon_sale x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT b.owner_id, 'cocoon_income', SUM(x.amount)
  FROM cocoon_sale x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT supplier_id, 'leaf_income', SUM(amount)
  FROM leaf_delivery WHERE season_id = :s GROUP BY supplier_id
UNION ALL SELECT b.owner_id, 'leaf_cost', SUM(x.amount)
  FROM leaf_delivery x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT b.owner_id, 'input_cost', SUM(x.amount)
  FROM input x JOIN batch b ON x.batch_id = b.id WHERE x.season_id = :s GROUP BY b.owner_id
UNION ALL SELECT household_id, 'wage_income', SUM(amount)
  FROM wage WHERE season_id = :s GROUP BY household_id
UNION ALL SELECT payer_id, 'wage_cost', SUM(amount) FROM wage WHERE season_id = :s GROUP BY payer_id
UNION ALL SELECT household_id, 'charge_cost', SUM(amount)
  FROM charge WHERE season_id = :s GROUP BY household_id
UNION ALL SELECT NULL, 'charge_income', SUM(amount) FROM charge WHERE season_id = :s
UNION ALL SELECT recipient_id, 'subsidy_income', SUM(amount)
  FROM subsidy WHERE season_id = :s GROUP BY recipient_id
UNION ALL SELECT household_id, 'paid',
  SUM(CASE WHEN direction = 'to_household' THEN amount ELSE -amount END)
  FROM payment WHERE season_id = :s GROUP BY household_id
"""

BALANCES_THROUGH = """
SELECT a.party_id, SUM(b.credit - b.debit) FROM account_balance b
  JOIN account a ON b.account_id = a.id
 WHERE a.parent_id = (SELECT id FROM account WHERE code = '113')
   AND b.season_id IN (SELECT id FROM season
                        WHERE start <= (SELECT start FROM season WHERE id = :s))
 GROUP BY a.party_id
"""

#: Each household's 内部往来 balance carried into the season, from every posting before it.
BALANCES_BEFORE = """
SELECT a.party_id, SUM(p.credit - p.debit) FROM posting p
  JOIN account a ON p.account_id = a.id
  JOIN voucher v ON p.voucher_id = v.id
 WHERE a.parent_id = (SELECT id FROM account WHERE code = '113')
   AND v.season_id IN (SELECT id FROM season WHERE start < (SELECT start FROM season WHERE id = :s))
 GROUP BY a.party_id
"""

#: Every account's debits and credits over the whole history, from every posting.
TRIAL = "SELECT account_id, SUM(debit), SUM(credit) FROM posting GROUP BY account_id"

#: One household's rows of the season, section by section as its settlement sheet lists
#: them, with its batches; its balances either side come from BALANCE_OF.
STATEMENT = """
SELECT 'sales', x.id, x.date, x.grams, x.amount FROM cocoon_sale x JOIN batch b ON x.batch_id = b.id
 WHERE x.season_id = :s AND b.owner_id = :h
UNION ALL SELECT 'leaf_supplied', x.id, x.date, x.grams, x.amount
  FROM leaf_delivery x JOIN batch b ON x.batch_id = b.id
 WHERE x.season_id = :s AND x.supplier_id = :h AND b.owner_id != :h
UNION ALL SELECT 'leaf_received', x.id, x.date, x.grams, x.amount
  FROM leaf_delivery x JOIN batch b ON x.batch_id = b.id
 WHERE x.season_id = :s AND b.owner_id = :h AND x.supplier_id != :h
UNION ALL SELECT 'wages_earned', id, date, quantity, amount FROM wage
 WHERE season_id = :s AND household_id = :h
UNION ALL SELECT 'wages_paid', id, date, quantity, amount FROM wage
 WHERE season_id = :s AND payer_id = :h
UNION ALL SELECT 'inputs', x.id, x.date, x.quantity, x.amount
  FROM input x JOIN batch b ON x.batch_id = b.id
 WHERE x.season_id = :s AND b.owner_id = :h
UNION ALL SELECT 'charges', id, date, NULL, amount FROM charge
 WHERE season_id = :s AND household_id = :h
UNION ALL SELECT 'subsidies', id, date, NULL, amount FROM subsidy
 WHERE season_id = :s AND recipient_id = :h
UNION ALL SELECT 'payments', id, date, direction, amount FROM payment
 WHERE season_id = :s AND household_id = :h
UNION ALL SELECT 'batches', id, hatch, sheets, 0 FROM batch WHERE season_id = :s AND owner_id = :h
"""

BALANCE_OF = """
SELECT SUM(CASE WHEN s.start < (SELECT start FROM season WHERE id = :s)
              THEN b.credit - b.debit END),
       SUM(b.credit - b.debit)
  FROM account_balance b JOIN account a ON b.account_id = a.id JOIN season s ON b.season_id = s.id
 WHERE a.party_id = :h AND s.start <= (SELECT start FROM season WHERE id = :s)
"""


def season_report(connection: sqlite3.Connection, season_id: int) -> None:
    connection.execute(SEASON, {"s": season_id}).fetchall()
    connection.execute(BALANCES_THROUGH, {"s": season_id}).fetchall()


def balances_before(connection: sqlite3.Connection, season_id: int) -> None:
    connection.execute(BALANCES_BEFORE, {"s": season_id}).fetchall()


def trial_balance(connection: sqlite3.Connection) -> None:
    connection.execute(TRIAL).fetchall()


def statement(connection: sqlite3.Connection, season_id: int, household_id: int) -> None:
    marks = {"s": season_id, "h": household_id}
    connection.execute(STATEMENT, marks).fetchall()
    connection.execute(BALANCE_OF, marks).fetchall()


def executemany_csv(folder, target) -> None:
    """Every canonical CSV file of `folder` into a new bare SQLite file, one table a
    file, its cells as they are: the floor under any importer."""
    Path(target).unlink(missing_ok=True)
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode=wal")
    for path in sorted(Path(folder).glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            columns = ", ".join(f'"{name}"' for name in header)
            connection.execute(f'CREATE TABLE "{path.stem}" ({columns})')
            marks = ", ".join("?" * len(header))
            connection.executemany(f'INSERT INTO "{path.stem}" VALUES ({marks})', reader)
    connection.commit()
    connection.close()


# -- the whole books (issue 14): sums by the vouchers' dates, from every posting ----------

#: Each account's debits and credits of the vouchers dated in a span, from the postings.
SUMS = """
SELECT a.code, SUM(p.debit), SUM(p.credit) FROM posting p
  JOIN voucher v ON p.voucher_id = v.id JOIN account a ON p.account_id = a.id
 WHERE v.date <= :last AND v.date >= :first {closing} GROUP BY a.code
"""
#: Only the year-end close's vouchers (general vouchers of source `closing`).
CLOSING = ("AND v.kind = 'vouchers' AND v.record_id IN"
           " (SELECT id FROM general_voucher WHERE source = 'closing')")
#: Each account's debits and credits month by month.
MONTHS = """
SELECT a.code, substr(v.date, 1, 7), SUM(p.debit), SUM(p.credit) FROM posting p
  JOIN voucher v ON p.voucher_id = v.id JOIN account a ON p.account_id = a.id
 WHERE v.date BETWEEN :first AND :last GROUP BY a.code, substr(v.date, 1, 7)
"""
#: One account's (and its sub-accounts') postings: `{what}` over those dated in a span.
_BOOK = """
SELECT {what} FROM posting p
  JOIN voucher v ON p.voucher_id = v.id JOIN account a ON p.account_id = a.id
 WHERE (a.code = :code OR a.code LIKE :code || '.%') AND v.date BETWEEN :first AND :last
"""
BOOK_OPENING = _BOOK.format(what="SUM(p.debit - p.credit)")
BOOK_LINES = (_BOOK.format(what="v.date, v.id, p.id, a.code, p.debit, p.credit")
              + " ORDER BY v.date, v.id, p.id")
BOOK_DAYS = _BOOK.format(what="v.date, SUM(p.debit - p.credit)") + " GROUP BY v.date"
#: The other side of each voucher in a book: every posting of those vouchers.
BOOK_OTHER_SIDES = f"""
SELECT p.voucher_id, p.id, a.code, p.debit FROM posting p JOIN account a ON p.account_id = a.id
 WHERE p.voucher_id IN ({_BOOK.format(what="v.id")})
"""

#: Before any voucher: the beginning of the books.
BEGINNING = "0000-00-00"

Sums = dict[str, tuple[int, int]]


def sums(connection: sqlite3.Connection, first: date | None, last: date,
         closing_only: bool = False) -> Sums:
    """Each account's (debits, credits) of the vouchers dated `first` (None: from the
    beginning) to `last`, accounts without movement left out."""
    query = SUMS.format(closing=CLOSING if closing_only else "")
    rows = connection.execute(query, {"first": _day(first), "last": last.isoformat()})
    return {code: (debit, credit) for code, debit, credit in rows if debit or credit}


def balance_sheet(connection: sqlite3.Connection, first: date, last: date) -> None:
    """Every account's balance the day before `first` and at `last`."""
    sums(connection, None, first - timedelta(days=1))
    sums(connection, None, last)


def income_statement(connection: sqlite3.Connection, first: date, last: date) -> None:
    """The year's sums, its close's alone, and the balances either side of it."""
    sums(connection, first, last)
    sums(connection, first, last, closing_only=True)
    balance_sheet(connection, first, last)


def trial_balance_of(connection: sqlite3.Connection, first: date, last: date) -> None:
    """Balances before the period, the period's sums and the year's so far."""
    sums(connection, None, first - timedelta(days=1))
    sums(connection, first, last)
    sums(connection, date(last.year, 1, 1), last)


def general_ledger(connection: sqlite3.Connection, year: int) -> None:
    """Balances at the end of the year before, and each account's months of `year`."""
    sums(connection, None, date(year - 1, 12, 31))
    connection.execute(MONTHS, {"first": f"{year}-01-01", "last": f"{year}-12-31"}).fetchall()


def book(connection: sqlite3.Connection, code: str, first: date, last: date,
         days: bool = False) -> list[tuple]:
    """An account's book: its balance before `first`, its postings to `last` in order with
    their vouchers' other sides and (`days`, the cash book) its balance day by day; the
    postings."""
    span = {"code": code, "first": first.isoformat(), "last": last.isoformat()}
    before = {"code": code, "first": BEGINNING,
              "last": (first - timedelta(days=1)).isoformat()}
    connection.execute(BOOK_OPENING, before).fetchone()
    lines = connection.execute(BOOK_LINES, span).fetchall()
    connection.execute(BOOK_OTHER_SIDES, span).fetchall()
    if days:
        connection.execute(BOOK_DAYS, span).fetchall()
    return lines


def _day(value: date | None) -> str:
    return BEGINNING if value is None else value.isoformat()
