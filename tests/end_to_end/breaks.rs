//! Breaks and working time limits (issue 11, item 5): read from `fleet.csv`, honoured by
//! every strategy, verified by the independent checker, and explained when they rule an
//! order out.

use crate::constraints::plans_of_every_strategy;
use crate::folder;

use reliefroute::{
    check_plan, load_scenario, Coord, CourierSpec, OrderSpec, Plan, Scenario, Site, SiteKind,
    TravelMatrix, UnassignedReason, ViolationKind,
};

fn at(x: f64, y: f64) -> Coord<f64> {
    Coord { x, y }
}

const SITES: &str = "id,kind,lat,lon,service_min\n\
    K1,kitchen,26.580,101.720,5\n\
    CP1,checkpoint,26.600,101.700,2\n\
    CP2,checkpoint,26.560,101.745,2\n";
/// Two loads of ten boxes around lunch: one rider, two trips.
const ORDERS: &str = "id,site,item,quantity,earliest,latest,ready\n\
    O1,CP1,meal_box,10,11:30,12:30,11:00\n\
    O2,CP2,meal_box,10,13:30,14:30,13:00\n";

fn fleet(breaks: &str, max_work: &str) -> String {
    format!(
        "id,kind,base,capacity,shift_start,shift_end,speed_kmh,max_trips,breaks,max_work_min\n\
         R1,rider,K1,meal_box:10,09:00,20:00,15,4,{breaks},{max_work}\n"
    )
}

fn load(breaks: &str, max_work: &str) -> Scenario {
    let dir = folder(SITES, ORDERS, &fleet(breaks, max_work));
    load_scenario(dir.path()).expect("loads")
}

#[test]
fn a_lunch_break_is_taken_at_the_kitchen_between_trips() {
    let s = load("12:00-14:00/30", "");
    assert_eq!(s.fleet[0].breaks.len(), 1);
    for plan in plans_of_every_strategy(&s) {
        if plan.strategy == "single" {
            continue; // one trip per courier: the second order is left out
        }
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let route = &plan.routes[0];
        assert_eq!(route.trips.len(), 2, "{}", plan.strategy);
        assert_eq!(route.breaks.len(), 1, "{}", plan.strategy);
        let rest = &route.breaks[0];
        assert!(rest.start_min >= 720.0 && rest.end_min <= 840.0, "{rest:?}");
        assert!(
            (rest.end_min - rest.start_min - 30.0).abs() < 1e-6,
            "{rest:?}"
        );
        // At work: at the kitchen after the first trip, before the second leaves.
        assert_eq!(rest.site, 0);
        assert!(
            rest.start_min >= route.trips[0].return_min - 1e-6,
            "{rest:?}"
        );
        assert!(
            rest.end_min <= route.trips[1].depart_min - 5.0 + 1e-6,
            "{route:?}"
        );
    }
    // Without the break the second trip leaves as soon as its boxes are ready.
    let free = load("", "");
    for plan in plans_of_every_strategy(&free) {
        assert!(plan.routes.iter().all(|r| r.breaks.is_empty()));
    }
}

#[test]
fn a_courier_starting_after_the_break_owes_none_at_work() {
    // The break must end by 10:00, before the orders are ready: taken before leaving.
    let s = load("08:00-10:00/30", "");
    for plan in plans_of_every_strategy(&s) {
        let route = &plan.routes[0];
        assert_eq!(route.breaks.len(), 1);
        assert!(
            route.breaks[0].end_min <= route.start_min + 1e-6,
            "{route:?}"
        );
    }
}

#[test]
fn the_checker_catches_a_missing_or_misplaced_break_and_overwork() {
    let s = load("12:00-14:00/30", "");
    let matrix = TravelMatrix::straight_line(&s);
    let good = plans_of_every_strategy(&s)
        .into_iter()
        .find(|p| p.strategy == "search")
        .expect("search is a strategy");
    let kinds = |plan: &Plan| -> Vec<ViolationKind> {
        match check_plan(&s, &matrix, plan) {
            Ok(()) => Vec::new(),
            Err(v) => v.iter().map(|v| v.kind).collect(),
        }
    };

    let mut missing = good.clone();
    missing.routes[0].breaks.clear();
    assert_eq!(kinds(&missing), [ViolationKind::Break]);

    // During the first trip, with boxes on board.
    let mut on_the_road = good.clone();
    let trip = &on_the_road.routes[0].trips[0];
    let start = trip.depart_min + 1.0;
    on_the_road.routes[0].breaks[0].start_min = start.max(720.0);
    on_the_road.routes[0].breaks[0].end_min = start.max(720.0) + 30.0;
    assert!(kinds(&on_the_road).contains(&ViolationKind::Break));

    let mut short = good.clone();
    short.routes[0].breaks[0].end_min = short.routes[0].breaks[0].start_min + 20.0;
    assert_eq!(kinds(&short), [ViolationKind::Break]);

    // A working time limit shorter than the plan's day.
    let mut limited = s.clone();
    let day = good.routes[0].end_min - good.routes[0].start_min;
    limited.fleet[0].max_work_min = Some(day - 10.0);
    let kinds_limited = match check_plan(&limited, &matrix, &good) {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(|v| v.kind).collect(),
    };
    assert_eq!(kinds_limited, [ViolationKind::WorkingTime]);
}

#[test]
fn a_working_time_limit_is_kept_and_explains_what_it_rules_out() {
    // An hour at work: the two loads cannot both fit (their handovers are at least an hour
    // apart and each trip takes over half an hour), so one is left out, and every plan keeps
    // the limit.
    let s = load("", "60");
    for plan in plans_of_every_strategy(&s) {
        for r in &plan.routes {
            assert!(r.end_min - r.start_min <= 120.0 + 1e-6, "{}", plan.strategy);
        }
        assert_eq!(plan.unassigned.len(), 1, "{}", plan.strategy);
    }
    // A village four hours' ride away cannot be reached within a two-hour day.
    let scenario = Scenario::builder("far")
        .site(Site::new("K1", SiteKind::Kitchen, at(101.72, 26.58)))
        .site(Site::new("VL1", SiteKind::Village, at(101.30, 26.30)))
        .courier(
            CourierSpec::new("R1", "K1", 15.0)
                .capacity("meal_box", 10)
                .max_work(120.0),
        )
        .order(OrderSpec::new("O1", "VL1", "meal_box", 2))
        .build()
        .expect("valid");
    for plan in plans_of_every_strategy(&scenario) {
        assert_eq!(plan.unassigned.len(), 1, "{}", plan.strategy);
        assert_eq!(
            plan.unassigned[0].reason,
            UnassignedReason::WorkingTime,
            "{}",
            plan.strategy
        );
        assert!(plan.unassigned[0]
            .reason
            .to_string()
            .starts_with("working time"));
    }
}

#[test]
fn bad_breaks_and_limits_are_errors_at_their_line_and_column() {
    for (breaks, max_work, column, needle) in [
        ("12:00-14:00", "", "breaks", "is not a break"),
        ("14:00-12:00/30", "", "breaks", "does not fit"),
        ("12:00-12:20/30", "", "breaks", "does not fit"),
        ("12:00-14:00/30 13:00-15:00/15", "", "breaks", "overlap"),
        ("", "0", "max_work_min", "out of range"),
        ("", "long", "max_work_min", "not a number"),
    ] {
        let dir = folder(SITES, ORDERS, &fleet(breaks, max_work));
        let errors = match load_scenario(dir.path()) {
            Ok(_) => panic!("{breaks:?} {max_work:?} should be rejected"),
            Err(e) => e.errors,
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(e.file, "fleet.csv");
        assert_eq!(e.line, Some(2));
        assert_eq!(e.column.as_deref(), Some(column));
        assert!(e.message.contains(needle), "{}", e.message);
    }
}

#[test]
fn the_builder_applies_the_same_break_rules() {
    let built = Scenario::builder("rest")
        .site(Site::new("K1", SiteKind::Kitchen, at(101.72, 26.58)))
        .site(Site::new("CP1", SiteKind::Checkpoint, at(101.70, 26.60)))
        .courier(
            CourierSpec::new("R1", "K1", 15.0)
                .capacity("meal_box", 10)
                .rest(720.0, 730.0, 30.0),
        )
        .order(OrderSpec::new("O1", "CP1", "meal_box", 2))
        .build();
    let errors = built.expect_err("a break longer than its span").errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].column.as_deref(), Some("breaks"));
    assert!(errors[0].message.contains("does not fit"), "{errors:?}");
}
