//! `reliefroute`: plan, check, compare and benchmark relief delivery routes from the shell.
//!
//! This binary only parses arguments, calls the `reliefroute` library and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reliefroute::{
    available_cores, input_digests, load_scenario_with_warnings, prepare_output_dir,
    read_plan_json, verify_plan, write_outputs_with, LoadedScenario, Provenance,
};
use reliefroute::{
    bench_instance, benchmark_files, comparison_table, read_benchmark, read_best_known,
    run_checked, strategy_by_name, strategy_names, summary_table, write_file_atomic, BksColumn,
    Budget, MatrixMethod, Objective, Progress, Scenario, Strategy, TravelMatrix,
};

/// Plans batched delivery routes for relief work: kitchens, orders, couriers.
///
/// A scenario is a folder of CSV files (sites.csv, orders.csv, fleet.csv and an optional
/// scenario.toml); see the README for the columns.
#[derive(Parser)]
#[command(name = "reliefroute", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Plan a scenario folder and write plan.json, routes.csv and plan.geojson.
    Plan {
        /// The scenario folder.
        dir: PathBuf,
        #[command(flatten)]
        solve: SolveArgs,
        /// Strategy to use (default: scenario.toml's, else `search`).
        #[arg(long)]
        strategy: Option<String>,
        /// Where to write the output files (default: DIR/out).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Validate a scenario folder without planning; lists every problem found.
    Check {
        /// The scenario folder.
        dir: PathBuf,
        /// Also say whether this plan.json was made from the folder's current inputs and
        /// passes the independent checker.
        #[arg(long)]
        plan: Option<PathBuf>,
    },
    /// Run several strategies on one scenario folder or benchmark file, side by side.
    Compare {
        /// A scenario folder, or a Solomon `.txt` / CVRPLIB `.vrp` file.
        input: PathBuf,
        #[command(flatten)]
        solve: SolveArgs,
        /// Comma-separated strategies (default: all, weakest first).
        #[arg(long, value_delimiter = ',')]
        strategies: Vec<String>,
        /// Best-known table and distance convention for Solomon files.
        #[arg(long, value_enum, default_value_t = Table::Dimacs)]
        table: Table,
    },
    /// Run one strategy on every instance of a benchmark folder and report gaps to the
    /// best-known values in its bks.csv.
    Bench {
        /// A folder of Solomon `.txt` or CVRPLIB `.vrp` files with a bks.csv.
        dir: PathBuf,
        /// Strategy to run.
        #[arg(long, default_value = "search")]
        strategy: String,
        #[command(flatten)]
        solve: SolveArgs,
        /// Output format of the rows.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Best-known table and distance convention for Solomon files.
        #[arg(long, value_enum, default_value_t = Table::Dimacs)]
        table: Table,
    },
    /// Build the travel matrix of a scenario folder (over its road network, if scenario.toml
    /// names one) and write it as CSV, with snapping and timing statistics.
    Matrix {
        /// The scenario folder.
        dir: PathBuf,
        /// Where to write the CSV (default: DIR/out/matrix.csv).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Shortest-path method: auto, dijkstra or ch (contraction hierarchies).
        #[arg(long, default_value = "auto")]
        method: String,
    },
}

/// Options shared by every command that solves.
#[derive(clap::Args)]
struct SolveArgs {
    /// Time budget in seconds for strategies that search.
    #[arg(long)]
    seconds: Option<f64>,
    /// Random seed: the same input, seed and threads give the same plan.
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads for strategies that search.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Stop on the work budget alone, ignoring the wall clock: the same plan on any
    /// machine, however loaded (the search may then overrun --seconds on a slow machine).
    #[arg(long)]
    reproducible: bool,
    /// No progress line (it is shown only when stderr is a terminal anyway).
    #[arg(long)]
    quiet: bool,
    /// What to minimise after serving every order: `couriers-first` or `distance`.
    #[arg(long)]
    objective: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Jsonl,
}

/// Which best-known table (and so which Solomon distance convention) to compare with.
#[derive(Clone, Copy, ValueEnum)]
enum Table {
    /// Distance only, arcs truncated to one decimal (DIMACS / CVRPLIB).
    Dimacs,
    /// Fewest vehicles, then distance, unrounded (SINTEF).
    Hierarchical,
}

impl From<Table> for BksColumn {
    fn from(table: Table) -> BksColumn {
        match table {
            Table::Dimacs => BksColumn::Dimacs,
            Table::Hierarchical => BksColumn::Hierarchical,
        }
    }
}

impl SolveArgs {
    /// The budget, with the scenario's settings as defaults.
    fn budget(&self, scenario: &Scenario, default_seconds: f64) -> Result<Budget> {
        let seconds = self
            .seconds
            .or(scenario.solver.seconds)
            .unwrap_or(default_seconds);
        if !(seconds.is_finite() && seconds >= 0.0) {
            bail!("--seconds must be a non-negative number, got {seconds}");
        }
        if self.threads == 0 {
            bail!("--threads must be at least 1");
        }
        let mut budget = Budget::new(
            seconds,
            self.seed.or(scenario.solver.seed).unwrap_or(1),
            self.threads,
        );
        budget.wall_clock = !self.reproducible;
        cap_threads(&mut budget);
        Ok(budget)
    }

    /// `budget` with a progress line on stderr labelled `label` (when stderr is a terminal
    /// and not `--quiet`), showing the gap to `bks` when known. The returned watch clears
    /// the line and tells whether the wall clock ended the search.
    fn with_progress(
        &self,
        mut budget: Budget,
        label: String,
        bks: Option<f64>,
    ) -> (Budget, Watch) {
        let clock = Arc::new(AtomicBool::new(false));
        let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
        let bar = (!self.quiet && !bar.is_hidden()).then_some(bar);
        let watch = Watch {
            bar: bar.clone(),
            clock: Arc::clone(&clock),
        };
        let Some(bar) = bar else {
            budget.progress = Some(Arc::new(move |p: &Progress| {
                clock.fetch_or(p.stopped_by_clock, Ordering::Relaxed);
            }));
            return (budget, watch);
        };
        bar.set_style(
            ProgressStyle::with_template("{prefix} [{bar:20}] {elapsed:>4} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(label);
        let shown = bar.clone();
        budget.progress = Some(Arc::new(move |p: &Progress| {
            clock.fetch_or(p.stopped_by_clock, Ordering::Relaxed);
            shown.set_position((p.done.clamp(0.0, 1.0) * 1000.0) as u64);
            let gap = bks
                .filter(|b| *b > 0.0)
                .map(|b| format!(", gap {:.2}%", (p.distance / b - 1.0) * 100.0))
                .unwrap_or_default();
            shown.set_message(format!(
                "best {:.1} with {} couriers, {} unassigned{gap}",
                p.distance, p.couriers, p.unassigned
            ));
        }));
        (budget, watch)
    }

    /// Applies `--objective` to the scenario.
    fn apply_objective(&self, scenario: &mut Scenario) -> Result<()> {
        if let Some(text) = &self.objective {
            scenario.solver.objective = Objective::parse(text).with_context(|| {
                format!("--objective: expected couriers-first or distance, got {text:?}")
            })?;
        }
        Ok(())
    }
}

/// What a progress line leaves behind: the bar to clear, and whether the clock stopped the
/// search.
struct Watch {
    bar: Option<ProgressBar>,
    clock: Arc<AtomicBool>,
}

impl Watch {
    /// Clears the progress line; if the wall clock ended the search, says so on stderr.
    fn finish(self, what: &str) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
        if self.clock.load(Ordering::Relaxed) {
            eprintln!(
                "note: {what}: the wall clock ended the search before its work budget, so \
                 another run may give another plan; --reproducible makes it machine-independent"
            );
        }
    }
}

fn strategy(name: &str) -> Result<Box<dyn Strategy>> {
    strategy_by_name(name).with_context(|| {
        format!(
            "unknown strategy {name:?}; expected one of: {}",
            strategy_names().join(", ")
        )
    })
}

/// Caps `--threads` at the cores available, with a note on stderr.
fn cap_threads(budget: &mut Budget) {
    if let Some(asked) = budget.cap_threads(available_cores()) {
        eprintln!(
            "note: --threads {asked} capped at the {} cores available (more threads only \
             share them)",
            budget.threads
        );
    }
}

/// The scenario and its warnings (see `LoadedScenario`).
fn load_with_warnings(dir: &Path) -> Result<LoadedScenario> {
    load_scenario_with_warnings(dir)
        .map_err(|e| anyhow::anyhow!("invalid scenario {}:\n{e}", dir.display()))
}

/// The scenario, its warnings printed on stderr.
fn load(dir: &Path) -> Result<Scenario> {
    let loaded = load_with_warnings(dir)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(loaded.scenario)
}

/// A scenario folder, or a benchmark file read in the convention of `table`.
fn load_input(input: &Path, table: Table) -> Result<Scenario> {
    if input.is_dir() {
        load(input)
    } else {
        Ok(read_benchmark(input, table.into())?)
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Plan {
            dir,
            solve,
            strategy: name,
            out,
        } => {
            // --seconds counts from here: reading and the travel matrix are part of planning.
            let started = Instant::now();
            // The output folder is checked (and its previous outputs removed) before planning.
            let out = out.unwrap_or_else(|| dir.join("out"));
            prepare_output_dir(&out).with_context(|| format!("output folder {}", out.display()))?;
            let mut scenario = load(&dir)?;
            // plan.json records the inputs' digests, and the time unless --reproducible.
            let provenance = Provenance::of_folder(&dir, !solve.reproducible)?;
            solve.apply_objective(&mut scenario)?;
            let name = name
                .or_else(|| scenario.solver.strategy.clone())
                .unwrap_or_else(|| "search".to_string());
            let strategy = strategy(&name)?;
            let mut budget = solve.budget(&scenario, 10.0)?;
            budget.started = Some(started);
            let matrix = TravelMatrix::for_scenario(&scenario, &dir)?;
            for warning in matrix.road_report().map_or(&[][..], |r| &r.warnings) {
                eprintln!("warning: {warning}");
            }
            let (budget, watch) = solve.with_progress(budget, name.clone(), None);
            let run = run_checked(&scenario, &matrix, strategy.as_ref(), &budget);
            watch.finish(&name);
            if !run.feasible() {
                for v in &run.violations {
                    eprintln!("checker: {v}");
                }
                bail!("the plan failed the feasibility check; nothing was written");
            }
            let written =
                write_outputs_with(&out, &scenario, Some(&matrix), &run.plan, Some(&provenance))
                    .with_context(|| format!("writing plans to {}", out.display()))?;
            print!("{}", summary_table(&scenario, &run.plan));
            for path in written {
                println!("wrote {}", path.display());
            }
        }
        Command::Check { dir, plan } => {
            let LoadedScenario {
                scenario, warnings, ..
            } = load_with_warnings(&dir)?;
            println!(
                "{}: valid: {} sites ({} kitchens), {} orders, {} couriers, items: {}",
                dir.display(),
                scenario.sites.len(),
                scenario.kitchens().len(),
                scenario.orders.len(),
                scenario.fleet.len(),
                scenario.items.join(", ")
            );
            for warning in &warnings {
                println!("warning: {warning}");
            }
            if let Some(plan) = plan {
                check_plan_file(&dir, &scenario, &plan)?;
            }
        }
        Command::Compare {
            input,
            solve,
            strategies,
            table,
        } => {
            let mut scenario = load_input(&input, table)?;
            solve.apply_objective(&mut scenario)?;
            let budget = solve.budget(&scenario, 10.0)?;
            let names = if strategies.is_empty() {
                strategy_names().iter().map(|s| s.to_string()).collect()
            } else {
                strategies
            };
            let chosen = names
                .iter()
                .map(|n| strategy(n))
                .collect::<Result<Vec<_>>>()?;
            let matrix = if input.is_dir() {
                TravelMatrix::for_scenario(&scenario, &input)?
            } else {
                TravelMatrix::straight_line(&scenario)
            };
            let runs: Vec<_> = chosen
                .iter()
                .map(|s| {
                    let mut budget = budget.clone();
                    budget.started = Some(Instant::now());
                    let (budget, watch) = solve.with_progress(budget, s.name().to_string(), None);
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
        }
        Command::Bench {
            dir,
            strategy: name,
            solve,
            format,
            table,
        } => {
            let strategy = strategy(&name)?;
            let column: BksColumn = table.into();
            let best_known = read_best_known(&dir, column)?;
            let files =
                benchmark_files(&dir).with_context(|| format!("reading {}", dir.display()))?;
            if files.is_empty() {
                bail!("no .txt or .vrp instance files in {}", dir.display());
            }
            if let Format::Csv = format {
                println!("{}", reliefroute::BenchRow::CSV_HEADER);
            }
            let mut gaps = Vec::new();
            let mut infeasible = 0;
            for file in &files {
                let instance = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut budget = Budget::new(
                    solve.seconds.unwrap_or(10.0).max(0.0),
                    solve.seed.unwrap_or(1),
                    solve.threads.max(1),
                );
                budget.wall_clock = !solve.reproducible;
                cap_threads(&mut budget);
                budget.started = Some(Instant::now());
                let bks = best_known.get(&instance).map(|b| b.distance);
                let (budget, watch) = solve.with_progress(budget, instance.clone(), bks);
                let row = bench_instance(file, column, &best_known, strategy.as_ref(), &budget);
                watch.finish(&instance);
                let row = row?;
                if let Some(warning) = row.beats_best_known(file) {
                    eprintln!("warning: {warning}");
                }
                match format {
                    Format::Csv => println!("{}", row.to_csv()),
                    Format::Jsonl => println!("{}", row.to_json()),
                }
                if !row.feasible {
                    infeasible += 1;
                }
                gaps.extend(row.gap_percent);
            }
            let mean = gaps.iter().sum::<f64>() / gaps.len().max(1) as f64;
            match format {
                Format::Csv => println!(
                    "# mean gap {mean:.3}% over {} instances with a best-known value; {infeasible} infeasible or incomplete",
                    gaps.len()
                ),
                Format::Jsonl => println!(
                    "{}",
                    serde_json::json!({"mean_gap_percent": mean, "instances": gaps.len(), "infeasible": infeasible})
                ),
            }
        }
        Command::Matrix { dir, out, method } => matrix_command(&dir, out, &method)?,
    }
    Ok(())
}

/// `reliefroute check DIR --plan PLAN.json`: whether the plan was made from the current
/// inputs (digests) and passes the independent checker; an error when not.
fn check_plan_file(dir: &Path, scenario: &Scenario, path: &Path) -> Result<()> {
    let file =
        read_plan_json(path, scenario).with_context(|| format!("reading {}", path.display()))?;
    let digests = input_digests(dir)?;
    let matrix = TravelMatrix::for_scenario(scenario, dir)?;
    let verdict = verify_plan(scenario, &matrix, &file, &digests);
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

/// `reliefroute matrix`: builds, times and writes the matrix, and prints what users need to
/// trust the network (kept and dropped roads, closures, snap distances, unreachable pairs).
fn matrix_command(dir: &Path, out: Option<PathBuf>, method: &str) -> Result<()> {
    let method = MatrixMethod::parse(method)
        .with_context(|| format!("--method: expected auto, dijkstra or ch, got {method:?}"))?;
    let scenario = load(dir)?;
    let started = Instant::now();
    let matrix = TravelMatrix::for_scenario_with(&scenario, dir, method)?;
    let total = started.elapsed().as_secs_f64();
    let out = out.unwrap_or_else(|| dir.join("out").join("matrix.csv"));
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    write_file_atomic(&out, matrix.to_csv(&scenario).as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    let n = scenario.sites.len();
    match matrix.road_report() {
        None => println!(
            "{}: straight-line travel ({} sites, {} profiles); scenario.toml names no road network",
            scenario.name,
            n,
            matrix.profile_count()
        ),
        Some(r) => {
            println!(
                "{}: road network of {} points and {} directed segments; closures: {} areas, {} lines",
                scenario.name, r.graph_nodes, r.graph_edges, r.closures.0, r.closures.1
            );
            for c in &r.classes {
                println!(
                    "  {:<5} kept {} nodes, {} edges (largest strongly connected part); dropped {} nodes, {} edges; closed {} edges",
                    c.class.as_str(),
                    c.nodes,
                    c.edges,
                    c.dropped_nodes,
                    c.dropped_edges,
                    c.closed_edges
                );
                let snaps: Vec<_> = r.snaps.iter().filter(|s| s.class == c.class).collect();
                let mean = snaps.iter().map(|s| s.road_m).sum::<f64>() / snaps.len().max(1) as f64;
                if let Some(worst) = snaps.iter().max_by(|a, b| a.road_m.total_cmp(&b.road_m)) {
                    println!(
                        "        snap distance: mean {mean:.1} m, max {:.1} m (site {})",
                        worst.road_m, scenario.sites[worst.site].id
                    );
                }
            }
            let closed: Vec<&str> = r
                .snaps
                .iter()
                .filter(|s| s.closed)
                .map(|s| scenario.sites[s.site].id.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if !closed.is_empty() {
                println!("  sites inside closed areas: {}", closed.join(", "));
            }
            println!(
                "  {} sites, {} profiles, {} unreachable ordered pairs; method {}",
                n,
                matrix.profile_count(),
                r.unreachable_pairs,
                r.method.map_or("auto", |m| m.as_str())
            );
            for warning in &r.warnings {
                println!("  warning: {warning}");
            }
            if r.hierarchies_built + r.hierarchies_loaded > 0 {
                println!(
                    "  contraction hierarchies: {} built, {} read from .reliefroute-cache",
                    r.hierarchies_built, r.hierarchies_loaded
                );
            }
            println!(
                "  load {:.3} s, prepare {:.3} s, shortest paths {:.3} s, total {total:.3} s",
                r.load_s, r.prepare_s, r.matrix_s
            );
        }
    }
    println!("wrote {}", out.display());
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
