//! `reliefroute plan`: plans a scenario folder, checks the plan and writes the four files.

use std::time::Instant;

use anyhow::{bail, Context, Result};
use reliefroute::{
    plan_preferring, preference_by_site, prepare_output_dir, read_previous_round, run_checked,
    sites_kept, summary_table, write_outputs_with, CheckedRun, Provenance, TravelMatrix,
};

use crate::progress;
use crate::settings::{chosen_strategy, move_cost, SolveSettings};
use crate::PlanArgs;

/// Plans `args.dir` and writes `plan.json`, `routes.csv`, `plan.geojson` and `report.html`;
/// nothing is written when the checker rejects the plan.
///
/// The output folder is checked (and its previous outputs removed) before planning, so a
/// bad `--out` fails at once and a failed run leaves no earlier plan looking like its own.
pub fn run(args: PlanArgs) -> Result<()> {
    // --seconds counts from here: reading and the travel matrix are part of planning.
    let started = Instant::now();
    let settings = SolveSettings::resolve(&args.solve)?;
    let out = args.out.unwrap_or_else(|| args.dir.join("out"));
    prepare_output_dir(&out).with_context(|| format!("output folder {}", out.display()))?;
    let mut scenario = super::load(&args.dir)?;
    // plan.json records the inputs' digests, and the time unless --reproducible.
    let provenance = Provenance::of_folder(&args.dir, &scenario, settings.wall_clock)?;
    settings.apply_objective(&mut scenario.solver);
    let (name, strategy) = chosen_strategy(args.strategy, &scenario.solver)?;
    let move_cost = move_cost(args.move_cost)?;
    let mut budget = settings.budget(&scenario.solver);
    budget.started = Some(started);
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    super::print_road_warnings(&matrix);
    let (budget, watch) = progress::watch(budget, settings.quiet, name.clone(), None);
    let previous = match &args.previous {
        Some(path) => Some(read_previous_round(path, &scenario)?),
        None => None,
    };
    let run = match &previous {
        None => run_checked(&scenario, &matrix, strategy.as_ref(), &budget),
        Some(by_site) => {
            let preference = preference_by_site(&scenario, by_site, move_cost);
            let plan = plan_preferring(&scenario, &matrix, strategy.as_ref(), &budget, &preference);
            CheckedRun::of(&scenario, &matrix, plan, started.elapsed().as_secs_f64())
        }
    };
    watch.finish(&name);
    if !run.feasible() {
        for v in &run.violations {
            eprintln!("checker: {v}");
        }
        bail!("the plan failed the feasibility check; nothing was written");
    }
    let written = write_outputs_with(&out, &scenario, Some(&matrix), &run.plan, Some(&provenance))
        .with_context(|| format!("writing plans to {}", out.display()))?;
    print!("{}", summary_table(&scenario, &run.plan));
    if let Some(by_site) = &previous {
        let (kept, both) = sites_kept(&scenario, &run.plan, by_site);
        println!("{kept} of {both} sites served in both rounds kept their courier");
    }
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
