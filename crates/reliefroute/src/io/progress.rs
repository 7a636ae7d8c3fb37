//! Inputs of `replan`: `progress.csv` (what really happened to orders) and the plan being
//! carried out, read back into a [`PlanState`] against the scenario as it is now.

use std::collections::HashSet;
use std::path::Path;

use super::plan_json::parse_plan_json;
use crate::model::{parse_minutes, Order, Scenario, TimeWindow, Vehicle};
use crate::plan::{OrderStatus, PlanState, ProgressReport};
use crate::travel::input::read_input_string;

/// A problem with a `replan` input, naming the file, the line and field when there is one,
/// and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct ReplanInputError {
    /// `progress.csv line 4, field status`, or the file alone.
    pub place: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Reads `progress.csv` (columns `order,status,at`; status `delivered`, `failed` or
/// `on_board`; `at` as `HH:MM`), checking that each order is one `orders` knows.
///
/// # Errors
///
/// The first problem, with its file, line and field.
pub fn read_progress(
    path: &Path,
    orders: &HashSet<&str>,
) -> Result<Vec<ProgressReport>, ReplanInputError> {
    let file = path.display().to_string();
    let text = read_input_string(path).map_err(|e| ReplanInputError {
        place: file.clone(),
        message: format!("cannot be read: {e}"),
    })?;
    parse_progress(&file, &text, orders)
}

/// Parses the text of a `progress.csv` named `file` (see [`read_progress`]).
///
/// # Errors
///
/// See [`read_progress`].
pub fn parse_progress(
    file: &str,
    text: &str,
    orders: &HashSet<&str>,
) -> Result<Vec<ProgressReport>, ReplanInputError> {
    let error = |line: usize, field: &str, message: String| ReplanInputError {
        place: format!("{file} line {line}, field {field}"),
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let header: Vec<String> = match lines.next() {
        Some((_, l)) => l
            .split(',')
            .map(|c| c.trim().to_ascii_lowercase())
            .collect(),
        None => {
            return Err(ReplanInputError {
                place: file.to_string(),
                message: "is empty; expected the header order,status,at".to_string(),
            })
        }
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ReplanInputError {
                place: format!("{file} line 1"),
                message: format!("has no column {name}; expected the header order,status,at"),
            })
    };
    let (order, status, at) = (column("order")?, column("status")?, column("at")?);
    let mut reports = Vec::new();
    for (i, line) in lines {
        let number = i + 1;
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let cell = |c: usize, name: &str| {
            cells
                .get(c)
                .copied()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| error(number, name, "is empty; expected a value".to_string()))
        };
        let id = cell(order, "order")?;
        if !orders.contains(id) {
            return Err(error(
                number,
                "order",
                format!("{id:?} is not an order of the plan being carried out"),
            ));
        }
        let word = cell(status, "status")?;
        let parsed = OrderStatus::parse(word).ok_or_else(|| {
            error(
                number,
                "status",
                format!("{word:?} is not a status; expected delivered, failed or on_board"),
            )
        })?;
        let time = cell(at, "at")?;
        let at_min = parse_minutes(time).ok_or_else(|| {
            error(
                number,
                "at",
                format!("{time:?} is not a time; expected HH:MM"),
            )
        })?;
        reports.push(ProgressReport {
            order: id.to_string(),
            status: parsed,
            at_min,
        });
    }
    Ok(reports)
}

/// Reads the `plan.json` being carried out and `progress.csv` (if given) into the plan's
/// state at `at_min`, against `scenario` as it is now.
///
/// The plan may name couriers and orders the scenario no longer has (a courier sent home,
/// an order cancelled): they are kept in the state by id, so that re-planning reports what
/// they carried.
///
/// # Errors
///
/// The plan or the progress file cannot be read or names a site the scenario lacks, with
/// the file and field.
pub fn read_plan_state(
    plan: &Path,
    scenario: &Scenario,
    at_min: f64,
    progress: Option<&Path>,
) -> Result<PlanState, ReplanInputError> {
    let file = plan.display().to_string();
    let text = read_input_string(plan).map_err(|e| ReplanInputError {
        place: file.clone(),
        message: format!("cannot be read: {e}"),
    })?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| ReplanInputError {
        place: file.clone(),
        message: format!("is not JSON: {e}"),
    })?;
    // The scenario with a stand-in for every courier and order the plan names and the
    // scenario no longer has; only their ids are read.
    let mut then = scenario.clone();
    let routes = value.get("routes").and_then(|r| r.as_array());
    for route in routes.into_iter().flatten() {
        if let Some(id) = route.get("vehicle").and_then(|v| v.as_str()) {
            if !then.fleet.iter().any(|v| v.id == id) {
                then.fleet.push(stand_in_courier(id, scenario));
            }
        }
        let stops = (route
            .get("trips")
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten())
        .flat_map(|t| {
            t.get("stops")
                .and_then(|s| s.as_array())
                .into_iter()
                .flatten()
        });
        for stop in stops {
            let orders = stop.get("orders").and_then(|o| o.as_array());
            for id in orders.into_iter().flatten().filter_map(|o| o.as_str()) {
                if !then.orders.iter().any(|o| o.id == id) {
                    then.orders.push(stand_in_order(id));
                }
            }
        }
    }
    let unassigned = value.get("unassigned").and_then(|u| u.as_array());
    for entry in unassigned.into_iter().flatten() {
        if let Some(id) = entry.get("order").and_then(|o| o.as_str()) {
            if !then.orders.iter().any(|o| o.id == id) {
                then.orders.push(stand_in_order(id));
            }
        }
    }
    let parsed = parse_plan_json(&text, &then).map_err(|e| ReplanInputError {
        place: format!("{file} field {}", e.field),
        message: e.message,
    })?;
    let served: HashSet<&str> = parsed
        .plan
        .routes
        .iter()
        .flat_map(|r| &r.trips)
        .flat_map(|t| &t.stops)
        .flat_map(|s| &s.orders)
        .map(|&o| then.orders[o].id.as_str())
        .collect();
    let reports = match progress {
        Some(path) => read_progress(path, &served)?,
        None => Vec::new(),
    };
    Ok(PlanState::new(&then, &parsed.plan, at_min, &reports))
}

/// A courier the scenario no longer has, known by its id only.
fn stand_in_courier(id: &str, scenario: &Scenario) -> Vehicle {
    Vehicle {
        id: id.to_string(),
        kind: String::new(),
        base: scenario.kitchens().first().copied().unwrap_or(0),
        capacity: Vec::new(),
        shift: TimeWindow::ALWAYS,
        speed_kmh: 1.0,
        max_trips: 1,
        skills: Vec::new(),
        extra: Vec::new(),
    }
}

/// An order the scenario no longer has (cancelled), known by its id only.
fn stand_in_order(id: &str) -> Order {
    Order {
        id: id.to_string(),
        site: 0,
        item: 0,
        quantity: 1,
        window: TimeWindow::ALWAYS,
        kitchen: None,
        ready: 0.0,
        max_ride_min: None,
        priority: 1,
        requires: Vec::new(),
        courier: None,
        extra: Vec::new(),
    }
}

/// Reads a previous round's `plan.json` into the courier that served each site of
/// `scenario` (by index, `None` for a site it did not serve). Couriers and sites the
/// scenario no longer has are skipped; the round's orders are not read (a new round has
/// new orders).
///
/// # Errors
///
/// The file cannot be read, is not JSON, or lacks the routes' `vehicle` or stops' `site`.
pub fn read_previous_round(
    path: &Path,
    scenario: &Scenario,
) -> Result<Vec<Option<usize>>, ReplanInputError> {
    let file = path.display().to_string();
    let error = |field: String, message: &str| ReplanInputError {
        place: format!("{file} field {field}"),
        message: message.to_string(),
    };
    let text = read_input_string(path).map_err(|e| ReplanInputError {
        place: file.clone(),
        message: format!("cannot be read: {e}"),
    })?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| ReplanInputError {
        place: file.clone(),
        message: format!("is not JSON: {e}"),
    })?;
    let routes = value["routes"]
        .as_array()
        .ok_or_else(|| error("routes".to_string(), "is missing; expected an array"))?;
    let mut by_site = vec![None; scenario.sites.len()];
    for (r, route) in routes.iter().enumerate() {
        let id = route["vehicle"].as_str().ok_or_else(|| {
            error(
                format!("routes[{r}].vehicle"),
                "is missing; expected a courier id",
            )
        })?;
        let Some(v) = scenario.fleet.iter().position(|c| c.id == id) else {
            continue;
        };
        let trips = route["trips"].as_array().into_iter().flatten();
        for (t, trip) in trips.enumerate() {
            for (s, stop) in trip["stops"].as_array().into_iter().flatten().enumerate() {
                let site = stop["site"].as_str().ok_or_else(|| {
                    error(
                        format!("routes[{r}].trips[{t}].stops[{s}].site"),
                        "is missing; expected a site id",
                    )
                })?;
                if let Some(i) = scenario.site_index(site) {
                    by_site[i].get_or_insert(v);
                }
            }
        }
    }
    Ok(by_site)
}
