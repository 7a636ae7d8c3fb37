//! What both searches start from, and how they tell the budget's observer how they go.

use std::time::{Duration, Instant};

use crate::solver::construct::{Nearest, Savings};
use crate::solver::eval::{evaluate, servable_alone, total_cost};
use crate::solver::insertion::{greedy_until, Mode};
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::strategy::{past, Budget, Progress, Strategy};

/// When the search must stop: `budget.seconds` after `started` with the wall clock on.
pub(super) fn deadline_of(budget: &Budget, started: Instant) -> Option<Instant> {
    budget
        .wall_clock
        .then(|| started + Duration::from_secs_f64(budget.seconds.clamp(0.0, 1e9)))
}

/// The searches' start: the cheapest of the greedy construction (most urgent orders first),
/// when that leaves more than [`PARAMS.short_fleet`] of the jobs out on problems of
/// [`PARAMS.nearest_start_jobs`] and more, `nearest`'s batches
/// (see [`Nearest::batches`]), and below [`PARAMS.granular_jobs`] jobs savings, with the
/// work the constructions took.
/// `Err` holds the plan to return at once: nothing to search (no courier, no order, or no
/// order servable even alone), or the clock reached `deadline` during the construction.
pub(super) fn start(
    problem: &Problem,
    budget: &Budget,
    started: Instant,
    deadline: Option<Instant>,
) -> Result<(Routes, u64), Routes> {
    let mut initial = Routes::empty(problem.vehicle_count(), problem.job_count());
    if problem.vehicle_count() == 0 || problem.job_count() == 0 {
        return Err(initial);
    }
    // When no job can be served even alone (a fleet of capacity 0, say), no search can
    // serve any: stop at once rather than spend the whole budget finding nothing.
    if !(0..problem.job_count()).any(|j| servable_alone(problem, j)) {
        return Err(initial);
    }
    // With the wall clock on, the construction stops inserting at the deadline too (the
    // most urgent orders first): what is left stays unassigned, and no search follows.
    let mut construction = greedy_until(
        problem,
        &mut initial,
        &problem.urgency_order(),
        Mode::Anywhere,
        deadline,
    );
    if past(deadline) {
        report_routes(problem, budget, &initial, started, 1.0, Some(true));
        return Err(initial);
    }
    // When the fleet is short, nearest's batches serve more (an overloaded city of 20,000
    // orders: 24,614 in priority weight against 20,885), and the search fills them up. On
    // smaller problems the search has the time to serve more from the greedy construction.
    if problem.job_count() >= PARAMS.nearest_start_jobs
        && initial.unassigned.len() as f64 > PARAMS.short_fleet * problem.job_count() as f64
    {
        let (batches, work) = Nearest::batches(problem, deadline);
        construction += work;
        if total_cost(problem, &batches) < total_cost(problem, &initial) {
            initial = batches;
        }
        if past(deadline) {
            report_routes(problem, budget, &initial, started, 1.0, Some(true));
            return Err(initial);
        }
    }
    // Savings builds far better starts on capacity-bound instances; keep the cheaper.
    // Its trip assignment tries every courier for every trip: too slow at scale.
    if problem.job_count() < PARAMS.granular_jobs {
        let savings = Savings.solve(problem, budget);
        if total_cost(problem, &savings) < total_cost(problem, &initial) {
            initial = savings;
        }
        if past(deadline) {
            report_routes(problem, budget, &initial, started, 1.0, Some(true));
            return Err(initial);
        }
    }
    Ok((initial, construction))
}

/// Tells the budget's observer, if any, about `routes`, the best plan so far, `done` the
/// share of the budget spent; `finished` is `Some(stopped_by_clock)` at the end.
pub(super) fn report_routes(
    problem: &Problem,
    budget: &Budget,
    routes: &Routes,
    started: Instant,
    done: f64,
    finished: Option<bool>,
) {
    if budget.progress.is_none() {
        return;
    }
    let distance = (0..problem.vehicle_count())
        .filter_map(|v| evaluate(problem, v, &routes.trips[v]))
        .map(|e| e.distance)
        .sum();
    budget.report(&Progress {
        elapsed_s: started.elapsed().as_secs_f64(),
        done,
        distance,
        couriers: routes.trips.iter().filter(|t| !t.is_empty()).count(),
        unassigned: routes.unassigned.len(),
        finished: finished.is_some(),
        stopped_by_clock: finished.unwrap_or(false),
    });
}
