//! A plan together with the independent checker's verdict and the time it took: what
//! comparisons and benchmarks report.

use std::time::Instant;

use super::{check_plan, plan, Plan, PlanSummary, Violation, WeightedService};
use crate::model::Scenario;
use crate::solver::{Budget, Strategy};
use crate::travel::TravelMatrix;

/// One strategy's plan on one input, with its totals, wall time and the checker's verdict.
#[derive(Debug, Clone)]
pub struct CheckedRun {
    /// The plan.
    pub plan: Plan,
    /// Its totals.
    pub summary: PlanSummary,
    /// Its priority-weighted service.
    pub weighted: WeightedService,
    /// Seconds the strategy took, wall clock.
    pub wall_s: f64,
    /// What the independent checker found wrong (empty when feasible).
    pub violations: Vec<Violation>,
}

impl CheckedRun {
    /// `plan`, made in `wall_s` seconds, checked independently against `scenario`.
    pub fn of(scenario: &Scenario, matrix: &TravelMatrix, plan: Plan, wall_s: f64) -> CheckedRun {
        let violations = check_plan(scenario, matrix, &plan)
            .err()
            .unwrap_or_default();
        CheckedRun {
            summary: plan.summary(scenario.orders.len()),
            weighted: plan.weighted_service(scenario),
            plan,
            wall_s,
            violations,
        }
    }

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
    CheckedRun::of(scenario, matrix, plan, started.elapsed().as_secs_f64())
}
