//! The independent feasibility checker.
//!
//! [`check_plan`] verifies a [`Plan`] against the plan semantics contract using nothing but the
//! [`Scenario`] and the [`TravelMatrix`]. It deliberately shares no code with any planner's
//! evaluation: every time, load and distance is recomputed here from scratch, so that a mistake
//! in the planner's bookkeeping shows up as a [`Violation`] instead of being repeated.

use std::fmt;

use super::{CourierStart, Plan, PlannedTrip};
use crate::model::{Order, Scenario, SiteKind, TimeWindow};
use crate::travel::TravelMatrix;

/// Tolerance of the checker's float comparisons, in minutes (times) or km (distances).
pub const CHECK_EPS: f64 = 1e-6;

/// Which rule of the plan semantics a [`Violation`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// An index (vehicle, site, kitchen, order) is out of range, or the matrix does not fit.
    InvalidIndex,
    /// A courier appears in more than one route.
    DuplicateVehicle,
    /// A route without trips or a trip without stops.
    EmptyRouteOrTrip,
    /// A courier makes more trips than its `max_trips`.
    TooManyTrips,
    /// A courier leaves its base before its shift starts.
    ShiftStart,
    /// A courier is back at its base after its shift ends.
    ShiftEnd,
    /// A trip loads at a site that is not a kitchen.
    NotAKitchen,
    /// A trip starts before the previous trip of the same courier has returned.
    TripOrder,
    /// An arrival is earlier than the travel time from the previous place allows.
    TravelTime,
    /// Loading at a kitchen outside its opening hours.
    KitchenHours,
    /// A trip leaves its kitchen before an order it carries is ready (plus loading time).
    ReadyTime,
    /// A trip leaves its kitchen before loading can be finished after the courier arrives.
    Loading,
    /// Service at a stop starts before the courier arrives.
    ServiceBeforeArrival,
    /// Service at a stop starts outside the site's opening hours.
    SiteHours,
    /// Service at a stop starts outside an order's delivery window.
    OrderWindow,
    /// A courier leaves a stop before the site's service time has passed.
    ServiceTime,
    /// A trip carries more of an item than the courier's capacity.
    Capacity,
    /// An order with a fixed kitchen is loaded at another kitchen.
    FixedKitchen,
    /// An order rides longer than its freshness limit.
    Freshness,
    /// A courier waits at a stop's door, from arriving to the start of service, longer than
    /// the site's `max_wait_min` (not checked on a trip already under way at a re-plan).
    Wait,
    /// An order is handed over at a site other than its own.
    WrongSite,
    /// An order is served more than once, or listed unassigned more than once.
    DuplicateOrder,
    /// An order is neither served nor listed unassigned.
    MissingOrder,
    /// An order is both served and listed unassigned.
    ServedAndUnassigned,
    /// A trip's `distance_km` or a route's `transfer_km` does not match the matrix.
    Distance,
    /// A courier carries an order requiring a skill it lacks (its kind counts as a skill).
    MissingSkill,
    /// An order pinned to one courier is carried by another.
    PinnedCourier,
    /// A break the courier is owed is missing, too short, outside its span, or overlaps
    /// its work (breaks are taken at a kitchen before loading, or off duty).
    Break,
    /// A courier works longer than its `max_work_min`, from leaving its base to being back.
    WorkingTime,
    /// Trips leave a kitchen with more of an item than it has made by then (`supply.csv`).
    KitchenOutput,
}

/// One broken rule found by [`check_plan`], with where it happened and the numbers involved.
///
/// Displays as `"{place}: {message}"`, for example
/// `R03 trip 2 stop CP011: service starts 12:41.3, 11.3 min after order O0017's window closes 12:30`.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The rule broken.
    pub kind: ViolationKind,
    /// Where: a courier id, trip number and stop site id, an order id, or `plan`.
    pub place: String,
    /// What is wrong, with the numbers.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl std::error::Error for Violation {}

/// Checks that `plan` is feasible for `scenario` with travel from `matrix`.
///
/// Every rule of the plan semantics is checked and every violation is collected (the checker
/// does not stop at the first). Times are compared with a tolerance of [`CHECK_EPS`] minutes;
/// distances must match the matrix within `CHECK_EPS` absolute plus `CHECK_EPS` relative.
/// The matrix must have been built for this scenario (same sites, same fleet).
///
/// Complexity: `O(orders + stops + items * trips)`, plus `O(orders * supply rows)` when
/// `supply.csv` limits some kitchen.
pub fn check_plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
) -> Result<(), Vec<Violation>> {
    check_plan_from(scenario, matrix, plan, &[])
}

/// As [`check_plan`], for a re-planned day: each courier in `starts` begins its route at
/// its start site (where it is when the re-plan takes over) instead of its base, at the
/// route's `start_min`; if its first trip is under way, that trip has already loaded, so
/// its loading is not checked and its stops are reached from the start site (freshness
/// still counts from the trip's `depart_min`).
pub fn check_plan_from(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
    starts: &[CourierStart],
) -> Result<(), Vec<Violation>> {
    let mut checker = Checker {
        scenario,
        matrix,
        starts,
        found: Vec::new(),
        served_at: vec![Vec::new(); scenario.orders.len()],
    };
    if matrix.sites() != scenario.sites.len() {
        checker.push(
            ViolationKind::InvalidIndex,
            "plan".to_string(),
            format!(
                "the travel matrix covers {} sites but the scenario has {}",
                matrix.sites(),
                scenario.sites.len()
            ),
        );
        return Err(checker.found);
    }
    let mut routes_per_vehicle = vec![0usize; scenario.fleet.len()];
    for (index, route) in plan.routes.iter().enumerate() {
        if let Some(count) = routes_per_vehicle.get_mut(route.vehicle) {
            *count += 1;
        }
        checker.route(index, route);
    }
    for (vehicle, &count) in routes_per_vehicle.iter().enumerate() {
        if count > 1 {
            checker.push(
                ViolationKind::DuplicateVehicle,
                scenario.fleet[vehicle].id.clone(),
                format!("courier has {count} routes; each courier may appear at most once"),
            );
        }
    }
    checker.supply(plan);
    checker.coverage(plan);
    if checker.found.is_empty() {
        Ok(())
    } else {
        Err(checker.found)
    }
}

/// The tolerance for a plan read back from `plan.json`, whose times and distances are
/// rounded to 3 decimals: each comparison involves two rounded values (each off by at most
/// 0.0005), so 0.001 plus [`CHECK_EPS`].
pub const PLAN_JSON_TOLERANCE: f64 = 1e-3 + CHECK_EPS;

thread_local! {
    /// The tolerance of the check running on this thread (see [`check_plan_within`]).
    static TOLERANCE: std::cell::Cell<f64> = const { std::cell::Cell::new(CHECK_EPS) };
}

fn eps() -> f64 {
    TOLERANCE.with(std::cell::Cell::get)
}

/// As [`check_plan`], comparing times and distances with `tolerance` (minutes, km) instead
/// of [`CHECK_EPS`]: use [`PLAN_JSON_TOLERANCE`] for a plan read back from `plan.json`.
pub fn check_plan_within(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
    tolerance: f64,
) -> Result<(), Vec<Violation>> {
    check_plan_from_within(scenario, matrix, plan, &[], tolerance)
}

/// [`check_plan_from`] with `tolerance` (see [`check_plan_within`]).
pub fn check_plan_from_within(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
    starts: &[CourierStart],
    tolerance: f64,
) -> Result<(), Vec<Violation>> {
    let previous = TOLERANCE.with(|t| t.replace(tolerance.max(CHECK_EPS)));
    let result = check_plan_from(scenario, matrix, plan, starts);
    TOLERANCE.with(|t| t.set(previous));
    result
}

/// `a < b` beyond the tolerance; true for NaN so that garbage is reported.
fn too_early(a: f64, b: f64) -> bool {
    a.is_nan() || b.is_nan() || a < b - eps()
}

/// `a > b` beyond the tolerance; true for NaN so that garbage is reported.
fn too_late(a: f64, b: f64) -> bool {
    a.is_nan() || b.is_nan() || a > b + eps()
}

/// Whether a stated distance matches the measured one (false for NaN).
fn same_distance(stated: f64, measured: f64) -> bool {
    let eps = eps();
    (stated - measured).abs()
        <= if eps > CHECK_EPS {
            eps
        } else {
            CHECK_EPS * (1.0 + measured.abs())
        }
}

/// Minutes after midnight as `HH:MM`, with a tenth of a minute when not whole (`12:41.3`).
fn clock(minutes: f64) -> String {
    if !minutes.is_finite() {
        return format!("{minutes}");
    }
    let tenths = (minutes * 10.0).round();
    let sign = if tenths < 0.0 { "-" } else { "" };
    let tenths = tenths.abs();
    let hours = (tenths / 600.0).floor();
    let rest = (tenths - hours * 600.0) / 10.0;
    if rest.fract() == 0.0 {
        format!("{sign}{:02}:{:02}", hours as u64, rest as u64)
    } else {
        format!("{sign}{:02}:{:04.1}", hours as u64, rest)
    }
}

/// A plain number (minutes, km) rounded to 6 decimals, without trailing zeros.
fn num(value: f64) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    let rounded = (value * 1e6).round() / 1e6;
    format!("{}", rounded + 0.0)
}

/// Whether `taken` is a break at `trip`'s kitchen after the courier arrives and before the
/// trip leaves.
fn at_kitchen_before(taken: &super::PlannedBreak, trip: &PlannedTrip) -> bool {
    taken.site == trip.kitchen
        && !too_early(taken.start_min, trip.arrive_min)
        && !too_late(taken.end_min, trip.depart_min)
}

/// Why loading could not start earlier.
enum LoadBound {
    Arrival,
    Break(f64),
    Opening,
    Ready(usize),
}

struct Checker<'a> {
    scenario: &'a Scenario,
    matrix: &'a TravelMatrix,
    /// Couriers that start elsewhere than at their base (see [`check_plan_from`]).
    starts: &'a [CourierStart],
    found: Vec<Violation>,
    /// For every order, the places (`R01 trip 1 stop CP001`) where it is handed over.
    served_at: Vec<Vec<String>>,
}

impl Checker<'_> {
    fn push(&mut self, kind: ViolationKind, place: String, message: String) {
        self.found.push(Violation {
            kind,
            place,
            message,
        });
    }

    fn site_id(&self, site: usize) -> &str {
        &self.scenario.sites[site].id
    }
    /// Service at `start` within `order`'s one `window` (before it opens or after it
    /// closes is a violation, saying by how much).
    fn check_window(&mut self, place: &str, start: f64, order: &Order, window: TimeWindow) {
        if too_early(start, window.start) {
            self.push(
                ViolationKind::OrderWindow,
                place.to_string(),
                format!(
                    "service starts {}, {} min before order {}'s window opens {}",
                    clock(start),
                    num(window.start - start),
                    order.id,
                    clock(window.start)
                ),
            );
        }
        if too_late(start, window.end) {
            self.push(
                ViolationKind::OrderWindow,
                place.to_string(),
                format!(
                    "service starts {}, {} min after order {}'s window closes {}",
                    clock(start),
                    num(start - window.end),
                    order.id,
                    clock(window.end)
                ),
            );
        }
    }

    /// Records where the orders of a stop are served, reporting invalid order indices.
    fn record_orders(&mut self, place: &str, orders: &[usize]) {
        let count = self.scenario.orders.len();
        for &order in orders {
            match self.served_at.get_mut(order) {
                Some(places) => places.push(place.to_string()),
                None => self.push(
                    ViolationKind::InvalidIndex,
                    place.to_string(),
                    format!("lists order index {order} but the scenario has {count} orders"),
                ),
            }
        }
    }

    fn route(&mut self, index: usize, route: &super::PlannedRoute) {
        let scenario = self.scenario;
        let Some(vehicle) = scenario.fleet.get(route.vehicle) else {
            let place = format!("route {}", index + 1);
            self.push(
                ViolationKind::InvalidIndex,
                place.clone(),
                format!(
                    "vehicle index {} is out of range (the fleet has {} couriers)",
                    route.vehicle,
                    scenario.fleet.len()
                ),
            );
            for (t, trip) in route.trips.iter().enumerate() {
                for (s, stop) in trip.stops.iter().enumerate() {
                    let stop_place = format!("{place} trip {} stop {}", t + 1, s + 1);
                    self.record_orders(&stop_place, &stop.orders);
                }
            }
            return;
        };
        let v = route.vehicle;
        let vid = vehicle.id.clone();

        if route.trips.is_empty() {
            self.push(
                ViolationKind::EmptyRouteOrTrip,
                vid.clone(),
                "route has no trips".to_string(),
            );
        }
        if route.trips.len() as u64 > u64::from(vehicle.max_trips) {
            self.push(
                ViolationKind::TooManyTrips,
                vid.clone(),
                format!(
                    "makes {} trips but max_trips is {}",
                    route.trips.len(),
                    vehicle.max_trips
                ),
            );
        }
        if too_early(route.start_min, vehicle.shift.start) {
            self.push(
                ViolationKind::ShiftStart,
                vid.clone(),
                format!(
                    "leaves its base at {}, {} min before its shift starts {}",
                    clock(route.start_min),
                    num(vehicle.shift.start - route.start_min),
                    clock(vehicle.shift.start)
                ),
            );
        }

        let base = (vehicle.base < scenario.sites.len()).then_some(vehicle.base);
        if base.is_none() {
            self.push(
                ViolationKind::InvalidIndex,
                vid.clone(),
                format!(
                    "base site index {} is out of range (the scenario has {} sites)",
                    vehicle.base,
                    scenario.sites.len()
                ),
            );
        }

        // Where the courier is free, and since when: its base at the start of the shift, or
        // where a re-plan found it.
        let start = self.starts.iter().find(|s| s.vehicle == v);
        let mut prev_site = base;
        let mut prev_free = route.start_min;
        let mut prev_what = base.map(|b| format!("its base {}", self.site_id(b)));
        if let Some(start) = start {
            prev_site = (start.site < scenario.sites.len()).then_some(start.site);
            prev_what =
                prev_site.map(|s| format!("{} (where the re-plan found it)", self.site_id(s)));
        }
        let mut transfer = 0.0;
        let mut transfer_known = prev_site.is_some();

        for (t, trip) in route.trips.iter().enumerate() {
            let trip_place = format!("{vid} trip {}", t + 1);
            let kitchen = (trip.kitchen < scenario.sites.len()).then_some(trip.kitchen);
            let Some(k) = kitchen else {
                self.push(
                    ViolationKind::InvalidIndex,
                    trip_place.clone(),
                    format!(
                        "kitchen site index {} is out of range (the scenario has {} sites)",
                        trip.kitchen,
                        scenario.sites.len()
                    ),
                );
                for (s, stop) in trip.stops.iter().enumerate() {
                    let stop_place = format!("{trip_place} stop {}", s + 1);
                    self.record_orders(&stop_place, &stop.orders);
                }
                prev_site = None;
                prev_free = trip.return_min;
                prev_what = None;
                transfer_known = false;
                continue;
            };
            let kitchen_id = self.site_id(k).to_string();
            if scenario.sites[k].kind != SiteKind::Kitchen {
                self.push(
                    ViolationKind::NotAKitchen,
                    trip_place.clone(),
                    format!(
                        "loads at {kitchen_id}, which is a {}, not a kitchen",
                        scenario.sites[k].kind.as_str()
                    ),
                );
            }
            if t == 0 && start.is_some_and(|s| s.under_way) {
                // Loaded before the re-plan: its stops are reached from where it is.
                let from = prev_site.map(|s| (s, prev_free));
                self.trip(v, &trip_place, trip, k, None, from);
                prev_site = Some(k);
                prev_free = trip.return_min;
                prev_what = Some(format!("kitchen {kitchen_id}"));
                continue;
            }
            if t > 0 && too_early(trip.arrive_min, prev_free) {
                self.push(
                    ViolationKind::TripOrder,
                    trip_place.clone(),
                    format!(
                        "reaches kitchen {kitchen_id} at {}, before trip {} returns at {}",
                        clock(trip.arrive_min),
                        t,
                        clock(prev_free)
                    ),
                );
            } else if let (Some(from), Some(what)) = (prev_site, prev_what.as_deref()) {
                let travel = self.matrix.time(v, from, k);
                if too_early(trip.arrive_min, prev_free + travel) {
                    self.push(
                        ViolationKind::TravelTime,
                        trip_place.clone(),
                        format!(
                            "reaches kitchen {kitchen_id} at {}, but leaving {what} at {} takes {} min, so not before {}",
                            clock(trip.arrive_min),
                            clock(prev_free),
                            num(travel),
                            clock(prev_free + travel)
                        ),
                    );
                }
            }
            match prev_site {
                Some(from) => transfer += self.matrix.distance(v, from, k),
                None => transfer_known = false,
            }
            let rested = self.rested_before(route, t);
            self.trip(v, &trip_place, trip, k, rested, None);
            prev_site = Some(k);
            prev_free = trip.return_min;
            prev_what = Some(format!("kitchen {kitchen_id}"));
        }

        if let (Some(b), Some(from), Some(what)) = (base, prev_site, prev_what.as_deref()) {
            let travel = self.matrix.time(v, from, b);
            if too_early(route.end_min, prev_free + travel) {
                self.push(
                    ViolationKind::TravelTime,
                    vid.clone(),
                    format!(
                        "is back at its base {} at {}, but leaving {what} at {} takes {} min, so not before {}",
                        self.site_id(b),
                        clock(route.end_min),
                        clock(prev_free),
                        num(travel),
                        clock(prev_free + travel)
                    ),
                );
            }
            transfer += self.matrix.distance(v, from, b);
        } else {
            transfer_known = false;
        }
        if too_late(route.end_min, vehicle.shift.end) {
            self.push(
                ViolationKind::ShiftEnd,
                vid.clone(),
                format!(
                    "is back at its base at {}, {} min after its shift ends {}",
                    clock(route.end_min),
                    num(route.end_min - vehicle.shift.end),
                    clock(vehicle.shift.end)
                ),
            );
        }
        if let Some(limit) = vehicle.max_work_min {
            let worked = route.end_min - route.start_min;
            if too_late(worked, limit) {
                self.push(
                    ViolationKind::WorkingTime,
                    vid.clone(),
                    format!(
                        "works {} min ({} to {}) but max_work_min is {}",
                        num(worked),
                        clock(route.start_min),
                        clock(route.end_min),
                        num(limit)
                    ),
                );
            }
        }
        self.breaks(route, &vid);
        if transfer_known && !same_distance(route.transfer_km, transfer) {
            self.push(
                ViolationKind::Distance,
                vid,
                format!(
                    "transfer_km is {} but base -> kitchens -> base measures {} km",
                    num(route.transfer_km),
                    num(transfer)
                ),
            );
        }
    }

    /// The end of the breaks taken at the kitchen of trip `t` between arriving and loading,
    /// if any: loading starts after them.
    fn rested_before(&self, route: &super::PlannedRoute, t: usize) -> Option<f64> {
        let trip = &route.trips[t];
        route
            .breaks
            .iter()
            .filter(|b| at_kitchen_before(b, trip))
            .map(|b| b.end_min)
            .reduce(f64::max)
    }

    /// Checks a courier's breaks: one per break it is owed, in order, each long enough,
    /// within its span, and either off duty (before leaving the base, after coming back)
    /// or at a trip's kitchen while the courier waits there: between arriving and leaving
    /// (loading starts after it; see [`Checker::rested_before`]) or between coming back and
    /// leaving for the next kitchen.
    fn breaks(&mut self, route: &super::PlannedRoute, vid: &str) {
        let owed = &self.scenario.fleet[route.vehicle].breaks;
        if route.breaks.len() != owed.len() {
            self.push(
                ViolationKind::Break,
                vid.to_string(),
                format!(
                    "takes {} breaks but is owed {}",
                    route.breaks.len(),
                    owed.len()
                ),
            );
            return;
        }
        let mut previous_end = f64::NEG_INFINITY;
        for (n, (taken, rule)) in route.breaks.iter().zip(owed).enumerate() {
            let place = format!("{vid} break {}", n + 1);
            let (start, end) = (taken.start_min, taken.end_min);
            let (from, to) = (rule.span.start, rule.span.end);
            if too_early(start, from) || too_late(end, to) || too_early(end - start, rule.minutes) {
                self.push(
                    ViolationKind::Break,
                    place.clone(),
                    format!(
                        "from {} to {} is not {} min within {} to {}",
                        clock(start),
                        clock(end),
                        num(rule.minutes),
                        clock(from),
                        clock(to)
                    ),
                );
            }
            if too_early(start, previous_end) {
                self.push(
                    ViolationKind::Break,
                    place.clone(),
                    format!(
                        "starts {} before the previous break ends {}",
                        clock(start),
                        clock(previous_end)
                    ),
                );
            }
            previous_end = end;
            let off_duty = !too_late(end, route.start_min) || !too_early(start, route.end_min);
            let at_work = route
                .trips
                .iter()
                .any(|trip| at_kitchen_before(taken, trip))
                || self.at_kitchen_after(route, taken);
            if !off_duty && !at_work {
                self.push(
                    ViolationKind::Break,
                    place,
                    format!(
                        "from {} to {} at {} is neither off duty (before {} or after {}) nor at \
                         a trip's kitchen between arriving and loading or between returning \
                         and leaving",
                        clock(start),
                        clock(end),
                        self.scenario
                            .sites
                            .get(taken.site)
                            .map_or("an unknown site", |s| s.id.as_str()),
                        clock(route.start_min),
                        clock(route.end_min)
                    ),
                );
            }
        }
    }

    /// Whether `taken` is a break at a trip's kitchen after the trip is back and before the
    /// courier must leave it for the next kitchen (or its base).
    fn at_kitchen_after(&self, route: &super::PlannedRoute, taken: &super::PlannedBreak) -> bool {
        let (v, sites) = (route.vehicle, self.scenario.sites.len());
        let base = self.scenario.fleet[v].base;
        route.trips.iter().enumerate().any(|(t, trip)| {
            let k = trip.kitchen;
            let (next_site, next_time) = match route.trips.get(t + 1) {
                Some(next) => (next.kitchen, next.arrive_min),
                None => (base, route.end_min),
            };
            k < sites
                && next_site < sites
                && taken.site == k
                && !too_early(taken.start_min, trip.return_min)
                && !too_late(taken.end_min, next_time - self.matrix.time(v, k, next_site))
        })
    }

    /// Checks one trip whose kitchen index `k` is valid; `rested`: the end of the breaks
    /// taken at its kitchen before loading; `under_way`: the trip loaded before a re-plan
    /// and goes on from this site, free at this time.
    fn trip(
        &mut self,
        v: usize,
        place: &str,
        trip: &PlannedTrip,
        k: usize,
        rested: Option<f64>,
        under_way: Option<(usize, f64)>,
    ) {
        let scenario = self.scenario;
        let vehicle = &scenario.fleet[v];
        let kitchen = &scenario.sites[k];
        let kitchen_id = kitchen.id.as_str();
        let order_count = scenario.orders.len();
        let carried: Vec<usize> = trip
            .stops
            .iter()
            .flat_map(|s| s.orders.iter().copied())
            .filter(|&o| o < order_count)
            .collect();

        if trip.stops.is_empty() {
            self.push(
                ViolationKind::EmptyRouteOrTrip,
                place.to_string(),
                "trip has no stops".to_string(),
            );
        }

        // Loading: not before arrival, the kitchen opening, nor any carried order being ready.
        let mut load_start = trip.arrive_min;
        let mut bound = LoadBound::Arrival;
        if let Some(end) = rested.filter(|&end| end > load_start) {
            load_start = end;
            bound = LoadBound::Break(end);
        }
        if kitchen.hours.start > load_start {
            load_start = kitchen.hours.start;
            bound = LoadBound::Opening;
        }
        for &o in &carried {
            if scenario.orders[o].ready > load_start {
                load_start = scenario.orders[o].ready;
                bound = LoadBound::Ready(o);
            }
        }
        let why = match bound {
            LoadBound::Arrival => format!("the courier arrives {}", clock(trip.arrive_min)),
            LoadBound::Break(end) => format!("the courier's break ends {}", clock(end)),
            LoadBound::Opening => {
                format!("kitchen {kitchen_id} opens {}", clock(kitchen.hours.start))
            }
            LoadBound::Ready(o) => format!(
                "order {} is ready {}",
                scenario.orders[o].id,
                clock(scenario.orders[o].ready)
            ),
        };
        if under_way.is_none() && too_late(load_start, kitchen.hours.end) {
            self.push(
                ViolationKind::KitchenHours,
                place.to_string(),
                format!(
                    "loading at kitchen {kitchen_id} cannot start before {} ({why}), after the kitchen closes {}",
                    clock(load_start),
                    clock(kitchen.hours.end)
                ),
            );
        }
        let loaded = load_start + kitchen.service_min;
        if under_way.is_none() && too_early(trip.depart_min, loaded) {
            let kind = match bound {
                LoadBound::Arrival | LoadBound::Break(_) => ViolationKind::Loading,
                LoadBound::Opening => ViolationKind::KitchenHours,
                LoadBound::Ready(_) => ViolationKind::ReadyTime,
            };
            self.push(
                kind,
                place.to_string(),
                format!(
                    "leaves kitchen {kitchen_id} at {} but loading cannot finish before {} ({why}, then {} min loading)",
                    clock(trip.depart_min),
                    clock(loaded),
                    num(kitchen.service_min)
                ),
            );
        }

        // Capacity, per item.
        let mut load = vec![0u64; scenario.items.len()];
        for &o in &carried {
            let order = &scenario.orders[o];
            if let Some(units) = load.get_mut(order.item) {
                *units += u64::from(order.quantity);
            }
        }
        for (item, &units) in load.iter().enumerate() {
            let capacity = u64::from(vehicle.capacity.get(item).copied().unwrap_or(0));
            if units > capacity {
                self.push(
                    ViolationKind::Capacity,
                    place.to_string(),
                    format!(
                        "carries {units} {} but courier {} can carry {capacity}",
                        scenario.items[item], vehicle.id
                    ),
                );
            }
        }

        // Stops.
        let mut prev_site = Some(k);
        let mut prev_free = trip.depart_min;
        let mut prev_what = format!("kitchen {kitchen_id}");
        if let Some((site, free)) = under_way {
            prev_site = Some(site);
            prev_free = free;
            prev_what = format!("{} (where the re-plan found it)", self.site_id(site));
        }
        let mut distance = 0.0;
        let mut distance_known = true;
        for (s, stop) in trip.stops.iter().enumerate() {
            let Some(site) = scenario.sites.get(stop.site) else {
                let stop_place = format!("{place} stop {}", s + 1);
                self.push(
                    ViolationKind::InvalidIndex,
                    stop_place.clone(),
                    format!(
                        "site index {} is out of range (the scenario has {} sites)",
                        stop.site,
                        scenario.sites.len()
                    ),
                );
                self.record_orders(&stop_place, &stop.orders);
                prev_site = None;
                prev_free = stop.depart_min;
                distance_known = false;
                continue;
            };
            let stop_place = format!("{place} stop {}", site.id);
            if let Some(from) = prev_site {
                let travel = self.matrix.time(v, from, stop.site);
                if too_early(stop.arrive_min, prev_free + travel) {
                    self.push(
                        ViolationKind::TravelTime,
                        stop_place.clone(),
                        format!(
                            "arrives at {}, but leaving {prev_what} at {} takes {} min, so not before {}",
                            clock(stop.arrive_min),
                            clock(prev_free),
                            num(travel),
                            clock(prev_free + travel)
                        ),
                    );
                }
                distance += self.matrix.distance(v, from, stop.site);
            } else {
                distance_known = false;
            }
            if too_early(stop.start_min, stop.arrive_min) {
                self.push(
                    ViolationKind::ServiceBeforeArrival,
                    stop_place.clone(),
                    format!(
                        "service starts {} before the courier arrives {}",
                        clock(stop.start_min),
                        clock(stop.arrive_min)
                    ),
                );
            }
            // The wait at the door; a trip under way could not leave its kitchen later.
            if let Some(limit) = site.max_wait_min.filter(|_| under_way.is_none()) {
                let wait = stop.start_min - stop.arrive_min;
                if too_late(wait, limit) {
                    self.push(
                        ViolationKind::Wait,
                        stop_place.clone(),
                        format!(
                            "the courier waits {} min at the door (arrives {}, service starts {}), over site {}'s limit of {} min",
                            num(wait),
                            clock(stop.arrive_min),
                            clock(stop.start_min),
                            site.id,
                            num(limit)
                        ),
                    );
                }
            }
            if too_early(stop.start_min, site.hours.start) {
                self.push(
                    ViolationKind::SiteHours,
                    stop_place.clone(),
                    format!(
                        "service starts {}, {} min before site {} opens {}",
                        clock(stop.start_min),
                        num(site.hours.start - stop.start_min),
                        site.id,
                        clock(site.hours.start)
                    ),
                );
            }
            if too_late(stop.start_min, site.hours.end) {
                self.push(
                    ViolationKind::SiteHours,
                    stop_place.clone(),
                    format!(
                        "service starts {}, {} min after site {} closes {}",
                        clock(stop.start_min),
                        num(stop.start_min - site.hours.end),
                        site.id,
                        clock(site.hours.end)
                    ),
                );
            }
            self.record_orders(&stop_place, &stop.orders);
            for &o in &stop.orders {
                let Some(order) = scenario.orders.get(o) else {
                    continue;
                };
                if order.site != stop.site {
                    let belongs = scenario
                        .sites
                        .get(order.site)
                        .map_or("an unknown site", |s| s.id.as_str());
                    self.push(
                        ViolationKind::WrongSite,
                        stop_place.clone(),
                        format!(
                            "order {} goes to site {belongs}, not to {}",
                            order.id, site.id
                        ),
                    );
                }
                match order.allowed_windows() {
                    [window] => self.check_window(&stop_place, stop.start_min, order, *window),
                    windows => {
                        let inside = windows.iter().any(|w| {
                            !too_early(stop.start_min, w.start) && !too_late(stop.start_min, w.end)
                        });
                        if !inside {
                            let listed: Vec<String> = windows
                                .iter()
                                .map(|w| format!("{}-{}", clock(w.start), clock(w.end)))
                                .collect();
                            self.push(
                                ViolationKind::OrderWindow,
                                stop_place.clone(),
                                format!(
                                    "service starts {}, in none of order {}'s windows {}",
                                    clock(stop.start_min),
                                    order.id,
                                    listed.join(" ")
                                ),
                            );
                        }
                    }
                }
                if let Some(fixed) = order.kitchen {
                    if fixed != k {
                        let wanted = scenario
                            .sites
                            .get(fixed)
                            .map_or("an unknown site", |s| s.id.as_str());
                        self.push(
                            ViolationKind::FixedKitchen,
                            stop_place.clone(),
                            format!(
                                "order {} must be loaded at kitchen {wanted} but the trip loads at {kitchen_id}",
                                order.id
                            ),
                        );
                    }
                }
                let site_requires = scenario.sites.get(order.site).map(|s| &s.requires);
                let lacking: Vec<&str> = (order.requires.iter())
                    .chain(site_requires.into_iter().flatten())
                    .filter(|skill| {
                        vehicle.kind != **skill && !vehicle.skills.iter().any(|s| s == *skill)
                    })
                    .map(String::as_str)
                    .collect();
                if !lacking.is_empty() {
                    self.push(
                        ViolationKind::MissingSkill,
                        stop_place.clone(),
                        format!(
                            "order {} requires {} but courier {} ({}) lacks it",
                            order.id,
                            lacking.join(" "),
                            vehicle.id,
                            vehicle.kind
                        ),
                    );
                }
                if let Some(pinned) = order.courier.filter(|&c| c != v) {
                    let wanted = scenario
                        .fleet
                        .get(pinned)
                        .map_or("an unknown courier", |c| c.id.as_str());
                    self.push(
                        ViolationKind::PinnedCourier,
                        stop_place.clone(),
                        format!(
                            "order {} must go with courier {wanted} but courier {} carries it",
                            order.id, vehicle.id
                        ),
                    );
                }
                if let Some(limit) = order.max_ride_min {
                    let ride = stop.start_min - trip.depart_min;
                    if too_late(ride, limit) {
                        self.push(
                            ViolationKind::Freshness,
                            stop_place.clone(),
                            format!(
                                "order {} rides {} min (leaves {kitchen_id} {}, handed over {}), over its freshness limit of {} min",
                                order.id,
                                num(ride),
                                clock(trip.depart_min),
                                clock(stop.start_min),
                                num(limit)
                            ),
                        );
                    }
                }
            }
            let served = stop.start_min + site.service_min;
            if too_early(stop.depart_min, served) {
                self.push(
                    ViolationKind::ServiceTime,
                    stop_place.clone(),
                    format!(
                        "leaves at {} before service ends {} (start {} plus {} min)",
                        clock(stop.depart_min),
                        clock(served),
                        clock(stop.start_min),
                        num(site.service_min)
                    ),
                );
            }
            prev_site = Some(stop.site);
            prev_free = stop.depart_min;
            prev_what = format!("stop {}", site.id);
        }

        // Back to the kitchen.
        if let Some(from) = prev_site {
            let travel = self.matrix.time(v, from, k);
            if too_early(trip.return_min, prev_free + travel) {
                self.push(
                    ViolationKind::TravelTime,
                    place.to_string(),
                    format!(
                        "is back at kitchen {kitchen_id} at {}, but leaving {prev_what} at {} takes {} min, so not before {}",
                        clock(trip.return_min),
                        clock(prev_free),
                        num(travel),
                        clock(prev_free + travel)
                    ),
                );
            }
            distance += self.matrix.distance(v, from, k);
        } else {
            distance_known = false;
        }
        if distance_known && !same_distance(trip.distance_km, distance) {
            self.push(
                ViolationKind::Distance,
                place.to_string(),
                format!(
                    "distance_km is {} but kitchen {kitchen_id} -> stops -> kitchen measures {} km",
                    num(trip.distance_km),
                    num(distance)
                ),
            );
        }
    }

    /// Kitchen output: for every kitchen and item `supply.csv` limits, the units on the
    /// trips that have left the kitchen by any minute are at most the units made by then
    /// (each period's units are made evenly over it, an instant's all at once). A trip takes
    /// its load when it leaves.
    fn supply(&mut self, plan: &Plan) {
        let scenario = self.scenario;
        if scenario.supply.is_empty() {
            return;
        }
        let made = |kitchen: usize, item: usize, t: f64| -> f64 {
            (scenario.supply.iter())
                .filter(|row| row.kitchen == kitchen && row.item == item)
                .map(|row| {
                    let (from, to, units) =
                        (row.period.start, row.period.end, f64::from(row.quantity));
                    if t >= to {
                        units
                    } else if t <= from {
                        0.0
                    } else {
                        units * (t - from) / (to - from)
                    }
                })
                .sum()
        };
        let limited = |kitchen: usize, item: usize| {
            (scenario.supply.iter()).any(|row| row.kitchen == kitchen && row.item == item)
        };
        // Per limited kitchen and item: each trip's departure, units, and place.
        type Departures = Vec<(f64, u64, String)>;
        let mut taken: std::collections::BTreeMap<(usize, usize), Departures> =
            std::collections::BTreeMap::new();
        for (r, route) in plan.routes.iter().enumerate() {
            let name = match scenario.fleet.get(route.vehicle) {
                Some(vehicle) => vehicle.id.clone(),
                None => format!("route {}", r + 1),
            };
            for (t, trip) in route.trips.iter().enumerate() {
                let mut units: Vec<(usize, u64)> = Vec::new();
                for &o in trip.stops.iter().flat_map(|s| &s.orders) {
                    let Some(order) = scenario.orders.get(o) else {
                        continue;
                    };
                    if !limited(trip.kitchen, order.item) {
                        continue;
                    }
                    match units.iter_mut().find(|(i, _)| *i == order.item) {
                        Some((_, u)) => *u += u64::from(order.quantity),
                        None => units.push((order.item, u64::from(order.quantity))),
                    }
                }
                for (item, u) in units {
                    let place = format!("{name} trip {}", t + 1);
                    (taken.entry((trip.kitchen, item)).or_default()).push((
                        trip.depart_min,
                        u,
                        place,
                    ));
                }
            }
        }
        for ((kitchen, item), mut trips) in taken {
            trips.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut total = 0u64;
            for (depart, units, place) in trips {
                total += units;
                let by_then = made(kitchen, item, depart + eps());
                if total as f64 > by_then + 1e-6 {
                    self.push(
                        ViolationKind::KitchenOutput,
                        place,
                        format!(
                            "leaves kitchen {} at {} with {units} {}, but trips leaving it by then \
                             take {total} while it has made {} (supply.csv)",
                            self.site_id(kitchen),
                            clock(depart),
                            scenario.items[item],
                            num(by_then)
                        ),
                    );
                }
            }
        }
    }

    /// Every order exactly once: served at one stop, or listed unassigned, never both.
    fn coverage(&mut self, plan: &Plan) {
        let scenario = self.scenario;
        let count = scenario.orders.len();
        let mut unassigned = vec![0usize; count];
        for entry in &plan.unassigned {
            match unassigned.get_mut(entry.order) {
                Some(times) => *times += 1,
                None => self.push(
                    ViolationKind::InvalidIndex,
                    "unassigned".to_string(),
                    format!(
                        "lists order index {} but the scenario has {count} orders",
                        entry.order
                    ),
                ),
            }
        }
        for (o, order) in scenario.orders.iter().enumerate() {
            let place = format!("order {}", order.id);
            let served = std::mem::take(&mut self.served_at[o]);
            if served.len() > 1 {
                self.push(
                    ViolationKind::DuplicateOrder,
                    place.clone(),
                    format!("served {} times: {}", served.len(), served.join(", ")),
                );
            }
            if !served.is_empty() && unassigned[o] > 0 {
                self.push(
                    ViolationKind::ServedAndUnassigned,
                    place.clone(),
                    format!("served at {} and also listed unassigned", served.join(", ")),
                );
            }
            if unassigned[o] > 1 {
                self.push(
                    ViolationKind::DuplicateOrder,
                    place.clone(),
                    format!("listed unassigned {} times", unassigned[o]),
                );
            }
            if served.is_empty() && unassigned[o] == 0 {
                self.push(
                    ViolationKind::MissingOrder,
                    place,
                    "neither served nor listed unassigned".to_string(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_shows_tenths_only_when_needed() {
        assert_eq!(clock(750.0), "12:30");
        assert_eq!(clock(761.3), "12:41.3");
        assert_eq!(clock(779.96), "13:00");
        assert_eq!(clock(1505.0), "25:05");
    }

    #[test]
    fn tolerant_comparisons_report_nan() {
        assert!(!too_early(10.0 - 1e-9, 10.0));
        assert!(too_early(10.0 - 1e-3, 10.0));
        assert!(too_early(f64::NAN, 10.0));
        assert!(!too_late(10.0, f64::INFINITY));
        assert!(too_late(f64::NAN, 10.0));
        assert!(same_distance(100.0 + 1e-5, 100.0));
        assert!(!same_distance(100.1, 100.0));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(11.3), "11.3");
        assert_eq!(num(5.0), "5");
        assert_eq!(num(-0.0), "0");
    }
}
