"""The demo village: a believable cooperative's books, for trying the ledger out.

`silk demo` fills a new ledger with households, partners and seasons of rearing. Every
record goes through `ledger.book.record_many`, so the demo obeys every rule a real ledger
does, and the same seed always builds the same ledger. Figures follow the real
magnitudes. A season's records are made only when the writer reaches that season, so a
large village over many years (a million records) never sits in memory at once.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from ledger import book, db, i18n, models, rearing
from ledger.models import COLLECTIVE
from ledger.money import (QUANTITY_PLACES, SHEET_PLACES, WEIGHT_PLACES, kg, product, quantity,
                          sheets, yuan)

VILLAGE = "桑园村"
WHERE = "demo"
LAST_YEAR = 2026
#: Rearing rounds a year (`ledger.rearing`): (name, earliest start month and day). Each
#: lasts 42-45 days.
ROUNDS = tuple((i18n.t(rearing_round.key, "zh"), rearing_round.start)
               for rearing_round in rearing.ROUNDS)

ENTERPRISE, STATION, SHOP = "E01", "E02", "S01"
PARTNERS = (
    {"code": ENTERPRISE, "name": "云岭茧丝绸有限公司", "phone": "0870-2123456",
     "note": "龙头企业：供蚕种、桑叶，收购蚕茧"},
    {"code": STATION, "name": "镇蚕茧收购站", "phone": "0870-2567890", "note": "收购站"},
    {"code": SHOP, "name": "兴农农资店", "phone": "13887012345", "note": "农资店：消毒药、蔟具"},
)

SURNAMES = "张王李刘陈杨赵黄周吴徐孙马朱胡郭何罗高林邓唐余龙陶苏蒋田彭曾"
GIVEN = "国华明建军平秀英兰芳红德文发贵富成学志永春林祥荣福云顺才忠海兴丽琼美玉桂珍凤莲勇强涛"
GROUPS = ("一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组")
BREEDS = ("菁松×皓月", "芙蓉×湘晖", "两广二号", "云蚕7×云蚕8", "秋丰×白玉")
HOUSEHOLD_SUBSIDIES = ("县农业农村局蚕桑补贴", "镇人民政府小蚕共育补助", "蚕桑保险理赔")
COLLECTIVE_SUBSIDY = "镇人民政府蚕桑产业扶持资金"
#: Cocoon grades: (name, share of the batch's cocoons in percent, price in percent of 上车茧);
#: 上车茧 takes what the others leave, at the season's price.
GRADES = (("上车茧", None, None), ("次茧", (4, 10), (75, 90)), ("下茧", (3, 8), (30, 50)))
#: Cocoon yield of each breed, in percent of the season's usual: some do better here.
BREED_YIELD = {"菁松×皓月": 104, "芙蓉×湘晖": 100, "两广二号": 95, "云蚕7×云蚕8": 102,
               "秋丰×白玉": 97}
#: Chance that a household rears another breed than the season's usual one.
OTHER_BREED = 0.35
#: Share of households' batches lost, mostly to disease: their owners may end up owing.
FAILED_BATCHES = 0.04


def generate(households: int = 150, seasons: int = 3, seed: int = 1) -> Counter:
    """Fill the bound ledger with a demo village; return how many records of each kind.

    Meant for a new ledger: codes already taken are refused like any other record. The
    village's people and its general books up to the first rearing year go in first; when
    that leaves a year before the seasons (the default), it is closed and distributed like
    a real one, which needs its own committed step (the close runs `check`); then the
    seasons, each write one transaction through the service layer.
    """
    if households < 1 or seasons < 1:
        raise ValueError("a demo village needs at least one household and one season")
    village = Village(random.Random(seed), households, random.Random(f"{seed}:breeds"))
    calendar = season_calendar(village.rng, seasons)
    books = GeneralBooks(random.Random(f"{seed}:books"), village, calendar)
    with models.database.atomic():
        writer = book.record_many(village.people(), action="demo", source="silk demo")
        if not db.get_meta("village"):
            db.set_meta("village", VILLAGE)
    counts = writer.counts
    counts += books.before_seasons()
    with models.database.atomic():
        writer = book.record_many(village.seasons(calendar), action="demo", source="silk demo")
    counts += writer.counts
    counts += books.alongside_seasons()
    return counts


# -- the village: who lives there, and when they rear -----------------------------------

@dataclass
class Household:
    """A member household and the habits that shape its records season after season."""

    code: str
    name: str
    members: tuple[str, ...]      # the head first; any of them may work for wages
    group: str
    phone: str
    shares: int                   # thousandths of a share
    rears: float                  # chance it rears a batch in a season
    usual_sheets: int             # hundredths of a sheet
    young_reared: float           # chance it has the collective rear its young silkworms
    own_mulberry: bool            # feeds its own leaf (price 0)
    sells_leaf: bool              # has leaf to spare for neighbours and the workshop
    workshop_worker: bool         # someone works in the collective's workshop


@dataclass(frozen=True)
class SeasonDates:
    code: str
    name: str
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.start.year


@dataclass(frozen=True)
class Batch:
    """One lot of eggs, with the dates of its round: hatch, mount (~day 25), harvest."""

    code: str
    owner: str
    sheets: int                   # hundredths
    hatch: date
    mount: date
    harvest: date
    young_reared: bool
    breed: str = ""


@dataclass(frozen=True)
class Terms:
    """What things cost in one season: prices in fen per kg, per sheet or per day."""

    breed: str
    cocoon_price: int
    leaf_price: int
    free_leaf: bool
    egg_price: int                # 0: the enterprise gives the eggs free
    rearing_fee: int
    wage_rate: int


class Village:
    """The village's people and the running balance the collective owes each household.

    Balances are tallied here from the amounts generated, in fen, so that settlement
    payments can be sized without reading the ledger back mid-transaction.
    """

    def __init__(self, rng: random.Random, households: int, breeds: random.Random | None = None):
        self.rng = rng
        #: Breeds are chosen from a stream of their own, so everything else stays as
        #: each seed made it before batches had breeds of their own.
        self.breeds = breeds or random.Random(0)
        width = max(3, len(str(households)))
        self.households = [self._household(f"H{n:0{width}d}") for n in range(1, households + 1)]
        self.by_code = {h.code: h for h in self.households}
        self.leaf_sellers = [h.code for h in self.households if h.sells_leaf]
        self.workshop_workers = [h for h in self.households if h.workshop_worker]
        self.balances: dict[str, int] = dict.fromkeys(self.by_code, 0)
        #: Cash paid out less cash taken in at each season's settlement, fen: the cash the
        #: accountant draws from the bank beforehand (`GeneralBooks`).
        self.cash_out: Counter = Counter()

    def _person(self, surname: str | None = None) -> str:
        rng = self.rng
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        return (surname or rng.choice(SURNAMES)) + given

    def _household(self, code: str) -> Household:
        rng = self.rng
        head = self._person()
        family = [head, self._person()]                     # the head and the spouse
        family += [self._person(head[0]) for _ in range(rng.randint(0, 2))]
        return Household(
            code=code, name=head, members=tuple(family), group=rng.choice(GROUPS),
            phone="" if rng.random() < 0.1 else f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
            shares=rng.randint(2, 12) * 500,
            rears=rng.choice((0.7, 0.8, 0.9, 0.95)),
            usual_sheets=rng.choice((100, 150, 200, 200, 250, 300, 300, 400)),
            young_reared=rng.choice((0.0, 0.6, 0.9, 1.0)),
            own_mulberry=rng.random() < 0.8,
            sells_leaf=rng.random() < 0.2,
            workshop_worker=rng.random() < 0.3,
        )

    def people(self) -> Iterator[tuple[str, list]]:
        """The households and the partners."""
        yield "households", [(WHERE, _household_values(h)) for h in self.households]
        yield "partners", [(WHERE, dict(p)) for p in PARTNERS]

    def groups(self, seasons: int) -> Iterator[tuple[str, list]]:
        """Everything but the general books, in dependency order (what the benchmarks'
        large ledgers are made of)."""
        yield from self.people()
        yield from self.seasons(season_calendar(self.rng, seasons))

    def seasons(self, calendar: list["SeasonDates"]) -> Iterator[tuple[str, list]]:
        """The seasons, then each season's records, made when it is reached."""
        yield "seasons", [(WHERE, {"code": s.code, "name": s.name, "start": s.start.isoformat(),
                                   "end": s.end.isoformat()}) for s in calendar]
        for season in calendar:
            yield from SeasonBook(self, season).groups()


def _household_values(h: Household) -> dict:
    return {"code": h.code, "name": h.name, "group": h.group, "phone": h.phone,
            "shares": quantity(h.shares)}


def season_calendar(rng: random.Random, count: int) -> list[SeasonDates]:
    """`count` rounds, three a year, the last being the third round of LAST_YEAR."""
    seasons = []
    for back in range(count - 1, -1, -1):
        year, index = divmod(LAST_YEAR * len(ROUNDS) + len(ROUNDS) - 1 - back, len(ROUNDS))
        name, (month, day) = ROUNDS[index]
        start = date(year, month, day) + timedelta(days=rng.randint(0, 4))
        end = start + timedelta(days=rng.randint(41, 44))
        seasons.append(SeasonDates(f"{year}-{index + 1}", f"{year}年第{index + 1}批（{name}）",
                                   start, end))
    return seasons


# -- one season's records -----------------------------------------------------------------

SEASON_KINDS = ("batches", "leaf", "sales", "inputs", "wages", "charges", "subsidies",
                "payments")


class SeasonBook:
    """Makes one season's records, in memory only for that season, and tallies what each
    household earns and owes, so the season can end with its settlement payments."""

    def __init__(self, village: Village, season: SeasonDates):
        self.village = village
        self.rng = village.rng
        self.season = season
        self.where = f"{WHERE}:{season.code}"
        self.rows: dict[str, list] = {kind: [] for kind in SEASON_KINDS}
        self.terms = self._terms()

    def groups(self) -> Iterator[tuple[str, list]]:
        self._make()
        for kind in SEASON_KINDS:
            yield kind, self.rows.pop(kind)

    def _make(self) -> None:
        batches = self._collective_batches() + self._household_batches()
        for batch in batches:
            self._leaf(batch)
            self._sales(batch)
            self._inputs(batch)
        self._workshop_wages(batches)
        self._hired_help(batches)
        self._rearing_fees(batches)
        self._subsidies(batches)
        self._payments()

    # -- helpers ------------------------------------------------------------------------
    def _add(self, kind: str, values: dict) -> None:
        self.rows[kind].append((self.where, values))

    def _move(self, payer: str, earner: str, fen: int) -> None:
        """Follow money from the party who bears a cost to the party who earns it."""
        balances = self.village.balances
        if payer in balances:
            balances[payer] -= fen
        if earner in balances:
            balances[earner] += fen

    def _day(self, day: date) -> str:
        """A date as text, kept inside the season."""
        return min(max(day, self.season.start), self.season.end).isoformat()

    def _terms(self) -> Terms:
        rng = self.rng
        # Cocoon prices rose over the years: about 36-51 yuan/kg in 2013, 55-70 in 2026.
        low = min(3600 + max(0, self.season.year - 2013) * 150, 5800)
        return Terms(
            breed=rng.choice(BREEDS),
            cocoon_price=rng.randint(low // 10, (low + 1500) // 10) * 10,
            leaf_price=rng.randrange(85, 141, 5),
            free_leaf=rng.random() < 0.5,
            egg_price=0 if rng.random() < 0.5 else rng.randrange(5000, 6001, 100),
            rearing_fee=rng.randrange(10000, 36001, 1000),
            wage_rate=rng.randrange(10000, 12001, 500),
        )

    # -- batches ------------------------------------------------------------------------
    def _batch(self, code: str, owner: str, hundredths: int, young_reared: bool) -> Batch:
        rng = self.rng
        hatch = self.season.start + timedelta(days=rng.randint(0, 3))
        mount = hatch + timedelta(days=rng.randint(24, 26))
        harvest = mount + timedelta(days=rng.randint(5, 7))
        breed = self.terms.breed
        if owner != COLLECTIVE and self.village.breeds.random() < OTHER_BREED:
            breed = self.village.breeds.choice(BREEDS)
        batch = Batch(code, owner, hundredths, hatch, mount, harvest, young_reared, breed)
        self._add("batches", {"code": code, "season": self.season.code, "owner": owner,
                              "sheets": sheets(hundredths), "breed": breed,
                              "hatch": hatch.isoformat(), "mount": mount.isoformat(),
                              "harvest": harvest.isoformat()})
        return batch

    def _collective_batches(self) -> list[Batch]:
        """The workshop's own lots (育蚕车间), a few more in a larger village."""
        count = self.rng.randint(2, 4) + len(self.village.households) // 300
        return [self._batch(f"{self.season.code}-C{n:02d}", COLLECTIVE,
                            self.rng.randint(10, 40) * 100, False)
                for n in range(1, count + 1)]

    def _household_batches(self) -> list[Batch]:
        rng, batches = self.rng, []
        for h in self.village.households:
            if rng.random() < h.rears:
                hundredths = max(100, min(400, h.usual_sheets + rng.choice((-50, 0, 0, 0, 50))))
                batches.append(self._batch(f"{self.season.code}-{h.code}", h.code, hundredths,
                                           rng.random() < h.young_reared))
        return batches

    # -- leaf: 500-700 kg a sheet, delivered from the third instar on ---------------------
    def _leaf(self, batch: Batch) -> None:
        rng = self.rng
        total = batch.sheets * rng.randint(500, 700) * 10 // 500 * 500   # grams, whole 0.5 kg
        first = 11 if batch.young_reared else 2
        days = range(first, (batch.mount - batch.hatch).days)
        count = min(len(days), 5 + (batch.sheets + 99) // 100 + rng.randint(0, 3))
        offsets = sorted(rng.sample(days, count))
        weights = [i + 2 + rng.randint(0, 2) for i in range(count)]     # the 5th instar eats most
        for offset, grams in zip(offsets, _split(total, weights, 500)):
            supplier, price = self._leaf_source(batch)
            self._add("leaf", {"date": self._day(batch.hatch + timedelta(days=offset)),
                               "batch": batch.code, "supplier": supplier, "kg": kg(grams),
                               "price": yuan(price)})
            self._move(batch.owner, supplier, product(grams, WEIGHT_PLACES, price))

    def _leaf_source(self, batch: Batch) -> tuple[str, int]:
        """Who supplies one delivery, and at what price: the owner's own leaf is free."""
        rng, terms = self.rng, self.terms
        own = self.village.by_code.get(batch.owner)
        options = [((ENTERPRISE, terms.leaf_price + 10), 2)]
        if terms.free_leaf:
            options.append(((ENTERPRISE, 0), 3))
        if own is None or own.own_mulberry:
            options.append(((batch.owner, 0), 5))
        if own is not None:
            options.append(((COLLECTIVE, terms.leaf_price), 2))
        neighbour = rng.choice(self.village.leaf_sellers) if self.village.leaf_sellers else None
        if neighbour and neighbour != batch.owner:
            options.append(((neighbour, terms.leaf_price - 5), 3 if own is None else 2))
        choices, weights = zip(*options)
        return rng.choices(choices, weights)[0]

    # -- cocoons: 35-50 kg a sheet, graded and sold after harvest ---------------------
    def _sales(self, batch: Batch) -> None:
        rng = self.rng
        per_sheet = rng.randint(35_000, 50_000) * BREED_YIELD.get(batch.breed, 100) // 100
        if batch.owner != COLLECTIVE and rng.random() < FAILED_BATCHES:
            per_sheet = rng.randint(3_000, 12_000)                        # disease: 蚕病减产
        total = batch.sheets * per_sheet // 1000 * 10                     # whole 10 g
        buyer = ENTERPRISE if rng.random() < 0.75 else STATION
        best = self.terms.cocoon_price + rng.randrange(-100, 101, 10)
        remaining = total
        lots = []
        for grade, share, price_percent in reversed(GRADES):
            if share is None:
                lots.append((grade, remaining, best))
            elif rng.random() < 0.8:
                grams = total * rng.randint(*share) // 1000 * 10
                lots.append((grade, grams, best * rng.randint(*price_percent) // 1000 * 10))
                remaining -= grams
        day = self._day(batch.harvest + timedelta(days=rng.randint(0, 2)))
        for grade, grams, price in reversed(lots):
            gross = product(grams, WEIGHT_PLACES, price)
            deduction = self._deduction(gross) if grade == GRADES[0][0] else 0
            self._add("sales", {"date": day, "batch": batch.code, "buyer": buyer,
                                "grade": grade, "kg": kg(grams), "price": yuan(price),
                                "deduction": yuan(deduction)})
            self._move(buyer, batch.owner, gross - deduction)

    def _deduction(self, gross: int) -> int:
        """Now and then the station deducts 0.5-3% (moisture, impurities), in whole yuan."""
        if self.rng.random() >= 0.12:
            return 0
        return min(gross, max(100, gross * self.rng.randint(5, 30) // 100_000 * 100))

    # -- inputs: eggs, disinfectant, mounting frames, anti-muscardine powder --------------
    def _inputs(self, batch: Batch) -> None:
        rng, terms = self.rng, self.terms
        egg_day = batch.hatch - timedelta(days=rng.randint(0, 2))
        self._input(batch, egg_day, ENTERPRISE, "蚕种", batch.sheets * 10, "张",
                    product(batch.sheets, SHEET_PLACES, terms.egg_price))
        bags = rng.randint(1, 2 + batch.sheets // 200)
        self._input(batch, batch.hatch - timedelta(days=rng.randint(1, 4)), SHOP, "消毒药",
                    bags * 1000, "袋", bags * rng.randrange(1500, 2501, 100))
        if rng.random() < 0.7:
            frames = batch.sheets * rng.randint(20, 40) // 100
            self._input(batch, batch.mount - timedelta(days=rng.randint(1, 4)), SHOP, "方格蔟",
                        frames * 1000, "片", frames * rng.randrange(150, 251, 10))
        if rng.random() < 0.6:
            bags = rng.randint(1, 3)
            self._input(batch, batch.hatch + timedelta(days=rng.randint(5, 20)), SHOP, "防僵粉",
                        bags * 1000, "袋", bags * rng.randrange(800, 1201, 50))

    def _input(self, batch: Batch, day: date, supplier: str, item: str, thousandths: int,
               unit: str, fen: int) -> None:
        self._add("inputs", {"date": self._day(day), "batch": batch.code, "supplier": supplier,
                             "item": item, "quantity": quantity(thousandths), "unit": unit,
                             "amount": yuan(fen)})
        self._move(batch.owner, supplier, fen)

    # -- wages: the workshop's workers, and neighbours hired at mounting and harvest --------
    def _wage(self, day: date, payer: str, household: str, worker: str, task: str,
              half_days: int) -> None:
        thousandths = half_days * 500
        self._add("wages", {"date": self._day(day), "season": self.season.code, "payer": payer,
                            "household": household, "worker": worker, "task": task,
                            "quantity": quantity(thousandths), "unit": "天",
                            "rate": yuan(self.terms.wage_rate)})
        self._move(payer, household, product(thousandths, QUANTITY_PLACES, self.terms.wage_rate))

    def _workshop_wages(self, batches: list[Batch]) -> None:
        """Workers of households paid by the collective, period by period of the round."""
        rng = self.rng
        first = batches[0]                                   # the workshop's first lot
        periods = (("小蚕共育", first.hatch, first.hatch + timedelta(days=11)),
                   ("大蚕饲育", first.hatch + timedelta(days=12), first.mount),
                   ("上蔟", first.mount, first.mount + timedelta(days=2)),
                   ("采茧", first.harvest, first.harvest + timedelta(days=1)))
        for h in self.village.workshop_workers:
            if rng.random() >= 0.85:
                continue
            worker = rng.choice(h.members)
            for task, begin, end in rng.sample(periods, rng.randint(2, 4)):
                days = (end - begin).days + 1
                self._wage(end, COLLECTIVE, h.code, worker, task, rng.randint(days, 2 * days))

    def _hired_help(self, batches: list[Batch]) -> None:
        """A household with a larger batch hires a neighbour for mounting or harvest."""
        rng, households = self.rng, self.village.households
        for batch in batches:
            if batch.owner == COLLECTIVE or batch.sheets < 200 or rng.random() >= 0.35:
                continue
            helper = rng.choice(households)
            if helper.code == batch.owner:
                continue
            task, day = rng.choice((("上蔟", batch.mount), ("采茧", batch.harvest)))
            self._wage(day + timedelta(days=1), batch.owner, helper.code,
                       rng.choice(helper.members), task, rng.randint(1, 6))

    # -- charges, subsidies ---------------------------------------------------------------
    def _rearing_fees(self, batches: list[Batch]) -> None:
        """小蚕共育费: the young silkworms are handed over at the third instar, ~day 11."""
        for batch in batches:
            if batch.young_reared:
                fen = product(batch.sheets, SHEET_PLACES, self.terms.rearing_fee)
                self._add("charges", {"date": self._day(batch.hatch + timedelta(days=11)),
                                      "season": self.season.code, "household": batch.owner,
                                      "item": "小蚕共育费", "amount": yuan(fen)})
                self._move(batch.owner, COLLECTIVE, fen)

    def _subsidies(self, batches: list[Batch]) -> None:
        rng = self.rng
        end = self.season.end
        self._subsidy(end - timedelta(days=rng.randint(5, 15)), COLLECTIVE, COLLECTIVE_SUBSIDY,
                      rng.randint(50, 300) * 10000)
        for batch in batches:
            if batch.owner != COLLECTIVE and rng.random() < 0.08:
                self._subsidy(end - timedelta(days=rng.randint(5, 15)), batch.owner,
                              rng.choice(HOUSEHOLD_SUBSIDIES), rng.randint(10, 80) * 1000)

    def _subsidy(self, day: date, recipient: str, source: str, fen: int) -> None:
        self._add("subsidies", {"date": self._day(day), "season": self.season.code,
                                "recipient": recipient, "source": source, "amount": yuan(fen)})
        self._move("", recipient, fen)

    # -- settlement: most of what is owed is paid out, a few households pay in -------------
    def _payments(self) -> None:
        rng = self.rng
        for h in self.village.households:
            owed = self.village.balances[h.code]
            if owed > 0 and rng.random() < 0.85:
                fen = owed if rng.random() < 0.6 else owed * rng.randint(70, 95) // 10000 * 100
                method = "bank" if rng.random() < 0.75 else "cash"
                self._payment(h.code, "to_household", fen, method)
            elif owed < 0 and rng.random() < 0.7:
                method = "cash" if rng.random() < 0.6 else "bank"
                self._payment(h.code, "from_household", -owed, method)

    def _payment(self, household: str, direction: str, fen: int, method: str) -> None:
        if fen <= 0:
            return
        day = self.season.end - timedelta(days=self.rng.randint(0, 3))
        self._add("payments", {"date": self._day(day), "season": self.season.code,
                               "household": household, "direction": direction,
                               "amount": yuan(fen), "method": method,
                               "memo": f"{self.season.name}结算"})
        if direction == "to_household":
            self._move(household, "", fen)
        else:
            self._move("", household, fen)
        if method == "cash":
            self.village.cash_out[self.season] += fen if direction == "to_household" else -fen


# -- the collective's general books --------------------------------------------------------

#: Sub-accounts the demo's accountant keeps: (code, name).
SUB_ACCOUNTS = (("501.04", "发包收入"), ("513.01", "电费"),
                ("513.02", "办公费"), ("514.01", "路灯"), ("515.01", "利息支出"))
#: The workshop building: bought before the books began, in the opening balances.
WORKSHOP = dict(code="A001", name="育蚕车间厂房", acquired=date(2020, 3, 15), cost="180000",
                life=240, residual="9000", use="workshop", account="511.04")
#: The collective's opening balances (期初余额), fen: cash, bank, capital; the building's
#: cost and its depreciation before the books (the same amount in its register entry and
#: in the opening credit to 152), the reserve fund balances.
OPENING_CASH, OPENING_BANK, CAPITAL = 400_000, 9_600_000, 20_000_000


class GeneralBooks:
    """The collective's books beyond sericulture: opening balances, the workshop's and
    the office's electricity, office costs, a bank loan and its interest, a county grant,
    the fish pond's contract income, road lights, cash drawn, the building's depreciation;
    and, for a year before the seasons, the year-end close and the members' dividends.

    The books begin on 1 January of the year before the first season's when every
    season falls in one year (the default demo: 2025 closed and distributed, 2026 open),
    else on 1 January of the first season's year, with no year closed (closing a year of
    seasons would need its seasons closed first)."""

    def __init__(self, rng: random.Random, village: Village, calendar: list[SeasonDates]):
        self.rng = rng
        self.village = village
        first, last = calendar[0].start.year, calendar[-1].start.year
        self.closed_year = first - 1 if first == last else None
        self.begin = date(self.closed_year or first, 1, 1)
        self.years = range(self.begin.year, last + 1)
        self.building_depreciation = self._building_depreciation()

    def _building_depreciation(self) -> int:
        """What the books before these depreciated of the building, fen: its straight line
        from the month after it was bought to the December before the books begin.
        Computed once: the opening voucher credits it to 152 and the register keeps it as
        the building's opening depreciation, so the two agree by construction."""
        from ledger import assets

        cost, residual = _fen(WORKSHOP["cost"]), _fen(WORKSHOP["residual"])
        before = assets.months_after(WORKSHOP["acquired"], f"{self.begin.year - 1}-12")
        return sum(assets.charge(cost, residual, WORKSHOP["life"], month)
                   for month in range(1, before + 1))

    def before_seasons(self) -> Counter:
        """The sub-accounts, the opening balances and the year before the seasons, closed
        and distributed."""
        from ledger import assets

        count: Counter = Counter()
        groups = [("accounts", [(WHERE, {"code": code, "name": name})
                                for code, name in SUB_ACCOUNTS])]
        vouchers = [self._opening()]
        if self.closed_year:
            vouchers += self._year(self.closed_year)
        groups.append(("vouchers", [(WHERE, v) for v in vouchers]))
        with models.database.atomic():
            count += book.record_many(groups, action="demo", source="silk demo").counts
            assets.add(opening=True, opening_depreciation=yuan(self.building_depreciation),
                       **WORKSHOP)
        if self.closed_year:
            count["vouchers"] += self._depreciate(self.closed_year, 12)
            count["vouchers"] += self._close(self.closed_year)
        return count

    def alongside_seasons(self) -> Counter:
        """The general vouchers of the seasons' years, up to November of the last."""
        years = [year for year in self.years if year != self.closed_year]
        vouchers = [v for year in years for v in self._year(year, last_month=11 if
                                                            year == years[-1] else 12)]
        vouchers += [self._cash_for(season, fen)
                     for season, fen in self.village.cash_out.items() if fen > 0]
        with models.database.atomic():
            writer = book.record_many([("vouchers", [(WHERE, v) for v in vouchers])],
                                      action="demo", source="silk demo")
        count = writer.counts
        for year in years:
            count["vouchers"] += self._depreciate(year, 11 if year == years[-1] else 12)
        return count

    # -- the vouchers ---------------------------------------------------------------------
    def _opening(self) -> dict:
        cost, building = _fen(WORKSHOP["cost"]), self.building_depreciation
        reserve = OPENING_CASH + OPENING_BANK + cost - building - CAPITAL
        return _voucher(self.begin, "期初余额", [
            ("101", OPENING_CASH, 0), ("102", OPENING_BANK, 0), ("151", cost, 0),
            ("152", 0, building), ("301", 0, CAPITAL), ("311", 0, reserve)])

    def _year(self, year: int, last_month: int = 12) -> list[dict]:
        """A year's vouchers: monthly electricity, quarterly office costs and loan
        interest, the pond's contract, a grant, road lights, cash drawn from the bank."""
        rng, found = self.rng, []
        for month in range(1, last_month + 1):
            day = date(year, month, rng.randint(20, 28))
            fen = rng.randint(18_000, 60_000) + (40_000 if month in (4, 5, 6, 8, 9) else 0)
            found.append(_voucher(day, f"{month}月育蚕车间及村委会电费",
                                  [("513.01", fen, 0), ("102", 0, fen)]))
            if month % 3 == 1:
                fen = rng.randint(20_000, 50_000)
                found.append(_voucher(date(year, month, rng.randint(5, 15)), "购办公用品",
                                      [("513.02", fen, 0), ("101", 0, fen)], attachments=2))
                found.append(_voucher(date(year, month, rng.randint(2, 6)), "从银行提取备用金",
                                      [("101", 200_000, 0), ("102", 0, 200_000)]))
            if month % 3 == 0:
                found.append(_voucher(date(year, month, 21), "农商行贷款利息",
                                      [("515.01", 75_000, 0), ("102", 0, 75_000)]))
        found.append(_voucher(date(year, 2, 10), "农商行短期贷款",
                              [("102", 5_000_000, 0), ("201", 0, 5_000_000)]))
        found.append(_voucher(date(year, 3, 1), "鱼塘及集体林地发包收入",
                              [("102", 3_600_000, 0), ("501.04", 0, 3_600_000)]))
        if last_month >= 6:
            found.append(_voucher(date(year, 6, 18), "县蚕桑产业发展补助",
                                  [("102", 2_000_000, 0), ("503", 0, 2_000_000)]))
        if last_month >= 9:
            fen = rng.randint(600_000, 750_000)
            found.append(_voucher(date(year, 9, 12), "安装村道路灯",
                                  [("514.01", fen, 0), ("102", 0, fen)], attachments=3))
        if last_month >= 11:
            found.append(_voucher(date(year, 11, 30), "归还农商行贷款",
                                  [("201", 5_000_000, 0), ("102", 0, 5_000_000)]))
        return sorted(found, key=lambda v: v["date"])

    @staticmethod
    def _cash_for(season: SeasonDates, fen: int) -> dict:
        """Cash drawn from the bank for a season's settlement, in whole hundreds, dated
        before its first payment."""
        fen = -(-fen // 10_000) * 10_000
        return _voucher(season.end - timedelta(days=4), f"提取现金备付{season.name}结算款",
                        [("101", fen, 0), ("102", 0, fen)])

    def _depreciate(self, year: int, last_month: int) -> int:
        """Each month's depreciation voucher; how many."""
        from ledger import assets

        for month in range(1, last_month + 1):
            assets.depreciate(f"{year}-{month:02d}")
        return last_month

    def _close(self, year: int) -> int:
        """Close the year: 10% to the reserve fund, half of the rest to the members; how
        many closing vouchers."""
        from ledger import year_end

        found = year_end.plan(year, "10", "0")
        members = max(0, found.net_income - found.reserve) // 2 // 10_000 * 10_000
        closed = year_end.close_year(year, "10", yuan(members))
        for dividend in closed.dividends:
            self.village.balances[dividend.code] += dividend.amount
        return len(closed.vouchers)


def _voucher(day: date, summary: str, lines: list[tuple[str, int, int]],
             attachments: int = 1) -> dict:
    return {"date": day.isoformat(), "attachments": str(attachments), "maker": "会计",
            "lines": [{"summary": summary, "account": code,
                       "debit": yuan(debit) if debit else "",
                       "credit": yuan(credit) if credit else ""}
                      for code, debit, credit in lines]}


def _fen(text: str) -> int:
    return int(text) * 100


def _split(total: int, weights: list[int], step: int) -> list[int]:
    """`total` in parts proportional to `weights`, each a multiple of `step` (as `total`
    is), the last taking what rounding leaves; every part stays positive."""
    whole = sum(weights)
    parts = [max(step, total * w // whole // step * step) for w in weights[:-1]]
    parts.append(total - sum(parts))
    if parts[-1] <= 0:
        raise ValueError("split too fine")
    return parts
