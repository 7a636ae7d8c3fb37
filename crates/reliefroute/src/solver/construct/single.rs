//! `single`: every order travels on a trip of its own.

use crate::solver::insertion::{greedy, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Strategy};

/// One order per trip: the baseline every coordinator understands.
///
/// Orders are taken by priority, then by closing window, and each becomes a new trip where it
/// costs least. Complexity: `O(orders * vehicles * trips * trip evaluation)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Single;

impl Strategy for Single {
    fn name(&self) -> &'static str {
        "single"
    }

    fn description(&self) -> &'static str {
        "one order per trip (the baseline)"
    }

    fn solve(&self, problem: &Problem, _budget: &Budget) -> Routes {
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        greedy(
            problem,
            &mut routes,
            &problem.urgency_order(),
            Mode::NewTripOnly,
        );
        routes
    }

    fn one_order_per_trip(&self) -> bool {
        true
    }
}
