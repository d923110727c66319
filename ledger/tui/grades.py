"""How the batch screens write a batch's grade mix: the batches list and a batch's page
both show it, so it lives here rather than in either screen (which would make each
import the other)."""
from __future__ import annotations

from ledger.reports.statement import grade_rank


def _by_rank(grades: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(grades.items(), key=lambda grade: grade_rank(grade[0]))


def grade_mix(grades: dict[str, int]) -> str:
    """Each grade's share of the cocoons sold, in per cent: 上车茧 92% 次茧 5% ..."""
    total = sum(grades.values())
    if not total:
        return ""
    return " ".join(f"{grade or '-'} {grams * 100 // total}%" for grade, grams in _by_rank(grades))


def short_mix(grades: dict[str, int]) -> str:
    """The grade mix as shares only, best grade first (87/9/4), for a narrow terminal."""
    total = sum(grades.values())
    if not total:
        return ""
    return "/".join(str(grams * 100 // total) for _, grams in _by_rank(grades))
