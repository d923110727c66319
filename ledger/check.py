"""`silk check`: recompute what the ledger asserts and name every disagreement.

The invariants of the books (docs/accounting.md), each as a database query over every
row: vouchers balance; each record that moves money has exactly one voucher, of its
amount, date and season, on the accounts the posting rules give, and none when zero;
stored amounts equal kg × price (half up) and the like; records lie in their season; the
kept per-season account balances equal the postings; each household's balance equals its
内部往来 sub-account; the collective's net income equals its income and expense accounts;
and each season's net incomes add up to the money that came in from outside less what
went out to partners. Every voucher is one positive debit and one positive credit, or,
reversing another (红字冲销), the same lines negated.

And the tamper evidence: every row still matches its seal, the vouchers and the audit
trail their hash chains, no row is missing, every row came in through an audit entry,
the meta table matches its seal, the guarding triggers are all there as defined, and the
chains pass through every anchor kept outside the file (`ledger.anchors`).
All of it is read in one snapshot of the ledger.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from peewee import JOIN, fn

from ledger import (anchors, audit, books, chart, flows, i18n, income, money, models, posting,
                    rules, seal, statements, stores, tamper, voucher_rules, vouchers)
from ledger.errors import LedgerError
from ledger.kinds import BY_MODEL, RECORD_KINDS


#: Parameters that hold money in fen; they are shown in yuan.
MONEY_PARAMS = ("amount", "posted", "debit", "credit", "net", "outside", "computed", "kept",
                "accounts", "assets", "claims")


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


def run(progress: Callable[[int, int], None] | None = None,
        anchor: str | None = None, warnings: list[Finding] | None = None) -> list[Finding]:
    """Every problem found; an empty list means the ledger is sound. Everything is read
    in one snapshot of the ledger (one read transaction), so a window writing meanwhile
    is not mistaken for damage; the seals and the hash chain are verified (by worker
    processes, on a large ledger) up to the ids of that snapshot while the queries run.
    `anchor`, a check code read off paper, is verified with the anchors kept beside the
    ledger and in its backups. `progress`, if given, is told (step, steps in all) as each
    step begins: on a county's ledger the check takes minutes. `warnings`, if given, is
    told what is worth a look but is no failure (a day cash on hand ended below zero):
    they are never in the list returned, so they never fail the check."""
    paper = []
    if anchor is not None:
        head = anchors.parse(anchor)
        if head is None:
            raise LedgerError("anchor_unreadable", code=anchor)
        paper = [anchors.Anchor(head, i18n.t("anchor_source_paper"))]
    written = (anchors.written(models.database.database)  # before the snapshot: see there
               if stores.current().name == "sqlite" else [])  # a server keeps no file beside
    with _snapshot() as alone:
        verification = tamper.start(alone)
        steps = (_vouchers_balance, _postings, _records_have_vouchers, _general_vouchers,
                 _depreciation, _amounts, _reversals, _dates, _kept_balances, _kept_flows,
                 _voucher_numbers, _voucher_descriptions,
                 _seasons, _statements,
                 lambda: _cash_warnings(warnings), _audit_coverage,
                 _triggers, lambda: _anchors(written, paper),
                 lambda: _tampering(verification))
        try:
            findings: list[Finding] = []
            for number, step in enumerate(steps, 1):
                if progress is not None:
                    progress(number, len(steps))
                findings.extend(step())
            return findings
        finally:
            verification.close()


def _snapshot():
    """One read transaction around the whole check: every query sees the ledger as of one
    commit. Yields True when the caller was already inside a transaction of its own,
    whose uncommitted rows only this connection sees (so no worker may verify them)."""
    return stores.current().snapshot(models.database.obj)


def _triggers():
    """Every trigger the schema defines is there, as defined, and no other."""
    for trigger, problem in stores.current().guard_problems(models.database.obj):
        yield Finding(f"check_trigger_{problem}", dict(trigger=trigger))


def _anchors(written: list, paper: list):
    """The chains pass through every anchor: those written beside the ledger and in its
    backups (of this very ledger) since it was last restored, those in season closes,
    and the one given."""
    found = [*anchors.since_last_restore(anchors.of_this_ledger(written)),
             *anchors.in_closes(), *paper]
    for key, params in anchors.verify(found):
        yield Finding(key, params)


def _vouchers_balance():
    Posting = models.Posting
    query = (Posting.select(Posting.voucher, fn.SUM(Posting.debit), fn.SUM(Posting.credit))
             .group_by(Posting.voucher)
             .having(fn.SUM(Posting.debit) != fn.SUM(Posting.credit)).tuples())
    for voucher, debit, credit in query:
        yield Finding("check_voucher_unbalanced", dict(voucher=voucher, debit=debit, credit=credit))
    Voucher = models.Voucher
    empty = (Voucher.select(Voucher.id).join(Posting, JOIN.LEFT_OUTER)
             .where(Posting.id.is_null()).tuples())
    for (voucher,) in empty:
        yield Finding("check_voucher_empty", dict(voucher=voucher))


def _postings():
    """Each voucher is one debit and one credit, each an amount on one side: positive,
    or negative in a reversal (红字)."""
    Posting, Voucher = models.Posting, models.Voucher
    positive = Voucher.reverses.is_null()
    malformed = (Posting.select(Posting.voucher).join(Voucher)
                 .where((positive & ((Posting.debit < 0) | (Posting.credit < 0)))
                        | (~positive & ((Posting.debit > 0) | (Posting.credit > 0)))
                        | ((Posting.debit == 0) == (Posting.credit == 0)))
                 .distinct().tuples())
    for (voucher,) in malformed:
        yield Finding("check_posting_malformed", dict(voucher=voucher))
    lines = (Posting.select(Posting.voucher, fn.COUNT(Posting.id)).join(Voucher)
             .where(Voucher.kind != voucher_rules.KIND)
             .group_by(Posting.voucher).having(fn.COUNT(Posting.id) != 2).tuples())
    for voucher, count in lines:
        yield Finding("check_voucher_lines", dict(voucher=voucher, count=count))


def _records_have_vouchers():
    """Each record that moves money has exactly one voucher, none when its amount is zero;
    the voucher has the record's amount, date and season, and debits and credits the
    accounts the posting rules (`ledger.posting`) give for the record: a voucher moved
    to another account, even with its hash recomputed, is named."""
    chart_ids = dict(models.Account.select(models.Account.code, models.Account.id)
                     .where(models.Account.party.is_null()).tuples())
    Voucher, R = models.Voucher, None
    for kind in RECORD_KINDS:
        R = kind.model
        sql, params = _derivation_query(kind.name, R, chart_ids)
        for (record, day, amount, season, voucher, voucher_day, voucher_season, total,
             debited, credited, expected_debit, expected_credit) in (
                models.database.execute_sql(sql, params)):
            names = dict(kind=kind.name, record=record, date=day, amount=amount)
            if voucher is None:
                yield Finding("check_record_unposted", names)
                continue
            names.update(voucher=voucher, posted=total, voucher_date=voucher_day)
            if total != amount:
                yield Finding("check_voucher_amount", names)
            if voucher_day != day:
                yield Finding("check_voucher_date", names)
            if voucher_season != season:
                yield Finding("check_voucher_season", names)
            if (debited, credited) != (expected_debit, expected_credit):
                codes = {value: code for code, value in chart_ids.items()}
                yield Finding("check_voucher_accounts", dict(
                    names, debited=_account_code(debited, codes),
                    credited=_account_code(credited, codes),
                    expected_debit=_account_code(expected_debit, codes),
                    expected_credit=_account_code(expected_credit, codes)))
        orphans = (Voucher.select(Voucher.id, Voucher.record_id)
                   .join(R, JOIN.LEFT_OUTER, on=(Voucher.record_id == R.id))
                   .where((Voucher.kind == kind.name) & R.id.is_null()).tuples())
        for voucher, record in orphans:
            yield Finding("check_voucher_orphan", dict(voucher=voucher, kind=kind.name,
                                                       record=record))


def _account_code(account_id: int | None, codes: dict[int, str]) -> str:
    """An account's code for a message: a chart account's from `codes`, else looked up."""
    if account_id is None:
        return "-"
    if account_id in codes:
        return codes[account_id]
    return models.Account.select(models.Account.code).where(
        models.Account.id == account_id).scalar() or str(account_id)


#: What a household's account stands for while a rule is turned into SQL.
_HOUSEHOLD = "(a household)"
_PARTY_KINDS = ("household", "partner", "collective")


def _derivation_query(kind: str, model: type, chart_ids: dict[str, int]) -> tuple[str, list]:
    """SQL giving, for every record of `kind` whose voucher is missing or differs from
    it, (record, date, amount, season, voucher, its date, its season, its debit, the
    account debited, the account credited, the accounts the rules give). The rules are
    `ledger.posting`'s own, evaluated for each kind of party and turned into CASEs. A
    voucher's lines are joined, not summed: `_postings` names one that is not one debit
    and one credit."""
    table = model._meta.table_name
    joins: list[str] = []

    def account(code: str | None, household: str) -> str:
        if code is None or (code != chart.household_account(_HOUSEHOLD)
                            and code not in chart_ids):
            return "NULL"
        if code == chart.household_account(_HOUSEHOLD):
            return household
        return str(int(chart_ids[code]))

    def side(index: int, name: str | None, collective_account: str | None) -> str:
        """The account one side of the record posts to, as SQL."""
        if name is None or name == posting.THE_COLLECTIVE:
            party = None if name is None else posting.PartyRef(0, "", "collective", "")
            return account(posting.place(party, collective_account), "NULL")
        if name == posting.OWNER:
            joins.append(f'LEFT JOIN "batch" AS b{index} ON b{index}."id" = r."batch_id"')
            party_id = f'b{index}."owner_id"'
        else:
            party_id = f'r."{name}_id"'
        joins.append(f'LEFT JOIN "party" AS p{index} ON p{index}."id" = {party_id} '
                     f'LEFT JOIN "account" AS a{index} ON a{index}."party_id" = p{index}."id"')
        cases = []
        for party_kind in _PARTY_KINDS:
            try:
                code = posting.place(posting.PartyRef(0, _HOUSEHOLD, party_kind, ""),
                                     collective_account)
            except AssertionError:  # the collective cannot be on this side
                code = None
            target = account(code, f'a{index}."id"')
            cases.append(f"WHEN '{party_kind}' THEN {target}")
        return f'CASE p{index}."kind" {" ".join(cases)} END'

    if kind == "payments":
        joins.append('LEFT JOIN "account" AS a0 ON a0."party_id" = r."household_id"')
        household = 'a0."id"'
        debit_cases, credit_cases = [], []
        for cases, side_index in ((debit_cases, 0), (credit_cases, 1)):  # in the text's order
            for method in rules.METHODS:
                for direction in rules.DIRECTIONS:
                    code = posting.payment_accounts(method, direction,
                                                    chart.household_account(_HOUSEHOLD))
                    when = f"""WHEN r."method" = '{method}' AND r."direction" = '{direction}'"""
                    cases.append(f"{when} THEN {account(code[side_index], household)}")
        expected_debit = f"CASE {' '.join(debit_cases)} END"
        expected_credit = f"CASE {' '.join(credit_cases)} END"
    else:
        payer, payer_account, earner, earner_account = posting.FLOWS[kind]
        expected_debit = side(1, payer, payer_account)
        expected_credit = side(2, earner, earner_account)
    sql = f"""
        SELECT r."id", r."date", r."amount", r."season_id", v."id", v."date", v."season_id",
               debit."debit", debit."account_id", credit."account_id",
               {expected_debit}, {expected_credit}
        FROM "{table}" AS r
        LEFT JOIN "voucher" AS v ON v."kind" = {models.database.param} AND v."record_id" = r."id"
        LEFT JOIN "posting" AS debit ON debit."voucher_id" = v."id" AND debit."debit" <> 0
        LEFT JOIN "posting" AS credit ON credit."voucher_id" = v."id" AND credit."credit" <> 0
        {" ".join(joins)}
        WHERE (v."id" IS NULL AND r."amount" <> 0)
           OR (v."id" IS NOT NULL AND (debit."debit" IS DISTINCT FROM r."amount"
               OR credit."credit" IS DISTINCT FROM r."amount" OR v."date" <> r."date"
               OR v."season_id" <> r."season_id"
               OR debit."account_id" IS DISTINCT FROM {expected_debit}
               OR credit."account_id" IS DISTINCT FROM {expected_credit}))"""
    return sql, [kind]


def _general_vouchers():
    """Each general voucher has exactly one journal voucher, of its date and no season,
    posted with its seal, whose postings are its lines; a reversal's lines are its
    original's negated."""
    GeneralVoucher, VoucherLine = models.GeneralVoucher, models.VoucherLine
    Voucher, Posting = models.Voucher, models.Posting
    kind = voucher_rules.KIND
    posted = {record_id: (voucher_id, day, season, record_seal) for
              voucher_id, record_id, day, season, record_seal in
              Voucher.select(Voucher.id, Voucher.record_id, Voucher.date, Voucher.season,
                             Voucher.record_seal)
              .where(Voucher.kind == kind).tuples()}
    lines: dict[int, list] = {}
    for general_id, account, debit, credit in (
            VoucherLine.select(VoucherLine.voucher, VoucherLine.account, VoucherLine.debit,
                               VoucherLine.credit)
            .order_by(VoucherLine.voucher, VoucherLine.id).tuples()):
        lines.setdefault(general_id, []).append((account, debit, credit))
    postings: dict[int, list] = {}
    for voucher_id, account, debit, credit in (
            Posting.select(Posting.voucher, Posting.account, Posting.debit, Posting.credit)
            .join(Voucher).where(Voucher.kind == kind)
            .order_by(Posting.voucher, Posting.id).tuples()):
        postings.setdefault(voucher_id, []).append((account, debit, credit))
    generals = {general_id: (day, general_seal, reverses)
                for general_id, day, general_seal, reverses
                in GeneralVoucher.select(GeneralVoucher.id, GeneralVoucher.date,
                                         GeneralVoucher.seal, GeneralVoucher.reverses).tuples()}
    for general_id, (day, general_seal, reverses) in sorted(generals.items()):
        found = posted.pop(general_id, None)
        if found is None:
            yield Finding("check_record_unposted", dict(kind=kind, record=general_id, amount=0,
                                                        posted=None))
            continue
        voucher_id, voucher_day, season, record_seal = found
        if (voucher_day, season, record_seal) != (day, None, general_seal) \
                or sorted(postings.get(voucher_id, [])) != sorted(lines.get(general_id, [])):
            yield Finding("check_general_voucher_mismatch", dict(record=general_id,
                                                                 voucher=voucher_id))
        if reverses is not None:
            negated = sorted((a, -d, -c) for a, d, c in lines.get(reverses, []))
            if reverses not in generals or sorted(lines.get(general_id, [])) != negated:
                yield Finding("check_reversal_wrong", dict(kind=kind, record=general_id))
    for record_id, (voucher_id, *_rest) in sorted(posted.items()):
        yield Finding("check_voucher_orphan", dict(voucher=voucher_id, kind=kind,
                                                   record=record_id))


def _depreciation():
    """Each month's depreciation run charged what its voucher credits to 累计折旧, and no
    month is depreciated twice unless the first voucher was reversed."""
    Run, Line, VoucherLine = models.Depreciation, models.DepreciationLine, models.VoucherLine
    GeneralVoucher, Account = models.GeneralVoucher, models.Account
    charged = dict(Line.select(Line.run, fn.SUM(Line.amount)).group_by(Line.run).tuples())
    credited = dict(VoucherLine.select(VoucherLine.voucher, fn.SUM(VoucherLine.credit))
                    .join(Account).where(Account.code == chart.ACCUMULATED_DEPRECIATION)
                    .group_by(VoucherLine.voucher).tuples())
    reversed_ids = {general_id for (general_id,) in GeneralVoucher.select(
        GeneralVoucher.reverses).where(GeneralVoucher.reverses.is_null(False)).tuples()}
    standing: dict[str, int] = {}
    for run_id, month, general_id in (Run.select(Run.id, Run.month, Run.voucher)
                                      .order_by(Run.id).tuples()):
        if charged.get(run_id, 0) != credited.get(general_id, 0):
            yield Finding("check_depreciation_mismatch", dict(
                month=month, record=general_id, amount=charged.get(run_id, 0),
                posted=credited.get(general_id, 0)))
        if general_id not in reversed_ids:
            if month in standing:
                yield Finding("check_depreciation_twice", dict(month=month))
            standing[month] = general_id


def _amounts():
    """Stored amounts equal their product, rounded half up once (all factors are >= 0)."""
    LeafDelivery, CocoonSale, Wage = models.LeafDelivery, models.CocoonSale, models.Wage

    def rounded(quantity, places: int, price):
        unit = 10 ** places
        return (quantity * price + unit // 2) / unit  # integer division in SQL

    checks = (
        ("leaf", LeafDelivery,
         rounded(LeafDelivery.grams, money.WEIGHT_PLACES, LeafDelivery.price)),
        ("sales", CocoonSale,
         rounded(CocoonSale.grams, money.WEIGHT_PLACES, CocoonSale.price) - CocoonSale.deduction),
        ("wages", Wage, rounded(Wage.quantity, money.QUANTITY_PLACES, Wage.rate)),
    )
    for kind, model, expected in checks:
        query = (model.select(model.id, model.date, model.amount)
                 .where((model.amount != expected) & model.reverses.is_null()))
        for record, day, amount in query.tuples():
            yield Finding("check_amount_wrong", dict(kind=kind, record=record, date=day,
                                                     amount=amount))
    for kind in RECORD_KINDS:
        R = kind.model
        negative = R.select(R.id, R.date, R.amount).where((R.amount < 0) & R.reverses.is_null())
        for record, day, amount in negative.tuples():
            yield Finding("check_amount_negative", dict(kind=kind.name, record=record, date=day,
                                                        amount=amount))


def _dates():
    Season, Batch = models.Season, models.Batch
    for kind in RECORD_KINDS:
        R = kind.model
        query = (R.select(R.id, R.date).join(Season, on=(R.season == Season.id))
                 .where((R.date < Season.start) | (R.date > Season.end)).tuples())
        for record, day in query:
            yield Finding("check_date_outside", dict(kind=kind.name, record=record, date=day))
        if "batch" in R._meta.fields:
            wrong = (R.select(R.id).join(Batch, on=(R.batch == Batch.id))
                     .where((R.season != Batch.season) & R.reverses.is_null()).tuples())
            for (record,) in wrong:
                yield Finding("check_season_not_batch", dict(kind=kind.name, record=record))


def _reversals():
    """A reversal is its original negated, every other column the same, and a record is
    reversed at most once; its voucher reverses the original's."""
    from ledger.book import NEGATED

    Voucher = models.Voucher
    for kind in RECORD_KINDS:
        R = kind.model
        original = R.alias("original")
        differs = [getattr(R, f.name) != (getattr(original, f.name) * -1 if f.name in NEGATED
                                          else getattr(original, f.name))
                   for f in R._meta.sorted_fields
                   if f.name not in ("id", "date", "season", "reverses", "corrects", "seal")]
        wrong = (R.select(R.id).join(original, JOIN.LEFT_OUTER, on=(R.reverses == original.id))
                 .where(R.reverses.is_null(False)
                        & (original.id.is_null() | original.reverses.is_null(False)
                           | _any(differs))).tuples())
        for (record,) in wrong:
            yield Finding("check_reversal_wrong", dict(kind=kind.name, record=record))
        twice = (R.select(R.reverses).where(R.reverses.is_null(False)).group_by(R.reverses)
                 .having(fn.COUNT(R.id) > 1).tuples())
        for (record,) in twice:
            yield Finding("check_reversed_twice", dict(kind=kind.name, record=record))
        reversal_voucher = Voucher.alias("reversal_voucher")
        unlinked = (R.select(R.id).join(reversal_voucher, on=(
            (reversal_voucher.kind == kind.name) & (reversal_voucher.record_id == R.id)))
            .join(Voucher, JOIN.LEFT_OUTER,
                  on=((Voucher.kind == kind.name) & (Voucher.record_id == R.reverses)))
            .where(R.reverses.is_null(False)
                   & ((reversal_voucher.reverses != Voucher.id) | Voucher.id.is_null())).tuples())
        for (record,) in unlinked:
            yield Finding("check_reversal_wrong", dict(kind=kind.name, record=record))


def _any(conditions):
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result


def _kept_balances():
    """The balances kept at each write (per season, per month, and over all time) equal
    the postings summed afresh; a run of seasons, or a year of months, at a time, so
    memory follows the run."""
    Voucher, Posting, Account = models.Voucher, models.Posting, models.Account
    AccountBalance, AccountTotal = models.AccountBalance, models.AccountTotal
    codes = dict(Account.select(Account.id, Account.code).tuples())
    for seasons in income.season_runs():
        run = {season.id: season.code for season in seasons}
        fresh = {(account, season): (debit, credit) for account, season, debit, credit in
                 Posting.select(Posting.account, Voucher.season, fn.SUM(Posting.debit),
                                fn.SUM(Posting.credit)).join(Voucher)
                 .where(Voucher.season.in_(list(run)))
                 .group_by(Posting.account, Voucher.season).tuples()}
        kept = {(a, s): (d, c) for a, s, d, c in
                AccountBalance.select(AccountBalance.account, AccountBalance.season,
                                      AccountBalance.debit, AccountBalance.credit)
                .where(AccountBalance.season.in_(list(run))).tuples() if d or c}
        for key in _drifted(fresh, kept, (0, 0)):
            yield Finding("check_balance_drift", dict(account=codes.get(key[0], key[0]),
                                                      season=run[key[1]]))
    overall: dict[int, tuple[int, int]] = {}
    for fresh, kept in _months_by_year():
        for key in _drifted(fresh, kept, (0, 0)):
            yield Finding("check_month_drift", dict(account=codes.get(key[0], key[0]),
                                                    month=key[1]))
        for (account, _), (debit, credit) in fresh.items():
            so_far = overall.get(account, (0, 0))
            overall[account] = (so_far[0] + debit, so_far[1] + credit)
    totals = {a: (d, c) for a, d, c in
              AccountTotal.select(AccountTotal.account, AccountTotal.debit, AccountTotal.credit)
              .tuples() if d or c}
    for account in _drifted(overall, totals, (0, 0)):
        yield Finding("check_total_drift", dict(account=codes.get(account, account)))


def _drifted(fresh: dict, kept: dict, zero) -> list:
    """The keys, in order, whose kept sum is not the one summed afresh (a key missing on
    one side counts as `zero` there)."""
    return [key for key in sorted(set(fresh) | set(kept))
            if fresh.get(key, zero) != kept.get(key, zero)]


def _kept_flows():
    """Each party's season figures kept at each write (`SeasonFlow`) equal its records
    of the season counted afresh; a run of seasons at a time."""
    Party = models.Party
    codes = dict(Party.select(Party.id, Party.code).tuples())
    for seasons in income.season_runs():
        run = {season.id: season.code for season in seasons}
        fresh, kept = ({(season, party, figure): value
                        for season, party, figure, value in sums(among=list(run)) if value}
                       for sums in (flows.counted, flows.kept))
        for season, party, figure in _drifted(fresh, kept, 0):
            yield Finding("check_flow_drift", dict(season=run[season], figure=figure,
                                                   party=codes.get(party, party)))


#: Vouchers of one month named one by one when their kept numbers are not the counted
#: ones; the rest of the month's are counted (a voucher removed renumbers its month).
NUMBERS_NAMED = 5


def _voucher_numbers():
    """Each voucher's kept number (`voucher_number`) is the one the numbering rule gives
    it, counted afresh from the journal in id order (`vouchers.counted`); and no number
    is kept for a voucher that is not there. The journal is streamed, never held."""
    Voucher, VoucherNumber = models.Voucher, models.VoucherNumber
    month = stores.current().month_of(Voucher.date)
    rows = seal.raw_rows(Voucher.select(Voucher.id, month, VoucherNumber.month,
                                        VoucherNumber.position)
                         .join(VoucherNumber, JOIN.LEFT_OUTER,
                               on=(VoucherNumber.voucher == Voucher.id))
                         .order_by(Voucher.id))
    kept: dict[int, tuple] = {}

    def journal():
        for voucher_id, voucher_month, kept_month, position in rows:
            kept[voucher_id] = (kept_month, position)
            yield voucher_id, voucher_month

    wrong: dict[str, int] = {}
    for voucher_id, voucher_month, position in vouchers.counted(journal()):
        kept_month, kept_position = kept.pop(voucher_id)
        if (kept_month, kept_position) == (voucher_month, position):
            continue
        wrong[voucher_month] = wrong.get(voucher_month, 0) + 1
        if wrong[voucher_month] > NUMBERS_NAMED:
            continue
        computed = vouchers.number_text(voucher_month, position)
        if kept_month is None:
            yield Finding("check_number_missing", dict(voucher=voucher_id, computed=computed))
        else:
            yield Finding("check_number_drift", dict(
                voucher=voucher_id, kept=vouchers.number_text(kept_month, kept_position),
                computed=computed))
    for voucher_month, count in sorted(wrong.items()):
        if count > NUMBERS_NAMED:
            yield Finding("check_number_more", dict(count=count - NUMBERS_NAMED,
                                                    month=voucher_month))
    orphans = (VoucherNumber.select(VoucherNumber.voucher, VoucherNumber.month,
                                    VoucherNumber.position)
               .join(Voucher, JOIN.LEFT_OUTER, on=(VoucherNumber.voucher == Voucher.id))
               .where(Voucher.id.is_null()).order_by(VoucherNumber.voucher))
    for voucher_id, kept_month, position in seal.raw_rows(orphans):
        yield Finding("check_number_orphan", dict(voucher=voucher_id,
                                                  kept=vouchers.number_text(kept_month, position)))


def _voucher_descriptions():
    """What a book shows of each voucher beside its number (its record's batch or party
    and detail, a two-posting voucher's accounts) is kept as its record and its postings
    say (`vouchers.described_otherwise`): the first few by number, then how many more."""
    wrong = list(vouchers.described_otherwise())
    named = vouchers.numbers(wrong[:NUMBERS_NAMED])
    for voucher_id in wrong[:NUMBERS_NAMED]:
        yield Finding("check_described_drift",
                      dict(voucher=voucher_id, number=named.get(voucher_id, "")))
    if len(wrong) > NUMBERS_NAMED:
        yield Finding("check_described_more", dict(count=len(wrong) - NUMBERS_NAMED))


def _months_by_year():
    """(postings summed afresh, kept) per (account, month), a year at a time."""
    Voucher, Posting, AccountMonth = models.Voucher, models.Posting, models.AccountMonth
    first, last = Voucher.select(fn.MIN(Voucher.date), fn.MAX(Voucher.date)).tuples().get()
    kept_first, kept_last = (AccountMonth.select(fn.MIN(AccountMonth.month),
                                                 fn.MAX(AccountMonth.month)).tuples().get())
    years = [int(str(day)[:4]) for day in (first, last, kept_first, kept_last) if day]
    for year in range(min(years, default=0), max(years, default=-1) + 1):
        month = stores.current().month_of(Voucher.date)
        fresh = {(account, month): (debit, credit) for account, month, debit, credit in
                 Posting.select(Posting.account, month, fn.SUM(Posting.debit),
                                fn.SUM(Posting.credit)).join(Voucher)
                 .where(Voucher.date.between(date(year, 1, 1), date(year, 12, 31)))
                 .group_by(Posting.account, month).tuples()}
        kept = {(a, m): (d, c) for a, m, d, c in
                AccountMonth.select(AccountMonth.account, AccountMonth.month, AccountMonth.debit,
                                    AccountMonth.credit)
                .where(AccountMonth.month.startswith(str(year))).tuples() if d or c}
        yield fresh, kept


def _seasons():
    """Per season: net incomes add up, and each household's balance equals its 113."""
    outside = _outside_flows()
    booked = _income_accounts()
    running: dict[str, int] = {}
    for report in income.every_season():
        season = report.season
        total_net = sum(p.net_income for p in report.parties)
        if total_net != outside.get(season.id, 0):
            yield Finding("check_income_sum", dict(season=season.code, net=total_net,
                                                   outside=outside.get(season.id, 0)))
        collective = next(p for p in report.parties if p.kind == "collective")
        if collective.net_income != booked.get(season.id, 0):
            yield Finding("check_collective_income", dict(season=season.code,
                                                          computed=collective.net_income,
                                                          accounts=booked.get(season.id, 0)))
        for party in report.parties:
            if party.kind != "household":
                continue
            running[party.code] = (running.get(party.code, 0) + party.net_income - party.paid
                                   + report.general.get(party.id, 0))
            if running[party.code] != party.balance:
                yield Finding("check_household_balance", dict(
                    season=season.code, household=party.code,
                    computed=running[party.code], kept=party.balance))


def _statements():
    """Each year's statements agree with themselves: 资产总计 = 负债和所有者权益总计 at the
    start and the end of the year, and the income statement's 年末未分配收益 = the balance
    sheet's 未分配收益 on 31 December."""
    for year in statements.years_with_vouchers():
        for key, params in statements.problems(year):
            yield Finding(key, params)


def _cash_warnings(warnings: list[Finding] | None):
    """The spells when cash on hand was below zero (a receipt not recorded), one warning
    each: warnings only."""
    if warnings is not None:
        for spell in books.short_spells():
            if spell.last is None:
                warnings.append(Finding("check_cash_short_since", dict(
                    first=spell.first.isoformat(), amount=spell.lowest)))
            else:
                warnings.append(Finding("check_cash_short", dict(
                    first=spell.first.isoformat(), last=spell.last.isoformat(),
                    amount=spell.lowest)))
    return ()


def _income_accounts() -> dict[int, int]:
    """Season id -> the collective's net income as its books show it: credits less debits
    on the income and expense accounts (501, 503, 511 and their sub-accounts)."""
    Account, AccountBalance = models.Account, models.AccountBalance
    heads = [account.code for account in chart.CHART
             if account.code[0] == "5" and "." not in account.code]
    top = Account.select(Account.id).where(Account.code.in_(heads))
    query = (AccountBalance.select(AccountBalance.season,
                                   fn.SUM(AccountBalance.credit - AccountBalance.debit))
             .join(Account, on=(AccountBalance.account == Account.id))
             .where(Account.id.in_(top) | Account.parent.in_(top)).group_by(AccountBalance.season))
    return dict(query.tuples())


def _outside_flows() -> dict[int, int]:
    """Season id -> cocoon sales + subsidies - leaf and inputs bought from partners."""
    Sale, Subsidy, Leaf, Input, Party = (models.CocoonSale, models.Subsidy, models.LeafDelivery,
                                         models.Input, models.Party)
    totals: dict[int, int] = {}

    def add(query, sign: int) -> None:
        for season_id, total in query.tuples():
            totals[season_id] = totals.get(season_id, 0) + sign * (total or 0)

    add(Sale.select(Sale.season, fn.SUM(Sale.amount)).group_by(Sale.season), 1)
    add(Subsidy.select(Subsidy.season, fn.SUM(Subsidy.amount)).group_by(Subsidy.season), 1)
    add(Leaf.select(Leaf.season, fn.SUM(Leaf.amount)).join(Party, on=(Leaf.supplier == Party.id))
        .where(Party.kind == "partner").group_by(Leaf.season), -1)
    add(Input.select(Input.season, fn.SUM(Input.amount)).group_by(Input.season), -1)
    return totals


def _tampering(verification: tamper.Verification):
    """Rows changed, vouchers altered or removed, audit entries rewritten: anything done
    to the ledger file behind the program's back."""
    for table, row in verification.seals():
        yield Finding("check_seal_broken", dict(table=table, row=row))
    for voucher in verification.chain():
        yield Finding("check_chain_broken", dict(voucher=voucher))
    for voucher in seal.records_resealed():
        yield Finding("check_voucher_record_changed", dict(voucher=voucher))
    for model, gaps in seal.missing_rows():
        rows = ", ".join(str(first) if first == last else f"{first}-{last}"
                         for first, last in gaps[:MAX_NAMED])
        if len(gaps) > MAX_NAMED:
            rows += ", …"
        if model in BY_MODEL:
            yield Finding("check_records_missing", dict(kind=BY_MODEL[model].name, rows=rows))
        else:
            yield Finding("check_rows_missing", dict(table=model._meta.table_name, rows=rows))
    if seal.meta_broken():
        yield Finding("check_meta_changed")
    for entry in audit.broken_links():
        yield Finding("check_log_broken", dict(entry=entry))


#: Ranges of missing rows named in one finding; the rest are only marked.
MAX_NAMED = 10


def _audit_coverage():
    """Every record, party, season, batch and account came in through the program: an
    audit entry introduced it (or, for an account, the chart or its household)."""
    for model, row in audit.unintroduced():
        if model in BY_MODEL:
            yield Finding("check_record_unaudited", dict(kind=BY_MODEL[model].name, record=row))
        else:
            yield Finding("check_row_unaudited", dict(table=model._meta.table_name, row=row))
