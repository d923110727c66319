"""The terminal UI (Textual): the accountant's everyday tool over the ledger.

`make_app` in `ledger.tui.app` builds it, for the `silk` command and the tests alike.
Screens read through `ledger.browse` in thread workers and write only through the
service layer (`ledger.book`, in the entry forms of `ledger.tui.forms`).
"""
