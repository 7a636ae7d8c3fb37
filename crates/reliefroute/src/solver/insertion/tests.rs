//! Insertion: prices against the routes walked from scratch (move charges included), and
//! the order in which positions are priced.

use super::{cheapest_first, Inserter, Mode};
use crate::model::Objective;
use crate::solver::eval::tests::{random_trips, scenario};
use crate::solver::eval::{evaluate, move_charge, total_cost, unserved_cost, EPS};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::{Routes, Trip};
use crate::travel::TravelMatrix;

/// The objective of `routes` without the unserved orders, `None` if a route breaks a rule.
fn served_cost(problem: &Problem, routes: &Routes) -> Option<f64> {
    (0..problem.vehicle_count())
        .all(|v| evaluate(problem, v, &routes.trips[v]).is_some())
        .then(|| total_cost(problem, routes) - unserved_cost(problem, routes))
}

/// On random two-courier routes under every objective, half of them with orders preferring
/// a courier: the cheapest insertion of each order left out costs exactly what the routes
/// walked from scratch say (its move charge included), the inserter's running total
/// follows, and insertions away from the preferred courier are priced often enough to be
/// tested.
#[test]
fn insertions_cost_what_the_routes_walked_from_scratch_say() {
    let mut rng = Rng::new(41);
    let (mut priced, mut charged) = (0, 0);
    for case in 0..600 {
        let objective = [
            Objective::Distance,
            Objective::CouriersFirst,
            Objective::Balanced,
        ][case % 3];
        let scenario = scenario(&mut rng, case % 5 != 0, case % 4 != 0);
        let matrix = TravelMatrix::straight_line(&scenario);
        let mut problem = Problem::new(&scenario, &matrix, objective);
        if case % 2 == 0 {
            let preferred: Vec<Option<usize>> = (0..problem.job_count())
                .map(|_| [None, Some(0), Some(1)][rng.below(3)])
                .collect();
            problem = problem.with_preferences(&preferred, [0.5, 3.0, 10.0, 2e7][rng.below(4)]);
        }
        let (first, rest) = random_trips(&mut rng, &problem);
        let mut routes = Routes::empty(2, problem.job_count());
        let second: Vec<usize> = rest.iter().copied().take(1 + rng.below(3)).collect();
        routes
            .unassigned
            .retain(|j| !first.iter().any(|t| t.jobs.contains(j)) && !second.contains(j));
        routes.trips[0] = first;
        routes.trips[1] = vec![Trip {
            kitchen: rng.below(2),
            jobs: second,
        }];
        let Some(mut before) = served_cost(&problem, &routes) else {
            continue;
        };
        let mut inserter = Inserter::new(&problem, &routes);
        for job in routes.unassigned.clone() {
            let Some(insertion) = inserter.best(&routes, job, Mode::Anywhere) else {
                continue;
            };
            inserter.apply(&mut routes, job, &insertion);
            let after = served_cost(&problem, &routes).expect("an insertion keeps the rules");
            let tolerance = 1e-6 * (1.0 + after.abs());
            assert!(
                (after - before - insertion.cost).abs() <= tolerance,
                "case {case}: priced {}, walked {}",
                insertion.cost,
                after - before
            );
            assert!((inserter.total() - after).abs() <= tolerance, "case {case}");
            priced += 1;
            charged += usize::from(move_charge(&problem, job, insertion.vehicle) > EPS);
            before = after;
        }
    }
    assert!(
        priced >= 200 && charged >= 20,
        "{priced} insertions, {charged} charged"
    );
}

/// Short and long lists, with many ties, come out in the order of the full key.
#[test]
fn positions_are_priced_cheapest_first_then_in_route_order() {
    let mut rng = Rng::new(9);
    for len in 0..60 {
        for _ in 0..20 {
            let mut positions: Vec<(f64, usize, usize)> = (0..len)
                .map(|i| (rng.below(8) as f64 - 2.0, i / 7, i % 7))
                .collect();
            let mut expected = positions.clone();
            expected.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            cheapest_first(&mut positions);
            assert_eq!(positions, expected);
        }
    }
}
