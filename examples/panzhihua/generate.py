#!/usr/bin/env python3
"""Generates the Panzhihua sample scenario (sites.csv, orders.csv, fleet.csv, supply.csv).

Deterministic: python3 standard library only, fixed seed. Run from anywhere:

    python3 examples/panzhihua/generate.py

The coordinates are illustrative, not surveyed: kitchens, checkpoints, households and care
homes are placed around real district centres of Panzhihua, Sichuan, with random jitter.
The script checks that every order can be served (see `check`) before writing anything.
"""

import csv
import math
import os
import random

SEED = 1
DETOUR = 1.3  # road / straight-line distance, as in scenario.toml
EARTH_KM = 6371.0088  # mean Earth radius, as the library's haversine uses

HERE = os.path.dirname(os.path.abspath(__file__))

# id, name, lat, lon: one kitchen per district.
KITCHENS = [
    ("K1", "Bingcaogang community kitchen (Dong district)", 26.5830, 101.7180),
    ("K2", "Qingxiangping volunteer kitchen (Xi district)", 26.5920, 101.6280),
    ("K3", "Renhe town canteen (Renhe district)", 26.5020, 101.7360),
]

# Road checkpoints at the city entrances and river crossings: (label, lat, lon).
CHECKPOINT_ANCHORS = [
    ("west entrance, Panxi expressway", 26.6000, 101.5870),
    ("Xi district north road", 26.6140, 101.6420),
    ("Xi district, south bank bridge", 26.5760, 101.6130),
    ("Taojiadu riverside road", 26.5850, 101.6700),
    ("Dong district north road", 26.6080, 101.7200),
    ("airport road", 26.5700, 101.7620),
    ("Dong district east exit", 26.6000, 101.7530),
    ("Renhe west road", 26.5060, 101.7020),
    ("Renhe south, road to Yunnan", 26.4640, 101.7440),
    ("Renhe east road", 26.4960, 101.7770),
    ("Jinsha river bridge, Dong-Renhe", 26.5450, 101.7250),
]

# Where medical workers live: (district, lat, lon, households).
HOUSEHOLD_CLUSTERS = [
    ("Dong", 26.5780, 101.7250, 30),
    ("Xi", 26.5950, 101.6350, 18),
    ("Renhe", 26.5060, 101.7340, 15),
]

CARE_HOMES = [
    ("CH1", "Dong district care home", 26.5600, 101.7050),
    ("CH2", "Renhe district care home", 26.5200, 101.7500),
]

# A mountain village up a narrow road that only cars reach (its order requires `car`).
VILLAGE = ("VL1", "Mountain village above Renhe (road for cars only)", 26.4700, 101.7800)

# Medical workers' households that want their vetted volunteer: order -> courier.
PINNED = {"H32-V": "R04", "H40-V": "R04"}

# Alternative windows: two checkpoints every fifth (fed by any kitchen) take lunch from
# 11:30 to 12:30 or, failing that, a late box from 13:30 to 14:00 (`windows`; their `earliest`
# and `latest` stay empty). The plan serves one of the two.
WINDOWS = {"CP05-L": "11:30-12:30 13:30-14:00", "CP10-L": "11:30-12:30 13:30-14:00"}

# Care home staff meet the courier at the gate: at most 10 minutes of waiting there; R04, the
# vetted volunteer of two households, waits at most 20 minutes at their doors (`max_wait_min`
# in `sites.csv`); every other site has the scenario's 90 minutes (`[sites] max_wait_min` in
# `scenario.toml`).
MAX_WAIT = {"CH1": 10, "CH2": 10, "H32": 20, "H40": 20}

HOUSEHOLD_WINDOWS = [("09:30", "12:00"), ("10:00", "12:30"), ("14:00", "17:00"), ("14:30", "17:30")]

# Fleet: id, kind, base, capacity, shift, speed_kmh, max_trips.
RIDER = ("rider", "meal_box:12 veg_parcel:4 mask_pack:20", 15.0, 10)
CAR = ("car", "meal_box:40 veg_parcel:16 mask_pack:120", 30.0, 10)
RIDER_BASES = ["K1", "K1", "K1", "K2", "K2", "K2", "K3", "K3"]
CAR_BASES = ["K1", "K1", "K2", "K3"]
SHIFT = ("09:00", "20:00")
# Every volunteer owes a half-hour meal break after the lunch rush, taken at a kitchen
# between trips (never with food on board), and works at most ten hours.
BREAKS = "13:00-15:00/30"
MAX_WORK_MIN = 600

MAX_KM_FROM_KITCHEN = 7.5  # straight line; the brief allows about 8 km


def km(a, b):
    """Great-circle distance between (lat, lon) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def minutes(hhmm):
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def nearest_kitchen(point):
    return min(KITCHENS, key=lambda k: km(point, (k[2], k[3])))


def jitter(rng, lat, lon, sigma_deg, limit_km):
    """A point near (lat, lon), redrawn until it is within limit_km of some kitchen."""
    while True:
        p = (round(lat + rng.gauss(0, sigma_deg), 5), round(lon + rng.gauss(0, sigma_deg), 5))
        k = nearest_kitchen(p)
        if km(p, (k[2], k[3])) <= limit_km:
            return p


def build():
    rng = random.Random(SEED)
    sites = []  # dicts in sites.csv column order
    orders = []

    for kid, name, lat, lon in KITCHENS:
        sites.append(dict(id=kid, kind="kitchen", name=name, lat=lat, lon=lon,
                          service_min=5, open="09:00", close="21:00"))

    for n in range(1, 26):
        label, lat, lon = CHECKPOINT_ANCHORS[(n - 1) % len(CHECKPOINT_ANCHORS)]
        p = jitter(rng, lat, lon, 0.006, MAX_KM_FROM_KITCHEN)
        cid = f"CP{n:02d}"
        sites.append(dict(id=cid, kind="checkpoint", name=f"Checkpoint {n}, {label}",
                          lat=p[0], lon=p[1], service_min=3, open="", close=""))
        # Most checkpoints are fed by the nearest kitchen; every fifth by any kitchen.
        kitchen = "" if n % 5 == 0 else nearest_kitchen(p)[0]
        for meal, (earliest, latest, ready) in (
            ("L", ("11:30", "12:30", "11:00")),
            ("D", ("17:30", "18:30", "17:00")),
        ):
            orders.append(dict(id=f"{cid}-{meal}", site=cid, item="meal_box",
                               quantity=rng.randint(4, 12), earliest=earliest, latest=latest,
                               kitchen=kitchen, ready=ready, max_ride_min=45, priority=2))

    h = 0
    for district, lat, lon, count in HOUSEHOLD_CLUSTERS:
        for _ in range(count):
            h += 1
            p = jitter(rng, lat, lon, 0.012, 6.0)
            hid = f"H{h:02d}"
            sites.append(dict(id=hid, kind="household",
                              name=f"Medical worker household {h} ({district})",
                              lat=p[0], lon=p[1], service_min=2, open="", close=""))
            earliest, latest = rng.choice(HOUSEHOLD_WINDOWS)
            orders.append(dict(id=f"{hid}-V", site=hid, item="veg_parcel",
                               quantity=rng.randint(1, 2), earliest=earliest, latest=latest,
                               kitchen="", ready="09:00", max_ride_min="", priority=1))

    for cid, name, lat, lon in CARE_HOMES:
        sites.append(dict(id=cid, kind="care_home", name=name, lat=lat, lon=lon,
                          service_min=5, open="08:00", close="18:00"))
        orders.append(dict(id=f"{cid}-M", site=cid, item="mask_pack",
                           quantity=rng.randint(40, 60), earliest="09:00", latest="16:00",
                           kitchen="", ready="09:00", max_ride_min="", priority=3))

    # Drawn after everything else (no random draws), so that the rest stays as it was.
    vid, name, lat, lon = VILLAGE
    sites.append(dict(id=vid, kind="village", name=name, lat=lat, lon=lon,
                      service_min=5, open="", close=""))
    orders.append(dict(id=f"{vid}-V", site=vid, item="veg_parcel", quantity=6,
                       earliest="10:00", latest="16:00", kitchen="", ready="09:00",
                       max_ride_min="", priority=2, requires="car"))
    for o in orders:
        o.setdefault("requires", "")
        o["courier"] = PINNED.get(o["id"], "")
        o["windows"] = WINDOWS.get(o["id"], "")
        if o["windows"]:
            o["earliest"] = o["latest"] = ""
    for s in sites:
        s["max_wait_min"] = MAX_WAIT.get(s["id"], "")

    fleet = []
    for i, base in enumerate(RIDER_BASES, 1):
        kind, capacity, speed, trips = RIDER
        fleet.append(dict(id=f"R{i:02d}", kind=kind, base=base, capacity=capacity,
                          shift_start=SHIFT[0], shift_end=SHIFT[1], speed_kmh=int(speed),
                          max_trips=trips, breaks=BREAKS, max_work_min=MAX_WORK_MIN))
    for i, base in enumerate(CAR_BASES, 1):
        kind, capacity, speed, trips = CAR
        fleet.append(dict(id=f"C{i:02d}", kind=kind, base=base, capacity=capacity,
                          shift_start=SHIFT[0], shift_end=SHIFT[1], speed_kmh=int(speed),
                          max_trips=trips, breaks=BREAKS, max_work_min=MAX_WORK_MIN))
    return sites, orders, fleet


def check(sites, orders, fleet):
    """Every order must be servable on its own by some vehicle: raises otherwise."""
    site = {s["id"]: s for s in sites}
    kitchens = [s for s in sites if s["kind"] == "kitchen"]
    assert len({s["id"] for s in sites}) == len(sites)
    assert len({o["id"] for o in orders}) == len(orders)
    assert len({v["id"] for v in fleet}) == len(fleet)

    def caps(v):
        return {k: int(q) for k, q in (pair.split(":") for pair in v["capacity"].split())}

    for s in sites:
        if s["kind"] != "kitchen":
            d = min(km((s["lat"], s["lon"]), (k["lat"], k["lon"])) for k in kitchens)
            assert d <= 8.0, f"{s['id']} is {d:.1f} km from the nearest kitchen"

    best_ride = {}
    for o in orders:
        stop = site[o["site"]]
        # An order with alternative windows must be servable in its first.
        first = o["windows"].split()[0].split("-") if o["windows"] else (o["earliest"], o["latest"])
        candidates = [site[o["kitchen"]]] if o["kitchen"] else kitchens
        ok = False
        for k in candidates:
            for v in fleet:
                if caps(v).get(o["item"], 0) < o["quantity"]:
                    continue
                if o["requires"] and o["requires"] != v["kind"]:
                    continue
                if o["courier"] and o["courier"] != v["id"]:
                    continue
                ride = km((k["lat"], k["lon"]), (stop["lat"], stop["lon"])) * DETOUR / v["speed_kmh"] * 60
                depart = max(minutes(o["ready"]), minutes(v["shift_start"]), minutes(k["open"])) + k["service_min"]
                arrive = depart + ride
                start = max(arrive, minutes(first[0]), minutes(stop["open"] or "00:00"))
                latest = min(minutes(first[1]), minutes(stop["close"] or "48:00"))
                back = start + stop["service_min"] + ride
                if o["max_ride_min"] != "" and ride > o["max_ride_min"]:
                    continue
                if start <= latest and back <= minutes(v["shift_end"]):
                    ok = True
                    best_ride[o["id"]] = min(best_ride.get(o["id"], 1e9), ride)
        assert ok, f"order {o['id']} cannot be served by any vehicle"

    # Hot meals: the quickest direct ride must leave room for a few stops before the limit.
    for o in orders:
        if o["item"] == "meal_box":
            assert best_ride[o["id"]] <= 25, f"{o['id']}: {best_ride[o['id']]:.0f} min ride"
    total = {}
    for o in orders:
        total[o["item"]] = total.get(o["item"], 0) + o["quantity"]
    return total


# Kitchen output (supply.csv): the Xi district kitchen K2 cooks its meal boxes at a limited
# rate around each meal, 90 from 10:50 to 12:00 (about 77 an hour) and 100 from 16:30 to
# 17:45 (80 an hour); every other kitchen and item is unlimited.
SUPPLY = [
    {"kitchen": "K2", "item": "meal_box", "from": "10:50", "to": "12:00", "quantity": 90},
    {"kitchen": "K2", "item": "meal_box", "from": "16:30", "to": "17:45", "quantity": 100},
]


def write(name, rows, columns):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow(row)


def main():
    sites, orders, fleet = build()
    total = check(sites, orders, fleet)
    write("sites.csv", sites, ["id", "kind", "name", "lat", "lon", "service_min", "open", "close",
                               "max_wait_min"])
    write("orders.csv", orders, ["id", "site", "item", "quantity", "earliest", "latest",
                                 "windows", "kitchen", "ready", "max_ride_min", "priority", "requires",
                                 "courier"])
    write("fleet.csv", fleet, ["id", "kind", "base", "capacity", "shift_start", "shift_end",
                               "speed_kmh", "max_trips", "breaks", "max_work_min"])
    write("supply.csv", SUPPLY, ["kitchen", "item", "from", "to", "quantity"])
    print(f"{len(sites)} sites, {len(orders)} orders, {len(fleet)} vehicles; totals {total}")


if __name__ == "__main__":
    main()
