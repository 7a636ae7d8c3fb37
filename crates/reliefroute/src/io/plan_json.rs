//! `plan.json`, version 1: the plan in the users' ids, a contract other tools read.
//!
//! The fields required by the version 1 schema (see `DESIGN.md`) are always present, in the
//! documented order; extra fields (scenario name, vehicle kind, stop names, trip arrival,
//! transfer distance, latest arrival) are added beside them. Floats are rounded to 3 decimals
//! so that the output is stable and diffable.

use serde::Serialize;

use crate::model::Scenario;
use crate::plan::Plan;

/// The `version` field written to `plan.json`.
pub const PLAN_JSON_VERSION: u32 = 1;

/// Rounds to 3 decimals (for stable output), mapping `-0` to `0`.
pub(crate) fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0 + 0.0
}

#[derive(Serialize)]
struct PlanDoc<'a> {
    version: u32,
    strategy: &'a str,
    seed: u64,
    scenario: &'a str,
    summary: SummaryDoc,
    routes: Vec<RouteDoc<'a>>,
    unassigned: Vec<UnassignedDoc<'a>>,
}

#[derive(Serialize)]
struct SummaryDoc {
    orders: usize,
    served: usize,
    unassigned: usize,
    couriers_used: usize,
    trips: usize,
    distance_km: f64,
    duration_min: f64,
    latest_arrival_min: Option<f64>,
}

#[derive(Serialize)]
struct RouteDoc<'a> {
    vehicle: &'a str,
    kind: &'a str,
    start_min: f64,
    end_min: f64,
    transfer_km: f64,
    distance_km: f64,
    trips: Vec<TripDoc<'a>>,
}

#[derive(Serialize)]
struct TripDoc<'a> {
    kitchen: &'a str,
    arrive_min: f64,
    depart_min: f64,
    return_min: f64,
    distance_km: f64,
    stops: Vec<StopDoc<'a>>,
}

#[derive(Serialize)]
struct StopDoc<'a> {
    site: &'a str,
    name: &'a str,
    arrive_min: f64,
    start_min: f64,
    depart_min: f64,
    orders: Vec<&'a str>,
}

#[derive(Serialize)]
struct UnassignedDoc<'a> {
    order: &'a str,
    reason: String,
}

fn document<'a>(scenario: &'a Scenario, plan: &'a Plan) -> PlanDoc<'a> {
    let summary = plan.summary(scenario.orders.len());
    PlanDoc {
        version: PLAN_JSON_VERSION,
        strategy: &plan.strategy,
        seed: plan.seed,
        scenario: &scenario.name,
        summary: SummaryDoc {
            orders: summary.orders,
            served: summary.served,
            unassigned: summary.unassigned,
            couriers_used: summary.couriers_used,
            trips: summary.trips,
            distance_km: round3(summary.distance_km),
            duration_min: round3(summary.duration_min),
            latest_arrival_min: summary.latest_arrival_min.map(round3),
        },
        routes: plan
            .routes
            .iter()
            .map(|route| {
                let vehicle = &scenario.fleet[route.vehicle];
                RouteDoc {
                    vehicle: &vehicle.id,
                    kind: &vehicle.kind,
                    start_min: round3(route.start_min),
                    end_min: round3(route.end_min),
                    transfer_km: round3(route.transfer_km),
                    distance_km: round3(route.distance_km()),
                    trips: route
                        .trips
                        .iter()
                        .map(|trip| TripDoc {
                            kitchen: &scenario.sites[trip.kitchen].id,
                            arrive_min: round3(trip.arrive_min),
                            depart_min: round3(trip.depart_min),
                            return_min: round3(trip.return_min),
                            distance_km: round3(trip.distance_km),
                            stops: trip
                                .stops
                                .iter()
                                .map(|stop| StopDoc {
                                    site: &scenario.sites[stop.site].id,
                                    name: &scenario.sites[stop.site].name,
                                    arrive_min: round3(stop.arrive_min),
                                    start_min: round3(stop.start_min),
                                    depart_min: round3(stop.depart_min),
                                    orders: stop
                                        .orders
                                        .iter()
                                        .map(|&o| scenario.orders[o].id.as_str())
                                        .collect(),
                                })
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect(),
        unassigned: plan
            .unassigned
            .iter()
            .map(|u| UnassignedDoc {
                order: &scenario.orders[u.order].id,
                reason: u.reason.to_string(),
            })
            .collect(),
    }
}

/// The plan as a `plan.json` version 1 document, with the scenario's ids.
///
/// The returned [`serde_json::Value`] holds its object keys sorted; use
/// [`plan_to_json_string`] for the file text, which keeps the documented field order.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_json(scenario: &Scenario, plan: &Plan) -> serde_json::Value {
    serde_json::to_value(document(scenario, plan)).expect("plan document serializes")
}

/// The text of `plan.json` (pretty-printed, fields in the documented order, newline at the end).
///
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_json_string(scenario: &Scenario, plan: &Plan) -> String {
    let mut text =
        serde_json::to_string_pretty(&document(scenario, plan)).expect("plan document serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    #[test]
    fn follows_version_1_schema() {
        let (scenario, plan) = sample();
        let json = plan_to_json(&scenario, &plan);
        assert_eq!(json["version"], 1);
        assert_eq!(json["strategy"], "manual");
        assert_eq!(json["seed"], 7);
        let summary = &json["summary"];
        assert_eq!(summary["orders"], 5);
        assert_eq!(summary["served"], 4);
        assert_eq!(summary["unassigned"], 1);
        assert_eq!(summary["couriers_used"], 1);
        assert_eq!(summary["trips"], 2);
        assert_eq!(summary["distance_km"], 32.0);
        assert_eq!(summary["duration_min"], 108.0);
        assert_eq!(summary["latest_arrival_min"], 660.0);

        let route = &json["routes"][0];
        assert_eq!(route["vehicle"], "R1");
        assert_eq!(route["kind"], "rider");
        assert_eq!(route["start_min"], 560.0);
        assert_eq!(route["end_min"], 668.0);
        let trip = &route["trips"][0];
        assert_eq!(trip["kitchen"], "K1");
        assert_eq!(trip["depart_min"], 575.0);
        assert_eq!(trip["return_min"], 619.0);
        assert_eq!(trip["distance_km"], 20.0);
        let stop = &trip["stops"][1];
        assert_eq!(stop["site"], "B");
        assert_eq!(stop["arrive_min"], 607.0);
        assert_eq!(stop["start_min"], 607.0);
        assert_eq!(stop["depart_min"], 609.0);
        assert_eq!(stop["orders"], serde_json::json!(["O2", "O3"]));

        assert_eq!(json["unassigned"][0]["order"], "O5");
        assert_eq!(
            json["unassigned"][0]["reason"],
            "no vehicle can carry 100 meal_box"
        );
    }

    #[test]
    fn text_keeps_documented_order_and_rounds() {
        let (scenario, mut plan) = sample();
        plan.routes[0].trips[0].distance_km = 20.000_000_4;
        plan.routes[0].trips[0].stops[0].arrive_min = 580.123_456;
        let text = plan_to_json_string(&scenario, &plan);
        let position = |key: &str| text.find(key).unwrap();
        assert!(position("\"version\"") < position("\"strategy\""));
        assert!(position("\"strategy\"") < position("\"seed\""));
        assert!(position("\"seed\"") < position("\"summary\""));
        assert!(position("\"summary\"") < position("\"routes\""));
        assert!(position("\"routes\"") < position("\"unassigned\": ["));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, plan_to_json(&scenario, &plan));
        assert_eq!(back["routes"][0]["trips"][0]["distance_km"], 20.0);
        assert_eq!(
            back["routes"][0]["trips"][0]["stops"][0]["arrive_min"],
            580.123
        );
    }

    #[test]
    fn rounds_to_three_decimals() {
        assert_eq!(round3(1.23456), 1.235);
        assert_eq!(round3(-0.0001), 0.0);
        assert!(round3(-0.0001).is_sign_positive());
    }
}
