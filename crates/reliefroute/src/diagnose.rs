//! Why an order cannot be served: tests from the plainest cause to the subtlest.

use crate::problem::Problem;
use crate::routes::Trip;
use crate::schedule::{self, EPS};
use crate::solution::UnassignedReason;

/// Whether some vehicle could serve `job` on a trip of its own from some allowed kitchen.
pub(crate) fn servable_alone(problem: &Problem, job: usize) -> bool {
    let mut trip = [Trip {
        kitchen: 0,
        jobs: vec![job],
    }];
    (0..problem.vehicle_count()).any(|v| {
        allowed_kitchens(problem, job).any(|k| {
            trip[0].kitchen = k;
            schedule::evaluate(problem, v, &trip).is_some()
        })
    })
}

/// The kitchens a job may be loaded at.
pub(crate) fn allowed_kitchens<'p>(
    problem: &'p Problem,
    job: usize,
) -> impl Iterator<Item = usize> + 'p {
    let fixed = problem.jobs[job].kitchen;
    problem
        .kitchens
        .iter()
        .copied()
        .filter(move |&k| fixed.is_none_or(|f| f == k))
}

/// The reason `job` is unserved. `alone` tells whether it could be served on its own trip
/// (then only the fleet's other commitments kept it out).
pub(crate) fn reason(problem: &Problem, job: usize) -> UnassignedReason {
    let j = &problem.jobs[job];
    // The plainest cause: no courier, however fast, can deliver before the order is ready.
    if j.ready > j.window.end + EPS {
        return UnassignedReason::ReadyAfterWindow;
    }
    // Road travel is infinite where closures leave no path: when no vehicle can get from
    // any allowed kitchen to the stop and back, closures are the reason.
    let m = problem.matrix;
    let cut_off = (0..problem.vehicle_count()).all(|v| {
        allowed_kitchens(problem, job)
            .all(|k| !(m.time(v, k, j.site).is_finite() && m.time(v, j.site, k).is_finite()))
    });
    if cut_off && problem.vehicle_count() > 0 && allowed_kitchens(problem, job).next().is_some() {
        return UnassignedReason::UnreachableClosedArea;
    }
    if servable_alone(problem, job) {
        return UnassignedReason::FleetExhausted;
    }
    let fleet = &problem.scenario.fleet;
    let carriers: Vec<usize> = (0..fleet.len())
        .filter(|&v| fleet[v].capacity[j.item] >= j.quantity)
        .collect();
    if carriers.is_empty() {
        return UnassignedReason::NoVehicleCanCarry {
            item: problem.scenario.items[j.item].clone(),
            quantity: j.quantity,
        };
    }
    let sites = &problem.scenario.sites;
    let loading = |k: usize| {
        let start = sites[k].hours.start.max(j.ready);
        (start <= sites[k].hours.end + EPS).then_some(start + sites[k].service_min)
    };
    let usable: Vec<(usize, f64)> = allowed_kitchens(problem, job)
        .filter_map(|k| loading(k).map(|depart| (k, depart)))
        .collect();
    if usable.is_empty() {
        return UnassignedReason::KitchenUnusable;
    }
    let m = problem.matrix;
    let fastest = |k: usize| {
        carriers
            .iter()
            .map(|&v| m.time(v, k, j.site))
            .fold(f64::INFINITY, f64::min)
    };
    if j.window.start > j.window.end
        || usable
            .iter()
            .all(|&(k, depart)| depart + fastest(k) > j.window.end + EPS)
    {
        return UnassignedReason::WindowUnreachable;
    }
    if usable.iter().all(|&(k, _)| fastest(k) > j.max_ride + EPS) {
        return UnassignedReason::FreshnessUnreachable {
            max_ride_min: j.max_ride,
        };
    }
    UnassignedReason::OutOfShift
}
