"""The audit trail: who changed the ledger, when, what, from what to what, and why.

Every write appends entries in the same transaction as the change itself, so an entry
exists exactly when its change does. Entries are never updated or deleted (the database
refuses) and are hash-chained, so `check` notices one altered behind the program's back.
The operator is the OS user unless the command line or the UI names someone else.
"""
from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterator

from peewee import fn

from ledger import anchors, chart, models
from ledger.seal import digest, raw_rows, sealed_fields

_operator: str | None = None


def set_operator(name: str | None) -> None:
    """Name the person writing for the rest of this process (`--operator`)."""
    global _operator
    _operator = name.strip()[:100] if name and name.strip() else None


def operator() -> str:
    if _operator:
        return _operator
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in this environment
        return "?"


def now() -> str:
    """Local time with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _json(value: Any) -> str:
    if value is None or value == "":
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def log(action: str, *, kind: str = "", ids: tuple[int, int] | None = None,
        target: str = "", before: Any = None, after: Any = None, reason: str = "") -> int:
    """Append one entry; call inside the transaction that makes the change. Once that
    commits, the ledger's new head is appended to its anchors file (`ledger.anchors`)."""
    Change = models.Change
    previous = Change.select(Change.hash).order_by(Change.id.desc()).limit(1).scalar() or ""
    entry_id = (Change.select(Change.id).order_by(Change.id.desc()).limit(1).scalar() or 0) + 1
    row = dict(id=entry_id, at=now(), operator=operator(), action=action, kind=kind,
               first_id=ids[0] if ids else None, last_id=ids[1] if ids else None,
               target=target, before=_json(before), after=_json(after), reason=reason)
    values = [row[f.name] for f in sealed_fields(Change)]
    Change.insert(**row, hash=digest(previous, *values)).execute()
    anchors.after_commit(models.database.obj)
    return entry_id


@dataclass
class Entry:
    id: int
    at: str
    operator: str
    action: str
    kind: str
    first_id: int | None
    last_id: int | None
    target: str
    before: str
    after: str
    reason: str

    @property
    def records(self) -> str:
        """The records the entry touched, as `kind:id` or `kind:first-last`."""
        if not self.kind or self.first_id is None:
            return ""
        if self.first_id == self.last_id:
            return f"{self.kind}:{self.first_id}"
        return f"{self.kind}:{self.first_id}-{self.last_id}"


def entries(kind: str | None = None, record_id: int | None = None,
            since: date | None = None, limit: int | None = None,
            before: int | None = None, household: str | None = None) -> list[Entry]:
    """Entries oldest first; those touching one record, or one household (by its code:
    see `about_party`), or from a day on, if asked. With `limit`, the newest `limit` of
    them; with `before`, only those older than the entry of that id (a page further
    back)."""
    Change = models.Change
    query = Change.select(*sealed_fields(Change))
    if before is not None:
        query = query.where(Change.id < before)
    if household is not None:
        query = query.where(about_party(household))
    if kind is not None:
        query = query.where(Change.kind == kind)
        if record_id is not None:  # entries that added it, and those that corrected it
            query = query.where(((Change.first_id <= record_id) & (Change.last_id >= record_id))
                                | (Change.target == f"{kind}:{record_id}"))
    if since is not None:
        query = query.where(Change.at >= since.isoformat())
    query = query.order_by(Change.id.desc())
    if limit:
        query = query.limit(limit)
    return [Entry(*row) for row in reversed(list(raw_rows(query)))]


#: Each kind of record with a party of its own: the columns naming the party, directly or
#: through the record's batch (a leaf delivery, a sale, an input are the batch owner's).
PARTY_COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("id",), "batches": ("owner",), "leaf": ("batch",), "sales": ("batch",),
    "inputs": ("batch",), "wages": ("household", "payer"), "charges": ("household",),
    "subsidies": ("recipient",), "payments": ("household",),
}


def about_party(code: str):
    """The condition an audit entry meets when it touches a record of party `code`: the
    party itself (added, edited), its batches, and every record of it or of its batches,
    one entry for a file of a thousand rows too. Worked out by SQLite: for each kind, an
    EXISTS over the entry's range of ids on the record's party index."""
    from ledger.kinds import get

    Change, Party, Batch = models.Change, models.Party, models.Batch
    party_id = Party.select(Party.id).where(Party.code == code)
    batches = Batch.select(Batch.id).where(Batch.owner.in_(party_id))
    condition = None
    for kind, columns in PARTY_COLUMNS.items():
        model = get(kind).model
        for column in columns:
            field = getattr(model, column)
            wanted = batches if column == "batch" else party_id
            touched = (model.select(model.id)
                       .where(field.in_(wanted) & model.id.between(Change.first_id,
                                                                    Change.last_id)))
            term = (Change.kind == kind) & fn.EXISTS(touched)
            condition = term if condition is None else condition | term
    return condition


def broken_links() -> Iterator[int]:
    """Ids of entries whose hash does not follow from their content and the one before."""
    Change = models.Change
    previous = ""
    rows = Change.select(*sealed_fields(Change), Change.hash).order_by(Change.id)
    for *values, stored in raw_rows(rows):
        if digest(previous, *values) != stored:
            yield values[0]
        previous = stored


def introducing() -> list[tuple[type, tuple[str, ...]]]:
    """Each table whose rows an audit entry introduces, with the kinds of the entries
    that name them (households and partners are both parties)."""
    from ledger.kinds import KINDS

    tables: dict[type, tuple[str, ...]] = {}
    for kind in KINDS:
        tables[kind.model] = (*tables.get(kind.model, ()), kind.name)
    return list(tables.items())


def unintroduced() -> Iterator[tuple[type, int]]:
    """(model, id) of every record, party, season or batch that no audit entry
    introduced: each entry names the range of ids it added, so the rows outside every
    range were added behind the program's back. The collective itself is made with the
    ledger. Read range by range, then only the rows in the gaps between ranges."""
    Change = models.Change
    for model, kinds in introducing():
        key = model._meta.primary_key
        highest = model.select(fn.MAX(key)).scalar() or 0
        ranges = (Change.select(Change.first_id, Change.last_id)
                  .where(Change.kind.in_(kinds) & Change.first_id.is_null(False))
                  .order_by(Change.first_id).tuples())
        gaps, next_id = [], 1
        for first, last in ranges:
            if first > next_id:
                gaps.append((next_id, first - 1))
            next_id = max(next_id, last + 1)
        if next_id <= highest:
            gaps.append((next_id, highest))
        for low, high in gaps:
            rows = model.select(key).where(key.between(low, high))
            if model is models.Party:
                rows = rows.where(models.Party.code != models.COLLECTIVE)
            for (row_id,) in rows.order_by(key).tuples():
                yield model, row_id
    # The chart's accounts come with the ledger, a household's with it, and a sub-account
    # the accountant adds with an entry of its own (kind `accounts`).
    Account = models.Account
    added = list(Change.select(Change.first_id, Change.last_id)
                 .where((Change.kind == "accounts") & Change.first_id.is_null(False)).tuples())
    foreign = Account.select(Account.id).where(Account.party.is_null() & Account.code.not_in(
        [account.code for account in chart.CHART])).order_by(Account.id).tuples()
    for (account_id,) in foreign:
        if not any(first <= account_id <= last for first, last in added):
            yield Account, account_id
