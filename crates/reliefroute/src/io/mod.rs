//! Reading and writing: scenario folders, plan files and the benchmark formats.

mod benchmark;
mod geojson;
pub(crate) mod input;
mod output;
mod plan_json;
mod provenance;
mod routes_csv;
mod scenario;
mod summary;

pub use benchmark::{
    read_benchmark, read_best_known, read_cvrplib, read_solomon, BenchmarkError, BestKnown,
    BksColumn,
};
pub use geojson::{plan_to_geojson, plan_to_geojson_on};
pub use input::{open_input, read_input, MAX_INPUT_BYTES};
pub use output::{
    prepare_output_dir, write_file_atomic, write_outputs, write_outputs_on, write_outputs_with,
    OUTPUT_FILES,
};
pub use plan_json::{
    parse_plan_json, plan_to_json, plan_to_json_string, plan_to_json_string_with, read_plan_json,
    PlanFile, PlanJsonError, PLAN_JSON_VERSION,
};
pub use provenance::{input_digests, InputDigest, Provenance};
pub use routes_csv::{routes_csv_string, write_routes_csv, ROUTES_CSV_HEADER};
pub(crate) use scenario::network_settings;
pub use scenario::{
    load_scenario, load_scenario_with_warnings, InputError, LoadedScenario, ScenarioError,
    FAR_SITE_KM, MAX_SHOWN_ERRORS,
};
pub use summary::summary_table;
