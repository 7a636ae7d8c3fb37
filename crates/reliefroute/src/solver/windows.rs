//! Orders with alternative windows (`windows` in `orders.csv`): which one each job uses.
//!
//! The evaluation core keeps one window per job, so that stops merge in O(1) (a union of
//! windows would not merge). The choice is made before a strategy runs: each order takes the
//! first of its windows some courier could meet on a trip of its own ([`choose`]); orders the
//! strategy leaves out then try their later windows ([`later`]). Orders with one window cost
//! nothing: both return at once when no order has alternatives.

use crate::solver::eval::servable_alone;
use crate::solver::insertion::{greedy, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

/// Sets the window of each order with alternative windows: the first (narrowed by the site's
/// hours) that some courier could meet on a trip of its own, or the last when none can, so
/// that the diagnosis tells why the latest chance fails. Refreshes the neighbour lists when
/// a window changed.
pub(crate) fn choose(problem: &mut Problem) {
    let n = problem.job_count();
    if problem.scenario.orders.iter().all(|o| o.windows.len() < 2) {
        return;
    }
    problem.window_choice = vec![0; n];
    let mut changed = false;
    for j in 0..n {
        let count = problem.scenario.orders[j].allowed_windows().len();
        if count < 2 {
            continue;
        }
        if !next(problem, j, 0) {
            problem.set_window(j, count - 1);
        }
        changed |= problem.window_of(j) != 0;
    }
    if changed {
        problem.refresh_neighbours();
    }
}

/// Switches `job` to the first of its order's windows from index `from` on that some courier
/// could meet on a trip of its own; false (the window unchanged) if none.
fn next(problem: &mut Problem, job: usize, from: usize) -> bool {
    let count = problem.scenario.orders[job].allowed_windows().len();
    let kept = problem.window_of(job);
    for choice in from..count {
        problem.set_window(job, choice);
        let window = problem.jobs[job].window;
        if window.start <= window.end && servable_alone(problem, job) {
            return true;
        }
    }
    problem.set_window(job, kept);
    false
}

/// Gives each order with alternative windows that `routes` leave out its next window some
/// courier could meet alone, and inserts it where it costs least (as a trip of its own when
/// `own_trips`), until every such order is served or has tried its last window. Only orders
/// left out change window, so the routes stay as the strategy made them.
pub(crate) fn later(problem: &mut Problem, routes: &mut Routes, own_trips: bool) {
    if problem.window_choice.is_empty() {
        return;
    }
    let mode = if own_trips {
        Mode::NewTripOnly
    } else {
        Mode::Anywhere
    };
    loop {
        let mut placed = vec![false; problem.job_count()];
        for &j in routes.trips.iter().flatten().flat_map(|t| &t.jobs) {
            if let Some(slot) = placed.get_mut(j) {
                *slot = true;
            }
        }
        let switched: Vec<usize> = (0..problem.job_count())
            .filter(|&j| !placed[j] && next(problem, j, problem.window_of(j) + 1))
            .collect();
        if switched.is_empty() {
            return;
        }
        routes.unassigned = (0..problem.job_count()).filter(|&j| !placed[j]).collect();
        greedy(problem, routes, &switched, mode);
    }
}
