"""Finding the party, batch or season a field names while the accountant types.

Completion only: whether a code may be used where it is typed is for `ledger.rules` to
say when the record is saved. Parties are found by code, by name, or by the initials of
the name in pinyin (typing `zgh` finds 张国华). No user-interface code lives here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pypinyin import Style, lazy_pinyin

from ledger import i18n, models

#: How many matches a field shows beside it.
SHOWN = 4


@dataclass(frozen=True)
class Match:
    code: str
    label: str  # what the code stands for: a party's name, a batch's owner and season


def initials(name: str) -> str:
    """The pinyin initials of a name, lower case: 张国华 -> zgh."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


class Parties:
    """The ledger's parties of the given kinds (household, partner, collective)."""

    def __init__(self, kinds: tuple[str, ...] | None = None):
        Party = models.Party
        query = (Party.select(Party.code, Party.name, Party.kind)
                 .order_by(Party.kind == "collective", Party.code))
        if kinds:
            query = query.where(Party.kind.in_(kinds))
        self._rows = [Match(code, _party_label(name, kind)) for code, name, kind in query.tuples()]
        self._by_code = {match.code: match for match in self._rows}

    @cached_property
    def _initials(self) -> list[str]:
        return [initials(match.label) for match in self._rows]

    def get(self, code: str) -> Match | None:
        return self._by_code.get(code.strip().upper())

    def complete(self, prefix: str) -> str | None:
        """The first code that starts with `prefix`, for inline completion."""
        wanted = prefix.strip().upper()
        return next((m.code for m in self._rows if wanted and m.code.startswith(wanted)), None)

    def find(self, text: str, limit: int = SHOWN) -> list[Match]:
        """Parties whose code starts with, name contains, or initials start with `text`."""
        wanted = text.strip()
        if not wanted:
            return []
        upper, lower = wanted.upper(), wanted.lower()
        found = [m for m in self._rows if m.code.startswith(upper) or wanted in m.label]
        if not found and lower.isascii() and lower.isalpha():
            found = [m for m, letters in zip(self._rows, self._initials)
                     if letters.startswith(lower)]
        return found[:limit]

    def resolve(self, text: str) -> str | None:
        """The code `text` names: itself when it is a code, else its only match."""
        if self.get(text):
            return self.get(text).code
        found = self.find(text, limit=2)
        return found[0].code if len(found) == 1 else None


def _party_label(name: str, kind: str) -> str:
    return i18n.t("party.collective") if kind == "collective" else name


class Batches:
    """Batches, those of `season` first; read from the database as the prefix grows."""

    def __init__(self, season: str | None = None):
        self.season = season

    def _query(self):
        Batch, Party, Season = models.Batch, models.Party, models.Season
        query = (Batch.select(Batch.code, Party.code, Party.name, Party.kind, Season.code)
                 .join(Party, on=(Batch.owner == Party.id)).switch(Batch)
                 .join(Season, on=(Batch.season == Season.id)))
        if self.season:
            return query.order_by(Season.code != self.season, Batch.code)
        return query.order_by(Batch.code)

    def get(self, code: str) -> Match | None:
        found = self._query().where(models.Batch.code == code.strip().upper()).tuples().first()
        return _batch_match(found) if found else None

    def complete(self, prefix: str) -> str | None:
        found = self.find(prefix, limit=1)
        return found[0].code if found and found[0].code.startswith(prefix.strip().upper()) else None

    def find(self, text: str, limit: int = SHOWN) -> list[Match]:
        """Batches whose code starts with `text`, else those of the party `text` names."""
        wanted = text.strip().upper()
        if not wanted:
            return []
        rows = self._query().where(models.Batch.code.startswith(wanted)).limit(limit).tuples()
        if not rows:
            rows = self._query().where(models.Party.code == wanted).limit(limit).tuples()
        return [_batch_match(row) for row in rows]

    def resolve(self, text: str) -> str | None:
        found = self.find(text, limit=2)
        return found[0].code if len(found) == 1 else None


def _batch_match(row: tuple) -> Match:
    code, owner, name, kind, season = row
    return Match(code, f"{owner} {_party_label(name, kind)} · {season}")


class Seasons:
    """Every season; there are few."""

    def __init__(self):
        Season = models.Season
        rows = (Season.select(Season.code, Season.name, Season.start, Season.end)
                .order_by(Season.start).tuples())
        self._rows = [Match(code, f"{name} {start}~{end}") for code, name, start, end in rows]

    def get(self, code: str) -> Match | None:
        return next((m for m in self._rows if m.code == code.strip().upper()), None)

    def complete(self, prefix: str) -> str | None:
        wanted = prefix.strip().upper()
        return next((m.code for m in self._rows if wanted and m.code.startswith(wanted)), None)

    def find(self, text: str, limit: int = SHOWN) -> list[Match]:
        wanted = text.strip().upper()
        return [m for m in self._rows if wanted and m.code.startswith(wanted)][:limit]

    def resolve(self, text: str) -> str | None:
        found = self.find(text, limit=2)
        return found[0].code if len(found) == 1 else None


class Accounts:
    """The accounts a voucher line may post to, found by code, by name or by the pinyin
    initials of the Chinese name (`glfy` finds 管理费用, `df` 管理费用-电费): the same
    lookup as the parties', over the chart."""

    def __init__(self):
        from ledger.browse.accounts import postable

        lang = i18n.language()
        rows = postable()
        self._rows = [Match(row.code, row.name(lang)) for row in rows]
        self._names = [row.zh for row in rows]
        self._by_code = {match.code: match for match in self._rows}

    @cached_property
    def _initials(self) -> list[str]:
        return [initials(name.replace("-", "")) for name in self._names]

    def get(self, code: str) -> Match | None:
        return self._by_code.get(code.strip().upper())

    def complete(self, prefix: str) -> str | None:
        wanted = prefix.strip().upper()
        return next((m.code for m in self._rows if wanted and m.code.startswith(wanted)), None)

    def find(self, text: str, limit: int = SHOWN) -> list[Match]:
        """Accounts whose code starts with, name contains, or initials contain `text`."""
        wanted = text.strip()
        if not wanted:
            return []
        upper, lower = wanted.upper(), wanted.lower()
        found = [m for m, zh in zip(self._rows, self._names)
                 if m.code.startswith(upper) or wanted in zh or lower in m.label.lower()]
        if not found and lower.isascii() and lower.isalpha():
            found = [m for m, letters in zip(self._rows, self._initials) if lower in letters]
        return found[:limit]

    def resolve(self, text: str) -> str | None:
        if self.get(text):
            return self.get(text).code
        found = self.find(text, limit=2)
        return found[0].code if len(found) == 1 else None
