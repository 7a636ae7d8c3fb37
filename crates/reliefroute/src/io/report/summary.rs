//! The summary: totals, the spread of work over couriers, and the unassigned orders with
//! their reasons.

use std::fmt::Write as _;

use super::html::{anchor, clock, duration, esc, spread, windows};
use super::palette::courier_colour;
use super::Report;

/// The summary section (printed as the first page too).
pub(crate) fn summary_section(report: &Report) -> String {
    let s = report.scenario;
    let plan = report.plan;
    let sum = plan.summary(s.orders.len());
    let mut out =
        String::from("<section id=\"summary\"><h2>Summary</h2><table class=\"totals\"><tbody>");
    let rows: [(&str, String); 8] = [
        ("Orders served", {
            let served = format!("{} of {}", sum.served, sum.orders);
            let weighted = plan.weighted_service(s);
            if s.orders.iter().any(|o| o.priority != 1) {
                format!(
                    "{served} (priority-weighted {} of {})",
                    weighted.served, weighted.total
                )
            } else {
                served
            }
        }),
        ("Unassigned orders", sum.unassigned.to_string()),
        (
            "Couriers working",
            format!("{} of {}", sum.couriers_used, s.fleet.len()),
        ),
        ("Trips", sum.trips.to_string()),
        ("Distance", format!("{:.1} km", sum.distance_km)),
        ("Working time, all couriers", duration(sum.duration_min)),
        (
            "Last handover",
            sum.latest_arrival_min
                .map_or_else(|| "–".to_string(), clock),
        ),
        (
            "Strategy, seed",
            format!("{}, {}", plan.strategy, plan.seed),
        ),
    ];
    for (label, value) in rows {
        let _ = write!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(&value));
    }
    out.push_str("</tbody></table>");

    // Spread of work.
    let hours: Vec<f64> = plan
        .routes
        .iter()
        .map(|r| r.end_min - r.start_min)
        .collect();
    let orders: Vec<f64> = plan
        .routes
        .iter()
        .map(|r| {
            r.trips
                .iter()
                .flat_map(|t| &t.stops)
                .map(|st| st.orders.len())
                .sum::<usize>() as f64
        })
        .collect();
    let trips: Vec<f64> = plan.routes.iter().map(|r| r.trips.len() as f64).collect();
    let km: Vec<f64> = plan.routes.iter().map(|r| r.distance_km()).collect();
    out.push_str("<h3>Work per courier</h3><table class=\"spread\"><thead><tr><th></th><th>min</th><th>median</th><th>max</th></tr></thead><tbody>");
    let (a, m, b) = spread(&hours);
    let _ = write!(
        out,
        "<tr><th>working time</th><td>{}</td><td>{}</td><td>{}</td></tr>",
        duration(a),
        duration(m),
        duration(b)
    );
    for (label, values, digits) in [
        ("orders", &orders, 0),
        ("trips", &trips, 0),
        ("distance, km", &km, 1),
    ] {
        let (a, m, b) = spread(values);
        let _ = write!(out, "<tr><th>{label}</th><td>{a:.digits$}</td><td>{m:.digits$}</td><td>{b:.digits$}</td></tr>");
    }
    out.push_str("</tbody></table>");

    out.push_str("<details class=\"screen-only\"><summary>Every courier</summary><table class=\"couriers-table\"><thead><tr><th>courier</th><th>kind</th><th>base</th><th>leaves</th><th>back</th><th>working</th><th>trips</th><th>orders</th><th>km</th></tr></thead><tbody>");
    for (r, route) in plan.routes.iter().enumerate() {
        let v = &s.fleet[route.vehicle];
        let _ = write!(
            out,
            "<tr data-courier=\"{id}\"><td><span class=\"swatch\" style=\"background:{}\"></span><a href=\"#{}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1}</td></tr>",
            courier_colour(route.vehicle),
            anchor("manifest-", &v.id),
            esc(&v.kind),
            esc(&s.sites[v.base].id),
            clock(route.start_min),
            clock(route.end_min),
            duration(hours[r]),
            route.trips.len(),
            orders[r],
            route.distance_km(),
            id = esc(&v.id),
        );
    }
    out.push_str("</tbody></table></details>");

    // Unassigned orders.
    let _ = write!(
        out,
        "<h3 id=\"unassigned\">Unassigned orders ({})</h3>",
        plan.unassigned.len()
    );
    if plan.unassigned.is_empty() {
        out.push_str("<p>Every order is served.</p>");
    } else {
        out.push_str("<table class=\"unassigned-table\"><thead><tr><th>order</th><th>site</th><th>name</th><th>what</th><th>window</th><th>reason</th></tr></thead><tbody>");
        for entry in &plan.unassigned {
            let order = &s.orders[entry.order];
            let site = &s.sites[order.site];
            let _ = write!(
                out,
                "<tr class=\"unassigned-order\"><td>{}</td><td>{}</td><td>{}</td><td>{} × {}</td><td>{}</td><td class=\"reason\">{}</td></tr>",
                esc(&order.id),
                esc(&site.id),
                esc(&site.name),
                order.quantity,
                esc(&s.items[order.item]),
                windows(order),
                esc(&entry.reason.to_string())
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
    out
}
