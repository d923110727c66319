"""The seals and hash chain that `check` verifies, verified on every core of the machine.

Recomputing a seal or a hash link is CPython work (the row's text and its sha256), some
15 seconds on one core for a million records; the database checks of `check` take about
as long again. So on a large ledger the seals and the chain are cut into ranges of ids
and verified by worker processes, each with its own connection, while `check` runs its
queries; a small ledger is verified in the process, where starting workers would cost
more than they save. Both ways give the same findings in the same order.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Iterator

from peewee import fn

from ledger import models, seal, stores
from ledger.stores import sqlite

#: Rows a worker verifies at a time: a few seconds' work, so the cores stay even.
CHUNK = 100_000
#: Below this many rows to verify, workers are not worth starting.
WORKERS_FROM = 200_000

#: What a task verifies: ("seals", table name, low, high) or ("chain", "", low, high),
#: the rows with ids above low up to high (to the end when None; `start` always gives one).
Task = tuple[str, str, int, "int | None"]


@dataclass
class Verification:
    """Tasks under way (or done), whose findings come back in the order of the tasks."""

    tasks: list[Task]
    workers: list[subprocess.Popen] = field(default_factory=list)
    found: dict[int, list[int]] | None = None  # task index -> ids, once gathered

    def seals(self) -> Iterator[tuple[str, int]]:
        """(table, id) of every row that no longer matches its seal."""
        for task, found in self._results():
            if task[0] == "seals":
                yield from ((task[1], row) for row in found)

    def chain(self) -> Iterator[int]:
        """Ids of the vouchers whose hash does not follow from their content."""
        for task, found in self._results():
            if task[0] == "chain":
                yield from found

    def _results(self) -> Iterator[tuple[Task, list[int]]]:
        if self.found is None:
            self.found = self.gather()
        for index, task in enumerate(self.tasks):
            if index not in self.found:  # no worker, or one that failed: verify here
                self.found[index] = verify(task)
            yield task, self.found[index]

    def gather(self) -> dict[int, list[int]]:
        """Wait for the workers; what each task they finished found, by task number."""
        found: dict[int, list[int]] = {}
        for worker in self.workers:
            with worker.stdout:
                output = worker.stdout.read()
            if worker.wait() == 0:
                found.update({int(index): ids for index, ids in json.loads(output).items()})
        self.workers = []
        return found

    def close(self) -> None:
        """Stop workers still running (a check abandoned half-way)."""
        for worker in self.workers:
            worker.kill()
            worker.wait()
            worker.stdout.close()
        self.workers = []


def start(alone: bool = False) -> Verification:
    """Begin verifying the ledger the models are bound to, up to the highest ids the
    caller's snapshot holds (read here, in it): in worker processes when it is a file
    with at least WORKERS_FROM rows to verify and this machine has more than one core,
    else here, as the findings are read. `alone`: the caller's transaction holds rows
    no other connection sees, so no workers."""
    tasks, rows = _tasks(CHUNK)
    path = models.database.database
    cores = os.cpu_count() or 1
    if (rows < WORKERS_FROM or cores < 2 or path in ("", ":memory:") or alone
            or stores.current().name != "sqlite" or models.database.in_transaction()):
        return Verification(tasks)
    numbered = list(enumerate(tasks))
    workers = (_worker(path, numbered[first::cores]) for first in range(cores))
    return Verification(tasks, [worker for worker in workers if worker is not None])


def _worker(path: str, tasks: list[tuple[int, Task]]) -> subprocess.Popen | None:
    """A process running this module on `tasks`: a fresh interpreter, so neither the
    caller's threads (the terminal UI's) nor its main module come along. None if it
    cannot be started; one that dies at once is found out by `gather`. Either way its
    tasks are verified here."""
    try:
        worker = subprocess.Popen([sys.executable, "-m", __name__, str(path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    except OSError:
        return None
    try:
        worker.stdin.write(json.dumps(tasks))
        worker.stdin.close()
    except OSError:  # it exited before reading its tasks (a broken pipe)
        with contextlib.suppress(OSError):
            worker.stdin.close()
    return worker


def _tasks(chunk: int) -> tuple[list[Task], int]:
    """The sealed tables and the chain in ranges of `chunk` ids, in `check`'s order, and
    how many rows they hold. The last range of each ends at the highest id the caller's
    snapshot holds: a worker, reading the ledger on its own connection, may see rows
    written since, which the rest of the check does not see, and leaves them alone."""
    tasks: list[Task] = []
    rows = 0
    for what, model in (*(("seals", m) for m in models.SEALED_MODELS),
                        ("chain", models.Voucher)):
        key = model._meta.primary_key
        highest = model.select(fn.MAX(key)).scalar() or 0
        table = model._meta.table_name if what == "seals" else ""
        lows = range(0, max(highest, 1), chunk)
        tasks += [(what, table, low, min(low + chunk, highest)) for low in lows]
        rows += highest
    return tasks, rows


_BY_TABLE = {model._meta.table_name: model for model in models.SEALED_MODELS}


def verify(task: Task) -> list[int]:
    """The ids a task finds broken, on the database the models are bound to."""
    what, table, low, high = task
    if what == "chain":
        return list(seal.broken_chain(low, high))
    return [row for _, row in seal.broken_seals(_BY_TABLE[table], low, high)]


def main() -> int:
    """A worker: verify the numbered tasks read from stdin on the ledger named by the
    first argument, and write {task number: broken ids} to stdout."""
    tasks = json.load(sys.stdin)
    database = sqlite.connect_for_reading(sys.argv[1])
    try:
        json.dump({index: verify(tuple(task)) for index, task in tasks}, sys.stdout)
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
