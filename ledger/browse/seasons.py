"""Seasons, and a season's figures kept until the ledger changes."""
from __future__ import annotations

import threading

from peewee import fn

from ledger import income, models
from ledger.overview import is_empty, season_to_open
from ledger.income import PartyIncome, SeasonIncome

#: The season record a screen holds.
Season = models.Season


def data_stamp() -> tuple[int, ...]:
    """Changes whenever a record or party is added: the largest id of each table, read
    from the end of each primary key, so checking it costs nothing on any ledger."""
    tables = (models.Party, models.Season, models.Batch, *models.RECORD_MODELS)
    return tuple(table.select(fn.MAX(table.id)).scalar() or 0 for table in tables)


def write_stamp() -> tuple[int, ...]:
    """Changes whenever anyone (another accountant too) writes to the ledger: the largest
    id of every table a write adds a row to (records, parties, seasons, batches, general
    vouchers, the vouchers and the audit trail), read in one statement."""
    tables = (models.Party, models.Season, models.Batch, *models.RECORD_MODELS,
              models.GeneralVoucher, models.Voucher, models.Change)
    sql = "SELECT " + ", ".join(f'(SELECT MAX(id) FROM "{table._meta.table_name}")'
                                for table in tables)
    row = models.database.execute_sql(sql).fetchone()
    return tuple(value or 0 for value in row)


class Seasons:
    """The ledger's seasons, and each season's figures (`income.season_income`) kept
    until the ledger changes: every screen of a season reads the same figures, once."""

    def __init__(self):
        self._report: tuple[tuple, SeasonIncome] | None = None
        self._lock = threading.Lock()

    #: The season the app opens on (an open one where there is one).
    current = staticmethod(season_to_open)
    is_empty = staticmethod(is_empty)
    data_stamp = staticmethod(data_stamp)
    write_stamp = staticmethod(write_stamp)

    @staticmethod
    def all() -> list[Season]:
        """Every season, the earliest first."""
        return list(Season.select().order_by(Season.start))

    @staticmethod
    def by_id(season_id: int) -> Season | None:
        return Season.get_or_none(Season.id == season_id)

    @staticmethod
    def by_code(code: str) -> Season | None:
        return Season.get_or_none(Season.code == code)

    def report(self, season: Season) -> SeasonIncome:
        key = (season.id, data_stamp())
        with self._lock:
            kept = self._report
        if kept is not None and kept[0] == key:
            return kept[1]
        report = income.season_income(season)
        with self._lock:
            self._report = (key, report)
        return report

    def party_figures(self, season: Season) -> dict[str, PartyIncome]:
        """Each party's income and balance in the season, by code."""
        return {party.code: party for party in self.report(season).parties}

    def forget(self) -> None:
        with self._lock:
            self._report = None
