"""The PostgreSQL store: a township's server keeps many villages' ledgers, each its own
schema in the township's database, with its own ids, seals, chain and audit trail.

An address is `postgresql://[user[:password]@]host[:port]/database?ledger=CODE`; the
ledger CODE is the schema's name. Left without `?ledger=`, it names the whole database
(the township's reports read every ledger in it).

What SQLite does in the file, the server does here: ids come from each table's sequence
(a rolled-back write leaves a gap, so ids are not dense), the guards are PL/pgSQL
trigger functions, and writers of one ledger queue on a transaction-scoped advisory
lock, so two accountants never interleave their vouchers in the chain. The driver is
psycopg 3 under Peewee's `PostgresqlDatabase`; dates are read as ISO text and integral
numbers (a `SUM` of fen is `numeric` on PostgreSQL) as integers, exactly as SQLite gives
them, so the core reads the same rows from both stores.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit, urlunsplit

import psycopg
import psycopg.conninfo
from peewee import SQL, Expression, PostgresqlDatabase, Value, fn
from psycopg.adapt import Loader
from psycopg.types.string import TextLoader

from ledger import i18n, models, server_driver
from ledger.errors import LedgerError
from ledger.stores.base import Store

server_driver.hand_to_peewee()

#: What a ledger code (its schema's name) may be: letters (Chinese too), digits, `_`
#: and `-`, not beginning with `pg_` (PostgreSQL keeps those for itself).
_CODE = re.compile(r"^(?!pg_)[\w-]{1,40}$")
#: Seconds to wait for the server to answer before saying it does not.
CONNECT_TIMEOUT = 5


@dataclass(frozen=True)
class Address:
    """A parsed server address."""

    conninfo: str  # the address without `?ledger=`, as psycopg takes it
    database: str
    ledger: str  # the ledger's code, "" for the whole database
    shown: str  # the address as messages show it (no password)

    def of(self, code: str) -> str:
        """The address of ledger `code` in the same database, as `--db` takes it."""
        return f"{self.conninfo}{'&' if '?' in self.conninfo else '?'}ledger={code}"


def parse(address: str) -> Address:
    """The parts of a server address; a LedgerError when it is not one."""
    parts = urlsplit(str(address))
    database = parts.path.lstrip("/")
    query = parse_qs(parts.query)
    code = (query.pop("ledger", [""]) or [""])[0]
    if not parts.hostname or not database or "/" in database:
        raise LedgerError("pg_address_bad", address=_hide_password(str(address)))
    if code and not _CODE.match(code):
        raise LedgerError("pg_code_bad", code=code)
    rest = "&".join(f"{key}={value}" for key, values in query.items() for value in values)
    conninfo = urlunsplit(("postgresql", parts.netloc, parts.path, rest, ""))
    shown = urlunsplit((parts.scheme, _hide_password(parts.netloc), parts.path, "", ""))
    return Address(conninfo, database, code, f"{shown}?ledger={code}" if code else shown)


def _hide_password(text: str) -> str:
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", text) if "//" in text else re.sub(
        r"^([^:@]*:)[^@]*@", r"\1***@", text)


# -- the connection -----------------------------------------------------------------------

class _EchoOfRaised(logging.Filter):
    """psycopg logs a warning when ending a pipeline (its `executemany`) or a COPY fails
    after an error inside it: that error is raised all the same, and said as one line;
    the warning is only its echo, which would be a second line on the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_EchoOfRaised())


class _IntegralNumeric(Loader):
    """`numeric` as an int when it is whole (a SUM of bigint fen is numeric on
    PostgreSQL, an integer on SQLite): money is never a float or a Decimal here."""

    def load(self, data):
        text = bytes(data).decode("ascii")
        if "." in text or "e" in text.lower() or text in ("NaN", "Infinity", "-Infinity"):
            from decimal import Decimal

            return Decimal(text)
        return int(text)


class LedgerDatabase(PostgresqlDatabase):
    """A connection to one ledger's schema (or, with `schema` "", to the database).

    Every connection reads dates as ISO text and whole numerics as ints (as SQLite
    gives them); every write transaction first takes the ledger's advisory lock, so
    writers of one village queue and writers of different villages never wait."""

    def __init__(self, address: Address, schema: str, readonly: bool = False):
        self.address = address
        self.schema = schema
        self.readonly = readonly
        self._behind = threading.local()  # a thread's connection is its own (peewee)
        # `database` is the ledger's whole address, as a file's is its path (what
        # messages show and commands are given); the connection itself is `conninfo`'s.
        super().__init__(address.of(schema) if schema else address.conninfo,
                         conninfo=address.conninfo, connect_timeout=CONNECT_TIMEOUT,
                         prefer_psycopg3=True)

    def _connect(self):
        conn = super()._connect()
        conn.adapters.register_loader("date", TextLoader)
        conn.adapters.register_loader("numeric", _IntegralNumeric)
        with conn.cursor() as cursor:
            if self.schema:
                cursor.execute(psycopg.sql.SQL("SET search_path TO {}").format(
                    psycopg.sql.Identifier(self.schema)))
            if self.readonly:
                cursor.execute("SET default_transaction_read_only = on")
        return conn

    def begin(self, isolation_level=None):
        super().begin(isolation_level)
        if self.schema and not self.readonly:
            write_lock(self, self.schema)

    # -- rows written behind (`book._WriteBehind`) ----------------------------------
    @property
    def behind(self):
        """The rows a thread is writing on this thread's connection, if any."""
        return getattr(self._behind, "write", None)

    @behind.setter
    def behind(self, write) -> None:
        self._behind.write = write

    # -- reads beside them ---------------------------------------------------------
    def open_aside(self) -> None:
        """Let this thread's writer read beside the rows it writes behind (`read_aside`),
        if its transaction has written nothing yet: from then on the transaction writes
        only the writer's rows, which the writer tells apart itself, so what it reads
        needs nothing that is not committed. Asked at the writer's first id, before it
        writes anything (a sequence's nextval gives the transaction an id of its own)."""
        self._behind.aside = bool(self.execute_sql(
            "SELECT txid_current_if_assigned() IS NULL").fetchone()[0])

    def close_aside(self) -> None:
        """The transaction is over: its writer reads beside it no more, and this thread's
        second connection, if it had one, is closed (one a long write, none left open)."""
        self._behind.aside = False
        connection = getattr(self._behind, "aside_connection", None)
        if connection is not None:
            self._behind.aside_connection = None
            connection.close()

    def read_aside(self, sql, params=None):
        """A cursor over `sql` run on a second connection of this thread, which sees only
        what is committed, while rows are written behind on the first and the writer
        allowed it (`open_aside`); otherwise run here, after those rows are in. Ids from a
        sequence and the records an import is checked against then no longer wait for
        the rows before them: the writer and the server work at once."""
        if self.behind is None or not getattr(self._behind, "aside", False):
            return self.execute_sql(sql, params)
        connection = getattr(self._behind, "aside_connection", None)
        if connection is None:
            try:
                connection = self._connect()
            except psycopg.OperationalError:  # none to be had (the server's or the login's
                self._behind.aside = False    # limit of connections): wait, as before
                return self.execute_sql(sql, params)
            connection.commit()  # (the connection's settings are in)
            connection.autocommit = True
            self._behind.aside_connection = connection
        return connection.execute(sql, params)

    def close(self):
        """This thread's connections: its second one too. (Each thread's are its own: a
        worker of the terminal UI that closes its own leaves an import's alone.)"""
        self.close_aside()
        return super().close()

    def execute_sql(self, sql, params=None, *args, **kwargs):
        """A statement waits until the rows written behind on its connection are in (and
        raises what stopped them): it then reads them, and it never outruns them into a
        savepoint's release or rollback."""
        self.settle()
        return super().execute_sql(sql, params, *args, **kwargs)

    def commit(self):
        self.settle()
        self.close_aside()
        return super().commit()

    def rollback(self):
        self.settle(undoing=True)
        self.close_aside()
        return super().rollback()

    def settle(self, undoing: bool = False) -> None:
        """Wait for the rows written behind, even through Ctrl+C (a batch takes a second
        at most); raise what stopped them, unless the transaction is being undone anyway.
        No transaction ends while they are being written: what they wrote after would be
        a transaction of its own."""
        behind = self.behind
        if behind is None:
            return
        interrupted = None
        while not behind.done.is_set():  # (a join interrupted marks a running thread ended)
            try:
                behind.done.wait()
            except KeyboardInterrupt as interrupt:
                interrupted = interrupt
        self.behind = None
        if interrupted is not None:
            raise interrupted
        if behind.error is not None and not undoing:
            raise behind.error


def connect(address: Address, schema: str, readonly: bool = False) -> LedgerDatabase:
    """An open connection to `schema` at `address`; server errors as LedgerErrors."""
    from ledger import store_errors

    database = LedgerDatabase(address, schema, readonly)
    try:
        database.connect()
    except store_errors.ERRORS as error:
        if store_errors.kind(error) == store_errors.UNREACHABLE:
            raise _diagnosed(address) from None
        raise refusal(error, address) from None
    return database


def _diagnosed(address: Address) -> LedgerError:
    """Why a connection failed, found out rather than read from the message: libpq
    gives no SQLSTATE for a refused connection. The server does not answer on its port;
    or it answers and lets this login into its `postgres` database, which then says
    whether the township's database exists; or it refuses the login."""
    import socket

    params = psycopg.conninfo.conninfo_to_dict(address.conninfo)
    host = str(params.get("host") or "localhost")
    if not host.startswith("/"):
        try:
            socket.create_connection((host.split(",")[0], int(params.get("port") or 5432)),
                                     timeout=CONNECT_TIMEOUT).close()
        except OSError:
            return LedgerError("pg_unreachable", address=address.shown)
    try:
        with psycopg.connect(psycopg.conninfo.make_conninfo(address.conninfo, dbname="postgres"),
                             connect_timeout=CONNECT_TIMEOUT, autocommit=True) as probe:
            known = probe.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (address.database,)).fetchone()
    except psycopg.Error:
        return LedgerError("pg_denied", address=address.shown)
    if known is None:
        return LedgerError("pg_no_database", database=address.database, address=address.shown)
    return LedgerError("pg_denied", address=address.shown)


def refusal(error: BaseException, address: Address) -> LedgerError:
    """What a server error means for the user, one line: the connection was lost (the
    server went down or ended the session), the database is not there, the login is
    refused, no right to do it, a conflict that outlasted its retries, or another."""
    from ledger import store_errors

    found = store_errors.kind(error)
    if found == store_errors.UNREACHABLE:  # it answered once (`connect` said if it did not)
        return LedgerError("pg_connection_lost", address=address.shown)
    if found == store_errors.NO_DATABASE:
        return LedgerError("pg_no_database", database=address.database, address=address.shown)
    if found == store_errors.DENIED:
        return LedgerError("pg_denied", address=address.shown)
    if found == store_errors.BUSY:
        return LedgerError("db_busy")
    if found == store_errors.CONFLICT:  # still, after `stores.retried` ran it again
        from ledger import stores

        return LedgerError("pg_conflict", address=address.shown, tries=stores.TRIES)
    if found == store_errors.FULL:
        return LedgerError("pg_full", address=address.shown)
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return LedgerError("db_error", path=address.shown, reason=first)


# -- ledgers on a server ------------------------------------------------------------------

def ledger_codes(database: PostgresqlDatabase) -> list[str]:
    """The schemas of `database` that hold a ledger (a `meta` table with a ledger id).

    Read from the catalog, which every login sees whole (information_schema shows only
    what the login has rights on): a ledger this login may not read is still there, and
    opening it is refused by the server as such, not said to be missing. A schema whose
    name no ledger code can have (a restore's scratch schema, `scratch_schema`) is none."""
    rows = database.execute_sql(
        "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = 'meta' AND c.relkind IN ('r', 'p') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1").fetchall()
    return [schema for (schema,) in rows if _CODE.match(schema)]


def may_read(database: PostgresqlDatabase, code: str) -> bool:
    """Whether this login may read ledger `code`, as the server's own grants say
    (`ledger.roles`). Asked before opening it, because a schema this login has no
    USAGE on looks empty rather than refused (its tables are not found, not denied)."""
    return bool(database.execute_sql(
        "SELECT has_schema_privilege(%s, 'USAGE') AND has_table_privilege("
        "format('%%I.meta', %s::text), 'SELECT')", (code, code)).fetchone()[0])


def ledgers(address: str) -> list[tuple[str, str]]:
    """(code, village name) of every ledger in the database at `address`."""
    where = parse(address)
    database = connect(where, "", readonly=True)
    try:
        found = []
        for code in ledger_codes(database):
            if not may_read(database, code):  # another village's, for this login: its code only
                found.append((code, ""))
                continue
            row = database.execute_sql(
                psycopg.sql.SQL("SELECT value FROM {}.meta WHERE key = 'village'").format(
                    psycopg.sql.Identifier(code)).as_string(None)).fetchone()
            found.append((code, row[0] if row else ""))
        return found
    finally:
        database.close()


def open_ledger(address: str, *, create: bool = False, readonly: bool = False
                ) -> tuple[LedgerDatabase, bool]:
    """Connect to the ledger at `address` and bind the models to it: (database, whether
    it is new and still needs its schema). With `create`, a ledger code the database
    does not hold becomes a new schema; without, it is refused."""
    where = parse(address)
    if not where.ledger:
        raise LedgerError("pg_no_ledger_code", address=where.shown)
    probe = connect(where, "", readonly=False)
    try:
        exists = where.ledger in ledger_codes(probe)
        if not exists and (readonly or not create):
            raise LedgerError("pg_no_ledger", code=where.ledger, address=where.shown)
        if exists and not may_read(probe, where.ledger):
            raise LedgerError("pg_denied", address=where.shown)
        if not exists:
            probe.execute_sql(psycopg.sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(
                psycopg.sql.Identifier(where.ledger)).as_string(None))
    except LedgerError:
        probe.close()
        raise
    except Exception as error:  # noqa: BLE001 - a driver error, said as one line
        probe.close()
        raise refusal(error, where) from None
    probe.close()
    database = connect(where, where.ledger, readonly=readonly)
    models.database.initialize(database)
    return database, not exists


def drop_ledger(address: str) -> None:
    """Remove the ledger at `address` and everything in it (for tests and `silk copy`
    into a fresh schema); nothing is asked."""
    where = parse(address)
    database = connect(where, "")
    try:
        database.execute_sql(psycopg.sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            psycopg.sql.Identifier(where.ledger)).as_string(None))
    finally:
        database.close()


def dump(address: str, target=None, label: str = "") -> Path:
    """The ledger's schema written as SQL by the server's own `pg_dump` into `target`
    (a new file, or a folder for a dated name; by default `CODE-YYYY-MM-DD-HHMMSS.sql`
    in the working folder, `label` after the time): what a township's backup of one
    village is. `silk restore` puts it back (`ledger.backup`); psql reads it into an
    empty database."""
    where = parse(address)
    if not where.ledger:
        raise LedgerError("pg_no_ledger_code", address=where.shown)
    folder = Path(target) if target is not None and Path(target).is_dir() else None
    if target is None or folder is not None:
        target = _dated(folder or Path.cwd(), where.ledger, label)
    target = Path(target)
    if target.exists():
        raise LedgerError("backup_exists", path=str(target))
    program = tool("pg_dump")
    if where.ledger not in dict(ledgers(address)):
        raise LedgerError("pg_no_ledger", code=where.ledger, address=where.shown)
    done = subprocess.run([program, "--schema", where.ledger, "--no-owner", "--file",
                           str(target), "--dbname", where.conninfo],
                          capture_output=True, text=True)
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["pg_dump"])[-1]
        raise LedgerError("db_error", path=where.shown, reason=reason)
    return target


#: The time in a dump's name (`_dated`).
_STAMP = "%Y-%m-%d-%H%M%S"


def _dated(folder: Path, code: str, label: str) -> Path:
    """`CODE-DATE-TIME[-N]LABEL.sql` in `folder`, a name no file there has yet."""
    stamp = datetime.now().strftime(_STAMP)
    counter = 1
    while True:
        number = f"-{counter}" if counter > 1 else ""
        target = folder / f"{code}-{stamp}{number}{label}.sql"
        if not target.exists():
            return target
        counter += 1


@dataclass(frozen=True)
class Dump:
    """A dump of a ledger as `_dated` named it."""

    path: Path
    made: datetime
    why: str  # "" by hand, "replaced" when a restore replaced the ledger (its label)


def dated_dumps(folder: Path, code: str) -> list[Dump]:
    """The dumps of ledger `code` that `dump` gave a dated name in `folder` (the working
    folder, by default), newest first, read from their names: another village's, or a
    file named by hand, is not among them."""
    pattern = re.compile(re.escape(code) + r"-(\d{4}-\d\d-\d\d-\d{6})(?:-(\d+))?"
                         r"(?:-before-([a-z]+)|-([a-z]+))?\.sql")
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if not match or not path.is_file():
            continue
        try:
            made = datetime.strptime(match[1], _STAMP)
        except ValueError:  # (digits that are no time: not a name `_dated` gave)
            continue
        found.append(((made, int(match[2] or 1), path.stat().st_mtime_ns),
                      Dump(path, made, match[3] or match[4] or "")))
    return [dump for _, dump in sorted(found, key=lambda item: item[0], reverse=True)]


def tool(name: str) -> str:
    """One of PostgreSQL's client programs (`pg_dump`, `pg_restore`, `psql`): the one on
    the PATH, else the newest in /usr/lib/postgresql/VERSION/bin (Debian's place)."""
    found = shutil.which(name)
    if found:
        return found
    versions = [path for path in Path("/usr/lib/postgresql").glob(f"*/bin/{name}")
                if path.parts[-3].isdigit()]
    if not versions:
        raise LedgerError("pg_tool_missing", program=name)
    return str(max(versions, key=lambda path: int(path.parts[-3])))


# -- restoring a dump: into a scratch schema, then in place of the ledger ------------------

#: How a dump begins: pg_dump's SQL, or its custom archive (`pg_dump -Fc`).
_PLAIN_HEAD = b"--\n-- PostgreSQL database dump\n"
_ARCHIVE_HEAD = b"PGDMP"
#: pg_dump's last line: a dump without it was cut short.
_PLAIN_TAIL = b"-- PostgreSQL database dump complete"
#: The statements of a dump that carry its grants, left out: a restored ledger has the
#: grants of the ledger it replaces (`copy_grants`), whatever they were at the backup.
_PRIVILEGES = (b"GRANT ", b"REVOKE ", b"ALTER DEFAULT PRIVILEGES ")


def scratch_schema(code: str) -> str:
    """Where a backup of ledger `code` is restored and checked before it replaces the
    ledger: a name no ledger code can have (`~`, a space), so no listing of ledgers and
    no township report takes it for a village, and short enough for any code."""
    return f"~restoring {hashlib.sha1(code.encode()).hexdigest()[:16]}"


def restore_lock(database: PostgresqlDatabase, code: str) -> None:
    """Restores of ledger `code` one at a time (held by the session until it ends or
    `restore_unlock`): a scratch schema found by a restore holding it was left by one
    that was killed."""
    database.execute_sql("SELECT pg_advisory_lock(hashtext(%s))", (f"silk-restore:{code}",))


def restore_unlock(database: PostgresqlDatabase, code: str) -> None:
    database.execute_sql("SELECT pg_advisory_unlock(hashtext(%s))", (f"silk-restore:{code}",))


def write_lock(database: PostgresqlDatabase, code: str) -> None:
    """Ledger `code`'s write lock, until the caller's transaction ends: every writer of
    the ledger takes it first (`LedgerDatabase.begin`), so they queue."""
    database.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"silk:{code}",))


def schemas(database: PostgresqlDatabase) -> set[str]:
    """Every schema of the database, ledger or not."""
    return {name for (name,) in database.execute_sql(
        "SELECT nspname FROM pg_namespace").fetchall()}


def drop_schema(database: PostgresqlDatabase, schema: str) -> None:
    database.execute_sql(psycopg.sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
        psycopg.sql.Identifier(schema)).as_string(None))


def load(where: Address, source: Path, scratch: str, present: set[str]) -> str:
    """The ledger in the dump `source` (pg_dump's SQL or its custom archive) restored by
    psql, in one transaction, into the new schema `scratch`, without the dump's grants.
    The dump makes its schema under the name it was dumped from; a schema of that name
    in the database (`present` are those there) is renamed out of the way and back
    inside the same transaction, so no other session ever sees it changed. Returns that
    name. A dump that is not one, is cut short or does not load is refused as such."""
    with tempfile.TemporaryDirectory(prefix="silk-restore-") as folder:
        script = Path(folder) / "restore.sql"
        if _head(source, len(_ARCHIVE_HEAD)) == _ARCHIVE_HEAD:
            plain = Path(folder) / "archive.sql"
            done = subprocess.run([tool("pg_restore"), "--no-owner", "--no-privileges",
                                   "--file", str(plain), str(source)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or ["pg_restore"])[-1]
                raise LedgerError("restore_damaged", path=str(source), reason=reason)
            dumped = _without_grants(plain, script, source)
        else:
            dumped = _without_grants(source, script, source)
        aside = f"~live {hashlib.sha1(dumped.encode()).hexdigest()[:16]}"
        steps = []
        if dumped in present:
            steps += ["-c", _rename(dumped, aside)]
        steps += ["-f", str(script), "-c", _rename(dumped, scratch)]
        if dumped in present:
            steps += ["-c", _rename(aside, dumped)]
        done = subprocess.run([tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v",
                               "VERBOSITY=verbose", "--single-transaction", "-o", os.devnull,
                               "-d", where.conninfo, *steps],
                              capture_output=True, text=True)
    if done.returncode != 0:
        raise _not_loaded(done.stderr, where, source)
    return dumped


def _head(path: Path, size: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _without_grants(dump: Path, script: Path, shown: Path) -> str:
    """The SQL of `dump` copied into `script` without its grants; the name of the one
    schema it makes. COPY's rows are copied as they are, whatever they hold."""
    if _head(dump, len(_PLAIN_HEAD)) != _PLAIN_HEAD:
        raise LedgerError("restore_not_ledger", path=str(shown))
    made, complete, rows = [], False, False
    with open(dump, "rb") as reader, open(script, "wb") as writer:
        for line in reader:
            if rows:
                rows = line.rstrip(b"\r\n") != b"\\."
            elif line.startswith(b"COPY ") and line.rstrip().endswith(b" FROM stdin;"):
                rows = True
            elif line.startswith(_PRIVILEGES):
                continue
            elif line.startswith(b"CREATE SCHEMA "):
                made.append(line.rstrip()[len(b"CREATE SCHEMA "):].rstrip(b";"))
            elif line.rstrip() == _PLAIN_TAIL:
                complete = True
            writer.write(line)
    if not complete:
        raise LedgerError("restore_damaged", path=str(shown), reason=i18n.t("pg_dump_cut_short"))
    if len(made) != 1:
        raise LedgerError("restore_not_ledger", path=str(shown))
    name = made[0].decode("utf-8", "replace")
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


def _rename(schema: str, to: str) -> str:
    return psycopg.sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
        psycopg.sql.Identifier(schema), psycopg.sql.Identifier(to)).as_string(None)


class _Failed(Exception):
    """A server error psql reported, with its SQLSTATE (for `store_errors.kind`)."""

    def __init__(self, sqlstate: str, text: str):
        super().__init__(text)
        self.sqlstate = sqlstate


def _not_loaded(stderr: str, where: Address, source: Path) -> LedgerError:
    """Why psql did not load the dump: no right to (the login does not own the schemas),
    no room, or the dump itself (the server's first error, one line)."""
    from ledger import store_errors

    found = re.search(r"ERROR:\s+([0-9A-Z]{5}):\s*(.*)", stderr)
    if found:
        state, text = found[1], found[2].strip()
        if store_errors.kind(_Failed(state, text)) in (store_errors.DENIED, store_errors.FULL):
            return refusal(_Failed(state, text), where)
    else:
        text = (stderr.strip().splitlines() or ["psql"])[0]
    return LedgerError("restore_damaged", path=str(source), reason=text)


def meta_value(database: PostgresqlDatabase, schema: str, key: str) -> str:
    """A `meta` value of the ledger in `schema`; "" when it has none."""
    row = database.execute_sql(psycopg.sql.SQL("SELECT value FROM {}.meta WHERE key = %s")
                               .format(psycopg.sql.Identifier(schema)).as_string(None),
                               (key,)).fetchone()
    return row[0] if row else ""


def copy_grants(database: PostgresqlDatabase, live: str, scratch: str) -> None:
    """Give the schema `scratch` and its tables and sequences the grants the schema
    `live` and its objects of the same names have (its accountants', the auditors'
    group's): whoever read or wrote the ledger before a restore still does, nobody else."""
    owner = database.execute_sql("SELECT current_user").fetchone()[0]
    rows = database.execute_sql(
        "SELECT 'SCHEMA', '', a.privilege_type, a.grantee, a.is_grantable "
        "FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = %s "
        "UNION ALL SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname, "
        "a.privilege_type, a.grantee, a.is_grantable FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace, aclexplode(c.relacl) a WHERE n.nspname = %s "
        "AND c.relkind IN ('r', 'p', 'S')", (live, live)).fetchall()
    there = {name for (name,) in database.execute_sql(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s", (scratch,)).fetchall()}
    names = dict(database.execute_sql("SELECT oid, rolname FROM pg_roles").fetchall())
    Sql, Identifier = psycopg.sql.SQL, psycopg.sql.Identifier
    for kind, name, privilege, grantee, grantable in rows:
        role = names.get(grantee) if grantee else "PUBLIC"
        if role is None or role == owner or (name and name not in there):
            continue
        target = Identifier(scratch) if kind == "SCHEMA" else Identifier(scratch, name)
        database.execute_sql(Sql("GRANT {} ON {} {} TO {}{}").format(
            Sql(privilege), Sql(kind), target,
            Sql("PUBLIC") if role == "PUBLIC" else Identifier(role),
            Sql(" WITH GRANT OPTION" if grantable else "")).as_string(None))


def swap(database: PostgresqlDatabase, code: str, scratch: str) -> None:
    """The schema `scratch` becomes ledger `code`, the ledger there before dropped, in
    the caller's transaction (which holds the ledger's write lock)."""
    drop_schema(database, code)
    database.execute_sql(_rename(scratch, code))


# -- the store ----------------------------------------------------------------------------

#: PL/pgSQL of the guarding trigger functions, by name. They refuse with SQLSTATE 23000
#: (integrity_constraint_violation), as SQLite's RAISE(ABORT) is a constraint failure:
#: the same IntegrityError from either store.
FUNCTIONS = {
    "silk_append_only": (
        "BEGIN RAISE EXCEPTION 'silk: % rows are never changed; correct by reversal', "
        "TG_TABLE_NAME USING ERRCODE = '23000'; END;"),
    "silk_closed_season": (
        "BEGIN IF EXISTS (SELECT 1 FROM \"inserted\" AS n JOIN \"season\" AS s ON s.\"id\" "
        "= n.\"season_id\" WHERE s.\"closed\" IS NOT NULL) THEN RAISE EXCEPTION "
        "'silk: the season is closed' USING ERRCODE = '23000'; END IF; RETURN NULL; END;"),
}
#: The body of `silk_closed_season` as schema 10 made it, a row's check, which the upgrade
#: to 11 renews (`renew_closed_season_guards`); a body other than both is left to `check`.
CLOSED_SEASON_10 = (
    "BEGIN IF (SELECT \"closed\" FROM \"season\" WHERE \"id\" = NEW.\"season_id\") IS NOT "
    "NULL THEN RAISE EXCEPTION 'silk: the season is closed' USING ERRCODE = '23000'; END IF; "
    "RETURN NEW; END;")
#: The most ids of one table taken from its sequence in one round trip.
ID_BLOCK = 32768
#: pg_trigger.tgtype bits: a row trigger (1), before (2), on insert (4), delete (8), update (16).
_TGTYPE = {"DELETE": 1 | 2 | 8, "UPDATE": 1 | 2 | 16}
#: A closed-season guard: after an insert statement, over the rows it inserted at once.
_AFTER_INSERTS = 4


class PostgresqlStore(Store):
    """Ledgers as schemas on a PostgreSQL server."""

    name = "postgresql"
    dense_ids = False
    writes_behind = True

    def first_id(self, model: type) -> int:
        return self._nextval(model)[0]

    def next_id(self, model: type, handed: dict) -> int:
        """Each id from the table's sequence: another writer's transaction may take
        the next one meanwhile (the advisory lock queues writers of one ledger, but a
        sequence is not transactional). They are taken in blocks that double as the
        transaction uses them (1, 2, 4, … up to ID_BLOCK): one round trip a block rather
        than one a row, which had held an import to some 200 records a second. What the
        last block leaves unused is a gap, as a rolled-back write leaves."""
        if not handed:  # a writer's first id
            models.database.obj.open_aside()
        taken = handed.get(model)
        if taken is None or not taken[0]:
            size = 1 if taken is None else min(taken[1] * 2, ID_BLOCK)
            taken = handed[model] = (deque(self._nextval(model, size)), size)
        return taken[0].popleft()

    def _nextval(self, model: type, count: int = 1) -> list[int]:
        table = model._meta.table_name
        key = model._meta.primary_key.column_name
        # The sequence is looked up once (a MATERIALIZED CTE), not once an id: that
        # lookup was five sixths of the time a block took.
        return self.read_aside(
            models.database,
            "WITH q AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS s) "
            "SELECT array_agg(v ORDER BY v) FROM (SELECT nextval(q.s) AS v FROM q, "
            "generate_series(1, %s)) AS t", (f'"{table}"', key, count)).fetchone()[0]

    def read_aside(self, database, sql: str, params=None):
        """On a second connection while rows are written behind (`LedgerDatabase`)."""
        return database.obj.read_aside(sql, params)

    def insert_rows(self, cursor, sql: str, table: str, columns: list[str],
                    rows: list[tuple]) -> None:
        """By COPY, the server's bulk load: one stream, not a statement a row. It fires
        the guards (the closed-season triggers) and checks the constraints as INSERT does,
        and fails the same way, by SQLSTATE; it took the import's writes from most of
        its time to a fifth."""
        statement = psycopg.sql.SQL("COPY {} ({}) FROM STDIN").format(
            psycopg.sql.Identifier(table),
            psycopg.sql.SQL(", ").join(map(psycopg.sql.Identifier, columns)))
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def add_rows(self, cursor, sql: str, table: str, columns: list[str], rows: list[tuple],
                 merge_from) -> None:
        """By COPY into a scratch table of this transaction, then one upsert from it: an
        import's end adds tens of thousands of kept sums, a statement each otherwise."""
        name = f"adding_{table}"
        scratch = psycopg.sql.Identifier(name)
        cursor.execute(psycopg.sql.SQL(
            "CREATE TEMPORARY TABLE IF NOT EXISTS {} (LIKE {}) ON COMMIT DROP").format(
                scratch, psycopg.sql.Identifier(table)))
        self.insert_rows(cursor, "", name, columns, rows)
        cursor.execute(*merge_from(name))
        cursor.execute(psycopg.sql.SQL("TRUNCATE {}").format(scratch))

    def month_of(self, field):
        return fn.to_char(field, SQL("'YYYY-MM'"))  # a literal: GROUP BY repeats it

    def among(self, field, ids):
        return Expression(field, "=", fn.ANY(Value(list(ids), unpack=False)))

    @contextmanager
    def snapshot(self, database) -> Iterator[bool]:
        if database.in_transaction():
            yield True
            return
        database.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield False
        finally:
            database.execute_sql("ROLLBACK")

    def expected_guards(self) -> dict[str, str]:
        guards = {}
        for model in models.APPEND_ONLY_MODELS:
            table = model._meta.table_name
            for event in ("UPDATE", "DELETE"):
                guards[f"{table}_no_{event.lower()}"] = _shown(
                    table, _TGTYPE[event], "silk_append_only", FUNCTIONS["silk_append_only"])
        for model in (*models.RECORD_MODELS, models.Voucher):
            table = model._meta.table_name
            guards[f"{table}_closed_season"] = _shown(
                table, _AFTER_INSERTS, "silk_closed_season", FUNCTIONS["silk_closed_season"],
                new_table="inserted")
        return guards

    def present_guards(self, database) -> dict[str, str]:
        rows = database.execute_sql(
            "SELECT t.tgname, c.relname, t.tgtype, p.proname, p.prosrc, t.tgnewtable, "
            "t.tgenabled, t.tgqual IS NOT NULL FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = "
            "c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid WHERE n.nspname = "
            "current_schema() AND NOT t.tgisinternal").fetchall()
        return {name: _shown(table, kind, function, source, new_table, enabled, when)
                for name, table, kind, function, source, new_table, enabled, when in rows}

    def guard(self, database, tables: set[str] | None = None) -> None:
        _define_functions(database)
        present = self.present_guards(database)
        for model in models.APPEND_ONLY_MODELS:
            table = model._meta.table_name
            for event in ("UPDATE", "DELETE"):
                name = f"{table}_no_{event.lower()}"
                if name not in present and (tables is None or table in tables):
                    database.execute_sql(f'CREATE TRIGGER "{name}" BEFORE {event} ON "{table}" '
                                         f'FOR EACH ROW EXECUTE FUNCTION "silk_append_only"()')
        for model in (*models.RECORD_MODELS, models.Voucher):
            table = model._meta.table_name
            if f"{table}_closed_season" not in present and (tables is None or table in tables):
                _guard_closed_seasons(database, table)


def _define_functions(database) -> None:
    """Make the guard functions the ledger lacks. One it has is left as it is: an upgrade
    that adds a table's guards must not put back a function rewritten outside the
    program, which `check` names (it compares each trigger's function's body)."""
    present = _function_bodies(database)
    for function, body in FUNCTIONS.items():
        if function not in present:
            _define(database, function, body)


def _function_bodies(database) -> dict[str, str]:
    """The functions of the ledger's schema, by name: their bodies."""
    return dict(database.execute_sql(
        "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = "
        "p.pronamespace WHERE n.nspname = current_schema()").fetchall())


def _define(database, function: str, body: str) -> None:
    database.execute_sql(f"CREATE OR REPLACE FUNCTION \"{function}\"() RETURNS trigger "
                         f"LANGUAGE plpgsql AS $silk${body}$silk$".replace("%", "%%"))


def _guard_closed_seasons(database, table: str) -> None:
    """The guard that refuses a row of `table` in a closed season: one check of all the
    rows of an INSERT or a COPY, after it (a transition table), where a row trigger
    called PL/pgSQL once a row, a seventh of the server's work of an import."""
    database.execute_sql(f'CREATE TRIGGER "{table}_closed_season" AFTER INSERT ON "{table}" '
                         f'REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT '
                         f'EXECUTE FUNCTION "silk_closed_season"()')


def renew_closed_season_guards(database) -> None:
    """Schema 11: each closed-season guard the ledger holds as schema 10 made it (a row
    trigger before an insert, calling `silk_closed_season`, always) becomes a statement's
    (`_guard_closed_seasons`). One it lacks stays lacking, and one changed outside the
    program stays as it is, for check to name."""
    tables = [model._meta.table_name for model in (*models.RECORD_MODELS, models.Voucher)]
    as_made = {table for (table,) in database.execute_sql(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE n.nspname = current_schema() AND t.tgname = c.relname || '_closed_season' "
        "AND t.tgtype = %s AND p.proname = 'silk_closed_season' AND t.tgqual IS NULL "
        "AND t.tgenabled = 'O' AND t.tgnewtable IS NULL", (1 | 2 | 4,)).fetchall()}
    held = [table for table in tables if table in as_made]
    for table in held:
        database.execute_sql(f'DROP TRIGGER "{table}_closed_season" ON "{table}"')
    if _function_bodies(database).get("silk_closed_season") == CLOSED_SEASON_10:  # as 10 made it
        _define(database, "silk_closed_season", FUNCTIONS["silk_closed_season"])
    _define_functions(database)
    for table in held:
        _guard_closed_seasons(database, table)


def _shown(table: str, kind: int, function: str, source: str, new_table: str | None = None,
           enabled: str = "O", when: bool = False) -> str:
    """A trigger as `check` compares it: its table, events, function and the function's
    body, the rows it reads (a statement's transition table), whether it fires and whether
    only WHEN something holds; so a trigger moved, narrowed, switched off, reading
    another table or pointed at a rewritten function is named."""
    return (f"{table} {kind} {function} reads {new_table or '-'} enabled {enabled} "
            f"when {when} {source}")


STORE = PostgresqlStore()
