//! 2-opt: reverse the jobs between `u` and `w` in their trip.

use super::{Loc, Operator, Piece, Proposal, View};
use crate::solver::routes::Routes;

/// In one trip with `u` before `w` (or the other way round), reverses the jobs after the
/// first up to and including the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TwoOpt;

/// The two locations in trip order.
fn ordered(lu: Loc, lw: Loc) -> (Loc, Loc) {
    if lu.pos < lw.pos {
        (lu, lw)
    } else {
        (lw, lu)
    }
}

impl Operator for TwoOpt {
    fn name(&self) -> &'static str {
        "2-opt"
    }

    fn evaluate(&self, view: &mut View, lu: Loc, lw: Loc) -> Option<f64> {
        if lu.v != lw.v || lu.t != lw.t {
            return None;
        }
        let (first, second) = ordered(lu, lw);
        if second.pos <= first.pos + 1 {
            return None;
        }
        let (s1, s2) = (view.site(first, 0), view.site(second, 0));
        let (n1, n2) = (view.site(first, 1), view.site(second, 1));
        let v = lu.v;
        let delta = view.d(v, s1, s2) + view.d(v, n1, n2) - view.d(v, s1, n1) - view.d(v, s2, n2);
        if view.hopeless(v, v, delta) {
            return None;
        }
        let n = view.trip(first).jobs.len();
        let pieces = [
            Piece::of(first, 0, first.pos + 1),
            Piece {
                reversed: true,
                ..Piece::of(first, first.pos + 1, second.pos + 1)
            },
            Piece::of(first, second.pos + 1, n),
        ];
        view.delta(&[Proposal {
            v,
            t: first.t,
            pieces: &pieces,
        }])
    }

    fn apply(&self, routes: &mut Routes, lu: Loc, lw: Loc, _spare: &mut Vec<usize>) {
        let (first, second) = ordered(lu, lw);
        routes.trips[first.v][first.t].jobs[first.pos + 1..=second.pos].reverse();
    }
}
