"""A block of labelled figures: label on the left, the figure aligned on the right."""
from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


class Figures(Static):
    """Shows (label, figure) pairs one a line; a pair with an empty label is a heading."""

    def show(self, pairs: list[tuple[str, str]]) -> None:
        width = max((cell_len(label) for label, _ in pairs if label), default=0)
        figure_width = max((cell_len(figure) for label, figure in pairs if label), default=0)
        text = Text()
        for index, (label, figure) in enumerate(pairs):
            if index:
                text.append("\n")
            if not label:
                text.append(figure, style="bold")
                continue
            text.append(label + " " * (width - cell_len(label) + 2), style="dim")
            text.append(" " * (figure_width - cell_len(figure)) + figure, style="bold")
        self.update(text)
