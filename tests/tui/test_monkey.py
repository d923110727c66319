"""A monkey at the keyboard: thousands of keys drawn from a fixed seed, started on every
screen in turn, and no key may end the app with an error (issue 15: a storm of keys
once stopped it with `NoMatches` after a switch of language).

Every key the app binds anywhere is in the draw, with letters, digits and the keys that
move a cursor, except the two that end the app on purpose (q and Ctrl+Q/Ctrl+C). The
starts cover every screen: the lists and pages, the forms, the files (import, export, a
backup to and a restore from a folder), the previews and the whole books' screens; some
hundred keys each keeps the run short. The
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
from ledger.errors import LedgerError
from ledger.io import export
from ledger.tui.app import make_app

SIZE = (100, 30)

#: Keys with a meaning somewhere in the app, and typing.
KEYS = (list("abcdefghijklmnoprstuvwxyz0123456789") + [
    "escape", "escape", "escape", "enter", "enter", "tab", "shift+tab", "up", "down",
    "left", "right", "pageup", "pagedown", "home", "end", "backspace", "delete", "space",
    "slash", "question_mark", "left_square_bracket", "right_square_bracket", "minus",
    "full_stop", "f2", "ctrl+s", "ctrl+n", "ctrl+d", "ctrl+b", "ctrl+l", "ctrl+r", "I", "E",
    "N", "P", "X", "张", "一"])

#: The character each named key types.
CHARACTERS = {"space": " ", "slash": "/", "question_mark": "?", "left_square_bracket": "[",
              "right_square_bracket": "]", "minus": "-", "full_stop": "."}

#: How each run reaches its first screen from the home screen, and the screen it is.
STARTS = {
    "home": ([], "HomeScreen"),
    "households": (["h"], "HouseholdsScreen"),
    "household": (["h", "enter"], "HouseholdScreen"),
    "batches": (["b"], "BatchesScreen"),
    "batch": (["b", "enter"], "BatchScreen"),
    "journal": (["j"], "JournalScreen"),
    "voucher": (["j", "enter"], "VoucherScreen"),
    "log": (["o"], "LogScreen"),
    "backups": (["u"], "BackupsScreen"),
    "yields": (["y"], "YieldScreen"),
    "add": (["a"], "ChooseScreen"),
    "wage sheet": (["w"], "WageSheet"),
    "backup to a folder": (["u", "t"], "BackupToScreen"),
    "restore from a folder": (["u", "f"], "RestoreFromScreen"),
    "import": (["I"], "ImportScreen"),
    "export": (["E"], "ExportScreen"),
    "print": (["p"], "PreviewScreen"),
    "every sheet": (["p", "s"], "PreviewScreen"),
    "vouchers": (["v"], "VouchersScreen"),
    "accounts": (["k"], "AccountsScreen"),
    "books": (["z"], "BooksScreen"),
    "assets": (["d"], "AssetsScreen"),
    "year end": (["N"], "YearEndScreen"),
}

#: Keys per start; together some nine hundred.
PER_START = 40


@pytest.fixture(autouse=True)
def files_stay_in_the_test_folder(tmp_path, monkeypatch):
    """A backup or an export to a folder the monkey chose (it can walk up the folders to
    /) is made in the test's own folder instead, and a file outside it is never restored
    (it could be anyone's ledger, and large)."""
    made, exported, restored = backup.backup, export.export, backup.restore

    def inside(path) -> bool:
        return Path(path).resolve().is_relative_to(tmp_path.resolve())

    def confined(ledger_path, target=None):
        if target is not None and not inside(target):
            target = tmp_path
        return made(ledger_path, target)

    def confined_export(path, form, *args, **kwargs):
        if not inside(path):
            path = tmp_path / Path(path).name
        return exported(path, form, *args, **kwargs)

    def confined_restore(source, ledger_path, *args, **kwargs):
        if not inside(source):
            raise LedgerError("restore_missing", path=str(source))
        return restored(source, ledger_path, *args, **kwargs)
    monkeypatch.setattr(backup, "backup", confined)
    monkeypatch.setattr(export, "export", confined_export)
    monkeypatch.setattr(backup, "restore", confined_restore)


#: The storm from home runs while the app builds its main screens ahead, as it does for
#: the accountant (tests/tui/conftest.py); the others have them built when first shown.
@pytest.mark.parametrize("start", [pytest.param(start, marks=pytest.mark.prepared_screens)
                                   if start == "home" else start for start in STARTS])
async def test_random_keys_never_end_the_app_with_an_error(demo_path, start):
    draw = random.Random(f"silk-{start}")
    app = make_app(demo_path, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        keys, screen = STARTS[start]
        await pilot.press(*keys)
        await settle(pilot, app)
        assert type(app.screen).__name__ == screen  # the run starts where it says
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
