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
    "books.account.title": ("New sub-account (明细科目)", "新增明细科目"),
    "books.account.name_placeholder": ("its own name: 电费", "本科目名称：电费"),
    "books.account.parent_hint": ("the parent's code, a dot, then 1 to 8 letters or digits: "
                                  "513.01", "上级科目编号加点和 1 至 8 位字母或数字：513.01"),
    "books.account.added": ("Sub-account {code} {name} added", "已添加明细科目 {code} {name}"),
    # the books and statements
    "tui.screen.books": ("Books and statements", "账簿与报表"),
    "books.key.books": ("Books", "账簿报表"),
    "books.key.choose": ("Choose", "选择报表"),
    "books.key.write": ("Print / save", "打印/导出"),
    "books.report.trial_balance": ("Trial balance (科目余额表)", "科目余额表"),
    "books.report.cash_book": ("Cash book", "现金日记账"),
    "books.report.bank_book": ("Bank book", "银行存款日记账"),
    "books.report.account_ledger": ("Account ledger", "明细账"),
    "books.report.general_ledger": ("General ledger", "总账"),
    "books.report.balance_sheet": ("Balance sheet", "资产负债表"),
    "books.report.income_statement": ("Income statement", "收益及收益分配表"),
    "books.report.distribution": ("Distribution", "收益分配表"),
    "books.period_placeholder": ("2026-04, 2026-Q2, 2026", "2026-04、2026-Q2、2026"),
    "books.account_placeholder": ("account: code, name, pinyin", "科目：编号、名称、拼音"),
    "books.note.period": ("Period: a month 2026-04, a quarter 2026-Q2 or a year 2026 · "
                          "f: choose · p: print or save · P: print",
                          "期间：月 2026-04、季 2026-Q2、年 2026 · f：选择 · p：打印或导出 · "
                          "P：打印"),
    "books.note.yearly": ("A year's statement: the year of the period typed · f: choose · "
                          "p: print or save · P: print", "年度报表：取所填期间的年度 · f：选择 · "
                          "p：打印或导出 · P：打印"),
    "books.pick.form": ("Print it, or write it as", "打印，或导出为"),
    "books.form.print": ("Print (PDF to the printer)", "打印（PDF 送往打印机）"),
    "books.form.pdf": ("PDF for printing (A4)", "PDF（A4 打印）"),
    "books.form.html": ("HTML", "网页 HTML"),
    "books.form.xlsx": ("Workbook (xlsx)", "电子表格 xlsx"),
    "books.form.txt": ("Text (80 columns)", "文本（80 列）"),
    "tui.books.bad_period": ("'{value}' is no period: write a month 2026-04, a quarter "
                             "2026-Q2 or a year 2026", "“{value}”不是期间：请写月份 2026-04、"
                             "季度 2026-Q2 或年度 2026"),
    "tui.books.needs_account": ("Type the account whose ledger to show (code, name or "
                                "pinyin initials), then Enter",
                                "请填写要查看明细账的科目（编号、名称或拼音首字母），再按回车"),
    # the fixed assets
    "tui.screen.assets": ("Fixed assets", "固定资产"),
    "books.key.assets": ("Fixed assets", "固定资产"),
    "books.key.add_asset": ("Add asset", "新增资产"),
    "books.key.depreciate": ("Depreciate a month", "计提折旧"),
    "books.key.post": ("Post", "记账"),
    "books.col.asset": ("asset", "资产名称"),
    "books.col.asset_code": ("code", "资产编号"),
    "books.col.acquired": ("acquired", "取得"),
    "books.col.cost": ("cost", "原值"),
    "books.col.monthly": ("a month", "月折旧额"),
    "books.col.accumulated": ("depreciated", "累计折旧"),
    "books.col.net": ("net value", "净值"),
    "books.col.charge": ("charge", "本月折旧"),
    "books.assets.empty": ("No fixed assets yet: press n to add one",
                           "还没有固定资产：按 n 添加"),
    "books.assets.detail": ("{code} {name} · acquired {acquired} · {life} months · residual "
                            "{residual} · {use} → {account} · {months} month(s) depreciated · "
                            "{bought}", "{code} {name} · {acquired} 取得 · {life} 个月 · 残值 "
                            "{residual} · {use} → {account} · 已提 {months} 个月 · {bought}"),
    "books.assets.bought": ("bought by {voucher}", "购置凭证 {voucher}"),
    "books.assets.opening": ("in the opening balances", "期初已有"),
    "books.assets.opening_with": ("in the opening balances, {amount} depreciated before",
                                  "期初已有，期初累计折旧 {amount}"),
    "books.assets.form_title_opening": ("New fixed asset already in the opening balances "
                                        "(no purchase is posted)",
                                        "新增期初已有的固定资产（不记购置凭证）"),
    "books.assets.opening_box": ("in the opening balances", "期初已有"),
    "books.assets.opening_hint": ("what the old books depreciated (in 152's opening)",
                                  "原账已提折旧，含在 152 期初余额中"),
    "books.assets.form_title": ("New fixed asset (its purchase is posted with it)",
                                "新增固定资产（同时记购置凭证）"),
    "books.assets.form_keys": ("Tab: next field · Enter or Ctrl+S: save · Esc: cancel",
                               "Tab：下一项 · 回车或 Ctrl+S：保存 · Esc：取消"),
    "books.assets.added": ("Fixed asset {code} {name} added", "已添加固定资产 {code} {name}"),
    "books.asset_field.code": ("code", "资产编号"),
    "books.asset_field.name": ("name", "资产名称"),
    "books.asset_field.date": ("acquired", "取得日期"),
    "books.asset_field.cost": ("cost", "原值"),
    "books.asset_field.life": ("life (months)", "使用月数"),
    "books.asset_field.residual": ("residual", "残值"),
    "books.asset_field.use": ("use", "用途"),
    "books.asset_field.paid_from": ("paid from", "付款科目"),
    "books.asset_field.opening": ("opening", "期初"),
    "books.asset_field.opening_depreciation": ("opening depr.", "期初累计折旧"),
    "books.discard_title": ("Discard what you typed?", "放弃填写的内容？"),
    "books.discard_text": ("It has not been saved and will be lost. Enter: discard it · "
                           "Esc: go back", "内容尚未保存，放弃后将丢失。回车：放弃 · Esc：返回"),
    "books.depreciation.title": ("Depreciate a month (计提折旧)", "计提折旧"),
    "books.depreciation.month": ("month", "月份"),
    "books.depreciation.preview": ("{month}: {count} asset(s), {total} yuan, one voucher "
                                   "dated {date}; nothing is written until Ctrl+S",
                                   "{month}：{count} 项资产，共 {total} 元，记一张凭证，日期 "
                                   "{date}；按 Ctrl+S 才记账"),
    "books.depreciation.posted": ("Depreciation for {month} posted: {voucher}, {total} yuan",
                                  "已计提 {month} 折旧：{voucher}，{total} 元"),
    "books.depreciation.keys": ("Enter: preview the month · Ctrl+S: post it · Esc: cancel",
                                "回车：预览该月 · Ctrl+S：记账 · Esc：取消"),
    "tui.vouchers.depreciation": ("depreciation", "计提折旧"),
    # the year-end close
    "tui.screen.year_end": ("Year-end close (年终结账)", "年终结账"),
    "books.key.year_end": ("Year-end close", "年终结账"),
    "books.key.close_year": ("Close the year", "结账"),
    "books.key.reopen_year": ("Reopen the year", "反结账"),
    "books.year_end.year": ("year", "年度"),
    "books.year_end.reserve": ("reserve %", "公积公益金%"),
    "books.year_end.members": ("to members", "向成员分配"),
    "books.year_end.other": ("other", "其他分配"),
    "books.year_end.other_account": ("other's account", "其他分配科目"),
    "books.year_end.explain": ("Type the reserve percent and the members' amount, then Enter "
                               "to see the plan and every household's dividend; nothing is "
                               "written until you confirm.",
                               "填写公积公益金比例和向成员分配金额，按回车预览分配方案和每户分红；"
                               "确认前不会写入任何内容。"),
    "books.year_end.income": ("Net income {net} · undistributed at the start {opening} · "
                              "distributable {distributable}",
                              "本年收益 {net} · 年初未分配收益 {opening} · 可分配收益 "
                              "{distributable}"),
    "books.year_end.distributed": ("Reserve ({percent}%) {reserve} · to members {members} · "
                                   "other {other} · undistributed at the end {closing}",
                                   "提取公积公益金（{percent}%）{reserve} · 向成员分配 {members} · "
                                   "其他分配 {other} · 年末未分配收益 {closing}"),
    "books.year_end.ready": ("The plan can be posted: Ctrl+S to close the year",
                             "方案可以记账：按 Ctrl+S 结账"),
    "books.year_end.confirm_title": ("Close the year {year}?", "对 {year} 年年终结账？"),
    "books.year_end.confirm_text": ("{count} closing vouchers dated {year}-12-31: {reserve} to "
                                    "the reserve fund, {members} to {households} households by "
                                    "shares; then {year} is locked. Enter: close · Esc: back",
                                    "将记 {count} 张结账凭证（日期 {year}-12-31）：提取公积公益金 "
                                    "{reserve}，按股份向 {households} 户分配 {members}；然后锁定 "
                                    "{year} 年度。回车：结账 · Esc：返回"),
    "books.year_end.working": ("Checking the books and closing {year}…",
                               "正在检查账目并对 {year} 年结账…"),
    "books.year_end.closed": ("The year {year} is closed: {reserve} to the reserve fund, "
                              "{members} to the members", "{year} 年已年终结账：提取公积公益金 "
                              "{reserve}，向成员分配 {members}"),
    "books.year_end.not_closed": ("The year {year} is not closed", "{year} 年尚未年终结账"),
    "books.year_end.reopen_title": ("Reopen the year {year}", "{year} 年反结账"),
    "books.year_end.reopen_explain": ("Its closing vouchers are reversed (红字冲销) and the year "
                                      "is unlocked; the audit trail keeps the reason.",
                                      "将红字冲销该年度的结账凭证并解除锁定；原因记入操作日志。"),
    "books.year_end.reopened": ("The year {year} is reopened: {count} closing vouchers "
                                "reversed", "{year} 年已反结账：{count} 张结账凭证已红字冲销"),
    "books.year_end.keys": ("Enter: preview · Ctrl+S: close the year · Ctrl+R: reopen it · "
                            "Esc: back", "回车：预览 · Ctrl+S：结账 · Ctrl+R：反结账 · Esc：返回"),
    "books.col.household": ("household", "户号"),
    "books.col.head": ("head", "户主"),
    "books.col.shares": ("shares", "股份"),
    "books.col.dividend": ("dividend", "分红"),
    # the palette
    "tui.cmd.vouchers": ("Vouchers: the list, open, reverse", "记账凭证：列表、查看、冲销"),
    "tui.cmd.new_voucher": ("Fill in a voucher (记账凭证)", "填一张记账凭证"),
    "tui.cmd.accounts": ("Chart of accounts, with balances", "科目表（含余额）"),
    "tui.cmd.year_end": ("Year-end close: plan, dividends, confirm",
                         "年终结账：分配方案、分红预览、确认"),
    "tui.cmd.depreciate": ("Depreciate a month's fixed assets", "计提固定资产折旧"),
}

i18n.register(TEXTS)
