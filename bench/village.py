"""Village size (issue 18, "Start-up"): the commands an accountant types, on the books of
one village's year (about 3,700 records), each timed as a whole process beside the
yardstick it is held to:

- `silk --version` and `silk --help` beside bare `python -c pass` (≤ 3×): they load
  neither the database layer nor the reports;
- `silk report trial-balance`, `silk report season`, `silk statement` and `silk check`
  beside `ledger bal` on the same books exported as a journal (≤ 2×), with `hledger bal`
  shown too. At this size a command's time is mostly Python's start-up and its imports
  (peewee's own import is the floor), not the query.

Each pair runs in turn (A B A B ...) after one run of each that is not counted, so a
shared machine whose speed drifts during the measure moves both figures alike. The
figure is the CPU time (user + system) each command used: on a shared machine of two
cores the wall clock of a 100 ms command mostly measures the others' work (it read 3 to
5 times the CPU time while the test suite ran beside it).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench import commands, ledgers, peers, silk
from bench.ledgers import Size, progress
from bench.measure import Command, Timing, run_timed
from bench.table import Row

#: One village's year: 80 households over three rearing seasons, about 3,700 records.
VILLAGE = Size("village", 80, 3)
BARE_PYTHON = [sys.executable, "-c", "pass"]


def silk_command() -> list[str]:
    """`silk` as installed beside this Python (what the user types), else `-m ledger`."""
    script = Path(sys.executable).with_name("silk")
    return [str(script)] if script.exists() else commands.SILK


def rows(runs: int) -> list[Row]:
    compile_bytecode()
    path = ledgers.ledger(VILLAGE)
    records = silk.records(path)
    about = silk.subject(path)
    journal = ledgers.journal_path(VILLAGE)
    commands.export_journal(path, journal)
    progress(f"village: {records:,} records; season {about.season}, household "
             f"{about.household} ...")
    program = silk_command()
    ledger_args = [*program, "--db", str(path)]
    found = []
    for name, argv in (("`silk --version`", [*program, "--version"]),
                       ("`silk --help`", [*program, "--help"])):
        mine, bare = paired(argv, BARE_PYTHON, runs)
        found.append(Row(name, VILLAGE.label, records, mine.timing, "`python -c pass`",
                         bare.timing, mine, bare, target="start-up"))
    reference = "ledger bal" if shutil.which("ledger") else None
    if reference is None:
        progress("village: `ledger` is not installed (apt-get install ledger): no reference")
    if reference is not None:  # what no command reading the ledger can go below
        floor, peer = paired([sys.executable, "-c", "import peewee"],
                             peers.PEERS[reference](journal), runs)
        found.append(Row("`python -c 'import peewee'` (the floor)", VILLAGE.label, records,
                         floor.timing, f"`{reference}`", peer.timing, floor, peer))
    for name, arguments, allowed in (
            ("`silk report trial-balance`", ["report", "trial-balance"], (0,)),
            ("`silk report season`", ["report", "season", about.season], (0,)),
            ("`silk statement`", ["statement", about.household, about.season], (0,)),
            ("`silk check`", ["check"], (0, 1))):
        argv = [*ledger_args, *arguments]
        if reference is None:
            mine, _ = paired(argv, BARE_PYTHON, runs, allowed)
            found.append(Row(name, VILLAGE.label, records, mine.timing, command=mine))
            continue
        mine, peer = paired(argv, peers.PEERS[reference](journal), runs, allowed)
        found.append(Row(name, VILLAGE.label, records, mine.timing, f"`{reference}`",
                         peer.timing, mine, peer, target="village report"))
    if shutil.which("hledger"):
        argv = [*ledger_args, "report", "trial-balance"]
        mine, peer = paired(argv, peers.PEERS["hledger bal"](journal), runs)
        found.append(Row("`silk report trial-balance`", VILLAGE.label, records, mine.timing,
                         "`hledger bal`", peer.timing, mine, peer))
    return found


def compile_bytecode() -> None:
    """Every module of the program compiled, as `pip install` leaves it: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) or a module changed since, each run
    would otherwise compile its source again, a cost no user pays."""
    import compileall

    import ledger

    compileall.compile_dir(Path(ledger.__file__).parent, quiet=1)


def paired(first: list[str], second: list[str], runs: int,
           allowed: tuple[int, ...] = (0,)) -> tuple[Command, Command]:
    """Both commands `runs` times in turn, after one uncounted run of each: their CPU
    times and peak memory."""
    run_timed(first, allowed=allowed)
    run_timed(second)
    times: tuple[list[float], list[float]] = ([], [])
    peaks: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for index, (argv, codes) in enumerate(((first, allowed), (second, (0,)))):
            _wall, peak, _killed, cpu = run_timed(argv, allowed=codes)
            times[index].append(cpu)
            peaks[index].append(peak)
    return (Command(Timing.of(times[0]), max(peaks[0])),
            Command(Timing.of(times[1]), max(peaks[1])))
