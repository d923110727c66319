"""A monkey at the keyboard: thousands of keys drawn from a fixed seed, started on every
screen in turn, and no key may end the app with an error (issue 15: a storm of keys
once stopped it with `NoMatches` after a switch of language).

Every key the app binds anywhere is in the draw, with letters, digits and the keys that
move a cursor, except the two that end the app on purpose (q and Ctrl+Q/Ctrl+C). The
keys come fast, with a pause now and then so that thread workers finish and post back
into whatever screen is showing by then: the races a real accountant's typing meets.
"""
from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from textual import events

from textual.worker import WorkerCancelled

from ledger import backup
from ledger.tui.app import make_app

SIZE = (100, 30)

#: Keys with a meaning somewhere in the app, and typing.
KEYS = (list("abcdefghijklmnoprstuvwxyz0123456789") + [
    "escape", "escape", "escape", "enter", "enter", "tab", "shift+tab", "up", "down",
    "left", "right", "pageup", "pagedown", "home", "end", "backspace", "delete", "space",
    "slash", "question_mark", "left_square_bracket", "right_square_bracket", "minus",
    "full_stop", "f2", "ctrl+s", "ctrl+n", "ctrl+d", "张", "一"])

#: The character each named key types.
CHARACTERS = {"space": " ", "slash": "/", "question_mark": "?", "left_square_bracket": "[",
              "right_square_bracket": "]", "minus": "-", "full_stop": "."}

#: How each run reaches its first screen from the home screen.
STARTS = {
    "home": [],
    "households": ["h"],
    "household": ["h", "enter"],
    "batches": ["b"],
    "batch": ["b", "enter"],
    "journal": ["j"],
    "voucher": ["j", "enter"],
    "log": ["o"],
    "backups": ["u"],
    "yields": ["y"],
    "add": ["a"],
    "wage sheet": ["w"],
    "backup to a folder": ["u", "t"],
    "every sheet": ["p", "s"],
}

#: Keys per start; together some two thousand.
PER_START = 170


@pytest.fixture(autouse=True)
def backups_stay_in_the_test_folder(tmp_path, monkeypatch):
    """A backup to a folder the monkey chose (it can walk up the folders to /) is made
    in the test's own folder instead."""
    made = backup.backup

    def confined(ledger_path, target=None):
        if target is not None and not Path(target).resolve().is_relative_to(tmp_path.resolve()):
            target = tmp_path
        return made(ledger_path, target)
    monkeypatch.setattr(backup, "backup", confined)


@pytest.mark.parametrize("start", list(STARTS))
async def test_random_keys_never_end_the_app_with_an_error(demo_path, start):
    draw = random.Random(f"silk-{start}")
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(*STARTS[start])
        await settle(pilot, app)
        for count in range(PER_START):
            if not app.is_running:
                break
            await storm(app, draw.choice(KEYS))
            if count % 20 == 19:
                await settle(pilot, app)
        ended = not app.is_running
        if not ended:
            await settle(pilot, app)
    assert not ended, f"the app ended after key {count} from {start}"


async def settle(pilot, app) -> None:
    """Let what the keys began finish: messages, thread workers (one cancelled by a
    later key is as good as finished), and what they posted back."""
    await pilot.pause()
    try:
        await app.workers.wait_for_complete()
    except WorkerCancelled:
        pass
    await pilot.pause()


async def storm(app, key: str) -> None:
    """Send a key as the terminal would, without waiting for the app to handle it."""
    char = CHARACTERS.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)
