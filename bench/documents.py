"""Every active household's settlement sheet of one season, in each format (issue 4's
target: all of them under 10 s)."""
from __future__ import annotations

from pathlib import Path

from bench.measure import Timing, timed
from ledger import db, income
from ledger.reports import html, pdf, statement, text

RENDERERS = {
    "text": lambda sheets, font: text.statements(sheets, "zh"),
    "html": lambda sheets, font: html.statements(sheets, "zh"),
    "pdf": lambda sheets, font: pdf.statements(sheets, "zh", font),
}


def measure(path: Path, season_code: str, runs: int) -> tuple[int, dict[str, Timing]]:
    """(number of sheets, format -> timing of reading and rendering them all)."""
    database = db.open_ledger(path)
    season = income.find_season(season_code)
    font = pdf.find_font(None)
    count = len(statement.statements(season, active_only=True))
    figures = {name: timed(lambda render=render: render(
                               statement.statements(season, active_only=True), font),
                           runs, budget=30.0)
               for name, render in RENDERERS.items()}
    database.close()
    return count, figures
