//! `plan.geojson`: the plan on a map, for QGIS, geojson.io or a web map.
//!
//! Coordinates are `[lon, lat]`, that is the sites' `[x, y]`. Every feature has a `role`
//! property: `trip` (a LineString kitchen -> stops -> kitchen), `stop`, `kitchen` or
//! `unassigned`.
//!
//! With a road matrix ([`plan_to_geojson_on`]), each trip's LineString follows the roads:
//! the road path of every leg, from the kitchen through the stops back to the kitchen.

use serde_json::{json, Value};

use crate::model::{format_minutes, Scenario};
use crate::plan::Plan;
use crate::travel::TravelMatrix;

use super::plan_json::round3;

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
    let mut line: Vec<Value> = Vec::new();
    for (i, &site) in sites.iter().enumerate() {
        let leg = match (matrix, i.checked_sub(1).map(|p| sites[p])) {
            (Some(m), Some(prev)) if prev != site => m.path(vehicle, prev, site),
            _ => None,
        };
        match leg {
            Some(points) => {
                // The leg starts at the previous site, already in the line.
                line.extend(points.iter().skip(1).map(|c| json!([c.x, c.y])));
            }
            None => line.push(position(scenario, site)),
        }
    }
    line
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
                    }),
                ));
            }
        }
    }
    for k in scenario.kitchens() {
        let site = &scenario.sites[k];
        features.push(point(
            position(scenario, k),
            json!({ "role": "kitchen", "site": site.id, "name": site.name }),
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
            }),
        ));
    }
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
