//! The stops of one trip, summarised so that two runs of stops merge in O(1).
//!
//! The rules of a trip's stops live here and only here:
//! - a stop's service starts when the courier is there and its window is open, and must
//!   start before the window closes (else the lateness is time warp);
//! - consecutive orders at one site are one stop: no travel between them, one service time
//!   (charged on the way out), one start for all, inside every window of the stop;
//! - freshness: each order's handover is at most its `max_ride` after the trip leaves its
//!   kitchen;
//! - waiting: the courier waits at most the site's `max_wait` at a stop's door, from
//!   arriving to the start of service (the trip leaves its kitchen later instead);
//! - a trip loads no earlier than its latest ready time, at one kitchen (orders with a fixed
//!   kitchen agree on it);
//! - the courier has every skill its orders need (their masks OR together), and orders
//!   pinned to a courier agree on it ([`Need`], as kitchens do).
//!
//! Service times are charged on the edge leaving a site, so that an order joining a stop
//! adds nothing but its window.
//!
//! Freshness in O(1): with the trip leaving at `t`, the stop of order `i` starts at
//! `max(t + a_i, b_i)`, where `a_i` is the travel and service before it and `b_i` the
//! earliest start its and earlier windows allow. Its ride `max(a_i, b_i - t)` is within the
//! limit `L_i` iff `a_i <= L_i` and `t >= b_i - L_i`. So a run of stops keeps
//! `max(a_i - L_i)` (a ride too long whenever the trip leaves) and `max(b_i - L_i)` (the
//! earliest departure that keeps every order fresh), and both merge like the timing.
//!
//! Waiting in O(1), the same way: with the run's first arrival at `t`, a stop arrives at
//! `max(t + a_i, c_i)` (`c_i` the earliest arrival the earlier windows allow, none at the
//! first stop) and starts at `max(t + a_i, b_i)`. Its wait is within `W_i` iff
//! `c_i >= b_i - W_i` (the windows before it already make it arrive late enough) or
//! `t >= m_i = b_i - W_i - a_i`. A run keeps `max(m_i)` over the stops of the second kind
//! ([`Stops::wait_from`], the earliest first arrival keeping every wait within its limit)
//! and `c` of its last stop. Following a run whose windows let the courier reach the next
//! run's first stop at `X` at the earliest, a stop of the next run with `m_i <= X` arrives
//! late enough anyway, so only a bound above `X` carries over (shifted by the first run's
//! span and the travel). A stop split between the two runs arrives once, when the first
//! run's last stop does: its bound is tested against that arrival (`last_arrive`).
//! No limit is a limit of [`HORIZON`], whose bound nothing reaches.

use super::time::{bounded, TimeSeg, HORIZON};
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// Which one kitchen (a site index) or courier (a fleet index) the orders of a run must
/// have: any, this one, or none (two orders want different ones: no trip can carry both).
/// Four bytes, as it is copied with every summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Need(u32);

/// The kitchen the orders of a run must load at.
pub(crate) type KitchenNeed = Need;

impl Need {
    /// Any.
    pub const ANY: Need = Need(u32::MAX);
    /// Two orders want different ones.
    const CONFLICT: Need = Need(u32::MAX - 1);

    /// Only `x` (at most `u32::MAX - 2`, far beyond any scenario: sites and couriers are
    /// counted in thousands).
    pub fn only(x: usize) -> Need {
        debug_assert!(x < Need::CONFLICT.0 as usize);
        Need(x as u32)
    }

    /// The need of an order wanting `x`, if any.
    fn of(x: Option<usize>) -> Need {
        x.map_or(Need::ANY, Need::only)
    }

    #[inline]
    fn and(self, other: Need) -> Need {
        if self == other || other == Need::ANY {
            self
        } else if self == Need::ANY {
            other
        } else {
            Need::CONFLICT
        }
    }

    /// Whether kitchen (or courier) `k` may carry the run.
    #[inline]
    pub fn allows(self, k: usize) -> bool {
        self == Need::ANY || self.0 as usize == k
    }
}

/// The orders of one stop (consecutive orders at one site), or the part of it a run holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct StopGroup {
    /// Latest window start, earliest window end and smallest freshness limit.
    open: f64,
    close: f64,
    ride: f64,
}

impl StopGroup {
    fn and(self, other: StopGroup) -> StopGroup {
        StopGroup {
            open: self.open.max(other.open),
            close: self.close.min(other.close),
            ride: self.ride.min(other.ride),
        }
    }

    /// Time warp of its windows not overlapping: the stop starts once for all of them.
    fn warp(self) -> f64 {
        (self.open - self.close).max(0.0)
    }
}

/// A run of consecutive orders of one trip (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stops {
    /// Timing from the first order's service start to the last order's service start.
    pub time: TimeSeg,
    /// Time warp of the stops strictly inside the run whose windows do not overlap (see
    /// [`Stops::stop_warp`]).
    closed_warp: f64,
    /// Travel and service from the first order's start to the last one's, without waiting.
    pub span: f64,
    /// Earliest start of the last order that the windows allow.
    pub last_early: f64,
    /// `max(a_i - L_i)` and `max(b_i - L_i)`, relative to the first order's start.
    pub fresh_a: f64,
    pub fresh_b: f64,
    /// Earliest arrival at the first stop that keeps every wait at a door within its limit.
    pub wait_from: f64,
    /// Earliest arrival at the last stop that the windows allow (`-HORIZON` when it is the
    /// first stop: any).
    last_arrive: f64,
    /// Distance from the first site to the last.
    pub distance: f64,
    /// Latest ready time of the orders.
    pub ready: f64,
    /// The kitchen the orders need.
    pub kitchen: KitchenNeed,
    /// The skills the orders need (a mask, see [`Problem::fits`]) and the courier they are
    /// pinned to.
    pub skills: u64,
    pub courier: Need,
    /// Sites of the first and last order, and the last site's service time.
    pub first_site: usize,
    pub last_site: usize,
    pub last_service: f64,
    /// The first and the last stop, which the next run may extend.
    lead: StopGroup,
    trail: StopGroup,
    /// Whether every order of the run is at one site (one stop: `lead` is `trail`).
    one_site: bool,
}

impl Stops {
    /// The run of order (job) `j` alone.
    pub fn job(problem: &Problem, j: usize) -> Stops {
        let job = &problem.jobs[j];
        let (open, close) = (bounded(job.window.start), bounded(job.window.end));
        let ride = bounded(job.max_ride);
        let group = StopGroup { open, close, ride };
        Stops {
            time: TimeSeg::visit(open, close, 0.0),
            closed_warp: 0.0,
            span: 0.0,
            last_early: open,
            fresh_a: -ride,
            fresh_b: open - ride,
            wait_from: open - bounded(job.max_wait),
            last_arrive: -HORIZON,
            distance: 0.0,
            ready: bounded(job.ready),
            kitchen: Need::of(job.kitchen),
            skills: job.skills,
            courier: Need::of(job.courier),
            first_site: job.site,
            last_site: job.site,
            last_service: job.service,
            lead: group,
            trail: group,
            one_site: true,
        }
    }

    /// Time warp of the run alone (windows that no timing of it meets); a route holding the
    /// run has at least this much.
    pub fn warp(&self) -> f64 {
        self.time.warp + self.stop_warp()
    }

    /// Time warp no schedule removes: a stop whose orders' windows do not overlap (a
    /// window opens after another one closed), however it is timed.
    pub fn stop_warp(&self) -> f64 {
        let trail = if self.one_site {
            0.0
        } else {
            self.trail.warp()
        };
        self.closed_warp + self.lead.warp() + trail
    }

    /// Time (service here, then travel) and distance from this run's last order to an
    /// order at `site`: nothing when it is the same site (the same stop).
    #[inline]
    fn edge_to(&self, problem: &Problem, v: usize, site: usize) -> (f64, f64) {
        edge(problem, v, (self.last_site, self.last_service), site)
    }

    /// Whether vehicle `v` may carry the run: it has every skill and the run is pinned to no
    /// other courier. O(1).
    #[inline]
    pub fn vehicle_may_carry(&self, problem: &Problem, v: usize) -> bool {
        self.skills & !problem.vehicle_skills[v] == 0 && self.courier.allows(v)
    }

    /// Whether `next` may follow this run without time warp, as far as a quick bound tells:
    /// false only when the earliest arrival at `next` is after its latest start (a
    /// necessary condition, far cheaper than [`Stops::then`]).
    #[inline]
    pub fn may_precede(&self, problem: &Problem, v: usize, next: &Stops) -> bool {
        may_follow(
            problem,
            v,
            (self.last_site, self.last_service, self.last_early),
            (next.first_site, next.time.late),
        )
    }

    /// This run, then `next`, travelled by vehicle `v`.
    #[inline(always)]
    pub fn then(&self, problem: &Problem, v: usize, next: &Stops) -> Stops {
        let shared = self.last_site == next.first_site;
        let (travel, distance) = self.edge_to(problem, v, next.first_site);
        let mut fresh_b = self
            .fresh_b
            .max(self.last_early + travel + next.fresh_a)
            .max(next.fresh_b);
        // Earliest arrival at `next`'s first stop (its first order's start, when shared) the
        // windows allow, and the bounds on it that carry over.
        let reach = self.last_early + travel;
        let shift = self.span + travel;
        let mut wait_from = if next.wait_from > reach {
            self.wait_from.max(next.wait_from - shift)
        } else {
            self.wait_from
        };
        let last_arrive = if shared && next.one_site {
            self.last_arrive
        } else {
            next.last_arrive.max(reach + next.span)
        };
        let (lead, trail, closed_warp) = if shared {
            // One stop split between the two runs: it starts once for all its orders, so
            // every window and freshness limit of it binds every opening.
            let stop = self.trail.and(next.lead);
            fresh_b = fresh_b.max(stop.open - stop.ride);
            // Its later opening may make the courier wait there, since it arrived.
            let bound = next.lead.open - bounded(problem.max_wait(next.first_site));
            if bound > self.last_arrive {
                wait_from = wait_from.max(bound - self.span);
            }
            match (self.one_site, next.one_site) {
                (true, true) => (stop, stop, 0.0),
                (true, false) => (stop, next.trail, next.closed_warp),
                (false, true) => (self.lead, stop, self.closed_warp),
                (false, false) => (
                    self.lead,
                    next.trail,
                    self.closed_warp + next.closed_warp + stop.warp(),
                ),
            }
        } else {
            let inner = |run: &Stops, end: StopGroup| {
                run.closed_warp + if run.one_site { 0.0 } else { end.warp() }
            };
            (
                self.lead,
                next.trail,
                inner(self, self.trail) + inner(next, next.lead),
            )
        };
        Stops {
            time: self.time.then(travel, &next.time),
            closed_warp,
            span: self.span + travel + next.span,
            last_early: later_start(self.last_early, travel, next.span, next.last_early),
            fresh_a: self.fresh_a.max(self.span + travel + next.fresh_a),
            fresh_b,
            wait_from,
            last_arrive,
            distance: self.distance + distance + next.distance,
            ready: self.ready.max(next.ready),
            kitchen: self.kitchen.and(next.kitchen),
            skills: self.skills | next.skills,
            courier: self.courier.and(next.courier),
            first_site: self.first_site,
            last_site: next.last_site,
            last_service: next.last_service,
            lead,
            trail,
            one_site: self.one_site && next.one_site && shared,
        }
    }

    /// The run of `jobs` in order (`None` if empty). O(len).
    pub fn of(problem: &Problem, v: usize, jobs: impl IntoIterator<Item = usize>) -> Option<Stops> {
        let mut jobs = jobs.into_iter();
        let first = Stops::job(problem, jobs.next()?);
        Some(jobs.fold(first, |acc, j| {
            acc.then(problem, v, &Stops::job(problem, j))
        }))
    }
}

/// The quick bound of [`Stops::may_precede`] on the parts it reads: a run ending at `from`
/// (its last site, that site's service time and the earliest start of its last order) may
/// precede a run starting at `to` (its first site and the latest start of its first order)
/// only if the earliest arrival there is not after that latest start.
#[inline]
pub(crate) fn may_follow(
    problem: &Problem,
    v: usize,
    from: (usize, f64, f64),
    to: (usize, f64),
) -> bool {
    let (site, service, early) = from;
    let travel = if site == to.0 {
        0.0
    } else {
        // An infinite time (no path) fails the comparison, as it should.
        service + problem.matrix.time(v, site, to.0)
    };
    early + travel <= to.1 + super::EPS
}

/// Earliest start of a run's last order: the earlier run's, `travel` and the later run's
/// `span` later, or the later run's own, whichever is later.
#[inline(always)]
fn later_start(early: f64, travel: f64, span: f64, next_early: f64) -> f64 {
    (early + travel + span).max(next_early)
}

/// Time and distance from a stop at `from` (site, service time) to an order at `site`:
/// nothing when it is the same site (the same stop).
#[inline]
fn edge(problem: &Problem, v: usize, from: (usize, f64), site: usize) -> (f64, f64) {
    if from.0 == site {
        (0.0, 0.0)
    } else {
        let (t, d) = leg(problem, v, from.0, site);
        (from.1 + t, d)
    }
}

/// What the inserter's quick bound ([`may_follow`]) reads of one order of a trip, kept in
/// one array per trip so that a scan over the trip's positions reads memory in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct StartBound {
    /// The order's site and its service time.
    pub site: usize,
    pub service: f64,
    /// Earliest start of the order (the `last_early` of the trip's prefix up to it).
    pub early: f64,
    /// Latest start of it that adds no time warp to it and the orders after it (the
    /// `time.late` of the trip's suffix from it).
    pub late: f64,
}

/// The [`StartBound`] of each order of a trip serving `jobs`, into `bounds`: the same
/// recurrences as [`Stops::then`] give the same numbers as the summaries, without building
/// them. O(orders).
pub(crate) fn start_bounds(
    problem: &Problem,
    v: usize,
    jobs: &[usize],
    bounds: &mut Vec<StartBound>,
) {
    bounds.clear();
    for &j in jobs {
        let job = &problem.jobs[j];
        let open = bounded(job.window.start);
        let early = match bounds.last() {
            Some(b) => {
                let (travel, _) = edge(problem, v, (b.site, b.service), job.site);
                later_start(b.early, travel, 0.0, open)
            }
            None => open,
        };
        bounds.push(StartBound {
            site: job.site,
            service: job.service,
            early,
            late: 0.0,
        });
    }
    let mut after: Option<(usize, TimeSeg)> = None;
    for (b, &j) in bounds.iter_mut().zip(jobs).rev() {
        let job = &problem.jobs[j];
        let time = TimeSeg::visit(bounded(job.window.start), bounded(job.window.end), 0.0);
        let time = match after {
            Some((to, next)) => time.then(edge(problem, v, (b.site, b.service), to).0, &next),
            None => time,
        };
        b.late = time.late;
        after = Some((b.site, time));
    }
}

/// Travel time and distance of vehicle `v` from site `a` to site `b`, bounded (a closed road
/// network's "no path" becomes a [`HORIZON`]-long leg that no window can meet).
#[inline]
pub(crate) fn leg(problem: &Problem, v: usize, a: usize, b: usize) -> (f64, f64) {
    let (t, d) = problem.matrix.arc(v, a, b);
    if t.is_finite() {
        (t, d)
    } else {
        (HORIZON, HORIZON)
    }
}

/// One stop of a trip: its site, arrival, service start and departure, and the range of the
/// trip's jobs handed over there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StopTimes {
    pub site: usize,
    pub arrive: f64,
    pub start: f64,
    pub leave: f64,
    pub jobs: std::ops::Range<usize>,
}

/// The stops of `trip` leaving its kitchen at `depart`, each served as early as possible.
pub(crate) fn stop_times(problem: &Problem, v: usize, trip: &Trip, depart: f64) -> Vec<StopTimes> {
    let sites = &problem.scenario.sites;
    let mut stops: Vec<StopTimes> = Vec::new();
    let mut time = depart;
    let mut at = trip.kitchen;
    for (i, &j) in trip.jobs.iter().enumerate() {
        let job = &problem.jobs[j];
        match stops.last_mut() {
            Some(stop) if stop.site == job.site => {
                stop.start = stop.start.max(job.window.start);
                stop.leave = stop.start + sites[job.site].service_min;
                stop.jobs.end = i + 1;
            }
            _ => {
                let arrive = time + leg(problem, v, at, job.site).0;
                let start = arrive.max(job.window.start);
                stops.push(StopTimes {
                    site: job.site,
                    arrive,
                    start,
                    leave: start + sites[job.site].service_min,
                    jobs: i..i + 1,
                });
            }
        }
        let stop = stops.last().expect("a stop was just pushed");
        time = stop.leave;
        at = stop.site;
    }
    stops
}
