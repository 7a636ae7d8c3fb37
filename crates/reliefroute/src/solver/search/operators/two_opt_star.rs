//! 2-opt*: two trips exchange their tails.

use super::{Loc, Operator, Piece, View};
use crate::solver::routes::Routes;

/// `u`'s trip keeps its jobs up to `u` and continues with `w`'s trip from `w` (`cut_w` 0)
/// or from `w`'s successor (`cut_w` 1); `w`'s trip takes the rest of `u`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TwoOptStar {
    pub cut_w: usize,
}

impl TwoOptStar {
    /// The trips `u`'s and `w`'s become: each keeps its head and takes the other's tail.
    fn pieces(&self, view: &View, lu: Loc, lw: Loc) -> ([Piece; 2], [Piece; 2]) {
        let (n, m) = (view.trip(lu).jobs.len(), view.trip(lw).jobs.len());
        let cut = lw.pos + self.cut_w;
        (
            [Piece::of(lu, 0, lu.pos + 1), Piece::of(lw, cut, m)],
            [Piece::of(lw, 0, cut), Piece::of(lu, lu.pos + 1, n)],
        )
    }

    /// The change of the move charges when the tails go to the other courier: O(their
    /// length), 0 at once when no order prefers a courier.
    fn tails_charge(&self, view: &View, lu: Loc, lw: Loc) -> f64 {
        if view.problem.move_cost == 0.0 {
            return 0.0;
        }
        let (at_u, at_w) = self.pieces(view, lu, lw);
        view.charge_change(&at_u[1], lu.v) + view.charge_change(&at_w[1], lw.v)
    }
}

impl Operator for TwoOptStar {
    fn name(&self) -> &'static str {
        if self.cut_w == 0 {
            "2-opt*"
        } else {
            "2-opt*-after"
        }
    }

    fn evaluate(&self, view: &mut View, lu: Loc, lw: Loc) -> Option<f64> {
        if lu.v == lw.v && lu.t == lw.t {
            return None;
        }
        let (su, un) = (view.site(lu, 0), view.site(lu, 1));
        let (wp, sw, wn) = (view.site(lw, -1), view.site(lw, 0), view.site(lw, 1));
        let (before, after) = if self.cut_w == 0 {
            (
                view.d(lu.v, su, un) + view.d(lw.v, wp, sw),
                view.d(lu.v, su, sw) + view.d(lw.v, wp, un),
            )
        } else {
            (
                view.d(lu.v, su, un) + view.d(lw.v, sw, wn),
                view.d(lu.v, su, wn) + view.d(lw.v, sw, un),
            )
        };
        let same_kitchen = view.trip(lu).kitchen == view.trip(lw).kitchen;
        if same_kitchen
            && view.hopeless(lu.v, lw.v, after - before + self.tails_charge(view, lu, lw))
        {
            return None;
        }
        let (at_u, at_w) = self.pieces(view, lu, lw);
        view.delta_pair(lu, &at_u, lw, &at_w)
    }

    fn apply(&self, routes: &mut Routes, lu: Loc, lw: Loc, spare: &mut Vec<usize>) {
        spare.clear();
        spare.extend(routes.trips[lu.v][lu.t].jobs.drain(lu.pos + 1..));
        let tail_u = spare.len();
        spare.extend(routes.trips[lw.v][lw.t].jobs.drain(lw.pos + self.cut_w..));
        routes.trips[lw.v][lw.t]
            .jobs
            .extend_from_slice(&spare[..tail_u]);
        routes.trips[lu.v][lu.t]
            .jobs
            .extend_from_slice(&spare[tail_u..]);
    }
}
