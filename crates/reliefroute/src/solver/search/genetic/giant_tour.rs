//! HGS's crossover on plain capacitated problems (Vidal 2012, 2022): order crossover (OX)
//! of the parents' giant tours, then Split.
//!
//! A giant tour is every job once: a plan's trips one after the other, ordered by the polar
//! angle of their barycentre around the kitchen (as HGS orders its routes), then the jobs
//! it leaves out. OX copies a slice of the first parent's tour in place and fills the rest
//! in the second parent's order from after the slice. Split then cuts the child's tour into
//! trips at the least cost: a shortest path over the tour (Bellman, in tour order) where a
//! trip's arc costs what the evaluation core charges for it ([`route_cost`], legs from
//! [`leg`]) plus its load over capacity ([`excess`]) at the current price; with fewer
//! couriers than that cut uses, the shortest path with at most a trip per courier (HGS's
//! limited-fleet split).
//!
//! That cost is the plan's exactly only where nothing else can bind, so the crossover
//! applies only there ([`GiantTour::new`]); everywhere else `genetic` keeps SREX.

use super::interchangeable;
use crate::model::{Objective, TimeWindow};
use crate::solver::eval::{excess, leg, route_cost, Penalties, Violations};
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::{Routes, Trip};

/// The crossover's state on one plain capacitated problem, with its buffers (reused from one
/// child to the next).
pub(super) struct GiantTour {
    /// The one kitchen.
    kitchen: usize,
    /// The parents' giant tours and the child's.
    first: Vec<usize>,
    second: Vec<usize>,
    child: Vec<usize>,
    /// Per job, whether OX took it from the first parent.
    taken: Vec<bool>,
    /// Per trip of a parent, its polar angle, courier and place among the courier's trips.
    angles: Vec<(f64, usize, usize)>,
    split: Split,
}

/// Split's data and buffers.
struct Split {
    kitchen: usize,
    /// How many couriers there are (all identical).
    fleet: usize,
    /// The couriers' capacity, per item.
    capacity: Vec<u32>,
    /// How far over capacity a trip Split tries may be, in units: past it a longer trip is
    /// not tried (see [`PARAMS.split_excess`]).
    most_excess: f64,
    /// The least cost of cutting the tour's first `i` jobs into `k` trips, at
    /// `k * (jobs + 1) + i` (`k` 0 alone without a limit on the trips), and the cut before
    /// the last of those trips.
    cost: Vec<f64>,
    before: Vec<usize>,
    /// The load of the trip being priced, per item.
    load: Vec<u64>,
}

impl GiantTour {
    /// The crossover for `problem` if a plan of it is a set of trips whose costs add up to
    /// the plan's and depend on nothing but their jobs' order and load: one kitchen,
    /// identical couriers (same class and skills, see [`interchangeable`]) based at it,
    /// each making one trip; no time rule that can bind (no closing time on the orders, the
    /// kitchen or the shifts, no freshness or door-wait limit, no breaks, no cap on working
    /// time); every order mandatory, loaded at that kitchen, carried by any courier and
    /// within one courier's capacity alone, and all of them within the fleet's (Split
    /// serves every order: it cannot choose which to leave out); no limited kitchen
    /// output, no preferred
    /// couriers, a route start at the base; and an objective that adds up over routes
    /// (not `balanced`). `None` otherwise, or for fewer than two jobs.
    pub fn new(problem: &Problem) -> Option<GiantTour> {
        let scenario = &problem.scenario;
        let &[kitchen] = problem.kitchens.as_slice() else {
            return None;
        };
        let jobs = problem.job_count();
        let fleet = problem.vehicle_count();
        let open = |w: TimeWindow| w.end.is_infinite();
        let couriers = fleet > 0
            && problem.starts.is_empty()
            && (0..fleet).all(|v| {
                let courier = &scenario.fleet[v];
                interchangeable(problem, 0, v)
                    && courier.base == kitchen
                    && courier.max_trips == 1
                    && open(courier.shift)
                    && courier.breaks.is_empty()
                    && courier.max_work_min.is_none()
            });
        if !couriers {
            return None;
        }
        let capacity = scenario.fleet[0].capacity.clone();
        let orders = problem.jobs.iter().enumerate().all(|(j, job)| {
            open(job.window)
                && job.max_ride.is_infinite()
                && job.max_wait.is_infinite()
                && job.kitchen.is_none_or(|k| k == kitchen)
                && job.priority > 0
                && job.courier.is_none()
                && problem.fits(j, 0)
                && job.quantity <= capacity[job.item]
        });
        let mut load = vec![0u64; capacity.len()];
        for job in &problem.jobs {
            load[job.item] += u64::from(job.quantity);
        }
        let fleet_carries =
            (capacity.iter().zip(&load)).all(|(&c, &l)| l <= fleet as u64 * u64::from(c));
        let plain = jobs >= 2
            && orders
            && fleet_carries
            && open(scenario.sites[kitchen].hours)
            && scenario.supply.is_empty()
            && problem.preferred.is_empty()
            && problem.objective != Objective::Balanced;
        if !plain {
            return None;
        }
        let units: f64 = capacity.iter().map(|&c| f64::from(c)).sum();
        Some(GiantTour {
            kitchen,
            first: Vec::with_capacity(jobs),
            second: Vec::with_capacity(jobs),
            child: vec![0; jobs],
            taken: vec![false; jobs],
            angles: Vec::new(),
            split: Split {
                kitchen,
                fleet,
                most_excess: PARAMS.split_excess * units,
                load: vec![0; capacity.len()],
                capacity,
                cost: Vec::new(),
                before: Vec::new(),
            },
        })
    }

    /// A child of `a` and `b`: OX of their giant tours (the slice from `a` drawn with
    /// `rng`), cut by Split with the load priced by `penalties`. Returns it with the work
    /// done, or `None` if the fleet cannot carry the tour within Split's reach (see
    /// [`PARAMS.split_excess`]).
    pub fn cross(
        &mut self,
        problem: &Problem,
        a: &Routes,
        b: &Routes,
        rng: &mut Rng,
        penalties: &Penalties,
    ) -> Option<(Routes, u64)> {
        let n = problem.job_count();
        tour_of(problem, self.kitchen, a, &mut self.angles, &mut self.first);
        tour_of(problem, self.kitchen, b, &mut self.angles, &mut self.second);
        let start = rng.below(n);
        let mut end = rng.below(n);
        while end == start {
            end = rng.below(n);
        }
        let parents = (&self.first[..], &self.second[..]);
        order_crossover(parents, (start, end), &mut self.child, &mut self.taken);
        let (trips, work) = self.split.cut(problem, &self.child, penalties)?;
        let mut routes = Routes {
            trips: vec![Vec::new(); problem.vehicle_count()],
            unassigned: Vec::new(),
        };
        for (k, &(from, to)) in trips.iter().enumerate() {
            routes.trips[k].push(Trip {
                kitchen: self.kitchen,
                jobs: self.child[from..to].to_vec(),
            });
        }
        Some((routes, work + 3 * n as u64))
    }
}

impl Split {
    /// Split: `tour` cut into trips, as (from, to) ranges of it, at the least cost with
    /// the load priced by `penalties`, with at most a trip per courier; and the work done.
    /// `None` if the fleet cannot carry the tour within [`Split::most_excess`] a trip.
    fn cut(
        &mut self,
        problem: &Problem,
        tour: &[usize],
        penalties: &Penalties,
    ) -> Option<(Vec<(usize, usize)>, u64)> {
        let n = tour.len();
        let mut work = self.shortest(problem, tour, penalties, None);
        let mut trips = self.cuts(n, None);
        if trips.len() > self.fleet {
            work += self.shortest(problem, tour, penalties, Some(self.fleet));
            let best = (1..=self.fleet)
                .map(|k| (self.cost[k * (n + 1) + n], k))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))?;
            if !best.0.is_finite() {
                return None;
            }
            trips = self.cuts(n, Some(best.1));
        }
        Some((trips, work))
    }

    /// Bellman's shortest paths over `tour` in its order, with at most `most` trips when
    /// given (one layer of [`Split::cost`] per trip count) or any number (one layer).
    /// Returns the work done: the trips priced.
    fn shortest(
        &mut self,
        problem: &Problem,
        tour: &[usize],
        penalties: &Penalties,
        most: Option<usize>,
    ) -> u64 {
        let n = tour.len();
        let layers = most.map_or(1, |k| k + 1);
        self.cost.clear();
        self.cost.resize(layers * (n + 1), f64::INFINITY);
        self.before.clear();
        self.before.resize(layers * (n + 1), 0);
        self.cost[0] = 0.0;
        let (kitchen, mut work) = (self.kitchen, 0);
        for layer in 0..most.unwrap_or(1) {
            let (from, to) = match most {
                Some(_) => (layer * (n + 1), (layer + 1) * (n + 1)),
                None => (0, 0),
            };
            for i in 0..n {
                let reached = self.cost[from + i];
                if !reached.is_finite() {
                    continue;
                }
                self.load.fill(0);
                let mut distance = 0.0;
                let mut at = kitchen;
                for (j, &job) in tour.iter().enumerate().skip(i) {
                    let site = problem.jobs[job].site;
                    self.load[problem.jobs[job].item] += u64::from(problem.jobs[job].quantity);
                    distance += leg(problem, 0, at, site).1;
                    at = site;
                    let over = excess(&self.capacity, self.load.iter().copied());
                    let back = leg(problem, 0, site, kitchen).1;
                    let price = penalties.price(&Violations {
                        load: over,
                        time: 0.0,
                    });
                    let cost = reached + route_cost(problem, 1, distance + back) + price;
                    work += 1;
                    if cost < self.cost[to + j + 1] {
                        self.cost[to + j + 1] = cost;
                        self.before[to + j + 1] = i;
                    }
                    if over > self.most_excess {
                        break;
                    }
                }
            }
        }
        work
    }

    /// The trips of the path [`Split::shortest`] found to the tour's end (of `n`
    /// jobs), with `trips` trips when limited, in tour order.
    fn cuts(&self, n: usize, trips: Option<usize>) -> Vec<(usize, usize)> {
        let mut cuts = Vec::new();
        let mut end = n;
        let mut layer = trips.unwrap_or(0);
        while end > 0 {
            let begin = self.before[layer * (n + 1) + end];
            cuts.push((begin, end));
            end = begin;
            layer = layer.saturating_sub(1);
        }
        cuts.reverse();
        cuts
    }
}

/// `routes`' giant tour into `tour`: its trips by the polar angle of their barycentre
/// around `kitchen` (the first of equal angles first; `angles` is a buffer), then the jobs
/// it leaves out.
fn tour_of(
    problem: &Problem,
    kitchen: usize,
    routes: &Routes,
    angles: &mut Vec<(f64, usize, usize)>,
    tour: &mut Vec<usize>,
) {
    let sites = &problem.scenario.sites;
    let centre = sites[kitchen].location;
    angles.clear();
    for (v, trips) in routes.trips.iter().enumerate() {
        for (t, trip) in trips.iter().enumerate().filter(|(_, t)| !t.jobs.is_empty()) {
            let (mut x, mut y) = (0.0, 0.0);
            for &j in &trip.jobs {
                let at = sites[problem.jobs[j].site].location;
                (x, y) = (x + at.x - centre.x, y + at.y - centre.y);
            }
            let count = trip.jobs.len() as f64;
            angles.push(((y / count).atan2(x / count), v, t));
        }
    }
    angles.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    tour.clear();
    for &(_, v, t) in angles.iter() {
        tour.extend(&routes.trips[v][t].jobs);
    }
    tour.extend(&routes.unassigned);
}

/// OX: into `child`, `first`'s slice from `start` to `end` (inclusive, round the end of
/// the tour when `end < start`) in place, then the jobs not in it in `second`'s order from
/// just after `end`, filling on from just after the slice. `first` and `second` hold the
/// same jobs `0..n` once each; `taken` has a flag per job.
fn order_crossover(
    (first, second): (&[usize], &[usize]),
    (start, end): (usize, usize),
    child: &mut [usize],
    taken: &mut [bool],
) {
    let n = first.len();
    taken.fill(false);
    let len = (end + n - start) % n + 1;
    for k in 0..len {
        let p = (start + k) % n;
        child[p] = first[p];
        taken[first[p]] = true;
    }
    let mut p = start + len;
    for i in 1..=n {
        let job = second[(end + i) % n];
        if !taken[job] {
            child[p % n] = job;
            p += 1;
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{
        CourierSpec, OrderSpec, Rounding, Scenario, Site, SiteKind, SolverSettings, TimeWindow,
        TravelModel,
    };
    use crate::travel::TravelMatrix;
    use geo::Coord;

    /// A plain capacitated scenario: the kitchen at the origin, an order of `demand[i]` at
    /// `points[i]`, `fleet` couriers of capacity `capacity`, exact plane distances.
    pub(in super::super) fn cvrp(
        points: &[(f64, f64)],
        demand: &[u32],
        capacity: u32,
        fleet: usize,
    ) -> Scenario {
        let mut builder = Scenario::builder("cvrp")
            .item("demand")
            .travel(TravelModel::Planar(Rounding::Exact))
            .solver(SolverSettings {
                objective: Objective::Distance,
                ..SolverSettings::default()
            })
            .site(Site::new("K", SiteKind::Kitchen, Coord { x: 0.0, y: 0.0 }));
        for (i, &(x, y)) in points.iter().enumerate() {
            let customer = SiteKind::Other("customer".to_string());
            builder = builder
                .site(Site::new(format!("S{i}"), customer, Coord { x, y }))
                .order(OrderSpec::new(
                    format!("O{i}"),
                    format!("S{i}"),
                    "demand",
                    demand[i],
                ));
        }
        for v in 0..fleet {
            builder = builder
                .courier(CourierSpec::new(format!("V{v}"), "K", 60.0).capacity("demand", capacity));
        }
        builder.build().expect("a valid plain capacitated scenario")
    }

    /// `n` customers at random integer points within `half_span` of the kitchen on each
    /// axis, each ordering 1 to `max_demand` units.
    pub(in super::super) fn random_customers(
        rng: &mut Rng,
        n: usize,
        half_span: usize,
        max_demand: usize,
    ) -> (Vec<(f64, f64)>, Vec<u32>) {
        let coordinate = |rng: &mut Rng| rng.below(2 * half_span + 1) as f64 - half_span as f64;
        let points = (0..n).map(|_| (coordinate(rng), coordinate(rng))).collect();
        let demand = (0..n).map(|_| 1 + rng.below(max_demand) as u32).collect();
        (points, demand)
    }

    /// The cost of cutting `tour` (jobs `i` at `points[i]`) at `trips`, computed here from
    /// the coordinates: each trip's length from the origin and back, plus `price` per unit
    /// over `capacity`.
    fn priced(
        points: &[(f64, f64)],
        demand: &[u32],
        (capacity, price): (u32, f64),
        tour: &[usize],
        trips: &[(usize, usize)],
    ) -> f64 {
        let at = |j: Option<usize>| j.map_or((0.0, 0.0), |j| points[j]);
        let dist =
            |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        trips
            .iter()
            .map(|&(from, to)| {
                let stops: Vec<Option<usize>> = std::iter::once(None)
                    .chain(tour[from..to].iter().map(|&j| Some(j)))
                    .chain(std::iter::once(None))
                    .collect();
                let length: f64 = stops.windows(2).map(|w| dist(at(w[0]), at(w[1]))).sum();
                let load: u32 = tour[from..to].iter().map(|&j| demand[j]).sum();
                length + price * f64::from(load.saturating_sub(capacity))
            })
            .sum()
    }

    fn prices(load: f64) -> Penalties {
        Penalties { load, time: 0.0 }
    }

    /// Two orders of one unit on each side of the kitchen, two units a courier, the tour
    /// going out east and then west: the two trips east and west (length 6 + 6) beat any
    /// other cut (one trip over capacity by 2 units is 12 + 2 units' price; three trips 16
    /// or more). Then orders of 1, 2 and 1 units east, north and far west, for two couriers
    /// of two units: within capacity only three trips (20 + 20 + 40) would do, so Split
    /// makes two with one unit over capacity at 10 a unit: east alone and north with west
    /// (20 + 10 + 500^0.5 + 20 + 10) rather than east with north (10 + 200^0.5 + 10 + 40
    /// + 10) or all three (10 + 200^0.5 + 500^0.5 + 20 + 20).
    #[test]
    fn split_cuts_a_hand_checked_tour_at_the_least_cost() {
        let cases = [
            (
                vec![(2.0, 0.0), (3.0, 0.0), (-2.0, 0.0), (-3.0, 0.0)],
                vec![1, 1, 1, 1],
                4,
                1.0,
                vec![(0, 2), (2, 4)],
                12.0,
            ),
            (
                vec![(2.0, 0.0), (3.0, 0.0), (-2.0, 0.0), (-3.0, 0.0)],
                vec![1, 1, 1, 1],
                2,
                0.1,
                vec![(0, 2), (2, 4)],
                12.0,
            ),
            (
                vec![(10.0, 0.0), (0.0, 10.0), (-20.0, 0.0)],
                vec![1, 2, 1],
                2,
                10.0,
                vec![(0, 1), (1, 3)],
                60.0 + 500f64.sqrt(),
            ),
        ];
        for (points, demand, fleet, price, expected, cost) in cases {
            let scenario = cvrp(&points, &demand, 2, fleet);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let mut giant = GiantTour::new(&problem).expect("a plain capacitated problem");
            let tour: Vec<usize> = (0..points.len()).collect();
            let (trips, _) = giant
                .split
                .cut(&problem, &tour, &prices(price))
                .expect("a cut");
            assert_eq!(trips, expected, "{fleet} couriers");
            let found = priced(&points, &demand, (2, price), &tour, &trips);
            assert!((found - cost).abs() < 1e-9, "{found}");
        }
    }

    /// On random tours of up to 9 jobs, Split's cut costs what the best of all cuts with at
    /// most a trip per courier costs (each found by enumeration), with no limit on the
    /// excess it tries; with HGS's limit (half a capacity) it still cuts every tour.
    #[test]
    fn split_finds_the_least_cost_of_all_cuts() {
        let mut rng = Rng::new(5);
        let mut limited = 0;
        for case in 0..300 {
            let n = 2 + rng.below(8);
            let (points, demand) = random_customers(&mut rng, n, 10, 5);
            let capacity = 5 + rng.below(6) as u32;
            // At least the couriers the load needs (see `GiantTour::new`), in half the cases
            // just that.
            let needed = demand.iter().sum::<u32>().div_ceil(capacity) as usize;
            let fleet = if case % 2 == 0 {
                needed
            } else {
                (1 + rng.below(n)).max(needed)
            };
            let price = [0.0, 0.5, 3.0, 100.0][rng.below(4)];
            let scenario = cvrp(&points, &demand, capacity, fleet);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let mut tour: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut tour);
            let mut giant = GiantTour::new(&problem).expect("a plain capacitated problem");
            assert!(giant.split.cut(&problem, &tour, &prices(price)).is_some());
            giant.split.most_excess = f64::INFINITY;
            let (trips, _) = giant
                .split
                .cut(&problem, &tour, &prices(price))
                .expect("a cut");
            assert!(trips.len() <= fleet, "case {case}");
            assert_eq!(trips.first().map(|t| t.0), Some(0), "case {case}");
            assert_eq!(trips.last().map(|t| t.1), Some(n), "case {case}");
            assert!(trips.iter().all(|t| t.0 < t.1), "case {case}");
            assert!(trips.windows(2).all(|w| w[0].1 == w[1].0), "case {case}");
            let found = priced(&points, &demand, (capacity, price), &tour, &trips);
            // Each subset of the n - 1 places between jobs is a cut: the least cost with at
            // most a trip per courier, and with any number of trips.
            let (mut best, mut unlimited) = (f64::INFINITY, f64::INFINITY);
            for mask in 0..1u32 << (n - 1) {
                let mut cut = Vec::new();
                let mut from = 0;
                for k in 1..n {
                    if mask & (1 << (k - 1)) != 0 {
                        cut.push((from, k));
                        from = k;
                    }
                }
                cut.push((from, n));
                let cost = priced(&points, &demand, (capacity, price), &tour, &cut);
                unlimited = unlimited.min(cost);
                if cut.len() <= fleet {
                    best = best.min(cost);
                }
            }
            assert!((found - best).abs() < 1e-6, "case {case}: {found} > {best}");
            limited += usize::from(unlimited < best - 1e-6);
        }
        // The fleet's limit changed the answer often enough to test the limited split.
        assert!(limited >= 20, "{limited}");
    }

    /// OX on random tours: the child holds every job once, `first`'s slice in place, and the
    /// other jobs in `second`'s order, from just after the slice on.
    #[test]
    fn an_ox_child_is_a_permutation_keeping_the_first_parents_slice() {
        let mut rng = Rng::new(9);
        for case in 0..500 {
            let n = 2 + rng.below(30);
            let mut first: Vec<usize> = (0..n).collect();
            let mut second = first.clone();
            rng.shuffle(&mut first);
            rng.shuffle(&mut second);
            let (start, end) = (rng.below(n), rng.below(n));
            let mut child = vec![usize::MAX; n];
            order_crossover(
                (&first, &second),
                (start, end),
                &mut child,
                &mut vec![true; n],
            );
            let mut sorted = child.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "case {case}");
            let len = (end + n - start) % n + 1;
            let slice: Vec<usize> = (0..len).map(|k| (start + k) % n).collect();
            for &p in &slice {
                assert_eq!(child[p], first[p], "case {case}");
            }
            let rest: Vec<usize> = (0..n - len).map(|k| child[(start + len + k) % n]).collect();
            let expected: Vec<usize> = (1..=n)
                .map(|i| second[(end + i) % n])
                .filter(|j| !slice.iter().any(|&p| first[p] == *j))
                .collect();
            assert_eq!(rest, expected, "case {case}");
        }
    }

    /// A plan's giant tour lists its trips by the angle of their barycentre around the
    /// kitchen, then the jobs it leaves out; crossing two plans gives trips of the kitchen
    /// serving every job once, at most one a courier.
    #[test]
    fn giant_tours_follow_the_angle_and_children_serve_every_job() {
        let points = [
            (1.0, 1.0),
            (-1.0, 2.0),
            (-1.0, -1.0),
            (1.0, -1.0),
            (2.0, 0.1),
        ];
        let scenario = cvrp(&points, &[1, 1, 1, 1, 1], 2, 3);
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let mut giant = GiantTour::new(&problem).expect("a plain capacitated problem");
        let trip = |jobs: &[usize]| Trip {
            kitchen: 0,
            jobs: jobs.to_vec(),
        };
        // Barycentres: [3] south-east (-45 degrees), [0, 4] east-north-east (20), [2, 1]
        // west-north-west (153).
        let a = Routes {
            trips: vec![vec![trip(&[0, 4])], vec![trip(&[2, 1])], vec![trip(&[3])]],
            unassigned: vec![],
        };
        let mut tour = Vec::new();
        tour_of(&problem, 0, &a, &mut Vec::new(), &mut tour);
        assert_eq!(tour, vec![3, 0, 4, 2, 1]);
        let b = Routes {
            trips: vec![vec![trip(&[1, 0])], vec![], vec![trip(&[2])]],
            unassigned: vec![4, 3],
        };
        tour_of(&problem, 0, &b, &mut Vec::new(), &mut tour);
        assert_eq!(tour, vec![2, 1, 0, 4, 3]);
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let (child, _) = giant
                .cross(&problem, &a, &b, &mut rng, &prices(1.0))
                .expect("a child");
            assert_eq!(child.every_job(), (0..5).collect::<Vec<_>>());
            assert!(child.unassigned.is_empty());
            assert!(child.trips.iter().all(|t| t.len() <= 1));
            assert!(child.trips.iter().flatten().all(|t| !t.jobs.is_empty()));
        }
    }

    /// An edit of a scenario.
    type Change = fn(&mut Scenario);

    /// The crossover applies to plain capacitated problems only.
    #[test]
    fn the_crossover_applies_to_plain_capacitated_problems_only() {
        let points = [(1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)];
        let plain = cvrp(&points, &[1, 1, 1], 2, 3);
        let changes: [(&str, Change); 9] = [
            ("a window", |s| {
                s.orders[0].window = TimeWindow::new(0.0, 100.0)
            }),
            ("a shift end", |s| {
                (s.fleet.iter_mut()).for_each(|v| v.shift = TimeWindow::new(0.0, 600.0))
            }),
            ("two trips", |s| {
                s.fleet.iter_mut().for_each(|v| v.max_trips = 2)
            }),
            ("a freshness limit", |s| {
                s.orders[1].max_ride_min = Some(30.0)
            }),
            ("an optional order", |s| s.orders[2].priority = 0),
            ("a larger van", |s| s.fleet[2].capacity = vec![3]),
            ("an order over capacity", |s| s.orders[0].quantity = 3),
            ("a fleet too small for the load", |s| s.fleet.truncate(1)),
            ("a second kitchen", |s| {
                let kitchen = s.sites[0].clone();
                s.sites.push(kitchen);
            }),
        ];
        let applies = |scenario: &Scenario, objective| {
            let matrix = TravelMatrix::straight_line(scenario);
            GiantTour::new(&Problem::new(scenario, &matrix, objective)).is_some()
        };
        assert!(applies(&plain, Objective::Distance));
        assert!(applies(&plain, Objective::CouriersFirst));
        assert!(!applies(&plain, Objective::Balanced));
        for (what, change) in changes {
            let mut scenario = plain.clone();
            change(&mut scenario);
            assert!(!applies(&scenario, Objective::Distance), "{what}");
        }
    }
}
