//! `check DIR --plan PLAN.json`: whether a plan read back from `plan.json` was made from the
//! folder's current inputs (their recorded SHA-256 digests) and passes the independent
//! checker on them.

use crate::model::Scenario;
use crate::plan::{check_plan_within, Violation, PLAN_JSON_TOLERANCE};
use crate::travel::TravelMatrix;

use super::plan_json::PlanFile;
use super::provenance::InputDigest;

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
