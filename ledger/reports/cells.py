"""How a value of a printed document is written, shared by the text, HTML and PDF forms.

Each column of a settlement sheet has a kind (`ledger.reports.statement.Column`); a cell
is written from its exact value and that kind, so every format shows the same figures.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ledger import i18n, money
from ledger.reports.words import amount_in_words

CHOICE_COLUMNS = {"direction", "method"}


class Noted(NamedTuple):
    """A text cell of a record that takes part in a correction: `how` it does
    (reversal, reversed, correction) and the number of the other record's voucher."""

    text: str
    how: str
    other: str


def noted(value: Noted, lang: str | None = None) -> str:
    note = i18n.t(f"doc.{value.how}", lang, id=value.other)
    return f"{value.text} {note}" if value.text else note


def cell(value, kind: str, key: str = "", lang: str | None = None) -> str:
    """The text of one cell: money with two decimals, kg with three, dates ISO."""
    if value is None:
        return ""
    if kind == "money":
        return money.yuan(value)
    if kind == "kg":
        return money.kg(value)
    if kind == "quantity":
        return money.quantity(value)
    if kind == "sheets":
        return money.sheets(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, Noted):
        return noted(value, lang)
    if key in CHOICE_COLUMNS:
        return i18n.t(f"{key}.{value}", lang)
    return str(value)


def kg_per_sheet(grams: int, sheets: int) -> str:
    """Cocoon kg per sheet with three decimals; blank without sheets."""
    figure = money.per_sheet(grams, sheets)
    return "" if figure is None else money.kg(figure)


def grade_mix(batch, lang: str | None = None) -> list[str]:
    """Each grade's cocoon kg and share of a batch's cocoons, best grade first, one text a
    grade (上车茧 103.610 公斤（91.0%）): the text, HTML and PDF sheets all print these.
    `batch` is a `statement.BatchFigures`; nothing for a batch that sold no cocoons."""
    if not batch.cocoon_grams:
        return []
    return [i18n.t("doc.grade_share", lang, grade=grade or i18n.t("doc.ungraded", lang),
                   kg=money.kg(grams),
                   share=money.fixed_str(money.ratio(grams * 100, batch.cocoon_grams, 1), 1))
            for grade, grams in batch.grades.items()]


def band_label(low: int | None, high: int | None, lang: str | None = None) -> str:
    if low is None:
        return i18n.t("doc.band_below", lang, high=high)
    if high is None:
        return i18n.t("doc.band_above", lang, low=low)
    return i18n.t("doc.band_between", lang, low=low, high=high)


def balance_side(fen: int) -> str:
    """The message key saying which way a household's balance is owed."""
    if fen == 0:
        return "doc.settled"
    return "doc.owed_to_household" if fen > 0 else "doc.owed_by_household"


def balance_words(fen: int, lang: str | None = None) -> str:
    """The balance in Chinese capitals, saying which way it is owed."""
    return i18n.t("doc.balance_words", lang, words=amount_in_words(abs(fen)),
                  side=i18n.t(balance_side(fen), lang))
