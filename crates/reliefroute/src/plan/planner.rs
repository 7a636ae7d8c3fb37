//! The main path: a scenario, a travel matrix and a strategy in, a valid timed plan out.

use super::diagnose;
use super::timing::timed_route;
use super::{Plan, Unassigned};
use crate::model::Scenario;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::{Budget, Strategy};
use crate::travel::TravelMatrix;

/// Plans `scenario` with `strategy`, minimising the scenario's objective.
///
/// Whatever the strategy returns, the plan holds only feasible routes and lists every order
/// exactly once: served, or unassigned with its reason.
pub fn plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    strategy: &dyn Strategy,
    budget: &Budget,
) -> Plan {
    let problem = Problem::new(scenario, matrix, scenario.solver.objective);
    let routes = strategy.solve(&problem, budget);
    to_plan(&problem, routes, strategy.name(), budget.seed)
}

/// Times the routes, drops what is infeasible or duplicated, and explains what is left out.
pub(crate) fn to_plan(problem: &Problem, mut routes: Routes, strategy: &str, seed: u64) -> Plan {
    let n = problem.job_count();
    let mut placed = vec![false; n];
    let mut plan_routes = Vec::new();
    for (v, trips) in routes.trips.iter_mut().enumerate() {
        for trip in trips.iter_mut() {
            trip.jobs
                .retain(|&j| j < n && !std::mem::replace(&mut placed[j], true));
        }
        trips.retain(|t| !t.jobs.is_empty());
        match timed_route(problem, v, trips) {
            Some(route) => plan_routes.push(route),
            None => {
                for j in trips.iter().flat_map(|t| &t.jobs) {
                    placed[*j] = false;
                }
                trips.clear();
            }
        }
    }
    routes.unassigned = (0..n).filter(|&j| !placed[j]).collect();
    let mut room = None;
    let unassigned = (routes.unassigned.iter())
        .map(|&j| Unassigned {
            order: j,
            reason: diagnose::reason_in(problem, &routes, &mut room, j),
        })
        .collect();
    Plan {
        strategy: strategy.to_string(),
        seed,
        routes: plan_routes,
        unassigned,
    }
}
