//! Whole-trip moves: a trip goes to another courier (at any place among its trips) or to
//! another place in its own courier's day, two couriers exchange trips, or a trip joins
//! another (its orders before or after the other's, from the other's kitchen).
//!
//! The node moves change which orders a trip serves, never which courier makes it nor when
//! in the courier's day; with several trips a day (the relief rounds: a morning parcel round,
//! a lunch run, an afternoon round, a dinner run) a plan can otherwise only be reshaped trip
//! by trip through ruins and crossovers, and two trips become one only an order at a time.
//! A moved trip keeps its kitchen and its orders' order;
//! the evaluation core prices the new routes ([`View::delta_routes`]): the courier's travel
//! profile and capacity, its shift, trips in a row, breaks, skills and move charges.

use super::{Loc, Piece, RouteChange, View};
use crate::solver::eval::{NewTrip, EPS};
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::routes::Routes;

/// Whether the moves run on `problem`: some courier may make several trips or the couriers
/// differ (the relief fleets they were made for; on identical couriers making one trip each,
/// as in the benchmark sets, they are not measured and stay off), and there are at most
/// [`PARAMS.trip_moves_max_couriers`](crate::solver::params::Params::trip_moves_max_couriers)
/// couriers (each pass prices every pair).
pub(crate) fn pay(problem: &Problem) -> bool {
    let fleet = &problem.scenario.fleet;
    let differ = problem.vehicle_class.iter().any(|&c| c != 0);
    (differ || fleet.iter().any(|v| v.max_trips > 1))
        && fleet.len() <= PARAMS.trip_moves_max_couriers
}

/// A whole-trip move (trip indices of the routes as they are before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TripMove {
    /// Trip `t` of vehicle `from` goes before trip `at` of vehicle `to` (`at` = its trip
    /// count: after the last; `to` may be `from`: the trip changes its place in the day).
    Relocate {
        from: usize,
        t: usize,
        to: usize,
        at: usize,
    },
    /// Trip `ta` of vehicle `a` and trip `tb` of vehicle `b` (another) change places.
    Exchange {
        a: usize,
        ta: usize,
        b: usize,
        tb: usize,
    },
    /// Trip `t` of vehicle `from` joins trip `into` of vehicle `to` (another trip), its
    /// orders before the other's (`first`) or after them, from that trip's kitchen.
    Join {
        from: usize,
        t: usize,
        to: usize,
        into: usize,
        first: bool,
    },
}

/// Trip `t` of vehicle `from`, its orders in order, as a piece.
fn whole(view: &View, from: usize, t: usize) -> Piece {
    let len = view.routes.trips[from][t].jobs.len();
    Piece::of(Loc { v: from, t, pos: 0 }, 0, len)
}

/// The trip `pieces` make for vehicle `v` from `kitchen`, its load excess counted.
fn made_of(view: &mut View, v: usize, kitchen: usize, pieces: &[Piece]) -> NewTrip {
    let excess = view.load_excess(v, pieces);
    view.compose(v, kitchen, pieces, excess)
}

/// Trip `t` of vehicle `from` as vehicle `v` would make it, from the same kitchen.
fn made_by(view: &mut View, from: usize, t: usize, v: usize) -> NewTrip {
    let kitchen = view.routes.trips[from][t].kitchen;
    made_of(view, v, kitchen, &[whole(view, from, t)])
}

/// The change of the move charges if trip `t` of vehicle `from` goes to vehicle `to`.
fn charge(view: &View, from: usize, t: usize, to: usize) -> f64 {
    view.charge_change(&whole(view, from, t), to)
}

/// Every whole-trip move between vehicles `a` and `b`: each trip of one to each place among
/// the other's trips, each exchange of a trip of `a` with one of `b`, and each trip of one
/// joining each of the other's, at either end; or, when `a` is `b`, each trip of it to each
/// other place in its day and joining each other trip of it.
pub(crate) fn moves(routes: &Routes, a: usize, b: usize) -> impl Iterator<Item = TripMove> + '_ {
    let n = move |v: usize| routes.trips[v].len();
    let relocations = move |from: usize, to: usize| {
        (0..n(from)).flat_map(move |t| {
            (0..=n(to))
                .filter(move |&at| from != to || (at != t && at != t + 1))
                .map(move |at| TripMove::Relocate { from, t, to, at })
        })
    };
    let between = a != b;
    let back = between.then(|| relocations(b, a));
    let exchanges = (0..if between { n(a) } else { 0 })
        .flat_map(move |ta| (0..n(b)).map(move |tb| TripMove::Exchange { a, ta, b, tb }));
    let joins = move |from: usize, to: usize| {
        (0..n(from)).flat_map(move |t| {
            (0..n(to))
                .filter(move |&into| from != to || into != t)
                .flat_map(move |into| {
                    [false, true].map(|first| TripMove::Join {
                        from,
                        t,
                        to,
                        into,
                        first,
                    })
                })
        })
    };
    let joins_back = between.then(|| joins(b, a));
    relocations(a, b)
        .chain(back.into_iter().flatten())
        .chain(exchanges)
        .chain(joins(a, b))
        .chain(joins_back.into_iter().flatten())
}

/// The change of the objective if `mv` is made, move charges included; `None` if a new
/// route breaks a rule (with penalties: one no penalty prices). O(trips of the couriers).
pub(crate) fn price(view: &mut View, mv: &TripMove) -> Option<f64> {
    let empty = NewTrip::EMPTY;
    match *mv {
        TripMove::Relocate { from, t, to, at } if from == to => {
            let trip = made_by(view, from, t, to);
            view.delta_routes(&[RouteChange::new(from, &[(t, &empty)], Some((at, &trip)))])
        }
        TripMove::Relocate { from, t, to, at } => {
            let trip = made_by(view, from, t, to);
            let moved = charge(view, from, t, to);
            view.delta_routes(&[
                RouteChange::new(from, &[(t, &empty)], None),
                RouteChange::new(to, &[], Some((at, &trip))),
            ])
            .map(|d| d + moved)
        }
        TripMove::Exchange { a, ta, b, tb } => {
            let (to_a, to_b) = (made_by(view, b, tb, a), made_by(view, a, ta, b));
            let moved = charge(view, a, ta, b) + charge(view, b, tb, a);
            view.delta_routes(&[
                RouteChange::new(a, &[(ta, &to_a)], None),
                RouteChange::new(b, &[(tb, &to_b)], None),
            ])
            .map(|d| d + moved)
        }
        TripMove::Join {
            from,
            t,
            to,
            into,
            first,
        } => {
            let (moved, kept) = (whole(view, from, t), whole(view, to, into));
            let pieces = if first { [moved, kept] } else { [kept, moved] };
            let joined = made_of(view, to, view.routes.trips[to][into].kitchen, &pieces);
            if from == to {
                return view.delta_routes(&[RouteChange::new(
                    to,
                    &[(t, &empty), (into, &joined)],
                    None,
                )]);
            }
            let charged = charge(view, from, t, to);
            view.delta_routes(&[
                RouteChange::new(from, &[(t, &empty)], None),
                RouteChange::new(to, &[(into, &joined)], None),
            ])
            .map(|d| d + charged)
        }
    }
}

/// The best of [`moves`] between vehicles `a` and `b`, with its change of the objective, if
/// it improves. O(trips of `a` · trips of `b`) moves, each priced in O(their trips).
pub(crate) fn best(view: &mut View, a: usize, b: usize) -> Option<(TripMove, f64)> {
    let routes = view.routes;
    let mut found: Option<(TripMove, f64)> = None;
    for mv in moves(routes, a, b) {
        let bar = found.map_or(-EPS, |(_, best)| best);
        if let Some(delta) = price(view, &mv).filter(|&d| d < bar) {
            found = Some((mv, delta));
        }
    }
    found
}

/// Carries out `mv`.
pub(crate) fn apply(routes: &mut Routes, mv: &TripMove) {
    match *mv {
        TripMove::Relocate { from, t, to, at } => {
            let trip = routes.trips[from].remove(t);
            let at = if from == to && at > t { at - 1 } else { at };
            routes.trips[to].insert(at, trip);
        }
        TripMove::Exchange { a, ta, b, tb } => {
            let trip = std::mem::take(&mut routes.trips[a][ta]);
            let other = std::mem::replace(&mut routes.trips[b][tb], trip);
            routes.trips[a][ta] = other;
        }
        TripMove::Join {
            from,
            t,
            to,
            into,
            first,
        } => {
            let jobs = std::mem::take(&mut routes.trips[from][t].jobs);
            let target = &mut routes.trips[to][into].jobs;
            if first {
                target.splice(0..0, jobs);
            } else {
                target.extend(jobs);
            }
            routes.trips[from].remove(t);
        }
    }
}
