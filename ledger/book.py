"""The service layer: the one way records enter the ledger.

Every entry point (command line, importer, demo generator, terminal UI) records through
`record` or `record_many`. Each call is one transaction: every record is validated by
`ledger.rules`, posted by `ledger.posting`, and written in bulk with its voucher and the
per-season account balances; if any record is refused, nothing is written at all.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping

from peewee import EXCLUDED, DateField, ForeignKeyField

from ledger import chart, models, posting, rules
from ledger.errors import FieldError, RecordRefused
from ledger.kinds import BY_NAME, RECORD_KINDS
from ledger.refs import BatchRef, PartyRef, Refs, SeasonRef

#: Rows buffered before they are written.
FLUSH_ROWS = 20_000
#: Problems kept for the report when a large file is refused; the rest are only counted.
MAX_ERRORS = 1000

#: (where, values): where locates the row ("leaf.csv:12"); values may instead be the
#: FieldError of a row that could not even be read, to be reported with the rest.
Rows = Iterable[tuple[str, Mapping[str, Any] | FieldError]]


def record(kind: str, values: Mapping[str, Any]) -> int:
    """Validate and record one record in its own transaction; return its id."""
    writer = record_many([(kind, [("", values)])])
    return writer.last_id


def record_many(groups: Iterable[tuple[str, Rows]], writer: "Writer | None" = None) -> "Writer":
    """Validate and record many records of several kinds in one transaction.

    Groups are taken in the order given, so a household created by one group can be used
    by the next. Raises RecordRefused listing every problem (up to MAX_ERRORS) and leaves
    the ledger exactly as it was; otherwise returns the writer, whose `counts` say how
    many records of each kind were added. An importer may pass a writer of its own that
    checks more (see `Writer.check`).
    """
    with models.database.atomic():
        writer = writer or Writer(Refs())
        for kind, rows in groups:
            for where, values in rows:
                writer.add(kind, values, where)
        writer.finish()
    return writer


class Writer:
    """Stages validated records and writes them in bulk, with their vouchers."""

    def __init__(self, refs: Refs):
        self.refs = refs
        self.counts: Counter[str] = Counter()
        self.errors: list[FieldError] = []
        self.error_count = 0
        self.last_id = 0
        self._rows: dict[type, list[tuple]] = defaultdict(list)
        self._balances: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        self._buffered = 0

    def add(self, kind: str, values: Mapping[str, Any] | FieldError, where: str = "") -> None:
        if isinstance(values, FieldError):
            self._refuse([values])
            return
        form = self.check(kind, values, where)
        if form.errors:
            self._refuse(form.errors)
            if kind in rules.CODE_CATEGORY and form.result.get("code"):
                self.refs.refused.add((rules.CODE_CATEGORY[kind], form.result["code"]))
            return
        self.last_id = STAGERS[kind](self, form.result)
        self.counts[kind] += 1
        if self._buffered >= FLUSH_ROWS and not self.error_count:
            self.flush()

    def check(self, kind: str, values: Mapping[str, Any], where: str) -> rules.Form:
        """One record read by the rules; a subclass may add problems of its own to
        `form.errors` (an importer's unreadable cells, rows already in the ledger)."""
        return rules.check_fields(kind, values, self.refs, where)

    def _refuse(self, errors: list[FieldError]) -> None:
        self._rows.clear()
        self._balances.clear()
        self.error_count += len(errors)
        self.errors.extend(errors[: max(0, MAX_ERRORS - len(self.errors))])

    def finish(self) -> None:
        if self.error_count:
            raise RecordRefused(self.errors, self.error_count)
        self.flush()

    # -- staging: allocate ids, make visible to later rows, buffer rows ---------------
    def _buffer(self, model: type, row: tuple) -> None:
        if self.error_count:  # refused anyway: keep only what later rows look up
            return
        self._rows[model].append(row)
        self._buffered += 1

    def _stage(self, model: type, f: dict) -> int:
        """Allocate the record's id and buffer its row; the id is returned."""
        record_id = self.refs.allocate(model)
        self._buffer(model, LAYOUTS[model].row(record_id, f))
        return record_id

    def _party(self, f: dict) -> int:
        party_id = self._stage(models.Party, f)
        self.refs.add_party(PartyRef(party_id, f["code"], f["kind"], f["name"]))
        if f["kind"] == "household":
            code = chart.household_account(f["code"])
            account_id = self.refs.allocate(models.Account)
            self._buffer(models.Account, (account_id, code, self.refs.account_id(chart.INTERNAL), party_id))
            self.refs.add_account(code, account_id)
        return party_id

    def _season(self, f: dict) -> int:
        season_id = self._stage(models.Season, f)
        self.refs.add_season(SeasonRef(season_id, f["code"], f["start"], f["end"]))
        return season_id

    def _batch(self, f: dict) -> int:
        batch_id = self._stage(models.Batch, f)
        self.refs.add_batch(BatchRef(batch_id, f["code"], f["season"], f["owner"], f["hatch"]))
        return batch_id

    def _record(self, kind: str, f: dict) -> int:
        record_id = self._stage(BY_NAME[kind].model, f)
        lines = posting.lines(kind, f)
        if lines:
            self._voucher(kind, record_id, f["season"].id, f["date"].isoformat(), lines)
        return record_id

    def _voucher(self, kind: str, record_id: int, season_id: int, day: str,
                 lines: list[posting.Line]) -> None:
        voucher_id = self.refs.allocate(models.Voucher)
        self._buffer(models.Voucher, (voucher_id, season_id, day, kind, record_id))
        for line in lines:
            account_id = self.refs.account_id(line.account)
            self._buffer(models.Posting, (self.refs.allocate(models.Posting), voucher_id,
                                          account_id, line.debit, line.credit))
            totals = self._balances[(account_id, season_id)]
            totals[0] += line.debit
            totals[1] += line.credit

    # -- writing ------------------------------------------------------------------------
    def flush(self) -> None:
        """Write what is buffered, parents before children, and fold in the balances."""
        for model in WRITE_ORDER:
            rows = self._rows.pop(model, None)
            if rows:
                _insert(model, rows)
        if self._balances:
            rows = [(account, season, debit, credit)
                    for (account, season), (debit, credit) in self._balances.items()]
            _insert(models.AccountBalance, rows, _add_to_balance)
            self._balances.clear()
        self._buffered = 0


def _insert(model: type, rows: list[tuple], conflict=None) -> None:
    """Insert plain rows (ids, ints, text, ISO dates) with one prepared statement.

    Peewee writes the statement, in the database's own dialect and placeholder style; the
    DB-API's executemany runs it for every row, without building SQL text per row.
    """
    query = model.insert_many([rows[0]], fields=LAYOUTS[model].columns)
    sql, _ = (conflict(query) if conflict else query).sql()
    models.database.cursor().executemany(sql, rows)


def _add_to_balance(query):
    """Fold new movements into an account's season balance, creating it if need be."""
    balance = models.AccountBalance
    return query.on_conflict(
        conflict_target=[balance.account, balance.season],
        update={balance.debit: balance.debit + EXCLUDED.debit,
                balance.credit: balance.credit + EXCLUDED.credit})


class Layout:
    """A model's columns, and how a validated record's values become a stored row:
    references become ids, dates ISO text, missing optional values their defaults."""

    def __init__(self, model: type):
        self.columns = list(model._meta.sorted_fields)
        self.defaults = [(f.name, f.default) for f in self.columns]
        self.references = [i for i, f in enumerate(self.columns) if isinstance(f, ForeignKeyField)]
        self.dates = [i for i, f in enumerate(self.columns) if isinstance(f, DateField)]

    def row(self, record_id: int, values: dict) -> tuple:
        row = [values.get(name, default) for name, default in self.defaults]
        row[0] = record_id
        for index in self.references:
            row[index] = row[index].id
        for index in self.dates:
            if row[index] is not None:
                row[index] = row[index].isoformat()
        return tuple(row)


#: Tables in the order their rows are written: parents before the rows that refer to them.
WRITE_ORDER = (models.Party, models.Account, models.Season, models.Batch,
               *models.RECORD_MODELS, models.Voucher, models.Posting)
LAYOUTS = {model: Layout(model) for model in (*WRITE_ORDER, models.AccountBalance)}

STAGERS = {
    "households": Writer._party,
    "partners": Writer._party,
    "seasons": Writer._season,
    "batches": Writer._batch,
    **{kind.name: (lambda self, f, kind=kind.name: Writer._record(self, kind, f))
       for kind in RECORD_KINDS},
}
