//! Regret insertion against a slow reference that prices every pending order in every one
//! of its couriers afresh each round.

use super::{goes_before, insert_by_regret, K, MISSING};
use crate::model::Objective;
use crate::solver::eval::job_value;
use crate::solver::eval::tests::scenario;
use crate::solver::insertion::{Inserter, Insertion, Mode};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::Routes;
use crate::travel::TravelMatrix;

/// Regret-3 insertion priced from scratch each round: every pending order in the couriers
/// at work near it (serving one of its neighbours, or preferred by it; every courier at work
/// unless `all_near` or the problem is large) and in the first idle member of each class;
/// of equal costs the courier priced first wins.
fn reference(problem: &Problem, all_near: bool) -> Routes {
    let (n, vehicles) = (problem.job_count(), problem.vehicle_count());
    let mut routes = Routes::empty(vehicles, n);
    let mut inserter = Inserter::new(problem, &routes);
    let mut served_by = vec![None; n];
    let mut pending: Vec<usize> = (0..n).collect();
    // Per vehicle, when it was first priced (ties go to the earliest).
    let mut turn = vec![u32::MAX; vehicles];
    let mut next_turn = 0;
    for c in (0..vehicles).filter(|&c| problem.vehicle_class[c] == c) {
        turn[c] = next_turn;
        next_turn += 1;
    }
    loop {
        let used: Vec<usize> = (0..vehicles)
            .filter(|&v| !routes.trips[v].is_empty())
            .collect();
        let idle: Vec<usize> = (0..vehicles)
            .filter(|&c| problem.vehicle_class[c] == c)
            .filter_map(|c| {
                (0..vehicles).find(|&w| problem.vehicle_class[w] == c && routes.trips[w].is_empty())
            })
            .collect();
        let mut pick: Option<(usize, f64, f64, Insertion)> = None;
        let mut kept = Vec::new();
        for &j in &pending {
            let near = all_near || inserter.granular(j);
            let mut options: Vec<(f64, u32, Insertion)> = Vec::new();
            let couriers = used.iter().copied().filter(|&v| {
                !near
                    || problem.preferred_courier(j) == Some(v)
                    || problem.neighbours[j]
                        .iter()
                        .any(|&w| served_by[w as usize] == Some(v))
            });
            let couriers: Vec<usize> = couriers.chain(idle.iter().copied()).collect();
            for v in couriers {
                let value = job_value(problem, j);
                if let Some(i) = inserter.best_in_vehicle(&routes, v, j, Mode::Anywhere, value) {
                    options.push((i.cost, turn[v], i));
                }
            }
            options.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let priority = problem.jobs[j].priority;
            let Some(&(best, _, insertion)) = options.first() else {
                if priority == 0 {
                    kept.push(j);
                }
                continue;
            };
            kept.push(j);
            let mut top = [MISSING; K];
            for (slot, option) in top.iter_mut().zip(&options) {
                *slot = option.0;
            }
            let regret: f64 = top[1..].iter().map(|c| c - top[0]).sum();
            let better = pick.is_none_or(|(other, other_regret, other_best, _)| {
                goes_before(
                    problem,
                    (j, regret, best),
                    (other, other_regret, other_best),
                )
            });
            if better {
                pick = Some((j, regret, best, insertion));
            }
        }
        pending = kept;
        let Some((job, _, _, insertion)) = pick else {
            return routes;
        };
        let v = insertion.vehicle;
        if routes.trips[v].is_empty() {
            let class = problem.vehicle_class[v];
            if let Some(twin) = (v + 1..vehicles)
                .find(|&w| problem.vehicle_class[w] == class && routes.trips[w].is_empty())
            {
                turn[twin] = next_turn;
                next_turn += 1;
            }
        }
        inserter.apply(&mut routes, job, &insertion);
        served_by[job] = Some(insertion.vehicle);
        pending.retain(|&j| j != job);
    }
}

/// On random problems of five couriers in two classes and more, orders of every priority,
/// some preferring a courier, under the additive objectives (where a price depends on its
/// courier's route alone): the incremental board, which re-prices only the orders holding an
/// offer of the courier that changed or near the order inserted, builds the reference's
/// routes, with neighbour lists of three (granular) and with every courier at work priced.
#[test]
fn regret_builds_the_routes_of_pricing_everything_afresh() {
    let mut rng = Rng::new(7);
    let mut busy = 0;
    for case in 0..300 {
        let mut scenario = scenario(&mut rng, case % 3 != 0, case % 2 == 0);
        for i in 0..3 {
            let mut twin = scenario.fleet[i % 2].clone();
            twin.id = format!("T{i}");
            scenario.fleet.push(twin);
        }
        for order in &mut scenario.orders {
            order.priority = rng.below(4) as u32;
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let objective = [Objective::Distance, Objective::CouriersFirst][case % 2];
        let mut problem = Problem::new(&scenario, &matrix, objective);
        if case % 4 == 1 {
            let preferred: Vec<Option<usize>> = (0..problem.job_count())
                .map(|_| [None, Some(0), Some(3)][rng.below(3)])
                .collect();
            problem = problem.with_preferences(&preferred, 3.0);
        }
        let all_near = case % 3 != 2;
        if all_near {
            for list in &mut problem.neighbours {
                list.truncate(3);
            }
        }
        let expected = reference(&problem, all_near);
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        insert_by_regret(&problem, &mut routes, all_near);
        assert_eq!(routes.trips, expected.trips, "case {case}");
        let mut unassigned = routes.unassigned.clone();
        unassigned.sort_unstable();
        assert_eq!(unassigned, expected.unassigned, "case {case}");
        busy += usize::from(expected.unassigned.len() < problem.job_count() / 2);
    }
    assert!(
        busy >= 100,
        "only {busy} cases serve half the orders or more"
    );
}
