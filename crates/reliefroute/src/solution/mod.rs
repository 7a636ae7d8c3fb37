//! What a planner returns: the timed [`Plan`], why orders were left out, and the independent
//! feasibility checker.

mod check;
mod plan;
mod reason;

pub use check::{
    check_plan, check_plan_within, Violation, ViolationKind, CHECK_EPS, PLAN_JSON_TOLERANCE,
};
pub use plan::{Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip, Unassigned};
pub use reason::UnassignedReason;
