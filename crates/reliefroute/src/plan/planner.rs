//! The main path: a scenario, a travel matrix and a strategy in, a valid timed plan out.

use super::diagnose;
use super::timing::timed_route;
use super::{Plan, Unassigned, UnassignedReason};
use crate::model::Scenario;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::supply;
use crate::solver::windows;
use crate::solver::{Budget, Strategy};
use crate::travel::TravelMatrix;

/// Plans `scenario` with `strategy`, minimising the scenario's objective.
///
/// Whatever the strategy returns, the plan holds only feasible routes and lists every order
/// exactly once: served, or unassigned with its reason. Routes that load more than the
/// kitchens have made (`supply.csv`) wait at the kitchen or give up orders first.
pub fn plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    strategy: &dyn Strategy,
    budget: &Budget,
) -> Plan {
    let problem = Problem::new(scenario, matrix, scenario.solver.objective);
    solve(problem, strategy, budget)
}

/// Runs `strategy` on `problem` (a scenario's, or a re-plan's with its own starts) and keeps
/// the kitchens' output (see [`plan`]).
pub(crate) fn solve(mut problem: Problem, strategy: &dyn Strategy, budget: &Budget) -> Plan {
    windows::choose(&mut problem);
    let mut routes = strategy.solve(&problem, budget);
    windows::later(&mut problem, &mut routes, strategy.one_order_per_trip());
    let removed = supply::repair(&mut problem, &mut routes);
    let starved = supply::starved(&problem, &routes);
    let mut plan = to_plan(&problem, routes, strategy.name(), budget.seed);
    for unassigned in &mut plan.unassigned {
        // Removed for the supply; or servable alone, but the output is used up.
        let fleet = unassigned.reason == UnassignedReason::FleetExhausted;
        if removed.contains(&unassigned.order) || (fleet && starved[unassigned.order]) {
            unassigned.reason = UnassignedReason::KitchenOutputExhausted;
        }
    }
    plan
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
