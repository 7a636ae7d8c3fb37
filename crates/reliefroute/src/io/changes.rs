//! `changes.json` and `changes.csv`: what a re-plan changed, courier by courier.

use serde_json::{json, Value};

use super::plan_json::round3;
use crate::model::format_minutes;
use crate::plan::{Changes, OrderChange};

/// The header of `changes.csv`.
pub const CHANGES_CSV_HEADER: &str = "courier,change,order,other_courier,old_time,new_time";

/// The five kinds of change, as named in both files, with each courier's list of them.
fn kinds(c: &crate::plan::CourierChanges) -> [(&'static str, &[OrderChange]); 5] {
    [
        ("added", &c.added),
        ("dropped", &c.dropped),
        ("moved_in", &c.moved_in),
        ("moved_out", &c.moved_out),
        ("retimed", &c.retimed),
    ]
}

/// `changes.json`: totals, then per courier its lists of changes (times in minutes after
/// midnight, 3 decimals, `null` when unknown).
pub fn changes_to_json(changes: &Changes) -> Value {
    let couriers: Vec<Value> = changes
        .couriers
        .iter()
        .map(|c| {
            let mut entry = serde_json::Map::new();
            entry.insert("courier".to_string(), json!(c.courier));
            for (kind, list) in kinds(c) {
                let items: Vec<Value> = list
                    .iter()
                    .map(|o| {
                        json!({
                            "order": o.order,
                            "other_courier": o.other,
                            "old_min": o.old_min.map(round3),
                            "new_min": o.new_min.map(round3),
                        })
                    })
                    .collect();
                entry.insert(kind.to_string(), Value::Array(items));
            }
            Value::Object(entry)
        })
        .collect();
    json!({
        "kept": changes.kept,
        "moved": changes.moved,
        "couriers": couriers,
    })
}

/// `changes.csv`: one row per change ([`CHANGES_CSV_HEADER`]), times as `HH:MM`.
pub fn changes_csv_string(changes: &Changes) -> String {
    let mut out = String::from(CHANGES_CSV_HEADER);
    out.push('\n');
    let time = |t: Option<f64>| t.map(format_minutes).unwrap_or_default();
    for c in &changes.couriers {
        for (kind, list) in kinds(c) {
            for o in list {
                out.push_str(&format!(
                    "{},{kind},{},{},{},{}\n",
                    c.courier,
                    o.order,
                    o.other.as_deref().unwrap_or(""),
                    time(o.old_min),
                    time(o.new_min)
                ));
            }
        }
    }
    out
}

/// The changes in words, for the terminal: totals, then one line per courier.
pub fn changes_summary(changes: &Changes) -> String {
    let mut out = format!(
        "changes: {} orders keep their courier, {} moved\n",
        changes.kept, changes.moved
    );
    for c in &changes.couriers {
        let parts: Vec<String> = kinds(c)
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(kind, list)| {
                let ids: Vec<&str> = list.iter().map(|o| o.order.as_str()).collect();
                format!(
                    "{} {} ({})",
                    list.len(),
                    kind.replace('_', " "),
                    ids.join(" ")
                )
            })
            .collect();
        out.push_str(&format!("  {}: {}\n", c.courier, parts.join(", ")));
    }
    out
}
