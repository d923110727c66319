"""The rules every record must obey (docs/formats.md and docs/accounting.md), checked through the
service layer as a user meets them: each refusal names the record, the field and the reason,
in English and in Chinese, and leaves the ledger as it was."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from helpers import SEASON, build_village, rows, table_counts, valid, voucher_lines
from ledger import book, models
from ledger.errors import RecordRefused


@pytest.fixture(autouse=True)
def village(memory_ledger):
    build_village()
    return memory_ledger


def refuse(kind: str, values) -> RecordRefused:
    """Record `values`, expecting a refusal that writes nothing."""
    before = table_counts()
    with pytest.raises(RecordRefused) as caught:
        book.record(kind, values)
    assert table_counts() == before
    return caught.value


def refuse_many(groups) -> RecordRefused:
    before = table_counts()
    with pytest.raises(RecordRefused) as caught:
        book.record_many(groups)
    assert table_counts() == before
    return caught.value


def as_text(params: dict) -> dict[str, str]:
    """Parameters as the message shows them (Decimal('NaN') is not even equal to itself)."""
    return {name: str(value) for name, value in params.items()}


# kind, changed fields, field, reason, params, English, Chinese
CASES = [
    # -- references that do not exist ---------------------------------------------------
    ("leaf", dict(supplier="H999"), "supplier", "unknown_party", dict(code="H999"),
     "leaf delivery: supplier: no household or partner with code H999",
     "桑叶供应: 供应方: 没有编号为 H999 的农户或合作单位"),
    ("batches", dict(owner="H999"), "owner", "unknown_party", dict(code="H999"),
     "batch: owner: no household or partner with code H999",
     "蚕批: 所有者: 没有编号为 H999 的农户或合作单位"),
    ("wages", dict(household="H999"), "household", "unknown_party", dict(code="H999"),
     "wage: household: no household or partner with code H999",
     "工资: 农户: 没有编号为 H999 的农户或合作单位"),
    ("charges", dict(season="2030-9"), "season", "unknown_season", dict(code="2030-9"),
     "charge: season: no season with code 2030-9",
     "收费: 蚕季: 没有编号为 2030-9 的蚕季"),
    ("batches", dict(season="2030-9"), "season", "unknown_season", dict(code="2030-9"),
     "batch: season: no season with code 2030-9",
     "蚕批: 蚕季: 没有编号为 2030-9 的蚕季"),
    ("sales", dict(batch="B99"), "batch", "unknown_batch", dict(code="B99"),
     "cocoon sale: batch: no batch with code B99",
     "售茧: 蚕批: 没有编号为 B99 的蚕批"),
    # -- dates ----------------------------------------------------------------------------
    ("payments", dict(date="2026-05-16"), "date", "outside_season",
     dict(date="2026-05-16", season=SEASON, start="2026-04-01", end="2026-05-15"),
     "payment: date: 2026-05-16 is outside season 2026-1 (2026-04-01 to 2026-05-15)",
     "结算款: 日期: 2026-05-16 不在蚕季 2026-1（2026-04-01 至 2026-05-15）之内"),
    ("leaf", dict(date="2026-03-31"), "date", "outside_season",
     dict(date="2026-03-31", season=SEASON, start="2026-04-01", end="2026-05-15"),
     "leaf delivery: date: 2026-03-31 is outside season 2026-1 (2026-04-01 to 2026-05-15)",
     "桑叶供应: 日期: 2026-03-31 不在蚕季 2026-1（2026-04-01 至 2026-05-15）之内"),
    ("batches", dict(hatch="2026-03-30", mount="", harvest=""), "hatch", "outside_season",
     dict(date="2026-03-30", season=SEASON, start="2026-04-01", end="2026-05-15"),
     "batch: hatch: 2026-03-30 is outside season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕批: 收蚁: 2026-03-30 不在蚕季 2026-1（2026-04-01 至 2026-05-15）之内"),
    ("batches", dict(harvest="2026-05-16"), "harvest", "outside_season",
     dict(date="2026-05-16", season=SEASON, start="2026-04-01", end="2026-05-15"),
     "batch: harvest: 2026-05-16 is outside season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕批: 采茧: 2026-05-16 不在蚕季 2026-1（2026-04-01 至 2026-05-15）之内"),
    ("charges", dict(date="2026-02-30"), "date", "bad_date", dict(value="2026-02-30"),
     "charge: date: '2026-02-30' is not a date (YYYY-MM-DD)",
     "收费: 日期: “2026-02-30”不是日期（应为 YYYY-MM-DD）"),
    ("charges", dict(date="2026/04/20"), "date", "bad_date", dict(value="2026/04/20"),
     "charge: date: '2026/04/20' is not a date (YYYY-MM-DD)",
     "收费: 日期: “2026/04/20”不是日期（应为 YYYY-MM-DD）"),
    ("batches", dict(hatch="2026-04-10", mount="2026-04-09", harvest=""), "mount",
     "mount_before_hatch", dict(hatch="2026-04-10"),
     "batch: mount: mount is before hatch (2026-04-10)",
     "蚕批: 上蔟: 上蔟日期早于收蚁日期（2026-04-10）"),
    ("batches", dict(mount="2026-05-05", harvest="2026-05-04"), "harvest",
     "harvest_before_mount", dict(mount="2026-05-05"),
     "batch: harvest: harvest is before mount (2026-05-05)",
     "蚕批: 采茧: 采茧日期早于上蔟日期（2026-05-05）"),
    ("batches", dict(hatch="2026-04-10", mount="", harvest="2026-04-09"), "harvest",
     "harvest_before_hatch", dict(hatch="2026-04-10"),
     "batch: harvest: harvest is before hatch (2026-04-10)",
     "蚕批: 采茧: 采茧日期早于收蚁日期（2026-04-10）"),
    # -- weights, sheets and quantities must be positive ---------------------------------
    ("leaf", dict(kg="0"), "kg", "must_be_positive", {},
     "leaf delivery: kg: must be greater than zero", "桑叶供应: 重量(公斤): 应大于零"),
    ("leaf", dict(kg="-1.5"), "kg", "must_be_positive", {},
     "leaf delivery: kg: must be greater than zero", "桑叶供应: 重量(公斤): 应大于零"),
    ("sales", dict(kg="0.000"), "kg", "must_be_positive", {},
     "cocoon sale: kg: must be greater than zero", "售茧: 重量(公斤): 应大于零"),
    ("batches", dict(sheets="0"), "sheets", "must_be_positive", {},
     "batch: sheets: must be greater than zero", "蚕批: 张数: 应大于零"),
    ("batches", dict(sheets="-1"), "sheets", "must_be_positive", {},
     "batch: sheets: must be greater than zero", "蚕批: 张数: 应大于零"),
    ("inputs", dict(quantity="0"), "quantity", "must_be_positive", {},
     "input: quantity: must be greater than zero", "投入: 数量: 应大于零"),
    ("wages", dict(quantity="-2"), "quantity", "must_be_positive", {},
     "wage: quantity: must be greater than zero", "工资: 数量: 应大于零"),
    # -- prices, rates and amounts ---------------------------------------------------------
    ("leaf", dict(price="-0.01"), "price", "must_not_be_negative", {},
     "leaf delivery: price: must not be negative", "桑叶供应: 单价: 不能为负数"),
    ("sales", dict(price="0"), "price", "must_be_positive", {},
     "cocoon sale: price: must be greater than zero", "售茧: 单价: 应大于零"),
    ("sales", dict(price="-50"), "price", "must_be_positive", {},
     "cocoon sale: price: must be greater than zero", "售茧: 单价: 应大于零"),
    ("sales", dict(deduction="-1"), "deduction", "must_not_be_negative", {},
     "cocoon sale: deduction: must not be negative", "售茧: 扣款: 不能为负数"),
    ("wages", dict(rate="-120"), "rate", "must_not_be_negative", {},
     "wage: rate: must not be negative", "工资: 工价: 不能为负数"),
    ("inputs", dict(amount="-110"), "amount", "must_not_be_negative", {},
     "input: amount: must not be negative", "投入: 金额: 不能为负数"),
    ("charges", dict(amount="0"), "amount", "must_be_positive", {},
     "charge: amount: must be greater than zero", "收费: 金额: 应大于零"),
    ("subsidies", dict(amount="-200"), "amount", "must_be_positive", {},
     "subsidy: amount: must be greater than zero", "补助: 金额: 应大于零"),
    ("payments", dict(amount="0.00"), "amount", "must_be_positive", {},
     "payment: amount: must be greater than zero", "结算款: 金额: 应大于零"),
    ("households", dict(shares="-1"), "shares", "must_not_be_negative", {},
     "household: shares: must not be negative", "农户: 股份: 不能为负数"),
    ("sales", dict(kg="10", price="5", deduction="50.01"), "deduction",
     "deduction_exceeds_sale", dict(gross="50.00"),
     "cocoon sale: deduction: deduction is larger than the sale (50.00 yuan)",
     "售茧: 扣款: 扣款大于售茧金额（50.00 元）"),
    # -- more decimals than allowed: money 2, kg 3, sheets 2, quantities 3 ------------------
    ("charges", dict(amount="300.001"), "amount", "too_many_decimals", dict(places=2),
     "charge: amount: more than 2 decimal places", "收费: 金额: 小数位超过 2 位"),
    ("payments", dict(amount=Decimal("4000.005")), "amount", "too_many_decimals",
     dict(places=2), "payment: amount: more than 2 decimal places",
     "结算款: 金额: 小数位超过 2 位"),
    ("leaf", dict(price="0.505"), "price", "too_many_decimals", dict(places=2),
     "leaf delivery: price: more than 2 decimal places", "桑叶供应: 单价: 小数位超过 2 位"),
    ("sales", dict(deduction="0.001"), "deduction", "too_many_decimals", dict(places=2),
     "cocoon sale: deduction: more than 2 decimal places", "售茧: 扣款: 小数位超过 2 位"),
    ("wages", dict(rate="120.125"), "rate", "too_many_decimals", dict(places=2),
     "wage: rate: more than 2 decimal places", "工资: 工价: 小数位超过 2 位"),
    ("leaf", dict(kg="100.0001"), "kg", "too_many_decimals", dict(places=3),
     "leaf delivery: kg: more than 3 decimal places", "桑叶供应: 重量(公斤): 小数位超过 3 位"),
    ("sales", dict(kg=Decimal("88.3505")), "kg", "too_many_decimals", dict(places=3),
     "cocoon sale: kg: more than 3 decimal places", "售茧: 重量(公斤): 小数位超过 3 位"),
    ("batches", dict(sheets="1.255"), "sheets", "too_many_decimals", dict(places=2),
     "batch: sheets: more than 2 decimal places", "蚕批: 张数: 小数位超过 2 位"),
    ("wages", dict(quantity="7.0005"), "quantity", "too_many_decimals", dict(places=3),
     "wage: quantity: more than 3 decimal places", "工资: 数量: 小数位超过 3 位"),
    ("inputs", dict(quantity="2.0001"), "quantity", "too_many_decimals", dict(places=3),
     "input: quantity: more than 3 decimal places", "投入: 数量: 小数位超过 3 位"),
    ("households", dict(shares="1.0001"), "shares", "too_many_decimals", dict(places=3),
     "household: shares: more than 3 decimal places", "农户: 股份: 小数位超过 3 位"),
    # -- NaN, infinity, floats and absurd magnitudes ---------------------------------------
    ("leaf", dict(kg="NaN"), "kg", "not_a_number", dict(value="NaN"),
     "leaf delivery: kg: 'NaN' is not a number", "桑叶供应: 重量(公斤): “NaN”不是数字"),
    ("charges", dict(amount="inf"), "amount", "not_a_number", dict(value="inf"),
     "charge: amount: 'inf' is not a number", "收费: 金额: “inf”不是数字"),
    ("charges", dict(amount="1e9"), "amount", "not_a_number", dict(value="1e9"),
     "charge: amount: '1e9' is not a number", "收费: 金额: “1e9”不是数字"),
    ("charges", dict(amount="1,000"), "amount", "not_a_number", dict(value="1,000"),
     "charge: amount: '1,000' is not a number", "收费: 金额: “1,000”不是数字"),
    ("leaf", dict(kg=Decimal("NaN")), "kg", "not_finite", dict(value=Decimal("NaN")),
     "leaf delivery: kg: 'NaN' is not a finite number", "桑叶供应: 重量(公斤): “NaN”不是有限数值"),
    ("charges", dict(amount=Decimal("Infinity")), "amount", "not_finite",
     dict(value=Decimal("Infinity")),
     "charge: amount: 'Infinity' is not a finite number", "收费: 金额: “Infinity”不是有限数值"),
    ("charges", dict(amount=1.5), "amount", "not_exact", {},
     "charge: amount: must be an exact decimal, not a float",
     "收费: 金额: 应为精确小数，不能是浮点数"),
    ("charges", dict(amount="100000000.01"), "amount", "too_large", dict(limit=100_000_000),
     "charge: amount: larger than 100,000,000", "收费: 金额: 超过 100,000,000"),
    ("inputs", dict(amount="99999999999999999999"), "amount", "too_large",
     dict(limit=100_000_000),
     "input: amount: larger than 100,000,000", "投入: 金额: 超过 100,000,000"),
    ("leaf", dict(kg="1000000.001"), "kg", "too_large", dict(limit=1_000_000),
     "leaf delivery: kg: larger than 1,000,000", "桑叶供应: 重量(公斤): 超过 1,000,000"),
    ("leaf", dict(price="100000.01"), "price", "too_large", dict(limit=100_000),
     "leaf delivery: price: larger than 100,000", "桑叶供应: 单价: 超过 100,000"),
    ("batches", dict(sheets="100000.01"), "sheets", "too_large", dict(limit=100_000),
     "batch: sheets: larger than 100,000", "蚕批: 张数: 超过 100,000"),
    ("wages", dict(quantity="1000001"), "quantity", "too_large", dict(limit=1_000_000),
     "wage: quantity: larger than 1,000,000", "工资: 数量: 超过 1,000,000"),
    # each factor within its limit, but the product is beyond any amount
    ("leaf", dict(kg="1000000", price="100000"), "price", "product_too_large",
     dict(limit=100_000_000),
     "leaf delivery: price: the amount it comes to is larger than 100,000,000 yuan",
     "桑叶供应: 单价: 计算所得金额超过 100,000,000 元"),
    ("sales", dict(kg="1000000", price="100000"), "price", "product_too_large",
     dict(limit=100_000_000),
     "cocoon sale: price: the amount it comes to is larger than 100,000,000 yuan",
     "售茧: 单价: 计算所得金额超过 100,000,000 元"),
    ("wages", dict(quantity="1000000", rate="100000"), "rate", "product_too_large",
     dict(limit=100_000_000),
     "wage: rate: the amount it comes to is larger than 100,000,000 yuan",
     "工资: 工价: 计算所得金额超过 100,000,000 元"),
    # -- choices --------------------------------------------------------------------------
    ("payments", dict(direction="sideways"), "direction", "bad_choice",
     dict(value="sideways", choices="to_household, from_household"),
     "payment: direction: 'sideways' is not one of: to_household, from_household",
     "结算款: 方向: “sideways”不在可选值中：to_household, from_household"),
    ("payments", dict(method="cheque"), "method", "bad_choice",
     dict(value="cheque", choices="cash, bank, transfer, wechat, alipay"),
     "payment: method: 'cheque' is not one of: cash, bank, transfer, wechat, alipay",
     "结算款: 方式: “cheque”不在可选值中：cash, bank, transfer, wechat, alipay"),
    # -- the wrong kind of party ----------------------------------------------------------
    ("sales", dict(buyer="H001"), "buyer", "party_must_be.partner", dict(code="H001"),
     "cocoon sale: buyer: H001 is not a partner; this must be a partner",
     "售茧: 收购方: H001 不是合作单位，此处应为合作单位"),
    ("sales", dict(buyer="COLLECTIVE"), "buyer", "party_must_be.partner",
     dict(code="COLLECTIVE"),
     "cocoon sale: buyer: COLLECTIVE is not a partner; this must be a partner",
     "售茧: 收购方: COLLECTIVE 不是合作单位，此处应为合作单位"),
    ("inputs", dict(supplier="H002"), "supplier", "party_must_be.partner", dict(code="H002"),
     "input: supplier: H002 is not a partner; this must be a partner",
     "投入: 供应方: H002 不是合作单位，此处应为合作单位"),
    ("charges", dict(household="E01"), "household", "party_must_be.household",
     dict(code="E01"),
     "charge: household: E01 is not a household; this must be a household",
     "收费: 农户: E01 不是农户，此处应为农户"),
    ("charges", dict(household="COLLECTIVE"), "household", "party_must_be.household",
     dict(code="COLLECTIVE"),
     "charge: household: COLLECTIVE is not a household; this must be a household",
     "收费: 农户: COLLECTIVE 不是农户，此处应为农户"),
    ("payments", dict(household="E01"), "household", "party_must_be.household",
     dict(code="E01"),
     "payment: household: E01 is not a household; this must be a household",
     "结算款: 农户: E01 不是农户，此处应为农户"),
    ("wages", dict(household="COLLECTIVE"), "household", "party_must_be.household",
     dict(code="COLLECTIVE"),
     "wage: household: COLLECTIVE is not a household; this must be a household",
     "工资: 农户: COLLECTIVE 不是农户，此处应为农户"),
    ("wages", dict(payer="E01"), "payer", "party_must_be.collective_household",
     dict(code="E01"),
     "wage: payer: E01 is a partner; this must be a household or COLLECTIVE",
     "工资: 付款方: E01 是合作单位，此处应为农户或村集体"),
    ("batches", dict(owner="E01"), "owner", "party_must_be.collective_household",
     dict(code="E01"),
     "batch: owner: E01 is a partner; this must be a household or COLLECTIVE",
     "蚕批: 所有者: E01 是合作单位，此处应为农户或村集体"),
    ("subsidies", dict(recipient="E01"), "recipient", "party_must_be.collective_household",
     dict(code="E01"),
     "subsidy: recipient: E01 is a partner; this must be a household or COLLECTIVE",
     "补助: 受助方: E01 是合作单位，此处应为农户或村集体"),
    # -- seasons ----------------------------------------------------------------------------
    ("seasons", dict(start="2026-05-15", end="2026-06-30"), "start", "season_overlap",
     dict(code=SEASON, start="2026-04-01", end="2026-05-15"),
     "season: start: overlaps season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕季: 开始日期: 与蚕季 2026-1（2026-04-01 至 2026-05-15）重叠"),
    ("seasons", dict(start="2026-03-01", end="2026-04-01"), "start", "season_overlap",
     dict(code=SEASON, start="2026-04-01", end="2026-05-15"),
     "season: start: overlaps season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕季: 开始日期: 与蚕季 2026-1（2026-04-01 至 2026-05-15）重叠"),
    ("seasons", dict(start="2026-04-10", end="2026-04-20"), "start", "season_overlap",
     dict(code=SEASON, start="2026-04-01", end="2026-05-15"),
     "season: start: overlaps season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕季: 开始日期: 与蚕季 2026-1（2026-04-01 至 2026-05-15）重叠"),
    ("seasons", dict(start="2026-01-01", end="2026-12-31"), "start", "season_overlap",
     dict(code=SEASON, start="2026-04-01", end="2026-05-15"),
     "season: start: overlaps season 2026-1 (2026-04-01 to 2026-05-15)",
     "蚕季: 开始日期: 与蚕季 2026-1（2026-04-01 至 2026-05-15）重叠"),
    ("seasons", dict(start="2026-08-01", end="2026-07-01"), "end", "end_before_start",
     dict(start="2026-08-01"),
     "season: end: ends before it starts (2026-08-01)",
     "蚕季: 结束日期: 结束日期早于开始日期（2026-08-01）"),
    # -- a party cannot earn from itself ----------------------------------------------------
    ("leaf", dict(supplier="H001", batch="B1", price="0.50"), "supplier", "self_dealing",
     dict(code="H001"),
     "leaf delivery: supplier: H001 cannot earn from itself: its own leaf or labour carries "
     "no price (record it at 0, or not at all)",
     "桑叶供应: 供应方: H001 不能从自己处获得收入：自家桑叶或劳力不计价（按 0 记录，或不记录）"),
    ("leaf", dict(supplier="COLLECTIVE", batch="BC", price="0.01"), "supplier",
     "self_dealing", dict(code="COLLECTIVE"),
     "leaf delivery: supplier: COLLECTIVE cannot earn from itself: its own leaf or labour carries "
     "no price (record it at 0, or not at all)",
     "桑叶供应: 供应方: COLLECTIVE 不能从自己处获得收入："
     "自家桑叶或劳力不计价（按 0 记录，或不记录）"),
    ("wages", dict(payer="H001", household="H001"), "payer", "self_dealing", dict(code="H001"),
     "wage: payer: H001 cannot earn from itself: its own leaf or labour carries no price "
     "(record it at 0, or not at all)",
     "工资: 付款方: H001 不能从自己处获得收入：自家桑叶或劳力不计价（按 0 记录，或不记录）"),
    # -- text -------------------------------------------------------------------------------
    ("households", dict(name="张\x00三"), "name", "control_character", {},
     "household: name: contains a control character", "农户: 名称: 含有控制字符"),
    ("charges", dict(item="共育\t费"), "item", "control_character", {},
     "charge: item: contains a control character", "收费: 项目: 含有控制字符"),
    ("partners", dict(note="\x1b[31m红字\x1b[0m"), "note", "control_character", {},
     "partner: note: contains a control character", "合作单位: 备注: 含有控制字符"),
    ("wages", dict(worker="张\x7f"), "worker", "control_character", {},
     "wage: worker: contains a control character", "工资: 务工人员: 含有控制字符"),
    ("households", dict(name="张" * 201), "name", "too_long", dict(limit=200),
     "household: name: longer than 200 characters", "农户: 名称: 超过 200 个字符"),
    ("charges", dict(item="费" * 101), "item", "too_long", dict(limit=100),
     "charge: item: longer than 100 characters", "收费: 项目: 超过 100 个字符"),
    ("payments", dict(memo="x" * 2001), "memo", "too_long", dict(limit=2000),
     "payment: memo: longer than 2000 characters", "结算款: 摘要: 超过 2000 个字符"),
    ("households", dict(code="H 1"), "code", "bad_code", dict(value="H 1"),
     "household: code: 'H 1' is not a valid code (letters, digits, - _ . ; at most 32)",
     "农户: 编号: “H 1”不是有效编号（字母、数字、- _ .，最多 32 个）"),
    ("leaf", dict(kg=""), "kg", "required", {},
     "leaf delivery: kg: required, but empty", "桑叶供应: 重量(公斤): 必填，但为空"),
    ("households", dict(name=None), "name", "required", {},
     "household: name: required, but empty", "农户: 名称: 必填，但为空"),
    ("wages", dict(worker="   "), "worker", "required", {},
     "wage: worker: required, but empty", "工资: 务工人员: 必填，但为空"),
    # -- codes already used, and the reserved one ------------------------------------------
    ("households", dict(code="H001"), "code", "duplicate_code", dict(code="H001"),
     "household: code: code H001 is already used", "农户: 编号: 编号 H001 已被使用"),
    ("households", dict(code="E01"), "code", "duplicate_code", dict(code="E01"),
     "household: code: code E01 is already used", "农户: 编号: 编号 E01 已被使用"),
    ("partners", dict(code="H002"), "code", "duplicate_code", dict(code="H002"),
     "partner: code: code H002 is already used", "合作单位: 编号: 编号 H002 已被使用"),
    ("partners", dict(code="E01"), "code", "duplicate_code", dict(code="E01"),
     "partner: code: code E01 is already used", "合作单位: 编号: 编号 E01 已被使用"),
    ("seasons", dict(code=SEASON), "code", "duplicate_code", dict(code=SEASON),
     "season: code: code 2026-1 is already used", "蚕季: 编号: 编号 2026-1 已被使用"),
    ("batches", dict(code="B1"), "code", "duplicate_code", dict(code="B1"),
     "batch: code: code B1 is already used", "蚕批: 编号: 编号 B1 已被使用"),
    ("households", dict(code="COLLECTIVE"), "code", "reserved_code", dict(code="COLLECTIVE"),
     "household: code: COLLECTIVE is reserved for the village collective",
     "农户: 编号: COLLECTIVE 是村集体的保留编号"),
    ("households", dict(code="collective"), "code", "reserved_code", dict(code="COLLECTIVE"),
     "household: code: COLLECTIVE is reserved for the village collective",
     "农户: 编号: COLLECTIVE 是村集体的保留编号"),
    ("partners", dict(code="Collective"), "code", "reserved_code", dict(code="COLLECTIVE"),
     "partner: code: COLLECTIVE is reserved for the village collective",
     "合作单位: 编号: COLLECTIVE 是村集体的保留编号"),
    ("households", dict(code="h001"), "code", "duplicate_code", dict(code="H001"),
     "household: code: code H001 is already used", "农户: 编号: 编号 H001 已被使用"),
]


@pytest.mark.parametrize("kind, changes, field, reason, params, en, zh", CASES,
                         ids=[f"{case[0]}-{case[2]}-{case[3]}-{i}" for i, case in enumerate(CASES)])
def test_refusal_names_the_field_and_reason(kind, changes, field, reason, params, en, zh):
    refused = refuse(kind, valid(kind, **changes))
    assert [(e.kind, e.field, e.reason, as_text(e.params)) for e in refused.errors] == [
        (kind, field, reason, as_text(params))]
    assert refused.total == 1
    assert refused.message("en") == en
    assert refused.message("zh") == zh


def test_missing_field_is_required():
    values = valid("charges")
    del values["amount"]
    refused = refuse("charges", values)
    assert refused.message("en") == "charge: amount: required, but empty"
    assert refused.message("zh") == "收费: 金额: 必填，但为空"


def test_the_valid_records_are_accepted(village):
    """The base of every case above is itself valid, so each refusal is the change's doing."""
    for kind in ("households", "partners", "seasons", "batches", "leaf", "sales", "inputs",
                 "wages", "charges", "subsidies", "payments"):
        book.record(kind, valid(kind))
    assert models.Party.select().where(models.Party.code == "H010").exists()
    assert models.Payment.get().amount == 400000


# -- the edges of what is accepted ------------------------------------------------------------

@pytest.mark.parametrize("day", ["2026-04-01", "2026-05-15"])
def test_a_date_on_the_first_or_last_day_of_its_season_is_accepted(day):
    book.record("payments", valid("payments", date=day))
    book.record("leaf", valid("leaf", date=day))
    assert [str(p.date) for p in models.Payment.select()] == [day]


def test_a_season_right_after_another_is_accepted():
    book.record("seasons", valid("seasons", start="2026-05-16", end="2026-06-30"))
    assert models.Season.select().count() == 2


def test_trailing_zeros_are_not_extra_decimals():
    book.record("charges", valid("charges", amount="300.000"))
    book.record("leaf", valid("leaf", kg="12.3450", price="0.7000"))
    assert models.Charge.get().amount == 30000
    leaf = models.LeafDelivery.get()
    assert (leaf.grams, leaf.price, leaf.amount) == (12345, 70, 864)


def test_typed_values_are_read_exactly_like_text():
    book.record("leaf", valid("leaf", date=date(2026, 4, 20), kg=Decimal("12.345"),
                              price=Decimal("0.70")))
    book.record("charges", valid("charges", amount=300))
    leaf = models.LeafDelivery.get()
    assert (str(leaf.date), leaf.grams, leaf.price, leaf.amount) == ("2026-04-20", 12345, 70, 864)
    assert models.Charge.get().amount == 30000


@pytest.mark.parametrize("values", [
    dict(date=datetime(2026, 4, 20, 0, 0)),
    dict(date=datetime(2026, 4, 20, 10, 30)),
])
def test_a_datetime_is_refused_or_read_as_its_date_never_a_crash(values):
    """A datetime is a date subclass; compared with a season's dates it once raised
    TypeError."""
    try:
        book.record("charges", valid("charges", **values))
    except RecordRefused as refused:
        assert [e.field for e in refused.errors] == ["date"]
        return
    assert str(models.Charge.get().date) == "2026-04-20"


def test_codes_are_case_insensitive():
    """h001 is H001: a code refers to its party, season or batch whatever its case."""
    sale = book.record("sales", valid("sales", batch="b1", buyer="e01", kg="10", price="5"))
    wage = book.record("wages", valid("wages", season="2026-1", payer="collective",
                                      household="h002", quantity="1", rate="100"))
    assert voucher_lines("sales", sale) == [("102", 5000, 0), ("113.H001", 0, 5000)]
    assert voucher_lines("wages", wage) == [("511.03", 10000, 0), ("113.H002", 0, 10000)]


def test_amounts_up_to_the_limits_are_accepted():
    book.record("charges", valid("charges", amount="100000000"))
    book.record("leaf", valid("leaf", kg="1000000", price="100"))  # 100,000,000.00 yuan
    assert models.Charge.get().amount == 10_000_000_000
    assert models.LeafDelivery.get().amount == 10_000_000_000


def test_a_code_of_32_characters_is_accepted_and_33_refused():
    book.record("households", valid("households", code="H" * 32))
    refused = refuse("households", valid("households", code="K" * 33))
    assert [e.field for e in refused.errors] == ["code"]


def test_text_of_exactly_the_limit_is_accepted():
    book.record("households", valid("households", name="张" * 200))
    assert models.Party.get(models.Party.code == "H010").name == "张" * 200


def test_a_deduction_equal_to_the_sale_leaves_a_zero_amount():
    sale = book.record("sales", valid("sales", kg="10", price="5", deduction="50.00"))
    assert models.CocoonSale.get_by_id(sale).amount == 0
    assert voucher_lines("sales", sale) == []


def test_self_dealing_at_a_zero_price_is_accepted():
    """A household's own leaf for its own batch, or a household paying its own worker
    nothing, counts for the yield figures but moves no money."""
    leaf = book.record("leaf", valid("leaf", supplier="H001", batch="B1", kg="600", price="0"))
    wage = book.record("wages", valid("wages", payer="H001", household="H001", rate="0"))
    assert models.LeafDelivery.get_by_id(leaf).grams == 600_000
    assert models.LeafDelivery.get_by_id(leaf).amount == 0
    assert models.Wage.get_by_id(wage).amount == 0
    assert voucher_lines("leaf", leaf) == [] and voucher_lines("wages", wage) == []


# -- duplicates within one call ---------------------------------------------------------------

def test_duplicate_household_code_within_one_call_is_refused():
    refused = refuse_many([("households", [
        ("", valid("households", code="H010")),
        ("", valid("households", code="H011")),
        ("", valid("households", code="H010", name="另一户")),
    ])])
    assert [(e.field, e.reason, e.params) for e in refused.errors] == [
        ("code", "duplicate_code", {"code": "H010"})]


def test_same_code_for_a_household_and_a_partner_in_one_call_is_refused():
    refused = refuse_many([
        ("households", rows(valid("households", code="X1"))),
        ("partners", rows(valid("partners", code="X1"))),
    ])
    assert refused.message("en") == "partner: code: code X1 is already used"


def test_duplicate_season_and_batch_codes_within_one_call_are_refused():
    refused = refuse_many([
        ("seasons", rows(valid("seasons", code="2026-2"),
                         valid("seasons", code="2026-2", start="2026-08-01", end="2026-09-01"))),
        ("batches", rows(valid("batches", code="B9"), valid("batches", code="B9"))),
    ])
    assert refused.message("en").splitlines() == [
        "season: code: code 2026-2 is already used",
        "batch: code: code B9 is already used",
    ]


def test_overlapping_seasons_within_one_call_are_refused():
    refused = refuse_many([("seasons", rows(
        valid("seasons", code="2026-2", start="2026-06-01", end="2026-07-10"),
        valid("seasons", code="2026-3", start="2026-07-10", end="2026-08-20"),
    ))])
    assert refused.message("en") == (
        "season: start: overlaps season 2026-2 (2026-06-01 to 2026-07-10)")


# -- every problem is reported ----------------------------------------------------------------

def test_every_problem_of_one_record_is_reported():
    refused = refuse("leaf", dict(date="2026-13-01", batch="B99", supplier="H999", kg="0",
                                  price="-1"))
    assert refused.total == 5
    assert refused.message("en").splitlines() == [
        "leaf delivery: date: '2026-13-01' is not a date (YYYY-MM-DD)",
        "leaf delivery: batch: no batch with code B99",
        "leaf delivery: supplier: no household or partner with code H999",
        "leaf delivery: kg: must be greater than zero",
        "leaf delivery: price: must not be negative",
    ]
    assert refused.message("zh").splitlines() == [
        "桑叶供应: 日期: “2026-13-01”不是日期（应为 YYYY-MM-DD）",
        "桑叶供应: 蚕批: 没有编号为 B99 的蚕批",
        "桑叶供应: 供应方: 没有编号为 H999 的农户或合作单位",
        "桑叶供应: 重量(公斤): 应大于零",
        "桑叶供应: 单价: 不能为负数",
    ]


def test_every_problem_of_every_record_in_one_call_is_reported():
    refused = refuse_many([
        ("charges", rows(valid("charges"), valid("charges", amount="0"),
                         valid("charges", household="E01", item=""))),
        ("payments", rows(valid("payments", direction="both", method="gold"))),
    ])
    assert refused.total == 5
    assert [(e.kind, e.field, e.reason) for e in refused.errors] == [
        ("charges", "amount", "must_be_positive"),
        ("charges", "household", "party_must_be.household"),
        ("charges", "item", "required"),
        ("payments", "direction", "bad_choice"),
        ("payments", "method", "bad_choice"),
    ]
    assert refused.key == "record_refused" and refused.params == {"count": 5}


def test_a_memo_may_span_lines_but_a_name_may_not(village):
    payment_id = book.record("payments", valid("payments", memo="第一行\r\n第二行"))
    assert models.Payment.get_by_id(payment_id).memo == "第一行\n第二行"
    refused = refuse("households", valid("households", name="张\n三"))
    assert refused.message("en") == "household: name: contains a control character"


def test_a_value_repeated_on_many_rows_is_judged_the_same_on_each(village):
    """Values are judged once per distinct value (an import repeats them): a refused one
    is refused on every row it is on, an accepted one read the same on every row."""
    bad_item, bad_price = "共育\t费", "1.234"
    refused = refuse_many([
        ("charges", rows(*[valid("charges", item=bad_item) for _ in range(3)])),
        ("leaf", rows(*[valid("leaf", price=bad_price) for _ in range(2)])),
    ])
    assert [(e.field, e.reason) for e in refused.errors] == (
        [("item", "control_character")] * 3 + [("price", "too_many_decimals")] * 2)
    ids = [book.record("charges", valid("charges", item=" 共育费 ", amount="12.30"))
           for _ in range(2)]
    stored = [models.Charge.get_by_id(i) for i in ids]
    assert [(c.item, c.amount) for c in stored] == [("共育费", 1230)] * 2


def test_a_long_value_padded_with_spaces_is_read_like_a_short_one(village):
    padded = " 共育费" + " " * 10_000
    charge = book.record("charges", valid("charges", item=padded, amount=" 12.30" + " " * 500))
    stored = models.Charge.get_by_id(charge)
    assert (stored.item, stored.amount) == ("共育费", 1230)
