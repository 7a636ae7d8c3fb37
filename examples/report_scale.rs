//! Times `report.html` for a large scenario: plans it, then builds and writes the report.
//!
//! ```text
//! cargo run --release -p reliefroute-tests --example report_scale -- DIR [STRATEGY] [SECONDS]
//! ```
//!
//! Prints the planning time, the time to build the HTML string, the time to write all output
//! files (`plan.json`, `routes.csv`, `plan.geojson`, `report.html`) into `DIR/out`, and the size
//! of `report.html`. Used by `benches/report_scale.sh`.

use std::path::PathBuf;
use std::time::Instant;

use reliefroute::{
    load_scenario, plan, report_html, strategy_by_name, write_outputs_on, Budget, TravelMatrix,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: report_scale DIR [STRATEGY] [SECONDS]")?,
    );
    let strategy = args.next().unwrap_or_else(|| "nearest".to_string());
    let seconds: f64 = args.next().map_or(Ok(10.0), |s| s.parse())?;
    let scenario = load_scenario(&dir)?;
    let started = Instant::now();
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    let strategy = strategy_by_name(&strategy).ok_or("unknown strategy")?;
    let planned = plan(
        &scenario,
        &matrix,
        strategy.as_ref(),
        &Budget::new(seconds, 1, 1),
    );
    let plan_s = started.elapsed().as_secs_f64();
    let summary = planned.summary(scenario.orders.len());
    println!(
        "planned {} of {} orders, {} couriers, {} trips with {} in {plan_s:.1} s (matrix included)",
        summary.served, summary.orders, summary.couriers_used, summary.trips, planned.strategy
    );
    let t = Instant::now();
    let html = report_html(&scenario, &matrix, &planned);
    let build_s = t.elapsed().as_secs_f64();
    let out = dir.join("out");
    let t = Instant::now();
    write_outputs_on(&out, &scenario, &matrix, &planned)?;
    let write_s = t.elapsed().as_secs_f64();
    println!(
        "report.html: {} bytes ({:.1} MB), built in {build_s:.3} s; all four output files written in {write_s:.3} s",
        html.len(),
        html.len() as f64 / 1e6
    );
    println!("report: {}", out.join("report.html").display());
    Ok(())
}
