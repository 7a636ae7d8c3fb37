//! `nearest`: greedy batching, always driving to the nearest stop that still fits.

use crate::solver::eval;
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};
use crate::solver::strategy::{Budget, Strategy};

/// Greedy nearest-feasible-stop batching.
///
/// Couriers are filled one at a time: each trip starts at the kitchen that reaches its first
/// stop soonest, then repeatedly adds the pending order whose handover can start soonest
/// (travel plus waiting for its window) while every constraint still holds. Being greedy
/// in time, it ignores priorities: when the fleet is short, use `regret` or `search`.
/// Complexity: `O(orders² * trip evaluation)`.
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
        let mut pending: Vec<bool> = vec![true; problem.job_count()];
        for v in 0..problem.vehicle_count() {
            let mut trips: Vec<Trip> = Vec::new();
            while let Some(trip) = next_trip(problem, v, &mut trips, &pending) {
                for &j in &trip.jobs {
                    pending[j] = false;
                }
                trips.push(trip);
                if trips.len() >= problem.scenario.fleet[v].max_trips as usize {
                    break;
                }
            }
            routes.trips[v] = trips;
        }
        routes.unassigned = (0..problem.job_count()).filter(|&j| pending[j]).collect();
        routes
    }
}

/// Builds vehicle `v`'s next trip after `trips` greedily, or `None` if no pending job fits.
fn next_trip(problem: &Problem, v: usize, trips: &mut Vec<Trip>, pending: &[bool]) -> Option<Trip> {
    let mut best: Option<(f64, Trip)> = None;
    // The first stop decides the kitchen: the (kitchen, job) pair served soonest.
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
    let (_, first) = best?;
    trips.push(first);
    loop {
        let mut best: Option<(f64, usize)> = None;
        for job in (0..problem.job_count()).filter(|&j| pending[j]) {
            let trip = trips.last_mut().expect("the trip was pushed above");
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
            trips
                .last_mut()
                .expect("the trip was pushed above")
                .jobs
                .pop();
        }
        match best {
            Some((_, job)) => trips
                .last_mut()
                .expect("the trip was pushed above")
                .jobs
                .push(job),
            None => return trips.pop(),
        }
    }
}

/// When the last stop of the last trip starts service.
fn handover_time(problem: &Problem, v: usize, trips: &[Trip]) -> f64 {
    eval::route_times(problem, v, trips)
        .and_then(|times| times.trips.last().map(|t| t.last_start))
        .unwrap_or(f64::INFINITY)
}
