//! Relocate and or-opt: move a string of `len` jobs starting at `u` to just after (or
//! before) `w`, in the same trip or another.

use super::{Loc, Operator, Piece, Proposal, View};
use crate::solver::routes::Routes;

/// Moves `len` jobs from `u` on to after `w` (`after`) or before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relocate {
    pub len: usize,
    pub after: bool,
}

impl Relocate {
    /// Where the string goes in `w`'s trip, as an index of the current trip.
    fn target(&self, lw: Loc) -> usize {
        if self.after {
            lw.pos + 1
        } else {
            lw.pos
        }
    }
}

impl Operator for Relocate {
    fn name(&self) -> &'static str {
        match (self.len, self.after) {
            (1, true) => "relocate",
            (1, false) => "relocate-before",
            (2, _) => "or-opt-2",
            _ => "or-opt-3",
        }
    }

    fn evaluate(&self, view: &mut View, lu: Loc, lw: Loc) -> Option<f64> {
        let len = self.len;
        let n = view.trip(lu).jobs.len();
        let same_trip = lu.v == lw.v && lu.t == lw.t;
        let at = self.target(lw);
        if lu.pos + len > n || (same_trip && at >= lu.pos && at <= lu.pos + len) {
            return None;
        }
        let (first, last) = (view.site(lu, 0), view.site(lu, len as isize - 1));
        let (up, after) = (view.site(lu, -1), view.site(lu, len as isize));
        let (wp, wn) = if self.after {
            (view.site(lw, 0), view.site(lw, 1))
        } else {
            (view.site(lw, -1), view.site(lw, 0))
        };
        let removed = view.d(lu.v, up, first) + view.d(lu.v, last, after) - view.d(lu.v, up, after);
        let added = view.d(lw.v, wp, first) + view.d(lw.v, last, wn) - view.d(lw.v, wp, wn);
        let run = Piece::of(lu, lu.pos, lu.pos + len);
        let charged = view.charge_change(&run, lw.v);
        if view.hopeless(lu.v, lw.v, added - removed + charged) {
            return None;
        }
        if same_trip {
            let pieces = if at <= lu.pos {
                [
                    Piece::of(lu, 0, at),
                    run,
                    Piece::of(lu, at, lu.pos),
                    Piece::of(lu, lu.pos + len, n),
                ]
            } else {
                [
                    Piece::of(lu, 0, lu.pos),
                    Piece::of(lu, lu.pos + len, at),
                    run,
                    Piece::of(lu, at, n),
                ]
            };
            return view.delta(&[Proposal {
                v: lu.v,
                t: lu.t,
                pieces: &pieces,
            }]);
        }
        let m = view.trip(lw).jobs.len();
        let source = [Piece::of(lu, 0, lu.pos), Piece::of(lu, lu.pos + len, n)];
        let target = [Piece::of(lw, 0, at), run, Piece::of(lw, at, m)];
        view.delta_pair(lu, &source, lw, &target)
    }

    fn apply(&self, routes: &mut Routes, lu: Loc, lw: Loc, spare: &mut Vec<usize>) {
        spare.clear();
        spare.extend(
            routes.trips[lu.v][lu.t]
                .jobs
                .drain(lu.pos..lu.pos + self.len),
        );
        let mut at = self.target(lw);
        if lu.v == lw.v && lu.t == lw.t && at > lu.pos {
            at -= self.len;
        }
        routes.trips[lw.v][lw.t]
            .jobs
            .splice(at..at, spare.drain(..));
    }
}
