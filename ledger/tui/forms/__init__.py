"""Entry forms for every record kind, and the wage sheet: modal screens that record
through `ledger.book`, in the reader's language."""
