"""The terminal UI on a ledger, driven headless with Textual's Pilot.

Two figures a run, each from a new app: from making the app (opening the ledger
included) until the home screen's first frame with its season's figures, and from
pressing `h` until the first frame of the households list with rows in it. A frame is
timed when Textual hands the composed screen to its driver (`App._display`; headless, the
driver writes nothing), which is when a terminal would draw it. Pilot's own `press` and
`pause` are not the clock: they sleep in steps of 20 ms until the process looks idle,
which adds 60 to 90 ms to any key, even one that does nothing.
"""
from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

from bench.measure import Timing
from ledger.tui.app import make_app
from ledger.tui.screens.base import LedgerScreen
from ledger.tui.screens.home import HomeScreen
from ledger.tui.screens.households import HouseholdsScreen
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


class _Frames:
    """When the app first drew each awaited screen: the home screen once its figures
    arrived, the households list once its table had rows."""

    def __init__(self, app) -> None:
        self.home_loaded = False
        self.home_drawn, self.households_drawn = asyncio.Event(), asyncio.Event()
        self.times: dict[str, float] = {}
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.drawn(screen)

        app._display = timed_display

    def hook(self, message) -> None:
        if isinstance(message, LedgerScreen.Loaded) and isinstance(message.screen_, HomeScreen):
            self.home_loaded = True

    def drawn(self, screen) -> None:
        now = time.perf_counter()
        if isinstance(screen, HomeScreen) and self.home_loaded and not self.home_drawn.is_set():
            self.times["home"] = now
            self.home_drawn.set()
        elif (isinstance(screen, HouseholdsScreen) and not self.households_drawn.is_set()
              and screen.query_one(f"#{HOUSEHOLDS_TABLE}", PagedTable).row_count):
            self.times["households"] = now
            self.households_drawn.set()


async def _one_run(path: Path) -> tuple[float, float]:
    gc.unfreeze()  # each run as in a new `silk` process: nothing kept from the last
    gc.collect()
    began = time.perf_counter()
    app = make_app(path)
    app.settles_memory = True  # as `silk` runs it (ledger.tui.app.run)
    frames = _Frames(app)
    async with app.run_test(size=SIZE, message_hook=frames.hook) as pilot:
        await asyncio.wait_for(frames.home_drawn.wait(), TIMEOUT)
        while not app.screens_prepared:  # as a person reads the home screen
            await asyncio.sleep(0.01)
        await pilot.pause()
        pressed = time.perf_counter()
        await pilot.press(HOUSEHOLDS_KEY)
        await asyncio.wait_for(frames.households_drawn.wait(), TIMEOUT)
    return frames.times["home"] - began, frames.times["households"] - pressed


# -- a book on the books screen ------------------------------------------------------------

def book_shown(path: Path, report: str, period: str, runs: int) -> Timing:
    """From choosing `report` for `period` on the books screen (账簿与报表) until its first
    frame with the document in it, over `runs` new apps at 80×24: the book read, laid out
    as the 80-column text and handed to the view."""
    return Timing.of([asyncio.run(_book_run(path, report, period)) for _ in range(runs)])


async def _book_run(path: Path, report: str, period: str) -> float:
    from ledger.tui.screens.books import BooksScreen
    from ledger.tui.widgets.paper import PaperView

    gc.unfreeze()
    gc.collect()
    app = make_app(path)
    app.settles_memory = True
    shown, times = asyncio.Event(), {}
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        lines = times.get("lines")
        if (renderable is not None and lines and not shown.is_set()
                and screen.query_one("#books-text", PaperView).line_count == lines):
            times["shown"] = time.perf_counter()
            shown.set()

    def hook(message) -> None:
        if (isinstance(message, LedgerScreen.Loaded) and isinstance(message.screen_, BooksScreen)
                and message.screen_.report == report):
            times["lines"] = len(message.data.splitlines())

    app._display = timed_display
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        while not app.screens_prepared:  # as a person reads the home screen
            await asyncio.sleep(0.01)
        await app.switch_mode("books")
        await pilot.pause()
        screen = app.screen
        while screen.shown_as is None or screen.workers:  # its first document read
            await asyncio.sleep(0.01)
        screen.period = period
        chosen = time.perf_counter()
        screen.choose(report)
        await asyncio.wait_for(shown.wait(), TIMEOUT)
    return times["shown"] - chosen
