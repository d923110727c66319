"""Run one command and report its wall time and peak memory: `python child.py CAP_MB ARGV...`.

Why a go-between: a child forked from the harness starts with the harness's memory
high-water mark (Linux keeps it across fork and exec), so its ru_maxrss would report
the harness, not the command. Forked from this small process instead, the command's
figure is its own (never below this script's few megabytes); when the command starts
worker processes, the peak of their sum with it, sampled every 0.2 s, if higher. A
command whose resident memory (its workers' included) passes CAP_MB (0: no cap) is
killed, so a peer tool said to need gigabytes cannot
take a shared machine down. The last line on standard error is
`bench-child WALL_SECONDS MAXRSS_KB KILLED CPU_SECONDS` (CPU: user + system, the
command's and its reaped workers'); the exit status is the command's.
"""
import os
import sys
import threading
import time


def tree_rss_kb(pid: int) -> int:
    """The resident memory of `pid` and every process under it (a command's worker
    processes count towards its memory); 0 once it is gone or without /proc (macOS)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                pass  # ended meanwhile
    tree, grew = {pid}, True
    while grew:
        grown = tree | {child for child, parent in parents.items() if parent in tree}
        grew, tree = grown != tree, grown
    return sum(_rss_kb(member) for member in tree)


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next((int(line.split()[1]) for line in handle
                         if line.startswith("VmRSS:")), 0)
    except (OSError, ValueError):
        return 0


def watch(pid: int, cap_kb: int, stopped: threading.Event, killed: list, peak: list) -> None:
    """Every 0.2 s: the tree's memory, its peak, and the cap."""
    while not stopped.wait(0.2):
        rss = tree_rss_kb(pid)
        peak[0] = max(peak[0], rss)
        if cap_kb and rss > cap_kb and not stopped.is_set():
            killed.append(True)
            os.kill(pid, 9)
            return


def main() -> int:
    cap_kb, argv = int(float(sys.argv[1]) * 1024), sys.argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    stopped, killed, tree_peak = threading.Event(), [], [0]
    threading.Thread(target=watch, args=(pid, cap_kb, stopped, killed, tree_peak),
                     daemon=True).start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    stopped.set()
    maxrss = max(usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1), tree_peak[0])
    cpu = usage.ru_utime + usage.ru_stime
    sys.stderr.write(f"\nbench-child {wall:.6f} {maxrss} {int(bool(killed))} {cpu:.6f}\n")
    return 0 if killed else os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    raise SystemExit(main())
