"""Footer and help texts in the reader's language.

A binding's description is written as a text key (`tui.key.home`); `localize` shows it
in the current language, again after every switch of language. Textual keeps a node's
bindings in `_bindings` and offers no public way to relabel them, hence the one place
that touches it.
"""
from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from ledger.i18n import t


def localize(node: DOMNode) -> None:
    keys = getattr(node, "_binding_text_keys", None)
    if keys is None:
        keys = {(key, binding.action): binding.description
                for key, bindings in node._bindings.key_to_bindings.items()
                for binding in bindings}
        node._binding_text_keys = keys
    node._bindings = BindingsMap.from_keys({
        key: [replace(binding, description=t(keys.get((key, binding.action), binding.description)))
              for binding in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()})
