//! One file per command; each takes its parsed flags and does its work through the
//! libraries.

pub mod bench;
pub mod check;
pub mod compare;
pub mod matrix;
pub mod plan;

use std::path::Path;

use anyhow::Result;
use reliefroute::{load_scenario, Scenario};
use reliefroute_bench::{read_benchmark, BksColumn};

/// Reads a scenario folder, with every problem found in the error.
fn load(dir: &Path) -> Result<Scenario> {
    load_scenario(dir).map_err(|e| anyhow::anyhow!("invalid scenario {}:\n{e}", dir.display()))
}

/// A scenario folder, or a benchmark file read in the convention of `column`.
fn load_input(input: &Path, column: BksColumn) -> Result<Scenario> {
    if input.is_dir() {
        load(input)
    } else {
        Ok(read_benchmark(input, column)?)
    }
}
