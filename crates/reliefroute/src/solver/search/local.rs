//! The move loop of the local search: each job against its granular neighbours, trying the
//! [`operators`] in order, first improvement, until no move improves; then, when on, SWAP*
//! between pairs of trips ([`SwapStar`]), and the node moves again while it improves.
//!
//! It knows no operator: each one prices its move in O(1) from the touched vehicles' cached
//! summaries ([`RouteCache`]), and the loop applies the first that improves and re-reads the
//! touched vehicles.

use std::collections::VecDeque;
use std::time::Instant;

use super::operators::{cost_of, operators, trip_moves, Loc, Operator, SwapStar, View};
use crate::model::Objective;
use crate::solver::eval::{
    longest_day_cost, route_move_charge, LongestDays, Penalties, RouteCache, EPS,
};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::{evaluation_work, Routes};
use crate::solver::strategy::past;

/// How often an operator was tried and applied (for tuning).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OperatorStats {
    pub evaluated: u64,
    pub applied: u64,
}

/// A reusable local search over one problem.
///
/// [`LocalSearch::run`] passes over every job until nothing improves. [`LocalSearch::run_from`]
/// works through a queue of jobs instead (don't-look bits): only the jobs of the vehicles
/// changed since the last run are queued, and a job comes back when a move changes its
/// vehicle, so the cost follows the size of the change, not of the whole solution.
pub(crate) struct LocalSearch<'p, 'a> {
    problem: &'p Problem<'a>,
    operators: Vec<Box<dyn Operator>>,
    /// Per operator, in the order of `operators`.
    stats: Vec<OperatorStats>,
    loc: Vec<Option<Loc>>,
    caches: Vec<RouteCache>,
    /// Scratch for the jobs a move carries, so moves allocate nothing once it has grown.
    spare: Vec<usize>,
    /// Jobs to examine, and whether each job is in the queue.
    queue: VecDeque<usize>,
    queued: Vec<bool>,
    /// Vehicles changed by the last run, and whether each vehicle is in that list.
    changed: Vec<usize>,
    is_changed: Vec<bool>,
    order: Vec<usize>,
    /// The longest working days, kept under the `balanced` objective.
    days: LongestDays,
    /// With prices, moves may cross plans over capacity or with time warp or ride excess
    /// (see [`View::penalties`]); `None` (the default): every move keeps every rule.
    pub penalties: Option<Penalties>,
    /// How many of each job's nearest neighbours it tries (all the problem keeps, unless
    /// set lower).
    pub granularity: usize,
    /// Whether [`LocalSearch::run`] skips the pairs of jobs whose routes are unchanged since
    /// it last examined the first (Vidal's HGS: the same moves, priced the same, still do
    /// not improve; never under `balanced`, where the other routes' days count too).
    pub skip_unchanged: bool,
    /// Per vehicle and per job, [`LocalSearch::run`]'s clock of its last change and last
    /// examination.
    modified: Vec<u64>,
    tested: Vec<u64>,
    /// SWAP* between pairs of trips after the node moves, when set (see
    /// [`LocalSearch::use_swap_star`]); with, per vehicle, the clock of its trips' last
    /// SWAP* examination.
    swap_star: Option<SwapStar>,
    swap_tested: Vec<u64>,
    /// Whole-trip moves between and within couriers after the node moves and SWAP*, when
    /// set (see [`trip_moves::pay`]); with, per vehicle, the clock of its last examination
    /// for them.
    trip_moves: bool,
    trip_tested: Vec<u64>,
    /// Work done, in stops evaluated (the search's deterministic clock).
    pub work: u64,
    /// Neighbour pairs tried, kept out of `work`: most moves are rejected by their distance
    /// alone, at no charge, which a run on every new best (`search`) can afford, but not a
    /// full run on every child (`genetic`, which charges them).
    pub pairs: u64,
}

impl<'p, 'a> LocalSearch<'p, 'a> {
    /// A local search for `problem`.
    pub fn new(problem: &'p Problem<'a>) -> Self {
        let operators = operators();
        LocalSearch {
            problem,
            stats: vec![OperatorStats::default(); operators.len()],
            operators,
            loc: vec![None; problem.job_count()],
            caches: vec![RouteCache::default(); problem.vehicle_count()],
            spare: Vec::new(),
            queue: VecDeque::new(),
            queued: vec![false; problem.job_count()],
            changed: Vec::new(),
            is_changed: vec![false; problem.vehicle_count()],
            order: (0..problem.job_count()).collect(),
            days: LongestDays::default(),
            penalties: None,
            granularity: usize::MAX,
            skip_unchanged: false,
            modified: vec![0; problem.vehicle_count()],
            tested: vec![0; problem.job_count()],
            swap_star: None,
            swap_tested: vec![0; problem.vehicle_count()],
            trip_moves: trip_moves::pay(problem),
            trip_tested: vec![0; problem.vehicle_count()],
            work: 0,
            pairs: 0,
        }
    }

    /// Makes [`LocalSearch::run`] try SWAP* between pairs of trips whenever the node moves
    /// find nothing (as HGS does), until neither improves.
    pub fn use_swap_star(&mut self) {
        self.swap_star = Some(SwapStar::new(self.problem));
    }

    /// Improves `routes` (feasible, unless [`LocalSearch::penalties`] are set) until no move
    /// of any kind improves it: passes over all jobs in random order until a pass changes
    /// nothing (then SWAP*'s pass over pairs of trips, if on, and again while it changes
    /// something), or until the clock reaches `deadline` (checked before each job;
    /// `routes` then stays feasible, partly improved).
    pub fn run(&mut self, routes: &mut Routes, rng: &mut Rng, deadline: Option<Instant>) {
        self.reset(routes);
        // Moves since the run began (from 1), when each vehicle was last changed and when
        // each job, or each vehicle's trips for SWAP*, was last examined (0: never).
        let mut clock = 1u64;
        self.modified.fill(0);
        self.tested.fill(0);
        self.swap_tested.fill(0);
        let skip = self.skip_unchanged && self.problem.objective != Objective::Balanced;
        let mut improved = true;
        while improved {
            improved = false;
            rng.shuffle(&mut self.order);
            for i in 0..self.order.len() {
                if past(deadline) {
                    return;
                }
                let u = self.order[i];
                let last = std::mem::replace(&mut self.tested[u], clock);
                for n in 0..self.problem.neighbours[u].len().min(self.granularity) {
                    let Some(lu) = self.loc[u] else {
                        break;
                    };
                    let w = self.problem.neighbours[u][n] as usize;
                    let Some(lw) = self.loc[w] else {
                        continue;
                    };
                    // Both routes as when `u` was last examined: every move prices the same.
                    if skip && last > 0 && self.modified[lu.v].max(self.modified[lw.v]) <= last {
                        continue;
                    }
                    if self.try_moves(routes, u, w) {
                        clock += 1;
                        self.modified[lu.v] = clock;
                        self.modified[lw.v] = clock;
                        improved = true;
                    }
                }
            }
            if !improved && self.swap_star.is_some() {
                improved = self.swap_star_pass(routes, &mut clock, skip, deadline);
            }
            if !improved && self.trip_moves {
                improved = self.trip_pass(routes, &mut clock, skip, deadline);
            }
        }
    }

    /// One pass of whole-trip moves over every pair of couriers (a courier with itself: its
    /// trips' order), with `skip` only those of which one changed since the first was last
    /// examined; applies each pair's best move if it improves. Returns whether one did
    /// (false once the clock reaches `deadline`, checked before each courier's pairs).
    fn trip_pass(
        &mut self,
        routes: &mut Routes,
        clock: &mut u64,
        skip: bool,
        deadline: Option<Instant>,
    ) -> bool {
        let vehicles = self.problem.vehicle_count();
        let mut improved = false;
        for a in 0..vehicles {
            if past(deadline) {
                return false;
            }
            if routes.trips[a].is_empty() {
                continue;
            }
            let last = std::mem::replace(&mut self.trip_tested[a], *clock);
            for b in 0..vehicles {
                let unchanged = last > 0 && self.modified[a].max(self.modified[b]) <= last;
                // Pairs with an idle courier are taken from the busy side only.
                if (b < a && !routes.trips[b].is_empty()) || (skip && unchanged) {
                    continue;
                }
                let mut view = View::new(
                    self.problem,
                    routes,
                    &self.caches,
                    self.days,
                    self.penalties,
                );
                let found = trip_moves::best(&mut view, a, b);
                self.work += view.work;
                let Some((mv, delta)) = found else {
                    continue;
                };
                self.carry_out(routes, (a, b), delta, "a whole-trip move", |r| {
                    trip_moves::apply(r, &mv)
                });
                *clock += 1;
                self.modified[a] = *clock;
                self.modified[b] = *clock;
                improved = true;
                if routes.trips[a].is_empty() {
                    break;
                }
            }
        }
        improved
    }

    /// One SWAP* pass over the pairs of trips whose sectors overlap (with `skip`, only those
    /// of which a vehicle changed since the first one's trips were last examined); applies
    /// each improving move found. Returns whether one was (false once the clock reaches
    /// `deadline`, checked before each vehicle's pairs).
    fn swap_star_pass(
        &mut self,
        routes: &mut Routes,
        clock: &mut u64,
        skip: bool,
        deadline: Option<Instant>,
    ) -> bool {
        let Some(mut star) = self.swap_star.take() else {
            return false;
        };
        let vehicles = self.problem.vehicle_count();
        let mut improved = false;
        for a in 0..vehicles {
            if past(deadline) {
                improved = false;
                break;
            }
            if routes.trips[a].is_empty() {
                continue;
            }
            let last = std::mem::replace(&mut self.swap_tested[a], *clock);
            for b in a..vehicles {
                let unchanged = last > 0 && self.modified[a].max(self.modified[b]) <= last;
                if routes.trips[b].is_empty() || (skip && unchanged) {
                    continue;
                }
                let mut ta = 0;
                while ta < routes.trips[a].len() {
                    let mut tb = if b == a { ta + 1 } else { 0 };
                    while tb < routes.trips[b].len() && ta < routes.trips[a].len() {
                        let at = |v, t| Loc { v, t, pos: 0 };
                        let (la, lb) = (at(a, ta), at(b, tb));
                        let near = match (star.sector(routes, a, ta), star.sector(routes, b, tb)) {
                            (Some(x), Some(y)) => x.overlaps(&y),
                            _ => false,
                        };
                        if near && self.swap_star_move(&mut star, routes, la, lb) {
                            *clock += 1;
                            self.modified[a] = *clock;
                            self.modified[b] = *clock;
                            improved = true;
                        }
                        tb += 1;
                    }
                    ta += 1;
                }
            }
        }
        self.swap_star = Some(star);
        improved
    }

    /// Makes SWAP*'s best move between the trips at `a` and `b` if it improves; returns
    /// whether it did.
    fn swap_star_move(&mut self, star: &mut SwapStar, routes: &mut Routes, a: Loc, b: Loc) -> bool {
        let mut view = View::new(
            self.problem,
            routes,
            &self.caches,
            self.days,
            self.penalties,
        );
        let found = star.best(&mut view, a, b);
        self.work += view.work;
        let Some((mv, delta)) = found else {
            return false;
        };
        self.carry_out(routes, (a.v, b.v), delta, "SWAP*", |r| {
            SwapStar::apply(r, &mv)
        });
        true
    }

    /// Makes a move between vehicles `a` and `b` that `what` priced at `delta` (`apply`
    /// carries it out) and re-reads them; debug builds check that the routes re-read cost
    /// what was priced.
    fn carry_out(
        &mut self,
        routes: &mut Routes,
        (a, b): (usize, usize),
        delta: f64,
        what: &str,
        apply: impl FnOnce(&mut Routes),
    ) {
        // Only the debug check below reads it: release builds skip the walk.
        let old = if cfg!(debug_assertions) {
            self.pair_cost(routes, a, b)
        } else {
            0.0
        };
        apply(routes);
        self.reindex_pair(routes, a, b);
        debug_assert!(
            {
                let new = self.pair_cost(routes, a, b);
                (new - old - delta).abs() <= 1e-6 * (1.0 + old.abs())
            },
            "{what} priced its move at {delta}, the routes re-read differ"
        );
    }

    /// Drops the trips a move emptied in vehicles `a` and `b` and re-reads them.
    fn reindex_pair(&mut self, routes: &mut Routes, a: usize, b: usize) {
        for v in [a, b] {
            routes.trips[v].retain(|t| !t.jobs.is_empty());
        }
        self.index(routes, a);
        self.work += evaluation_work(&routes.trips[a]);
        if b != a {
            self.index(routes, b);
            self.work += evaluation_work(&routes.trips[b]);
        }
        self.note_days();
    }

    /// Improves `routes` starting from the jobs of `vehicles`, until no move improves.
    ///
    /// `routes` must be feasible and equal to the result of this search's last run except
    /// in `vehicles` and in which jobs are unassigned: only those are re-read, so the cost
    /// follows the size of the change.
    pub fn run_from(&mut self, routes: &mut Routes, vehicles: &[usize]) {
        self.forget_changes();
        for &j in &routes.unassigned {
            self.loc[j] = None;
        }
        for &v in vehicles {
            self.index(routes, v);
            self.work += evaluation_work(&routes.trips[v]);
        }
        self.note_days();
        for &v in vehicles {
            self.enqueue(routes, v);
        }
        self.drain(routes);
    }

    /// The vehicles the last run changed (in the order they were first changed).
    pub fn changed(&self) -> &[usize] {
        &self.changed
    }

    /// Forgets the last run and indexes `routes` afresh.
    fn reset(&mut self, routes: &Routes) {
        self.forget_changes();
        // Jobs unassigned since the last run must have no location.
        self.loc.iter_mut().for_each(|l| *l = None);
        for v in 0..self.problem.vehicle_count() {
            self.index(routes, v);
        }
        self.note_days();
        self.work += routes.trips.iter().map(|t| evaluation_work(t)).sum::<u64>();
    }

    fn forget_changes(&mut self) {
        for &v in &self.changed {
            self.is_changed[v] = false;
        }
        self.changed.clear();
    }

    /// Queues the jobs of vehicle `v` that are not queued yet.
    fn enqueue(&mut self, routes: &Routes, v: usize) {
        for trip in &routes.trips[v] {
            for &j in &trip.jobs {
                if !std::mem::replace(&mut self.queued[j], true) {
                    self.queue.push_back(j);
                }
            }
        }
    }

    /// Examines queued jobs until the queue is empty.
    fn drain(&mut self, routes: &mut Routes) {
        while let Some(u) = self.queue.pop_front() {
            self.queued[u] = false;
            for n in 0..self.problem.neighbours[u].len().min(self.granularity) {
                if self.loc[u].is_none() {
                    break;
                }
                let w = self.problem.neighbours[u][n] as usize;
                let Some(lw) = self.loc[w] else {
                    continue;
                };
                let lu = self.loc[u].unwrap_or(lw);
                if self.try_moves(routes, u, w) {
                    for v in [lu.v, lw.v] {
                        if !std::mem::replace(&mut self.is_changed[v], true) {
                            self.changed.push(v);
                        }
                        self.enqueue(routes, v);
                    }
                }
            }
        }
    }

    /// Each operator's name and statistics since this search was made.
    #[cfg(test)]
    pub fn stats(&self) -> impl Iterator<Item = (&'static str, OperatorStats)> + '_ {
        self.operators
            .iter()
            .zip(&self.stats)
            .map(|(op, stats)| (op.name(), *stats))
    }

    /// Re-reads the longest working days from the caches (under `balanced` only).
    fn note_days(&mut self) {
        if self.problem.objective == Objective::Balanced {
            self.days = LongestDays::of(self.caches.iter().map(|c| c.cost().duration));
        }
    }

    fn index(&mut self, routes: &Routes, v: usize) {
        for (t, trip) in routes.trips[v].iter().enumerate() {
            for (pos, &j) in trip.jobs.iter().enumerate() {
                self.loc[j] = Some(Loc { v, t, pos });
            }
        }
        self.caches[v].rebuild(self.problem, v, &routes.trips[v]);
    }

    /// Tries every operator on `u` towards `w`; applies the first that improves.
    fn try_moves(&mut self, routes: &mut Routes, u: usize, w: usize) -> bool {
        let (lu, lw) = match (self.loc[u], self.loc[w]) {
            (Some(a), Some(b)) => (a, b),
            _ => return false,
        };
        self.pairs += 1;
        let mut view = View::new(
            self.problem,
            routes,
            &self.caches,
            self.days,
            self.penalties,
        );
        let mut found = None;
        for (i, op) in self.operators.iter().enumerate() {
            let before = view.work;
            let delta = op.evaluate(&mut view, lu, lw);
            if view.work > before {
                self.stats[i].evaluated += 1;
            }
            if let Some(d) = delta.filter(|&d| d < -EPS) {
                found = Some((i, d));
                break;
            }
        }
        self.work += view.work;
        let Some((i, delta)) = found else {
            return false;
        };
        self.stats[i].applied += 1;
        // Lent out while the move is carried out (moving a Vec allocates nothing).
        let operators = std::mem::take(&mut self.operators);
        let mut spare = std::mem::take(&mut self.spare);
        let op = &operators[i];
        self.carry_out(routes, (lu.v, lw.v), delta, op.name(), |r| {
            op.apply(r, lu, lw, &mut spare)
        });
        (self.operators, self.spare) = (operators, spare);
        true
    }

    /// The objective's additive cost of vehicle `v`'s route as cached, its move charges
    /// included (infinite if it breaks a rule).
    fn cost(&self, routes: &Routes, v: usize) -> f64 {
        cost_of(self.problem, self.caches[v].cost(), self.penalties.as_ref())
            .unwrap_or(f64::INFINITY)
            + route_move_charge(self.problem, v, &routes.trips[v])
    }

    /// The cost of the routes of `u` and `w` (one route if they are the same) and of the
    /// longest day: what a move between them changes.
    fn pair_cost(&self, routes: &Routes, u: usize, w: usize) -> f64 {
        let other = if w != u { self.cost(routes, w) } else { 0.0 };
        self.cost(routes, u) + other + longest_day_cost(self.problem, self.days.longest())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;
    use crate::solver::eval::tests::{random_trips, scenario};
    use crate::solver::eval::{assess_plan, evaluate, total_cost, unserved_cost, Penalties};
    use crate::solver::routes::Trip;
    use crate::travel::TravelMatrix;

    /// The random trips made by courier 0 of two, every other order unassigned.
    fn first_courier(problem: &Problem, trips: Vec<Trip>) -> Routes {
        let mut routes = Routes::empty(2, problem.job_count());
        routes
            .unassigned
            .retain(|j| !trips.iter().any(|t| t.jobs.contains(j)));
        routes.trips[0] = trips;
        routes
    }

    /// On random feasible routes the move loop (with SWAP* in half the cases) only ever
    /// lowers the cost, keeps every route feasible and every job once, and counts what each
    /// operator did.
    #[test]
    fn the_move_loop_improves_feasible_routes_and_counts_each_operator() {
        let mut rng = Rng::new(23);
        let mut applied = std::collections::BTreeMap::new();
        for case in 0..400 {
            let scenario = scenario(&mut rng, case % 2 == 0, true);
            let matrix = TravelMatrix::straight_line(&scenario);
            let objective = [Objective::Distance, Objective::Balanced][case % 2];
            let problem = Problem::new(&scenario, &matrix, objective);
            let mut routes = first_courier(&problem, random_trips(&mut rng, &problem).0);
            // The whole objective, the longest day included under `balanced`.
            let cost = |routes: &Routes| -> Option<f64> {
                let feasible = (0..2).all(|v| evaluate(&problem, v, &routes.trips[v]).is_some());
                feasible.then(|| total_cost(&problem, routes) - unserved_cost(&problem, routes))
            };
            let Some(before) = cost(&routes) else {
                continue;
            };
            let mut ls = LocalSearch::new(&problem);
            if case % 4 < 2 {
                ls.use_swap_star();
            }
            ls.run(&mut routes, &mut rng, None);
            let after = cost(&routes).expect("still feasible");
            assert!(after <= before + 1e-9, "case {case}: {before} -> {after}");
            let all: Vec<usize> = (0..problem.job_count()).collect();
            assert_eq!(routes.every_job(), all, "case {case}");
            for (name, stats) in ls.stats() {
                assert!(stats.applied <= stats.evaluated, "{name}");
                *applied.entry(name).or_insert(0) += stats.applied;
            }
        }
        assert!(
            applied.values().filter(|&&n| n > 0).count() >= 4,
            "{applied:?}"
        );
    }

    /// A deadline already passed stops the search before its first move (the first local
    /// search of a chain on a large problem with a short budget): the routes stay as given.
    #[test]
    fn a_passed_deadline_stops_the_move_loop_before_any_move() {
        let mut rng = Rng::new(5);
        let mut improvable = 0;
        for case in 0..400 {
            let scenario = scenario(&mut rng, case % 2 == 0, true);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let mut routes = first_courier(&problem, random_trips(&mut rng, &problem).0);
            if evaluate(&problem, 0, &routes.trips[0]).is_none() {
                continue;
            }
            let given = routes.clone();
            LocalSearch::new(&problem).run(&mut routes, &mut rng, Some(Instant::now()));
            assert_eq!(routes, given, "case {case}");
            LocalSearch::new(&problem).run(&mut routes, &mut rng, None);
            improvable += usize::from(routes != given);
        }
        // Without the deadline the same routes do improve, so the stop is the deadline's.
        assert!(improvable >= 5, "{improvable}");
    }

    /// Whole-trip moves: a courier based at one kitchen makes a trip from the other, far
    /// away, whose own courier is idle (no node move can reach an idle courier). The move
    /// loop hands the trip to the idle courier, saving the two transfers, whether the
    /// couriers may make one trip or two (they differ by their bases, so the pass is on).
    #[test]
    fn an_idle_courier_takes_over_a_trip_from_its_own_kitchen() {
        use crate::model::{
            CourierSpec, OrderSpec, Rounding, Scenario, Site, SiteKind, TravelModel,
        };
        use geo::Coord;
        let city = |trips: u32| {
            let mut builder = Scenario::builder("two kitchens")
                .item("box")
                .travel(TravelModel::Planar(Rounding::Exact))
                .site(Site::new("K0", SiteKind::Kitchen, Coord { x: 0.0, y: 0.0 }))
                .site(Site::new(
                    "K1",
                    SiteKind::Kitchen,
                    Coord { x: 100.0, y: 0.0 },
                ));
            for (i, (x, y)) in [(103.0, 4.0), (106.0, 0.0), (103.0, -4.0)]
                .into_iter()
                .enumerate()
            {
                let kind = SiteKind::Other("door".to_string());
                builder = builder
                    .site(Site::new(format!("S{i}"), kind, Coord { x, y }))
                    .order(OrderSpec::new(format!("O{i}"), format!("S{i}"), "box", 1));
            }
            for (id, base) in [("A", "K0"), ("B", "K1")] {
                let courier = CourierSpec::new(id, base, 60.0)
                    .capacity("box", 5)
                    .max_trips(trips);
                builder = builder.courier(courier);
            }
            builder.build().expect("a valid scenario")
        };
        for trips in [1, 2] {
            let scenario = city(trips);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let jobs: Vec<usize> = (0..3).collect();
            let mut routes = Routes::empty(2, problem.job_count());
            routes.unassigned.clear();
            routes.trips[0] = vec![Trip {
                kitchen: 1,
                jobs: jobs.clone(),
            }];
            let before = total_cost(&problem, &routes);
            LocalSearch::new(&problem).run(&mut routes, &mut Rng::new(3), None);
            let after = total_cost(&problem, &routes);
            assert!(
                routes.trips[0].is_empty(),
                "{trips} trips: {:?}",
                routes.trips
            );
            assert_eq!(routes.trips[1].len(), 1);
            let mut served = routes.trips[1][0].jobs.clone();
            served.sort_unstable();
            assert_eq!(served, jobs);
            assert!((before - after - 200.0).abs() < 1e-6, "{before} -> {after}");
        }
    }

    /// With penalties the move loop (with SWAP* in half the cases) may cross routes over
    /// capacity or with time warp or ride excess: on random two-courier routes (most breaking a priced rule) it only ever
    /// lowers the penalised cost, never breaks another rule, keeps every job once, and skips
    /// only pairs that would not improve: a run that tries every pair afterwards finds no
    /// move. On feasible routes the plan's cost as assessed is `total_cost`'s.
    #[test]
    fn the_penalised_move_loop_lowers_the_penalised_cost_and_skips_only_idle_pairs() {
        let mut rng = Rng::new(29);
        let penalties = Penalties {
            load: 2.0,
            time: 0.5,
        };
        let (mut infeasible, mut improved, mut feasible) = (0, 0, 0);
        for case in 0..400 {
            let scenario = scenario(&mut rng, case % 2 == 0, true);
            let matrix = TravelMatrix::straight_line(&scenario);
            let objective = [Objective::Distance, Objective::CouriersFirst][case % 2];
            let problem = Problem::new(&scenario, &matrix, objective);
            let (first, mut rest) = random_trips(&mut rng, &problem);
            let mut routes = first_courier(&problem, first);
            rest.truncate(1 + rng.below(4));
            routes.unassigned.retain(|j| !rest.contains(j));
            routes.trips[1] = vec![Trip {
                kitchen: rng.below(2),
                jobs: rest,
            }];
            let priced = |routes: &Routes| {
                assess_plan(&problem, routes).map(|(cost, v)| cost + penalties.price(&v))
            };
            let Some(before) = priced(&routes) else {
                continue;
            };
            let (_, violations) = assess_plan(&problem, &routes).expect("assessed");
            if violations.none() {
                feasible += 1;
                let total = total_cost(&problem, &routes);
                assert!((priced(&routes).unwrap() - total).abs() <= 1e-6 * total.abs());
            } else {
                infeasible += 1;
            }
            let mut ls = LocalSearch::new(&problem);
            ls.penalties = Some(penalties);
            ls.skip_unchanged = true;
            ls.granularity = 1 + rng.below(6);
            if case % 4 < 2 {
                ls.use_swap_star();
            }
            let given = routes.clone();
            ls.run(&mut routes, &mut rng, None);
            let after = priced(&routes).expect("no unpriced rule broken");
            assert!(after <= before + 1e-6, "case {case}: {before} -> {after}");
            improved += usize::from(after < before - 1e-6 && routes != given);
            let all: Vec<usize> = (0..problem.job_count()).collect();
            assert_eq!(routes.every_job(), all, "case {case}");
            let settled = routes.clone();
            ls.skip_unchanged = false;
            ls.run(&mut routes, &mut rng, None);
            assert_eq!(routes, settled, "case {case}: a skipped pair improves");
        }
        assert!(
            infeasible >= 50 && feasible >= 10 && improved >= 50,
            "{infeasible} infeasible, {feasible} feasible, {improved} improved"
        );
    }
}
