//! The `search` engine: slack-induction string removals (SISR, Christiaens & Vanden Berghe
//! 2020) with blinking greedy insertion, simulated annealing acceptance, and local search on
//! every new best plan. Several chains run in parallel (rayon) and exchange their best plan
//! at fixed points of work, so a seed and a thread count fix the plan.
//!
//! The search measures its progress in work units (stops evaluated), not seconds: a time
//! budget becomes a work budget through [`WORK_PER_SECOND`], so the same input, seed and
//! threads give the same plan on any machine, and the wall time matches the budget on the
//! reference machine.

mod local;
mod rng;
mod sisr;

pub(crate) use local::{count, LocalSearch};
pub(crate) use rng::Rng;
pub(crate) use sisr::{total_cost, Chain};

/// Work units (stops evaluated) the reference machine (2-core CI kind, one thread) does per
/// second; measured with `reliefroute bench` on Solomon instances.
pub(crate) const WORK_PER_SECOND: f64 = 60e6;
