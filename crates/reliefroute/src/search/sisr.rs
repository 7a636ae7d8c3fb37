//! One search chain: ruin with strings, recreate with blinks, accept by annealing.

use crate::insertion::{Inserter, Mode};
use crate::model::Objective;
use crate::problem::Problem;
use crate::routes::Routes;
use crate::schedule::{EPS, UNSERVED_COST};

use super::{LocalSearch, Rng};

/// Average number of jobs removed per ruin (SISR's c̄).
const AVG_REMOVED: f64 = 10.0;
/// Longest string removed from one trip (SISR's L^max).
const MAX_STRING: f64 = 10.0;
/// Chance of skipping a candidate position during recreate.
const BLINK_RATE: f64 = 0.01;

/// The objective cost of a whole solution, unserved jobs included.
pub(crate) fn total_cost(problem: &Problem, routes: &Routes) -> f64 {
    let inserter = Inserter::new(problem, routes);
    inserter.total() + unserved_cost(problem, routes)
}

fn unserved_cost(problem: &Problem, routes: &Routes) -> f64 {
    routes
        .unassigned
        .iter()
        .map(|&j| UNSERVED_COST * f64::from(problem.jobs[j].priority))
        .sum()
}

/// A simulated-annealing chain over ruin-and-recreate moves.
pub(crate) struct Chain<'p, 'a> {
    problem: &'p Problem<'a>,
    rng: Rng,
    current: Routes,
    current_cost: f64,
    best: Routes,
    best_cost: f64,
    ls: LocalSearch<'p, 'a>,
    /// Start and end temperatures of the annealing.
    temperatures: (f64, f64),
    /// Work done so far, in stops evaluated.
    pub work: u64,
}

impl<'p, 'a> Chain<'p, 'a> {
    /// A chain starting from `initial` (feasible), improved by local search first.
    pub fn new(problem: &'p Problem<'a>, mut initial: Routes, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut ls = LocalSearch::new(problem);
        ls.run(&mut initial, &mut rng);
        let cost = total_cost(problem, &initial);
        let served = problem.job_count() - initial.unassigned.len();
        let distance: f64 = (0..problem.vehicle_count())
            .filter_map(|v| crate::schedule::evaluate(problem, v, &initial.trips[v]))
            .map(|e| e.distance)
            .sum();
        let arcs = served + initial.trips.iter().map(Vec::len).sum::<usize>();
        let mean_arc = if arcs > 0 {
            distance / arcs as f64
        } else {
            1.0
        };
        Chain {
            problem,
            rng,
            current: initial.clone(),
            current_cost: cost,
            best: initial,
            best_cost: cost,
            work: ls.work,
            ls,
            temperatures: (3.0 * mean_arc, 0.03 * mean_arc),
        }
    }

    /// The best solution found and its cost.
    pub fn best(&self) -> (&Routes, f64) {
        (&self.best, self.best_cost)
    }

    /// Continues from `routes` (a better plan found elsewhere).
    pub fn adopt(&mut self, routes: &Routes, cost: f64) {
        self.current = routes.clone();
        self.current_cost = cost;
        if cost < self.best_cost {
            self.best = routes.clone();
            self.best_cost = cost;
        }
    }

    /// Iterates until `self.work` reaches `until`; `total` is the whole budget, for the
    /// cooling schedule.
    pub fn run(&mut self, until: u64, total: u64) {
        let (t0, t1) = self.temperatures;
        while self.work < until {
            let progress = self.work as f64 / total.max(1) as f64;
            let temperature = t0 * (t1 / t0).powf(progress.min(1.0));
            let mut candidate = self.current.clone();
            self.ruin(&mut candidate);
            let cost = self.recreate(&mut candidate);
            let threshold = self.current_cost - temperature * self.rng.unit().max(1e-300).ln();
            if cost < self.best_cost - EPS {
                self.ls.work = 0;
                self.ls.run(&mut candidate, &mut self.rng);
                self.work += self.ls.work;
                let cost = total_cost(self.problem, &candidate);
                self.best = candidate.clone();
                self.best_cost = cost;
                self.current = candidate;
                self.current_cost = cost;
            } else if cost < threshold {
                self.current = candidate;
                self.current_cost = cost;
            }
        }
    }

    /// Removes strings of jobs around a random seed job (and, when couriers count, sometimes
    /// a whole courier's route) into `routes.unassigned`.
    fn ruin(&mut self, routes: &mut Routes) {
        let p = self.problem;
        let n = p.job_count();
        let mut loc = vec![None; n];
        let mut trip_count = 0usize;
        for (v, trips) in routes.trips.iter().enumerate() {
            for (t, trip) in trips.iter().enumerate() {
                trip_count += 1;
                for (pos, &j) in trip.jobs.iter().enumerate() {
                    loc[j] = Some((v, t, pos));
                }
            }
        }
        let served: Vec<usize> = (0..n).filter(|&j| loc[j].is_some()).collect();
        if served.is_empty() {
            return;
        }
        if p.objective == Objective::CouriersFirst && self.rng.unit() < 0.1 {
            let used: Vec<usize> = (0..routes.trips.len())
                .filter(|&v| !routes.trips[v].is_empty())
                .collect();
            let v = used[self.rng.below(used.len())];
            for trip in routes.trips[v].drain(..) {
                routes.unassigned.extend(trip.jobs);
            }
            return;
        }
        let mean_len = served.len() as f64 / trip_count.max(1) as f64;
        let max_len = MAX_STRING.min(mean_len).max(1.0);
        let max_strings = (4.0 * AVG_REMOVED / (1.0 + max_len) - 1.0).max(1.0);
        let strings = 1 + (self.rng.unit() * max_strings) as usize;
        let seed = served[self.rng.below(served.len())];
        let mut ruined: Vec<(usize, usize)> = Vec::new();
        let mut removed: Vec<usize> = Vec::new();
        let candidates =
            std::iter::once(seed).chain(p.neighbours[seed].iter().map(|&j| j as usize));
        for c in candidates {
            if ruined.len() >= strings {
                break;
            }
            let Some((v, t, pos)) = loc[c] else { continue };
            if ruined.contains(&(v, t)) || removed.contains(&c) {
                continue;
            }
            ruined.push((v, t));
            let len = routes.trips[v][t].jobs.len();
            let take = 1 + self.rng.below((max_len as usize).min(len));
            // A string of `take` jobs containing position `pos`.
            let lowest = (pos + 1).saturating_sub(take);
            let highest = pos.min(len - take);
            let start = lowest + self.rng.below(highest - lowest + 1);
            removed.extend(routes.trips[v][t].jobs.drain(start..start + take));
        }
        for trips in &mut routes.trips {
            trips.retain(|t| !t.jobs.is_empty());
        }
        routes.unassigned.extend(removed);
    }

    /// Reinserts every unassigned job greedily, in one of SISR's orders; returns the cost.
    fn recreate(&mut self, routes: &mut Routes) -> f64 {
        let p = self.problem;
        let mut pending = std::mem::take(&mut routes.unassigned);
        let pick = self.rng.below(11);
        let kitchen_distance = |j: usize| {
            let site = p.jobs[j].site;
            p.kitchens
                .iter()
                .map(|&k| p.matrix.distance(0, k, site))
                .fold(f64::INFINITY, f64::min)
        };
        match pick {
            0..=3 => self.rng.shuffle(&mut pending),
            4..=7 => pending.sort_by_key(|&j| (std::cmp::Reverse(p.jobs[j].quantity), j)),
            8..=9 => pending.sort_by(|&a, &b| {
                kitchen_distance(b)
                    .total_cmp(&kitchen_distance(a))
                    .then(a.cmp(&b))
            }),
            _ => pending.sort_by(|&a, &b| {
                kitchen_distance(a)
                    .total_cmp(&kitchen_distance(b))
                    .then(a.cmp(&b))
            }),
        }
        pending.sort_by_key(|&j| std::cmp::Reverse(p.jobs[j].priority));
        let blink_seed = self.rng.next_u64();
        let mut inserter = Inserter::new(p, routes).with_blinks(BLINK_RATE, Rng::new(blink_seed));
        for job in pending {
            let placed = inserter
                .best(routes, job, Mode::Anywhere)
                .is_some_and(|insertion| inserter.apply(routes, job, &insertion));
            if !placed {
                routes.unassigned.push(job);
            }
        }
        self.work += inserter.work;
        inserter.total() + unserved_cost(p, routes)
    }
}
