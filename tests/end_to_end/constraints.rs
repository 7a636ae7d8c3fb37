//! Small hand-built scenarios in which one constraint binds: the planner respects it with
//! `nearest`, `regret` and `search`, and the independent checker accepts every plan. Then
//! randomly generated small scenarios, where every strategy must give a checked plan that
//! accounts for every order. The random scenarios and the nothing-servable case run each
//! case in a child process with a time limit, so that a strategy that panics or never returns
//! fails its case (all of them are listed) instead of hanging the run.
//!
//! Travel is planar and unrounded at 60 km/h, so minutes equal distances.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use reliefroute::strategies::{self, Rng};
use reliefroute::{
    check_plan, plan, strategy_by_name, Budget, Objective, Order, Plan, PlannedRoute, PlannedStop,
    PlannedTrip, Rounding, Scenario, Site, SiteKind, TimeWindow, TravelMatrix, TravelModel,
    UnassignedReason, Vehicle, ViolationKind,
};

/// The strategies every constraint is tried with.
const STRATEGIES: [&str; 3] = ["nearest", "regret", "search"];

/// `search` counts its budget in calibrated work units (stops evaluated, at the reference
/// machine's release-build rate), not wall time: on scenarios this small a debug build spends
/// roughly 40 times the budget (0.2 s took 3 to 27 s per scenario), so the budget is tiny.
/// The plans are the same on every machine.
const BUDGET: Budget = Budget::new(0.02, 1, 1);

const MEAL: usize = 0;
const VEG: usize = 1;
/// Loading time at every kitchen, in minutes.
const LOADING: f64 = 5.0;
/// Service time at every stop, in minutes.
const SERVICE: f64 = 2.0;

fn kitchen(id: &str, x: f64, y: f64) -> Site {
    Site {
        id: id.to_string(),
        kind: SiteKind::Kitchen,
        name: format!("kitchen {id}"),
        location: (x, y).into(),
        service_min: LOADING,
        hours: TimeWindow::ALWAYS,
        requires: Vec::new(),
        max_wait_min: None,
        extra: Vec::new(),
    }
}

fn stop_site(id: &str, x: f64, y: f64) -> Site {
    Site {
        id: id.to_string(),
        kind: SiteKind::Checkpoint,
        name: format!("stop {id}"),
        location: (x, y).into(),
        service_min: SERVICE,
        hours: TimeWindow::ALWAYS,
        requires: Vec::new(),
        max_wait_min: None,
        extra: Vec::new(),
    }
}

/// A courier based at `base`, carrying `meal` meals and `veg` parcels, on duty 08:00-18:00.
fn vehicle(id: &str, base: usize, meal: u32, veg: u32, max_trips: u32) -> Vehicle {
    Vehicle {
        id: id.to_string(),
        kind: "car".to_string(),
        base,
        capacity: vec![meal, veg],
        shift: TimeWindow::new(480.0, 1080.0),
        speed_kmh: 60.0,
        max_trips,
        skills: Vec::new(),
        breaks: Vec::new(),
        max_work_min: None,
        extra: Vec::new(),
    }
}

fn scenario(sites: Vec<Site>, orders: Vec<Order>, fleet: Vec<Vehicle>) -> Scenario {
    Scenario {
        name: "constraints".to_string(),
        sites,
        items: vec!["meal".to_string(), "veg".to_string()],
        orders,
        fleet,
        travel: TravelModel::Planar(Rounding::Exact),
        network: None,
        supply: Vec::new(),
        solver: Default::default(),
    }
}

/// How long any strategy may take here before the test fails as hung. Generous: debug
/// builds run the search's calibrated work budget many times slower than release builds.
const HUNG: Duration = Duration::from_secs(20);

/// Plans with `name` on another thread, so that a strategy that never returns fails the test
/// (after [`HUNG`]) instead of hanging the whole run.
#[track_caller]
fn plan_within(scenario: &Scenario, matrix: &TravelMatrix, name: &str, budget: &Budget) -> Plan {
    let strategy = strategy_by_name(name).unwrap_or_else(|| panic!("no strategy {name}"));
    let (s, m, b) = (scenario.clone(), matrix.clone(), budget.clone());
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(plan(&s, &m, strategy.as_ref(), &b));
    });
    match receiver.recv_timeout(HUNG) {
        Ok(plan) => plan,
        Err(RecvTimeoutError::Timeout) => panic!(
            "{}: {name} did not return within {HUNG:?} on a {} s budget\n{scenario:#?}",
            scenario.name, budget.seconds
        ),
        Err(RecvTimeoutError::Disconnected) => {
            panic!("{}: {name} panicked\n{scenario:#?}", scenario.name)
        }
    }
}

/// Plans with `name`, asserting the checker accepts and every order is accounted for.
#[track_caller]
fn checked(scenario: &Scenario, matrix: &TravelMatrix, name: &str, budget: &Budget) -> Plan {
    let plan = plan_within(scenario, matrix, name, budget);
    if let Err(violations) = check_plan(scenario, matrix, &plan) {
        let list: Vec<String> = violations.iter().map(ToString::to_string).collect();
        panic!(
            "{}: the checker rejects the plan of {name}:\n{}\n{scenario:#?}\n{plan:#?}",
            scenario.name,
            list.join("\n")
        );
    }
    let summary = plan.summary(scenario.orders.len());
    assert_eq!(
        summary.served + summary.unassigned,
        scenario.orders.len(),
        "{name}"
    );
    for entry in &plan.unassigned {
        assert!(!entry.reason.to_string().is_empty());
    }
    plan
}

/// The plan of each of [`STRATEGIES`], checked.
fn plans(scenario: &Scenario) -> Vec<Plan> {
    let matrix = TravelMatrix::straight_line(scenario);
    STRATEGIES
        .iter()
        .map(|name| checked(scenario, &matrix, name, &BUDGET))
        .collect()
}

/// Where order `o` is handed over: its route, trip and stop.
fn served(plan: &Plan, o: usize) -> Option<(&PlannedRoute, &PlannedTrip, &PlannedStop)> {
    plan.routes.iter().find_map(|route| {
        route.trips.iter().find_map(|trip| {
            trip.stops
                .iter()
                .find(|stop| stop.orders.contains(&o))
                .map(|stop| (route, trip, stop))
        })
    })
}

#[track_caller]
fn expect_served(plan: &Plan, o: usize) -> (&PlannedRoute, &PlannedTrip, &PlannedStop) {
    served(plan, o).unwrap_or_else(|| {
        panic!(
            "{}: order {o} is not served; unassigned: {:?}",
            plan.strategy, plan.unassigned
        )
    })
}

#[track_caller]
fn expect_unassigned(plan: &Plan, o: usize) -> &UnassignedReason {
    plan.unassigned
        .iter()
        .find(|u| u.order == o)
        .map(|u| &u.reason)
        .unwrap_or_else(|| panic!("{}: order {o} should be unassigned", plan.strategy))
}

fn orders_of(trip: &PlannedTrip) -> Vec<usize> {
    trip.stops
        .iter()
        .flat_map(|s| s.orders.iter().copied())
        .collect()
}

#[test]
fn capacity_forces_a_second_trip() {
    // Two orders of 6 meals, one courier carrying 10: two loads from the kitchen.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 0.0, 10.0),
        ],
        vec![Order::new("O1", 1, MEAL, 6), Order::new("O2", 2, MEAL, 6)],
        vec![vehicle("V1", 0, 10, 10, 3)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        assert_eq!(plan.routes.len(), 1);
        let route = &plan.routes[0];
        assert_eq!(route.trips.len(), 2, "{}: {route:#?}", plan.strategy);
        for trip in &route.trips {
            let meals: u32 = orders_of(trip).iter().map(|&o| s.orders[o].quantity).sum();
            assert!(meals <= 10, "{}: {meals} meals on one trip", plan.strategy);
        }
        assert!(route.trips[1].arrive_min >= route.trips[0].return_min - 1e-9);
    }
}

#[test]
fn a_time_window_forces_the_visiting_order() {
    // A is nearer but opens late; B is farther and must be served first.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 20.0, 0.0),
        ],
        vec![
            Order {
                window: TimeWindow::new(700.0, 720.0),
                windows: Vec::new(),
                ..Order::new("OA", 1, MEAL, 2)
            },
            Order {
                window: TimeWindow::new(480.0, 520.0),
                windows: Vec::new(),
                ..Order::new("OB", 2, MEAL, 2)
            },
        ],
        vec![vehicle("V1", 0, 10, 10, 2)],
    );
    for plan in plans(&s) {
        let (_, _, a) = expect_served(&plan, 0);
        let (_, _, b) = expect_served(&plan, 1);
        assert!((700.0..=720.0).contains(&a.start_min), "{a:?}");
        assert!((480.0..=520.0).contains(&b.start_min), "{b:?}");
        assert!(b.start_min < a.start_min);
    }
}

#[test]
fn a_release_time_delays_the_departure() {
    // O1 is cooked only at 10:00; O2 is ready at once.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 0.0, 10.0),
        ],
        vec![
            Order {
                ready: 600.0,
                ..Order::new("O1", 1, MEAL, 2)
            },
            Order::new("O2", 2, MEAL, 2),
        ],
        vec![vehicle("V1", 0, 10, 10, 2)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let (_, trip, stop) = expect_served(&plan, 0);
        assert!(trip.depart_min >= 600.0, "{}: {trip:?}", plan.strategy);
        assert!(trip.depart_min >= 600.0 + LOADING - 1e-9);
        assert!(stop.start_min >= 610.0 + LOADING - 1e-9);
        for route in &plan.routes {
            for trip in &route.trips {
                let ready = orders_of(trip)
                    .iter()
                    .map(|&o| s.orders[o].ready)
                    .fold(0.0, f64::max);
                assert!(trip.depart_min >= ready + LOADING - 1e-9, "{trip:?}");
            }
        }
    }
}

#[test]
fn a_freshness_limit_sends_an_order_alone() {
    // X (30 min out) may ride 35 min. Y (10 min out) must be handed over by 08:20. Y then X
    // rides X 43.6 min; X then Y reaches Y long after 08:20. So X travels on a trip of its own.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("X", 30.0, 0.0),
            stop_site("Y", 0.0, 10.0),
        ],
        vec![
            Order {
                max_ride_min: Some(35.0),
                ..Order::new("OX", 1, MEAL, 2)
            },
            Order {
                window: TimeWindow::new(480.0, 500.0),
                windows: Vec::new(),
                ..Order::new("OY", 2, MEAL, 2)
            },
        ],
        vec![vehicle("V1", 0, 10, 10, 2)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let (_, trip, stop) = expect_served(&plan, 0);
        assert_eq!(orders_of(trip), [0], "{}: {trip:#?}", plan.strategy);
        let ride = stop.start_min - trip.depart_min;
        assert!(ride <= 35.0 + 1e-9, "{}: rides {ride} min", plan.strategy);
        let (_, _, y) = expect_served(&plan, 1);
        assert!(y.start_min <= 500.0 + 1e-9);
    }
}

#[test]
fn the_shift_end_leaves_far_orders_out_with_a_reason() {
    // Kitchen opens 08:00, shift 08:00-10:00. N is near; F1 is 80 min away with no window
    // (out of shift); F2 is ready 08:00, 70 min away and due by 09:00 (window unreachable).
    let mut k = kitchen("K", 0.0, 0.0);
    k.hours = TimeWindow::new(480.0, 1200.0);
    let mut courier = vehicle("V1", 0, 10, 10, 3);
    courier.shift = TimeWindow::new(480.0, 600.0);
    let s = scenario(
        vec![
            k,
            stop_site("N", 5.0, 0.0),
            stop_site("F1", 80.0, 0.0),
            stop_site("F2", 0.0, -70.0),
        ],
        vec![
            Order::new("ON", 1, MEAL, 2),
            Order::new("OF1", 2, MEAL, 2),
            Order {
                ready: 480.0,
                window: TimeWindow::new(480.0, 540.0),
                windows: Vec::new(),
                ..Order::new("OF2", 3, MEAL, 2)
            },
        ],
        vec![courier],
    );
    for plan in plans(&s) {
        expect_served(&plan, 0);
        let far = expect_unassigned(&plan, 1);
        assert_eq!(far, &UnassignedReason::OutOfShift, "{}", plan.strategy);
        assert!(!far.to_string().is_empty());
        let late = expect_unassigned(&plan, 2);
        assert_eq!(
            late,
            &UnassignedReason::WindowUnreachable,
            "{}",
            plan.strategy
        );
        assert!(!late.to_string().is_empty());
        for route in &plan.routes {
            assert!(route.end_min <= 600.0 + 1e-9);
        }
    }
}

#[test]
fn an_order_too_big_for_every_vehicle_is_explained() {
    // V1 carries no veg at all; V2 carries 3. Meals: 10 and 20.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 0.0, 10.0),
        ],
        vec![
            Order::new("BIG", 1, MEAL, 50),
            Order::new("VEG", 2, VEG, 2),
            Order::new("TOO_MUCH_VEG", 2, VEG, 5),
            Order::new("SMALL", 1, MEAL, 15),
        ],
        vec![vehicle("V1", 0, 10, 0, 2), vehicle("V2", 0, 20, 3, 2)],
    );
    for plan in plans(&s) {
        assert_eq!(
            expect_unassigned(&plan, 0),
            &UnassignedReason::NoVehicleCanCarry {
                item: "meal".to_string(),
                quantity: 50
            }
        );
        let veg = expect_unassigned(&plan, 2);
        assert_eq!(
            veg,
            &UnassignedReason::NoVehicleCanCarry {
                item: "veg".to_string(),
                quantity: 5
            }
        );
        assert!(veg.to_string().contains("veg"), "{veg}");
        // Only V2 can carry veg parcels and 15 meals.
        assert_eq!(expect_served(&plan, 1).0.vehicle, 1, "{}", plan.strategy);
        assert_eq!(expect_served(&plan, 3).0.vehicle, 1, "{}", plan.strategy);
    }
}

#[test]
fn fixed_kitchens_are_respected_with_two_kitchens() {
    // P sits next to K2 but must come from K1; Q sits next to K1 but must come from K2.
    let s = scenario(
        vec![
            kitchen("K1", 0.0, 0.0),
            kitchen("K2", 40.0, 0.0),
            stop_site("P", 38.0, 0.0),
            stop_site("Q", 2.0, 0.0),
            stop_site("R", 20.0, 5.0),
        ],
        vec![
            Order {
                kitchen: Some(0),
                ..Order::new("OP", 2, MEAL, 2)
            },
            Order {
                kitchen: Some(1),
                ..Order::new("OQ", 3, MEAL, 2)
            },
            Order::new("OR", 4, MEAL, 2),
        ],
        vec![vehicle("V1", 0, 10, 10, 3), vehicle("V2", 1, 10, 10, 3)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        assert_eq!(expect_served(&plan, 0).1.kitchen, 0, "{}", plan.strategy);
        assert_eq!(expect_served(&plan, 1).1.kitchen, 1, "{}", plan.strategy);
        for route in &plan.routes {
            for trip in &route.trips {
                assert!(trip.kitchen < 2);
            }
        }
    }
}

#[test]
fn opening_hours_of_kitchens_and_stops_are_respected() {
    // The kitchen opens 09:00; A receives 10:00-10:30 only; B 11:40-11:50 and its order's
    // window is 10:50-11:45, so handover is 11:40-11:45.
    let mut k = kitchen("K", 0.0, 0.0);
    k.hours = TimeWindow::new(540.0, 1200.0);
    let mut a = stop_site("A", 10.0, 0.0);
    a.hours = TimeWindow::new(600.0, 630.0);
    let mut b = stop_site("B", 0.0, 10.0);
    b.hours = TimeWindow::new(700.0, 710.0);
    let s = scenario(
        vec![k, a, b],
        vec![
            Order::new("OA", 1, MEAL, 2),
            Order {
                window: TimeWindow::new(650.0, 705.0),
                windows: Vec::new(),
                ..Order::new("OB", 2, MEAL, 2)
            },
        ],
        vec![vehicle("V1", 0, 10, 10, 2)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        for route in &plan.routes {
            for trip in &route.trips {
                assert!(trip.depart_min >= 540.0 + LOADING - 1e-9, "{trip:?}");
            }
        }
        let (_, _, a) = expect_served(&plan, 0);
        assert!((600.0..=630.0).contains(&a.start_min), "{a:?}");
        let (_, _, b) = expect_served(&plan, 1);
        assert!((700.0..=705.0).contains(&b.start_min), "{b:?}");
    }
}

#[test]
fn max_trips_limits_a_courier() {
    // Three orders of 6 meals, one courier carrying 10 who may load only once.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 0.0, 10.0),
            stop_site("C", -10.0, 0.0),
        ],
        vec![
            Order::new("OA", 1, MEAL, 6),
            Order::new("OB", 2, MEAL, 6),
            Order::new("OC", 3, MEAL, 6),
        ],
        vec![vehicle("V1", 0, 10, 10, 1)],
    );
    for plan in plans(&s) {
        assert_eq!(plan.routes.len(), 1, "{}", plan.strategy);
        assert_eq!(plan.routes[0].trips.len(), 1, "{}", plan.strategy);
        assert_eq!(plan.unassigned.len(), 2, "{}", plan.strategy);
        for entry in &plan.unassigned {
            assert_eq!(entry.reason, UnassignedReason::FleetExhausted);
        }
    }
}

#[test]
fn orders_at_one_site_share_one_stop() {
    // Three orders for S (two meal orders with different windows and a veg parcel) and one for T.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("S", 10.0, 0.0),
            stop_site("T", 0.0, 10.0),
        ],
        vec![
            Order {
                window: TimeWindow::new(480.0, 600.0),
                windows: Vec::new(),
                ..Order::new("S1", 1, MEAL, 2)
            },
            Order::new("T1", 2, MEAL, 2),
            Order {
                window: TimeWindow::new(500.0, 700.0),
                windows: Vec::new(),
                ..Order::new("S2", 1, MEAL, 3)
            },
            Order::new("S3", 1, VEG, 1),
        ],
        vec![vehicle("V1", 0, 10, 10, 2)],
    );
    for plan in plans(&s) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let stops_at_s: Vec<&PlannedStop> = plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .flat_map(|t| &t.stops)
            .filter(|stop| stop.site == 1)
            .collect();
        assert_eq!(stops_at_s.len(), 1, "{}: {stops_at_s:#?}", plan.strategy);
        let mut orders = stops_at_s[0].orders.clone();
        orders.sort();
        assert_eq!(orders, [0, 2, 3]);
        assert!((500.0..=600.0).contains(&stops_at_s[0].start_min));
    }
}

#[test]
fn the_higher_priority_order_wins_scarce_capacity() {
    // One load of 10 meals; L (8 meals, priority 1) is near, H (8 meals, priority 3) is far.
    let s = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("L", 5.0, 0.0),
            stop_site("H", 0.0, 30.0),
        ],
        vec![
            Order::new("OL", 1, MEAL, 8),
            Order {
                priority: 3,
                ..Order::new("OH", 2, MEAL, 8)
            },
        ],
        vec![vehicle("V1", 0, 10, 10, 1)],
    );
    // Every strategy weighs priorities, `nearest` too (issue 11, item 7).
    let failures: Vec<String> = plans(&s)
        .iter()
        .filter(|plan| served(plan, 1).is_none() || served(plan, 0).is_some())
        .map(|plan| {
            format!(
                "{} serves {:?} and leaves out {:?}",
                plan.strategy,
                plan.routes
                    .iter()
                    .flat_map(|r| &r.trips)
                    .flat_map(orders_of)
                    .map(|o| &s.orders[o].id)
                    .collect::<Vec<_>>(),
                plan.unassigned
                    .iter()
                    .map(|u| format!("{} ({})", s.orders[u.order].id, u.reason))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "OH (priority 3) should win the only load over OL (priority 1):\n{}",
        failures.join("\n")
    );
}

/// Nothing fits any courier: both orders must come back explained.
fn check_nothing_servable(name: &str) {
    let s = scenario(
        vec![kitchen("K", 0.0, 0.0), stop_site("A", 10.0, 0.0)],
        vec![Order::new("BIG", 1, MEAL, 50), Order::new("VEG", 1, VEG, 2)],
        vec![vehicle("V1", 0, 10, 0, 2)],
    );
    let matrix = TravelMatrix::straight_line(&s);
    let plan = checked(&s, &matrix, name, &BUDGET);
    assert!(plan.routes.is_empty(), "{name}");
    for (o, item, quantity) in [(0, "meal", 50), (1, "veg", 2)] {
        assert_eq!(
            expect_unassigned(&plan, o),
            &UnassignedReason::NoVehicleCanCarry {
                item: item.to_string(),
                quantity
            },
            "{name}"
        );
    }
}

/// Every strategy must return promptly, whatever its budget, when nothing can be served.
/// Each strategy runs in a child process (see [`isolated`]) so that one that never returns
/// is killed instead of spinning on for the rest of the run.
#[test]
fn every_strategy_returns_when_no_order_can_be_served() {
    if let Some(name) = isolated_key() {
        check_nothing_servable(&name);
        println!("{DONE} 0 0");
        return;
    }
    let test = test_name("every_strategy_returns_when_no_order_can_be_served");
    let failures: Vec<String> = strategies::all()
        .iter()
        .filter_map(|strategy| {
            isolated(&test, strategy.name())
                .err()
                .map(|e| format!("{}: {e}", strategy.name()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "with no servable order:\n{}",
        failures.join("\n")
    );
}

/// Draws for random scenarios from the library's seeded generator, so that failures are
/// reproducible by seed.
trait Draw {
    /// Uniform in `lo..=hi`.
    fn int(&mut self, lo: u32, hi: u32) -> u32;
    /// Uniform in `[lo, hi)`.
    fn real(&mut self, lo: f64, hi: f64) -> f64;
    /// True with chance `p`.
    fn chance(&mut self, p: f64) -> bool;
}

impl Draw for Rng {
    fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn real(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A random small scenario: two kitchens (sometimes with hours), up to 8 stops (some with
/// hours and waiting limits), up to 14 orders with random windows, ready times, ride limits, fixed kitchens and
/// priorities (a few too big for anyone), and 1-3 couriers with multiple trips and mixed
/// speeds, capacities, shifts and bases.
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = Rng::new(seed);
    let mut sites = vec![
        kitchen("K1", rng.real(-5.0, 5.0), rng.real(-5.0, 5.0)),
        kitchen("K2", rng.real(10.0, 25.0), rng.real(-10.0, 10.0)),
    ];
    if rng.chance(0.5) {
        sites[1].hours = TimeWindow::new(rng.real(480.0, 600.0), rng.real(700.0, 1000.0));
    }
    for k in &mut sites {
        k.service_min = f64::from(rng.int(0, 10));
    }
    let stops = rng.int(2, 8) as usize;
    for s in 0..stops {
        let mut site = stop_site(
            &format!("S{s}"),
            rng.real(-20.0, 30.0),
            rng.real(-20.0, 20.0),
        );
        site.service_min = f64::from(rng.int(0, 5));
        if rng.chance(0.2) {
            let open = rng.real(480.0, 800.0);
            site.hours = TimeWindow::new(open, open + rng.real(30.0, 240.0));
        }
        sites.push(site);
    }
    let orders = (0..rng.int(1, 14))
        .map(|o| {
            let mut order = Order::new(
                format!("O{o}"),
                2 + rng.int(0, stops as u32 - 1) as usize,
                rng.int(0, 1) as usize,
                rng.int(1, 8),
            );
            if rng.chance(0.05) {
                order.quantity = 100;
            }
            if rng.chance(0.6) {
                let open = rng.real(480.0, 900.0);
                order.window = TimeWindow::new(open, open + rng.real(10.0, 180.0));
            }
            if rng.chance(0.4) {
                order.ready = rng.real(420.0, 800.0);
            }
            if rng.chance(0.4) {
                order.max_ride_min = Some(rng.real(15.0, 60.0));
            }
            if rng.chance(0.3) {
                order.kitchen = Some(rng.int(0, 1) as usize);
            }
            order.priority = rng.int(1, 3);
            order
        })
        .collect();
    let fleet = (0..rng.int(1, 3))
        .map(|v| {
            let mut courier = vehicle(
                &format!("V{v}"),
                rng.int(0, 1) as usize,
                rng.int(0, 15),
                rng.int(0, 6),
                rng.int(1, 4),
            );
            let start = rng.real(420.0, 600.0);
            courier.shift = TimeWindow::new(start, start + rng.real(120.0, 600.0));
            courier.speed_kmh = [30.0, 45.0, 60.0][rng.int(0, 2) as usize];
            courier
        })
        .collect();
    let mut scenario = scenario(sites, orders, fleet);
    scenario.name = format!("random scenario, seed {seed}");
    if rng.chance(0.5) {
        scenario.solver.objective = Objective::Distance;
    }
    // Skills and pinning, drawn last so that the scenarios above stay as they were: couriers
    // are cars or riders, some cold-chain; some orders and sites need a car or cold chain
    // (now and then a boat, which nobody has); some orders go with one courier.
    for courier in &mut scenario.fleet {
        if rng.chance(0.5) {
            courier.kind = "rider".to_string();
        }
        if rng.chance(0.4) {
            courier.skills.push("cold_chain".to_string());
        }
    }
    let skills = ["car", "cold_chain", "rider", "boat"];
    let pick = |rng: &mut Rng| {
        let r = rng.int(0, 19);
        skills[if r == 19 { 3 } else { (r % 3) as usize }].to_string()
    };
    for site in scenario.sites.iter_mut().skip(2) {
        if rng.chance(0.15) {
            site.requires.push(pick(&mut rng));
        }
    }
    let couriers = scenario.fleet.len() as u32;
    for order in &mut scenario.orders {
        if rng.chance(0.25) {
            order.requires.push(pick(&mut rng));
        }
        if rng.chance(0.2) {
            order.courier = Some(rng.int(0, couriers - 1) as usize);
        }
    }
    // Waiting limits at some doors (0: no waiting at all), drawn after the rest.
    for site in scenario.sites.iter_mut().skip(2) {
        if rng.chance(0.3) {
            site.max_wait_min = Some(if rng.chance(0.2) {
                0.0
            } else {
                rng.real(0.0, 40.0)
            });
        }
    }
    scenario
}

/// How many random scenarios the property test generates (seeds `1..=RANDOM_SEEDS`).
const RANDOM_SEEDS: u64 = 100;

/// Every strategy on the random scenario of `seed`: checked plans, every order accounted for,
/// and the reasons consistent across strategies. Returns the orders served and left out.
fn check_random_scenario(seed: u64) -> (usize, usize) {
    let budget = Budget::new(0.01, BUDGET.seed, BUDGET.threads);
    let s = random_scenario(seed);
    let matrix = TravelMatrix::straight_line(&s);
    let plans: Vec<Plan> = strategies::all()
        .iter()
        .map(|strategy| checked(&s, &matrix, strategy.name(), &budget))
        .collect();
    let (mut served_total, mut unassigned_total) = (0, 0);
    for plan in &plans {
        for entry in &plan.unassigned {
            let order = &s.orders[entry.order];
            match &entry.reason {
                UnassignedReason::NoVehicleCanCarry { item, quantity } => {
                    assert_eq!(item, &s.items[order.item]);
                    assert_eq!(*quantity, order.quantity);
                    // Among the couriers with the skills it needs.
                    let skills = s.required_skills(order);
                    assert!(
                        s.fleet
                            .iter()
                            .filter(|v| skills.iter().all(|k| v.has_skill(k)))
                            .all(|v| v.capacity[order.item] < order.quantity),
                        "seed {seed}: {} can be carried",
                        order.id
                    );
                }
                UnassignedReason::FleetExhausted => {}
                UnassignedReason::PinnedCourierCannot { why, .. }
                    if **why == UnassignedReason::FleetExhausted => {}
                reason => {
                    // Declared impossible: no strategy may serve it.
                    for other in &plans {
                        assert!(
                            served(other, entry.order).is_none(),
                            "seed {seed}: {} says order {} cannot be served ({reason}), \
                             but {} serves it",
                            plan.strategy,
                            order.id,
                            other.strategy
                        );
                    }
                }
            }
        }
        let summary = plan.summary(s.orders.len());
        served_total += summary.served;
        unassigned_total += summary.unassigned;
    }
    (served_total, unassigned_total)
}

/// Random scenarios, each run alone in a child process (see [`isolated`]) so that every
/// failing seed is reported, hangs included.
#[test]
fn random_scenarios_give_checked_plans_with_every_strategy() {
    if let Some(seed) = isolated_key() {
        let (served, unassigned) = check_random_scenario(seed.parse().expect("a seed"));
        println!("{DONE} {served} {unassigned}");
        return;
    }
    let test = test_name("random_scenarios_give_checked_plans_with_every_strategy");
    let mut failures = Vec::new();
    let (mut served_total, mut unassigned_total) = (0, 0);
    for seed in 1..=RANDOM_SEEDS {
        match isolated(&test, &seed.to_string()) {
            Ok((served, unassigned)) => {
                served_total += served;
                unassigned_total += unassigned;
            }
            Err(e) => failures.push(format!("seed {seed}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {RANDOM_SEEDS} random scenarios fail; rerun one with\n  \
         {ISOLATED}=<seed> cargo test -p reliefroute-tests --test end_to_end -- --exact {test} --nocapture\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The generator must exercise both outcomes.
    assert!(served_total > 0 && unassigned_total > 0);
}

/// Set in a child process to the case (strategy name, seed) it must run alone.
const ISOLATED: &str = "RELIEFROUTE_TEST_CASE";
/// Printed by a child that finished its case, with the orders served and left out.
const DONE: &str = "isolated case done:";
/// How long one isolated case may run before it counts as hung and is killed. A random
/// scenario takes well under 2 s with every strategy in a debug build.
const CASE_LIMIT: Duration = Duration::from_secs(10);

/// The case this process must run, when it is an isolated child.
fn isolated_key() -> Option<String> {
    std::env::var(ISOLATED).ok()
}

/// The full name of test `function` of this module, as the test harness knows it.
fn test_name(function: &str) -> String {
    let module = module_path!();
    let module = module.split_once("::").map_or(module, |(_, rest)| rest);
    format!("{module}::{function}")
}

/// Runs test `test` of this executable again in a child process with [`ISOLATED`] set to
/// `key`, killing it after [`CASE_LIMIT`]: a strategy that panics or never returns then
/// fails that one case without taking the rest of the run (or a spinning thread) with it.
/// Returns the orders served and left out, or why the case failed: its panic messages and
/// the first library frame of the backtrace.
fn isolated(test: &str, key: &str) -> Result<(usize, usize), String> {
    let exe = std::env::current_exe().expect("the test executable");
    let mut child = Command::new(exe)
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(ISOLATED, key)
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("re-running the test executable");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the child") {
            break Some(status);
        }
        if started.elapsed() > CASE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let done = stdout
        .lines()
        .find_map(|l| l.split_once(DONE).map(|(_, counts)| counts))
        .and_then(|counts| {
            let mut counts = counts.split_whitespace().map(str::parse::<usize>);
            Some((counts.next()?.ok()?, counts.next()?.ok()?))
        });
    match (status, done) {
        (Some(status), Some(counts)) if status.success() => Ok(counts),
        (Some(status), None) if status.success() => {
            Err(format!("the child did not run {test}:\n{stdout}"))
        }
        (None, _) => Err(format!("did not finish within {CASE_LIMIT:?} (hung)")),
        (Some(_), _) => {
            eprintln!("---- case {key} ----\n{stderr}");
            Err(format!(
                "{}{}",
                panic_messages(&stderr),
                library_frame(&stderr)
            ))
        }
    }
}

/// Every panic's location and first message line, from a child's stderr.
fn panic_messages(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let messages: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("thread '") && l.contains(" panicked at "))
        .map(|(i, l)| {
            let place = l.split(" panicked at ").nth(1).unwrap_or("");
            let message = lines.get(i + 1).copied().unwrap_or("");
            format!("{} {message}", place.trim_end())
        })
        .collect();
    messages.join(" / ")
}

/// The first backtrace frame in the library's sources, if any.
fn library_frame(stderr: &str) -> String {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("at ") && l.contains("crates/reliefroute/src/"))
        .map_or_else(String::new, |l| format!(" ({l})"))
}

/// The plan of every strategy (not only [`STRATEGIES`]), checked.
/// Every registered strategy's plan of `scenario`, each checked (see [`checked`]).
pub(crate) fn plans_of_every_strategy(scenario: &Scenario) -> Vec<Plan> {
    let matrix = TravelMatrix::straight_line(scenario);
    strategies::all()
        .iter()
        .map(|strategy| checked(scenario, &matrix, strategy.name(), &BUDGET))
        .collect()
}

/// The kinds of violation the checker finds in `plan` for `scenario`.
fn violations(scenario: &Scenario, plan: &Plan) -> Vec<ViolationKind> {
    let matrix = TravelMatrix::straight_line(scenario);
    match check_plan(scenario, &matrix, plan) {
        Ok(()) => Vec::new(),
        Err(found) => found.iter().map(|v| v.kind).collect(),
    }
}

/// A rider next door and a car: the nearest courier for everything is the rider, unless an
/// order needs a car (its own `requires`, or its site's).
fn rider_and_car() -> Scenario {
    let mut rider = vehicle("RIDER", 0, 10, 10, 3);
    rider.kind = "rider".to_string();
    let mut car = vehicle("CAR", 0, 10, 10, 3);
    car.skills = vec!["cold_chain".to_string()];
    scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("HILL", 0.0, 10.0),
        ],
        vec![Order::new("O1", 1, MEAL, 2), Order::new("O2", 2, MEAL, 2)],
        vec![rider, car],
    )
}

#[test]
fn skills_keep_an_order_to_couriers_that_have_them() {
    let base = rider_and_car();
    // Without the rule, one courier takes both (the first, the rider, in most strategies).
    let free = plans_of_every_strategy(&base);
    assert!(free.iter().all(|p| p.unassigned.is_empty()));

    let mut by_order = base.clone();
    by_order.orders[1].requires = vec!["car".to_string()];
    let mut by_site = base.clone();
    by_site.sites[2].requires = vec!["car".to_string()];
    let mut by_skill = base.clone();
    by_skill.orders[1].requires = vec!["cold_chain".to_string()];
    for s in [&by_order, &by_site, &by_skill] {
        for plan in plans_of_every_strategy(s) {
            let (route, _, _) = expect_served(&plan, 1);
            assert_eq!(route.vehicle, 1, "{}: the car carries it", plan.strategy);
            assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        }
    }

    // The checker catches a hand-made plan giving the village order to the rider.
    let rider_plan = free
        .iter()
        .find(|p| expect_served(p, 1).0.vehicle == 0)
        .expect("some strategy gives the order to the rider without the rule");
    for s in [&by_order, &by_site, &by_skill] {
        assert!(violations(s, rider_plan).contains(&ViolationKind::MissingSkill));
    }

    // Nobody has the skill: the reason names it.
    let mut nobody = by_order.clone();
    nobody.orders[1].requires = vec!["car".to_string(), "boat".to_string()];
    for plan in plans_of_every_strategy(&nobody) {
        let reason = expect_unassigned(&plan, 1);
        assert_eq!(
            reason,
            &UnassignedReason::MissingSkill {
                skills: vec!["boat".to_string()]
            },
            "{}",
            plan.strategy
        );
        assert_eq!(reason.to_string(), "no courier has the skills boat");
        expect_served(&plan, 0);
    }
    // Each skill is had by someone, but no courier has both.
    let mut split = by_order.clone();
    split.orders[1].requires = vec!["rider".to_string(), "car".to_string()];
    for plan in plans_of_every_strategy(&split) {
        assert_eq!(
            expect_unassigned(&plan, 1).to_string(),
            "no courier has the skills rider car"
        );
    }
}

#[test]
fn a_pinned_order_goes_with_its_courier() {
    // Two identical couriers: without pinning the first takes both orders.
    let base = scenario(
        vec![
            kitchen("K", 0.0, 0.0),
            stop_site("A", 10.0, 0.0),
            stop_site("B", 0.0, 10.0),
        ],
        vec![Order::new("O1", 1, MEAL, 2), Order::new("O2", 2, MEAL, 2)],
        vec![vehicle("V1", 0, 10, 10, 3), vehicle("V2", 0, 10, 10, 3)],
    );
    let free = plans_of_every_strategy(&base);
    let mut pinned = base.clone();
    pinned.orders[1].courier = Some(1);
    for plan in plans_of_every_strategy(&pinned) {
        assert_eq!(expect_served(&plan, 1).0.vehicle, 1, "{}", plan.strategy);
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
    }
    // Pinned to the first courier, it stays with it too.
    let mut first = base.clone();
    first.orders[1].courier = Some(0);
    for plan in plans_of_every_strategy(&first) {
        assert_eq!(expect_served(&plan, 1).0.vehicle, 0, "{}", plan.strategy);
    }

    // The checker catches a plan that gives it to another courier.
    let other = free
        .iter()
        .find(|p| expect_served(p, 1).0.vehicle == 0)
        .expect("some strategy gives O2 to V1 without pinning");
    assert!(violations(&pinned, other).contains(&ViolationKind::PinnedCourier));

    // The pinned courier cannot carry it: the reason says who and why, although the other
    // courier could.
    let mut small = pinned.clone();
    small.fleet[1].capacity = vec![1, 10];
    for plan in plans_of_every_strategy(&small) {
        let reason = expect_unassigned(&plan, 1);
        assert_eq!(
            reason,
            &UnassignedReason::PinnedCourierCannot {
                courier: "V2".to_string(),
                why: Box::new(UnassignedReason::NoVehicleCanCarry {
                    item: "meal".to_string(),
                    quantity: 2
                }),
            },
            "{}",
            plan.strategy
        );
        assert!(reason.to_string().starts_with("pinned to courier V2"));
    }
    // A hand-made scenario pinning an order to a courier it does not have: unassigned.
    let mut missing = base.clone();
    missing.orders[1].courier = Some(7);
    for plan in plans_of_every_strategy(&missing) {
        assert!(expect_unassigned(&plan, 1)
            .to_string()
            .starts_with("pinned to courier #7 (not in the fleet)"));
    }
    // The pinned courier lacks a skill the order needs.
    let mut skill = pinned.clone();
    skill.orders[1].requires = vec!["boat".to_string()];
    for plan in plans_of_every_strategy(&skill) {
        assert_eq!(
            expect_unassigned(&plan, 1).to_string(),
            "pinned to courier V2, who cannot take it: no courier has the skills boat"
        );
    }
    // Two orders pinned to one courier with a shift too short for both: one is left out,
    // with the pinned courier's lack of room as the reason.
    let mut busy = pinned.clone();
    busy.orders[0].courier = Some(1);
    busy.fleet[1].shift = TimeWindow::new(480.0, 480.0 + 35.0);
    for plan in plans_of_every_strategy(&busy) {
        assert_eq!(plan.unassigned.len(), 1, "{}", plan.strategy);
        assert!(matches!(
            &plan.unassigned[0].reason,
            UnassignedReason::PinnedCourierCannot { courier, why }
                if courier == "V2" && **why == UnassignedReason::FleetExhausted
        ));
    }
}
