//! Running strategies side by side: checked runs, the comparison table and benchmark rows.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::io::{read_benchmark, BenchmarkError, BestKnown, BksColumn, InputDigest, PlanFile};
use crate::model::Scenario;
use crate::network::TravelMatrix;
use crate::planner::plan;
use crate::solution::{
    check_plan, check_plan_within, Plan, PlanSummary, Violation, PLAN_JSON_TOLERANCE,
};
use crate::strategy::{Budget, Strategy};

/// One strategy's plan on one input, with its totals, wall time and the checker's verdict.
#[derive(Debug, Clone)]
pub struct CheckedRun {
    /// The plan.
    pub plan: Plan,
    /// Its totals.
    pub summary: PlanSummary,
    /// Seconds the strategy took, wall clock.
    pub wall_s: f64,
    /// What the independent checker found wrong (empty when feasible).
    pub violations: Vec<Violation>,
}

impl CheckedRun {
    /// Whether the checker accepted the plan.
    pub fn feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Plans with `strategy` and checks the plan independently.
pub fn run_checked(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    strategy: &dyn Strategy,
    budget: &Budget,
) -> CheckedRun {
    let started = Instant::now();
    let plan = plan(scenario, matrix, strategy, budget);
    let wall_s = started.elapsed().as_secs_f64();
    let violations = check_plan(scenario, matrix, &plan)
        .err()
        .unwrap_or_default();
    CheckedRun {
        summary: plan.summary(scenario.orders.len()),
        plan,
        wall_s,
        violations,
    }
}

/// A table of runs, one row per strategy: served, couriers, trips, distance, duration,
/// wall time and feasibility.
pub fn comparison_table(runs: &[CheckedRun]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>6} {:>12} {:>12} {:>8} {:>9}",
        "strategy", "served", "couriers", "trips", "distance", "duration", "wall_s", "feasible"
    );
    for run in runs {
        let s = &run.summary;
        let _ = writeln!(
            out,
            "{:<10} {:>9} {:>9} {:>6} {:>12.1} {:>12.1} {:>8.2} {:>9}",
            run.plan.strategy,
            format!("{}/{}", s.served, s.orders),
            s.couriers_used,
            s.trips,
            s.distance_km,
            s.duration_min,
            run.wall_s,
            if run.feasible() { "yes" } else { "NO" }
        );
    }
    out
}

/// One line of a benchmark run: an instance solved by a strategy, against its best-known.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchRow {
    /// Instance name (file stem).
    pub instance: String,
    /// Strategy name.
    pub strategy: String,
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

    /// The row as CSV.
    pub fn to_csv(&self) -> String {
        let opt =
            |x: Option<f64>, digits: usize| x.map_or(String::new(), |v| format!("{v:.digits$}"));
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

/// Whether a plan file matches the current inputs of its scenario folder and passes the
/// independent checker: what `reliefroute check DIR --plan PLAN.json` reports.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PlanVerdict {
    /// Whether the plan records input digests at all (plans written before they were
    /// recorded, or by other tools, do not).
    pub has_digests: bool,
    /// Each input file that differs from the one the plan was made from, in words
    /// (`orders.csv: changed since the plan was made`).
    pub changed_inputs: Vec<String>,
    /// What the checker found wrong with the plan on the current inputs (empty: feasible).
    pub violations: Vec<Violation>,
}

impl PlanVerdict {
    /// Whether the plan was made from exactly these inputs and passes the checker.
    pub fn ok(&self) -> bool {
        self.has_digests && self.changed_inputs.is_empty() && self.violations.is_empty()
    }
}

/// Compares a plan read back from `plan.json` with the current inputs (`digests`, see
/// [`crate::input_digests`]) and checks it with [`check_plan_within`] on `scenario` and
/// `matrix`, with the [`PLAN_JSON_TOLERANCE`] of the file's 3-decimal rounding.
pub fn verify_plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    file: &PlanFile,
    digests: &[InputDigest],
) -> PlanVerdict {
    let mut changed_inputs = Vec::new();
    let recorded = file.provenance.as_ref().map(|p| &p.inputs);
    if let Some(recorded) = recorded {
        for now in digests {
            match recorded.iter().find(|r| r.file == now.file) {
                None => changed_inputs.push(format!(
                    "{}: is an input now but the plan records no digest for it",
                    now.file
                )),
                Some(r) if r.sha256 != now.sha256 => changed_inputs.push(format!(
                    "{}: changed since the plan was made (sha256 {} then, {} now)",
                    now.file, r.sha256, now.sha256
                )),
                Some(_) => {}
            }
        }
        for r in recorded {
            if !digests.iter().any(|d| d.file == r.file) {
                changed_inputs.push(format!(
                    "{}: was an input of the plan but is not one now",
                    r.file
                ));
            }
        }
    }
    PlanVerdict {
        has_digests: recorded.is_some(),
        changed_inputs,
        violations: check_plan_within(scenario, matrix, &file.plan, PLAN_JSON_TOLERANCE)
            .err()
            .unwrap_or_default(),
    }
}

/// Solves one benchmark file with `strategy` and compares it with `best_known`.
pub fn bench_instance(
    path: &Path,
    column: BksColumn,
    best_known: &BTreeMap<String, BestKnown>,
    strategy: &dyn Strategy,
    budget: &Budget,
) -> Result<BenchRow, BenchmarkError> {
    let scenario = read_benchmark(path, column)?;
    let matrix = TravelMatrix::straight_line(&scenario);
    let run = run_checked(&scenario, &matrix, strategy, budget);
    let instance = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let bks = best_known.get(&instance).map(|b| b.distance);
    let complete = run.plan.unassigned.is_empty();
    let distance = run.summary.distance_km;
    Ok(BenchRow {
        gap_percent: bks.filter(|_| complete).map(|b| 100.0 * (distance - b) / b),
        instance,
        strategy: strategy.name().to_string(),
        seconds: budget.seconds,
        vehicles: run.summary.couriers_used,
        distance,
        bks,
        feasible: run.feasible() && complete,
        wall_s: run.wall_s,
        unassigned: run.plan.unassigned.len(),
    })
}

/// The benchmark files of a folder (`.txt` Solomon, `.vrp` CVRPLIB), sorted by name.
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
