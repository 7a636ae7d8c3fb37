//! Benchmark rows: one checked run per instance, its gap to the best-known value, and the
//! mean over a folder.

use std::collections::BTreeMap;
use std::path::Path;

use reliefroute::{run_checked, Budget, Objective, Strategy, TravelMatrix};

use crate::read::{read_benchmark, BenchmarkError, BestKnown, BksColumn};
use crate::solution::Solution;

/// One line of a benchmark run: an instance solved by a strategy, against its best-known.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchRow {
    /// Instance name (file stem).
    pub instance: String,
    /// Strategy name.
    pub strategy: String,
    /// The objective the instance was solved for (the reader's, or the one asked for).
    pub objective: Objective,
    /// The time budget in seconds.
    pub seconds: f64,
    /// Vehicles (couriers) used.
    pub vehicles: usize,
    /// Total distance in the instance's rounding convention.
    pub distance: f64,
    /// Best-known distance, if the table has the instance.
    pub bks: Option<f64>,
    /// `100 * (distance - bks) / bks`, when there is a best-known value and all orders are
    /// served.
    pub gap_percent: Option<f64>,
    /// Whether the checker accepted the plan and every order is served.
    pub feasible: bool,
    /// Wall seconds the strategy took.
    pub wall_s: f64,
    /// Orders left unassigned.
    pub unassigned: usize,
}

impl BenchRow {
    /// The CSV header matching [`BenchRow::to_csv`].
    pub const CSV_HEADER: &'static str =
        "instance,strategy,seconds,vehicles,distance,bks,gap_percent,feasible,wall_s,unassigned";

    /// The row as CSV, in the columns of [`BenchRow::CSV_HEADER`] (the objective is left
    /// out, so that the columns stay those of earlier result files; see
    /// [`BenchRow::to_json`]).
    pub fn to_csv(&self) -> String {
        // A value that rounds to zero prints as 0, never -0.000 (a tie with the best-known
        // value up to floating-point noise).
        let opt = |x: Option<f64>, digits: usize| {
            x.map_or(String::new(), |v| {
                let text = format!("{v:.digits$}");
                match text.strip_prefix('-') {
                    Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
                    _ => text,
                }
            })
        };
        format!(
            "{},{},{},{},{:.2},{},{},{},{:.3},{}",
            self.instance,
            self.strategy,
            self.seconds,
            self.vehicles,
            self.distance,
            opt(self.bks, 2),
            opt(self.gap_percent, 3),
            self.feasible,
            self.wall_s,
            self.unassigned
        )
    }

    /// The row as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "instance": self.instance,
            "strategy": self.strategy,
            "objective": self.objective.as_str(),
            "seconds": self.seconds,
            "vehicles": self.vehicles,
            "distance": self.distance,
            "bks": self.bks,
            "gap_percent": self.gap_percent,
            "feasible": self.feasible,
            "wall_s": self.wall_s,
            "unassigned": self.unassigned,
        })
        .to_string()
    }
}

/// How far below a best-known value (in percent) a result may be before it is suspect: more
/// than rounding. A gap of -92.98% on a Solomon file cut at a line boundary was reported as
/// feasible; a real improvement of a best-known value is rare enough to be checked.
pub const BKS_TOLERANCE_PERCENT: f64 = 0.01;

impl BenchRow {
    /// A warning when the result beats the best-known value by more than
    /// [`BKS_TOLERANCE_PERCENT`], naming the instance and `file`: most likely the file is
    /// truncated or is not the instance the table means.
    pub fn beats_best_known(&self, file: &Path) -> Option<String> {
        let gap = self.gap_percent?;
        (gap < -BKS_TOLERANCE_PERCENT).then(|| {
            format!(
                "{}: the result is {:.3}% better than the best-known value {} (more than the \
                 {BKS_TOLERANCE_PERCENT}% rounding tolerance); check that {} is complete and is \
                 the instance bks.csv means",
                self.instance,
                -gap,
                self.bks.map_or_else(String::new, |b| format!("{b:.2}")),
                file.display()
            )
        })
    }
}

/// One benchmark run: its row and the solution found, in VRPLIB terms.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchRun {
    /// The row.
    pub row: BenchRow,
    /// The plan's routes and distance, to be written as a `.sol` file.
    pub solution: Solution,
}

/// Solves one benchmark file with `strategy` and compares it with `best_known`: the row of
/// [`bench_run`].
pub fn bench_instance(
    path: &Path,
    column: BksColumn,
    best_known: &BTreeMap<String, BestKnown>,
    strategy: &dyn Strategy,
    budget: &Budget,
    objective: Option<Objective>,
) -> Result<BenchRow, BenchmarkError> {
    bench_run(path, column, best_known, strategy, budget, objective).map(|run| run.row)
}

/// Solves one benchmark file with `strategy`, checks the plan and compares it with
/// `best_known`.
///
/// The instance is read in the convention of `column` (see [`read_benchmark`]); `objective`,
/// when given, replaces the objective the reader chose (the gap is still measured on
/// distance, against the table of `column`).
pub fn bench_run(
    path: &Path,
    column: BksColumn,
    best_known: &BTreeMap<String, BestKnown>,
    strategy: &dyn Strategy,
    budget: &Budget,
    objective: Option<Objective>,
) -> Result<BenchRun, BenchmarkError> {
    let mut scenario = read_benchmark(path, column)?;
    if let Some(objective) = objective {
        scenario.solver.objective = objective;
    }
    let matrix = TravelMatrix::straight_line(&scenario);
    let run = run_checked(&scenario, &matrix, strategy, budget);
    let instance = instance_name(path);
    let bks = best_known.get(&instance).map(|b| b.distance);
    let complete = run.plan.unassigned.is_empty();
    let distance = run.summary.distance_km;
    let row = BenchRow {
        gap_percent: bks.filter(|_| complete).map(|b| 100.0 * (distance - b) / b),
        instance,
        strategy: strategy.name().to_string(),
        objective: scenario.solver.objective,
        seconds: budget.seconds,
        vehicles: run.summary.couriers_used,
        distance,
        bks,
        feasible: run.feasible() && complete,
        wall_s: run.wall_s,
        unassigned: run.plan.unassigned.len(),
    };
    Ok(BenchRun {
        row,
        solution: Solution::from_plan(&scenario, &run.plan),
    })
}

/// The instance name of a benchmark file: its file stem (`C101`, `X-n101-k25`), the key of
/// its row in `bks.csv`.
pub fn instance_name(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// The totals of a benchmark run: the mean gap over the rows with a gap, and how many rows
/// were infeasible or incomplete.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BenchSummary {
    gap_sum: f64,
    /// Rows with a gap (a best-known value and every order served).
    pub instances: usize,
    /// Rows the checker rejected or that left orders unassigned.
    pub infeasible: usize,
}

impl BenchSummary {
    /// Counts one row.
    pub fn add(&mut self, row: &BenchRow) {
        if let Some(gap) = row.gap_percent {
            self.gap_sum += gap;
            self.instances += 1;
        }
        if !row.feasible {
            self.infeasible += 1;
        }
    }

    /// The mean gap in percent over the rows with a gap (0 when there are none).
    pub fn mean_gap_percent(&self) -> f64 {
        self.gap_sum / self.instances.max(1) as f64
    }

    /// The summary as the comment line that ends the CSV output.
    pub fn to_csv_comment(&self) -> String {
        format!(
            "# mean gap {:.3}% over {} instances with a best-known value; {} infeasible or incomplete",
            self.mean_gap_percent(),
            self.instances,
            self.infeasible
        )
    }

    /// The summary as one JSON object (`mean_gap_percent`, `instances`, `infeasible`).
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "mean_gap_percent": self.mean_gap_percent(),
            "instances": self.instances,
            "infeasible": self.infeasible,
        })
        .to_string()
    }
}

/// The benchmark files of a folder (`.txt` Solomon, `.vrp` VRPLIB), sorted by name.
pub fn benchmark_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt") | Some("vrp")
            ) && p.file_name().is_some_and(|n| n != "README.txt")
        })
        .collect();
    files.sort();
    Ok(files)
}
