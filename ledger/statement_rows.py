"""The rows of the statutory statements: each row's key, its Chinese and English label, its
行次 (line number) and its formula over account codes.

This table is the only place a statement's rows are written: a province's variant of the
资产负债表 or the 收益及收益分配表 (other labels, other line numbers, a row split in two)
is a change of this one file. `ledger.statements` evaluates the formulas.

A formula is a tuple of terms, each a sign (`+` or `-`, which may be left out before `=`)
followed by
- an account code (`101`, `513.01`): its balance (or, in the income statement, its
  movement) on the account's own normal side, sub-accounts included, so `+151 -152` is
  cost less accumulated depreciation and `-511` takes an expense off an income;
- `113>` or `113<`: the sum of the 113 内部往来 sub-accounts with a debit balance
  (what households owe the collective), or of those with a credit balance (what the
  collective owes them), each as a positive amount;
- `=KEY`: another row of the same statement, already computed.
A row whose formula is empty is computed by `ledger.statements` itself (the distribution
part of the income statement, which reads the year-end close's vouchers).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatementRow:
    key: str
    zh: str
    en: str
    line: int  # 行次
    formula: tuple[str, ...] = ()
    section: str = ""  # balance sheet: assets | liabilities | equity
    total: bool = False  # a subtotal or total, printed as one

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _row(key, zh, en, line, formula="", section="", total=False) -> StatementRow:
    return StatementRow(key, zh, en, line, tuple(formula.split()), section, total)


#: 资产负债表 (balance sheet): balances at the start and the end of the year.
BALANCE_SHEET: tuple[StatementRow, ...] = (
    _row("monetary_funds", "货币资金", "Monetary funds", 1, "+101 +102", "assets"),
    _row("short_investments", "短期投资", "Short-term investments", 2, "+111", "assets"),
    _row("receivables", "应收款项", "Receivables", 3, "+112 +113>", "assets"),
    _row("inventories", "存货", "Inventories", 4, "+121 +401", "assets"),
    _row("consumable_biological", "消耗性生物资产", "Consumable biological assets", 5, "+131",
         "assets"),
    _row("current_assets", "流动资产合计", "Total current assets", 10,
         "=monetary_funds =short_investments =receivables =inventories =consumable_biological",
         "assets", True),
    _row("long_term_investments", "长期投资", "Long-term investments", 11, "+141", "assets"),
    _row("productive_biological_net", "生产性生物资产净值", "Productive biological assets, net",
         12, "+132 -133", "assets"),
    _row("public_biological", "公益性生物资产", "Public-welfare biological assets", 13, "+134",
         "assets"),
    _row("fixed_assets_cost", "固定资产原价", "Fixed assets at cost", 14, "+151", "assets"),
    _row("accumulated_depreciation", "减：累计折旧", "Less: accumulated depreciation", 15, "+152",
         "assets"),
    _row("fixed_assets_net", "固定资产净值", "Fixed assets, net", 16,
         "=fixed_assets_cost -=accumulated_depreciation", "assets"),
    _row("construction_in_progress", "在建工程", "Construction in progress", 17, "+153",
         "assets"),
    _row("fixed_assets_disposal", "固定资产清理", "Fixed assets in disposal", 18, "+154",
         "assets"),
    _row("intangible_net", "无形资产净值", "Intangible assets, net", 19, "+161 -162", "assets"),
    _row("long_term_deferred", "长期待摊费用", "Long-term deferred expenses", 20, "+171",
         "assets"),
    _row("pending_losses", "待处理财产损溢", "Property losses and gains pending", 21, "+181",
         "assets"),
    _row("non_current_assets", "非流动资产合计", "Total non-current assets", 25,
         "=long_term_investments =productive_biological_net =public_biological "
         "=fixed_assets_net =construction_in_progress =fixed_assets_disposal =intangible_net "
         "=long_term_deferred =pending_losses", "assets", True),
    _row("total_assets", "资产总计", "Total assets", 30, "=current_assets =non_current_assets",
         "assets", True),
    _row("short_term_loans", "短期借款", "Short-term loans", 31, "+201", "liabilities"),
    _row("payables", "应付款项", "Payables", 32, "+211 +113<", "liabilities"),
    _row("wages_payable", "应付工资", "Wages payable", 33, "+212", "liabilities"),
    _row("labour_payable", "应付劳务费", "Labour fees payable", 34, "+213", "liabilities"),
    _row("taxes_payable", "应交税费", "Taxes payable", 35, "+214", "liabilities"),
    _row("current_liabilities", "流动负债合计", "Total current liabilities", 40,
         "=short_term_loans =payables =wages_payable =labour_payable =taxes_payable",
         "liabilities", True),
    _row("long_term_loans", "长期借款及应付款", "Long-term loans and payables", 41, "+221",
         "liabilities"),
    _row("one_matter_funds", "一事一议资金", "One-matter-one-discussion funds", 42, "+231",
         "liabilities"),
    _row("special_payables", "专项应付款", "Special payables", 43, "+241", "liabilities"),
    _row("non_current_liabilities", "非流动负债合计", "Total non-current liabilities", 45,
         "=long_term_loans =one_matter_funds =special_payables", "liabilities", True),
    _row("total_liabilities", "负债合计", "Total liabilities", 50,
         "=current_liabilities =non_current_liabilities", "liabilities", True),
    _row("capital", "资本", "Capital", 51, "+301", "equity"),
    _row("reserve_fund", "公积公益金", "Public accumulation fund", 52, "+311", "equity"),
    # 322 keeps its balance on the debit side: what is left undistributed is a credit.
    _row("undistributed", "未分配收益", "Undistributed income", 53,
         "+321 -322 +501 +502 +503 +504 -511 -512 -513 -514 -515 -521", "equity"),
    _row("total_equity", "所有者权益合计", "Total owners' equity", 55,
         "=capital =reserve_fund =undistributed", "equity", True),
    _row("total_liabilities_and_equity", "负债和所有者权益总计",
         "Total liabilities and owners' equity", 60, "=total_liabilities =total_equity",
         "equity", True),
)

#: 收益及收益分配表 (income statement and distribution): the year's movements without the
#: year-end close's vouchers, then the distribution, which reads them.
INCOME_STATEMENT: tuple[StatementRow, ...] = (
    _row("operating_income", "一、经营收入", "Operating income", 1, "+501"),
    _row("investment_income", "加：投资收益", "Add: investment income", 2, "+502"),
    _row("operating_expenses", "减：经营支出", "Less: operating expenses", 3, "+511"),
    _row("taxes_and_surcharges", "税金及附加", "Taxes and surcharges", 4, "+512"),
    _row("administrative_expenses", "管理费用", "Administrative expenses", 5, "+513"),
    _row("operating_profit", "二、经营收益", "Operating profit", 6,
         "=operating_income =investment_income -=operating_expenses -=taxes_and_surcharges "
         "-=administrative_expenses", total=True),
    _row("subsidy_income", "加：补助收入", "Add: subsidy income", 7, "+503"),
    _row("other_income", "其他收入", "Other income", 8, "+504"),
    _row("public_welfare_expenses", "减：公益支出", "Less: public welfare expenses", 9, "+514"),
    _row("other_expenses", "其他支出", "Other expenses", 10, "+515"),
    _row("total_profit", "三、收益总额", "Total profit", 11,
         "=operating_profit =subsidy_income =other_income -=public_welfare_expenses "
         "-=other_expenses", total=True),
    _row("income_tax", "减：所得税费用", "Less: income tax expense", 12, "+521"),
    _row("net_income", "四、净收益", "Net income", 13, "=total_profit -=income_tax", total=True),
    _row("opening_undistributed", "加：年初未分配收益", "Add: undistributed income at the start "
         "of the year", 14),
    _row("transfers_in", "其他转入", "Other transfers in", 15),
    _row("distributable", "五、可分配收益", "Distributable income", 16,
         "=net_income =opening_undistributed =transfers_in", total=True),
    _row("reserve", "减：提取公积公益金", "Less: public accumulation fund", 17),
    _row("member_distribution", "向成员分配", "Distributed to members", 18),
    _row("other_distribution", "其他", "Other distributions", 19),
    _row("closing_undistributed", "六、年末未分配收益", "Undistributed income at the end of "
         "the year", 20, "=distributable -=reserve -=member_distribution -=other_distribution",
         total=True),
)
