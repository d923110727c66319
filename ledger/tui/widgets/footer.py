"""A footer that fits the terminal by priority: on a narrow one it leaves out the keys a
screen can spare, lesser ones first, until the rest fit on one line, and keeps the keys
an accountant reaches for every day (记一笔, 付款, 打印, 筛选) to the last.

Textual's Footer shows a screen's keys in the order they are bound and lets the last
ones run off the edge, whatever they are: at 80 columns the household page lost `m` and
`p`, the journal `a`. `?` still lists every key, and the palette every action.
"""
from __future__ import annotations

from itertools import groupby

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

from ledger.tui.textual_compat import footer_key_class

#: The everyday keys, most needed first: the last a narrow footer leaves out.
KEY_ACTIONS = (
    "add_record", "add('payments')", "print", "filter", "search", "app.notice_board",
    "write", "write('pdf')", "send_to_printer", "add('leaf')", "add('sales')", "save",
    "toggle_keys",
)
#: The keys a narrow footer leaves out first, in this order. A group of keys (the main
#: screens, `ghbjvkzd 页面`) goes as one, named here by its first key's action.
LESSER_ACTIONS = (
    "year_end",  # the whole books' year-end close: rare, and in the palette
    "switch_ledger",  # another village on the server: in the palette too
    "import_files", "export_files",  # now and then, and in the palette
    "backup_now", "app.backup_now", "backups", "app.backup_to", "restore", "open_log",
    "choose_season", "toggle_language", "all_statements", "history", "clear", "check",
    "reopen_season", "toggle_households", "add_account", "depreciate", "add_asset",
    "wage_sheet", "quit", "switch_mode('home')", "app.pop_screen",
)


class Unit:
    """One thing the footer shows: a key, or a group of keys with its label; the cells
    it takes on the line (as Textual's compact footer draws it, margins included)."""

    def __init__(self, bindings: list, key_display, label: str | None = None):
        self.bindings = bindings
        self.action = bindings[0].action
        keys = [cell_len(key_display(binding)) for binding in bindings]
        if label is None:  # a key: `^s 保存` and the margin after it
            description = bindings[0].description
            self.width = keys[0] + (1 + cell_len(description) if description else 0) + 1
        else:  # a group: a padding, its keys run together, a margin, the label, a margin
            self.width = 1 + sum(keys) + 1 + cell_len(label) + 1


def drop_order(units: list[Unit], kept: tuple[str, ...] = ()) -> list[Unit]:
    """The units in the order a narrow footer leaves them out; those of `kept` (a
    screen's own keys it cannot do without, see `FittingFooter`) last of all."""
    def rank(indexed: tuple[int, Unit]) -> tuple:
        position, unit = indexed
        if unit.action in kept:
            return (3, -kept.index(unit.action))
        if unit.action in LESSER_ACTIONS:
            return (0, LESSER_ACTIONS.index(unit.action))
        if unit.action in KEY_ACTIONS:
            return (2, -KEY_ACTIONS.index(unit.action))
        return (1, -position)  # a screen's own keys: the rightmost first

    return [unit for _, unit in sorted(enumerate(units), key=rank)]


def fitting(units: list[Unit], width: int, kept: tuple[str, ...] = ()) -> set[str]:
    """The actions of the units to leave out so that the rest fit in `width` cells."""
    dropped: set[str] = set()
    total = sum(unit.width for unit in units)
    for unit in drop_order(units, kept):
        if total <= width:
            break
        dropped.update(binding.action for binding in unit.bindings)
        total -= unit.width
    return dropped


class FittingFooter(Footer):
    """`Footer(compact=True)` showing the keys that fit, chosen by priority. A screen
    whose own keys are the whole point of it (Esc and Ctrl+S of the file screens) names
    their actions in `FOOTER_KEEPS`: they stay however narrow the footer, even where
    the same action is a lesser key elsewhere (`restore` on the backups list)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        #: The actions whose keys are left out at the present width.
        self.dropped: set[str] = set()
        self._fitted_width = 0

    def units(self) -> tuple[list[Unit], int]:
        """The keys to show as Textual's footer groups them, and the cells the palette's
        key (docked right) takes."""
        palette = self.app.COMMAND_PALETTE_BINDING
        shown: dict[str, list] = {}
        palette_width = 0
        for key, (_node, binding, _enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette and self.show_command_palette:
                palette_width = (1 + cell_len(self.app.get_key_display(binding)) + 1
                                 + cell_len(binding.description))
            if binding.show:
                shown.setdefault(binding.action, []).append(binding)
        units = []
        firsts = [bindings[0] for bindings in shown.values()]
        for group, members in groupby(firsts, lambda binding: binding.group):
            members = list(members)
            if group is not None and len(members) > 1:
                units.append(Unit(members, self.app.get_key_display, group.description))
            else:
                units.extend(Unit([binding], self.app.get_key_display) for binding in members)
        return units, palette_width

    def compose(self):
        key_class = footer_key_class()
        width = self.size.width or self.app.size.width
        if key_class is not None and width:
            units, palette_width = self.units()
            kept = tuple(getattr(self.screen, "FOOTER_KEEPS", ()))
            self.dropped = fitting(units, width - palette_width, kept)
        group_dropped = False  # a group's keys are left out together, and its label
        for widget in super().compose():
            if key_class and isinstance(widget, key_class) and widget.action in self.dropped:
                group_dropped = group_dropped or widget.has_class("-grouped")
                continue
            if type(widget).__name__ == "FooterLabel" and group_dropped:
                group_dropped = False
                continue
            yield widget
        self.call_after_refresh(self._hide_empty_groups)

    def _hide_empty_groups(self) -> None:
        """The box of a group whose keys are all left out takes no room."""
        for child in self.children:
            if type(child).__name__ == "KeyGroup" and not child.children:
                child.display = False

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.call_after_refresh(self.recompose)
