//! A trip already under way when the day is re-planned: its orders are on board, its
//! sequence is kept, and the courier goes on from where it is.
//!
//! The rules are the trip's own (see `stops`): each stop is served as early as possible in
//! its window, and each order within its freshness limit from the time the trip really left
//! its kitchen. An order the trip can no longer hand over within them (a closure made a leg
//! impassable or longer, the courier is late) is dropped from the trip; the caller reports
//! it.

use super::stops::{leg, stop_times, StopTimes};
use super::time::HORIZON;
use crate::solver::problem::Problem;
use crate::solver::routes::Trip;

/// The rest of a trip under way, timed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnderWayTimes {
    /// The orders still handed over, in their order, and their stops (job ranges index
    /// `jobs`).
    pub jobs: Vec<usize>,
    pub stops: Vec<StopTimes>,
    /// Orders on board that can no longer be handed over within their rules.
    pub dropped: Vec<usize>,
    /// Back at the kitchen, and the distance from where the courier is to there.
    pub back: f64,
    pub distance: f64,
}

/// Vehicle `v`, at site `from` and free at `free` (`at`), hands over `jobs` in this order on a
/// trip that left `kitchen` at `depart`, then returns to `kitchen`; windows and freshness
/// limits are kept within `tolerance` minutes (the rounding of the times the plan being
/// carried out was read with). O(jobs²) at worst (one pass per dropped order).
pub(crate) fn under_way(
    problem: &Problem,
    v: usize,
    kitchen: usize,
    depart: f64,
    (from, free): (usize, f64),
    jobs: &[usize],
    tolerance: f64,
) -> UnderWayTimes {
    let mut trip = Trip {
        kitchen: from,
        jobs: jobs.to_vec(),
    };
    let mut dropped = Vec::new();
    loop {
        let stops = stop_times(problem, v, &trip, free);
        // The first order the schedule breaks: dropping it can only make later stops earlier.
        let late = stops.iter().find_map(|s| {
            trip.jobs[s.jobs.clone()].iter().copied().find(|&j| {
                let job = &problem.jobs[j];
                s.arrive >= HORIZON
                    || s.start > job.window.end + tolerance
                    || s.start - depart > job.max_ride + tolerance
            })
        });
        if let Some(j) = late {
            trip.jobs.retain(|&x| x != j);
            dropped.push(j);
            continue;
        }
        let mut at = from;
        let mut distance = 0.0;
        for s in &stops {
            distance += leg(problem, v, at, s.site).1;
            at = s.site;
        }
        let (t, d) = leg(problem, v, at, kitchen);
        let back = stops.last().map_or(free, |s| s.leave) + t;
        return UnderWayTimes {
            jobs: trip.jobs,
            stops,
            dropped,
            back,
            distance: distance + d,
        };
    }
}
