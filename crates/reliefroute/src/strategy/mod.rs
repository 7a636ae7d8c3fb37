//! Batching strategies behind one trait, and the registry users pick them from by name.

mod nearest;
mod regret;
mod savings;
mod search;
mod single;
mod sweep;

use crate::problem::Problem;
use crate::routes::Routes;

pub use nearest::Nearest;
pub use regret::Regret;
pub use savings::Savings;
pub use search::Search;
pub use single::Single;
pub use sweep::Sweep;

/// How long and how a strategy may search; constructive strategies ignore the time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Seconds the strategy may spend, on the reference machine: searching strategies
    /// turn it into a fixed amount of work so that plans do not depend on machine load.
    pub seconds: f64,
    /// Seed of every random choice: the same seed and threads give the same plan.
    pub seed: u64,
    /// Worker threads for strategies that search in parallel.
    pub threads: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            seconds: 10.0,
            seed: 1,
            threads: 1,
        }
    }
}

/// A way of turning a [`Problem`] into routes.
///
/// Implementations return any routes they like; the planner drops infeasible routes and
/// reports every job they leave out, so a strategy cannot make an invalid plan.
pub trait Strategy: Send + Sync {
    /// The name users type (`single`, `nearest`, ...).
    fn name(&self) -> &'static str;
    /// One line saying what it does, for `--help` and reports.
    fn description(&self) -> &'static str;
    /// Builds routes within the budget.
    fn solve(&self, problem: &Problem, budget: &Budget) -> Routes;
}

/// Every built-in strategy, weakest first.
pub fn strategies() -> Vec<Box<dyn Strategy>> {
    vec![
        Box::new(Single),
        Box::new(Nearest),
        Box::new(Sweep),
        Box::new(Savings),
        Box::new(Regret),
        Box::new(Search),
    ]
}

/// The built-in strategy called `name`, if any.
pub fn strategy_by_name(name: &str) -> Option<Box<dyn Strategy>> {
    strategies().into_iter().find(|s| s.name() == name)
}

/// Names of the built-in strategies, weakest first.
pub fn strategy_names() -> Vec<&'static str> {
    strategies().iter().map(|s| s.name()).collect()
}
