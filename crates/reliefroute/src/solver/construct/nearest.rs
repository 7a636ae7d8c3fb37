//! `nearest`: greedy batching, always driving to the nearest stop that still fits.

use super::{optional, settle_priorities};
use crate::model::Objective;
use crate::solver::eval;
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};
use crate::solver::strategy::{Budget, Strategy};

/// Greedy nearest-feasible-stop batching.
///
/// Couriers are filled one at a time: each trip starts at the kitchen that reaches its first
/// stop soonest, then repeatedly adds the pending order whose handover can start soonest
/// (travel plus waiting for its window) while every constraint still holds. Under the
/// `balanced` objective the couriers take turns instead: the next stop goes to the courier
/// whose working day is shortest so far. Optional orders (priority 0) wait until the end, and
/// when the fleet is short orders of higher priority displace lower ones (see
/// `settle_priorities`). Complexity: `O(orders² * trip evaluation)`.
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
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        let mut pending: Vec<bool> = (0..problem.job_count())
            .map(|j| !optional(problem, j))
            .collect();
        if problem.objective == Objective::Balanced {
            take_turns(problem, &mut routes, &mut pending);
        } else {
            for v in 0..problem.vehicle_count() {
                let trips = &mut routes.trips[v];
                while trips.len() < problem.scenario.fleet[v].max_trips as usize {
                    let Some(trip) = next_trip(problem, v, trips, &pending) else {
                        break;
                    };
                    for &j in &trip.jobs {
                        pending[j] = false;
                    }
                    trips.push(trip);
                }
            }
        }
        let mut placed = vec![false; problem.job_count()];
        for &j in routes.trips.iter().flatten().flat_map(|t| &t.jobs) {
            placed[j] = true;
        }
        routes.unassigned = (0..problem.job_count()).filter(|&j| !placed[j]).collect();
        settle_priorities(problem, &mut routes);
        routes
    }
}

/// Couriers take turns: the one whose working day is shortest so far (the first of equals)
/// drives to its nearest next stop, or starts a new trip when its current one takes no more.
fn take_turns(problem: &Problem, routes: &mut Routes, pending: &mut [bool]) {
    // Per courier, its working day so far and whether its last trip may grow; `None` once
    // it takes no more.
    let mut state: Vec<Option<(f64, bool)>> = vec![Some((0.0, false)); problem.vehicle_count()];
    while let Some((v, open)) = (0..state.len())
        .filter_map(|v| state[v].map(|(day, open)| (day, v, open)))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(_, v, open)| (v, open))
    {
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
            pending[job] = false;
            let day = eval::evaluate(problem, v, trips).map_or(0.0, |e| e.duration);
            (day, true)
        });
    }
}

/// Builds vehicle `v`'s next trip after `trips` greedily, or `None` if no pending job fits.
fn next_trip(problem: &Problem, v: usize, trips: &mut Vec<Trip>, pending: &[bool]) -> Option<Trip> {
    let first = first_stop(problem, v, trips, pending)?;
    trips.push(first);
    while let Some(job) = next_stop(problem, v, trips, pending) {
        trips
            .last_mut()
            .expect("the trip was pushed above")
            .jobs
            .push(job);
    }
    trips.pop()
}

/// Vehicle `v`'s next trip after `trips` with its first stop only: the (kitchen, pending
/// job) pair served soonest (the first stop decides the kitchen), or `None` if none fits.
fn first_stop(
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

/// The pending job not yet on it whose handover can start soonest at the end of the last of
/// `trips`, if any fits there.
fn next_stop(problem: &Problem, v: usize, trips: &mut [Trip], pending: &[bool]) -> Option<usize> {
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

/// When the last stop of the last trip starts service.
fn handover_time(problem: &Problem, v: usize, trips: &[Trip]) -> f64 {
    eval::route_times(problem, v, trips)
        .and_then(|times| times.trips.last().map(|t| t.last_start))
        .unwrap_or(f64::INFINITY)
}
