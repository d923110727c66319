"""The tools people would use instead: `hledger bal` and `ledger bal` (ledger-cli) on the
same books, exported by `silk export --format hledger`, which both read.

Each re-reads the whole journal for every report, so its time and memory grow with the
records; a run that takes long is run once or twice only. On Debian:
`apt-get install -y hledger ledger`.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bench.measure import Command, command

#: name -> the command line of its balance report on a journal file.
PEERS = {
    "hledger bal": lambda journal: ["hledger", "-f", str(journal), "bal"],
    "ledger bal": lambda journal: ["ledger", "--init-file", "/dev/null", "-f", str(journal),
                                   "bal"],
}
#: A peer whose memory passes this is stopped (and its figure marked so).
CAP_MB = 12_000


def installed() -> list[str]:
    return [name for name in PEERS if shutil.which(name.split()[0])]


def measure(journal: Path, runs: int) -> dict[str, Command]:
    """name -> time and peak memory of each installed peer on `journal`."""
    return {name: command(PEERS[name](journal), runs, budget=20.0, cap_mb=CAP_MB)
            for name in installed()}


def versions() -> list[str]:
    """The peers' versions, for the results' header."""
    found = []
    for name in installed():
        program = name.split()[0]
        output = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
        found.append(output.splitlines()[0].strip() if output else program)
    return found
