"""Benchmarks of Silk Ledger: run `python -m bench`; never part of the tests."""
