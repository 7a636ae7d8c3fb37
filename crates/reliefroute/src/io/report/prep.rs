//! Kitchen prep sheets: per kitchen, the departures in time order with what to pack for each
//! courier, and the units to have ready per hour.

use std::fmt::Write as _;

use super::html::{anchor, clock, esc, item_totals, items_html};
use super::palette::courier_colour;
use super::Report;

/// One loading at a kitchen: route index, trip index.
struct Departure {
    route: usize,
    trip: usize,
}

/// Every kitchen's prep sheet, in site order (kitchens without departures are listed at the
/// end in one line).
pub(crate) fn prep_section(report: &Report) -> String {
    let s = report.scenario;
    let plan = report.plan;
    let mut out =
        String::from("<section id=\"prep\"><h2 class=\"screen-only\">Kitchen prep sheets</h2>");
    let mut idle = Vec::new();
    for k in s.kitchens() {
        let site = &s.sites[k];
        let mut departures: Vec<Departure> = Vec::new();
        for (r, route) in plan.routes.iter().enumerate() {
            for (t, trip) in route.trips.iter().enumerate() {
                if trip.kitchen == k {
                    departures.push(Departure { route: r, trip: t });
                }
            }
        }
        if departures.is_empty() {
            idle.push(esc(&site.id));
            continue;
        }
        let trip_of = |d: &Departure| &plan.routes[d.route].trips[d.trip];
        let courier_of = |d: &Departure| &s.fleet[plan.routes[d.route].vehicle];
        departures.sort_by(|a, b| {
            trip_of(a)
                .depart_min
                .total_cmp(&trip_of(b).depart_min)
                .then_with(|| courier_of(a).id.cmp(&courier_of(b).id))
                .then(a.trip.cmp(&b.trip))
        });
        let _ = write!(
            out,
            "<section class=\"prep\" id=\"{}\"><h2>Kitchen prep sheet: {} <span class=\"site-id\">{}</span></h2><p>{} departures · {}</p>",
            anchor("prep-", &site.id),
            esc(&site.name),
            esc(&site.id),
            departures.len(),
            esc(&s.name)
        );
        out.push_str("<table class=\"prep-table\"><thead><tr><th>leave</th><th>courier arrives</th><th>courier</th><th>trip</th><th>pack</th><th>orders</th><th>food ready</th><th>first handover</th><th class=\"tick\">✓</th></tr></thead><tbody>");
        // Units per hour of departure, per item.
        let mut per_hour: Vec<(i64, Vec<u64>, usize)> = Vec::new();
        for d in &departures {
            let trip = trip_of(d);
            let v = courier_of(d);
            let orders: Vec<usize> = trip
                .stops
                .iter()
                .flat_map(|st| st.orders.iter().copied())
                .collect();
            let totals = item_totals(s, orders.iter().copied());
            let ready = orders
                .iter()
                .map(|&o| s.orders[o].ready)
                .fold(0.0, f64::max);
            let _ = write!(
                out,
                "<tr data-courier=\"{id}\"><td><b>{}</b></td><td>{}</td><td><span class=\"swatch\" style=\"background:{}\"></span>{id}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"tick\"><span class=\"box\"></span></td></tr>",
                clock(trip.depart_min),
                clock(trip.arrive_min),
                courier_colour(plan.routes[d.route].vehicle),
                d.trip + 1,
                items_html(s, &totals),
                orders.len(),
                if ready > 0.0 { clock(ready) } else { "–".to_string() },
                trip.stops.first().map_or_else(String::new, |st| clock(st.start_min)),
                id = esc(&v.id),
            );
            let hour = (trip.depart_min / 60.0).floor() as i64;
            let slot = match per_hour.iter().position(|(h, ..)| *h == hour) {
                Some(p) => p,
                None => {
                    per_hour.push((hour, vec![0; s.items.len()], 0));
                    per_hour.len() - 1
                }
            };
            for (item, units) in totals {
                per_hour[slot].1[item] += units;
            }
            per_hour[slot].2 += 1;
        }
        out.push_str("</tbody></table>");
        // Totals per hour, items that this kitchen sends at all.
        let used: Vec<usize> = (0..s.items.len())
            .filter(|&i| per_hour.iter().any(|(_, units, _)| units[i] > 0))
            .collect();
        out.push_str("<h3>Totals per hour of departure</h3><table class=\"prep-hours\"><thead><tr><th>hour</th><th>departures</th>");
        for &i in &used {
            let _ = write!(out, "<th>{}</th>", esc(&s.items[i]));
        }
        out.push_str("</tr></thead><tbody>");
        let mut all = vec![0u64; s.items.len()];
        let mut count = 0;
        for (hour, units, departures) in &per_hour {
            let _ = write!(
                out,
                "<tr><td>{}–{}</td><td>{departures}</td>",
                clock(*hour as f64 * 60.0),
                clock(*hour as f64 * 60.0 + 59.0)
            );
            for &i in &used {
                let _ = write!(out, "<td>{}</td>", units[i]);
                all[i] += units[i];
            }
            out.push_str("</tr>");
            count += departures;
        }
        let _ = write!(out, "<tr class=\"total\"><th>total</th><td>{count}</td>");
        for &i in &used {
            let _ = write!(out, "<td>{}</td>", all[i]);
        }
        out.push_str("</tr></tbody></table></section>");
    }
    if !idle.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">No departures from: {}.</p>",
            idle.join(", ")
        );
    }
    out.push_str("</section>\n");
    out
}
