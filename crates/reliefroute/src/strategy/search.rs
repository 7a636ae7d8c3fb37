//! `search`: the strongest strategy, a parallel ruin-and-recreate metaheuristic.

use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::single::urgency_order;
use super::{Budget, Progress, Savings, Strategy};
use crate::insertion::{greedy, Mode, GRANULAR_JOBS};
use crate::problem::Problem;
use crate::routes::Routes;
use crate::schedule::evaluate;
use crate::search::{total_cost, Chain, Rng, WORK_PER_SECOND};

/// Points at which the search reports progress and checks on its chains.
const STEPS: u64 = 100;
/// Parallel chains exchange their best plans every this many steps (twenty times a run).
const EXCHANGE_EVERY: u64 = 5;

/// Construction plus local search (relocate, swap, 2-opt, 2-opt*, or-opt on granular
/// neighbour lists), driven by SISR ruin-and-recreate with simulated annealing.
///
/// Runs `budget.threads` chains in parallel; after each twentieth of the budget every chain
/// worse than the best restarts from the best plan of all. The budget is measured in work
/// units (see the `search` module), so seed and threads fix the plan, unless
/// [`Budget::wall_clock`] cuts the search short.
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
        let deadline = budget
            .wall_clock
            .then(|| started + Duration::from_secs_f64(budget.seconds.clamp(0.0, 1e9)));
        let mut initial = Routes::empty(problem.vehicle_count(), problem.job_count());
        if problem.vehicle_count() == 0 || problem.job_count() == 0 {
            return initial;
        }
        let construction = greedy(
            problem,
            &mut initial,
            &urgency_order(problem),
            Mode::Anywhere,
        );
        // Savings builds far better starts on capacity-bound instances; keep the cheaper.
        // Its trip assignment tries every courier for every trip: too slow at scale.
        if problem.job_count() < GRANULAR_JOBS {
            let savings = Savings.solve(problem, budget);
            if total_cost(problem, &savings) < total_cost(problem, &initial) {
                initial = savings;
            }
        }
        let threads = budget.threads.max(1);
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool,
            Err(_) => return initial,
        };
        let total = (budget.seconds.max(0.0) * WORK_PER_SECOND) as u64;
        let mut seeds = Rng::new(budget.seed);
        let mut chains: Vec<Chain> = pool.install(|| {
            (0..threads)
                .map(|_| seeds.next_u64())
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|seed| Chain::new(problem, initial.clone(), seed, construction))
                .collect()
        });
        let mut stopped_by_clock = false;
        for step in 1..=STEPS {
            let until = total * step / STEPS;
            stopped_by_clock = pool.install(|| {
                chains
                    .par_iter_mut()
                    .map(|c| c.run(until, total, deadline))
                    .reduce(|| false, |a, b| a || b)
            });
            if chains.len() > 1 && (step % EXCHANGE_EVERY == 0 || stopped_by_clock) {
                exchange(&mut chains);
            }
            if stopped_by_clock {
                break;
            }
            if step < STEPS {
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
