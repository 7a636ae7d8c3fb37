//! `reliefroute`: plan, check, compare and benchmark relief delivery routes from the shell.
//!
//! This binary only parses arguments, calls the `reliefroute` library (and
//! `reliefroute-bench` for benchmark files) and prints. The flags are declared here; they are
//! validated once into typed settings in [`settings`], and each command lives in its own file
//! under [`commands`].

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use reliefroute::{MatrixMethod, Objective};
use reliefroute_bench::BksColumn;

mod commands;
mod progress;
mod settings;

use settings::DEFAULT_STRATEGY;

/// Plans batched delivery routes for relief work: kitchens, orders, couriers.
///
/// A scenario is a folder of CSV files (sites.csv, orders.csv, fleet.csv, an optional
/// supply.csv and an optional scenario.toml); see the README for the columns.
#[derive(Parser)]
#[command(name = "reliefroute", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Plan a scenario folder and write plan.json, routes.csv, plan.geojson and report.html.
    Plan(PlanArgs),
    /// Re-plan a day under way: keep what is done and the trips that have left their
    /// kitchen, plan the rest again from where each courier is, changing as little as it
    /// must; writes the usual outputs plus changes.json and changes.csv.
    Replan(ReplanArgs),
    /// Validate a scenario folder without planning; lists every problem found.
    Check(CheckArgs),
    /// Run several strategies on one scenario folder or benchmark file, side by side.
    Compare(CompareArgs),
    /// Run one strategy on every instance of a benchmark folder and report gaps to the
    /// best-known values in its bks.csv.
    Bench(BenchArgs),
    /// Build the travel matrix of a scenario folder (over its road network, if scenario.toml
    /// names one) and write it as CSV, with snapping and timing statistics.
    Matrix(MatrixArgs),
}

/// `reliefroute plan`.
#[derive(clap::Args)]
struct PlanArgs {
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
    /// A previous round's plan.json: each site keeps that round's courier where it can
    /// (a preference; a `courier` pin stays hard).
    #[arg(long, value_name = "ROUND.json")]
    previous: Option<PathBuf>,
    /// With --previous: km of distance one order given to another courier must save
    /// [default: 10].
    #[arg(long, value_name = "KM", requires = "previous")]
    move_cost: Option<f64>,
}

/// `reliefroute replan`.
#[derive(clap::Args)]
struct ReplanArgs {
    /// The scenario folder as it is now (orders added or cancelled, fleet changed,
    /// closures added).
    dir: PathBuf,
    /// The plan being carried out (its plan.json).
    #[arg(long, value_name = "PLAN.json")]
    from: PathBuf,
    /// The time of day to re-plan from, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    at: String,
    /// What really happened (order,status,at; status delivered, failed or on_board).
    #[arg(long, value_name = "FILE")]
    progress: Option<PathBuf>,
    /// Km of distance one order moved to another courier must save [default: 10].
    #[arg(long, value_name = "KM")]
    move_cost: Option<f64>,
    #[command(flatten)]
    solve: SolveArgs,
    /// Strategy name (default: the scenario's, else search).
    #[arg(long)]
    strategy: Option<String>,
    /// Output folder (default: DIR/replan).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The scenario folder.
    dir: PathBuf,
    /// Also say whether this plan.json was made from the folder's current inputs and
    /// passes the independent checker.
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
}

/// `reliefroute compare`.
#[derive(clap::Args)]
struct CompareArgs {
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
    /// Also write the comparison as a self-contained HTML page with bar charts.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

/// `reliefroute bench`.
#[derive(clap::Args)]
struct BenchArgs {
    /// A folder of Solomon `.txt` or VRPLIB `.vrp` files with a bks.csv.
    dir: PathBuf,
    /// Strategy to run.
    #[arg(long, default_value = DEFAULT_STRATEGY)]
    strategy: String,
    #[command(flatten)]
    solve: SolveArgs,
    /// Output format of the rows.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Best-known table and distance convention for Solomon files.
    #[arg(long, value_enum, default_value_t = Table::Dimacs)]
    table: Table,
    /// Write each complete solution to DIR/<instance>.sol in VRPLIB format.
    #[arg(long, value_name = "DIR")]
    solutions: Option<PathBuf>,
}

/// `reliefroute matrix`.
#[derive(clap::Args)]
struct MatrixArgs {
    /// The scenario folder.
    dir: PathBuf,
    /// Where to write the CSV (default: DIR/out/matrix.csv).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Shortest-path method.
    #[arg(long, value_enum, default_value_t = Method::Auto)]
    method: Method,
}

/// Options shared by every command that solves (validated into
/// [`settings::SolveSettings`]).
#[derive(clap::Args, Debug)]
struct SolveArgs {
    /// Time budget in seconds for strategies that search, above 0 [default: scenario.toml's,
    /// else the library's `Budget::default()`].
    #[arg(long, allow_negative_numbers = true)]
    seconds: Option<f64>,
    /// Random seed: the same input, seed and threads give the same plan [default:
    /// scenario.toml's, else the library's `Budget::default()`].
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads for strategies that search, at least 1 [default: the library's
    /// `Budget::default()`].
    #[arg(long)]
    threads: Option<usize>,
    /// Stop on the work budget alone, ignoring the wall clock: the same plan on any
    /// machine, however loaded (the search may then overrun --seconds on a slow machine).
    #[arg(long)]
    reproducible: bool,
    /// No progress line (it is shown only when stderr is a terminal anyway).
    #[arg(long)]
    quiet: bool,
    /// What to minimise after serving every order [default: scenario.toml's, else
    /// couriers-first; benchmark files: their table's].
    #[arg(long, value_enum)]
    objective: Option<ObjectiveArg>,
}

/// `--objective`: what to minimise once every order that can be is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ObjectiveArg {
    /// Fewest couriers, then fewest trips, then least distance.
    #[value(alias = "couriers_first", alias = "vehicles-first")]
    CouriersFirst,
    /// Least total distance, with any number of couriers.
    Distance,
    /// Fair shares: the shortest longest working day, then least distance.
    Balanced,
}

impl From<ObjectiveArg> for Objective {
    fn from(objective: ObjectiveArg) -> Objective {
        match objective {
            ObjectiveArg::CouriersFirst => Objective::CouriersFirst,
            ObjectiveArg::Distance => Objective::Distance,
            ObjectiveArg::Balanced => Objective::Balanced,
        }
    }
}

/// `--method`: how `matrix` computes shortest paths.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Method {
    /// Contraction hierarchies for large matrices, Dijkstra otherwise.
    Auto,
    /// One Dijkstra search per source site.
    Dijkstra,
    /// Contraction hierarchies.
    Ch,
}

impl From<Method> for MatrixMethod {
    fn from(method: Method) -> MatrixMethod {
        match method {
            Method::Auto => MatrixMethod::Auto,
            Method::Dijkstra => MatrixMethod::Dijkstra,
            Method::Ch => MatrixMethod::ContractionHierarchy,
        }
    }
}

/// `--format` of `bench`.
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

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Plan(args) => commands::plan::run(args),
        Command::Replan(args) => commands::replan::run(args),
        Command::Check(args) => commands::check::run(&args.dir, args.plan.as_deref()),
        Command::Compare(args) => commands::compare::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Matrix(args) => commands::matrix::run(&args.dir, args.out, args.method.into()),
    }
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
