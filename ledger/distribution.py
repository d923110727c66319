"""Splitting the members' distribution by shares, exactly to the fen.

At year end the collective distributes an amount M (fen) to its member households in
proportion to their shares (股份, kept in thousandths). Shares rarely divide M evenly, so
the rule is the largest-remainder method, made deterministic: each household first gets
floor(M·s / S); the R fen left over go one each to the R households with the largest
remainders M·s mod S, ties going to the smaller household code. The dividends always add
up to M, and the same ledger always gives the same split (docs/accounting.md).
"""
from __future__ import annotations

from typing import Iterable, NamedTuple


class Dividend(NamedTuple):
    code: str
    shares: int  # thousandths
    amount: int  # fen


def split_by_shares(amount: int, holdings: Iterable[tuple[str, int]]) -> list[Dividend]:
    """Each household's dividend of `amount` fen, by its shares; households without shares
    get nothing and are left out. Ordered by household code."""
    holdings = list(holdings)
    if amount < 0:
        raise ValueError("a distribution cannot be negative")
    if any(shares < 0 for _, shares in holdings):
        raise ValueError("shares cannot be negative")
    holders = sorted((code, shares) for code, shares in holdings if shares > 0)
    if not holders:
        return []
    total = sum(shares for _, shares in holders)
    floors = {code: amount * shares // total for code, shares in holders}
    left = amount - sum(floors.values())
    by_remainder = sorted(holders, key=lambda holder: (-(amount * holder[1] % total), holder[0]))
    for code, _ in by_remainder[:left]:
        floors[code] += 1
    return [Dividend(code, shares, floors[code]) for code, shares in holders]
