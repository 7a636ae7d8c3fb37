//! reliefroute plans batched delivery routes for relief work.
//!
//! Kitchens cook, orders say what goes where and when, couriers carry it. A [`Scenario`]
//! holds all of that; a [`TravelMatrix`] says how long each leg takes; a strategy turns them
//! into a [`Plan`], which [`check_plan`] verifies independently of the planner.
#![deny(missing_docs)]

mod model;
mod network;
mod solution;

pub use model::{
    format_minutes, parse_minutes, Objective, Order, Rounding, Scenario, Site, SiteKind,
    SolverSettings, TimeWindow, TravelModel, Vehicle,
};
pub use network::TravelMatrix;
pub use solution::{
    Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip, Unassigned, UnassignedReason,
};
