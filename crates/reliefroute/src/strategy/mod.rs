//! Batching strategies behind one trait, and the registry users pick them from by name.

mod nearest;
mod regret;
mod savings;
mod search;
mod single;
mod sweep;

use std::sync::Arc;
use std::time::Instant;

use crate::problem::Problem;
use crate::routes::Routes;

pub use nearest::Nearest;
pub use regret::Regret;
pub use savings::Savings;
pub use search::Search;
pub use single::Single;
pub use sweep::Sweep;

/// How long and how a strategy may search; constructive strategies ignore the time.
///
/// Searching strategies measure their progress in work units, calibrated so that `seconds`
/// of work take a little less than `seconds` on Solomon-sized instances on the reference
/// machine (2-core CI kind, one thread); the work alone decides the plan, so the same input,
/// seed and threads give the same plan. With `wall_clock` set, the search also stops at
/// `seconds` of wall time whichever comes first: the budget is then honoured on a slow or
/// loaded machine, but a plan cut by the clock may differ between runs (the final
/// [`Progress`] says which).
#[derive(Clone)]
pub struct Budget {
    /// Seconds the strategy may spend (construction and search).
    pub seconds: f64,
    /// Seed of every random choice: the same seed and threads give the same plan.
    pub seed: u64,
    /// Worker threads for strategies that search in parallel.
    pub threads: usize,
    /// Stop at `seconds` of wall time even if work remains.
    pub wall_clock: bool,
    /// When the wall clock started (for example when the command started, so that reading
    /// and the travel matrix count too); `None`: when the strategy starts.
    pub started: Option<Instant>,
    /// Called with the best plan's figures as the search goes (about 100 times), and once
    /// at the end.
    pub progress: Option<Arc<ProgressFn>>,
}

/// A progress observer: see [`Budget::progress`].
pub type ProgressFn = dyn Fn(&Progress) + Send + Sync;

impl Budget {
    /// A budget of `seconds` with `seed` and `threads`, work-limited only (no wall clock,
    /// no progress): fully reproducible.
    pub const fn new(seconds: f64, seed: u64, threads: usize) -> Budget {
        Budget {
            seconds,
            seed,
            threads,
            wall_clock: false,
            started: None,
            progress: None,
        }
    }

    /// Caps [`Budget::threads`] at `cores` (at least 1): more threads than cores only
    /// share the same cores and multiply the chains to run, so `--threads 3000` took 155 s
    /// for a 1 s budget. Returns the number asked for when it was capped, for a note.
    pub fn cap_threads(&mut self, cores: usize) -> Option<usize> {
        let cores = cores.max(1);
        (self.threads > cores).then(|| std::mem::replace(&mut self.threads, cores))
    }

    /// Reports `progress` to the observer, if any.
    pub(crate) fn report(&self, progress: &Progress) {
        if let Some(observer) = &self.progress {
            observer(progress);
        }
    }
}

/// The cores this process may use (1 when the system cannot tell): the most worker threads
/// worth running.
pub fn available_cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(10.0, 1, 1)
    }
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("seconds", &self.seconds)
            .field("seed", &self.seed)
            .field("threads", &self.threads)
            .field("wall_clock", &self.wall_clock)
            .field("started", &self.started)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// A searching strategy's state, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Wall seconds since the clock started (see [`Budget::started`]).
    pub elapsed_s: f64,
    /// Share of the work budget done, 0 to 1.
    pub done: f64,
    /// Total distance of the best plan so far.
    pub distance: f64,
    /// Couriers the best plan uses.
    pub couriers: usize,
    /// Orders the best plan leaves unassigned.
    pub unassigned: usize,
    /// True once, at the end.
    pub finished: bool,
    /// True if the wall clock, not the work budget, ended the search.
    pub stopped_by_clock: bool,
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
