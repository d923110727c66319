"""Everything the command line shows goes through here, so that nothing from a ledger or
a file (a village name, an operator, a reason, a bad cell) can send the terminal an
escape sequence: each text passes `ledger.printable.printable` on its way out, to
standard output or standard error alike. Documents written to a file with `-o` are data
and go to `ledger.io.output` untouched.
"""
from __future__ import annotations

import sys

from ledger.printable import printable

PROGRAM = "silk"


def say(text: str = "") -> None:
    """A line on standard output."""
    write(f"{text}\n")


def write(text: str) -> None:
    """Text on standard output as it is (a document or CSV that ends its own lines)."""
    sys.stdout.write(printable(text))


def tell(text: str) -> None:
    """A line on standard error: what was written where, a step done."""
    sys.stderr.write(printable(f"{text}\n"))


def complain(text: str) -> None:
    """A refusal or a warning, on standard error after the program's name."""
    tell(f"{PROGRAM}: {text}")
