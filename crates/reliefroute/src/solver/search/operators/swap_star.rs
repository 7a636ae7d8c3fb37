//! SWAP* (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and
//! SWAP* neighborhood"): between two trips, the best exchange of an order `u` of one with an
//! order `v` of the other, each put at its best place in the other trip (not necessarily
//! where the other was), or the best relocation of one order to the other trip.
//!
//! Each trip counts as a route (a courier's several trips each, and two trips of one
//! courier may exchange orders). The local search runs it on pairs of trips whose polar
//! sectors ([`Sector`], around the kitchens' centre) overlap. Candidates are ranked
//! approximately, as in HGS: by their distance change (exact, from each order's removal
//! gain and its three cheapest places in the other trip) plus, under penalties, the price
//! of the trips' new load excess; without penalties, exchanges that put a trip over
//! capacity are not ranked. Only the best candidate is priced exactly, by the evaluation
//! core ([`View::delta`]): windows, freshness, kitchens, skills, shifts, move charges and the
//! objective are checked there and nowhere else.

use super::{Loc, Piece, Proposal, View};
use crate::solver::eval::EPS;
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

/// Steps of a full turn in [`Sector`]s (HGS's resolution).
const TURN: i32 = 65_536;

/// The arc of directions a trip's orders span, clockwise from `start` to `end`, in steps of
/// [`TURN`] (HGS's `CircleSector`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sector {
    start: i32,
    end: i32,
}

impl Sector {
    /// The smallest arc (grown one direction at a time, as HGS does) holding `angles`;
    /// `None` if there are none.
    fn of(mut angles: impl Iterator<Item = i32>) -> Option<Sector> {
        let first = angles.next()?;
        let mut sector = Sector {
            start: first,
            end: first,
        };
        for a in angles {
            let span = (sector.end - sector.start).rem_euclid(TURN);
            if (a - sector.start).rem_euclid(TURN) <= span {
                continue;
            }
            if (a - sector.end).rem_euclid(TURN) <= (sector.start - a).rem_euclid(TURN) {
                sector.end = a;
            } else {
                sector.start = a;
            }
        }
        Some(sector)
    }

    /// Whether the two arcs share a direction.
    pub fn overlaps(&self, other: &Sector) -> bool {
        (other.start - self.start).rem_euclid(TURN) <= (self.end - self.start).rem_euclid(TURN)
            || (self.start - other.start).rem_euclid(TURN)
                <= (other.end - other.start).rem_euclid(TURN)
    }
}

/// A SWAP* move between the trip at `a` (order `u` at `a.pos`) and the trip at `b` (order
/// `v` at `b.pos`): `u` goes to place `u_to` of `b`'s trip and `v` to place `v_to` of
/// `a`'s (a place `q` is before the trip's current order `q`; `None`: the order stays).
/// Where `u_to` is `b.pos`, `u` takes `v`'s place (and likewise for `v_to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SwapStarMove {
    pub a: Loc,
    pub b: Loc,
    pub u_to: Option<usize>,
    pub v_to: Option<usize>,
}

/// Per order of one trip: what taking it out saves, whether it may go to the other trip (its
/// skills, its kitchen), and its three cheapest places there (distance change, place;
/// [`NOWHERE`] when fewer).
#[derive(Debug, Clone, Copy)]
struct Places {
    removal: f64,
    allowed: bool,
    best: [(f64, usize); 3],
}

/// No place.
const NOWHERE: usize = usize::MAX;

impl Default for Places {
    fn default() -> Self {
        Places {
            removal: 0.0,
            allowed: false,
            best: [(f64::INFINITY, NOWHERE); 3],
        }
    }
}

impl Places {
    fn offer(&mut self, cost: f64, place: usize) {
        let mut entry = (cost, place);
        for slot in self.best.iter_mut() {
            if entry.0 < slot.0 {
                std::mem::swap(slot, &mut entry);
            }
        }
    }

    /// The cheapest place that does not touch the order at `out` (its neighbours' arcs
    /// change when it leaves), or `out`'s own place at `in_place`; infinite if it may not
    /// go there.
    fn cheapest_without(&self, out: usize, in_place: f64) -> (f64, usize) {
        if !self.allowed {
            return (f64::INFINITY, NOWHERE);
        }
        let mut best = (in_place, out);
        for &(cost, place) in &self.best {
            if place != out && place != out + 1 && cost < best.0 {
                best = (cost, place);
            }
        }
        best
    }
}

/// SWAP*'s state: each order's direction, and scratch reused from pair to pair.
pub(crate) struct SwapStar {
    /// Per job, its direction from the kitchens' centre, in steps of [`TURN`].
    angle: Vec<i32>,
    /// Scratch: [`Places`] of the first trip's orders in the second, and the reverse.
    in_b: Vec<Places>,
    in_a: Vec<Places>,
}

impl SwapStar {
    /// SWAP* for `problem`: directions are measured from the mean of the kitchens' sites
    /// (the depot when there is one kitchen).
    pub fn new(problem: &Problem) -> SwapStar {
        let sites = &problem.scenario.sites;
        let k = problem.kitchens.len().max(1) as f64;
        let (cx, cy) = problem.kitchens.iter().fold((0.0, 0.0), |(x, y), &s| {
            (x + sites[s].location.x / k, y + sites[s].location.y / k)
        });
        let angle = problem
            .jobs
            .iter()
            .map(|j| {
                let at = sites[j.site].location;
                let turns = (at.y - cy).atan2(at.x - cx) / std::f64::consts::TAU;
                ((turns * f64::from(TURN)) as i32).rem_euclid(TURN)
            })
            .collect();
        SwapStar {
            angle,
            in_b: Vec::new(),
            in_a: Vec::new(),
        }
    }

    /// The sector of trip `t` of vehicle `v`, `None` if it is empty.
    pub fn sector(&self, routes: &Routes, v: usize, t: usize) -> Option<Sector> {
        Sector::of(routes.trips[v][t].jobs.iter().map(|&j| self.angle[j]))
    }

    /// The best SWAP* move between the trips at `a` and `b` (distinct; their `pos` is
    /// ignored) by the approximate ranking, with its exact change of the objective, if it
    /// improves.
    pub fn best(&mut self, view: &mut View, a: Loc, b: Loc) -> Option<(SwapStarMove, f64)> {
        let (n, m) = (view.trip(a).jobs.len(), view.trip(b).jobs.len());
        if n == 0 || m == 0 {
            return None;
        }
        let mut in_b = std::mem::take(&mut self.in_b);
        let mut in_a = std::mem::take(&mut self.in_a);
        places(view, a, b, &mut in_b);
        places(view, b, a, &mut in_a);
        view.work += PARAMS.swap_star_work * (n * m) as u64 + (n + m) as u64;
        let found = best_candidate(view, a, b, &in_b, &in_a);
        self.in_b = in_b;
        self.in_a = in_a;
        let (mv, distance, load) = found?;
        if distance + load >= -EPS || view.hopeless(a.v, b.v, distance) {
            return None;
        }
        price(view, &mv).filter(|&d| d < -EPS).map(|d| (mv, d))
    }
}

/// Fills `out` with the [`Places`] of each order of the trip at `from` in the trip at `to`.
fn places(view: &View, from: Loc, to: Loc, out: &mut Vec<Places>) {
    let p = view.problem;
    let (source, target) = (view.trip(from), view.trip(to));
    out.clear();
    for pos in 0..source.jobs.len() {
        let here = Loc { pos, ..from };
        let su = view.site(here, 0);
        let (prev, next) = (view.site(here, -1), view.site(here, 1));
        let mut entry = Places {
            removal: view.d(from.v, prev, su) + view.d(from.v, su, next)
                - view.d(from.v, prev, next),
            ..Places::default()
        };
        let job = source.jobs[pos];
        entry.allowed =
            p.fits(job, to.v) && p.jobs[job].kitchen.is_none_or(|k| k == target.kitchen);
        if entry.allowed {
            // Place `q` is between the trip's sites `q` and `q + 1` (its kitchen first).
            let sites = view.caches[to.v].sites(to.t);
            for (q, arc) in sites.windows(2).enumerate() {
                let (before, after) = (arc[0], arc[1]);
                let cost = view.d(to.v, before, su) + view.d(to.v, su, after)
                    - view.d(to.v, before, after);
                entry.offer(cost, q);
            }
        }
        out.push(entry);
    }
}

/// Units over capacity of the trip at `l` after order `out` leaves it and `into` joins it
/// (either `None` for none). O(items), from the trip's load.
fn trip_excess(view: &View, l: Loc, out: Option<usize>, into: Option<usize>) -> f64 {
    view.caches[l.v].excess_exchanging(view.problem, l.v, l.t, out, into)
}

/// The order at `l` alone.
fn one(l: Loc) -> Piece {
    Piece::of(l, l.pos, l.pos + 1)
}

/// The approximately cheapest move between the trips at `a` and `b` from their orders'
/// places (see the module), with its change of distance and move charges (exact) and the
/// price of its change of load excess.
fn best_candidate(
    view: &View,
    a: Loc,
    b: Loc,
    in_b: &[Places],
    in_a: &[Places],
) -> Option<(SwapStarMove, f64, f64)> {
    let load_now = trip_excess(view, a, None, None) + trip_excess(view, b, None, None);
    // The price of the two trips' change of load excess when `to_b` (an order of `a`'s
    // trip) goes to `b`'s and `to_a` (of `b`'s) to `a`'s (`None`: over capacity without
    // penalties).
    let load = |to_b: Option<usize>, to_a: Option<usize>| -> Option<f64> {
        let after = trip_excess(view, a, to_b, to_a) + trip_excess(view, b, to_a, to_b);
        match &view.penalties {
            Some(p) => Some(p.load * (after - load_now)),
            None => (after <= 0.0).then_some(0.0),
        }
    };
    let mut best: Option<(SwapStarMove, f64, f64)> = None;
    let mut offer = |mv: SwapStarMove, distance: f64, load: f64| {
        if best.is_none_or(|(_, d, l)| distance + load < d + l) {
            best = Some((mv, distance, load));
        }
    };
    for (pu, u_places) in in_b.iter().enumerate() {
        let lu = Loc { pos: pu, ..a };
        let (up, un) = (view.site(lu, -1), view.site(lu, 1));
        for (pv, v_places) in in_a.iter().enumerate() {
            let lv = Loc { pos: pv, ..b };
            let (vp, vn) = (view.site(lv, -1), view.site(lv, 1));
            let (su, sv) = (view.site(lu, 0), view.site(lv, 0));
            // Each order in the other's place, or at its best place not next to it.
            let v_here = view.d(a.v, up, sv) + view.d(a.v, sv, un) - view.d(a.v, up, un);
            let u_here = view.d(b.v, vp, su) + view.d(b.v, su, vn) - view.d(b.v, vp, vn);
            let (v_cost, v_to) = v_places.cheapest_without(pu, v_here);
            let (u_cost, u_to) = u_places.cheapest_without(pv, u_here);
            if !v_cost.is_finite() || !u_cost.is_finite() {
                continue;
            }
            let distance = v_cost + u_cost - u_places.removal - v_places.removal;
            let (u, v) = (view.trip(a).jobs[pu], view.trip(b).jobs[pv]);
            let Some(load) = load(Some(u), Some(v)) else {
                continue;
            };
            let charged = view.charge_change(&one(lu), b.v) + view.charge_change(&one(lv), a.v);
            let mv = SwapStarMove {
                a: lu,
                b: lv,
                u_to: Some(u_to),
                v_to: Some(v_to),
            };
            offer(mv, distance + charged, load);
        }
    }
    // Relocations of one order alone: its cheapest place in the other trip.
    for (from_a, from, to, own) in [(true, a, b, in_b), (false, b, a, in_a)] {
        for (pos, places) in own.iter().enumerate() {
            let (cost, place) = places.best[0];
            if place == NOWHERE {
                continue;
            }
            let l = Loc { pos, ..from };
            let job = Some(view.trip(from).jobs[pos]);
            let Some(load) = (if from_a {
                load(job, None)
            } else {
                load(None, job)
            }) else {
                continue;
            };
            let charged = view.charge_change(&one(l), to.v);
            let mv = if from_a {
                SwapStarMove {
                    a: l,
                    b: Loc { pos: 0, ..b },
                    u_to: Some(place),
                    v_to: None,
                }
            } else {
                SwapStarMove {
                    a: Loc { pos: 0, ..a },
                    b: l,
                    u_to: None,
                    v_to: Some(place),
                }
            };
            offer(mv, cost - places.removal + charged, load);
        }
    }
    best
}

/// The pieces of the trip at `at` after the order at `at.pos` leaves (if `out`) and
/// `incoming` enters at place `place` (if any), in `buf`; returns how many.
fn pieces(
    at: Loc,
    len: usize,
    out: bool,
    incoming: Option<(Piece, usize)>,
    buf: &mut [Piece; 4],
) -> usize {
    let p = at.pos;
    let mut n = 0;
    let mut push = |piece: Piece| {
        buf[n] = piece;
        n += 1;
    };
    match (out, incoming) {
        (true, Some((x, q))) if q <= p => {
            push(Piece::of(at, 0, q));
            push(x);
            push(Piece::of(at, q, p));
            push(Piece::of(at, p + 1, len));
        }
        (true, Some((x, q))) => {
            push(Piece::of(at, 0, p));
            push(Piece::of(at, p + 1, q));
            push(x);
            push(Piece::of(at, q, len));
        }
        (true, None) => {
            push(Piece::of(at, 0, p));
            push(Piece::of(at, p + 1, len));
        }
        (false, Some((x, q))) => {
            push(Piece::of(at, 0, q));
            push(x);
            push(Piece::of(at, q, len));
        }
        (false, None) => push(Piece::of(at, 0, len)),
    }
    n
}

/// The exact change of the objective if `mv` is made (`None` if it breaks a rule that
/// must hold), from the evaluation core.
pub(super) fn price(view: &mut View, mv: &SwapStarMove) -> Option<f64> {
    let (n, m) = (view.trip(mv.a).jobs.len(), view.trip(mv.b).jobs.len());
    let empty = Piece::of(mv.a, 0, 0);
    let (mut at_a, mut at_b) = ([empty; 4], [empty; 4]);
    let na = pieces(
        mv.a,
        n,
        mv.u_to.is_some(),
        mv.v_to.map(|q| (one(mv.b), q)),
        &mut at_a,
    );
    let nb = pieces(
        mv.b,
        m,
        mv.v_to.is_some(),
        mv.u_to.map(|q| (one(mv.a), q)),
        &mut at_b,
    );
    view.delta(&[
        Proposal {
            v: mv.a.v,
            t: mv.a.t,
            pieces: &at_a[..na],
        },
        Proposal {
            v: mv.b.v,
            t: mv.b.t,
            pieces: &at_b[..nb],
        },
    ])
}

impl SwapStar {
    /// Carries out `mv` (trips it empties are left empty: the caller drops them).
    pub fn apply(routes: &mut Routes, mv: &SwapStarMove) {
        let u = routes.trips[mv.a.v][mv.a.t].jobs[mv.a.pos];
        let v = routes.trips[mv.b.v][mv.b.t].jobs[mv.b.pos];
        put(
            &mut routes.trips[mv.a.v][mv.a.t].jobs,
            mv.a.pos,
            mv.u_to.is_some(),
            mv.v_to.map(|q| (v, q)),
        );
        put(
            &mut routes.trips[mv.b.v][mv.b.t].jobs,
            mv.b.pos,
            mv.v_to.is_some(),
            mv.u_to.map(|q| (u, q)),
        );
    }
}

/// `jobs` after the job at `p` leaves (if `out`) and `incoming` enters at place `q`.
fn put(jobs: &mut Vec<usize>, p: usize, out: bool, incoming: Option<(usize, usize)>) {
    match (out, incoming) {
        (true, Some((x, q))) => {
            jobs[p] = x;
            if q < p {
                jobs[q..=p].rotate_right(1);
            } else if q > p + 1 {
                jobs[p..q].rotate_left(1);
            }
        }
        (true, None) => {
            jobs.remove(p);
        }
        (false, Some((x, q))) => jobs.insert(q, x),
        (false, None) => {}
    }
}
