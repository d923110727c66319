"""What people call the canonical columns and files: one table, Chinese names included.

A header cell is matched after `header_key` (full-width forms made plain, spaces and
brackets' style ignored, ASCII in lower case), so 重量（公斤）, 重量(公斤) and 重量/公斤 are
one name. Where one word means different columns in different kinds, `BY_KIND` says so.
"""
from __future__ import annotations

import re
import unicodedata

from ledger.kinds import FILE_BY_NAME, FILE_KINDS, Kind

#: Chinese (and other) names of canonical columns, the same in every kind that has them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("编号", "代码", "编码"),
    "name": ("名称", "姓名"),
    "group": ("组别", "村民小组", "小组", "组"),
    "phone": ("电话", "联系电话", "手机", "手机号"),
    "shares": ("股份", "股数"),
    "note": ("备注", "说明"),
    "start": ("开始", "开始日期", "起始日期"),
    "end": ("结束", "结束日期", "截止日期"),
    "season": ("蚕季", "季别"),
    "owner": ("所有者", "归属"),
    "sheets": ("张数", "蚕种张数", "张"),
    "breed": ("品种", "蚕品种"),
    "hatch": ("收蚁", "收蚁日期"),
    "mount": ("上蔟", "上蔟日期"),
    "harvest": ("采茧", "采茧日期"),
    "date": ("日期", "时间"),
    "batch": ("批次", "蚕批", "蚕批号", "批号"),
    "supplier": ("供应方", "供应商", "供货方"),
    "kg": ("重量/公斤", "重量(公斤)", "重量(kg)", "重量/kg", "重量", "公斤", "净重",
           "净重(公斤)", "净重(kg)", "数量(公斤)"),
    "price": ("单价", "价格", "单价(元)", "单价(元/公斤)", "收购价"),
    "buyer": ("收购方", "收购单位", "买方"),
    "grade": ("等级", "茧级"),
    "deduction": ("扣款", "扣款(元)", "扣杂"),
    "item": ("项目", "品名", "物品"),
    "quantity": ("数量",),
    "unit": ("单位",),
    "amount": ("金额", "金额(元)", "钱数"),
    "payer": ("付款方", "支付方", "雇主"),
    "household": ("农户", "户号", "农户编号"),
    "worker": ("务工人员", "姓名", "工人"),
    "task": ("工种", "工作内容"),
    "rate": ("工价", "单价", "工价(元)"),
    "recipient": ("受助方", "受益方", "领取方"),
    "source": ("来源", "补助来源", "资金来源"),
    "direction": ("方向", "收付方向"),
    "method": ("方式", "付款方式", "结算方式"),
    "memo": ("摘要", "备注", "说明"),
    "voucher": ("凭证", "凭证号", "凭证编号", "凭证字号"),
    "summary": ("摘要",),
    "account": ("科目", "科目代码", "科目编码", "会计科目", "科目编号"),
    "debit": ("借方", "借方金额", "借方金额(元)", "借"),
    "credit": ("贷方", "贷方金额", "贷方金额(元)", "贷"),
    "cost": ("原值", "原值(元)", "资产原值"),
    "life": ("使用年限(月)", "使用月数", "折旧月数", "使用年限"),
    "residual": ("残值", "残值(元)", "预计净残值"),
    "opening_depreciation": ("期初累计折旧", "累计折旧期初", "累计折旧(期初)", "期初累计折旧(元)",
                             "已提折旧"),
    "use": ("用途", "使用部门"),
    "month": ("月份", "折旧月份", "期间"),
    "total": ("合计", "折旧额", "折旧合计", "本月折旧"),
    "year": ("年度", "年份", "会计年度"),
    "reserve_percent": ("公积公益金比例", "提取比例", "提取公积公益金比例(%)", "提取比例(%)"),
    "members": ("向成员分配", "成员分配", "分红总额"),
    "other": ("其他分配",),
    "other_account": ("其他分配科目",),
}

#: Names that mean a different column in a particular kind.
BY_KIND: dict[str, dict[str, str]] = {
    "households": {"户号": "code", "户主": "name", "姓名": "name", "户主姓名": "name"},
    "partners": {"单位名称": "name"},
    "batches": {"户号": "owner", "农户": "owner"},
    "wages": {"单价": "rate", "数量": "quantity"},
    "payments": {"备注": "memo", "说明": "memo"},
    "accounts": {"科目代码": "code", "科目编码": "code", "科目编号": "code",
                 "科目名称": "name", "明细科目": "name"},
    "assets": {"资产编号": "code", "资产名称": "name", "购入日期": "date", "购置日期": "date",
               "折旧科目": "account", "购置凭证": "voucher"},
}

#: Chinese names of the files of each kind (农户.csv, 售茧-2026.xlsx).
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "households": ("农户",),
    "partners": ("合作单位",),
    "seasons": ("蚕季",),
    "batches": ("蚕批", "批次"),
    "leaf": ("桑叶", "桑叶供应"),
    "sales": ("售茧",),
    "inputs": ("投入",),
    "wages": ("工资",),
    "charges": ("收费",),
    "subsidies": ("补助",),
    "payments": ("结算款", "付款"),
    "accounts": ("科目", "会计科目", "明细科目", "科目表"),
    "vouchers": ("凭证", "记账凭证"),
    "assets": ("固定资产", "固定资产登记簿", "固定资产卡片"),
    "depreciation": ("折旧", "计提折旧", "固定资产折旧"),
    "closes": ("年终结账", "年度结账", "收益分配方案"),
}

_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """A header cell as compared: NFKC (full-width to plain), no spaces, ASCII lowercased."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def _column_table(kind: Kind) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in kind.columns:
        table[header_key(column)] = column
        for name in COLUMNS.get(column, ()):
            table.setdefault(header_key(name), column)
    for name, column in BY_KIND.get(kind.name, {}).items():
        table[header_key(name)] = column
    return table


_TABLES = {kind.name: _column_table(kind) for kind in FILE_KINDS}


def canonical_column(kind: Kind, header: str) -> str | None:
    """The canonical column a header cell names in files of `kind`, or None."""
    return _TABLES[kind.name].get(header_key(header))


_KIND_BY_NAME = {header_key(name): kind for kind, names in KIND_NAMES.items() for name in names}
_ENGLISH_STEM = re.compile(r"(?P<kind>[a-z]+)(?:[-_.\s].*)?")


def kind_of_stem(stem: str) -> Kind | None:
    """The kind a file name's stem says (leaf, leaf-2026, 售茧, 售茧2026年春), or None."""
    key = header_key(stem)
    match = _ENGLISH_STEM.fullmatch(key)
    if match and match["kind"] in FILE_BY_NAME:
        return FILE_BY_NAME[match["kind"]]
    for name in sorted(_KIND_BY_NAME, key=len, reverse=True):
        if key.startswith(name):
            return FILE_BY_NAME[_KIND_BY_NAME[name]]
    return None
