//! `savings`: Clarke-Wright savings, merging trips while every constraint holds.

use super::{optional, settle_priorities};
use crate::solver::eval::{self, longest_day_change, LongestDays, RouteEval};
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};
use crate::solver::strategy::{Budget, Strategy};

/// Clarke & Wright's parallel savings (1964), time-window aware.
///
/// Every order starts on a trip of its own from its nearest allowed kitchen. Pairs of
/// neighbouring orders are taken by decreasing saving `d(k,i) + d(k,j) - d(i,j)`, and the
/// trip ending at `i` is joined to the trip starting at `j` when some kind of courier can
/// still drive the joined trip within every window, capacity and freshness limit. The trips
/// are then given to couriers, several per courier where the shift allows (under `balanced`,
/// where the longest working day grows least). Orders whose trip fits no courier, and
/// optional orders (priority 0), are then inserted one by one where they are worth it, higher
/// priorities displacing lower ones when the fleet is short (see `settle_priorities`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Savings;

impl Strategy for Savings {
    fn name(&self) -> &'static str {
        "savings"
    }

    fn description(&self) -> &'static str {
        "Clarke-Wright savings, merging trips while windows and capacities hold"
    }

    fn solve(&self, problem: &Problem, _budget: &Budget) -> Routes {
        let vehicles = problem.vehicle_count();
        let mut routes = Routes::empty(vehicles, problem.job_count());
        if vehicles == 0 {
            return routes;
        }
        let m = problem.matrix;
        // One representative courier per class, to test merged trips against.
        let kinds: Vec<usize> = (0..vehicles)
            .filter(|&v| problem.vehicle_class[v] == v)
            .collect();
        let fits = |trip: &Trip| {
            kinds
                .iter()
                .any(|&v| eval::evaluate(problem, v, std::slice::from_ref(trip)).is_some())
        };
        // Trips by id; each job knows its trip.
        let n = problem.job_count();
        let mut trips: Vec<Option<Trip>> = Vec::with_capacity(n);
        let mut trip_of: Vec<usize> = vec![usize::MAX; n];
        for (j, slot) in trip_of.iter_mut().enumerate() {
            if optional(problem, j) {
                continue;
            }
            let site = problem.jobs[j].site;
            let kitchen = problem.allowed_kitchens(j).min_by(|&a, &b| {
                m.distance(0, a, site)
                    .total_cmp(&m.distance(0, b, site))
                    .then(a.cmp(&b))
            });
            if let Some(k) = kitchen {
                let trip = Trip {
                    kitchen: k,
                    jobs: vec![j],
                };
                if fits(&trip) {
                    *slot = trips.len();
                    trips.push(Some(trip));
                }
            }
        }
        let mut savings: Vec<(f64, usize, usize)> = Vec::new();
        for i in 0..n {
            for &j in &problem.neighbours[i] {
                let j = j as usize;
                let (ti, tj) = (trip_of[i], trip_of[j]);
                if ti == usize::MAX || tj == usize::MAX {
                    continue;
                }
                let k = trips[ti].as_ref().map_or(0, |t| t.kitchen);
                let (si, sj) = (problem.jobs[i].site, problem.jobs[j].site);
                let saving = m.distance(0, si, k) + m.distance(0, k, sj) - m.distance(0, si, sj);
                if saving > 0.0 {
                    savings.push((saving, i, j));
                }
            }
        }
        savings.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in savings {
            let (ti, tj) = (trip_of[i], trip_of[j]);
            if ti == tj {
                continue;
            }
            let (Some(a), Some(b)) = (&trips[ti], &trips[tj]) else {
                continue;
            };
            if a.kitchen != b.kitchen || a.jobs.last() != Some(&i) || b.jobs.first() != Some(&j) {
                continue;
            }
            let mut merged = a.clone();
            merged.jobs.extend_from_slice(&b.jobs);
            if fits(&merged) {
                for &x in &merged.jobs {
                    trip_of[x] = ti;
                }
                trips[ti] = Some(merged);
                trips[tj] = None;
            }
        }
        // Give trips to couriers: longest first, each where it adds least (moves included).
        let mut trips: Vec<Trip> = trips.into_iter().flatten().collect();
        trips.sort_by_key(|t| (std::cmp::Reverse(t.jobs.len()), t.jobs[0]));
        let mut leftovers = Vec::new();
        let mut costs: Vec<f64> = vec![0.0; vehicles];
        let mut days: Vec<f64> = vec![0.0; vehicles];
        let mut scratch: Vec<Trip> = Vec::new();
        for trip in trips {
            let longest = LongestDays::of(days.iter().copied());
            let mut best: Option<(f64, usize, usize, RouteEval)> = None;
            let mut idle_classes = Vec::new();
            for (v, &cost) in costs.iter().enumerate() {
                if routes.trips[v].is_empty() {
                    if idle_classes.contains(&problem.vehicle_class[v]) {
                        continue;
                    }
                    idle_classes.push(problem.vehicle_class[v]);
                }
                let charge = eval::route_move_charge(problem, v, std::slice::from_ref(&trip));
                for at in 0..=routes.trips[v].len() {
                    scratch.clone_from(&routes.trips[v]);
                    scratch.insert(at, trip.clone());
                    if let Some(eval) = eval::evaluate(problem, v, &scratch) {
                        let others = longest.without(v, v);
                        let delta = eval.cost(problem) - cost
                            + longest_day_change(problem, others, days[v], eval.duration)
                            + charge;
                        if best.is_none_or(|(c, ..)| delta < c) {
                            best = Some((delta, v, at, eval));
                        }
                    }
                }
            }
            match best {
                Some((_, v, at, eval)) => {
                    routes.trips[v].insert(at, trip);
                    costs[v] = eval.cost(problem);
                    days[v] = eval.duration;
                }
                None => leftovers.extend(trip.jobs),
            }
        }
        leftovers.extend((0..n).filter(|&j| trip_of[j] == usize::MAX));
        routes.unassigned = leftovers;
        settle_priorities(problem, &mut routes);
        routes
    }
}
