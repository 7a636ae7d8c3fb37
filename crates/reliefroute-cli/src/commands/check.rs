//! `reliefroute check`: validates a scenario folder without planning, and with `--plan`
//! says whether a plan file was made from its current inputs and passes the checker.

use std::path::Path;

use anyhow::{bail, Context, Result};
use reliefroute::{
    input_digests, read_plan_json, validate_folder, verify_plan, Scenario, TravelMatrix,
};

/// Loads `dir` as `plan` does (scenario, settings, road network, closures and snapping, see
/// [`validate_folder`]) and prints what it holds, then its warnings; an invalid folder is an
/// error listing every problem. With `plan`, also checks that plan file (see
/// [`check_plan_file`]).
pub fn run(dir: &Path, plan: Option<&Path>) -> Result<()> {
    let folder = validate_folder(dir)
        .map_err(|e| anyhow::anyhow!("invalid scenario {}:\n{e}", dir.display()))?;
    let scenario = &folder.scenario;
    println!(
        "{}: valid: {} sites ({} kitchens), {} orders, {} couriers, items: {}",
        dir.display(),
        scenario.sites.len(),
        scenario.kitchens().len(),
        scenario.orders.len(),
        scenario.fleet.len(),
        scenario.items.join(", ")
    );
    if let Some(report) = folder.matrix.road_report() {
        println!(
            "roads: {} road points, {} segments, {} closed areas, {} closed lines",
            report.graph_nodes, report.graph_edges, report.closures.0, report.closures.1
        );
    }
    for warning in folder.warning_lines() {
        println!("warning: {warning}");
    }
    if let Some(plan) = plan {
        check_plan_file(dir, scenario, &folder.matrix, plan)?;
    }
    Ok(())
}

/// `reliefroute check DIR --plan PLAN.json`: whether the plan was made from the current
/// inputs (digests) and passes the independent checker; an error when not.
fn check_plan_file(
    dir: &Path,
    scenario: &Scenario,
    matrix: &TravelMatrix,
    path: &Path,
) -> Result<()> {
    let file =
        read_plan_json(path, scenario).with_context(|| format!("reading {}", path.display()))?;
    let digests = input_digests(dir, scenario)?;
    let verdict = verify_plan(scenario, matrix, &file, &digests);
    if !verdict.has_digests {
        println!(
            "{}: records no input digests; cannot tell which inputs it was made from",
            path.display()
        );
    } else if verdict.changed_inputs.is_empty() {
        println!(
            "{}: made from the current inputs (sha256 of {} files match)",
            path.display(),
            digests.len()
        );
    }
    for change in &verdict.changed_inputs {
        println!("{}: stale: {change}", path.display());
    }
    if verdict.violations.is_empty() {
        println!("{}: passes the checker", path.display());
    }
    for v in &verdict.violations {
        println!("checker: {v}");
    }
    if !verdict.ok() {
        bail!(
            "{} does not match the current inputs or fails the checker",
            path.display()
        );
    }
    Ok(())
}
