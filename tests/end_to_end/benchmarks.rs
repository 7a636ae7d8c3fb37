//! The benchmark readers on the real data in `benches/data`, the best-known route files
//! re-evaluated with the travel matrix (which pins the distance conventions), and malformed
//! input that must give errors, never panics.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::reliefroute;

use reliefroute::{
    check_plan, strategy_by_name, Budget, Objective, Plan, PlannedRoute, PlannedStop, PlannedTrip,
    Rounding, Scenario, SiteKind, TimeWindow, TravelMatrix, TravelModel,
};
use reliefroute_bench::{
    bench_run, read_benchmark, read_best_known, read_solomon, read_solution, read_vrplib, BenchRow,
    BenchmarkError, BksColumn, Solution,
};

const SOLOMON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/solomon");
const CVRPLIB_X: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/cvrplib_x");
const GH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../benches/data/gehring_homberger"
);
const XXL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/cvrplib_xxl");

/// Files in `dir` with extension `ext`, sorted by name.
fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Total distance of depot -> customers -> depot routes; site index k is customer k.
fn route_distance(scenario: &Scenario, matrix: &TravelMatrix, routes: &[Vec<usize>]) -> f64 {
    let mut total = 0.0;
    for route in routes {
        let mut at = 0;
        for &customer in route {
            total += matrix.distance(0, at, customer);
            at = customer;
        }
        total += matrix.distance(0, at, 0);
    }
    // Every customer exactly once, and within capacity.
    let mut seen = vec![0; scenario.sites.len()];
    for route in routes {
        let load: u32 = route.iter().map(|&c| scenario.orders[c - 1].quantity).sum();
        assert!(
            load <= scenario.fleet[0].capacity[0],
            "{}: overloaded",
            scenario.name
        );
        for &c in route {
            assert_eq!(scenario.orders[c - 1].site, c);
            seen[c] += 1;
        }
    }
    assert!(seen[1..].iter().all(|&n| n == 1), "{}", scenario.name);
    total
}

#[test]
fn all_solomon_instances_parse() {
    let paths = files(SOLOMON, "txt");
    assert_eq!(paths.len(), 56);
    for path in &paths {
        let s = read_solomon(path, Rounding::TruncateOneDecimal).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.name, stem(path));
        assert_eq!(s.sites.len(), 101, "{}", s.name);
        assert_eq!(s.orders.len(), 100, "{}", s.name);
        assert_eq!(s.fleet.len(), 25, "{}", s.name);
        assert_eq!(s.items, vec!["demand".to_string()]);
        assert_eq!(s.kitchens(), vec![0]);
        assert_eq!(s.travel, TravelModel::Planar(Rounding::TruncateOneDecimal));
        assert_eq!(s.solver.objective, Objective::Distance);
        let capacity = s.fleet[0].capacity[0];
        let expected = match &s.name[..s.name.len() - 2] {
            "C1" | "R1" | "RC1" => 200,
            "C2" => 700,
            _ => 1000,
        };
        assert_eq!(capacity, expected, "{}", s.name);
        for (k, order) in s.orders.iter().enumerate() {
            assert_eq!(order.site, k + 1);
            assert_eq!(order.id, (k + 1).to_string());
            assert!(order.quantity >= 1 && order.quantity <= capacity);
            assert!(order.window.start <= order.window.end);
            assert!(order.window.end <= s.sites[0].hours.end);
        }
    }
}

#[test]
fn c101_is_mapped_as_documented() {
    let s = read_solomon(&Path::new(SOLOMON).join("C101.txt"), Rounding::Exact).unwrap();
    assert_eq!(s.name, "C101");
    assert_eq!(
        (s.sites.len(), s.orders.len(), s.fleet.len()),
        (101, 100, 25)
    );
    assert!(s.fleet.iter().all(|v| v.capacity == vec![200]));
    let total: u32 = s.orders.iter().map(|o| o.quantity).sum();
    assert_eq!(total, 1810);

    let depot = &s.sites[0];
    assert_eq!((depot.id.as_str(), &depot.kind), ("0", &SiteKind::Kitchen));
    assert_eq!((depot.location.x, depot.location.y), (40.0, 50.0));
    assert_eq!(depot.hours, TimeWindow::new(0.0, 1236.0));
    assert_eq!(depot.service_min, 0.0);

    // "1  45  68  10  912  967  90"
    let site = &s.sites[1];
    assert_eq!(site.id, "1");
    assert_eq!(site.kind, SiteKind::Other("customer".into()));
    assert_eq!((site.location.x, site.location.y), (45.0, 68.0));
    assert_eq!(site.service_min, 90.0);
    assert_eq!(site.hours, TimeWindow::ALWAYS);
    let order = &s.orders[0];
    assert_eq!((order.id.as_str(), order.site, order.item), ("1", 1, 0));
    assert_eq!(order.quantity, 10);
    assert_eq!(order.window, TimeWindow::new(912.0, 967.0));
    assert_eq!(
        (order.kitchen, order.ready, order.max_ride_min),
        (None, 0.0, None)
    );
    assert_eq!(order.priority, 1);

    let v = &s.fleet[24];
    assert_eq!(
        (v.id.as_str(), v.kind.as_str(), v.base),
        ("v25", "vehicle", 0)
    );
    assert_eq!(v.shift, TimeWindow::new(0.0, 1236.0));
    assert_eq!((v.speed_kmh, v.max_trips), (60.0, 1));

    // Time equals distance: speed 60 means one distance unit per minute.
    let m = TravelMatrix::straight_line(&s);
    assert!((m.time(0, 0, 1) - m.distance(0, 0, 1)).abs() < 1e-12);
    assert!((m.distance(0, 0, 1) - (25.0f64 + 324.0).sqrt()).abs() < 1e-12);
}

#[test]
fn all_x_instances_parse() {
    let paths = files(CVRPLIB_X, "vrp");
    assert_eq!(paths.len(), 28);
    for path in &paths {
        let s = read_vrplib(path).unwrap_or_else(|e| panic!("{e}"));
        let name = stem(path);
        assert_eq!(s.name, name);
        // X-n<nodes>-k<min vehicles>
        let nodes: usize = name[3..name.rfind('-').unwrap()].parse().unwrap();
        assert_eq!(s.sites.len(), nodes, "{name}");
        assert_eq!(s.orders.len(), nodes - 1, "{name}");
        assert_eq!(s.fleet.len(), nodes - 1, "{name}");
        assert_eq!(s.kitchens(), vec![0]);
        assert_eq!(s.travel, TravelModel::Planar(Rounding::NearestInteger));
        assert_eq!(s.solver.objective, Objective::Distance);
        assert!(s.orders.iter().all(|o| o.window == TimeWindow::ALWAYS));
        assert!(s.fleet.iter().all(|v| v.shift == TimeWindow::ALWAYS));
    }
}

#[test]
fn x_n101_k25_is_mapped_as_documented() {
    let s = read_vrplib(&Path::new(CVRPLIB_X).join("X-n101-k25.vrp")).unwrap();
    assert_eq!(s.name, "X-n101-k25");
    assert_eq!(s.orders.len(), 100);
    assert!(s.fleet.iter().all(|v| v.capacity == vec![206]));
    assert_eq!(s.orders.iter().map(|o| o.quantity).sum::<u32>(), 5147);
    // NODE_COORD_SECTION "1 365 689" is the depot, "2 146 180" customer 1.
    assert_eq!(
        (s.sites[0].location.x, s.sites[0].location.y),
        (365.0, 689.0)
    );
    assert_eq!(
        (s.sites[1].location.x, s.sites[1].location.y),
        (146.0, 180.0)
    );
    assert_eq!(s.sites[1].name, "node 2");
    assert_eq!(s.sites[0].hours, TimeWindow::ALWAYS);
    assert_eq!(s.sites[1].service_min, 0.0);
}

#[test]
fn best_known_tables() {
    let dimacs = read_best_known(Path::new(SOLOMON), BksColumn::Dimacs).unwrap();
    assert_eq!(dimacs.len(), 56);
    assert_eq!(dimacs["C101"].vehicles, Some(10));
    assert_eq!(dimacs["C101"].distance, 827.3);
    assert_eq!(dimacs["C101"].instance, "C101");
    let hierarchical = read_best_known(Path::new(SOLOMON), BksColumn::Hierarchical).unwrap();
    assert_eq!(hierarchical.len(), 56);
    assert_eq!(hierarchical["C101"].distance, 828.94);
    assert_eq!(hierarchical["R211"].vehicles, Some(2));
    let x = read_best_known(Path::new(CVRPLIB_X), BksColumn::Hierarchical).unwrap();
    assert_eq!(x.len(), 28);
    assert_eq!(x["X-n101-k25"].vehicles, Some(26));
    assert_eq!(x["X-n101-k25"].distance, 27591.0);
    assert_eq!(x["X-n1001-k43"].distance, 72355.0);
}

/// The DIMACS routes, measured with arcs truncated to one decimal, give `dimacs_distance`.
#[test]
fn solomon_dimacs_bks_routes_reproduce_bks_csv() {
    let bks = read_best_known(Path::new(SOLOMON), BksColumn::Dimacs).unwrap();
    let sols = files(&format!("{SOLOMON}/dimacs_bks_solutions"), "sol");
    assert_eq!(sols.len(), 56);
    for sol in &sols {
        let name = stem(sol);
        let scenario = read_benchmark(
            &Path::new(SOLOMON).join(format!("{name}.txt")),
            BksColumn::Dimacs,
        )
        .unwrap();
        let matrix = TravelMatrix::straight_line(&scenario);
        let Solution { routes, cost } = read_solution(sol).unwrap();
        let total = route_distance(&scenario, &matrix, &routes);
        let best = &bks[&name];
        assert!(
            (total - best.distance).abs() < 1e-6,
            "{name}: routes measure {total}, bks.csv says {}",
            best.distance
        );
        assert!((total - cost).abs() < 1e-6, "{name}: Cost line {cost}");
        assert_eq!(best.vehicles, Some(routes.len() as u32), "{name}");
    }
}

/// The same routes with unrounded arcs give the `dimacs_sol_euclid_distance` column
/// (2 decimals), which pins [`Rounding::Exact`] and the hierarchical convention.
#[test]
fn solomon_dimacs_routes_unrounded_match_the_euclid_column() {
    let text = fs::read_to_string(format!("{SOLOMON}/bks.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (instance, euclid) = (col("instance"), col("dimacs_sol_euclid_distance"));
    let expected: BTreeMap<String, f64> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .map(|f| (f[instance].to_string(), f[euclid].parse().unwrap()))
        .collect();
    assert_eq!(expected.len(), 56);
    for (name, value) in &expected {
        let path = Path::new(SOLOMON).join(format!("{name}.txt"));
        let scenario = read_benchmark(&path, BksColumn::Hierarchical).unwrap();
        assert_eq!(scenario.travel, TravelModel::Planar(Rounding::Exact));
        assert_eq!(scenario.solver.objective, Objective::CouriersFirst);
        let matrix = TravelMatrix::straight_line(&scenario);
        let sol = Path::new(SOLOMON).join(format!("dimacs_bks_solutions/{name}.sol"));
        let total = route_distance(&scenario, &matrix, &read_solution(&sol).unwrap().routes);
        assert!(
            (total - value).abs() <= 0.005 + 1e-9,
            "{name}: {total} vs {value}"
        );
    }
}

/// The X routes, measured with arcs rounded to the nearest integer, give `bks` exactly.
#[test]
fn x_bks_routes_reproduce_bks_csv_exactly() {
    let bks = read_best_known(Path::new(CVRPLIB_X), BksColumn::Dimacs).unwrap();
    let sols = files(&format!("{CVRPLIB_X}/bks_solutions"), "sol");
    assert_eq!(sols.len(), 28);
    for sol in &sols {
        let name = stem(sol);
        let path = Path::new(CVRPLIB_X).join(format!("{name}.vrp"));
        let scenario = read_benchmark(&path, BksColumn::Dimacs).unwrap();
        let matrix = TravelMatrix::straight_line(&scenario);
        let Solution { routes, cost } = read_solution(sol).unwrap();
        let total = route_distance(&scenario, &matrix, &routes);
        assert_eq!(total, bks[&name].distance, "{name}");
        assert_eq!(total, cost, "{name}");
        assert_eq!(bks[&name].vehicles, Some(routes.len() as u32), "{name}");
    }
}

/// `routes` (vehicle `k` drives route `k`) as a plan served as early as possible, so that
/// the independent checker can judge a VRPLIB solution: arrive when the previous stop is
/// left plus the travel time, start at the window's opening if that is later.
fn timed_plan(scenario: &Scenario, matrix: &TravelMatrix, routes: &[Vec<usize>]) -> Plan {
    let depot = &scenario.sites[0];
    let routes = routes
        .iter()
        .enumerate()
        .map(|(v, route)| {
            let start = scenario.fleet[v].shift.start;
            let depart = start + depot.service_min;
            let (mut at, mut clock, mut distance) = (0, depart, 0.0);
            let stops = route
                .iter()
                .map(|&c| {
                    let arrive = clock + matrix.time(v, at, c);
                    distance += matrix.distance(v, at, c);
                    let begin = arrive.max(scenario.orders[c - 1].window.start);
                    clock = begin + scenario.sites[c].service_min;
                    at = c;
                    PlannedStop {
                        site: c,
                        arrive_min: arrive,
                        start_min: begin,
                        depart_min: clock,
                        orders: vec![c - 1],
                    }
                })
                .collect();
            let back = clock + matrix.time(v, at, 0);
            distance += matrix.distance(v, at, 0);
            PlannedRoute {
                vehicle: v,
                breaks: Vec::new(),
                start_min: start,
                end_min: back,
                trips: vec![PlannedTrip {
                    kitchen: 0,
                    arrive_min: start,
                    depart_min: depart,
                    return_min: back,
                    distance_km: distance,
                    stops,
                }],
                transfer_km: 0.0,
            }
        })
        .collect();
    Plan {
        strategy: "vrplib".to_string(),
        seed: 0,
        routes,
        unassigned: Vec::new(),
    }
}

#[test]
fn gehring_homberger_instances_parse() {
    let paths = files(GH, "vrp");
    assert_eq!(paths.len(), 3, "the 200-customer test copies");
    for path in &paths {
        let s = read_vrplib(path).unwrap_or_else(|e| panic!("{e}"));
        let name = stem(path);
        assert_eq!(s.name, name);
        assert_eq!((s.sites.len(), s.orders.len()), (201, 200), "{name}");
        assert_eq!(s.fleet.len(), 50, "{name}: VEHICLES");
        assert_eq!(s.travel, TravelModel::Planar(Rounding::TruncateOneDecimal));
        assert_eq!(s.solver.objective, Objective::Distance);
        let class = &name[..name.find('_').unwrap()];
        let (capacity, service) = match class {
            "C1" => (200, 90.0),
            "C2" => (700, 90.0),
            "R1" | "RC1" => (200, 10.0),
            _ => (1000, 10.0),
        };
        assert!(
            s.fleet.iter().all(|v| v.capacity == vec![capacity]),
            "{name}"
        );
        assert_eq!(s.sites[0].service_min, 0.0, "{name}: none at the depot");
        assert!(
            s.sites[1..].iter().all(|c| c.service_min == service),
            "{name}"
        );
        let horizon = s.sites[0].hours;
        assert!(s.fleet.iter().all(|v| v.shift == horizon), "{name}");
        for order in &s.orders {
            assert!(order.window.start <= order.window.end, "{name}");
            assert!(order.window.end <= horizon.end, "{name}");
        }
    }
}

#[test]
fn c1_2_2_is_mapped_as_documented() {
    let s = read_vrplib(&Path::new(GH).join("C1_2_2.vrp")).unwrap();
    // NODE_COORD_SECTION "1 70 70" (depot), "2 33 78"; DEMAND_SECTION "2 20";
    // TIME_WINDOW_SECTION "1 0 1351", "2 750 809"; SERVICE_TIME 90.
    assert_eq!((s.sites[0].location.x, s.sites[0].location.y), (70.0, 70.0));
    assert_eq!(s.sites[0].hours, TimeWindow::new(0.0, 1351.0));
    assert_eq!(s.fleet[49].shift, TimeWindow::new(0.0, 1351.0));
    let (site, order) = (&s.sites[1], &s.orders[0]);
    assert_eq!((site.id.as_str(), site.name.as_str()), ("1", "node 2"));
    assert_eq!((site.location.x, site.location.y), (33.0, 78.0));
    assert_eq!(site.service_min, 90.0);
    assert_eq!((order.site, order.quantity), (1, 20));
    assert_eq!(order.window, TimeWindow::new(750.0, 809.0));
    // DIMACS: sqrt(37² + 8²) = 37.854... is truncated to 37.8, and time equals distance.
    let m = TravelMatrix::straight_line(&s);
    assert_eq!(m.distance(0, 0, 1), 37.8);
    assert_eq!(m.time(0, 0, 1), 37.8);
}

/// The published best-known routes, measured with arcs truncated to one decimal, give
/// `bks` exactly, and the independent checker accepts them as a plan: this pins the
/// windows (latest start of service), the depot's window (the return deadline), the
/// service times and the rounding.
#[test]
fn gehring_homberger_bks_routes_are_feasible_and_reproduce_bks_csv() {
    let bks = read_best_known(Path::new(GH), BksColumn::Dimacs).unwrap();
    assert_eq!(bks.len(), 24, "the table covers the whole set");
    assert_eq!(bks["C1_2_2"].distance, 2694.3);
    assert_eq!(bks["RC2_8_2"].vehicles, Some(23));
    for path in files(GH, "vrp") {
        let name = stem(&path);
        let scenario = read_benchmark(&path, BksColumn::Hierarchical).unwrap();
        assert_eq!(scenario.solver.objective, Objective::Distance, "one table");
        let matrix = TravelMatrix::straight_line(&scenario);
        let sol = Path::new(GH).join(format!("bks_solutions/{name}.sol"));
        let Solution { routes, cost } = read_solution(&sol).unwrap();
        let total = route_distance(&scenario, &matrix, &routes);
        assert!(
            (total - bks[&name].distance).abs() < 1e-6,
            "{name}: {total}"
        );
        assert!((total - cost).abs() < 1e-6, "{name}: Cost line {cost}");
        assert_eq!(bks[&name].vehicles, Some(routes.len() as u32), "{name}");
        let plan = timed_plan(&scenario, &matrix, &routes);
        if let Err(violations) = check_plan(&scenario, &matrix, &plan) {
            panic!("{name}: {violations:?}");
        }
    }
}

/// Leuven1 (3,000 customers): read, and its best-known routes give `bks` exactly with
/// nearest-integer arcs.
#[test]
fn leuven1_parses_and_its_bks_routes_reproduce_bks_csv() {
    let s = read_vrplib(&Path::new(XXL).join("Leuven1.vrp")).unwrap();
    assert_eq!(s.name, "Leuven1");
    assert_eq!((s.sites.len(), s.orders.len()), (3001, 3000));
    assert_eq!(s.fleet.len(), 3000, "unlimited: one vehicle per customer");
    assert!(s.fleet.iter().all(|v| v.capacity == vec![25]));
    assert!(s.fleet.iter().all(|v| v.shift == TimeWindow::ALWAYS));
    assert_eq!(s.travel, TravelModel::Planar(Rounding::NearestInteger));
    // "1\t700\t1000" is the depot, "2\t626\t1111" customer 1.
    assert_eq!(
        (s.sites[0].location.x, s.sites[0].location.y),
        (700.0, 1000.0)
    );
    assert_eq!(
        (s.sites[1].location.x, s.sites[1].location.y),
        (626.0, 1111.0)
    );
    let bks = read_best_known(Path::new(XXL), BksColumn::Dimacs).unwrap();
    assert_eq!(bks.len(), 3);
    let Solution { routes, cost } =
        read_solution(&Path::new(XXL).join("bks_solutions/Leuven1.sol")).unwrap();
    assert_eq!(bks["Leuven1"].vehicles, Some(routes.len() as u32));
    // Without the 3,001² matrix: each arc rounded as the reader's travel model says.
    let arc = |a: usize, b: usize| {
        let (p, q) = (s.sites[a].location, s.sites[b].location);
        Rounding::NearestInteger.apply((p.x - q.x).hypot(p.y - q.y))
    };
    let mut seen = vec![0; s.sites.len()];
    let mut total = 0.0;
    for route in &routes {
        let load: u32 = route.iter().map(|&c| s.orders[c - 1].quantity).sum();
        assert!(load <= 25);
        let mut at = 0;
        for &c in route {
            total += arc(at, c);
            seen[c] += 1;
            at = c;
        }
        total += arc(at, 0);
    }
    assert!(seen[1..].iter().all(|&n| n == 1));
    assert_eq!(total, bks["Leuven1"].distance);
    assert_eq!(total, cost);
}

/// A solution written as `.sol` reads back the same, and its cost recomputes from the
/// routes with the instance's matrix.
#[test]
fn a_written_solution_reads_back_and_its_cost_recomputes() {
    let path = Path::new(GH).join("RC1_2_2.vrp");
    let bks = read_best_known(Path::new(GH), BksColumn::Dimacs).unwrap();
    let regret = strategy_by_name("regret").unwrap();
    let run = bench_run(
        &path,
        BksColumn::Dimacs,
        &bks,
        regret.as_ref(),
        &Budget::default(),
        None,
    )
    .unwrap();
    assert!(run.row.feasible, "{:?}", run.row);
    let dir = tempfile::tempdir().unwrap();
    let sol = write(dir.path(), "RC1_2_2.sol", &run.solution.to_vrplib());
    let back = read_solution(&sol).unwrap();
    assert_eq!(back, run.solution);
    assert_eq!(back.routes.len(), run.row.vehicles);
    let scenario = read_vrplib(&path).unwrap();
    let matrix = TravelMatrix::straight_line(&scenario);
    let total = route_distance(&scenario, &matrix, &back.routes);
    assert!((total - back.cost).abs() < 1e-6, "{total} vs {}", back.cost);
    assert!((run.row.distance - back.cost).abs() < 1e-6);
    check_plan(
        &scenario,
        &matrix,
        &timed_plan(&scenario, &matrix, &back.routes),
    )
    .unwrap();
}

/// `reliefroute bench` on a Gehring-Homberger instance: the checker accepts the plan, the
/// gap is against the distance-only table, and `--solutions` writes a `.sol` that an
/// independent reading confirms.
#[test]
fn bench_runs_a_gehring_homberger_instance_and_writes_its_solution() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["C1_2_2.vrp", "bks.csv"] {
        fs::copy(Path::new(GH).join(name), dir.path().join(name)).unwrap();
    }
    let out = dir.path().join("solutions");
    let run = reliefroute(&[
        "bench",
        dir.path().to_str().unwrap(),
        "--strategy",
        "regret",
        "--solutions",
        out.to_str().unwrap(),
    ])
    .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], BenchRow::CSV_HEADER);
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells[0], "C1_2_2");
    assert_eq!(cells[5], "2694.30", "bks");
    assert_eq!(cells[7], "true", "checked and complete: {}", lines[1]);
    let gap: f64 = cells[6].parse().unwrap();
    assert!((0.0..100.0).contains(&gap), "{gap}");
    let solution = read_solution(&out.join("C1_2_2.sol")).unwrap();
    assert_eq!(solution.cost, cells[4].parse::<f64>().unwrap());
    assert_eq!(solution.routes.len(), cells[3].parse::<usize>().unwrap());
    let scenario = read_vrplib(&dir.path().join("C1_2_2.vrp")).unwrap();
    let matrix = TravelMatrix::straight_line(&scenario);
    let total = route_distance(&scenario, &matrix, &solution.routes);
    assert!((total - solution.cost).abs() < 1e-6);
    check_plan(
        &scenario,
        &matrix,
        &timed_plan(&scenario, &matrix, &solution.routes),
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------
// Malformed input: errors, never panics.

/// A 2-customer Solomon file; [`solomon_tiny`] gives it CRLF line ends like the originals.
const SOLOMON_TINY_LF: &str = "TINY

VEHICLE
NUMBER     CAPACITY
  3         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
 
    0      40         50          0          0       1236          0
    1      45         68         10        912        967         90
    2      45         70         30        825        870         90
";

fn solomon_tiny() -> String {
    SOLOMON_TINY_LF.replace('\n', "\r\n")
}

const VRP_TINY: &str = "NAME : \tTINY\t\r\nCOMMENT : \t\"test\"\t\r\nTYPE : \tCVRP\t\r\n\
DIMENSION : \t3\t\r\nEDGE_WEIGHT_TYPE : \tEUC_2D\t\r\nCAPACITY : \t10\t\r\n\
NODE_COORD_SECTION\t\t\r\n1\t0\t0\r\n2\t3\t4\r\n3\t6\t8\r\n\
DEMAND_SECTION\t\t\r\n1\t0\r\n2\t4\r\n3\t5\r\nDEPOT_SECTION\t\t\r\n\t1\t\r\n\t-1\t\r\nEOF\t\t\r\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn solomon_err(dir: &Path, text: &str) -> BenchmarkError {
    let path = write(dir, "bad.txt", text);
    match read_solomon(&path, Rounding::Exact) {
        Ok(_) => panic!("accepted malformed Solomon input:\n{text}"),
        Err(e) => e,
    }
}

fn vrp_err(dir: &Path, text: &str) -> BenchmarkError {
    let path = write(dir, "bad.vrp", text);
    match read_vrplib(&path) {
        Ok(_) => panic!("accepted malformed CVRPLIB input:\n{text}"),
        Err(e) => e,
    }
}

fn line_of(e: &BenchmarkError) -> usize {
    match e {
        BenchmarkError::Syntax { line, .. } | BenchmarkError::Unsupported { line, .. } => *line,
        other => panic!("expected an error with a line number, got {other}"),
    }
}

#[test]
fn tiny_inputs_parse() {
    let dir = tempfile::tempdir().unwrap();
    let s = read_solomon(
        &write(dir.path(), "t.txt", &solomon_tiny()),
        Rounding::Exact,
    )
    .unwrap();
    // NUMBER is 3, but at most one vehicle per customer is kept.
    assert_eq!(
        (s.name.as_str(), s.orders.len(), s.fleet.len()),
        ("TINY", 2, 2)
    );
    let s = read_vrplib(&write(dir.path(), "t.vrp", VRP_TINY)).unwrap();
    assert_eq!(
        (s.name.as_str(), s.orders.len(), s.fleet.len()),
        ("TINY", 2, 2)
    );
    let m = TravelMatrix::straight_line(&s);
    assert_eq!(m.distance(0, 0, 2), 10.0);
}

#[test]
fn malformed_solomon_is_an_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tiny = solomon_tiny();

    let e = solomon_err(d, &tiny.replace("45         70", "45         7O"));
    assert_eq!(line_of(&e), 12);
    let msg = e.to_string();
    assert!(msg.contains("bad.txt:12"), "{msg}");
    assert!(msg.contains("YCOORD"), "{msg}");
    assert!(msg.contains("\"7O\""), "{msg}");

    // A row cut short (truncated file).
    let cut = &tiny[..tiny.len() - 12];
    let e = solomon_err(d, cut);
    assert_eq!(line_of(&e), 12);
    assert!(e.to_string().contains("7 fields"), "{e}");

    // A row with an extra column.
    let e = solomon_err(d, &tiny.replace("967         90", "967 90 1"));
    assert!(e.to_string().contains("7 fields"), "{e}");

    // Missing sections, empty file, header only.
    assert!(solomon_err(d, "").to_string().contains("end of file"));
    let e = solomon_err(d, &tiny.replace("CUSTOMER", "CUSTOMERS_X"));
    assert!(e.to_string().contains("CUSTOMER"), "{e}");
    let e = solomon_err(d, &tiny.replace("VEHICLE", "VESSEL"));
    assert!(e.to_string().contains("VEHICLE"), "{e}");
    let lines: Vec<&str> = tiny.split_inclusive('\n').collect();
    let header_only = lines[..9].concat();
    let e = solomon_err(d, &header_only);
    assert!(e.to_string().contains("depot row"), "{e}");
    assert!(e.to_string().contains("end of file"), "{e}");
    let depot_only = lines[..10].concat();
    let e = solomon_err(d, &depot_only);
    assert!(e.to_string().contains("customer rows"), "{e}");

    // Bad vehicle line, bad numbering, window backwards, negative demand.
    solomon_err(d, &tiny.replace("  3         50", "  3"));
    solomon_err(d, &tiny.replace("  3         50", "  0         50"));
    solomon_err(d, &tiny.replace("  3         50", "  3         5.5"));
    let e = solomon_err(d, &tiny.replace("    2      45", "    7      45"));
    assert!(e.to_string().contains("node number 2"), "{e}");
    solomon_err(d, &tiny.replace("912        967", "967        912"));
    solomon_err(d, &tiny.replace("10        912", "-10        912"));
    solomon_err(d, &tiny.replace("10        912", "NaN        912"));
    solomon_err(d, &format!("{tiny}trailing words\r\n"));
}

#[test]
fn malformed_cvrplib_is_an_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let e = vrp_err(d, &VRP_TINY.replace("EUC_2D", "EXPLICIT"));
    assert!(
        matches!(e, BenchmarkError::Unsupported { line: 5, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("EDGE_WEIGHT_TYPE EXPLICIT"), "{e}");
    let e = vrp_err(d, &VRP_TINY.replace("CVRP", "CVRPTW"));
    assert!(e.to_string().contains("TIME_WINDOW_SECTION"), "{e}");
    let e = vrp_err(d, &VRP_TINY.replace("CVRP", "PDPTW"));
    assert!(matches!(e, BenchmarkError::Unsupported { .. }), "{e}");

    let e = vrp_err(d, &VRP_TINY.replace("2\t3\t4", "2\tthree\t4"));
    assert_eq!(line_of(&e), 9);
    assert!(e.to_string().contains("bad.vrp:9"), "{e}");
    let e = vrp_err(d, &VRP_TINY.replace("2\t3\t4", "2\t3"));
    assert!(e.to_string().contains("3 fields"), "{e}");
    let e = vrp_err(d, &VRP_TINY.replace("3\t5", "3\t5\t1"));
    assert!(e.to_string().contains("2 fields"), "{e}");

    // Truncated at every line: an error each time (never a panic, never a silent success).
    let lines: Vec<&str> = VRP_TINY.split_inclusive('\n').collect();
    for keep in 0..lines.len() - 1 {
        let text: String = lines[..keep].concat();
        let e = vrp_err(d, &text);
        assert!(!e.to_string().is_empty());
    }

    // Missing sections and header lines.
    let no_demand = VRP_TINY.replace("DEMAND_SECTION\t\t\r\n1\t0\r\n2\t4\r\n3\t5\r\n", "");
    assert!(vrp_err(d, &no_demand)
        .to_string()
        .contains("DEMAND_SECTION"));
    let no_depot = VRP_TINY.replace("DEPOT_SECTION\t\t\r\n\t1\t\r\n\t-1\t\r\n", "");
    assert!(vrp_err(d, &no_depot).to_string().contains("DEPOT_SECTION"));
    vrp_err(d, &VRP_TINY.replace("CAPACITY : \t10\t\r\n", ""));
    vrp_err(d, &VRP_TINY.replace("DIMENSION : \t3\t\r\n", ""));
    vrp_err(
        d,
        &VRP_TINY.replace("EDGE_WEIGHT_TYPE : \tEUC_2D\t\r\n", ""),
    );

    // Bad values.
    vrp_err(
        d,
        &VRP_TINY.replace("DIMENSION : \t3", "DIMENSION : \tthree"),
    );
    vrp_err(
        d,
        &VRP_TINY.replace("DIMENSION : \t3", "DIMENSION : \t18446744073709551615"),
    );
    vrp_err(d, &VRP_TINY.replace("CAPACITY : \t10", "CAPACITY : \t-10"));
    vrp_err(d, &VRP_TINY.replace("3\t6\t8", "4\t6\t8"));
    vrp_err(d, &VRP_TINY.replace("3\t6\t8", "2\t6\t8"));
    vrp_err(
        d,
        &VRP_TINY.replace("\t1\t\r\n\t-1", "\t1\t\r\n\t2\t\r\n\t-1"),
    );
    vrp_err(d, &VRP_TINY.replace("\t1\t\r\n\t-1", "\t9\t\r\n\t-1"));
    vrp_err(d, &VRP_TINY.replace("EOF", "garbage here"));
    vrp_err(d, "");
    vrp_err(d, "\u{0}\u{1}\u{2}binary");
}

/// Byte offset of the `EOF` line (a file cut after the depot list is complete and valid).
fn eof_at(bytes: &[u8]) -> usize {
    bytes.windows(3).rposition(|w| w == b"EOF").unwrap()
}

#[test]
fn real_files_truncated_anywhere_give_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    for (name, source) in [
        ("C101.txt", SOLOMON),
        ("R101.txt", SOLOMON),
        ("X-n101-k25.vrp", CVRPLIB_X),
        ("C1_2_2.vrp", GH),
    ] {
        let reader = source == SOLOMON;
        let bytes = fs::read(Path::new(source).join(name)).unwrap();
        // Cut at many byte positions, some of them inside a number.
        for cut in (0..bytes.len()).step_by(11) {
            let path = dir.path().join(name);
            fs::write(&path, &bytes[..cut]).unwrap();
            let result = read_benchmark(&path, BksColumn::Dimacs);
            if reader {
                // A Solomon file cut between rows is still a (smaller) valid instance.
                if let Ok(s) = result {
                    assert!(s.orders.len() < 100);
                }
            } else if cut < eof_at(&bytes) {
                assert!(result.is_err(), "{name} cut at {cut} was accepted");
            }
        }
    }
}

#[test]
fn other_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let e = read_benchmark(&d.join("missing.txt"), BksColumn::Dimacs).unwrap_err();
    assert!(matches!(e, BenchmarkError::Io { .. }), "{e}");
    assert!(e.to_string().contains("missing.txt"), "{e}");
    let path = write(d, "instance.json", "{}");
    let e = read_benchmark(&path, BksColumn::Dimacs).unwrap_err();
    assert!(matches!(e, BenchmarkError::UnknownFormat { .. }), "{e}");

    // bks.csv: missing file, missing column, bad number, duplicate instance.
    assert!(matches!(
        read_best_known(d, BksColumn::Dimacs),
        Err(BenchmarkError::Io { .. })
    ));
    write(d, "bks.csv", "instance,vehicles,distance\nC101,10,828.94\n");
    let e = read_best_known(d, BksColumn::Dimacs).unwrap_err();
    assert!(e.to_string().contains("dimacs_distance"), "{e}");
    let ok = read_best_known(d, BksColumn::Hierarchical).unwrap();
    assert_eq!(ok["C101"].vehicles, Some(10));
    write(d, "bks.csv", "instance,vehicles,distance\nC101,10,lots\n");
    let e = read_best_known(d, BksColumn::Hierarchical).unwrap_err();
    assert_eq!(line_of(&e), 2);
    write(d, "bks.csv", "instance,bks,routes\nX,5,2\nX,5,2\n");
    read_best_known(d, BksColumn::Dimacs).unwrap_err();
    write(d, "bks.csv", "instance,bks,routes\nX,5\n");
    read_best_known(d, BksColumn::Dimacs).unwrap_err();
    write(d, "bks.csv", "instance,bks,routes\nX,,2\nY,7,\n");
    let ok = read_best_known(d, BksColumn::Dimacs).unwrap();
    assert_eq!(ok.len(), 1);
    assert_eq!(ok["Y"].vehicles, None);
    write(d, "bks.csv", "");
    read_best_known(d, BksColumn::Dimacs).unwrap_err();
}
