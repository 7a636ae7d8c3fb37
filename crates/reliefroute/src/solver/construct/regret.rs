//! `regret`: regret-3 insertion, placing first the order that would lose most by waiting.

use crate::model::Objective;
use crate::solver::eval::job_value;
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
/// cost in its 2nd and 3rd best vehicles exceeds its best by most (higher priorities first,
/// so the lowest are dropped when the fleet is short; an optional order only where it is
/// worth it). Only the vehicle that changed is re-priced, and every vehicle when the longest
/// working day grew under the `balanced` objective. Complexity:
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
        // Each vehicle's working day, and the longest of any vehicle but `v` under
        // `balanced` (else infinite: no price depends on it).
        let mut days = vec![0.0f64; vehicles];
        let balanced = problem.objective == Objective::Balanced;
        let longest_day = |days: &[f64], v: usize| {
            if balanced {
                (0..days.len())
                    .filter(|&w| w != v)
                    .map(|w| days[w])
                    .fold(0.0, f64::max)
            } else {
                f64::INFINITY
            }
        };
        let mut table: Vec<Vec<Option<Insertion>>> =
            vec![vec![None; vehicles]; problem.job_count()];
        let price = |inserter: &mut Inserter, routes: &Routes, j: usize, v: usize| {
            inserter.best_in_vehicle(routes, v, j, Mode::Anywhere, job_value(problem, j))
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
                    // An optional order may become worth it once others open trips nearby.
                    if problem.jobs[j].priority > 0 {
                        hopeless.push(i);
                    }
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
            let longest = longest_day(&days, v).max(days[v]);
            days[v] = insertion.route.duration;
            inserter.apply(&mut routes, job, &insertion);
            pending.retain(|&j| j != job);
            // Under `balanced`, a longer longest day changes every vehicle's prices.
            let mut reprice = if insertion.route.duration > longest {
                columns.clone()
            } else {
                vec![v]
            };
            if was_idle {
                if let Some(twin) = (v + 1..vehicles).find(|&w| {
                    problem.vehicle_class[w] == problem.vehicle_class[v]
                        && routes.trips[w].is_empty()
                }) {
                    columns.push(twin);
                    if !reprice.contains(&twin) {
                        reprice.push(twin);
                    }
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
