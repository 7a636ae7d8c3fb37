//! `reliefroute replan`: re-plans a day under way from the plan being carried out, writes
//! the usual outputs plus `changes.json` and `changes.csv`, and prints what changed.

use std::time::Instant;

use anyhow::{bail, Context, Result};
use reliefroute::{
    changes_summary, parse_minutes, prepare_output_dir, read_plan_state, replan, summary_table,
    write_replan_outputs, ReplanOptions, TravelMatrix,
};

use crate::settings::{chosen_strategy, move_cost, SolveSettings};
use crate::ReplanArgs;

/// Reads the scenario folder as it is now and the plan being carried out (with
/// `--progress`), re-plans from `--at`, and writes the outputs into `--out` (default
/// `DIR/replan`); nothing is written when the checker rejects the merged plan.
pub fn run(args: ReplanArgs) -> Result<()> {
    let started = Instant::now();
    let settings = SolveSettings::resolve(&args.solve)?;
    let Some(at) = parse_minutes(&args.at) else {
        bail!("--at {:?} is not a time; expected HH:MM", args.at);
    };
    let mut scenario = super::load(&args.dir)?;
    settings.apply_objective(&mut scenario.solver);
    // The state is read before the output folder is prepared: --from may lie in it.
    let state = read_plan_state(&args.from, &scenario, at, args.progress.as_deref())?;
    let out = args.out.unwrap_or_else(|| args.dir.join("replan"));
    prepare_output_dir(&out).with_context(|| format!("output folder {}", out.display()))?;
    let (_, strategy) = chosen_strategy(args.strategy, &scenario.solver)?;
    let options = ReplanOptions {
        move_cost_km: move_cost(args.move_cost)?,
    };
    let mut budget = settings.budget(&scenario.solver);
    budget.started = Some(started);
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    super::print_road_warnings(&matrix);
    let replanned = replan(
        &scenario,
        &matrix,
        &state,
        strategy.as_ref(),
        &budget,
        &options,
    )?;
    if !replanned.violations.is_empty() {
        for v in &replanned.violations {
            eprintln!("checker: {v}");
        }
        bail!("the re-plan failed the feasibility check; nothing was written");
    }
    let written = write_replan_outputs(
        &out,
        &replanned.scenario,
        &matrix,
        &replanned.plan,
        &replanned.changes,
    )
    .with_context(|| format!("writing the re-plan to {}", out.display()))?;
    println!(
        "re-planned from {}: {} orders delivered, {} failed, {} trips under way kept",
        args.at,
        state.delivered.len(),
        state.failed.len(),
        replanned.starts.iter().filter(|s| s.under_way).count()
    );
    print!("{}", summary_table(&replanned.scenario, &replanned.plan));
    print!("{}", changes_summary(&replanned.changes));
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
