//! Scenario folder reading: valid fixtures load with the right content and defaults, and each
//! malformed fixture is rejected with the problem located by file, line and column.

use std::path::PathBuf;

use reliefroute::{
    load_scenario, InputError, Objective, Scenario, SiteKind, TimeWindow, TravelModel,
};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(name)
}

fn load_valid(name: &str) -> Scenario {
    match load_scenario(&fixture(name)) {
        Ok(scenario) => scenario,
        Err(e) => panic!("fixture {name} should load, got:\n{e}"),
    }
}

fn errors(name: &str) -> Vec<InputError> {
    match load_scenario(&fixture(name)) {
        Ok(_) => panic!("fixture {name} should be rejected"),
        Err(e) => {
            // Display is one line per problem.
            assert_eq!(e.to_string().lines().count(), e.errors.len(), "{e}");
            e.errors
        }
    }
}

/// The fixture's only problem.
fn only_error(name: &str) -> InputError {
    let errors = errors(name);
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors.len(),
        1,
        "{name}: expected one problem, got {list:#?}"
    );
    errors.into_iter().next().expect("one error")
}

#[track_caller]
fn assert_at(e: &InputError, file: &str, line: Option<usize>, column: Option<&str>, word: &str) {
    assert_eq!(e.file, file, "{e}");
    assert_eq!(e.line, line, "{e}");
    assert_eq!(e.column.as_deref(), column, "{e}");
    assert!(e.message.contains(word), "{e} should mention {word:?}");
}

#[test]
fn minimal_scenario_loads() {
    let s = load_valid("valid/minimal");
    assert_eq!(s.name, "Minimal lunch round");
    assert_eq!(s.sites.len(), 4);
    assert_eq!(s.orders.len(), 4);
    assert_eq!(s.fleet.len(), 2);
    assert_eq!(s.items, ["meal_box", "veg_parcel", "mask_pack"]);

    let k1 = &s.sites[0];
    assert_eq!(k1.kind, SiteKind::Kitchen);
    assert_eq!(k1.name, "Central kitchen");
    assert_eq!((k1.location.x, k1.location.y), (101.72, 26.58));
    assert_eq!(k1.service_min, 10.0);
    assert_eq!(k1.hours, TimeWindow::new(540.0, 1200.0));
    let cp1 = &s.sites[1];
    assert_eq!(cp1.kind, SiteKind::Checkpoint);
    assert_eq!(cp1.hours, TimeWindow::ALWAYS);
    let v1 = &s.sites[3];
    assert_eq!(v1.name, "V1", "an empty name falls back to the id");
    assert_eq!(v1.service_min, 0.0);
    assert_eq!(v1.hours, TimeWindow::new(0.0, 1110.0));
    assert_eq!(s.kitchens(), [0]);

    let o1 = &s.orders[0];
    assert_eq!(
        (o1.id.as_str(), o1.site, o1.item, o1.quantity),
        ("O1", 1, 0, 12)
    );
    assert_eq!(o1.window, TimeWindow::new(690.0, 750.0));
    assert_eq!(o1.kitchen, Some(0));
    assert_eq!(o1.ready, 660.0);
    assert_eq!(o1.max_ride_min, Some(45.0));
    assert_eq!(o1.priority, 2);
    let o2 = &s.orders[1];
    assert_eq!((o2.site, o2.item, o2.quantity), (2, 1, 1));
    assert_eq!(o2.window, TimeWindow::ALWAYS);
    assert_eq!(o2.kitchen, None);
    assert_eq!(o2.ready, 0.0);
    assert_eq!(o2.max_ride_min, None);
    assert_eq!(o2.priority, 1);
    assert_eq!(s.orders[2].window, TimeWindow::new(600.0, 720.0));
    assert_eq!(s.orders[3].window, TimeWindow::new(0.0, 780.0));

    let r1 = &s.fleet[0];
    assert_eq!(
        (r1.id.as_str(), r1.kind.as_str(), r1.base),
        ("R1", "rider", 0)
    );
    assert_eq!(r1.capacity, [20, 4, 0]);
    assert_eq!(r1.shift, TimeWindow::new(600.0, 840.0));
    assert_eq!((r1.speed_kmh, r1.max_trips), (18.0, 3));
    let c1 = &s.fleet[1];
    assert_eq!(c1.capacity, [40, 0, 0]);
    assert_eq!(c1.shift, TimeWindow::ALWAYS);
    assert_eq!((c1.speed_kmh, c1.max_trips), (30.0, 1));

    assert_eq!(s.travel, TravelModel::GreatCircle { detour_factor: 1.4 });
    assert_eq!(s.solver.strategy.as_deref(), Some("search"));
    assert_eq!(s.solver.seconds, Some(5.0));
    assert_eq!(s.solver.seed, Some(42));
    assert_eq!(s.solver.objective, Objective::Distance);
}

#[test]
fn bom_crlf_reordered_columns_and_defaults() {
    let s = load_valid("valid/reordered_bom");
    assert_eq!(
        s.name, "reordered_bom",
        "the folder name without scenario.toml"
    );
    assert_eq!(s.sites.len(), 3);
    assert_eq!(s.sites[0].kind, SiteKind::Kitchen, "depot is a kitchen");
    assert_eq!(s.sites[0].name, "K1");
    assert_eq!(
        s.sites[0].extra,
        [("comment".to_string(), "the only kitchen".to_string())],
        "a column the planner does not read is kept"
    );
    assert_eq!(
        s.sites[2].kind,
        SiteKind::Other("field_hospital".to_string())
    );
    assert_eq!(s.items, ["meal_box"]);
    assert_eq!(s.orders.len(), 2);
    assert_eq!((s.orders[1].id.as_str(), s.orders[1].site), ("B", 2));
    assert_eq!(s.fleet[0].kind, "vehicle");
    assert_eq!(s.fleet[0].capacity, [6]);
    assert_eq!(s.fleet[0].max_trips, 1);
    assert_eq!(s.travel, TravelModel::GreatCircle { detour_factor: 1.3 });
    assert_eq!(s.solver.objective, Objective::CouriersFirst);
    assert_eq!(s.solver.strategy, None);
}

#[test]
fn orders_may_be_empty() {
    let s = load_valid("valid/no_orders");
    assert!(s.orders.is_empty());
    assert_eq!(s.fleet.len(), 2);
}

#[test]
fn unknown_site_id() {
    let e = only_error("invalid/unknown_site");
    assert_at(&e, "orders.csv", Some(3), Some("site"), "site id");
    assert_eq!(e.value.as_deref(), Some("H9"));
}

#[test]
fn duplicate_id_names_both_lines() {
    let e = only_error("invalid/duplicate_id");
    assert_at(&e, "sites.csv", Some(5), Some("id"), "duplicate");
    assert!(e.message.contains("line 3"), "{e}");
    assert_eq!(e.value.as_deref(), Some("CP1"));
}

#[test]
fn bad_time() {
    let e = only_error("invalid/bad_time");
    assert_at(&e, "orders.csv", Some(4), Some("latest"), "HH:MM");
    assert_eq!(
        e.to_string(),
        "orders.csv:4: column 'latest': \"25:99\" is not a time; \
         expected HH:MM or minutes after midnight"
    );
}

#[test]
fn latitude_out_of_range() {
    let e = only_error("invalid/latitude_out_of_range");
    assert_at(&e, "sites.csv", Some(4), Some("lat"), "latitude");
    assert_eq!(e.value.as_deref(), Some("95.5"));
}

#[test]
fn item_no_vehicle_can_carry() {
    let e = only_error("invalid/item_no_vehicle");
    assert_at(
        &e,
        "orders.csv",
        Some(5),
        Some("item"),
        "no vehicle can carry item 'mask_pack'",
    );
}

#[test]
fn window_closes_before_it_opens() {
    let e = only_error("invalid/window_closes_before_opens");
    assert_at(
        &e,
        "orders.csv",
        Some(2),
        Some("latest"),
        "closes before it opens",
    );
    assert_eq!(e.value.as_deref(), Some("12:30"));
}

#[test]
fn missing_column() {
    let e = only_error("invalid/missing_column");
    assert_at(&e, "fleet.csv", Some(1), Some("speed_kmh"), "column");
}

#[test]
fn missing_file() {
    let e = only_error("invalid/missing_file");
    assert_at(&e, "fleet.csv", None, None, "not found");
}

#[test]
fn bad_capacity_cell() {
    let e = only_error("invalid/bad_capacity");
    assert_at(&e, "fleet.csv", Some(3), Some("capacity"), "item:quantity");
    assert_eq!(e.value.as_deref(), Some("meal_box=40"));
}

#[test]
fn base_not_a_kitchen() {
    let e = only_error("invalid/base_not_kitchen");
    assert_at(&e, "fleet.csv", Some(3), Some("base"), "not a kitchen");
}

#[test]
fn kitchen_column_names_a_non_kitchen() {
    let e = only_error("invalid/kitchen_not_kitchen");
    assert_at(&e, "orders.csv", Some(2), Some("kitchen"), "not a kitchen");
    assert_eq!(e.value.as_deref(), Some("H1"));
}

#[test]
fn bad_toml_key() {
    let e = only_error("invalid/bad_toml_key");
    assert_at(
        &e,
        "scenario.toml",
        Some(4),
        Some("network.detour_facter"),
        "unknown field",
    );
}

#[test]
fn network_file_must_exist() {
    let e = only_error("invalid/network_file");
    assert_at(
        &e,
        "scenario.toml",
        Some(3),
        Some("network.file"),
        "not in the scenario folder",
    );
    assert_eq!(e.value.as_deref(), Some("roads.osm.pbf"));
    assert!(e.message.contains(".osm.pbf"), "{e}");
}

#[test]
fn fleet_without_rows() {
    let e = only_error("invalid/no_fleet_rows");
    assert_at(&e, "fleet.csv", Some(1), None, "no rows");
}

#[test]
fn several_errors_are_all_reported() {
    let found: Vec<(String, Option<usize>, Option<String>)> = errors("invalid/several_errors")
        .into_iter()
        .map(|e| (e.file, e.line, e.column))
        .collect();
    let expected: Vec<(String, Option<usize>, Option<String>)> = [
        ("orders.csv", 2, "quantity"),
        ("orders.csv", 3, "site"),
        ("orders.csv", 4, "earliest"),
        ("orders.csv", 5, "id"),
        ("orders.csv", 5, "quantity"),
        ("orders.csv", 5, "max_ride_min"),
        ("orders.csv", 5, "priority"),
        ("fleet.csv", 3, "speed_kmh"),
    ]
    .into_iter()
    .map(|(f, l, c)| (f.to_string(), Some(l), Some(c.to_string())))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn orders_are_checked_even_when_sites_are_broken() {
    let errors = errors("invalid/sites_broken_orders_checked");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_at(&errors[0], "sites.csv", Some(1), Some("lat"), "column");
    assert_at(
        &errors[1],
        "orders.csv",
        Some(3),
        Some("quantity"),
        "whole number",
    );
}

#[test]
fn missing_folder() {
    let e = load_scenario(&fixture("invalid/no_such_folder")).expect_err("no folder");
    assert_eq!(e.errors.len(), 1);
    assert!(e.to_string().contains("not found"), "{e}");
}
