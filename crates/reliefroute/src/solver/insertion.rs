//! Cheapest feasible insertion of one job into a solution: the building block of the
//! `single`, `sweep`, `regret` and `search` strategies.
//!
//! Each candidate position is first priced by its distance change alone, which is a lower
//! bound of its true cost change, and checked against two start times the route's cache
//! keeps per order (can the job start after the order before it, and the order after it
//! after the job?); only candidates passing both are evaluated, in O(1) each, by the
//! evaluation core from the route's cached summaries (see [`RouteCache`]). Idle vehicles
//! identical to one already tried are skipped.
//!
//! An insertion is made only if it costs less than the job is worth ([`job_value`]): an
//! optional order goes in only where it costs little. Under the `balanced` objective an
//! insertion is also charged for lengthening the longest working day of the solution.

use std::time::Instant;

use crate::model::Objective;
use crate::solver::eval::{
    job_value, longest_day_change, longest_day_cost, may_follow, move_charge, route_cost,
    route_move_charge, LongestDays, NewTrip, Penalties, RouteCache, RouteCost, StartBound, Stops,
    TripEval, EPS,
};
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::{evaluation_work, Routes, Trip};
use crate::solver::strategy::past;
use crate::travel::Distances;

#[cfg(test)]
mod tests;

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
    /// The vehicle's route after the insertion, as priced.
    pub route: RouteCost,
}

/// Which insertions are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Into any trip, or as a new trip.
    Anywhere,
    /// Only as a new trip of its own (the `single` strategy).
    NewTripOnly,
}

/// Keeps each vehicle's evaluation of the current solution to price insertions against.
pub(crate) struct Inserter<'p, 'a> {
    problem: &'p Problem<'a>,
    caches: Vec<RouteCache>,
    /// Per vehicle, how far its cache is behind its route (re-read when next examined: after
    /// an insertion the priced route is known, and many routes change again, or are restored,
    /// before anyone looks at them).
    stale: Vec<Stale>,
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
    /// Scratch: candidate positions of the current vehicle (distance change, trip, position).
    positions: Vec<(f64, usize, usize)>,
    /// Chance of skipping a candidate position (SISR's blinks), with its random source.
    blinks: Option<(f64, Rng)>,
    /// The longest working days under the `balanced` objective (`None`: to be re-read).
    days: Option<LongestDays>,
    /// Per vehicle, the move charges of the jobs it serves (all 0 without preferences).
    charges: Vec<f64>,
    /// The last job priced and its run alone: a job is priced in many vehicles in a row.
    alone: Option<(usize, Stops)>,
    /// Work done, in stops evaluated (the search's deterministic clock).
    pub work: u64,
}

impl<'p, 'a> Inserter<'p, 'a> {
    /// Prices insertions into `routes`, which must be feasible.
    pub fn new(problem: &'p Problem<'a>, routes: &Routes) -> Self {
        let caches = (0..problem.vehicle_count())
            .map(|v| {
                let mut cache = RouteCache::default();
                cache.reread(problem, v, &routes.trips[v]);
                cache
            })
            .collect();
        let mut last_vehicle = vec![usize::MAX; problem.job_count()];
        for (v, trips) in routes.trips.iter().enumerate() {
            for &j in trips.iter().flat_map(|t| &t.jobs) {
                last_vehicle[j] = v;
            }
        }
        // Building the summaries costs about two evaluations of every route.
        let work = routes.trips.iter().map(|t| 2 * evaluation_work(t)).sum();
        Inserter {
            problem,
            stale: vec![Stale::No; problem.vehicle_count()],
            caches,
            idle_tried: Vec::new(),
            last_vehicle,
            candidates: Vec::new(),
            seen: vec![0; problem.vehicle_count()],
            stamp: 0,
            positions: Vec::new(),
            blinks: None,
            days: None,
            charges: (0..problem.vehicle_count())
                .map(|v| route_move_charge(problem, v, &routes.trips[v]))
                .collect(),
            alone: None,
            work,
        }
    }

    /// Makes each candidate position skipped with chance `rate`, drawn from `rng`.
    pub fn set_blinks(&mut self, rate: f64, rng: Rng) {
        self.blinks = Some((rate, rng));
    }

    /// Total objective cost of the routes, the longest day and moves included (unserved jobs
    /// not).
    pub fn total(&self) -> f64 {
        let longest = self
            .caches
            .iter()
            .map(|c| c.cost().duration)
            .fold(0.0, f64::max);
        self.caches
            .iter()
            .map(|c| cost_of(self.problem, c.cost()))
            .sum::<f64>()
            + longest_day_cost(self.problem, longest)
            + if self.problem.move_cost > 0.0 {
                self.charges.iter().sum::<f64>()
            } else {
                0.0
            }
    }

    /// The longest working day of the vehicles other than `v` (0 unless balanced). O(1)
    /// after a change, O(vehicles) once.
    fn others_longest(&mut self, v: usize) -> f64 {
        if self.problem.objective != Objective::Balanced {
            return 0.0;
        }
        let caches = &self.caches;
        self.days
            .get_or_insert_with(|| LongestDays::of(caches.iter().map(|c| c.cost().duration)))
            .without(v, v)
    }

    /// The vehicle working the longest day (under the `balanced` objective; `None` otherwise
    /// or when all are idle).
    pub fn longest_vehicle(&mut self) -> Option<usize> {
        self.others_longest(usize::MAX);
        self.days.and_then(|d| d.longest_vehicle())
    }

    /// Re-reads vehicle `v` after its trips changed outside this inserter.
    pub fn refresh(&mut self, routes: &Routes, v: usize) {
        self.caches[v].reread(self.problem, v, &routes.trips[v]);
        self.stale[v] = Stale::No;
        self.days = None;
        self.note_jobs(routes, v);
    }

    /// Notes which jobs vehicle `v` serves, their move charges, and the work of re-reading it.
    fn note_jobs(&mut self, routes: &Routes, v: usize) {
        for &j in routes.trips[v].iter().flat_map(|t| &t.jobs) {
            self.last_vehicle[j] = v;
        }
        if self.problem.move_cost > 0.0 {
            self.charges[v] = route_move_charge(self.problem, v, &routes.trips[v]);
        }
        self.work += 2 * evaluation_work(&routes.trips[v]);
    }

    /// The cheapest feasible insertion of `job` worth making, if any.
    pub fn best(&mut self, routes: &Routes, job: usize, mode: Mode) -> Option<Insertion> {
        if let Some(v) = self.problem.jobs[job].courier {
            // Only its courier (none, if a hand-made scenario names one it does not have).
            let only = (v < self.problem.vehicle_count()).then_some(v);
            return self.best_among(routes, job, mode, only);
        }
        let vehicles = 0..self.problem.vehicle_count();
        match self.problem.preferred_courier(job) {
            // Its preferred courier first: its price bounds the others', which then pay the
            // move charge and most stop at once.
            Some(first) => {
                let others = vehicles.filter(move |&v| v != first);
                self.best_among(routes, job, mode, std::iter::once(first).chain(others))
            }
            None => self.best_among(routes, job, mode, vehicles),
        }
    }

    /// The cheapest feasible insertion of `job` in any mode, tried first in the couriers
    /// near it (see [`Inserter::best_near`]), then, if none fits, in every courier.
    pub fn best_granular(&mut self, routes: &Routes, job: usize) -> Option<Insertion> {
        match self.best_near(routes, job) {
            None if self.granular(job) => self.best(routes, job, Mode::Anywhere),
            found => found,
        }
    }

    /// Whether [`Inserter::best_near`] prices `job` in some couriers only: on large problems
    /// (see [`PARAMS.granular_jobs`]), unless the job is pinned to its courier.
    pub fn granular(&self, job: usize) -> bool {
        self.problem.job_count() >= PARAMS.granular_jobs && self.problem.jobs[job].courier.is_none()
    }

    /// The cheapest feasible insertion of `job` worth making in the couriers near it: those
    /// last seen serving its neighbours, and idle ones (on small problems, or for a pinned
    /// job, in every courier it may go with).
    pub fn best_near(&mut self, routes: &Routes, job: usize) -> Option<Insertion> {
        let p = self.problem;
        if !self.granular(job) {
            return self.best(routes, job, Mode::Anywhere);
        }
        self.stamp += 1;
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        if let Some(first) = p.preferred_courier(job) {
            self.seen[first] = self.stamp;
            candidates.push(first);
        }
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
        found
    }

    /// The cheapest feasible insertion of `job` into one of `vehicles` worth making, if any.
    /// Of idle vehicles only the first of each class is tried: the others would cost the
    /// same.
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
            let bound = best.map_or(job_value(self.problem, job), |b| b.cost);
            if let Some(found) = self.best_in_vehicle(routes, v, job, mode, bound) {
                best = Some(found);
            }
        }
        best
    }

    /// The cheapest feasible insertion of `job` into vehicle `v` costing less than `bound`,
    /// the move charge of serving it by `v` included.
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
        // A move charge that already reaches the bound leaves nothing to price (a charge of
        // 0 never stops it: the positions are scanned, and their work counted, as ever).
        let charge = move_charge(p, job, v);
        if vehicle.capacity[j.item] < j.quantity
            || !p.fits(job, v)
            || (charge > 0.0 && charge >= bound - EPS)
        {
            return None;
        }
        let m = p.matrix;
        let trips = &routes.trips[v];
        match std::mem::replace(&mut self.stale[v], Stale::No) {
            Stale::No => {}
            Stale::Inserted { trip, position } => {
                self.caches[v].inserted(p, v, trips, trip, position)
            }
            Stale::Rebuild => self.caches[v].reread(p, v, trips),
        }
        let current = *self.caches[v].cost();
        // The move charge is the same at every position: taken off the route's cost now, it
        // is in every candidate's cost change.
        let current_cost = cost_of(p, &current) - charge;
        let others = self.others_longest(v);
        let cache = &mut self.caches[v];
        // Under `balanced` the first feasible position by distance may lengthen the longest
        // day where a later one does not: keep looking while the distance bound allows.
        let additive = p.objective != Objective::Balanced;
        // Read in place: a summary copied for each of the many vehicles tried costs more
        // than the scan of a short route.
        if !matches!(self.alone, Some((k, _)) if k == job) {
            self.alone = Some((job, Stops::job(p, job)));
        }
        let alone = &self.alone.as_ref().expect("just made").1;
        let mut best = None;
        if mode == Mode::Anywhere {
            // Within a trip, a feasible insertion costs exactly its distance change: price
            // the positions cheapest first and stop at the first feasible one.
            let mut positions = std::mem::take(&mut self.positions);
            positions.clear();
            for (t, trip) in trips.iter().enumerate() {
                if j.kitchen.is_some_and(|k| k != trip.kitchen) || trip.jobs.is_empty() {
                    continue;
                }
                let excess = cache.excess_with(p, v, t, j.item, u64::from(j.quantity));
                if excess > 0.0 {
                    continue;
                }
                // Scanning positions is work too (one unit each): long routes cost more.
                self.work += trip.jobs.len() as u64 + 1;
                let scan = Detours {
                    problem: p,
                    vehicle: v,
                    job: alone,
                    trip: (t, trip),
                    orders: cache.start_bounds(p, v, &trip.jobs, t),
                    bound,
                };
                match m.distances(v) {
                    Distances::Wide(d) => scan.push(d, &mut self.blinks, &mut positions),
                    Distances::Narrow(d) => scan.push(d, &mut self.blinks, &mut positions),
                }
            }
            cheapest_first(&mut positions);
            for &(delta, t, pos) in &positions {
                if delta >= bound - EPS {
                    break;
                }
                // Merging the runs finds most infeasible positions the scan's quick bound
                // let through before the route is priced: a run with time warp stays
                // infeasible in any route.
                self.work += 1;
                let n = trips[t].jobs.len();
                if pos > 0 {
                    cache.make_prefix(p, v, &trips[t].jobs, t, pos - 1);
                }
                if pos < n {
                    cache.make_suffix(p, v, &trips[t].jobs, t, pos);
                }
                let before = (pos > 0).then(|| cache.prefix(t, pos - 1));
                let after = (pos < n).then(|| cache.suffix(t, pos));
                debug_assert!(
                    before.is_none_or(|b| b.may_precede(p, v, alone))
                        && after.is_none_or(|a| alone.may_precede(p, v, a)),
                    "the scan's quick bound reads the summaries' numbers"
                );
                let mut stops = *alone;
                if let Some(before) = before {
                    stops = before.then(p, v, &stops);
                }
                if let Some(after) = after.filter(|_| stops.warp() <= EPS) {
                    stops = stops.then(p, v, after);
                }
                if stops.warp() > EPS {
                    continue;
                }
                // A route the timing around the trip tells late costs a unit; a price, one
                // per trip in all (so where no timing is kept the charge is as it was).
                self.work += 1;
                if !cache.may_replace(p, v, t, &stops) {
                    continue;
                }
                self.work += trips.len() as u64 - 1;
                let new = NewTrip {
                    kitchen: trips[t].kitchen,
                    stops: Some(stops),
                    load_excess: 0.0,
                };
                let priced = cache.replaced(p, v, t, &new);
                let priced = priced.unwrap_or_else(|| cache.price(p, v, &[(t, &new)], None));
                let found = consider(
                    p,
                    &priced,
                    (&current, current_cost, others),
                    Insertion {
                        vehicle: v,
                        trip: t,
                        position: pos,
                        new_trip: None,
                        cost: 0.0,
                        route: RouteCost::default(),
                    },
                    &mut bound,
                    &mut best,
                );
                if found && additive {
                    break;
                }
            }
            self.positions = positions;
        }
        let used = trips.iter().filter(|t| !t.jobs.is_empty()).count();
        if used < vehicle.max_trips as usize {
            for k in p.allowed_kitchens(job) {
                let out_and_back = m.distance(v, k, j.site) + m.distance(v, j.site, k);
                let lower = route_cost(p, current.trips + 1, current.distance + out_and_back)
                    - current_cost;
                if lower >= bound - EPS {
                    continue;
                }
                let new = NewTrip {
                    kitchen: k,
                    stops: Some(*alone),
                    load_excess: 0.0,
                };
                let trip = TripEval::new(p, v, k, alone);
                for t in 0..=trips.len() {
                    // Charged as above: a unit for the timing, then one per trip.
                    self.work += 1;
                    if !cache.may_add(p, v, t, k, &trip) {
                        continue;
                    }
                    self.work += trips.len() as u64;
                    if !trip.may_be_feasible() {
                        continue;
                    }
                    let priced = cache.price(p, v, &[], Some((t, &new)));
                    consider(
                        p,
                        &priced,
                        (&current, current_cost, others),
                        Insertion {
                            vehicle: v,
                            trip: t,
                            position: 0,
                            new_trip: Some(k),
                            cost: 0.0,
                            route: RouteCost::default(),
                        },
                        &mut bound,
                        &mut best,
                    );
                }
            }
        }
        best
    }

    /// The cheapest insertion of `job` under `penalties` (HGS's repair of a crossover's
    /// child): at any place of any courier that may carry it, or as a new trip (idle
    /// couriers once per class), its route's excess load, time warp and ride excess priced,
    /// so it may break those rules. `None` where every place breaks a rule no penalty
    /// prices (kitchens, trips, skills, pinning, a load no trip of the courier could carry)
    /// or costs more than the job is worth. The routes may then break rules: the feasible
    /// insertions ([`Inserter::best`] and the like) still price them, but never choose a
    /// route breaking one (an order more never makes it keep the rule).
    pub fn best_penalised(
        &mut self,
        routes: &Routes,
        job: usize,
        penalties: &Penalties,
    ) -> Option<Insertion> {
        let p = self.problem;
        let j = &p.jobs[job];
        let alone = Stops::job(p, job);
        let mut bound = job_value(p, job);
        let mut best = None;
        self.idle_tried.clear();
        for v in 0..p.vehicle_count() {
            let charge = move_charge(p, job, v);
            if p.scenario.fleet[v].capacity[j.item] < j.quantity
                || !p.fits(job, v)
                || (charge > 0.0 && charge >= bound - EPS)
            {
                continue;
            }
            let trips = &routes.trips[v];
            if trips.is_empty() {
                let class = p.vehicle_class[v];
                if self.idle_tried.contains(&class) {
                    continue;
                }
                self.idle_tried.push(class);
            }
            match std::mem::replace(&mut self.stale[v], Stale::No) {
                Stale::No => {}
                Stale::Inserted { trip, position } => {
                    self.caches[v].inserted(p, v, trips, trip, position)
                }
                Stale::Rebuild => self.caches[v].reread(p, v, trips),
            }
            let current = *self.caches[v].cost();
            let Some(current_cost) = penalties.route_cost(p, &current) else {
                continue;
            };
            let current_cost = current_cost - charge;
            let others = self.others_longest(v);
            let cache = &mut self.caches[v];
            // Places by their distance change, a lower bound of the penalised change (a stop
            // more adds no trip and takes away no excess, warp or ride).
            let mut positions = std::mem::take(&mut self.positions);
            positions.clear();
            for (t, trip) in trips.iter().enumerate() {
                if j.kitchen.is_some_and(|k| k != trip.kitchen) || trip.jobs.is_empty() {
                    continue;
                }
                self.work += trip.jobs.len() as u64 + 1;
                let mut before = trip.kitchen;
                for pos in 0..=trip.jobs.len() {
                    let after = trip.jobs.get(pos).map_or(trip.kitchen, |&k| p.jobs[k].site);
                    let delta = p.matrix.distance(v, before, j.site)
                        + p.matrix.distance(v, j.site, after)
                        - p.matrix.distance(v, before, after);
                    if delta < bound - EPS {
                        positions.push((delta, t, pos));
                    }
                    before = after;
                }
            }
            cheapest_first(&mut positions);
            let mut consider = |priced: RouteCost, place: Insertion, bound: &mut f64| {
                let Some(cost) = penalties.route_cost(p, &priced) else {
                    return;
                };
                let cost = cost - current_cost
                    + longest_day_change(p, others, current.duration, priced.duration);
                if cost < *bound - EPS {
                    *bound = cost;
                    best = Some(Insertion {
                        cost,
                        route: priced,
                        ..place
                    });
                }
            };
            for &(delta, t, pos) in &positions {
                if delta >= bound - EPS {
                    break;
                }
                let jobs = &trips[t].jobs;
                self.work += 1 + trips.len() as u64;
                let mut stops = alone;
                if pos > 0 {
                    cache.make_prefix(p, v, jobs, t, pos - 1);
                    stops = cache.prefix(t, pos - 1).then(p, v, &stops);
                }
                if pos < jobs.len() {
                    cache.make_suffix(p, v, jobs, t, pos);
                    stops = stops.then(p, v, cache.suffix(t, pos));
                }
                let new = NewTrip {
                    kitchen: trips[t].kitchen,
                    stops: Some(stops),
                    load_excess: cache.excess_with(p, v, t, j.item, u64::from(j.quantity)),
                };
                let priced = cache.price(p, v, &[(t, &new)], None);
                let place = Insertion {
                    vehicle: v,
                    trip: t,
                    position: pos,
                    new_trip: None,
                    cost: 0.0,
                    route: RouteCost::default(),
                };
                consider(priced, place, &mut bound);
            }
            self.positions = positions;
            let used = trips.iter().filter(|t| !t.jobs.is_empty()).count();
            if used < p.scenario.fleet[v].max_trips as usize {
                for k in p.allowed_kitchens(job) {
                    let new = NewTrip {
                        kitchen: k,
                        stops: Some(alone),
                        load_excess: 0.0,
                    };
                    for t in 0..=trips.len() {
                        self.work += 1 + trips.len() as u64;
                        let priced = cache.price(p, v, &[], Some((t, &new)));
                        let place = Insertion {
                            vehicle: v,
                            trip: t,
                            position: 0,
                            new_trip: Some(k),
                            cost: 0.0,
                            route: RouteCost::default(),
                        };
                        consider(priced, place, &mut bound);
                    }
                }
            }
        }
        best
    }

    /// Carries out `insertion` of `job` (found by this inserter on these routes) and updates
    /// the prices.
    pub fn apply(&mut self, routes: &mut Routes, job: usize, insertion: &Insertion) {
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
        // The price was the route's exact evaluation (the same summaries merged in another
        // order): take it, and re-read the route only when it is next examined.
        self.caches[v].assume(insertion.route);
        self.days = None;
        self.stale[v] = match (self.stale[v], insertion.new_trip) {
            (Stale::No, None) => Stale::Inserted {
                trip: insertion.trip,
                position: insertion.position,
            },
            _ => Stale::Rebuild,
        };
        routes.unassigned.retain(|&u| u != job);
        self.note_jobs(routes, v);
    }
}

/// How far a vehicle's cache is behind its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stale {
    /// Up to date.
    No,
    /// One order was inserted at this place since.
    Inserted { trip: usize, position: usize },
    /// Anything else: rebuild.
    Rebuild,
}

/// Sorts candidate positions (distance change, trip, position), pushed in trip and position
/// order, by distance change, then trip and position. Most lists are a few positions long:
/// an insertion sort on the distance change alone (stable, so ties stay in trip and position
/// order) costs a fraction of the general sort's set-up; long lists take the general sort,
/// with the same order.
fn cheapest_first(positions: &mut [(f64, usize, usize)]) {
    if positions.len() > 64 {
        positions.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        return;
    }
    for i in 1..positions.len() {
        let x = positions[i];
        let mut k = i;
        while k > 0 && x.0.total_cmp(&positions[k - 1].0).is_lt() {
            positions[k] = positions[k - 1];
            k -= 1;
        }
        positions[k] = x;
    }
}

/// The positions of one trip where inserting a job is worth pricing.
struct Detours<'t, 'p, 'a> {
    problem: &'p Problem<'a>,
    vehicle: usize,
    /// The job alone.
    job: &'t Stops,
    /// The trip's index and the trip.
    trip: (usize, &'t Trip),
    /// The trip's orders as the quick bound reads them.
    orders: &'t [StartBound],
    /// Detours from this one on are not worth pricing.
    bound: f64,
}

impl Detours<'_, '_, '_> {
    /// Pushes `(detour, trip, position)` for each position of the trip whose detour beats the
    /// bound (and is not blinked) and whose quick time bound holds: the job can start after
    /// the order before it, and the order after it after the job ([`may_follow`], as
    /// [`Stops::may_precede`] on the summaries). Reads the courier's distance table `dist`
    /// (one copy per table width, so that the loop reads the table directly).
    fn push<T: Copy + Into<f64>>(
        &self,
        dist: &[T],
        blinks: &mut Option<(f64, Rng)>,
        positions: &mut Vec<(f64, usize, usize)>,
    ) {
        let (p, v, job, (t, trip)) = (self.problem, self.vehicle, self.job, self.trip);
        let site = job.first_site;
        let n = p.matrix.sites();
        let from_job = &dist[site * n..(site + 1) * n];
        // The row of the site before the position, read in place (no slice per position).
        let mut prev = trip.kitchen * n;
        let mut before: Option<&StartBound> = None;
        for pos in 0..=self.orders.len() {
            let next = self.orders.get(pos);
            let next_site = next.map_or(trip.kitchen, |o| o.site);
            let delta = dist[prev + site].into() + from_job[next_site].into()
                - dist[prev + next_site].into();
            if delta < self.bound - EPS
                && !blink(blinks)
                && before.is_none_or(|b| {
                    may_follow(p, v, (b.site, b.service, b.early), (site, job.time.late))
                })
                && next.is_none_or(|o| {
                    may_follow(
                        p,
                        v,
                        (site, job.last_service, job.last_early),
                        (o.site, o.late),
                    )
                })
            {
                positions.push((delta, t, pos));
            }
            before = next;
            prev = next_site * n;
        }
    }
}

/// Whether to skip the next candidate (a blink).
fn blink(blinks: &mut Option<(f64, Rng)>) -> bool {
    match blinks {
        Some((rate, rng)) => rng.unit() < *rate,
        None => false,
    }
}

/// The objective's cost of a route the core priced (infinite if it breaks a rule).
fn cost_of(problem: &Problem, cost: &RouteCost) -> f64 {
    if cost.feasible() {
        route_cost(problem, cost.trips, cost.distance)
    } else {
        f64::INFINITY
    }
}

/// Keeps `candidate` in `best` if the route it makes (`priced`) is feasible and its cost
/// increase beats `bound`. `current` is the route before, its cost, and the longest day of
/// the other routes. Returns whether it was feasible.
fn consider(
    problem: &Problem,
    priced: &RouteCost,
    current: (&RouteCost, f64, f64),
    candidate: Insertion,
    bound: &mut f64,
    best: &mut Option<Insertion>,
) -> bool {
    if !priced.feasible() {
        return false;
    }
    let (before, current_cost, others) = current;
    let cost = route_cost(problem, priced.trips, priced.distance) - current_cost
        + longest_day_change(problem, others, before.duration, priced.duration);
    if cost < *bound - EPS {
        *bound = cost;
        *best = Some(Insertion {
            cost,
            route: *priced,
            ..candidate
        });
    }
    true
}

/// Inserts `jobs` one by one, in the given order, each where it costs least; jobs that fit
/// nowhere (or nowhere worth it: see [`job_value`]) are left unassigned. The simplest
/// construction. Returns the work done (the search's units).
///
/// On large problems (see [`Inserter::best_near`]) a first pass prices each job only in the
/// couriers near it, and a second pass the jobs it left in every courier.
pub(crate) fn greedy(problem: &Problem, routes: &mut Routes, jobs: &[usize], mode: Mode) -> u64 {
    insert_all(problem, routes, jobs, mode, None, false)
}

/// The search's construction: as [`greedy`], but once the clock passes `deadline` the
/// remaining jobs are not inserted (they stay unassigned: the routes stay feasible, only
/// shorter), and the second pass is skipped when the first left more than
/// [`PARAMS.short_fleet`] of the jobs. Then the fleet is short, and fitting the leftovers
/// into far couriers' days costs the time of several near jobs that the search would serve
/// instead (measured on an overloaded city of 10,000 orders, benches/RESULTS.md).
pub(crate) fn greedy_until(
    problem: &Problem,
    routes: &mut Routes,
    jobs: &[usize],
    mode: Mode,
    deadline: Option<Instant>,
) -> u64 {
    insert_all(problem, routes, jobs, mode, deadline, true)
}

fn insert_all(
    problem: &Problem,
    routes: &mut Routes,
    jobs: &[usize],
    mode: Mode,
    deadline: Option<Instant>,
    short_fleet: bool,
) -> u64 {
    let mut inserter = Inserter::new(problem, routes);
    let mut left = Vec::new();
    for &job in jobs {
        if past(deadline) {
            return inserter.work;
        }
        let found = match mode {
            Mode::Anywhere => inserter.best_near(routes, job),
            Mode::NewTripOnly => inserter.best(routes, job, mode),
        };
        match found {
            Some(insertion) => inserter.apply(routes, job, &insertion),
            None if mode == Mode::Anywhere && inserter.granular(job) => left.push(job),
            None => {}
        }
    }
    if short_fleet && left.len() as f64 > PARAMS.short_fleet * jobs.len() as f64 {
        return inserter.work;
    }
    for job in left {
        if past(deadline) {
            break;
        }
        if let Some(insertion) = inserter.best(routes, job, mode) {
            inserter.apply(routes, job, &insertion);
        }
    }
    inserter.work
}
