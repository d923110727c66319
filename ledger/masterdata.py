"""Changing master data: a household's name, group, phone or shares; a partner; a season's
name and dates; a batch's sheets, breed, mount and harvest dates.

Master data is not a record: it is changed in place, never reversed. A batch is created at
hatching and gets its mount and harvest dates weeks later; a household changes its phone.
Each change is validated by the same rules as a new row (`ledger.rules`), resealed, and
entered in the audit trail with the old and new values, who and why, in one transaction.
What would change a closed season's figures is refused: a batch of a closed season, a
closed season's dates, or dates that would leave one of a season's records outside it.
"""
from __future__ import annotations

from typing import Any, Mapping

from peewee import fn

from ledger import audit, i18n, models, rules, seal, stores
from ledger import canonical
from ledger.errors import FieldError, LedgerError, RecordRefused
from ledger.kinds import RECORD_KINDS
from ledger.refs import Refs

#: kind -> the fields that may be changed; codes, a batch's season and owner never change.
EDITABLE: dict[str, tuple[str, ...]] = {
    "households": ("name", "group", "phone", "shares"),
    "partners": ("name", "phone", "note"),
    "seasons": ("name", "start", "end"),
    "batches": ("sheets", "breed", "hatch", "mount", "harvest"),
}

_MODELS = {"households": models.Party, "partners": models.Party, "seasons": models.Season,
           "batches": models.Batch}
_PARTY_KIND = {"households": "household", "partners": "partner"}


class _Without(Refs):
    """The ledger's references less the row being changed, so that its own code and its
    own dates do not count as taken by another."""

    def __init__(self, kind: str, code: str):
        super().__init__()
        self.kind, self.code = kind, code

    def party(self, code: str):
        if self.kind in _PARTY_KIND and code == self.code:
            return None
        return super().party(code)

    def seasons(self):
        seasons = dict(super().seasons())
        if self.kind == "seasons":
            seasons.pop(self.code, None)
        return seasons

    def season(self, code: str):
        if self.kind == "seasons" and code == self.code:
            return None
        return super().seasons().get(code)

    def batch(self, code: str):
        if self.kind == "batches" and code == self.code:
            return None
        return super().batch(code)


@stores.retried
def edit(kind: str, code: str, changes: Mapping[str, Any], reason: str) -> dict[str, tuple]:
    """Change some fields of the household, partner, season or batch `code`; return
    {field: (old text, new text)} of what changed (nothing when every value is the same).
    Refused with the problems named, the ledger unchanged."""
    if kind not in EDITABLE:
        raise LedgerError("edit_kind_unknown", kind=kind, kinds=", ".join(EDITABLE))
    if not reason or not reason.strip():
        raise LedgerError("edit_needs_reason")
    with models.database.atomic():
        row = _row(kind, code)
        current = canonical.values(kind, row.id)
        where = f"{kind}:{code}"
        unknown = [name for name in changes if name not in EDITABLE[kind]]
        if unknown:
            raise RecordRefused([FieldError(kind, name, "not_editable",
                                            dict(fields=", ".join(EDITABLE[kind])), where)
                                 for name in unknown], len(unknown))
        values = {**current, **{name: value for name, value in changes.items()}}
        form = rules.check_fields(kind, values, _Without(kind, code), where)
        errors = [error for error in form.errors if error.reason != "season_closed"]
        errors += _season_bound(kind, row, form.result, where)
        if kind == "batches" and row.season.is_closed:
            errors.append(FieldError(kind, "season", "edit_season_closed",
                                     dict(season=row.season.code), where))
        if errors:
            raise RecordRefused(errors, len(errors))
        new = canonical.texts(kind, form.result)
        changed = {name: (current[name], new[name]) for name in EDITABLE[kind]
                   if current[name] != new[name]}
        if not changed:
            return {}
        fields = {name: _stored(form.result[name]) for name in changed}
        model = _MODELS[kind]
        model.update(**fields).where(model.id == row.id).execute()
        seal.reseal(model, row.id)
        audit.log("edit", kind=kind, ids=(row.id, row.id), target=where,
                  before={name: old for name, (old, _) in changed.items()},
                  after={name: new for name, (_, new) in changed.items()}, reason=reason)
    return changed


def current(kind: str, code: str) -> dict[str, str]:
    """The fields of `code` that `edit` may change, as text, as they stand."""
    row = _row(kind, code)
    values = canonical.values(kind, row.id) or {}
    return {name: values.get(name, "") for name in EDITABLE[kind]}


def _row(kind: str, code: str):
    model = _MODELS[kind]
    query = model.select().where(model.code == code)
    if kind in _PARTY_KIND:
        query = query.where(model.kind == _PARTY_KIND[kind])
    row = query.get_or_none()
    if row is None:
        raise LedgerError("edit_unknown", kind=i18n.kind_label(kind), code=code)
    return row


def _stored(value: Any) -> Any:
    """A validated value as the column stores it (references by id)."""
    return value.id if hasattr(value, "id") else value


def _season_bound(kind: str, row, result: dict, where: str) -> list[FieldError]:
    """A season's new dates must still hold every record and batch date of the season, and
    a closed season's dates do not change at all."""
    if kind != "seasons" or (result.get("start"), result.get("end")) == (row.start, row.end):
        return []
    if row.is_closed:
        return [FieldError(kind, "start", "edit_season_closed", dict(season=row.code), where)]
    start, end = result.get("start"), result.get("end")
    if start is None or end is None:
        return []
    first, last = _dates_in(row.id)
    problems = []
    if first is not None and first < start:
        problems.append(FieldError(kind, "start", "season_dates_exclude",
                                   dict(date=first.isoformat()), where))
    if last is not None and last > end:
        problems.append(FieldError(kind, "end", "season_dates_exclude",
                                   dict(date=last.isoformat()), where))
    return problems


def _dates_in(season_id: int):
    """The earliest and latest date of anything in the season: its records (reversals
    placed in it included) and its batches' hatch, mount and harvest."""
    Batch = models.Batch
    bounds = [tuple(kind.model.select(fn.MIN(kind.model.date), fn.MAX(kind.model.date))
                    .where(kind.model.season == season_id).tuples().get())
              for kind in RECORD_KINDS]
    bounds.append(tuple(Batch.select(fn.MIN(Batch.hatch), fn.MAX(Batch.hatch), fn.MAX(Batch.mount),
                                     fn.MAX(Batch.harvest))
                        .where(Batch.season == season_id).tuples().get()))
    days = [models.Season.start.python_value(day) for pair in bounds for day in pair if day]
    return (min(days), max(days)) if days else (None, None)
