"""The rules a general voucher (记账凭证) must obey, written once for the form, the file
and the program's own year-end vouchers.

A general voucher is a date and at least two lines, each a summary (摘要), an account and
exactly one of a debit or a credit, positive with at most two decimals; its debits equal
its credits. Lines post only to leaf accounts (one with sub-accounts takes none itself);
本年收益 (321) and 收益分配 (322) are posted only by the year-end close. A voucher dated in
a closed year is refused, and so is one that touches a household's 内部往来 sub-account on
a date within a closed season, whose settlement sheets are signed.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from ledger import chart, models
from ledger.errors import FieldError
from ledger.rules import Form, Problem, amount_positive, read_code, read_date, read_text

KIND = "vouchers"
#: Where a general voucher comes from: typed or imported, or made by the year-end close.
SOURCES = ("entry", "closing")
#: The most attachments (附单据张数) one voucher can name.
ATTACHMENTS_LIMIT = 10_000


class AccountRef:
    """What the rules need of an account: its id, whether it has sub-accounts, and the
    household whose 内部往来 it is, if any."""

    def __init__(self, account_id: int, code: str, has_children: bool, household: int | None):
        self.id, self.code, self.has_children, self.household = (
            account_id, code, has_children, household)


def account(code: str) -> AccountRef | None:
    Account = models.Account
    row = (Account.select(Account.id, Account.code, Account.party).where(Account.code == code)
           .tuples().first())
    if row is None:
        return None
    has_children = Account.select().where(Account.parent == row[0]).exists()
    return AccountRef(row[0], row[1], has_children, row[2])


def accounts_of(codes) -> dict[str, AccountRef | None]:
    """Many accounts looked up at once (the close's line for every member household),
    each code to its account or None."""
    Account = models.Account
    wanted = sorted(set(codes))
    found: dict[str, AccountRef | None] = dict.fromkeys(wanted)
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        rows = list(Account.select(Account.id, Account.code, Account.party)
                    .where(Account.code.in_(wanted[start:start + LOOKUP_CHUNK])).tuples())
        ids = [row[0] for row in rows]
        parents = set(Account.select(Account.parent).where(Account.parent.in_(ids))
                      .distinct().scalars())
        for account_id, code, party in rows:
            found[code] = AccountRef(account_id, code, account_id in parents, party)
    return found


#: Codes looked up in one query (SQLite takes some hundreds of parameters at once).
LOOKUP_CHUNK = 500


def closed_years() -> set[int]:
    """The years the year-end close has locked."""
    from ledger.refs import Refs

    return Refs().closed_years()


def check(values: Mapping[str, Any], where: str = "", source: str = "entry",
          accounts: dict[str, AccountRef | None] | None = None) -> tuple[dict, list[FieldError]]:
    """Read a general voucher: `date`, `lines` (each `summary`, `account`, `debit`,
    `credit`), `attachments`, `maker`. Its exact values, and every problem found. A line's
    place is named as `where` plus its line number (`vouchers.csv:12`), or `line 2`."""
    accounts = {} if accounts is None else accounts
    form = Form(KIND, values, None, where)
    day = form.get("date", read_date)
    attachments = form.get("attachments", _attachments, 0, required=False)
    maker = form.get("maker", read_text(100), "", required=False)
    lines_in = list(values.get("lines") or [])
    errors = list(form.errors)
    lines = []
    codes = {line.get("account").strip().upper() for line in lines_in
             if isinstance(line.get("account"), str)}
    accounts.update(accounts_of(codes - set(accounts)))
    for number, line in enumerate(lines_in, 1):
        line_where = line.get("where") or (f"{where} line {number}" if where else
                                           f"line {number}")
        parsed, problems = _line(line, line_where, source, accounts)
        errors += problems
        lines.append(parsed)
    if len(lines_in) < 2:
        errors.append(FieldError(KIND, "lines", "voucher_two_lines", {}, where))
    elif not any(problem.field in ("debit", "credit") for problem in errors):
        debits = sum(line["debit"] for line in lines)
        credits = sum(line["credit"] for line in lines)
        if debits != credits:
            errors.append(FieldError(KIND, "lines", "voucher_unbalanced",
                                     dict(debit=_yuan(debits), credit=_yuan(credits)), where))
    if day is not None:
        errors += date_problems(day, any(line["account"] is not None and line["account"].household
                                         for line in lines), where)
    result = dict(date=day, attachments=attachments, maker=maker, source=source, lines=lines)
    return result, errors


def _attachments(value) -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) > ATTACHMENTS_LIMIT:
        raise Problem("bad_attachments", value=text[:20])
    return int(text)


def _line(line: Mapping[str, Any], where: str, source: str,
          accounts: dict[str, AccountRef | None]) -> tuple[dict, list[FieldError]]:
    form = Form(KIND, line, None, where)
    summary = form.get("summary", read_text(200), "", required=False)
    code = form.get("account", read_code)
    debit = form.get("debit", amount_positive, 0, required=False)
    credit = form.get("credit", amount_positive, 0, required=False)
    if debit is not None and credit is not None and bool(debit) == bool(credit):
        if not any(error.field in ("debit", "credit") for error in form.errors):
            form.fail("debit", "line_one_side")
    ref = None
    if code is not None:
        if code not in accounts:
            accounts[code] = account(code)
        ref = accounts[code]
        if ref is None:
            form.fail("account", "unknown_account", code=code)
        elif ref.has_children:
            form.fail("account", "account_has_children", code=code)
        elif source != "closing" and (code in chart.YEAR_END_ONLY
                                      or chart.parent_of(code) in chart.YEAR_END_ONLY):
            form.fail("account", "account_year_end_only", code=code)
    return (dict(summary=summary, account=ref, debit=debit or 0, credit=credit or 0),
            form.errors)


def date_problems(day: date, touches_household: bool, where: str = "") -> list[FieldError]:
    """A closed year takes nothing; a closed season's dates take nothing on a household."""
    if day.year in closed_years():
        return [FieldError(KIND, "date", "year_closed", dict(year=day.year), where)]
    if touches_household:
        Season = models.Season
        closed = (Season.select(Season.code).where((Season.start <= day) & (Season.end >= day)
                                         & Season.closed.is_null(False)).scalar())
        if closed:
            return [FieldError(KIND, "date", "voucher_in_closed_season",
                               dict(season=closed, date=day.isoformat()), where)]
    return []


def _yuan(fen: int) -> str:
    from ledger import money

    return money.yuan(fen)
