//! The independent feasibility checker: a valid hand-made plan passes, and every rule of the
//! plan semantics rejects a plan mutated to break it, naming the culprit.

use reliefroute::{
    check_plan, Order, Plan, PlannedRoute, PlannedStop, PlannedTrip, Rounding, Scenario, Site,
    SiteKind, TimeWindow, TravelMatrix, TravelModel, Unassigned, UnassignedReason, Vehicle,
    Violation, ViolationKind,
};

// Site indices.
const K1: usize = 0;
const K2: usize = 1;
const A: usize = 2;
const B: usize = 3;
const C: usize = 4;

fn site(id: &str, kind: SiteKind, x: f64, y: f64, service_min: f64, hours: (f64, f64)) -> Site {
    Site {
        id: id.to_string(),
        kind,
        name: format!("site {id}"),
        location: (x, y).into(),
        service_min,
        hours: TimeWindow::new(hours.0, hours.1),
        requires: Vec::new(),
        max_wait_min: None,
        extra: Vec::new(),
    }
}

fn order(id: &str, site: usize, item: usize, quantity: u32, window: TimeWindow) -> Order {
    Order {
        window,
        ..Order::new(id, site, item, quantity)
    }
}

/// A planar scenario at 60 km/h, so minutes equal km.
///
/// Kitchens K1 (0,0), K2 (0,20); stops A (3,4), B (6,8), C (0,-6): K1-A 5, A-B 5, B-K1 10,
/// K1-C 6. Orders: O1 at A (4 meal_box, 10:00-11:00, kitchen K1, ready 09:30, ride <= 40 min),
/// O2 at B (3 meal_box, 10:00-11:40), O3 at B (1 veg_parcel, any time), O4 at C (5 meal_box,
/// 11:00-12:00), O5 at C (100 meal_box, any time; nobody can carry it). Fleet: R1 (8 meal_box,
/// 2 veg_parcel, 09:00-13:00, 2 trips) and C1 (20/5, 08:00-15:00, 3 trips), both based at K1.
fn scenario() -> Scenario {
    Scenario {
        name: "checker".to_string(),
        sites: vec![
            site("K1", SiteKind::Kitchen, 0.0, 0.0, 5.0, (480.0, 840.0)),
            site("K2", SiteKind::Kitchen, 0.0, 20.0, 5.0, (480.0, 840.0)),
            site("A", SiteKind::Checkpoint, 3.0, 4.0, 2.0, (540.0, 720.0)),
            site("B", SiteKind::Household, 6.0, 8.0, 2.0, (480.0, 640.0)),
            site("C", SiteKind::Village, 0.0, -6.0, 2.0, (600.0, 760.0)),
        ],
        items: vec!["meal_box".to_string(), "veg_parcel".to_string()],
        orders: vec![
            Order {
                kitchen: Some(K1),
                ready: 570.0,
                max_ride_min: Some(40.0),
                ..order("O1", A, 0, 4, TimeWindow::new(600.0, 660.0))
            },
            order("O2", B, 0, 3, TimeWindow::new(600.0, 700.0)),
            order("O3", B, 1, 1, TimeWindow::ALWAYS),
            order("O4", C, 0, 5, TimeWindow::new(660.0, 720.0)),
            order("O5", C, 0, 100, TimeWindow::ALWAYS),
        ],
        fleet: vec![
            Vehicle {
                id: "R1".to_string(),
                kind: "rider".to_string(),
                base: K1,
                capacity: vec![8, 2],
                shift: TimeWindow::new(540.0, 780.0),
                speed_kmh: 60.0,
                max_trips: 2,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            },
            Vehicle {
                id: "C1".to_string(),
                kind: "car".to_string(),
                base: K1,
                capacity: vec![20, 5],
                shift: TimeWindow::new(480.0, 900.0),
                speed_kmh: 60.0,
                max_trips: 3,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            },
        ],
        travel: TravelModel::Planar(Rounding::Exact),
        network: None,
        supply: Vec::new(),
        solver: Default::default(),
    }
}

fn stop(site: usize, arrive: f64, start: f64, depart: f64, orders: &[usize]) -> PlannedStop {
    PlannedStop {
        site,
        arrive_min: arrive,
        start_min: start,
        depart_min: depart,
        orders: orders.to_vec(),
    }
}

fn trip(kitchen: usize, times: [f64; 3], distance_km: f64, stops: Vec<PlannedStop>) -> PlannedTrip {
    PlannedTrip {
        kitchen,
        arrive_min: times[0],
        depart_min: times[1],
        return_min: times[2],
        distance_km,
        stops,
    }
}

/// Trip 1 of R1: K1 09:20 (loads after O1 is ready 09:30), A at 10:00, B 10:07, back 10:19.
fn first_trip() -> PlannedTrip {
    trip(
        K1,
        [560.0, 575.0, 619.0],
        20.0,
        vec![
            stop(A, 580.0, 600.0, 602.0, &[0]),
            stop(B, 607.0, 607.0, 609.0, &[1, 2]),
        ],
    )
}

/// Trip 2 of R1: K1 10:19, C 10:30 waiting for 11:00, back 11:08.
fn second_trip() -> PlannedTrip {
    trip(
        K1,
        [619.0, 624.0, 668.0],
        12.0,
        vec![stop(C, 630.0, 660.0, 662.0, &[3])],
    )
}

/// A feasible plan: R1 makes both trips, O5 is unassigned.
fn valid_plan() -> Plan {
    Plan {
        strategy: "manual".to_string(),
        seed: 1,
        routes: vec![PlannedRoute {
            vehicle: 0,
            breaks: Vec::new(),
            start_min: 560.0,
            end_min: 668.0,
            transfer_km: 0.0,
            trips: vec![first_trip(), second_trip()],
        }],
        unassigned: vec![Unassigned {
            order: 4,
            reason: UnassignedReason::NoVehicleCanCarry {
                item: "meal_box".to_string(),
                quantity: 100,
            },
        }],
    }
}

fn violations(scenario: &Scenario, plan: &Plan) -> Vec<Violation> {
    let matrix = TravelMatrix::straight_line(scenario);
    match check_plan(scenario, &matrix, plan) {
        Ok(()) => Vec::new(),
        Err(found) => {
            assert!(!found.is_empty(), "Err must carry violations");
            found
        }
    }
}

/// Asserts the plan breaks exactly one rule, of `kind`, and that its text mentions each needle.
fn expect_one(scenario: &Scenario, plan: &Plan, kind: ViolationKind, needles: &[&str]) {
    let found = violations(scenario, plan);
    let texts: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {kind:?} violation, got {texts:#?}"
    );
    assert_eq!(found[0].kind, kind, "{texts:#?}");
    for needle in needles {
        assert!(
            texts[0].contains(needle),
            "{:?} does not mention {needle:?}",
            texts[0]
        );
    }
}

fn expect_one_in_plan(plan: &Plan, kind: ViolationKind, needles: &[&str]) {
    expect_one(&scenario(), plan, kind, needles);
}

#[test]
fn checker_accepts_the_valid_plan() {
    let scenario = scenario();
    let found = violations(&scenario, &valid_plan());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn checker_rejects_capacity_exceeded() {
    let mut plan = valid_plan();
    plan.unassigned.clear();
    plan.routes[0].trips[1].stops[0].orders.push(4);
    expect_one_in_plan(
        &plan,
        ViolationKind::Capacity,
        &["R1 trip 2", "105 meal_box", "can carry 8"],
    );
}

#[test]
fn checker_rejects_service_after_window_closes() {
    let mut plan = valid_plan();
    let route = &mut plan.routes[0];
    let c = &mut route.trips[1].stops[0];
    c.start_min = 725.0;
    c.depart_min = 727.0;
    route.trips[1].return_min = 733.0;
    route.end_min = 733.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::OrderWindow,
        &[
            "R1 trip 2 stop C",
            "12:05",
            "O4",
            "window closes 12:00",
            "5 min",
        ],
    );
}

#[test]
fn checker_rejects_service_after_site_closes() {
    let mut plan = valid_plan();
    let route = &mut plan.routes[0];
    let b = &mut route.trips[0].stops[1];
    b.start_min = 647.0;
    b.depart_min = 649.0;
    route.trips[0].return_min = 659.0;
    route.trips[1] = trip(
        K1,
        [659.0, 664.0, 708.0],
        12.0,
        vec![stop(C, 670.0, 700.0, 702.0, &[3])],
    );
    route.end_min = 708.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::SiteHours,
        &["R1 trip 1 stop B", "10:47", "site B closes 10:40"],
    );
}

#[test]
fn checker_rejects_service_before_site_opens() {
    let mut scenario = scenario();
    scenario.sites[C].hours = TimeWindow::new(665.0, 760.0);
    expect_one(
        &scenario,
        &valid_plan(),
        ViolationKind::SiteHours,
        &["R1 trip 2 stop C", "site C opens 11:05"],
    );
}

#[test]
fn checker_rejects_service_before_window_opens() {
    let mut plan = valid_plan();
    plan.routes[0].trips[1].stops[0].start_min = 650.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::OrderWindow,
        &["R1 trip 2 stop C", "10:50", "O4", "window opens 11:00"],
    );
}

#[test]
fn checker_rejects_departure_before_order_is_ready() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].depart_min = 565.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::ReadyTime,
        &["R1 trip 1", "09:25", "O1 is ready 09:30", "09:35"],
    );
}

#[test]
fn checker_rejects_loading_when_kitchen_is_closed() {
    let mut scenario = scenario();
    scenario.sites[K1].hours = TimeWindow::new(480.0, 610.0);
    expect_one(
        &scenario,
        &valid_plan(),
        ViolationKind::KitchenHours,
        &["R1 trip 2", "kitchen K1", "10:19", "closes 10:10"],
    );
}

#[test]
fn checker_rejects_loading_before_kitchen_opens() {
    let mut scenario = scenario();
    scenario.sites[K1].hours = TimeWindow::new(575.0, 840.0);
    expect_one(
        &scenario,
        &valid_plan(),
        ViolationKind::KitchenHours,
        &["R1 trip 1", "K1 opens 09:35", "09:40"],
    );
}

#[test]
fn checker_rejects_freshness_exceeded() {
    let mut plan = valid_plan();
    let route = &mut plan.routes[0];
    route.trips[0].stops = vec![
        stop(A, 580.0, 630.0, 632.0, &[0]),
        stop(B, 637.0, 637.0, 639.0, &[1, 2]),
    ];
    route.trips[0].return_min = 649.0;
    route.trips[1].arrive_min = 649.0;
    route.trips[1].depart_min = 654.0;
    route.trips[1].stops[0].arrive_min = 660.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::Freshness,
        &["R1 trip 1 stop A", "O1", "rides 55 min", "limit of 40 min"],
    );
}

#[test]
fn checker_rejects_waiting_too_long_at_a_door() {
    // The valid plan waits 20 min at A (10:00 window) and 30 min at C (11:00 window).
    let mut scenario = scenario();
    scenario.sites[A].max_wait_min = Some(15.0);
    scenario.sites[C].max_wait_min = Some(30.0);
    expect_one(
        &scenario,
        &valid_plan(),
        ViolationKind::Wait,
        &[
            "R1 trip 1 stop A",
            "waits 20 min",
            "arrives 09:40",
            "limit of 15 min",
        ],
    );
    // Leaving the kitchen 5 min later (the ride of O1 stays within 40 min) keeps the limit.
    let mut plan = valid_plan();
    let trip = &mut plan.routes[0].trips[0];
    trip.depart_min = 580.0;
    trip.stops[0].arrive_min = 585.0;
    let found = violations(&scenario, &plan);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn checker_rejects_shift_end_exceeded() {
    let mut plan = valid_plan();
    plan.routes[0].end_min = 790.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::ShiftEnd,
        &["R1", "13:10", "shift ends 13:00"],
    );
}

#[test]
fn checker_rejects_start_before_shift() {
    let mut plan = valid_plan();
    plan.routes[0].start_min = 530.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::ShiftStart,
        &["R1", "08:50", "shift starts 09:00"],
    );
}

#[test]
fn checker_rejects_too_many_trips() {
    let mut plan = valid_plan();
    plan.routes[0].trips = vec![
        trip(
            K1,
            [560.0, 575.0, 607.0],
            10.0,
            vec![stop(A, 580.0, 600.0, 602.0, &[0])],
        ),
        trip(
            K1,
            [607.0, 612.0, 634.0],
            20.0,
            vec![stop(B, 622.0, 622.0, 624.0, &[1, 2])],
        ),
        trip(
            K1,
            [634.0, 639.0, 668.0],
            12.0,
            vec![stop(C, 645.0, 660.0, 662.0, &[3])],
        ),
    ];
    expect_one_in_plan(
        &plan,
        ViolationKind::TooManyTrips,
        &["R1", "3 trips", "max_trips is 2"],
    );
}

#[test]
fn checker_rejects_order_served_twice() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].stops[1].orders = vec![1, 2, 2];
    expect_one_in_plan(
        &plan,
        ViolationKind::DuplicateOrder,
        &["order O3", "served 2 times", "R1 trip 1 stop B"],
    );
}

#[test]
fn checker_rejects_order_missing() {
    let mut plan = valid_plan();
    plan.unassigned.clear();
    expect_one_in_plan(
        &plan,
        ViolationKind::MissingOrder,
        &["order O5", "neither served nor listed unassigned"],
    );
}

#[test]
fn checker_rejects_order_served_and_unassigned() {
    let mut plan = valid_plan();
    plan.unassigned.push(Unassigned {
        order: 3,
        reason: UnassignedReason::FleetExhausted,
    });
    expect_one_in_plan(
        &plan,
        ViolationKind::ServedAndUnassigned,
        &["order O4", "R1 trip 2 stop C", "also listed unassigned"],
    );
}

#[test]
fn checker_rejects_order_unassigned_twice() {
    let mut plan = valid_plan();
    let again = plan.unassigned[0].clone();
    plan.unassigned.push(again);
    expect_one_in_plan(
        &plan,
        ViolationKind::DuplicateOrder,
        &["order O5", "unassigned 2 times"],
    );
}

#[test]
fn checker_rejects_wrong_fixed_kitchen() {
    let mut scenario = scenario();
    scenario.orders[0].kitchen = Some(K2);
    expect_one(
        &scenario,
        &valid_plan(),
        ViolationKind::FixedKitchen,
        &["R1 trip 1 stop A", "O1", "kitchen K2", "loads at K1"],
    );
}

#[test]
fn checker_rejects_travel_time_too_short() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].stops[1].arrive_min = 605.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::TravelTime,
        &[
            "R1 trip 1 stop B",
            "10:05",
            "stop A",
            "5 min",
            "not before 10:07",
        ],
    );
}

#[test]
fn checker_rejects_travel_time_too_short_back_to_kitchen_and_base() {
    let mut plan = valid_plan();
    plan.routes[0].trips[1].return_min = 665.0;
    plan.routes[0].end_min = 665.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::TravelTime,
        &[
            "R1 trip 2",
            "back at kitchen K1 at 11:05",
            "stop C",
            "not before 11:08",
        ],
    );

    // A transfer to another kitchen takes time too: K1 -> K2 is 20 minutes.
    let mut plan = valid_plan();
    plan.routes[0].trips[1].kitchen = K2;
    let found = violations(&scenario(), &plan);
    assert!(
        found
            .iter()
            .any(|v| v.kind == ViolationKind::TravelTime
                && v.to_string().contains("reaches kitchen K2")),
        "{found:#?}"
    );
}

#[test]
fn checker_rejects_wrong_trip_distance() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].distance_km = 19.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::Distance,
        &["R1 trip 1", "distance_km is 19", "measures 20 km"],
    );
}

#[test]
fn checker_rejects_wrong_transfer_distance() {
    let mut plan = valid_plan();
    plan.routes[0].transfer_km = 1.5;
    expect_one_in_plan(
        &plan,
        ViolationKind::Distance,
        &["R1", "transfer_km is 1.5", "measures 0 km"],
    );
}

#[test]
fn checker_tolerates_tiny_float_noise() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].distance_km = 20.0 + 1e-9;
    plan.routes[0].trips[0].stops[1].arrive_min = 607.0 - 1e-9;
    assert!(violations(&scenario(), &plan).is_empty());
}

#[test]
fn checker_rejects_order_at_wrong_site() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].stops[1].orders = vec![1];
    plan.routes[0].trips[1].stops[0].orders = vec![3, 2];
    expect_one_in_plan(
        &plan,
        ViolationKind::WrongSite,
        &["R1 trip 2 stop C", "O3 goes to site B, not to C"],
    );
}

#[test]
fn checker_rejects_vehicle_used_twice() {
    let mut plan = valid_plan();
    let second = plan.routes[0].trips.pop().unwrap();
    plan.routes[0].end_min = 619.0;
    plan.routes.push(PlannedRoute {
        vehicle: 0,
        breaks: Vec::new(),
        start_min: 619.0,
        end_min: 668.0,
        transfer_km: 0.0,
        trips: vec![second],
    });
    expect_one_in_plan(&plan, ViolationKind::DuplicateVehicle, &["R1", "2 routes"]);
}

#[test]
fn checker_rejects_trips_out_of_time_order() {
    let mut plan = valid_plan();
    plan.routes[0].trips[1].arrive_min = 615.0;
    expect_one_in_plan(
        &plan,
        ViolationKind::TripOrder,
        &["R1 trip 2", "before trip 1 returns at 10:19"],
    );
}

#[test]
fn checker_rejects_loading_at_a_non_kitchen_and_empty_trips() {
    let mut plan = valid_plan();
    plan.routes[0].trips[1].stops[0].orders.clear();
    plan.routes[0].trips[1].stops.clear();
    plan.routes[0].trips[1].distance_km = 0.0;
    plan.routes[0].trips[1].return_min = 624.0;
    plan.routes[0].end_min = 624.0;
    plan.unassigned.push(Unassigned {
        order: 3,
        reason: UnassignedReason::FleetExhausted,
    });
    expect_one_in_plan(
        &plan,
        ViolationKind::EmptyRouteOrTrip,
        &["R1 trip 2", "no stops"],
    );

    let mut scenario = scenario();
    scenario.sites[K1].kind = SiteKind::Village;
    let found = violations(&scenario, &valid_plan());
    assert!(
        found
            .iter()
            .any(|v| v.kind == ViolationKind::NotAKitchen && v.to_string().contains("K1")),
        "{found:#?}"
    );
}

#[test]
fn checker_rejects_invalid_indices_without_panicking() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].stops[0].orders.push(99);
    plan.unassigned.push(Unassigned {
        order: 42,
        reason: UnassignedReason::OutOfShift,
    });
    plan.routes.push(PlannedRoute {
        vehicle: 9,
        breaks: Vec::new(),
        start_min: 0.0,
        end_min: 0.0,
        transfer_km: 0.0,
        trips: vec![trip(
            K1,
            [0.0, 0.0, 0.0],
            0.0,
            vec![stop(77, 0.0, 0.0, 0.0, &[])],
        )],
    });
    let found = violations(&scenario(), &plan);
    let texts: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        found.iter().all(|v| v.kind == ViolationKind::InvalidIndex),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("order index 99")),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("order index 42")),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("vehicle index 9")),
        "{texts:#?}"
    );
}

#[test]
fn checker_collects_every_violation() {
    let mut plan = valid_plan();
    plan.routes[0].start_min = 530.0;
    plan.routes[0].end_min = 790.0;
    plan.routes[0].trips[0].distance_km = 19.0;
    plan.unassigned.clear();
    let kinds: Vec<ViolationKind> = violations(&scenario(), &plan)
        .into_iter()
        .map(|v| v.kind)
        .collect();
    for kind in [
        ViolationKind::ShiftStart,
        ViolationKind::ShiftEnd,
        ViolationKind::Distance,
        ViolationKind::MissingOrder,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
    }
}

#[test]
fn checker_rejects_garbage_numbers() {
    let mut plan = valid_plan();
    plan.routes[0].trips[0].stops[0].start_min = f64::NAN;
    assert!(!violations(&scenario(), &plan).is_empty());
}
