"""Who may do what on a township's server, enforced by PostgreSQL itself.

A user is a PostgreSQL login role. An **accountant** may read and write only his
villages' ledgers: on each such schema he is granted USAGE, SELECT and INSERT on every
table, UPDATE and DELETE on the tables a ledger changes in place (the household list,
seasons, running balances, `meta`), never on an append-only table (whose triggers
refuse those besides), and USAGE on the sequences ids come from. He owns nothing, so he
can neither drop a guard nor alter a table. An **auditor** (the township's 经管站) may
read every village's ledger and write nothing: SELECT on every table, no sequence.

The auditor's rights are held by one group role per township database,
`<database>_auditor`, which the auditor logs in as a member of. `silk init` grants
each new ledger to that group (`grant_new_ledger`), and `silk user add … --role auditor`
grants it every ledger already there. A group rather than ALTER DEFAULT PRIVILEGES,
because default privileges apply only to objects created by the role they were set
for: a ledger created by another township login (or a second superuser) would be left
unreadable to the auditors, silently. The group's grants are instead given by whoever
creates the ledger, are visible in `\\dn+` like any grant, and a new auditor only joins
the group.

A role made here carries the comment `silk:accountant` or `silk:auditor`, which is how
`silk user list` tells its users from the server's other roles. A password is optional
(the township's server may authenticate by trust, peer or certificates instead).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
from psycopg import sql

from ledger.errors import LedgerError
from ledger.stores import postgresql

ROLES = ("accountant", "auditor")
#: What a user's name may be: letters (Chinese too), digits, `_` and `-`, not `pg_…`.
_NAME = re.compile(r"^(?!pg_)[\w-]{1,63}$")
_COMMENT = "silk:{role}"


@dataclass(frozen=True)
class User:
    name: str
    role: str  # "accountant" or "auditor"
    ledgers: tuple[str, ...]  # the codes he may read (an auditor: every ledger)


def auditor_group(database: str) -> str:
    """The group role holding the auditors' rights in the township `database`."""
    return f"{database}_auditor"[:63]


def add_user(address: str, name: str, role: str, ledgers: list[str],
             password: str | None = None) -> User:
    """Create the login role `name` (or, for an existing user of the same role, add to
    his rights) and grant it `role`'s rights on `ledgers` (an auditor: every ledger of
    the database, and those made later through the group). All in one transaction."""
    where = postgresql.parse(address)
    if not _NAME.match(name):
        raise LedgerError("user_name_bad", name=name)
    if role not in ROLES:
        raise LedgerError("user_role_bad", role=role)
    if role == "accountant" and not ledgers:
        raise LedgerError("user_needs_ledger")
    database = postgresql.connect(where, "")
    try:
        with database.atomic():
            codes = postgresql.ledger_codes(database)
            for code in ledgers:
                if code not in codes:
                    raise LedgerError("pg_no_ledger", code=code, address=where.shown)
            _make_role(database, name, role, password)
            if role == "accountant":
                for code in ledgers:
                    _grant_accountant(database, code, name)
            else:
                group = _ensure_auditor_group(database, where.database)
                for code in codes:
                    _grant_reader(database, code, group)
                _run(database, sql.SQL("GRANT {} TO {}").format(
                    sql.Identifier(group), sql.Identifier(name)))
        return next(user for user in _users(database, where.database) if user.name == name)
    except LedgerError:
        raise
    except psycopg.Error as error:
        raise postgresql.refusal(error, where) from None
    except Exception as error:  # noqa: BLE001 - a driver error under Peewee, one line
        from ledger import store_errors

        if isinstance(error, store_errors.ERRORS):
            raise postgresql.refusal(error, where) from None
        raise
    finally:
        database.close()


def remove_user(address: str, name: str) -> User:
    """Drop the login `name`, one that silk made (never a role of the server's own, such
    as `postgres`): its rights on every ledger of the township database at `address`
    revoked, its membership of the auditors' group ended with the login itself, in one
    transaction. What he was, as `list_users` said it. A login that still holds rights
    in another database of the server is refused by the server (2BP01), and nothing
    is changed: PostgreSQL keeps a role's grants per database."""
    where = postgresql.parse(address)
    if not _NAME.match(name):
        raise LedgerError("user_name_bad", name=name)
    database = postgresql.connect(where, "")
    try:
        with database.atomic():
            role = _role_of(database, name)
            if role is None:
                raise LedgerError("user_unknown", name=name, address=where.shown)
            if role not in ROLES:
                raise LedgerError("user_not_silks", name=name)
            was = next((user for user in _users(database, where.database) if user.name == name),
                       User(name, role, ()))
            user = sql.Identifier(name)
            for code in postgresql.ledger_codes(database):
                schema = sql.Identifier(code)
                _run(database, sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}")
                     .format(schema, user))
                _run(database, sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}")
                     .format(schema, user))
                _run(database, sql.SQL("REVOKE ALL ON SCHEMA {} FROM {}").format(schema, user))
            _run(database, sql.SQL("DROP ROLE {}").format(user))
        return was
    except LedgerError:
        raise
    except Exception as error:  # noqa: BLE001 - a driver error, one line
        from ledger import store_errors

        if not isinstance(error, store_errors.ERRORS):
            raise
        if store_errors.sqlstate(error) == "2BP01":  # dependent_objects_still_exist
            raise LedgerError("user_still_used", name=name) from None
        raise postgresql.refusal(error, where) from None
    finally:
        database.close()


def list_users(address: str) -> list[User]:
    """The users of the township database at `address`: accountants with a ledger
    there, and the auditors of its group, by name."""
    where = postgresql.parse(address)
    database = postgresql.connect(where, "", readonly=True)
    try:
        return _users(database, where.database)
    finally:
        database.close()


def grant_new_ledger(database, code: str) -> None:
    """Let the township's auditors read the new ledger `code` (when the database has
    any: the group exists once an auditor was added). Called by `silk init`."""
    group = auditor_group(database.address.database)
    if _role_exists(database, group):
        _grant_reader(database, code, group)


def grant_like(database, table: str, like: str) -> None:
    """Give every role that may read, insert into or change `like` the same on `table`, a table
    an upgrade adds to a ledger (`database`, on its schema) whose logins were granted
    the tables it had then: without it an accountant could no longer post, nor an
    auditor read, after the upgrade. Read from the catalog, which every login sees
    whole; the table's owner needs no grant."""
    rows = _run(database, "SELECT r.rolname, a.privilege_type FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE n.nspname = current_schema() AND c.relname = %s "
                "AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE') "
                "AND a.grantee <> c.relowner "
                "ORDER BY 1, 2", (like,))
    for role, privilege in rows:
        _run(database, sql.SQL("GRANT {} ON {} TO {}").format(
            sql.SQL(privilege), sql.Identifier(table), sql.Identifier(role)))


# -- in SQL -------------------------------------------------------------------------------

def _run(database, statement, params=None) -> list[tuple]:
    text = statement.as_string(database.connection()) if not isinstance(statement, str) \
        else statement
    cursor = database.execute_sql(text, params)
    return cursor.fetchall() if cursor.description else []


def _role_exists(database, name: str) -> bool:
    return bool(_run(database, "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)))


def _role_of(database, name: str) -> str | None:
    """The silk role of the login `name`; "" for a role not made here; None for none."""
    rows = _run(database, "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles "
                "WHERE rolname = %s", (name,))
    if not rows:
        return None
    comment = rows[0][0] or ""
    return comment.removeprefix("silk:") if comment.startswith("silk:") else ""


def _make_role(database, name: str, role: str, password: str | None) -> None:
    found = _role_of(database, name)
    if found is not None and found != role:
        raise LedgerError("user_other_role", name=name, role=found or "-")
    ident = sql.Identifier(name)
    if found is None:
        _run(database, sql.SQL("CREATE ROLE {} LOGIN").format(ident))
        _run(database, sql.SQL("COMMENT ON ROLE {} IS {}").format(
            ident, sql.Literal(_COMMENT.format(role=role))))
    if password:
        _run(database, sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))


def _ensure_auditor_group(database, township: str) -> str:
    group = auditor_group(township)
    if not _role_exists(database, group):
        _run(database, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
    return group


def _append_only(database, code: str) -> set[str]:
    """The tables of ledger `code` guarded by the append-only trigger."""
    return {table for (table,) in _run(
        database, "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = "
        "t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = "
        "t.tgfoid WHERE n.nspname = %s AND p.proname = 'silk_append_only'", (code,))}


def _tables(database, code: str) -> list[str]:
    return [table for (table,) in _run(
        database, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE n.nspname = %s AND c.relkind IN ('r', 'p') ORDER BY 1", (code,))]


def _grant_accountant(database, code: str, name: str) -> None:
    schema, user = sql.Identifier(code), sql.Identifier(name)
    _run(database, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, user))
    _run(database, sql.SQL("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {} TO {}")
         .format(schema, user))
    _run(database, sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}")
         .format(schema, user))
    guarded = _append_only(database, code)
    for table in _tables(database, code):
        if table not in guarded:
            _run(database, sql.SQL("GRANT UPDATE, DELETE ON {} TO {}").format(
                sql.Identifier(code, table), user))


def _grant_reader(database, code: str, name: str) -> None:
    schema, user = sql.Identifier(code), sql.Identifier(name)
    _run(database, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, user))
    _run(database, sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}")
         .format(schema, user))


def _users(database, township: str) -> list[User]:
    codes = postgresql.ledger_codes(database)
    group = auditor_group(township)
    found = []
    for name, comment in _run(
            database, "SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles "
            "WHERE shobj_description(oid, 'pg_authid') LIKE %s ORDER BY rolname", ("silk:%",)):
        role = comment.removeprefix("silk:")
        if role == "auditor":
            member = _run(database, "SELECT pg_has_role(%s, %s, 'MEMBER')", (name, group)) \
                if _role_exists(database, group) else [(False,)]
            if member[0][0]:
                found.append(User(name, role, tuple(codes)))
        elif role == "accountant":
            mine = tuple(code for code in codes if _run(
                database, "SELECT has_table_privilege(%s, format('%%I.meta', %s::text), "
                "'INSERT')", (name, code))[0][0])
            if mine:
                found.append(User(name, role, mine))
    return found
