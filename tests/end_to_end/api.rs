//! The public API for embedders: the scenario builder validates as the CSV reader does and
//! returns the same error type, a hand-made scenario with short capacities does not panic,
//! errors keep their sources.

use std::error::Error as _;
use std::path::PathBuf;

use reliefroute::{
    check_plan, load_scenario, plan, strategy_by_name, Budget, Coord, CourierSpec, InputError,
    NetworkError, Objective, Order, OrderSpec, Scenario, ScenarioBuilder, ScenarioError, Site,
    SiteKind, SolverSettings, TimeWindow, TravelMatrix, TravelModel, Vehicle,
};

fn at(x: f64, y: f64) -> Coord<f64> {
    Coord { x, y }
}

/// The fixture `valid/minimal`, written with the builder.
fn minimal() -> ScenarioBuilder {
    Scenario::builder("Minimal lunch round")
        .site(
            Site::new("K1", SiteKind::Kitchen, at(101.72, 26.58))
                .with_name("Central kitchen")
                .with_service(10.0)
                .with_hours(540.0, 1200.0),
        )
        .site(
            Site::new("CP1", SiteKind::Checkpoint, at(101.70, 26.60))
                .with_name("North checkpoint")
                .with_service(2.0),
        )
        .site(
            Site::new("H1", SiteKind::Household, at(101.75, 26.55))
                .with_name("Dr. Li")
                .with_service(3.0)
                .with_hours(660.0, 1140.0),
        )
        .site(Site::new("V1", SiteKind::Village, at(101.90, 26.70)).with_hours(0.0, 1110.0))
        .courier(
            CourierSpec::new("R1", "K1", 18.0)
                .kind("rider")
                .capacity("meal_box", 20)
                .capacity("veg_parcel", 4)
                .shift(600.0, 840.0)
                .max_trips(3),
        )
        .courier(
            CourierSpec::new("C1", "K1", 30.0)
                .kind("car")
                .capacity("meal_box", 40)
                .capacity("mask_pack", 0),
        )
        .order(
            OrderSpec::new("O1", "CP1", "meal_box", 12)
                .window(690.0, 750.0)
                .kitchen("K1")
                .ready(660.0)
                .max_ride_min(45.0)
                .priority(2),
        )
        .order(OrderSpec::new("O2", "H1", "veg_parcel", 1))
        .order(OrderSpec::new("O3", "CP1", "meal_box", 3).window(600.0, 720.0))
        .order(OrderSpec::new("O4", "V1", "meal_box", 5).window(0.0, 780.0))
        .travel(TravelModel::GreatCircle { detour_factor: 1.4 })
        .solver(SolverSettings {
            strategy: Some("search".to_string()),
            seconds: Some(5.0),
            seed: Some(42),
            objective: Objective::Distance,
        })
}

#[test]
fn the_builder_builds_what_the_reader_reads() {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/valid/minimal"
    ));
    let read = load_scenario(&dir).expect("the fixture loads");
    let built = minimal().build().expect("valid");
    assert_eq!(built, read);
}

#[test]
fn declared_items_come_first() {
    let s = minimal().item("water").build().expect("valid");
    assert_eq!(s.items, ["water", "meal_box", "veg_parcel", "mask_pack"]);
    assert_eq!(s.fleet[0].capacity, [0, 20, 4, 0]);
    assert_eq!(s.orders[1].item, 2);
}

fn problems(builder: ScenarioBuilder) -> Vec<InputError> {
    let e: ScenarioError = builder.build().expect_err("should be rejected");
    assert_eq!(e.to_string().lines().count(), e.len(), "{e}");
    e.errors
}

fn place(e: &InputError) -> (&str, Option<usize>, Option<&str>) {
    (e.file.as_str(), e.line, e.column.as_deref())
}

#[test]
fn every_problem_is_reported_at_once() {
    let builder = minimal()
        // Sites: a duplicate id, latitude out of range, negative service, hours reversed.
        .site(Site::new("K1", SiteKind::Kitchen, at(101.0, 26.0)))
        .site(Site::new("X1", SiteKind::Village, at(101.0, 95.0)).with_service(-1.0))
        .site(Site::new("X2", SiteKind::Village, at(101.0, 26.0)).with_hours(600.0, 500.0))
        // Fleet: unknown base, a base that is no kitchen, no capacity, an item twice,
        // speed 0, no trips, shift reversed.
        .courier(CourierSpec::new("B1", "K9", 15.0).capacity("meal_box", 1))
        .courier(CourierSpec::new("B2", "CP1", 15.0).capacity("meal_box", 1))
        .courier(CourierSpec::new("B3", "K1", 15.0))
        .courier(
            CourierSpec::new("B4", "K1", 0.0)
                .capacity("meal_box", 1)
                .capacity("meal_box", 2)
                .max_trips(0)
                .shift(900.0, 800.0),
        )
        .courier(CourierSpec::new("R1", "K1", 15.0).capacity("meal_box", 1))
        // Orders: sent to a kitchen, an unknown site, a kitchen that is not one, quantity 0,
        // window reversed, freshness limit 0, a duplicate id (priority 0 is valid: optional).
        .order(OrderSpec::new("P1", "K1", "meal_box", 1))
        .order(OrderSpec::new("P2", "NOPE", "meal_box", 1))
        .order(OrderSpec::new("P3", "CP1", "meal_box", 0).kitchen("H1"))
        .order(
            OrderSpec::new("P4", "CP1", "meal_box", 1)
                .window(700.0, 600.0)
                .max_ride_min(0.0)
                .priority(0),
        )
        .order(OrderSpec::new("O1", "CP1", "meal_box", 1));
    let errors = problems(builder);
    let places: Vec<_> = errors.iter().map(place).collect();
    assert_eq!(
        places,
        [
            ("sites", Some(5), Some("id")),
            ("sites", Some(6), Some("lat")),
            ("sites", Some(6), Some("service_min")),
            ("sites", Some(7), Some("close")),
            ("orders", Some(5), Some("site")),
            ("orders", Some(6), Some("site")),
            ("orders", Some(7), Some("quantity")),
            ("orders", Some(7), Some("kitchen")),
            ("orders", Some(8), Some("latest")),
            ("orders", Some(8), Some("max_ride_min")),
            ("orders", Some(9), Some("id")),
            ("fleet", Some(3), Some("base")),
            ("fleet", Some(4), Some("base")),
            ("fleet", Some(5), Some("capacity")),
            ("fleet", Some(6), Some("capacity")),
            ("fleet", Some(6), Some("shift_end")),
            ("fleet", Some(6), Some("speed_kmh")),
            ("fleet", Some(6), Some("max_trips")),
            ("fleet", Some(7), Some("id")),
        ],
        "{errors:#?}"
    );
    let message = |i: usize| errors[i].to_string();
    assert!(message(0).contains("duplicate"), "{}", message(0));
    assert!(message(4).contains("is a kitchen"), "{}", message(4));
    assert!(message(5).contains("is not a site id"), "{}", message(5));
    assert!(message(7).contains("is not a kitchen"), "{}", message(7));
    assert!(message(13).contains("no item"), "{}", message(13));
    assert!(message(14).contains("listed twice"), "{}", message(14));
    assert_eq!(
        message(11),
        "fleet:3: column 'base': \"K9\" is not a site id in the scenario's sites; expected the \
         id of a kitchen site"
    );
}

/// The builder and the reader word a problem the same way (the rules are written once).
#[test]
fn the_builder_words_problems_as_the_reader_does() {
    let built = problems(minimal().order(OrderSpec::new("P1", "K1", "meal_box", 1)));
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/valid/minimal"
    ));
    for name in ["sites.csv", "fleet.csv", "scenario.toml"] {
        std::fs::copy(fixture.join(name), dir.path().join(name)).expect("copy");
    }
    let orders = std::fs::read_to_string(fixture.join("orders.csv")).expect("orders");
    std::fs::write(
        dir.path().join("orders.csv"),
        format!("{orders}P1,K1,meal_box,1,,,,,,\n"),
    )
    .expect("write");
    let read = load_scenario(dir.path()).expect_err("rejected").errors;
    assert_eq!(built.len(), 1);
    assert_eq!(read.len(), 1);
    assert_eq!(built[0].message, read[0].message);
    assert_eq!(built[0].column, read[0].column);
    assert_eq!(built[0].value, read[0].value);
}

#[test]
fn items_no_courier_carries_and_empty_parts() {
    let errors = problems(minimal().order(OrderSpec::new("P1", "CP1", "mask_pack", 1)));
    assert_eq!(
        errors.iter().map(place).collect::<Vec<_>>(),
        [("orders", Some(5), Some("item"))]
    );
    assert!(errors[0]
        .message
        .contains("no vehicle can carry item 'mask_pack'"));
    let errors = problems(Scenario::builder("empty"));
    assert_eq!(
        errors.iter().map(place).collect::<Vec<_>>(),
        [("sites", None, None), ("fleet", None, None)]
    );
}

#[test]
fn planar_locations_are_not_degrees() {
    let s = Scenario::builder("plane")
        .travel(TravelModel::Planar(reliefroute::Rounding::Exact))
        .site(Site::new("D", SiteKind::Kitchen, at(500.0, 300.0)))
        .site(Site::new(
            "C",
            SiteKind::Other("customer".into()),
            at(510.0, 300.0),
        ))
        .courier(CourierSpec::new("V", "D", 60.0).capacity("goods", 10))
        .order(OrderSpec::new("1", "C", "goods", 3))
        .build()
        .expect("plane coordinates are fine");
    assert_eq!(s.sites[0].location, at(500.0, 300.0));
    let errors = problems(
        Scenario::builder("plane")
            .travel(TravelModel::Planar(reliefroute::Rounding::Exact))
            .site(Site::new("D", SiteKind::Kitchen, at(f64::NAN, 300.0)))
            .courier(CourierSpec::new("V", "D", f64::INFINITY).capacity("goods", 10)),
    );
    assert_eq!(
        errors.iter().map(place).collect::<Vec<_>>(),
        [
            ("sites", Some(1), Some("x")),
            ("fleet", Some(1), Some("speed_kmh"))
        ]
    );
}

/// A scenario written as a struct literal whose courier lists fewer capacities than there
/// are items: planning treats the missing ones as 0 instead of panicking.
#[test]
fn short_capacities_in_a_struct_literal_do_not_panic() {
    let site = |id: &str, kind: SiteKind, x: f64| Site::new(id, kind, at(101.7 + x, 26.5));
    let order = |id: &str, item: usize| Order::new(id, 1, item, 2);
    let scenario = Scenario {
        name: "short".to_string(),
        sites: vec![
            site("K1", SiteKind::Kitchen, 0.0),
            site("CP1", SiteKind::Checkpoint, 0.01),
        ],
        items: vec!["meal_box".to_string(), "mask_pack".to_string()],
        orders: vec![order("O1", 0), order("O2", 1)],
        fleet: vec![
            Vehicle {
                id: "R1".to_string(),
                kind: "rider".to_string(),
                base: 0,
                capacity: vec![10],
                shift: TimeWindow::ALWAYS,
                speed_kmh: 15.0,
                max_trips: 1,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            },
            Vehicle {
                id: "R2".to_string(),
                kind: "rider".to_string(),
                base: 0,
                capacity: Vec::new(),
                shift: TimeWindow::ALWAYS,
                speed_kmh: 15.0,
                max_trips: 1,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            },
        ],
        travel: TravelModel::default(),
        network: None,
        supply: Vec::new(),
        solver: SolverSettings::default(),
    };
    let matrix = TravelMatrix::straight_line(&scenario);
    for name in reliefroute::strategy_names() {
        let strategy = strategy_by_name(name).expect("built in");
        let p = plan(
            &scenario,
            &matrix,
            strategy.as_ref(),
            &Budget::new(0.05, 1, 1),
        );
        assert!(check_plan(&scenario, &matrix, &p).is_ok(), "{name}");
        let unassigned: Vec<usize> = p.unassigned.iter().map(|u| u.order).collect();
        assert_eq!(unassigned, [1], "{name}: only meal boxes can be carried");
    }
}

#[test]
fn network_errors_keep_their_source() {
    let missing = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/no/such/roads.osm.pbf"
    ));
    let e: NetworkError = reliefroute::roads::RoadGraph::load(&missing).expect_err("missing");
    assert!(matches!(e, NetworkError::Io { .. }), "{e:?}");
    let source = e.source().expect("the io::Error is kept");
    let io = source
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    assert!(e.to_string().contains("cannot be read"), "{e}");
}
