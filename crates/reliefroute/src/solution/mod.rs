//! What a planner returns: the timed [`Plan`], why orders were left out, and the independent
//! feasibility checker.

mod check;
mod plan;
mod reason;

pub use check::{check_plan, Violation, ViolationKind, CHECK_EPS};
pub use plan::{Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip, Unassigned};
pub use reason::UnassignedReason;
