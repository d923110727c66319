"""The words of the whole books in the terminal UI (the voucher form, the vouchers, the
chart of accounts, the books and statements, the fixed assets and the year-end close), in
English and Chinese; registered with `ledger.i18n` on import, like `ledger.tui.texts`."""
from __future__ import annotations

from ledger import i18n

TEXTS: dict[str, tuple[str, str]] = {
    # the voucher form
    "vform.title": ("Voucher (记账凭证)", "记账凭证"),
    "vform.add_line": ("Add line", "加一行"),
    "vform.account_name": ("account name", "科目名称"),
    "vform.line": ("line {number}", "第 {number} 行"),
    "vform.totals": ("Debit total {debit} · credit total {credit} · difference {difference}",
                     "借方合计 {debit} · 贷方合计 {credit} · 差额 {difference}"),
    "vform.balanced": ("balanced", "借贷平衡"),
    "vform.more_debit": ("debits exceed credits", "借方大于贷方"),
    "vform.more_credit": ("credits exceed debits", "贷方大于借方"),
    "vform.saved": ("Voucher {number} saved ({amount} yuan)",
                    "凭证 {number} 已保存（{amount} 元）"),
    "vform.saved_next": ("Saved as {number} ({amount} yuan). Type the next voucher, or Esc "
                         "to close.", "已保存为 {number}（{amount} 元）。可继续填写下一张，"
                         "Esc 关闭。"),
    "vform.discard_title": ("Discard this voucher?", "放弃这张凭证？"),
    "vform.discard_text": ("What you typed has not been saved and will be lost. Enter: "
                           "discard it · Esc: go back to the form",
                           "填写的内容尚未保存，放弃后将丢失。回车：放弃 · Esc：返回继续填写"),
    "vform.keys": ("Tab/Enter: next cell · account: code, name or pinyin initials · "
                   "= in an amount: the difference · ^N: add a line · ^S: save · Esc: close",
                   "Tab/回车：下一格 · 科目：编号、名称或拼音首字母 · 金额填 =：补齐差额 · "
                   "^N：加一行 · ^S：保存 · Esc：关闭"),
    # the vouchers list and one voucher
    "tui.screen.vouchers": ("Vouchers", "记账凭证"),
    "books.key.vouchers": ("Vouchers", "凭证"),
    "books.key.new_voucher": ("New voucher", "填凭证"),
    "books.key.open": ("Open", "查看"),
    "books.key.reverse": ("Reverse", "红字冲销"),
    "books.col.number": ("No.", "凭证号"),
    "books.col.date": ("date", "日期"),
    "books.col.summary": ("summary", "摘要"),
    "books.col.amount": ("amount", "金额"),
    "books.col.attachments": ("att.", "附件"),
    "books.col.status": ("note", "备注"),
    "tui.vouchers.reverses": ("reverses {number}", "冲销 {number}"),
    "tui.vouchers.reversed_by": ("reversed by {number}", "已由 {number} 冲销"),
    "tui.vouchers.closing": ("year-end close", "年终结账"),
    "tui.vouchers.empty": ("No vouchers yet: press n to fill one in",
                           "还没有记账凭证：按 n 填一张"),
    "tui.gvoucher.head": ("{number} · {date} · {attachments} attachment(s) · made by {maker}",
                          "{number} · {date} · 附单据 {attachments} 张 · 制单 {maker}"),
    "tui.gvoucher.total": ("Total", "合计"),
    "tui.gvoucher.keys": ("r: reverse (红字冲销) · Esc: back", "r：红字冲销 · Esc：返回"),
    "tui.gvoucher.reversal_title": ("Reverse voucher {number}", "红字冲销凭证 {number}"),
    "tui.gvoucher.reversal_explain": (
        "A reversing voucher with the same lines in red is posted; the original stays. "
        "Leave the date empty to reverse on the original's date.",
        "将记一张金额为红字的相同凭证冲销原凭证，原凭证保留。日期留空则记在原凭证日期。"),
    "tui.gvoucher.reversed": ("Voucher {number} reversed by {by}",
                              "凭证 {number} 已由 {by} 红字冲销"),
    "tui.gvoucher.not_reversible": ("{number} cannot be reversed: {why}",
                                    "{number} 不能冲销：{why}"),
    "tui.gvoucher.is_reversal": ("it is itself a reversal", "它本身是冲销凭证"),
    "tui.gvoucher.already": ("it was reversed by {by}", "已由 {by} 冲销"),
    "tui.field.reversal_date": ("date", "冲销日期"),
    # the chart of accounts
    "tui.screen.accounts": ("Chart of accounts", "科目表"),
    "books.key.accounts": ("Accounts", "科目"),
    "books.key.households_toggle": ("Households' accounts", "显示农户往来"),
    "books.key.add_account": ("Add sub-account", "加明细科目"),
    "books.col.code": ("code", "科目编号"),
    "books.col.name": ("name", "科目名称"),
    "books.col.side": ("side", "方向"),
    "books.col.debits": ("debits", "借方累计"),
    "books.col.credits": ("credits", "贷方累计"),
    "books.col.balance": ("balance", "余额"),
    "books.side.debit": ("Dr", "借"),
    "books.side.credit": ("Cr", "贷"),
    "books.side.none": ("nil", "平"),
    "books.accounts.class.assets": ("Assets", "资产类"),
    "books.accounts.class.liabilities": ("Liabilities", "负债类"),
    "books.accounts.class.equity": ("Equity", "所有者权益类"),
    "books.accounts.class.cost": ("Cost", "成本类"),
    "books.accounts.class.income": ("Income and expense", "损益类"),
    "books.accounts.detail": ("{code} {name} · balance {balance} ({side}) · {leaf}",
                            "{code} {name} · 余额 {balance}（{side}）· {leaf}"),
    "books.accounts.leaf": ("vouchers post to it", "可记账"),
    "books.accounts.parent": ("has sub-accounts: post to one of them", "有明细科目，记到明细科目"),
    "books.accounts.year_end": ("posted by the year-end close only", "只由年终结账记账"),
    # the palette
    "tui.cmd.vouchers": ("Vouchers: the list, open, reverse", "记账凭证：列表、查看、冲销"),
    "tui.cmd.new_voucher": ("Fill in a voucher (记账凭证)", "填一张记账凭证"),
    "tui.cmd.accounts": ("Chart of accounts, with balances", "科目表（含余额）"),
}

i18n.register(TEXTS)
