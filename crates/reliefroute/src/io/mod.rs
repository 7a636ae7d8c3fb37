//! Reading and writing: scenario folders and plan files (the benchmark formats are read by
//! the `reliefroute-bench` crate).

mod geojson;
mod output;
mod plan_json;
mod report;
mod routes_csv;
mod scenario;
mod summary;

pub use geojson::{plan_to_geojson, plan_to_geojson_on};
pub use output::{write_file_atomic, write_outputs, write_outputs_on};
pub use plan_json::{plan_to_json, plan_to_json_string, PLAN_JSON_VERSION};
pub use report::{compare_html, courier_colour, report_html};
pub use routes_csv::{routes_csv_string, write_routes_csv, ROUTES_CSV_HEADER};
pub use scenario::load_scenario;
pub use summary::{comparison_table, summary_table};
