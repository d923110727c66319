"""Removable drives (a USB stick, a memory card) to back the ledger up onto or read files
from, offered by the terminal UI beside the folders it always offers.

On Linux a drive plugged in is mounted in a folder of its own under `/media/USER`
(Ubuntu, Debian's desktops), `/run/media/USER` (Fedora, openSUSE, Arch's desktops) or
`/mnt` (mounted by hand); each folder found there is offered. On Windows it is a drive
letter: every letter with a drive in it is offered except C:, the system's own disk,
and A: and B:, the floppy letters, where asking can stall on an empty drive.

Nothing is mounted, written or opened here; a folder that cannot be listed is skipped.
"""
from __future__ import annotations

import getpass
import os
import string
from pathlib import Path
from typing import Callable

#: Where desktops and people mount drives, below the file system's root, for `user`.
MOUNT_ROOTS = ("media/{user}", "run/media/{user}", "mnt")


def removable_drives(user: str | None = None, base: str | os.PathLike = "/",
                     windows: bool | None = None,
                     mounted: Callable[[Path], bool] = os.path.ismount) -> list[Path]:
    """The folders of the drives plugged in, in the order of MOUNT_ROOTS and by name
    within each: only mount points (`mounted`), so an empty folder left behind, or one
    a system keeps under /mnt for itself, is not offered as a stick; `base` is the file
    system's root (a temporary folder in the tests). On Windows the drive letters (see
    `windows_drives`)."""
    if (os.name == "nt") if windows is None else windows:
        return windows_drives()
    user = user or _user()
    found: list[Path] = []
    for root in MOUNT_ROOTS:
        if "{user}" in root and not user:
            continue  # (not /media itself, which holds every user's folder)
        folder = Path(base) / root.format(user=user)
        try:
            entries = sorted(folder.iterdir(), key=lambda path: path.name.lower())
        except OSError:  # no such folder, or not ours to list
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry in found:
                continue
            try:
                if entry.is_dir() and mounted(entry):
                    found.append(entry)
            except OSError:
                continue
    return found


def windows_drives(exists: Callable[[str], bool] = os.path.isdir) -> list[Path]:
    """The drive letters D: to Z: with a drive in them."""
    return [Path(f"{letter}:\\") for letter in string.ascii_uppercase[3:]
            if exists(f"{letter}:\\")]


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this process's id (a container)
        return os.environ.get("USER", "")
