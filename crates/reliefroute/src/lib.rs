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

mod io;
mod model;
mod plan;
mod solver;
mod travel;

pub use io::{compare_html, comparison_table, courier_colour, report_html};
pub use io::{
    input_digests, parse_plan_json, plan_to_json_string_with, prepare_output_dir, read_plan_json,
    verify_plan, write_outputs_with, InputDigest, PlanFile, PlanJsonError, PlanVerdict, Provenance,
    OUTPUT_FILES,
};
pub use io::{
    load_scenario, plan_to_geojson, plan_to_json, plan_to_json_string, routes_csv_string,
    summary_table, write_file_atomic, write_outputs, write_routes_csv, InputError, ScenarioError,
    PLAN_JSON_VERSION, ROUTES_CSV_HEADER,
};
pub use io::{load_scenario_with_warnings, LoadedScenario, FAR_SITE_KM, MAX_SHOWN_ERRORS};
pub use io::{plan_to_geojson_on, write_outputs_on};
pub use model::{
    format_minutes, parse_minutes, NetworkSettings, Objective, Order, Rounding, Scenario, Site,
    SiteKind, SolverSettings, TimeWindow, TravelModel, Vehicle, DEFAULT_SNAP_LIMIT_M,
};
pub use plan::{
    check_plan, check_plan_within, plan, run_checked, CheckedRun, Plan, PlanSummary, PlannedRoute,
    PlannedStop, PlannedTrip, Unassigned, UnassignedReason, Violation, ViolationKind, CHECK_EPS,
    PLAN_JSON_TOLERANCE,
};
pub use solver::{
    strategies, strategy_by_name, strategy_names, Budget, Nearest, Problem, Progress, ProgressFn,
    Regret, Rng, Routes, Savings, Search, Single, Strategy, Sweep, Trip,
};
pub use travel::{
    csv_line_at, many_to_many_dijkstra, open_input, read_input, road_access, shortest_path,
    synthetic, unpack_weight, ClassNetwork, ClassReport, Closures, ContractionHierarchy,
    MatrixMethod, NetworkError, RoadAccess, RoadEdge, RoadGraph, RoadNode, RoadOptions, RoadReport,
    RoutingGraph, SiteSnap, Snap, TravelMatrix, VehicleClass, ACCESS_KMH, MAX_INPUT_BYTES,
};
