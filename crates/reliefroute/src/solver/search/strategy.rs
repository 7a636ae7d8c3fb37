//! `search`: the strongest strategy, a parallel ruin-and-recreate metaheuristic.

use crate::solver::params::PARAMS;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::Chain;
use crate::solver::construct::Savings;
use crate::solver::eval::{evaluate, servable_alone, total_cost};
use crate::solver::insertion::{greedy_until, Mode};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Progress, Strategy};

/// Construction plus local search (relocate, swap, 2-opt, 2-opt*, or-opt on granular
/// neighbour lists), driven by SISR ruin-and-recreate with simulated annealing.
///
/// Runs `budget.threads` threads of chains in parallel: one chain per thread, or more when
/// the budget is large for the problem (one per 5e6 work units per job, at most 8), each
/// with its share of the budget. The chains search independently for the first half of the budget; after that,
/// at every tenth of it, every chain worse than the best continues from the best plan of all.
/// The budget is measured in work units (see the `search` module), so seed and threads fix
/// the plan, unless [`Budget::wall_clock`] cuts the search short.
#[derive(Debug, Clone, Copy, Default)]
pub struct Search;

impl Strategy for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn description(&self) -> &'static str {
        "construction, local search and ruin-and-recreate within the time budget (strongest)"
    }

    fn solve(&self, problem: &Problem, budget: &Budget) -> Routes {
        let started = budget.started.unwrap_or_else(Instant::now);
        let deadline = deadline_of(budget, started);
        let (initial, construction) = match start(problem, budget, started, deadline) {
            Ok(start) => start,
            Err(done) => return done,
        };
        let threads = budget.threads.max(1);
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool,
            Err(_) => return initial,
        };
        let per_thread = (budget.seconds.max(0.0) * PARAMS.work_per_second) as u64;
        let chains_per_thread = chains_per_thread(per_thread, problem.job_count());
        // Each chain's own budget; with the wall clock on, re-estimated as the search goes
        // so that it ends at the deadline (see `fill_to_deadline`).
        let mut total = per_thread / chains_per_thread;
        let mut seeds = Rng::new(budget.seed);
        let mut chains: Vec<Chain> = pool.install(|| {
            (0..threads * chains_per_thread as usize)
                .map(|_| seeds.next_u64())
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|seed| Chain::new(problem, initial.clone(), seed, construction, deadline))
                .collect()
        });
        let mut stopped_by_clock = false;
        let search_started = (
            Instant::now(),
            chains.iter().map(|c| c.work).max().unwrap_or(construction),
        );
        for step in 1..=PARAMS.steps {
            let until = total * step / PARAMS.steps;
            stopped_by_clock = pool.install(|| {
                chains
                    .par_iter_mut()
                    .map(|c| c.run(until, total, deadline))
                    .reduce(|| false, |a, b| a || b)
            });
            let exchange_now = step >= PARAMS.exchange_from && step % PARAMS.exchange_every == 0;
            if chains.len() > 1 && (exchange_now || stopped_by_clock) {
                exchange(&mut chains);
            }
            if stopped_by_clock {
                break;
            }
            if let Some(deadline) = deadline {
                let done = chains.iter().map(|c| c.work).max().unwrap_or(until);
                total = fill_to_deadline(total, done, step, search_started, deadline);
            }
            if step < PARAMS.steps {
                report(
                    problem,
                    budget,
                    &chains,
                    started,
                    until as f64 / total.max(1) as f64,
                    None,
                );
            }
        }
        let best = best_chain(&chains);
        let done = chains.iter().map(|c| c.work).max().unwrap_or(total);
        report(
            problem,
            budget,
            &chains,
            started,
            (done as f64 / total.max(1) as f64).min(1.0),
            Some(stopped_by_clock),
        );
        chains[best].best().0.clone()
    }
}

/// When the search must stop: `budget.seconds` after `started` with the wall clock on.
pub(super) fn deadline_of(budget: &Budget, started: Instant) -> Option<Instant> {
    budget
        .wall_clock
        .then(|| started + Duration::from_secs_f64(budget.seconds.clamp(0.0, 1e9)))
}

/// The searches' start: the cheaper of the greedy construction (most urgent orders first)
/// and, below [`PARAMS.granular_jobs`] jobs, savings, with the work the construction took.
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
    let construction = greedy_until(
        problem,
        &mut initial,
        &problem.urgency_order(),
        Mode::Anywhere,
        deadline,
    );
    let past = |deadline: Option<Instant>| deadline.is_some_and(|d| Instant::now() >= d);
    if past(deadline) {
        report_routes(problem, budget, &initial, started, 1.0, Some(true));
        return Err(initial);
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

/// The chain budget that ends the search at `deadline`, from the work rate since the search
/// started (`started`: the instant and the work done by then), re-estimated at steps 1, 2
/// and 5 and every tenth step after: the calibrated work rate is a guess on another machine
/// or a larger instance, and a user who grants ten seconds expects ten seconds of search.
/// Never less than what is done.
fn fill_to_deadline(
    total: u64,
    done: u64,
    step: u64,
    started: (Instant, u64),
    deadline: Instant,
) -> u64 {
    if !(matches!(step, 1 | 2 | 5) || step.is_multiple_of(10)) {
        return total;
    }
    let now = Instant::now();
    let spent = now.duration_since(started.0).as_secs_f64();
    let remaining = deadline.saturating_duration_since(now).as_secs_f64();
    if spent <= 0.0 || done <= started.1 {
        return total;
    }
    let rate = (done - started.1) as f64 / spent;
    (done as f64 + rate * remaining).max(done as f64) as u64
}

/// How many chains share a thread's budget of `work` units on a problem of `jobs` jobs.
fn chains_per_thread(work: u64, jobs: usize) -> u64 {
    let chain_work = PARAMS.chain_work_per_job.saturating_mul(jobs.max(1) as u64);
    (work / chain_work).clamp(1, PARAMS.max_chains_per_thread)
}

/// The chain with the best plan (the first of equals).
fn best_chain(chains: &[Chain]) -> usize {
    (0..chains.len())
        .min_by(|&a, &b| {
            chains[a]
                .best()
                .1
                .total_cmp(&chains[b].best().1)
                .then(a.cmp(&b))
        })
        .unwrap_or(0)
}

/// Every chain worse than the best continues from the best plan.
fn exchange(chains: &mut [Chain]) {
    let best = best_chain(chains);
    let (routes, cost) = {
        let (r, c) = chains[best].best();
        (r.clone(), c)
    };
    for (i, chain) in chains.iter_mut().enumerate() {
        if i != best && chain.best().1 > cost {
            chain.adopt(&routes, cost);
        }
    }
}

/// Tells the budget's observer, if any, about the best plan so far. `finished` is
/// `Some(stopped_by_clock)` at the end.
fn report(
    problem: &Problem,
    budget: &Budget,
    chains: &[Chain],
    started: Instant,
    done: f64,
    finished: Option<bool>,
) {
    if budget.progress.is_none() {
        return;
    }
    let routes = chains[best_chain(chains)].best().0;
    report_routes(problem, budget, routes, started, done, finished);
}

/// As [`report`], for `routes`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_follow_the_budget_per_job() {
        let seconds = |s: f64| (s * PARAMS.work_per_second) as u64;
        // Solomon-sized: one chain at 10 s, six at 60 s; a large problem keeps one.
        assert_eq!(chains_per_thread(seconds(10.0), 100), 1);
        assert_eq!(chains_per_thread(seconds(60.0), 100), 6);
        assert_eq!(chains_per_thread(seconds(60.0), 1000), 1);
        assert_eq!(chains_per_thread(0, 100), 1);
        assert_eq!(chains_per_thread(u64::MAX, 1), PARAMS.max_chains_per_thread);
    }
}
