"""The core must stay importable without any user interface (STYLE.md)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def _tool(*command: str) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([str(Path(sys.executable).parent / command[0]), *command[1:]],
                          cwd=root, capture_output=True, text=True)


def test_the_layer_contracts_hold():
    """pyproject.toml's import-linter contracts: cli over tui over io over reports over the
    core, and textual, tabulate, reportlab and openpyxl only where they belong."""
    done = _tool("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_code_passes_ruff():
    done = _tool("ruff", "check", "--no-cache", "ledger", "tests", "bench", "docs")
    assert done.returncode == 0, done.stdout[-3000:]
def _imports(path) -> set[str]:
    """The modules a source file imports (`from ledger import models` as ledger.models)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


#: Where the terminal UI may name the database layer: the one module that turns a
#: database error into a message the accountant can act on.
TUI_MAY_IMPORT_PEEWEE = {"safety.py"}


def test_the_terminal_ui_reads_through_the_read_model_not_the_orm():
    """Screens and forms read through `ledger.browse` and write through the service
    layer; none queries the tables itself."""
    from pathlib import Path

    import ledger.tui

    tui = Path(ledger.tui.__file__).parent
    found = []
    for path in sorted(tui.rglob("*.py")):
        imported = _imports(path)
        if "ledger.models" in imported or any(name.startswith("ledger.models.")
                                              for name in imported):
            found.append(f"{path.relative_to(tui)} imports ledger.models")
        if (any(name == "peewee" or name.startswith("peewee.") for name in imported)
                and str(path.relative_to(tui)) not in TUI_MAY_IMPORT_PEEWEE):
            found.append(f"{path.relative_to(tui)} imports peewee")
    assert found == []
