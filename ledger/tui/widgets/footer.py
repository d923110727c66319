"""A footer that fits the terminal: on a narrow one it leaves out the keys a screen can
spare (in the order of `SPARE`) until the rest fit on one line, rather than scrolling
the first keys out of sight. `?` still lists every key, and the palette every action.
"""
from __future__ import annotations

from textual import events
from textual.widgets import Footer

from ledger.tui.textual_compat import footer_key_class

#: Actions whose keys go first when the footer is too narrow, least needed first. The
#: keys a new user needs to find (screens, search, leaf, sale, wage sheet, language,
#: quit, `?`) are not in it, so they always show.
SPARE = (
    "year_end",  # the whole books' year-end close: rare, and in the palette
    "import_files", "export_files",  # now and then, and in the palette
    "backup_now", "backups", "open_log", "choose_season", "app.notice_board", "check",
    "print", "add('inputs')", "add('payments')", "clear", "filter", "history",
    "add_record", "app.pop_screen", "reopen_season", "close_season", "amend", "reverse",
    "app.backup_now", "app.backup_to", "restore", "all_statements",
    # the whole books'
    "toggle_households", "add_account", "depreciate", "add_asset", "write",
)


class FittingFooter(Footer):
    """`Footer(compact=True)` that drops spare keys while its keys overflow."""

    def __init__(self, **kwargs):
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self.dropped: set[str] = set()
        self._fitted_width = 0

    def compose(self):
        key_class = footer_key_class()
        for widget in super().compose():
            if key_class and isinstance(widget, key_class) and widget.action in self.dropped:
                continue
            yield widget
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Drop the next spare key while the keys are wider than the footer."""
        key_class = footer_key_class()
        if (key_class is None or not self.is_attached or not self.size.width
                or not self.screen.is_current):
            return  # a screen out of sight is fitted when it comes back (it recomposes)
        if any(child.display and not child.outer_size.width for child in self.children):
            self.set_timer(0.02, self._fit)  # the keys just composed are not laid out yet
            return
        if self.keys_width() <= self.size.width:
            return
        shown = {key.action for key in self.query(key_class)}
        spare = next((action for action in SPARE
                      if action in shown and action not in self.dropped), None)
        if spare is not None:
            self.dropped.add(spare)
            self.call_after_refresh(self.recompose)

    def keys_width(self) -> int:
        """The cells the keys take on the line, the palette's key (docked right) too."""
        return sum(child.outer_size.width + child.styles.margin.left + child.styles.margin.right
                   for child in self.children if child.display)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            if self.dropped:
                self.dropped.clear()
                self.call_after_refresh(self.recompose)
            else:
                self.call_after_refresh(self._fit)
