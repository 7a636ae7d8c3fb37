//! Minutes after midnight, and the `HH:MM` text form the scenario files use.

/// A closed interval of minutes after midnight, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeWindow {
    /// First minute allowed.
    pub start: f64,
    /// Last minute allowed.
    pub end: f64,
}

impl TimeWindow {
    /// The whole (possibly multi-day) horizon: any time is allowed.
    pub const ALWAYS: TimeWindow = TimeWindow {
        start: 0.0,
        end: f64::INFINITY,
    };

    /// A window from `start` to `end` minutes.
    pub fn new(start: f64, end: f64) -> TimeWindow {
        TimeWindow { start, end }
    }

    /// The overlap of two windows; `None` when they do not meet.
    pub fn intersect(self, other: TimeWindow) -> Option<TimeWindow> {
        let w = TimeWindow::new(self.start.max(other.start), self.end.min(other.end));
        (w.start <= w.end).then_some(w)
    }
}

/// Parses `HH:MM` (hours may exceed 23 for the next day) or plain minutes after midnight.
///
/// Returns `None` for anything else, including negative numbers and minutes above 59.
pub fn parse_minutes(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some((h, m)) = text.split_once(':') {
        let h: u32 = h.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        if m >= 60 || h > 72 {
            return None;
        }
        return Some(f64::from(h * 60 + m));
    }
    let v: f64 = text.parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// Formats minutes after midnight as `HH:MM`, rounding to the nearest minute.
pub fn format_minutes(minutes: f64) -> String {
    let total = minutes.round().max(0.0) as u64;
    format!("{:02}:{:02}", total / 60, total % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clock_and_plain_minutes() {
        assert_eq!(parse_minutes("11:30"), Some(690.0));
        assert_eq!(parse_minutes(" 25:05 "), Some(1505.0));
        assert_eq!(parse_minutes("90"), Some(90.0));
        assert_eq!(parse_minutes("12:60"), None);
        assert_eq!(parse_minutes("-5"), None);
        assert_eq!(parse_minutes("noon"), None);
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format_minutes(690.0), "11:30");
        assert_eq!(format_minutes(689.6), "11:30");
    }

    #[test]
    fn intersects() {
        let a = TimeWindow::new(10.0, 20.0);
        assert_eq!(
            a.intersect(TimeWindow::new(15.0, 30.0)),
            Some(TimeWindow::new(15.0, 20.0))
        );
        assert_eq!(a.intersect(TimeWindow::new(21.0, 30.0)), None);
    }
}
