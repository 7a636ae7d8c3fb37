//! `nearest`: greedy batching, always driving to the nearest stop that still fits.

use super::{optional, settle_priorities};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::Instant;

use crate::model::Objective;
use crate::solver::eval;
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};
use crate::solver::strategy::{past, Budget, Strategy};

/// Greedy nearest-feasible-stop batching.
///
/// Couriers are filled one at a time: each trip starts at the kitchen that reaches its first
/// stop soonest, then repeatedly adds the pending order whose handover can start soonest
/// (travel plus waiting for its window) while every constraint still holds. Under the
/// `balanced` objective the couriers take turns instead: the next stop goes to the courier
/// whose working day is shortest so far. Optional orders (priority 0) wait until the end, and
/// when the fleet is short orders of higher priority displace lower ones (see
/// `settle_priorities`).
///
/// Complexity: per stop placed, a lower bound for every pending order (a travel time: in
/// all `O(orders²)` of them) and a heap of them; orders are taken off it by bound until the
/// bound exceeds the soonest handover found, each checked against every rule in O(1) (the
/// route before the trip priced once per stop) and, if it fits, timed in full (O(route)).
/// The plans are those of timing every candidate in full (O(orders² · route)), which took
/// 152 s at 10,000 orders and 633 s at 20,000 (see benches/RESULTS.md, 2026-12-02).
#[derive(Debug, Clone, Copy, Default)]
pub struct Nearest;

impl Strategy for Nearest {
    fn name(&self) -> &'static str {
        "nearest"
    }

    fn description(&self) -> &'static str {
        "greedy batching to the nearest feasible stop"
    }

    fn solve(&self, problem: &Problem, _budget: &Budget) -> Routes {
        let (mut routes, _) = Nearest::batches(problem, None);
        settle_priorities(problem, &mut routes);
        routes
    }
}

impl Nearest {
    /// The greedy pass alone: the orders of priority 1 and more batched to the nearest stop,
    /// every order it left out listed as unassigned (not yet let in by
    /// `settle_priorities`), and its work in the search's units: one per order bounded, about
    /// as long as one stop evaluated. The search's start when the fleet is short (see
    /// `search::start`): at 20,000 orders it takes 5 s of `nearest`'s 24 s (CPU). It stops
    /// adding stops at `deadline`, if any, leaving the rest unassigned.
    pub(crate) fn batches(problem: &Problem, deadline: Option<Instant>) -> (Routes, u64) {
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        // The orders still to place, in index order (the order in which ties are broken).
        let mut pending: Vec<usize> = (0..problem.job_count())
            .filter(|&j| !optional(problem, j))
            .collect();
        let mut work = 0;
        if problem.objective == Objective::Balanced {
            work = take_turns(problem, &mut routes, &mut pending, deadline);
        } else {
            for v in 0..problem.vehicle_count() {
                let trips = &mut routes.trips[v];
                while trips.len() < problem.scenario.fleet[v].max_trips as usize {
                    if past(deadline) {
                        break;
                    }
                    let bounded = pending.len() as u64;
                    let Some(trip) = next_trip(problem, v, trips, &mut pending) else {
                        work += bounded;
                        break;
                    };
                    work += bounded * (trip.jobs.len() as u64 + 1);
                    trips.push(trip);
                }
            }
        }
        list_left_out(problem, &mut routes);
        (routes, work)
    }
}

/// Lists every order the greedy pass left out as unassigned.
fn list_left_out(problem: &Problem, routes: &mut Routes) {
    let mut placed = vec![false; problem.job_count()];
    for &j in routes.trips.iter().flatten().flat_map(|t| &t.jobs) {
        placed[j] = true;
    }
    routes.unassigned = (0..problem.job_count()).filter(|&j| !placed[j]).collect();
}

/// Couriers take turns: the one whose working day is shortest so far (the first of equals)
/// drives to its nearest next stop, or starts a new trip when its current one takes no more.
/// Returns the orders bounded (see [`Nearest::batches`]).
fn take_turns(
    problem: &Problem,
    routes: &mut Routes,
    pending: &mut Vec<usize>,
    deadline: Option<Instant>,
) -> u64 {
    let mut bounded = 0;
    // Per courier, its working day so far and whether its last trip may grow; `None` once
    // it takes no more.
    let mut state: Vec<Option<(f64, bool)>> = vec![Some((0.0, false)); problem.vehicle_count()];
    while let Some((v, open)) = (0..state.len())
        .filter_map(|v| state[v].map(|(day, open)| (day, v, open)))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, v, open)| (v, open))
    {
        if past(deadline) {
            break;
        }
        bounded += pending.len() as u64;
        let trips = &mut routes.trips[v];
        let job = match open
            .then(|| next_stop(problem, v, trips, pending))
            .flatten()
        {
            Some(job) => {
                trips.last_mut().expect("an open trip").jobs.push(job);
                Some(job)
            }
            None if trips.len() < problem.scenario.fleet[v].max_trips as usize => {
                first_stop(problem, v, trips, pending).map(|trip| {
                    let job = trip.jobs[0];
                    trips.push(trip);
                    job
                })
            }
            None => None,
        };
        state[v] = job.map(|job| {
            take(pending, job);
            let day = eval::evaluate(problem, v, trips).map_or(0.0, |e| e.duration);
            (day, true)
        });
    }
    bounded
}

/// Builds vehicle `v`'s next trip after `trips` greedily, taking its orders out of
/// `pending`, or `None` if no pending job fits.
fn next_trip(
    problem: &Problem,
    v: usize,
    trips: &mut Vec<Trip>,
    pending: &mut Vec<usize>,
) -> Option<Trip> {
    let first = first_stop(problem, v, trips, pending)?;
    take(pending, first.jobs[0]);
    trips.push(first);
    while let Some(job) = next_stop(problem, v, trips, pending) {
        take(pending, job);
        trips
            .last_mut()
            .expect("the trip was pushed above")
            .jobs
            .push(job);
    }
    trips.pop()
}

/// Takes `job` out of `pending` (sorted), keeping the rest in order.
fn take(pending: &mut Vec<usize>, job: usize) {
    if let Ok(i) = pending.binary_search(&job) {
        pending.remove(i);
    }
}

/// Minutes the lower bounds below give away to rounding and to the time warp a feasible
/// route may have (`eval::EPS`), so that pruning by them never drops the candidate a full
/// evaluation would pick.
const SLACK: f64 = 1e-3;

/// Whether an order whose window closes at `close`, reached no earlier than `arrive` (one of
/// the bounds below), is out of reach: a route serving it there would be later than its
/// window by more than a feasible route's time warp (the time warp of a route is at least
/// the time by which its earliest schedule, warps before included, misses a window).
fn too_late(arrive: f64, close: f64) -> bool {
    arrive - SLACK > close + eval::EPS
}

/// Vehicle `v`'s next trip after `trips` with its first stop only: the (kitchen, pending
/// job) pair served soonest (the first stop decides the kitchen; the first pair in job, then
/// kitchen order among equals), or `None` if none fits.
///
/// Each pair is first bounded: the courier reaches the stop no earlier than the route so far
/// can be done, then at the kitchen, loaded, and driven there, and hands over no earlier than
/// that or the window's opening (see [`soonest`]).
fn first_stop(
    problem: &Problem,
    v: usize,
    trips: &mut Vec<Trip>,
    pending: &[usize],
) -> Option<Trip> {
    let start = Start::new(problem, v, trips);
    let capacity = &problem.scenario.fleet[v].capacity;
    let mut candidates = Vec::with_capacity(pending.len());
    for &job in pending {
        let order = &problem.jobs[job];
        if !problem.fits(job, v)
            || capacity
                .get(order.item)
                .is_some_and(|&c| order.quantity > c)
        {
            continue;
        }
        for k in problem.allowed_kitchens(job) {
            let arrive = start.arrive(problem, v, k, job);
            if !too_late(arrive, order.window.end) {
                candidates.push(Candidate {
                    bound: arrive.max(order.window.start),
                    rank: candidates.len(),
                    what: (job, k),
                });
            }
        }
    }
    let (job, kitchen) = soonest(candidates, |(job, k)| {
        if !start
            .before
            .feasible_then(problem, v, k, &eval::Stops::job(problem, job))
        {
            return None;
        }
        trips.push(Trip {
            kitchen: k,
            jobs: vec![job],
        });
        let finish = handover_time(problem, v, trips);
        trips.pop();
        Some(finish)
    })?;
    Some(Trip {
        kitchen,
        jobs: vec![job],
    })
}

/// Of `candidates` (a lower bound on the handover, the rank in scan order, the candidate),
/// the one `time` hands over soonest (`None` from it: the candidate does not fit), the first
/// in scan order among equals: what timing every candidate in scan order and keeping the
/// first of the soonest picks.
///
/// They are tried by increasing bound (a heap: O(candidates) to build, O(log) per try) until
/// the next bound exceeds the soonest handover found: a candidate fitting and beating that
/// would have to hand over before its bound.
fn soonest<C: Copy>(
    candidates: Vec<Candidate<C>>,
    mut time: impl FnMut(C) -> Option<f64>,
) -> Option<C> {
    let mut heap = BinaryHeap::from(candidates);
    let mut best: Option<(f64, usize, C)> = None;
    while let Some(Candidate { bound, rank, what }) = heap.pop() {
        if best.is_some_and(|(t, ..)| bound - SLACK > t) {
            break;
        }
        if let Some(t) = time(what) {
            if best.is_none_or(|(b, r, _)| t < b || (t == b && rank < r)) {
                best = Some((t, rank, what));
            }
        }
    }
    best.map(|(.., what)| what)
}

/// A candidate of [`soonest`]: a lower bound on its handover, its rank in scan order, and
/// what it is. Ordered for a max-heap to pop the least bound first, then the least rank.
struct Candidate<C> {
    bound: f64,
    rank: usize,
    what: C,
}

impl<C> Ord for Candidate<C> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .bound
            .total_cmp(&self.bound)
            .then(other.rank.cmp(&self.rank))
    }
}

impl<C> PartialOrd for Candidate<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<C> PartialEq for Candidate<C> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<C> Eq for Candidate<C> {}

/// A courier's trips so far, read for starting one more: priced once, and when it can be
/// done with them at the earliest, and where.
struct Start<'p> {
    before: eval::RoutePrefix<'p>,
    done: f64,
    at: usize,
}

impl<'p> Start<'p> {
    /// Vehicle `v` after `trips` (none empty). O(stops).
    fn new(problem: &'p Problem, v: usize, trips: &[Trip]) -> Start<'p> {
        let before = eval::RoutePrefix::new(problem, v, trips);
        Start {
            done: before.earliest_end(),
            at: trips.last().map_or(problem.start_site(v), |t| t.kitchen),
            before,
        }
    }

    /// No earlier than this, a new trip from kitchen `k` reaches `job`'s site: the courier
    /// is done with its trips so far, drives to the kitchen, loads once the kitchen is open
    /// and the order ready, and drives to the site. O(1).
    fn arrive(&self, problem: &Problem, v: usize, k: usize, job: usize) -> f64 {
        let kitchen = &problem.scenario.sites[k];
        let order = &problem.jobs[job];
        let loaded = (self.done + eval::leg(problem, v, self.at, k).0)
            .max(kitchen.hours.start)
            .max(order.ready)
            + kitchen.service_min;
        loaded + eval::leg(problem, v, k, order.site).0
    }
}

/// The pending job whose handover can start soonest at the end of the last of `trips` (the
/// first in job order among equals), if any fits there.
///
/// As in [`first_stop`], each job is first bounded: no earlier than its window opens, nor
/// than the courier can have served the trip's last stop and driven there.
fn next_stop(problem: &Problem, v: usize, trips: &mut [Trip], pending: &[usize]) -> Option<usize> {
    let last = trips.last()?;
    let extend = Extend::new(problem, v, trips)?;
    let capacity = &problem.scenario.fleet[v].capacity;
    let mut load = vec![0u64; problem.scenario.items.len()];
    for &j in &last.jobs {
        load[problem.jobs[j].item] += u64::from(problem.jobs[j].quantity);
    }
    let mut candidates = Vec::with_capacity(pending.len());
    for &job in pending {
        let order = &problem.jobs[job];
        let item = order.item;
        let over = |c: &u32| load[item] + u64::from(order.quantity) > u64::from(*c);
        if !problem.fits(job, v) || capacity.get(item).is_some_and(over) {
            continue;
        }
        let arrive = extend.arrive(problem, v, job);
        if !too_late(arrive, order.window.end) {
            candidates.push(Candidate {
                bound: arrive.max(order.window.start),
                rank: candidates.len(),
                what: job,
            });
        }
    }
    soonest(candidates, |job| {
        let longer = extend
            .stops
            .then(problem, v, &eval::Stops::job(problem, job));
        if !extend
            .before
            .feasible_then(problem, v, extend.kitchen, &longer)
        {
            return None;
        }
        let trip = trips.last_mut()?;
        trip.jobs.push(job);
        let finish = handover_time(problem, v, trips);
        trips.last_mut()?.jobs.pop();
        Some(finish)
    })
}

/// A courier's trips, read for adding stops to the last: the trips before it priced once, its
/// stops summarised, and when its last stop can start at the earliest.
struct Extend<'p> {
    before: eval::RoutePrefix<'p>,
    kitchen: usize,
    stops: eval::Stops,
    served: f64,
}

impl<'p> Extend<'p> {
    /// Vehicle `v` making `trips`, the last of which grows (`None` if there is none or it is
    /// empty). O(stops).
    fn new(problem: &'p Problem, v: usize, trips: &[Trip]) -> Option<Extend<'p>> {
        let (last, earlier) = trips.split_last()?;
        let k = last.kitchen;
        let before = eval::RoutePrefix::new(problem, v, earlier);
        let stops = eval::Stops::of(problem, v, last.jobs.iter().copied())?;
        // The trip is back at its kitchen the last stop's service and the drive after that
        // stop starts.
        let back = stops.last_service + eval::leg(problem, v, stops.last_site, k).0;
        let served = before.then(problem, v, k, &stops).earliest_end() - back;
        Some(Extend {
            before,
            kitchen: k,
            stops,
            served,
        })
    }

    /// No earlier than this, the trip reaches `job`'s site after its last stop: at once if it
    /// is that stop's site, else after the stop's service and the drive. O(1).
    fn arrive(&self, problem: &Problem, v: usize, job: usize) -> f64 {
        let site = problem.jobs[job].site;
        if site == self.stops.last_site {
            self.served
        } else {
            self.served
                + self.stops.last_service
                + eval::leg(problem, v, self.stops.last_site, site).0
        }
    }
}

/// When the last stop of the last trip starts service.
fn handover_time(problem: &Problem, v: usize, trips: &[Trip]) -> f64 {
    eval::route_times(problem, v, trips)
        .and_then(|times| times.trips.last().map(|t| t.last_start))
        .unwrap_or(f64::INFINITY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;
    use crate::solver::eval::tests::{random_trips, scenario, with_breaks, with_rules, with_waits};
    use crate::solver::rng::Rng;
    use crate::travel::TravelMatrix;

    /// The algorithm before its candidates were bounded and checked in O(1): every pending
    /// job (and kitchen) evaluated in full, the whole route at a time.
    fn reference(problem: &Problem) -> Routes {
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        let mut pending: Vec<bool> = (0..problem.job_count())
            .map(|j| !optional(problem, j))
            .collect();
        if problem.objective == Objective::Balanced {
            let mut state = vec![Some((0.0, false)); problem.vehicle_count()];
            while let Some((v, open)) = (0..state.len())
                .filter_map(|v| state[v].map(|(day, open)| (day, v, open)))
                .min_by(|a: &(f64, usize, bool), b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
                .map(|(_, v, open)| (v, open))
            {
                let trips = &mut routes.trips[v];
                let job = match open
                    .then(|| slow_next(problem, v, trips, &pending))
                    .flatten()
                {
                    Some(job) => {
                        trips.last_mut().unwrap().jobs.push(job);
                        Some(job)
                    }
                    None if trips.len() < problem.scenario.fleet[v].max_trips as usize => {
                        slow_first(problem, v, trips, &pending).map(|trip| {
                            let job = trip.jobs[0];
                            trips.push(trip);
                            job
                        })
                    }
                    None => None,
                };
                state[v] = job.map(|job| {
                    pending[job] = false;
                    let day = eval::evaluate(problem, v, trips).map_or(0.0, |e| e.duration);
                    (day, true)
                });
            }
        } else {
            for v in 0..problem.vehicle_count() {
                let trips = &mut routes.trips[v];
                while trips.len() < problem.scenario.fleet[v].max_trips as usize {
                    let Some(first) = slow_first(problem, v, trips, &pending) else {
                        break;
                    };
                    trips.push(first);
                    while let Some(job) = slow_next(problem, v, trips, &pending) {
                        trips.last_mut().unwrap().jobs.push(job);
                    }
                    for &j in &trips.last().unwrap().jobs {
                        pending[j] = false;
                    }
                }
            }
        }
        list_left_out(problem, &mut routes);
        settle_priorities(problem, &mut routes);
        routes
    }

    fn slow_first(
        problem: &Problem,
        v: usize,
        trips: &mut Vec<Trip>,
        pending: &[bool],
    ) -> Option<Trip> {
        let mut best: Option<(f64, Trip)> = None;
        for job in (0..problem.job_count()).filter(|&j| pending[j]) {
            for k in problem.allowed_kitchens(job) {
                trips.push(Trip {
                    kitchen: k,
                    jobs: vec![job],
                });
                if eval::evaluate(problem, v, trips).is_some() {
                    let finish = handover_time(problem, v, trips);
                    if best.as_ref().is_none_or(|(t, _)| finish < *t) {
                        best = Some((finish, trips.last().cloned().unwrap_or_default()));
                    }
                }
                trips.pop();
            }
        }
        best.map(|(_, trip)| trip)
    }

    fn slow_next(
        problem: &Problem,
        v: usize,
        trips: &mut [Trip],
        pending: &[bool],
    ) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        for job in (0..problem.job_count()).filter(|&j| pending[j]) {
            let trip = trips.last_mut()?;
            if trip.jobs.contains(&job) {
                continue;
            }
            trip.jobs.push(job);
            if eval::evaluate(problem, v, trips).is_some() {
                let finish = handover_time(problem, v, trips);
                if best.is_none_or(|(t, _)| finish < t) {
                    best = Some((finish, job));
                }
            }
            trips.last_mut()?.jobs.pop();
        }
        best.map(|(_, job)| job)
    }

    /// Case `case` of the random scenarios: with or without freshness limits and windows,
    /// and (by case) skills and pinning, breaks and working time limits, waiting limits.
    fn random_case(rng: &mut Rng, rules: &mut Rng, case: usize) -> Scenario {
        let mut scenario = scenario(rng, case.is_multiple_of(2), case % 4 != 3);
        if case.is_multiple_of(3) {
            scenario = with_rules(scenario, rules);
        }
        if case % 5 < 2 {
            scenario = with_breaks(scenario, rules);
        }
        if case % 7 < 3 {
            scenario = with_waits(scenario, rules);
        }
        scenario
    }

    /// On random scenarios (windows, two kitchens and fixed kitchens, several trips, ready
    /// times, freshness and waiting limits, skills and pinning, breaks and working time
    /// limits, optional and urgent orders, both ways of filling couriers) the bounded
    /// search picks exactly what evaluating every candidate in full picks.
    #[test]
    fn plans_equal_evaluating_every_candidate_in_full() {
        let mut rng = Rng::new(41);
        let mut rules = Rng::new(42);
        let (mut multi_stop, mut multi_trip, mut left_out) = (0, 0, 0);
        let cases = 600;
        for case in 0..cases {
            let mut scenario = random_case(&mut rng, &mut rules, case);
            // Twice the orders on half the cases: fuller trips, more of them, some left out.
            if case % 2 == 1 {
                let copies: Vec<_> = scenario
                    .orders
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let mut copy = o.clone();
                        copy.id = format!("C{i}");
                        copy.site = 2 + rules.below(5);
                        copy
                    })
                    .collect();
                scenario.orders.extend(copies);
            }
            for order in &mut scenario.orders {
                order.priority = [1, 1, 1, 0, 2][rules.below(5)];
            }
            let objective = if case % 3 == 1 {
                Objective::Balanced
            } else {
                Objective::Distance
            };
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, objective);
            let fast = Nearest.solve(&problem, &Budget::new(1.0, 1, 1));
            assert_eq!(fast, reference(&problem), "case {case}");
            // The search's start (the pass before settling): each order batched or listed
            // as left out, once.
            let (batches, _) = Nearest::batches(&problem, None);
            let mut seen = vec![0; problem.job_count()];
            let batched = batches.trips.iter().flatten().flat_map(|t| &t.jobs);
            for &j in batched.chain(&batches.unassigned) {
                seen[j] += 1;
            }
            assert!(seen.iter().all(|&n| n == 1), "case {case}");
            // A deadline already passed stops it before its first stop.
            let (stopped, _) = Nearest::batches(&problem, Some(Instant::now()));
            assert!(stopped.trips.iter().all(|t| t.is_empty()), "case {case}");
            assert_eq!(stopped.unassigned.len(), problem.job_count(), "case {case}");
            multi_stop += usize::from(fast.trips.iter().flatten().any(|t| t.jobs.len() > 1));
            multi_trip += usize::from(fast.trips.iter().any(|t| t.len() > 1));
            left_out += usize::from(!fast.unassigned.is_empty());
        }
        // The cases exercise full trips, several trips and orders that fit nowhere.
        assert!(
            multi_stop > cases / 2 && multi_trip > cases / 10 && left_out > cases / 10,
            "{multi_stop} with batched trips, {multi_trip} with several trips, {left_out} with orders left out"
        );
    }

    /// Whether `trips` (the candidate's last) are feasible for `v`, and then that the bound
    /// `arrive` on reaching the candidate `job` neither rules it out nor exceeds its
    /// handover; returns whether it was feasible and whether the bound was exact.
    fn bound_holds(
        problem: &Problem,
        v: usize,
        trips: &[Trip],
        job: usize,
        arrive: f64,
    ) -> (bool, bool) {
        if eval::evaluate(problem, v, trips).is_none() {
            return (false, false);
        }
        let window = problem.jobs[job].window;
        let handover = handover_time(problem, v, trips);
        let bound = arrive.max(window.start);
        assert!(
            !too_late(arrive, window.end) && bound - SLACK < handover,
            "{trips:?}: reached at {arrive}, window {window:?}, handover at {handover}"
        );
        (true, bound + 1e-9 >= handover)
    }

    /// The bounds the pruning reads hold: on random routes (feasible or not), every order
    /// that fits as a new trip from either kitchen, or at the end of the last trip, is
    /// handed over no earlier than its bound, and no order the bound calls too late fits.
    #[test]
    fn bounds_hold_for_every_feasible_candidate() {
        let mut rng = Rng::new(43);
        let mut rules = Rng::new(44);
        let (mut feasible, mut exact) = (0, 0);
        for case in 0..400 {
            let scenario = random_case(&mut rng, &mut rules, case);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            for _ in 0..5 {
                let (mut trips, rest) = random_trips(&mut rng, &problem);
                for v in 0..problem.vehicle_count() {
                    let start = Start::new(&problem, v, &trips);
                    let extend = Extend::new(&problem, v, &trips).expect("a trip");
                    for &job in &rest {
                        for k in problem.allowed_kitchens(job) {
                            trips.push(Trip {
                                kitchen: k,
                                jobs: vec![job],
                            });
                            let arrive = start.arrive(&problem, v, k, job);
                            let (fits, tight) = bound_holds(&problem, v, &trips, job, arrive);
                            (feasible, exact) =
                                (feasible + usize::from(fits), exact + usize::from(tight));
                            trips.pop();
                        }
                        trips.last_mut().expect("a trip").jobs.push(job);
                        let arrive = extend.arrive(&problem, v, job);
                        let (fits, tight) = bound_holds(&problem, v, &trips, job, arrive);
                        (feasible, exact) =
                            (feasible + usize::from(fits), exact + usize::from(tight));
                        trips.last_mut().expect("a trip").jobs.pop();
                    }
                }
            }
        }
        // Many candidates fit, and the bound is mostly their very handover (88% of 12,239).
        assert!(
            feasible > 5000 && exact > feasible / 2,
            "{feasible} feasible candidates, {exact} exact bounds"
        );
    }
}
