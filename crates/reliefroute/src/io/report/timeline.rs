//! The timeline: one row per courier across the day (at the kitchen, on trips, waiting at
//! stops, between trips), and one row per kitchen with its departures.

use std::fmt::Write as _;

use super::html::{clock, duration, esc};
use super::palette::courier_colour;
use super::Report;

const LABEL: f64 = 90.0;
const CHART: f64 = 900.0;
const ROW: f64 = 18.0;
const AXIS: f64 = 22.0;

struct Scale {
    t0: f64,
    t1: f64,
}

impl Scale {
    fn x(&self, t: f64) -> f64 {
        LABEL + (t - self.t0) / (self.t1 - self.t0) * CHART
    }
}

/// A bar from `a` to `b` minutes on the row at `y`.
fn bar(
    out: &mut String,
    scale: &Scale,
    y: f64,
    (a, b): (f64, f64),
    class: &str,
    fill: &str,
    title: &str,
) {
    if b <= a {
        return;
    }
    let (x0, x1) = (scale.x(a), scale.x(b));
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"{fill}><title>{}</title></rect>",
        y + 3.0,
        (x1 - x0).max(0.5),
        ROW - 6.0,
        esc(title)
    );
}

/// The timeline section.
pub(crate) fn timeline_section(report: &Report) -> String {
    let s = report.scenario;
    let plan = report.plan;
    let mut out =
        String::from("<section id=\"timeline-section\" class=\"screen-only\"><h2>Timeline</h2>");
    if plan.routes.is_empty() {
        out.push_str("<p>No courier works in this plan.</p></section>\n");
        return out;
    }
    let start = plan
        .routes
        .iter()
        .map(|r| r.start_min)
        .fold(f64::INFINITY, f64::min);
    let end = plan
        .routes
        .iter()
        .map(|r| r.end_min)
        .fold(f64::NEG_INFINITY, f64::max);
    let t0 = (start / 60.0).floor() * 60.0;
    let t1 = ((end / 60.0).ceil() * 60.0).max(t0 + 60.0);
    let scale = Scale { t0, t1 };
    let kitchens: Vec<usize> = s
        .kitchens()
        .into_iter()
        .filter(|&k| {
            plan.routes
                .iter()
                .flat_map(|r| &r.trips)
                .any(|t| t.kitchen == k)
        })
        .collect();
    let rows = kitchens.len() + plan.routes.len();
    let height = AXIS + rows as f64 * ROW + 6.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"timeline\" class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {height:.0}\" role=\"img\" aria-label=\"Timeline per courier\">",
        LABEL + CHART + 10.0
    );
    // Hour grid.
    let hours = ((t1 - t0) / 60.0).round() as usize;
    let step = hours.div_ceil(16).max(1);
    for h in (0..=hours).step_by(step) {
        let t = t0 + h as f64 * 60.0;
        let x = scale.x(t);
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{height:.1}\"/><text class=\"hour\" x=\"{x:.1}\" y=\"14\">{}</text>",
            AXIS - 4.0,
            clock(t)
        );
    }
    let mut y = AXIS;
    // Kitchen departures.
    for &k in &kitchens {
        let site = &s.sites[k];
        let _ = write!(
            svg,
            "<g class=\"kitchen-row\"><text class=\"row-label\" x=\"4\" y=\"{:.1}\">{}</text>",
            y + ROW - 5.0,
            esc(&site.id)
        );
        let _ = write!(
            svg,
            "<rect class=\"kitchen-band\" x=\"{LABEL}\" y=\"{:.1}\" width=\"{CHART}\" height=\"{:.1}\"/>",
            y + 2.0,
            ROW - 4.0
        );
        for route in &plan.routes {
            let v = &s.fleet[route.vehicle];
            for (t, trip) in route
                .trips
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kitchen == k)
            {
                let x = scale.x(trip.depart_min);
                let orders: usize = trip.stops.iter().map(|st| st.orders.len()).sum();
                let _ = write!(
                    svg,
                    "<line class=\"departure\" data-courier=\"{}\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{}\"><title>{}</title></line>",
                    esc(&v.id),
                    y + 2.0,
                    y + ROW - 2.0,
                    courier_colour(route.vehicle),
                    esc(&format!(
                        "{} departure {}: courier {} trip {}, {} orders",
                        site.id,
                        clock(trip.depart_min),
                        v.id,
                        t + 1,
                        orders
                    ))
                );
            }
        }
        svg.push_str("</g>");
        y += ROW;
    }
    // Couriers.
    for route in &plan.routes {
        let v = &s.fleet[route.vehicle];
        let colour = courier_colour(route.vehicle);
        let fill = format!(" fill=\"{colour}\"");
        let _ = write!(
            svg,
            "<g class=\"row\" data-courier=\"{id}\"><text class=\"row-label\" x=\"4\" y=\"{:.1}\">{id}</text>",
            y + ROW - 5.0,
            id = esc(&v.id)
        );
        let _ = write!(
            svg,
            "<rect class=\"shift\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
            scale.x(v.shift.start.max(t0)),
            y + 5.0,
            (scale.x(v.shift.end.min(t1)) - scale.x(v.shift.start.max(t0))).max(0.0),
            ROW - 10.0,
            esc(&format!("shift of {}: {}–{}", v.id, clock(v.shift.start), clock(v.shift.end)))
        );
        let mut at = route.start_min;
        for (t, trip) in route.trips.iter().enumerate() {
            let what = if t == 0 {
                "from base to the kitchen"
            } else {
                "between trips"
            };
            bar(
                &mut svg,
                &scale,
                y,
                (at, trip.arrive_min),
                "gap",
                "",
                &format!("{}: {what}, {}–{}", v.id, clock(at), clock(trip.arrive_min)),
            );
            bar(
                &mut svg,
                &scale,
                y,
                (trip.arrive_min, trip.depart_min),
                "load",
                &fill,
                &format!(
                    "{} at {}: waiting and loading {}–{}",
                    v.id,
                    s.sites[trip.kitchen].id,
                    clock(trip.arrive_min),
                    clock(trip.depart_min)
                ),
            );
            let orders: usize = trip.stops.iter().map(|st| st.orders.len()).sum();
            bar(
                &mut svg,
                &scale,
                y,
                (trip.depart_min, trip.return_min),
                "trip-bar",
                &fill,
                &format!(
                    "{} trip {}: {} {}–{}, {} stops, {} orders, {:.1} km ({})",
                    v.id,
                    t + 1,
                    s.sites[trip.kitchen].id,
                    clock(trip.depart_min),
                    clock(trip.return_min),
                    trip.stops.len(),
                    orders,
                    trip.distance_km,
                    duration(trip.return_min - trip.depart_min)
                ),
            );
            for stop in &trip.stops {
                let site = &s.sites[stop.site];
                bar(
                    &mut svg,
                    &scale,
                    y,
                    (stop.arrive_min, stop.start_min),
                    "wait",
                    "",
                    &format!(
                        "{} waits at {} {}–{}",
                        v.id,
                        site.id,
                        clock(stop.arrive_min),
                        clock(stop.start_min)
                    ),
                );
                let x = scale.x(stop.start_min);
                let _ = write!(
                    svg,
                    "<line class=\"handover\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"><title>{}</title></line>",
                    y + 2.0,
                    y + ROW - 2.0,
                    esc(&format!("{} hands over at {} {} ({}, {} orders)", v.id, site.id, clock(stop.start_min), site.name, stop.orders.len()))
                );
            }
            at = trip.return_min;
        }
        bar(
            &mut svg,
            &scale,
            y,
            (at, route.end_min),
            "gap",
            "",
            &format!(
                "{}: back to base, {}–{}",
                v.id,
                clock(at),
                clock(route.end_min)
            ),
        );
        svg.push_str("</g>");
        y += ROW;
    }
    svg.push_str("</svg>");
    out.push_str("<p class=\"note\">Solid: on a trip (from leaving the kitchen to coming back); pale: at the kitchen, waiting for the food and loading; white: waiting at a stop for its window; dark ticks: handovers; grey: travel from the base, between kitchens and back, or idle; outline: the shift. The model has no breaks. Kitchen rows show each departure.</p>");
    out.push_str("<div class=\"timeline-wrap\">");
    out.push_str(&svg);
    out.push_str("</div></section>\n");
    out
}
