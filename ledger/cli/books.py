"""The collective's whole books on the command line: the chart (`accounts`), a sub-account
added to it (`account add 513.01 电费`), and general vouchers (`voucher add`, `voucher
show`). A voucher is typed as one `--line "SUMMARY,ACCOUNT,DEBIT,CREDIT"` per line, the
same columns as vouchers.csv, and printed with its number (`记-2026-04-0017`)."""
from __future__ import annotations

from ledger import i18n
from ledger.cli.opening import open_ledger, read_ledger
from ledger.cli.output import say
from ledger.cli.parser import Commands, day, help_text


def add_commands(commands: Commands) -> None:
    account = commands.add("account", "account")
    account_commands = commands.group(account, "account")
    add = account_commands.add("add", "account_add")
    add.add_argument("code", metavar="CODE", help=help_text("new_account_code"))
    add.add_argument("name", metavar="NAME", help=help_text("account_name"))
    add.set_defaults(run=add_account)

    chart = commands.add("accounts", "accounts")
    chart.add_argument("--format", choices=("text", "json"), default="text",
                       help=help_text("accounts_format"))
    chart.add_argument("--households", action="store_true",
                       help=help_text("accounts_households"))
    chart.set_defaults(run=show_accounts)

    voucher = commands.add("voucher", "voucher")
    voucher_commands = commands.group(voucher, "voucher")
    post = voucher_commands.add("add", "voucher_add")
    post.add_argument("--date", required=True, metavar="DATE", type=day,
                      help=help_text("voucher_date"))
    post.add_argument("--line", dest="lines", action="append", required=True,
                      metavar="SUMMARY,ACCOUNT,DEBIT,CREDIT", help=help_text("voucher_line"))
    post.add_argument("--attachments", default="0", metavar="N",
                      help=help_text("voucher_attachments"))
    post.set_defaults(run=add_voucher)
    show = voucher_commands.add("show", "voucher_show")
    show.add_argument("ref", metavar="NUMBER|ID", help=help_text("voucher_ref"))
    show.set_defaults(run=show_voucher)


def add_account(args) -> int:
    from ledger import accounts

    open_ledger(args)
    accounts.add(args.code, args.name)
    code = args.code.strip().upper()
    say(i18n.t("account_added", code=code,
               name=accounts.names([code], i18n.language()).get(code, args.name)))
    return 0


def show_accounts(args) -> int:
    import json

    from ledger import accounts
    from ledger.reports import table

    read_ledger(args)
    entries = accounts.listing(households=args.households)
    if args.format == "json":
        say(json.dumps({"accounts": [
            {"code": entry.code, "parent": entry.parent, "name_zh": entry.zh,
             "name_en": entry.en, "side": entry.side, "leaf": entry.leaf,
             "household": entry.household, "added": entry.added, "initials": entry.initials}
            for entry in entries]}, ensure_ascii=False, indent=1))
        return 0
    lang = i18n.language()
    headers = [i18n.t(f"col.{name}") for name in ("account", "account_name", "account_side",
                                                  "leaf")]
    rows = [[entry.code, entry.name(lang), i18n.t(f"side.{entry.side}"),
             "✓" if entry.leaf else ""] for entry in entries]
    say(table.text(headers, rows, numeric_from=len(headers)))
    return 0


def parse_line(text: str) -> dict[str, str]:
    """One `--line`: SUMMARY,ACCOUNT,DEBIT,CREDIT (CSV, so a summary with a comma is
    quoted), one of debit or credit left empty."""
    import csv

    from ledger.errors import LedgerError

    cells = next(csv.reader([text]), [])
    if len(cells) != 4:
        raise LedgerError("bad_voucher_line", line=text)
    summary, account, debit, credit = (cell.strip() for cell in cells)
    return dict(summary=summary, account=account, debit=debit, credit=credit)


def add_voucher(args) -> int:
    from ledger import vouchers

    open_ledger(args)
    lines = [parse_line(text) for text in args.lines]
    general_id = vouchers.post(dict(date=args.date, lines=lines,
                                    attachments=args.attachments))
    say(i18n.t("voucher_posted", id=general_id,
               number=vouchers.number_of(vouchers.KIND, general_id) or ""))
    return 0


def show_voucher(args) -> int:
    from ledger import accounts, money, vouchers
    from ledger.errors import LedgerError
    from ledger.reports import table

    read_ledger(args)
    text = args.ref.strip()
    kind, general_id = (vouchers.KIND, int(text)) if text.isdigit() else vouchers.parse_ref(text)
    if kind != vouchers.KIND:
        raise LedgerError("bad_voucher_ref", ref=text)
    shown = vouchers.show(general_id)
    lang = i18n.language()
    say(i18n.t("voucher_heading", number=shown.number, date=shown.date.isoformat(),
               id=shown.id, attachments=shown.attachments, maker=shown.maker or "-"))
    if shown.reverses is not None:
        say(i18n.t("voucher_reverses", id=shown.reverses))
    if shown.source == "closing":
        say(i18n.t("voucher_closing"))
    named = accounts.names((code for _, code, _, _ in shown.lines), lang)
    rows = [[summary, f"{code} {named.get(code, '')}",
             money.yuan(debit) if debit else "", money.yuan(credit) if credit else ""]
            for summary, code, debit, credit in shown.lines]
    rows.append([i18n.t("voucher_total"), "",
                 money.yuan(sum(line[2] for line in shown.lines)),
                 money.yuan(sum(line[3] for line in shown.lines))])
    headers = [i18n.t(f"col.{name}") for name in ("summary", "account_code", "voucher_debit",
                                                  "voucher_credit")]
    say(table.text(headers, rows, numeric_from=2))
    return 0
