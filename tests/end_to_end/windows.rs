//! Alternative windows (issue 11, item 4): an order may list several windows in `windows`
//! (`11:30-12:30 13:30-14:00`); the plan serves it in one of them. Read from `orders.csv`
//! and the builder with errors naming file, line and field, honoured by every strategy,
//! verified by the independent checker, and explained when no window can be met.

use crate::constraints::plans_of_every_strategy;
use crate::folder;

use reliefroute::{
    check_plan, load_scenario, plan, replan, strategy_by_name, Budget, Coord, CourierSpec,
    InputError, OrderSpec, Plan, PlanState, ReplanOptions, Scenario, Site, SiteKind, TimeWindow,
    TravelMatrix, UnassignedReason, ViolationKind,
};

/// The kitchen and a checkpoint about 15 minutes' ride away (plus 5 minutes of loading).
const SITES: &str = "id,kind,lat,lon,service_min\n\
    K1,kitchen,26.580,101.720,5\n\
    CP1,checkpoint,26.600,101.700,2\n\
    CP2,checkpoint,26.560,101.745,2\n";
const FLEET: &str = "id,kind,base,capacity,shift_start,shift_end,speed_kmh,max_trips\n\
    R1,rider,K1,meal_box:20,09:00,20:00,15,4\n";

/// Ready at 11:00: a window closing at 11:05 or 11:15 cannot be met (leaving at 11:05, the
/// rider is there at about 11:20).
fn orders(o1: &str, o2: &str) -> String {
    format!(
        "id,site,item,quantity,earliest,latest,windows,ready\n\
         O1,CP1,meal_box,4,,,{o1},11:00\n\
         O2,CP2,meal_box,4,,,{o2},11:00\n"
    )
}

fn load(o1: &str, o2: &str) -> Scenario {
    let dir = folder(SITES, &orders(o1, o2), FLEET);
    load_scenario(dir.path()).expect("loads")
}

/// When the plan hands order `o` over, if it does.
fn handover(plan: &Plan, o: usize) -> Option<f64> {
    plan.routes
        .iter()
        .flat_map(|r| &r.trips)
        .flat_map(|t| &t.stops)
        .find(|s| s.orders.contains(&o))
        .map(|s| s.start_min)
}

fn reason(plan: &Plan, o: usize) -> Option<&UnassignedReason> {
    plan.unassigned
        .iter()
        .find(|u| u.order == o)
        .map(|u| &u.reason)
}

#[test]
fn windows_are_read_with_their_span() {
    let s = load("11:00-11:05 13:30-14:00", "11:30-12:00");
    assert_eq!(
        s.orders[0].windows,
        [TimeWindow::new(660.0, 665.0), TimeWindow::new(810.0, 840.0)]
    );
    assert_eq!(s.orders[0].window, TimeWindow::new(660.0, 840.0));
    assert_eq!(s.orders[0].allowed_windows().len(), 2);
    assert_eq!(
        s.orders[1].allowed_windows(),
        [TimeWindow::new(690.0, 720.0)]
    );
}

#[test]
fn an_order_that_misses_its_first_window_is_served_in_its_second() {
    // Only the first window: it cannot be met, and the reason says so.
    let one = load("11:00-11:05", "11:30-12:00");
    for plan in plans_of_every_strategy(&one) {
        assert_eq!(
            reason(&plan, 0),
            Some(&UnassignedReason::WindowUnreachable),
            "{}",
            plan.strategy
        );
    }
    // With a late box after 13:30 it is served then; O2 in its first window, which it can
    // make.
    let two = load("11:00-11:05 13:30-14:00", "11:30-12:00 13:30-14:00");
    for plan in plans_of_every_strategy(&two) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let late = handover(&plan, 0).expect("O1 served");
        assert!((810.0..=840.0).contains(&late), "{}: {late}", plan.strategy);
        let lunch = handover(&plan, 1).expect("O2 served");
        assert!(
            (690.0..=720.0).contains(&lunch),
            "{}: {lunch}",
            plan.strategy
        );
    }
}

#[test]
fn an_order_crowded_out_of_its_first_window_is_served_in_its_second() {
    // Each load is the rider's whole capacity and a round trip takes over half an hour: one
    // rider cannot hand both over between 11:30 and 11:45.
    let fleet = FLEET.replace("meal_box:20", "meal_box:4");
    let load = |o1: &str, o2: &str| {
        let dir = folder(SITES, &orders(o1, o2), &fleet);
        load_scenario(dir.path()).expect("loads")
    };
    let one = load("11:30-11:45", "11:30-11:45");
    for plan in plans_of_every_strategy(&one) {
        assert_eq!(plan.unassigned.len(), 1, "{}", plan.strategy);
        assert_eq!(
            plan.unassigned[0].reason,
            UnassignedReason::FleetExhausted,
            "{}",
            plan.strategy
        );
    }
    let two = load("11:30-11:45 13:30-14:00", "11:30-11:45 13:30-14:00");
    for plan in plans_of_every_strategy(&two) {
        assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
        let mut times = [handover(&plan, 0), handover(&plan, 1)].map(|t| t.expect("served"));
        times.sort_by(f64::total_cmp);
        assert!(
            (690.0..=705.0).contains(&times[0]),
            "{}: {times:?}",
            plan.strategy
        );
        assert!(
            (810.0..=840.0).contains(&times[1]),
            "{}: {times:?}",
            plan.strategy
        );
    }
}

#[test]
fn an_order_none_of_whose_windows_can_be_met_gets_the_window_reason() {
    let s = load("11:00-11:05 11:10-11:15", "11:30-12:00");
    for plan in plans_of_every_strategy(&s) {
        assert_eq!(
            reason(&plan, 0),
            Some(&UnassignedReason::WindowUnreachable),
            "{}",
            plan.strategy
        );
        assert!(handover(&plan, 1).is_some(), "{}", plan.strategy);
    }
}

#[test]
fn the_checker_accepts_any_window_and_names_them_all_when_none_holds() {
    let s = load("11:00-11:05 13:30-14:00", "11:30-12:00");
    let matrix = TravelMatrix::straight_line(&s);
    let good = plans_of_every_strategy(&s)
        .into_iter()
        .find(|p| p.strategy == "search")
        .expect("search is a strategy");
    check_plan(&s, &matrix, &good).expect("served in its second window");
    // The same plan for a scenario where O1 has only its first window breaks it.
    let mut first_only = s.clone();
    first_only.orders[0].windows.clear();
    first_only.orders[0].window = TimeWindow::new(660.0, 665.0);
    let violations = check_plan(&first_only, &matrix, &good).expect_err("out of its window");
    assert!(violations
        .iter()
        .any(|v| v.kind == ViolationKind::OrderWindow && v.message.contains("window closes")));
    // Handed over between the two windows: in neither.
    let mut between = good.clone();
    let stop = between
        .routes
        .iter_mut()
        .flat_map(|r| &mut r.trips)
        .flat_map(|t| &mut t.stops)
        .find(|st| st.orders.contains(&0))
        .expect("O1 served");
    stop.start_min = 12.0 * 60.0;
    let violations = check_plan(&s, &matrix, &between).expect_err("between its windows");
    let window = violations
        .iter()
        .find(|v| v.kind == ViolationKind::OrderWindow)
        .expect("a window violation");
    assert!(
        window
            .message
            .contains("none of order O1's windows 11:00-11:05 13:30-14:00"),
        "{window}"
    );
}

fn errors_of(o1: &str, earliest: &str) -> Vec<InputError> {
    let orders = format!(
        "id,site,item,quantity,earliest,latest,windows\n\
         O1,CP1,meal_box,4,{earliest},,{o1}\n"
    );
    let dir = folder(SITES, &orders, FLEET);
    match load_scenario(dir.path()) {
        Ok(_) => panic!("{o1} with earliest '{earliest}' should be rejected"),
        Err(e) => e.errors,
    }
}

#[test]
fn bad_windows_are_errors_at_their_line_and_column() {
    for (windows, earliest, column, says) in [
        ("11:30-12:30 12:00-13:00", "", "windows", "overlap"),
        ("13:30-14:00 11:30-12:30", "", "windows", "out of order"),
        (
            "12:30-11:30",
            "",
            "windows",
            "does not open before it closes",
        ),
        ("noon-13:00", "", "windows", "'noon-13:00' is not a window"),
        (
            "08:00-08:30 09:00-09:30 10:00-10:30 11:00-11:30 12:00-12:30",
            "",
            "windows",
            "at most 4",
        ),
        (
            "11:30-12:30 13:30-14:00",
            "11:00",
            "earliest",
            "along with 'windows'",
        ),
    ] {
        let errors = errors_of(windows, earliest);
        assert_eq!(errors.len(), 1, "{windows}: {errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.file.as_str(), e.line, e.column.as_deref()),
            ("orders.csv", Some(2), Some(column)),
            "{windows}"
        );
        assert!(e.message.contains(says), "{windows}: {e}");
    }
}

#[test]
fn the_builder_applies_the_same_rules() {
    let base = || {
        Scenario::builder("windows")
            .site(Site::new(
                "K1",
                SiteKind::Kitchen,
                Coord {
                    x: 101.72,
                    y: 26.58,
                },
            ))
            .site(Site::new(
                "CP1",
                SiteKind::Checkpoint,
                Coord { x: 101.7, y: 26.6 },
            ))
            .courier(CourierSpec::new("R1", "K1", 15.0).capacity("meal_box", 10))
    };
    let built = base()
        .order(
            OrderSpec::new("O1", "CP1", "meal_box", 2)
                .or_window(690.0, 750.0)
                .or_window(810.0, 840.0),
        )
        .build()
        .expect("valid");
    assert_eq!(built.orders[0].window, TimeWindow::new(690.0, 840.0));
    assert_eq!(built.orders[0].windows.len(), 2);
    for (spec, column, says) in [
        (
            OrderSpec::new("O1", "CP1", "meal_box", 2)
                .or_window(690.0, 750.0)
                .or_window(720.0, 840.0),
            "windows",
            "overlap",
        ),
        (
            OrderSpec::new("O1", "CP1", "meal_box", 2)
                .window(600.0, 660.0)
                .or_window(690.0, 750.0),
            "earliest",
            "along with 'windows'",
        ),
    ] {
        let errors = match base().order(spec).build() {
            Ok(_) => panic!("{column} should be rejected"),
            Err(e) => e.errors,
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.file.as_str(), e.line, e.column.as_deref()),
            ("orders", Some(1), Some(column))
        );
        assert!(e.message.contains(says), "{e}");
    }
}

#[test]
fn a_replan_keeps_the_window_an_order_on_board_was_planned_in() {
    let s = load("11:00-11:05 13:30-14:00", "11:30-12:00");
    let matrix = TravelMatrix::straight_line(&s);
    let regret = strategy_by_name("regret").expect("regret");
    let planned = plan(&s, &matrix, regret.as_ref(), &Budget::new(0.05, 1, 1));
    let trip = planned
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .find(|t| t.stops.iter().any(|st| st.orders.contains(&0)))
        .expect("O1 served");
    let at = trip.depart_min + 1.0;
    let state = PlanState::new(&s, &planned, at, &[]);
    let under_way = state.couriers[0]
        .under_way
        .as_ref()
        .expect("a trip under way");
    assert!(under_way.on_board.iter().any(|o| o == "O1"), "{state:?}");
    assert_eq!(under_way.on_board.len(), under_way.planned_min.len());
    let replanned = replan(
        &s,
        &matrix,
        &state,
        regret.as_ref(),
        &Budget::new(0.05, 1, 1),
        &ReplanOptions::default(),
    )
    .expect("a re-plan");
    assert_eq!(replanned.violations, Vec::new());
    let o1 = replanned
        .scenario
        .orders
        .iter()
        .position(|o| o.id == "O1")
        .expect("O1 still to hand over");
    let late = handover(&replanned.plan, o1).expect("O1 still served");
    assert!((810.0..=840.0).contains(&late), "{late}");
}
