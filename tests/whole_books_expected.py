"""An independent calculation of the hand-made village's whole year: its records
(`village_expected`), its general vouchers and sub-accounts (tests/data/village_books), and
the year-end close with a distribution, giving the statements in the exact JSON shape of
docs/formats.md.

Standard library only (csv, decimal), written from docs/accounting.md and docs/formats.md
and not from the program, so that the end-to-end test compares two implementations.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import village_expected

BOOKS = Path(__file__).parent / "data" / "village_books"
ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def general_vouchers(upto: str = "9999-12-31") -> list[list[tuple[str, Decimal, Decimal]]]:
    """The vouchers of vouchers.csv dated up to `upto`: consecutive rows with the same
    `voucher` value."""
    vouchers: list[list[tuple[str, Decimal, Decimal]]] = []
    last = None
    with open(BOOKS / "vouchers.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["date"] > upto:
                continue
            if row["voucher"] != last:
                vouchers.append([])
                last = row["voucher"]
            vouchers[-1].append((row["account"], Decimal(row["debit"] or "0"),
                                 Decimal(row["credit"] or "0")))
    return vouchers


def net_income_upto(day: str) -> Decimal:
    """The year's income less expense of the records (all dated in the seasons, which end
    in October) and the general vouchers dated up to `day`."""
    lines = [line for _, voucher in village_expected.journal() for line in voucher]
    lines += [line for voucher in general_vouchers(day) for line in voucher]
    return sum((credit - debit for account, debit, credit in lines if account.startswith("5")),
               ZERO)


def shares() -> dict[str, int]:
    """Each household's shares in thousandths."""
    return {row["code"]: int(Decimal(row["shares"] or "0") * 1000)
            for row in village_expected.read()["households"]}


def dividends(members: Decimal) -> list[tuple[str, int, Decimal]]:
    """(code, shares in thousandths, amount): floor of the pro-rata fen, then the fen left
    over one each by the largest remainder, ties to the smaller code."""
    holders = sorted((code, held) for code, held in shares().items() if held > 0)
    total = sum(held for _, held in holders)
    fen = int(members * 100)
    amounts = {code: fen * held // total for code, held in holders}
    remainders = sorted(holders, key=lambda item: (-(fen * item[1] % total), item[0]))
    for code, _ in remainders[: fen - sum(amounts.values())]:
        amounts[code] += 1
    return [(code, held, Decimal(amounts[code]) / 100) for code, held in holders]


class Year:
    """The village's year 2026, closed with `reserve_percent` and `members`."""

    def __init__(self, reserve_percent: Decimal, members: Decimal):
        self.reserve_percent = reserve_percent
        self.members = members
        self.lines: list[tuple[str, Decimal, Decimal]] = []
        for _, voucher in village_expected.journal():
            self.lines += voucher
        for voucher in general_vouchers():
            self.lines += voucher
        self.net_income = sum((credit - debit for account, debit, credit in self.lines
                               if account.startswith("5")), ZERO)
        self.reserve = ((self.net_income * reserve_percent / 100).quantize(
            CENT, rounding=ROUND_HALF_UP) if self.net_income > 0 else ZERO)
        self.dividends = dividends(members)
        # the close: 损益 to 321 to 322.02; the distribution through 322.01 to 322.02
        for account, debit, credit in list(self.lines):
            if account.startswith("5"):
                self.lines.append((account, credit, debit))
        self.lines += [("322.02", ZERO, self.net_income)]
        self.lines += [("311", ZERO, self.reserve), ("322.02", self.reserve + members, ZERO)]
        self.lines += [(f"113.{code}", ZERO, amount) for code, _, amount in self.dividends]

    def balance(self, account: str) -> Decimal:
        """Debit-positive balance of an account and its sub-accounts at the year's end."""
        return sum((debit - credit for code, debit, credit in self.lines
                    if code == account or code.startswith(account + ".")), ZERO)

    def income_and_expense(self) -> Decimal:
        """Debit-positive balance of every 损益 account (5xx) together: zero once closed."""
        return sum((debit - credit for code, debit, credit in self.lines
                    if code.startswith("5")), ZERO)

    def internal(self) -> tuple[Decimal, Decimal]:
        """113's sub-accounts with a debit balance, and those with a credit balance."""
        by_code: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for code, debit, credit in self.lines:
            if code.startswith("113."):
                by_code[code] += debit - credit
        return (sum((b for b in by_code.values() if b > 0), ZERO),
                -sum((b for b in by_code.values() if b < 0), ZERO))

    def balance_sheet_end(self) -> dict[str, Decimal]:
        d = self.balance
        owed_to_us, owed_by_us = self.internal()
        rows = {
            "monetary_funds": d("101") + d("102"), "short_investments": d("111"),
            "receivables": d("112") + owed_to_us, "inventories": d("121") + d("401"),
            "consumable_biological": d("131"),
        }
        rows["current_assets"] = sum(rows.values(), ZERO)
        rows.update(fixed_assets_cost=d("151"), accumulated_depreciation=-d("152"),
                    fixed_assets_net=d("151") + d("152"), long_term_investments=d("141"),
                    productive_biological_net=d("132") + d("133"),
                    public_biological=d("134"), construction_in_progress=d("153"),
                    fixed_assets_disposal=d("154"), intangible_net=d("161") + d("162"),
                    long_term_deferred=d("171"), pending_losses=d("181"))
        rows["non_current_assets"] = sum(rows[key] for key in (
            "long_term_investments", "productive_biological_net", "public_biological",
            "fixed_assets_net", "construction_in_progress", "fixed_assets_disposal",
            "intangible_net", "long_term_deferred", "pending_losses"))
        rows["total_assets"] = rows["current_assets"] + rows["non_current_assets"]
        rows.update(short_term_loans=-d("201"), payables=-d("211") + owed_by_us,
                    wages_payable=-d("212"), labour_payable=-d("213"), taxes_payable=-d("214"))
        rows["current_liabilities"] = sum(rows[key] for key in (
            "short_term_loans", "payables", "wages_payable", "labour_payable", "taxes_payable"))
        rows.update(long_term_loans=-d("221"), one_matter_funds=-d("231"),
                    special_payables=-d("241"))
        rows["non_current_liabilities"] = (rows["long_term_loans"] + rows["one_matter_funds"]
                                           + rows["special_payables"])
        rows["total_liabilities"] = rows["current_liabilities"] + rows["non_current_liabilities"]
        rows.update(capital=-d("301"), reserve_fund=-d("311"),
                    undistributed=-(d("321") + d("322") + self.income_and_expense()))
        rows["total_equity"] = rows["capital"] + rows["reserve_fund"] + rows["undistributed"]
        rows["total_liabilities_and_equity"] = rows["total_liabilities"] + rows["total_equity"]
        return rows

    def income_statement(self) -> dict[str, Decimal]:
        moved: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for _, voucher in village_expected.journal():
            for account, debit, credit in voucher:
                moved[account[:3]] += credit - debit
        for voucher in general_vouchers():
            for account, debit, credit in voucher:
                moved[account[:3]] += credit - debit
        rows = {"operating_income": moved["501"], "investment_income": moved["502"],
                "operating_expenses": -moved["511"], "taxes_and_surcharges": -moved["512"],
                "administrative_expenses": -moved["513"]}
        rows["operating_profit"] = (rows["operating_income"] + rows["investment_income"]
                                    - rows["operating_expenses"] - rows["taxes_and_surcharges"]
                                    - rows["administrative_expenses"])
        rows.update(subsidy_income=moved["503"], other_income=moved["504"],
                    public_welfare_expenses=-moved["514"], other_expenses=-moved["515"])
        rows["total_profit"] = (rows["operating_profit"] + rows["subsidy_income"]
                                + rows["other_income"] - rows["public_welfare_expenses"]
                                - rows["other_expenses"])
        rows["income_tax"] = -moved["521"]
        rows["net_income"] = rows["total_profit"] - rows["income_tax"]
        rows.update(opening_undistributed=ZERO, transfers_in=ZERO)
        rows["distributable"] = rows["net_income"]
        rows.update(reserve=self.reserve, member_distribution=self.members,
                    other_distribution=ZERO)
        rows["closing_undistributed"] = rows["distributable"] - self.reserve - self.members
        return rows

    def distribution(self) -> dict:
        return {"year": "2026", "net_income": str(self.net_income), "reserve": str(self.reserve),
                "members": str(self.members.quantize(CENT)),
                "dividends": [{"code": code, "shares": f"{Decimal(held) / 1000:.3f}",
                               "amount": f"{amount:.2f}"}
                              for code, held, amount in self.dividends]}


def money(rows: dict[str, Decimal]) -> dict[str, str]:
    return {key: f"{value:.2f}" for key, value in rows.items()}
