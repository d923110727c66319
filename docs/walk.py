"""The walk of issue 3, done headless with the keyboard alone, saving a screenshot of each
step as docs/tui/walk-*.svg: find a household by pinyin initials, add a leaf delivery
and a cocoon sale to its batch, a day of workshop wages for five workers, English, quit.

    python docs/walk.py            # on a fresh demo village in a temporary folder

The same keys work in a terminal (`cd /tmp/walk && silk demo && silk --lang zh`).
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from ledger import db, demo, models
from ledger.tui.app import make_app
from ledger.tui.forms.attendance import AttendanceGrid

HERE = Path(__file__).parent / "tui"
WORKERS = 5


async def walk(ledger: Path, size: tuple[int, int], prefix: str) -> None:
    app = make_app(ledger, lang="zh")
    async with app.run_test(size=size) as pilot:
        async def settle(name: str | None = None) -> None:
            for _ in range(3):
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
            for _ in range(8):
                await pilot.pause(0.02)  # the footer fits itself to the width
            if name:
                app.save_screenshot(str(HERE / f"{prefix}{name}.svg"))

        async def type_text(text: str) -> None:
            await pilot.press(*text)

        await settle("1-home")
        household = app.read_model.households.entries()[3]
        await pilot.press("h")
        await settle()
        await pilot.press("slash")
        await type_text(household.initials)
        await settle("2-search")
        await pilot.press("enter")
        await settle()
        await pilot.press("enter")
        await settle("3-household")
        await pilot.press("l")
        await settle()
        await type_text("9-20")
        await pilot.press("tab", "tab")
        await type_text("E01")
        await pilot.press("tab")
        await type_text("100")
        await pilot.press("tab")
        await type_text("1.1")
        await settle("4-leaf")
        await pilot.press("enter")
        await settle()
        await pilot.press("s")
        await settle()
        await type_text("9-21")
        await pilot.press("tab", "tab")
        await type_text("E01")
        await pilot.press("tab")
        await type_text("上车茧")
        await pilot.press("tab")
        await type_text("20")
        await pilot.press("tab")
        await type_text("60")
        await settle("5-sale")
        await pilot.press("enter")
        await settle("6-income")
        await pilot.press("w")
        await settle()
        while not isinstance(app.focused, AttendanceGrid):
            await pilot.press("tab")
        for entry in app.read_model.households.entries()[10:10 + WORKERS]:
            await type_text(entry.code)
            await pilot.press("tab")
            await type_text(entry.name)
            await pilot.press("tab")
            await type_text("1")
            await pilot.press("tab")
        await settle("7-wage-sheet")
        await pilot.press("ctrl+s")
        await settle()
        await pilot.press("f2")
        await settle("8-english")
        await pilot.press("q")


def main() -> int:
    HERE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for size, prefix in (((120, 40), "walk-"), ((80, 24), "walk80-")):
            ledger = Path(folder) / f"{prefix}ledger.db"
            db.open_ledger(ledger, create=True)
            demo.generate()
            models.database.close()
            asyncio.run(walk(ledger, size, prefix))
            models.database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
