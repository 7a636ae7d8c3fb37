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
/// `balanced` objective the couriers take turns instead: the next trip goes to the courier
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
        let mut take = |v: usize, trips: &mut Vec<Trip>| -> bool {
            let full = trips.len() >= problem.scenario.fleet[v].max_trips as usize;
            match (!full).then(|| next_trip(problem, v, trips, &pending)).flatten() {
                Some(trip) => {
                    for &j in &trip.jobs {
                        pending[j] = false;
                    }
                    trips.push(trip);
                    true
                }
                None => false,
            }
        };
        if problem.objective == Objective::Balanced {
            // Per courier, its working day so far, or `None` once it takes no more trips.
            let mut days: Vec<Option<f64>> = vec![Some(0.0); problem.vehicle_count()];
            while let Some(v) = (0..days.len())
                .filter_map(|v| days[v].map(|d| (d, v)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
                .map(|(_, v)| v)
            {
                days[v] = take(v, &mut routes.trips[v]).then(|| {
                    eval::evaluate(problem, v, &routes.trips[v]).map_or(0.0, |e| e.duration)
                });
            }
        } else {
            for v in 0..problem.vehicle_count() {
                let mut trips = Vec::new();
                while take(v, &mut trips) {}
                routes.trips[v] = trips;
            }
        }
        let placed: Vec<bool> = {
            let mut placed = vec![false; problem.job_count()];
            for j in routes.trips.iter().flatten().flat_map(|t| &t.jobs) {
                placed[*j] = true;
            }
            placed
        };
        routes.unassigned = (0..problem.job_count()).filter(|&j| !placed[j]).collect();
        settle_priorities(problem, &mut routes);
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
