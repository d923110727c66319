"""The core must stay importable without any user interface (STYLE.md)."""
from __future__ import annotations

import json
import subprocess
import sys

CORE = ["ledger.money", "ledger.models", "ledger.db", "ledger.rules", "ledger.posting",
        "ledger.book", "ledger.income", "ledger.balances", "ledger.check", "ledger.kinds",
        "ledger.chart", "ledger.refs", "ledger.io.csv_import", "ledger.browse", "ledger.yields",
        "ledger.notes"]


def _loaded_after_importing(modules: list[str]) -> set[str]:
    code = ("import json, sys\n"
            + "".join(f"import {name}\n" for name in modules)
            + "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_core_imports_no_ui_or_renderer():
    loaded = _loaded_after_importing(CORE)
    assert not {"textual", "tabulate", "rich"} & {name.split(".")[0] for name in loaded}


def test_command_line_imports_no_textual():
    loaded = _loaded_after_importing(["ledger.cli"])
    assert "textual" not in {name.split(".")[0] for name in loaded}
