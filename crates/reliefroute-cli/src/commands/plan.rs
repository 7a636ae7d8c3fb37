//! `reliefroute plan`: plans a scenario folder, checks the plan and writes the three files.

use std::time::Instant;

use anyhow::{bail, Context, Result};
use reliefroute::{run_checked, summary_table, write_outputs_on, TravelMatrix};

use crate::progress;
use crate::settings::{strategy, SolveSettings, DEFAULT_STRATEGY};
use crate::PlanArgs;

/// Plans `args.dir` and writes `plan.json`, `routes.csv` and `plan.geojson`; nothing is
/// written when the checker rejects the plan.
pub fn run(args: PlanArgs) -> Result<()> {
    // --seconds counts from here: reading and the travel matrix are part of planning.
    let started = Instant::now();
    let settings = SolveSettings::resolve(&args.solve)?;
    let mut scenario = super::load(&args.dir)?;
    settings.apply_objective(&mut scenario.solver);
    let name = args
        .strategy
        .or_else(|| scenario.solver.strategy.clone())
        .unwrap_or_else(|| DEFAULT_STRATEGY.to_string());
    let strategy = strategy(&name)?;
    let mut budget = settings.budget(&scenario.solver);
    budget.started = Some(started);
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    let (budget, watch) = progress::watch(budget, settings.quiet, name.clone(), None);
    let run = run_checked(&scenario, &matrix, strategy.as_ref(), &budget);
    watch.finish(&name);
    if !run.feasible() {
        for v in &run.violations {
            eprintln!("checker: {v}");
        }
        bail!("the plan failed the feasibility check; nothing was written");
    }
    let out = args.out.unwrap_or_else(|| args.dir.join("out"));
    let written = write_outputs_on(&out, &scenario, &matrix, &run.plan)
        .with_context(|| format!("writing plans to {}", out.display()))?;
    print!("{}", summary_table(&scenario, &run.plan));
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
