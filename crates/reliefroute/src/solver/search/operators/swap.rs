//! Swap: `u` and `w` exchange places.

use super::{Loc, Operator, Piece, Proposal, View};
use crate::solver::routes::Routes;

/// Exchanges the jobs `u` and `w` (not neighbours in one trip: that is a relocate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Swap;

impl Operator for Swap {
    fn name(&self) -> &'static str {
        "swap"
    }

    fn evaluate(&self, view: &mut View, lu: Loc, lw: Loc) -> Option<f64> {
        let same_trip = lu.v == lw.v && lu.t == lw.t;
        if same_trip && lu.pos.abs_diff(lw.pos) <= 1 {
            return None;
        }
        let (su, sw) = (view.site(lu, 0), view.site(lw, 0));
        let (up, un) = (view.site(lu, -1), view.site(lu, 1));
        let (wp, wn) = (view.site(lw, -1), view.site(lw, 1));
        let delta = view.d(lu.v, up, sw) + view.d(lu.v, sw, un)
            - view.d(lu.v, up, su)
            - view.d(lu.v, su, un)
            + view.d(lw.v, wp, su)
            + view.d(lw.v, su, wn)
            - view.d(lw.v, wp, sw)
            - view.d(lw.v, sw, wn);
        let one = |l: Loc| Piece::of(l, l.pos, l.pos + 1);
        let charged = view.charge_change(&one(lu), lw.v) + view.charge_change(&one(lw), lu.v);
        if view.hopeless(lu.v, lw.v, delta + charged) {
            return None;
        }
        if same_trip {
            let (a, b) = if lu.pos < lw.pos { (lu, lw) } else { (lw, lu) };
            let n = view.trip(a).jobs.len();
            let pieces = [
                Piece::of(a, 0, a.pos),
                one(b),
                Piece::of(a, a.pos + 1, b.pos),
                one(a),
                Piece::of(a, b.pos + 1, n),
            ];
            return view.delta(&[Proposal {
                v: a.v,
                t: a.t,
                pieces: &pieces,
            }]);
        }
        let (n, m) = (view.trip(lu).jobs.len(), view.trip(lw).jobs.len());
        let at_u = [
            Piece::of(lu, 0, lu.pos),
            one(lw),
            Piece::of(lu, lu.pos + 1, n),
        ];
        let at_w = [
            Piece::of(lw, 0, lw.pos),
            one(lu),
            Piece::of(lw, lw.pos + 1, m),
        ];
        view.delta_pair(lu, &at_u, lw, &at_w)
    }

    fn apply(&self, routes: &mut Routes, lu: Loc, lw: Loc, _spare: &mut Vec<usize>) {
        let x = routes.trips[lu.v][lu.t].jobs[lu.pos];
        let y = routes.trips[lw.v][lw.t].jobs[lw.pos];
        routes.trips[lu.v][lu.t].jobs[lu.pos] = y;
        routes.trips[lw.v][lw.t].jobs[lw.pos] = x;
    }
}
