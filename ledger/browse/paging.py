"""How many rows a list reads at a time, when its reader does not say."""

#: Rows in a page: a screen's worth and more, read through an index in a few ms.
PAGE = 100
