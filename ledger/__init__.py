"""Silk Ledger (蚕桑账本): the books of a sericulture village cooperative.

The core (models, rules, posting, income) knows nothing of any user interface; the
command line (`ledger.cli`) and the terminal UI are thin layers over `ledger.book`.
"""

__version__ = "0.1.0"

from ledger import server_driver as _server_driver  # noqa: E402 - before any Peewee

_server_driver.defer()
