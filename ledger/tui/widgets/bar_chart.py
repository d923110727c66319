"""A horizontal bar chart in text: one bar a line, labels aligned whatever their script."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget


class BarChart(Widget):
    """Bars of (label, value, shown value), scaled to the widget's width."""

    DEFAULT_CSS = "BarChart { height: auto; }"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.bars: list[tuple[str, int, str]] = []

    def show(self, bars: list[tuple[str, int, str]]) -> None:
        self.bars = bars
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.bars))

    def render(self) -> Text:
        if not self.bars:
            return Text("")
        label_width = max(cell_len(label) for label, _, _ in self.bars)
        shown_width = max(cell_len(shown) for _, _, shown in self.bars)
        room = max(1, self.size.width - label_width - shown_width - 3)
        top = max(value for _, value, _ in self.bars) or 1
        text = Text()
        for index, (label, value, shown) in enumerate(self.bars):
            if index:
                text.append("\n")
            length = value * room // top
            text.append(label + " " * (label_width - cell_len(label) + 1))
            text.append("█" * length, style="green")
            text.append(" " * (room - length + 1))
            text.append(" " * (shown_width - cell_len(shown)) + shown, style="bold")
        return text
