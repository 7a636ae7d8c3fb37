//! `search`: the strongest strategy, a parallel ruin-and-recreate metaheuristic.

use rayon::prelude::*;

use super::single::urgency_order;
use super::{Budget, Savings, Strategy};
use crate::insertion::{greedy, Mode};
use crate::problem::Problem;
use crate::routes::Routes;
use crate::search::{total_cost, Chain, Rng, WORK_PER_SECOND};

/// Points at which parallel chains exchange their best plans.
const EPOCHS: u64 = 20;

/// Construction plus local search (relocate, swap, 2-opt, 2-opt*, or-opt on granular
/// neighbour lists), driven by SISR ruin-and-recreate with simulated annealing.
///
/// Runs `budget.threads` chains in parallel; after each twentieth of the budget the chain
/// with the worst best plan restarts from the best plan of all. The budget is measured in
/// work units (see the `search` module), so seed and threads fix the plan.
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
        let mut initial = Routes::empty(problem.vehicle_count(), problem.job_count());
        if problem.vehicle_count() == 0 || problem.job_count() == 0 {
            return initial;
        }
        greedy(
            problem,
            &mut initial,
            &urgency_order(problem),
            Mode::Anywhere,
        );
        // Savings builds far better starts on capacity-bound instances; keep the cheaper.
        let savings = Savings.solve(problem, budget);
        if total_cost(problem, &savings) < total_cost(problem, &initial) {
            initial = savings;
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
                .map(|seed| Chain::new(problem, initial.clone(), seed))
                .collect()
        });
        for epoch in 1..=EPOCHS {
            let until = total * epoch / EPOCHS;
            pool.install(|| chains.par_iter_mut().for_each(|c| c.run(until, total)));
            if chains.len() > 1 {
                let cost = |c: &Chain| c.best().1;
                let best = (0..chains.len())
                    .min_by(|&a, &b| {
                        cost(&chains[a])
                            .total_cmp(&cost(&chains[b]))
                            .then(a.cmp(&b))
                    })
                    .unwrap_or(0);
                let (routes, c) = {
                    let (r, c) = chains[best].best();
                    (r.clone(), c)
                };
                for (i, chain) in chains.iter_mut().enumerate() {
                    if i != best && chain.best().1 > c {
                        chain.adopt(&routes, c);
                    }
                }
            }
        }
        let best = (0..chains.len())
            .min_by(|&a, &b| {
                chains[a]
                    .best()
                    .1
                    .total_cmp(&chains[b].best().1)
                    .then(a.cmp(&b))
            })
            .unwrap_or(0);
        chains[best].best().0.clone()
    }
}
