"""Errors a person can act on.

An error carries a message key and its parameters, not a sentence, so the command line
and the UI show it in the reader's language (`ledger.i18n`). A refused record lists every
field that is wrong, each naming the record, the field and the reason.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ledger import i18n


class LedgerError(Exception):
    """A refusal or failure to show the user: message key plus parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return i18n.t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


@dataclass
class FieldError:
    """One thing wrong with one field of one record.

    `where` locates the record for the reader: a file and line (`leaf.csv:12`) when it
    came from a file, else empty, and the record kind is named instead.
    """

    kind: str
    field: str
    reason: str
    params: dict = field(default_factory=dict)
    where: str = ""

    def message(self, lang: str | None = None) -> str:
        place = self.where or i18n.kind_label(self.kind, lang)
        label = self.field if self.where else i18n.field_label(self.field, lang)
        return f"{place}: {label}: {i18n.t(self.reason, lang, **self.params)}"


class RecordRefused(LedgerError):
    """One or more records were refused; nothing was written."""

    def __init__(self, errors: list[FieldError], total: int | None = None):
        super().__init__("record_refused", count=total or len(errors))
        self.errors = errors
        self.total = total or len(errors)

    def message(self, lang: str | None = None) -> str:
        lines = [error.message(lang) for error in self.errors]
        if self.total > len(self.errors):
            lines.append(i18n.t("more_problems", lang, count=self.total - len(self.errors)))
        return "\n".join(lines)


def explain(error: BaseException, path: str = "") -> str | None:
    """What went wrong, in words the accountant can act on: a refusal's message, or a
    database that is busy, read-only, full or damaged (`ledger.db.problem`, naming the
    ledger at `path`). None for anything else, which is a bug rather than a situation:
    the command line and the terminal UI each say so in their own way. The store is only
    looked at when it is loaded: an error cannot come from a module never imported."""
    if isinstance(error, LedgerError):
        return error.message()
    if "peewee" in sys.modules:  # the store is loaded: its errors are classified by code
        from ledger import db, store_errors

        if isinstance(error, store_errors.ERRORS):
            return db.problem(error, path)
    return None
