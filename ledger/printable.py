"""Which characters may reach a terminal or a printer, in one place.

A name, a reason or a bad cell from a file can carry control characters: an escape
sequence that retitles the terminal (ESC ] 0 ; ... BEL) or clears it (ESC [ 2 J), a C1
control that some terminals obey as ESC (U+009B), a carriage return that writes over what
is already on the line, or an invisible bidirectional override (U+202E) that makes the
figures after it read backwards. The rules refuse them in new records (`ledger.rules`
compiles the classes below where it needs them: compiled here, they would cost every
command's start); `printable` takes them out of anything shown, for the command line,
the reports and the terminal UI alike.
"""
from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, and the C1 controls.
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
#: Invisible marks that change the direction text is shown in: ALM, LRM, RLM, the
#: embeddings and overrides (U+202A-U+202E) and the isolates (U+2066-U+2069).
BIDI_MARKS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Halves of a UTF-16 pair, which no encoding can write on their own.
SURROGATES = "\ud800-\udfff"

#: Any control character, tab and newline included (text on one line).
CONTROL = f"[\t\n{CONTROLS}{SURROGATES}]"
#: Any control character but a newline (text that may have several lines).
CONTROL_BUT_NEWLINE = f"[\t{CONTROLS}{SURROGATES}]"
#: One bidirectional mark.
BIDI_MARK = f"[{BIDI_MARKS}]"

#: What `printable` removes: a whole escape sequence at once (so that no "[2J" is left
#: behind), then any other control character, a carriage return that does not end a
#: line, a bidirectional mark, or half a surrogate pair. A string command (OSC, DCS, SOS,
#: PM, APC) that is never terminated stops at the end of its line, so that it cannot
#: swallow the message after it.
_UNPRINTABLE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                    # CSI: ESC [ ... final byte
    r"|\x9b[0-?]*[ -/]*[@-~]"                     # CSI as one C1 character
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # the same in C1
    r"|\x1b[ -/]*[0-~]"                           # any other escape (ESC c resets)
    f"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_MARKS}{SURROGATES}]"
    r"|\r(?!\n)")


def printable(text: str) -> str:
    """`text` with every control character, escape sequence and bidirectional mark
    taken out; newlines, tabs and line-ending carriage returns stay."""
    if text.isprintable():
        return text
    return _UNPRINTABLE.sub("", text)

