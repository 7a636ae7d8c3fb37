//! Why an order cannot be served, asked of the evaluation core: the order alone on a trip
//! of its own, for every courier and allowed kitchen, with the shift relaxed or not.

use crate::model::TimeWindow;
use crate::plan::UnassignedReason;
use crate::solver::eval::{assess_alone, loading, servable_alone, RouteCost, EPS};
use crate::solver::problem::Problem;

/// The order alone for each courier and allowed kitchen, at any time of day (the shift
/// relaxed, to ask whether the shift is what rules it out; [`servable_alone`] asks within it).
fn alone_any_time<'p>(
    problem: &'p Problem,
    job: usize,
) -> impl Iterator<Item = (usize, RouteCost)> + 'p {
    (0..problem.vehicle_count()).flat_map(move |v| {
        problem
            .allowed_kitchens(job)
            .map(move |k| (k, assess_alone(problem, v, k, job, TimeWindow::ALWAYS)))
    })
}

/// The reason `job` is unserved, from the plainest cause to the subtlest.
pub(crate) fn reason(problem: &Problem, job: usize) -> UnassignedReason {
    let j = &problem.jobs[job];
    // The plainest cause: no courier, however fast, can deliver before the order is ready.
    if j.ready > j.window.end + EPS {
        return UnassignedReason::ReadyAfterWindow;
    }
    if servable_alone(problem, job) {
        return UnassignedReason::FleetExhausted;
    }
    // Road travel is infinite where closures leave no path: when no vehicle can get from
    // any allowed kitchen to the stop and back, closures are the reason.
    let m = problem.matrix;
    let cut_off = (0..problem.vehicle_count()).all(|v| {
        problem
            .allowed_kitchens(job)
            .all(|k| !(m.time(v, k, j.site).is_finite() && m.time(v, j.site, k).is_finite()))
    });
    if cut_off && problem.vehicle_count() > 0 && problem.allowed_kitchens(job).next().is_some() {
        return UnassignedReason::UnreachableClosedArea;
    }
    let carried: Vec<(usize, RouteCost)> = alone_any_time(problem, job)
        .filter(|(_, cost)| cost.load_excess <= 0.0)
        .collect();
    if carried.is_empty() {
        return UnassignedReason::NoVehicleCanCarry {
            item: problem.scenario.items[j.item].clone(),
            quantity: j.quantity,
        };
    }
    let usable: Vec<&RouteCost> = carried
        .iter()
        .filter(|(k, _)| loading(problem, *k, j.ready).warp <= EPS)
        .map(|(_, cost)| cost)
        .collect();
    if usable.is_empty() {
        return UnassignedReason::KitchenUnusable;
    }
    if usable.iter().any(|cost| cost.feasible()) {
        return UnassignedReason::OutOfShift;
    }
    if usable.iter().all(|cost| cost.warp > EPS) {
        return UnassignedReason::WindowUnreachable;
    }
    UnassignedReason::FreshnessUnreachable {
        max_ride_min: j.max_ride,
    }
}
