//! reliefroute plans batched delivery routes for relief work.
//!
//! Kitchens cook, orders say what goes where and when, couriers carry it. A [`Scenario`]
//! holds all of that; a [`TravelMatrix`] says how long each leg takes; a [`Strategy`] turns
//! them into a [`Plan`] through [`plan`].
//!
//! ```
//! use std::path::Path;
//! use reliefroute::{check_plan, load_scenario, plan, strategy_by_name, Budget, TravelMatrix};
//!
//! let scenario = load_scenario(Path::new("../../examples/panzhihua"))?;
//! let matrix = TravelMatrix::straight_line(&scenario);
//! let regret = strategy_by_name("regret").expect("a built-in strategy");
//! let plan = plan(&scenario, &matrix, regret.as_ref(), &Budget::default());
//! assert!(check_plan(&scenario, &matrix, &plan).is_ok());
//! assert_eq!(plan.unassigned.len(), 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
mod slack;
mod solution;
mod strategy;

pub use io::{
    input_digests, parse_plan_json, plan_to_json_string_with, prepare_output_dir, read_plan_json,
    write_outputs_with, InputDigest, PlanFile, PlanJsonError, Provenance, OUTPUT_FILES,
};
pub use io::{
    load_scenario, plan_to_geojson, plan_to_json, plan_to_json_string, read_benchmark,
    read_best_known, read_cvrplib, read_solomon, routes_csv_string, summary_table,
    write_file_atomic, write_outputs, write_routes_csv, BenchmarkError, BestKnown, BksColumn,
    InputError, ScenarioError, PLAN_JSON_VERSION, ROUTES_CSV_HEADER,
};
pub use io::{
    load_scenario_with_warnings, open_input, read_input, LoadedScenario, FAR_SITE_KM,
    MAX_INPUT_BYTES, MAX_SHOWN_ERRORS,
};
pub use io::{plan_to_geojson_on, write_outputs_on};
pub use model::{
    format_minutes, parse_minutes, Objective, Order, Rounding, Scenario, Site, SiteKind,
    SolverSettings, TimeWindow, TravelModel, Vehicle,
};
pub use network::{
    many_to_many_dijkstra, road_access, shortest_path, synthetic, unpack_weight, ClassNetwork,
    ClassReport, Closures, ContractionHierarchy, MatrixMethod, NetworkError, NetworkSettings,
    RoadAccess, RoadEdge, RoadGraph, RoadNode, RoadOptions, RoadReport, RoutingGraph, SiteSnap,
    Snap, TravelMatrix, VehicleClass, ACCESS_KMH, DEFAULT_SNAP_LIMIT_M,
};
pub use planner::plan;
pub use problem::Problem;
pub use report::{
    bench_instance, benchmark_files, comparison_table, run_checked, verify_plan, BenchRow,
    CheckedRun, PlanVerdict, BKS_TOLERANCE_PERCENT,
};
pub use routes::{Routes, Trip};
pub use search::Rng;
pub use solution::{
    check_plan, check_plan_within, Plan, PlanSummary, PlannedRoute, PlannedStop, PlannedTrip,
    Unassigned, UnassignedReason, Violation, ViolationKind, CHECK_EPS, PLAN_JSON_TOLERANCE,
};
pub use strategy::{
    available_cores, strategies, strategy_by_name, strategy_names, Budget, Nearest, Progress,
    ProgressFn, Regret, Savings, Search, Single, Strategy, Sweep,
};
