//! The strategy trait: how a strategy is called, with what budget, and what it reports.

use std::sync::Arc;
use std::time::Instant;

use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

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

    /// Reports `progress` to the observer, if any.
    pub(crate) fn report(&self, progress: &Progress) {
        if let Some(observer) = &self.progress {
            observer(progress);
        }
    }
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
/// reports every order they leave out, so a strategy cannot make an invalid plan.
pub trait Strategy: Send + Sync {
    /// The name users type (`single`, `nearest`, ...).
    fn name(&self) -> &'static str;
    /// One line saying what it does, for `--help` and reports.
    fn description(&self) -> &'static str;
    /// Builds routes within the budget.
    fn solve(&self, problem: &Problem, budget: &Budget) -> Routes;
    /// Whether every trip it makes carries one order: the planner then adds orders it gives
    /// a later window (see the README, "Alternative windows") as trips of their own too.
    fn one_order_per_trip(&self) -> bool {
        false
    }
}

/// Whether the clock has reached `deadline`, if there is one (`None`: the search runs on
/// its work budget alone).
pub(crate) fn past(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}
