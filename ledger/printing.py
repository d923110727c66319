"""Sending a document to the computer's printer, where there is one.

The program writes every document as a file first (a PDF beside the ledger); this
module only finds out whether the computer has a printer to send it to, and sends it.
When there is none, the caller says where the file is, so the accountant can take it to
a printing shop on a USB stick.

- Linux and macOS (CUPS): a printer is one `lpstat -d` names as the default, or else the
  first `lpstat -a` lists as accepting requests; the file goes to it with `lp -d NAME`
  (or `lpr -P NAME` where only lpr is installed). `lpstat` is run in the C locale, since
  its words are translated otherwise, and given a few seconds: a print server that does
  not answer means no printer, not a program that hangs.
- Windows: the default printer named in the user's settings; the file is printed by the
  program Windows opens it with (`os.startfile(path, "print")`). A default that only
  writes another file (Microsoft Print to PDF, the XPS writer, OneNote, a fax) is no
  printer here: the PDF is already a file.

No user interface is imported here: the terminal UI and any command call `find_printer`
and `send`, and say what happened in their own words.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import LedgerError

#: Seconds `lpstat` may take to answer before the printer is taken to be absent.
ASK_SECONDS = 5.0
#: Seconds `lp` may take to accept a file.
SEND_SECONDS = 60.0
#: Words in a Windows printer's name that make it a file writer, not a printer.
FILE_WRITERS = ("pdf", "xps", "onenote", "fax")
#: Which way printers are found: Windows' settings, or CUPS's lpstat.
ON_WINDOWS = os.name == "nt"
#: lpstat and lp answer in English in the C locale, which is what is parsed.
C_LOCALE = {"LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}


@dataclass(frozen=True)
class Printer:
    """A printer to send files to: its name, and how (`lp`, `lpr` or `windows`) with
    the command's full path (empty on Windows)."""

    name: str
    how: str
    command: str = ""


def find_printer() -> Printer | None:
    """The printer a document would be sent to, or None when this computer has none."""
    if ON_WINDOWS:
        return _windows_printer()
    return _cups_printer()


def send(path: str | os.PathLike, printer: Printer) -> str:
    """Send the file to the printer; what the print system answered (`request id is
    …`), or "". A refusal is a LedgerError naming the file, the printer and the reason."""
    path = Path(path).resolve()
    if not path.is_file():
        raise LedgerError("print_missing", path=str(path))
    if printer.how == "windows":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        except OSError as error:
            raise LedgerError("print_failed", path=str(path), printer=printer.name,
                              reason=error.strerror or str(error)) from None
        return ""
    option = "-d" if printer.how == "lp" else "-P"
    try:
        done = subprocess.run([printer.command, option, printer.name, str(path)],
                              capture_output=True, text=True, timeout=SEND_SECONDS,
                              env={**os.environ, **C_LOCALE}, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        raise LedgerError("print_failed", path=str(path), printer=printer.name,
                          reason=str(error)) from None
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise LedgerError("print_failed", path=str(path), printer=printer.name,
                          reason=reason.splitlines()[0])
    return done.stdout.strip()


# -- Linux and macOS -----------------------------------------------------------------------

def _cups_printer() -> Printer | None:
    lpstat = shutil.which("lpstat")
    lp, lpr = shutil.which("lp"), shutil.which("lpr")
    if lpstat is None or (lp is None and lpr is None):
        return None
    default = default_destination(_ask(lpstat, "-d"))
    accepting = accepting_printers(_ask(lpstat, "-a"))
    if default and (default in accepting or not accepting):
        name = default
    elif accepting:
        name = accepting[0]
    else:
        return None
    return Printer(name, "lp", lp) if lp else Printer(name, "lpr", lpr)


def _ask(lpstat: str, option: str) -> str:
    """What `lpstat OPTION` prints, or "" when it fails or takes too long."""
    try:
        done = subprocess.run([lpstat, option], capture_output=True, text=True,
                              timeout=ASK_SECONDS, env={**os.environ, **C_LOCALE},
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def default_destination(answer: str) -> str | None:
    """The default printer in `lpstat -d`'s answer (`system default destination: NAME`);
    None for `no system default destination`."""
    for line in answer.splitlines():
        head, colon, name = line.partition(":")
        if colon and head.strip() == "system default destination" and name.strip():
            return name.strip()
    return None


def accepting_printers(answer: str) -> list[str]:
    """The printers `lpstat -a` lists as `NAME accepting requests since …`, in order;
    those `not accepting requests` are left out (their reason follows on indented
    lines)."""
    found = []
    for line in answer.splitlines():
        if not line or line[0].isspace():
            continue
        name, _, rest = line.partition(" ")
        if rest.startswith("accepting requests"):
            found.append(name)
    return found


# -- Windows -------------------------------------------------------------------------------

def _windows_printer() -> Printer | None:
    name = windows_default_printer()
    if not name or any(word in name.lower() for word in FILE_WRITERS):
        return None
    return Printer(name, "windows")


def windows_default_printer() -> str | None:
    """The default printer's name from the user's settings (`Device`, `NAME,winspool,
    PORT`), or None."""
    try:
        import winreg  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER,
                            r"Software\Microsoft\Windows NT\CurrentVersion\Windows") as key:
            device, _ = winreg.QueryValueEx(key, "Device")
    except OSError:
        return None
    name = str(device).split(",", 1)[0].strip()
    return name or None
