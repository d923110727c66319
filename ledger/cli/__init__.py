"""The `silk` command line: a thin layer over the service layer and the reports.

Every command opens the ledger (`--db`, else `SILK_DB`, else ./ledger.db), does one
thing, and prints in the reader's language (`--lang`, else the locale). A refusal or a
bad argument is one clear line on standard error and a non-zero exit, never a traceback.

The package: `parser` (every command and its help), one module per area holding its
commands (`records`, `reports`, `documents`, `export`, `safekeeping`,
`closing_and_corrections`), `opening` (which ledger, and opening it) and `output`
(everything printed passes through it, control characters taken out). A command imports
the database and the reports only when it runs, so `silk --version` and `silk --help`
load neither.
"""
from __future__ import annotations

import os
import sys

from ledger import i18n
from ledger.cli import output
from ledger.cli.opening import ledger_path


def main(argv: list[str] | None = None) -> int:
    from ledger.cli.parser import build_parser

    argv = sys.argv[1:] if argv is None else argv
    i18n.set_language(_early_lang(argv))
    args = build_parser(argv).parse_args(argv)  # --help and --version end here
    operator = getattr(args, "operator", None)
    if operator or "ledger.audit" in sys.modules:  # (a command that only reads needs none)
        from ledger import audit

        audit.set_operator(operator)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        output.tell("")
        output.complain(i18n.t("interrupted"))
        return 130
    except Exception as error:
        from ledger.errors import RecordRefused, explain

        text = explain(error, ledger_path(args))
        if text is None:  # a bug: one line for the user, the traceback on request
            if os.environ.get("SILK_DEBUG"):
                raise
            output.complain(i18n.t("internal_error", error=f"{type(error).__name__}: {error}"))
            return 3
        if isinstance(error, RecordRefused):  # a line for each problem, file:line first
            output.tell(text)
            output.tell(i18n.t("nothing_written", count=error.total))
        else:
            output.complain(text)
        return 1
    finally:
        models = sys.modules.get("ledger.models")  # loaded only by a command that opened it
        if models is not None and models.database.obj is not None:
            models.database.close()


def _early_lang(argv: list[str]) -> str | None:
    """`--lang` must be known before the parser is built, since help is translated."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
