#!/usr/bin/env python3
"""Run peer solvers (PyVRP, VROOM via pyvroom, OR-Tools, HGS-CVRP via hygese) on reliefroute's
benchmark sets.

Every solver gets the same instances, the same time budget and one thread. Whatever a
solver returns is re-evaluated here, independently of the solver, in the convention of
the benchmark's best-known values:

* Solomon (``benches/data/solomon``, DIMACS table) and Gehring-Homberger (VRPLIB with
  ``TIME_WINDOW_SECTION``): every arc is ``floor(10 * euclid) / 10`` and travel time equals
  that distance; the objective is total distance only, with at most the file's fleet (25
  vehicles, or ``VEHICLES``). Internally everything is kept in integer tenths, which is
  exact: for integer coordinates ``floor(10 * sqrt(s)) == isqrt(100 * s)``.
* CVRPLIB X and XXL (VRPLIB without time windows): every arc is
  ``nint(euclid) = floor(d + 0.5)``; the fleet is unlimited.

The Gehring-Homberger and XXL sets are read from ``benches/sets/<set>`` when
``benches/fetch_sets.sh`` has put the full sets there, else from the test copies in
``benches/data/<set>`` (3 of 24 and 1 of 3 instances).

The checker verifies capacity, time windows (latest *start* of service, return to the
depot by the depot's due date), that every customer is served exactly once, and the fleet
size. The CSV printed is the one of ``reliefroute bench --format csv``:

    instance,strategy,seconds,vehicles,distance,bks,gap_percent,feasible,wall_s,unassigned

followed by ``# mean gap X% over N instances with a best-known value; K infeasible or
incomplete`` (the same line and the same rules as reliefroute: the gap is given when every
customer is served, and the mean is over those rows).

Run it through ``run_peers.sh`` (which makes the virtual environment), or directly with
``benches/peers/.venv/bin/python benches/peers/peers.py --help``.
"""

from __future__ import annotations

import os

# One thread everywhere, set before numpy or any solver is imported.
for _var in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
):
    os.environ.setdefault(_var, "1")

import argparse
import csv
import datetime
import math
import sys
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "benches" / "data"
FULL_SETS = REPO / "benches" / "sets"
SET_NAMES = ("solomon", "cvrplib_x", "gehring_homberger", "cvrplib_xxl")
SOLVERS = ("pyvrp", "vroom", "ortools", "hgs")


TW_SETS = ("solomon", "gehring_homberger")


def set_dir(set_name: str) -> Path:
    """The folder of a set: the full set fetched into benches/sets, else benches/data."""
    full = FULL_SETS / set_name
    return full if full.is_dir() else DATA / set_name
HEADER = "instance,strategy,seconds,vehicles,distance,bks,gap_percent,feasible,wall_s,unassigned"


# --------------------------------------------------------------------------- instances


@dataclass
class Instance:
    """One benchmark instance, in integer units (tenths with time windows, else units).

    Node 0 is the depot, nodes 1..n the customers (Solomon numbering; VRPLIB node
    ``i + 1`` in the file is customer ``i``, as in the ``.sol`` files).
    """

    name: str
    scale: int  # integer units per reported distance unit: 10 (DIMACS) or 1 (nint)
    x: list[float]
    y: list[float]
    demand: list[int]
    capacity: int
    fleet: int | None  # None: unlimited
    ready: list[int] | None = None  # scaled
    due: list[int] | None = None  # scaled, latest start of service; depot: latest return
    service: list[int] | None = None  # scaled
    _matrix: object = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.x) - 1

    @property
    def has_time_windows(self) -> bool:
        return self.ready is not None

    def min_vehicles(self) -> int:
        return max(1, math.ceil(sum(self.demand) / self.capacity))

    @cached_property
    def integral(self) -> bool:
        return all(float(v).is_integer() for v in self.x + self.y)

    def arc(self, i: int, j: int) -> int:
        """The integer arc length from i to j, computed exactly (the checker's distance)."""
        dx = self.x[i] - self.x[j]
        dy = self.y[i] - self.y[j]
        if self.integral:
            s2 = int(dx) * int(dx) + int(dy) * int(dy)
            return _arc_dimacs(s2) if self.has_time_windows else _arc_nint(s2)
        e = math.hypot(dx, dy)  # not used by the shipped sets; float fallback
        return math.floor(10 * e) if self.has_time_windows else math.floor(e + 0.5)

    @property
    def matrix(self):
        """The full integer matrix (numpy int64, built once), for the solvers."""
        if self._matrix is None:
            self._matrix = build_matrix(self)
        return self._matrix


def _arc_dimacs(s2: int) -> int:
    """floor(10 * sqrt(s2)) for an integer squared distance, exactly."""
    return math.isqrt(100 * s2)


def _arc_nint(s2: int) -> int:
    """nint(sqrt(s2)) = floor(sqrt(s2) + 0.5) for an integer squared distance, exactly."""
    r = math.isqrt(s2)
    # sqrt(s2) >= r + 0.5  <=>  s2 >= r^2 + r + 0.25  <=>  s2 > r^2 + r (integers)
    return r + 1 if s2 > r * r + r else r


def _isqrt_np(a):
    """Exact integer square roots of a non-negative int64 array (float sqrt, then fixed)."""
    import numpy as np

    r = np.floor(np.sqrt(a.astype(np.float64))).astype(np.int64)
    r -= r * r > a
    r += (r + 1) * (r + 1) <= a
    return r


def build_matrix(inst: Instance):
    """The integer matrix as numpy int64, row block by row block (XXL: 10,001² entries),
    equal to ``inst.arc`` everywhere."""
    import numpy as np

    n1 = len(inst.x)
    m = np.empty((n1, n1), dtype=np.int64)
    block = max(1, 2_000_000 // n1)
    if inst.integral:
        x = np.asarray(inst.x, dtype=np.int64)
        y = np.asarray(inst.y, dtype=np.int64)
        for i in range(0, n1, block):
            dx = x[i:i + block, None] - x[None, :]
            dy = y[i:i + block, None] - y[None, :]
            s2 = dx * dx + dy * dy
            if inst.has_time_windows:
                m[i:i + block] = _isqrt_np(100 * s2)
            else:
                r = _isqrt_np(s2)
                m[i:i + block] = r + (s2 > r * r + r)
    else:
        for i in range(n1):
            m[i] = [inst.arc(i, j) for j in range(n1)]
    return m


def read_solomon(path: Path) -> Instance:
    lines = [ln.split() for ln in path.read_text().splitlines()]
    lines = [t for t in lines if t]
    name = lines[0][0]
    fleet = capacity = None
    rows = []
    for i, toks in enumerate(lines):
        if toks[0] == "NUMBER" and fleet is None:
            fleet, capacity = int(lines[i + 1][0]), int(lines[i + 1][1])
        if len(toks) == 7 and all(_is_number(t) for t in toks):
            rows.append([float(t) for t in toks])
    if fleet is None or not rows:
        raise ValueError(f"{path}: not a Solomon file")
    rows.sort(key=lambda r: r[0])
    if [int(r[0]) for r in rows] != list(range(len(rows))):
        raise ValueError(f"{path}: node rows are not numbered 0..n")
    for r in rows:
        if not all(v.is_integer() for v in r[3:]):
            raise ValueError(f"{path}: non-integer demand or time data")
    s = 10
    inst = Instance(
        name=name if name == path.stem else path.stem,
        scale=s,
        x=[r[1] for r in rows],
        y=[r[2] for r in rows],
        demand=[int(r[3]) for r in rows],
        capacity=capacity,
        fleet=fleet,
        ready=[s * int(r[4]) for r in rows],
        due=[s * int(r[5]) for r in rows],
        service=[s * int(r[6]) for r in rows],
    )
    inst.demand[0] = 0
    return inst


def _is_number(t: str) -> bool:
    try:
        float(t)
        return True
    except ValueError:
        return False


def read_vrplib(path: Path) -> Instance:
    """A VRPLIB file: CVRP, or VRPTW with TIME_WINDOW_SECTION, SERVICE_TIME(_SECTION) and
    VEHICLES (as reliefroute's reader; times in integer tenths)."""
    header: dict[str, str] = {}
    sections: dict[str, dict[int, list[float]]] = {}
    depots: list[int] = []
    section = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("EOF"):
            break
        if line.split()[0].endswith("_SECTION"):
            section = line.split()[0]
            sections.setdefault(section, {})
            continue
        if ":" in line and section is None:
            k, v = line.split(":", 1)
            header[k.strip()] = v.strip()
            continue
        toks = line.split()
        if section == "DEPOT_SECTION":
            v = int(toks[0])
            if v == -1:
                section = None
            else:
                depots.append(v)
        elif section is not None:
            sections[section][int(toks[0])] = [float(t) for t in toks[1:]]
    if header.get("EDGE_WEIGHT_TYPE") != "EUC_2D":
        raise ValueError(f"{path}: EDGE_WEIGHT_TYPE {header.get('EDGE_WEIGHT_TYPE')!r} unsupported")
    dim = int(header["DIMENSION"])
    nodes = list(range(1, dim + 1))
    coords = sections.get("NODE_COORD_SECTION", {})
    if depots != [1] or sorted(coords) != nodes:
        raise ValueError(f"{path}: expected depot 1 and nodes 1..{dim}")
    demand = sections.get("DEMAND_SECTION", {})
    windows = sections.get("TIME_WINDOW_SECTION")
    tw = windows is not None
    s = 10 if tw else 1

    def tenths(v: float) -> int:
        if not float(v).is_integer():
            raise ValueError(f"{path}: non-integer time data {v}")
        return s * int(v)

    service = [0] * dim
    if "SERVICE_TIME_SECTION" in sections:
        service = [tenths(sections["SERVICE_TIME_SECTION"][v][0]) for v in nodes]
    elif "SERVICE_TIME" in header:
        service = [0] + [tenths(float(header["SERVICE_TIME"]))] * (dim - 1)
    inst = Instance(
        name=path.stem,
        scale=s,
        x=[coords[v][0] for v in nodes],
        y=[coords[v][1] for v in nodes],
        demand=[int(demand.get(v, [0])[0]) for v in nodes],
        capacity=int(header["CAPACITY"]),
        fleet=int(header["VEHICLES"]) if "VEHICLES" in header else None,
        ready=[tenths(windows[v][0]) for v in nodes] if tw else None,
        due=[tenths(windows[v][1]) for v in nodes] if tw else None,
        service=service if tw else None,
    )
    inst.demand[0] = 0
    return inst


def read_instance(path: Path) -> Instance:
    return read_solomon(path) if path.suffix == ".txt" else read_vrplib(path)


def instance_files(set_name: str) -> list[Path]:
    d = set_dir(set_name)
    return sorted(p for p in d.iterdir() if p.suffix in (".txt", ".vrp") and p.name != "README.txt")


def read_bks(set_name: str) -> dict[str, float]:
    """The distance-only best-known values: Solomon `dimacs_distance`, the VRPLIB sets `bks`."""
    out = {}
    with open(set_dir(set_name) / "bks.csv", newline="") as f:
        for row in csv.DictReader(f):
            v = row.get("dimacs_distance") if set_name == "solomon" else row.get("bks")
            if v:
                out[row["instance"]] = float(v)
    return out


# --------------------------------------------------------------------------- checker


@dataclass
class Evaluation:
    distance: int  # integer units
    vehicles: int
    feasible: bool  # checker accepted and complete
    unassigned: int
    problems: list[str]


def evaluate(inst: Instance, routes: list[list[int]]) -> Evaluation:
    """Recomputes a solution's distance and checks it. Routes list customers 1..n."""
    problems: list[str] = []
    routes = [r for r in routes if r]
    seen = [0] * (inst.n + 1)
    total = 0
    for k, route in enumerate(routes):
        for c in route:
            if not 1 <= c <= inst.n:
                problems.append(f"route {k}: node {c} is not a customer")
                continue
            seen[c] += 1
        route = [c for c in route if 1 <= c <= inst.n]
        load = sum(inst.demand[c] for c in route)
        if load > inst.capacity:
            problems.append(f"route {k}: load {load} > capacity {inst.capacity}")
        path = [0, *route, 0]
        total += sum(inst.arc(a, b) for a, b in zip(path, path[1:]))
        if inst.has_time_windows:
            t = inst.ready[0]
            prev = 0
            for c in route:
                t = max(t + inst.service[prev] + inst.arc(prev, c), inst.ready[c])
                if t > inst.due[c]:
                    problems.append(f"route {k}: customer {c} starts at {t} > due {inst.due[c]}")
                prev = c
            back = t + inst.service[prev] + inst.arc(prev, 0)
            if back > inst.due[0]:
                problems.append(f"route {k}: returns at {back} > depot due {inst.due[0]}")
    for c in range(1, inst.n + 1):
        if seen[c] > 1:
            problems.append(f"customer {c} visited {seen[c]} times")
    unassigned = sum(1 for c in range(1, inst.n + 1) if seen[c] == 0)
    if inst.fleet is not None and len(routes) > inst.fleet:
        problems.append(f"{len(routes)} routes > fleet {inst.fleet}")
    return Evaluation(total, len(routes), not problems and unassigned == 0, unassigned, problems)


def read_sol(path: Path) -> tuple[list[list[int]], float | None]:
    """The routes of a VRPLIB .sol file and its Cost line (None when it has none)."""
    routes, cost = [], None
    for line in path.read_text().splitlines():
        if line.strip().lower().startswith("route"):
            routes.append([int(t) for t in line.split(":", 1)[1].split()])
        elif line.strip().lower().startswith("cost"):
            cost = float(line.split()[1])
    return routes, cost


def verify_solutions(set_names: list[str], only: set[str] | None, sol_root: Path | None) -> bool:
    """Re-evaluates .sol files. Without ``sol_root``: the shipped best-known solutions, which
    must match bks.csv exactly. With it (say ``reliefroute bench --solutions DIR``'s DIR):
    every ``<instance>.sol`` there must be feasible and complete, and its Cost line must be
    the recomputed distance."""
    ok = True
    for set_name in set_names:
        if sol_root is None:
            sol_dir = set_dir(set_name) / ("dimacs_bks_solutions" if set_name == "solomon" else "bks_solutions")
        else:
            sol_dir = sol_root
        bks = read_bks(set_name)
        checked = 0
        for path in instance_files(set_name):
            sol = sol_dir / f"{path.stem}.sol"
            if (only and path.stem not in only) or (sol_root is not None and not sol.exists()):
                continue
            inst = read_instance(path)
            routes, cost = read_sol(sol)
            ev = evaluate(inst, routes)
            dist = ev.distance / inst.scale
            want = bks.get(path.stem) if sol_root is None else cost
            match = want is not None and round(dist * inst.scale) == round(want * inst.scale)
            if not (match and ev.feasible):
                ok = False
                print(f"MISMATCH {set_name} {path.stem}: recomputed {dist}, expected {want}; "
                      f"feasible {ev.feasible} {ev.problems[:3]}")
            else:
                print(f"ok {set_name} {path.stem}: {len(routes)} routes, distance {dist}")
            checked += 1
        against = "bks.csv" if sol_root is None else "their Cost lines"
        print(f"# verify {set_name}: {checked} solutions re-evaluated, "
              f"{'all match ' + against + ' and are feasible' if ok else 'MISMATCHES above'}")
    return ok


# --------------------------------------------------------------------------- solvers


def fleet_size(inst: Instance, args) -> int:
    """Vehicles offered to a solver. Time windows: the file's fleet. CVRP (unlimited fleet):
    one per customer for PyVRP (as reliefroute does); VROOM and OR-Tools slow down a lot
    with hundreds of idle vehicles, so they get ceil(1.25 * lower bound) + 2 by default
    (never binding in practice: the BKS of the 28 X instances use at most lower bound + 2)."""
    if inst.fleet is not None:
        return inst.fleet
    if args.cvrp_fleet == "customers":
        return inst.n
    lb = inst.min_vehicles()
    return min(inst.n, math.ceil(1.25 * lb) + 2)


def solve_pyvrp(inst: Instance, seconds: float, seed: int, args) -> list[list[int]]:
    import numpy as np
    import pyvrp
    from pyvrp.stop import MaxRuntime

    locations = [pyvrp.Location(float(x), float(y)) for x, y in zip(inst.x, inst.y)]
    tw = inst.has_time_windows
    clients = []
    for c in range(1, inst.n + 1):
        kw = {}
        if tw:
            kw = dict(service_duration=inst.service[c], tw_early=inst.ready[c], tw_late=inst.due[c])
        clients.append(pyvrp.Client(location=c, delivery=[inst.demand[c]], **kw))
    if tw:
        depot = pyvrp.Depot(location=0, tw_early=inst.ready[0], tw_late=inst.due[0])
        vt = pyvrp.VehicleType(
            num_available=fleet_size(inst, args) if inst.fleet else inst.n,
            capacity=[inst.capacity],
            tw_early=inst.ready[0],
            tw_late=inst.due[0],
        )
    else:
        depot = pyvrp.Depot(location=0)
        vt = pyvrp.VehicleType(num_available=inst.n, capacity=[inst.capacity])
    mat = inst.matrix
    data = pyvrp.ProblemData(locations, clients, [depot], [vt], [mat], [mat])
    res = pyvrp.solve(data, stop=MaxRuntime(seconds), seed=seed, collect_stats=False, display=False)
    routes = []
    for route in res.best.routes():
        routes.append([a.idx + 1 for a in route.schedule() if a.type == pyvrp.ActivityType.CLIENT])
    return routes


def solve_vroom(inst: Instance, seconds: float, seed: int, args) -> list[list[int]]:
    import numpy as np
    import vroom

    problem = vroom.Input()
    mat = np.asarray(inst.matrix, dtype=np.uint32)
    problem.set_durations_matrix("car", mat)
    problem.set_costs_matrix("car", mat)
    tw = inst.has_time_windows
    vehicles = []
    for v in range(fleet_size(inst, args)):
        kw = {"time_window": vroom.TimeWindow(inst.ready[0], inst.due[0])} if tw else {}
        vehicles.append(vroom.Vehicle(v + 1, start=0, end=0, capacity=[inst.capacity], **kw))
    problem.add_vehicle(vehicles)
    jobs = []
    for c in range(1, inst.n + 1):
        kw = {}
        if tw:
            kw = dict(default_service=inst.service[c],
                      time_windows=[vroom.TimeWindow(inst.ready[c], inst.due[c])])
        jobs.append(vroom.Job(c, location=c, delivery=[inst.demand[c]], **kw))
    problem.add_job(jobs)
    sol = problem.solve(
        exploration_level=args.vroom_exploration,
        nb_threads=1,
        timeout=datetime.timedelta(seconds=seconds),
    )
    routes: dict[int, list[int]] = {}
    df = sol.routes
    for vid, typ, jid in zip(df["vehicle_id"], df["type"], df["id"]):
        if typ == "job":
            routes.setdefault(int(vid), []).append(int(jid))
    return [routes[k] for k in sorted(routes)]


def solve_ortools(inst: Instance, seconds: float, seed: int, args) -> list[list[int]]:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    nv = fleet_size(inst, args)
    n1 = inst.n + 1
    manager = pywrapcp.RoutingIndexManager(n1, nv, 0)
    routing = pywrapcp.RoutingModel(manager)
    m = inst.matrix

    def dist_cb(i, j):
        return int(m[manager.IndexToNode(i), manager.IndexToNode(j)])

    dist_idx = routing.RegisterTransitCallback(dist_cb)
    routing.SetArcCostEvaluatorOfAllVehicles(dist_idx)

    demand = inst.demand

    def demand_cb(i):
        return demand[manager.IndexToNode(i)]

    dem_idx = routing.RegisterUnaryTransitCallback(demand_cb)
    routing.AddDimensionWithVehicleCapacity(dem_idx, 0, [inst.capacity] * nv, True, "Capacity")

    if inst.has_time_windows:
        service = inst.service

        def time_cb(i, j):
            a = manager.IndexToNode(i)
            return service[a] + int(m[a, manager.IndexToNode(j)])

        time_idx = routing.RegisterTransitCallback(time_cb)
        horizon = inst.due[0]
        routing.AddDimension(time_idx, horizon, horizon, False, "Time")
        td = routing.GetDimensionOrDie("Time")
        for c in range(1, n1):
            td.CumulVar(manager.NodeToIndex(c)).SetRange(inst.ready[c], inst.due[c])
        for v in range(nv):
            td.CumulVar(routing.Start(v)).SetRange(inst.ready[0], inst.due[0])
            td.CumulVar(routing.End(v)).SetRange(inst.ready[0], inst.due[0])

    # Every customer may be dropped at a prohibitive penalty, so that a first solution
    # always exists on tight instances (R101 has none from PATH_CHEAPEST_ARC otherwise);
    # a dropped customer is reported as unassigned and the row as infeasible.
    penalty = 100 * int(m.max()) + 1
    for c in range(1, n1):
        routing.AddDisjunction([manager.NodeToIndex(c)], penalty)

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(
        routing_enums_pb2.FirstSolutionStrategy, args.ortools_first
    )
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(round(seconds * 1000)))
    params.log_search = False
    sol = routing.SolveWithParameters(params)
    if sol is None:
        return []
    routes = []
    for v in range(nv):
        idx = routing.Start(v)
        route = []
        idx = sol.Value(routing.NextVar(idx))
        while not routing.IsEnd(idx):
            route.append(manager.IndexToNode(idx))
            idx = sol.Value(routing.NextVar(idx))
        routes.append(route)
    return routes


def solve_hgs(inst: Instance, seconds: float, seed: int, args) -> list[list[int]]:
    """HGS-CVRP (Vidal), through hygese, on our integer matrix. CVRP only. The fleet is
    HGS's own default for an unlimited one (ceil(1.3 * demand / capacity) + 3). HGS restarts
    its population when it stalls, so it searches until its time limit (CPU time)."""
    import numpy as np
    import hygese

    if inst.has_time_windows:
        raise ValueError("HGS-CVRP has no time windows")
    params = hygese.AlgorithmParameters(timeLimit=seconds, seed=seed)
    solver = hygese.Solver(parameters=params, verbose=False)
    # Coordinates are used for SWAP*'s polar sectors only; HGS asserts they are >= 0.
    x = np.asarray(inst.x, dtype=np.float64)
    y = np.asarray(inst.y, dtype=np.float64)
    data = {
        "distance_matrix": inst.matrix,
        "x_coordinates": x - min(0.0, x.min()),
        "y_coordinates": y - min(0.0, y.min()),
        "demands": np.asarray(inst.demand, dtype=np.float64),
        "vehicle_capacity": inst.capacity,
        "depot": 0,
    }
    if inst.fleet is not None:
        data["num_vehicles"] = inst.fleet
    result = solver.solve_cvrp(data)
    return [list(map(int, r)) for r in result.routes]


SOLVE = {"pyvrp": solve_pyvrp, "vroom": solve_vroom, "ortools": solve_ortools, "hgs": solve_hgs}


def solver_version(solver: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    pkg = {"pyvrp": "pyvrp", "vroom": "pyvroom", "ortools": "ortools", "hgs": "hygese"}[solver]
    try:
        return f"{pkg} {version(pkg)}"
    except PackageNotFoundError:
        return f"{pkg} (not installed)"


# --------------------------------------------------------------------------- driver


def fmt_seconds(s: float) -> str:
    """Like Rust's `{}` for f64: 10.0 -> "10", 2.5 -> "2.5"."""
    return str(int(s)) if float(s).is_integer() else repr(float(s))


def run_block(solver: str, set_name: str, files: list[Path], args, out) -> tuple[float, int, int]:
    bks = read_bks(set_name)
    if set_dir(set_name).parent == DATA and set_name in ("gehring_homberger", "cvrplib_xxl"):
        print(f"# {set_name}: the test copies in {set_dir(set_name)}; run benches/fetch_sets.sh "
              f"for the whole set", file=sys.stderr)
    print(HEADER, file=out, flush=True)
    gaps = []
    infeasible = 0
    for path in files:
        inst = read_instance(path)
        t0 = time.perf_counter()
        error = None
        try:
            routes = SOLVE[solver](inst, args.seconds, args.seed, args)
        except Exception as e:  # a solver failure is an infeasible, empty row
            routes, error = [], f"{type(e).__name__}: {e}"
        wall = time.perf_counter() - t0
        ev = evaluate(inst, routes)
        dist = ev.distance / inst.scale
        b = bks.get(inst.name)
        complete = ev.unassigned == 0 and error is None
        gap = 100.0 * (dist - b) / b if (b is not None and complete) else None
        feasible = ev.feasible and error is None
        if not feasible:
            infeasible += 1
            why = error or "; ".join(ev.problems[:3]) or f"{ev.unassigned} unassigned"
            print(f"{solver} {inst.name}: not feasible: {why}", file=sys.stderr)
        if gap is not None:
            gaps.append(gap)
        row = [
            inst.name,
            solver,
            fmt_seconds(args.seconds),
            str(ev.vehicles),
            f"{dist:.2f}",
            "" if b is None else f"{b:.2f}",
            "" if gap is None else f"{gap:.3f}",
            "true" if feasible else "false",
            f"{wall:.3f}",
            str(ev.unassigned),
        ]
        print(",".join(row), file=out, flush=True)
    mean = sum(gaps) / max(len(gaps), 1)
    print(
        f"# mean gap {mean:.3f}% over {len(gaps)} instances with a best-known value; "
        f"{infeasible} infeasible or incomplete",
        file=out,
        flush=True,
    )
    print(
        f"# {solver_version(solver)}; set {set_name}; {fmt_seconds(args.seconds)} s per instance; "
        f"1 thread; seed {args.seed}; distances recomputed by peers.py "
        f"({'floor(10*d)/10 per arc' if set_name in TW_SETS else 'nint(d) per arc'})",
        file=out,
        flush=True,
    )
    return mean, len(gaps), infeasible


class Tee:
    def __init__(self, *streams):
        self.streams = streams

    def write(self, s):
        for st in self.streams:
            st.write(s)

    def flush(self):
        for st in self.streams:
            st.flush()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", default="both",
                    help="comma list of solomon, cvrplib_x, gehring_homberger, cvrplib_xxl; "
                         "both = solomon,cvrplib_x (default); all = the four")
    ap.add_argument("--solver", default="pyvrp,vroom",
                    help="comma list of pyvrp, vroom, ortools, hgs (default pyvrp,vroom); hgs "
                         "(HGS-CVRP) runs on the CVRP sets only")
    ap.add_argument("--seconds", type=float, default=10.0, help="time budget per instance (default 10)")
    ap.add_argument("--instances", default="", help="comma list of instance names (default: all)")
    ap.add_argument("--out", default="",
                    help="CSV output path; {solver} and {set} are replaced, so one file per "
                         "solver and set can be written. Rows are printed to stdout too.")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--vroom-exploration", type=int, default=5)
    ap.add_argument("--ortools-first", default="PARALLEL_CHEAPEST_INSERTION",
                    help="OR-Tools first solution strategy (default PARALLEL_CHEAPEST_INSERTION; PATH_CHEAPEST_ARC leaves customers out on tight Solomon instances)")
    ap.add_argument("--cvrp-fleet", default="slack", choices=["slack", "customers"],
                    help="CVRPLIB fleet for VROOM/OR-Tools: ceil(1.25*lb)+2 (slack, default) "
                         "or one per customer; PyVRP always gets one per customer")
    ap.add_argument("--verify-bks", action="store_true",
                    help="only re-evaluate the shipped best-known solutions against bks.csv")
    ap.add_argument("--check-solutions", default="", metavar="DIR",
                    help="only re-evaluate the <instance>.sol files in DIR (as written by "
                         "reliefroute bench --solutions DIR) against their Cost lines")
    args = ap.parse_args(argv)

    aliases = {"both": ["solomon", "cvrplib_x"], "all": list(SET_NAMES)}
    set_names = [n for s in args.set.split(",") if s.strip()
                 for n in aliases.get(s.strip(), [s.strip()])]
    for n in set_names:
        if n not in SET_NAMES:
            ap.error(f"unknown set {n!r}; expected {', '.join(SET_NAMES)}, both or all")
    only = {s.strip() for s in args.instances.split(",") if s.strip()} or None
    if args.verify_bks or args.check_solutions:
        root = Path(args.check_solutions) if args.check_solutions else None
        return 0 if verify_solutions(set_names, only, root) else 1

    solvers = [s.strip() for s in args.solver.split(",") if s.strip()]
    for s in solvers:
        if s not in SOLVERS:
            ap.error(f"unknown solver {s!r}; expected one of {', '.join(SOLVERS)}")
    if only:
        known = {p.stem for sn in set_names for p in instance_files(sn)}
        missing = sorted(only - known)
        if missing:
            ap.error(f"unknown instance(s) in the chosen set(s): {', '.join(missing)}")

    summary = []
    files_opened: dict[str, object] = {}
    try:
        for solver in solvers:
            for set_name in set_names:
                files = [p for p in instance_files(set_name) if not only or p.stem in only]
                if not files:
                    continue
                if solver == "hgs" and set_name in TW_SETS:
                    print(f"# hgs skipped on {set_name}: HGS-CVRP has no time windows",
                          file=sys.stderr)
                    continue
                out = sys.stdout
                if args.out:
                    target = args.out.replace("{solver}", solver).replace("{set}", set_name)
                    if target not in files_opened:
                        Path(target).parent.mkdir(parents=True, exist_ok=True)
                        files_opened[target] = open(target, "w")
                    out = Tee(sys.stdout, files_opened[target])
                mean, n, bad = run_block(solver, set_name, files, args, out)
                summary.append((solver, set_name, mean, n, bad))
    finally:
        for f in files_opened.values():
            f.close()
    if len(summary) > 1:
        for solver, set_name, mean, n, bad in summary:
            print(f"# summary {solver} {set_name}: mean gap {mean:.3f}% over {n} instances; "
                  f"{bad} infeasible or incomplete", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
