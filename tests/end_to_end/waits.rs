//! The waiting limit at a door (`max_wait_min`, issue 11): read from `sites.csv` and
//! `scenario.toml` with errors located, checked by the builder, kept by every strategy (the
//! trip leaves its kitchen later instead of waiting at a door), and what it changes.

use reliefroute::{
    check_plan, load_scenario, plan, strategies, Budget, Coord, CourierSpec, InputError, OrderSpec,
    Plan, Rounding, Scenario, ScenarioBuilder, Site, SiteKind, TravelMatrix, TravelModel,
    UnassignedReason,
};

use crate::folder;

/// A planar line at 60 km/h (minutes equal distance): kitchen K at 0, A at 10 and B at 20.
/// O1 at A must be handed over by 0:30, O2 at B not before 1:40. One courier, `trips` trips.
/// Carried on one trip (K A B K, 40 km), the courier reaches B by 0:40 at the latest and
/// waits an hour at its door; on two trips (K A K, K B K) it goes 60 km and never waits.
fn line(trips: u32, b: Site) -> ScenarioBuilder {
    let at = |x: f64| Coord { x, y: 0.0 };
    Scenario::builder("waits")
        .travel(TravelModel::Planar(Rounding::Exact))
        .site(Site::new("K", SiteKind::Kitchen, at(0.0)))
        .site(Site::new("A", SiteKind::Checkpoint, at(10.0)))
        .site(b)
        .courier(
            CourierSpec::new("C1", "K", 60.0)
                .capacity("meal_box", 10)
                .shift(0.0, 600.0)
                .max_trips(trips),
        )
        .order(OrderSpec::new("O1", "A", "meal_box", 1).window(0.0, 30.0))
        .order(OrderSpec::new("O2", "B", "meal_box", 1).window(100.0, 200.0))
}

fn site_b() -> Site {
    Site::new("B", SiteKind::Household, Coord { x: 20.0, y: 0.0 })
}

/// Every strategy's plan of `scenario`, checked.
fn plans(scenario: &Scenario) -> Vec<Plan> {
    let matrix = TravelMatrix::straight_line(scenario);
    strategies::all()
        .iter()
        .map(|strategy| {
            let plan = plan(
                scenario,
                &matrix,
                strategy.as_ref(),
                &Budget::new(0.05, 1, 1),
            );
            if let Err(v) = check_plan(scenario, &matrix, &plan) {
                panic!("{}: {v:?}", strategy.name());
            }
            plan
        })
        .collect()
}

fn trips(plan: &Plan) -> usize {
    plan.routes.iter().map(|r| r.trips.len()).sum()
}

fn distance(plan: &Plan) -> f64 {
    plan.routes
        .iter()
        .flat_map(|r| &r.trips)
        .map(|t| t.distance_km)
        .sum()
}

#[test]
fn a_waiting_limit_splits_a_trip_that_would_wait_at_a_door() {
    // No limit: the search carries both on one trip and waits an hour at B.
    let free = plans(&line(2, site_b()).build().expect("builds"));
    let search = free
        .iter()
        .find(|p| p.strategy == "search")
        .expect("search");
    assert_eq!((trips(search), distance(search)), (1, 40.0));
    let stop = &search.routes[0].trips[0].stops[1];
    assert!(stop.start_min - stop.arrive_min >= 60.0, "{stop:?}");

    // At most 30 min at B's door: two trips for every strategy, no wait over 30 min (the
    // checker verifies it), everything served.
    for limited in [
        line(2, site_b().with_max_wait(30.0)),
        // The scenario's default, for every site without its own.
        line(2, site_b()).max_wait_min(30.0),
    ] {
        let scenario = limited.build().expect("builds");
        assert_eq!(scenario.sites[2].max_wait_min, Some(30.0));
        for plan in plans(&scenario) {
            assert!(plan.unassigned.is_empty(), "{}", plan.strategy);
            assert_eq!(
                (trips(&plan), distance(&plan)),
                (2, 60.0),
                "{}",
                plan.strategy
            );
        }
    }

    // A site's own limit wins over the default: B allows the hour, so one trip again.
    let scenario = line(2, site_b().with_max_wait(90.0))
        .max_wait_min(30.0)
        .build()
        .expect("builds");
    assert_eq!(scenario.sites[1].max_wait_min, Some(30.0));
    let search = plans(&scenario)
        .into_iter()
        .find(|p| p.strategy == "search");
    assert_eq!(search.map(|p| trips(&p)), Some(1));
}

#[test]
fn an_order_kept_off_a_shared_trip_by_a_waiting_limit_is_left_to_a_full_fleet() {
    // One trip only: without the limit it carries both; with it, one order stays out. An
    // order alone never needs to wait (its trip leaves later), so the limit alone rules
    // out no order: the fleet had no room for the trip it needs.
    let free = plans(&line(1, site_b()).build().expect("builds"));
    let search = free
        .iter()
        .find(|p| p.strategy == "search")
        .expect("search");
    assert!(search.unassigned.is_empty());
    let scenario = line(1, site_b().with_max_wait(30.0))
        .build()
        .expect("builds");
    for plan in plans(&scenario) {
        assert_eq!(plan.unassigned.len(), 1, "{}", plan.strategy);
        assert_eq!(
            plan.unassigned[0].reason,
            UnassignedReason::FleetExhausted,
            "{}",
            plan.strategy
        );
    }
}

#[test]
fn the_builder_checks_waiting_limits() {
    let e = line(2, site_b().with_max_wait(-5.0)).build().unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    let error = &e.errors[0];
    assert_eq!(
        (error.file.as_str(), error.line, error.column.as_deref()),
        ("sites", Some(3), Some("max_wait_min"))
    );
    assert!(error.message.contains("0 or more"), "{error}");
    let e = line(2, site_b())
        .max_wait_min(f64::NAN)
        .build()
        .unwrap_err();
    assert_eq!(e.errors[0].column.as_deref(), Some("max_wait_min"), "{e}");
    assert!(e.errors[0].message.contains("waiting limit"), "{e}");
}

const SITES: &str = "id,kind,lat,lon,max_wait_min\n\
    K1,kitchen,26.58,101.72,\n\
    CP1,checkpoint,26.60,101.70,20\n\
    V1,village,26.62,101.75,\n";
const FLEET: &str = "id,base,capacity,speed_kmh\nR1,K1,meal_box:20,15\n";
const ORDERS: &str = "id,site,item,quantity\nO1,CP1,meal_box,2\nO2,V1,meal_box,2\n";

fn errors_of(dir: &std::path::Path) -> Vec<InputError> {
    match load_scenario(dir) {
        Ok(_) => panic!("the folder should be rejected"),
        Err(e) => e.errors,
    }
}

#[test]
fn waiting_limits_are_read_with_the_scenario_default() {
    let dir = folder(SITES, ORDERS, FLEET);
    let s = load_scenario(dir.path()).expect("loads");
    let limits: Vec<Option<f64>> = s.sites.iter().map(|x| x.max_wait_min).collect();
    assert_eq!(limits, [None, Some(20.0), None]);
    std::fs::write(
        dir.path().join("scenario.toml"),
        "[sites]\nmax_wait_min = 45\n",
    )
    .expect("written");
    let s = load_scenario(dir.path()).expect("loads");
    let limits: Vec<Option<f64>> = s.sites.iter().map(|x| x.max_wait_min).collect();
    assert_eq!(limits, [Some(45.0), Some(20.0), Some(45.0)]);
}

#[test]
fn a_bad_waiting_limit_is_an_error_at_its_line() {
    for (cell, says) in [("-5", "out of range"), ("soon", "not a number")] {
        let sites = SITES.replace(
            "CP1,checkpoint,26.60,101.70,20",
            &format!("CP1,checkpoint,26.60,101.70,{cell}"),
        );
        let dir = folder(&sites, ORDERS, FLEET);
        let errors = errors_of(dir.path());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(
            (
                e.file.as_str(),
                e.line,
                e.column.as_deref(),
                e.value.as_deref()
            ),
            ("sites.csv", Some(3), Some("max_wait_min"), Some(cell))
        );
        assert!(e.message.contains(says), "{e}");
        assert!(e.message.contains("a waiting limit in minutes"), "{e}");
    }
    let dir = folder(SITES, ORDERS, FLEET);
    std::fs::write(
        dir.path().join("scenario.toml"),
        "name = \"x\"\n[sites]\nmax_wait_min = -1\n",
    )
    .expect("written");
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_deref()),
        ("scenario.toml", Some(3), Some("sites.max_wait_min"))
    );
    assert!(e.message.contains("out of range"), "{e}");
}
