//! The solver: the problem as strategies see it, the evaluation of routes, insertion, the
//! constructions and the search.
//!
//! Layers inside: `problem` and `routes` hold the data; `eval` is the one rule book that
//! prices a route or a change to it; `insertion` prices one job's insertion; `construct` and `search` are the strategies,
//! behind the [`Strategy`] trait and picked by name from the registry.

pub mod construct;
pub(crate) mod eval;
pub(crate) mod insertion;
mod output;
pub(crate) mod params;
pub(crate) mod problem;
mod registry;
pub(crate) mod rng;
pub(crate) mod routes;
pub mod search;
mod strategy;
pub(crate) mod supply;
pub(crate) mod windows;

pub use construct::{Nearest, Regret, Savings, Single, Sweep};
pub use problem::Problem;
pub use registry::{strategies, strategy_by_name, strategy_names};
pub use rng::Rng;
pub use routes::{Routes, Trip};
pub use search::Search;
pub use strategy::{Budget, Progress, ProgressFn, Strategy};
