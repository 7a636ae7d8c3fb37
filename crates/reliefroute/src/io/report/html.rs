//! Small helpers for writing HTML by hand: escaping, times, quantities, statistics.

use std::fmt::Write as _;

use crate::model::{format_minutes, Order, Scenario, TimeWindow};

/// `text` safe for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and
/// `'` become character references.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A clock time, `HH:MM`.
pub(crate) fn clock(minutes: f64) -> String {
    format_minutes(minutes)
}

/// A duration as `H:MM`.
pub(crate) fn duration(minutes: f64) -> String {
    let total = minutes.round().max(0.0) as u64;
    format!("{}:{:02}", total / 60, total % 60)
}

/// A time window in words: `11:30–12:30`, `from 11:30`, `until 12:30` or `any time`.
pub(crate) fn window(w: TimeWindow) -> String {
    match (w.start > 0.0, w.end.is_finite()) {
        (true, true) => format!("{}–{}", clock(w.start), clock(w.end)),
        (true, false) => format!("from {}", clock(w.start)),
        (false, true) => format!("until {}", clock(w.end)),
        (false, false) => "any time".to_string(),
    }
}

/// An order's windows in words: its one [`window`], or its alternatives joined by `or`.
pub(crate) fn windows(order: &Order) -> String {
    let words: Vec<String> = order.allowed_windows().iter().map(|&w| window(w)).collect();
    words.join(" or ")
}

/// The window of `order` a handover at `start` is in (the nearest, for times rounded out
/// of it), in words.
pub(crate) fn window_used(order: &Order, start: f64) -> String {
    let off = |w: &&TimeWindow| (w.start - start).max(start - w.end).max(0.0);
    let used = order
        .allowed_windows()
        .iter()
        .min_by(|a, b| off(a).total_cmp(&off(b)));
    window(used.copied().unwrap_or(order.window))
}

/// Units per item over some orders, in item order: `(item index, units)`, items with units
/// only.
pub(crate) fn item_totals(
    scenario: &Scenario,
    orders: impl IntoIterator<Item = usize>,
) -> Vec<(usize, u64)> {
    let mut units = vec![0u64; scenario.items.len()];
    for o in orders {
        let order = &scenario.orders[o];
        units[order.item] += u64::from(order.quantity);
    }
    units
        .into_iter()
        .enumerate()
        .filter(|&(_, u)| u > 0)
        .collect()
}

/// Item totals as escaped HTML, `5 × meal_box, 2 × veg_parcel`.
pub(crate) fn items_html(scenario: &Scenario, totals: &[(usize, u64)]) -> String {
    let mut out = String::new();
    for (i, &(item, units)) in totals.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            "<b>{units}</b>&nbsp;×&nbsp;{}",
            esc(&scenario.items[item])
        );
    }
    out
}

/// Minimum, median (lower of the two middle values) and maximum; zeros when empty.
pub(crate) fn spread(values: &[f64]) -> (f64, f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    (sorted[0], median, sorted[n - 1])
}

/// An `id` attribute value made from a user id: ASCII letters, digits, `-` and `_` kept,
/// every other character as its code in hex between dots (so distinct ids stay distinct).
pub(crate) fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::from(prefix);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else {
            let _ = write!(out, ".{:x}.", c as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<b>Tom & "Jerry's"</b>"#),
            "&lt;b&gt;Tom &amp; &quot;Jerry&#39;s&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn spread_and_durations() {
        assert_eq!(spread(&[3.0, 1.0, 2.0]), (1.0, 2.0, 3.0));
        assert_eq!(spread(&[4.0, 1.0, 2.0, 3.0]), (1.0, 2.5, 4.0));
        assert_eq!(duration(125.0), "2:05");
        assert_eq!(anchor("m-", "R 1<"), "m-R.20.1.3c.");
    }

    #[test]
    fn alternative_windows_in_words() {
        let order = Order {
            window: TimeWindow::new(690.0, 840.0),
            windows: vec![TimeWindow::new(690.0, 750.0), TimeWindow::new(810.0, 840.0)],
            ..Order::new("O1", 1, 0, 1)
        };
        assert_eq!(windows(&order), "11:30–12:30 or 13:30–14:00");
        assert_eq!(window_used(&order, 820.0), "13:30–14:00");
        assert_eq!(window_used(&order, 700.0), "11:30–12:30");
        assert_eq!(
            window_used(&order, 809.8),
            "13:30–14:00",
            "rounded out of it"
        );
    }
}
