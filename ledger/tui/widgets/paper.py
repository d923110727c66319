"""The view a document of the paper's width scrolls in: the books, the statements, the
notice board and the settlement sheets, 80 columns each (`ledger.reports.layout.WIDTH`).

Where the screen is no wider than the paper, the view's scrollbar and margin give their
columns to the document (class `-narrow`, styled in app.tcss): a scrollbar over the last
column had cut `借 17652.24` to `借 17652.2`. The keys and the wheel still scroll it.
Wider, the scrollbar shows as anywhere else."""
from __future__ import annotations

from textual import events
from textual.containers import ScrollableContainer

from ledger.reports.layout import WIDTH

#: What the view needs besides the paper to show its scrollbar and margin: a scrollbar
#: of up to two columns and a column of margin on each side.
BESIDE = 4


class PaperView(ScrollableContainer):
    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDTH + BESIDE, "-narrow")
