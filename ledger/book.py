"""The service layer: the one way records enter the ledger.

Every entry point (command line, importer, demo generator, terminal UI) records through
`record` or `record_many`. Each call is one transaction: every record is validated by
`ledger.rules`, posted by `ledger.posting`, sealed and chained (`ledger.seal`), written in
bulk with its voucher and the per-season account balances, and entered in the audit
trail; if any record is refused, nothing is written at all.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Mapping

from peewee import EXCLUDED, DateField, ForeignKeyField, Table, fn

from ledger import audit, chart, db, flows, models, posting, rules, seal, stores, voucher_rules
from ledger.errors import FieldError, RecordRefused
from ledger.kinds import BY_NAME, DESCRIBED, RECORD_KINDS
from ledger.refs import BatchRef, PartyRef, Refs, SeasonRef

#: Rows buffered before they are written.
FLUSH_ROWS = 20_000
#: Kept sums (balances, months, season figures) gathered before they are folded into
#: their tables. A write folds them once, at its end, unless they grow past this: each
#: key is one upsert, and an import of 100,000 records touches the same 15,000 keys at
#: every flush of its rows (on a server that was 244,000 upserts instead of 15,000).
KEPT_KEYS = 200_000
#: Rows read between two calls of a long write's `progress` (an import of a county's
#: files takes a minute; its reader should see it going).
PROGRESS_ROWS = 5_000
#: Problems kept for the report when a large file is refused; the rest are only counted.
MAX_ERRORS = 1000

#: (where, values): where locates the row ("leaf.csv:12"); values may instead be the
#: FieldError of a row that could not even be read, to be reported with the rest.
Rows = Iterable[tuple[str, Mapping[str, Any] | FieldError]]


@stores.retried
def record(kind: str, values: Mapping[str, Any]) -> int:
    """Validate and record one record in its own transaction; return its id."""
    with models.database.atomic():
        writer = Writer(Refs())
        writer.add(kind, values)
        writer.finish()
        audit.log("record", kind=kind, ids=writer.ids[kind], after=_plain(values))
    return writer.last_id


def record_many(groups: Iterable[tuple[str, Rows]], writer: "Writer | None" = None,
                action: str = "import", source: str = "",
                progress: Callable[[int], None] | None = None) -> "Writer":
    """Validate and record many records of several kinds in one transaction.

    Groups are taken in the order given, so a household created by one group can be used
    by the next. Raises RecordRefused listing every problem (up to MAX_ERRORS) and leaves
    the ledger exactly as it was; otherwise returns the writer, whose `counts` say how
    many records of each kind were added. An importer may pass a writer of its own that
    checks more (see `Writer.check`). The audit trail gets one entry per kind, with
    `action` and `source` (the files read). `progress`, if given, is told how many
    rows have been read, every PROGRESS_ROWS.
    """
    with models.database.atomic():
        writer = writer or Writer(Refs())
        tally = Tally(progress)
        for kind, rows in groups:
            for where, values in tally.rows(rows):
                writer.add(kind, values, where)
        finish(writer, action, source)
    return writer


def finish(writer: "Writer", action: str = "import", source: str = "") -> None:
    """Write what `writer` staged, or raise RecordRefused with every problem it found;
    then one audit entry per kind, naming the ids it added. Inside the caller's
    transaction."""
    writer.finish()
    for kind, ids in writer.ids.items():
        audit.log(action, kind=kind, ids=ids, target=source[:100],
                  after={"count": writer.counts[kind]})


@stores.retried
def set_up(village: str, collective: str = "",
           season: Mapping[str, Any] | None = None) -> int | None:
    """Set up a new ledger: the village's name, the collective's name (if given) and its
    first season (if given, as `record` takes a season), in one transaction, with an
    audit entry for the names (and the season's own, as every record has). Returns the
    season's id. Refused (a season `rules` refuses), it leaves the ledger as it was.
    The setup screen and `silk init` both call it; whether the ledger is new enough to
    set up is for them to ask first."""
    names = {key: value for key, value in (("village", village), ("collective", collective))
             if value}
    with models.database.atomic():
        before = {key: db.get_meta(key) for key in names}
        for key, value in names.items():
            db.set_meta(key, value)
        audit.log("set_up", target="meta", before=before, after=names)
        return record("seasons", season) if season is not None else None


class Tally:
    """Counts the rows read across all files of a write, telling `progress` the count
    every PROGRESS_ROWS."""

    def __init__(self, progress: Callable[[int], None] | None):
        self.progress = progress
        self.count = 0

    def rows(self, rows: Iterable):
        for row in rows:
            yield row
            self.count += 1
            if self.progress is not None and self.count % PROGRESS_ROWS == 0:
                self.progress(self.count)


def _plain(values: Mapping[str, Any]) -> dict[str, str]:
    """What was entered, as text, for the audit trail."""
    return {name: value if isinstance(value, str) else str(value)
            for name, value in values.items() if value is not None}


class Writer:
    """Stages validated records and writes them in bulk, with their vouchers."""

    def __init__(self, refs: Refs):
        self.refs = refs
        self.counts: Counter[str] = Counter()
        self.errors: list[FieldError] = []
        self.error_count = 0
        self.last_id = 0
        #: kind -> (first id, last id) of the records added: ids are allocated in order.
        self.ids: dict[str, tuple[int, int]] = {}
        self._rows: dict[type, list[tuple]] = defaultdict(list)
        self._chain: str | None = None  # hash of the last voucher staged
        self._balances: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        self._months: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
        #: (season, party, figure) -> what the records staged add (`ledger.flows`).
        self._flows: dict[tuple[int, int, str], int] = defaultdict(int)
        #: batch id -> its owner's party id, for the flows of a batch's records.
        self._owners: dict[int, int] = {}
        #: month -> the number of the last voucher staged in it (`_number`).
        self._numbers: dict[str, int] = {}
        self._buffered = 0
        #: Accounts looked up by the general vouchers' rules, by code.
        self._accounts: dict = {}
        #: Sub-accounts added by this writer, by code.
        self._added_accounts: dict[str, int] = {}

    def add(self, kind: str, values: Mapping[str, Any] | FieldError, where: str = "",
            corrects: int | None = None) -> None:
        """Validate one record and stage it; `corrects` links a correction to the record
        it replaces (see `ledger.corrections`)."""
        if isinstance(values, FieldError):
            self._refuse([values])
            return
        if kind in BOOK_FILES:  # a sub-account or a general voucher, from a file
            BOOK_FILES[kind](self, values, where)
            return
        form = self.check(kind, values, where)
        if form.errors:
            self._refuse(form.errors)
            if kind in rules.CODE_CATEGORY and form.result.get("code"):
                self.refs.refused.add((rules.CODE_CATEGORY[kind], form.result["code"]))
            return
        if corrects is not None:
            form.result["corrects"] = corrects
        self._added(kind, STAGERS[kind](self, form.result))

    def add_reversal(self, kind: str, original: tuple, day: str, season_id: int,
                     postings: list[tuple[str, int, int]], voucher_id: int | None) -> int:
        """Stage the reversal (红字冲销) of a stored record: a record of the same kind
        with its quantities and amount negated, dated `day` in season `season_id`, and a
        voucher with the original's postings negated. `original` is the stored row,
        `postings` its voucher's (account code, debit, credit)."""
        model = BY_NAME[kind].model
        layout = LAYOUTS[model]
        values = dict(zip((f.name for f in layout.columns), original))
        for name in NEGATED & set(values):
            values[name] = -values[name]
        values.update(date=day, season=season_id, reverses=original[0], corrects=None)
        record_id = self.refs.allocate(model)
        row = layout.stored_row(record_id, values)
        self._buffer(model, row)
        self._fold(kind, layout, row)
        if postings:
            lines = [posting.Line(code, -debit, -credit) for code, debit, credit in postings]
            self._voucher(kind, record_id, row[layout.seal_index], season_id, day, lines,
                          reverses=voucher_id, described=_described(kind, row))
        self._added(kind, record_id)
        return record_id

    def add_general(self, values: Mapping[str, Any], where: str = "",
                    source: str = "entry") -> int | None:
        """Validate one general voucher (记账凭证) and stage it with its lines and its
        journal voucher; its id, or None when it was refused. Who made it (制单) is the
        operator, unless `values` say."""
        values = {**values, "maker": values.get("maker") or audit.operator()}
        result, errors = self.check_general(values, where, source)
        if errors:
            self._refuse(errors)
            return None
        return self._general(result)

    def check_general(self, values: Mapping[str, Any], where: str,
                      source: str) -> tuple[dict, list[FieldError]]:
        """A general voucher read by its rules; an importer adds problems of its own."""
        return voucher_rules.check(values, where, source, self._accounts)

    def add_account(self, values: Mapping[str, Any], where: str = "") -> int | None:
        """Validate a sub-account the accountant adds (`ledger.accounts`) and stage it; its
        id, or None when it was refused. Vouchers staged after it may post to it, and no
        longer to its parent."""
        from ledger import accounts

        result, errors = accounts.check(values, where, self._added_accounts)
        if errors:
            self._refuse(errors)
            return None
        account_id = self.refs.allocate(models.Account)
        self._buffer(models.Account, LAYOUTS[models.Account].stored_row(account_id, dict(
            code=result["code"], parent=result["parent"], name=result["name"])))
        self.refs.add_account(result["code"], account_id)
        self._added_accounts[result["code"]] = account_id
        self._accounts[result["code"]] = voucher_rules.AccountRef(
            account_id, result["code"], False, None)
        parent = chart.parent_of(result["code"])
        self._accounts[parent] = voucher_rules.AccountRef(result["parent"], parent, True, None)
        self._added(accounts.KIND, account_id)
        return account_id

    def add_general_reversal(self, original: int, day: str, lines: list[tuple],
                             voucher_id: int) -> int:
        """Stage the reversal (红字冲销) of general voucher `original`: the same lines
        negated, dated `day`, its journal voucher reversing `voucher_id`. `lines` are the
        original's (summary, account code, debit, credit)."""
        layout = LAYOUTS[models.GeneralVoucher]
        stored = models.GeneralVoucher.get_by_id(original)
        general_id = self.refs.allocate(models.GeneralVoucher)
        row = layout.stored_row(general_id, dict(
            date=day, attachments=stored.attachments, maker=stored.maker,
            source=stored.source, reverses=original))
        self._buffer(models.GeneralVoucher, row)
        negated = [(summary, code, -debit, -credit) for summary, code, debit, credit in lines]
        self._general_lines(general_id, negated)
        self._voucher(voucher_rules.KIND, general_id, row[layout.seal_index], None, day,
                      [posting.Line(code, debit, credit) for _, code, debit, credit in negated],
                      reverses=voucher_id)
        self._added(voucher_rules.KIND, general_id)
        return general_id

    def _general(self, f: dict) -> int:
        general_id, general_seal = self._stage(models.GeneralVoucher, f)
        lines = [(line["summary"], line["account"].code, line["debit"], line["credit"])
                 for line in f["lines"]]
        self._general_lines(general_id, lines)
        self._voucher(voucher_rules.KIND, general_id, general_seal, None, f["date"].isoformat(),
                      [posting.Line(code, debit, credit) for _, code, debit, credit in lines])
        self._added(voucher_rules.KIND, general_id)
        return general_id

    def _general_lines(self, general_id: int, lines: list[tuple]) -> None:
        layout = LAYOUTS[models.VoucherLine]
        for summary, code, debit, credit in lines:
            line_id = self.refs.allocate(models.VoucherLine)
            self._buffer(models.VoucherLine, layout.stored_row(line_id, dict(
                voucher=general_id, summary=summary, account=self.refs.account_id(code),
                debit=debit, credit=credit)))

    def _added(self, kind: str, record_id: int) -> None:
        self.last_id = record_id
        first = self.ids.get(kind, (record_id, record_id))[0]
        self.ids[kind] = (first, record_id)
        self.counts[kind] += 1
        if self._buffered >= FLUSH_ROWS and not self.error_count:
            self.flush()

    def check(self, kind: str, values: Mapping[str, Any], where: str) -> rules.Form:
        """One record read by the rules; a subclass may add problems of its own to
        `form.errors` (an importer's unreadable cells, rows already in the ledger)."""
        return rules.check_fields(kind, values, self.refs, where)

    def _refuse(self, errors: list[FieldError]) -> None:
        self.drop_staged()
        self.error_count += len(errors)
        self.errors.extend(errors[: max(0, MAX_ERRORS - len(self.errors))])

    def drop_staged(self) -> None:
        """Forget the rows and kept sums staged and not yet written."""
        for staged in (self._rows, self._balances, self._months, self._flows):
            staged.clear()

    def finish(self) -> None:
        self.settle()
        if self.error_count:
            raise RecordRefused(self.errors, self.error_count)
        self.flush(kept=True)

    # -- staging: allocate ids, make visible to later rows, buffer rows ---------------
    def _buffer(self, model: type, row: tuple) -> None:
        if self.error_count:  # refused anyway: keep only what later rows look up
            return
        self._rows[model].append(row)
        self._buffered += 1

    def _stage(self, model: type, f: dict) -> tuple[int, str]:
        """Allocate the record's id and buffer its row; its id and seal are returned."""
        record_id, row = self._staged(model, f)
        return record_id, row[LAYOUTS[model].seal_index]

    def _staged(self, model: type, f: dict) -> tuple[int, tuple]:
        record_id = self.refs.allocate(model)
        row = LAYOUTS[model].row(record_id, f)
        self._buffer(model, row)
        return record_id, row

    def _fold(self, kind: str, layout: "Layout", row: tuple) -> None:
        """Fold a staged record into its season's kept flows (`SeasonFlow`)."""
        if self.error_count or kind not in flows.BY_KIND:
            return
        values = dict(zip(layout.names, row))
        for party, figure, value in flows.of_record(kind, values, self._owner):
            self._flows[(values["season"], party, figure)] += value

    def _owner(self, batch_id: int) -> int:
        if batch_id not in self._owners:
            self._owners[batch_id] = (models.Batch.select(models.Batch.owner)
                                      .where(models.Batch.id == batch_id).scalar())
        return self._owners[batch_id]

    def _party(self, f: dict) -> int:
        party_id, _ = self._stage(models.Party, f)
        self.refs.add_party(PartyRef(party_id, f["code"], f["kind"], f["name"]))
        if f["kind"] == "household":
            code = chart.household_account(f["code"])
            account_id = self.refs.allocate(models.Account)
            self._buffer(models.Account, LAYOUTS[models.Account].stored_row(account_id, dict(
                code=code, parent=self.refs.account_id(chart.INTERNAL), party=party_id)))
            self.refs.add_account(code, account_id)
            self._accounts[code] = voucher_rules.AccountRef(account_id, code, False, party_id)
        return party_id

    def _season(self, f: dict) -> int:
        season_id, _ = self._stage(models.Season, f)
        self.refs.add_season(SeasonRef(season_id, f["code"], f["start"], f["end"]))
        return season_id

    def _batch(self, f: dict) -> int:
        batch_id, _ = self._stage(models.Batch, f)
        self.refs.add_batch(BatchRef(batch_id, f["code"], f["season"], f["owner"], f["hatch"]))
        return batch_id

    def _record(self, kind: str, f: dict) -> int:
        model = BY_NAME[kind].model
        record_id, row = self._staged(model, f)
        record_seal = row[LAYOUTS[model].seal_index]
        if f.get("batch") is not None:
            self._owners[f["batch"].id] = f["batch"].owner.id
        self._fold(kind, LAYOUTS[model], row)
        lines = posting.lines(kind, f)
        if lines:
            self._voucher(kind, record_id, record_seal, f["season"].id,
                          f["date"].isoformat(), lines, described=_described(kind, row))
        return record_id

    def _voucher(self, kind: str, record_id: int, record_seal: str, season_id: int | None,
                 day: str, lines: list[posting.Line], reverses: int | None = None,
                 described: tuple = (None, None)) -> int:
        """Buffer a voucher and its postings, linked into the hash chain, and fold them
        into the kept balances: per season (a record's) and per month (every voucher's).
        Its number is kept with what its record is about (`described`) and, when it has
        two postings, their accounts (`models.VoucherNumber`)."""
        voucher_id = self.refs.allocate(models.Voucher)
        postings = []
        month = day[:7]
        for line in lines:
            account_id = self.refs.account_id(line.account)
            postings.append((self.refs.allocate(models.Posting), voucher_id, account_id,
                             line.debit, line.credit))
            if season_id is not None:
                totals = self._balances[(account_id, season_id)]
                totals[0] += line.debit
                totals[1] += line.credit
            monthly = self._months[(account_id, month)]
            monthly[0] += line.debit
            monthly[1] += line.credit
        voucher = (voucher_id, season_id, day, kind, record_id, reverses, record_seal)
        if self._chain is None:
            self._chain = seal.chain_head()
        self._chain = seal.voucher_hash(self._chain, voucher, postings)
        self._buffer(models.Voucher, (*voucher, self._chain))
        pair = (postings[0][2], postings[1][2]) if len(postings) == 2 else (None, None)
        self._buffer(models.VoucherNumber,
                     (voucher_id, month, self._number(month), *described, *pair))
        for row in postings:
            self._buffer(models.Posting, row)
        return voucher_id

    def _number(self, month: str) -> int:
        """The next voucher's number within `month` (`YYYY-MM`): one past the highest the
        month has, in posting order. Writers of a ledger take turns (SQLite's write lock,
        the server's advisory lock), so no other writer numbers in the same month
        meanwhile."""
        last = self._numbers.get(month)
        if last is None:  # none staged in it by this writer (read as `Store.read_aside` may)
            VoucherNumber = models.VoucherNumber
            query = (VoucherNumber.select(fn.MAX(VoucherNumber.position))
                     .where(VoucherNumber.month == month))
            last = stores.current().read_aside(models.database, *query.sql()).fetchone()[0] or 0
        self._numbers[month] = last + 1
        return last + 1

    # -- writing ------------------------------------------------------------------------
    def flush(self, kept: bool = False) -> None:
        """Write the rows buffered, parents before children; and the kept sums gathered
        (`_fold_kept`) when `kept` is asked for (at the end of the write) or they have
        grown past KEPT_KEYS. Nothing reads the kept sums while a write is under way.

        Where the store writes behind (a server), rows flushed midway are written by a
        thread while this one reads and checks the next (`_WriteBehind`); the rows of one
        flush are written before those of the next, and all before the write ends."""
        batches = [(model, self._rows.pop(model)) for model in WRITE_ORDER
                   if self._rows.get(model)]
        self._buffered = 0
        self.settle()
        folding = kept or len(self._balances) + len(self._months) + len(self._flows) > KEPT_KEYS
        if batches and not folding and stores.current().writes_behind:
            _WriteBehind(batches)
        else:  # the kept sums name what these rows add: they go first
            for model, rows in batches:
                _insert(model, rows)
        if folding:
            self._fold_kept()

    def settle(self) -> None:
        """Wait for the rows being written behind, if any; raise what stopped them. The
        store sees to it that no statement of the write, and no end of its transaction,
        comes before them (`LedgerDatabase.settle`)."""
        if stores.current().writes_behind:
            models.database.obj.settle()

    def _fold_kept(self) -> None:
        """Add the sums gathered to the kept tables: per account and season, per account
        and month, per account over all time, per party and season figure."""
        if self._balances:
            rows = [(account, season, debit, credit)
                    for (account, season), (debit, credit) in self._balances.items()]
            _insert(models.AccountBalance, rows, conflict=_add_to(models.AccountBalance))
            self._balances.clear()
        if self._months:
            rows = [(account, month, debit, credit)
                    for (account, month), (debit, credit) in self._months.items()]
            _insert(models.AccountMonth, rows, conflict=_add_to(models.AccountMonth))
            totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
            for account, _, debit, credit in rows:
                totals[account][0] += debit
                totals[account][1] += credit
            _insert(models.AccountTotal, [(account, debit, credit)
                                          for account, (debit, credit) in totals.items()],
                    conflict=_add_to(models.AccountTotal))
            self._months.clear()
        if self._flows:
            _insert(models.SeasonFlow, [(*key, value) for key, value in self._flows.items()],
                    conflict=_add_to(models.SeasonFlow))
            self._flows.clear()


class _WriteBehind:
    """Rows written by a thread on the writing transaction's own connection (psycopg's
    connections take one statement at a time from any thread), while the writer goes on
    reading and checking: the server's work on them (constraints, guards, indexes) and
    this process's then overlap instead of taking turns. The connection's database knows
    of it (`LedgerDatabase.behind`): any statement of the writer's, and the commit or
    rollback, waits for it first, and its failure is raised there."""

    def __init__(self, batches: list[tuple[type, list[tuple]]]):
        database = models.database.obj
        self.connection = database.connection()
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._write, args=(batches,),
                                       name="silk-write-behind", daemon=True)
        database.behind = self
        self.thread.start()

    def _write(self, batches) -> None:
        try:
            for model, rows in batches:
                _insert(model, rows, self.connection.cursor())
        except BaseException as error:  # raised in the writer's thread (`settle`)
            self.error = error
        finally:
            self.done.set()


def _insert(model: type, rows: list[tuple], cursor=None, conflict=None) -> None:
    """Insert plain rows (ids, ints, text, ISO dates) with one prepared statement.

    Peewee writes the statement, in the database's own dialect and placeholder style; the
    DB-API's executemany runs it for every row, without building SQL text per row. New
    rows without a `conflict` to resolve go through the store's own bulk write
    (`Store.insert_rows`: COPY on a server), kept sums through its own way of adding
    them (`Store.add_rows`: on a server, COPY into a scratch table and one upsert).
    """
    fields = LAYOUTS[model].columns
    query = model.insert_many([rows[0]], fields=fields)
    sql, _ = (conflict(query) if conflict else query).sql()
    cursor = cursor or models.database.cursor()
    table, columns = model._meta.table_name, [field.column_name for field in fields]
    if conflict:
        def merge_from(scratch: str) -> tuple[str, list]:
            source = Table(scratch)
            picked = source.select(*(getattr(source.c, column) for column in columns))
            return conflict(model.insert_from(picked, fields=fields)).sql()
        stores.current().add_rows(cursor, sql, table, columns, rows, merge_from)
    else:
        stores.current().insert_rows(cursor, sql, table, columns, rows)


def _add_to(model: type):
    """Fold new sums into a kept row (an account's balance per season, per month or over
    all time; a party's season figure), creating it if need be: the row is found by the
    model's unique key, and every other column is added to."""
    key = _unique_key(model)
    keyed = {field.name for field in key}  # (a field's `==` makes an expression, not a bool)
    added = [field for field in model._meta.sorted_fields if field.name not in keyed]

    def conflict(query):
        return query.on_conflict(conflict_target=key, update={
            field: field + getattr(EXCLUDED, field.column_name) for field in added})
    return conflict


def _unique_key(model: type) -> list:
    """The fields of the model's unique index, or its primary key."""
    for names, unique in model._meta.indexes:
        if unique:
            return [model._meta.fields[name] for name in names]
    return [model._meta.primary_key]


#: The columns a reversal negates.
NEGATED = frozenset({"grams", "quantity", "amount", "deduction"})


class Layout:
    """A model's columns, and how a validated record's values become a stored row:
    references become ids, dates ISO text, missing optional values their defaults, and
    a sealed table's row gets its seal (`ledger.seal`)."""

    def __init__(self, model: type):
        self.model = model
        self.columns = list(model._meta.sorted_fields)
        names = [f.name for f in self.columns]
        self.names = names
        self.defaults = [(f.name, f.default) for f in self.columns]
        self.references = [i for i, f in enumerate(self.columns) if isinstance(f, ForeignKeyField)]
        self.dates = [i for i, f in enumerate(self.columns) if isinstance(f, DateField)]
        self.seal_index = names.index("seal") if "seal" in names else None
        #: What a record says, without its id, links and seal: rows equal in these
        #: columns record the same thing (an importer's duplicate test).
        self.content = [i for i, name in enumerate(names)
                        if name not in ("id", "seal", "reverses", "corrects")]

    def row(self, record_id: int, values: dict) -> tuple:
        """The stored row of a validated record, whose references are refs and dates
        are dates."""
        return self._sealed(self.unsealed(record_id, values))

    def unsealed(self, record_id: int, values: dict) -> list:
        """The row as `row` gives it, but without its seal: enough to compare what two
        records say (`key`), at no hashing cost."""
        row = [values.get(name, default) for name, default in self.defaults]
        row[0] = record_id
        for index in self.references:
            if row[index] is not None:
                row[index] = row[index].id
        for index in self.dates:
            if row[index] is not None:
                row[index] = row[index].isoformat()
        return row

    def stored_row(self, record_id: int, values: dict) -> tuple:
        """The row of values already in stored form (ids, ISO text), e.g. a reversal's."""
        row = [values.get(name, default) for name, default in self.defaults]
        row[0] = record_id
        return self._sealed(row)

    def _sealed(self, row: list) -> tuple:
        if self.seal_index is not None:
            row[self.seal_index] = seal.row_seal(self.model, row[:self.seal_index]
                                                 + row[self.seal_index + 1:])
        return tuple(row)

    def key(self, row: tuple) -> tuple:
        return tuple(row[i] for i in self.content)


def _described(kind: str, row: tuple) -> tuple:
    """(batch or party, detail) of a record's stored row, as a book names it
    (`kinds.DESCRIBED`)."""
    return tuple(None if index is None else row[index] for index in _DESCRIBING[kind])


#: Tables in the order their rows are written: parents before the rows that refer to them.
WRITE_ORDER = (models.Party, models.Account, models.Season, models.Batch,
               *models.RECORD_MODELS, models.GeneralVoucher, models.VoucherLine, models.Voucher,
               models.VoucherNumber, models.Posting)
LAYOUTS = {model: Layout(model)
           for model in (*WRITE_ORDER, models.AccountBalance, models.AccountMonth,
                         models.AccountTotal, models.SeasonFlow)}

#: Where in a record's stored row the columns that describe it are (`_described`).
_DESCRIBING = {
    kind: tuple(None if name is None else LAYOUTS[BY_NAME[kind].model].names.index(name)
                for name in names)
    for kind, names in DESCRIBED.items()}

#: What the files of the collective's whole books add: sub-accounts, general vouchers.
BOOK_FILES = {"accounts": Writer.add_account, voucher_rules.KIND: Writer.add_general}

STAGERS = {
    "households": Writer._party,
    "partners": Writer._party,
    "seasons": Writer._season,
    "batches": Writer._batch,
    **{kind.name: (lambda self, f, kind=kind.name: Writer._record(self, kind, f))
       for kind in RECORD_KINDS},
}
