//! `reliefroute check`: validates a scenario folder without planning.

use std::path::Path;

use anyhow::Result;

/// Reads `dir` and prints what it holds; an invalid folder is an error listing every problem.
pub fn run(dir: &Path) -> Result<()> {
    let scenario = super::load(dir)?;
    println!(
        "{}: valid: {} sites ({} kitchens), {} orders, {} couriers, items: {}",
        dir.display(),
        scenario.sites.len(),
        scenario.kitchens().len(),
        scenario.orders.len(),
        scenario.fleet.len(),
        scenario.items.join(", ")
    );
    Ok(())
}
