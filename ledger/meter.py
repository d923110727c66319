"""A line on the terminal that says how far a long command has got (the import of a
county's files, the check of its books): written over itself on standard error, at most
twice a second, and only when standard error is a terminal, so that nothing is ever
added to what a script, a pipe or a file receives. Gone again when the command ends.

The line is rewritten with a carriage return and cleared with spaces, not with escape
codes, which the console of an older Windows prints as they are. A terminal that
cannot be written to any more turns the line off: it never stops the command."""
from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

from ledger import i18n
from ledger.width import width_of

#: Seconds between two updates of the line.
EVERY = 0.5


class Meter:
    """`with Meter(key) as meter: ... meter.show(**params)`: the message `key`."""

    def __init__(self, key: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.key = key
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.on = _is_terminal(self.stream)
        self.width = 0  # display cells of the line shown, 0 when none is
        self.last: float | None = None

    def show(self, **params) -> None:
        if not self.on:
            return
        now = self.clock()
        if self.last is not None and now - self.last < EVERY:
            return
        self.last = now
        text = i18n.t(self.key, **params)
        width = width_of(text)
        self._write(f"\r{text}{' ' * (self.width - width)}")
        self.width = width

    def __enter__(self) -> "Meter":
        return self

    def __exit__(self, *_exc) -> None:
        if self.width:  # clear the line for what the command prints next
            self._write(f"\r{' ' * self.width}\r")
            self.width = 0

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the work goes on
            self.on = False
            self.width = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False
