"""The view a document of the paper's width scrolls in: the books, the statements, the
notice board and the settlement sheets, 80 columns each (`ledger.reports.layout.WIDTH`).

A document is held as its lines and only the lines on the screen are drawn (Textual's
`Log`, which draws line by line): a year's bank book of a large village is a hundred
thousand lines, which as one Static took ten seconds and 600 MB to show.

Where the screen is no wider than the paper, the view's scrollbar and margin give their
columns to the document (class `-narrow`, styled in app.tcss): a scrollbar over the last
column had cut `借 17652.24` to `借 17652.2`. The keys and the wheel still scroll it.
Wider, the scrollbar shows as anywhere else."""
from __future__ import annotations

from textual import events
from textual.widgets import Log

from ledger.reports.layout import WIDTH

#: What the view needs besides the paper to show its scrollbar and margin: a scrollbar
#: of up to two columns and a column of margin on each side.
BESIDE = 4


class PaperView(Log):
    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(highlight=False, auto_scroll=False, **kwargs)
        self.show(text)

    def show(self, text: str) -> None:
        """Show `text` (the document's lines), from its top. A blank line is written as
        a space: `Log.write_lines` drops empty strings, and the blank lines between a
        document's parts would go."""
        self.clear()
        self.write_lines([line or " " for line in text.splitlines()], scroll_end=False)
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        """What the view shows, line by line."""
        return "\n".join(line.rstrip() for line in self.lines)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDTH + BESIDE, "-narrow")
