//! Times given routes (another solver's, say PyVRP's) under reliefroute's rules, checks the
//! plan independently and writes it, for `reliefroute check DIR --plan OUT/plan.json`.
//!
//! ```text
//! cargo run --release -p reliefroute-tests --example retime -- DIR ROUTES.json OUT
//! ```
//!
//! `ROUTES.json` (as `benches/peers/relief.py solve` writes it) lists per courier its trips in
//! time order, each a kitchen and the order ids in visiting order:
//!
//! ```text
//! {"routes": [{"courier": "R000", "trips": [{"kitchen": "K1", "orders": ["H00021-V", ...]}]}]}
//! ```
//!
//! The routes are handed to the planner as a strategy's answer, so they are timed by the same
//! core and rules as every strategy's: a route that breaks a rule is dropped and its orders
//! are listed as unassigned, as are orders no route serves. Both are printed, then the
//! summary (with every unassigned order's reason); the exit status is non-zero if an id is
//! unknown or the checker rejects the plan.

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;

use reliefroute::strategies::{Problem, Routes, Trip};
use reliefroute::{
    load_scenario, prepare_output_dir, run_checked, summary_table, write_outputs_with, Budget,
    Provenance, Strategy, TravelMatrix,
};
use serde_json::Value;

/// A strategy that answers with the routes it was given.
struct Given(Routes);

impl Strategy for Given {
    fn name(&self) -> &'static str {
        "given"
    }

    fn description(&self) -> &'static str {
        "routes given from outside (another solver's), timed under reliefroute's rules"
    }

    fn solve(&self, _problem: &Problem, _budget: &Budget) -> Routes {
        self.0.clone()
    }
}

/// Reads `routes` (the file `path`) into per-courier trips of order indices.
fn read_routes(
    path: &str,
    routes: &Value,
    scenario: &reliefroute::Scenario,
) -> Result<Routes, String> {
    let index = |ids: Vec<&str>| -> HashMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_string(), i))
            .collect()
    };
    let couriers = index(scenario.fleet.iter().map(|v| v.id.as_str()).collect());
    let sites = index(scenario.sites.iter().map(|s| s.id.as_str()).collect());
    let orders = index(scenario.orders.iter().map(|o| o.id.as_str()).collect());
    let list = |v: &Value, what: &str| -> Result<Vec<Value>, String> {
        v.as_array()
            .cloned()
            .ok_or(format!("{path}: {what}: expected a list"))
    };
    let text = |v: &Value, what: &str| -> Result<String, String> {
        v.as_str()
            .map(str::to_string)
            .ok_or(format!("{path}: {what}: expected a string"))
    };
    let find = |map: &HashMap<String, usize>, id: &str, what: &str| {
        map.get(id)
            .copied()
            .ok_or(format!("{path}: {what} {id:?} is not in the scenario"))
    };
    let mut out = Routes::empty(scenario.fleet.len(), scenario.orders.len());
    for (r, route) in list(&routes["routes"], "routes")?.iter().enumerate() {
        let at = format!("routes[{r}]");
        let courier = text(&route["courier"], &format!("{at}.courier"))?;
        let v = find(&couriers, &courier, &format!("{at}: courier"))?;
        if !out.trips[v].is_empty() {
            return Err(format!(
                "{path}: {at}: courier {courier} has a second route"
            ));
        }
        for (t, trip) in list(&route["trips"], &format!("{at}.trips"))?
            .iter()
            .enumerate()
        {
            let at = format!("{at}.trips[{t}]");
            let kitchen = text(&trip["kitchen"], &format!("{at}.kitchen"))?;
            let mut jobs = Vec::new();
            for (k, order) in list(&trip["orders"], &format!("{at}.orders"))?
                .iter()
                .enumerate()
            {
                let id = text(order, &format!("{at}.orders[{k}]"))?;
                jobs.push(find(&orders, &id, &format!("{at}: order"))?);
            }
            out.trips[v].push(Trip {
                kitchen: find(&sites, &kitchen, &format!("{at}: kitchen"))?,
                jobs,
            });
        }
    }
    let mut served = vec![false; scenario.orders.len()];
    for &o in out.trips.iter().flatten().flat_map(|t| &t.jobs) {
        served[o] = true;
    }
    out.unassigned.retain(|&o| !served[o]);
    Ok(out)
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, routes_path, out] = args.as_slice() else {
        return Err("usage: retime DIR ROUTES.json OUT".into());
    };
    let (dir, out) = (PathBuf::from(dir), PathBuf::from(out));
    let scenario = load_scenario(&dir)?;
    let text = std::fs::read_to_string(routes_path)
        .map_err(|e| format!("{routes_path}: cannot read: {e}"))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|e| format!("{routes_path}: not JSON: {e}"))?;
    let routes = read_routes(routes_path, &json, &scenario)?;
    // Per courier given a route, its orders: to name those of a route that breaks a rule.
    let given: Vec<(usize, Vec<usize>)> = (routes.trips.iter().enumerate())
        .filter(|(_, trips)| !trips.is_empty())
        .map(|(v, trips)| (v, trips.iter().flat_map(|t| t.jobs.clone()).collect()))
        .collect();
    let left_out = routes.unassigned.len();
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    let run = run_checked(&scenario, &matrix, &Given(routes), &Budget::default());
    for (v, jobs) in &given {
        if !run.plan.routes.iter().any(|r| r.vehicle == *v) {
            let ids: Vec<&str> = jobs
                .iter()
                .map(|&j| scenario.orders[j].id.as_str())
                .collect();
            println!(
                "the route of courier {} breaks reliefroute's rules; its orders are unassigned: {}",
                scenario.fleet[*v].id,
                ids.join(" ")
            );
        }
    }
    println!(
        "{left_out} orders left out by the given routes; {} unassigned after timing",
        run.plan.unassigned.len()
    );
    for v in &run.violations {
        eprintln!("checker: {v}");
    }
    if !run.feasible() {
        return Err("the plan failed the feasibility check; nothing was written".into());
    }
    prepare_output_dir(&out)?;
    let provenance = Provenance::of_folder(&dir, &scenario, false)?;
    let written = write_outputs_with(&out, &scenario, Some(&matrix), &run.plan, Some(&provenance))?;
    print!("{}", summary_table(&scenario, &run.plan));
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
