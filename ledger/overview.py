"""What a ledger holds, at a glance: its village, its seasons with their records, and
how many records and vouchers it has. The bare `silk` command prints it, `silk check`
quotes its counts, and the terminal UI asks it whether a ledger is new and which season
to open on, so that they all count the same way. Every figure is counted by SQLite.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import fn

from ledger import db, models


@dataclass(frozen=True)
class SeasonLine:
    code: str
    name: str
    start: date
    end: date
    closed: bool
    records: int  # records that move money, reversals and corrections included


@dataclass(frozen=True)
class Overview:
    village: str        # "" when not named yet
    collective: str
    seasons: list[SeasonLine]  # in the order they began
    current: str | None  # the code of the season running today (see `current_season`)
    records: int
    vouchers: int
    empty: bool         # a new ledger (see `is_empty`)


def overview(today: date | None = None) -> Overview:
    counts: dict[int, int] = {}
    for model in models.RECORD_MODELS:
        for season_id, count in (model.select(model.season, fn.COUNT(model.id))
                                 .group_by(model.season).tuples()):
            counts[season_id] = counts.get(season_id, 0) + count
    seasons = [SeasonLine(season.code, season.name, season.start, season.end,
                          season.is_closed, counts.get(season.id, 0))
               for season in models.Season.select().order_by(models.Season.start)]
    current = current_season(today)
    return Overview(db.get_meta("village"), db.get_meta("collective"), seasons,
                    current.code if current else None, sum(counts.values()),
                    voucher_count(), is_empty())


def record_count() -> int:
    """Records that move money, in every season."""
    return sum(model.select().count() for model in models.RECORD_MODELS)


def voucher_count() -> int:
    return models.Voucher.select().count()


def is_empty() -> bool:
    """A new ledger: no season and no party but the collective."""
    party = models.Party
    return (not models.Season.select().exists()
            and not party.select().where(party.kind != "collective").exists())


def current_season(today: date | None = None) -> models.Season | None:
    """The season running today, else the latest one begun, else the first one."""
    today = today or date.today()
    season = models.Season
    return (season.select().where(season.start <= today).order_by(season.start.desc()).first()
            or season.select().order_by(season.start).first())


def season_to_open(today: date | None = None) -> models.Season | None:
    """The season to show first: the current one (`current_season`) while it is open;
    once it is closed, the latest season still open, later or earlier, since records
    can only go there; and the current one when every season is closed.

    The terminal UI used to open on a closed season while the next one, already set up,
    stood open: the accountant's first `a` was then refused."""
    current = current_season(today)
    if current is None or not current.is_closed:
        return current
    season = models.Season
    return (season.select().where(season.closed.is_null()).order_by(season.start.desc()).first()
            or current)
