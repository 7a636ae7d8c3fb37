//! A trip and a courier's whole route, from the summaries of their stops.
//!
//! The rules above the stops live here and only here:
//! - a trip loads at its kitchen from the latest of the courier's arrival, the kitchen's
//!   opening and its orders' ready times, no later than the kitchen's closing, and leaves
//!   after the loading time (later if its orders' freshness needs it);
//! - it carries at most the courier's capacity of each item, and only orders the courier
//!   may carry (skills, pinning: see [`Stops::vehicle_may_carry`]);
//! - a courier leaves its base no earlier than its shift start, makes at most `max_trips`
//!   trips one after the other (kitchen to kitchen), and is back by its shift end.
//!
//! [`assess`] says how far a route breaks the rules (time warp, excess load, excess ride
//! time), so that a search may price infeasible routes; [`evaluate`] accepts only feasible
//! ones; [`route_times`] gives a feasible route's schedule.

use super::cost::{RouteEval, EPS};
use super::stops::{leg, Stops};
use super::time::{TimeSeg, HORIZON};
use crate::model::TimeWindow;
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// One trip from kitchen to kitchen, as the route sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TripEval {
    /// Timing from the start of loading to the return to the kitchen.
    pub time: TimeSeg,
    /// Time warp no schedule removes (split stops with disjoint windows).
    pub stop_warp: f64,
    /// How much longer than its limit the worst order rides however late the trip leaves.
    pub ride_excess: f64,
    /// Distance from the kitchen round the stops and back.
    pub distance: f64,
    /// Whether every order may load at this kitchen.
    pub kitchen_ok: bool,
    /// Whether the courier may carry every order (skills, pinning).
    pub vehicle_ok: bool,
}

impl TripEval {
    /// The trip of vehicle `v` from `kitchen` serving `stops`. O(1).
    #[inline]
    pub fn new(problem: &Problem, v: usize, kitchen: usize, stops: &Stops) -> TripEval {
        let load = loading(problem, kitchen, stops.ready);
        // Leaving no earlier than every order's freshness allows.
        let depart = TimeSeg::visit(stops.fresh_b, HORIZON, 0.0);
        let (out_time, out_distance) = leg(problem, v, kitchen, stops.first_site);
        let (back_time, back_distance) = leg(problem, v, stops.last_site, kitchen);
        let time = load
            .then(0.0, &depart)
            .then(out_time, &stops.time)
            .then(stops.last_service + back_time, &TimeSeg::PASS);
        TripEval {
            time,
            stop_warp: stops.stop_warp(),
            ride_excess: (out_time + stops.fresh_a).max(0.0),
            distance: out_distance + stops.distance + back_distance,
            kitchen_ok: stops.kitchen.allows(kitchen),
            vehicle_ok: stops.vehicle_may_carry(problem, v),
        }
    }
}

/// Loading at `kitchen` orders ready at `ready`: from its opening or the ready time, before
/// it closes, for its service time.
pub(crate) fn loading(problem: &Problem, kitchen: usize, ready: f64) -> TimeSeg {
    let site = &problem.scenario.sites[kitchen];
    TimeSeg::visit(
        site.hours.start.max(ready),
        site.hours.end,
        site.service_min,
    )
}

/// How a route measures against the rules and the objective.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RouteCost {
    /// Distance base to base, transfers included.
    pub distance: f64,
    /// Non-empty trips.
    pub trips: usize,
    /// Minutes of time warp (windows, kitchen hours, shift).
    pub warp: f64,
    /// Minutes of ride beyond freshness limits.
    pub ride_excess: f64,
    /// Units carried beyond capacity, summed over trips and items.
    pub load_excess: f64,
    /// Rules no penalty can price: a fixed kitchen, more trips than allowed, an order the
    /// courier may not carry (a skill it lacks, pinned to another courier).
    pub broken: bool,
}

impl RouteCost {
    /// Whether the route keeps every rule.
    pub fn feasible(&self) -> bool {
        !self.broken && self.warp <= EPS && self.ride_excess <= EPS && self.load_excess <= 0.0
    }

    /// The objective's part of a feasible route.
    pub fn eval(&self) -> RouteEval {
        RouteEval {
            distance: self.distance,
            trips: self.trips,
        }
    }
}

/// Merges trips into a route: the base, the trips in order, the base again.
pub(crate) struct RouteBuilder {
    time: TimeSeg,
    at: usize,
    shift_end: f64,
    cost: RouteCost,
}

impl RouteBuilder {
    /// A route of vehicle `v` leaving its base.
    pub fn new(problem: &Problem, v: usize) -> RouteBuilder {
        RouteBuilder::within(problem, v, problem.scenario.fleet[v].shift)
    }

    /// A route of vehicle `v` working within `shift` instead of its own.
    pub fn within(problem: &Problem, v: usize, shift: TimeWindow) -> RouteBuilder {
        RouteBuilder {
            time: TimeSeg::visit(shift.start, HORIZON, 0.0),
            at: problem.start_site(v),
            shift_end: shift.end,
            cost: RouteCost::default(),
        }
    }

    /// Adds the next trip, from `kitchen`, with `load_excess` units over capacity.
    pub fn trip(
        &mut self,
        problem: &Problem,
        v: usize,
        kitchen: usize,
        trip: &TripEval,
        load_excess: f64,
    ) {
        let (t, d) = leg(problem, v, self.at, kitchen);
        self.time = self.time.then(t, &trip.time);
        self.at = kitchen;
        let c = &mut self.cost;
        c.distance += d + trip.distance;
        c.trips += 1;
        c.warp += trip.stop_warp;
        c.ride_excess += trip.ride_excess;
        c.load_excess += load_excess;
        c.broken |= !trip.kitchen_ok || !trip.vehicle_ok;
    }

    /// Back to the base: the route's cost and timing.
    pub fn finish(mut self, problem: &Problem, v: usize) -> (RouteCost, TimeSeg) {
        let vehicle = &problem.scenario.fleet[v];
        if self.cost.trips == 0 {
            return (RouteCost::default(), self.time);
        }
        let (t, d) = leg(problem, v, self.at, vehicle.base);
        self.time = self
            .time
            .then(t, &TimeSeg::visit(-HORIZON, self.shift_end, 0.0));
        self.cost.distance += d;
        self.cost.warp += self.time.warp;
        self.cost.broken |= self.cost.trips > vehicle.max_trips as usize;
        (self.cost, self.time)
    }
}

/// Units over capacity of vehicle `v` carrying `jobs`.
pub(crate) fn load_excess(problem: &Problem, v: usize, jobs: &[usize], load: &mut Vec<u64>) -> f64 {
    load.clear();
    load.resize(problem.scenario.items.len(), 0);
    for &j in jobs {
        load[problem.jobs[j].item] += u64::from(problem.jobs[j].quantity);
    }
    excess(&problem.scenario.fleet[v].capacity, load)
}

/// Units of `load` over `capacity`, summed over items.
#[inline]
pub(crate) fn excess(capacity: &[u32], load: &[u64]) -> f64 {
    capacity
        .iter()
        .zip(load)
        .map(|(&c, &l)| l.saturating_sub(u64::from(c)) as f64)
        .sum()
}

/// How vehicle `v` making `trips` (empty trips skipped) measures against every rule. O(stops).
pub(crate) fn assess(problem: &Problem, v: usize, trips: &[Trip]) -> RouteCost {
    let mut route = RouteBuilder::new(problem, v);
    let mut load = Vec::new();
    for trip in trips.iter().filter(|t| !t.jobs.is_empty()) {
        let stops = Stops::of(problem, v, trip.jobs.iter().copied()).expect("a non-empty trip");
        let eval = TripEval::new(problem, v, trip.kitchen, &stops);
        let over = load_excess(problem, v, &trip.jobs, &mut load);
        route.trip(problem, v, trip.kitchen, &eval, over);
    }
    route.finish(problem, v).0
}

/// Vehicle `v` carrying `job` alone from `kitchen`, working within `shift` (its own, or a
/// relaxed one to ask whether the shift is what rules it out).
pub(crate) fn assess_alone(
    problem: &Problem,
    v: usize,
    kitchen: usize,
    job: usize,
    shift: TimeWindow,
) -> RouteCost {
    let mut route = RouteBuilder::within(problem, v, shift);
    let stops = Stops::job(problem, job);
    let eval = TripEval::new(problem, v, kitchen, &stops);
    let over = load_excess(problem, v, &[job], &mut Vec::new());
    route.trip(problem, v, kitchen, &eval, over);
    route.finish(problem, v).0
}

/// Whether some courier could serve `job` on a trip of its own from some kitchen it may be
/// loaded at, within the courier's shift.
pub(crate) fn servable_alone(problem: &Problem, job: usize) -> bool {
    (0..problem.vehicle_count()).any(|v| {
        let shift = problem.scenario.fleet[v].shift;
        problem
            .allowed_kitchens(job)
            .any(|k| assess_alone(problem, v, k, job, shift).feasible())
    })
}

/// Vehicle `v` making `trips`, if that keeps every rule. O(stops).
pub(crate) fn evaluate(problem: &Problem, v: usize, trips: &[Trip]) -> Option<RouteEval> {
    let cost = assess(problem, v, trips);
    cost.feasible().then(|| cost.eval())
}

/// When a vehicle leaves its base, makes its trips and is back: what the plan's timing
/// starts from.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RouteTimes {
    /// Leaving the base, and back at it.
    pub start: f64,
    pub end: f64,
    /// Distance between kitchens and to and from the base.
    pub transfer: f64,
    /// The non-empty trips in order.
    pub trips: Vec<TripTimes>,
}

/// One trip: arriving at its kitchen, leaving it loaded, the last handover, back at the
/// kitchen, and its distance.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct TripTimes {
    pub arrive: f64,
    pub depart: f64,
    pub last_start: f64,
    pub back: f64,
    pub distance: f64,
}

/// The schedule of vehicle `v` making `trips`, or `None` if they break a rule or are all
/// empty.
///
/// The courier leaves its base as late as the whole route allows without waiting more, and
/// serves every stop as early as possible; each trip leaves its kitchen as late as it can
/// without coming back later, so food spends the least time on the road.
pub(crate) fn route_times(problem: &Problem, v: usize, trips: &[Trip]) -> Option<RouteTimes> {
    let mut route = RouteBuilder::new(problem, v);
    let mut load = Vec::new();
    let mut runs = Vec::new();
    for trip in trips.iter().filter(|t| !t.jobs.is_empty()) {
        let stops = Stops::of(problem, v, trip.jobs.iter().copied()).expect("a non-empty trip");
        let eval = TripEval::new(problem, v, trip.kitchen, &stops);
        let over = load_excess(problem, v, &trip.jobs, &mut load);
        route.trip(problem, v, trip.kitchen, &eval, over);
        runs.push((trip, stops, eval.distance));
    }
    let (cost, time) = route.finish(problem, v);
    if runs.is_empty() || !cost.feasible() {
        return None;
    }
    let vehicle = &problem.scenario.fleet[v];
    let mut times = RouteTimes {
        start: time.early,
        ..RouteTimes::default()
    };
    let (mut clock, mut at) = (time.early, problem.start_site(v));
    for (trip, stops, distance) in runs {
        let kitchen = &problem.scenario.sites[trip.kitchen];
        let (t, d) = leg(problem, v, at, trip.kitchen);
        times.transfer += d;
        let arrive = clock + t;
        let loaded = arrive.max(kitchen.hours.start).max(stops.ready) + kitchen.service_min;
        let (out, _) = leg(problem, v, trip.kitchen, stops.first_site);
        let depart = loaded.max(stops.fresh_b).max(stops.time.early - out);
        let last = super::stops::stop_times(problem, v, trip, depart)
            .pop()
            .expect("a non-empty trip");
        let (back_time, _) = leg(problem, v, last.site, trip.kitchen);
        times.trips.push(TripTimes {
            arrive,
            depart,
            last_start: last.start,
            back: last.leave + back_time,
            distance,
        });
        clock = last.leave + back_time;
        at = trip.kitchen;
    }
    let (t, d) = leg(problem, v, at, vehicle.base);
    times.transfer += d;
    times.end = clock + t;
    Some(times)
}
