"""A database that is busy, read-only or full is a message to the user, not a traceback."""
from __future__ import annotations

from ledger import i18n, store_errors
from ledger.errors import LedgerError, explain


def problem(error: Exception, path: str = "") -> str:
    """What went wrong, in words the accountant can act on: on the screen's own terms
    (the text `tui.` + the refusal's key, with its figures) where the core's message
    names a command or a flag of the command line."""
    if isinstance(error, LedgerError) and i18n.known(f"tui.{error.key}"):
        return i18n.t(f"tui.{error.key}", **error.params)
    return explain(error, path) or i18n.t("tui.read_failed",
                                          reason=f"{type(error).__name__}: {error}")


#: What the store raises when it is busy, read-only, full or damaged.
DATABASE_ERRORS = store_errors.ERRORS
#: What a screen's action may meet and must report rather than crash on.
EXPECTED = (*DATABASE_ERRORS, LedgerError, OSError)
