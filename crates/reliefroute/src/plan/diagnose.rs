//! Why an order cannot be served, asked of the evaluation core: the order alone on a trip
//! of its own, for every courier that may carry it (has its skills; is the one it is pinned
//! to) and allowed kitchen, with the shift relaxed or not.

use crate::model::TimeWindow;
use crate::plan::UnassignedReason;
use crate::solver::eval::{assess_alone, loading, servable_alone, Duty, RouteCost, EPS};
use crate::solver::insertion::{Inserter, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

/// The order alone for each of `vehicles` and allowed kitchen, at any time of day (the shift
/// relaxed, to ask whether the shift is what rules it out): (kitchen, vehicle, cost).
fn alone_any_time<'p>(
    problem: &'p Problem,
    job: usize,
    vehicles: &'p [usize],
) -> impl Iterator<Item = (usize, usize, RouteCost)> + 'p {
    vehicles.iter().flat_map(move |&v| {
        problem.allowed_kitchens(job).map(move |k| {
            let cost = assess_alone(problem, v, k, job, TimeWindow::ALWAYS, Duty::Owed);
            (k, v, cost)
        })
    })
}

/// The reason `job` is unserved by `routes` (feasible): as [`reason`], except that an
/// optional order some courier had room for was not worth its cost. `room` prices
/// insertions into `routes`, made when first needed.
pub(crate) fn reason_in<'p, 'a>(
    problem: &'p Problem<'a>,
    routes: &Routes,
    room: &mut Option<Inserter<'p, 'a>>,
    job: usize,
) -> UnassignedReason {
    let why = reason(problem, job);
    if problem.jobs[job].priority == 0 && why == UnassignedReason::FleetExhausted {
        let inserter = room.get_or_insert_with(|| Inserter::new(problem, routes));
        let fits = (0..problem.vehicle_count()).any(|v| {
            inserter
                .best_in_vehicle(routes, v, job, Mode::Anywhere, f64::INFINITY)
                .is_some()
        });
        if fits {
            return UnassignedReason::OptionalNotWorthIt;
        }
    }
    why
}

/// The reason `job` is unserved, from the plainest cause to the subtlest.
pub(crate) fn reason(problem: &Problem, job: usize) -> UnassignedReason {
    let j = &problem.jobs[job];
    // The plainest cause: no courier, however fast, can deliver before the order is ready.
    let own_ready = problem
        .scenario
        .orders
        .get(job)
        .map_or(j.ready, |o| o.ready);
    if own_ready > j.window.end + EPS {
        return UnassignedReason::ReadyAfterWindow;
    }
    // The kitchens make its units too late for any courier (the job's ready time is their
    // output's, later than its own).
    if j.ready > own_ready + EPS && !servable_alone(problem, job) {
        return UnassignedReason::KitchenOutputExhausted;
    }
    let has_skills = |v: usize| j.skills & !problem.vehicle_skills[v] == 0;
    if let Some(c) = j.courier {
        let Some(courier) = problem.scenario.fleet.get(c) else {
            // A hand-made scenario may pin an order to a courier it does not have.
            return UnassignedReason::PinnedCourierCannot {
                courier: format!("#{c} (not in the fleet)"),
                why: Box::new(UnassignedReason::FleetExhausted),
            };
        };
        let why = if has_skills(c) {
            cause(problem, job, &[c])
        } else {
            UnassignedReason::MissingSkill {
                skills: missing_skills(problem, job, &[c]),
            }
        };
        return UnassignedReason::PinnedCourierCannot {
            courier: courier.id.clone(),
            why: Box::new(why),
        };
    }
    let skilled: Vec<usize> = (0..problem.vehicle_count())
        .filter(|&v| has_skills(v))
        .collect();
    if skilled.is_empty() && problem.vehicle_count() > 0 {
        let all: Vec<usize> = (0..problem.vehicle_count()).collect();
        return UnassignedReason::MissingSkill {
            skills: missing_skills(problem, job, &all),
        };
    }
    cause(problem, job, &skilled)
}

/// The skills `job` needs that none of `vehicles` has; if each is had by one of them, every
/// skill it needs (no one of them has them all).
fn missing_skills(problem: &Problem, job: usize, vehicles: &[usize]) -> Vec<String> {
    let need = problem.jobs[job].skills;
    let had = vehicles
        .iter()
        .fold(0u64, |m, &v| m | problem.vehicle_skills[v]);
    let bit = |i: usize| 1u64 << i.min(63);
    let names = |mask: u64| -> Vec<String> {
        (problem.skill_names.iter().enumerate())
            .filter(|(i, _)| mask & bit(*i) != 0)
            .map(|(_, name)| name.clone())
            .collect()
    };
    let missing = names(need & !had);
    if missing.is_empty() {
        names(need)
    } else {
        missing
    }
}

/// Why none of `vehicles` (which have the skills `job` needs) serves it.
fn cause(problem: &Problem, job: usize, vehicles: &[usize]) -> UnassignedReason {
    let j = &problem.jobs[job];
    let servable = vehicles.iter().any(|&v| {
        let shift = problem.scenario.fleet[v].shift;
        problem
            .allowed_kitchens(job)
            .any(|k| assess_alone(problem, v, k, job, shift, Duty::Owed).feasible())
    });
    if servable {
        return UnassignedReason::FleetExhausted;
    }
    // Road travel is infinite where closures leave no path: when no vehicle can get from
    // any allowed kitchen to the stop and back, closures are the reason.
    let m = problem.matrix;
    let cut_off = vehicles.iter().all(|&v| {
        problem
            .allowed_kitchens(job)
            .all(|k| !(m.time(v, k, j.site).is_finite() && m.time(v, j.site, k).is_finite()))
    });
    if cut_off && !vehicles.is_empty() && problem.allowed_kitchens(job).next().is_some() {
        return UnassignedReason::UnreachableClosedArea;
    }
    let carried: Vec<(usize, usize, RouteCost)> = alone_any_time(problem, job, vehicles)
        .filter(|(_, _, cost)| cost.load_excess <= 0.0)
        .collect();
    if carried.is_empty() {
        return UnassignedReason::NoVehicleCanCarry {
            item: problem.scenario.items[j.item].clone(),
            quantity: j.quantity,
        };
    }
    let usable: Vec<&(usize, usize, RouteCost)> = carried
        .iter()
        .filter(|(k, _, _)| loading(problem, *k, j.ready).warp <= EPS)
        .collect();
    if usable.is_empty() {
        return UnassignedReason::KitchenUnusable;
    }
    if usable.iter().any(|(_, _, cost)| cost.feasible()) {
        return UnassignedReason::OutOfShift;
    }
    let off_duty = |&&(k, v, _): &&(usize, usize, RouteCost)| {
        assess_alone(problem, v, k, job, TimeWindow::ALWAYS, Duty::Relaxed).feasible()
    };
    if usable.iter().any(off_duty) {
        return UnassignedReason::WorkingTime;
    }
    let usable: Vec<&RouteCost> = usable.iter().map(|(_, _, cost)| cost).collect();
    if usable.iter().all(|cost| cost.warp > EPS) {
        return UnassignedReason::WindowUnreachable;
    }
    UnassignedReason::FreshnessUnreachable {
        max_ride_min: j.max_ride,
    }
}
