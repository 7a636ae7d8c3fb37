//! Local search: relocate, swap, 2-opt, 2-opt* and or-opt moves between each job and its
//! granular neighbours, first improvement, until no move improves.
//!
//! Each move is priced first by its distance change in O(1); only promising moves are
//! evaluated exactly on scratch copies of the touched vehicles' trips (no allocation once the
//! scratch buffers have grown).

use std::collections::VecDeque;

use crate::solver::eval::{self, EPS};
use crate::solver::problem::Problem;
use crate::solver::routes::{evaluation_work, Routes, Trip};

use crate::solver::rng::Rng;

/// Where a job is: vehicle, trip, position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Loc {
    v: usize,
    t: usize,
    pos: usize,
}

/// A reusable local search over one problem.
///
/// [`LocalSearch::run`] passes over every job until nothing improves. [`LocalSearch::run_from`]
/// works through a queue of jobs instead (don't-look bits): only the jobs of the vehicles
/// changed since the last run are queued, and a job comes back when a move changes its
/// vehicle, so the cost follows the size of the change, not of the whole solution.
pub(crate) struct LocalSearch<'p, 'a> {
    problem: &'p Problem<'a>,
    loc: Vec<Option<Loc>>,
    costs: Vec<f64>,
    a: Vec<Trip>,
    b: Vec<Trip>,
    /// Scratch for the jobs a move carries, so moves allocate nothing once it has grown.
    spare: Vec<usize>,
    /// Jobs to examine, and whether each job is in the queue.
    queue: VecDeque<usize>,
    queued: Vec<bool>,
    /// Vehicles changed by the last run, and whether each vehicle is in that list.
    changed: Vec<usize>,
    is_changed: Vec<bool>,
    order: Vec<usize>,
    /// Work done, in stops evaluated (the search's deterministic clock).
    pub work: u64,
}

impl<'p, 'a> LocalSearch<'p, 'a> {
    /// A local search for `problem`.
    pub fn new(problem: &'p Problem<'a>) -> Self {
        LocalSearch {
            problem,
            loc: vec![None; problem.job_count()],
            costs: vec![0.0; problem.vehicle_count()],
            a: Vec::new(),
            b: Vec::new(),
            spare: Vec::new(),
            queue: VecDeque::new(),
            queued: vec![false; problem.job_count()],
            changed: Vec::new(),
            is_changed: vec![false; problem.vehicle_count()],
            order: (0..problem.job_count()).collect(),
            work: 0,
        }
    }

    /// Improves `routes` (feasible) until no move of any kind improves it: passes over all
    /// jobs in random order until a pass changes nothing.
    pub fn run(&mut self, routes: &mut Routes, rng: &mut Rng) {
        self.reset(routes);
        let mut improved = true;
        while improved {
            improved = false;
            rng.shuffle(&mut self.order);
            for i in 0..self.order.len() {
                let u = self.order[i];
                for n in 0..self.problem.neighbours[u].len() {
                    if self.loc[u].is_none() {
                        break;
                    }
                    let w = self.problem.neighbours[u][n] as usize;
                    if self.loc[w].is_some() && self.try_moves(routes, u, w) {
                        improved = true;
                    }
                }
            }
        }
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
            for n in 0..self.problem.neighbours[u].len() {
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

    fn index(&mut self, routes: &Routes, v: usize) {
        for (t, trip) in routes.trips[v].iter().enumerate() {
            for (pos, &j) in trip.jobs.iter().enumerate() {
                self.loc[j] = Some(Loc { v, t, pos });
            }
        }
        self.costs[v] = eval::evaluate(self.problem, v, &routes.trips[v])
            .map_or(f64::INFINITY, |e| e.cost(self.problem));
    }

    fn site(&self, routes: &Routes, l: Loc, offset: isize) -> usize {
        let trip = &routes.trips[l.v][l.t];
        let i = l.pos as isize + offset;
        if i < 0 || i >= trip.jobs.len() as isize {
            trip.kitchen
        } else {
            self.problem.jobs[trip.jobs[i as usize]].site
        }
    }

    fn d(&self, v: usize, a: usize, b: usize) -> f64 {
        self.problem.matrix.distance(v, a, b)
    }

    /// Tries every move of `u` towards `w`; applies the first that improves.
    fn try_moves(&mut self, routes: &mut Routes, u: usize, w: usize) -> bool {
        let (lu, lw) = match (self.loc[u], self.loc[w]) {
            (Some(a), Some(b)) => (a, b),
            _ => return false,
        };
        let su = self.problem.jobs[u].site;
        let sw = self.problem.jobs[w].site;
        let (up, un) = (self.site(routes, lu, -1), self.site(routes, lu, 1));
        let (wp, wn) = (self.site(routes, lw, -1), self.site(routes, lw, 1));
        let remove_u = self.d(lu.v, up, su) + self.d(lu.v, su, un) - self.d(lu.v, up, un);
        let same_trip = lu.v == lw.v && lu.t == lw.t;

        // Relocate u after w, then before w.
        if !(same_trip && lw.pos + 1 == lu.pos) {
            let add = self.d(lw.v, sw, su) + self.d(lw.v, su, wn) - self.d(lw.v, sw, wn);
            if add - remove_u < -EPS
                && self.attempt(routes, lu, lw, |a, b, spare| {
                    relocate(a, b, spare, lu, lw, 1, true)
                })
            {
                return true;
            }
        }
        if !(same_trip && lu.pos + 1 == lw.pos) {
            let add = self.d(lw.v, wp, su) + self.d(lw.v, su, sw) - self.d(lw.v, wp, sw);
            if add - remove_u < -EPS
                && self.attempt(routes, lu, lw, |a, b, spare| {
                    relocate(a, b, spare, lu, lw, 1, false)
                })
            {
                return true;
            }
        }
        // Swap u and w.
        if !same_trip || lu.pos.abs_diff(lw.pos) > 1 {
            let delta = self.d(lu.v, up, sw) + self.d(lu.v, sw, un)
                - self.d(lu.v, up, su)
                - self.d(lu.v, su, un)
                + self.d(lw.v, wp, su)
                + self.d(lw.v, su, wn)
                - self.d(lw.v, wp, sw)
                - self.d(lw.v, sw, wn);
            if delta < -EPS && self.attempt(routes, lu, lw, |a, b, _| swap(a, b, lu, lw)) {
                return true;
            }
        }
        // Or-opt: move the segment starting at u (two or three jobs) after w.
        for len in 2..=3 {
            let trip_len = routes.trips[lu.v][lu.t].jobs.len();
            if lu.pos + len > trip_len || (same_trip && lw.pos >= lu.pos && lw.pos < lu.pos + len) {
                break;
            }
            let last = self.site(routes, lu, len as isize - 1);
            let after = self.site(routes, lu, len as isize);
            let removed =
                self.d(lu.v, up, su) + self.d(lu.v, last, after) - self.d(lu.v, up, after);
            let add = self.d(lw.v, sw, su) + self.d(lw.v, last, wn) - self.d(lw.v, sw, wn);
            if add - removed < -EPS
                && self.attempt(routes, lu, lw, |a, b, spare| {
                    relocate(a, b, spare, lu, lw, len, true)
                })
            {
                return true;
            }
        }
        if same_trip {
            // 2-opt: reverse the jobs between u and w.
            let (first, second) = if lu.pos < lw.pos { (lu, lw) } else { (lw, lu) };
            let (s1, s2) = (self.site(routes, first, 0), self.site(routes, second, 0));
            let (n1, n2) = (self.site(routes, first, 1), self.site(routes, second, 1));
            let delta = self.d(lu.v, s1, s2) + self.d(lu.v, n1, n2)
                - self.d(lu.v, s1, n1)
                - self.d(lu.v, s2, n2);
            if second.pos > first.pos + 1
                && delta < -EPS
                && self.attempt(routes, lu, lw, |a, _, _| {
                    a[first.t].jobs[first.pos + 1..=second.pos].reverse();
                })
            {
                return true;
            }
        } else {
            // 2-opt*: u continues with w (and w's predecessor with u's successor), or u
            // continues with w's successor (and w with u's successor).
            let same_kitchen = routes.trips[lu.v][lu.t].kitchen == routes.trips[lw.v][lw.t].kitchen;
            let before = self.d(lu.v, su, un) + self.d(lw.v, wp, sw);
            let after = self.d(lu.v, su, sw) + self.d(lw.v, wp, un);
            if (!same_kitchen || after - before < -EPS)
                && self.attempt(routes, lu, lw, |a, b, spare| {
                    exchange_tails(a, b, spare, lu, lw, 1, 0)
                })
            {
                return true;
            }
            let before = self.d(lu.v, su, un) + self.d(lw.v, sw, wn);
            let after = self.d(lu.v, su, wn) + self.d(lw.v, sw, un);
            if (!same_kitchen || after - before < -EPS)
                && self.attempt(routes, lu, lw, |a, b, spare| {
                    exchange_tails(a, b, spare, lu, lw, 1, 1)
                })
            {
                return true;
            }
        }
        false
    }

    /// Applies `edit` to scratch copies of the vehicles of `lu` and `lw`; keeps the result if
    /// it is feasible and cheaper. When both are in one vehicle, `edit` gets that vehicle's
    /// copy as `a` and an empty `b`, and both locations index into `a`.
    fn attempt(
        &mut self,
        routes: &mut Routes,
        lu: Loc,
        lw: Loc,
        edit: impl FnOnce(&mut Vec<Trip>, &mut Vec<Trip>, &mut Vec<usize>),
    ) -> bool {
        let p = self.problem;
        self.a.clone_from(&routes.trips[lu.v]);
        if lu.v == lw.v {
            self.b.clear();
            edit(&mut self.a, &mut self.b, &mut self.spare);
            debug_assert!(self.b.is_empty());
            self.work += evaluation_work(&self.a);
            let Some(eval) = eval::evaluate(p, lu.v, &self.a) else {
                return false;
            };
            let cost = eval.cost(p);
            if cost < self.costs[lu.v] - EPS {
                self.a.retain(|t| !t.jobs.is_empty());
                std::mem::swap(&mut routes.trips[lu.v], &mut self.a);
                self.index(routes, lu.v);
                return true;
            }
            return false;
        }
        self.b.clone_from(&routes.trips[lw.v]);
        edit(&mut self.a, &mut self.b, &mut self.spare);
        self.work += evaluation_work(&self.a) + evaluation_work(&self.b);
        let Some(ea) = eval::evaluate(p, lu.v, &self.a) else {
            return false;
        };
        let Some(eb) = eval::evaluate(p, lw.v, &self.b) else {
            return false;
        };
        if ea.cost(p) + eb.cost(p) < self.costs[lu.v] + self.costs[lw.v] - EPS {
            self.a.retain(|t| !t.jobs.is_empty());
            self.b.retain(|t| !t.jobs.is_empty());
            std::mem::swap(&mut routes.trips[lu.v], &mut self.a);
            std::mem::swap(&mut routes.trips[lw.v], &mut self.b);
            self.index(routes, lu.v);
            self.index(routes, lw.v);
            return true;
        }
        false
    }
}

/// The trips holding location `l`: `a` when `l` is in the first vehicle, else `b` (or `a`
/// when `b` is empty, meaning both locations are in one vehicle).
fn pick<'x>(a: &'x mut Vec<Trip>, b: &'x mut Vec<Trip>, second: bool) -> &'x mut Vec<Trip> {
    if second && !b.is_empty() {
        b
    } else {
        a
    }
}

/// Moves `len` jobs starting at `lu` to just after (or before) `lw`, through `spare`.
fn relocate(
    a: &mut Vec<Trip>,
    b: &mut Vec<Trip>,
    spare: &mut Vec<usize>,
    lu: Loc,
    lw: Loc,
    len: usize,
    after: bool,
) {
    spare.clear();
    spare.extend(a[lu.t].jobs.drain(lu.pos..lu.pos + len));
    let target = pick(a, b, true);
    let mut at = if after { lw.pos + 1 } else { lw.pos };
    if lu.v == lw.v && lu.t == lw.t && lw.pos > lu.pos {
        at -= len;
    }
    target[lw.t].jobs.splice(at..at, spare.drain(..));
}

/// Exchanges the jobs at `lu` and `lw`.
fn swap(a: &mut [Trip], b: &mut [Trip], lu: Loc, lw: Loc) {
    if b.is_empty() {
        let x = a[lu.t].jobs[lu.pos];
        let y = a[lw.t].jobs[lw.pos];
        a[lu.t].jobs[lu.pos] = y;
        a[lw.t].jobs[lw.pos] = x;
    } else {
        std::mem::swap(&mut a[lu.t].jobs[lu.pos], &mut b[lw.t].jobs[lw.pos]);
    }
}

/// 2-opt*: the trip of `lu` keeps its jobs up to `lu.pos + cut_u - 1` and continues with the
/// jobs of `lw`'s trip from `lw.pos + cut_w`; that trip takes the rest of `lu`'s. Both tails
/// pass through `spare`.
fn exchange_tails(
    a: &mut Vec<Trip>,
    b: &mut Vec<Trip>,
    spare: &mut Vec<usize>,
    lu: Loc,
    lw: Loc,
    cut_u: usize,
    cut_w: usize,
) {
    spare.clear();
    spare.extend(a[lu.t].jobs.drain(lu.pos + cut_u..));
    let tail_u = spare.len();
    let other = pick(a, b, true);
    spare.extend(other[lw.t].jobs.drain(lw.pos + cut_w..));
    other[lw.t].jobs.extend_from_slice(&spare[..tail_u]);
    a[lu.t].jobs.extend_from_slice(&spare[tail_u..]);
}
