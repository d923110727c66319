"""The accountant's lists: the cocoon grades (等级) and the items (项目) of inputs and of
charges that a form accepts.

A list is its defaults, every word the ledger already uses in that column (an import's
too), and the words the accountant added on purpose, in that order. The added ones are
kept in the ledger's key/value `meta` table (key `list.<name>`, a JSON list), each
addition with its own entry in the audit trail; the schema is not touched.

The lists bind what is typed into a form, so that 上车茧 is not also 上车 or 上车茧茧 on the
sheets: `unlisted` names each field holding a word that is not on its list. Files and the
command line are not bound by them (an import keeps any grade it carries, and that grade
is on the list from then on, as a word the ledger uses).
"""
from __future__ import annotations

import json

from peewee import fn

from ledger import audit, db, models, rules, stores
from ledger.errors import FieldError, LedgerError, RecordRefused

#: Each list by name: the record kind and column it is for, and its first words.
LISTS: dict[str, tuple[str, str]] = {
    "grades": ("sales", "grade"),
    "input_items": ("inputs", "item"),
    "charge_items": ("charges", "item"),
}
DEFAULTS: dict[str, tuple[str, ...]] = {
    "grades": ("上车茧", "上茧", "次茧", "下茧", "双宫茧", "黄斑茧"),
    "input_items": ("蚕种", "消毒药", "漂白粉", "石灰", "防僵粉", "方格蔟", "蚕网", "塑料薄膜"),
    "charge_items": ("小蚕共育费", "蚕种费", "消毒费", "电费", "水费", "技术服务费"),
}
#: The longest word each list takes: its column's own limit (`ledger.rules`).
LIMITS = {"grades": 32, "input_items": 100, "charge_items": 100}
#: The audit trail's action for a word added to a list.
ACTION = "list_add"

_MODELS = {"sales": models.CocoonSale, "inputs": models.Input, "charges": models.Charge}


def list_of(kind: str, field: str) -> str | None:
    """The name of the list `kind`'s `field` is typed from, if there is one."""
    return next((name for name, where in LISTS.items() if where == (kind, field)), None)


def _key(name: str) -> str:
    return f"list.{name}"


def added(name: str) -> list[str]:
    """The words the accountant added to list `name`, oldest first."""
    try:
        words = json.loads(db.get_meta(_key(name)) or "[]")
    except ValueError:
        return []
    return [word for word in words if isinstance(word, str)] if isinstance(words, list) else []


def used(name: str) -> list[str]:
    """The words the ledger's records use in the list's column, the most used first."""
    kind, field = LISTS[name]
    model = _MODELS[kind]
    column = getattr(model, field)
    rows = (model.select(column, fn.COUNT(model.id)).where(column != "")
            .group_by(column).order_by(fn.COUNT(model.id).desc(), column).tuples())
    return [word for word, _ in rows]


def listed(name: str) -> list[str]:
    """Every word on list `name`: its defaults, the words in use, the words added."""
    return list(dict.fromkeys([*DEFAULTS[name], *used(name), *added(name)]))


@stores.retried
def add(name: str, word: str) -> str:
    """Put `word` on list `name`, with an entry in the audit trail; the word as kept.
    Refused (nothing written) when it is empty, is text no field takes, or is already
    on the list."""
    if name not in LISTS:
        raise KeyError(name)
    kind, field = LISTS[name]
    try:
        word = rules.read_text(LIMITS[name])(word if isinstance(word, str) else "")
    except rules.Problem as problem:
        raise RecordRefused([FieldError(kind, field, problem.reason, problem.params)]) from None
    if not word:
        raise LedgerError(f"list_empty.{name}")
    with models.database.atomic():
        if word in listed(name):
            raise LedgerError(f"list_has.{name}", word=word)
        db.set_meta(_key(name), json.dumps([*added(name), word], ensure_ascii=False))
        audit.log(ACTION, target=name, after={"word": word})
    return word


def unlisted(kind: str, values: dict) -> list[FieldError]:
    """A problem for each field of a `kind` record typed in a form whose word is not on
    its list (an empty field is for the rules to judge)."""
    errors = []
    for field, value in values.items():
        name = list_of(kind, field)
        word = value.strip() if isinstance(value, str) else ""
        if name and word and word not in listed(name):
            errors.append(FieldError(kind, field, f"list_unlisted.{name}", {"value": word}))
    return errors
