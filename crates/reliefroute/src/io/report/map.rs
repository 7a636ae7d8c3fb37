//! The map: an inline SVG of the trips in their couriers' colours over the streets, with
//! kitchens, stops by kind, closures and unassigned orders, a legend and a courier filter.

use std::fmt::Write as _;

use geo::{Coord, LineString, Polygon};

use super::geometry::{Bounds, Projection};
use super::html::{clock, esc, window, window_used};
use super::palette::{courier_colour, Marker, KITCHEN, UNASSIGNED};
use super::Report;

/// Width of the map drawing in SVG user units (it scales to the page).
const WIDTH: f64 = 1000.0;
/// Largest height of the map drawing.
const MAX_HEIGHT: f64 = 760.0;

/// The bounds of everything the map shows: every site and every trip line.
pub(crate) fn plan_bounds(report: &Report) -> Bounds {
    let sites = report.scenario.sites.iter().map(|s| s.location);
    let lines = report.lines.iter().flatten().flatten().copied();
    Bounds::around(sites.chain(lines))
        .unwrap_or(Bounds {
            min: Coord { x: 0.0, y: 0.0 },
            max: Coord { x: 1.0, y: 1.0 },
        })
        .grown(0.04)
}

/// The text shown for one stop on hover and in the info panel.
fn stop_text(report: &Report, route: usize, trip: usize, stop: usize) -> String {
    let s = report.scenario;
    let r = &report.plan.routes[route];
    let st = &r.trips[trip].stops[stop];
    let site = &s.sites[st.site];
    let mut text = format!(
        "{} ({}, {})\ncourier {}, trip {}, stop {}\narrive {}, hand over {}–{}",
        site.name,
        site.id,
        site.kind.as_str(),
        s.fleet[r.vehicle].id,
        trip + 1,
        stop + 1,
        clock(st.arrive_min),
        clock(st.start_min),
        clock(st.depart_min)
    );
    for &o in &st.orders {
        let order = &s.orders[o];
        let _ = write!(
            text,
            "\n{}: {} × {}, window {}",
            order.id,
            order.quantity,
            s.items[order.item],
            window_used(order, st.start_min)
        );
    }
    text
}

fn polygon_d(projection: &Projection, polygon: &Polygon<f64>) -> String {
    let mut d = String::new();
    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        let points: Vec<Coord<f64>> = ring.coords().copied().collect();
        d.push_str(&projection.path_d(&points));
        d.push('Z');
    }
    d
}

fn line_d(projection: &Projection, line: &LineString<f64>) -> String {
    let points: Vec<Coord<f64>> = line.coords().copied().collect();
    projection.path_d(&points)
}

/// The map section: courier filter, the SVG, the info panel and the legend.
pub(crate) fn map_section(report: &Report) -> String {
    let s = report.scenario;
    let plan = report.plan;
    let bounds = plan_bounds(report);
    let projection = Projection::fit(s, bounds, WIDTH, MAX_HEIGHT, 12.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"map\" class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0} {:.0}\" role=\"img\" aria-label=\"Map of the plan\">",
        projection.width, projection.height
    );
    let _ = write!(
        svg,
        "<rect class=\"map-bg\" width=\"{:.0}\" height=\"{:.0}\"/>",
        projection.width, projection.height
    );

    // Base map: the network's streets within the map, faintly.
    if let Some(matrix) = report.matrix {
        let segments: Vec<[Coord<f64>; 2]> = matrix
            .streets()
            .into_iter()
            .map(|[a, b]| [Coord { x: a[0], y: a[1] }, Coord { x: b[0], y: b[1] }])
            .filter(|[a, b]| bounds.contains(*a) || bounds.contains(*b))
            .collect();
        if !segments.is_empty() {
            let _ = write!(
                svg,
                "<g class=\"streets\"><path d=\"{}\"/></g>",
                projection.segments_d(&segments)
            );
        }
    }

    // Closures.
    if let Some(closures) = report.matrix.and_then(|m| m.closures()) {
        if !closures.is_empty() {
            svg.push_str("<g class=\"closures\">");
            for polygon in closures.areas() {
                let _ = write!(
                    svg,
                    "<path class=\"closure-area\" d=\"{}\"><title>closed area</title></path>",
                    polygon_d(&projection, polygon)
                );
            }
            for line in closures.lines() {
                let _ = write!(
                    svg,
                    "<path class=\"closure-line\" d=\"{}\"><title>closed road</title></path>",
                    line_d(&projection, line)
                );
            }
            svg.push_str("</g>");
        }
    }

    // Trips: one path per trip.
    svg.push_str("<g class=\"trips\">");
    for (r, route) in plan.routes.iter().enumerate() {
        let vehicle = &s.fleet[route.vehicle];
        let colour = courier_colour(route.vehicle);
        for (t, trip) in route.trips.iter().enumerate() {
            let _ = write!(
                svg,
                "<path class=\"trip\" data-courier=\"{}\" data-trip=\"{}\" stroke=\"{colour}\" d=\"{}\"><title>{}</title></path>",
                esc(&vehicle.id),
                t + 1,
                projection.path_d(&report.lines[r][t]),
                esc(&format!(
                    "courier {} ({}), trip {}: leaves {} at {}, back {}, {} stops, {:.1} km",
                    vehicle.id,
                    vehicle.kind,
                    t + 1,
                    s.sites[trip.kitchen].id,
                    clock(trip.depart_min),
                    clock(trip.return_min),
                    trip.stops.len(),
                    trip.distance_km
                ))
            );
        }
    }
    svg.push_str("</g>");

    // Stops: one marker per visit, in the courier's colour, shaped by the site's kind.
    svg.push_str("<g class=\"stops\">");
    for (r, route) in plan.routes.iter().enumerate() {
        let vehicle = &s.fleet[route.vehicle];
        let colour = courier_colour(route.vehicle);
        for (t, trip) in route.trips.iter().enumerate() {
            for (k, stop) in trip.stops.iter().enumerate() {
                let site = &s.sites[stop.site];
                let (x, y) = projection.xy(site.location);
                let extra = format!(
                    " class=\"stop\" data-courier=\"{}\" data-site=\"{}\" tabindex=\"0\"",
                    esc(&vehicle.id),
                    esc(&site.id)
                );
                let inner = format!("<title>{}</title>", esc(&stop_text(report, r, t, k)));
                svg.push_str(&Marker::of(&site.kind).svg(x, y, 4.0, colour, &extra, &inner));
            }
        }
    }
    svg.push_str("</g>");

    // Unassigned orders: a red cross per site, listing the orders and reasons.
    let mut by_site: Vec<(usize, Vec<usize>)> = Vec::new();
    for (u, entry) in plan.unassigned.iter().enumerate() {
        let site = s.orders[entry.order].site;
        match by_site.iter_mut().find(|(s, _)| *s == site) {
            Some((_, list)) => list.push(u),
            None => by_site.push((site, vec![u])),
        }
    }
    if !by_site.is_empty() {
        svg.push_str("<g class=\"unassigned-sites\">");
        for (site_index, entries) in &by_site {
            let site = &s.sites[*site_index];
            let (x, y) = projection.xy(site.location);
            let mut text = format!(
                "{} ({}, {})\nNOT SERVED:",
                site.name,
                site.id,
                site.kind.as_str()
            );
            for &u in entries {
                let entry = &plan.unassigned[u];
                let order = &s.orders[entry.order];
                let _ = write!(
                    text,
                    "\n{}: {} × {}: {}",
                    order.id, order.quantity, s.items[order.item], entry.reason
                );
            }
            let d = 6.0;
            let _ = write!(
                svg,
                "<g class=\"unassigned\" data-site=\"{}\" tabindex=\"0\"><title>{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"#fff\" stroke=\"{UNASSIGNED}\"/><path d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\" stroke=\"{UNASSIGNED}\"/></g>",
                esc(&site.id),
                esc(&text),
                d + 2.0,
                x - d, y - d, x + d, y + d, x - d, y + d, x + d, y - d
            );
        }
        svg.push_str("</g>");
    }

    // Kitchens on top, with their ids.
    svg.push_str("<g class=\"kitchens\">");
    for k in s.kitchens() {
        let site = &s.sites[k];
        let (x, y) = projection.xy(site.location);
        let departures = plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .filter(|t| t.kitchen == k)
            .count();
        let extra = format!(
            " class=\"kitchen\" data-site=\"{}\" tabindex=\"0\"",
            esc(&site.id)
        );
        let inner = format!(
            "<title>{}</title>",
            esc(&format!(
                "{} ({}, kitchen)\nopen {}\n{} departures",
                site.name,
                site.id,
                window(site.hours),
                departures
            ))
        );
        svg.push_str(&Marker::Kitchen.svg(x, y, 5.0, KITCHEN, &extra, &inner));
        let _ = write!(
            svg,
            "<text class=\"kitchen-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 10.0,
            y + 4.0,
            esc(&site.id)
        );
    }
    svg.push_str("</g></svg>");

    let mut out = String::new();
    out.push_str("<section id=\"map-section\" class=\"screen-only\"><h2>Map</h2>");
    out.push_str("<div class=\"controls\"><label>Show <select id=\"courier-filter\"><option value=\"\">all couriers</option>");
    for route in &plan.routes {
        let id = esc(&s.fleet[route.vehicle].id);
        let _ = write!(out, "<option value=\"{id}\">courier {id}</option>");
    }
    out.push_str("</select></label>");
    let roads = report.matrix.is_some_and(|m| m.is_road());
    let _ = write!(
        out,
        "<span class=\"note\">{}; hover or click a stop for its orders and times; click a courier in the legend to show it alone.</span></div>",
        if roads {
            "trips follow the road network"
        } else {
            "trips drawn as straight legs"
        }
    );
    out.push_str("<div class=\"map-layout\"><div class=\"map-wrap\">");
    out.push_str(&svg);
    out.push_str("</div><aside class=\"side\"><div id=\"info\" class=\"info\" aria-live=\"polite\">Click a stop, kitchen or red cross for details.</div>");
    out.push_str(&legend(report));
    out.push_str("</aside></div></section>\n");
    out
}

/// The legend: couriers (clickable), marker shapes, unassigned orders and closures.
fn legend(report: &Report) -> String {
    let s = report.scenario;
    let mut out = String::from("<div class=\"legend\"><h3>Couriers</h3><ul class=\"couriers\">");
    for route in &report.plan.routes {
        let v = &s.fleet[route.vehicle];
        let orders: usize = route
            .trips
            .iter()
            .flat_map(|t| &t.stops)
            .map(|st| st.orders.len())
            .sum();
        let _ = write!(
            out,
            "<li><button type=\"button\" class=\"courier-key\" data-courier=\"{id}\"><span class=\"swatch\" style=\"background:{}\"></span>{id} <small>{} · {} trips · {} orders</small></button></li>",
            courier_colour(route.vehicle),
            esc(&v.kind),
            route.trips.len(),
            orders,
            id = esc(&v.id),
        );
    }
    out.push_str("</ul><h3>Sites</h3><ul class=\"shapes\">");
    for marker in Marker::ALL {
        let fill = if marker == Marker::Kitchen {
            KITCHEN
        } else {
            "#888"
        };
        let _ = write!(
            out,
            "<li><svg viewBox=\"0 0 20 20\" width=\"16\" height=\"16\">{}</svg>{}</li>",
            marker.svg(10.0, 10.0, 5.0, fill, "", ""),
            marker.label()
        );
    }
    let _ = write!(
        out,
        "<li><svg viewBox=\"0 0 20 20\" width=\"16\" height=\"16\"><circle cx=\"10\" cy=\"10\" r=\"8\" fill=\"#fff\" stroke=\"{UNASSIGNED}\" stroke-width=\"2\"/><path d=\"M4 4L16 16M4 16L16 4\" stroke=\"{UNASSIGNED}\" stroke-width=\"2\"/></svg>unassigned orders</li>"
    );
    if report
        .matrix
        .and_then(|m| m.closures())
        .is_some_and(|c| !c.is_empty())
    {
        out.push_str("<li><svg viewBox=\"0 0 20 20\" width=\"16\" height=\"16\"><rect class=\"closure-area\" x=\"2\" y=\"2\" width=\"16\" height=\"16\"/></svg>closed area or road</li>");
    }
    out.push_str("</ul></div>");
    out
}
