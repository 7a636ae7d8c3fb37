//! `plan.geojson`: the plan on a map, for QGIS, geojson.io or a web map.
//!
//! Coordinates are `[lon, lat]`, that is the sites' `[x, y]`. Every feature has a `role`
//! property: `trip` (a LineString kitchen -> stops -> kitchen), `stop`, `kitchen`,
//! `unassigned` or `closure`. Features carry [simplestyle] properties so that common viewers
//! draw one colour per courier (the colours of `report.html`): `stroke` on trips,
//! `marker-color` and `marker-symbol` (a Maki icon by site kind) on points.
//!
//! [simplestyle]: https://github.com/mapbox/simplestyle-spec
//!
//! With a road matrix ([`plan_to_geojson_on`]), each trip's LineString follows the roads:
//! the road path of every leg, from the kitchen through the stops back to the kitchen.

use serde_json::{json, Value};

use crate::model::{format_minutes, Scenario};
use crate::plan::Plan;
use crate::travel::TravelMatrix;

use super::plan_json::round3;
use super::report::{courier_colour, maki_symbol, site_line, UNASSIGNED_COLOUR};

fn position(scenario: &Scenario, site: usize) -> Value {
    let location = scenario.sites[site].location;
    json!([location.x, location.y])
}

fn point(coordinates: Value, properties: Value) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": coordinates },
        "properties": properties,
    })
}

/// The plan as a GeoJSON `FeatureCollection`.
///
/// Features, in this order: per trip a LineString (properties `vehicle`, `kind`, `trip`,
/// `kitchen`, `depart`, `return`, `distance_km`, `stops`); per stop a Point (`vehicle`, `trip`,
/// `stop_no`, `site`, `name`, `arrive`, `start`, `orders`); per kitchen of the scenario a Point
/// (`site`, `name`); per unassigned order a Point at its site (`order`, `site`, `reason`).
/// Simplestyle: `stroke`, `stroke-width` on trips; `marker-color`, `marker-symbol`,
/// `marker-size` on points.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_geojson(scenario: &Scenario, plan: &Plan) -> Value {
    plan_geojson(scenario, None, plan)
}

/// The plan as a GeoJSON `FeatureCollection`, each trip drawn along the road paths of
/// `matrix` (as [`plan_to_geojson`] when the matrix is straight-line). A trip feature also gets
/// the property `geometry`: `roads` or `straight`.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_geojson_on(scenario: &Scenario, matrix: &TravelMatrix, plan: &Plan) -> Value {
    plan_geojson(scenario, Some(matrix), plan)
}

/// The line of one trip: site to site, along roads where the matrix knows them.
fn trip_line(
    scenario: &Scenario,
    matrix: Option<&TravelMatrix>,
    vehicle: usize,
    sites: &[usize],
) -> Vec<Value> {
    site_line(scenario, matrix, vehicle, sites)
        .iter()
        .map(|c| json!([c.x, c.y]))
        .collect()
}

/// The closures of a road matrix as features (`role` `closure`), shaded in simplestyle.
fn closure_features(matrix: Option<&TravelMatrix>) -> Vec<Value> {
    let Some(closures) = matrix.and_then(TravelMatrix::closures) else {
        return Vec::new();
    };
    let ring = |l: &geo::LineString<f64>| l.coords().map(|c| json!([c.x, c.y])).collect::<Vec<_>>();
    let areas = closures.areas().map(|p| {
        let mut rings = vec![ring(p.exterior())];
        rings.extend(p.interiors().iter().map(ring));
        json!({
            "type": "Feature",
            "geometry": { "type": "Polygon", "coordinates": rings },
            "properties": { "role": "closure", "closure": "area", "fill": "#7a7a7a",
                "fill-opacity": 0.35, "stroke": "#555555", "stroke-width": 1 },
        })
    });
    let lines = closures.lines().map(|l| {
        json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": ring(l) },
            "properties": { "role": "closure", "closure": "road", "stroke": "#555555",
                "stroke-width": 5, "stroke-opacity": 0.7 },
        })
    });
    areas.chain(lines).collect()
}

fn plan_geojson(scenario: &Scenario, matrix: Option<&TravelMatrix>, plan: &Plan) -> Value {
    let roads = matrix.is_some_and(TravelMatrix::is_road);
    let mut features = Vec::new();
    for route in &plan.routes {
        let vehicle = &scenario.fleet[route.vehicle];
        for (t, trip) in route.trips.iter().enumerate() {
            let kitchen = &scenario.sites[trip.kitchen];
            let mut sites = vec![trip.kitchen];
            sites.extend(trip.stops.iter().map(|s| s.site));
            sites.push(trip.kitchen);
            let line = trip_line(scenario, matrix, route.vehicle, &sites);
            features.push(json!({
                "type": "Feature",
                "geometry": { "type": "LineString", "coordinates": line },
                "properties": {
                    "role": "trip",
                    "vehicle": vehicle.id,
                    "kind": vehicle.kind,
                    "trip": t + 1,
                    "kitchen": kitchen.id,
                    "depart": format_minutes(trip.depart_min),
                    "return": format_minutes(trip.return_min),
                    "distance_km": round3(trip.distance_km),
                    "stops": trip.stops.len(),
                    "geometry": if roads { "roads" } else { "straight" },
                    "stroke": courier_colour(route.vehicle),
                    "stroke-width": 3,
                },
            }));
        }
    }
    for route in &plan.routes {
        let vehicle = &scenario.fleet[route.vehicle];
        for (t, trip) in route.trips.iter().enumerate() {
            for (s, stop) in trip.stops.iter().enumerate() {
                let site = &scenario.sites[stop.site];
                let orders: Vec<&str> = stop
                    .orders
                    .iter()
                    .map(|&o| scenario.orders[o].id.as_str())
                    .collect();
                features.push(point(
                    position(scenario, stop.site),
                    json!({
                        "role": "stop",
                        "vehicle": vehicle.id,
                        "trip": t + 1,
                        "stop_no": s + 1,
                        "site": site.id,
                        "name": site.name,
                        "arrive": format_minutes(stop.arrive_min),
                        "start": format_minutes(stop.start_min),
                        "orders": orders,
                        "marker-color": courier_colour(route.vehicle),
                        "marker-symbol": maki_symbol(&site.kind),
                        "marker-size": "small",
                    }),
                ));
            }
        }
    }
    for k in scenario.kitchens() {
        let site = &scenario.sites[k];
        features.push(point(
            position(scenario, k),
            json!({ "role": "kitchen", "site": site.id, "name": site.name,
                "marker-color": "#111111", "marker-symbol": maki_symbol(&site.kind),
                "marker-size": "large" }),
        ));
    }
    for entry in &plan.unassigned {
        let order = &scenario.orders[entry.order];
        let site = &scenario.sites[order.site];
        features.push(point(
            position(scenario, order.site),
            json!({
                "role": "unassigned",
                "order": order.id,
                "site": site.id,
                "name": site.name,
                "reason": entry.reason.to_string(),
                "marker-color": UNASSIGNED_COLOUR,
                "marker-symbol": "cross",
            }),
        ));
    }
    features.extend(closure_features(matrix));
    json!({
        "type": "FeatureCollection",
        "name": scenario.name,
        "features": features,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    #[test]
    fn one_feature_per_trip_stop_kitchen_and_unassigned_order() {
        let (scenario, plan) = sample();
        let collection = plan_to_geojson(&scenario, &plan);
        assert_eq!(collection["type"], "FeatureCollection");
        let features = collection["features"].as_array().unwrap();
        // 2 trips + 3 stops + 2 kitchens + 1 unassigned order.
        assert_eq!(features.len(), 8);
        let role = |r: &str| {
            features
                .iter()
                .filter(|f| f["properties"]["role"] == r)
                .collect::<Vec<_>>()
        };
        let trips = role("trip");
        assert_eq!(trips.len(), 2);
        assert_eq!(trips[0]["geometry"]["type"], "LineString");
        assert_eq!(
            trips[0]["geometry"]["coordinates"],
            json!([[0.0, 0.0], [3.0, 4.0], [6.0, 8.0], [0.0, 0.0]])
        );
        assert_eq!(trips[0]["properties"]["vehicle"], "R1");
        assert_eq!(trips[0]["properties"]["depart"], "09:35");
        assert_eq!(trips[0]["properties"]["stops"], 2);
        let stops = role("stop");
        assert_eq!(stops.len(), 3);
        assert_eq!(stops[1]["properties"]["orders"], json!(["O2", "O3"]));
        assert_eq!(role("kitchen").len(), 2);
        let unassigned = role("unassigned");
        assert_eq!(unassigned.len(), 1);
        assert_eq!(unassigned[0]["properties"]["order"], "O5");
        assert_eq!(unassigned[0]["geometry"]["coordinates"], json!([0.0, -6.0]));
        assert!(unassigned[0]["properties"]["reason"]
            .as_str()
            .unwrap()
            .contains("no vehicle can carry"));
    }
}
