//! `sweep`: cluster by angle around the kitchen, then route each courier's cluster.

use super::{optional, settle_priorities};
use crate::solver::eval::job_value;
use crate::solver::insertion::{Inserter, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Strategy};

/// The sweep heuristic (Gillett & Miller 1974), with multi-trip couriers.
///
/// Each order is attached to its nearest allowed kitchen and sorted by polar angle around
/// it; couriers are then filled in that order, each order going to the cheapest position in
/// the current courier's trips (or a new trip), and to the next courier when it no longer
/// fits. Orders no courier took in sequence, and optional orders (priority 0), are then
/// inserted wherever they fit and are worth it, higher priorities displacing lower ones when
/// the fleet is short (see `settle_priorities`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sweep;

impl Strategy for Sweep {
    fn name(&self) -> &'static str {
        "sweep"
    }

    fn description(&self) -> &'static str {
        "angular sweep around each kitchen, filling one courier after another"
    }

    fn solve(&self, problem: &Problem, _budget: &Budget) -> Routes {
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        if problem.vehicle_count() == 0 {
            return routes;
        }
        let sites = &problem.scenario.sites;
        let key = |j: usize| {
            let site = problem.jobs[j].site;
            let kitchen = problem.allowed_kitchens(j).min_by(|&a, &b| {
                let (da, db) = (
                    problem.matrix.distance(0, a, site),
                    problem.matrix.distance(0, b, site),
                );
                da.total_cmp(&db).then(a.cmp(&b))
            });
            let angle = kitchen.map_or(0.0, |k| {
                let (from, to) = (sites[k].location, sites[site].location);
                (to.y - from.y).atan2(to.x - from.x)
            });
            (kitchen.unwrap_or(usize::MAX), angle)
        };
        let mut order: Vec<(usize, f64, usize)> = (0..problem.job_count())
            .filter(|&j| !optional(problem, j))
            .map(|j| {
                let (k, a) = key(j);
                (k, a, j)
            })
            .collect();
        order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut inserter = Inserter::new(problem, &routes);
        let mut v = 0;
        let mut leftovers: Vec<usize> = (0..problem.job_count())
            .filter(|&j| optional(problem, j))
            .collect();
        for (_, _, job) in order {
            let mut placed = false;
            while v < problem.vehicle_count() {
                if let Some(ins) = inserter.best_in_vehicle(
                    &routes,
                    v,
                    job,
                    Mode::Anywhere,
                    job_value(problem, job),
                ) {
                    inserter.apply(&mut routes, job, &ins);
                    placed = true;
                    break;
                }
                if routes.trips[v].is_empty() {
                    // This courier cannot take the order even alone: keep it for later
                    // rather than skipping an idle courier.
                    break;
                }
                v += 1;
            }
            if !placed {
                leftovers.push(job);
            }
        }
        routes.unassigned = leftovers;
        settle_priorities(problem, &mut routes);
        routes
    }
}
