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

    /// The distance change of the two trips, each tail as its vehicle travelled it (exact
    /// when the couriers share a travel profile: the filter before the move is priced).
    /// Between trips from different kitchens each tail returns to the other kitchen, and a
    /// trip left without a tail returns from its cut. O(1).
    fn distance_change(&self, view: &View, lu: Loc, lw: Loc) -> f64 {
        if view.trip(lu).kitchen == view.trip(lw).kitchen {
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
            return after - before;
        }
        // Sites are the kitchen, the orders' sites, the kitchen: an order's index plus one.
        let (su, sw) = (view.caches[lu.v].sites(lu.t), view.caches[lw.v].sites(lw.t));
        let (n, m) = (su.len() - 2, sw.len() - 2);
        let (u_cut, w_cut) = (lu.pos + 1, lw.pos + self.cut_w);
        // Each tail's first and last sites, if it has orders.
        let u_tail = (u_cut < n).then(|| (su[u_cut + 1], su[n]));
        let w_tail = (w_cut < m).then(|| (sw[w_cut + 1], sw[m]));
        // Vehicle `v`'s trip from `head`, the last site it keeps, through `tail` to `kitchen`.
        let end = |v: usize, head: usize, tail: Option<(usize, usize)>, kitchen: usize| match tail {
            Some((first, last)) => view.d(v, head, first) + view.d(v, last, kitchen),
            None => view.d(v, head, kitchen),
        };
        let (u_head, w_head) = (su[u_cut], sw[w_cut]);
        let before = end(lu.v, u_head, u_tail, su[0]) + end(lw.v, w_head, w_tail, sw[0]);
        let after = end(lu.v, u_head, w_tail, su[0]) + end(lw.v, w_head, u_tail, sw[0]);
        after - before
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
        let change = self.distance_change(view, lu, lw) + self.tails_charge(view, lu, lw);
        if view.hopeless(lu.v, lw.v, change) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;
    use crate::solver::eval::tests::scenario;
    use crate::solver::problem::Problem;
    use crate::solver::rng::Rng;
    use crate::solver::search::operators::tests::{caches_of, locs_of, two_couriers, view_of};
    use crate::travel::TravelMatrix;

    /// The distances of `routes`' trips, walked.
    fn walked(problem: &Problem, routes: &Routes) -> f64 {
        let caches = caches_of(problem, routes);
        (0..routes.trips.len())
            .flat_map(|v| (0..routes.trips[v].len()).map(move |t| (v, t)))
            .map(|(v, t)| {
                let sites = caches[v].sites(t);
                let d = |w: &[usize]| problem.matrix.distance(v, w[0], w[1]);
                sites.windows(2).map(d).sum::<f64>()
            })
            .sum()
    }

    /// On random two-courier routes whose trips leave from two kitchens (straight lines: one
    /// distance for both travel profiles), the filter's distance change of every 2-opt*
    /// move between two trips is the change of the trips' distances walked, within a trip's
    /// kitchen and across kitchens, tails empty or not.
    #[test]
    fn the_filter_prices_the_distance_as_the_trips_walked_across_kitchens() {
        let mut rng = Rng::new(5);
        let (mut checked, mut across) = (0, 0);
        for case in 0..200 {
            let scenario = scenario(&mut rng, case % 2 == 0, case % 3 == 0);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let routes = two_couriers(&mut rng, &problem);
            let caches = caches_of(&problem, &routes);
            let view = view_of(&problem, &routes, &caches, None);
            let before = walked(&problem, &routes);
            let locs = locs_of(&routes);
            for &lu in &locs {
                for &lw in locs.iter().filter(|l| (l.v, l.t) != (lu.v, lu.t)) {
                    for cut_w in [0, 1] {
                        if lw.pos + cut_w > view.trip(lw).jobs.len() {
                            continue;
                        }
                        let op = TwoOptStar { cut_w };
                        let mut after = routes.clone();
                        op.apply(&mut after, lu, lw, &mut Vec::new());
                        let change = op.distance_change(&view, lu, lw);
                        let exact = walked(&problem, &after) - before;
                        assert!(
                            (change - exact).abs() <= 1e-9 * (1.0 + before),
                            "{}: {change} against {exact} walked",
                            op.name()
                        );
                        checked += 1;
                        across += usize::from(view.trip(lu).kitchen != view.trip(lw).kitchen);
                    }
                }
            }
        }
        assert!(
            checked > 500 && across > 200,
            "{checked} moves, {across} across kitchens"
        );
    }
}
