//! `reliefroute compare`: several strategies on one input, side by side.

use std::time::Instant;

use anyhow::{Context, Result};
use reliefroute::{
    compare_html, comparison_table, run_checked, strategy_names, write_file_atomic, TravelMatrix,
};

use crate::progress;
use crate::settings::{strategy, SolveSettings};
use crate::CompareArgs;

/// Runs the chosen strategies (all by default) on a scenario folder or benchmark file and
/// prints the comparison table.
pub fn run(args: CompareArgs) -> Result<()> {
    let settings = SolveSettings::resolve(&args.solve)?;
    let mut scenario = super::load_input(&args.input, args.table.into())?;
    settings.apply_objective(&mut scenario.solver);
    let budget = settings.budget(&scenario.solver);
    let names = if args.strategies.is_empty() {
        strategy_names().iter().map(|s| s.to_string()).collect()
    } else {
        args.strategies
    };
    let chosen = names
        .iter()
        .map(|n| strategy(n))
        .collect::<Result<Vec<_>>>()?;
    let matrix = if args.input.is_dir() {
        TravelMatrix::for_scenario(&scenario)?
    } else {
        TravelMatrix::straight_line(&scenario)
    };
    let runs: Vec<_> = chosen
        .iter()
        .map(|s| {
            let mut budget = budget.clone();
            budget.started = Some(Instant::now());
            let (budget, watch) =
                progress::watch(budget, settings.quiet, s.name().to_string(), None);
            let run = run_checked(&scenario, &matrix, s.as_ref(), &budget);
            watch.finish(s.name());
            run
        })
        .collect();
    println!(
        "{} ({} orders, objective {}, {} s budget, seed {}, {} thread(s))",
        scenario.name,
        scenario.orders.len(),
        scenario.solver.objective.as_str(),
        budget.seconds,
        budget.seed,
        budget.threads
    );
    print!("{}", comparison_table(&runs));
    if let Some(file) = &args.html {
        write_file_atomic(file, compare_html(&scenario, &runs).as_bytes())
            .with_context(|| format!("writing {}", file.display()))?;
        println!("wrote {}", file.display());
    }
    Ok(())
}
