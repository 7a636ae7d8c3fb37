//! Summaries of one courier's current route, kept so that a change is priced in O(1).
//!
//! For every trip the cache holds the [`Stops`] summary of each prefix and each suffix of its
//! orders (the inserter's caches only those it asked for: most insertions price a few
//! positions), its load per item and its [`TripEval`]. A proposal (an order inserted, a run of
//! orders moved, two tails exchanged) names the trips it changes as new `Stops` built from
//! those pieces; [`RouteCache::price`] merges them with the unchanged trips' summaries, so it
//! costs O(trips of the courier), whatever the length of the trips. For a courier making
//! several trips it also keeps the route's timing around each trip ([`RouteTiming`]), so that
//! the inserter tells most late routes without a price, and a route with one trip replaced is
//! priced in O(1) whatever its number of trips.

use super::route::{excess, RouteBuilder, RouteCost, RouteTiming, TripEval};
use super::stops::{start_bounds, StartBound, Stops};
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// One trip's summaries.
#[derive(Debug, Clone, Default)]
struct TripCache {
    kitchen: usize,
    /// Orders of the trip.
    len: usize,
    /// The trip's sites in visiting order, its kitchen first and last: what the
    /// local-search operators read around each order, in one array (see
    /// [`RouteCache::site`]).
    sites: Vec<usize>,
    /// `prefix[i]`: orders `0..=i`; `suffix[len - 1 - i]`: orders `i..` (built from the end,
    /// so stored from the end). After a [`RouteCache::rebuild`] all are known; the inserter
    /// makes them on demand ([`RouteCache::make_prefix`], [`RouteCache::make_suffix`]), so
    /// only the first prefixes and the last suffixes may be known.
    prefix: Vec<Stops>,
    suffix: Vec<Stops>,
    /// Units per item on board.
    load: Vec<u64>,
    /// Units per item of orders `0..i`, at `i * items + item`, for `i` up to the known
    /// prefixes.
    units_before: Vec<u64>,
    /// The trip as the route sees it; `None` for an empty trip.
    eval: Option<TripEval>,
    /// Units over capacity.
    excess: f64,
    /// Each order's [`StartBound`], if `bounds_known`.
    bounds: Vec<StartBound>,
    bounds_known: bool,
}

/// A trip as a proposal makes it: from `kitchen`, serving `stops` (`None`: the trip is
/// emptied), with `load_excess` units over capacity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewTrip {
    pub kitchen: usize,
    pub stops: Option<Stops>,
    pub load_excess: f64,
}

impl TripCache {
    /// An empty trip from `kitchen`, its sites begun (the caller adds its orders' sites and
    /// the kitchen again).
    fn clear(&mut self, kitchen: usize, items: usize) {
        self.kitchen = kitchen;
        self.len = 0;
        self.sites.clear();
        self.sites.push(kitchen);
        self.prefix.clear();
        self.suffix.clear();
        self.load.clear();
        self.load.resize(items, 0);
        self.units_before.clear();
        self.units_before.resize(items, 0);
        self.bounds_known = false;
    }

    /// Completes the prefixes of `jobs` (the whole trip) up to order `i`, each merged onto
    /// the one before it, with their units.
    #[inline(never)]
    fn prefixes_to(&mut self, problem: &Problem, v: usize, jobs: &[usize], i: usize) {
        let items = self.load.len();
        for &j in jobs.iter().take(i + 1).skip(self.prefix.len()) {
            let run = Stops::job(problem, j);
            let next = match self.prefix.last() {
                Some(before) => before.then(problem, v, &run),
                None => run,
            };
            self.prefix.push(next);
            let row = self.units_before.len() - items;
            self.units_before.extend_from_within(row..);
            self.units_before[row + items + problem.jobs[j].item] +=
                u64::from(problem.jobs[j].quantity);
        }
    }

    /// The trip's capacity excess and evaluation, its orders summarised by `whole`.
    fn evaluate(&mut self, problem: &Problem, v: usize, whole: Option<&Stops>) {
        self.excess = excess(
            &problem.scenario.fleet[v].capacity,
            self.load.iter().copied(),
        );
        self.eval = whole.map(|stops| TripEval::new(problem, v, self.kitchen, stops));
    }

    /// Completes the suffixes of `jobs` (the whole trip) from order `i` on: they are kept
    /// for orders `jobs.len() - suffix.len()..`, each merged onto the one after it.
    #[inline(never)]
    fn suffixes_from(&mut self, problem: &Problem, v: usize, jobs: &[usize], i: usize) {
        let known = jobs.len() - self.suffix.len();
        for &j in jobs[i.min(known)..known].iter().rev() {
            let run = Stops::job(problem, j);
            let next = match self.suffix.last() {
                Some(after) => run.then(problem, v, after),
                None => run,
            };
            self.suffix.push(next);
        }
    }
}

impl NewTrip {
    /// An emptied trip (a placeholder the kitchen of which does not matter).
    pub const EMPTY: NewTrip = NewTrip {
        kitchen: 0,
        stops: None,
        load_excess: 0.0,
    };
}

/// The summaries of one vehicle's route (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(crate) struct RouteCache {
    trips: Vec<TripCache>,
    cost: RouteCost,
    /// The route's timing around each trip (see [`RouteTiming`]): late routes told and one
    /// trip replaced priced in O(1).
    timing: RouteTiming,
}

impl RouteCache {
    /// Re-reads vehicle `v` making `trips`. O(orders + trips · items), reusing its buffers.
    pub fn rebuild(&mut self, problem: &Problem, v: usize, trips: &[Trip]) {
        self.reread(problem, v, trips);
        for (cache, trip) in self.trips.iter_mut().zip(trips) {
            cache.suffixes_from(problem, v, &trip.jobs, 0);
        }
    }

    /// As [`RouteCache::rebuild`], but leaves the suffixes to [`RouteCache::make_suffix`]:
    /// half the merges, for a user that asks for few suffixes.
    pub fn reread(&mut self, problem: &Problem, v: usize, trips: &[Trip]) {
        self.trips.resize_with(trips.len(), TripCache::default);
        for (cache, trip) in self.trips.iter_mut().zip(trips) {
            let items = problem.scenario.items.len();
            cache.clear(trip.kitchen, items);
            cache.len = trip.jobs.len();
            let sites = trip.jobs.iter().map(|&j| problem.jobs[j].site);
            cache.sites.extend(sites);
            cache.sites.push(trip.kitchen);
            if let Some(last) = cache.len.checked_sub(1) {
                cache.prefixes_to(problem, v, &trip.jobs, last);
            }
            let total = cache.units_before.len() - items;
            cache.load.copy_from_slice(&cache.units_before[total..]);
            let whole = cache.prefix.last().copied();
            cache.evaluate(problem, v, whole.as_ref());
        }
        self.reprice(problem, v);
    }

    /// The route's cost and timing summaries from its trips' evaluations. O(trips).
    fn reprice(&mut self, problem: &Problem, v: usize) {
        self.cost = self.price(problem, v, &[], None);
        let trips = self.trips.iter().map(|c| (c.kitchen, c.eval.as_ref()));
        self.timing.rebuild(problem, v, trips);
    }

    /// Re-reads vehicle `v` after one order was inserted at position `pos` of trip `t`
    /// (nothing else changed), where the inserter priced it: the trip's summary is the
    /// prefix before `pos`, the order and the suffix after it merged as the price merged
    /// them (so the route costs exactly what was priced), and the prefixes before `pos` and
    /// the suffixes after it still hold. O(trips) when the pieces priced are still known
    /// (as after the inserter's price); the other prefixes and suffixes are left to
    /// [`RouteCache::make_prefix`] and [`RouteCache::make_suffix`].
    pub fn inserted(&mut self, problem: &Problem, v: usize, trips: &[Trip], t: usize, pos: usize) {
        let cache = &mut self.trips[t];
        let items = cache.load.len();
        let jobs = &trips[t].jobs;
        let job = jobs[pos];
        // The orders after the new one, as the trip before it had them.
        let after = &jobs[pos + 1..];
        cache.suffix.truncate(after.len());
        if pos > 0 {
            cache.prefixes_to(problem, v, jobs, pos - 1);
        }
        cache.suffixes_from(problem, v, after, 0);
        let mut whole = Stops::job(problem, job);
        if pos > 0 {
            whole = cache.prefix[pos - 1].then(problem, v, &whole);
        }
        if let Some(rest) = cache.suffix.last() {
            whole = whole.then(problem, v, rest);
        }
        cache.len = jobs.len();
        cache.sites.insert(pos + 1, problem.jobs[job].site);
        cache.bounds_known = false;
        cache.prefix.truncate(pos);
        cache.units_before.truncate((pos + 1) * items);
        cache.load[problem.jobs[job].item] += u64::from(problem.jobs[job].quantity);
        cache.evaluate(problem, v, Some(&whole));
        self.reprice(problem, v);
    }

    /// Takes `cost` as the route's, until the next rebuild (the caller knows it from a
    /// price and will rebuild before using the summaries).
    pub fn assume(&mut self, cost: RouteCost) {
        self.cost = cost;
    }

    /// The route as it is.
    pub fn cost(&self) -> &RouteCost {
        &self.cost
    }

    /// The sites of trip `t` in visiting order, its kitchen first and last (so the site of
    /// its order `i` is at `i + 1`).
    #[inline]
    pub fn sites(&self, t: usize) -> &[usize] {
        &self.trips[t].sites
    }

    /// Summary of orders `0..=i` of trip `t` (known after a [`RouteCache::rebuild`], or
    /// once [`RouteCache::make_prefix`] made it).
    pub fn prefix(&self, t: usize, i: usize) -> &Stops {
        &self.trips[t].prefix[i]
    }

    /// Makes the summary of orders `0..=i` of trip `t`, which serves `jobs`, if not yet known
    /// (then [`RouteCache::prefix`] gives it). O(1) amortised over the trip's prefixes.
    #[inline]
    pub fn make_prefix(&mut self, problem: &Problem, v: usize, jobs: &[usize], t: usize, i: usize) {
        let trip = &mut self.trips[t];
        if i >= trip.prefix.len() {
            trip.prefixes_to(problem, v, jobs, i);
        }
    }

    /// Summary of orders `i..` of trip `t` (known after a [`RouteCache::rebuild`], or
    /// once [`RouteCache::make_suffix`] made it).
    pub fn suffix(&self, t: usize, i: usize) -> &Stops {
        let trip = &self.trips[t];
        &trip.suffix[trip.len - 1 - i]
    }

    /// Makes the summary of orders `i..` of trip `t`, which serves `jobs`, if not yet known
    /// (then [`RouteCache::suffix`] gives it). O(1) amortised over the trip's suffixes.
    #[inline]
    pub fn make_suffix(&mut self, problem: &Problem, v: usize, jobs: &[usize], t: usize, i: usize) {
        let trip = &mut self.trips[t];
        if i + trip.suffix.len() < jobs.len() {
            trip.suffixes_from(problem, v, jobs, i);
        }
    }

    /// The [`StartBound`] of each order of trip `t`, which serves `jobs`. O(orders of the
    /// trip) the first time after a change, then O(1).
    pub fn start_bounds(
        &mut self,
        problem: &Problem,
        v: usize,
        jobs: &[usize],
        t: usize,
    ) -> &[StartBound] {
        let trip = &mut self.trips[t];
        if !trip.bounds_known {
            start_bounds(problem, v, jobs, &mut trip.bounds);
            trip.bounds_known = true;
        }
        &trip.bounds
    }

    /// Units of `item` in orders `from..to` of trip `t`. O(1).
    pub fn units(&self, t: usize, from: usize, to: usize, item: usize) -> u64 {
        let trip = &self.trips[t];
        let items = trip.load.len();
        trip.units_before[to * items + item] - trip.units_before[from * items + item]
    }

    /// Whether the route with trip `t` (not empty) of vehicle `v` serving `stops` instead,
    /// from the same kitchen, may keep every rule of time, kitchens and couriers: `false`
    /// only when [`RouteCache::price`] would find it infeasible, by the trip alone or by the
    /// route's time warp merged in O(1) around it ([`RouteTiming`]; always `true` where the
    /// route is not summarised). O(1).
    pub fn may_replace(&self, problem: &Problem, v: usize, t: usize, stops: &Stops) -> bool {
        if !self.timing.is_on() {
            return true;
        }
        let kitchen = self.trips[t].kitchen;
        let trip = TripEval::new(problem, v, kitchen, stops);
        trip.may_be_feasible()
            && self
                .timing
                .may_replace(problem, v, t, (kitchen, &trip.time))
    }

    /// Whether the route of vehicle `v` with `trip` (a trip's evaluation, from
    /// `kitchen`) added before trip `t` may be on time: `false` only when
    /// [`RouteCache::price`] would find it late ([`RouteTiming`]). O(1).
    pub fn may_add(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        kitchen: usize,
        trip: &TripEval,
    ) -> bool {
        self.timing.may_add(problem, v, t, (kitchen, &trip.time))
    }

    /// The route of vehicle `v` with trip `t` (not empty) replaced by `trip` (not emptied,
    /// from the same kitchen), priced in O(1) from its timing around the trip
    /// ([`RouteTiming::replaced`]): [`RouteCache::price`] up to rounding. `None` otherwise,
    /// or where the route is not summarised.
    pub fn replaced(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        trip: &NewTrip,
    ) -> Option<RouteCost> {
        let old = &self.trips[t];
        let (Some(stops), Some(eval)) = (&trip.stops, &old.eval) else {
            return None;
        };
        if trip.kitchen != old.kitchen || !self.timing.is_on() {
            return None;
        }
        let new = TripEval::new(problem, v, trip.kitchen, stops);
        let (was, is) = ((old.kitchen, eval, old.excess), (&new, trip.load_excess));
        self.timing.replaced(problem, v, t, &self.cost, was, is)
    }

    /// The route with trip `t` replaced for each `(t, trip)` of `changed`, and `added`
    /// inserted as a new trip before index `at` (`at` = trip count: at the end).
    /// O(trips).
    pub fn price(
        &self,
        problem: &Problem,
        v: usize,
        changed: &[(usize, &NewTrip)],
        added: Option<(usize, &NewTrip)>,
    ) -> RouteCost {
        let mut route = RouteBuilder::new(problem, v);
        let add = |route: &mut RouteBuilder, trip: &NewTrip| {
            if let Some(stops) = &trip.stops {
                let eval = TripEval::new(problem, v, trip.kitchen, stops);
                route.trip(problem, v, trip.kitchen, &eval, trip.load_excess);
            }
        };
        for (t, cache) in self.trips.iter().enumerate() {
            if let Some((_, trip)) = added.as_ref().filter(|(at, _)| *at == t) {
                add(&mut route, trip);
            }
            match changed.iter().find(|(c, _)| *c == t) {
                Some((_, trip)) => add(&mut route, trip),
                None => {
                    if let Some(eval) = &cache.eval {
                        route.trip(problem, v, cache.kitchen, eval, cache.excess);
                    }
                }
            }
        }
        if let Some((_, trip)) = added.as_ref().filter(|(at, _)| *at >= self.trips.len()) {
            add(&mut route, trip);
        }
        route.finish(problem, v).0
    }

    /// Units over vehicle `v`'s capacity of trip `t` after order `out` (one of its orders)
    /// leaves it and order `into` joins it, either `None` for none. O(items), from the
    /// trip's load: SWAP* asks it for every pair of orders of two trips.
    pub fn excess_exchanging(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        out: Option<usize>,
        into: Option<usize>,
    ) -> f64 {
        let units = |job: Option<usize>, item: usize| {
            job.map(|j| &problem.jobs[j])
                .filter(|job| job.item == item)
                .map_or(0, |job| u64::from(job.quantity))
        };
        let load = self.trips[t].load.iter().enumerate();
        excess(
            &problem.scenario.fleet[v].capacity,
            load.map(|(item, &l)| l + units(into, item) - units(out, item)),
        )
    }

    /// Units over capacity of trip `t` after adding `added` units of `item` (O(1)).
    pub fn excess_with(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        item: usize,
        added: u64,
    ) -> f64 {
        let capacity = &problem.scenario.fleet[v].capacity;
        let load = &self.trips[t].load;
        let mut total = self.trips[t].excess;
        let before = load[item].saturating_sub(u64::from(capacity[item]));
        let after = (load[item] + added).saturating_sub(u64::from(capacity[item]));
        total += after as f64 - before as f64;
        total
    }
}
