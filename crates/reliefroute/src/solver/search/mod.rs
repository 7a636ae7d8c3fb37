//! The `search` engine: slack-induction string removals (SISR, Christiaens & Vanden Berghe
//! 2020) with blinking greedy insertion, simulated annealing acceptance, and local search on
//! every new best plan. Independent chains (one or more per thread, in parallel with rayon)
//! exchange their best plan at fixed points of work in the second half of the budget, so a
//! seed and a thread count fix the plan.
//!
//! The search measures its progress in work units (stops evaluated), not seconds: a time
//! budget becomes a work budget through `work_per_second` (see `crate::solver::params`), so the same input, seed and
//! threads give the same plan on any machine, and on the reference machine the work ends a
//! little before the budget's wall time (the wall clock, when on, is only a safety stop).

mod genetic;
mod local;
mod operators;
mod sisr;
mod start;
mod strategy;

pub use genetic::Genetic;
pub(crate) use local::LocalSearch;
pub(crate) use sisr::Chain;
pub use strategy::Search;
