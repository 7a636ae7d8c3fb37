//! Priorities, optional orders (priority 0) and the `balanced` objective (issue 11, items 6
//! and 7), with every strategy of the registry; each plan goes through the independent
//! checker (`run_checked`).

use reliefroute::{
    comparison_table, run_checked, strategy_by_name, strategy_names, summary_table, Budget,
    CheckedRun, Coord, CourierSpec, Objective, OrderSpec, Rounding, Scenario, ScenarioBuilder,
    Site, SiteKind, SolverSettings, TravelMatrix, TravelModel, UnassignedReason,
};

/// Small scenarios: a tiny search budget is plenty (work-limited, so reproducible).
const BUDGET: Budget = Budget::new(0.05, 1, 1);

fn at(x: f64, y: f64) -> Coord<f64> {
    Coord { x, y }
}

/// A kitchen `K` at the origin and stops `S0`, `S1`, ... at `stops`, with couriers and
/// orders added by the caller; planar travel in km.
fn builder(stops: &[(f64, f64)], objective: Objective) -> ScenarioBuilder {
    let mut b = ScenarioBuilder::new("priorities")
        .site(Site::new("K", SiteKind::Kitchen, at(0.0, 0.0)).with_service(5.0))
        .travel(TravelModel::Planar(Rounding::Exact))
        .solver(SolverSettings {
            objective,
            ..Default::default()
        });
    for (i, &(x, y)) in stops.iter().enumerate() {
        b = b.site(Site::new(format!("S{i}"), SiteKind::Checkpoint, at(x, y)).with_service(2.0));
    }
    b
}

fn courier(id: &str, meals: u32, trips: u32) -> CourierSpec {
    CourierSpec::new(id, "K", 30.0)
        .capacity("meal", meals)
        .shift(480.0, 1080.0)
        .max_trips(trips)
}

fn order(id: &str, stop: usize, priority: u32) -> OrderSpec {
    OrderSpec::new(id, format!("S{stop}"), "meal", 2).priority(priority)
}

/// Every strategy's checked plan of `scenario`.
fn runs(scenario: &Scenario) -> Vec<CheckedRun> {
    let matrix = TravelMatrix::straight_line(scenario);
    strategy_names()
        .into_iter()
        .map(|name| {
            let strategy = strategy_by_name(name).expect("a registered strategy");
            let run = run_checked(scenario, &matrix, strategy.as_ref(), &BUDGET);
            assert!(
                run.feasible(),
                "{name}: the checker rejects the plan: {:?}",
                run.violations
            );
            assert_eq!(
                run.summary.served + run.summary.unassigned,
                scenario.orders.len(),
                "{name}"
            );
            run
        })
        .collect()
}

/// The ids of the orders `run` serves, sorted.
fn served(scenario: &Scenario, run: &CheckedRun) -> Vec<String> {
    let mut ids: Vec<String> = (run.plan.routes.iter())
        .flat_map(|r| &r.trips)
        .flat_map(|t| &t.stops)
        .flat_map(|s| &s.orders)
        .map(|&o| scenario.orders[o].id.clone())
        .collect();
    ids.sort();
    ids
}

/// Three couriers with room for one order each: the three orders of priority 2 (far) must
/// be served by every strategy, before those of priority 1 (nearer) and the optional ones
/// (nearest of all), and nothing is left out while an order of lower priority rides.
#[test]
fn every_strategy_drops_the_lowest_priority_first_when_the_fleet_is_short() {
    let stops = [
        (12.0, 0.0),
        (0.0, 12.0),
        (-12.0, 0.0),
        (3.0, 1.0),
        (1.0, 3.0),
        (1.0, 0.5),
        (0.5, 1.0),
    ];
    for objective in [
        Objective::CouriersFirst,
        Objective::Distance,
        Objective::Balanced,
    ] {
        let scenario = builder(&stops, objective)
            .courier(courier("C1", 2, 1))
            .courier(courier("C2", 2, 1))
            .courier(courier("C3", 2, 1))
            .order(order("H1", 0, 2))
            .order(order("H2", 1, 2))
            .order(order("H3", 2, 2))
            .order(order("L1", 3, 1))
            .order(order("L2", 4, 1))
            .order(order("P1", 5, 0))
            .order(order("P2", 6, 0))
            .build()
            .expect("valid");
        for run in runs(&scenario) {
            let name = &run.plan.strategy;
            assert_eq!(
                served(&scenario, &run),
                ["H1", "H2", "H3"],
                "{name} under {objective:?}"
            );
            for entry in &run.plan.unassigned {
                assert_eq!(
                    entry.reason,
                    UnassignedReason::FleetExhausted,
                    "{name}: {}",
                    scenario.orders[entry.order].id
                );
            }
            assert_eq!((run.weighted.served, run.weighted.total), (6, 8), "{name}");
        }
    }
}

/// One courier with room for five of seven orders on its only trip: the four required
/// orders go, optional ones only in the room that is left.
#[test]
fn optional_orders_give_way_to_required_ones_in_every_strategy() {
    let stops = [
        (6.0, 0.0),
        (6.0, 1.0),
        (7.0, 0.0),
        (7.0, 1.0),
        (1.0, 0.0),
        (0.0, 1.0),
        (1.0, 1.0),
    ];
    let scenario = builder(&stops, Objective::CouriersFirst)
        .courier(courier("C1", 10, 1))
        .order(order("R1", 0, 1))
        .order(order("R2", 1, 1))
        .order(order("R3", 2, 1))
        .order(order("R4", 3, 1))
        .order(order("P1", 4, 0))
        .order(order("P2", 5, 0))
        .order(order("P3", 6, 0))
        .build()
        .expect("valid");
    for run in runs(&scenario) {
        let name = &run.plan.strategy;
        let ids = served(&scenario, &run);
        for required in ["R1", "R2", "R3", "R4"] {
            // `single` makes one trip of the courier's one: it serves one required order.
            if name != "single" {
                assert!(ids.contains(&required.to_string()), "{name}: {ids:?}");
            }
        }
        assert!(
            ids.iter().all(|id| id.starts_with('R')) || ids.len() == 5,
            "{name}: {ids:?}"
        );
        assert_eq!(run.weighted.total, 4, "{name}");
    }
}

/// The optional order `FAR` of `run`, left out with the reason that it is not worth it.
#[track_caller]
fn assert_far_not_worth_it(scenario: &Scenario, run: &CheckedRun) {
    let far = (run.plan.unassigned.iter())
        .find(|u| scenario.orders[u.order].id == "FAR")
        .expect("FAR is left out");
    assert_eq!(
        far.reason,
        UnassignedReason::OptionalNotWorthIt,
        "{}",
        run.plan.strategy
    );
    assert!(far
        .reason
        .to_string()
        .starts_with("optional, not worth serving"));
}

/// An optional order beside a required one rides along for free with every batching
/// strategy; a distant optional order is served by none, with a reason that says so.
#[test]
fn an_optional_order_is_served_when_free_and_explained_when_not() {
    let stops = [(10.0, 0.0), (10.2, 0.0), (0.0, -30.0)];
    for objective in [Objective::CouriersFirst, Objective::Distance] {
        let scenario = builder(&stops, objective)
            .courier(courier("C1", 10, 3))
            .order(order("R", 0, 1))
            .order(order("NEAR", 1, 0))
            .order(order("FAR", 2, 0))
            .build()
            .expect("valid");
        for run in runs(&scenario) {
            let name = run.plan.strategy.as_str();
            let ids = served(&scenario, &run);
            if name == "single" {
                // One order per trip: the optional ones would each cost a trip of their own.
                assert_eq!(ids, ["R"], "{name} under {objective:?}");
            } else {
                assert_eq!(ids, ["NEAR", "R"], "{name} under {objective:?}");
            }
            assert_far_not_worth_it(&scenario, &run);
        }
    }
}

/// Under `balanced` an optional order is free where it does not lengthen the longest day:
/// beside `R` on the courier whose day is shorter than the one serving the distant `LONG`.
#[test]
fn under_balanced_an_optional_order_rides_within_the_longest_day() {
    let stops = [(10.0, 0.0), (10.2, 0.0), (0.0, -30.0), (-25.0, 0.0)];
    let scenario = builder(&stops, Objective::Balanced)
        .courier(courier("C1", 10, 3))
        .courier(courier("C2", 10, 3))
        .order(order("R", 0, 1))
        .order(order("NEAR", 1, 0))
        .order(order("FAR", 2, 0))
        .order(order("LONG", 3, 1))
        .build()
        .expect("valid");
    for run in runs(&scenario) {
        let name = run.plan.strategy.as_str();
        if matches!(name, "nearest" | "regret" | "search") {
            assert_eq!(served(&scenario, &run), ["LONG", "NEAR", "R"], "{name}");
            assert_eq!(run.summary.couriers_used, 2, "{name}");
        }
        assert_far_not_worth_it(&scenario, &run);
    }
}

/// Four stops in four directions and two couriers: `couriers-first` and `distance` send one
/// courier round all four, `balanced` shares them out and ends the longest day sooner.
#[test]
fn balanced_shortens_the_longest_working_day() {
    let stops = [(10.0, 0.0), (0.0, 10.0), (-10.0, 0.0), (0.0, -10.0)];
    let longest = |objective: Objective, strategy: &str| {
        let scenario = builder(&stops, objective)
            .courier(courier("C1", 20, 3))
            .courier(courier("C2", 20, 3))
            .order(order("A", 0, 1))
            .order(order("B", 1, 1))
            .order(order("C", 2, 1))
            .order(order("D", 3, 1))
            .build()
            .expect("valid");
        let matrix = TravelMatrix::straight_line(&scenario);
        let run = run_checked(
            &scenario,
            &matrix,
            strategy_by_name(strategy).expect("registered").as_ref(),
            &BUDGET,
        );
        assert!(run.feasible(), "{strategy}: {:?}", run.violations);
        assert_eq!(run.summary.served, 4, "{strategy} under {objective:?}");
        let table = summary_table(&scenario, &run.plan);
        assert!(table.contains("working day"), "{table}");
        assert!(table.contains("orders/courier"), "{table}");
        (
            run.summary.working_day_range_min.expect("someone works").1,
            run.summary.couriers_used,
            run.summary.distance_km,
        )
    };
    for strategy in ["nearest", "regret", "search"] {
        let (fair, couriers, km) = longest(Objective::Balanced, strategy);
        assert_eq!(couriers, 2, "{strategy}");
        for other in [Objective::CouriersFirst, Objective::Distance] {
            let (day, used, distance) = longest(other, strategy);
            assert!(
                fair + 10.0 < day,
                "{strategy}: balanced {fair} min, {other:?} {day} min"
            );
            // The shorter day costs distance: two trips out instead of one round.
            assert!(used == 1 && km > distance, "{strategy} under {other:?}");
        }
    }
}

/// The summary and the comparison show the priority-weighted service and the spread of
/// work among couriers.
#[test]
fn summaries_show_weighted_service_and_the_spread_of_work() {
    let stops = [(5.0, 0.0), (0.0, 5.0), (-5.0, 0.0)];
    let scenario = builder(&stops, Objective::Balanced)
        .courier(courier("C1", 20, 3))
        .courier(courier("C2", 20, 3))
        .order(order("A", 0, 3))
        .order(order("B", 1, 1))
        .order(order("C", 2, 1))
        .order(order("D", 2, 0))
        .build()
        .expect("valid");
    let runs = runs(&scenario);
    let search = runs
        .iter()
        .find(|r| r.plan.strategy == "search")
        .expect("search ran");
    let table = summary_table(&scenario, &search.plan);
    assert!(
        table.contains("orders served   4 / 4, weighted 5 / 5"),
        "{table}"
    );
    let (fewest, most) = search.summary.orders_per_courier.expect("couriers work");
    assert!(
        table.contains(&format!(
            "orders/courier  {fewest} to {most} (spread {})",
            most - fewest
        )),
        "{table}"
    );
    let (short, long) = search.summary.working_day_range_min.expect("couriers work");
    assert!(short <= long);
    assert!(table.contains("working day     "), "{table}");
    let compare = comparison_table(&runs);
    assert!(
        compare.lines().next().unwrap_or("").contains("weighted"),
        "{compare}"
    );
    assert!(compare.contains("5/5"), "{compare}");
}
