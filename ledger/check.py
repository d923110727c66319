"""`silk check`: recompute what the ledger asserts and name every disagreement.

The invariants of DOMAIN.md, each as a database query over every row: vouchers balance;
each record that moves money has exactly one voucher for its amount and none when zero;
stored amounts equal kg × price (half up) and the like; records lie in their season; the
kept per-season account balances equal the postings; each household's balance equals its
内部往来 sub-account; the collective's net income equals its income and expense accounts;
and each season's net incomes add up to the money that came in from outside less what
went out to partners. Every voucher is one positive debit and one positive credit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from peewee import JOIN, fn

from ledger import chart, i18n, income, money, models
from ledger.kinds import RECORD_KINDS


#: Parameters that hold money in fen; they are shown in yuan.
MONEY_PARAMS = ("amount", "posted", "debit", "credit", "net", "outside", "computed", "kept",
                "accounts")


@dataclass
class Finding:
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        params = dict(self.params)
        for name in MONEY_PARAMS:
            if isinstance(params.get(name), int):
                params[name] = money.yuan(params[name])
        if "kind" in params:
            params["kind"] = i18n.kind_label(params["kind"], lang)
        return i18n.t(self.key, lang, **params)


def run() -> list[Finding]:
    """Every problem found; an empty list means the ledger is sound."""
    findings: list[Finding] = []
    for step in (_vouchers_balance, _postings, _records_have_vouchers, _amounts, _dates,
                 _kept_balances, _seasons):
        findings.extend(step())
    return findings


def _vouchers_balance():
    P = models.Posting
    query = (P.select(P.voucher, fn.SUM(P.debit), fn.SUM(P.credit)).group_by(P.voucher)
             .having(fn.SUM(P.debit) != fn.SUM(P.credit)).tuples())
    for voucher, debit, credit in query:
        yield Finding("check_voucher_unbalanced", dict(voucher=voucher, debit=debit, credit=credit))
    V = models.Voucher
    empty = V.select(V.id).join(P, JOIN.LEFT_OUTER).where(P.id.is_null()).tuples()
    for (voucher,) in empty:
        yield Finding("check_voucher_empty", dict(voucher=voucher))


def _postings():
    """Each voucher is one debit and one credit, each a positive amount on one side."""
    P = models.Posting
    malformed = (P.select(P.voucher).where((P.debit < 0) | (P.credit < 0)
                                           | ((P.debit == 0) == (P.credit == 0)))
                 .distinct().tuples())
    for (voucher,) in malformed:
        yield Finding("check_posting_malformed", dict(voucher=voucher))
    lines = (P.select(P.voucher, fn.COUNT(P.id)).group_by(P.voucher)
             .having(fn.COUNT(P.id) != 2).tuples())
    for voucher, count in lines:
        yield Finding("check_voucher_lines", dict(voucher=voucher, count=count))


def _records_have_vouchers():
    V, P = models.Voucher, models.Posting
    for kind in RECORD_KINDS:
        R = kind.model
        posted = (V.select(V.record_id, V.season, V.date, fn.SUM(P.debit).alias("total"))
                  .join(P).where(V.kind == kind.name).group_by(V.id).alias("posted"))
        query = (R.select(R.id, R.amount, R.season, R.date, posted.c.total, posted.c.season_id,
                          posted.c.date)
                 .join(posted, JOIN.LEFT_OUTER, on=(posted.c.record_id == R.id))
                 .where((posted.c.total.is_null() & (R.amount != 0))
                        | (posted.c.total.is_null(False) & ((posted.c.total != R.amount)
                                                            | (posted.c.season_id != R.season)
                                                            | (posted.c.date != R.date))))
                 .tuples())
        for record, amount, _season, _date, total, _vseason, _vdate in query:
            key = "check_record_unposted" if total is None else "check_voucher_mismatch"
            yield Finding(key, dict(kind=kind.name, record=record, amount=amount, posted=total))
        orphans = (V.select(V.id).join(R, JOIN.LEFT_OUTER, on=(V.record_id == R.id))
                   .where((V.kind == kind.name) & R.id.is_null()).tuples())
        for (voucher,) in orphans:
            yield Finding("check_voucher_orphan", dict(voucher=voucher, kind=kind.name))


def _amounts():
    """Stored amounts equal their product, rounded half up once (all factors are >= 0)."""
    L, S, W = models.LeafDelivery, models.CocoonSale, models.Wage

    def rounded(quantity, places: int, price):
        unit = 10 ** places
        return (quantity * price + unit // 2) / unit  # integer division in SQL

    checks = (
        ("leaf", L, rounded(L.grams, money.WEIGHT_PLACES, L.price)),
        ("sales", S, rounded(S.grams, money.WEIGHT_PLACES, S.price) - S.deduction),
        ("wages", W, rounded(W.quantity, money.QUANTITY_PLACES, W.rate)),
    )
    for kind, model, expected in checks:
        query = model.select(model.id, model.date, model.amount).where(model.amount != expected)
        for record, day, amount in query.tuples():
            yield Finding("check_amount_wrong", dict(kind=kind, record=record, date=day,
                                                     amount=amount))
    for kind in RECORD_KINDS:
        R = kind.model
        for record, day, amount in R.select(R.id, R.date, R.amount).where(R.amount < 0).tuples():
            yield Finding("check_amount_negative", dict(kind=kind.name, record=record, date=day,
                                                        amount=amount))


def _dates():
    Se, B = models.Season, models.Batch
    for kind in RECORD_KINDS:
        R = kind.model
        query = (R.select(R.id, R.date).join(Se, on=(R.season == Se.id))
                 .where((R.date < Se.start) | (R.date > Se.end)).tuples())
        for record, day in query:
            yield Finding("check_date_outside", dict(kind=kind.name, record=record, date=day))
        if "batch" in R._meta.fields:
            wrong = (R.select(R.id).join(B, on=(R.batch == B.id))
                     .where(R.season != B.season).tuples())
            for (record,) in wrong:
                yield Finding("check_season_not_batch", dict(kind=kind.name, record=record))


def _kept_balances():
    """The per-season balances kept at each write equal the postings summed afresh."""
    V, P, AB, A = models.Voucher, models.Posting, models.AccountBalance, models.Account
    fresh = {
        (account, season): (debit, credit)
        for account, season, debit, credit in
        P.select(P.account, V.season, fn.SUM(P.debit), fn.SUM(P.credit)).join(V)
        .group_by(P.account, V.season).tuples()
    }
    kept = {(a, s): (d, c) for a, s, d, c in
            AB.select(AB.account, AB.season, AB.debit, AB.credit).tuples() if d or c}
    codes = dict(A.select(A.id, A.code).tuples())
    seasons = dict(models.Season.select(models.Season.id, models.Season.code).tuples())
    for key in sorted(set(fresh) | set(kept)):
        if fresh.get(key, (0, 0)) != kept.get(key, (0, 0)):
            yield Finding("check_balance_drift", dict(account=codes.get(key[0], key[0]),
                                                      season=seasons.get(key[1], key[1])))


def _seasons():
    """Per season: net incomes add up, and each household's balance equals its 113."""
    running: dict[str, int] = {}
    for season in income.seasons():
        report = income.season_income(season)
        outside = _outside_flows(season)
        total_net = sum(p.net_income for p in report.parties)
        if total_net != outside:
            yield Finding("check_income_sum", dict(season=season.code, net=total_net,
                                                   outside=outside))
        collective = next(p for p in report.parties if p.kind == "collective")
        booked = _income_accounts(season)
        if collective.net_income != booked:
            yield Finding("check_collective_income", dict(season=season.code,
                                                          computed=collective.net_income,
                                                          accounts=booked))
        for party in report.parties:
            if party.kind != "household":
                continue
            running[party.code] = running.get(party.code, 0) + party.net_income - party.paid
            if running[party.code] != party.balance:
                yield Finding("check_household_balance", dict(
                    season=season.code, household=party.code,
                    computed=running[party.code], kept=party.balance))


def _income_accounts(season: models.Season) -> int:
    """The collective's net income as its books show it: credits less debits on the
    income and expense accounts (501, 503, 511 and their sub-accounts) in `season`."""
    A, AB = models.Account, models.AccountBalance
    heads = [account.code for account in chart.CHART if account.code[0] == "5" and "." not in account.code]
    top = A.select(A.id).where(A.code.in_(heads))
    query = (AB.select(fn.SUM(AB.credit - AB.debit)).join(A, on=(AB.account == A.id))
             .where((AB.season == season) & (A.id.in_(top) | A.parent.in_(top))))
    return query.scalar() or 0


def _outside_flows(season: models.Season) -> int:
    """Cocoon sales + subsidies - leaf and inputs bought from partners, in `season`."""
    S, U, L, I, Pa = (models.CocoonSale, models.Subsidy, models.LeafDelivery, models.Input,
                      models.Party)

    def total(query) -> int:
        return query.scalar() or 0

    bought_leaf = (L.select(fn.SUM(L.amount)).join(Pa, on=(L.supplier == Pa.id))
                   .where((L.season == season) & (Pa.kind == "partner")))
    return (total(S.select(fn.SUM(S.amount)).where(S.season == season))
            + total(U.select(fn.SUM(U.amount)).where(U.season == season))
            - total(bought_leaf)
            - total(I.select(fn.SUM(I.amount)).where(I.season == season)))

