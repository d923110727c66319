"""Payment methods beyond cash and the bank: a transfer and the mobile wallets, written in
a file in Chinese as an accountant would, post to the bank with the method kept."""
from __future__ import annotations

from helpers import build_village
from ledger import models
from ledger.io import csv_import


def test_chinese_method_words_in_a_payments_file_are_read_as_their_methods(memory_ledger,
                                                                           tmp_path):
    build_village()
    path = tmp_path / "结算款.csv"
    path.write_text("日期,蚕季,农户,方向,金额,方式,摘要\n"
                    "2026-05-10,2026-1,H001,付给农户,100,现金,\n"
                    "2026-05-10,2026-1,H001,付给农户,200,转账,\n"
                    "2026-05-10,2026-1,H002,付给农户,300,微信,\n"
                    "2026-05-10,2026-1,H003,农户交来,400,支付宝,\n", encoding="utf-8")
    csv_import.import_files([path])
    stored = [(p.method, p.amount) for p in models.Payment.select().order_by(models.Payment.id)]
    assert stored == [("cash", 10000), ("transfer", 20000), ("wechat", 30000),
                      ("alipay", 40000)]
