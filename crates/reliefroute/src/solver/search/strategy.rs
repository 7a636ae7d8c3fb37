//! `search`: the strongest strategy, a parallel ruin-and-recreate metaheuristic.

use crate::solver::params::PARAMS;
use std::time::Instant;

use rayon::prelude::*;

use super::start::{deadline_of, report_routes, start};
use super::{Chain, Genetic};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Strategy};

/// Construction plus local search (relocate, swap, 2-opt, 2-opt*, or-opt on granular
/// neighbour lists), driven by SISR ruin-and-recreate with simulated annealing; on small
/// problems with time windows, where it was measured stronger, the [`Genetic`] search
/// instead.
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
        if genetic_wins(problem, budget.seconds) {
            return Genetic.solve(problem, budget);
        }
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

/// Whether the genetic search finds better plans than the annealing chains on `problem`:
/// measured (benches/RESULTS.md, 10 s, one thread) on problems with time windows up to
/// [`PARAMS.genetic_jobs`] orders (Solomon's 100 customers: 0.099% mean gap against
/// 0.251%; relief cities of 60 and 120 orders: 1.4% and 5.5% shorter), and not beyond
/// (Gehring-Homberger's 200 to 800 customers, relief cities of 250 and 500 orders) nor
/// without windows (CVRPLIB X: 1.7% against 0.5%). Since `genetic` searches through
/// penalised infeasible plans (2026-12-02): Solomon 0.028%; CVRPLIB X at 100-199 customers a
/// tie with the chains (0.416% against 0.430%, 10 instances better, 9 worse), worse above
/// (1.536% against 0.708% at 200-499). Since its children's local search tries SWAP* too
/// (2026-12-02): CVRPLIB X at 101 to 200 customers 0.344% against the chains' 0.436%, so
/// problems mostly without windows go to it up to [`PARAMS.genetic_untimed_jobs`] orders.
/// Since its prices double when no child keeps a rule (2026-12-03), problems with windows
/// go to it up to [`PARAMS.genetic_long_jobs`] orders too when `seconds` give each order
/// [`PARAMS.genetic_seconds_per_job`]: a population needs time to pay off.
fn genetic_wins(problem: &Problem, seconds: f64) -> bool {
    let jobs = problem.job_count();
    if problem.mostly_timed() {
        jobs <= PARAMS.genetic_jobs
            || (jobs <= PARAMS.genetic_long_jobs
                && seconds >= PARAMS.genetic_seconds_per_job * jobs as f64)
    } else {
        jobs <= PARAMS.genetic_untimed_jobs
    }
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

    /// Problems with windows go to `genetic` up to 150 orders at any budget, up to 200 when
    /// the budget gives each order 0.02 s, and never beyond; without windows up to 200.
    #[test]
    fn genetic_takes_timed_problems_by_size_and_budget() {
        use crate::model::{Objective, Order, TimeWindow};
        use crate::solver::eval::tests::scenario;
        use crate::solver::rng::Rng;
        use crate::travel::TravelMatrix;

        let mut rng = Rng::new(5);
        let windows = scenario(&mut rng, false, true);
        let mut untimed = windows.clone();
        for order in &mut untimed.orders {
            order.window = TimeWindow::ALWAYS;
        }
        for site in &mut untimed.sites {
            site.hours = TimeWindow::ALWAYS;
        }
        let chooses = |base: &crate::model::Scenario, orders: usize, seconds: f64| {
            let mut scenario = base.clone();
            scenario.orders = (0..orders)
                .map(|i| Order {
                    id: format!("O{i}"),
                    ..base.orders[i % base.orders.len()].clone()
                })
                .collect();
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            genetic_wins(&problem, seconds)
        };
        assert!(chooses(&windows, 100, 1.0));
        assert!(chooses(&windows, 150, 0.1));
        assert!(!chooses(&windows, 200, 3.0));
        assert!(chooses(&windows, 200, 4.0));
        assert!(chooses(&windows, 200, 10.0));
        assert!(!chooses(&windows, 201, 60.0));
        assert!(chooses(&untimed, 200, 1.0));
        assert!(!chooses(&untimed, 201, 60.0));
    }
}
