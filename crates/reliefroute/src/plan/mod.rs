//! What a planner returns: the timed [`Plan`], why orders were left out, and the independent
//! feasibility checker.
//!
//! [`plan`] runs a strategy and turns its routes into a [`Plan`] (the timing, the reasons of
//! unassigned orders). [`check_plan`] verifies any plan from the scenario and the travel
//! matrix alone: it shares no code with the solver.

mod check;
mod checked;
mod diagnose;
mod planner;
mod reason;
mod replan;
mod stable;
mod state;
mod timing;
mod types;

pub use check::{
    check_plan, check_plan_from, check_plan_from_within, check_plan_within, Violation,
    ViolationKind, CHECK_EPS, PLAN_JSON_TOLERANCE,
};
pub use checked::{run_checked, CheckedRun};
pub use planner::plan;
pub use reason::UnassignedReason;
pub use replan::{
    replan, Changes, CourierChanges, OrderChange, Replan, ReplanError, ReplanOptions,
};
pub use stable::{
    couriers_by_site, moved_orders, plan_preferring, preference_by_site, sites_kept, Preference,
    DEFAULT_MOVE_COST_KM,
};
pub use state::{CourierStart, CourierState, OrderStatus, PlanState, ProgressReport, TripUnderWay};
pub use types::{
    Plan, PlanSummary, PlannedBreak, PlannedRoute, PlannedStop, PlannedTrip, Unassigned,
    WeightedService,
};
