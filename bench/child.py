"""Run one command and report its wall time and peak memory: `python child.py CAP_MB ARGV...`.

Why a go-between: a child forked from the harness starts with the harness's memory
high-water mark (Linux keeps it across fork and exec), so its ru_maxrss would report
the harness, not the command. Forked from this small process instead, the command's
figure is its own (never below this script's few megabytes). A command whose resident
memory passes CAP_MB (0: no cap) is killed, so a peer tool said to need gigabytes cannot
take a shared machine down. The last line on standard error is
`bench-child WALL_SECONDS MAXRSS_KB KILLED`; the exit status is the command's.
"""
import os
import sys
import threading
import time


def watch(pid: int, cap_kb: int, stopped: threading.Event, killed: list) -> None:
    while not stopped.wait(0.2):
        try:
            with open(f"/proc/{pid}/status") as handle:
                rss = next((int(line.split()[1]) for line in handle
                            if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError):
            return  # gone, or no /proc (macOS): no cap
        if rss > cap_kb and not stopped.is_set():
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
    stopped, killed = threading.Event(), []
    if cap_kb:
        threading.Thread(target=watch, args=(pid, cap_kb, stopped, killed), daemon=True).start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    stopped.set()
    maxrss = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    sys.stderr.write(f"\nbench-child {wall:.6f} {maxrss} {int(bool(killed))}\n")
    return 0 if killed else os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    raise SystemExit(main())
