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

    /// Whether minute `t` is inside the window.
    pub fn contains(self, t: f64) -> bool {
        self.start <= t && t <= self.end
    }

    /// Parses `HH:MM-HH:MM` (each side as [`parse_minutes`] reads it); `None` if it is not
    /// of that form (whether it is in order is checked by the scenario's rules).
    pub fn parse(text: &str) -> Option<TimeWindow> {
        let (from, to) = text.split_once('-')?;
        Some(TimeWindow::new(parse_minutes(from)?, parse_minutes(to)?))
    }
}

impl std::fmt::Display for TimeWindow {
    /// `HH:MM-HH:MM`, the form [`TimeWindow::parse`] reads (an open end is `end of day`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = if self.end.is_finite() {
            format_minutes(self.end)
        } else {
            "end of day".to_string()
        };
        write!(f, "{}-{end}", format_minutes(self.start))
    }
}

/// A rest break a courier is owed: `minutes` off somewhere within `span`, written
/// `12:00-14:00/30` (as VROOM models breaks).
///
/// It is taken at a kitchen before loading a trip, never with orders on board, or at the base
/// within the shift before the courier leaves; a courier back at its base before the break
/// must start takes it off duty and owes nothing at work.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// When the break may start and must have ended.
    pub span: TimeWindow,
    /// Its length in minutes, above 0 and at most the span's length.
    pub minutes: f64,
}

impl Break {
    /// Latest start that still ends within the span.
    pub fn latest_start(&self) -> f64 {
        self.span.end - self.minutes
    }

    /// Parses one break, `HH:MM-HH:MM/minutes`; `None` if it is not of that form (its
    /// values are checked by the scenario's rules).
    pub fn parse(text: &str) -> Option<Break> {
        let (span, minutes) = text.split_once('/')?;
        let minutes: f64 = minutes.trim().parse().ok()?;
        Some(Break {
            span: TimeWindow::parse(span)?,
            minutes,
        })
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}/{}",
            format_minutes(self.span.start),
            format_minutes(self.span.end),
            self.minutes
        )
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
    fn parses_breaks() {
        let b = Break::parse("12:00-14:00/30").expect("a break");
        assert_eq!(b.span, TimeWindow::new(720.0, 840.0));
        assert_eq!((b.minutes, b.latest_start()), (30.0, 810.0));
        assert_eq!(b.to_string(), "12:00-14:00/30");
        for bad in ["12:00-14:00", "12:00/30", "12:00-xx/30", "12:00-14:00/half"] {
            assert_eq!(Break::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_and_prints_windows() {
        let w = TimeWindow::parse("11:30-12:30").expect("a window");
        assert_eq!(w, TimeWindow::new(690.0, 750.0));
        assert_eq!(w.to_string(), "11:30-12:30");
        assert!(w.contains(690.0) && w.contains(750.0) && !w.contains(750.5));
        for bad in ["11:30", "11:30-", "11:30-noon", "-12:00"] {
            assert_eq!(TimeWindow::parse(bad), None, "{bad}");
        }
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
