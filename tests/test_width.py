"""The display width of text, in the core: the progress line and the printed documents
measure with it, and the core imports none of the reports to do so."""
from __future__ import annotations

import json
import subprocess
import sys

from ledger.width import width_of


def test_a_chinese_character_takes_two_cells_and_a_combining_mark_none():
    assert width_of("H001") == 4
    assert width_of("张三") == 4
    assert width_of("上车茧（94.0%）") == 6 + 2 + 5 + 2
    assert width_of("e\u0301") == 1


def test_the_progress_line_measures_without_the_reports():
    code = ("import json, sys\nimport ledger.meter\n"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    loaded = json.loads(out.stdout)
    assert "ledger.width" in loaded
    assert not [name for name in loaded if name.startswith(("ledger.reports", "reportlab"))]
