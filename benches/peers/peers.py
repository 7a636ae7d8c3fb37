#!/usr/bin/env python3
"""Run peer solvers (PyVRP, VROOM via pyvroom, OR-Tools) on reliefroute's benchmark sets.

Every solver gets the same instances, the same time budget and one thread. Whatever a
solver returns is re-evaluated here, independently of the solver, in the convention of
the benchmark's best-known values:

* Solomon (``benches/data/solomon``, DIMACS table): every arc is ``floor(10 * euclid) / 10``
  and travel time equals that distance; the objective is total distance only, with at most
  the file's fleet (25 vehicles). Internally everything is kept in integer tenths, which is
  exact: for integer coordinates ``floor(10 * sqrt(s)) == isqrt(100 * s)``.
* CVRPLIB X (``benches/data/cvrplib_x``): every arc is ``nint(euclid) = floor(d + 0.5)``;
  the fleet is unlimited.

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
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "benches" / "data"
SETS = {"solomon": DATA / "solomon", "cvrplib_x": DATA / "cvrplib_x"}
SOLVERS = ("pyvrp", "vroom", "ortools")
HEADER = "instance,strategy,seconds,vehicles,distance,bks,gap_percent,feasible,wall_s,unassigned"


# --------------------------------------------------------------------------- instances


@dataclass
class Instance:
    """One benchmark instance, in integer units (tenths for Solomon, units for CVRPLIB).

    Node 0 is the depot, nodes 1..n the customers (Solomon numbering; CVRPLIB node
    ``i + 1`` in the file is customer ``i``, as in the ``.sol`` files).
    """

    name: str
    kind: str  # "solomon" or "cvrp"
    scale: int  # integer units per reported distance unit: 10 or 1
    x: list[float]
    y: list[float]
    demand: list[int]
    capacity: int
    fleet: int | None  # None: unlimited
    ready: list[int] | None = None  # scaled
    due: list[int] | None = None  # scaled, latest start of service; depot: latest return
    service: list[int] | None = None  # scaled
    matrix: list[list[int]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.x) - 1

    @property
    def has_time_windows(self) -> bool:
        return self.ready is not None

    def min_vehicles(self) -> int:
        return max(1, math.ceil(sum(self.demand) / self.capacity))


def _arc_solomon(s2: int) -> int:
    """floor(10 * sqrt(s2)) for an integer squared distance, exactly."""
    return math.isqrt(100 * s2)


def _arc_nint(s2: int) -> int:
    """nint(sqrt(s2)) = floor(sqrt(s2) + 0.5) for an integer squared distance, exactly."""
    r = math.isqrt(s2)
    # sqrt(s2) >= r + 0.5  <=>  s2 >= r^2 + r + 0.25  <=>  s2 > r^2 + r (integers)
    return r + 1 if s2 > r * r + r else r


def build_matrix(inst: Instance) -> None:
    integral = all(float(v).is_integer() for v in inst.x + inst.y)
    n1 = len(inst.x)
    m = [[0] * n1 for _ in range(n1)]
    for i in range(n1):
        for j in range(i + 1, n1):
            dx = inst.x[i] - inst.x[j]
            dy = inst.y[i] - inst.y[j]
            if integral:
                s2 = int(dx) * int(dx) + int(dy) * int(dy)
                d = _arc_solomon(s2) if inst.kind == "solomon" else _arc_nint(s2)
            else:  # not used by the shipped sets; float fallback
                e = math.hypot(dx, dy)
                d = math.floor(10 * e) if inst.kind == "solomon" else math.floor(e + 0.5)
            m[i][j] = m[j][i] = d
    inst.matrix = m


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
        kind="solomon",
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
    build_matrix(inst)
    return inst


def _is_number(t: str) -> bool:
    try:
        float(t)
        return True
    except ValueError:
        return False


def read_cvrplib(path: Path) -> Instance:
    header: dict[str, str] = {}
    coords: dict[int, tuple[float, float]] = {}
    demand: dict[int, int] = {}
    depots: list[int] = []
    section = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("EOF"):
            break
        if line.endswith("_SECTION") or line.split()[0].endswith("_SECTION"):
            section = line.split()[0]
            continue
        if ":" in line and section is None:
            k, v = line.split(":", 1)
            header[k.strip()] = v.strip()
            continue
        toks = line.split()
        if section == "NODE_COORD_SECTION":
            coords[int(toks[0])] = (float(toks[1]), float(toks[2]))
        elif section == "DEMAND_SECTION":
            demand[int(toks[0])] = int(toks[1])
        elif section == "DEPOT_SECTION":
            v = int(toks[0])
            if v == -1:
                section = None
            else:
                depots.append(v)
    if header.get("EDGE_WEIGHT_TYPE") != "EUC_2D":
        raise ValueError(f"{path}: EDGE_WEIGHT_TYPE {header.get('EDGE_WEIGHT_TYPE')!r} unsupported")
    dim = int(header["DIMENSION"])
    if depots != [1] or sorted(coords) != list(range(1, dim + 1)):
        raise ValueError(f"{path}: expected depot 1 and nodes 1..{dim}")
    nodes = list(range(1, dim + 1))
    inst = Instance(
        name=path.stem,
        kind="cvrp",
        scale=1,
        x=[coords[v][0] for v in nodes],
        y=[coords[v][1] for v in nodes],
        demand=[demand.get(v, 0) for v in nodes],
        capacity=int(header["CAPACITY"]),
        fleet=None,
    )
    inst.demand[0] = 0
    build_matrix(inst)
    return inst


def read_instance(path: Path) -> Instance:
    return read_solomon(path) if path.suffix == ".txt" else read_cvrplib(path)


def instance_files(set_name: str) -> list[Path]:
    d = SETS[set_name]
    return sorted(p for p in d.iterdir() if p.suffix in (".txt", ".vrp") and p.name != "README.txt")


def read_bks(set_name: str) -> dict[str, float]:
    """The distance-only best-known values: Solomon `dimacs_distance`, CVRPLIB `bks`."""
    out = {}
    with open(SETS[set_name] / "bks.csv", newline="") as f:
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
    m = inst.matrix
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
        total += sum(m[a][b] for a, b in zip(path, path[1:]))
        if inst.has_time_windows:
            t = inst.ready[0]
            prev = 0
            for c in route:
                t = max(t + inst.service[prev] + m[prev][c], inst.ready[c])
                if t > inst.due[c]:
                    problems.append(f"route {k}: customer {c} starts at {t} > due {inst.due[c]}")
                prev = c
            back = t + inst.service[prev] + m[prev][0]
            if back > inst.due[0]:
                problems.append(f"route {k}: returns at {back} > depot due {inst.due[0]}")
    for c in range(1, inst.n + 1):
        if seen[c] > 1:
            problems.append(f"customer {c} visited {seen[c]} times")
    unassigned = sum(1 for c in range(1, inst.n + 1) if seen[c] == 0)
    if inst.fleet is not None and len(routes) > inst.fleet:
        problems.append(f"{len(routes)} routes > fleet {inst.fleet}")
    return Evaluation(total, len(routes), not problems and unassigned == 0, unassigned, problems)


def read_sol(path: Path) -> list[list[int]]:
    routes = []
    for line in path.read_text().splitlines():
        if line.strip().lower().startswith("route"):
            routes.append([int(t) for t in line.split(":", 1)[1].split()])
    return routes


def verify_bks(set_names: list[str], only: set[str] | None) -> bool:
    """Re-evaluates the shipped best-known solutions; they must match bks.csv exactly."""
    ok = True
    for set_name in set_names:
        sol_dir = SETS[set_name] / ("dimacs_bks_solutions" if set_name == "solomon" else "bks_solutions")
        bks = read_bks(set_name)
        checked = 0
        for path in instance_files(set_name):
            if only and path.stem not in only:
                continue
            inst = read_instance(path)
            sol = sol_dir / f"{path.stem}.sol"
            ev = evaluate(inst, read_sol(sol))
            dist = ev.distance / inst.scale
            want = bks.get(path.stem)
            match = want is not None and round(dist * inst.scale) == round(want * inst.scale)
            if not (match and ev.feasible):
                ok = False
                print(f"MISMATCH {set_name} {path.stem}: recomputed {dist} bks {want} "
                      f"feasible {ev.feasible} {ev.problems[:3]}")
            checked += 1
        print(f"# verify-bks {set_name}: {checked} solutions re-evaluated, "
              f"{'all match bks.csv and are feasible' if ok else 'MISMATCHES above'}")
    return ok


# --------------------------------------------------------------------------- solvers


def fleet_size(inst: Instance, args) -> int:
    """Vehicles offered to a solver. Solomon: the file's fleet. CVRPLIB (unlimited fleet):
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
    mat = np.asarray(inst.matrix, dtype=np.int64)
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
        return m[manager.IndexToNode(i)][manager.IndexToNode(j)]

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
            return service[a] + m[a][manager.IndexToNode(j)]

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
    penalty = 100 * max(max(row) for row in m) + 1
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


SOLVE = {"pyvrp": solve_pyvrp, "vroom": solve_vroom, "ortools": solve_ortools}


def solver_version(solver: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    pkg = {"pyvrp": "pyvrp", "vroom": "pyvroom", "ortools": "ortools"}[solver]
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
        f"({'floor(10*d)/10 per arc' if set_name == 'solomon' else 'nint(d) per arc'})",
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
    ap.add_argument("--set", default="both", choices=["solomon", "cvrplib_x", "both"])
    ap.add_argument("--solver", default="pyvrp,vroom",
                    help="comma list of pyvrp, vroom, ortools (default pyvrp,vroom)")
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
    args = ap.parse_args(argv)

    set_names = ["solomon", "cvrplib_x"] if args.set == "both" else [args.set]
    only = {s.strip() for s in args.instances.split(",") if s.strip()} or None
    if args.verify_bks:
        return 0 if verify_bks(set_names, only) else 1

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
