"""The chart of accounts: Accounting System for Rural Collective Economic Organizations
(农村集体经济组织会计制度, 2023), the accounts this ledger posts to and their neighbours.

This table is the only place an account code or name is written. Households get
sub-accounts of 113 内部往来 named after their party code (113.H001).
"""
from __future__ import annotations

from dataclasses import dataclass

#: The language of what the program writes into the books themselves (the 摘要 of the
#: vouchers it makes: depreciation, the year-end close): the statutory books are kept in
#: Chinese whoever reads them, so a summary does not depend on the reader's language.
BOOKS_LANGUAGE = "zh"

CASH = "101"
BANK = "102"
INTERNAL = "113"
COCOON_INCOME = "501.01"
LEAF_INCOME = "501.02"
SERVICE_INCOME = "501.03"
SUBSIDY_INCOME = "503"
LEAF_COST = "511.01"
MATERIAL_COST = "511.02"
WAGE_COST = "511.03"
DEPRECIATION_COST = "511.04"
FIXED_ASSETS = "151"
ACCUMULATED_DEPRECIATION = "152"


@dataclass(frozen=True)
class ChartAccount:
    code: str
    zh: str
    en: str
    side: str  # "debit" or "credit": the side its balance normally lies on

    @property
    def parent(self) -> str | None:
        return parent_of(self.code)


CHART: tuple[ChartAccount, ...] = (
    # 资产 assets
    ChartAccount("101", "库存现金", "Cash on hand", "debit"),
    ChartAccount("102", "银行存款", "Bank deposits", "debit"),
    ChartAccount("111", "短期投资", "Short-term investments", "debit"),
    ChartAccount("112", "应收款", "Receivables", "debit"),
    ChartAccount("113", "内部往来", "Internal accounts", "debit"),
    ChartAccount("121", "库存物资", "Inventory", "debit"),
    ChartAccount("131", "消耗性生物资产", "Consumable biological assets", "debit"),
    ChartAccount("132", "生产性生物资产", "Productive biological assets", "debit"),
    ChartAccount("133", "生产性生物资产累计折旧",
                 "Accumulated depreciation of productive biological assets", "credit"),
    ChartAccount("134", "公益性生物资产", "Public-welfare biological assets", "debit"),
    ChartAccount("141", "长期投资", "Long-term investments", "debit"),
    ChartAccount("151", "固定资产", "Fixed assets", "debit"),
    ChartAccount("152", "累计折旧", "Accumulated depreciation", "credit"),
    ChartAccount("153", "在建工程", "Construction in progress", "debit"),
    ChartAccount("154", "固定资产清理", "Fixed assets in disposal", "debit"),
    ChartAccount("161", "无形资产", "Intangible assets", "debit"),
    ChartAccount("162", "累计摊销", "Accumulated amortisation", "credit"),
    ChartAccount("171", "长期待摊费用", "Long-term deferred expenses", "debit"),
    ChartAccount("181", "待处理财产损溢", "Property losses and gains pending", "debit"),
    # 负债 liabilities
    ChartAccount("201", "短期借款", "Short-term loans", "credit"),
    ChartAccount("211", "应付款", "Payables", "credit"),
    ChartAccount("212", "应付工资", "Wages payable", "credit"),
    ChartAccount("213", "应付劳务费", "Labour fees payable", "credit"),
    ChartAccount("214", "应交税费", "Taxes payable", "credit"),
    ChartAccount("221", "长期借款及应付款", "Long-term loans and payables", "credit"),
    ChartAccount("231", "一事一议资金", "One-matter-one-discussion funds", "credit"),
    ChartAccount("241", "专项应付款", "Special payables", "credit"),
    # 所有者权益 equity
    ChartAccount("301", "资本", "Capital", "credit"),
    ChartAccount("311", "公积公益金", "Public accumulation fund", "credit"),
    ChartAccount("321", "本年收益", "Current year's income", "credit"),
    ChartAccount("322", "收益分配", "Income distribution", "debit"),
    ChartAccount("322.01", "收益分配-各项分配", "Income distribution - distributions", "debit"),
    ChartAccount("322.02", "收益分配-未分配收益", "Income distribution - undistributed income",
                 "credit"),
    # 成本 cost
    ChartAccount("401", "生产（劳务）成本", "Production (service) cost", "debit"),
    # 损益 income and expense
    ChartAccount("501", "经营收入", "Operating income", "credit"),
    ChartAccount("501.01", "经营收入-蚕茧", "Operating income - cocoons", "credit"),
    ChartAccount("501.02", "经营收入-桑叶", "Operating income - mulberry leaf", "credit"),
    ChartAccount("501.03", "经营收入-服务费", "Operating income - service fees", "credit"),
    ChartAccount("502", "投资收益", "Investment income", "credit"),
    ChartAccount("503", "补助收入", "Subsidy income", "credit"),
    ChartAccount("504", "其他收入", "Other income", "credit"),
    ChartAccount("511", "经营支出", "Operating expenses", "debit"),
    ChartAccount("511.01", "经营支出-桑叶", "Operating expenses - mulberry leaf", "debit"),
    ChartAccount("511.02", "经营支出-物资", "Operating expenses - materials", "debit"),
    ChartAccount("511.03", "经营支出-工资", "Operating expenses - wages", "debit"),
    ChartAccount("511.04", "经营支出-折旧", "Operating expenses - depreciation", "debit"),
    ChartAccount("512", "税金及附加", "Taxes and surcharges", "debit"),
    ChartAccount("513", "管理费用", "Administrative expenses", "debit"),
    ChartAccount("514", "公益支出", "Public welfare expenses", "debit"),
    ChartAccount("515", "其他支出", "Other expenses", "debit"),
    ChartAccount("521", "所得税费用", "Income tax expense", "debit"),
)

#: The five classes of the chart, by the first digit of a level-1 code.
CLASSES = {"1": "assets", "2": "liabilities", "3": "equity", "4": "cost", "5": "income"}

#: 本年收益 and 收益分配: posted only by the year-end close, never by hand.
YEAR_END_ONLY = ("321", "322")
CURRENT_INCOME = "321"
DISTRIBUTIONS = "322.01"
UNDISTRIBUTED = "322.02"
RESERVE = "311"


def account_class(code: str) -> str:
    """assets, liabilities, equity, cost or income (损益: income and expense)."""
    return CLASSES[code[0]]


def is_income_or_expense(code: str) -> bool:
    """A 损益 account (5xx), whose balance the year-end close carries to 本年收益."""
    return code[0] == "5"


BY_CODE = {account.code: account for account in CHART}


def parent_of(code: str) -> str | None:
    """The level-1 account above a sub-account (113.H001 -> 113); the chart has two
    levels, and a party code may itself contain dots."""
    head, dot, _ = code.partition(".")
    return head if dot else None


def household_account(party_code: str) -> str:
    """The code of a household's sub-account of 113 内部往来."""
    return f"{INTERNAL}.{party_code}"


def account_name(code: str, lang: str, party_name: str | None = None) -> str:
    """An account's name in `lang`; a household sub-account is named after its head."""
    if code in BY_CODE:
        account = BY_CODE[code]
        return account.zh if lang == "zh" else account.en
    parent = BY_CODE[parent_of(code)]
    suffix = party_name or code.partition(".")[2]
    return f"{parent.zh if lang == 'zh' else parent.en}-{suffix}"
