//! `compare.html`: the strategies of a comparison side by side, as SVG bar charts and a table.

use std::fmt::Write as _;

use super::html::{duration, esc};
use super::page;
use super::palette::courier_colour;
use crate::model::Scenario;
use crate::plan::CheckedRun;

/// One chart: a title, a unit and a value per run.
struct Metric {
    title: &'static str,
    better: &'static str,
    value: fn(&CheckedRun) -> f64,
    label: fn(&CheckedRun) -> String,
}

const METRICS: [Metric; 6] = [
    Metric {
        title: "Orders served",
        better: "more is better",
        value: |r| r.summary.served as f64,
        label: |r| format!("{}/{}", r.summary.served, r.summary.orders),
    },
    Metric {
        title: "Couriers",
        better: "fewer is better",
        value: |r| r.summary.couriers_used as f64,
        label: |r| r.summary.couriers_used.to_string(),
    },
    Metric {
        title: "Trips",
        better: "fewer is better",
        value: |r| r.summary.trips as f64,
        label: |r| r.summary.trips.to_string(),
    },
    Metric {
        title: "Distance (km)",
        better: "less is better",
        value: |r| r.summary.distance_km,
        label: |r| format!("{:.1}", r.summary.distance_km),
    },
    Metric {
        title: "Working time (h:mm)",
        better: "less is better",
        value: |r| r.summary.duration_min,
        label: |r| duration(r.summary.duration_min),
    },
    Metric {
        title: "Time taken (s)",
        better: "wall clock of the strategy",
        value: |r| r.wall_s,
        label: |r| format!("{:.2}", r.wall_s),
    },
];

fn chart(metric: &Metric, runs: &[CheckedRun]) -> String {
    const LABEL: f64 = 80.0;
    const BAR: f64 = 180.0;
    const ROW: f64 = 22.0;
    let max = runs
        .iter()
        .map(metric.value)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let height = runs.len() as f64 * ROW + 8.0;
    let mut svg = format!(
        "<figure class=\"chart\"><figcaption><b>{}</b> <small>{}</small></figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {height:.0}\" role=\"img\" aria-label=\"{}\">",
        metric.title,
        metric.better,
        LABEL + BAR + 70.0,
        metric.title
    );
    for (i, run) in runs.iter().enumerate() {
        let value = (metric.value)(run);
        let width = if max > 0.0 && value.is_finite() {
            (value / max * BAR).max(1.0)
        } else {
            1.0
        };
        let y = 4.0 + i as f64 * ROW;
        let _ = write!(
            svg,
            "<text class=\"bar-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text><rect class=\"bar\" x=\"{LABEL}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {}</title></rect><text class=\"bar-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            LABEL - 6.0,
            y + ROW * 0.65,
            esc(&run.plan.strategy),
            ROW - 6.0,
            courier_colour(i),
            esc(&run.plan.strategy),
            esc(&(metric.label)(run)),
            LABEL + width + 4.0,
            y + ROW * 0.65,
            esc(&(metric.label)(run))
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

/// `compare.html` for `runs` of strategies on `scenario` (as `reliefroute compare` makes
/// them): one SVG bar chart per measure (served, couriers, trips, distance, working time,
/// time taken) with the strategies side by side, and the table. Self-contained like
/// [`report_html`](super::report_html); only "time taken" varies from run to run.
pub fn compare_html(scenario: &Scenario, runs: &[CheckedRun]) -> String {
    let mut body = format!(
        "<header><h1>Strategies compared: {}</h1><p>{} orders, {} couriers in the fleet, objective {}.</p></header><section class=\"charts\">",
        esc(&scenario.name),
        scenario.orders.len(),
        scenario.fleet.len(),
        scenario.solver.objective.as_str()
    );
    for metric in &METRICS {
        body.push_str(&chart(metric, runs));
    }
    body.push_str("</section><section><h2>Table</h2><table class=\"compare-table\"><thead><tr><th>strategy</th><th>served</th><th>couriers</th><th>trips</th><th>distance km</th><th>working time</th><th>time taken s</th><th>checker</th></tr></thead><tbody>");
    for run in runs {
        let s = &run.summary;
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}/{}</td><td>{}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>",
            esc(&run.plan.strategy),
            s.served,
            s.orders,
            s.couriers_used,
            s.trips,
            s.distance_km,
            duration(s.duration_min),
            run.wall_s,
            if run.feasible() { "feasible" } else { "<b>INFEASIBLE</b>" }
        );
    }
    body.push_str("</tbody></table></section>");
    page(
        &format!("Strategies compared: {}", scenario.name),
        false,
        &body,
    )
}
