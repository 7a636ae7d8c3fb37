//! Road networks end to end: the Monaco sample plans over OpenStreetMap roads, closures change
//! routes or cut stops off, bad inputs give clear errors, and the `matrix` command works.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use reliefroute::roads::{
    many_to_many_dijkstra, ClassNetwork, Closures, ContractionHierarchy, RoadGraph, RoadOptions,
    VehicleClass,
};
use reliefroute::{
    check_plan, load_scenario, plan, plan_to_geojson_on, strategy_by_name, Budget, MatrixMethod,
    NetworkError, NetworkSettings, Scenario, TravelMatrix, UnassignedReason,
};
use serde_json::{json, Value};

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const MONACO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/monaco");
const PBF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../benches/data/osm/monaco.osm.pbf"
);

/// The Monaco road graph, loaded once for all tests.
fn monaco_graph() -> &'static RoadGraph {
    static GRAPH: OnceLock<RoadGraph> = OnceLock::new();
    GRAPH.get_or_init(|| RoadGraph::from_osm_pbf(Path::new(PBF)).expect("the Monaco extract"))
}

fn monaco() -> Scenario {
    load_scenario(Path::new(MONACO)).expect("the Monaco sample is valid")
}

fn road_matrix(scenario: &Scenario, closures: &Closures) -> TravelMatrix {
    TravelMatrix::on_roads(scenario, monaco_graph(), closures, &RoadOptions::default())
        .expect("a road matrix")
}

fn budget() -> Budget {
    Budget::new(0.5, 1, 1)
}

fn closures(value: Value) -> Closures {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("closures.geojson");
    std::fs::write(&path, value.to_string()).expect("write closures");
    Closures::read(&path).expect("valid closures")
}

fn square(lon: f64, lat: f64, half_m: f64) -> Value {
    let dlat = half_m / 110_574.0;
    let dlon = half_m / (111_319.49 * lat.to_radians().cos());
    json!({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[
            [lon - dlon, lat - dlat], [lon + dlon, lat - dlat], [lon + dlon, lat + dlat],
            [lon - dlon, lat + dlat], [lon - dlon, lat - dlat]]]}}]})
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.1.to_radians(), b.1.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((b.0 - a.0).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

#[test]
fn monaco_plans_end_to_end_over_roads() {
    let scenario = monaco();
    let matrix = TravelMatrix::for_scenario(&scenario).expect("roads");
    assert!(matrix.is_road());
    let report = matrix.road_report().expect("a road report");
    assert_eq!(report.unreachable_pairs, 0);
    assert!(report
        .classes
        .iter()
        .all(|c| c.dropped_nodes > 0 && c.nodes > 10_000));
    assert!(report.snaps.iter().all(|s| s.road_m <= 300.0));
    // Road distances are never shorter than the straight line between the sites.
    let n = scenario.sites.len();
    for v in 0..scenario.fleet.len() {
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (scenario.sites[i].location, scenario.sites[j].location);
                let straight = haversine_km((a.x, a.y), (b.x, b.y));
                assert!(matrix.distance(v, i, j) + 1e-9 >= straight, "{i}->{j}");
            }
        }
    }
    let strategy = strategy_by_name("regret").expect("regret");
    let planned = plan(&scenario, &matrix, strategy.as_ref(), &budget());
    assert_eq!(check_plan(&scenario, &matrix, &planned), Ok(()));
    assert!(planned.unassigned.is_empty(), "{:?}", planned.unassigned);
    // Trips are drawn along the roads: many more points than stops.
    let geo = plan_to_geojson_on(&scenario, &matrix, &planned);
    let trips: Vec<&Value> = geo["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter(|f| f["properties"]["role"] == "trip")
        .collect();
    assert!(!trips.is_empty());
    for trip in trips {
        assert_eq!(trip["properties"]["geometry"], "roads");
        let points = trip["geometry"]["coordinates"].as_array().expect("line");
        let stops = trip["properties"]["stops"].as_u64().expect("stops") as usize;
        assert!(points.len() > stops + 2 + 5, "{} points", points.len());
    }
}

#[test]
fn dijkstra_and_contraction_hierarchies_agree_on_monaco() {
    let scenario = monaco();
    let build = |method| {
        let options = RoadOptions {
            method,
            ..RoadOptions::default()
        };
        TravelMatrix::on_roads(&scenario, monaco_graph(), &Closures::none(), &options)
            .expect("a matrix")
    };
    let (d, c) = (
        build(MatrixMethod::Dijkstra),
        build(MatrixMethod::ContractionHierarchy),
    );
    let n = scenario.sites.len();
    for v in 0..scenario.fleet.len() {
        for i in 0..n {
            for j in 0..n {
                assert_eq!(d.time(v, i, j), c.time(v, i, j), "{v}: {i}->{j}");
                assert_eq!(d.distance(v, i, j), c.distance(v, i, j), "{v}: {i}->{j}");
            }
        }
    }
}

#[test]
fn contraction_hierarchies_equal_dijkstra_on_random_monaco_pairs_with_closures() {
    let closed = Closures::read(&Path::new(MONACO).join("closures.geojson")).expect("closures");
    for closures in [Closures::none(), closed] {
        for class in VehicleClass::ALL {
            let net = ClassNetwork::new(monaco_graph(), class, &closures).expect("roads");
            let g = net.routing(25.0);
            let mut state = 0x5eed_u64;
            let nodes: Vec<u32> = (0..150)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state % g.node_count() as u64) as u32
                })
                .collect();
            let ch = ContractionHierarchy::new(&g);
            assert_eq!(
                ch.many_to_many(&nodes, &nodes),
                many_to_many_dijkstra(&g, &nodes, &nodes),
                "{} with {} closed edges",
                class.as_str(),
                net.closed_edges
            );
        }
    }
}

#[test]
fn hierarchies_are_cached_beside_the_network_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pbf = dir.path().join("monaco.osm.pbf");
    std::fs::copy(PBF, &pbf).expect("copy the extract");
    let options = RoadOptions {
        method: MatrixMethod::ContractionHierarchy,
        ..RoadOptions::default()
    };
    let run = |closures: Option<PathBuf>| {
        let settings = NetworkSettings {
            closures,
            ..settings_for(&pbf)
        };
        TravelMatrix::from_settings(&monaco(), &settings, options.clone()).expect("a matrix")
    };
    let counts = |m: &TravelMatrix| {
        let r = m.road_report().expect("a road report");
        (r.hierarchies_built, r.hierarchies_loaded)
    };
    // Two profiles (riders at one speed, cars at another): built, then read back.
    let first = run(None);
    assert_eq!(counts(&first), (2, 0));
    let cache = dir.path().join(".reliefroute-cache");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).expect("ignored"),
        "*\n"
    );
    let second = run(None);
    assert_eq!(counts(&second), (0, 2));
    let n = monaco().sites.len();
    for v in 0..monaco().fleet.len() {
        for (i, j) in (0..n).flat_map(|i| (0..n).map(move |j| (i, j))) {
            assert_eq!(first.time(v, i, j), second.time(v, i, j));
            assert_eq!(first.distance(v, i, j), second.distance(v, i, j));
        }
    }
    // Closures change the graph: rebuilt, and still equal to Dijkstra.
    let closures = Some(Path::new(MONACO).join("closures.geojson"));
    let closed = run(closures.clone());
    assert_eq!(counts(&closed), (2, 0));
    let settings = NetworkSettings {
        closures,
        ..settings_for(&pbf)
    };
    let plain = RoadOptions {
        method: MatrixMethod::Dijkstra,
        ..RoadOptions::default()
    };
    let dijkstra = TravelMatrix::from_settings(&monaco(), &settings, plain).expect("a matrix");
    for v in 0..monaco().fleet.len() {
        for (i, j) in (0..n).flat_map(|i| (0..n).map(move |j| (i, j))) {
            assert_eq!(closed.time(v, i, j), dijkstra.time(v, i, j));
        }
    }
    // A damaged cache file is rebuilt, not an error; no cache when asked not to.
    for entry in std::fs::read_dir(&cache).expect("the cache folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "ch") {
            std::fs::write(&path, b"damaged").expect("damage");
        }
    }
    assert_eq!(
        counts(&run(Some(Path::new(MONACO).join("closures.geojson")))),
        (2, 0)
    );
    std::fs::remove_dir_all(&cache).expect("remove the cache");
    let uncached = RoadOptions {
        cache_hierarchies: false,
        ..options.clone()
    };
    let m = TravelMatrix::from_settings(&monaco(), &settings_for(&pbf), uncached).expect("matrix");
    assert_eq!(counts(&m), (2, 0));
    assert!(!cache.exists());
}

#[test]
fn riders_and_cars_use_different_roads() {
    let scenario = monaco();
    let matrix = road_matrix(&scenario, &Closures::none());
    let (rider, car) = (
        scenario
            .fleet
            .iter()
            .position(|v| v.kind == "rider")
            .expect("a rider"),
        scenario
            .fleet
            .iter()
            .position(|v| v.kind == "car")
            .expect("a car"),
    );
    assert_ne!(matrix.profile_of(rider), matrix.profile_of(car));
    let n = scenario.sites.len();
    let differ = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| (matrix.distance(rider, i, j) - matrix.distance(car, i, j)).abs() > 0.01)
        .count();
    assert!(differ > 0, "riders and cars took the same roads everywhere");
    // One-way streets: some pair is longer one way than the other.
    let asymmetric = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| (matrix.distance(car, i, j) - matrix.distance(car, j, i)).abs() > 0.05)
        .count();
    assert!(asymmetric > 0);
}

#[test]
fn a_closure_across_the_main_road_changes_the_routes() {
    let scenario = monaco();
    let open = road_matrix(&scenario, &Closures::none());
    let rider = 0;
    let (from, to) = (
        scenario.site_index("K2").expect("K2"),
        scenario.site_index("CP05").expect("CP05"),
    );
    // Close a small square in the middle of the fastest path, away from every site.
    let path = open.path(rider, from, to).expect("a road path");
    let middle = path[path.len() / 2];
    let area = square(middle.x, middle.y, 25.0);
    let closed = closures(area.clone());
    for s in &scenario.sites {
        assert!(!closed.site_closed(s.location.x, s.location.y), "{}", s.id);
    }
    let detour = road_matrix(&scenario, &closed);
    assert!(detour.road_report().expect("report").classes[0].closed_edges > 0);
    assert!(
        detour.time(rider, from, to) > open.time(rider, from, to),
        "closing the road must make the trip slower: {} vs {}",
        detour.time(rider, from, to),
        open.time(rider, from, to)
    );
    let new_path = detour.path(rider, from, to).expect("a detour");
    assert!(
        !new_path.contains(&middle),
        "the detour must avoid the closed area"
    );
    // The plan over the closed network differs, and is still feasible.
    let strategy = strategy_by_name("regret").expect("regret");
    let before = plan(&scenario, &open, strategy.as_ref(), &budget());
    let after = plan(&scenario, &detour, strategy.as_ref(), &budget());
    assert_eq!(check_plan(&scenario, &detour, &after), Ok(()));
    let line = |p: &reliefroute::Plan, m: &TravelMatrix| {
        plan_to_geojson_on(&scenario, m, p)["features"]
            .as_array()
            .expect("features")
            .iter()
            .filter(|f| f["properties"]["role"] == "trip")
            .map(|f| f["geometry"].clone())
            .collect::<Vec<_>>()
    };
    assert_ne!(line(&before, &open), line(&after, &detour));
}

#[test]
fn a_closure_enclosing_a_stop_makes_it_unassigned() {
    let scenario = monaco();
    let cp02 = scenario.site_index("CP02").expect("CP02");
    let at = scenario.sites[cp02].location;
    let matrix = road_matrix(&scenario, &closures(square(at.x, at.y, 60.0)));
    assert!(matrix.time(0, 0, cp02).is_infinite());
    let strategy = strategy_by_name("regret").expect("regret");
    let planned = plan(&scenario, &matrix, strategy.as_ref(), &budget());
    assert_eq!(check_plan(&scenario, &matrix, &planned), Ok(()));
    let cut: Vec<_> = planned
        .unassigned
        .iter()
        .filter(|u| scenario.orders[u.order].site == cp02)
        .collect();
    assert!(!cut.is_empty());
    for u in &cut {
        assert_eq!(u.reason, UnassignedReason::UnreachableClosedArea);
        assert_eq!(u.reason.to_string(), "unreachable: closed area");
    }
    assert_eq!(cut.len(), planned.unassigned.len(), "only CP02 is cut off");
    // The sample's own closures file does the same through scenario.toml.
    let dir = copy_monaco(&[("closures = ", "closures = \"closures.geojson\"")]);
    let scenario = load_scenario(dir.path()).expect("valid");
    let matrix = TravelMatrix::for_scenario(&scenario).expect("matrix");
    let planned = plan(&scenario, &matrix, strategy.as_ref(), &budget());
    assert!(planned
        .unassigned
        .iter()
        .all(|u| u.reason == UnassignedReason::UnreachableClosedArea));
    assert!(!planned.unassigned.is_empty());
}

/// A copy of the Monaco sample in a temporary folder; `toml` adds lines under `[network]`
/// (`(marker, line)`: the line is added when the marker is not already there).
fn copy_monaco(toml: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "sites.csv",
        "orders.csv",
        "fleet.csv",
        "closures.geojson",
        "scenario.toml",
    ] {
        std::fs::copy(Path::new(MONACO).join(name), dir.path().join(name)).expect("copy");
    }
    // The extract is copied too, so that hierarchy caches stay in the temporary folder.
    std::fs::copy(PBF, dir.path().join("monaco.osm.pbf")).expect("copy the extract");
    let mut text = std::fs::read_to_string(dir.path().join("scenario.toml")).expect("toml");
    text = text.replace(
        "file = \"../../benches/data/osm/monaco.osm.pbf\"",
        "file = \"monaco.osm.pbf\"",
    );
    for (_, line) in toml {
        text = text.replace("[network]\n", &format!("[network]\n{line}\n"));
    }
    std::fs::write(dir.path().join("scenario.toml"), text).expect("write toml");
    dir
}

fn settings_for(file: &Path) -> NetworkSettings {
    NetworkSettings {
        file: file.to_path_buf(),
        closures: None,
        snap_limit_m: 1000.0,
    }
}

#[test]
fn malformed_truncated_and_empty_extracts_are_clear_errors() {
    let bytes = std::fs::read(PBF).expect("pbf");
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.osm.pbf", bytes[..bytes.len() / 3].to_vec()),
        ("header-only.osm.pbf", bytes[..200].to_vec()),
        (
            "garbage.osm.pbf",
            b"this is not a pbf file at all".repeat(40),
        ),
        ("corrupt.osm.pbf", {
            let mut b = bytes.clone();
            for i in (5_000..b.len()).step_by(997) {
                b[i] ^= 0x5a;
            }
            b
        }),
        ("empty.osm.pbf", Vec::new()),
    ];
    for (name, content) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).expect("write");
        let e = RoadGraph::from_osm_pbf(&path).expect_err(name);
        let message = e.to_string();
        assert!(message.contains(name), "{name}: {message}");
        match name {
            "empty.osm.pbf" => {
                assert!(matches!(e, NetworkError::Empty { .. }), "{name}: {e:?}");
                assert!(message.contains("no roads"), "{message}");
            }
            _ => assert!(
                matches!(e, NetworkError::Format { .. } | NetworkError::Empty { .. }),
                "{name}: {e:?}"
            ),
        }
    }
    // The same through the matrix builder, as `plan` reaches it.
    let truncated = settings_for(&dir.path().join("truncated.osm.pbf"));
    let e = TravelMatrix::from_settings(&monaco(), &truncated, RoadOptions::default())
        .expect_err("truncated");
    assert!(e.to_string().contains("truncated.osm.pbf"), "{e}");
    let missing = RoadGraph::from_osm_pbf(&dir.path().join("missing.osm.pbf")).expect_err("none");
    assert!(matches!(missing, NetworkError::Io { .. }));
}

#[test]
fn a_site_in_the_sea_is_an_error_naming_it() {
    let mut scenario = monaco();
    // 1.5 km out to sea off Monaco.
    scenario.sites[3].location.x = 7.4450;
    scenario.sites[3].location.y = 43.7300;
    let id = scenario.sites[3].id.clone();
    let e = TravelMatrix::on_roads(
        &scenario,
        monaco_graph(),
        &Closures::none(),
        &RoadOptions::default(),
    )
    .expect_err("in the sea");
    match &e {
        NetworkError::SiteTooFar {
            site,
            distance_m,
            limit_m,
            ..
        } => {
            assert_eq!(site, &id);
            assert!(*distance_m > *limit_m);
        }
        other => panic!("expected SiteTooFar, got {other:?}"),
    }
    assert!(e.to_string().contains(&id), "{e}");
    assert!(e.to_string().contains("snap limit"), "{e}");
}

#[test]
fn closures_that_are_not_geojson_are_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        ("not-json.geojson", "Polygon((0 0, 1 0, 1 1, 0 0))"),
        ("not-geojson.geojson", "{\"zones\": []}"),
        (
            "bad-ring.geojson",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1]]]}",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let e = Closures::read(&path).expect_err(name);
        let message = e.to_string();
        assert!(message.contains(name), "{message}");
        assert!(
            message.contains("GeoJSON") || message.contains("Polygon"),
            "{message}"
        );
    }
    // Through a scenario: the matrix build names the closures file.
    let monaco = copy_monaco(&[("closures", "closures = \"closures.geojson\"")]);
    std::fs::write(monaco.path().join("closures.geojson"), "not json").expect("write");
    let scenario = load_scenario(monaco.path()).expect("valid folder");
    let e = TravelMatrix::for_scenario(&scenario).expect_err("bad closures");
    assert!(e.to_string().contains("closures.geojson"), "{e}");
}

#[test]
fn scenario_toml_network_keys_are_validated() {
    let dir = copy_monaco(&[("missing", "closures = \"nowhere.geojson\"")]);
    let e = load_scenario(dir.path()).expect_err("missing closures file");
    let text = e.to_string();
    assert!(text.contains("network.closures"), "{text}");
    assert!(text.contains("nowhere.geojson"), "{text}");
}

#[test]
fn csv_networks_load_with_one_ways() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A 3 x 3 grid, 0.001 degrees apart; the top row is one-way eastwards.
    let mut nodes = String::from("id,lat,lon\n");
    for r in 0..3 {
        for c in 0..3 {
            nodes += &format!(
                "n{r}{c},{},{}\n",
                43.0 + r as f64 * 0.001,
                7.0 + c as f64 * 0.001
            );
        }
    }
    let mut edges = String::from("from,to,highway,oneway,maxspeed\n");
    for r in 0..3 {
        for c in 0..2 {
            let oneway = if r == 2 { "yes" } else { "" };
            edges += &format!("n{r}{c},n{r}{},residential,{oneway},\n", c + 1);
        }
    }
    for c in 0..3 {
        for r in 0..2 {
            edges += &format!("n{r}{c},n{}{c},primary,,50\n", r + 1);
        }
    }
    std::fs::write(dir.path().join("nodes.csv"), nodes).expect("nodes");
    std::fs::write(dir.path().join("edges.csv"), edges).expect("edges");
    let graph = RoadGraph::load(&dir.path().join("edges.csv")).expect("csv network");
    assert_eq!(graph.node_count(), 9);
    assert_eq!(graph.edge_count(), 2 * 12 - 2);
    let mut scenario = monaco();
    scenario.sites.truncate(3);
    scenario.orders.clear();
    let place = |s: &mut reliefroute::Site, r: f64, c: f64| {
        s.location.x = 7.0 + c * 0.001;
        s.location.y = 43.0 + r * 0.001;
    };
    place(&mut scenario.sites[0], 2.0, 0.0);
    place(&mut scenario.sites[1], 2.0, 2.0);
    place(&mut scenario.sites[2], 0.0, 1.0);
    let m = TravelMatrix::on_roads(
        &scenario,
        &graph,
        &Closures::none(),
        &RoadOptions::default(),
    )
    .expect("matrix");
    // East along the one-way top row: 2 blocks; back west: down a row, across, up again.
    let east = m.distance(0, 0, 1);
    let west = m.distance(0, 1, 0);
    assert!((east - 0.163).abs() < 0.01, "{east}");
    assert!(west > 2.0 * east, "{west} vs {east}");
    // Bad rows are located.
    std::fs::write(dir.path().join("edges.csv"), "from,to\nn00,n99\n").expect("edges");
    let e = RoadGraph::load(&dir.path().join("edges.csv")).expect_err("unknown node");
    assert!(e.to_string().contains("edges.csv:2"), "{e}");
    assert!(e.to_string().contains("n99"), "{e}");
}

#[test]
fn sites_join_the_nearest_point_of_a_road_and_respect_one_ways() {
    // A rectangle of streets, about 810 m east-west and 555 m north-south, each side one
    // segment: A (south-west) - B (south-east) - C (north-east) - D (north-west). C -> D is
    // one-way westwards; the other sides are two-way.
    let (w, e, s, n) = (7.0, 7.01, 43.0, 43.005);
    let mut graph = RoadGraph::new();
    let a = graph.add_node(1, w, s);
    let b = graph.add_node(2, e, s);
    let c = graph.add_node(3, e, n);
    let d = graph.add_node(4, w, n);
    let two_way = reliefroute::roads::road_access([("highway", "residential")]).expect("a road");
    let one_way = reliefroute::roads::road_access([("highway", "residential"), ("oneway", "yes")])
        .expect("a road");
    graph.add_road(a, b, &two_way, None);
    graph.add_road(b, c, &two_way, None);
    graph.add_road(c, d, &one_way, None);
    graph.add_road(d, a, &two_way, None);
    let net = ClassNetwork::new(&graph, VehicleClass::Car, &Closures::none()).expect("roads");
    let north_m = 50.0 / 110_574.0;
    // The middle of A-B, 50 m north of it: the foot of the perpendicular, halfway along.
    let snap = net.snap((w + e) / 2.0, s + north_m).expect("a snap");
    assert!((snap.road_m - 50.0).abs() < 0.5, "{}", snap.road_m);
    assert!((snap.fraction - 0.5).abs() < 1e-3, "{}", snap.fraction);
    let ends = [snap.from, snap.to];
    assert!(ends.contains(&0) && ends.contains(&1), "{ends:?}");
    assert!((snap.point[0] - (w + e) / 2.0).abs() < 1e-9 && (snap.point[1] - s).abs() < 1e-9);

    let mut scenario = monaco();
    scenario.sites.truncate(7);
    scenario.orders.clear();
    let at = [
        ((w + e) / 2.0, s),      // 0: middle of A-B
        (w, s),                  // 1: A
        (e, s),                  // 2: B
        ((w + e) / 2.0, n),      // 3: middle of the one-way C -> D
        (e, n),                  // 4: C
        (w, n),                  // 5: D
        (w + (e - w) * 0.25, s), // 6: a quarter along A-B
    ];
    for (site, &(lon, lat)) in scenario.sites.iter_mut().zip(&at) {
        site.location.x = lon;
        site.location.y = lat;
    }
    let m = TravelMatrix::on_roads(
        &scenario,
        &graph,
        &Closures::none(),
        &RoadOptions::default(),
    )
    .expect("matrix");
    let report = m.road_report().expect("a report");
    assert!(
        report.snaps.iter().all(|s| s.road_m < 0.01),
        "{:?}",
        report.snaps
    );
    for v in 0..scenario.fleet.len() {
        let (t, dist) = (|i, j| m.time(v, i, j), |i, j| m.distance(v, i, j));
        let side = dist(1, 2);
        assert!((side - 0.81).abs() < 0.01, "A-B is {side} km");
        // From the middle to both ends: half the side each, adding up to the side.
        assert!((dist(0, 1) - side / 2.0).abs() < 1e-3, "{}", dist(0, 1));
        assert!((dist(0, 1) + dist(0, 2) - side).abs() < 1e-3);
        assert!((t(0, 1) + t(0, 2) - t(1, 2)).abs() < 1e-3);
        assert!((t(1, 0) + t(0, 2) - t(1, 2)).abs() < 1e-3);
        // Along the segment between two sites on it: a quarter of the side, both ways.
        assert!((dist(6, 0) - side / 4.0).abs() < 1e-3, "{}", dist(6, 0));
        assert!((dist(0, 6) - side / 4.0).abs() < 1e-3, "{}", dist(0, 6));
        // The one-way: leave only towards D, arrive only from C.
        let half = dist(5, 4) - dist(5, 1) - dist(1, 2) - dist(2, 4);
        assert!(half.abs() < 1e-3, "C is reached from D round the block");
        assert!((dist(3, 5) - side / 2.0).abs() < 1e-3, "{}", dist(3, 5));
        assert!((dist(4, 3) - side / 2.0).abs() < 1e-3, "{}", dist(4, 3));
        assert!((dist(3, 4) - (dist(3, 5) + dist(5, 4))).abs() < 1e-3);
        assert!((dist(5, 3) - (dist(5, 4) + dist(4, 3))).abs() < 1e-3);
        assert!(t(3, 4) > 3.0 * t(3, 5) && t(5, 3) > 3.0 * t(4, 3));
        // Drawn paths go through the snap points and the road nodes.
        let path = m.path(v, 3, 4).expect("a path");
        let lonlat: Vec<(f64, f64)> = path.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(lonlat, vec![at[3], (w, n), (w, s), (e, s), (e, n)]);
        assert_eq!(m.path(v, 6, 0).expect("a path").len(), 2);
    }
}

/// The path of the `reliefroute` binary, built on first use in this test profile.
fn binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Some(path) = std::env::var_os("RELIEFROUTE_BIN") {
                return PathBuf::from(path);
            }
            let exe = std::env::current_exe().expect("test executable");
            let profile_dir = exe
                .parent()
                .and_then(Path::parent)
                .expect("target/<profile>/deps")
                .to_path_buf();
            let release = profile_dir.file_name().is_some_and(|n| n == "release");
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut build = Command::new(cargo);
            build.args(["build", "--quiet", "-p", "reliefroute-cli"]);
            build
                .arg("--manifest-path")
                .arg(format!("{WORKSPACE}/Cargo.toml"));
            if release {
                build.arg("--release");
            }
            let status = build.status().expect("cargo build");
            assert!(status.success(), "building reliefroute failed");
            profile_dir.join(format!("reliefroute{}", std::env::consts::EXE_SUFFIX))
        })
        .clone()
}

#[test]
fn matrix_command_writes_csv_and_statistics() {
    let dir = copy_monaco(&[("closures", "closures = \"closures.geojson\"")]);
    let out = dir.path().join("m.csv");
    let output = Command::new(binary())
        .args(["matrix", &dir.path().display().to_string(), "--out"])
        .arg(&out)
        .args(["--method", "ch"])
        .output()
        .expect("run reliefroute");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for expected in [
        "largest strongly connected part",
        "dropped",
        "snap distance",
        "closures: 1 areas",
        "sites inside closed areas: CP02",
        "unreachable ordered pairs",
        "method ch",
        "shortest paths",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected:?} missing in:\n{stdout}"
        );
    }
    let csv = std::fs::read_to_string(&out).expect("matrix.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("profile,vehicles,from,to,distance_km,time_min")
    );
    let rows: Vec<&str> = lines.collect();
    // 2 profiles (riders, car) x 15 x 14 ordered pairs.
    assert_eq!(rows.len(), 2 * 15 * 14);
    assert!(rows.iter().any(|r| r.ends_with(",CP02,,")));
    // A bad method is refused with exit status 2.
    let bad = Command::new(binary())
        .args(["matrix", MONACO, "--method", "astar"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--method"));
}
