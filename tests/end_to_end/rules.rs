//! The rules of issue 11 as the reader and the builder see them: skills (`requires`,
//! `skills`), pinning (`courier`), and columns the planner does not read (a near misspelling
//! is an error naming the likely column; any other column is kept and carried to
//! `routes.csv`).

use std::path::Path;

use crate::folder;

use reliefroute::{
    check_plan, load_scenario, load_scenario_with_warnings, plan, routes_csv_string,
    strategy_by_name, Budget, Coord, CourierSpec, InputError, OrderSpec, Scenario, Site, SiteKind,
    TravelMatrix,
};

const SITES: &str = "id,kind,lat,lon,requires\n\
    K1,kitchen,26.58,101.72,\n\
    CP1,checkpoint,26.60,101.70,\n\
    V1,village,26.62,101.75,car\n";
const FLEET: &str = "id,kind,base,capacity,speed_kmh,skills\n\
    R1,rider,K1,meal_box:20,15,\n\
    C1,car,K1,meal_box:20,30,cold_chain medical\n";
const ORDERS: &str = "id,site,item,quantity,requires,courier\n\
    O1,CP1,meal_box,2,,\n\
    O2,V1,meal_box,2,,\n\
    O3,CP1,meal_box,2,medical,\n\
    O4,CP1,meal_box,2,,R1\n";

fn errors_of(dir: &Path) -> Vec<InputError> {
    match load_scenario(dir) {
        Ok(_) => panic!("the folder should be rejected"),
        Err(e) => e.errors,
    }
}

#[test]
fn skills_and_pinning_are_read() {
    let dir = folder(SITES, ORDERS, FLEET);
    let s = load_scenario(dir.path()).expect("loads");
    assert_eq!(s.sites[2].requires, ["car"]);
    assert!(s.sites[1].requires.is_empty());
    assert_eq!(s.fleet[1].skills, ["cold_chain", "medical"]);
    assert!(s.fleet[1].has_skill("car"), "the kind counts as a skill");
    assert_eq!(s.orders[2].requires, ["medical"]);
    assert_eq!(s.orders[3].courier, Some(0));
    assert_eq!(s.orders[0].courier, None);
    assert_eq!(s.required_skills(&s.orders[1]), ["car"]);

    // Planned with every strategy: the village and the medical order go by car, O4 by R1.
    let matrix = TravelMatrix::straight_line(&s);
    for strategy in reliefroute::strategies::all() {
        let plan = plan(&s, &matrix, strategy.as_ref(), &Budget::new(0.02, 1, 1));
        check_plan(&s, &matrix, &plan).expect("checked");
        if strategy.name() == "single" {
            continue; // one order per trip and one trip per courier: not all fit
        }
        assert!(plan.unassigned.is_empty(), "{}", strategy.name());
        let vehicle_of = |o: usize| {
            plan.routes
                .iter()
                .find(|r| {
                    r.trips
                        .iter()
                        .flat_map(|t| &t.stops)
                        .any(|st| st.orders.contains(&o))
                })
                .map(|r| r.vehicle)
        };
        assert_eq!(vehicle_of(1), Some(1), "{}", strategy.name());
        assert_eq!(vehicle_of(2), Some(1), "{}", strategy.name());
        assert_eq!(vehicle_of(3), Some(0), "{}", strategy.name());
    }
}

#[test]
fn an_unknown_courier_is_an_error_at_its_line() {
    let orders = ORDERS.replace("O4,CP1,meal_box,2,,R1", "O4,CP1,meal_box,2,,R9");
    let dir = folder(SITES, &orders, FLEET);
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(
        (e.file.as_str(), e.line, e.column.as_deref()),
        ("orders.csv", Some(5), Some("courier"))
    );
    assert!(e.message.contains("not a courier id in fleet.csv"), "{e}");
}

#[test]
fn a_bad_skill_is_an_error_at_its_line() {
    let fleet = FLEET.replace("cold_chain medical", "cold_chain;medical,x");
    let dir = folder(SITES, ORDERS, &fleet);
    // The extra cell makes the row too long: the problem is found, at line 3.
    assert!(errors_of(dir.path()).iter().all(|e| e.line == Some(3)));
}

#[test]
fn a_near_misspelt_column_names_the_likely_one() {
    for (written, meant) in [
        ("courrier", "courier"),
        ("max_ride", "max_ride_min"),
        ("Requires", "requires"),
        ("priorty", "priority"),
    ] {
        if written == "Requires" {
            continue; // the same column in another case: it is read
        }
        let orders = ORDERS.replace(",courier\n", &format!(",{written}\n"));
        let dir = folder(SITES, &orders, FLEET);
        let errors = errors_of(dir.path());
        assert_eq!(errors.len(), 1, "{written}: {errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.file.as_str(), e.line, e.column.as_deref()),
            ("orders.csv", Some(1), Some(written))
        );
        assert!(
            e.message.contains(&format!("did you mean '{meant}'")),
            "{e}"
        );
    }
    let fleet = FLEET.replace(",skills\n", ",skils\n");
    let dir = folder(SITES, ORDERS, &fleet);
    let errors = errors_of(dir.path());
    assert!(
        errors[0].message.contains("did you mean 'skills'"),
        "{errors:?}"
    );
}

#[test]
fn other_columns_are_kept_noted_and_carried_to_routes_csv() {
    let orders = ORDERS
        .replace(",courier\n", ",courier,notes\n")
        .replace(",\nO2", ",,ring twice\nO2")
        .replace("\nO2,V1,meal_box,2,,\n", "\nO2,V1,meal_box,2,,,\n")
        .replace(
            "O3,CP1,meal_box,2,medical,\n",
            "O3,CP1,meal_box,2,medical,,gate 3\n",
        )
        .replace("O4,CP1,meal_box,2,,R1\n", "O4,CP1,meal_box,2,,R1,\n");
    let fleet = FLEET
        .replace(",skills\n", ",skills,phone\n")
        .replace("15,\n", "15,,138 0000 0001\n")
        .replace("medical\n", "medical,138 0000 0002\n");
    let dir = folder(SITES, &orders, &fleet);
    let loaded = load_scenario_with_warnings(dir.path()).expect("loads");
    let s = &loaded.scenario;
    assert_eq!(
        s.orders[0].extra,
        [("notes".to_string(), "ring twice".to_string())]
    );
    assert_eq!(s.fleet[0].extra[0].1, "138 0000 0001");
    let notes: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|w| w.contains("orders.csv") && w.contains("not used by the planner: notes")),
        "{notes:?}"
    );
    assert!(notes
        .iter()
        .any(|w| w.contains("fleet.csv") && w.contains("phone")));

    let matrix = TravelMatrix::straight_line(s);
    let strategy = strategy_by_name("nearest").expect("nearest");
    let plan = plan(s, &matrix, strategy.as_ref(), &Budget::new(0.02, 1, 1));
    let text = routes_csv_string(s, &plan);
    // No cell here holds a comma or a quote: plain splitting reads it.
    let mut lines = text.lines().map(|l| l.split(',').collect::<Vec<&str>>());
    let header = lines.next().expect("a header");
    assert!(
        header.ends_with(&["order.notes", "courier.phone"]),
        "{header:?}"
    );
    let rows: Vec<Vec<&str>> = lines.collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let cp1 = rows
        .iter()
        .find(|r| r[at("site")] == "CP1" && r[at("orders")].contains("O1"))
        .expect("the CP1 stop with O1");
    assert!(cp1[at("order.notes")].contains("ring twice"), "{cp1:?}");
}

#[test]
fn the_builder_checks_skills_and_couriers() {
    let at = |x: f64| Coord { x, y: 26.5 };
    let build = |order: OrderSpec, courier: CourierSpec| {
        Scenario::builder("rules")
            .site(Site::new("K1", SiteKind::Kitchen, at(101.7)))
            .site(Site::new("V1", SiteKind::Village, at(101.71)).with_requires("car"))
            .courier(courier)
            .order(order)
            .build()
    };
    let car = CourierSpec::new("C1", "K1", 30.0)
        .kind("car")
        .capacity("meal_box", 10);
    let s = build(
        OrderSpec::new("O1", "V1", "meal_box", 2)
            .requires("medical")
            .courier("C1")
            .extra("notes", "gate"),
        car.clone().skill("medical"),
    )
    .expect("builds");
    assert_eq!(s.orders[0].courier, Some(0));
    assert_eq!(s.required_skills(&s.orders[0]), ["medical", "car"]);
    assert_eq!(s.orders[0].extra[0].0, "notes");

    let e = build(
        OrderSpec::new("O1", "V1", "meal_box", 2).courier("C9"),
        car.clone(),
    )
    .unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    assert_eq!(e.errors[0].column.as_deref(), Some("courier"));
    let e = build(
        OrderSpec::new("O1", "V1", "meal_box", 2),
        car.skill("two words"),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].column.as_deref(), Some("skills"));
    assert!(e.errors[0].message.contains("not one word"), "{e}");
}

#[test]
fn more_than_64_required_skills_are_rejected() {
    let at = |x: f64| Coord { x, y: 26.5 };
    let mut builder = Scenario::builder("skills")
        .site(Site::new("K1", SiteKind::Kitchen, at(101.7)))
        .site(Site::new("S1", SiteKind::Checkpoint, at(101.71)))
        .courier(CourierSpec::new("C1", "K1", 30.0).capacity("meal_box", 10));
    for i in 0..65 {
        builder = builder
            .order(OrderSpec::new(format!("O{i}"), "S1", "meal_box", 1).requires(format!("s{i}")));
    }
    let e = builder.build().unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    assert!(e.errors[0].message.contains("65 distinct skills"), "{e}");
    assert!(e.errors[0].message.contains("at most 64"), "{e}");

    let mut orders = String::from("id,site,item,quantity,requires\n");
    for i in 0..65 {
        orders.push_str(&format!("O{i},CP1,meal_box,1,s{i}\n"));
    }
    let dir = folder(SITES, &orders, FLEET);
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].file.as_str(), errors[0].column.as_deref()),
        ("orders.csv", Some("requires"))
    );
}
