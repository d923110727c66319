"""Footer and help texts in the reader's language.

A binding's description (and its group's) is written as a text key (`tui.key.home`,
`form.save`); `localize` shows it in the current language, again after every switch of
language. Every screen, form and widget with keys of its own goes through it. Textual
offers no public way to relabel keys: `textual_compat` reaches its private bindings.

Textual's own widgets and screens describe their keys in English (`Cursor down`, `Focus
Next`, `Quit`), which the key help (`?`) lists for the widget with the cursor: those
words are looked up as `tui.textual.cursor_down` (see `textual_key`), and the app
localizes each widget as it takes the cursor.
"""
from __future__ import annotations

import re
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ledger.i18n import t
from ledger.tui import textual_compat

#: Each node's bindings as first written, by (key, action): (text key, group's text key,
#: tooltip).
_TEXT_KEYS = "_silk_binding_text_keys"


def localize(node: DOMNode) -> None:
    bindings = textual_compat.bindings_of(node)
    if bindings is None:
        return
    keys = getattr(node, _TEXT_KEYS, None)
    if keys is None:
        keys = {(key, binding.action): (binding.description,
                                        binding.group.description if binding.group else None,
                                        binding.tooltip)
                for key, items in bindings.key_to_bindings.items() for binding in items}
        setattr(node, _TEXT_KEYS, keys)
    textual_compat.set_bindings(node, BindingsMap.from_keys({
        key: [_translated(binding, *keys.get((key, binding.action),
                                             (binding.description, None, binding.tooltip)))
              for binding in items]
        for key, items in bindings.key_to_bindings.items()}))


def _translated(binding: Binding, text_key: str, group_key: str | None,
                tooltip: str) -> Binding:
    group = Binding.Group(t(group_key), binding.group.compact) if group_key else binding.group
    return replace(binding, description=text(text_key), group=group, tooltip=text(tooltip))


def textual_key(words: str) -> str:
    """The text key of Textual's own description of a key: `tui.textual.cursor_down`."""
    return "tui.textual." + re.sub(r"[^a-z]+", "_", words.lower()).strip("_")


def text(description: str) -> str:
    """A binding's description in the reader's language: a text key's text, or Textual's
    own words translated; anything else as it is."""
    if not description:
        return description
    found = t(description)
    if found != description:
        return found
    key = textual_key(description)
    found = t(key)
    return description if found == key else found
