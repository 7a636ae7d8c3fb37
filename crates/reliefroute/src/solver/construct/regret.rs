//! `regret`: regret-3 insertion, placing first the order that would lose most by waiting.

use super::settle_priorities;
use crate::model::Objective;
use crate::solver::eval::job_value;
use crate::solver::insertion::{Inserter, Mode};
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;
use crate::solver::strategy::{Budget, Strategy};

#[cfg(test)]
mod tests;

/// How many best couriers the regret compares.
const K: usize = 3;
/// Stand-in cost for a missing alternative, so orders with few options go first.
const MISSING: f64 = 1e12;
/// Marks a job served by no courier yet.
const NONE: u32 = u32::MAX;

/// Regret-k cheapest insertion (Potvin & Rousseau 1993), k = 3.
///
/// Each round inserts the pending order whose cost in its 2nd and 3rd best couriers exceeds
/// its best by most (higher priorities first; an optional order only where it is worth it).
/// An order is priced in the couriers near it (those serving one of its neighbours, on large
/// problems; every courier at work on small ones) and in the first idle courier of each
/// class, and keeps these prices: after an insertion only the orders priced in the changed
/// courier or near the inserted order are re-priced there, and every order when the longest
/// working day grew under the `balanced` objective. Orders left out get a last chance where
/// they fit, displacing lower priorities (see `settle_priorities`). Complexity per insertion:
/// `O(pending orders + re-priced orders * (options + trip positions * trip evaluation))`,
/// then `settle_priorities`' `O(orders left * couriers * insertion)` (most of the time on an
/// overloaded city: 17 of 21 s at 10,000 orders, benches/RESULTS.md); memory
/// `O(orders * (classes + couriers near))`.
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
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        insert_by_regret(problem, &mut routes, false);
        settle_priorities(problem, &mut routes);
        routes
    }
}

/// One priced option of an order: a courier at work (`at` below the fleet's size), or the
/// first idle member of a class (`at` = fleet size + the class's first vehicle); infinite
/// cost where the order does not fit. Of equal costs the courier priced first wins (see
/// `Board::turn`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Offer {
    at: u32,
    cost: f64,
}

/// Regret-3 insertion of every order into `routes` (empty), each priced in the couriers
/// near it when [`Inserter::granular`] says so or `all_near` (tests), else in every courier
/// at work; orders that fit in none of their options stay unassigned.
fn insert_by_regret(problem: &Problem, routes: &mut Routes, all_near: bool) {
    let mut board = Board::new(problem, routes, all_near);
    board.rebuild(routes);
    while let Some(job) = board.pick() {
        board.insert(routes, job);
    }
}

/// Whether order `a` goes before order `b`, each as (order, regret, best cost): the higher
/// priority, then the larger regret, then the cheaper (else the one met first).
fn goes_before(problem: &Problem, a: (usize, f64, f64), b: (usize, f64, f64)) -> bool {
    let ((j, regret, best), (other, other_regret, other_best)) = (a, b);
    let (priority, theirs) = (problem.jobs[j].priority, problem.jobs[other].priority);
    priority > theirs
        || (priority == theirs
            && (regret > other_regret + 1e-9
                || (regret > other_regret - 1e-9 && best < other_best)))
}

/// The regret insertion's state: every pending order's offers and regret.
struct Board<'p, 'a> {
    problem: &'p Problem<'a>,
    inserter: Inserter<'p, 'a>,
    /// Per job: priced only in the couriers near it.
    near: Vec<bool>,
    /// Whether some job is priced in every courier at work.
    any_dense: bool,
    /// Per job, its offers (any order, at most one per `at`).
    offers: Vec<Vec<Offer>>,
    /// Per job, (regret, best cost) of its offers; infinite best when it has none.
    keys: Vec<(f64, f64)>,
    /// Jobs not yet inserted nor given up, by index (some stale: see `waiting`).
    pending: Vec<u32>,
    waiting: Vec<bool>,
    /// Per job, the courier serving it, or [`NONE`].
    served_by: Vec<u32>,
    /// Per vehicle, the jobs that may hold an offer of it (a superset).
    watchers: Vec<Vec<u32>>,
    /// Couriers at work, in the order they started.
    used: Vec<usize>,
    /// Per class (by its first vehicle), its first idle member.
    idle: Vec<Option<usize>>,
    /// Per vehicle, when it was first priced: the first of each class at once, the next idle
    /// member of a class when the one before starts work (ties go to the earliest).
    turn: Vec<u32>,
    next_turn: u32,
    /// The classes, by their first vehicle.
    classes: Vec<usize>,
    /// Per job, the jobs that list it as a neighbour (`reverse[start[j]..start[j + 1]]`).
    start: Vec<u32>,
    reverse: Vec<u32>,
    /// Per job and per vehicle, the round that last listed it (dedup without clearing).
    job_seen: Vec<u64>,
    vehicle_seen: Vec<u64>,
    round: u64,
    /// Per vehicle, the working day (under `balanced`).
    days: Vec<f64>,
    /// Scratch lists of jobs to re-price.
    scratch: Vec<u32>,
    spare: Vec<u32>,
}

impl<'p, 'a> Board<'p, 'a> {
    fn new(problem: &'p Problem<'a>, routes: &Routes, all_near: bool) -> Self {
        let (jobs, vehicles) = (problem.job_count(), problem.vehicle_count());
        let inserter = Inserter::new(problem, routes);
        let near: Vec<bool> = (0..jobs)
            .map(|j| all_near || inserter.granular(j))
            .collect();
        let mut start = vec![0u32; jobs + 1];
        for list in &problem.neighbours {
            for &w in list {
                start[w as usize + 1] += 1;
            }
        }
        for j in 0..jobs {
            start[j + 1] += start[j];
        }
        let mut fill = start.clone();
        let mut reverse = vec![0u32; start[jobs] as usize];
        for (j, list) in problem.neighbours.iter().enumerate() {
            for &w in list {
                reverse[fill[w as usize] as usize] = j as u32;
                fill[w as usize] += 1;
            }
        }
        let classes: Vec<usize> = (0..vehicles)
            .filter(|&v| problem.vehicle_class[v] == v)
            .collect();
        let mut idle = vec![None; vehicles];
        let mut turn = vec![u32::MAX; vehicles];
        for (i, &c) in classes.iter().enumerate() {
            idle[c] = Some(c);
            turn[c] = i as u32;
        }
        Board {
            problem,
            inserter,
            any_dense: near.iter().any(|&n| !n),
            near,
            offers: vec![Vec::new(); jobs],
            keys: vec![(0.0, f64::INFINITY); jobs],
            pending: (0..jobs as u32).collect(),
            waiting: vec![true; jobs],
            served_by: vec![NONE; jobs],
            watchers: vec![Vec::new(); vehicles],
            used: Vec::new(),
            idle,
            next_turn: classes.len() as u32,
            turn,
            classes,
            start,
            reverse,
            job_seen: vec![0; jobs],
            vehicle_seen: vec![0; vehicles],
            round: 0,
            days: vec![0.0; vehicles],
            scratch: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// The courier an offer stands for (an idle class's: its first idle member).
    fn vehicle(&self, at: u32) -> Option<usize> {
        let vehicles = self.problem.vehicle_count();
        match at as usize {
            v if v < vehicles => Some(v),
            c => self.idle[c - vehicles],
        }
    }

    /// Prices `job` in the courier of offer `at` and keeps the offer, infinite where it does not
    /// fit or is not worth it (re-priced when that courier changes, as one that fits).
    fn price(&mut self, routes: &Routes, job: usize, at: u32) {
        let cost = self.vehicle(at).and_then(|v| {
            let value = job_value(self.problem, job);
            self.inserter
                .best_in_vehicle(routes, v, job, Mode::Anywhere, value)
                .map(|i| i.cost)
        });
        let cost = cost.unwrap_or(f64::INFINITY);
        let offers = &mut self.offers[job];
        match offers.iter_mut().find(|o| o.at == at) {
            Some(held) => held.cost = cost,
            None => {
                offers.push(Offer { at, cost });
                if (at as usize) < self.problem.vehicle_count() {
                    self.watchers[at as usize].push(job as u32);
                }
            }
        }
    }

    /// Recomputes `job`'s regret and best cost from its offers.
    fn rekey(&mut self, job: usize) {
        let mut top = [MISSING; K];
        for offer in &self.offers[job] {
            let mut cost = offer.cost;
            for held in top.iter_mut() {
                if cost < *held {
                    std::mem::swap(held, &mut cost);
                }
            }
        }
        self.keys[job] = if top[0] < MISSING {
            (top[1..].iter().map(|c| c - top[0]).sum(), top[0])
        } else {
            (0.0, f64::INFINITY)
        };
    }

    /// Prices every pending job from scratch: in the couriers near it (or all at work) and
    /// in the first idle member of every class.
    fn rebuild(&mut self, routes: &Routes) {
        let vehicles = self.problem.vehicle_count();
        for list in &mut self.watchers {
            list.clear();
        }
        for i in 0..self.pending.len() {
            let job = self.pending[i] as usize;
            if !self.waiting[job] {
                continue;
            }
            self.offers[job].clear();
            self.round += 1;
            let mut candidates = std::mem::take(&mut self.scratch);
            candidates.clear();
            if self.near[job] {
                let p = self.problem;
                let preferred = p.preferred_courier(job);
                let served = p.neighbours[job]
                    .iter()
                    .map(|&w| self.served_by[w as usize]);
                for v in preferred.map(|v| v as u32).into_iter().chain(served) {
                    if v != NONE
                        && !routes.trips[v as usize].is_empty()
                        && std::mem::replace(&mut self.vehicle_seen[v as usize], self.round)
                            != self.round
                    {
                        candidates.push(v);
                    }
                }
            } else {
                candidates.extend(self.used.iter().map(|&v| v as u32));
            }
            let idle = self.classes.iter().filter(|&&c| self.idle[c].is_some());
            candidates.extend(idle.map(|&c| (vehicles + c) as u32));
            for &at in &candidates {
                self.price(routes, job, at);
            }
            self.scratch = candidates;
            self.rekey(job);
        }
    }

    /// The next job to insert: the highest priority, then the largest regret, then the
    /// cheapest, then the first. Gives up jobs of priority 1 or more that fit nowhere (an
    /// optional one waits: it may become worth it once others open trips nearby).
    fn pick(&mut self) -> Option<usize> {
        let (problem, keys, waiting) = (self.problem, &self.keys, &mut self.waiting);
        let mut pick: Option<(usize, f64, f64)> = None;
        self.pending.retain(|&j| {
            let j = j as usize;
            if !waiting[j] {
                return false;
            }
            let (regret, best) = keys[j];
            let priority = problem.jobs[j].priority;
            if best == f64::INFINITY {
                waiting[j] = priority == 0;
                return waiting[j];
            }
            if pick.is_none_or(|other| goes_before(problem, (j, regret, best), other)) {
                pick = Some((j, regret, best));
            }
            true
        });
        pick.map(|(j, _, _)| j)
    }

    /// Inserts `job` where its best offer says and re-prices what that changed.
    fn insert(&mut self, routes: &mut Routes, job: usize) {
        let best = self.offers[job]
            .iter()
            .min_by(|a, b| {
                let turn = |o: &Offer| self.vehicle(o.at).map_or(u32::MAX, |v| self.turn[v]);
                a.cost.total_cmp(&b.cost).then(turn(a).cmp(&turn(b)))
            })
            .copied()
            .expect("a job with a finite key has an offer");
        let v = self
            .vehicle(best.at)
            .expect("offers of classes without an idle member are withdrawn");
        let value = job_value(self.problem, job);
        let Some(insertion) = self
            .inserter
            .best_in_vehicle(routes, v, job, Mode::Anywhere, value)
        else {
            // Under `balanced` a price may be stale (another courier's day grew): re-price.
            self.price(routes, job, best.at);
            self.rekey(job);
            return;
        };
        let was_idle = routes.trips[v].is_empty();
        let balanced = self.problem.objective == Objective::Balanced;
        let longest = self.days.iter().copied().fold(0.0, f64::max);
        self.days[v] = insertion.route.duration;
        self.inserter.apply(routes, job, &insertion);
        self.waiting[job] = false;
        self.served_by[job] = v as u32;
        if was_idle {
            self.started(routes, v);
        }
        // Under `balanced`, a longer longest day changes every courier's prices.
        if balanced && insertion.route.duration > longest {
            self.rebuild(routes);
        } else {
            self.reprice(routes, v, job);
        }
    }

    /// Courier `v` started work: its class's idle offers pass to the next idle member, or
    /// are withdrawn if there is none; jobs preferring `v` are to be priced in it.
    fn started(&mut self, routes: &Routes, v: usize) {
        let p = self.problem;
        self.used.push(v);
        let class = p.vehicle_class[v];
        self.idle[class] = (v + 1..p.vehicle_count())
            .find(|&w| p.vehicle_class[w] == class && routes.trips[w].is_empty());
        if let Some(twin) = self.idle[class] {
            self.turn[twin] = self.next_turn;
            self.next_turn += 1;
        }
        let gone = self.idle[class].is_none();
        let at = (p.vehicle_count() + class) as u32;
        for i in 0..self.pending.len() {
            let j = self.pending[i] as usize;
            if !self.waiting[j] {
                continue;
            }
            if gone {
                if let Some(k) = self.offers[j].iter().position(|o| o.at == at) {
                    self.offers[j].swap_remove(k);
                    self.rekey(j);
                }
            }
            if self.near[j] && p.preferred_courier(j) == Some(v) {
                self.watchers[v].push(j as u32);
            }
        }
    }

    /// Re-prices in courier `v`, which just took `job`, the pending jobs that hold an offer
    /// of it, those near `job` (they may gain it), and those priced in every courier.
    fn reprice(&mut self, routes: &Routes, v: usize, job: usize) {
        self.round += 1;
        let mut list = std::mem::take(&mut self.watchers[v]);
        let near = &self.reverse[self.start[job] as usize..self.start[job + 1] as usize];
        list.extend(near.iter().filter(|&&j| self.near[j as usize]));
        if self.any_dense {
            list.extend(self.pending.iter().filter(|&&j| !self.near[j as usize]));
        }
        let mut kept = std::mem::take(&mut self.spare);
        kept.clear();
        for &j in &list {
            let j = j as usize;
            if !self.waiting[j]
                || std::mem::replace(&mut self.job_seen[j], self.round) == self.round
            {
                continue;
            }
            self.price(routes, j, v as u32);
            self.rekey(j);
        }
        // Every job `price` listed as gaining an offer of `v` is in `list`: keep, once, those
        // that hold one.
        self.watchers[v].clear();
        self.round += 1;
        for &j in &list {
            let j = j as usize;
            if self.waiting[j]
                && std::mem::replace(&mut self.job_seen[j], self.round) != self.round
                && self.offers[j].iter().any(|o| o.at == v as u32)
            {
                kept.push(j as u32);
            }
        }
        list.clear();
        self.spare = list;
        self.watchers[v] = kept;
    }
}
