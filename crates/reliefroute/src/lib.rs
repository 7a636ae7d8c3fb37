//! reliefroute plans batched delivery routes for relief work.
//!
//! Kitchens cook, orders say what goes where and when, couriers carry it. A [`Scenario`]
//! holds all of that; a [`TravelMatrix`] says how long each leg takes; a [`Strategy`] turns
//! them into a [`Plan`] through [`plan`].
#![deny(missing_docs)]

mod diagnose;
mod insertion;
mod io;
mod model;
mod network;
mod planner;
mod problem;
mod report;
mod routes;
mod schedule;
mod search;
mod solution;
mod strategy;

pub use model::{
    format_minutes, parse_minutes, Objective, Order, Rounding, Scenario, Site, SiteKind,
    SolverSettings, TimeWindow, TravelModel, Vehicle,
};
// Helpers add to io's list concurrently; the glob keeps lib.rs out of their way.
pub use io::*;
pub use network::TravelMatrix;
pub use planner::plan;
pub use problem::Problem;
pub use report::{
    bench_instance, benchmark_files, comparison_table, run_checked, BenchRow, CheckedRun,
};
pub use routes::{Routes, Trip};
pub use solution::{
    check_plan, Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip, Unassigned,
    UnassignedReason, Violation, ViolationKind, CHECK_EPS,
};
pub use strategy::{
    strategies, strategy_by_name, strategy_names, Budget, Nearest, Regret, Savings, Search, Single,
    Strategy, Sweep,
};
