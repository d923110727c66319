"""The terminal UI on a ledger, driven headless with Textual's Pilot.

Two figures a run, each from a new app: from making the app (opening the ledger
included) until the home screen shows its season's figures, and from pressing `h` until
the households list shows its first page of rows. A screen counts as shown once the
message carrying its data (`LedgerScreen.Loaded`, `PagedTable.PageLoaded`) has been
handled and the app has gone idle, i.e. has drawn it.
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.measure import Timing
from ledger.tui.app import make_app
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.widgets.paged_table import PagedTable

SIZE = (120, 40)
#: The key that opens the households list, and the id of its table.
HOUSEHOLDS_KEY, HOUSEHOLDS_TABLE = "h", "households"
TIMEOUT = 300.0


def measure(path: Path, runs: int) -> tuple[Timing, Timing]:
    """(start to first screen, key press to next screen) over `runs` new apps."""
    starts, keys = [], []
    for _ in range(runs):
        start, key = asyncio.run(_one_run(path))
        starts.append(start)
        keys.append(key)
    return Timing.of(starts), Timing.of(keys)


async def _one_run(path: Path) -> tuple[float, float]:
    home_shown, households_shown = asyncio.Event(), asyncio.Event()

    def hook(message) -> None:
        if isinstance(message, LedgerScreen.Loaded) and isinstance(message.screen_, HomeScreen):
            home_shown.set()
        elif (isinstance(message, PagedTable.PageLoaded) and message.rows
              and message.table.id == HOUSEHOLDS_TABLE):
            households_shown.set()

    began = time.perf_counter()
    app = make_app(path)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await _shown(pilot, home_shown)
        started = time.perf_counter() - began
        pressed = time.perf_counter()
        await pilot.press(HOUSEHOLDS_KEY)
        await _shown(pilot, households_shown)
        key = time.perf_counter() - pressed
    return started, key


async def _shown(pilot, event: asyncio.Event) -> None:
    await asyncio.wait_for(event.wait(), TIMEOUT)
    await pilot.pause()
