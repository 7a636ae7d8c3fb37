//! `reliefroute bench`: one strategy over a benchmark folder, with gaps to the best-known
//! values of its `bks.csv`, and optionally each solution as a VRPLIB `.sol` file.

use std::fs;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use reliefroute::SolverSettings;
use reliefroute_bench::{
    bench_run, benchmark_files, instance_name, read_best_known, BenchRow, BenchSummary, BksColumn,
};

use crate::progress;
use crate::settings::{strategy, SolveSettings};
use crate::{BenchArgs, Format};

/// Runs `args.strategy` on every instance of `args.dir` and prints one row per instance,
/// then the mean gap. With `--solutions DIR`, each solution that serves every customer is
/// written to `DIR/<instance>.sol` (an incomplete one is not a VRPLIB solution: a warning
/// says so).
pub fn run(args: BenchArgs) -> Result<()> {
    let settings = SolveSettings::resolve(&args.solve)?;
    let strategy = strategy(&args.strategy)?;
    let column: BksColumn = args.table.into();
    let best_known = read_best_known(&args.dir, column)?;
    let files =
        benchmark_files(&args.dir).with_context(|| format!("reading {}", args.dir.display()))?;
    if files.is_empty() {
        bail!("no .txt or .vrp instance files in {}", args.dir.display());
    }
    if let Some(dir) = &args.solutions {
        fs::create_dir_all(dir)
            .with_context(|| format!("creating the solutions folder {}", dir.display()))?;
    }
    if let Format::Csv = args.format {
        println!("{}", BenchRow::CSV_HEADER);
    }
    // Benchmark files carry no solver settings: the flags, else the library's defaults.
    let budget = settings.budget(&SolverSettings::default());
    let mut summary = BenchSummary::default();
    for file in &files {
        let instance = instance_name(file);
        let mut budget = budget.clone();
        budget.started = Some(Instant::now());
        let bks = best_known.get(&instance).map(|b| b.distance);
        let (budget, watch) = progress::watch(budget, settings.quiet, instance.clone(), bks);
        let run = bench_run(
            file,
            column,
            &best_known,
            strategy.as_ref(),
            &budget,
            settings.objective,
        );
        watch.finish(&instance);
        let run = run?;
        let row = run.row;
        if let Some(dir) = &args.solutions {
            if row.unassigned == 0 {
                let path = dir.join(format!("{instance}.sol"));
                fs::write(&path, run.solution.to_vrplib())
                    .with_context(|| format!("writing {}", path.display()))?;
            } else {
                eprintln!(
                    "warning: {instance}: {} customers unassigned, no .sol written",
                    row.unassigned
                );
            }
        }
        if let Some(warning) = row.beats_best_known(file) {
            eprintln!("warning: {warning}");
        }
        match args.format {
            Format::Csv => println!("{}", row.to_csv()),
            Format::Jsonl => println!("{}", row.to_json()),
        }
        summary.add(&row);
    }
    match args.format {
        Format::Csv => println!("{}", summary.to_csv_comment()),
        Format::Jsonl => println!("{}", summary.to_json()),
    }
    Ok(())
}
