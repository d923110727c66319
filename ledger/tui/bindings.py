"""Footer and help texts in the reader's language.

A binding's description (and its group's) is written as a text key (`tui.key.home`,
`form.save`); `localize` shows it in the current language, again after every switch of
language. Every screen, form and widget with keys of its own goes through it. Textual
offers no public way to relabel keys: `textual_compat` reaches its private bindings.
"""
from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ledger.i18n import t
from ledger.tui import textual_compat

#: Each node's bindings as first written, by (key, action): (text key, group's text key).
_TEXT_KEYS = "_silk_binding_text_keys"


def localize(node: DOMNode) -> None:
    bindings = textual_compat.bindings_of(node)
    if bindings is None:
        return
    keys = getattr(node, _TEXT_KEYS, None)
    if keys is None:
        keys = {(key, binding.action): (binding.description,
                                        binding.group.description if binding.group else None)
                for key, items in bindings.key_to_bindings.items() for binding in items}
        setattr(node, _TEXT_KEYS, keys)
    textual_compat.set_bindings(node, BindingsMap.from_keys({
        key: [_translated(binding, *keys.get((key, binding.action), (binding.description, None)))
              for binding in items]
        for key, items in bindings.key_to_bindings.items()}))


def _translated(binding: Binding, text_key: str, group_key: str | None) -> Binding:
    group = Binding.Group(t(group_key), binding.group.compact) if group_key else binding.group
    return replace(binding, description=t(text_key) if text_key else text_key, group=group)
