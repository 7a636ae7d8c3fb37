//! A trip and a courier's whole route, from the summaries of their stops.
//!
//! The rules above the stops live here and only here:
//! - a trip loads at its kitchen from the latest of the courier's arrival, the kitchen's
//!   opening and its orders' ready times, no later than the kitchen's closing, and leaves
//!   after the loading time (later if its orders' freshness or the waits at its doors need
//!   it);
//! - it carries at most the courier's capacity of each item, and only orders the courier
//!   may carry (skills, pinning: see [`Stops::vehicle_may_carry`]);
//! - a courier leaves its base no earlier than its shift start, makes at most `max_trips`
//!   trips one after the other (kitchen to kitchen), and is back by its shift end;
//! - it works at most `max_work_min` from leaving the base to being back (exceeding it is
//!   time warp), and takes each break it is owed (see [`RouteBuilder`]).
//!
//! [`assess`] says how far a route breaks the rules (time warp, excess load, excess ride
//! time), so that a search may price infeasible routes; [`evaluate`] accepts only feasible
//! ones; [`route_times`] gives a feasible route's schedule.

use super::cost::{RouteEval, EPS};
use super::stops::{leg, Stops};
use smallvec::SmallVec;

use super::time::{TimeSeg, HORIZON};
use crate::model::rules::MAX_BREAKS;
use crate::model::{Break, TimeWindow, Vehicle};
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
        let (out_time, out_distance) = leg(problem, v, kitchen, stops.first_site);
        // Leaving no earlier than every order's freshness and every wait at a door allow.
        let depart = TimeSeg::visit(departure_bound(stops, out_time), HORIZON, 0.0);
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

    /// Whether a route holding the trip may keep every rule, as far as the trip alone tells:
    /// a route's time warp is at least its trips' and its ride excess their sum (so `false`
    /// is exact, and costs no route). O(1).
    #[inline]
    pub fn may_be_feasible(&self) -> bool {
        self.kitchen_ok
            && self.vehicle_ok
            && self.time.warp + self.stop_warp <= EPS
            && self.ride_excess <= EPS
    }
}

/// The earliest a trip serving `stops`, `out` minutes from its kitchen, may leave it: when
/// every order stays fresh and no wait at a door exceeds its limit. Leaving later is never
/// required; if the windows do not allow leaving this late, the shortfall is time warp.
#[inline]
fn departure_bound(stops: &Stops, out: f64) -> f64 {
    stops.fresh_b.max(stops.wait_from - out)
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
    /// Working day in minutes, leaving the base to being back (least waiting), 0 if idle.
    pub duration: f64,
    /// Minutes of time warp (windows, kitchen hours, shift; a trip whose windows do not let
    /// it leave as late as its freshness or waiting limits need).
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
            duration: self.duration,
        }
    }
}

/// Where each of a courier's breaks is taken: before work (at the route's start site within
/// the shift, before leaving), at the kitchen of trip `i` before loading it, or off duty
/// after coming back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BreakSlots {
    /// Per break, [`BreakSlots::BEFORE_WORK`], [`BreakSlots::AFTER_WORK`] or the index of
    /// the non-empty trip it precedes.
    at: [u16; MAX_BREAKS],
}

impl BreakSlots {
    /// Taken at the start site, within the shift, before leaving.
    pub const BEFORE_WORK: u16 = u16::MAX;
    /// Taken off duty after coming back (where a break not yet placed goes).
    pub const AFTER_WORK: u16 = u16::MAX - 1;

    /// Where break `b` is taken.
    pub fn of(&self, b: usize) -> u16 {
        self.at[b]
    }
}

impl Default for BreakSlots {
    fn default() -> Self {
        BreakSlots {
            at: [BreakSlots::AFTER_WORK; MAX_BREAKS],
        }
    }
}

/// One way of placing the breaks taken so far, and the route's timing with it.
#[derive(Debug, Clone, Copy)]
struct Placement {
    /// Breaks placed so far (the first `taken` of the courier's, in order).
    taken: usize,
    slots: BreakSlots,
    time: TimeSeg,
}

impl Placement {
    /// Whether this placement is at least as good as `other` whatever follows: as many
    /// breaks taken, no more warp or duration, an end interval that covers `other`'s.
    fn dominates(&self, other: &Placement) -> bool {
        let (a, b) = (&self.time, &other.time);
        self.taken == other.taken
            && a.warp <= b.warp
            && a.dur <= b.dur
            && a.early + a.dur - a.warp <= b.early + b.dur - b.warp
            && a.late + a.dur - a.warp >= b.late + b.dur - b.warp
    }
}

/// Whether a route keeps the courier's breaks and working time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Duty {
    /// It does, as every plan must.
    Owed,
    /// It need not: a diagnosis asking whether they are what rules a delivery out.
    Relaxed,
}

/// Merges trips into a route: the base, the trips in order, the base again.
///
/// A courier's breaks are taken at a kitchen before loading (never with orders on board),
/// before work (at the start site within the shift, before leaving), or off duty after coming
/// back if it is back before the break must start. The builder follows every placement that no
/// other beats (few: see [`Placement::dominates`]) and keeps the best at the end, so a route
/// is priced with its best placement. Without breaks there is one placement.
#[derive(Clone)]
pub(crate) struct RouteBuilder<'p> {
    breaks: &'p [Break],
    max_work: f64,
    placements: SmallVec<[Placement; 4]>,
    at: usize,
    shift_end: f64,
    cost: RouteCost,
}

impl<'p> RouteBuilder<'p> {
    /// A route of vehicle `v` leaving its base.
    pub fn new(problem: &'p Problem, v: usize) -> RouteBuilder<'p> {
        RouteBuilder::within(problem, v, problem.scenario.fleet[v].shift, Duty::Owed)
    }

    /// A route of vehicle `v` working within `shift` instead of its own, with its breaks
    /// and working time limit or without (to ask whether they are what rules a route out).
    pub fn within(
        problem: &'p Problem,
        v: usize,
        shift: TimeWindow,
        duty: Duty,
    ) -> RouteBuilder<'p> {
        let vehicle = &problem.scenario.fleet[v];
        let breaks = match duty {
            Duty::Owed => &vehicle.breaks[..],
            Duty::Relaxed => &[],
        };
        let start = |after: f64, slots: BreakSlots, taken: usize| Placement {
            taken,
            slots,
            time: leaving(shift.start.max(after)),
        };
        let mut placements = SmallVec::new();
        placements.push(start(-HORIZON, BreakSlots::default(), 0));
        // The first `m` breaks taken before work, at the start site within the shift, one
        // after the other: leaving after they end.
        let mut free = shift.start;
        for (m, rest) in breaks.iter().enumerate() {
            let begin = free.max(rest.span.start);
            if begin > rest.latest_start() {
                break;
            }
            free = begin + rest.minutes;
            let mut slots = BreakSlots::default();
            slots.at[..=m].fill(BreakSlots::BEFORE_WORK);
            placements.push(start(free, slots, m + 1));
        }
        RouteBuilder {
            breaks,
            max_work: match duty {
                Duty::Owed => max_work(vehicle),
                Duty::Relaxed => f64::INFINITY,
            },
            placements,
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
        if self.breaks.is_empty() {
            let plain = &mut self.placements[0];
            plain.time = plain.time.then(t, &trip.time);
        } else {
            self.trip_with_breaks(t, trip);
        }
        self.at = kitchen;
        let c = &mut self.cost;
        c.distance += d + trip.distance;
        c.trips += 1;
        c.warp += trip.stop_warp;
        c.ride_excess += trip.ride_excess;
        c.load_excess += load_excess;
        c.broken |= breaks_a_rule(trip);
    }

    /// Extends every placement by `t` minutes of travel and `trip`, and adds the placements
    /// that take the next breaks at its kitchen on arrival.
    fn trip_with_breaks(&mut self, t: f64, trip: &TripEval) {
        let index = self.cost.trips.min(usize::from(BreakSlots::AFTER_WORK - 1)) as u16;
        // Placements that take breaks here, kept apart until every placement has this trip.
        let mut rested: SmallVec<[Placement; 4]> = SmallVec::new();
        for plain in &mut self.placements {
            // Breaks taken at this kitchen on arrival, one or more in a row.
            let mut with = *plain;
            let mut travel = t;
            for b in with.taken..self.breaks.len() {
                let rest = &self.breaks[b];
                let visit = TimeSeg::visit(rest.span.start, rest.latest_start(), rest.minutes);
                with.time = with.time.then(travel, &visit);
                with.slots.at[b] = index;
                with.taken = b + 1;
                travel = 0.0;
                rested.push(Placement {
                    time: with.time.then(0.0, &trip.time),
                    ..with
                });
            }
            plain.time = plain.time.then(t, &trip.time);
        }
        self.placements.extend(rested);
        self.prune();
    }

    /// Drops placements another one dominates (the first of equal ones stays).
    fn prune(&mut self) {
        let mut i = 0;
        while i < self.placements.len() {
            let p = self.placements[i];
            let beaten = self
                .placements
                .iter()
                .enumerate()
                .any(|(j, q)| j != i && q.dominates(&p) && !(p.dominates(q) && i < j));
            if beaten {
                self.placements.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// Back to the base: the route's cost, timing and break placement.
    pub fn finish(self, problem: &Problem, v: usize) -> (RouteCost, TimeSeg, BreakSlots) {
        let vehicle = &problem.scenario.fleet[v];
        let mut cost = self.cost;
        let first = self.placements[0];
        if cost.trips == 0 {
            return (RouteCost::default(), first.time, first.slots);
        }
        let (t, d) = leg(problem, v, self.at, vehicle.base);
        // The breaks not taken at work are taken off duty after it: back before they must
        // start (the earliest of them binds, as they are in time order).
        let mut best = (f64::INFINITY, f64::INFINITY, first.time, first.slots);
        let placements = if self.breaks.is_empty() {
            std::slice::from_ref(&first)
        } else {
            &self.placements[..]
        };
        for p in placements {
            let back_by = self.breaks[p.taken..]
                .first()
                .map_or(self.shift_end, |b| b.latest_start().min(self.shift_end));
            let time = p.time.then(t, &back(back_by));
            let warp = day_warp(&time, self.max_work);
            if (warp, time.dur) < (best.0, best.1) || best.0.is_infinite() {
                best = (warp, time.dur, time, p.slots);
            }
        }
        cost.distance += d;
        cost.duration = best.1;
        cost.warp += best.0;
        cost.broken |= cost.trips > vehicle.max_trips as usize;
        (cost, best.2, best.3)
    }
}

/// Whether a trip breaks a rule no timing mends: its kitchen or its courier may not carry
/// one of its orders.
fn breaks_a_rule(trip: &TripEval) -> bool {
    !trip.kitchen_ok || !trip.vehicle_ok
}

/// Leaving the base no earlier than `earliest`.
fn leaving(earliest: f64) -> TimeSeg {
    TimeSeg::visit(earliest, HORIZON, 0.0)
}

/// Back at the base by `by`.
fn back(by: f64) -> TimeSeg {
    TimeSeg::visit(-HORIZON, by, 0.0)
}

/// The longest working day of `vehicle` (unbounded without a limit).
fn max_work(vehicle: &Vehicle) -> f64 {
    vehicle.max_work_min.unwrap_or(f64::INFINITY)
}

/// Time warp of a working day timed `time` (base to base) for a courier working at most
/// `max_work` minutes: the windows' and the shift's, plus the minutes beyond the limit.
fn day_warp(time: &TimeSeg, max_work: f64) -> f64 {
    time.warp + (time.dur - max_work).max(0.0)
}

/// The timing of a courier's route without breaks around each place a trip may take, so
/// that the time warp of the route with one trip replaced, or one trip more, is known in
/// O(1): the route up to that place (from leaving the base) and from it on (to being back),
/// merged with the trip's timing as [`RouteBuilder`] would merge them one by one. The
/// inserter asks it before pricing a route (on the relief city of 500 orders nine in ten
/// routes it priced were infeasible, mostly late: later trips, the shift's end), and a route
/// with one trip replaced is priced from it ([`RouteTiming::replaced`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct RouteTiming {
    /// Per trip index, and one past the last: the route before the trip there, and from it
    /// on (empty trips skipped).
    gaps: Vec<Gap>,
    max_work: f64,
    max_trips: usize,
    /// The route's own working day's time warp, and how many of its trips break a rule no
    /// timing mends (a kitchen, a courier that may not carry an order).
    day_warp: f64,
    broken_trips: usize,
    /// Whether the route is summarised: not for a courier with breaks, nor for one making a
    /// single trip, whose route is priced about as fast as it would be judged here.
    on: bool,
}

/// The route on either side of a place between trips.
#[derive(Debug, Clone, Copy)]
struct Gap {
    /// Timing from leaving the base to the end of the trips before, and the site it ends at
    /// (the base, or the last trip's kitchen).
    head: TimeSeg,
    at: usize,
    /// Timing from the next trip's loading (or from being back at the base) to the end, and
    /// the site it begins at (that trip's kitchen, or the base).
    rest: TimeSeg,
    next: usize,
}

impl RouteTiming {
    /// Summarises vehicle `v`'s route, its trips given as (kitchen, timing), `None` for an
    /// empty trip. O(trips).
    pub fn rebuild<'t>(
        &mut self,
        problem: &Problem,
        v: usize,
        trips: impl DoubleEndedIterator<Item = (usize, Option<&'t TripEval>)> + Clone,
    ) {
        let vehicle = &problem.scenario.fleet[v];
        self.gaps.clear();
        self.on = vehicle.breaks.is_empty() && vehicle.max_trips > 1;
        if !self.on {
            return;
        }
        self.max_work = max_work(vehicle);
        self.max_trips = vehicle.max_trips as usize;
        self.broken_trips = trips
            .clone()
            .filter(|(_, t)| t.is_some_and(breaks_a_rule))
            .count();
        let (mut head, mut at) = (leaving(vehicle.shift.start), problem.start_site(v));
        let (rest, next) = (back(vehicle.shift.end), vehicle.base);
        let gap = |head, at| Gap {
            head,
            at,
            rest,
            next,
        };
        for (kitchen, trip) in trips.clone() {
            self.gaps.push(gap(head, at));
            if let Some(trip) = trip {
                head = head.then(leg(problem, v, at, kitchen).0, &trip.time);
                at = kitchen;
            }
        }
        self.gaps.push(gap(head, at));
        let (mut rest, mut next) = (rest, next);
        for ((kitchen, trip), gap) in trips.rev().zip(self.gaps.iter_mut().rev().skip(1)) {
            if let Some(trip) = trip {
                rest = trip.time.then(leg(problem, v, kitchen, next).0, &rest);
                next = kitchen;
            }
            (gap.rest, gap.next) = (rest, next);
        }
        let last = self.gaps[self.gaps.len() - 1];
        let day = last
            .head
            .then(leg(problem, v, last.at, last.next).0, &last.rest);
        self.day_warp = day_warp(&day, self.max_work);
    }

    /// The cost of the route `current` (the one summarised) with trip `t` (not empty), `old`
    /// from `kitchen` with `old_excess` units over capacity, replaced by `new` from the same
    /// kitchen, `new_excess` over: what [`RouteBuilder`] adds up trip by trip, from the
    /// differences (equal up to rounding); `None` when the route is not summarised. O(1).
    pub fn replaced(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        current: &RouteCost,
        (kitchen, old, old_excess): (usize, &TripEval, f64),
        (new, new_excess): (&TripEval, f64),
    ) -> Option<RouteCost> {
        let day = self.day_around(problem, v, (t, t + 1), (kitchen, &new.time))?;
        let broken =
            self.broken_trips - usize::from(breaks_a_rule(old)) + usize::from(breaks_a_rule(new));
        Some(RouteCost {
            distance: current.distance - old.distance + new.distance,
            trips: current.trips,
            duration: day.dur,
            warp: current.warp - self.day_warp - old.stop_warp
                + new.stop_warp
                + day_warp(&day, self.max_work),
            ride_excess: current.ride_excess - old.ride_excess + new.ride_excess,
            load_excess: current.load_excess - old_excess + new_excess,
            broken: broken > 0 || current.trips > self.max_trips,
        })
    }

    /// Whether the route with trip `t` (not empty) replaced by one from `kitchen` timed
    /// `time` may be on time (see [`RouteTiming::may_be_on_time`]).
    pub fn may_replace(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        trip: (usize, &TimeSeg),
    ) -> bool {
        self.may_be_on_time(problem, v, (t, t + 1), trip)
    }

    /// Whether the route with a trip from `kitchen` timed `time` added before trip `t` (the
    /// trip count: after the last) may be on time (see [`RouteTiming::may_be_on_time`]).
    pub fn may_add(&self, problem: &Problem, v: usize, t: usize, trip: (usize, &TimeSeg)) -> bool {
        self.may_be_on_time(problem, v, (t, t), trip)
    }

    /// Whether the route is summarised (else every question is answered `true`).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Whether the route before place `from` and from place `to` on, with the trip `(kitchen,
    /// time)` between, may be on time: `false` only when its time warp
    /// ([`RouteTiming::warp_around`]) is more than [`ROUNDING`] over what a feasible route may
    /// have ([`EPS`]); always `true` when the route is not summarised.
    fn may_be_on_time(
        &self,
        problem: &Problem,
        v: usize,
        places: (usize, usize),
        trip: (usize, &TimeSeg),
    ) -> bool {
        self.warp_around(problem, v, places, trip)
            .is_none_or(|warp| warp <= EPS + ROUNDING)
    }

    /// The time warp of the working day (shift, working time limit and the trips' timing;
    /// not the warp inside a trip's stops) of the route before place `from` and from place
    /// `to` on with the trip `(kitchen, time)` between; `None` when the route is not
    /// summarised.
    pub(super) fn warp_around(
        &self,
        problem: &Problem,
        v: usize,
        (from, to): (usize, usize),
        (kitchen, time): (usize, &TimeSeg),
    ) -> Option<f64> {
        let day = self.day_around(problem, v, (from, to), (kitchen, time))?;
        Some(day_warp(&day, self.max_work))
    }

    /// The working day's timing (base to base) of the route before place `from` and from
    /// place `to` on with the trip `(kitchen, time)` between; `None` when the route is not
    /// summarised. O(1).
    fn day_around(
        &self,
        problem: &Problem,
        v: usize,
        (from, to): (usize, usize),
        (kitchen, time): (usize, &TimeSeg),
    ) -> Option<TimeSeg> {
        let (a, b) = (self.gaps.get(from)?, self.gaps.get(to)?);
        Some(
            a.head
                .then(leg(problem, v, a.at, kitchen).0, time)
                .then(leg(problem, v, kitchen, b.next).0, &b.rest),
        )
    }
}

/// Minutes of time warp that [`RouteTiming`] leaves to the full price: its merges, grouped
/// otherwise than [`RouteBuilder`]'s, may round otherwise (times are clamped at a billion
/// minutes, where a double's step is about 1e-7).
const ROUNDING: f64 = 1e-3;

/// Units over capacity of vehicle `v` carrying `jobs`.
pub(crate) fn load_excess(problem: &Problem, v: usize, jobs: &[usize], load: &mut Vec<u64>) -> f64 {
    load.clear();
    load.resize(problem.scenario.items.len(), 0);
    for &j in jobs {
        load[problem.jobs[j].item] += u64::from(problem.jobs[j].quantity);
    }
    excess(&problem.scenario.fleet[v].capacity, load.iter().copied())
}

/// Units of `load` (per item, in item order) over `capacity`, summed over items.
#[inline]
pub(crate) fn excess(capacity: &[u32], load: impl IntoIterator<Item = u64>) -> f64 {
    capacity
        .iter()
        .zip(load)
        .map(|(&c, l)| l.saturating_sub(u64::from(c)) as f64)
        .sum()
}

/// How vehicle `v` making `trips` (empty trips skipped) measures against every rule. O(stops).
pub(crate) fn assess(problem: &Problem, v: usize, trips: &[Trip]) -> RouteCost {
    build(problem, v, trips).finish(problem, v).0
}

/// Vehicle `v` making `trips` (empty trips skipped), not yet back at its base. O(stops).
fn build<'p>(problem: &'p Problem, v: usize, trips: &[Trip]) -> RouteBuilder<'p> {
    let mut route = RouteBuilder::new(problem, v);
    let mut load = Vec::new();
    for trip in trips.iter().filter(|t| !t.jobs.is_empty()) {
        let stops = Stops::of(problem, v, trip.jobs.iter().copied()).expect("a non-empty trip");
        let eval = TripEval::new(problem, v, trip.kitchen, &stops);
        let over = load_excess(problem, v, &trip.jobs, &mut load);
        route.trip(problem, v, trip.kitchen, &eval, over);
    }
    route
}

/// A courier's route up to a point, priced once so that one more trip after it is judged in
/// O(1) with the arithmetic of [`assess`] (the same verdicts, bit for bit): the
/// constructions that grow routes at their end weigh every candidate against one.
#[derive(Clone)]
pub(crate) struct RoutePrefix<'p> {
    route: RouteBuilder<'p>,
}

impl<'p> RoutePrefix<'p> {
    /// Vehicle `v` making `trips` (empty trips skipped). O(stops).
    pub fn new(problem: &'p Problem, v: usize, trips: &[Trip]) -> RoutePrefix<'p> {
        RoutePrefix {
            route: build(problem, v, trips),
        }
    }

    /// The route, then a trip from `kitchen` serving `stops` (within the courier's capacity:
    /// loads are the caller's to check).
    pub fn then(&self, problem: &Problem, v: usize, kitchen: usize, stops: &Stops) -> Self {
        let mut next = self.clone();
        let eval = TripEval::new(problem, v, kitchen, stops);
        next.route.trip(problem, v, kitchen, &eval, 0.0);
        next
    }

    /// Whether the route, then a trip from `kitchen` serving `stops` (within capacity), and
    /// back to the base keeps every rule: what [`evaluate`] says of the whole. O(1).
    pub fn feasible_then(
        &self,
        problem: &Problem,
        v: usize,
        kitchen: usize,
        stops: &Stops,
    ) -> bool {
        let trip = TripEval::new(problem, v, kitchen, stops);
        if !trip.may_be_feasible() {
            return false;
        }
        let mut route = self.route.clone();
        route.trip(problem, v, kitchen, &trip, 0.0);
        route.finish(problem, v).0.feasible()
    }

    /// The earliest the route so far can be done (back at the kitchen of its last trip, or
    /// leaving the base), whichever way its breaks are placed: the schedule [`route_times`]
    /// gives a feasible route beginning with it is there no earlier, up to the time warp a
    /// feasible route may have ([`EPS`]) and rounding. A lower bound to prune candidates by.
    pub fn earliest_end(&self) -> f64 {
        self.route
            .placements
            .iter()
            .map(|p| p.time.early + p.time.dur - p.time.warp)
            .fold(f64::INFINITY, f64::min)
    }
}

/// Vehicle `v` carrying `job` alone from `kitchen`, working within `shift` (its own, or a
/// relaxed one to ask whether the shift is what rules it out) with `duty`.
pub(crate) fn assess_alone(
    problem: &Problem,
    v: usize,
    kitchen: usize,
    job: usize,
    shift: TimeWindow,
    duty: Duty,
) -> RouteCost {
    let mut route = RouteBuilder::within(problem, v, shift, duty);
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
            .any(|k| assess_alone(problem, v, k, job, shift, Duty::Owed).feasible())
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
    /// The courier's breaks, in order.
    pub breaks: Vec<BreakTimes>,
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

/// One break: where (a kitchen, or the route's start site or base outside work) and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BreakTimes {
    pub site: usize,
    pub start: f64,
    pub end: f64,
}

/// The schedule of vehicle `v` making `trips`, or `None` if they break a rule or are all
/// empty.
///
/// The courier leaves its base as late as the whole route allows without waiting more, and
/// serves every stop as early as possible; each trip leaves its kitchen as late as it can
/// without coming back later, so food spends the least time on the road. Breaks at work
/// start as soon as the courier is at the kitchen and the break's span allows.
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
    let (cost, time, slots) = route.finish(problem, v);
    if runs.is_empty() || !cost.feasible() {
        return None;
    }
    let vehicle = &problem.scenario.fleet[v];
    let mut times = RouteTimes {
        start: time.early,
        ..RouteTimes::default()
    };
    // Breaks before work, from the start of the shift on, end before the courier leaves.
    take_breaks(
        vehicle,
        &slots,
        usize::from(BreakSlots::BEFORE_WORK),
        (problem.start_site(v), vehicle.shift.start),
        &mut times.breaks,
    );
    let (mut clock, mut at) = (time.early, problem.start_site(v));
    for (index, (trip, stops, distance)) in runs.into_iter().enumerate() {
        let kitchen = &problem.scenario.sites[trip.kitchen];
        let (t, d) = leg(problem, v, at, trip.kitchen);
        times.transfer += d;
        let arrive = clock + t;
        let free = take_breaks(
            vehicle,
            &slots,
            index,
            (trip.kitchen, arrive),
            &mut times.breaks,
        );
        let loaded = free.max(kitchen.hours.start).max(stops.ready) + kitchen.service_min;
        let (out, _) = leg(problem, v, trip.kitchen, stops.first_site);
        let depart = loaded
            .max(departure_bound(&stops, out))
            .max(stops.time.early - out);
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
    // Breaks left for after work start once the courier is back.
    take_breaks(
        vehicle,
        &slots,
        usize::from(BreakSlots::AFTER_WORK),
        (vehicle.base, times.end),
        &mut times.breaks,
    );
    Some(times)
}

/// Takes `vehicle`'s breaks placed in `slot` one after the other at `site`, the first from
/// `from` on, each no earlier than its span allows; returns when the last ends (`from` if
/// none is there).
fn take_breaks(
    vehicle: &Vehicle,
    slots: &BreakSlots,
    slot: usize,
    (site, from): (usize, f64),
    breaks: &mut Vec<BreakTimes>,
) -> f64 {
    let mut free = from;
    for (b, rest) in vehicle.breaks.iter().enumerate() {
        if usize::from(slots.of(b)) == slot {
            let start = free.max(rest.span.start);
            free = start + rest.minutes;
            breaks.push(BreakTimes {
                site,
                start,
                end: free,
            });
        }
    }
    free
}
