//! `routes.csv`: the drivers' manifest, one row per stop in visiting order.

use std::io;

use crate::model::{format_minutes, Scenario};
use crate::plan::Plan;

/// The header row of `routes.csv`.
pub const ROUTES_CSV_HEADER: [&str; 18] = [
    "vehicle",
    "vehicle_kind",
    "trip",
    "kitchen",
    "stop_no",
    "site",
    "site_name",
    "site_kind",
    "arrive",
    "start",
    "depart",
    "arrive_min",
    "start_min",
    "depart_min",
    "orders",
    "items",
    "lat",
    "lon",
];

/// Writes the manifest: a header, then one row per stop (courier, trip and stop numbers from 1).
///
/// After the [`ROUTES_CSV_HEADER`] columns come the input columns the planner does not use
/// ([`Site::extra`](crate::Site::extra) and the like), named `site.<column>`,
/// `order.<column>` and `courier.<column>`: the site's and the courier's value, and the
/// stop's orders' values separated by ` | ` (empty ones left out).
///
/// Times appear twice: as `HH:MM` for people and as minutes (3 decimals) for tools. `orders`
/// holds the order ids separated by spaces and `items` the units per item, such as
/// `meal_box:12 veg_parcel:1`. `lat`/`lon` are the site's `y`/`x` coordinates.
/// Panics if the plan holds indices outside the scenario (check it first).
pub fn write_routes_csv<W: io::Write>(
    writer: W,
    scenario: &Scenario,
    plan: &Plan,
) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(writer);
    let names = |extras: &mut dyn Iterator<Item = &Vec<(String, String)>>| {
        let mut names: Vec<String> = Vec::new();
        for (name, _) in extras.flatten() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    };
    let site_extra = names(&mut scenario.sites.iter().map(|s| &s.extra));
    let order_extra = names(&mut scenario.orders.iter().map(|o| &o.extra));
    let courier_extra = names(&mut scenario.fleet.iter().map(|v| &v.extra));
    let value = |extra: &[(String, String)], name: &str| {
        extra
            .iter()
            .find(|(n, _)| n == name)
            .map_or(String::new(), |(_, v)| v.clone())
    };
    let mut header: Vec<String> = ROUTES_CSV_HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(site_extra.iter().map(|n| format!("site.{n}")));
    header.extend(order_extra.iter().map(|n| format!("order.{n}")));
    header.extend(courier_extra.iter().map(|n| format!("courier.{n}")));
    out.write_record(&header)?;
    let number = |value: f64| format!("{}", (value * 1000.0).round() / 1000.0 + 0.0);
    for route in &plan.routes {
        let vehicle = &scenario.fleet[route.vehicle];
        for (t, trip) in route.trips.iter().enumerate() {
            let kitchen = &scenario.sites[trip.kitchen];
            for (s, stop) in trip.stops.iter().enumerate() {
                let site = &scenario.sites[stop.site];
                let orders: Vec<&str> = stop
                    .orders
                    .iter()
                    .map(|&o| scenario.orders[o].id.as_str())
                    .collect();
                let mut units = vec![0u64; scenario.items.len()];
                for &o in &stop.orders {
                    let order = &scenario.orders[o];
                    units[order.item] += u64::from(order.quantity);
                }
                let items: Vec<String> = units
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(i, n)| format!("{}:{n}", scenario.items[i]))
                    .collect();
                let mut record = vec![
                    vehicle.id.clone(),
                    vehicle.kind.clone(),
                    (t + 1).to_string(),
                    kitchen.id.clone(),
                    (s + 1).to_string(),
                    site.id.clone(),
                    site.name.clone(),
                    site.kind.as_str().to_string(),
                    format_minutes(stop.arrive_min),
                    format_minutes(stop.start_min),
                    format_minutes(stop.depart_min),
                    number(stop.arrive_min),
                    number(stop.start_min),
                    number(stop.depart_min),
                    orders.join(" "),
                    items.join(" "),
                    site.location.y.to_string(),
                    site.location.x.to_string(),
                ];
                record.extend(site_extra.iter().map(|n| value(&site.extra, n)));
                record.extend(order_extra.iter().map(|n| {
                    let values: Vec<String> = (stop.orders.iter())
                        .map(|&o| value(&scenario.orders[o].extra, n))
                        .filter(|v| !v.is_empty())
                        .collect();
                    values.join(" | ")
                }));
                record.extend(courier_extra.iter().map(|n| value(&vehicle.extra, n)));
                out.write_record(&record)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The text of `routes.csv` (see [`write_routes_csv`]).
pub fn routes_csv_string(scenario: &Scenario, plan: &Plan) -> String {
    let mut bytes = Vec::new();
    write_routes_csv(&mut bytes, scenario, plan).expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("csv of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::test_sample::sample;

    #[test]
    fn one_row_per_stop() {
        let (scenario, plan) = sample();
        let text = routes_csv_string(&scenario, &plan);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), ROUTES_CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let stops: usize = plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .map(|t| t.stops.len())
            .sum();
        assert_eq!(rows.len(), stops);
        assert_eq!(rows.len(), 3);

        let field = |row: &csv::StringRecord, name: &str| {
            let i = headers.iter().position(|h| h == name).unwrap();
            row[i].to_string()
        };
        let b = &rows[1];
        assert_eq!(field(b, "vehicle"), "R1");
        assert_eq!(field(b, "vehicle_kind"), "rider");
        assert_eq!(field(b, "trip"), "1");
        assert_eq!(field(b, "kitchen"), "K1");
        assert_eq!(field(b, "stop_no"), "2");
        assert_eq!(field(b, "site"), "B");
        assert_eq!(field(b, "site_name"), "Household B, flat 2");
        assert_eq!(field(b, "site_kind"), "household");
        assert_eq!(field(b, "arrive"), "10:07");
        assert_eq!(field(b, "start_min"), "607");
        assert_eq!(field(b, "orders"), "O2 O3");
        assert_eq!(field(b, "items"), "meal_box:3 veg_parcel:1");
        assert_eq!(field(b, "lat"), "8");
        assert_eq!(field(b, "lon"), "6");
        assert_eq!(field(&rows[2], "trip"), "2");
        assert_eq!(field(&rows[2], "start"), "11:00");
    }
}
