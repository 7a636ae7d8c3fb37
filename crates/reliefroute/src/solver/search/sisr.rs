//! One search chain: ruin with strings, recreate with blinks, accept by annealing.

use crate::solver::params::PARAMS;
use std::time::Instant;

use crate::model::Objective;
use crate::solver::eval::{total_cost, unserved_cost, EPS};
use crate::solver::insertion::Inserter;
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};
use crate::solver::strategy::past;
use crate::solver::supply;

use super::LocalSearch;
use crate::solver::rng::Rng;

/// A simulated-annealing chain over ruin-and-recreate moves.
///
/// Each iteration changes the current solution in place and keeps an undo log of the
/// vehicles it touched, so only those routes are re-timed and restored on rejection.
pub(crate) struct Chain<'p, 'a> {
    problem: &'p Problem<'a>,
    rng: Rng,
    current: Routes,
    current_cost: f64,
    best: Routes,
    best_cost: f64,
    ls: LocalSearch<'p, 'a>,
    /// Prices insertions into `current`, kept in step with it.
    inserter: Inserter<'p, 'a>,
    /// The vehicle serving each job in `current` (`usize::MAX` when unassigned).
    vehicle_of: Vec<usize>,
    /// Vehicles changed this iteration, with their trips before the change.
    undo: Vec<(usize, Vec<Trip>)>,
    undo_unassigned: Vec<usize>,
    /// Marks the previously unassigned jobs retried in this recreate (all false between).
    retried: Vec<bool>,
    /// Vehicles changed since the local search last saw `current` (`None`: all of them).
    dirty: Option<Vec<usize>>,
    is_dirty: Vec<bool>,
    /// Start and end temperatures of the annealing.
    temperatures: (f64, f64),
    /// Chance that a ruin removes a whole courier's route (see [`route_ruin`]).
    route_ruin: f64,
    /// Whether the problem has [`PARAMS.long_timed_jobs`] orders or more, most with
    /// windows (see [`avg_removed`]).
    large_timed: bool,
    /// Work done so far, in stops evaluated.
    pub work: u64,
}

impl<'p, 'a> Chain<'p, 'a> {
    /// A chain starting from `initial` (feasible), improved by local search first (cut short
    /// when the clock reaches `deadline`, which a large problem's first local search may);
    /// `spent` is the work its construction took, counted against the budget.
    pub fn new(
        problem: &'p Problem<'a>,
        mut initial: Routes,
        seed: u64,
        spent: u64,
        deadline: Option<Instant>,
    ) -> Self {
        let mut rng = Rng::new(seed);
        let mut ls = LocalSearch::new(problem);
        ls.run(&mut initial, &mut rng, deadline);
        let cost = total_cost(problem, &initial);
        let served = problem.job_count() - initial.unassigned.len();
        let distance: f64 = (0..problem.vehicle_count())
            .filter_map(|v| crate::solver::eval::evaluate(problem, v, &initial.trips[v]))
            .map(|e| e.distance)
            .sum();
        let arcs = served + initial.trips.iter().map(Vec::len).sum::<usize>();
        let mean_arc = if arcs > 0 {
            distance / arcs as f64
        } else {
            1.0
        };
        let scale = mean_arc * size_scale(problem.job_count(), problem.mostly_timed());
        let inserter = Inserter::new(problem, &initial);
        let cost = cost + supply::penalty(problem, &initial);
        let mut chain = Chain {
            problem,
            rng,
            current: initial.clone(),
            current_cost: cost,
            best: initial,
            best_cost: cost,
            work: spent + ls.work + inserter.work,
            ls,
            inserter,
            vehicle_of: vec![usize::MAX; problem.job_count()],
            undo: Vec::new(),
            undo_unassigned: Vec::new(),
            retried: vec![false; problem.job_count()],
            dirty: Some(Vec::new()),
            is_dirty: vec![false; problem.vehicle_count()],
            temperatures: (
                PARAMS.start_temperature * scale,
                PARAMS.end_temperature * scale,
            ),
            route_ruin: route_ruin(problem),
            large_timed: problem.mostly_timed() && problem.job_count() >= PARAMS.long_timed_jobs,
        };
        for v in 0..problem.vehicle_count() {
            chain.index_vehicle(v);
        }
        chain
    }

    /// Re-reads the whole current solution (after local search or adoption).
    fn reindex(&mut self) {
        self.inserter = Inserter::new(self.problem, &self.current);
        self.work += self.inserter.work;
        self.vehicle_of = vec![usize::MAX; self.problem.job_count()];
        for v in 0..self.current.trips.len() {
            self.index_vehicle(v);
        }
    }

    fn index_vehicle(&mut self, v: usize) {
        for trip in &self.current.trips[v] {
            for &j in &trip.jobs {
                self.vehicle_of[j] = v;
            }
        }
    }

    /// Records vehicle `v`'s trips before its first change in this iteration.
    fn save(&mut self, v: usize) {
        if !self.undo.iter().any(|(w, _)| *w == v) {
            self.undo.push((v, self.current.trips[v].clone()));
        }
    }

    /// The best solution found and its cost.
    pub fn best(&self) -> (&Routes, f64) {
        (&self.best, self.best_cost)
    }

    /// Neighbour pairs its local search tried (see [`LocalSearch::pairs`]).
    pub fn local_pairs(&self) -> u64 {
        self.ls.pairs
    }

    /// Continues from `routes` (a better plan found elsewhere).
    pub fn adopt(&mut self, routes: &Routes, cost: f64) {
        self.current.clone_from(routes);
        self.current_cost = cost;
        if cost < self.best_cost {
            self.best.clone_from(routes);
            self.best_cost = cost;
        }
        if let Some(dirty) = self.dirty.take() {
            for v in dirty {
                self.is_dirty[v] = false;
            }
        }
        self.reindex();
    }

    /// Iterates until `self.work` reaches `until` or the clock reaches `deadline`; `total`
    /// is the whole budget, for the cooling schedule. Returns whether the clock stopped it.
    pub fn run(&mut self, until: u64, total: u64, deadline: Option<Instant>) -> bool {
        self.fill(deadline);
        let (t0, t1) = self.temperatures;
        while self.work < until {
            if past(deadline) {
                return true;
            }
            let progress = self.work as f64 / total.max(1) as f64;
            let temperature = t0 * (t1 / t0).powf(progress.min(1.0));
            self.undo.clear();
            self.undo_unassigned.clone_from(&self.current.unassigned);
            // Every iteration costs something, even when nothing can be inserted.
            self.work += PARAMS.iteration_work;
            let before = self.inserter.work;
            self.ruin();
            let mut cost = self.recreate();
            if self.problem.job_count() < PARAMS.granular_jobs {
                cost += self.supply_penalty();
            }
            let threshold = self.current_cost - temperature * self.rng.unit().max(1e-300).ln();
            if cost < self.best_cost - EPS {
                self.mark_dirty();
                self.work += self.inserter.work - before;
                self.improve();
                let cost = self.inserter.total()
                    + unserved_cost(self.problem, &self.current)
                    + self.supply_penalty();
                self.current_cost = cost;
                if cost < self.best_cost - EPS {
                    self.best.clone_from(&self.current);
                    self.best_cost = cost;
                }
            } else {
                if cost < threshold {
                    self.current_cost = cost;
                    self.mark_dirty();
                } else {
                    self.restore();
                }
                self.work += self.inserter.work - before;
            }
        }
        false
    }

    /// On large problems, inserts every job left out that fits in the couriers near it
    /// (most important first) and keeps the result if it costs less, as serving more does.
    /// The annealing retries only a few left-out jobs per iteration
    /// ([`PARAMS.retried_unassigned`]); when the fleet is short, thousands wait, and the days
    /// its moves shortened may take many of them (measured on a city of 20,000 orders). Stops
    /// inserting at `deadline`.
    fn fill(&mut self, deadline: Option<Instant>) {
        let p = self.problem;
        if self.current.unassigned.is_empty() || p.job_count() < PARAMS.granular_jobs {
            return;
        }
        self.undo.clear();
        self.undo_unassigned.clone_from(&self.current.unassigned);
        let mut pending = std::mem::take(&mut self.current.unassigned);
        pending.sort_by_key(|&j| (std::cmp::Reverse(p.jobs[j].priority), j));
        let before = self.inserter.work;
        for job in pending {
            let late = past(deadline);
            match (!late)
                .then(|| self.inserter.best_near(&self.current, job))
                .flatten()
            {
                Some(insertion) => {
                    self.save(insertion.vehicle);
                    self.inserter.apply(&mut self.current, job, &insertion);
                    self.vehicle_of[job] = insertion.vehicle;
                }
                None => self.current.unassigned.push(job),
            }
        }
        self.work += self.inserter.work - before;
        if self.undo.is_empty() {
            return;
        }
        let cost = self.inserter.total() + unserved_cost(p, &self.current) + self.supply_penalty();
        if cost < self.current_cost - EPS {
            self.current_cost = cost;
            self.mark_dirty();
            if cost < self.best_cost - EPS {
                self.best.clone_from(&self.current);
                self.best_cost = cost;
            }
        } else {
            self.restore();
        }
    }

    /// What `current` pays for loading more than the kitchens make (see
    /// [`supply::penalty`]), its work counted. Every iteration pays it on problems below
    /// [`PARAMS.granular_jobs`] jobs; larger ones pay it at new bests only, where its
    /// `O(jobs)` is rare.
    fn supply_penalty(&mut self) -> f64 {
        if self.problem.output.is_unlimited() {
            return 0.0;
        }
        self.work += self.problem.job_count() as u64;
        supply::penalty(self.problem, &self.current)
    }

    /// Notes the vehicles this iteration changed for the next local search.
    fn mark_dirty(&mut self) {
        if self.problem.job_count() < PARAMS.queue_ls_jobs {
            return;
        }
        if let Some(dirty) = &mut self.dirty {
            for (v, _) in &self.undo {
                if !std::mem::replace(&mut self.is_dirty[*v], true) {
                    dirty.push(*v);
                }
            }
        }
    }

    /// Runs the local search on `current`: on large problems (see [`PARAMS.queue_ls_jobs`]) from
    /// the vehicles changed since its last run, re-reading only the vehicles it changes;
    /// otherwise over every job (measured better on Solomon: 0.266% against 0.317% mean gap
    /// at 10 s), re-reading everything.
    fn improve(&mut self) {
        self.ls.work = 0;
        if self.problem.job_count() < PARAMS.queue_ls_jobs {
            self.ls.run(&mut self.current, &mut self.rng, None);
            self.reindex();
            self.work += self.ls.work;
            return;
        }
        match self.dirty.take() {
            Some(mut dirty) => {
                self.ls.run_from(&mut self.current, &dirty);
                for &v in &dirty {
                    self.is_dirty[v] = false;
                }
                dirty.clear();
                self.dirty = Some(dirty);
                for i in 0..self.ls.changed().len() {
                    let v = self.ls.changed()[i];
                    self.inserter.refresh(&self.current, v);
                    self.index_vehicle(v);
                }
            }
            None => {
                self.ls.run(&mut self.current, &mut self.rng, None);
                self.dirty = Some(Vec::new());
                self.reindex();
            }
        }
        self.work += self.ls.work;
    }

    /// Puts back every vehicle changed in this iteration, and the unassigned list.
    fn restore(&mut self) {
        let undo = std::mem::take(&mut self.undo);
        // Clear first: a job may have moved between two restored vehicles.
        for (v, _) in &undo {
            for trip in &self.current.trips[*v] {
                for &j in &trip.jobs {
                    self.vehicle_of[j] = usize::MAX;
                }
            }
        }
        for (v, trips) in &undo {
            self.current.trips[*v].clone_from(trips);
            self.inserter.refresh(&self.current, *v);
            self.index_vehicle(*v);
        }
        self.undo = undo;
        self.current.unassigned.clone_from(&self.undo_unassigned);
    }

    /// Where job `j` is in the current solution: vehicle, trip, position.
    fn locate(&self, j: usize) -> Option<(usize, usize, usize)> {
        let v = *self.vehicle_of.get(j)?;
        if v == usize::MAX {
            return None;
        }
        self.current.trips[v]
            .iter()
            .enumerate()
            .find_map(|(t, trip)| {
                trip.jobs
                    .iter()
                    .position(|&x| x == j)
                    .map(|pos| (v, t, pos))
            })
    }

    /// Removes strings of jobs around a random seed job (or, with the chance
    /// [`route_ruin`] gives, a whole courier's route) into the unassigned list.
    fn ruin(&mut self) {
        let p = self.problem;
        let served = p.job_count() - self.current.unassigned.len();
        if served == 0 {
            return;
        }
        let trip_count: usize = self.current.trips.iter().map(Vec::len).sum();
        if self.route_ruin > 0.0 && self.rng.unit() < self.route_ruin {
            let trips = &self.current.trips;
            let used = trips.iter().filter(|t| !t.is_empty()).count();
            let nth = self.rng.below(used);
            let v = (0..trips.len())
                .filter(|&v| !trips[v].is_empty())
                .nth(nth)
                .expect("a served order has a courier");
            self.save(v);
            for trip in self.current.trips[v].drain(..) {
                for &j in &trip.jobs {
                    self.vehicle_of[j] = usize::MAX;
                }
                self.current.unassigned.extend(trip.jobs);
            }
            self.inserter.refresh(&self.current, v);
            return;
        }
        let mean_len = served as f64 / trip_count.max(1) as f64;
        let max_len = PARAMS.max_string.min(mean_len).max(1.0);
        let removed = avg_removed(mean_len, self.large_timed);
        let max_strings = (4.0 * removed / (1.0 + max_len) - 1.0).max(1.0);
        let strings = 1 + (self.rng.unit() * max_strings) as usize;
        // Under `balanced`, a third of the ruins start in the longest working day, the one
        // route whose length the objective weighs.
        let longest = (p.objective == Objective::Balanced && self.rng.unit() < 1.0 / 3.0)
            .then(|| self.inserter.longest_vehicle())
            .flatten();
        let seed = match longest {
            Some(v) => {
                let trips = &self.current.trips[v];
                let trip = &trips[self.rng.below(trips.len())];
                trip.jobs[self.rng.below(trip.jobs.len())]
            }
            None => loop {
                let j = self.rng.below(p.job_count());
                if self.vehicle_of[j] != usize::MAX {
                    break j;
                }
            },
        };
        let mut ruined: Vec<(usize, usize)> = Vec::new();
        let candidates =
            std::iter::once(seed).chain(p.neighbours[seed].iter().map(|&j| j as usize));
        for c in candidates {
            if ruined.len() >= strings {
                break;
            }
            let Some((v, t, pos)) = self.locate(c) else {
                continue;
            };
            if ruined.contains(&(v, t)) {
                continue;
            }
            ruined.push((v, t));
            self.save(v);
            let len = self.current.trips[v][t].jobs.len();
            let take = 1 + self.rng.below((max_len as usize).min(len));
            // A string of `take` jobs containing position `pos`.
            let lowest = (pos + 1).saturating_sub(take);
            let highest = pos.min(len - take);
            let start = lowest + self.rng.below(highest - lowest + 1);
            for j in self.current.trips[v][t].jobs.drain(start..start + take) {
                self.vehicle_of[j] = usize::MAX;
                self.current.unassigned.push(j);
            }
        }
        // Trips keep their index until every string is cut; then empty ones go.
        for i in 0..self.undo.len() {
            let v = self.undo[i].0;
            self.current.trips[v].retain(|t| !t.jobs.is_empty());
            self.inserter.refresh(&self.current, v);
        }
    }

    /// Reinserts every unassigned job greedily, in one of SISR's orders; returns the cost.
    fn recreate(&mut self) -> f64 {
        let p = self.problem;
        let mut pending = std::mem::take(&mut self.current.unassigned);
        // The jobs unassigned before the ruin come first; retry a random few of them.
        let old = self.undo_unassigned.len().min(pending.len());
        if old > PARAMS.retried_unassigned {
            for i in 0..PARAMS.retried_unassigned {
                let k = i + self.rng.below(old - i);
                pending.swap(i, k);
            }
            self.current
                .unassigned
                .extend(pending.drain(PARAMS.retried_unassigned..old));
        }
        // Jobs left out before the ruin are priced only in the couriers near them (see
        // `Inserter::best_near`): under overload most fit nowhere, pricing every courier for
        // each would cost more than the ruined jobs' insertions, and squeezing one into a
        // far courier's day takes the time of several near ones.
        for &j in &pending[..old.min(PARAMS.retried_unassigned)] {
            self.retried[j] = true;
        }
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
        self.inserter
            .set_blinks(PARAMS.blink_rate, Rng::new(self.rng.next_u64()));
        for job in pending {
            let found = if std::mem::take(&mut self.retried[job]) {
                self.inserter.best_near(&self.current, job)
            } else {
                self.inserter.best_granular(&self.current, job)
            };
            match found {
                Some(insertion) => {
                    self.save(insertion.vehicle);
                    self.inserter.apply(&mut self.current, job, &insertion);
                    self.vehicle_of[job] = insertion.vehicle;
                }
                None => self.current.unassigned.push(job),
            }
        }
        self.inserter.total() + unserved_cost(p, &self.current)
    }
}

/// The temperature's factor for a problem of `jobs` orders (`timed`: most have windows).
/// Larger problems get fewer iterations per budget, so they anneal colder: `100 / jobs`
/// from 100 jobs on (tuned on Solomon, 100 jobs, then on the largest CVRPLIB X instances),
/// but where most orders have windows, from [`PARAMS.long_timed_jobs`] orders on,
/// `(100 / jobs)` to the power [`PARAMS.timed_size_exponent`] (measured on
/// Gehring-Homberger: the linear fall froze the chains at 400 to 800 customers).
fn size_scale(jobs: usize, timed: bool) -> f64 {
    let linear = (100.0 / jobs.max(1) as f64).min(1.0);
    if timed && jobs >= PARAMS.long_timed_jobs {
        linear.powf(PARAMS.timed_size_exponent)
    } else {
        linear
    }
}

/// How many orders a ruin removes on average (SISR's c̄) when trips hold `mean_len` orders
/// on average: [`PARAMS.avg_removed`], or on problems of [`PARAMS.long_timed_jobs`] orders
/// or more where most have windows (`large_timed`) at least the share
/// [`PARAMS.removed_per_trip`] of a mean trip: ten orders out of trips of thirty to a
/// hundred (Gehring-Homberger's class 2) move too little of a trip to reorder it.
fn avg_removed(mean_len: f64, large_timed: bool) -> f64 {
    if large_timed {
        PARAMS.avg_removed.max(PARAMS.removed_per_trip * mean_len)
    } else {
        PARAMS.avg_removed
    }
}

/// The chance that a ruin removes a whole courier's route: strings of about ten orders
/// rarely empty a long route, so without it the fleet stays about as the construction made
/// it. Under `couriers-first`, where a courier saved is worth most. Under `distance` on
/// large problems where most orders have windows ([`PARAMS.route_ruin_jobs`]), where it was
/// measured better; never on CVRP (CVRPLIB X was worse on each of five instances tried: a
/// full route rarely fits elsewhere) nor under `balanced`.
fn route_ruin(problem: &Problem) -> f64 {
    match problem.objective {
        Objective::CouriersFirst => PARAMS.route_ruin,
        Objective::Distance
            if problem.mostly_timed() && problem.job_count() >= PARAMS.route_ruin_jobs =>
        {
            PARAMS.route_ruin
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timed_problems_cool_slower_with_size() {
        // Up to 100 jobs, the full temperature either way; linear below the threshold.
        assert_eq!(size_scale(50, true), 1.0);
        assert_eq!(size_scale(100, false), 1.0);
        let below = PARAMS.long_timed_jobs - 1;
        assert_eq!(size_scale(below, true), size_scale(below, false));
        // Without windows, linear in size; with windows, warmer on larger problems.
        let (n, m) = (PARAMS.long_timed_jobs, 2 * PARAMS.long_timed_jobs);
        assert!((size_scale(400, false) - 0.25).abs() < 1e-12);
        assert!(size_scale(n, true) > size_scale(n, false));
        assert!(
            size_scale(m, true) / size_scale(m, false) > size_scale(n, true) / size_scale(n, false)
        );
        // Still colder as problems grow.
        assert!(size_scale(m, true) < size_scale(n, true));
    }

    #[test]
    fn ruins_grow_with_long_timed_trips() {
        // Short trips (Gehring-Homberger's class 1) and problems without windows keep c̄.
        assert_eq!(avg_removed(10.0, true), PARAMS.avg_removed);
        assert_eq!(avg_removed(60.0, false), PARAMS.avg_removed);
        // Long trips with windows: a share of the trip, growing with it.
        assert!(avg_removed(60.0, true) > PARAMS.avg_removed);
        assert!(avg_removed(90.0, true) > avg_removed(60.0, true));
    }
}
