//! The timed plan: which courier makes which trips, visiting which stops, when.
//!
//! All indices refer to the [`Scenario`](crate::Scenario) the plan was made for; the writers
//! turn them into the user's ids.

use super::UnassignedReason;
use crate::model::Scenario;

/// A complete answer for a scenario: routes per courier, and the orders left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Name of the strategy that made it.
    pub strategy: String,
    /// Seed it was made with.
    pub seed: u64,
    /// One entry per courier that works (couriers with no trips are omitted).
    pub routes: Vec<PlannedRoute>,
    /// Orders not served, each with its reason.
    pub unassigned: Vec<Unassigned>,
}

/// One courier's shift: it leaves its base, makes trips from kitchens, and comes back.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedRoute {
    /// The courier: its index in [`Scenario::fleet`](crate::Scenario::fleet) (named `vehicle`
    /// here and in `plan.json`, see the glossary in the crate docs).
    pub vehicle: usize,
    /// When the courier leaves its base.
    pub start_min: f64,
    /// When the courier is back at its base.
    pub end_min: f64,
    /// The trips in time order, at least one.
    pub trips: Vec<PlannedTrip>,
    /// Distance of the legs outside trips: base to first kitchen, between kitchens, back
    /// to base.
    pub transfer_km: f64,
    /// The courier's breaks in time order: at a kitchen before loading a trip, or off duty
    /// at its base (before `start_min` or after `end_min`).
    pub breaks: Vec<PlannedBreak>,
}

/// A rest break the courier takes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedBreak {
    /// Site index where it is taken: a kitchen, or the courier's base off duty.
    pub site: usize,
    /// When it starts.
    pub start_min: f64,
    /// When it ends.
    pub end_min: f64,
}

/// One load: from a kitchen, through stops, back to the same kitchen.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTrip {
    /// Site index of the kitchen it loads at.
    pub kitchen: usize,
    /// When the courier reaches the kitchen to load.
    pub arrive_min: f64,
    /// When it leaves the kitchen loaded (after loading, not before every order is ready).
    pub depart_min: f64,
    /// When it is back at the kitchen.
    pub return_min: f64,
    /// Distance from leaving the kitchen to returning to it.
    pub distance_km: f64,
    /// The stops in visiting order, at least one.
    pub stops: Vec<PlannedStop>,
}

/// One visit to a site, handing over one or more orders.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedStop {
    /// Site index of the stop.
    pub site: usize,
    /// When the courier arrives.
    pub arrive_min: f64,
    /// When service (handover) starts: not before the orders' windows open.
    pub start_min: f64,
    /// When the courier leaves: start plus the site's service time.
    pub depart_min: f64,
    /// Indices into [`Scenario::orders`](crate::Scenario::orders) handed over here.
    pub orders: Vec<usize>,
}

/// An order that is not in the plan, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unassigned {
    /// Index into [`Scenario::orders`](crate::Scenario::orders).
    pub order: usize,
    /// Why it could not be served.
    pub reason: UnassignedReason,
}

/// Totals of a plan, as shown in the summary table and in `plan.json`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanSummary {
    /// Orders in the scenario.
    pub orders: usize,
    /// Orders delivered.
    pub served: usize,
    /// Orders left out.
    pub unassigned: usize,
    /// Couriers with at least one trip.
    pub couriers_used: usize,
    /// Trips over all couriers.
    pub trips: usize,
    /// Total distance, base to base.
    pub distance_km: f64,
    /// Total working time, base to base, summed over couriers.
    pub duration_min: f64,
    /// Latest handover time of any order, if any is served.
    pub latest_arrival_min: Option<f64>,
    /// Shortest and longest working day (base to base, minutes) among couriers used.
    pub working_day_range_min: Option<(f64, f64)>,
    /// Fewest and most orders served by one courier, among couriers used.
    pub orders_per_courier: Option<(usize, usize)>,
}

/// Priority-weighted service: the priorities of the orders served, out of those of all
/// orders (an optional order, priority 0, weighs nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WeightedService {
    /// Sum of the priorities of the orders served.
    pub served: u64,
    /// Sum of the priorities of all orders.
    pub total: u64,
}

impl Plan {
    /// Totals over all routes. `orders` is the number of orders in the scenario.
    pub fn summary(&self, orders: usize) -> PlanSummary {
        let trips = self.routes.iter().map(|r| r.trips.len()).sum();
        let stops = || {
            self.routes
                .iter()
                .flat_map(|r| &r.trips)
                .flat_map(|t| &t.stops)
        };
        let served = stops().map(|s| s.orders.len()).sum();
        let latest_arrival_min = stops().map(|s| s.start_min).reduce(f64::max);
        let range = |values: &mut dyn Iterator<Item = f64>| {
            values.fold(None, |r: Option<(f64, f64)>, x| {
                Some(r.map_or((x, x), |(lo, hi)| (lo.min(x), hi.max(x))))
            })
        };
        let working_day_range_min = range(&mut self.routes.iter().map(|r| r.end_min - r.start_min));
        let orders_per_courier = range(&mut self.routes.iter().map(|r| r.orders() as f64))
            .map(|(lo, hi)| (lo as usize, hi as usize));
        PlanSummary {
            orders,
            served,
            unassigned: self.unassigned.len(),
            couriers_used: self.routes.len(),
            trips,
            // An empty f64 sum is -0.0, which prints as "-0.0 km": `+ 0.0` makes it 0.
            distance_km: self.routes.iter().map(|r| r.distance_km()).sum::<f64>() + 0.0,
            duration_min: self
                .routes
                .iter()
                .map(|r| r.end_min - r.start_min)
                .sum::<f64>()
                + 0.0,
            latest_arrival_min,
            working_day_range_min,
            orders_per_courier,
        }
    }

    /// The priority-weighted service of this plan for `scenario`.
    pub fn weighted_service(&self, scenario: &Scenario) -> WeightedService {
        let weight = |o: usize| scenario.orders.get(o).map_or(0, |o| u64::from(o.priority));
        let served = (self.routes.iter())
            .flat_map(|r| &r.trips)
            .flat_map(|t| &t.stops)
            .flat_map(|s| &s.orders)
            .map(|&o| weight(o))
            .sum();
        WeightedService {
            served,
            total: (0..scenario.orders.len()).map(weight).sum(),
        }
    }
}

impl PlannedRoute {
    /// Orders served on this shift.
    pub fn orders(&self) -> usize {
        (self.trips.iter())
            .flat_map(|t| &t.stops)
            .map(|s| s.orders.len())
            .sum()
    }

    /// Distance of the whole shift: trips plus the transfer legs between kitchens.
    pub fn distance_km(&self) -> f64 {
        self.trips.iter().map(|t| t.distance_km).sum::<f64>() + self.transfer_km
    }
}
