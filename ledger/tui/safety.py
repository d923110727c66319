"""A database that is busy, read-only or full is a message to the user, not a traceback."""
from __future__ import annotations

from ledger import db, i18n, store_errors
from ledger.errors import LedgerError, RecordRefused


def problem(error: Exception, path: str = "") -> str:
    """What went wrong, in words the accountant can act on."""
    if isinstance(error, RecordRefused):
        return error.message()
    if isinstance(error, LedgerError):
        return error.message()
    if isinstance(error, store_errors.ERRORS):
        return db.problem(error, path)
    return i18n.t("tui.read_failed", reason=f"{type(error).__name__}: {error}")


#: What the store raises when it is busy, read-only, full or damaged.
DATABASE_ERRORS = store_errors.ERRORS
#: What a screen's action may meet and must report rather than crash on.
EXPECTED = (*DATABASE_ERRORS, LedgerError, OSError)
