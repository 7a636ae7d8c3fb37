//! `report.html`: the plan as people read it, in one self-contained file.
//!
//! One HTML file with inline CSS, inline SVG and a little vanilla JavaScript; nothing is
//! fetched from the network, so it opens offline in any browser. Sections, one idea per
//! module:
//!
//! - [`map`]: the trips in their couriers' colours (along the roads when the plan was made
//!   on a road network, over the network's streets drawn faintly), kitchens, stops by kind,
//!   closures and unassigned orders; hover or click for details; a courier can be shown alone.
//! - [`timeline`]: one row per courier across the day, and the kitchens' departures.
//! - [`summary`]: totals, the spread of work per courier, unassigned orders with reasons.
//! - [`manifest`]: one printable manifest per courier (a print stylesheet starts each on a
//!   new page), with a route sketch and a tick column.
//! - [`prep`]: per kitchen, the departures with what to pack, and totals per hour.
//!
//! The output depends only on the scenario, the matrix and the plan (no clock, no random
//! numbers): the same plan gives byte-identical HTML. Every user string is HTML-escaped.

mod compare;
mod geometry;
mod html;
mod manifest;
mod map;
mod palette;
mod prep;
mod summary;
mod timeline;

use geo::Coord;

use crate::model::Scenario;
use crate::plan::Plan;
use crate::travel::TravelMatrix;

pub use compare::compare_html;
pub(crate) use geometry::site_line;
pub use palette::courier_colour;
pub(crate) use palette::{maki_symbol, UNASSIGNED as UNASSIGNED_COLOUR};

use geometry::trip_sites;
use html::esc;

/// The stylesheet of every page (screen and print).
const STYLE: &str = include_str!("style.css");
/// The script of `report.html`: stop details, courier filter.
const SCRIPT: &str = include_str!("script.js");

/// What every section reads: the inputs and each trip's line, computed once.
pub(crate) struct Report<'a> {
    scenario: &'a Scenario,
    matrix: Option<&'a TravelMatrix>,
    plan: &'a Plan,
    /// Per route, per trip: the line kitchen -> stops -> kitchen, along roads when known.
    lines: Vec<Vec<Vec<Coord<f64>>>>,
}

/// The plan as one self-contained HTML page (`report.html`): map, timeline, summary with
/// unassigned orders, courier manifests and kitchen prep sheets.
///
/// With a road `matrix` (the one the plan was made with), trips follow the road paths, the
/// network's streets are drawn as a faint base map and its closures are shaded; with a
/// straight-line matrix, trips are drawn as straight legs. The page needs no network access;
/// printing it gives one page (or more) per courier manifest, then one per kitchen prep
/// sheet. Deterministic: the same inputs give the same bytes.
///
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn report_html(scenario: &Scenario, matrix: &TravelMatrix, plan: &Plan) -> String {
    render(scenario, Some(matrix), plan)
}

/// [`report_html`] with straight legs and no base map when there is no matrix at hand.
pub(crate) fn render(scenario: &Scenario, matrix: Option<&TravelMatrix>, plan: &Plan) -> String {
    let lines = plan
        .routes
        .iter()
        .map(|route| {
            route
                .trips
                .iter()
                .map(|trip| site_line(scenario, matrix, route.vehicle, &trip_sites(trip)))
                .collect()
        })
        .collect();
    let report = Report {
        scenario,
        matrix,
        plan,
        lines,
    };
    let summary = plan.summary(scenario.orders.len());
    let mut body = format!(
        "<header><h1>{}</h1><p>{} of {} orders served by {} couriers in {} trips · {} unassigned · strategy {} · <a class=\"screen-only\" href=\"#manifests\">manifests</a> · <a class=\"screen-only\" href=\"#prep\">kitchen prep sheets</a> · <a class=\"screen-only\" href=\"#unassigned\">unassigned</a></p></header>",
        esc(&scenario.name),
        summary.served,
        summary.orders,
        summary.couriers_used,
        summary.trips,
        summary.unassigned,
        esc(&plan.strategy)
    );
    body.push_str(&map::map_section(&report));
    body.push_str(&timeline::timeline_section(&report));
    body.push_str(&summary::summary_section(&report));
    body.push_str(&manifest::manifests_section(&report));
    body.push_str(&prep::prep_section(&report));
    page(&format!("Relief plan: {}", scenario.name), true, &body)
}

/// A whole page around `body`, with the stylesheet and, if `script`, the report's script.
fn page(title: &str, script: bool, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + SCRIPT.len() + 400);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"reliefroute\">\n");
    out.push_str(&format!("<title>{}</title>\n<style>\n", esc(title)));
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(body);
    if script {
        out.push_str("\n<script>\n");
        out.push_str(SCRIPT);
        out.push_str("</script>");
    }
    out.push_str("\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    #[test]
    fn one_path_per_trip_and_deterministic() {
        let (scenario, plan) = sample();
        let matrix = TravelMatrix::straight_line(&scenario);
        let html = report_html(&scenario, &matrix, &plan);
        assert_eq!(html.matches("<path class=\"trip\"").count(), 2);
        assert_eq!(html, report_html(&scenario, &matrix, &plan));
        assert!(html.contains("id=\"manifest-R1\""));
        assert!(html.contains("no vehicle can carry 100 meal_box"));
        assert!(html.contains("Household B, flat 2"));
    }
}
