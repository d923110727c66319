"""Footer and help texts in the reader's language.

A binding's description (and its group's) is written as a text key (`tui.key.home`);
`localize` shows it in the current language, again after every switch of language.
Textual keeps a node's bindings in `_bindings` and offers no public way to relabel them,
hence the one place that touches it.
"""
from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from ledger.i18n import t


def localize(node: DOMNode) -> None:
    keys = getattr(node, "_binding_text_keys", None)
    if keys is None:
        keys = {(key, binding.action): (binding.description,
                                        binding.group.description if binding.group else None)
                for key, bindings in node._bindings.key_to_bindings.items()
                for binding in bindings}
        node._binding_text_keys = keys
    node._bindings = BindingsMap.from_keys({
        key: [_translated(binding, *keys.get((key, binding.action), (binding.description, None)))
              for binding in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()})


def _translated(binding: Binding, text_key: str, group_key: str | None) -> Binding:
    group = Binding.Group(t(group_key), binding.group.compact) if group_key else binding.group
    return replace(binding, description=t(text_key), group=group)
