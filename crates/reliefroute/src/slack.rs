//! Forward times and backward slack of one vehicle's route, for O(1) insertion checks.
//!
//! For a route whose stops are all single-site and whose orders have no freshness limit, the
//! schedule is "as early as possible", so inserting a job only moves later stops later. Then
//! the job fits between two stops iff it starts within its window and the next stop can
//! still start by its *latest start* (Savelsbergh 1992): the latest time that keeps every
//! later stop, later trip, kitchen hours and the shift end feasible. Routes with freshness
//! limits or several orders at one stop are marked `exact_only` and always go through
//! [`schedule::evaluate`](crate::schedule::evaluate).

use crate::problem::Problem;
use crate::routes::Trip;
use crate::schedule::EPS;

/// Timing of one trip.
#[derive(Debug, Clone, Default)]
pub(crate) struct TripSlack {
    /// When loading starts, and the latest ready time of its orders.
    pub load_start: f64,
    pub ready: f64,
    /// Departure from the kitchen.
    pub depart: f64,
    /// Latest return to the kitchen that keeps the rest of the route feasible.
    pub latest_return: f64,
    /// Per stop: departure time, and latest service start.
    pub departs: Vec<f64>,
    pub latest_start: Vec<f64>,
    /// Units per item on board.
    pub load: Vec<u64>,
}

/// Timing of a vehicle's whole route (its non-empty trips, in order).
#[derive(Debug, Clone, Default)]
pub(crate) struct RouteSlack {
    /// True when the O(1) checks do not apply to this route.
    pub exact_only: bool,
    /// Per trip index in the vehicle's trip list (empty trips have default entries).
    pub trips: Vec<TripSlack>,
}

impl RouteSlack {
    /// Recomputes the timing of vehicle `v` making `trips` (a feasible route).
    pub fn rebuild(&mut self, problem: &Problem, v: usize, trips: &[Trip]) {
        let jobs = &problem.jobs;
        self.exact_only = trips.iter().any(|t| {
            t.jobs.iter().any(|&j| jobs[j].max_ride.is_finite())
                || t.jobs
                    .windows(2)
                    .any(|w| jobs[w[0]].site == jobs[w[1]].site)
        });
        self.trips.resize_with(trips.len(), TripSlack::default);
        if self.exact_only {
            return;
        }
        let vehicle = &problem.scenario.fleet[v];
        let sites = &problem.scenario.sites;
        let m = problem.matrix;
        let items = problem.scenario.items.len();
        // Forward: as early as possible (the planner's schedule before its freshness delay).
        let mut free = vehicle.shift.start;
        let mut pos = vehicle.base;
        let mut first = true;
        for (trip, slack) in trips.iter().zip(self.trips.iter_mut()) {
            slack.departs.clear();
            slack.latest_start.clear();
            slack.load.clear();
            slack.load.resize(items, 0);
            if trip.jobs.is_empty() {
                continue;
            }
            let k = trip.kitchen;
            slack.ready = trip
                .jobs
                .iter()
                .map(|&j| jobs[j].ready)
                .fold(f64::NEG_INFINITY, f64::max);
            for &j in &trip.jobs {
                slack.load[jobs[j].item] += u64::from(jobs[j].quantity);
            }
            let earliest_load = sites[k].hours.start.max(slack.ready);
            let arrive = if first {
                (free + m.time(v, pos, k)).max(earliest_load)
            } else {
                free + m.time(v, pos, k)
            };
            first = false;
            slack.load_start = arrive.max(earliest_load);
            slack.depart = slack.load_start + sites[k].service_min;
            let (mut time, mut at) = (slack.depart, k);
            for &j in &trip.jobs {
                let job = &jobs[j];
                let start = (time + m.time(v, at, job.site)).max(job.window.start);
                time = start + job.service;
                at = job.site;
                slack.departs.push(time);
            }
            free = time + m.time(v, at, k);
            pos = k;
        }
        // Backward: latest times that keep everything after feasible.
        let shift_return = vehicle.shift.end - m.time(v, pos, vehicle.base);
        // The next trip's latest loading start and kitchen, once seen.
        let mut next_trip: Option<(f64, usize)> = None;
        for (trip, slack) in trips.iter().zip(self.trips.iter_mut()).rev() {
            if trip.jobs.is_empty() {
                continue;
            }
            let k = trip.kitchen;
            slack.latest_return = match next_trip {
                Some((latest_load, next_kitchen)) => latest_load - m.time(v, k, next_kitchen),
                None => shift_return,
            };
            slack.latest_start.resize(trip.jobs.len(), 0.0);
            let mut next_latest = slack.latest_return;
            let mut next_site = k;
            for (i, &j) in trip.jobs.iter().enumerate().rev() {
                let job = &jobs[j];
                let latest = job
                    .window
                    .end
                    .min(next_latest - m.time(v, job.site, next_site) - job.service);
                slack.latest_start[i] = latest;
                next_latest = latest;
                next_site = job.site;
            }
            let latest_load = sites[k]
                .hours
                .end
                .min(next_latest - m.time(v, k, next_site) - sites[k].service_min);
            next_trip = Some((latest_load, k));
        }
    }

    /// Whether `job` fits in trip `t` before position `pos`, if the O(1) check applies:
    /// `Some(fits)`, or `None` when only an exact evaluation can tell.
    pub fn fits(
        &self,
        problem: &Problem,
        v: usize,
        trip: &Trip,
        t: usize,
        pos: usize,
        job: usize,
    ) -> Option<bool> {
        let j = &problem.jobs[job];
        let slack = &self.trips[t];
        let m = problem.matrix;
        let site_at = |i: usize| problem.jobs[trip.jobs[i]].site;
        let prev = if pos == 0 {
            trip.kitchen
        } else {
            site_at(pos - 1)
        };
        let next = (pos < trip.jobs.len()).then(|| site_at(pos));
        if self.exact_only
            || j.max_ride.is_finite()
            || j.ready
                > slack
                    .ready
                    .max(problem.scenario.sites[trip.kitchen].hours.start)
            || (pos > 0 && prev == j.site)
            || next == Some(j.site)
        {
            return None;
        }
        let vehicle = &problem.scenario.fleet[v];
        if j.kitchen.is_some_and(|k| k != trip.kitchen)
            || slack.load[j.item] + u64::from(j.quantity) > u64::from(vehicle.capacity[j.item])
        {
            return Some(false);
        }
        let leave_prev = if pos == 0 {
            slack.depart
        } else {
            slack.departs[pos - 1]
        };
        let start = (leave_prev + m.time(v, prev, j.site)).max(j.window.start);
        if start > j.window.end + EPS {
            return Some(false);
        }
        let leave = start + j.service;
        Some(match next {
            Some(next) => leave + m.time(v, j.site, next) <= slack.latest_start[pos] + EPS,
            None => leave + m.time(v, j.site, trip.kitchen) <= slack.latest_return + EPS,
        })
    }
}
