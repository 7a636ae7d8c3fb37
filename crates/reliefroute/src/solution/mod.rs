//! What a planner returns: the timed [`Plan`], why orders were left out, and the independent
//! feasibility checker.

mod plan;
mod reason;

pub use plan::{Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip, Unassigned};
pub use reason::UnassignedReason;
