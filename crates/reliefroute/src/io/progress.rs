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
    let text = read_text(path, &file)?;
    parse_progress(&file, &text, orders)
}

/// The text of the file at `path` (named `file` in errors).
fn read_text(path: &Path, file: &str) -> Result<String, ReplanInputError> {
    read_input_string(path).map_err(|e| ReplanInputError {
        place: file.to_string(),
        message: format!("cannot be read: {e}"),
    })
}

/// The JSON document `text` of the file named `file`.
fn parse_json(text: &str, file: &str) -> Result<serde_json::Value, ReplanInputError> {
    serde_json::from_str(text).map_err(|e| ReplanInputError {
        place: file.to_string(),
        message: format!("is not JSON: {e}"),
    })
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
    let text = read_text(plan, &file)?;
    let value = parse_json(&text, &file)?;
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
        breaks: Vec::new(),
        max_work_min: None,
        extra: Vec::new(),
    }
}

/// An order the scenario no longer has (cancelled), known by its id only.
fn stand_in_order(id: &str) -> Order {
    Order::new(id, 0, 0, 1)
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
    let value = parse_json(&read_text(path, &file)?, &file)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;
    use crate::plan::{replan, ReplanOptions};
    use crate::solver::{Budget, Nearest};
    use crate::travel::TravelMatrix;

    fn orders() -> HashSet<&'static str> {
        ["O1", "O2", "O3", "O4"].into_iter().collect()
    }

    #[test]
    fn progress_rows_are_read_and_bad_ones_named_by_line_and_field() {
        let text = "order,status,at\nO1,delivered,10:02\n\nO2, on_board ,10:05\n";
        let rows = parse_progress("p.csv", text, &orders()).expect("valid");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].status, OrderStatus::OnBoard);
        assert_eq!(rows[0].at_min, 602.0);
        let error = |text: &str| parse_progress("p.csv", text, &orders()).unwrap_err();
        let e = error("order,status,at\nO1,delivered,10:02\nO2,lost,10:05\n");
        assert_eq!(e.place, "p.csv line 3, field status");
        assert!(e.message.contains("expected delivered, failed or on_board"));
        assert_eq!(
            error("order,status,at\nO9,failed,10:00\n").place,
            "p.csv line 2, field order"
        );
        assert_eq!(
            error("order,status,at\nO1,failed,ten\n").place,
            "p.csv line 2, field at"
        );
        assert_eq!(
            error("order,status,at\nO1,,10:00\n").place,
            "p.csv line 2, field status"
        );
        assert_eq!(error("order,state,at\n").place, "p.csv line 1");
        assert_eq!(error("").place, "p.csv");
    }

    /// The sample's R1 at 10:05: O1 handed over at A (10:00), O2 and O3 on board for B,
    /// O4 waiting for trip 2. A report moves the courier on.
    /// `state` re-planned with `nearest` over straight lines.
    fn replanned(scenario: &Scenario, state: &PlanState) -> crate::plan::Replan {
        let matrix = TravelMatrix::straight_line(scenario);
        let budget = Budget::new(1.0, 1, 1);
        replan(
            scenario,
            &matrix,
            state,
            &Nearest,
            &budget,
            &ReplanOptions::default(),
        )
        .expect("a re-plan")
    }

    #[test]
    fn state_follows_the_plan_then_the_reports() {
        let (scenario, plan) = sample();
        let state = PlanState::new(&scenario, &plan, 605.0, &[]);
        assert_eq!(state.delivered, vec!["O1"]);
        let r1 = state.courier("R1").expect("R1 works");
        assert_eq!(
            (r1.site.as_str(), r1.free_min, r1.trips_started),
            ("A", 602.0, 1)
        );
        let trip = r1.under_way.as_ref().expect("trip 1 under way");
        assert_eq!((trip.kitchen.as_str(), trip.depart_min), ("K1", 575.0));
        assert_eq!(trip.on_board, vec!["O2", "O3"]);
        assert_eq!(r1.assigned, vec![("O4".to_string(), 660.0)]);

        let report = |order: &str, status, at_min| ProgressReport {
            order: order.to_string(),
            status,
            at_min,
        };
        let reports = [
            report("O1", OrderStatus::OnBoard, 605.0),
            report("O2", OrderStatus::Failed, 603.0),
        ];
        let state = PlanState::new(&scenario, &plan, 605.0, &reports);
        assert!(state.delivered.is_empty());
        assert_eq!(state.failed, vec!["O2"]);
        let r1 = state.courier("R1").expect("R1 works");
        assert_eq!((r1.site.as_str(), r1.free_min), ("B", 605.0));
        assert_eq!(
            r1.under_way.as_ref().expect("under way").on_board,
            vec!["O1", "O3"]
        );

        // Re-planned: O1 and O3 stay on R1's first trip, in that order, from B; O2 is
        // reported failed; the merged plan passes the checker.
        let done = replanned(&scenario, &state);
        assert_eq!(done.violations, Vec::new());
        let first = &done.plan.routes[0].trips[0];
        let carried: Vec<&str> = first
            .stops
            .iter()
            .flat_map(|s| &s.orders)
            .map(|&o| done.scenario.orders[o].id.as_str())
            .collect();
        assert_eq!(carried, ["O1", "O3"]);
        assert_eq!(first.depart_min, 575.0);
        assert!(first.stops[0].arrive_min >= 605.0);
        assert!(done.plan.unassigned.iter().any(|u| {
            done.scenario.orders[u.order].id == "O2"
                && u.reason == crate::plan::UnassignedReason::DeliveryFailed
        }));
    }

    /// A plan read back from plan.json has its times rounded to 3 decimals: an order on
    /// board whose handover was planned at its window's very end stays on board (found on
    /// the 10,000-order city, where 17 such orders were reported undeliverable at noon).
    #[test]
    fn an_order_handed_over_at_its_window_end_stays_on_board_after_rounding() {
        let (mut scenario, plan) = sample();
        let o3 = scenario
            .orders
            .iter()
            .position(|o| o.id == "O3")
            .expect("O3");
        let start = plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .flat_map(|t| &t.stops)
            .find(|s| s.orders.contains(&o3))
            .expect("O3 is served")
            .start_min;
        // As if the plan's times had been rounded up by 0.0004 min.
        scenario.orders[o3].window.end = start - 0.0004;
        let state = PlanState::new(&scenario, &plan, 605.0, &[]);
        let done = replanned(&scenario, &state);
        assert_eq!(done.violations, Vec::new());
        let left_out = |u: &crate::plan::Unassigned| done.scenario.orders[u.order].id == "O3";
        assert!(
            !done.plan.unassigned.iter().any(left_out),
            "{:?}",
            done.plan.unassigned
        );
    }
}
