"""The references: bare SQLite queries that compute the same sums as silk's reports,
run through the sqlite3 module with nothing around them.

Sums over one season read that season's rows. Sums that span history are computed the
way a database without kept balances would: from every posting of the journal, so that
beside them one sees what the per-season account balances save.
"""
from __future__ import annotations

import csv
import sqlite3
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
