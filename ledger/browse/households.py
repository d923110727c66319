"""Households: the list a page at a time, searching by code, name, group or pinyin
initials, and a household's own details."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from peewee import fn

from ledger import models
from ledger.browse.paging import PAGE
from ledger.browse.seasons import Season

Batch, Party = models.Batch, models.Party


@dataclass(frozen=True)
class HouseholdEntry:
    code: str
    name: str
    group: str
    initials: str  # pinyin initials of the name, lower case: 张国华 -> zgh


def initials(name: str) -> str:
    """Pinyin initials of a name; other characters (letters, digits) are kept as they are."""
    from pypinyin import Style, lazy_pinyin

    return "".join(syllable[:1] for syllable in lazy_pinyin(name, style=Style.FIRST_LETTER)
                   if syllable.strip()).lower()


class Households:
    """Every household's code, name, group and pinyin initials, for searching as one types.

    Pinyin cannot be computed by SQLite, so the index is built in Python once, and again
    only when households are added; a search of 10,000 households is then a scan of a
    list in memory, well under a millisecond per hundred.
    """

    def __init__(self):
        self._entries: list[HouseholdEntry] = []
        self._key: tuple | None = None
        self._lock = threading.Lock()

    def entries(self) -> list[HouseholdEntry]:
        key = (Party.select(fn.COUNT(Party.id), fn.MAX(Party.id))
               .where(Party.kind == "household").tuples().get())
        with self._lock:
            if key != self._key:
                rows = (Party.select(Party.code, Party.name, Party.group)
                        .where(Party.kind == "household").order_by(Party.code).tuples())
                self._entries = [HouseholdEntry(code, name, group, initials(name))
                                 for code, name, group in rows]
                self._key = key
            return self._entries

    def forget(self) -> None:
        """Drop the index: it describes books that are no longer there."""
        with self._lock:
            self._entries, self._key = [], None

    def search(self, query: str) -> list[HouseholdEntry]:
        """Households whose code, name, group or pinyin initials contain `query`, by code."""
        needle = query.strip().lower()
        entries = self.entries()
        if not needle:
            return entries
        return [entry for entry in entries
                if needle in entry.code.lower() or needle in entry.name
                or needle in entry.initials or needle in entry.group]

    def page(self, query: str = "", after: str | None = None,
             limit: int = PAGE) -> list[HouseholdEntry]:
        """The next `limit` households matching `query`, by code, after the code `after`.

        Without a query the page is read from the database through the code index; with
        one, from the search index (which keeps the same order)."""
        if query.strip():
            matches = self.search(query)
            start = 0
            if after is not None:
                start = next((i for i, entry in enumerate(matches) if entry.code > after),
                             len(matches))
            return matches[start:start + limit]
        where = Party.kind == "household"
        if after is not None:
            where &= Party.code > after
        rows = (Party.select(Party.code, Party.name, Party.group).where(where)
                .order_by(Party.code).limit(limit).tuples())
        return [HouseholdEntry(code, name, group, "") for code, name, group in rows]

    @staticmethod
    def phone(code: str) -> str:
        return Party.select(Party.phone).where(Party.code == code).scalar() or ""

    @staticmethod
    def batches(code: str, season: Season) -> list[str]:
        """The codes of a household's batches in the season."""
        return [batch for (batch,) in Batch.select(Batch.code)
                .join(Party, on=(Batch.owner == Party.id))
                .where((Party.code == code) & (Batch.season == season))
                .order_by(Batch.code).tuples()]
