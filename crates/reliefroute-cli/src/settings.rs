//! Flags resolved once: what clap parsed, validated and turned into typed settings.
//!
//! Every default lives here or in the library: the budget and seed default to
//! [`Budget::default`], the strategy to [`DEFAULT_STRATEGY`]. A scenario's `scenario.toml`
//! sits between the two: flags override it, and it overrides the defaults.

use anyhow::{bail, Context, Result};
use reliefroute::{strategy_by_name, strategy_names, Budget, Objective, SolverSettings, Strategy};

use crate::SolveArgs;

/// The strategy used when neither `--strategy` nor `scenario.toml` names one.
pub const DEFAULT_STRATEGY: &str = "search";

/// The most worker threads `--threads` accepts. More threads than cores only slow each
/// chain down (the plan depends on the thread count, not on the cores), so values up to this
/// are run as asked, with a note; above it the value is taken for a typing mistake.
pub const MAX_THREADS: usize = 256;

/// The solving flags (`--seconds`, `--seed`, `--threads`, `--reproducible`, `--quiet`,
/// `--objective`), validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveSettings {
    /// `--seconds`: finite and above 0 when given.
    seconds: Option<f64>,
    /// `--seed`.
    seed: Option<u64>,
    /// `--threads`: between 1 and [`MAX_THREADS`].
    pub threads: usize,
    /// Whether the wall clock stops the search (not `--reproducible`).
    pub wall_clock: bool,
    /// `--quiet`: no progress line.
    pub quiet: bool,
    /// `--objective`, replacing the scenario's.
    pub objective: Option<Objective>,
}

impl TryFrom<&SolveArgs> for SolveSettings {
    type Error = anyhow::Error;

    fn try_from(args: &SolveArgs) -> Result<SolveSettings> {
        if let Some(seconds) = args.seconds {
            if !(seconds.is_finite() && seconds > 0.0) {
                bail!("--seconds must be a finite number of seconds above 0, got {seconds}");
            }
        }
        let threads = args.threads.unwrap_or(Budget::default().threads);
        if !(1..=MAX_THREADS).contains(&threads) {
            bail!(
                "--threads must be between 1 and {MAX_THREADS}, got {threads} (more threads than \
                 cores are run as asked, since the plan depends on the thread count; above \
                 {MAX_THREADS} is taken for a mistake)"
            );
        }
        Ok(SolveSettings {
            seconds: args.seconds,
            seed: args.seed,
            threads,
            wall_clock: !args.reproducible,
            quiet: args.quiet,
            objective: args.objective.map(Objective::from),
        })
    }
}

impl SolveSettings {
    /// Validates `args`, and says on stderr when `--threads` exceeds the cores.
    pub fn resolve(args: &SolveArgs) -> Result<SolveSettings> {
        let settings = SolveSettings::try_from(args)?;
        if let Some(note) = settings.cores_note(std::thread::available_parallelism().ok()) {
            eprintln!("note: {note}");
        }
        Ok(settings)
    }

    /// A note when more threads are asked for than there are `cores`.
    fn cores_note(&self, cores: Option<std::num::NonZeroUsize>) -> Option<String> {
        let cores = cores?.get();
        (self.threads > cores).then(|| {
            format!(
                "--threads {} on {cores} core(s): the plan is the one of {} threads, but each \
                 chain runs slower (with the wall clock on, the search may stop earlier)",
                self.threads, self.threads
            )
        })
    }

    /// Applies `--objective` to the solver settings of a scenario.
    pub fn apply_objective(&self, solver: &mut SolverSettings) {
        if let Some(objective) = self.objective {
            solver.objective = objective;
        }
    }

    /// The budget: flags first, then `solver` (a scenario's `scenario.toml`), then
    /// [`Budget::default`]. The wall clock counts from when the budget is made.
    pub fn budget(&self, solver: &SolverSettings) -> Budget {
        let default = Budget::default();
        let mut budget = Budget::new(
            self.seconds.or(solver.seconds).unwrap_or(default.seconds),
            self.seed.or(solver.seed).unwrap_or(default.seed),
            self.threads,
        );
        budget.wall_clock = self.wall_clock;
        budget
    }
}

/// The built-in strategy called `name`, or an error listing the valid names.
pub fn strategy(name: &str) -> Result<Box<dyn Strategy>> {
    strategy_by_name(name).with_context(|| {
        format!(
            "unknown strategy {name:?}; expected one of: {}",
            strategy_names().join(", ")
        )
    })
}

/// The strategy `--strategy` names, else the scenario's, else [`DEFAULT_STRATEGY`]: its
/// name and the strategy.
pub fn chosen_strategy(
    flag: Option<String>,
    solver: &SolverSettings,
) -> Result<(String, Box<dyn Strategy>)> {
    let name = flag
        .or_else(|| solver.strategy.clone())
        .unwrap_or_else(|| DEFAULT_STRATEGY.to_string());
    let chosen = strategy(&name)?;
    Ok((name, chosen))
}

/// `--move-cost`: km of distance one order given to another courier must save, at least 0
/// (or inf); the library's default when not given.
pub fn move_cost(flag: Option<f64>) -> Result<f64> {
    let km = flag.unwrap_or(reliefroute::DEFAULT_MOVE_COST_KM);
    if km.is_nan() || km < 0.0 {
        bail!("--move-cost must be a number of km, at least 0 (or inf)");
    }
    Ok(km)
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use super::*;

    fn args(seconds: Option<f64>, threads: Option<usize>) -> SolveArgs {
        SolveArgs {
            seconds,
            seed: None,
            threads,
            reproducible: false,
            quiet: false,
            objective: None,
        }
    }

    fn error(args: &SolveArgs) -> String {
        SolveSettings::try_from(args).unwrap_err().to_string()
    }

    #[test]
    fn seconds_must_be_finite_and_positive() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(error(&args(Some(bad), None)).contains("--seconds"), "{bad}");
        }
        assert!(SolveSettings::try_from(&args(Some(0.01), None)).is_ok());
    }

    #[test]
    fn threads_must_be_in_range() {
        assert!(error(&args(None, Some(0))).contains("--threads"));
        assert!(error(&args(None, Some(MAX_THREADS + 1))).contains("--threads"));
        let settings = SolveSettings::try_from(&args(None, Some(MAX_THREADS))).unwrap();
        assert_eq!(settings.threads, MAX_THREADS);
        let two = NonZeroUsize::new(2);
        assert!(settings.cores_note(two).is_some());
        let one = SolveSettings::try_from(&args(None, None)).unwrap();
        assert_eq!(one.threads, 1);
        assert!(one.cores_note(two).is_none());
    }

    #[test]
    fn flags_then_scenario_then_library_defaults() {
        let from_scenario = SolverSettings {
            seconds: Some(3.0),
            seed: Some(9),
            ..SolverSettings::default()
        };
        let none = SolveSettings::try_from(&args(None, None)).unwrap();
        let default = Budget::default();
        let budget = none.budget(&SolverSettings::default());
        assert_eq!(
            (budget.seconds, budget.seed),
            (default.seconds, default.seed)
        );
        let budget = none.budget(&from_scenario);
        assert_eq!((budget.seconds, budget.seed), (3.0, 9));
        let flags = SolveSettings::try_from(&args(Some(0.5), Some(2))).unwrap();
        let budget = flags.budget(&from_scenario);
        assert_eq!((budget.seconds, budget.seed, budget.threads), (0.5, 9, 2));
        assert!(budget.wall_clock);
    }
}
