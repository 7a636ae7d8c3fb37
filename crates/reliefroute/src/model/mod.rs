//! The domain model: sites, items, orders, the fleet and the scenario that holds them.
//!
//! Everything here is plain data with indices into the scenario's own vectors, so that a
//! [`Scenario`] can be built by the CSV reader, by a benchmark reader, with the validating
//! [`ScenarioBuilder`] or by hand in code. The validation rules the reader and the builder
//! share are in `rules`; the errors both return in `error`.

mod builder;
mod error;
pub(crate) mod rules;
mod time;

pub use builder::{CourierSpec, OrderSpec, ScenarioBuilder, SupplySpec};
pub use error::{InputError, ScenarioError, MAX_SHOWN_ERRORS};
pub use time::{format_minutes, parse_minutes, Break, TimeWindow};

use std::path::PathBuf;

use geo::Coord;

/// What a site is. Kitchens load orders; every other kind only receives them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SiteKind {
    /// A volunteer kitchen or depot where couriers load and reload.
    Kitchen,
    /// A road checkpoint whose duty staff receive meal boxes.
    Checkpoint,
    /// A household (for example a medical worker's) receiving parcels.
    Household,
    /// A care home receiving masks or other supplies.
    CareHome,
    /// A remote village.
    Village,
    /// A kind this version does not know by name; kept as written.
    Other(String),
}

impl SiteKind {
    /// Parses the `kind` column of `sites.csv`; unknown words become [`SiteKind::Other`].
    pub fn parse(text: &str) -> SiteKind {
        match text.trim().to_ascii_lowercase().as_str() {
            "kitchen" | "depot" => SiteKind::Kitchen,
            "checkpoint" => SiteKind::Checkpoint,
            "household" => SiteKind::Household,
            "care_home" => SiteKind::CareHome,
            "village" => SiteKind::Village,
            other => SiteKind::Other(other.to_string()),
        }
    }

    /// The word written in `sites.csv` for this kind.
    pub fn as_str(&self) -> &str {
        match self {
            SiteKind::Kitchen => "kitchen",
            SiteKind::Checkpoint => "checkpoint",
            SiteKind::Household => "household",
            SiteKind::CareHome => "care_home",
            SiteKind::Village => "village",
            SiteKind::Other(word) => word,
        }
    }
}

/// A place on the map: a kitchen, or a stop that receives orders.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The user's identifier, unique among sites.
    pub id: String,
    /// What the site is.
    pub kind: SiteKind,
    /// A human-readable name for manifests.
    pub name: String,
    /// Where it is: `x` is longitude and `y` latitude in degrees for real scenarios, plain
    /// plane coordinates for benchmark instances (see [`TravelModel`]).
    pub location: Coord<f64>,
    /// Minutes spent at each visit: handing over at a stop, loading at a kitchen.
    pub service_min: f64,
    /// Opening hours: service starts (or loading starts, at a kitchen) within them.
    pub hours: TimeWindow,
    /// Skills every courier serving an order here must have (`requires` in `sites.csv`),
    /// on top of the order's own.
    pub requires: Vec<String>,
    /// Longest a courier may wait at the door here, from arriving to starting the handover
    /// (`max_wait_min` in `sites.csv`, or `[sites] max_wait_min` in `scenario.toml` for
    /// sites without their own); `None` for no limit. The courier leaves the kitchen later
    /// instead (see the README, "Waiting at the door").
    pub max_wait_min: Option<f64>,
    /// Columns of `sites.csv` the planner does not use (name, value), carried to
    /// `routes.csv`.
    pub extra: Vec<(String, String)>,
}

/// A request to carry `quantity` units of one item from a kitchen to a site.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    /// The user's identifier, unique among orders.
    pub id: String,
    /// Index of the receiving site in [`Scenario::sites`].
    pub site: usize,
    /// Index of the item in [`Scenario::items`].
    pub item: usize,
    /// Units of the item, at least 1.
    pub quantity: u32,
    /// When the order may be handed over (service start at the stop); with alternative
    /// [`Order::windows`], their span (the first start to the last end).
    pub window: TimeWindow,
    /// Alternative windows (`windows` in `orders.csv`), in time order and apart: the order
    /// is handed over within one of them. Empty for an order with the one [`Order::window`];
    /// read them through [`Order::allowed_windows`].
    pub windows: Vec<TimeWindow>,
    /// Index of the kitchen that must load it, or `None` for any kitchen.
    pub kitchen: Option<usize>,
    /// Minute from which the order is ready at the kitchen (a trip carrying it leaves no earlier).
    pub ready: f64,
    /// Freshness limit: at most this many minutes from leaving the kitchen to handover.
    pub max_ride_min: Option<f64>,
    /// Higher is more important; unserved orders cost in proportion. 0 marks an optional
    /// order: served only where it costs little (see the README, "Priorities and optional
    /// orders").
    pub priority: u32,
    /// Skills the courier must have (`requires` in `orders.csv`); a courier's kind counts as
    /// one of its skills. The site's [`Site::requires`] apply too.
    pub requires: Vec<String>,
    /// Index of the courier in [`Scenario::fleet`] that must carry it (`courier` in
    /// `orders.csv`), or `None` for any courier.
    pub courier: Option<usize>,
    /// Columns of `orders.csv` the planner does not use (name, value), carried to
    /// `routes.csv`.
    pub extra: Vec<(String, String)>,
}

/// A courier (e-bike rider, car, van) with its capacities and shift.
///
/// The type keeps its older name; the documentation calls it a courier throughout. Build one
/// with [`CourierSpec`] and [`ScenarioBuilder`], or write the struct (a capacity list shorter
/// than [`Scenario::items`] means 0 for the missing items).
#[derive(Debug, Clone, PartialEq)]
pub struct Vehicle {
    /// The user's identifier, unique in the fleet.
    pub id: String,
    /// Free-form kind such as `rider` or `car`; later also selects the road profile.
    pub kind: String,
    /// Index of the home kitchen in [`Scenario::sites`]: the shift starts and ends there.
    pub base: usize,
    /// Units it can carry per item, indexed like [`Scenario::items`] (0 means it cannot).
    pub capacity: Vec<u32>,
    /// When the courier is on duty: leaves the base no earlier, is back no later.
    pub shift: TimeWindow,
    /// Average travel speed in km/h (distance units per hour in benchmarks).
    pub speed_kmh: f64,
    /// How many trips (loads from a kitchen) the courier may make in the shift, at least 1.
    pub max_trips: u32,
    /// Skills besides its kind (`skills` in `fleet.csv`), such as `cold_chain` or `medical`.
    pub skills: Vec<String>,
    /// Rest breaks owed during the shift (`breaks` in `fleet.csv`), in time order.
    pub breaks: Vec<Break>,
    /// Longest working day in minutes, from leaving the base to being back
    /// (`max_work_min` in `fleet.csv`), breaks at work included; `None` for no limit.
    pub max_work_min: Option<f64>,
    /// Columns of `fleet.csv` the planner does not use (name, value), carried to
    /// `routes.csv`.
    pub extra: Vec<(String, String)>,
}

impl Order {
    /// `quantity` units of item `item` (indices into the scenario) for site `site`: handed
    /// over at any time, loadable at any kitchen, ready at once, no freshness limit, priority
    /// 1, no skills, any courier. Set other fields with struct update syntax.
    pub fn new(id: impl Into<String>, site: usize, item: usize, quantity: u32) -> Order {
        Order {
            id: id.into(),
            site,
            item,
            quantity,
            window: TimeWindow::ALWAYS,
            windows: Vec::new(),
            kitchen: None,
            ready: 0.0,
            max_ride_min: None,
            priority: 1,
            requires: Vec::new(),
            courier: None,
            extra: Vec::new(),
        }
    }

    /// The windows the order may be handed over in: its [`Order::windows`], or its one
    /// [`Order::window`] when it has no alternatives.
    pub fn allowed_windows(&self) -> &[TimeWindow] {
        if self.windows.is_empty() {
            std::slice::from_ref(&self.window)
        } else {
            &self.windows
        }
    }
}

impl Vehicle {
    /// Whether the courier has `skill`: its kind or one of its [`Vehicle::skills`].
    pub fn has_skill(&self, skill: &str) -> bool {
        self.kind == skill || self.skills.iter().any(|s| s == skill)
    }
}

/// Units of one item a kitchen makes ready over a period (a row of `supply.csv`).
///
/// Output accrues evenly from `period.start` to `period.end` (all of it at `period.start`
/// when the two are equal); what is not picked up stays available, and rows for the same
/// kitchen and item add up (they may overlap). A kitchen and item with no rows is unlimited.
#[derive(Debug, Clone, PartialEq)]
pub struct Supply {
    /// Index of the kitchen in [`Scenario::sites`].
    pub kitchen: usize,
    /// Index of the item in [`Scenario::items`].
    pub item: usize,
    /// When the units are made: evenly over this period.
    pub period: TimeWindow,
    /// Units made over the period.
    pub quantity: u32,
}

/// How travel distances are derived from site locations when no road network is given.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum TravelModel {
    /// Great-circle distance between lon/lat points, in km, times a detour factor.
    GreatCircle {
        /// Ratio of road to straight-line distance (1.3 by default).
        detour_factor: f64,
    },
    /// Euclidean distance in the plane, rounded per arc as a benchmark set requires.
    Planar(Rounding),
}

impl Default for TravelModel {
    fn default() -> Self {
        TravelModel::GreatCircle { detour_factor: 1.3 }
    }
}

/// Per-arc rounding of planar distances, one per benchmark convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rounding {
    /// Plain double precision (Solomon hierarchical tables).
    Exact,
    /// Truncated to one decimal, `floor(10 d) / 10` (DIMACS / CVRPLIB VRPTW).
    TruncateOneDecimal,
    /// Rounded to the nearest integer, `floor(d + 0.5)` (TSPLIB `EUC_2D`, CVRPLIB X).
    NearestInteger,
}

impl Rounding {
    /// Applies the convention to one arc length.
    pub fn apply(self, d: f64) -> f64 {
        match self {
            Rounding::Exact => d,
            Rounding::TruncateOneDecimal => (10.0 * d + 1e-9).floor() / 10.0,
            Rounding::NearestInteger => (d + 0.5).floor(),
        }
    }
}

/// What the planner minimises once as many (priority-weighted) orders as possible are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Objective {
    /// Fewest couriers, then fewest trips, then least distance (the relief default and the
    /// hierarchical Solomon objective).
    #[default]
    CouriersFirst,
    /// Least total distance, with any number of couriers the fleet has (DIMACS / CVRPLIB).
    Distance,
    /// Fair shares: the shortest possible longest working day (a courier's shift used, from
    /// leaving its base to being back), then least distance. Uses idle couriers to shorten
    /// the busiest one's day.
    Balanced,
}

impl Objective {
    /// Parses `couriers-first`, `distance` or `balanced`.
    pub fn parse(text: &str) -> Option<Objective> {
        match text.trim() {
            "couriers-first" | "couriers_first" | "vehicles-first" => {
                Some(Objective::CouriersFirst)
            }
            "distance" => Some(Objective::Distance),
            "balanced" => Some(Objective::Balanced),
            _ => None,
        }
    }

    /// The name users type.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::CouriersFirst => "couriers-first",
            Objective::Distance => "distance",
            Objective::Balanced => "balanced",
        }
    }
}

/// Solver settings a scenario may carry in `scenario.toml` (command-line flags override them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SolverSettings {
    /// Strategy name, such as `nearest` or `search`.
    pub strategy: Option<String>,
    /// Time budget in seconds for strategies that search.
    pub seconds: Option<f64>,
    /// Random seed.
    pub seed: Option<u64>,
    /// What to minimise.
    pub objective: Objective,
}

/// Farthest a site may lie from the road it is snapped to, in metres, unless the scenario
/// says otherwise.
pub const DEFAULT_SNAP_LIMIT_M: f64 = 1000.0;

/// The road network a scenario travels on (`[network]` in `scenario.toml`), with paths
/// resolved against the scenario folder.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkSettings {
    /// The road network file (`.osm.pbf`, or `edges.csv` with `nodes.csv` beside it).
    pub file: PathBuf,
    /// The closures file, if any.
    pub closures: Option<PathBuf>,
    /// The snap limit in metres.
    pub snap_limit_m: f64,
}

/// A whole planning problem as the user states it: sites, items, orders and fleet.
///
/// Load one with [`load_scenario`](crate::load_scenario) or build one with
/// [`Scenario::builder`]; both validate it. A struct literal is not validated: indices must
/// be in range.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// A name for reports.
    pub name: String,
    /// All sites, kitchens included.
    pub sites: Vec<Site>,
    /// Item names (meal_box, veg_parcel, ...); orders and capacities index into this.
    pub items: Vec<String>,
    /// The orders to deliver.
    pub orders: Vec<Order>,
    /// The couriers ([`Vehicle`]s); plans name them by index in this list.
    pub fleet: Vec<Vehicle>,
    /// How travel is measured without a road network.
    pub travel: TravelModel,
    /// The road network to travel on instead of straight lines, if any.
    pub network: Option<NetworkSettings>,
    /// Defaults for the solver.
    pub solver: SolverSettings,
    /// Kitchen output over time (`supply.csv`); empty when every kitchen's output is
    /// unlimited. A trip loads no more than the output covers when it leaves the kitchen,
    /// across all couriers loading there.
    pub supply: Vec<Supply>,
}

impl Scenario {
    /// Indices of the kitchen sites, in site order.
    pub fn kitchens(&self) -> Vec<usize> {
        (0..self.sites.len())
            .filter(|&s| self.sites[s].kind == SiteKind::Kitchen)
            .collect()
    }

    /// The skills a courier needs to carry `order`: the order's `requires`, then its site's,
    /// each once.
    pub fn required_skills<'a>(&'a self, order: &'a Order) -> Vec<&'a str> {
        let mut skills: Vec<&str> = Vec::new();
        let site = self.sites.get(order.site).map(|s| s.requires.as_slice());
        for skill in order.requires.iter().chain(site.unwrap_or_default()) {
            if !skills.contains(&skill.as_str()) {
                skills.push(skill);
            }
        }
        skills
    }

    /// Index of the site with this id, if any.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }
}
