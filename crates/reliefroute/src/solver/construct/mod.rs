//! Constructions: strategies that build a plan in one pass, from one order per trip to
//! regret insertion. Each is also a starting point for the search.

mod nearest;
mod regret;
mod savings;
mod single;
mod sweep;

pub use nearest::Nearest;
pub use regret::Regret;
pub use savings::Savings;
pub use single::Single;
pub use sweep::Sweep;
