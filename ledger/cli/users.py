"""`silk user add`, `list` and `remove`: who may do what on a township's PostgreSQL
server (`ledger.roles`), which the server itself enforces."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import ledger_path
from ledger.cli.output import say
from ledger.cli.parser import Commands, help_text


def add_commands(commands: Commands) -> None:
    user = commands.add("user", "user")
    users = commands.group(user, "users")

    add = users.add("add", "user_add")
    add.add_argument("name", metavar="NAME", help=help_text("user_name"))
    add.add_argument("--role", choices=("accountant", "auditor"), required=True,
                     help=help_text("user_role"))
    add.add_argument("--ledger", action="append", default=[], metavar="CODE",
                     help=help_text("user_ledger"))
    add.add_argument("--password", metavar="P", help=help_text("user_password"))
    add.set_defaults(run=add_user)

    listed = users.add("list", "user_list")
    listed.set_defaults(run=list_users)

    remove = users.add("remove", "user_remove")
    remove.add_argument("name", metavar="NAME", help=help_text("user_name"))
    remove.set_defaults(run=remove_user)


def _server_address(args) -> str:
    from ledger import stores
    from ledger.errors import LedgerError

    address = ledger_path(args)
    if not stores.is_server(address):
        raise LedgerError("user_not_server")
    return address


def add_user(args) -> int:
    from ledger import roles

    made = roles.add_user(_server_address(args), args.name, args.role, args.ledger,
                          args.password)
    say(i18n.t("user_added", name=made.name, role=i18n.t(f"user_role.{made.role}"),
               ledgers=", ".join(made.ledgers) or "-"))
    return 0


def remove_user(args) -> int:
    from ledger import roles

    gone = roles.remove_user(_server_address(args), args.name)
    say(i18n.t("user_removed", name=gone.name, role=i18n.t(f"user_role.{gone.role}")))
    return 0


def list_users(args) -> int:
    """A line each: name, role, the ledgers he may read (an auditor: every one)."""
    from ledger import roles
    from ledger.errors import LedgerError
    from ledger.stores import postgresql

    address = _server_address(args)
    found = roles.list_users(address)
    if not found:
        raise LedgerError("user_none", address=postgresql.parse(address).shown)
    for user in found:
        say(f"{user.name}\t{user.role}\t{','.join(user.ledgers) or '-'}")
    return 0
