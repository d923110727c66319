"""Closing a season (结账) and, exceptionally, reopening it.

A closed season is locked: the rules refuse any record in it and the database refuses
any record or voucher added to it, so its settlement sheets and notice board never
change once handed out. Seasons close in order, only when `check` finds nothing wrong;
reopening needs a reason, and both are entered in the audit trail. A close's entry
carries the ledger's check code at that moment, an anchor `check` verifies ever after.
"""
from __future__ import annotations

from typing import Callable

from ledger import anchors, audit, backup, check, models, rules, stores
from ledger.errors import LedgerError
from ledger.income import find_season
from ledger.seal import reseal


class CheckFailed(LedgerError):
    """The ledger has problems; a season is not closed over them."""

    def __init__(self, findings: list):
        super().__init__("close_check_failed", count=len(findings))
        self.findings = findings


@stores.retried
def close(code: str, progress: Callable[[int, int], None] | None = None) -> models.Season:
    """Close the season `code`; earlier seasons must be closed already. The whole ledger
    is checked first (`progress` follows the check, see `check.run`)."""
    season = find_season(code)
    if season.is_closed:
        raise LedgerError("season_already_closed", season=season.code, at=season.closed)
    Season = models.Season
    earlier = (Season.select(Season.code)
               .where((Season.start < season.start) & Season.closed.is_null())
               .order_by(Season.start).scalar())
    if earlier:
        raise LedgerError("close_earlier_first", season=season.code, earlier=earlier)
    findings = check.run(progress)
    if findings:
        raise CheckFailed(findings)
    with backed_up(models.database.atomic()):  # the write lock first, then the copy
        lock(season)
    return Season.get_by_id(season.id)


def lock(season: models.Season) -> None:
    """Mark `season` closed, resealed and audited with the ledger's check code, inside
    the caller's transaction: what `close` does once the check has passed. An import
    that closes a year again uses it for the year's seasons (`ledger.io.csv_import`)."""
    Season = models.Season
    Season.update(closed=audit.now()).where((Season.id == season.id)
                                           & Season.closed.is_null()).execute()
    reseal(Season, season.id)
    audit.log("close", target=season.code, after={"anchor": anchors.current_code()})


def backed_up(transaction):
    """The close's transaction with the automatic backup made inside it (see
    `backup.automatic`); a ledger in memory has nothing to back up."""
    if models.database.database in ("", ":memory:"):
        return transaction
    return backup.automatic(models.database.database, "close", transaction=transaction)


@stores.retried
def reopen(code: str, reason: str) -> models.Season:
    """Reopen the latest closed season, for a reason the audit trail keeps."""
    if not reason or not reason.strip():
        raise LedgerError("reopen_needs_reason")
    reason = rules.read_reason("seasons", reason)
    season = find_season(code)
    if not season.is_closed:
        raise LedgerError("season_not_closed", season=season.code)
    Season = models.Season
    later = (Season.select(Season.code)
             .where((Season.start > season.start) & Season.closed.is_null(False))
             .order_by(Season.start.desc()).scalar())
    if later:
        raise LedgerError("reopen_later_first", season=season.code, later=later)
    with models.database.atomic():
        Season.update(closed=None).where(Season.id == season.id).execute()
        reseal(Season, season.id)
        audit.log("reopen", target=season.code, reason=reason)
    return Season.get_by_id(season.id)
