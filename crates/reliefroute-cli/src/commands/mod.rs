//! One file per command; each takes its parsed flags and does its work through the
//! libraries.

pub mod bench;
pub mod check;
pub mod compare;
pub mod matrix;
pub mod plan;
pub mod replan;

use std::path::Path;

use anyhow::Result;
use reliefroute::{load_scenario_with_warnings, LoadedScenario, Scenario, TravelMatrix};
use reliefroute_bench::{read_benchmark, BksColumn};

/// Reads a scenario folder and its warnings (see `LoadedScenario`), with every problem found
/// in the error.
fn load_with_warnings(dir: &Path) -> Result<LoadedScenario> {
    load_scenario_with_warnings(dir)
        .map_err(|e| anyhow::anyhow!("invalid scenario {}:\n{e}", dir.display()))
}

/// Reads a scenario folder, its warnings printed on stderr.
fn load(dir: &Path) -> Result<Scenario> {
    let loaded = load_with_warnings(dir)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(loaded.scenario)
}

/// Prints the warnings of a road matrix (such as a closure outside the network) on stderr.
fn print_road_warnings(matrix: &TravelMatrix) {
    for warning in matrix.road_report().map_or(&[][..], |r| &r.warnings) {
        eprintln!("warning: {warning}");
    }
}

/// A scenario folder, or a benchmark file read in the convention of `column`.
fn load_input(input: &Path, column: BksColumn) -> Result<Scenario> {
    if input.is_dir() {
        load(input)
    } else {
        Ok(read_benchmark(input, column)?)
    }
}
