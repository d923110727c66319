"""The entry forms' and wage sheet's own texts: key -> (English, 中文).

Field and record-kind names come from `ledger.messages` (`field.*`, `kind.*`); only what
the forms add is here, registered with `ledger.i18n` when the forms are imported.
"""
from __future__ import annotations

from ledger import i18n

TEXTS: dict[str, tuple[str, str]] = {
    "form.title": ("New {kind}", "新增{kind}"),
    "form.title_season": ("New {kind} · season {season}", "新增{kind} · 蚕季 {season}"),
    "form.save": ("Save", "保存"),
    "form.cancel": ("Cancel", "取消"),
    "form.next": ("Next field", "下一项"),
    "form.optional": ("optional", "选填"),
    "form.date_placeholder": ("2026-04-05, 4-5 or today", "2026-04-05、4月5日、今天"),
    "form.not_a_choice": ("“{value}” is none of: {choices}", "“{value}”不是可选项：{choices}"),
    "form.unlisted": ("not on the list: Ctrl+L adds it", "不在清单中：按 Ctrl+L 加入"),
    "form.add_to_list": ("Add to list", "加入清单"),
    "tui.list_unlisted.grades": (
        "“{value}” is not on the list of cocoon grades: pick one shown, or press Ctrl+L "
        "to add it", "“{value}”不在茧等级清单中：请选用列出的等级，或按 Ctrl+L 加入清单"),
    "tui.list_unlisted.input_items": (
        "“{value}” is not on the list of input items: pick one shown, or press Ctrl+L "
        "to add it", "“{value}”不在投入品项目清单中：请选用列出的项目，或按 Ctrl+L 加入清单"),
    "tui.list_unlisted.charge_items": (
        "“{value}” is not on the list of charge items: pick one shown, or press Ctrl+L "
        "to add it", "“{value}”不在收费项目清单中：请选用列出的项目，或按 Ctrl+L 加入清单"),
    "list.title": ("The list of {list}", "{list}清单"),
    "list.add": ("add", "新增"),
    "list.explain": ("A form takes only the words on this list. A word added is kept, with "
                     "who added it and when, in the audit trail.",
                     "录入表只接受清单中的词。新增的词连同新增人和时间记入操作日志。"),
    "list.keys": ("Enter: add the word to the list · Esc: back, adding nothing",
                  "回车：加入清单 · Esc：返回，不加入"),
    "list.added": ("“{word}” added to the list of {list}", "已把“{word}”加入{list}清单"),
    "form.no_match": ("no such code yet", "没有这个编号"),
    "form.yuan": ("yuan", "元"),
    "form.amount_pending": ("shown when the figures are filled in", "填好数量和单价后显示"),
    "form.refused": ("Not saved: {count} problem(s); see the fields marked",
                     "未保存：{count} 个问题，见标出的项"),
    "form.db_error": ("Not saved, nothing changed: the ledger could not be written ({reason})",
                      "未保存，账本未改动：无法写入账本（{reason}）"),
    "form.keys": ("Tab / Shift+Tab: next / previous field · →: accept completion · "
                  "↑ ↓: step through choices · Enter or Ctrl+S: save · Esc: cancel",
                  "Tab / Shift+Tab：下一项 / 上一项 · →：接受补全 · ↑ ↓：换选项 · "
                  "回车或 Ctrl+S：保存 · Esc：取消"),
    "sheet.title": ("Wage sheet · season {season}", "工资表 · 蚕季 {season}"),
    "sheet.from": ("first day", "起始日期"),
    "sheet.days": ("days", "天数"),
    "sheet.days_range": ("1 to 7 days", "天数应为 1 至 7"),
    "sheet.add_row": ("Add worker", "添加人员"),
    "sheet.clear_cell": ("Clear cell", "清除"),
    "sheet.total_days": ("total", "合计"),
    "sheet.summary": ("{cells} wage(s), {quantity} days, {amount} yuan",
                      "{cells} 条工资，共 {quantity} 天，{amount} 元"),
    "sheet.empty": ("Nothing to save: type the days worked in the grid",
                    "没有可保存的内容：请在表中填写出勤天数"),
    "sheet.problem": ("row {row}, {column}: {reason}", "第 {row} 行，{column}：{reason}"),
    "sheet.keys": ("Type days worked (1, 0.5) · Tab: across the row · Enter: next worker · "
                   "arrows move · Del clears · Ctrl+N adds a worker · Ctrl+S saves all · "
                   "Esc cancels",
                   "输入出勤天数（1、0.5）· Tab：向右 · 回车：下一位 · 方向键移动 · Del 清除 · "
                   "Ctrl+N 添加人员 · Ctrl+S 全部保存 · Esc 取消"),
}
i18n.register(TEXTS)

