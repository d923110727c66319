"""A refusal shown in the terminal UI says what to do on the screen, never a command or a
flag of the command line (issue 15: `--reason`, `--date`, `silk reverse …` in the TUI)."""
from __future__ import annotations

import re
import string

import pytest

from ledger import i18n
from ledger.errors import LedgerError
from ledger.messages import MESSAGES
from ledger.tui import books_texts, texts  # noqa: F401  (the screens' texts)
from ledger.tui.safety import problem

COMMAND_LINE = re.compile(r"--[a-z]|\bsilk [a-z]|SILK_")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


#: The screen's wordings of the core's refusals: `tui.` + the refusal's key.
WORDINGS = sorted(key for key in MESSAGES
                  if key.startswith("tui.") and key.removeprefix("tui.") in MESSAGES
                  and not key.startswith(("tui.col.", "tui.field.")))


def test_the_refusals_the_screens_meet_that_name_the_command_line_have_a_wording():
    reached = {"season_closed", "amend_closed", "correction_needs_reason", "edit_needs_reason",
               "reopen_needs_reason", "reopen_year_needs_reason", "close_check_failed",
               "close_year_check_failed", "year_end_season_open", "no_open_season_on",
               "year_end_other_needs_account", "reverse_date_outside_season",
               "depreciation_no_assets", "output_exists", "restore_check_failed"}
    assert {f"tui.{key}" for key in reached} <= set(WORDINGS)


@pytest.mark.parametrize("key", WORDINGS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_screen_wording_replaces_a_message_naming_the_command_line(key, lang):
    core = key.removeprefix("tui.")
    english, chinese = MESSAGES[core]
    wording = MESSAGES[key]
    assert fields(english) == fields(chinese) == fields(wording[0]) == fields(wording[1])
    params = {name: f"<{name}>" for name in fields(english)}
    i18n.set_language(lang)
    shown = problem(LedgerError(core, **params))
    assert shown == i18n.t(key, lang, **params)
    assert not COMMAND_LINE.search(shown), shown
    assert all(value in shown for value in params.values())


def test_a_message_without_a_screen_wording_is_shown_as_the_core_words_it():
    error = LedgerError("year_end_already_closed", year=2026)
    assert problem(error) == error.message()
