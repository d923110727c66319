"""An independent calculation of the hand-made village's books (tests/data/village).

Reads the canonical CSV files with the standard library only (csv, decimal) and follows
docs/formats.md and docs/accounting.md literally, without importing anything from `ledger`,
so that the end-to-end tests compare the product against a second implementation rather than
against itself:

- `season_report(code)`: the season report in the exact JSON shape of docs/formats.md
  ("The season report as JSON"): every household and COLLECTIVE, strings with two
  decimals for money and sheets, three for kg, and totals summed over the parties;
- `outside_flows(code)`: cocoon sales + subsidies - leaf and inputs bought from partners,
  which the season's net incomes must add up to;
- `journal()` and `trial_balance(season)`: the vouchers of the posting table in
  docs/accounting.md and each account's opening balance, period debits and credits, and
  closing balance.

Products are rounded once, half up (四舍五入), to the fen.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

VILLAGE = Path(__file__).parent / "data" / "village"
COLLECTIVE = "COLLECTIVE"
COLLECTIVE_NAME = "村集体"
KINDS = ("households", "partners", "seasons", "batches", "leaf", "sales", "inputs", "wages",
         "charges", "subsidies", "payments")

FEN = Decimal("0.01")
GRAM = Decimal("0.001")
ZERO = Decimal("0")

MONEY_KEYS = ("cocoon_income", "leaf_income", "wage_income", "charge_income", "subsidy_income",
              "leaf_cost", "input_cost", "wage_cost", "charge_cost")
INCOME_KEYS = MONEY_KEYS[:5]
COST_KEYS = MONEY_KEYS[5:]
#: The keys of one party in the report, after code and name, in the documented order.
FIGURE_KEYS = ("sheets", "cocoon_kg", *MONEY_KEYS, "net_income", "paid", "balance")


# -- reading ------------------------------------------------------------------------------

def read(folder: Path = VILLAGE) -> dict[str, list[dict[str, str]]]:
    """Every row of every kind, as the CSV's text (blank rows skipped)."""
    data = {}
    for kind in KINDS:
        with open(folder / f"{kind}.csv", newline="", encoding="utf-8") as handle:
            data[kind] = [{k: (v or "").strip() for k, v in row.items()}
                          for row in csv.DictReader(handle) if any(row.values())]
    return data


def number(text: str, places: int) -> Decimal:
    """A CSV number, blank meaning 0; more decimals than allowed is an error, as documented."""
    value = Decimal(text or "0")
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(f"{text!r} has more than {places} decimals")
    return value


def product(quantity: Decimal, price: Decimal) -> Decimal:
    """quantity × price, rounded once, half up, to the fen."""
    return (quantity * price).quantize(FEN, rounding=ROUND_HALF_UP)


def show(value: Decimal, places: int) -> str:
    """Exactly `places` decimals; the value must already be exact at that scale."""
    exact = value.quantize(Decimal(1).scaleb(-places))
    assert exact == value, value
    if exact == 0:
        exact = abs(exact)  # never "-0.00"
    return f"{exact:.{places}f}"


# -- the village ---------------------------------------------------------------------------

class Village:
    def __init__(self, folder: Path = VILLAGE):
        self.data = read(folder)
        self.households = {row["code"]: row["name"] for row in self.data["households"]}
        self.partners = {row["code"] for row in self.data["partners"]}
        self.seasons = sorted(self.data["seasons"],
                              key=lambda row: date.fromisoformat(row["start"]))
        self.batches = {row["code"]: row for row in self.data["batches"]}

    # -- helpers ------------------------------------------------------------------
    def season_codes(self) -> list[str]:
        """Seasons ordered by their start date."""
        return [row["code"] for row in self.seasons]

    def season_of(self, kind: str, row: dict) -> str:
        """A batch's records belong to the batch's season; the others name theirs."""
        if "batch" in row and kind in ("leaf", "sales", "inputs"):
            return self.batches[row["batch"]]["season"]
        return row["season"]

    def rows(self, kind: str, season: str) -> list[dict]:
        return [row for row in self.data[kind] if self.season_of(kind, row) == season]

    def owner(self, row: dict) -> str:
        return self.batches[row["batch"]]["owner"]

    def kind_of(self, code: str) -> str:
        if code == COLLECTIVE:
            return "collective"
        if code in self.households:
            return "household"
        if code in self.partners:
            return "partner"
        raise KeyError(f"unknown party {code}")

    # -- amounts --------------------------------------------------------------------
    @staticmethod
    def leaf_amount(row) -> Decimal:
        return product(number(row["kg"], 3), number(row["price"], 2))

    @staticmethod
    def sale_amount(row) -> Decimal:
        return product(number(row["kg"], 3), number(row["price"], 2)) - number(row["deduction"], 2)

    @staticmethod
    def wage_amount(row) -> Decimal:
        return product(number(row["quantity"], 3), number(row["rate"], 2))

    # -- income, per season ---------------------------------------------------------
    def figures(self, season: str) -> dict[str, dict[str, Decimal]]:
        """Exact figures of every household and COLLECTIVE for one season (no balance)."""
        parties = [*sorted(self.households), COLLECTIVE]
        f = {code: defaultdict(lambda: ZERO) for code in parties}

        def add(code: str, key: str, value: Decimal) -> None:
            if code in f:  # partners have no line in the report
                f[code][key] += value

        for row in self.data["batches"]:
            if row["season"] == season:
                add(row["owner"], "sheets", number(row["sheets"], 2))
        for row in self.rows("sales", season):
            add(self.owner(row), "cocoon_kg", number(row["kg"], 3))
            add(self.owner(row), "cocoon_income", self.sale_amount(row))
        for row in self.rows("leaf", season):
            amount = self.leaf_amount(row)
            add(row["supplier"], "leaf_income", amount)
            add(self.owner(row), "leaf_cost", amount)
        for row in self.rows("inputs", season):
            add(self.owner(row), "input_cost", number(row["amount"], 2))
        for row in self.rows("wages", season):
            amount = self.wage_amount(row)
            add(row["household"], "wage_income", amount)
            add(row["payer"], "wage_cost", amount)
        for row in self.rows("charges", season):
            add(row["household"], "charge_cost", number(row["amount"], 2))
            add(COLLECTIVE, "charge_income", number(row["amount"], 2))
        for row in self.rows("subsidies", season):
            add(row["recipient"], "subsidy_income", number(row["amount"], 2))
        for row in self.rows("payments", season):
            sign = 1 if row["direction"] == "to_household" else -1
            add(row["household"], "paid", sign * number(row["amount"], 2))
        for code in parties:
            p = f[code]
            p["net_income"] = (sum((p[k] for k in INCOME_KEYS), ZERO)
                               - sum((p[k] for k in COST_KEYS), ZERO))
        return f

    def balances(self, season: str) -> dict[str, Decimal]:
        """Each household's balance after `season`: the sum over seasons up to and
        including it (by start date) of net income - payments to it + payments from it."""
        codes = self.season_codes()
        upto = codes[: codes.index(season) + 1]
        totals = {code: ZERO for code in self.households}
        for s in upto:
            figures = self.figures(s)
            for code in self.households:
                totals[code] += figures[code]["net_income"] - figures[code]["paid"]
        return totals

    def report(self, season: str) -> dict:
        """The season report, exactly as the JSON contract of docs/formats.md shows it."""
        figures = self.figures(season)
        balances = self.balances(season)
        parties, totals = [], defaultdict(lambda: ZERO)
        for code, p in figures.items():
            p["balance"] = balances.get(code, ZERO)  # COLLECTIVE: "0.00"
            entry = {"code": code,
                     "name": self.households.get(code, COLLECTIVE_NAME)}
            for key in FIGURE_KEYS:
                entry[key] = show(p[key], 3 if key == "cocoon_kg" else 2)
                totals[key] += p[key]
            parties.append(entry)
        return {"season": season, "parties": parties,
                "totals": {key: show(totals[key], 3 if key == "cocoon_kg" else 2)
                           for key in FIGURE_KEYS}}

    def outside_flows(self, season: str) -> Decimal:
        """Cocoon sales + subsidies - leaf and inputs bought from partners."""
        sales = sum((self.sale_amount(r) for r in self.rows("sales", season)), ZERO)
        subsidies = sum((number(r["amount"], 2) for r in self.rows("subsidies", season)), ZERO)
        leaf = sum((self.leaf_amount(r) for r in self.rows("leaf", season)
                    if self.kind_of(r["supplier"]) == "partner"), ZERO)
        inputs = sum((number(r["amount"], 2) for r in self.rows("inputs", season)), ZERO)
        return sales + subsidies - leaf - inputs

    # -- the journal -------------------------------------------------------------------
    def _account(self, party: str, collective_account: str | None) -> str:
        """Where a party pays or earns (docs/accounting.md, "The journal"): a household through its
        113 sub-account, the collective through the record's own account, a partner
        or outside source through the bank."""
        kind = self.kind_of(party)
        if kind == "household":
            return f"113.{party}"
        if kind == "collective":
            assert collective_account, "the collective cannot be on this side"
            return collective_account
        return "102"

    def journal(self) -> list[tuple[str, list[tuple[str, Decimal, Decimal]]]]:
        """(season, voucher lines) for every record with a non-zero amount, by the posting
        table of docs/accounting.md; each line is (account, debit, credit)."""
        vouchers = []

        def post(season, debit_account, credit_account, amount):
            if amount:
                vouchers.append((season, [(debit_account, amount, ZERO),
                                          (credit_account, ZERO, amount)]))

        for season in self.season_codes():
            for row in self.rows("sales", season):  # 102 / 501.01 or 113.H
                post(season, "102", self._account(self.owner(row), "501.01"),
                     self.sale_amount(row))
            for row in self.rows("leaf", season):  # cost to the owner, income to the supplier
                post(season, self._account(self.owner(row), "511.01"),
                     self._account(row["supplier"], "501.02"), self.leaf_amount(row))
            for row in self.rows("inputs", season):  # partner's goods via the bank
                post(season, self._account(self.owner(row), "511.02"), "102",
                     number(row["amount"], 2))
            for row in self.rows("wages", season):
                post(season, self._account(row["payer"], "511.03"),
                     self._account(row["household"], None), self.wage_amount(row))
            for row in self.rows("charges", season):
                post(season, f"113.{row['household']}", "501.03", number(row["amount"], 2))
            for row in self.rows("subsidies", season):
                post(season, "102", self._account(row["recipient"], "503"),
                     number(row["amount"], 2))
            for row in self.rows("payments", season):
                cash = "101" if row["method"] == "cash" else "102"
                household = f"113.{row['household']}"
                if row["direction"] == "to_household":
                    post(season, household, cash, number(row["amount"], 2))
                else:
                    post(season, cash, household, number(row["amount"], 2))
        return vouchers

    def trial_balance(self, season: str | None = None) -> dict[str, dict[str, Decimal]]:
        """Each account with activity: signed opening balance (debit positive), the
        period's debits and credits, and the signed closing balance. Without a season,
        the whole history; with one, that season's movements and what came before."""
        codes = self.season_codes()
        before = set(codes[: codes.index(season)]) if season else set()
        accounts: dict[str, dict[str, Decimal]] = defaultdict(
            lambda: {"opening": ZERO, "debit": ZERO, "credit": ZERO})
        for voucher_season, lines in self.journal():
            if season and voucher_season not in before and voucher_season != season:
                continue
            for account, debit, credit in lines:
                row = accounts[account]
                if voucher_season in before:
                    row["opening"] += debit - credit
                else:
                    row["debit"] += debit
                    row["credit"] += credit
        for row in accounts.values():
            row["closing"] = row["opening"] + row["debit"] - row["credit"]
        return dict(accounts)


_VILLAGE: Village | None = None


def village() -> Village:
    global _VILLAGE
    if _VILLAGE is None:
        _VILLAGE = Village()
    return _VILLAGE


def season_codes() -> list[str]:
    return village().season_codes()


def season_report(code: str) -> dict:
    return village().report(code)


def outside_flows(code: str) -> Decimal:
    return village().outside_flows(code)


def journal():
    return village().journal()


def trial_balance(season: str | None = None):
    return village().trial_balance(season)


def record_count() -> int:
    """Records that move money (not households, partners, seasons or batches)."""
    return sum(len(village().data[kind]) for kind in KINDS[4:])


if __name__ == "__main__":  # print the expected reports, for a look by hand
    import json

    for code in season_codes():
        print(json.dumps(season_report(code), ensure_ascii=False, indent=1))
