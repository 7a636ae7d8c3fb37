//! Cheapest feasible insertion of one job into a solution: the building block of the
//! `single`, `sweep`, `regret` and `search` strategies.
//!
//! Each candidate position is first priced by its distance change alone, which is a lower
//! bound of its true cost change; only candidates whose bound beats the best found so far are
//! evaluated exactly (see [`schedule::evaluate`]). Idle vehicles identical to one already
//! tried are skipped.

use crate::diagnose::allowed_kitchens;
use crate::problem::Problem;
use crate::routes::{Routes, Trip};
use crate::schedule::{self, route_cost, RouteEval, EPS};
use crate::search::Rng;
use crate::slack::RouteSlack;

/// Where to put a job, and what it costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Insertion {
    /// The vehicle.
    pub vehicle: usize,
    /// Index of the trip in the vehicle's trip list (of the new trip, if `new_trip`).
    pub trip: usize,
    /// Position of the job in the trip.
    pub position: usize,
    /// `Some(kitchen)` to open a new trip from that kitchen at index `trip`.
    pub new_trip: Option<usize>,
    /// Increase of the objective.
    pub cost: f64,
}

/// Which insertions are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Into any trip, or as a new trip.
    Anywhere,
    /// Only as a new trip of its own (the `single` strategy).
    NewTripOnly,
}

/// From this many jobs on, insertion tries the vehicles near a job before all vehicles.
/// Measured: on Solomon (100 jobs) trying every vehicle finds better plans (mean gap 0.40%
/// against 0.97% on eight instances at 2 s); on 10,000 jobs and 300 couriers the full scan
/// leaves the search too few iterations.
pub(crate) const GRANULAR_JOBS: usize = 2000;

/// Keeps each vehicle's evaluation of the current solution to price insertions against.
pub(crate) struct Inserter<'p, 'a> {
    problem: &'p Problem<'a>,
    evals: Vec<RouteEval>,
    slacks: Vec<RouteSlack>,
    scratch: Vec<Trip>,
    /// Vehicle classes whose idle member was tried for the current job.
    idle_tried: Vec<usize>,
    /// Per job, the vehicle that last served it (a hint for granular insertion: it may be
    /// stale after a removal, which only costs a useless candidate).
    last_vehicle: Vec<usize>,
    /// Scratch for granular insertion: candidate vehicles, and the stamp marking vehicles
    /// already listed for the current job.
    candidates: Vec<usize>,
    seen: Vec<u64>,
    stamp: u64,
    /// Chance of skipping a candidate position (SISR's blinks), with its random source.
    blinks: Option<(f64, Rng)>,
    /// Work done, in stops evaluated (the search's deterministic clock).
    pub work: u64,
}

impl<'p, 'a> Inserter<'p, 'a> {
    /// Prices insertions into `routes`, which must be feasible.
    pub fn new(problem: &'p Problem<'a>, routes: &Routes) -> Self {
        let evals = (0..problem.vehicle_count())
            .map(|v| schedule::evaluate(problem, v, &routes.trips[v]).unwrap_or_default())
            .collect();
        let slacks = (0..problem.vehicle_count())
            .map(|v| {
                let mut slack = RouteSlack::default();
                slack.rebuild(problem, v, &routes.trips[v]);
                slack
            })
            .collect();
        let mut last_vehicle = vec![usize::MAX; problem.job_count()];
        for (v, trips) in routes.trips.iter().enumerate() {
            for &j in trips.iter().flat_map(|t| &t.jobs) {
                last_vehicle[j] = v;
            }
        }
        // Both passes above cost about two evaluations of every route.
        let work = routes
            .trips
            .iter()
            .map(|t| 2 * crate::search::count(t))
            .sum();
        Inserter {
            problem,
            evals,
            slacks,
            scratch: Vec::new(),
            idle_tried: Vec::new(),
            last_vehicle,
            candidates: Vec::new(),
            seen: vec![0; problem.vehicle_count()],
            stamp: 0,
            blinks: None,
            work,
        }
    }

    /// Makes each candidate position skipped with chance `rate`, drawn from `rng`.
    pub fn set_blinks(&mut self, rate: f64, rng: Rng) {
        self.blinks = Some((rate, rng));
    }

    /// Whether to skip the next candidate (a blink).
    fn blink(&mut self) -> bool {
        match &mut self.blinks {
            Some((rate, rng)) => rng.unit() < *rate,
            None => false,
        }
    }

    /// Total objective cost of the routes (unserved jobs not included).
    pub fn total(&self) -> f64 {
        self.evals.iter().map(|e| e.cost(self.problem)).sum()
    }

    /// Re-reads vehicle `v` after its trips changed outside this inserter.
    pub fn refresh(&mut self, routes: &Routes, v: usize) {
        let eval = schedule::evaluate(self.problem, v, &routes.trips[v]).unwrap_or_default();
        self.reread(routes, v, eval);
    }

    /// Takes `eval` as vehicle `v`'s evaluation and re-reads its timing and jobs.
    fn reread(&mut self, routes: &Routes, v: usize, eval: RouteEval) {
        self.evals[v] = eval;
        self.slacks[v].rebuild(self.problem, v, &routes.trips[v]);
        for &j in routes.trips[v].iter().flat_map(|t| &t.jobs) {
            self.last_vehicle[j] = v;
        }
        self.work += 2 * crate::search::count(&routes.trips[v]);
    }

    /// The cheapest feasible insertion of `job`, if any.
    pub fn best(&mut self, routes: &Routes, job: usize, mode: Mode) -> Option<Insertion> {
        self.best_among(routes, job, mode, 0..self.problem.vehicle_count())
    }

    /// The cheapest feasible insertion of `job` in any mode, tried first (on large problems,
    /// see [`GRANULAR_JOBS`]) in the vehicles last seen serving the job's neighbours and in
    /// idle vehicles, then, if none fits, in every vehicle.
    pub fn best_granular(&mut self, routes: &Routes, job: usize) -> Option<Insertion> {
        let p = self.problem;
        if p.job_count() < GRANULAR_JOBS {
            return self.best(routes, job, Mode::Anywhere);
        }
        self.stamp += 1;
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        for &w in &p.neighbours[job] {
            let v = self.last_vehicle[w as usize];
            if v != usize::MAX && std::mem::replace(&mut self.seen[v], self.stamp) != self.stamp {
                candidates.push(v);
            }
        }
        let idle = (0..p.vehicle_count()).filter(|&v| routes.trips[v].is_empty());
        let found = self.best_among(
            routes,
            job,
            Mode::Anywhere,
            candidates.iter().copied().chain(idle),
        );
        self.candidates = candidates;
        found.or_else(|| self.best(routes, job, Mode::Anywhere))
    }

    /// The cheapest feasible insertion of `job` into one of `vehicles`, if any. Of idle
    /// vehicles only the first of each class is tried: the others would cost the same.
    pub fn best_among(
        &mut self,
        routes: &Routes,
        job: usize,
        mode: Mode,
        vehicles: impl IntoIterator<Item = usize>,
    ) -> Option<Insertion> {
        let mut best: Option<Insertion> = None;
        self.idle_tried.clear();
        for v in vehicles {
            if routes.trips[v].is_empty() {
                let class = self.problem.vehicle_class[v];
                if self.idle_tried.contains(&class) {
                    continue;
                }
                self.idle_tried.push(class);
            }
            let bound = best.map_or(f64::INFINITY, |b| b.cost);
            if let Some(found) = self.best_in_vehicle(routes, v, job, mode, bound) {
                best = Some(found);
            }
        }
        best
    }

    /// The cheapest feasible insertion of `job` into vehicle `v` costing less than `bound`.
    pub fn best_in_vehicle(
        &mut self,
        routes: &Routes,
        v: usize,
        job: usize,
        mode: Mode,
        mut bound: f64,
    ) -> Option<Insertion> {
        let p = self.problem;
        let vehicle = &p.scenario.fleet[v];
        let j = &p.jobs[job];
        if vehicle.capacity[j.item] < j.quantity {
            return None;
        }
        let m = p.matrix;
        let trips = &routes.trips[v];
        let current = self.evals[v];
        let current_cost = current.cost(p);
        let mut best = None;
        if mode == Mode::Anywhere {
            for (t, trip) in trips.iter().enumerate() {
                if j.kitchen.is_some_and(|k| k != trip.kitchen) {
                    continue;
                }
                let site_at = |i: usize| p.jobs[trip.jobs[i]].site;
                // Scanning positions is work too (one unit each): long routes cost more.
                self.work += trip.jobs.len() as u64 + 1;
                for pos in 0..=trip.jobs.len() {
                    let prev = if pos == 0 {
                        trip.kitchen
                    } else {
                        site_at(pos - 1)
                    };
                    let next = if pos == trip.jobs.len() {
                        trip.kitchen
                    } else {
                        site_at(pos)
                    };
                    let delta = m.distance(v, prev, j.site) + m.distance(v, j.site, next)
                        - m.distance(v, prev, next);
                    if delta >= bound - EPS || self.blink() {
                        continue;
                    }
                    match self.slacks[v].fits(p, v, trip, t, pos, job) {
                        Some(false) => continue,
                        Some(true) => {
                            // Same trips, so the cost changes by the distance alone.
                            self.work += 1;
                            bound = delta;
                            best = Some(Insertion {
                                vehicle: v,
                                trip: t,
                                position: pos,
                                new_trip: None,
                                cost: delta,
                            });
                            continue;
                        }
                        None => {}
                    }
                    self.scratch.clone_from(trips);
                    self.scratch[t].jobs.insert(pos, job);
                    self.work += crate::search::count(&self.scratch);
                    let candidate = Insertion {
                        vehicle: v,
                        trip: t,
                        position: pos,
                        new_trip: None,
                        cost: 0.0,
                    };
                    self.consider_scratch(candidate, current_cost, &mut bound, &mut best);
                }
            }
        }
        if trips.len() < vehicle.max_trips as usize {
            for k in allowed_kitchens(p, job) {
                let out_and_back = m.distance(v, k, j.site) + m.distance(v, j.site, k);
                let lower = route_cost(p, current.trips + 1, current.distance + out_and_back)
                    - current_cost;
                if lower >= bound - EPS {
                    continue;
                }
                for t in 0..=trips.len() {
                    self.scratch.clone_from(trips);
                    self.work += crate::search::count(&self.scratch);
                    self.scratch.insert(
                        t,
                        Trip {
                            kitchen: k,
                            jobs: vec![job],
                        },
                    );
                    let candidate = Insertion {
                        vehicle: v,
                        trip: t,
                        position: 0,
                        new_trip: Some(k),
                        cost: 0.0,
                    };
                    self.consider_scratch(candidate, current_cost, &mut bound, &mut best);
                }
            }
        }
        best
    }

    /// Evaluates the scratch route (vehicle `candidate.vehicle` after the insertion; the
    /// caller counts its work) and keeps `candidate`, priced, in `best` if it is feasible and beats `bound`.
    fn consider_scratch(
        &mut self,
        candidate: Insertion,
        current_cost: f64,
        bound: &mut f64,
        best: &mut Option<Insertion>,
    ) {
        let v = candidate.vehicle;
        if let Some(eval) = schedule::evaluate(self.problem, v, &self.scratch) {
            let cost = eval.cost(self.problem) - current_cost;
            if cost < *bound - EPS {
                *bound = cost;
                *best = Some(Insertion { cost, ..candidate });
            }
        }
    }

    /// Carries out `insertion` of `job` and updates the prices. Returns false (and changes
    /// nothing) if the exact evaluation rejects it, which the O(1) checks can only cause
    /// within the time tolerance.
    pub fn apply(&mut self, routes: &mut Routes, job: usize, insertion: &Insertion) -> bool {
        let v = insertion.vehicle;
        let trips = &mut routes.trips[v];
        match insertion.new_trip {
            Some(kitchen) => trips.insert(
                insertion.trip,
                Trip {
                    kitchen,
                    jobs: vec![job],
                },
            ),
            None => trips[insertion.trip].jobs.insert(insertion.position, job),
        }
        let Some(eval) = schedule::evaluate(self.problem, v, trips) else {
            match insertion.new_trip {
                Some(_) => {
                    trips.remove(insertion.trip);
                }
                None => {
                    trips[insertion.trip].jobs.remove(insertion.position);
                }
            }
            return false;
        };
        routes.unassigned.retain(|&u| u != job);
        // The check above was the evaluation the refresh needs.
        self.reread(routes, v, eval);
        true
    }
}

/// Inserts `jobs` one by one, in the given order, each where it costs least; jobs that fit
/// nowhere are left unassigned. The simplest complete construction. Returns the work done
/// (the search's units).
pub(crate) fn greedy(problem: &Problem, routes: &mut Routes, jobs: &[usize], mode: Mode) -> u64 {
    let mut inserter = Inserter::new(problem, routes);
    for &job in jobs {
        let found = match mode {
            Mode::Anywhere => inserter.best_granular(routes, job),
            Mode::NewTripOnly => inserter.best(routes, job, mode),
        };
        if let Some(insertion) = found {
            inserter.apply(routes, job, &insertion);
        }
    }
    inserter.work
}
