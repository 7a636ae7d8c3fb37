//! The summary table printed in the terminal after planning.

use std::fmt::Write as _;

use crate::model::{format_minutes, Scenario};
use crate::plan::{CheckedRun, Plan};

/// A duration in minutes as `h:mm`, rounded to the minute.
fn hours_minutes(minutes: f64) -> String {
    let total = minutes.round().max(0.0) as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// A readable plain-text table of the plan's totals and of each courier's work.
///
/// Shows orders served out of the total (and, when priorities differ, the priority-weighted
/// service), the unassigned orders with their reasons, couriers used out of the fleet, trips,
/// distance (km, 1 decimal), working time (`h:mm`, summed over couriers), the spread of
/// working days and of orders among couriers used, and the latest handover (`HH:MM`); then one
/// line per working courier with its id, kind, trips, stops, km and the part of the shift it
/// uses. Ends with a newline.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn summary_table(scenario: &Scenario, plan: &Plan) -> String {
    let summary = plan.summary(scenario.orders.len());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (strategy {}, seed {})",
        scenario.name, plan.strategy, plan.seed
    );
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "  {label:<16}{value}");
    };
    let weighted = plan.weighted_service(scenario);
    let served = format!("{} / {}", summary.served, summary.orders);
    line(
        "orders served",
        if scenario.orders.iter().any(|o| o.priority != 1) {
            format!(
                "{served}, weighted {} / {}",
                weighted.served, weighted.total
            )
        } else {
            served
        },
    );
    line("unassigned", summary.unassigned.to_string());
    line(
        "couriers used",
        format!("{} / {}", summary.couriers_used, scenario.fleet.len()),
    );
    line("trips", summary.trips.to_string());
    line("distance", format!("{:.1} km", summary.distance_km));
    line("working time", hours_minutes(summary.duration_min));
    if let Some((shortest, longest)) = summary.working_day_range_min {
        line(
            "working day",
            format!(
                "{} to {} (spread {})",
                hours_minutes(shortest),
                hours_minutes(longest),
                hours_minutes(longest - shortest)
            ),
        );
    }
    if let Some((fewest, most)) = summary.orders_per_courier {
        line(
            "orders/courier",
            format!("{fewest} to {most} (spread {})", most - fewest),
        );
    }
    line(
        "latest arrival",
        summary
            .latest_arrival_min
            .map_or_else(|| "-".to_string(), format_minutes),
    );
    if !plan.unassigned.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Unassigned orders:");
        let width = plan
            .unassigned
            .iter()
            .map(|u| scenario.orders[u.order].id.len())
            .max()
            .unwrap_or(0);
        for entry in &plan.unassigned {
            let _ = writeln!(
                out,
                "  {:<width$}  {}",
                scenario.orders[entry.order].id, entry.reason
            );
        }
    }
    if !plan.routes.is_empty() {
        let rows: Vec<[String; 6]> = plan
            .routes
            .iter()
            .map(|route| {
                let vehicle = &scenario.fleet[route.vehicle];
                let stops: usize = route.trips.iter().map(|t| t.stops.len()).sum();
                [
                    vehicle.id.clone(),
                    vehicle.kind.clone(),
                    route.trips.len().to_string(),
                    stops.to_string(),
                    format!("{:.1}", route.distance_km()),
                    format!(
                        "{}-{} ({})",
                        format_minutes(route.start_min),
                        format_minutes(route.end_min),
                        hours_minutes(route.end_min - route.start_min)
                    ),
                ]
            })
            .collect();
        let header = ["courier", "kind", "trips", "stops", "km", "shift used"];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.len());
            }
        }
        let _ = writeln!(out);
        let mut print = |cells: [&str; 6]| {
            let _ = writeln!(
                out,
                "  {:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {:>w4$}  {}",
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                cells[4],
                cells[5],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3],
                w4 = widths[4],
            );
        };
        print(header);
        for row in &rows {
            print([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]);
        }
    }
    out
}

/// A table of runs, one row per strategy: served, priority-weighted service, couriers, trips,
/// distance, duration (summed), the longest working day, wall time and feasibility.
pub fn comparison_table(runs: &[CheckedRun]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>9} {:>6} {:>12} {:>12} {:>8} {:>8} {:>9}",
        "strategy",
        "served",
        "weighted",
        "couriers",
        "trips",
        "distance",
        "duration",
        "longest",
        "wall_s",
        "feasible"
    );
    for run in runs {
        let s = &run.summary;
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>9} {:>9} {:>6} {:>12.1} {:>12.1} {:>8} {:>8.2} {:>9}",
            run.plan.strategy,
            format!("{}/{}", s.served, s.orders),
            format!("{}/{}", run.weighted.served, run.weighted.total),
            s.couriers_used,
            s.trips,
            s.distance_km,
            s.duration_min,
            s.working_day_range_min
                .map_or_else(|| "-".to_string(), |(_, longest)| hours_minutes(longest)),
            run.wall_s,
            if run.feasible() { "yes" } else { "NO" }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    #[test]
    fn shows_totals_unassigned_and_couriers() {
        let (scenario, plan) = sample();
        let table = summary_table(&scenario, &plan);
        assert!(table.contains("orders served   4 / 5"), "{table}");
        assert!(table.contains("unassigned      1"), "{table}");
        assert!(
            table.contains("O5  no vehicle can carry 100 meal_box"),
            "{table}"
        );
        assert!(table.contains("couriers used   1 / 2"), "{table}");
        assert!(table.contains("trips           2"), "{table}");
        assert!(table.contains("distance        32.0 km"), "{table}");
        assert!(table.contains("working time    1:48"), "{table}");
        assert!(table.contains("latest arrival  11:00"), "{table}");
        let courier = table
            .lines()
            .find(|l| l.trim_start().starts_with("R1"))
            .unwrap();
        let cells: Vec<&str> = courier.split_whitespace().collect();
        assert_eq!(
            cells,
            ["R1", "rider", "2", "3", "32.0", "09:20-11:08", "(1:48)"]
        );
    }

    /// Issue 15, item 7: an empty plan's summary said "-0.0 km" (an empty f64 sum is -0.0).
    #[test]
    fn empty_summary_has_no_negative_zero() {
        let (scenario, mut plan) = sample();
        plan.routes.clear();
        let table = summary_table(&scenario, &plan);
        assert!(!table.contains("-0"), "{table}");
        assert!(table.contains("distance        0.0 km"), "{table}");
    }

    #[test]
    fn formats_durations() {
        assert_eq!(hours_minutes(108.0), "1:48");
        assert_eq!(hours_minutes(5.4), "0:05");
        assert_eq!(hours_minutes(600.0), "10:00");
    }
}
