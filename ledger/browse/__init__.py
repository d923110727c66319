"""The read model: what the terminal UI shows, read a page at a time.

Every list is read in keyset pages (rows after the last one shown, through an index), so
a screen costs the same on a ledger of a thousand records or a million; figures are
summed by the database. Nothing here imports a user interface, so each query is tested
on its own. Season figures come from `ledger.income`, so a screen and the season report
can never disagree.

`ReadModel` is made with the ledger it reads and owned by whoever shows it (the
terminal app): what it keeps between screens (a season's figures, the households'
pinyin index) lives in it, not in this module, and goes with it. Each subject has its
own module: seasons, overview (the home screen), households, batches, journal, wages,
and lookup (what a form's field completes to).
"""
from __future__ import annotations

from peewee import Database

from ledger import models
from ledger.browse.batches import BatchDetail, BatchRow, Batches
from ledger.browse.households import HouseholdEntry, Households, initials
from ledger.browse.journal import (JOURNAL_KINDS, Journal, JournalKey, JournalRow, PostingLine,
                                   parse_day_range)
from ledger.browse.overview import Glance, Overview, UnsoldBatch, YieldBar
from ledger.browse.seasons import Season, Seasons, data_stamp, write_stamp
from ledger.overview import current_season, is_empty  # shared with the command line
from ledger.browse.wages import Wages
from ledger.browse.accounts import Accounts
from ledger.browse.vouchers import GeneralVouchers
from ledger.models import COLLECTIVE

__all__ = [
    "ReadModel", "Season", "release", "COLLECTIVE", "current_season", "data_stamp", "is_empty",
    "write_stamp",
    "initials", "parse_day_range", "JOURNAL_KINDS", "BatchDetail", "BatchRow", "Glance",
    "HouseholdEntry", "JournalKey", "JournalRow", "PostingLine", "UnsoldBatch", "YieldBar",
]


def release() -> None:
    """Close the calling thread's connection to the ledger: a worker thread that read
    or wrote calls it as it ends."""
    models.database.close()


class ReadModel:
    """The reads of one open ledger, by subject: `seasons`, `overview`, `households`,
    `batches`, `journal`, `wages`, and the whole books' `accounts` and general
    `vouchers`. Safe to call from the UI's worker threads."""

    def __init__(self, database: Database):
        self.database = database
        self.seasons = Seasons()
        self.overview = Overview(self.seasons)
        self.households = Households()
        self.batches = Batches()
        self.journal = Journal()
        self.wages = Wages()
        self.accounts = Accounts()
        self.vouchers = GeneralVouchers()

    def reopened(self, database: Database) -> None:
        """The ledger was opened again (after a restore): forget what was kept from the
        books that were there before."""
        self.database = database
        self.seasons.forget()
        self.households.forget()

    release = staticmethod(release)
