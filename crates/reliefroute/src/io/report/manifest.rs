//! Courier manifests: one printable page (or more) per courier, with its trips in order, each
//! stop's time, place and what to hand over, a tick column, and a route sketch.

use std::fmt::Write as _;

use super::geometry::{Bounds, Projection};
use super::html::{anchor, clock, duration, esc, item_totals, items_html, window_used};
use super::palette::{courier_colour, KITCHEN};
use super::Report;
use crate::model::TravelModel;

/// The route sketch of one courier: its trips and numbered stops.
fn sketch(report: &Report, r: usize) -> String {
    let s = report.scenario;
    let route = &report.plan.routes[r];
    let points = report.lines[r].iter().flatten().copied();
    let Some(bounds) = Bounds::around(points) else {
        return String::new();
    };
    let projection = Projection::fit(s, bounds.grown(0.08), 340.0, 240.0, 8.0);
    let colour = courier_colour(route.vehicle);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"sketch\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"img\" aria-label=\"Route sketch\">",
        projection.width, projection.height
    );
    for (t, line) in report.lines[r].iter().enumerate() {
        let _ = write!(
            svg,
            "<path class=\"sketch-trip\" stroke=\"{colour}\"{} d=\"{}\"/>",
            if t % 2 == 1 {
                " stroke-dasharray=\"6 3\""
            } else {
                ""
            },
            projection.path_d(line)
        );
    }
    let mut number = 0;
    for trip in &route.trips {
        for stop in &trip.stops {
            number += 1;
            let (x, y) = projection.xy(s.sites[stop.site].location);
            let _ = write!(
                svg,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#fff\" stroke=\"{colour}\"/><text class=\"sketch-no\" x=\"{x:.1}\" y=\"{:.1}\">{number}</text>",
                y + 3.0
            );
        }
    }
    let mut kitchens: Vec<usize> = route.trips.iter().map(|t| t.kitchen).collect();
    kitchens.sort_unstable();
    kitchens.dedup();
    for k in kitchens {
        let (x, y) = projection.xy(s.sites[k].location);
        let _ = write!(
            svg,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{KITCHEN}\"/><text class=\"sketch-kitchen\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x - 5.0,
            y - 5.0,
            x + 8.0,
            y + 4.0,
            esc(&s.sites[k].id)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The place of a site in words: id, kind and coordinates.
fn place(report: &Report, site: usize) -> String {
    let site = &report.scenario.sites[site];
    let at = match report.scenario.travel {
        TravelModel::GreatCircle { .. } => {
            format!("{:.5}, {:.5}", site.location.y, site.location.x)
        }
        TravelModel::Planar(_) => format!("x {:.1}, y {:.1}", site.location.x, site.location.y),
    };
    format!(
        "<span class=\"site-id\">{}</span> <small>{} · {}</small>",
        esc(&site.id),
        esc(site.kind.as_str()),
        at
    )
}

/// Every courier's manifest, in plan order.
pub(crate) fn manifests_section(report: &Report) -> String {
    let s = report.scenario;
    let plan = report.plan;
    let mut out = String::from("<section id=\"manifests\"><h2 class=\"screen-only\">Courier manifests</h2><p class=\"screen-only note\">Printing this report gives one page (or more) per courier, then the kitchen prep sheets.</p>");
    for (r, route) in plan.routes.iter().enumerate() {
        let v = &s.fleet[route.vehicle];
        let orders: Vec<usize> = route
            .trips
            .iter()
            .flat_map(|t| &t.stops)
            .flat_map(|st| st.orders.iter().copied())
            .collect();
        let _ = write!(
            out,
            "<section class=\"manifest\" id=\"{}\" data-courier=\"{id}\"><h2><span class=\"swatch\" style=\"background:{}\"></span>Manifest: courier {id}</h2>",
            anchor("manifest-", &v.id),
            courier_colour(route.vehicle),
            id = esc(&v.id),
        );
        let _ = write!(
            out,
            "<div class=\"manifest-head\"><div><p><b>{}</b> ({}) · base {} {} · shift {}–{}</p><p>Leave base {} · back {} · {} working · {} trips · {} orders · {:.1} km</p><p class=\"scenario-name\">{}</p></div>{}</div>",
            esc(&v.id),
            esc(&v.kind),
            esc(&s.sites[v.base].id),
            esc(&s.sites[v.base].name),
            clock(v.shift.start),
            clock(v.shift.end),
            clock(route.start_min),
            clock(route.end_min),
            duration(route.end_min - route.start_min),
            route.trips.len(),
            orders.len(),
            route.distance_km(),
            esc(&s.name),
            sketch(report, r)
        );
        let mut number = 0;
        let rest_line = |out: &mut String, b: &crate::plan::PlannedBreak, off_duty: bool| {
            let _ = write!(
                out,
                "<p class=\"break\">Break {}–{} at {}{}</p>",
                clock(b.start_min),
                clock(b.end_min),
                esc(&s.sites[b.site].name),
                if off_duty { " (off duty)" } else { "" }
            );
        };
        for b in route.breaks.iter().filter(|b| b.end_min <= route.start_min) {
            rest_line(&mut out, b, true);
        }
        for (t, trip) in route.trips.iter().enumerate() {
            let kitchen = &s.sites[trip.kitchen];
            let at_work = |b: &&crate::plan::PlannedBreak| {
                b.end_min > route.start_min
                    && b.start_min < route.end_min
                    && b.site == trip.kitchen
                    && b.start_min >= trip.arrive_min
                    && b.end_min <= trip.depart_min
            };
            for b in route.breaks.iter().filter(at_work) {
                rest_line(&mut out, b, false);
            }
            let load = item_totals(
                s,
                trip.stops.iter().flat_map(|st| st.orders.iter().copied()),
            );
            let _ = write!(
                out,
                "<h3>Trip {}: load at {} <span class=\"site-id\">{}</span> from {}, leave {}, back {} · {:.1} km</h3><p class=\"load\">Load: {}</p>",
                t + 1,
                esc(&kitchen.name),
                esc(&kitchen.id),
                clock(trip.arrive_min),
                clock(trip.depart_min),
                clock(trip.return_min),
                trip.distance_km,
                items_html(s, &load)
            );
            out.push_str("<table class=\"manifest-table\"><thead><tr><th>#</th><th>time</th><th>site</th><th>place</th><th>hand over</th><th>orders (window)</th><th class=\"tick\">✓</th></tr></thead><tbody>");
            for stop in &trip.stops {
                number += 1;
                let site = &s.sites[stop.site];
                let totals = item_totals(s, stop.orders.iter().copied());
                let time = if stop.start_min - stop.arrive_min >= 0.5 {
                    format!(
                        "<b>{}</b><br><small>arrive {}</small>",
                        clock(stop.start_min),
                        clock(stop.arrive_min)
                    )
                } else {
                    format!("<b>{}</b>", clock(stop.start_min))
                };
                let order_list: Vec<String> = stop
                    .orders
                    .iter()
                    .map(|&o| {
                        let order = &s.orders[o];
                        format!(
                            "{} <small>{} × {} ({})</small>",
                            esc(&order.id),
                            order.quantity,
                            esc(&s.items[order.item]),
                            window_used(order, stop.start_min)
                        )
                    })
                    .collect();
                let _ = write!(
                    out,
                    "<tr><td>{number}</td><td>{time}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"tick\"><span class=\"box\"></span></td></tr>",
                    esc(&site.name),
                    place(report, stop.site),
                    items_html(s, &totals),
                    order_list.join("<br>")
                );
            }
            out.push_str("</tbody></table>");
        }
        for b in route.breaks.iter().filter(|b| b.start_min >= route.end_min) {
            rest_line(&mut out, b, true);
        }
        let _ = write!(
            out,
            "<p class=\"sign\">Back at base {} by {}. Signature: ____________________</p></section>",
            esc(&s.sites[v.base].id),
            clock(route.end_min)
        );
    }
    out.push_str("</section>\n");
    out
}
