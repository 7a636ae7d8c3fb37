//! What the objective charges: distance, couriers and trips, and orders left unserved.

use super::route::evaluate;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

/// Tolerance for time comparisons, in minutes.
pub(crate) const EPS: f64 = 1e-6;

/// Cost of leaving one unit of priority unserved.
pub(crate) const UNSERVED_COST: f64 = 1e10;
/// Cost of using a courier under [`Objective::CouriersFirst`](crate::model::Objective).
pub(crate) const COURIER_COST: f64 = 1e7;
/// Cost of one trip under [`Objective::CouriersFirst`](crate::model::Objective).
pub(crate) const TRIP_COST: f64 = 1e5;

/// What an exact evaluation of a feasible route reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RouteEval {
    /// Distance base to base, transfers included.
    pub distance: f64,
    /// Non-empty trips.
    pub trips: usize,
}

impl RouteEval {
    /// The objective's cost of this route.
    pub fn cost(&self, problem: &Problem) -> f64 {
        route_cost(problem, self.trips, self.distance)
    }
}

/// The objective's cost of a route with `trips` trips and `distance` (0 trips: unused).
pub(crate) fn route_cost(problem: &Problem, trips: usize, distance: f64) -> f64 {
    match problem.objective {
        crate::model::Objective::CouriersFirst if trips > 0 => {
            COURIER_COST + TRIP_COST * trips as f64 + distance
        }
        _ => distance,
    }
}

/// The objective cost of a whole solution, unserved jobs included.
pub(crate) fn total_cost(problem: &Problem, routes: &Routes) -> f64 {
    let routes_cost: f64 = (0..problem.vehicle_count())
        .map(|v| {
            evaluate(problem, v, &routes.trips[v])
                .unwrap_or_default()
                .cost(problem)
        })
        .sum();
    routes_cost + unserved_cost(problem, routes)
}

pub(crate) fn unserved_cost(problem: &Problem, routes: &Routes) -> f64 {
    routes
        .unassigned
        .iter()
        .map(|&j| UNSERVED_COST * f64::from(problem.jobs[j].priority))
        .sum()
}
