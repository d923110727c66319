"""Notes on batches: what the accountant or the technician saw (a disease, a mortality
estimate, the 眠起 stages, the weather), dated.

A note is not money: it posts nothing and no figure depends on it. Like a record it is
written once (the database refuses to change or delete one), sealed over its content, and
added in one transaction with its audit entry, so `check` names a note edited behind the
program's back and `silk log` says who wrote it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger import audit, i18n, models, stores
from ledger.errors import LedgerError
from ledger.rules import Problem, read_code, read_text
from ledger.seal import row_seal

#: The longest note, in characters.
NOTE_LIMIT = 1000


@dataclass(frozen=True)
class Note:
    id: int
    batch_code: str
    date: date
    text: str


@stores.retried
def add(batch: str, text: str, day: date | None = None) -> int:
    """Add a note to the batch of code `batch`, dated `day` (today by default, within the
    batch's season); the note's id. A refused note writes nothing."""
    try:
        code = read_code(batch)
    except Problem:
        raise LedgerError("unknown_batch", code=batch) from None
    found = models.Batch.get_or_none(models.Batch.code == code)
    if found is None:
        raise LedgerError("unknown_batch", code=batch)
    try:
        body = read_text(NOTE_LIMIT, multiline=True)(text)
    except Problem as problem:
        raise LedgerError("note_refused", reason=i18n.t(problem.reason, **problem.params)) \
            from None
    if not body:
        raise LedgerError("note_empty")
    day = day or date.today()
    season = found.season
    if not season.start <= day <= season.end:
        raise LedgerError("note_outside_season", date=day.isoformat(), season=season.code,
                          start=season.start.isoformat(), end=season.end.isoformat())
    BatchNote = models.BatchNote
    with models.database.atomic():
        note_id = (BatchNote.select(BatchNote.id).order_by(BatchNote.id.desc()).limit(1).scalar()
                   or 0) + 1
        values = (note_id, found.id, day.isoformat(), body)
        BatchNote.insert(id=note_id, batch=found.id, date=day, text=body,
                 seal=row_seal(BatchNote, values)).execute()
        audit.log("note", kind="note", ids=(note_id, note_id), target=code,
                  after={"batch": code, "date": day.isoformat(), "text": body})
    return note_id


def _notes(where) -> list[Note]:
    BatchNote, Batch = models.BatchNote, models.Batch
    query = (BatchNote.select(BatchNote.id, Batch.code, BatchNote.date, BatchNote.text)
             .join(Batch, on=(BatchNote.batch == Batch.id))
             .where(where).order_by(Batch.code, BatchNote.date, BatchNote.id))
    return [Note(*row) for row in query.tuples()]


def of_batch(code: str) -> list[Note]:
    return _notes(models.Batch.code == code)


def of_household(code: str) -> list[Note]:
    """The notes on every batch of the household (or the collective) of `code`."""
    Party, Batch = models.Party, models.Batch
    return _notes(Batch.owner.in_(Party.select(Party.id).where(Party.code == code)))


def of_seasons(seasons: list[models.Season], breed: str | None = None) -> list[Note]:
    """The notes on the batches of `seasons` (only `breed`'s, when given)."""
    Batch = models.Batch
    where = Batch.season.in_([season.id for season in seasons])
    if breed is not None:
        where &= Batch.breed == breed
    return _notes(where)
