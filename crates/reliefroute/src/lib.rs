//! reliefroute plans batched delivery routes for relief work.
//!
//! Kitchens cook, orders say what goes where and when, couriers carry it. A [`Scenario`]
//! holds all of that; a [`TravelMatrix`] says how long each leg takes; a [`Strategy`] turns
//! them into a [`Plan`] through [`plan`]; [`check_plan`] verifies any plan independently;
//! the writers turn it into files.
//!
//! Build a scenario in code with [`Scenario::builder`] (or load a folder of CSV files with
//! [`load_scenario`]; both validate the same rules and return the same [`ScenarioError`]),
//! plan, check:
//!
//! ```
//! use reliefroute::{
//!     check_plan, plan, strategy_by_name, Budget, Coord, CourierSpec, OrderSpec, Scenario,
//!     Site, SiteKind, TravelMatrix,
//! };
//!
//! let scenario = Scenario::builder("riverside")
//!     .site(Site::new("K1", SiteKind::Kitchen, Coord { x: 101.70, y: 26.55 }).with_service(5.0))
//!     .site(Site::new("CP1", SiteKind::Checkpoint, Coord { x: 101.72, y: 26.57 }))
//!     .site(Site::new("V1", SiteKind::Village, Coord { x: 101.69, y: 26.60 }))
//!     .courier(CourierSpec::new("R1", "K1", 15.0).capacity("meal_box", 20))
//!     .order(OrderSpec::new("O1", "CP1", "meal_box", 6).window(11.0 * 60.0, 12.0 * 60.0))
//!     .order(OrderSpec::new("O2", "V1", "meal_box", 4).max_ride_min(45.0))
//!     .build()?;
//! let matrix = TravelMatrix::straight_line(&scenario);
//! let regret = strategy_by_name("regret").expect("a built-in strategy");
//! let plan = plan(&scenario, &matrix, regret.as_ref(), &Budget::default());
//! assert!(check_plan(&scenario, &matrix, &plan).is_ok());
//! assert!(plan.unassigned.is_empty());
//! assert_eq!(plan.routes[0].vehicle, 0); // the courier R1, scenario.fleet[0]
//!
//! // The builder reports every problem at once, as the CSV reader does.
//! let errors = Scenario::builder("broken")
//!     .site(Site::new("K1", SiteKind::Kitchen, Coord { x: 101.70, y: 26.55 }))
//!     .courier(CourierSpec::new("R1", "K9", 0.0).capacity("meal_box", 20))
//!     .order(OrderSpec::new("O1", "K1", "meal_box", 0))
//!     .build()
//!     .unwrap_err();
//! assert_eq!(errors.len(), 4); // base K9, speed 0, O1 sent to a kitchen, quantity 0
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is where
//!
//! The crate root holds what a user needs to build or load a scenario, plan, check and write:
//!
//! | For | Items |
//! |---|---|
//! | the scenario | [`Scenario`], [`ScenarioBuilder`], [`CourierSpec`], [`OrderSpec`], [`Site`], [`SiteKind`], [`Order`], [`Vehicle`], [`Break`], [`TimeWindow`], [`Coord`], [`TravelModel`], [`Rounding`], [`Objective`], [`SolverSettings`], [`NetworkSettings`], [`parse_minutes`], [`format_minutes`] |
//! | loading | [`load_scenario`], [`parse_scenario`] (the same from files in memory), [`ScenarioError`], [`InputError`], [`validate_folder`] (everything `plan` loads, network included), [`ValidatedFolder`], [`FolderError`] |
//! | travel | [`TravelMatrix`], [`MatrixMethod`], [`NetworkError`] |
//! | planning | [`plan`], [`Budget`], [`Strategy`], [`strategy_by_name`], [`strategy_names`] |
//! | the plan | [`Plan`], [`PlannedRoute`], [`PlannedBreak`], [`PlannedTrip`], [`PlannedStop`], [`Unassigned`], [`UnassignedReason`], [`PlanSummary`], [`WeightedService`] |
//! | checking | [`check_plan`], [`Violation`], [`ViolationKind`], [`CHECK_EPS`], [`run_checked`], [`CheckedRun`] |
//! | writing | [`write_outputs`], [`write_outputs_on`], [`plan_to_json`], [`plan_to_json_string`], [`plan_to_geojson`], [`plan_to_geojson_on`], [`write_routes_csv`], [`routes_csv_string`], [`summary_table`], [`comparison_table`], [`report_html`], [`compare_html`], [`courier_colour`], [`write_file_atomic`], [`PLAN_JSON_VERSION`], [`ROUTES_CSV_HEADER`] |
//!
//! Advanced parts live in public modules:
//!
//! - [`roads`]: the road-network building blocks behind [`TravelMatrix::for_scenario`]:
//!   [`RoadGraph`](roads::RoadGraph), per-class [`ClassNetwork`](roads::ClassNetwork)s,
//!   [`Closures`](roads::Closures), [`ContractionHierarchy`](roads::ContractionHierarchy),
//!   [`many_to_many_dijkstra`](roads::many_to_many_dijkstra), snapping, reports and the
//!   [`synthetic`](roads::synthetic) city generator.
//! - [`strategies`]: the individual strategies ([`Nearest`](strategies::Nearest),
//!   [`Search`](strategies::Search), ...), [`all`](strategies::all) of them, and what a
//!   strategy of your own needs: [`Problem`](strategies::Problem),
//!   [`Routes`](strategies::Routes)/[`Trip`](strategies::Trip), [`Rng`](strategies::Rng),
//!   [`Progress`](strategies::Progress).
//!
//! # Glossary
//!
//! The documentation speaks of couriers, orders, kitchens and trips. Some Rust names and
//! plan-file fields are older and kept for compatibility:
//!
//! - **site**: a place on the map ([`Site`]): a kitchen, or a place that receives orders
//!   (checkpoint, household, care home, village).
//! - **kitchen**: a site of kind [`SiteKind::Kitchen`] where couriers load (and reload);
//!   a courier's *base* is the kitchen its shift starts and ends at.
//! - **item**: a kind of goods (`meal_box`, `veg_parcel`); capacities and orders count units
//!   of items.
//! - **order**: units of one item to carry from a kitchen to a site within a window
//!   ([`Order`]). Solver internals call the order a *job*.
//! - **courier**: one rider, car or van with its capacity and shift. The Rust type is
//!   [`Vehicle`]; the couriers are [`Scenario::fleet`]; plan types and `plan.json` name a
//!   courier by its index in the fleet in a field called `vehicle`
//!   ([`PlannedRoute::vehicle`]).
//! - **trip**: one load at a kitchen followed by the stops it serves ([`PlannedTrip`]);
//!   a courier may make up to [`Vehicle::max_trips`] trips in a shift.
//! - **stop**: one visit to a site, handing over one or more orders ([`PlannedStop`]);
//!   consecutive orders of a trip at one site are one stop.
//! - **route**: a courier's whole day, its trips in order ([`PlannedRoute`]).
//! - **plan**: the routes of all couriers and the orders left out with their reasons
//!   ([`Plan`]).
//!
//! Indices (`site`, `item`, `order`, `vehicle`) are positions in the scenario's vectors.
//!
//! # Architecture
//!
//! Dependencies run one way (a test enforces it):
//!
//! ```text
//! model  ->  travel  ->  solver  ->  plan  ->  io
//! (data,     (straight   (problem,   (plan      (readers,
//!  builder)   lines,      eval,       types,     writers,
//!             roads)      insertion,  timing,    report)
//!                         construct,  reasons,
//!                         search)     checker)
//! ```
//!
//! Every rule of a route is written once, in the solver's evaluation core (`solver/eval`):
//! runs of orders are summarised by a few numbers (duration, time warp, start interval,
//! freshness bounds, load) that merge in O(1), so insertion and every local-search move are
//! priced in O(1), and the core says how far a route breaks each rule. The plan's timing and
//! the reasons of unassigned orders ask the core; the checker in `plan` shares no code with
//! it.
#![deny(missing_docs)]

mod io;
mod model;
mod plan;
mod solver;
mod travel;

pub use geo::Coord;
pub use io::{
    changes_csv_string, changes_summary, changes_to_json, parse_progress, read_plan_state,
    read_previous_round, read_progress, write_replan_outputs, ReplanInputError, CHANGES_CSV_HEADER,
    CHANGES_FILES,
};
pub use io::{compare_html, comparison_table, courier_colour, report_html};
pub use io::{
    input_digests, load_scenario, parse_plan_json, plan_to_geojson, plan_to_geojson_on,
    plan_to_json, plan_to_json_string, plan_to_json_string_with, prepare_output_dir,
    read_plan_json, routes_csv_string, summary_table, verify_plan, write_file_atomic,
    write_outputs, write_outputs_on, write_outputs_with, write_routes_csv, InputDigest, PlanFile,
    PlanJsonError, PlanVerdict, Provenance, OUTPUT_FILES, PLAN_JSON_VERSION, ROUTES_CSV_HEADER,
};
pub use io::{load_scenario_with_warnings, parse_scenario, LoadedScenario, FAR_SITE_KM};
pub use io::{validate_folder, FolderError, ValidatedFolder};
pub use model::{
    format_minutes, parse_minutes, Break, CourierSpec, InputError, NetworkSettings, Objective,
    Order, OrderSpec, Rounding, Scenario, ScenarioBuilder, ScenarioError, Site, SiteKind,
    SolverSettings, Supply, SupplySpec, TimeWindow, TravelModel, Vehicle, MAX_SHOWN_ERRORS,
};
pub use plan::{
    check_plan, check_plan_within, plan, run_checked, CheckedRun, Plan, PlanSummary, PlannedBreak,
    PlannedRoute, PlannedStop, PlannedTrip, Unassigned, UnassignedReason, Violation, ViolationKind,
    WeightedService, CHECK_EPS, PLAN_JSON_TOLERANCE,
};
pub use plan::{
    check_plan_from, check_plan_from_within, couriers_by_site, moved_orders, plan_preferring,
    preference_by_site, replan, sites_kept, Changes, CourierChanges, CourierStart, CourierState,
    OrderChange, OrderStatus, PlanState, Preference, ProgressReport, Replan, ReplanError,
    ReplanOptions, TripUnderWay, DEFAULT_MOVE_COST_KM,
};
pub use solver::{strategy_by_name, strategy_names, Budget, Strategy};
pub use travel::{MatrixMethod, NetworkError, TravelMatrix};

pub mod input {
    //! Reading input files safely: regular files only, within a size limit, and the line of a
    //! CSV record (for readers of other formats, such as the benchmark crate's).

    pub use crate::travel::{csv_line_at, open_input, read_input, MAX_INPUT_BYTES};
}

pub mod roads {
    //! Road networks: the building blocks behind [`TravelMatrix::for_scenario`](crate::TravelMatrix::for_scenario) and
    //! [`TravelMatrix::on_roads`](crate::TravelMatrix::on_roads).
    //!
    //! A [`RoadGraph`] is loaded from an OpenStreetMap extract or CSV, reduced per
    //! [`VehicleClass`] to a [`ClassNetwork`] (its largest strongly connected part, without
    //! [`Closures`]), sites are snapped to it ([`Snap`], [`SiteSnap`]) within a limit, and the
    //! matrices come from [`many_to_many_dijkstra`] or a [`ContractionHierarchy`] (weights
    //! decoded with [`unpack_weight`]). [`synthetic`] generates test cities.

    pub use crate::model::DEFAULT_SNAP_LIMIT_M;
    pub use crate::travel::{
        many_to_many_dijkstra, road_access, shortest_path, synthetic, unpack_weight, ClassNetwork,
        ClassReport, Closures, ContractionHierarchy, MatrixMethod, NetworkError, RoadAccess,
        RoadEdge, RoadGraph, RoadNode, RoadOptions, RoadReport, RoutingGraph, SiteSnap, Snap,
        VehicleClass, ACCESS_KMH,
    };
}

pub mod strategies {
    //! The built-in strategies one by one, and what a strategy of your own works with.
    //!
    //! [`plan`](crate::plan) takes any [`Strategy`]; [`strategy_by_name`](crate::strategy_by_name)
    //! picks a built-in one by name, [`all`] lists them. A strategy receives a [`Problem`] (the
    //! scenario prepared for solving) and returns [`Routes`]: per courier, its [`Trip`]s.

    pub use crate::solver::strategies as all;
    pub use crate::solver::{
        Budget, Nearest, Problem, Progress, ProgressFn, Regret, Rng, Routes, Savings, Search,
        Single, Strategy, Sweep, Trip,
    };
}
