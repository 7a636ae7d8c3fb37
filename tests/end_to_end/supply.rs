//! Kitchen output over time (`supply.csv`, issue 11 item 1): a trip loads only what its
//! kitchen has made by the time it leaves, across all couriers; orders the output cannot
//! cover are unassigned with the reason "kitchen output exhausted".

use reliefroute::{
    check_plan, load_scenario, plan, Budget, Coord, CourierSpec, OrderSpec, Plan, Rounding,
    Scenario, Site, SiteKind, SupplySpec, TravelMatrix, TravelModel, UnassignedReason,
    ViolationKind,
};

/// Kitchen K1 at the origin (5 min loading) cooks 150 meal boxes an hour from 11:00 to
/// 13:00. Two checkpoints 10 min away each want 100 boxes between 11:00 and `latest`, ready
/// at 11:00; two cars carry 150 boxes each (planar, 60 km/h: minutes are distances).
/// `O1` has priority 2, `O2` priority 1.
fn lunch(latest: f64) -> Scenario {
    Scenario::builder("lunch")
        .travel(TravelModel::Planar(Rounding::Exact))
        .site(Site::new("K1", SiteKind::Kitchen, Coord { x: 0.0, y: 0.0 }).with_service(5.0))
        .site(Site::new(
            "CP1",
            SiteKind::Checkpoint,
            Coord { x: 10.0, y: 0.0 },
        ))
        .site(Site::new(
            "CP2",
            SiteKind::Checkpoint,
            Coord { x: 0.0, y: 10.0 },
        ))
        .order(
            OrderSpec::new("O1", "CP1", "meal_box", 100)
                .window(660.0, latest)
                .ready(660.0)
                .priority(2),
        )
        .order(
            OrderSpec::new("O2", "CP2", "meal_box", 100)
                .window(660.0, latest)
                .ready(660.0),
        )
        .courier(CourierSpec::new("C1", "K1", 60.0).capacity("meal_box", 150))
        .courier(CourierSpec::new("C2", "K1", 60.0).capacity("meal_box", 150))
        .supply(SupplySpec::new("K1", "meal_box", 660.0, 780.0, 300))
        .build()
        .expect("valid")
}

fn departures(plan: &Plan) -> Vec<f64> {
    let mut departs: Vec<f64> = (plan.routes.iter())
        .flat_map(|r| &r.trips)
        .map(|t| t.depart_min)
        .collect();
    departs.sort_by(f64::total_cmp);
    departs
}

/// With a long window the second trip waits at the kitchen until its 100 boxes are made
/// (200 by 12:20); every strategy serves both orders.
#[test]
fn a_trip_waits_for_the_kitchen_output() {
    let scenario = lunch(780.0);
    let matrix = TravelMatrix::straight_line(&scenario);
    for strategy in reliefroute::strategies::all() {
        let name = strategy.name();
        let plan = plan(
            &scenario,
            &matrix,
            strategy.as_ref(),
            &Budget::new(0.05, 1, 1),
        );
        check_plan(&scenario, &matrix, &plan).unwrap_or_else(|v| panic!("{name}: {v:?}"));
        assert!(plan.unassigned.is_empty(), "{name}: {:?}", plan.unassigned);
        let departs = departures(&plan);
        assert_eq!(departs.len(), 2, "{name}");
        // 100 boxes are made by 11:40, 200 by 12:20.
        assert!(departs[0] >= 700.0 - 1e-6, "{name}: {departs:?}");
        assert!(departs[1] >= 740.0 - 1e-6, "{name}: {departs:?}");
    }
    // Without the supply both trips leave as soon as the orders are ready.
    let mut unlimited = scenario.clone();
    unlimited.supply.clear();
    let fast = plan(
        &unlimited,
        &matrix,
        reliefroute::strategy_by_name("nearest")
            .expect("nearest")
            .as_ref(),
        &Budget::new(0.05, 1, 1),
    );
    assert!(departures(&fast)[1] < 700.0, "{:?}", departures(&fast));
}

/// With the window closing at 12:00 only one trip's boxes are made in time: the lower
/// priority order is left out with the reason, by every strategy.
#[test]
fn orders_the_output_cannot_cover_are_unassigned_with_the_reason() {
    let scenario = lunch(720.0);
    let matrix = TravelMatrix::straight_line(&scenario);
    for strategy in reliefroute::strategies::all() {
        let name = strategy.name();
        let plan = plan(
            &scenario,
            &matrix,
            strategy.as_ref(),
            &Budget::new(0.05, 1, 1),
        );
        check_plan(&scenario, &matrix, &plan).unwrap_or_else(|v| panic!("{name}: {v:?}"));
        assert_eq!(plan.unassigned.len(), 1, "{name}: {:?}", plan.unassigned);
        let left = &plan.unassigned[0];
        assert_eq!(scenario.orders[left.order].id, "O2", "{name}");
        assert_eq!(
            left.reason,
            UnassignedReason::KitchenOutputExhausted,
            "{name}"
        );
        assert!(left
            .reason
            .to_string()
            .starts_with("kitchen output exhausted"));
    }
}

/// An order whose units alone are never made in time is diagnosed as such.
#[test]
fn an_order_beyond_the_whole_output_is_explained() {
    let mut scenario = lunch(780.0);
    scenario.supply[0].quantity = 90;
    let matrix = TravelMatrix::straight_line(&scenario);
    let nearest = reliefroute::strategy_by_name("nearest").expect("nearest");
    let plan = plan(
        &scenario,
        &matrix,
        nearest.as_ref(),
        &Budget::new(0.05, 1, 1),
    );
    check_plan(&scenario, &matrix, &plan).expect("feasible");
    assert_eq!(plan.unassigned.len(), 2, "{:?}", plan.unassigned);
    for left in &plan.unassigned {
        assert_eq!(left.reason, UnassignedReason::KitchenOutputExhausted);
    }
}

/// A hand-made plan whose two trips leave at 11:40 with 200 boxes while 100 are made is
/// caught by the checker, on the second trip to leave; the same plan passes without the
/// supply rows.
#[test]
fn the_checker_catches_loading_beyond_the_output() {
    let scenario = lunch(780.0);
    let matrix = TravelMatrix::straight_line(&scenario);
    let mut unlimited = scenario.clone();
    unlimited.supply.clear();
    let nearest = reliefroute::strategy_by_name("nearest").expect("nearest");
    let mut plan = plan(
        &unlimited,
        &matrix,
        nearest.as_ref(),
        &Budget::new(0.05, 1, 1),
    );
    assert_eq!(plan.routes.len(), 2);
    // Both trips leave at 11:40 and arrive at 11:50 (window open): valid timing.
    for route in &mut plan.routes {
        let trip = &mut route.trips[0];
        trip.depart_min = 700.0;
        trip.stops[0].arrive_min = 710.0;
        trip.stops[0].start_min = 710.0;
        trip.stops[0].depart_min = 710.0;
        trip.return_min = 720.0;
        route.end_min = 720.0;
    }
    check_plan(&unlimited, &matrix, &plan).expect("valid without supply");
    let violations = check_plan(&scenario, &matrix, &plan).expect_err("too many boxes");
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].kind, ViolationKind::KitchenOutput);
    assert!(
        violations[0]
            .message
            .contains("take 200 while it has made 100"),
        "{}",
        violations[0]
    );
    // Leaving at 12:20 the second trip finds 200 made.
    let last = &mut plan.routes[1];
    last.trips[0].depart_min = 740.0;
    last.trips[0].stops[0].arrive_min = 750.0;
    last.trips[0].stops[0].start_min = 750.0;
    last.trips[0].stops[0].depart_min = 750.0;
    last.trips[0].return_min = 760.0;
    last.end_min = 760.0;
    check_plan(&scenario, &matrix, &plan).expect("valid once the second trip waits");
}

/// The reader feeds the planner: a folder with `supply.csv` plans with the supply.
#[test]
fn a_folder_with_supply_plans_within_it() {
    let dir = crate::folder(
        "id,kind,lat,lon,service_min\nK1,kitchen,26.58,101.72,5\nCP1,checkpoint,26.60,101.70,0\n",
        "id,site,item,quantity,earliest,latest,ready\nO1,CP1,meal_box,40,11:00,13:00,11:00\n",
        "id,kind,base,capacity,speed_kmh\nR1,rider,K1,meal_box:40,15\n",
    );
    std::fs::write(
        dir.path().join("supply.csv"),
        "kitchen,item,from,to,quantity\nK1,meal_box,11:00,12:00,60\n",
    )
    .expect("written");
    let scenario = load_scenario(dir.path()).expect("loads");
    assert_eq!(scenario.supply.len(), 1);
    let matrix = TravelMatrix::straight_line(&scenario);
    let nearest = reliefroute::strategy_by_name("nearest").expect("nearest");
    let plan = plan(
        &scenario,
        &matrix,
        nearest.as_ref(),
        &Budget::new(0.05, 1, 1),
    );
    check_plan(&scenario, &matrix, &plan).expect("feasible");
    assert!(plan.unassigned.is_empty());
    // 40 of 60 an hour are made at 11:40.
    assert!(plan.routes[0].trips[0].depart_min >= 700.0 - 1e-6);
}

/// The builder checks supply rows with the reader's rules, naming part, entry and field.
#[test]
fn the_builder_rejects_bad_supply_rows() {
    let base = || {
        Scenario::builder("bad")
            .site(Site::new(
                "K1",
                SiteKind::Kitchen,
                Coord { x: 101.7, y: 26.5 },
            ))
            .site(Site::new(
                "CP1",
                SiteKind::Checkpoint,
                Coord { x: 101.8, y: 26.6 },
            ))
            .order(OrderSpec::new("O1", "CP1", "meal_box", 3))
            .courier(CourierSpec::new("R1", "K1", 15.0).capacity("meal_box", 10))
    };
    let error = base()
        .supply(SupplySpec::new("K9", "meal_box", 660.0, 720.0, 10))
        .supply(SupplySpec::new("CP1", "meal_box", 660.0, 720.0, 10))
        .supply(SupplySpec::new("K1", "soup", 660.0, 720.0, 10))
        .supply(SupplySpec::new("K1", "meal_box", 720.0, 660.0, 10))
        .supply(SupplySpec::new("K1", "meal_box", f64::NAN, 660.0, 10))
        .build()
        .expect_err("bad rows");
    let places: Vec<_> = (error.errors.iter())
        .map(|e| (e.file.as_str(), e.line, e.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        [
            ("supply", Some(1), Some("kitchen")),
            ("supply", Some(2), Some("kitchen")),
            ("supply", Some(3), Some("item")),
            ("supply", Some(4), Some("to")),
            ("supply", Some(5), Some("from")),
        ],
        "{error}"
    );
    let built = base()
        .supply(SupplySpec::new("K1", "meal_box", 660.0, 720.0, 10))
        .build()
        .expect("valid");
    assert_eq!(built.supply.len(), 1);
    assert_eq!(built.supply[0].quantity, 10);
}
