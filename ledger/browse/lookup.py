"""Finding the party, batch or season a field names while the accountant types.

Completion only: whether a code may be used where it is typed is for `ledger.rules` to
say when the record is saved. Parties are found by code, by name, or by the initials of
the name in pinyin (typing `zgh` finds 张国华); the grades and items of the accountant's
lists (`ledger.terms`) by the same rule (`scj` finds 上车茧). The collective is shown and
found by its name (村集体), never by its code COLLECTIVE. No user-interface code lives here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pypinyin import Style, lazy_pinyin

from ledger import i18n, models, terms
from ledger.models import COLLECTIVE

#: How many matches a field shows beside it.
SHOWN = 4


@dataclass(frozen=True)
class Match:
    code: str
    label: str  # what the code stands for: a party's name, a batch's owner and season


def initials(name: str) -> str:
    """The pinyin initials of a name, lower case: 张国华 -> zgh."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


class _Named:
    """Codes with names, found by code, by name or by pinyin initials: what the party
    and account fields share. `_rows` are the matches, `_names` the Chinese names the
    initials are taken from."""

    #: Whether typed initials may match inside a name's (`df` in glfydf, 管理费用-电费)
    #: or only at its start.
    INITIALS_ANYWHERE = False

    _rows: list[Match]
    _names: list[str]

    @cached_property
    def _by_code(self) -> dict[str, Match]:
        return {match.code: match for match in self._rows}

    @cached_property
    def _initials(self) -> list[str]:
        return [initials(name.replace("-", "")) for name in self._names]

    def get(self, code: str) -> Match | None:
        return self._by_code.get(code.strip().upper())

    def all(self) -> list[Match]:
        """Every one, in order."""
        return list(self._rows)

    def complete(self, prefix: str) -> str | None:
        """The first code that starts with `prefix`, for inline completion."""
        wanted = prefix.strip().upper()
        return next((m.code for m in self._rows if wanted and m.code.startswith(wanted)), None)

    def find(self, text: str, limit: int = SHOWN) -> list[Match]:
        """Those whose code starts with `text`, whose name contains it, or else whose
        initials start with (or contain) it."""
        wanted = text.strip()
        if not wanted:
            return []
        upper, lower = wanted.upper(), wanted.lower()
        found = [m for m, name in zip(self._rows, self._names)
                 if m.code.startswith(upper) or self._names_it(m, name, wanted)]
        if not found and lower.isascii() and lower.isalpha():
            found = [m for m, letters in zip(self._rows, self._initials)
                     if (lower in letters if self.INITIALS_ANYWHERE
                         else letters.startswith(lower))]
        return found[:limit]

    def resolve(self, text: str) -> str | None:
        """The code `text` names: itself when it is a code, else its only match."""
        if self.get(text):
            return self.get(text).code
        found = self.find(text, limit=2)
        return found[0].code if len(found) == 1 else None

    def _names_it(self, match: Match, name: str, wanted: str) -> bool:
        return wanted in name


class Parties(_Named):
    """The ledger's parties of the given kinds (household, partner, collective)."""

    def __init__(self, kinds: tuple[str, ...] | None = None):
        Party = models.Party
        query = (Party.select(Party.code, Party.name, Party.kind)
                 .order_by(Party.kind == "collective", Party.code))
        if kinds:
            query = query.where(Party.kind.in_(kinds))
        self._rows = [Match(code, _party_label(name, kind)) for code, name, kind in query.tuples()]
        self._names = [match.label for match in self._rows]

    def get(self, code: str) -> Match | None:
        """The party of a code, or the collective named by its name in either language."""
        return super().get(party_code(code))

    def complete(self, prefix: str) -> str | None:
        """The first code that starts with `prefix`; the collective's name, not its code."""
        wanted = prefix.strip()
        if not wanted:
            return None
        found = next((m.code for m in self._rows
                      if m.code != COLLECTIVE and m.code.startswith(wanted.upper())), None)
        if found is None and self.get(COLLECTIVE) is not None \
                and party_shown(COLLECTIVE).casefold().startswith(wanted.casefold()):
            return party_shown(COLLECTIVE)
        return found

    def _names_it(self, match: Match, name: str, wanted: str) -> bool:
        return wanted in name or wanted.casefold() in match.label.casefold()


def _party_label(name: str, kind: str) -> str:
    return i18n.t("party.collective") if kind == "collective" else name


def party_shown(code: str, lang: str | None = None) -> str:
    """What a field or a list shows for a party's code: the code, and the collective by
    its name (村集体), since COLLECTIVE is the ledger's code for it, not a word to read."""
    return i18n.t("party.collective", lang) if code == COLLECTIVE else code


def party_named(code: str, name: str, lang: str | None = None) -> str:
    """A party as a list names it: code and name (H001 张国华), the collective by its name
    in the reader's language alone."""
    return party_shown(code, lang) if code == COLLECTIVE or not name else f"{code} {name}"


def party_code(text: str) -> str:
    """The code `text` stands for: COLLECTIVE for the collective's name in either
    language, else the text itself."""
    names = {i18n.t("party.collective", lang).casefold() for lang in i18n.LANGUAGES}
    return COLLECTIVE if text.strip().casefold() in names else text


class Terms(_Named):
    """The words of one of the accountant's lists (`ledger.terms`: the cocoon grades, the
    items of inputs or of charges), found as parties are: by their start, by a part of
    them, or by their pinyin initials. A word is its own code."""

    def __init__(self, name: str):
        self.name = name
        self._names = terms.listed(name)
        self._rows = [Match(word, word) for word in self._names]

    @property
    def words(self) -> list[str]:
        return list(self._names)

    def get(self, code: str) -> Match | None:
        wanted = code.strip().casefold()
        return next((m for m in self._rows if m.code.casefold() == wanted), None) \
            if wanted else None

    def complete(self, prefix: str) -> str | None:
        wanted = prefix.strip().casefold()
        return next((m.code for m in self._rows if wanted and m.code.casefold().startswith(
            wanted)), None)

    def _names_it(self, match: Match, name: str, wanted: str) -> bool:
        return wanted.casefold() in name.casefold()


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
    return Match(code, f"{party_match_text(Match(owner, _party_label(name, kind)))} · {season}")


def party_match_text(match: Match) -> str:
    """A party found, as a field's hint lists it: code and name (H001 张国华), the
    collective by its name alone."""
    shown = party_shown(match.code)
    return match.label if shown == match.label else f"{shown} {match.label}"


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


class Accounts(_Named):
    """The accounts a voucher line may post to, found by code, by name or by the pinyin
    initials of the Chinese name (`glfy` finds 管理费用, `df` 管理费用-电费): the parties'
    lookup, over the chart."""

    INITIALS_ANYWHERE = True

    def __init__(self):
        from ledger.browse.accounts import postable

        lang = i18n.language()
        rows = postable()
        self._rows = [Match(row.code, row.name(lang)) for row in rows]
        self._names = [row.zh for row in rows]

    def _names_it(self, match: Match, name: str, wanted: str) -> bool:
        """The Chinese name, or the name shown (`bank` finds Bank deposits)."""
        return wanted in name or wanted.lower() in match.label.lower()
