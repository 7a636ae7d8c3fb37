//! Local-search operators: each move kind in its own file, behind [`Operator`], priced in
//! O(1) by the evaluation core from the touched routes' cached summaries.
//!
//! A move is stated as the new trips it makes, each a list of [`Piece`]s: runs of the
//! current trips' orders, possibly reversed. [`View::delta`] merges the pieces' summaries
//! (a prefix or suffix of a trip is cached; a run inside a trip is merged order by order, so
//! moved strings cost their length) and prices the touched couriers' routes, and under the
//! `balanced` objective the change of the longest working day (the longest of the touched
//! routes against the longest of the others, kept in [`LongestDays`]), and the move charges
//! of orders a move carries to another courier (O(orders carried), only when orders prefer
//! couriers; see [`View::charge_change`]). The move loop
//! (`super::local`) knows no operator: it walks [`operators`] in order.

mod relocate;
mod swap;
mod swap_star;
pub(crate) mod trip_moves;
mod two_opt;
mod two_opt_star;

pub(crate) use relocate::Relocate;
pub(crate) use swap::Swap;
pub(crate) use swap_star::SwapStar;
#[cfg(test)]
use swap_star::SwapStarMove;
pub(crate) use two_opt::TwoOpt;
pub(crate) use two_opt_star::TwoOptStar;

use crate::model::Objective;
use crate::solver::eval::{
    excess, longest_day_change, move_charge_change, route_cost, LongestDays, NewTrip, Penalties,
    RouteCache, RouteCost, Stops, Violations, EPS,
};
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};

/// Where a job is: vehicle, trip, position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    pub v: usize,
    pub t: usize,
    pub pos: usize,
}

/// A kind of move between a job `u` and a neighbouring job `w`.
pub(crate) trait Operator: Send + Sync {
    /// A short name for statistics.
    fn name(&self) -> &'static str;

    /// The change of the objective if `u` (at `lu`) moves relative to `w` (at `lw`) in this
    /// operator's way, or `None` when the move does not apply, does not promise to improve
    /// (its distance change alone is no gain, unless it may shorten the longest day: see
    /// [`View::may_shorten_longest`]) or breaks a rule.
    fn evaluate(&self, view: &mut View, lu: Loc, lw: Loc) -> Option<f64>;

    /// Carries out the move just evaluated. Trips it empties are left empty (the caller
    /// drops them).
    fn apply(&self, routes: &mut Routes, lu: Loc, lw: Loc, spare: &mut Vec<usize>);
}

/// The built-in operators, in the order the move loop tries them (first improvement).
pub(crate) fn operators() -> Vec<Box<dyn Operator>> {
    vec![
        Box::new(Relocate {
            len: 1,
            after: true,
        }),
        Box::new(Relocate {
            len: 1,
            after: false,
        }),
        Box::new(Swap),
        Box::new(Relocate {
            len: 2,
            after: true,
        }),
        Box::new(Relocate {
            len: 3,
            after: true,
        }),
        Box::new(TwoOpt),
        Box::new(TwoOptStar { cut_w: 0 }),
        Box::new(TwoOptStar { cut_w: 1 }),
    ]
}

/// Orders `from..to` of trip `t` of vehicle `v`, reversed if `reversed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub v: usize,
    pub t: usize,
    pub from: usize,
    pub to: usize,
    pub reversed: bool,
}

impl Piece {
    /// Orders `from..to` of the trip at `l`, in order.
    pub fn of(l: Loc, from: usize, to: usize) -> Piece {
        Piece {
            v: l.v,
            t: l.t,
            from,
            to,
            reversed: false,
        }
    }
}

/// A new trip of a move: vehicle, trip index, and its pieces in order.
pub(crate) struct Proposal<'x> {
    pub v: usize,
    pub t: usize,
    pub pieces: &'x [Piece],
}

/// A courier's route as a move changes it: its trips at the indices of `changed` replaced
/// (a trip without stops is emptied), and `added` inserted before the trip at its index
/// (see [`RouteCache::price`]).
pub(crate) struct RouteChange<'x> {
    pub v: usize,
    pub changed: &'x [(usize, &'x NewTrip)],
    pub added: Option<(usize, &'x NewTrip)>,
}

impl<'x> RouteChange<'x> {
    pub fn new(
        v: usize,
        changed: &'x [(usize, &'x NewTrip)],
        added: Option<(usize, &'x NewTrip)>,
    ) -> Self {
        RouteChange { v, changed, added }
    }
}

/// What operators see: the problem, the routes and each vehicle's cached summaries.
pub(crate) struct View<'v, 'p, 'a> {
    pub problem: &'p Problem<'a>,
    pub routes: &'v Routes,
    pub caches: &'v [RouteCache],
    /// The longest working days (read only under the `balanced` objective).
    pub days: LongestDays,
    /// The prices of excess load, time warp and ride excess when the search may cross
    /// plans that break those rules (`genetic`); `None`: moves must keep every rule.
    pub penalties: Option<Penalties>,
    /// The distance and charges change of the move being priced, as the operator gave it
    /// to [`View::hopeless`] (`-inf` when unknown: [`View::delta`] takes it).
    pub change: f64,
    /// Work done, in the search's units (see `crate::solver::routes::evaluation_work`).
    pub work: u64,
}

impl<'v, 'p, 'a> View<'v, 'p, 'a> {
    /// A view of `routes` through their `caches`, no move being priced and no work done yet.
    pub fn new(
        problem: &'p Problem<'a>,
        routes: &'v Routes,
        caches: &'v [RouteCache],
        days: LongestDays,
        penalties: Option<Penalties>,
    ) -> Self {
        View {
            problem,
            routes,
            caches,
            days,
            penalties,
            change: f64::NEG_INFINITY,
            work: 0,
        }
    }
}

impl View<'_, '_, '_> {
    /// Site of the job at `l` shifted by `offset`, or the trip's kitchen one past either
    /// end (`offset` at least -1, and `l.pos + offset` at most the trip's length).
    #[inline]
    pub fn site(&self, l: Loc, offset: isize) -> usize {
        let i = (l.pos + 1).checked_add_signed(offset);
        self.caches[l.v].sites(l.t)[i.expect("at most one before the first order")]
    }

    /// Distance for vehicle `v` between two sites.
    #[inline(always)]
    pub fn d(&self, v: usize, a: usize, b: usize) -> f64 {
        self.problem.matrix.distance(v, a, b)
    }

    /// Whether a move between vehicles `a` and `b` may shorten the longest working day
    /// under the `balanced` objective (one of them works it): then a move that adds
    /// distance is worth pricing too.
    pub fn may_shorten_longest(&self, a: usize, b: usize) -> bool {
        self.problem.objective == Objective::Balanced
            && a != b
            && self
                .days
                .longest_vehicle()
                .is_some_and(|v| v == a || v == b)
    }

    /// Whether a move between vehicles `a` and `b` that changes distance (and move charges)
    /// by `change` cannot improve the plan: it does not lower them by more than the
    /// touched routes' penalties could fall (0 when moves must keep every rule), and it
    /// may not shorten the longest day ([`View::may_shorten_longest`]). O(1).
    /// If not, it keeps `change` for [`View::delta`]'s next call, which under penalties may
    /// then reject the move by its new trips' load and time warp alone (see
    /// [`View::priced_out`]).
    #[inline]
    pub fn hopeless(&mut self, a: usize, b: usize, change: f64) -> bool {
        let slack = match &self.penalties {
            None => 0.0,
            Some(p) => {
                let of = |v: usize| p.price(&Violations::of(self.caches[v].cost()));
                of(a) + if b != a { of(b) } else { 0.0 }
            }
        };
        let hopeless = change >= slack - EPS && !self.may_shorten_longest(a, b);
        if !hopeless {
            self.change = change;
        }
        hopeless
    }

    /// The trip at `l`.
    pub fn trip(&self, l: Loc) -> &Trip {
        &self.routes.trips[l.v][l.t]
    }

    /// The change of the move charges if the orders of `piece` go to vehicle `to` (0 when
    /// they stay with their vehicle or no order prefers a courier).
    #[inline(always)]
    pub fn charge_change(&self, piece: &Piece, to: usize) -> f64 {
        if self.problem.move_cost == 0.0 || piece.v == to {
            return 0.0;
        }
        let jobs = &self.routes.trips[piece.v][piece.t].jobs;
        move_charge_change(self.problem, &jobs[piece.from..piece.to], piece.v, to)
    }

    /// The summary of `piece` as vehicle `v` travels it (`None` if empty). O(1) for a prefix
    /// or suffix of a trip of a vehicle with the same travel profile, else O(length).
    fn stops(&mut self, v: usize, piece: &Piece) -> Option<Stops> {
        if piece.from >= piece.to {
            return None;
        }
        let jobs = &self.routes.trips[piece.v][piece.t].jobs;
        let same_profile =
            self.problem.matrix.profile_of(v) == self.problem.matrix.profile_of(piece.v);
        if same_profile && !piece.reversed {
            let cache = &self.caches[piece.v];
            if piece.from == 0 {
                return Some(*cache.prefix(piece.t, piece.to - 1));
            }
            if piece.to == jobs.len() {
                return Some(*cache.suffix(piece.t, piece.from));
            }
        }
        let run = &jobs[piece.from..piece.to];
        self.work += run.len() as u64;
        if piece.reversed {
            Stops::of(self.problem, v, run.iter().rev().copied())
        } else {
            Stops::of(self.problem, v, run.iter().copied())
        }
    }

    /// The trip `pieces` make for vehicle `v` from `kitchen`, `load_excess` units over
    /// capacity (see [`View::load_excess`]).
    fn compose(&mut self, v: usize, kitchen: usize, pieces: &[Piece], load_excess: f64) -> NewTrip {
        let mut stops: Option<Stops> = None;
        for piece in pieces {
            if let Some(next) = self.stops(v, piece) {
                stops = Some(match stops {
                    Some(before) => before.then(self.problem, v, &next),
                    None => next,
                });
            }
        }
        NewTrip {
            kitchen,
            stops,
            load_excess,
        }
    }

    /// Units over vehicle `v`'s capacity in the trip `pieces` make, summed over items. O(items
    /// · pieces); empty pieces are skipped unread.
    fn load_excess(&self, v: usize, pieces: &[Piece]) -> f64 {
        let capacity = &self.problem.scenario.fleet[v].capacity;
        let load = (0..capacity.len()).map(|item| {
            pieces
                .iter()
                .filter(|p| p.from < p.to)
                .map(|p| self.caches[p.v].units(p.t, p.from, p.to, item))
                .sum()
        });
        excess(capacity, load)
    }

    /// Whether, under `penalties`, the `proposals` of a move whose distance and charges
    /// change by `change` (`-inf`: unknown, never) cannot improve before their routes are
    /// priced: `priced`, a lower bound of the price of the new trips' violations (their
    /// excess load, and once merged their own time warp: a route holding a trip has at least
    /// its warp), outweighs the distance saved plus the touched routes' current penalties.
    /// Only a lower bound when no trip is emptied (an emptied trip also saves a transfer, a
    /// trip or a courier) and the longest day is not priced. O(pieces).
    fn priced_out(
        &self,
        penalties: &Penalties,
        proposals: &[Proposal],
        priced: f64,
        change: f64,
    ) -> bool {
        let empties = |p: &Proposal| p.pieces.iter().all(|x| x.from >= x.to);
        if change == f64::NEG_INFINITY
            || self.problem.objective == Objective::Balanced
            || proposals.iter().any(empties)
        {
            return false;
        }
        let route = |v: usize| penalties.price(&Violations::of(self.caches[v].cost()));
        let (a, b) = (proposals[0].v, proposals[proposals.len() - 1].v);
        let current = route(a) + if b != a { route(b) } else { 0.0 };
        change + priced - current >= -EPS
    }

    /// The change of the objective if the trip at `a` becomes `at_a` and the trip at `b`
    /// becomes `at_b` (see [`View::delta`]).
    pub fn delta_pair(&mut self, a: Loc, at_a: &[Piece], b: Loc, at_b: &[Piece]) -> Option<f64> {
        self.delta(&[
            Proposal {
                v: a.v,
                t: a.t,
                pieces: at_a,
            },
            Proposal {
                v: b.v,
                t: b.t,
                pieces: at_b,
            },
        ])
    }

    /// The change of the objective if the `proposals` replace their trips (at most two, in
    /// at most two vehicles); `None` if a touched route breaks a rule. The loads first:
    /// they are O(items · pieces), the times O(pieces) merges or more.
    pub fn delta(&mut self, proposals: &[Proposal]) -> Option<f64> {
        let change = std::mem::replace(&mut self.change, f64::NEG_INFINITY);
        let mut excess = [0.0; 2];
        for (e, p) in excess.iter_mut().zip(proposals) {
            *e = self.load_excess(p.v, p.pieces);
        }
        match &self.penalties {
            // A trip over capacity stays infeasible in any route.
            None if excess.iter().any(|&e| e > 0.0) => return None,
            Some(p) if self.priced_out(p, proposals, p.load * (excess[0] + excess[1]), change) => {
                return None;
            }
            _ => {}
        }
        let mut trips = [NewTrip::EMPTY; 2];
        let mut warp = 0.0;
        for (k, p) in proposals.iter().enumerate() {
            let kitchen = self.routes.trips[p.v][p.t].kitchen;
            trips[k] = self.compose(p.v, kitchen, p.pieces, excess[k]);
            let w = trips[k].stops.map_or(0.0, |s| s.warp());
            // A run with time warp stays infeasible in any route (which only a penalised
            // search may price).
            if w > EPS && self.penalties.is_none() {
                return None;
            }
            warp += w;
        }
        if let Some(p) = &self.penalties {
            let priced = p.load * (excess[0] + excess[1]) + p.time * warp;
            if warp > 0.0 && self.priced_out(p, proposals, priced, change) {
                return None;
            }
        }
        let mut change = 0.0;
        let mut done = [usize::MAX; 2];
        // The longest working day of the touched routes, before and after.
        let (mut before, mut after) = (0.0f64, 0.0f64);
        for (i, first) in proposals.iter().enumerate() {
            let v = first.v;
            if done.contains(&v) {
                continue;
            }
            done[i.min(1)] = v;
            let mut changed: [(usize, &NewTrip); 2] = [(0, &trips[0]), (0, &trips[1])];
            let mut n = 0;
            for (k, p) in proposals.iter().enumerate().filter(|(_, p)| p.v == v) {
                changed[n] = (p.t, &trips[k]);
                n += 1;
            }
            let (route, was, is) = self.price(v, &changed[..n], None)?;
            change += route;
            if self.problem.move_cost > 0.0 {
                for p in proposals.iter().filter(|p| p.v == v) {
                    change += p
                        .pieces
                        .iter()
                        .map(|x| self.charge_change(x, v))
                        .sum::<f64>();
                }
            }
            before = before.max(was);
            after = after.max(is);
        }
        let others = self.days.without(done[0], done[1]);
        Some(change + longest_day_change(self.problem, others, before, after))
    }

    /// The change of the objective (move charges aside) if the routes change as `changes`
    /// say (one or two couriers, each once); `None` if a new route breaks a rule (with
    /// penalties: one no penalty prices). O(their trips).
    pub fn delta_routes(&mut self, changes: &[RouteChange]) -> Option<f64> {
        let mut change = 0.0;
        let (mut before, mut after) = (0.0f64, 0.0f64);
        for c in changes {
            let (route, was, is) = self.price(c.v, c.changed, c.added)?;
            change += route;
            before = before.max(was);
            after = after.max(is);
        }
        let (a, b) = (changes[0].v, changes[changes.len() - 1].v);
        let others = self.days.without(a, b);
        Some(change + longest_day_change(self.problem, others, before, after))
    }

    /// Vehicle `v`'s route changed as [`RouteCache::price`] says: the change of its cost,
    /// and its working day before and after; `None` if the new route breaks a rule (or the
    /// current one does, which only a penalised search holds).
    fn price(
        &mut self,
        v: usize,
        changed: &[(usize, &NewTrip)],
        added: Option<(usize, &NewTrip)>,
    ) -> Option<(f64, f64, f64)> {
        self.work += 1 + self.routes.trips[v].len() as u64;
        let cache = &self.caches[v];
        let priced = match (changed, added) {
            ([(t, trip)], None) => cache.replaced(self.problem, v, *t, trip),
            _ => None,
        };
        let priced = priced.unwrap_or_else(|| cache.price(self.problem, v, changed, added));
        let current = self.caches[v].cost();
        let penalties = self.penalties.as_ref();
        let change =
            cost_of(self.problem, &priced, penalties)? - cost_of(self.problem, current, penalties)?;
        Some((change, current.duration, priced.duration))
    }
}

/// The objective's cost of a route, or `None` if it breaks a rule; with `penalties`, plus
/// the price of its excess load, time warp and ride excess (`None` only if it breaks
/// another rule).
pub(crate) fn cost_of(
    problem: &Problem,
    cost: &RouteCost,
    penalties: Option<&Penalties>,
) -> Option<f64> {
    match penalties {
        Some(p) => p.route_cost(problem, cost),
        None => cost
            .feasible()
            .then(|| route_cost(problem, cost.trips, cost.distance)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;
    use crate::solver::eval::tests::{random_trips, scenario};
    use crate::solver::eval::{assess_plan, route_move_charge, unserved_cost, RouteCache};
    use crate::solver::rng::Rng;
    use crate::travel::TravelMatrix;

    /// Objective cost of all routes walked from scratch, the longest day included, `None`
    /// if any breaks a rule; with `penalties`, plus the price of their excess load, time
    /// warp and ride excess (`None` only if a route breaks another rule).
    fn exact_cost(
        problem: &Problem,
        routes: &Routes,
        penalties: Option<&Penalties>,
    ) -> Option<f64> {
        let (cost, violations) = assess_plan(problem, routes)?;
        let priced = match penalties {
            Some(p) => p.price(&violations),
            None if violations.none() => 0.0,
            None => return None,
        };
        Some(cost + priced - unserved_cost(problem, routes))
    }

    /// Each courier's cached summaries of `routes`.
    pub(super) fn caches_of(problem: &Problem, routes: &Routes) -> Vec<RouteCache> {
        (0..routes.trips.len())
            .map(|v| {
                let mut c = RouteCache::default();
                c.rebuild(problem, v, &routes.trips[v]);
                c
            })
            .collect()
    }

    /// A view of `routes` through `caches`, the longest days read from them.
    pub(super) fn view_of<'v, 'p, 'a>(
        problem: &'p Problem<'a>,
        routes: &'v Routes,
        caches: &'v [RouteCache],
        penalties: Option<Penalties>,
    ) -> View<'v, 'p, 'a> {
        let days = LongestDays::of(caches.iter().map(|c| c.cost().duration));
        View::new(problem, routes, caches, days, penalties)
    }

    /// Two couriers' routes: random trips for the first, and for the second one trip of up
    /// to four of the orders left.
    pub(super) fn two_couriers(rng: &mut Rng, problem: &Problem) -> Routes {
        let (first, mut rest) = random_trips(rng, problem);
        let mut routes = Routes::empty(2, problem.job_count());
        routes.trips[0] = first;
        rest.truncate(1 + rng.below(4));
        routes.trips[1] = vec![Trip {
            kitchen: rng.below(2),
            jobs: rest,
        }];
        routes
    }

    /// Every order's place in `routes`.
    pub(super) fn locs_of(routes: &Routes) -> Vec<Loc> {
        let trips = routes.trips.iter().enumerate();
        trips
            .flat_map(|(v, trips)| {
                trips.iter().enumerate().flat_map(move |(t, trip)| {
                    (0..trip.jobs.len()).map(move |pos| Loc { v, t, pos })
                })
            })
            .collect()
    }

    /// All move charges of `routes`.
    fn charges(problem: &Problem, routes: &Routes) -> f64 {
        (0..problem.vehicle_count())
            .map(|v| route_move_charge(problem, v, &routes.trips[v]))
            .sum()
    }

    /// Every operator, on random two-courier routes (two travel profiles, shared stops,
    /// freshness, windows, several items and trips, and in half the cases orders preferring
    /// a courier): whenever it prices a move, carrying the move out and walking the routes
    /// from scratch gives the same change, move charges included, and it prices moves in
    /// both directions (gains and losses) often enough to be tested; the operators that
    /// carry orders between couriers price moves that change the charges. The same with
    /// penalties (moves through routes over capacity, with time warp or ride excess).
    #[test]
    fn every_operator_prices_its_move_as_the_routes_walked_from_scratch() {
        operators_price_as_walked(None);
    }

    #[test]
    fn every_operator_prices_penalised_moves_as_the_routes_walked_from_scratch() {
        operators_price_as_walked(Some(Penalties {
            load: 3.0,
            time: 0.7,
        }));
    }

    fn operators_price_as_walked(penalties: Option<Penalties>) {
        let penalised = penalties.as_ref();
        let mut all_charged = 0;
        for op in operators() {
            let mut rng = Rng::new(17);
            let (mut priced, mut improving, mut charged) = (0, 0, 0);
            for case in 0..600 {
                let objective = [
                    Objective::Distance,
                    Objective::CouriersFirst,
                    Objective::Balanced,
                ][case % 3];
                let scenario = scenario(&mut rng, case % 3 != 0, case % 4 != 0);
                let matrix = TravelMatrix::straight_line(&scenario);
                let mut problem = Problem::new(&scenario, &matrix, objective);
                if case % 2 == 1 {
                    let preferred: Vec<Option<usize>> = (0..problem.job_count())
                        .map(|_| [None, Some(0), Some(1)][rng.below(3)])
                        .collect();
                    let cost = [0.5, 3.0, 10.0, 2e7][rng.below(4)];
                    problem = problem.with_preferences(&preferred, cost);
                }
                let routes = two_couriers(&mut rng, &problem);
                let Some(before) = exact_cost(&problem, &routes, penalised) else {
                    continue;
                };
                let caches = caches_of(&problem, &routes);
                let locs = locs_of(&routes);
                for &lu in &locs {
                    for &lw in &locs {
                        if lu == lw {
                            continue;
                        }
                        let mut view = view_of(&problem, &routes, &caches, penalties);
                        let Some(delta) = op.evaluate(&mut view, lu, lw) else {
                            continue;
                        };
                        let mut after = routes.clone();
                        op.apply(&mut after, lu, lw, &mut Vec::new());
                        let exact = exact_cost(&problem, &after, penalised)
                            .expect("a priced move keeps the rules it must");
                        assert!(
                            (exact - before - delta).abs() <= 1e-6 * (1.0 + before.abs()),
                            "{}: priced {delta}, walked {}",
                            op.name(),
                            exact - before
                        );
                        priced += 1;
                        improving += usize::from(delta < -EPS);
                        let change = charges(&problem, &after) - charges(&problem, &routes);
                        charged += usize::from(change.abs() > EPS);
                    }
                }
            }
            assert!(
                priced >= 5 && improving >= 3,
                "{}: {priced} moves priced, {improving} improving",
                op.name()
            );
            // 2-opt stays within one trip: it never carries an order to another courier.
            assert!(
                op.name() == "2-opt" || charged >= 1,
                "{}: {charged} priced moves changed the move charges",
                op.name()
            );
            all_charged += charged;
        }
        assert!(
            all_charged >= 20,
            "{all_charged} priced moves changed the charges"
        );
    }

    /// SWAP* on random two-courier routes (as above; each trip a route, two trips of one
    /// courier too): every exchange and relocation it may make (each order in the other's
    /// place or anywhere not next to it) is priced as carrying it out and walking the
    /// routes from scratch gives, with and without penalties; and the move [`SwapStar::best`]
    /// returns improves by the change it gives.
    #[test]
    fn swap_star_prices_its_moves_as_the_routes_walked_from_scratch() {
        for penalties in [
            None,
            Some(Penalties {
                load: 3.0,
                time: 0.7,
            }),
        ] {
            swap_star_prices_as_walked(penalties);
        }
    }

    fn swap_star_prices_as_walked(penalties: Option<Penalties>) {
        let penalised = penalties.as_ref();
        let mut rng = Rng::new(31);
        let (mut priced, mut improving, mut best_found) = (0, 0, 0);
        for case in 0..300 {
            let objective = [
                Objective::Distance,
                Objective::CouriersFirst,
                Objective::Balanced,
            ][case % 3];
            let scenario = scenario(&mut rng, case % 3 != 0, case % 4 != 0);
            let matrix = TravelMatrix::straight_line(&scenario);
            let mut problem = Problem::new(&scenario, &matrix, objective);
            if case % 2 == 1 {
                let preferred: Vec<Option<usize>> = (0..problem.job_count())
                    .map(|_| [None, Some(0), Some(1)][rng.below(3)])
                    .collect();
                problem = problem.with_preferences(&preferred, 3.0);
            }
            let routes = two_couriers(&mut rng, &problem);
            let Some(before) = exact_cost(&problem, &routes, penalised) else {
                continue;
            };
            let caches = caches_of(&problem, &routes);
            let trips: Vec<Loc> = (0..2)
                .flat_map(|v| (0..routes.trips[v].len()).map(move |t| Loc { v, t, pos: 0 }))
                .collect();
            let mut star = SwapStar::new(&problem);
            let view = |routes| view_of(&problem, routes, &caches, penalties);
            let walked = |mv: &SwapStarMove| {
                let mut after = routes.clone();
                SwapStar::apply(&mut after, mv);
                exact_cost(&problem, &after, penalised).map(|c| c - before)
            };
            for &a in &trips {
                for &b in &trips {
                    if (a.v, a.t) == (b.v, b.t) {
                        continue;
                    }
                    if let Some((mv, delta)) = star.best(&mut view(&routes), a, b) {
                        let exact = walked(&mv).expect("a priced move keeps the rules it must");
                        assert!(
                            delta < -EPS && (exact - delta).abs() <= 1e-6 * (1.0 + before.abs())
                        );
                        best_found += 1;
                    }
                    let (n, m) = (
                        routes.trips[a.v][a.t].jobs.len(),
                        routes.trips[b.v][b.t].jobs.len(),
                    );
                    let places = |len: usize, out: Option<usize>| {
                        (0..=len).filter(move |&q| out.is_none_or(|p| q != p + 1))
                    };
                    let mut moves = Vec::new();
                    for pu in 0..n {
                        for pv in 0..m {
                            let (la, lb) = (Loc { pos: pu, ..a }, Loc { pos: pv, ..b });
                            for u_to in places(m, Some(pv)) {
                                for v_to in places(n, Some(pu)) {
                                    moves.push(SwapStarMove {
                                        a: la,
                                        b: lb,
                                        u_to: Some(u_to),
                                        v_to: Some(v_to),
                                    });
                                }
                            }
                            if pv == 0 {
                                for u_to in places(m, None) {
                                    moves.push(SwapStarMove {
                                        a: la,
                                        b: lb,
                                        u_to: Some(u_to),
                                        v_to: None,
                                    });
                                }
                            }
                            if pu == 0 {
                                for v_to in places(n, None) {
                                    moves.push(SwapStarMove {
                                        a: la,
                                        b: lb,
                                        u_to: None,
                                        v_to: Some(v_to),
                                    });
                                }
                            }
                        }
                    }
                    for mv in moves {
                        let Some(delta) = swap_star::price(&mut view(&routes), &mv) else {
                            continue;
                        };
                        let exact = walked(&mv).expect("a priced move keeps the rules it must");
                        assert!(
                            (exact - delta).abs() <= 1e-6 * (1.0 + before.abs()),
                            "case {case}: {mv:?} priced {delta}, walked {exact}"
                        );
                        priced += 1;
                        improving += usize::from(delta < -EPS);
                    }
                }
            }
        }
        assert!(
            priced >= 500 && improving >= 50 && best_found >= 10,
            "{priced} priced, {improving} improving, {best_found} best moves"
        );
    }

    /// Whole-trip moves on random two-courier routes (as above, each courier with one to
    /// several trips): every move between the couriers and within each is priced as carrying
    /// it out and walking the routes from scratch gives, with and without penalties; the
    /// move [`trip_moves::best`] returns improves by the change it gives.
    #[test]
    fn trip_moves_price_as_the_routes_walked_from_scratch() {
        let (mut priced, mut improving, mut charged, mut best_found) = (0, 0, 0, 0);
        let mut rng = Rng::new(43);
        for case in 0..400 {
            let penalties = (case % 2 == 0).then_some(Penalties {
                load: 3.0,
                time: 0.7,
            });
            let penalised = penalties.as_ref();
            let objective = [
                Objective::Distance,
                Objective::CouriersFirst,
                Objective::Balanced,
            ][case % 3];
            let scenario = scenario(&mut rng, case % 3 != 0, case % 4 != 0);
            let matrix = TravelMatrix::straight_line(&scenario);
            let mut problem = Problem::new(&scenario, &matrix, objective);
            if case % 4 < 2 {
                let preferred: Vec<Option<usize>> = (0..problem.job_count())
                    .map(|_| [None, Some(0), Some(1)][rng.below(3)])
                    .collect();
                problem = problem.with_preferences(&preferred, 3.0);
            }
            let (first, mut rest) = random_trips(&mut rng, &problem);
            let mut routes = Routes::empty(2, problem.job_count());
            routes.trips[0] = first;
            rest.truncate(1 + rng.below(6));
            let cut = rng.below(rest.len() + 1);
            let second = rest.split_off(cut);
            routes.trips[1] = [rest, second]
                .into_iter()
                .filter(|jobs| !jobs.is_empty())
                .map(|jobs| Trip {
                    kitchen: rng.below(2),
                    jobs,
                })
                .collect();
            let Some(before) = exact_cost(&problem, &routes, penalised) else {
                continue;
            };
            let caches = caches_of(&problem, &routes);
            let view = |routes| view_of(&problem, routes, &caches, penalties);
            let walked = |mv: &trip_moves::TripMove| {
                let mut after = routes.clone();
                trip_moves::apply(&mut after, mv);
                let exact = exact_cost(&problem, &after, penalised).map(|c| c - before);
                (
                    exact,
                    charges(&problem, &after) - charges(&problem, &routes),
                )
            };
            for (a, b) in [(0, 0), (0, 1), (1, 1)] {
                if let Some((mv, delta)) = trip_moves::best(&mut view(&routes), a, b) {
                    let exact = walked(&mv)
                        .0
                        .expect("a priced move keeps the rules it must");
                    assert!(delta < -EPS && (exact - delta).abs() <= 1e-6 * (1.0 + before.abs()));
                    best_found += 1;
                }
                for mv in trip_moves::moves(&routes, a, b) {
                    let Some(delta) = trip_moves::price(&mut view(&routes), &mv) else {
                        continue;
                    };
                    let (exact, charge) = walked(&mv);
                    let exact = exact.expect("a priced move keeps the rules it must");
                    assert!(
                        (exact - delta).abs() <= 1e-6 * (1.0 + before.abs()),
                        "case {case}: {mv:?} priced {delta}, walked {exact}"
                    );
                    priced += 1;
                    improving += usize::from(delta < -EPS);
                    charged += usize::from(charge.abs() > EPS);
                }
            }
        }
        assert!(
            priced >= 500 && improving >= 100 && charged >= 50 && best_found >= 40,
            "{priced} priced, {improving} improving, {charged} charged, {best_found} best"
        );
    }
}
