//! Exact evaluation of one vehicle's trips: the schedule, its feasibility and its cost.
//!
//! This is the planner's own evaluation; the independent checker in `solution::check` shares
//! no code with it. Every strategy calls [`evaluate`] before accepting a change, and
//! [`timed_route`] turns an accepted route into the plan's times.
//!
//! Timing rules: a trip loads at its kitchen from `max(arrival, opening, every order ready)`,
//! leaves after the kitchen's service (loading) time, and visits its stops as early as the
//! windows allow. Consecutive orders at the same site form one stop. The departure is then
//! delayed by as much of the trip's waiting as the windows allow without making the return
//! later, which shortens the time food spends on the road (freshness limits).

use crate::problem::Problem;
use crate::routes::Trip;
use crate::solution::{PlannedRoute, PlannedStop, PlannedTrip};

/// Tolerance for time comparisons, in minutes.
pub(crate) const EPS: f64 = 1e-6;

/// Cost of leaving one unit of priority unserved.
pub(crate) const UNSERVED_COST: f64 = 1e10;
/// Cost of using a courier under [`Objective::CouriersFirst`](crate::Objective).
pub(crate) const COURIER_COST: f64 = 1e7;
/// Cost of one trip under [`Objective::CouriersFirst`](crate::Objective).
pub(crate) const TRIP_COST: f64 = 1e5;

/// What an exact evaluation of a feasible route reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RouteEval {
    /// Distance base to base, transfers included.
    pub distance: f64,
    /// Non-empty trips.
    pub trips: usize,
}

impl RouteEval {
    /// The objective's cost of this route.
    pub fn cost(&self, problem: &Problem) -> f64 {
        route_cost(problem, self.trips, self.distance)
    }
}

/// The objective's cost of a route with `trips` trips and `distance` (0 trips: unused).
pub(crate) fn route_cost(problem: &Problem, trips: usize, distance: f64) -> f64 {
    match problem.objective {
        crate::Objective::CouriersFirst if trips > 0 => {
            COURIER_COST + TRIP_COST * trips as f64 + distance
        }
        _ => distance,
    }
}

/// Evaluates vehicle `v` making `trips` (empty trips are skipped). `None` if infeasible.
pub(crate) fn evaluate(problem: &Problem, v: usize, trips: &[Trip]) -> Option<RouteEval> {
    simulate(problem, v, trips, None)
}

/// The timed route of vehicle `v`, or `None` if the trips are infeasible or all empty.
pub(crate) fn timed_route(problem: &Problem, v: usize, trips: &[Trip]) -> Option<PlannedRoute> {
    let mut route = PlannedRoute {
        vehicle: v,
        start_min: 0.0,
        end_min: 0.0,
        trips: Vec::new(),
        transfer_km: 0.0,
    };
    simulate(problem, v, trips, Some(&mut route))?;
    (!route.trips.is_empty()).then_some(route)
}

/// Per-item load of one trip, without allocating for up to eight items.
struct Load {
    small: [u64; 8],
    large: Vec<u64>,
}

impl Load {
    fn new(items: usize) -> Load {
        Load {
            small: [0; 8],
            large: if items > 8 {
                vec![0; items]
            } else {
                Vec::new()
            },
        }
    }

    fn reset(&mut self) {
        self.small = [0; 8];
        self.large.iter_mut().for_each(|x| *x = 0);
    }

    /// Adds `quantity` of `item`; returns the new total.
    fn add(&mut self, item: usize, quantity: u32) -> u64 {
        let cell = if self.large.is_empty() {
            &mut self.small[item]
        } else {
            &mut self.large[item]
        };
        *cell += u64::from(quantity);
        *cell
    }
}

fn simulate(
    problem: &Problem,
    v: usize,
    trips: &[Trip],
    mut out: Option<&mut PlannedRoute>,
) -> Option<RouteEval> {
    let vehicle = &problem.scenario.fleet[v];
    let sites = &problem.scenario.sites;
    let m = problem.matrix;
    let base = vehicle.base;
    let used = trips.iter().filter(|t| !t.jobs.is_empty()).count();
    if used == 0 {
        return Some(RouteEval::default());
    }
    if used > vehicle.max_trips as usize {
        return None;
    }
    let mut load = Load::new(problem.scenario.items.len());
    let mut distance = 0.0;
    let mut transfer = 0.0;
    let mut pos = base;
    let mut free = vehicle.shift.start;
    let mut first = true;
    for trip in trips.iter().filter(|t| !t.jobs.is_empty()) {
        let k = trip.kitchen;
        let kitchen = &sites[k];
        // Capacity, fixed kitchens and the latest ready time.
        load.reset();
        let mut ready = f64::NEG_INFINITY;
        for &j in &trip.jobs {
            let job = &problem.jobs[j];
            if job.kitchen.is_some_and(|fixed| fixed != k)
                || load.add(job.item, job.quantity) > u64::from(vehicle.capacity[job.item])
            {
                return None;
            }
            ready = ready.max(job.ready);
        }
        let leg = m.time(v, pos, k);
        transfer += m.distance(v, pos, k);
        let earliest_load = kitchen.hours.start.max(ready);
        let arrive_kitchen = if first {
            // Leave the base just in time to start loading, not earlier.
            (free + leg).max(earliest_load)
        } else {
            free + leg
        };
        first = false;
        let load_start = arrive_kitchen.max(earliest_load);
        // Infinite travel (a closed road network) is never feasible, whatever the windows.
        if !load_start.is_finite() || load_start > kitchen.hours.end + EPS {
            return None;
        }
        let depart = load_start + kitchen.service_min;

        // Forward pass over stops (consecutive jobs at one site form one stop).
        let mut time = depart;
        let mut at = k;
        let mut waited = 0.0; // waiting at stops so far, W_<=i
        let mut slack = f64::INFINITY; // how far departure may move later (forward slack)
        let mut need = f64::NEG_INFINITY; // how far it must move later for freshness
        let mut trip_distance = 0.0;
        let mut i = 0;
        while i < trip.jobs.len() {
            let site = problem.jobs[trip.jobs[i]].site;
            let mut end = i;
            let (mut open, mut close) = (f64::NEG_INFINITY, f64::INFINITY);
            while end < trip.jobs.len() && problem.jobs[trip.jobs[end]].site == site {
                let w = problem.jobs[trip.jobs[end]].window;
                open = open.max(w.start);
                close = close.min(w.end);
                end += 1;
            }
            trip_distance += m.distance(v, at, site);
            let arrive = time + m.time(v, at, site);
            let start = arrive.max(open);
            if !start.is_finite() || start > close + EPS {
                return None;
            }
            waited += start - arrive;
            slack = slack.min(close - start + waited);
            for &j in &trip.jobs[i..end] {
                let ride_over = start - depart - problem.jobs[j].max_ride;
                if ride_over > waited + EPS {
                    return None;
                }
                need = need.max(ride_over);
            }
            time = start + sites[site].service_min;
            at = site;
            i = end;
        }
        trip_distance += m.distance(v, at, k);
        let back = time + m.time(v, at, k);
        let delay = slack
            .min(waited)
            .min(kitchen.hours.end - load_start)
            .max(0.0);
        if need > delay + EPS {
            return None;
        }
        if let Some(route) = out.as_deref_mut() {
            if route.trips.is_empty() {
                route.start_min = arrive_kitchen - leg;
            }
            route.trips.push(delayed_trip(
                problem,
                v,
                trip,
                arrive_kitchen,
                depart + delay,
                back,
                trip_distance,
            ));
        }
        distance += trip_distance;
        free = back;
        pos = k;
    }
    transfer += m.distance(v, pos, base);
    let end = free + m.time(v, pos, base);
    if !end.is_finite() || end > vehicle.shift.end + EPS {
        return None;
    }
    if let Some(route) = out {
        route.end_min = end;
        route.transfer_km = transfer;
    }
    Some(RouteEval {
        distance: distance + transfer,
        trips: used,
    })
}

/// Times of one trip leaving at `depart`, each stop served as early as possible from there.
fn delayed_trip(
    problem: &Problem,
    v: usize,
    trip: &Trip,
    arrive_min: f64,
    depart: f64,
    back: f64,
    distance_km: f64,
) -> PlannedTrip {
    let m = problem.matrix;
    let sites = &problem.scenario.sites;
    let mut stops: Vec<PlannedStop> = Vec::new();
    let mut time = depart;
    let mut at = trip.kitchen;
    for &j in &trip.jobs {
        let job = &problem.jobs[j];
        match stops.last_mut() {
            Some(stop) if stop.site == job.site => {
                stop.start_min = stop.start_min.max(job.window.start);
                stop.depart_min = stop.start_min + sites[job.site].service_min;
                stop.orders.push(j);
            }
            _ => {
                let arrive = time + m.time(v, at, job.site);
                let start = arrive.max(job.window.start);
                stops.push(PlannedStop {
                    site: job.site,
                    arrive_min: arrive,
                    start_min: start,
                    depart_min: start + sites[job.site].service_min,
                    orders: vec![j],
                });
            }
        }
        let stop = stops.last().expect("a stop was just pushed");
        time = stop.depart_min;
        at = stop.site;
    }
    PlannedTrip {
        kitchen: trip.kitchen,
        arrive_min,
        depart_min: depart,
        return_min: back.max(time + m.time(v, at, trip.kitchen)),
        distance_km,
        stops,
    }
}
