//! Constructions: strategies that build a plan in one pass, from one order per trip to
//! regret insertion. Each is also a starting point for the search.
//!
//! Every construction drops the lowest priorities first when the fleet is short: the
//! insertion-based ones (`single`, `regret`) take orders most important first, and those that
//! place orders by geometry (`nearest`, `sweep`, `savings`) place the orders of priority 1
//! and more, then [`settle_priorities`]. `regret`, which prices each order in the couriers
//! near it on large problems, ends with [`settle_priorities`] too: the orders it left out
//! get every courier and may displace lower priorities.

mod nearest;
mod regret;
mod savings;
mod single;
mod sweep;

pub use nearest::Nearest;
pub use regret::Regret;
pub use savings::Savings;
pub use single::Single;
pub use sweep::Sweep;

use crate::solver::eval::job_value;
use crate::solver::insertion::{Inserter, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};

/// Whether `job` is optional (priority 0): constructions by geometry leave it for
/// [`settle_priorities`].
fn optional(problem: &Problem, job: usize) -> bool {
    problem.jobs[job].priority == 0
}

/// Finishes a construction that placed (some of) the orders of priority 1 and more and lists
/// every other order in `routes.unassigned`. Most important first, each unassigned order
/// goes where it is cheapest and worth it (an optional order only where it costs little,
/// see `eval::job_value`); an order of priority 1 or more that fits nowhere takes the place
/// of lower-priority orders of one courier if that loses less value ([`make_room`]), the
/// displaced orders going back where they still fit.
pub(super) fn settle_priorities(problem: &Problem, routes: &mut Routes) {
    let mut inserter = Inserter::new(problem, routes);
    let mut waiting = vec![false; problem.job_count()];
    for &j in &routes.unassigned {
        waiting[j] = true;
    }
    // Nothing of lower priority to displace for orders of the lowest priority there is.
    let lowest = problem.jobs.iter().map(|j| j.priority).min().unwrap_or(0);
    let order = problem.urgency_order();
    for &job in &order {
        if !waiting[job] {
            continue;
        }
        if let Some(insertion) = inserter.best_granular(routes, job) {
            inserter.apply(routes, job, &insertion);
        } else if problem.jobs[job].priority > lowest {
            make_room(problem, routes, &mut inserter, job);
        }
    }
    // Displaced orders left out of their courier's route get a last chance elsewhere.
    let mut out = vec![false; problem.job_count()];
    for &j in &routes.unassigned {
        out[j] = !waiting[j];
    }
    for &job in order.iter().filter(|&&j| out[j]) {
        if let Some(insertion) = inserter.best_granular(routes, job) {
            inserter.apply(routes, job, &insertion);
        }
    }
}

/// Serves `job` (which fits nowhere as the routes are) in the courier where displacing the
/// orders of lower priority loses least value, if that is less than `job` is worth; the
/// displaced orders go back into that courier where they still fit, the others are
/// unassigned. O(couriers · route length · insertion).
fn make_room(problem: &Problem, routes: &mut Routes, inserter: &mut Inserter, job: usize) {
    let priority = problem.jobs[job].priority;
    let lower = |trips: &[Trip]| {
        trips
            .iter()
            .flat_map(|t| &t.jobs)
            .any(|&j| problem.jobs[j].priority < priority)
    };
    let value = job_value(problem, job);
    let mut best: Option<(f64, usize)> = None;
    for v in 0..problem.vehicle_count() {
        if !problem.fits(job, v) || !lower(&routes.trips[v]) {
            continue;
        }
        // A courier losing as much as `job` is worth, or as the best so far, cannot win.
        let limit = best.map_or(value, |(b, _)| b.min(value));
        if let Some(loss) = displace(problem, routes, inserter, job, v, false, limit) {
            if loss < value && best.is_none_or(|(b, _)| loss < b) {
                best = Some((loss, v));
                if loss == 0.0 {
                    break;
                }
            }
        }
    }
    if let Some((_, v)) = best {
        displace(problem, routes, inserter, job, v, true, f64::INFINITY);
    }
}

/// Takes the orders of lower priority than `job` out of courier `v`, inserts `job`, and puts
/// the displaced orders back where they fit, most important first. Returns the value of the
/// orders that stay out, or `None` if `job` does not fit even so. Keeps the change if `keep`,
/// else restores the courier; stops putting orders back once those left out are worth
/// `limit` (returning at least that: a caller trying couriers asks only whether the loss is
/// below it).
fn displace(
    problem: &Problem,
    routes: &mut Routes,
    inserter: &mut Inserter,
    job: usize,
    v: usize,
    keep: bool,
    limit: f64,
) -> Option<f64> {
    let priority = problem.jobs[job].priority;
    let saved = (routes.trips[v].clone(), routes.unassigned.clone());
    let mut displaced = Vec::new();
    for trip in &mut routes.trips[v] {
        trip.jobs.retain(|&j| {
            let out = problem.jobs[j].priority < priority;
            if out {
                displaced.push(j);
            }
            !out
        });
    }
    routes.trips[v].retain(|t| !t.jobs.is_empty());
    routes.unassigned.extend(&displaced);
    inserter.refresh(routes, v);
    let value = job_value(problem, job);
    let mut loss = None;
    if let Some(insertion) = inserter.best_in_vehicle(routes, v, job, Mode::Anywhere, value) {
        inserter.apply(routes, job, &insertion);
        displaced.sort_by_key(|&j| (std::cmp::Reverse(problem.jobs[j].priority), j));
        let mut lost = 0.0;
        for j in displaced {
            let worth = job_value(problem, j);
            match inserter.best_in_vehicle(routes, v, j, Mode::Anywhere, worth) {
                Some(insertion) => inserter.apply(routes, j, &insertion),
                None => lost += worth,
            }
            if lost >= limit {
                break;
            }
        }
        loss = Some(lost);
    }
    if !keep || loss.is_none() {
        routes.trips[v] = saved.0;
        routes.unassigned = saved.1;
        inserter.refresh(routes, v);
    }
    loss
}
