"""The chart as the accountant keeps it: the 2023 chart's accounts (`ledger.chart`), the
program's own sub-accounts, one per household under 113 内部往来, and the sub-accounts the
accountant adds (`513.01 管理费用-电费`).

An added sub-account is `PARENT.TAIL`: its parent a level-1 account of the chart, its
tail one to eight capital letters or digits. Three parents take none by hand: 113, whose
sub-accounts belong to the households (`113.H001` is household H001's), and 321 and
322, which only the year-end close posts. An account that already has postings of its
own takes no sub-account either: it would stop being a leaf, and what was posted to it
would be stranded where no voucher may post any more. A sub-account is added sealed and
audited in one transaction through the service layer's writer, alone (`add`) or with
the rest of an import (`ledger.io.csv_import`), and the rule is written once, here.

`listing` is the chart for the command line and the terminal UI: every account with its
names in Chinese and English and the pinyin initials of its Chinese name, for lookup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from peewee import JOIN

from ledger import audit, chart, models, stores
from ledger.errors import FieldError
from ledger.rules import Form, read_code, read_text

KIND = "accounts"
#: The tail of an added sub-account's code: 513.01, 513.A1.
TAIL = re.compile(r"[0-9A-Z]{1,8}")
#: Level-1 accounts that take no sub-account by hand: the households' 113, the year-end
#: close's 321 and 322, and those the program posts to itself (cash, bank, subsidies,
#: the close's reserve fund), which must stay leaves.
RESERVED_PARENTS = (chart.INTERNAL, *chart.YEAR_END_ONLY)
PROGRAM_POSTS = (chart.CASH, chart.BANK, chart.SUBSIDY_INCOME, chart.RESERVE)
NAME_LIMIT = 40


def check(values: Mapping[str, Any], where: str = "",
          added: Mapping[str, int] | None = None) -> tuple[dict, list[FieldError]]:
    """Read a new sub-account, `code` and `name`: its exact values and every problem.
    `added` are the codes already added in the same write (an import's earlier rows)."""
    form = Form(KIND, values, None, where)
    code = form.get("code", read_code)
    name = form.get("name", read_text(NAME_LIMIT))
    parent_id = None
    if code is not None:
        parent_id = _parent(form, code, added or {})
    return dict(code=code, name=name, parent=parent_id), form.errors


def _parent(form: Form, code: str, added: Mapping[str, int]) -> int | None:
    """The id of the new account's parent, once every rule about the two is met."""
    Account = models.Account
    head, dot, tail = code.partition(".")
    if not dot or not TAIL.fullmatch(tail):
        form.fail("code", "account_code_form", code=code)
        return None
    if code in added or Account.select().where(Account.code == code).exists():
        form.fail("code", "account_exists", code=code)
        return None
    if head not in chart.BY_CODE:
        form.fail("code", "account_no_parent", code=code, parent=head)
        return None
    if head in (*RESERVED_PARENTS, *PROGRAM_POSTS):
        reason = ("account_reserved_parent" if head == chart.INTERNAL else
                  "account_year_end_parent" if head in chart.YEAR_END_ONLY else
                  "account_program_parent")
        form.fail("code", reason, code=code, parent=head)
        return None
    parent_id = Account.select(Account.id).where(Account.code == head).scalar()
    if parent_id is None:  # a chart account every ledger has since schema 5
        form.fail("code", "account_no_parent", code=code, parent=head)
        return None
    if models.Posting.select().where(models.Posting.account == parent_id).exists():
        form.fail("code", "account_parent_posted", code=code, parent=head)
        return None
    return parent_id


@stores.retried
def add(code: str, name: str) -> int:
    """Add one sub-account in its own transaction; its id."""
    from ledger.book import Writer
    from ledger.refs import Refs

    with models.database.atomic():
        writer = Writer(Refs())
        account_id = writer.add_account(dict(code=code, name=name))
        writer.finish()
        audit.log("account", kind=KIND, ids=(account_id, account_id),
                  target=f"{code.strip().upper()} {name.strip()}"[:100],
                  after={"code": code.strip().upper(), "name": name.strip()})
    return account_id


# -- the chart as a list -----------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One account of the chart, as a list or a lookup shows it."""

    code: str
    parent: str | None
    zh: str          # 管理费用-电费, 内部往来-张国华
    en: str
    side: str        # the side its balance normally lies on: debit or credit
    leaf: bool       # whether vouchers may post to it (it has no sub-accounts)
    household: str | None  # the household whose 内部往来 it is
    added: bool      # a sub-account the accountant added
    initials: str    # pinyin initials of the Chinese name: glfy-df

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def full_name(code: str, own_name: str, lang: str, party_name: str | None = None) -> str:
    """An account's name in `lang`: an added sub-account is its parent's name and its
    own (`管理费用-电费`), a household's is named after its head."""
    if own_name and code not in chart.BY_CODE:
        parent = chart.BY_CODE[chart.parent_of(code)]
        return f"{parent.zh if lang == 'zh' else parent.en}-{own_name}"
    return chart.account_name(code, lang, party_name)


def names(codes: Iterable[str], lang: str) -> dict[str, str]:
    """The names of some accounts in `lang`, by code, in one query."""
    Account, Party = models.Account, models.Party
    wanted = sorted(set(codes))
    query = (Account.select(Account.code, Account.name, Party.name)
             .join(Party, JOIN.LEFT_OUTER, on=(Account.party == Party.id))
             .where(Account.code.in_(wanted)).tuples())
    return {code: full_name(code, own, lang, party_name) for code, own, party_name in query}


def listing(households: bool = True) -> list[Entry]:
    """Every account in chart order (a parent, then its sub-accounts by code); without
    `households`, the households' 113 sub-accounts are left out (a village has hundreds)."""
    from ledger.browse.households import initials

    Account, Party = models.Account, models.Party
    parent = Account.alias("parent_account")
    query = (Account.select(Account.code, Account.name, parent.code, Party.code, Party.name)
             .join(parent, on=(Account.parent == parent.id), join_type=JOIN.LEFT_OUTER)
             .switch(Account).join(Party, on=(Account.party == Party.id), join_type=JOIN.LEFT_OUTER)
             .tuples())
    rows = [row for row in query if households or row[3] is None]
    parents = {row[2] for row in rows if row[2]}
    if not households:  # a 113 with households is no leaf, shown or not
        parents |= {chart.INTERNAL} if Account.select().where(
            Account.party.is_null(False)).exists() else set()
    rows.sort(key=lambda row: chart_order(row[0]))
    entries = []
    for code, own, parent_code, party_code, party_name in rows:
        zh = full_name(code, own, "zh", party_name)
        top = chart.BY_CODE.get(code) or chart.BY_CODE[chart.parent_of(code)]
        side = chart.BY_CODE[code].side if code in chart.BY_CODE else top.side
        entries.append(Entry(code, parent_code, zh, full_name(code, own, "en", party_name),
                             side, code not in parents, party_code,
                             bool(own) and code not in chart.BY_CODE, initials(zh)))
    return entries


def chart_order(code: str) -> tuple[str, str]:
    """How accounts are ordered: by level-1 code, each followed by its sub-accounts."""
    head, _, tail = code.partition(".")
    return head, tail


def find(query: str, entries: list[Entry]) -> list[Entry]:
    """The accounts whose code starts with `query`, or whose name or pinyin initials
    contain it (`dfy` and `电费` find 513.01 管理费用-电费)."""
    needle = query.strip().lower()
    return [entry for entry in entries
            if entry.code.lower().startswith(needle) or needle in entry.zh
            or needle in entry.en.lower() or needle in entry.initials]
