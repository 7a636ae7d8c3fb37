//! `regret`: regret-3 insertion, placing first the order that would lose most by waiting.

use crate::solver::insertion::{Inserter, Insertion, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Strategy};

/// How many best vehicles the regret compares.
const K: usize = 3;
/// Stand-in cost for a missing alternative, so orders with few options go first.
const MISSING: f64 = 1e12;

/// Regret-k cheapest insertion (Potvin & Rousseau 1993), k = 3.
///
/// Each round prices every pending order in every vehicle, and inserts the order whose
/// cost in its 2nd and 3rd best vehicles exceeds its best by most (higher priorities first).
/// Only the vehicle that changed is re-priced. Complexity:
/// `O(orders * (orders * vehicles + orders * trip positions * trip evaluation))`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Regret;

impl Strategy for Regret {
    fn name(&self) -> &'static str {
        "regret"
    }

    fn description(&self) -> &'static str {
        "regret-3 cheapest insertion"
    }

    fn solve(&self, problem: &Problem, _budget: &Budget) -> Routes {
        let vehicles = problem.vehicle_count();
        let mut routes = Routes::empty(vehicles, problem.job_count());
        let mut inserter = Inserter::new(problem, &routes);
        // Vehicles priced: every used one, and the first idle one of each class.
        let mut columns: Vec<usize> = Vec::new();
        for v in 0..vehicles {
            if !columns
                .iter()
                .any(|&w| problem.vehicle_class[w] == problem.vehicle_class[v])
            {
                columns.push(v);
            }
        }
        let mut pending: Vec<usize> = (0..problem.job_count()).collect();
        let mut table: Vec<Vec<Option<Insertion>>> =
            vec![vec![None; vehicles]; problem.job_count()];
        let price = |inserter: &mut Inserter, routes: &Routes, j: usize, v: usize| {
            inserter.best_in_vehicle(routes, v, j, Mode::Anywhere, f64::INFINITY)
        };
        for &j in &pending {
            for &v in &columns {
                table[j][v] = price(&mut inserter, &routes, j, v);
            }
        }
        while !pending.is_empty() {
            let mut pick: Option<(usize, f64, Insertion)> = None;
            let mut hopeless = Vec::new();
            for (i, &j) in pending.iter().enumerate() {
                // The K cheapest options, cheapest first.
                let mut top: [Option<Insertion>; K] = [None; K];
                for option in columns.iter().filter_map(|&v| table[j][v]) {
                    let mut slot = option;
                    for entry in top.iter_mut() {
                        match entry {
                            Some(held) if held.cost <= slot.cost => {}
                            Some(held) => std::mem::swap(held, &mut slot),
                            None => {
                                *entry = Some(slot);
                                break;
                            }
                        }
                    }
                }
                let Some(best) = top[0] else {
                    hopeless.push(i);
                    continue;
                };
                let regret: f64 = top[1..]
                    .iter()
                    .map(|c| c.map_or(MISSING, |c| c.cost) - best.cost)
                    .sum();
                let better = match &pick {
                    None => true,
                    Some((other, other_regret, other_best)) => {
                        let (pa, pb) = (problem.jobs[j].priority, problem.jobs[*other].priority);
                        pa > pb
                            || (pa == pb
                                && (regret > other_regret + 1e-9
                                    || (regret > other_regret - 1e-9
                                        && best.cost < other_best.cost)))
                    }
                };
                if better {
                    pick = Some((j, regret, best));
                }
            }
            for i in hopeless.into_iter().rev() {
                pending.swap_remove(i);
            }
            let Some((job, _, insertion)) = pick else {
                break;
            };
            let v = insertion.vehicle;
            let was_idle = routes.trips[v].is_empty();
            inserter.apply(&mut routes, job, &insertion);
            pending.retain(|&j| j != job);
            let mut reprice = vec![v];
            if was_idle {
                if let Some(twin) = (v + 1..vehicles).find(|&w| {
                    problem.vehicle_class[w] == problem.vehicle_class[v]
                        && routes.trips[w].is_empty()
                }) {
                    columns.push(twin);
                    reprice.push(twin);
                }
            }
            for &j in &pending {
                for &w in &reprice {
                    table[j][w] = price(&mut inserter, &routes, j, w);
                }
            }
        }
        routes
    }
}
