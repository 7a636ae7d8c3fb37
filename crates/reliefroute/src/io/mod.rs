//! Reading and writing: scenario folders and plan files (the benchmark formats are read by
//! the `reliefroute-bench` crate).

mod changes;
mod geojson;
mod output;
mod plan_json;
mod progress;
mod provenance;
mod report;
mod routes_csv;
mod scenario;
mod summary;
mod validate;
mod verify;

pub use changes::{changes_csv_string, changes_summary, changes_to_json, CHANGES_CSV_HEADER};
pub use geojson::{plan_to_geojson, plan_to_geojson_on};
pub use output::{
    prepare_output_dir, write_file_atomic, write_outputs, write_outputs_on, write_outputs_with,
    OUTPUT_FILES,
};
pub use output::{write_replan_outputs, CHANGES_FILES};
pub use plan_json::{
    parse_plan_json, plan_to_json, plan_to_json_string, plan_to_json_string_with, read_plan_json,
    PlanFile, PlanJsonError, PLAN_JSON_VERSION,
};
pub use progress::{
    parse_progress, read_plan_state, read_previous_round, read_progress, ReplanInputError,
};
pub use provenance::{input_digests, InputDigest, Provenance};
pub use report::{compare_html, courier_colour, report_html};
pub use routes_csv::{routes_csv_string, write_routes_csv, ROUTES_CSV_HEADER};
pub use scenario::{
    load_scenario, load_scenario_with_warnings, parse_scenario, LoadedScenario, FAR_SITE_KM,
};
pub use summary::{comparison_table, summary_table};
pub use validate::{validate_folder, FolderError, ValidatedFolder};
pub use verify::{verify_plan, PlanVerdict};
