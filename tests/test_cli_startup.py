"""`silk --version` and `silk --help` start at once (issue 18, "Start-up"): they load
neither the database layer (peewee, ledger.db, ledger.models) nor the reports
(tabulate, wcwidth, ledger.reports). What they load is checked, not how long it takes:
times are measured by bench/ (`python -m bench --village`)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("peewee", "ledger.db", "ledger.models", "ledger.reports", "tabulate", "wcwidth",
         "textual", "rich")


def loaded_by(tmp_path, *argv: str) -> set[str]:
    """The modules loaded once `silk ARGV` has run, in a fresh interpreter."""
    listing = tmp_path / "modules.json"
    code = ("import json, sys\n"
            "from ledger.cli import main\n"
            "try:\n"
            f"    main({list(argv)!r})\n"
            "except SystemExit:\n"
            "    pass\n"
            f"open({str(listing)!r}, 'w').write(json.dumps(sorted(sys.modules)))\n")
    subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path,
                   stdin=subprocess.DEVNULL, check=True, timeout=60)
    return set(json.loads(listing.read_text()))


@pytest.mark.parametrize("argv", [("--version",), ("--help",), ("--lang", "zh", "--help"),
                                  ("report", "season", "--help"), ("export", "--help")])
def test_version_and_help_load_no_database_and_no_reports(tmp_path, argv):
    loaded = loaded_by(tmp_path, *argv)
    heavy = sorted(name for name in loaded if name.startswith(HEAVY))
    assert heavy == []


def test_a_command_does_load_them(tmp_path):
    """The check above can fail: a command that reads the ledger loads peewee."""
    assert "peewee" in loaded_by(tmp_path, "init")


def test_a_village_on_its_own_does_not_load_the_server_driver(tmp_path):
    """Peewee imports psycopg whenever it is installed (about 120 ms of every command's
    start); a ledger file never needs it, so the village's commands go without it."""
    subprocess.run([sys.executable, "-m", "ledger", "demo", "--households", "5"],
                   cwd=tmp_path, capture_output=True, check=True, timeout=120)
    loaded = loaded_by(tmp_path, "report", "trial-balance", "--year", "2026")
    assert "peewee" in loaded
    assert sorted(name for name in loaded if name.startswith("psycopg")) == []
