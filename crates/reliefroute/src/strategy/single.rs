//! `single`: every order travels on a trip of its own.

use super::{Budget, Strategy};
use crate::insertion::{greedy, Mode};
use crate::problem::Problem;
use crate::routes::Routes;

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
            &urgency_order(problem),
            Mode::NewTripOnly,
        );
        routes
    }
}

/// Jobs by priority (highest first), then earliest closing window, then index.
pub(crate) fn urgency_order(problem: &Problem) -> Vec<usize> {
    let mut order: Vec<usize> = (0..problem.job_count()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&problem.jobs[a], &problem.jobs[b]);
        y.priority
            .cmp(&x.priority)
            .then(x.window.end.total_cmp(&y.window.end))
            .then(a.cmp(&b))
    });
    order
}
