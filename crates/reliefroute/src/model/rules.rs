//! The validation rules of a scenario, written once: the CSV reader (`io::scenario`) and the
//! [`ScenarioBuilder`](super::ScenarioBuilder) both apply them, each locating the problems
//! its own way (file, line and column; or part, position and field).
//!
//! Messages say what is wrong and what was expected; where they name the place sites or
//! couriers come from, it is passed in ([`Sources`]).

use super::SiteKind;

/// Where the sites and the couriers of a scenario come from, for messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources {
    /// Where sites are listed, such as `sites.csv`.
    pub sites: &'static str,
    /// Where couriers are listed, such as `fleet.csv`.
    pub fleet: &'static str,
}

/// A range rule for a number: what it must satisfy, and how to say so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberRule {
    /// Expected wording, such as `an average speed in km/h above 0`.
    pub expected: &'static str,
    /// Whether a finite value is valid.
    pub valid: fn(f64) -> bool,
}

impl NumberRule {
    /// Whether `v` is finite and valid.
    pub fn holds(&self, v: f64) -> bool {
        v.is_finite() && (self.valid)(v)
    }
}

/// A lower bound for a whole number, and how to say so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CountRule {
    /// The smallest valid value.
    pub min: u32,
    /// Expected wording, such as `a whole number of units, at least 1`.
    pub expected: &'static str,
}

/// A site's latitude (`y`) in degrees.
pub(crate) const LATITUDE: NumberRule = NumberRule {
    expected: "a latitude in degrees from -90 to 90",
    valid: |v| (-90.0..=90.0).contains(&v),
};

/// A site's longitude (`x`) in degrees.
pub(crate) const LONGITUDE: NumberRule = NumberRule {
    expected: "a longitude in degrees from -180 to 180",
    valid: |v| (-180.0..=180.0).contains(&v),
};

/// A site's service minutes per visit.
pub(crate) const SERVICE_MIN: NumberRule = NumberRule {
    expected: "minutes of service per visit, 0 or more",
    valid: |v| v >= 0.0,
};

/// A courier's average speed.
pub(crate) const SPEED_KMH: NumberRule = NumberRule {
    expected: "an average speed in km/h above 0",
    valid: |v| v > 0.0,
};

/// An order's freshness limit, when it has one.
pub(crate) const MAX_RIDE_MIN: NumberRule = NumberRule {
    expected: "a ride limit in minutes above 0, or empty for none",
    valid: |v| v > 0.0,
};

/// A site's waiting limit at the door, when it has one (0: no waiting at all).
pub(crate) const MAX_WAIT_MIN: NumberRule = NumberRule {
    expected: "a waiting limit in minutes, 0 or more, or empty for none",
    valid: |v| v >= 0.0,
};

/// The waiting limit of a site: its own (`max_wait_min` in `sites.csv`), else the scenario's
/// default (`[sites] max_wait_min` in `scenario.toml`), else none.
pub(crate) fn site_max_wait(own: Option<f64>, default: Option<f64>) -> Option<f64> {
    own.or(default)
}

/// An order's units.
pub(crate) const QUANTITY: CountRule = CountRule {
    min: 1,
    expected: "a whole number of units, at least 1",
};

/// An order's priority.
pub(crate) const PRIORITY: CountRule = CountRule {
    min: 0,
    expected: "a whole number, 0 or more (higher is more important; 0: optional)",
};

/// Units of a `supply.csv` row.
pub(crate) const SUPPLY_QUANTITY: CountRule = CountRule {
    min: 0,
    expected: "a whole number of units, 0 or more",
};

/// A courier's trips per shift.
pub(crate) const MAX_TRIPS: CountRule = CountRule {
    min: 1,
    expected: "a whole number of trips per shift, at least 1",
};

/// A courier's longest working day, when it has one.
pub(crate) const MAX_WORK_MIN: NumberRule = NumberRule {
    expected: "a working time limit in minutes above 0, or empty for none",
    valid: |v| v > 0.0,
};

/// Most breaks one courier may be owed (the planner tries every placement of them).
pub(crate) const MAX_BREAKS: usize = 3;

/// Expected wording for a courier's breaks.
pub(crate) const BREAKS_EXPECTED: &str = "expected breaks separated by spaces, each \
     HH:MM-HH:MM/minutes (a break of that many minutes within that span), e.g. 12:00-14:00/30";

/// The problems with a courier's breaks, if any: each fits its span, they do not overlap,
/// and there are at most [`MAX_BREAKS`].
pub(crate) fn break_problems(breaks: &[super::Break]) -> Vec<String> {
    let mut problems = Vec::new();
    for b in breaks {
        if !(b.minutes.is_finite() && b.minutes > 0.0) {
            problems.push(format!("break {b} lasts no time"));
        } else if !(b.span.start.is_finite() && b.span.end.is_finite())
            || b.span.start + b.minutes > b.span.end
        {
            problems.push(format!("break {b} does not fit in its span"));
        }
    }
    for pair in breaks.windows(2) {
        if pair[1].span.start < pair[0].span.end {
            problems.push(format!(
                "breaks {} and {} overlap or are out of order",
                pair[0], pair[1]
            ));
        }
    }
    if breaks.len() > MAX_BREAKS {
        problems.push(format!(
            "{} breaks; at most {MAX_BREAKS} per courier",
            breaks.len()
        ));
    }
    problems
}

/// Most alternative windows one order may have (the planner tries each).
pub(crate) const MAX_WINDOWS: usize = 4;

/// Expected wording for an order's alternative windows.
pub(crate) const WINDOWS_EXPECTED: &str = "expected up to 4 windows separated by spaces, \
     each HH:MM-HH:MM, in time order and apart, e.g. 11:30-12:30 13:30-14:00";

/// The problems with an order's alternative windows, if any: each opens before it closes,
/// they are in time order and do not overlap or touch, and there are at most
/// [`MAX_WINDOWS`].
pub(crate) fn windows_problems(windows: &[super::TimeWindow]) -> Vec<String> {
    let mut problems = Vec::new();
    for w in windows {
        if !(w.start.is_finite() && w.start >= 0.0 && w.end.is_finite() && w.start < w.end) {
            problems.push(format!("window {w} does not open before it closes"));
        }
    }
    for pair in windows.windows(2) {
        if pair[1].start <= pair[0].end {
            problems.push(format!(
                "windows {} and {} overlap or are out of order",
                pair[0], pair[1]
            ));
        }
    }
    if windows.len() > MAX_WINDOWS {
        problems.push(format!(
            "{} windows; at most {MAX_WINDOWS} per order",
            windows.len()
        ));
    }
    problems
}

/// The problem with an order giving both `windows` and `earliest` or `latest`, reported on
/// the latter.
pub(crate) const WINDOWS_AND_BOUNDS: &str = "is given along with 'windows'; expected it \
     empty: an order gives its window in 'earliest' and 'latest', or its alternatives in \
     'windows'";

/// The span of an order's alternative windows (the first start to the last end), which
/// [`Order::window`](super::Order::window) holds; `None` for no windows.
pub(crate) fn windows_span(windows: &[super::TimeWindow]) -> Option<super::TimeWindow> {
    Some(super::TimeWindow::new(
        windows.first()?.start,
        windows.last()?.end,
    ))
}

/// Expected wording for times.
pub(crate) const TIME_EXPECTED: &str = "expected HH:MM or minutes after midnight";

/// Expected wording for a capacity.
pub(crate) const CAPACITY_EXPECTED: &str =
    "expected item:quantity pairs separated by spaces, e.g. meal_box:20 veg_parcel:4";

/// Whether a window from `start` to `end` is in order (and neither is NaN).
pub(crate) fn window_in_order(start: f64, end: f64) -> bool {
    start <= end
}

/// The problem with a window that closes before it opens, reported on its end.
pub(crate) fn window_out_of_order(start_column: &str, start_text: &str) -> String {
    format!(
        "window closes before it opens; expected a time at or after '{start_column}' \
         ({start_text})"
    )
}

/// The problem with an id used before; `first` says where (`line 3`, `entry 2`).
pub(crate) fn duplicate_id(what: &str, first: &str) -> String {
    format!("is a duplicate; {what} id already used on {first}")
}

/// What a site reference is for: each role accepts some kinds of site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteRole {
    /// A courier's base: a kitchen.
    Base,
    /// The site receiving an order: not a kitchen.
    Receiver,
    /// The kitchen an order must be loaded at.
    Kitchen,
    /// The kitchen whose output a `supply.csv` row gives.
    Producer,
}

impl SiteRole {
    /// `Ok` if a site of `kind` may play this role, else the problem.
    pub fn check(self, kind: &SiteKind) -> Result<(), String> {
        match (self, kind) {
            (SiteRole::Receiver, SiteKind::Kitchen) => Err("is a kitchen; expected the id of a \
                 receiving site (orders go from a kitchen to a non-kitchen site)"
                .to_string()),
            (SiteRole::Receiver, _) | (_, SiteKind::Kitchen) => Ok(()),
            (SiteRole::Base, other) => Err(format!(
                "is not a kitchen (it is a {}); expected the id of a kitchen site, where the \
                 shift starts and ends",
                other.as_str()
            )),
            (SiteRole::Kitchen, other) => Err(format!(
                "is not a kitchen (it is a {}); expected the id of a kitchen site, or empty for \
                 any kitchen",
                other.as_str()
            )),
            (SiteRole::Producer, other) => Err(format!(
                "is not a kitchen (it is a {}); expected the id of the kitchen site that makes \
                 the item",
                other.as_str()
            )),
        }
    }

    /// The problem with an id that names no site in `sources.sites`.
    pub fn unknown(self, sources: Sources) -> String {
        let expected = match self {
            SiteRole::Base => "the id of a kitchen site",
            SiteRole::Receiver => "the id of a receiving site",
            SiteRole::Kitchen => "the id of a kitchen site, or empty for any kitchen",
            SiteRole::Producer => "the id of the kitchen site that makes the item",
        };
        format!("is not a site id in {}; expected {expected}", sources.sites)
    }
}

/// The problem with an order of an item no courier has capacity for.
pub(crate) fn not_carriable(item: &str, sources: Sources) -> String {
    format!(
        "no vehicle can carry item '{item}'; expected an item that some vehicle in {} has \
         capacity for",
        sources.fleet
    )
}

/// The problem with an item listed twice in one courier's capacity.
pub(crate) fn duplicate_item(item: &str) -> String {
    format!("item '{item}' is listed twice")
}

/// The problem with a courier's capacity that lists no item at all.
pub(crate) const NO_CAPACITY: &str = "no item:quantity pair";

/// Most distinct skills orders and sites may require in one scenario (the planner keeps
/// them in a 64-bit mask).
pub(crate) const MAX_SKILLS: usize = 64;

/// Expected wording for a list of skills.
pub(crate) const SKILLS_EXPECTED: &str =
    "expected skill names separated by spaces, e.g. car cold_chain";

/// The problem with one skill name, if any: a skill is one word.
pub(crate) fn skill_problem(skill: &str) -> Option<String> {
    if skill.is_empty() {
        Some("a skill has no name".to_string())
    } else if skill.chars().any(|c| c.is_whitespace() || c == ',') {
        Some(format!("'{skill}' is not one word"))
    } else {
        None
    }
}

/// The problem with more than [`MAX_SKILLS`] distinct required skills.
pub(crate) fn too_many_skills(count: usize) -> String {
    format!(
        "orders and sites require {count} distinct skills; expected at most {MAX_SKILLS} \
         (merge rare skills into broader ones)"
    )
}

/// The problem with a `courier` that names no courier in `sources.fleet`.
pub(crate) fn unknown_courier(sources: Sources) -> String {
    format!(
        "is not a courier id in {}; expected the id of the courier this order must go with, or \
         empty for any courier",
        sources.fleet
    )
}

/// The problem with a `supply.csv` item that no courier capacity or order names.
pub(crate) fn unknown_supply_item(item: &str, sources: Sources) -> String {
    format!(
        "item '{item}' is not carried by any courier in {} nor ordered; expected an item \
         name the scenario uses, such as meal_box",
        sources.fleet
    )
}
