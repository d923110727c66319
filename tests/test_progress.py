"""Long commands say how far they have got: an import counts the rows it has read, a
check its steps. The line is written over itself on a terminal's standard error, twice
a second at most, and cleared at the end; a script, pipe or file receives nothing."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest

from ledger import book, check, i18n
from ledger.io import csv_import
from ledger.meter import Meter

from helpers import build_village, clean_env, make_village, ok, silk, valid


@pytest.fixture
def village(memory_ledger):
    build_village()
    return memory_ledger


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_is_written_over_itself_at_most_twice_a_second_then_cleared():
    terminal, clock = Terminal(), Clock()
    i18n.set_language("zh")
    try:
        with Meter("import_progress", terminal, clock) as meter:
            meter.show(count="5,000")
            clock.now += 0.2
            meter.show(count="10,000")  # too soon: not shown
            clock.now += 0.4
            meter.show(count="15,000")
    finally:
        i18n.set_language("en")
    first, then = "正在读取… 已读 5,000 行", "正在读取… 已读 15,000 行"  # 23 and 24 cells
    assert terminal.getvalue() == (f"\r{first}" f"\r{then}" f"\r{' ' * 24}\r")


def test_a_shorter_line_covers_the_longer_one_before_it_without_escape_codes():
    """Spaces, not escape codes: the console of an older Windows prints those as text."""
    terminal, clock = Terminal(), Clock()
    with Meter("check_progress", terminal, clock) as meter:
        meter.show(step=10, steps=10)
        clock.now += 1
        meter.show(step=9, steps=10)
    longer, shorter = "Checking the books… step 10 of 10", "Checking the books… step 9 of 10"
    assert terminal.getvalue() == f"\r{longer}\r{shorter} \r{' ' * len(shorter)}\r"
    assert "\x1b" not in terminal.getvalue()


class Gone(Terminal):
    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_a_terminal_that_went_away_does_not_stop_the_work():
    with Meter("import_progress", Gone()) as meter:
        meter.show(count="5,000")
        assert not meter.on
        meter.show(count="10,000")


def test_nothing_is_written_where_no_one_is_watching():
    stream = io.StringIO()  # a file or a pipe
    with Meter("import_progress", stream) as meter:
        meter.show(count="5,000")
    assert stream.getvalue() == ""


def test_an_import_is_told_the_rows_read_across_its_files(village, tmp_path, monkeypatch):
    monkeypatch.setattr(book, "PROGRESS_ROWS", 2)
    rows = [valid("leaf", kg=str(n + 1)) for n in range(5)]
    (tmp_path / "leaf.csv").write_text(
        "date,batch,supplier,kg,price\n"
        + "".join(f"{r['date']},{r['batch']},{r['supplier']},{r['kg']},{r['price']}\n"
                  for r in rows), encoding="utf-8")
    (tmp_path / "charges.csv").write_text(
        "date,season,household,item,amount\n"
        + "".join(f"{r['date']},{r['season']},{r['household']},共育费,{n + 1}\n"
                  for n, r in enumerate([valid("charges")] * 2)), encoding="utf-8")
    told: list[int] = []
    assert sum(csv_import.review([tmp_path], progress=told.append).would_add.values()) == 7
    assert told == [2, 4, 6]  # a dry run is told the same
    told.clear()
    assert sum(csv_import.import_files([tmp_path], progress=told.append).values()) == 7
    assert told == [2, 4, 6]


def test_a_check_is_told_each_step(village):
    told: list[tuple[int, int]] = []
    assert check.run(lambda step, steps: told.append((step, steps))) == []
    steps = told[-1][1]
    assert told == [(step, steps) for step in range(1, steps + 1)] and steps > 5


def test_on_a_terminal_the_check_shows_its_steps_then_its_verdict(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    controller, terminal = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "ledger", "--db", str(ledger), "check"],
                             cwd=tmp_path, env=clean_env(), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=terminal, timeout=120,
                             encoding="utf-8")
        os.close(terminal)
        terminal = None
        shown = _read_all(controller)
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(controller)
    assert run.returncode == 0 and "The books are sound" in run.stdout
    assert shown.startswith("\rChecking the books… step 1 of ")
    *lines, blank, end = shown.split("\r")
    assert end == "" and blank == " " * max(map(len, lines))  # cleared
    # into a pipe, as a script reads it: the verdict and nothing else
    piped = silk("--db", ledger, "check", cwd=tmp_path)
    assert "The books are sound" in ok(piped) and piped.stderr == ""


def _read_all(descriptor: int) -> str:
    data = b""
    while True:
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:  # the other end closed (Linux says EIO)
            break
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8")


def test_an_import_into_a_pipe_prints_its_counts_only(tmp_path):
    ledger = make_village(tmp_path / "ledger.db")
    leaf = tmp_path / "leaf.csv"
    row = valid("leaf")
    leaf.write_text("date,batch,supplier,kg,price\n"
                    f"{row['date']},{row['batch']},{row['supplier']},7,{row['price']}\n",
                    encoding="utf-8")
    done = silk("--db", ledger, "import", leaf, cwd=tmp_path)
    assert "1 records added" in ok(done) and done.stderr == ""


def test_closing_a_season_and_restoring_a_backup_follow_their_check(tmp_path):
    """Both check the whole ledger first: at a county's size, minutes to wait for."""
    from ledger import backup, closing, db, models

    ledger = make_village(tmp_path / "ledger.db")
    database = db.open_ledger(ledger)
    try:
        told: list[tuple[int, int]] = []
        closing.close("2026-1", lambda step, steps: told.append((step, steps)))
        assert told and told[-1][0] == told[-1][1]
    finally:
        database.close()
        models.database.initialize(None)
    told = []
    backup.restore(ledger, tmp_path / "restored.db", lambda step, steps: told.append(step))
    assert told and told == list(range(1, len(told) + 1))
