//! `plan.json`, version 1: the plan in the users' ids, a contract other tools read.
//!
//! The fields required by the version 1 schema (see `DESIGN.md`) are always present, in the
//! documented order; extra fields (scenario name, vehicle kind, stop names, trip arrival,
//! transfer distance, latest arrival) are added beside them. Floats are rounded to 3 decimals
//! so that the output is stable and diffable.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::provenance::{InputDigest, Provenance};
use crate::model::Scenario;
use crate::plan::{
    Plan, PlannedBreak, PlannedRoute, PlannedStop, PlannedTrip, Unassigned, UnassignedReason,
};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a Provenance>,
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
    breaks: Vec<BreakDoc<'a>>,
}

#[derive(Serialize)]
struct BreakDoc<'a> {
    site: &'a str,
    start_min: f64,
    end_min: f64,
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

fn document<'a>(
    scenario: &'a Scenario,
    plan: &'a Plan,
    provenance: Option<&'a Provenance>,
) -> PlanDoc<'a> {
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
                    breaks: route
                        .breaks
                        .iter()
                        .map(|b| BreakDoc {
                            site: &scenario.sites[b.site].id,
                            start_min: round3(b.start_min),
                            end_min: round3(b.end_min),
                        })
                        .collect(),
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
        provenance,
    }
}

/// The plan as a `plan.json` version 1 document, with the scenario's ids.
///
/// The returned [`serde_json::Value`] holds its object keys sorted; use
/// [`plan_to_json_string`] for the file text, which keeps the documented field order.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_json(scenario: &Scenario, plan: &Plan) -> serde_json::Value {
    serde_json::to_value(document(scenario, plan, None)).expect("plan document serializes")
}

/// The text of `plan.json` (pretty-printed, fields in the documented order, newline at the end).
///
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_json_string(scenario: &Scenario, plan: &Plan) -> String {
    plan_to_json_string_with(scenario, plan, None)
}

/// As [`plan_to_json_string`], with a last field `provenance` (input digests, tool version,
/// time of planning) when given.
///
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn plan_to_json_string_with(
    scenario: &Scenario,
    plan: &Plan,
    provenance: Option<&Provenance>,
) -> String {
    let mut text = serde_json::to_string_pretty(&document(scenario, plan, provenance))
        .expect("plan document serializes");
    text.push('\n');
    text
}

/// Why `plan.json` could not be read back: the field (a path such as
/// `routes[0].trips[1].stops[2].arrive_min`) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{field}: {message}")]
pub struct PlanJsonError {
    /// The field's path in the document (`.` for the document itself).
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// A `plan.json` read back against its scenario: the plan in the scenario's indices and the
/// provenance recorded with it, if any.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PlanFile {
    /// The plan.
    pub plan: Plan,
    /// Input digests, tool version and time, when the file records them.
    pub provenance: Option<Provenance>,
}

/// Reads a `plan.json` this library wrote (version [`PLAN_JSON_VERSION`]) back into a
/// [`Plan`] of `scenario`, mapping its ids to the scenario's indices.
///
/// The file is read with the input limits (a regular file of at most
/// [`crate::MAX_INPUT_BYTES`]). Fields this reader does not need (names, summary) are not
/// checked; unassigned reasons are read back from their text where it is one this library
/// writes.
///
/// # Errors
///
/// A [`PlanJsonError`] naming the first field that is missing, of the wrong type, or names
/// an id the scenario does not have (the field `.` for a file that cannot be read or is
/// not JSON).
pub fn read_plan_json(path: &Path, scenario: &Scenario) -> Result<PlanFile, PlanJsonError> {
    let text = crate::travel::input::read_input_string(path).map_err(|e| PlanJsonError {
        field: ".".to_string(),
        message: format!("{} cannot be read: {e}", path.display()),
    })?;
    parse_plan_json(&text, scenario)
}

/// Parses the text of a `plan.json`, as [`read_plan_json`] does.
///
/// # Errors
///
/// See [`read_plan_json`].
pub fn parse_plan_json(text: &str, scenario: &Scenario) -> Result<PlanFile, PlanJsonError> {
    let value: Value = serde_json::from_str(text).map_err(|e| PlanJsonError {
        field: ".".to_string(),
        message: format!("is not JSON: {e}"),
    })?;
    let doc = Field {
        path: String::new(),
        value: &value,
    };
    let version = doc.get("version")?.u64()?;
    if version != u64::from(PLAN_JSON_VERSION) {
        return Err(doc
            .get("version")?
            .error(format!("is {version}; expected {PLAN_JSON_VERSION}")));
    }
    let orders: HashMap<&str, usize> = scenario
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let order = |f: &Field<'_>| {
        let id = f.str()?;
        orders
            .get(id)
            .copied()
            .ok_or_else(|| f.error(format!("{id:?} is not an order id of the scenario")))
    };
    let site = |f: &Field<'_>| {
        let id = f.str()?;
        scenario
            .site_index(id)
            .ok_or_else(|| f.error(format!("{id:?} is not a site id of the scenario")))
    };
    let mut routes = Vec::new();
    for r in doc.get("routes")?.array()? {
        let vehicle_field = r.get("vehicle")?;
        let id = vehicle_field.str()?;
        let vehicle = scenario
            .fleet
            .iter()
            .position(|v| v.id == id)
            .ok_or_else(|| vehicle_field.error(format!("{id:?} is not a vehicle id")))?;
        let mut trips = Vec::new();
        for t in r.get("trips")?.array()? {
            let mut stops = Vec::new();
            for s in t.get("stops")?.array()? {
                stops.push(PlannedStop {
                    site: site(&s.get("site")?)?,
                    arrive_min: s.get("arrive_min")?.f64()?,
                    start_min: s.get("start_min")?.f64()?,
                    depart_min: s.get("depart_min")?.f64()?,
                    orders: s
                        .get("orders")?
                        .array()?
                        .iter()
                        .map(order)
                        .collect::<Result<_, _>>()?,
                });
            }
            trips.push(PlannedTrip {
                kitchen: site(&t.get("kitchen")?)?,
                arrive_min: t.get("arrive_min")?.f64()?,
                depart_min: t.get("depart_min")?.f64()?,
                return_min: t.get("return_min")?.f64()?,
                distance_km: t.get("distance_km")?.f64()?,
                stops,
            });
        }
        // Plans written before breaks existed have none.
        let mut breaks = Vec::new();
        if r.value.get("breaks").is_some() {
            for b in r.get("breaks")?.array()? {
                breaks.push(PlannedBreak {
                    site: site(&b.get("site")?)?,
                    start_min: b.get("start_min")?.f64()?,
                    end_min: b.get("end_min")?.f64()?,
                });
            }
        }
        routes.push(PlannedRoute {
            vehicle,
            start_min: r.get("start_min")?.f64()?,
            end_min: r.get("end_min")?.f64()?,
            transfer_km: r.get("transfer_km")?.f64()?,
            trips,
            breaks,
        });
    }
    let mut unassigned = Vec::new();
    for u in doc.get("unassigned")?.array()? {
        let reason_field = u.get("reason")?;
        let text = reason_field.str()?;
        unassigned.push(Unassigned {
            order: order(&u.get("order")?)?,
            reason: parse_reason(text)
                .ok_or_else(|| reason_field.error(format!("{text:?} is not a known reason")))?,
        });
    }
    let provenance = match value.get("provenance") {
        None | Some(Value::Null) => None,
        Some(_) => {
            let p = doc.get("provenance")?;
            let planned_at = match p.value.get("planned_at") {
                None | Some(Value::Null) => None,
                Some(_) => Some(p.get("planned_at")?.str()?.to_string()),
            };
            Some(Provenance {
                tool: p.get("tool")?.str()?.to_string(),
                inputs: p
                    .get("inputs")?
                    .array()?
                    .iter()
                    .map(|i| {
                        Ok(InputDigest {
                            file: i.get("file")?.str()?.to_string(),
                            sha256: i.get("sha256")?.str()?.to_string(),
                        })
                    })
                    .collect::<Result<_, PlanJsonError>>()?,
                planned_at,
            })
        }
    };
    Ok(PlanFile {
        plan: Plan {
            strategy: doc.get("strategy")?.str()?.to_string(),
            seed: doc.get("seed")?.u64()?,
            routes,
            unassigned,
        },
        provenance,
    })
}

/// A reason as [`UnassignedReason`]'s `Display` writes it, read back.
fn parse_reason(text: &str) -> Option<UnassignedReason> {
    let same = |r: UnassignedReason| (r.to_string() == text).then_some(r);
    if let Some(rest) = text.strip_prefix("no vehicle can carry ") {
        let (quantity, item) = rest.split_once(' ')?;
        return Some(UnassignedReason::NoVehicleCanCarry {
            item: item.to_string(),
            quantity: quantity.parse().ok()?,
        });
    }
    if let Some(rest) = text.strip_prefix("no courier has the skills ") {
        return Some(UnassignedReason::MissingSkill {
            skills: rest.split_whitespace().map(str::to_string).collect(),
        });
    }
    if let Some(rest) = text.strip_prefix("pinned to courier ") {
        let (courier, why) = rest.split_once(", who cannot take it: ")?;
        return Some(UnassignedReason::PinnedCourierCannot {
            courier: courier.to_string(),
            why: Box::new(parse_reason(why)?),
        });
    }
    if let Some(rest) = text.strip_prefix("freshness limit unreachable: no kitchen is within ") {
        let minutes = rest.strip_suffix(" minutes")?.parse().ok()?;
        return Some(UnassignedReason::FreshnessUnreachable {
            max_ride_min: minutes,
        });
    }
    if let Some(rest) = text.strip_prefix("on board courier ") {
        if let Some(courier) = rest.strip_suffix(", who is no longer in the fleet") {
            return Some(UnassignedReason::CourierGone {
                courier: courier.to_string(),
            });
        }
        let (courier, _) = rest.split_once(", whose trip under way ")?;
        return same(UnassignedReason::OnBoardUndeliverable {
            courier: courier.to_string(),
        });
    }
    same(UnassignedReason::KitchenUnusable)
        .or_else(|| same(UnassignedReason::WindowUnreachable))
        .or_else(|| same(UnassignedReason::OutOfShift))
        .or_else(|| same(UnassignedReason::WorkingTime))
        .or_else(|| same(UnassignedReason::FleetExhausted))
        .or_else(|| same(UnassignedReason::OptionalNotWorthIt))
        .or_else(|| same(UnassignedReason::UnreachableClosedArea))
        .or_else(|| same(UnassignedReason::ReadyAfterWindow))
        .or_else(|| same(UnassignedReason::DeliveryFailed))
        .or_else(|| same(UnassignedReason::KitchenOutputExhausted))
}

/// A value in the document and its path, for errors naming the field.
struct Field<'v> {
    path: String,
    value: &'v Value,
}

impl<'v> Field<'v> {
    fn error(&self, message: impl Into<String>) -> PlanJsonError {
        PlanJsonError {
            field: if self.path.is_empty() {
                ".".to_string()
            } else {
                self.path.clone()
            },
            message: message.into(),
        }
    }

    fn get(&self, key: &str) -> Result<Field<'v>, PlanJsonError> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        match self.value.get(key) {
            Some(value) => Ok(Field { path, value }),
            None => Err(Field {
                path,
                value: &Value::Null,
            }
            .error("missing")),
        }
    }

    fn array(&self) -> Result<Vec<Field<'v>>, PlanJsonError> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.error("is not an array"))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Field {
                path: format!("{}[{i}]", self.path),
                value,
            })
            .collect())
    }

    fn str(&self) -> Result<&'v str, PlanJsonError> {
        self.value
            .as_str()
            .ok_or_else(|| self.error("is not a string"))
    }

    fn f64(&self) -> Result<f64, PlanJsonError> {
        self.value
            .as_f64()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.error("is not a number"))
    }

    fn u64(&self) -> Result<u64, PlanJsonError> {
        self.value
            .as_u64()
            .ok_or_else(|| self.error("is not a whole number of 0 or more"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    /// Issue 15, item 5: `check --plan` needs plan.json read back; every written plan reads
    /// back as itself (times rounded to 3 decimals), with its provenance.
    #[test]
    fn plan_json_reads_back() {
        let (scenario, plan) = sample();
        let provenance = Provenance {
            tool: "reliefroute 0.1.0".to_string(),
            inputs: vec![InputDigest {
                file: "sites.csv".to_string(),
                sha256: "ab".repeat(32),
            }],
            planned_at: None,
        };
        let text = plan_to_json_string_with(&scenario, &plan, Some(&provenance));
        let back = parse_plan_json(&text, &scenario).expect("reads back");
        assert_eq!(back.plan, plan);
        assert_eq!(back.provenance, Some(provenance));
        let plain =
            parse_plan_json(&plan_to_json_string(&scenario, &plan), &scenario).expect("reads back");
        assert_eq!(plain.provenance, None);
    }

    #[test]
    fn plan_json_errors_name_the_field() {
        let (scenario, plan) = sample();
        let text = plan_to_json_string(&scenario, &plan);
        let e = parse_plan_json(&text.replacen("\"R1\"", "\"R9\"", 1), &scenario)
            .expect_err("unknown vehicle");
        assert_eq!(e.field, "routes[0].vehicle");
        let e = parse_plan_json(&text.replacen("\"depart_min\"", "\"x\"", 2), &scenario)
            .expect_err("missing field");
        assert_eq!(
            e.to_string(),
            "routes[0].trips[0].stops[0].depart_min: missing"
        );
        let e = parse_plan_json("[1", &scenario).expect_err("not JSON");
        assert_eq!(e.field, ".");
    }

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
    fn skill_and_pinning_reasons_read_back() {
        let missing = UnassignedReason::MissingSkill {
            skills: vec!["car".to_string(), "cold_chain".to_string()],
        };
        let reasons = [
            missing.clone(),
            UnassignedReason::PinnedCourierCannot {
                courier: "R04".to_string(),
                why: Box::new(missing),
            },
            UnassignedReason::PinnedCourierCannot {
                courier: "C1".to_string(),
                why: Box::new(UnassignedReason::NoVehicleCanCarry {
                    item: "meal_box".to_string(),
                    quantity: 30,
                }),
            },
            UnassignedReason::PinnedCourierCannot {
                courier: "R1".to_string(),
                why: Box::new(UnassignedReason::FleetExhausted),
            },
            UnassignedReason::KitchenOutputExhausted,
        ];
        for reason in reasons {
            assert_eq!(parse_reason(&reason.to_string()), Some(reason));
        }
    }

    #[test]
    fn rounds_to_three_decimals() {
        assert_eq!(round3(1.23456), 1.235);
        assert_eq!(round3(-0.0001), 0.0);
        assert!(round3(-0.0001).is_sign_positive());
    }
}
