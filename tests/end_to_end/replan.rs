//! Re-planning a day under way (issue 12): trips that have left their kitchen are kept,
//! closures and new orders are taken in, assignments that need not change do not, and the
//! merged plan passes the independent checker.

use std::collections::HashMap;
use std::path::Path;

use reliefroute::{
    load_scenario, plan, replan, strategy_by_name, Budget, Order, Plan, PlanState, Replan,
    ReplanOptions, Scenario, TimeWindow, TravelMatrix, UnassignedReason,
};

const MONACO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/monaco");
const PANZHIHUA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/panzhihua");

fn budget() -> Budget {
    Budget::new(1.0, 1, 1)
}

/// Order id -> courier id of every served order of `plan` (made for `scenario`).
fn couriers(scenario: &Scenario, plan: &Plan) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for route in &plan.routes {
        for stop in route.trips.iter().flat_map(|t| &t.stops) {
            for &o in &stop.orders {
                map.insert(
                    scenario.orders[o].id.clone(),
                    scenario.fleet[route.vehicle].id.clone(),
                );
            }
        }
    }
    map
}

/// Every trip under way in `state` is its courier's first trip in the re-plan, with the
/// orders on board in their order (less those reported undeliverable).
fn assert_started_trips_kept(state: &PlanState, replanned: &Replan) {
    let scenario = &replanned.scenario;
    for courier in &state.couriers {
        let Some(trip) = &courier.under_way else {
            continue;
        };
        let Some(route) = replanned
            .plan
            .routes
            .iter()
            .find(|r| scenario.fleet[r.vehicle].id == courier.courier)
        else {
            // Nothing of it could be handed over: every order on board is explained.
            for id in &trip.on_board {
                assert!(replanned.plan.unassigned.iter().any(|u| {
                    scenario.orders[u.order].id == *id
                        && matches!(u.reason, UnassignedReason::OnBoardUndeliverable { .. })
                }));
            }
            continue;
        };
        let first = &route.trips[0];
        assert_eq!(scenario.sites[first.kitchen].id, trip.kitchen);
        assert_eq!(first.depart_min, trip.depart_min, "{}", courier.courier);
        let carried: Vec<&str> = first
            .stops
            .iter()
            .flat_map(|s| &s.orders)
            .map(|&o| scenario.orders[o].id.as_str())
            .collect();
        let expected: Vec<&str> = trip
            .on_board
            .iter()
            .map(String::as_str)
            .filter(|id| {
                !replanned.plan.unassigned.iter().any(|u| {
                    scenario.orders[u.order].id == *id
                        && matches!(u.reason, UnassignedReason::OnBoardUndeliverable { .. })
                })
            })
            .collect();
        assert_eq!(carried, expected, "courier {}", courier.courier);
    }
}

fn new_order(scenario: &Scenario, id: &str, site: &str, item: &str, window: (f64, f64)) -> Order {
    Order {
        id: id.to_string(),
        site: scenario.site_index(site).expect("a site of the sample"),
        item: scenario
            .items
            .iter()
            .position(|i| i == item)
            .expect("an item"),
        quantity: 1,
        window: TimeWindow {
            start: window.0,
            end: window.1,
        },
        windows: Vec::new(),
        kitchen: None,
        ready: 13.0 * 60.0 + 20.0,
        max_ride_min: None,
        priority: 3,
        requires: Vec::new(),
        courier: None,
        extra: Vec::new(),
    }
}

/// The Monaco sample `minutes` later (a late lunch round), so that 13:20 falls in the
/// middle of it.
fn monaco_late(minutes: f64) -> Scenario {
    let mut scenario = load_scenario(Path::new(MONACO)).expect("the Monaco sample");
    let later = |w: &mut TimeWindow| {
        w.start += minutes;
        w.end += minutes;
    };
    for site in &mut scenario.sites {
        if site.hours.start.is_finite() && site.hours.start > 0.0 {
            later(&mut site.hours);
        }
    }
    for order in &mut scenario.orders {
        later(&mut order.window);
        order.ready += minutes;
    }
    for courier in &mut scenario.fleet {
        later(&mut courier.shift);
    }
    scenario
}

/// A closed square of about 100 m around `site`, written as a closures file in `dir`.
fn close_around(scenario: &mut Scenario, site: usize, dir: &Path) {
    let c = scenario.sites[site].location;
    let d = 0.0006;
    let ring = [
        [c.x - d, c.y - d],
        [c.x + d, c.y - d],
        [c.x + d, c.y + d],
        [c.x - d, c.y + d],
        [c.x - d, c.y - d],
    ];
    let geojson = serde_json::json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": { "name": "bridge cut at 13:20" },
            "geometry": { "type": "Polygon", "coordinates": [ring] }
        }]
    });
    let path = dir.join("closures.geojson");
    std::fs::write(&path, geojson.to_string()).expect("closures written");
    scenario.network.as_mut().expect("roads").closures = Some(path);
}

const AT: f64 = 13.0 * 60.0 + 20.0;

/// The late Monaco round, its plan and the plan's state at 13:20, for the first delay (in
/// steps of 10 minutes) with trips both under way and not started at 13:20.
fn monaco_at_1320() -> (Scenario, Plan, PlanState) {
    let regret = strategy_by_name("regret").expect("regret");
    (0..12)
        .map(|step| {
            let morning = monaco_late(120.0 - 10.0 * f64::from(step));
            let matrix = TravelMatrix::for_scenario(&morning).expect("roads");
            let planned = plan(&morning, &matrix, regret.as_ref(), &budget());
            let state = PlanState::new(&morning, &planned, AT, &[]);
            (morning, planned, state)
        })
        .find(|(_, _, state)| {
            state.couriers.iter().any(|c| c.under_way.is_some())
                && state
                    .couriers
                    .iter()
                    .map(|c| c.assigned.len())
                    .sum::<usize>()
                    >= 3
        })
        .expect("a delay with trips under way at 13:20")
}

/// The day: a plan, then at 13:20 a closure and two new orders.
#[test]
fn at_1320_a_closure_and_two_new_orders_keep_started_trips_and_untouched_assignments() {
    let regret = strategy_by_name("regret").expect("regret");
    let at = AT;
    let (morning, planned, state) = monaco_at_1320();
    let before = couriers(&morning, &planned);
    // The closure cuts off the site of one order of a trip not yet started.
    let waiting: Vec<(String, String)> = state
        .couriers
        .iter()
        .flat_map(|c| {
            c.assigned
                .iter()
                .map(|(o, _)| (o.clone(), c.courier.clone()))
        })
        .collect();
    assert!(waiting.len() >= 3, "{state:#?}");
    let closed_order = &waiting[0].0;
    let closed_site = morning.orders[morning
        .orders
        .iter()
        .position(|o| &o.id == closed_order)
        .unwrap()]
    .site;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut now = morning.clone();
    close_around(&mut now, closed_site, dir.path());
    now.orders.push(new_order(
        &now,
        "N01",
        "H01",
        "veg_parcel",
        (at + 20.0, at + 100.0),
    ));
    let open_checkpoint = ["CP03", "CP04"]
        .into_iter()
        .find(|id| now.site_index(id) != Some(closed_site))
        .expect("a checkpoint outside the closure");
    now.orders.push(new_order(
        &now,
        "N02",
        open_checkpoint,
        "meal_box",
        (at + 30.0, at + 90.0),
    ));
    let matrix_now = TravelMatrix::for_scenario(&now).expect("roads with the closure");
    let replanned = replan(
        &now,
        &matrix_now,
        &state,
        regret.as_ref(),
        &budget(),
        &ReplanOptions::default(),
    )
    .expect("a re-plan");
    assert_eq!(
        replanned.violations,
        Vec::new(),
        "the checker accepts the merged plan"
    );
    assert_started_trips_kept(&state, &replanned);
    let after = couriers(&replanned.scenario, &replanned.plan);
    // The new orders are served or explained.
    for id in ["N01", "N02"] {
        let explained = replanned
            .plan
            .unassigned
            .iter()
            .any(|u| replanned.scenario.orders[u.order].id == id);
        assert!(after.contains_key(id) || explained, "{id}");
    }
    // The order cut off is explained.
    assert!(replanned.plan.unassigned.iter().any(|u| {
        replanned.scenario.orders[u.order].id == *closed_order
            && u.reason == UnassignedReason::UnreachableClosedArea
    }));
    // Every order waiting for a trip not yet started keeps its courier, except those at the
    // closed site: nothing required them to move.
    let must_stay: Vec<&(String, String)> = waiting
        .iter()
        .filter(|(o, _)| morning.orders.iter().find(|x| &x.id == o).unwrap().site != closed_site)
        .collect();
    assert!(!must_stay.is_empty());
    for (order, courier) in must_stay {
        assert_eq!(
            after.get(order),
            Some(courier),
            "order {order} stays with {courier}"
        );
        assert_eq!(before.get(order), Some(courier));
    }
}

/// A courier goes home at 13:20: while it is in the fleet its trip under way is finished;
/// once `fleet.csv` no longer has it, the orders on board are reported and its orders not
/// yet started go to other couriers (or are explained).
#[test]
fn a_courier_removed_mid_day_hands_its_waiting_orders_to_others() {
    let (morning, _, state) = monaco_at_1320();
    let regret = strategy_by_name("regret").expect("regret");
    let leaving = state
        .couriers
        .iter()
        .find(|c| c.under_way.is_some() && !c.assigned.is_empty())
        .expect("a courier on a trip with more trips to come");
    let on_board = &leaving.under_way.as_ref().expect("under way").on_board;

    // Still in the fleet: it finishes its trip.
    let matrix = TravelMatrix::for_scenario(&morning).expect("roads");
    let stays = replan(
        &morning,
        &matrix,
        &state,
        regret.as_ref(),
        &budget(),
        &ReplanOptions::default(),
    )
    .expect("a re-plan");
    assert_eq!(stays.violations, Vec::new());
    assert_started_trips_kept(&state, &stays);
    let carried = couriers(&stays.scenario, &stays.plan);
    for id in on_board {
        assert_eq!(
            carried.get(id),
            Some(&leaving.courier),
            "{id} is delivered on the way"
        );
    }

    // Gone from the fleet.
    let mut now = morning.clone();
    now.fleet.retain(|c| c.id != leaving.courier);
    let matrix = TravelMatrix::for_scenario(&now).expect("roads");
    let gone = replan(
        &now,
        &matrix,
        &state,
        regret.as_ref(),
        &budget(),
        &ReplanOptions::default(),
    )
    .expect("a re-plan");
    assert_eq!(gone.violations, Vec::new());
    let scenario = &gone.scenario;
    let reason = |id: &str| {
        gone.plan
            .unassigned
            .iter()
            .find(|u| scenario.orders[u.order].id == id)
            .map(|u| u.reason.clone())
    };
    for id in on_board {
        assert_eq!(
            reason(id),
            Some(UnassignedReason::CourierGone {
                courier: leaving.courier.clone()
            })
        );
    }
    let carried = couriers(scenario, &gone.plan);
    for (id, _) in &leaving.assigned {
        match carried.get(id) {
            Some(other) => assert_ne!(other, &leaving.courier),
            None => assert!(reason(id).is_some(), "{id} is served or explained"),
        }
    }
    // Every other courier's waiting orders stay where they were.
    for courier in state
        .couriers
        .iter()
        .filter(|c| c.courier != leaving.courier)
    {
        for (id, _) in &courier.assigned {
            assert_eq!(carried.get(id), Some(&courier.courier), "{id}");
        }
    }
}

/// The command: a plan of the sample, then `replan` at 13:20 with a progress file and one
/// courier fewer in `fleet.csv` writes the six files; a bad progress row is refused with its
/// file, line and field.
#[test]
fn replan_command_writes_changes_and_refuses_bad_progress() {
    use crate::cli::reliefroute;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let folder = dir.path();
    for file in ["sites.csv", "orders.csv", "fleet.csv", "scenario.toml"] {
        std::fs::copy(Path::new(PANZHIHUA).join(file), folder.join(file)).expect("copied");
    }
    let path = |p: &str| folder.join(p).to_str().expect("UTF-8").to_string();
    let run = reliefroute(&["plan", &path(""), "--strategy", "regret", "--quiet"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let morning = load_scenario(folder).expect("the sample");
    let planned = reliefroute::read_plan_json(&folder.join("out/plan.json"), &morning)
        .expect("the plan")
        .plan;
    let state = PlanState::new(&morning, &planned, AT, &[]);
    let leaving = state
        .couriers
        .iter()
        .find(|c| c.under_way.is_some())
        .expect("a trip under way at 13:20");
    let late = &leaving.under_way.as_ref().expect("under way").on_board[0];
    std::fs::write(
        folder.join("progress.csv"),
        format!("order,status,at\n{late},delivered,13:15\n"),
    )
    .expect("progress written");
    let fleet = std::fs::read_to_string(folder.join("fleet.csv")).expect("fleet");
    let fewer: String = fleet
        .lines()
        .filter(|l| !l.starts_with(&format!("{},", leaving.courier)))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(folder.join("fleet.csv"), fewer).expect("fleet written");
    let args = |progress: &str| {
        reliefroute(&[
            "replan",
            &path(""),
            "--from",
            &path("out/plan.json"),
            "--at",
            "13:20",
            "--progress",
            &path(progress),
            "--strategy",
            "regret",
            "--quiet",
        ])
    };
    let run = args("progress.csv");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("changes: "), "{}", run.stdout);
    let changes = std::fs::read_to_string(folder.join("replan/changes.csv")).expect("changes");
    assert!(changes.starts_with("courier,change,order,other_courier,old_time,new_time\n"));
    // The courier sent home loses what it carried (the order reported delivered aside).
    assert!(
        changes.contains(&format!("{},dropped,", leaving.courier)),
        "{changes}"
    );
    assert!(!changes.contains(&format!(",{late},")), "{changes}");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(folder.join("replan/plan.json")).expect("plan.json"),
    )
    .expect("JSON");
    let unassigned = json["unassigned"].as_array().expect("unassigned");
    assert!(unassigned.iter().any(|u| u["reason"]
        .as_str()
        .is_some_and(|r| r.contains("no longer in the fleet"))));
    for file in ["plan.geojson", "report.html", "routes.csv", "changes.json"] {
        assert!(folder.join("replan").join(file).is_file(), "{file}");
    }

    std::fs::write(
        folder.join("bad.csv"),
        format!("order,status,at\n{late},delivered,13:15\n{late},lost,13:16\n"),
    )
    .expect("written");
    let run = args("bad.csv");
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("bad.csv line 3, field status")
            && run
                .stderr
                .contains("expected delivered, failed or on_board"),
        "{}",
        run.stderr
    );
}

/// Rounds: the sample's second round of household parcels, planned with the first round's
/// couriers preferred, keeps at least 90% of the households served in both rounds with
/// their courier, serves as many orders as planning it alone, and passes the checker.
#[test]
fn a_second_round_keeps_the_households_couriers() {
    let rounds = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/panzhihua-rounds"
    ));
    let regret = strategy_by_name("regret").expect("regret");
    let first = load_scenario(&rounds.join("round1")).expect("round 1");
    let second = load_scenario(&rounds.join("round2")).expect("round 2");
    let matrix = TravelMatrix::for_scenario(&first).expect("straight lines");
    let one = plan(&first, &matrix, regret.as_ref(), &budget());
    // Same sites, same fleet: the indices carry over.
    let by_site = reliefroute::couriers_by_site(&first, &one);
    let matrix = TravelMatrix::for_scenario(&second).expect("straight lines");
    let preference = reliefroute::preference_by_site(&second, &by_site, 10.0);
    let two =
        reliefroute::plan_preferring(&second, &matrix, regret.as_ref(), &budget(), &preference);
    assert_eq!(reliefroute::check_plan(&second, &matrix, &two), Ok(()));
    let alone = plan(&second, &matrix, regret.as_ref(), &budget());
    assert!(two.unassigned.len() <= alone.unassigned.len());
    let (kept, both) = reliefroute::sites_kept(&second, &two, &by_site);
    assert!(both >= 50, "{both} households in both rounds");
    assert!(kept * 10 >= both * 9, "{kept} of {both} kept their courier");
    // Planned alone, far fewer keep theirs: the preference is what keeps them.
    let (alone_kept, _) = reliefroute::sites_kept(&second, &alone, &by_site);
    assert!(alone_kept < kept, "{alone_kept} alone, {kept} kept");
}

/// Issue 12's stability, order by order: two couriers of 6 parcels each have their orders
/// interleaved around a ring (so a plan free of preferences regroups them by side), and a new
/// order needs the cold box only the full courier has. Serving it needs exactly one of that
/// courier's orders to move to the other: exactly one moves, and every order is served. The
/// old whole-plan rule took the free plan, which serves the same orders but moves many.
#[test]
fn serving_one_more_order_moves_exactly_the_one_order_it_must() {
    use reliefroute::{CourierSpec, OrderSpec, Preference, Site, SiteKind, TravelModel};
    let at = |angle: f64| reliefroute::Coord {
        x: 3.0 * angle.to_radians().cos(),
        y: 3.0 * angle.to_radians().sin(),
    };
    let mut builder = Scenario::builder("interleaved ring")
        .travel(TravelModel::Planar(reliefroute::Rounding::Exact))
        .site(Site::new(
            "K",
            SiteKind::Kitchen,
            reliefroute::Coord { x: 0.0, y: 0.0 },
        ))
        .courier(
            CourierSpec::new("A", "K", 30.0)
                .capacity("parcel", 6)
                .skill("cold")
                .max_trips(1),
        )
        .courier(
            CourierSpec::new("B", "K", 30.0)
                .capacity("parcel", 6)
                .max_trips(1),
        );
    for i in 0..12 {
        let site = format!("H{i:02}");
        builder = builder.site(Site::new(
            site.clone(),
            SiteKind::Household,
            at(30.0 * f64::from(i)),
        ));
        let order = OrderSpec::new(format!("O{i:02}"), site, "parcel", 1);
        builder = builder.order(if i == 11 {
            order.requires("cold")
        } else {
            order
        });
    }
    let scenario = builder.build().expect("a valid scenario");
    // O00..O10 were A's (even) and B's (odd): A is full, B has room for one; O11 is new.
    let preference = Preference {
        courier: (0..12).map(|i| (i < 11).then_some(i % 2)).collect(),
        move_cost_km: 10.0,
    };
    let matrix = TravelMatrix::for_scenario(&scenario).expect("planar travel");
    for name in ["regret", "search"] {
        let strategy = strategy_by_name(name).expect("a built-in strategy");
        let free = plan(&scenario, &matrix, strategy.as_ref(), &budget());
        assert!(free.unassigned.is_empty(), "{name}: {:?}", free.unassigned);
        assert!(
            reliefroute::moved_orders(&free, &preference) >= 3,
            "{name}: the free plan regroups the orders"
        );
        let kept = reliefroute::plan_preferring(
            &scenario,
            &matrix,
            strategy.as_ref(),
            &budget(),
            &preference,
        );
        assert_eq!(reliefroute::check_plan(&scenario, &matrix, &kept), Ok(()));
        assert!(kept.unassigned.is_empty(), "{name}: {:?}", kept.unassigned);
        assert_eq!(reliefroute::moved_orders(&kept, &preference), 1, "{name}");
        let by_order = couriers(&scenario, &kept);
        assert_eq!(by_order["O11"], "A", "{name}: only A has the cold box");
        let moved: Vec<&str> = (0..11)
            .filter(|&i| by_order[&format!("O{i:02}")] != ["A", "B"][i % 2])
            .map(|i| if i % 2 == 0 { "from A" } else { "from B" })
            .collect();
        assert_eq!(moved, ["from A"], "{name}: one of A's orders makes room");
    }
}
