//! The `search` engine: slack-induction string removals (SISR, Christiaens & Vanden Berghe
//! 2020) with blinking greedy insertion, simulated annealing acceptance, and local search on
//! every new best plan. Independent chains (one or more per thread, in parallel with rayon)
//! exchange their best plan at fixed points of work in the second half of the budget, so a
//! seed and a thread count fix the plan.
//!
//! The search measures its progress in work units (stops evaluated), not seconds: a time
//! budget becomes a work budget through [`WORK_PER_SECOND`], so the same input, seed and
//! threads give the same plan on any machine, and on the reference machine the work ends a
//! little before the budget's wall time (the wall clock, when on, is only a safety stop).

mod local;
mod operators;
mod sisr;
mod strategy;

pub(crate) use local::LocalSearch;
pub(crate) use sisr::Chain;
pub use strategy::Search;

/// Work units budgeted per second, a little less than the reference machine (2-core CI
/// kind, one thread) does in a second on Solomon instances: 60e6 units took 1.13 s of wall
/// time (2026-11-29), hence 60e6 * 0.95 / 1.13; on the idle machine on 2026-11-30, 10 s
/// budgets on eight Solomon instances ended after 6.6 to 9.8 s. Larger instances do fewer
/// units per second (CVRPLIB X), so there the wall clock, when on, often ends the search.
pub(crate) const WORK_PER_SECOND: f64 = 50e6;
