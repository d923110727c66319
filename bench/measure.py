"""How a figure is taken: several timed runs of a function, or of a command in a child
process whose peak memory (max RSS) the kernel reports when it ends (bench/child.py)."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

CHILD = Path(__file__).parent / "child.py"


@dataclass(frozen=True)
class Timing:
    """The minimum and median of `runs` timings, in seconds."""

    min: float
    median: float
    runs: int

    @classmethod
    def of(cls, seconds: list[float]) -> "Timing":
        return cls(min(seconds), statistics.median(seconds), len(seconds))


def warm(*paths: Path) -> None:
    """Read each file once, so that it is in the operating system's cache when timed, as
    the ledger of an office PC in use is. This machine's cache is emptied now and then
    from outside (by the host of the virtual machine), which had made one run's report
    figures 1.5 to 2 times the next's."""
    for path in paths:
        if Path(path).exists():
            with open(path, "rb") as handle:
                while handle.read(1 << 22):
                    pass


def timed(function: Callable[[], object], runs: int, budget: float = 30.0) -> Timing:
    """Time `runs` calls of `function`, fewer once `budget` seconds are spent (a slow
    reference at ten million records is run once or twice, not five times)."""
    seconds: list[float] = []
    while len(seconds) < runs and sum(seconds) <= budget:
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return Timing.of(seconds)


@dataclass(frozen=True)
class Command:
    """A command's wall time over its runs and the highest peak memory of any run."""

    timing: Timing
    peak_mb: float
    killed: bool = False  # stopped for going over the memory cap


class CommandFailed(Exception):
    pass


def command(argv: list[str], runs: int, budget: float = 30.0, cap_mb: float | None = None,
            allowed: tuple[int, ...] = (0,)) -> Command:
    """Run `argv` up to `runs` times (fewer past `budget` seconds), its output discarded;
    an exit status outside `allowed` raises CommandFailed."""
    seconds, peaks, killed = [], [], False
    while len(seconds) < runs and sum(seconds) <= budget and not killed:
        wall, peak, killed = run_once(argv, cap_mb, allowed)
        seconds.append(wall)
        peaks.append(peak)
    return Command(Timing.of(seconds), max(peaks), killed)


def run_once(argv: list[str], cap_mb: float | None = None,
             allowed: tuple[int, ...] = (0,)) -> tuple[float, float, bool]:
    """(wall seconds, peak MB, killed) of one run, taken by bench/child.py (which says
    why); raises CommandFailed on an exit status not `allowed`."""
    wall, peak, killed, _cpu = run_timed(argv, cap_mb, allowed)
    return wall, peak, killed


def run_timed(argv: list[str], cap_mb: float | None = None,
              allowed: tuple[int, ...] = (0,)) -> tuple[float, float, bool, float]:
    """`run_once`, with the CPU seconds (user + system) the command used as well."""
    wrapped = [sys.executable, "-I", "-S", str(CHILD), str(cap_mb or 0), *argv]
    with tempfile.TemporaryFile() as errors:
        returncode = subprocess.call(wrapped, stdout=subprocess.DEVNULL, stderr=errors)
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    report = lines[-1].split() if lines else []
    if returncode not in allowed or report[:1] != ["bench-child"]:
        raise CommandFailed(f"{' '.join(argv)}: exit {returncode}: " + " | ".join(lines[-5:]))
    wall, maxrss_kb, killed = float(report[1]), int(report[2]), report[3] == "1"
    return wall, maxrss_kb / 1024, killed, float(report[4])


def alone_on_1m(measure: Callable[[Path, int], dict[str, tuple[Timing, Timing]]]) -> int:
    """A module's figures on the 1M ledger (built first if missing), printed: for
    `python -m bench.yields` and the like, without the rest of the benchmarks."""
    from bench import ledgers

    path = ledgers.ledger(ledgers.SIZES["1M"])
    warm(path)
    print_beside_bare(measure(path, 5))
    return 0


def print_beside_bare(figures: dict[str, tuple[Timing, Timing]]) -> None:
    """The figures of one module run alone (`python -m bench.yields`), each beside the
    bare SQL computing the same."""
    for label, (figure, reference) in figures.items():
        print(f"{label}: median {figure.median * 1000:.0f} ms (min {figure.min * 1000:.0f}); "
              f"bare SQL {reference.median * 1000:.0f} ms", file=sys.stdout)
