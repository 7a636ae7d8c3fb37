//! The built-in strategies, by name.

use crate::solver::construct::{Nearest, Regret, Savings, Single, Sweep};
use crate::solver::search::{Genetic, Search};
use crate::solver::strategy::Strategy;

/// Every built-in strategy, weakest first.
pub fn strategies() -> Vec<Box<dyn Strategy>> {
    vec![
        Box::new(Single),
        Box::new(Nearest),
        Box::new(Sweep),
        Box::new(Savings),
        Box::new(Regret),
        Box::new(Search),
        Box::new(Genetic),
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
