#!/usr/bin/env python3
"""A relief scenario folder as a PyVRP model, and PyVRP's routes for reliefroute to re-time.

Two commands (run with ``benches/peers/.venv/bin/python``, which ``run_peers.sh`` makes):

``equal SRC DST``
    Copies the scenario folder SRC to DST without what PyVRP cannot state: the fixed kitchen
    of an order (``kitchen``) and its freshness limit (``max_ride_min``) are emptied in
    ``orders.csv``. Both solvers then plan DST, so they solve the same problem.

``solve DIR --matrix MATRIX.csv --out ROUTES.json [--seconds T] [--seed N]``
    Builds the PyVRP model of DIR and solves it for T seconds (default 10, seed 1), then
    writes PyVRP's routes as JSON: per courier its trips, each a kitchen and order ids in
    visiting order. ``examples/retime.rs`` times them under reliefroute's rules and writes a
    ``plan.json`` that ``reliefroute check DIR --plan`` verifies.

The model:

* **Travel**: reliefroute's own matrix, ``reliefroute matrix DIR --out MATRIX.csv``, one
  PyVRP routing profile per matrix profile (one per courier speed on straight lines).
  Distances in metres (rounded), times in tenths of a second rounded *up* (after the CSV's
  0.001-minute rounding), so a PyVRP route on time is on time under reliefroute's rules.
* **Kitchens** are depots: opening hours as the depot's time window, the loading time
  (``service_min``) as the depot's service duration, paid on leaving for every trip.
* **Couriers** are vehicle types (couriers alike are grouped): start and end at the base,
  reload at the base (``reload_depots``; ``--reloads any``: at any kitchen, see below),
  ``max_trips - 1`` reloads, the shift as the vehicle's time window, ``max_work_min`` as its
  shift duration, one capacity per item.
* **Orders** are clients (several at one site share its location): the quantity in their
  item's dimension, the site's handover time as service duration, the window narrowed by the
  site's opening hours, and the ready time as release time (a trip loads no earlier than the
  ready time of every order it carries, as in reliefroute). Every order is required; the
  objective is distance only (no fixed cost per courier), as ``--objective distance``.

Not stated, so ``solve`` refuses a folder that has them (``equal`` removes the first two):
fixed kitchens, freshness limits, ``supply.csv``, breaks, skills (``requires``), couriers
pinned to orders, alternative windows and optional orders (priority 0). A stop that hands
over two orders at one site is one stop (one handover time) to reliefroute but two visits
to PyVRP, which is stricter there.

Kitchens other than the base: a reliefroute trip ends back at its own kitchen, and a courier
that loads its next trip elsewhere then rides there empty; a PyVRP trip ends at the kitchen
where the next one loads. PyVRP cannot state the former, so by default each courier loads at
its base only, and every PyVRP route is timed alike by both (reliefroute keeps the freedom of
loading elsewhere; ``table`` counts the trips that do). With ``--reloads any`` PyVRP may
reload anywhere; its routes that change kitchens are then timed with reliefroute's legs
(back to the trip's kitchen, then on), and dropped by ``retime`` if that breaks a rule.

``table ROWS.tsv``
    Prints the comparison table of ``relief_side_by_side.sh`` from its rows (city, solver,
    plan.json, wall and CPU seconds, load average, checker verdict), with each plan's
    distance against the PyVRP row's of the same city.
"""

from __future__ import annotations

import os

# One thread everywhere, set before numpy or PyVRP is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import csv
import json
import math
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Time unit of the PyVRP model: tenths of a second.
PER_MIN = 600
# Seconds of a day after which nothing happens (an open end of a window).
END_OF_DAY = 48 * 60 * PER_MIN


class InputProblem(Exception):
    """A scenario that the model cannot state, with file, line and column."""


def minutes(text: str, where: str) -> float:
    """`HH:MM` or minutes after midnight, as in reliefroute's reader."""
    text = text.strip()
    try:
        if ":" in text:
            h, m = text.split(":")
            return int(h) * 60 + int(m)
        return float(text)
    except ValueError:
        raise InputProblem(f"{where}: expected a time HH:MM or minutes, got {text!r}") from None


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers (header = line 1)."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items()}) for row in reader]


def equal(src: Path, dst: Path) -> None:
    """Copies the folder, emptying `kitchen` and `max_ride_min` in orders.csv."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("out", "out-*"))
    path = dst / "orders.csv"
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames or []
        rows = list(reader)
    for row in rows:
        for column in ("kitchen", "max_ride_min"):
            if column in row:
                row[column] = ""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@dataclass
class Matrix:
    """reliefroute's travel matrix: per profile, distances (m) and times (0.1 s) by site."""

    profile_of: dict[str, int]  # courier id -> profile
    distance: list  # per profile, numpy int64 (sites x sites)
    duration: list


def read_matrix(path: Path, site_index: dict[str, int]):
    """Reads `reliefroute matrix` CSV output (profile,vehicles,from,to,distance_km,time_min)."""
    import numpy as np

    n = len(site_index)
    profile_of: dict[str, int] = {}
    distance: list = []
    duration: list = []
    unreachable = 10 * END_OF_DAY  # no path (closures): too far for any shift
    for line, row in read_rows(path):
        p = int(row["profile"])
        while len(distance) <= p:
            distance.append(np.zeros((n, n), dtype=np.int64))
            duration.append(np.zeros((n, n), dtype=np.int64))
        for courier in row["vehicles"].split():
            profile_of[courier] = p
        i, j = site_index[row["from"]], site_index[row["to"]]
        if row["distance_km"] == "":
            distance[p][i, j] = duration[p][i, j] = unreachable
            continue
        distance[p][i, j] = round(float(row["distance_km"]) * 1000)
        # Up from the CSV's rounding (half a thousandth of a minute), then to the unit.
        duration[p][i, j] = math.ceil((float(row["time_min"]) + 0.0005) * PER_MIN)
    return Matrix(profile_of, distance, duration)


@dataclass
class Scenario:
    sites: list[dict[str, str]]
    site_index: dict[str, int]
    kitchens: list[int]  # site indices
    items: list[str]
    orders: list[dict[str, str]]
    fleet: list[dict[str, str]]


def read_scenario(folder: Path) -> Scenario:
    """Reads the three CSV files and refuses what the model cannot state."""
    problems: list[str] = []
    if (folder / "supply.csv").exists():
        problems.append(f"{folder / 'supply.csv'}: kitchen output is not stated in the PyVRP model")
    sites = read_rows(folder / "sites.csv")
    orders = read_rows(folder / "orders.csv")
    fleet = read_rows(folder / "fleet.csv")

    def refuse(name: str, rows, columns: dict[str, str]) -> None:
        for line, row in rows:
            for column, what in columns.items():
                value = row.get(column, "")
                if value and not (column == "priority" and value != "0"):
                    problems.append(f"{folder / name} line {line}, column {column}: {what} "
                                    f"({value!r}) is not stated in the PyVRP model")

    refuse("sites.csv", sites, {"requires": "a skill"})
    refuse("orders.csv", orders, {
        "kitchen": "a fixed kitchen (run `relief.py equal` first)",
        "max_ride_min": "a freshness limit (run `relief.py equal` first)",
        "requires": "a skill", "courier": "a pinned courier",
        "windows": "alternative windows", "priority": "an optional order (priority 0)",
    })
    refuse("fleet.csv", fleet, {"breaks": "a break"})
    if problems:
        raise InputProblem("\n".join(problems[:20]) + (
            f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""))
    site_rows = [row for _, row in sites]
    site_index = {row["id"]: i for i, row in enumerate(site_rows)}
    kitchens = [i for i, row in enumerate(site_rows) if row["kind"] == "kitchen"]
    items: list[str] = []
    for _, row in fleet:
        for pair in row["capacity"].split():
            item = pair.split(":")[0]
            if item not in items:
                items.append(item)
    for line, row in orders:
        if row["item"] not in items:
            items.append(row["item"])
    return Scenario(site_rows, site_index, kitchens, items, [r for _, r in orders],
                    [r for _, r in fleet])


def window(row: dict[str, str], start: str, end: str, where: str) -> tuple[int, int]:
    """A window in model units; an empty end is open."""
    lo = math.ceil(minutes(row[start], where) * PER_MIN) if row.get(start) else 0
    hi = math.floor(minutes(row[end], where) * PER_MIN) if row.get(end) else END_OF_DAY
    return lo, hi


def build(sc: Scenario, matrix: Matrix, reloads: str):
    """The PyVRP ProblemData, and per vehicle type the courier ids it stands for. `reloads`:
    `base` (each courier loads every trip at its base) or `any` (at any kitchen)."""
    import pyvrp

    locations = [pyvrp.Location(float(s["lon"]), float(s["lat"])) for s in sc.sites]
    depot_of_site = {site: d for d, site in enumerate(sc.kitchens)}
    depots = []
    for site in sc.kitchens:
        s = sc.sites[site]
        lo, hi = window(s, "open", "close", f"sites.csv {s['id']}")
        depots.append(pyvrp.Depot(location=site, tw_early=lo, tw_late=hi,
                                  service_duration=round(float(s["service_min"]) * PER_MIN),
                                  name=s["id"]))
    clients = []
    for o in sc.orders:
        where = f"orders.csv {o['id']}"
        site = sc.site_index[o["site"]]
        s = sc.sites[site]
        lo, hi = window(o, "earliest", "latest", where)
        open_, close = window(s, "open", "close", f"sites.csv {s['id']}")
        ready = math.ceil(minutes(o["ready"], where) * PER_MIN) if o.get("ready") else 0
        delivery = [0] * len(sc.items)
        delivery[sc.items.index(o["item"])] = int(o["quantity"])
        clients.append(pyvrp.Client(
            location=site, delivery=delivery,
            service_duration=round(float(s.get("service_min") or 0) * PER_MIN),
            tw_early=max(lo, open_), tw_late=min(hi, close), release_time=ready, name=o["id"]))
    # Couriers alike (base, capacity, shift, profile, trips, working time) share a type.
    types: dict[tuple, list[str]] = {}
    for c in sc.fleet:
        cap = dict((p.split(":")[0], int(p.split(":")[1])) for p in c["capacity"].split())
        key = (c["base"], tuple(cap.get(i, 0) for i in sc.items), c["shift_start"],
               c["shift_end"], matrix.profile_of[c["id"]], c.get("max_trips") or "",
               c.get("max_work_min") or "")
        types.setdefault(key, []).append(c["id"])
    vehicle_types = []
    for (base, cap, start, end, profile, trips, work), ids in types.items():
        where = f"fleet.csv {ids[0]}"
        kw = {}
        if trips:
            kw["max_reloads"] = int(trips) - 1
        if work:
            kw["shift_duration"] = round(float(work) * PER_MIN)
        base_depot = depot_of_site[sc.site_index[base]]
        vehicle_types.append(pyvrp.VehicleType(
            num_available=len(ids), capacity=list(cap), start_depot=base_depot,
            end_depot=base_depot, tw_early=math.ceil(minutes(start, where) * PER_MIN),
            tw_late=math.floor(minutes(end, where) * PER_MIN), profile=profile,
            reload_depots=[base_depot] if reloads == "base" else list(range(len(depots))),
            name=ids[0], **kw))
    data = pyvrp.ProblemData(locations, clients, depots, vehicle_types,
                             matrix.distance, matrix.duration)
    return data, [ids for ids in types.values()]


def routes_of(sc: Scenario, solution, couriers_by_type: list[list[str]]) -> list[dict]:
    """PyVRP's routes as couriers' trips: each trip's kitchen is the depot it starts at."""
    import pyvrp

    used = [0] * len(couriers_by_type)
    routes = []
    for route in solution.routes():
        t = route.vehicle_type()
        courier = couriers_by_type[t][used[t]]
        used[t] += 1
        trips: list[dict] = []
        for a in route.schedule():
            if a.type == pyvrp.ActivityType.DEPOT:
                trips.append({"kitchen": sc.sites[sc.kitchens[a.idx]]["id"], "orders": []})
            elif a.type == pyvrp.ActivityType.CLIENT:
                trips[-1]["orders"].append(sc.orders[a.idx]["id"])
        routes.append({"courier": courier, "trips": [tr for tr in trips if tr["orders"]]})
    return routes


def solve(folder: Path, matrix_path: Path, out: Path, seconds: float, seed: int,
          reloads: str) -> dict:
    import pyvrp
    from importlib.metadata import version
    from pyvrp.stop import MaxRuntime

    sc = read_scenario(folder)
    matrix = read_matrix(matrix_path, sc.site_index)
    data, couriers_by_type = build(sc, matrix, reloads)
    started, cpu = time.perf_counter(), time.process_time()
    result = pyvrp.solve(data, stop=MaxRuntime(seconds), seed=seed, collect_stats=False,
                         display=False)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    best = result.best
    routes = routes_of(sc, best, couriers_by_type)
    served = {o for r in routes for tr in r["trips"] for o in tr["orders"]}
    doc = {
        "scenario": str(folder),
        "solver": f"pyvrp {version('pyvrp')}",
        "seconds": seconds,
        "seed": seed,
        "reloads": reloads,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "feasible": best.is_feasible(),
        "distance_km": best.distance() / 1000,
        "routes": routes,
        "unserved": [o["id"] for o in sc.orders if o["id"] not in served],
    }
    out.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return doc


def table(rows_path: Path) -> str:
    """The markdown table of the side-by-side rows (see the module's notes)."""
    rows = [line.split("\t") for line in rows_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    plans = {}
    for city, solver, plan, _wall, _cpu, _load, _verdict in rows:
        doc = json.loads(Path(plan).read_text(encoding="utf-8"))
        fleet = {r["id"]: r["base"] for _, r in read_rows(Path(plan).parents[1] / "fleet.csv")}
        away = sum(t["kitchen"] != fleet[r["vehicle"]] for r in doc["routes"] for t in r["trips"])
        plans[city, solver] = (doc["summary"], away)
    out = ["| city | solver | served | couriers | trips | away | distance km | vs PyVRP | wall s "
           "| CPU s | load | checker |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for city, solver, _plan, wall, cpu, load, verdict in rows:
        s, away = plans[city, solver]
        peer = plans.get((city, "pyvrp"))
        diff = ""
        if peer and solver != "pyvrp":
            diff = f"{100 * (s['distance_km'] - peer[0]['distance_km']) / peer[0]['distance_km']:+.1f}%"
        out.append(f"| {city} | {solver} | {s['served']} / {s['orders']} | {s['couriers_used']} "
                   f"| {s['trips']} | {away} | {s['distance_km']:.1f} | {diff} | {wall} | {cpu} | {load} "
                   f"| {verdict} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    eq = sub.add_parser("equal", help="copy a scenario without fixed kitchens and freshness limits")
    eq.add_argument("src", type=Path)
    eq.add_argument("dst", type=Path)
    so = sub.add_parser("solve", help="solve a scenario folder with PyVRP, write its routes")
    so.add_argument("dir", type=Path)
    so.add_argument("--matrix", type=Path, required=True,
                    help="the folder's matrix, from `reliefroute matrix DIR --out FILE`")
    so.add_argument("--out", type=Path, required=True, help="routes JSON to write")
    so.add_argument("--seconds", type=float, default=10.0)
    so.add_argument("--seed", type=int, default=1)
    so.add_argument("--reloads", choices=["base", "any"], default="base",
                    help="where a courier loads its trips: at its base (default; timed alike "
                         "by both models) or at any kitchen (see the module's notes)")
    tb = sub.add_parser("table", help="print the side-by-side table from its rows")
    tb.add_argument("rows", type=Path)
    args = ap.parse_args(argv)
    try:
        if args.command == "equal":
            equal(args.src, args.dst)
            return 0
        if args.command == "table":
            print(table(args.rows))
            return 0
        doc = solve(args.dir, args.matrix, args.out, args.seconds, args.seed, args.reloads)
    except (InputProblem, OSError, KeyError, ValueError) as e:
        print(f"relief.py: {e}", file=sys.stderr)
        return 2
    trips = sum(len(r["trips"]) for r in doc["routes"])
    print(f"{doc['solver']}: {len(doc['routes'])} couriers, {trips} trips, "
          f"{doc['distance_km']:.3f} km, feasible {doc['feasible']}, "
          f"{len(doc['unserved'])} unserved, {doc['wall_s']:.2f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
