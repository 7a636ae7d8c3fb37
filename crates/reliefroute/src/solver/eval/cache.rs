//! Summaries of one courier's current route, kept so that a change is priced in O(1).
//!
//! For every trip the cache holds the [`Stops`] summary of each prefix and each suffix of its
//! orders, its load per item and its [`TripEval`]. A proposal (an order inserted, a run of
//! orders moved, two tails exchanged) names the trips it changes as new `Stops` built from
//! those pieces; [`RouteCache::price`] merges them with the unchanged trips' summaries, so it
//! costs O(trips of the courier), whatever the length of the trips.

use super::route::{excess, RouteBuilder, RouteCost, TripEval};
use super::stops::Stops;
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// One trip's summaries.
#[derive(Debug, Clone, Default)]
struct TripCache {
    kitchen: usize,
    /// `prefix[i]`: orders `0..=i`; `suffix[i]`: orders `i..`.
    prefix: Vec<Stops>,
    suffix: Vec<Stops>,
    /// Units per item on board.
    load: Vec<u64>,
    /// Units per item of orders `0..i`, at `i * items + item`.
    units_before: Vec<u64>,
    /// The trip as the route sees it; `None` for an empty trip.
    eval: Option<TripEval>,
    /// Units over capacity.
    excess: f64,
}

/// A trip as a proposal makes it: from `kitchen`, serving `stops` (`None`: the trip is
/// emptied), with `load_excess` units over capacity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewTrip {
    pub kitchen: usize,
    pub stops: Option<Stops>,
    pub load_excess: f64,
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
}

impl RouteCache {
    /// Re-reads vehicle `v` making `trips`. O(orders + trips · items), reusing its buffers.
    pub fn rebuild(&mut self, problem: &Problem, v: usize, trips: &[Trip]) {
        let items = problem.scenario.items.len();
        let capacity = &problem.scenario.fleet[v].capacity;
        self.trips.resize_with(trips.len(), TripCache::default);
        for (trip, cache) in trips.iter().zip(self.trips.iter_mut()) {
            cache.kitchen = trip.kitchen;
            cache.prefix.clear();
            cache.suffix.clear();
            cache.load.clear();
            cache.load.resize(items, 0);
            cache.units_before.clear();
            cache.units_before.resize(items, 0);
            for &j in &trip.jobs {
                let run = Stops::job(problem, j);
                let next = match cache.prefix.last() {
                    Some(before) => before.then(problem, v, &run),
                    None => run,
                };
                cache.prefix.push(next);
                cache.load[problem.jobs[j].item] += u64::from(problem.jobs[j].quantity);
                cache.units_before.extend_from_slice(&cache.load);
            }
            for &j in trip.jobs.iter().rev() {
                let run = Stops::job(problem, j);
                let next = match cache.suffix.last() {
                    Some(after) => run.then(problem, v, after),
                    None => run,
                };
                cache.suffix.push(next);
            }
            cache.suffix.reverse();
            cache.excess = excess(capacity, &cache.load);
            cache.eval = cache
                .prefix
                .last()
                .map(|stops| TripEval::new(problem, v, trip.kitchen, stops));
        }
        self.cost = self.price(problem, v, &[], None);
    }

    /// The route as it is.
    pub fn cost(&self) -> &RouteCost {
        &self.cost
    }

    /// Summary of orders `0..=i` of trip `t`.
    pub fn prefix(&self, t: usize, i: usize) -> &Stops {
        &self.trips[t].prefix[i]
    }

    /// Summary of orders `i..` of trip `t`.
    pub fn suffix(&self, t: usize, i: usize) -> &Stops {
        &self.trips[t].suffix[i]
    }

    /// Units of `item` in orders `from..to` of trip `t`. O(1).
    pub fn units(&self, t: usize, from: usize, to: usize, item: usize) -> u64 {
        let trip = &self.trips[t];
        let items = trip.load.len();
        trip.units_before[to * items + item] - trip.units_before[from * items + item]
    }

    /// The route with trip `t` replaced for each `(t, trip)` of `changed`, and `added`
    /// inserted as a new trip before index `at` (`at` = trip count: at the end).
    /// O(trips).
    pub fn price(
        &self,
        problem: &Problem,
        v: usize,
        changed: &[(usize, NewTrip)],
        added: Option<(usize, NewTrip)>,
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

    /// Units over capacity of trip `t` after adding `quantity` of `item` and removing
    /// `removed` units of it (O(items)).
    pub fn excess_with(
        &self,
        problem: &Problem,
        v: usize,
        t: usize,
        item: usize,
        added: u64,
        removed: u64,
    ) -> f64 {
        let capacity = &problem.scenario.fleet[v].capacity;
        let load = &self.trips[t].load;
        let mut total = self.trips[t].excess;
        let before = load[item].saturating_sub(u64::from(capacity[item]));
        let after = (load[item] + added - removed).saturating_sub(u64::from(capacity[item]));
        total += after as f64 - before as f64;
        total
    }
}
