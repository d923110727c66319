"""The statutory statements and the books as documents (`ledger.reports.tabular`) and as
JSON (the contracts in docs/formats.md).

Money is a string with exactly two decimals, shares with three. A balance is shown on its
side: in the statements every row is positive on its normal side; in the books and the
trial balance a balance is its side (借/贷, `debit`/`credit` in JSON, none when zero)
and its amount.
"""
from __future__ import annotations

import json
from datetime import date

from ledger import books, i18n, money
from ledger.books import AccountBook, BookLine, GeneralLedger, PeriodTrialBalance
from ledger.reports.summary import names
from ledger.reports.tabular import Column, Document, Line, Table
from ledger.statements import BalanceSheet, Distribution, IncomeStatement

SECTIONS = ("assets", "liabilities", "equity")


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(key, lang, **params)


def _document(title_key: str, lang: str, period: str, tables: list[Table],
              notes: list[str] | None = None) -> Document:
    return Document(_t(title_key, lang), names()[1], period, tables, notes or [],
                    _t("book.unit", lang))


def _blank(fen: int) -> str:
    return money.yuan(fen) if fen else ""


def side(balance: int) -> str:
    """`debit`, `credit`, or "" for a zero balance (debit-positive `balance`)."""
    return "debit" if balance > 0 else "credit" if balance < 0 else ""


def _side_word(balance: int, lang: str) -> str:
    return _t(f"book.side_{side(balance) or 'none'}", lang)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# -- the balance sheet -------------------------------------------------------------------

def balance_sheet_json(sheet: BalanceSheet) -> str:
    return _dumps({"year": str(sheet.year), "rows": {
        line.row.key: {"start": money.yuan(line.start), "end": money.yuan(line.end)}
        for line in sheet.lines}})


def balance_sheet_document(sheet: BalanceSheet, lang: str) -> Document:
    columns = [Column(_t("book.item", lang), flex=True), Column(_t("book.line", lang), True),
               Column(_t("book.start", lang, date=sheet.start.isoformat()), True),
               Column(_t("book.end", lang, date=sheet.end.isoformat()), True)]
    tables = []
    for section in SECTIONS:
        lines = [Line([line.row.label(lang), str(line.row.line), money.yuan(line.start),
                       money.yuan(line.end)], "total" if line.row.total else "")
                 for line in sheet.lines if line.row.section == section]
        tables.append(Table(_t(f"book.section_{section}", lang), columns, lines))
    notes = [i18n.t(key, lang, **_shown(params)) for key, params in sheet.problems]
    return _document("book.balance_sheet", lang, _t("book.year", lang, year=sheet.year),
                     tables, notes)


def _shown(params: dict) -> dict:
    return {key: money.yuan(value) if key in ("assets", "claims", "computed", "kept") else value
            for key, value in params.items()}


# -- the income statement and the distribution ------------------------------------------

def income_statement_json(report: IncomeStatement) -> str:
    return _dumps({"year": str(report.year),
                   "rows": {row.key: money.yuan(amount) for row, amount in report.rows}})


def income_statement_document(report: IncomeStatement, lang: str) -> Document:
    columns = [Column(_t("book.item", lang), flex=True), Column(_t("book.line", lang), True),
               Column(_t("book.this_year", lang), True)]
    lines = [Line([row.label(lang), str(row.line), money.yuan(amount)],
                  "total" if row.total else "") for row, amount in report.rows]
    notes = [i18n.t(key, lang, **_shown(params)) for key, params in report.problems]
    return _document("book.income_statement", lang, _t("book.year", lang, year=report.year),
                     [Table("", columns, lines)], notes)


def distribution_json(found: Distribution) -> str:
    return _dumps({"year": str(found.year), "net_income": money.yuan(found.net_income),
                   "reserve": money.yuan(found.reserve), "members": money.yuan(found.members),
                   "dividends": [{"code": d.code, "shares": money.fixed_str(d.shares, 3),
                                  "amount": money.yuan(d.amount)} for d in found.dividends]})


def distribution_document(found: Distribution, lang: str, household_names: dict) -> Document:
    figures = Table("", [Column(_t("book.item", lang), flex=True),
                         Column(_t("col.amount", lang), True)], [
        Line([_t("book.net_income", lang), money.yuan(found.net_income)]),
        Line([_t("book.reserve", lang), money.yuan(found.reserve)]),
        Line([_t("book.members", lang), money.yuan(found.members)])])
    columns = [Column(_t("col.code", lang)), Column(_t("col.household", lang), flex=True),
               Column(_t("book.shares", lang), True), Column(_t("book.dividend", lang), True)]
    lines = [Line([d.code, household_names.get(d.code, ""), money.fixed_str(d.shares, 3),
                   money.yuan(d.amount)]) for d in found.dividends]
    if lines:
        lines.append(Line([_t("col.total", lang), "",
                           money.fixed_str(sum(d.shares for d in found.dividends), 3),
                           money.yuan(sum(d.amount for d in found.dividends))], "total"))
    return _document("book.distribution", lang, _t("book.year", lang, year=found.year),
                     [figures, Table(_t("book.dividends", lang), columns, lines)])


# -- the books ---------------------------------------------------------------------------

def _day(day: date, book_first: date, book_last: date) -> str:
    """月-日 when the book lies in one year (its year is in the heading), else the date."""
    return f"{day:%m-%d}" if book_first.year == book_last.year else day.isoformat()


def book_document(book: AccountBook, lang: str, title_key: str = "book.account_ledger"
                  ) -> Document:
    """A day book or an account's ledger: opening balance, each posting with its running
    balance, and the day's, the month's and the year's subtotals."""
    name = books.account_names([book.code], lang).get(book.code, "")
    columns = [Column(_t("col.date", lang)), Column(_t("book.voucher", lang)),
               Column(_t("book.summary", lang), flex=True),
               Column(_t("book.counter", lang)),
               Column(_t("book.debit", lang), True), Column(_t("book.credit", lang), True),
               Column(_t("book.side", lang)), Column(_t("book.balance", lang), True)]
    short = {day for day, _ in book.short_days}
    lines = [Line(["", "", _t("book.opening", lang), "", "", "",
                   _side_word(book.opening, lang), money.yuan(abs(book.opening))], "sub")]
    for entry in book.entries:
        if isinstance(entry, BookLine):
            summary = entry.summary if entry.account == book.code else (
                f"{entry.account} {entry.summary}")  # which sub-account, in a parent's book
            lines.append(Line([_day(entry.date, book.first, book.last), entry.number,
                               summary, entry.counter, _blank(entry.debit),
                               _blank(entry.credit), _side_word(entry.balance, lang),
                               money.yuan(abs(entry.balance))]))
        else:
            style = "warn" if entry.kind == "day" and entry.label in short else (
                "sub" if entry.kind == "day" else "total")
            lines.append(Line([_day(entry.label, book.first, book.last), "",
                               _t(f"book.{entry.kind}_total", lang), "",
                               money.yuan(entry.debit), money.yuan(entry.credit),
                               _side_word(entry.balance, lang),
                               money.yuan(abs(entry.balance))], style))
    notes = [_t("book.cash_short", lang, date=day.isoformat(), amount=money.yuan(balance))
             for day, balance in book.short_days]
    caption = f"{book.code} {name}"
    return _document(title_key, lang, _t("book.span", lang, first=book.first.isoformat(),
                                         last=book.last.isoformat()),
                     [Table(caption, columns, lines)], notes)


def book_json(book: AccountBook, lang: str) -> str:
    name = books.account_names([book.code], lang).get(book.code, "")
    return _dumps({
        "account": book.code, "name": name,
        "from": book.first.isoformat(), "to": book.last.isoformat(),
        "opening": _balance(book.opening),
        "lines": [{"date": line.date.isoformat(), "voucher": line.number,
                   "summary": line.summary, "account": line.account, "counter": line.counter,
                   "debit": money.yuan(line.debit), "credit": money.yuan(line.credit),
                   **_balance(line.balance)} for line in book.lines],
        "debit": money.yuan(book.debit), "credit": money.yuan(book.credit),
        "closing": _balance(book.closing),
        "short_days": [{"date": day.isoformat(), "balance": money.yuan(balance)}
                       for day, balance in book.short_days],
    })


def _balance(balance: int) -> dict:
    return {"side": side(balance), "balance": money.yuan(abs(balance))}


# -- the general ledger ------------------------------------------------------------------

def general_ledger_document(ledger: GeneralLedger, lang: str) -> Document:
    codes = [account.code for account in ledger.accounts]
    account_names = books.account_names(codes, lang)
    columns = [Column(_t("book.month", lang)), Column(_t("book.summary", lang), flex=True),
               Column(_t("book.debit", lang), True), Column(_t("book.credit", lang), True),
               Column(_t("book.side", lang)), Column(_t("book.balance", lang), True)]
    tables = []
    for account in ledger.accounts:
        lines = [Line(["", _t("book.opening", lang), "", "", _side_word(account.opening, lang),
                       money.yuan(abs(account.opening))], "sub")]
        for number, month in enumerate(account.months, 1):
            if month.debit or month.credit:
                lines.append(Line([f"{ledger.year}-{number:02d}", _t("book.month_total", lang),
                                   money.yuan(month.debit), money.yuan(month.credit),
                                   _side_word(month.balance, lang),
                                   money.yuan(abs(month.balance))]))
        year = account.year
        lines.append(Line(["", _t("book.year_total", lang), money.yuan(year.debit),
                           money.yuan(year.credit), _side_word(year.balance, lang),
                           money.yuan(abs(year.balance))], "total"))
        tables.append(Table(f"{account.code} {account_names.get(account.code, '')}", columns,
                            lines))
    return _document("book.general_ledger", lang, _t("book.year", lang, year=ledger.year),
                     tables)


def general_ledger_json(ledger: GeneralLedger, lang: str) -> str:
    account_names = books.account_names([a.code for a in ledger.accounts], lang)
    return _dumps({"year": str(ledger.year), "accounts": [{
        "code": account.code, "name": account_names.get(account.code, ""),
        "opening": _balance(account.opening),
        "months": [{"month": f"{ledger.year}-{number:02d}", "debit": money.yuan(month.debit),
                    "credit": money.yuan(month.credit), **_balance(month.balance)}
                   for number, month in enumerate(account.months, 1)],
        "year": {"debit": money.yuan(account.year.debit),
                 "credit": money.yuan(account.year.credit), **_balance(account.year.balance)},
    } for account in ledger.accounts]})


# -- the trial balance of a period -------------------------------------------------------

FIGURES = ("opening_debit", "opening_credit", "debit", "credit", "year_debit", "year_credit",
           "closing_debit", "closing_credit")


def _sides(balance: int) -> tuple[int, int]:
    return (balance, 0) if balance >= 0 else (0, -balance)


def trial_figures(row) -> tuple[int, ...]:
    return (*_sides(row.opening), row.debit, row.credit, row.year_debit, row.year_credit,
            *_sides(row.closing))


def trial_totals(report: PeriodTrialBalance) -> tuple[int, ...]:
    summed = [0] * len(FIGURES)
    for row in report.top:
        summed = [a + b for a, b in zip(summed, trial_figures(row))]
    return tuple(summed)


def trial_balance_json(report: PeriodTrialBalance, lang: str) -> str:
    account_names = books.account_names([row.code for row in report.rows], lang)
    return _dumps({
        "from": report.first.isoformat(), "to": report.last.isoformat(),
        "accounts": [{"code": row.code, "name": account_names.get(row.code, ""),
                      **dict(zip(FIGURES, map(money.yuan, trial_figures(row))))}
                     for row in report.rows],
        "totals": dict(zip(FIGURES, map(money.yuan, trial_totals(report)))),
        "balanced": report.balanced,
    })


def trial_balance_csv(report: PeriodTrialBalance, lang: str) -> tuple[list[str], list[list[str]]]:
    account_names = books.account_names([row.code for row in report.rows], lang)
    return (["code", "name", *FIGURES],
            [[row.code, account_names.get(row.code, ""), *map(money.yuan, trial_figures(row))]
             for row in report.rows])


def trial_balance_document(report: PeriodTrialBalance, lang: str) -> Document:
    """Two tables, so each fits 80 columns: 期初, 本期 and 期末; then 本年累计."""
    account_names = books.account_names([row.code for row in report.rows], lang)
    head = [Column(_t("col.account", lang)), Column(_t("col.account_name", lang), flex=True)]
    first = Table(_t("book.period_part", lang), head + [
        Column(_t("book.opening", lang), True), Column(_t("col.debit", lang), True),
        Column(_t("col.credit", lang), True), Column(_t("book.closing", lang), True)], [])
    second = Table(_t("book.year_part", lang), head + [
        Column(_t("book.year_debit", lang), True), Column(_t("book.year_credit", lang), True)],
        [])
    for row in report.rows:
        indent = "  " if not row.level_one else ""
        label = [indent + row.code, indent + account_names.get(row.code, "")]
        first.lines.append(Line(label + [_signed(row.opening, lang), _blank(row.debit),
                                         _blank(row.credit), _signed(row.closing, lang)]))
        second.lines.append(Line(label + [_blank(row.year_debit), _blank(row.year_credit)]))
    totals = trial_totals(report)
    first.lines.append(Line([_t("col.total", lang), "", "", money.yuan(totals[2]),
                             money.yuan(totals[3]), ""], "total"))
    second.lines.append(Line([_t("col.total", lang), "", money.yuan(totals[4]),
                              money.yuan(totals[5])], "total"))
    notes = [] if report.balanced else [_t("not_balanced", lang)]
    return _document("book.trial_balance", lang, _t("book.span", lang,
                                                    first=report.first.isoformat(),
                                                    last=report.last.isoformat()),
                     [first, second], notes)


def _signed(balance: int, lang: str) -> str:
    """A balance as its side and amount: `借 1200.00`; blank when zero."""
    return f"{_side_word(balance, lang)} {money.yuan(abs(balance))}" if balance else ""
