//! The plan's times: the solver's route times turned into stops, each served as early as
//! possible after its trip leaves the kitchen.

use super::{PlannedBreak, PlannedRoute, PlannedStop, PlannedTrip};
use crate::solver::eval;
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// The timed route of vehicle `v`, or `None` if the trips are infeasible or all empty.
pub(crate) fn timed_route(problem: &Problem, v: usize, trips: &[Trip]) -> Option<PlannedRoute> {
    let times = eval::route_times(problem, v, trips)?;
    let planned = trips
        .iter()
        .filter(|t| !t.jobs.is_empty())
        .zip(&times.trips)
        .map(|(trip, t)| delayed_trip(problem, v, trip, t.arrive, t.depart, t.back, t.distance))
        .collect();
    Some(PlannedRoute {
        vehicle: v,
        start_min: times.start,
        end_min: times.end,
        trips: planned,
        transfer_km: times.transfer,
        breaks: times
            .breaks
            .iter()
            .map(|b| PlannedBreak {
                site: b.site,
                start_min: b.start,
                end_min: b.end,
            })
            .collect(),
    })
}

/// One trip's stops, leaving its kitchen at `depart`.
fn delayed_trip(
    problem: &Problem,
    v: usize,
    trip: &Trip,
    arrive_min: f64,
    depart: f64,
    back: f64,
    distance_km: f64,
) -> PlannedTrip {
    let stops = eval::stop_times(problem, v, trip, depart)
        .into_iter()
        .map(|s| PlannedStop {
            site: s.site,
            arrive_min: s.arrive,
            start_min: s.start,
            depart_min: s.leave,
            orders: trip.jobs[s.jobs.clone()].to_vec(),
        })
        .collect::<Vec<_>>();
    let last_leave = stops.last().map_or(depart, |s| s.depart_min);
    let last_site = stops.last().map_or(trip.kitchen, |s| s.site);
    PlannedTrip {
        kitchen: trip.kitchen,
        arrive_min,
        depart_min: depart,
        return_min: back.max(last_leave + problem.matrix.time(v, last_site, trip.kitchen)),
        distance_km,
        stops,
    }
}
