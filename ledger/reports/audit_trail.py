"""The audit trail in words: what an entry did, as the accountant would say it.

An entry stores codes, ids and the values as typed (`{"kg": "18.6"}`); read as it is, it
shows raw JSON and ids nobody knows. Here each entry becomes a line of what was done and
lines of detail: the records it added with their households' names and amounts (each
worker of a wage sheet), a correction's fields as old → new in their canonical form, a
master-data change field by field. The command line's `silk log` and the terminal UI's
audit screen both show these lines.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ledger import audit, canonical, i18n, models, terms
from ledger.browse.lookup import party_named
from ledger.kinds import BY_NAME

#: Records listed under one entry; an import of thousands says how many more there are.
MAX_RECORDS = 20

#: Columns that name a party by its code.
PARTY_COLUMNS = ("owner", "supplier", "buyer", "payer", "household", "recipient")


@dataclass
class Described:
    """One entry: its headline and the lines under it."""

    summary: str
    details: list[str] = field(default_factory=list)


def describe(entry: audit.Entry, lang: str | None = None) -> Described:
    """The entry in words, in `lang`."""
    action = _label(f"action.{entry.action}", entry.action, lang)
    kind = i18n.kind_label(entry.kind, lang) if entry.kind in BY_NAME else ""
    details: list[str] = []
    if entry.reason:
        details.append(f"{i18n.t('log_reason', lang)}: {entry.reason}")
    if entry.action == "amend":
        details += _changes(entry.kind, _json(entry.before), _corrected(entry), lang)
    elif entry.action == "edit":
        details += _changes(entry.kind, _json(entry.before), _json(entry.after), lang)
    elif entry.action == "reverse":
        details.append(_record_line(entry.kind, _json(entry.before), lang))
    elif entry.kind in BY_NAME and entry.first_id is not None:
        details += _records(entry, lang)
    subject = " ".join(part for part in (kind, _what(entry, lang)) if part)
    return Described(f"{action} {subject}".strip(), details)


def _label(key: str, fallback: str, lang: str | None) -> str:
    text = i18n.t(key, lang)
    return fallback if text == key else text


def _json(text: str):
    return json.loads(text) if text else {}


def _what(entry: audit.Entry, lang: str | None) -> str:
    """The entry's object: `H002`, `sales:42`, a season, a file; a count for many; the
    list a word was added to, and the word (茧等级：特级茧)."""
    if entry.action == terms.ACTION:
        word = _json(entry.after).get("word", "")
        colon = "：" if (lang or i18n.language()) == "zh" else ": "
        return f"{_label(f'list.{entry.target}', entry.target, lang)}{colon}{word}"
    if entry.first_id is not None and entry.last_id is not None \
            and entry.last_id > entry.first_id and entry.action != "amend":
        count = entry.last_id - entry.first_id + 1
        return i18n.t("log_count", lang, count=count) + (f" ({entry.target})" if entry.target
                                                          else "")
    return entry.target


def _records(entry: audit.Entry, lang: str | None) -> list[str]:
    """The records an entry added, a line each, up to MAX_RECORDS."""
    model = BY_NAME[entry.kind].model
    ids = list(model.select(model.id).where(model.id.between(entry.first_id, entry.last_id))
               .order_by(model.id).limit(MAX_RECORDS).tuples())
    lines = [_record_line(entry.kind, canonical.values(entry.kind, record_id), lang)
             for (record_id,) in ids]
    more = entry.last_id - entry.first_id + 1 - len(lines)
    if more > 0:
        lines.append(i18n.t("log_more_records", lang, count=more))
    return lines


def _record_line(kind: str, values: dict | None, lang: str | None) -> str:
    """A record's fields in its column order, `label value`, each value in words."""
    if not values:
        return ""
    names = _party_names([values[c] for c in PARTY_COLUMNS if values.get(c)])
    parts = [f"{i18n.field_label(column, lang)} {_worded(column, values[column], names, lang)}"
             for column in BY_NAME[kind].columns if values.get(column, "") != ""]
    return ("，" if (lang or i18n.language()) == "zh" else ", ").join(parts)


def _changes(kind: str, before: dict, after: dict, lang: str | None) -> list[str]:
    """`field: old → new` for every field whose value differs, each value in words."""
    names = _party_names([value for values in (before, after) for column, value in
                          values.items() if column in PARTY_COLUMNS and value])
    lines = []
    for column in (BY_NAME[kind].columns if kind in BY_NAME else sorted(before)):
        old, new = before.get(column, ""), after.get(column, "")
        if column in before and old != new:
            old, new = (_worded(column, value, names, lang) or "—" for value in (old, new))
            lines.append(f"{i18n.field_label(column, lang)}: {old} → {new}")
    return lines


def _worded(column: str, value, names: dict[str, str], lang: str | None) -> str:
    """A stored value as a reader says it: a choice's word (付给农户, 银行), a party by
    code and name (E02 镇蚕茧收购站), the collective by its name alone (村集体)."""
    if value is None or value == "":
        return ""
    if column in i18n.CHOICE_KEYS:
        return i18n.choice_word(column, str(value), lang)
    if column in PARTY_COLUMNS:
        return party_named(str(value), names.get(value, ""), lang)
    return str(value)


def _corrected(entry: audit.Entry) -> dict:
    """An amendment's corrected record as stored (its values in canonical form, where the
    trail keeps them as typed): the last of the two records the entry added."""
    stored = canonical.values(entry.kind, entry.last_id) if entry.last_id else None
    return stored or _json(entry.after)


def _party_names(codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    Party = models.Party
    return dict(Party.select(Party.code, Party.name).where(Party.code.in_(codes)).tuples())
