//! Kitchen output over time (`supply.csv`): the one place the solver applies the supply rule.
//!
//! A kitchen makes an item at the rates its supply rows give, evenly over each period (all
//! at once when a period is an instant); what is not picked up stays. A trip's load counts
//! against its kitchen's output at the minute the trip leaves the kitchen: for every
//! kitchen, item and time, the units on trips that have left by then are at most the units
//! made by then. A kitchen and item without rows is unlimited.
//!
//! The rule spans routes, so it cannot live in a route's segments. Instead:
//! - `Output::ready_bound` (in `output`) is the earliest an order's own units could be
//!   made: the problem raises the job's ready time to it, so every evaluation knows it;
//! - [`shortfall`] measures the units loaded beyond the output across all routes; the
//!   search adds it to the cost of the plans it keeps;
//! - [`repair`] runs on every strategy's routes before they are timed: a trip that leaves
//!   before its load is made waits at the kitchen when its route allows, else the fewest,
//!   lowest-priority orders are removed (their reason: kitchen output exhausted).

use super::eval::{route_times, RouteTimes, EPS};
use super::output::{Curve, UNIT_EPS};
use super::problem::Problem;
use super::routes::Routes;

/// One trip's load of one limited item: when it leaves its kitchen, and how many units.
#[derive(Debug, Clone, Copy)]
struct Load {
    depart: f64,
    units: f64,
    vehicle: usize,
    /// Index among the vehicle's non-empty trips.
    trip: usize,
}

/// The loads of every limited kitchen and item (indexed like `Output`'s curves), each
/// in order of departure.
fn loads(problem: &Problem, routes: &Routes, times: &[Option<RouteTimes>]) -> Vec<Vec<Load>> {
    let output = &problem.output;
    let mut loads: Vec<Vec<Load>> = vec![Vec::new(); output.curves.len()];
    let mut units: Vec<(usize, f64)> = Vec::new();
    for (v, trips) in routes.trips.iter().enumerate() {
        let Some(Some(times)) = times.get(v) else {
            continue;
        };
        let trips = trips.iter().filter(|t| !t.jobs.is_empty());
        for (index, (trip, time)) in trips.zip(&times.trips).enumerate() {
            units.clear();
            for &j in &trip.jobs {
                let job = &problem.jobs[j];
                let slot = trip.kitchen * output.items + job.item;
                if output.curves.get(slot).is_some_and(Option::is_some) {
                    match units.iter_mut().find(|(s, _)| *s == slot) {
                        Some((_, u)) => *u += f64::from(job.quantity),
                        None => units.push((slot, f64::from(job.quantity))),
                    }
                }
            }
            for &(slot, units) in &units {
                loads[slot].push(Load {
                    depart: time.depart,
                    units,
                    vehicle: v,
                    trip: index,
                });
            }
        }
    }
    for list in &mut loads {
        list.sort_by(|a, b| {
            (a.depart.total_cmp(&b.depart))
                .then(a.vehicle.cmp(&b.vehicle))
                .then(a.trip.cmp(&b.trip))
        });
    }
    loads
}

/// Where a list of loads first takes more than is made: the number of loads that have
/// left by then, the units they carry, and when.
fn first_excess(curve: &Curve, loads: &[Load]) -> Option<(usize, f64, f64)> {
    let mut taken = 0.0;
    let mut i = 0;
    while i < loads.len() {
        let t = loads[i].depart;
        while i < loads.len() && loads[i].depart <= t + EPS {
            taken += loads[i].units;
            i += 1;
        }
        if taken > curve.made(loads[i - 1].depart) + UNIT_EPS {
            return Some((i, taken, loads[i - 1].depart));
        }
    }
    None
}

/// What the search charges per unit of [`shortfall`]: a courier (see `eval::cost`), so
/// that a plan keeping the supply rule as timed beats one that must wait or give up orders
/// in [`repair`], while serving an order still outweighs it. Measured on the sample with K2
/// at 70 boxes an hour (tighter than it ships): at a trip's cost (1e5) the search kept
/// shortfalls the repair turned into a lost order on three seeds of three; at 1e7 (1e8 gave
/// the same plans) every order was served on two of three.
const SHORTFALL_COST: f64 = 1e7;

/// The search's charge for the shortfall of `routes` (0 when nothing is limited).
pub(crate) fn penalty(problem: &Problem, routes: &Routes) -> f64 {
    SHORTFALL_COST * shortfall(problem, routes)
}

/// Units loaded beyond the output, summed over limited kitchens and items (the largest
/// excess of each): 0 when `routes` keep the supply rule as timed. O(stops + trips log trips).
fn shortfall(problem: &Problem, routes: &Routes) -> f64 {
    if problem.output.is_unlimited() {
        return 0.0;
    }
    let times: Vec<Option<RouteTimes>> = (0..routes.trips.len())
        .map(|v| route_times(problem, v, &routes.trips[v]))
        .collect();
    let loads = loads(problem, routes, &times);
    let mut total = 0.0;
    for (curve, list) in problem.output.curves.iter().zip(&loads) {
        let Some(curve) = curve else { continue };
        let mut taken = 0.0;
        let mut worst: f64 = 0.0;
        for load in list {
            taken += load.units;
            worst = worst.max(taken - curve.made(load.depart));
        }
        if worst > UNIT_EPS {
            total += worst;
        }
    }
    total
}

/// Per job, whether it is unassigned in `routes` and the output left at every kitchen it
/// may load at is short of its units: at some minute from its window's close on, the
/// kitchen has made less than the other trips take plus this order. Only limited kitchens
/// can starve an order; it is then not the fleet that left it out.
pub(crate) fn starved(problem: &Problem, routes: &Routes) -> Vec<bool> {
    let mut starved = vec![false; problem.job_count()];
    if problem.output.is_unlimited() {
        return starved;
    }
    let times: Vec<Option<RouteTimes>> = (0..routes.trips.len())
        .map(|v| route_times(problem, v, &routes.trips[v]))
        .collect();
    let loads = loads(problem, routes, &times);
    let output = &problem.output;
    for &j in &routes.unassigned {
        let job = &problem.jobs[j];
        let units = f64::from(job.quantity);
        starved[j] = problem.allowed_kitchens(j).all(|k| {
            let slot = k * output.items + job.item;
            let Some(curve) = output.curve(k, job.item) else {
                return false;
            };
            let latest = job.window.end;
            let list = &loads[slot];
            let mut taken: f64 = (list.iter())
                .take_while(|l| l.depart <= latest)
                .map(|l| l.units)
                .sum();
            let mut short = taken + units > curve.made(latest) + UNIT_EPS;
            for load in list.iter().filter(|l| l.depart > latest) {
                taken += load.units;
                short |= taken + units > curve.made(load.depart) + UNIT_EPS;
            }
            short
        });
    }
    starved
}

/// Makes `routes` keep the supply rule: while some trip leaves before its kitchen has made
/// what it and the trips before it take, one of those trips (the last to leave first)
/// waits at the kitchen until then, if its route allows (see [`wait`]); otherwise one order
/// of that item leaves the plan: the lowest priority, then the smallest that covers the
/// excess (else the largest). Returns the orders removed.
pub(crate) fn repair(problem: &mut Problem, routes: &mut Routes) -> Vec<usize> {
    if problem.output.is_unlimited() {
        return Vec::new();
    }
    for trips in &mut routes.trips {
        trips.retain(|t| !t.jobs.is_empty());
    }
    let mut times: Vec<Option<RouteTimes>> = (0..routes.trips.len())
        .map(|v| route_times(problem, v, &routes.trips[v]))
        .collect();
    let trip_count: usize = routes.trips.iter().map(Vec::len).sum();
    // Each wait moves a trip later; the cap only guards against endless small steps.
    let mut waits_left = 4 * trip_count + 16;
    let mut removed = Vec::new();
    loop {
        let loads = loads(problem, routes, &times);
        // The earliest excess over every kitchen and item.
        let mut found: Option<(usize, usize, f64, f64)> = None;
        for (slot, list) in loads.iter().enumerate() {
            let Some(curve) = &problem.output.curves[slot] else {
                continue;
            };
            if let Some((count, taken, at)) = first_excess(curve, list) {
                if found.is_none_or(|(_, _, _, t)| at < t) {
                    found = Some((slot, count, taken, at));
                }
            }
        }
        let Some((slot, count, taken, _)) = found else {
            break;
        };
        let (kitchen, item) = (slot / problem.output.items, slot % problem.output.items);
        let list = &loads[slot][..count];
        let late = list[count - 1];
        if waits_left > 0 {
            waits_left -= 1;
            let made_by = problem.output.curves[slot]
                .as_ref()
                .map_or(f64::INFINITY, |c| c.earliest(taken));
            let bound = made_by - problem.scenario.sites[kitchen].service_min;
            if bound.is_finite() && wait(problem, routes, &mut times, list, bound) {
                continue;
            }
        }
        let excess = taken
            - problem.output.curves[slot]
                .as_ref()
                .map_or(0.0, |c| c.made(late.depart));
        let Some((v, t, p)) = least_loss(problem, routes, list, item, excess) else {
            break;
        };
        let job = routes.trips[v][t].jobs.remove(p);
        routes.trips[v].retain(|t| !t.jobs.is_empty());
        times[v] = route_times(problem, v, &routes.trips[v]);
        routes.unassigned.push(job);
        removed.push(job);
    }
    removed
}

/// How many of the trips that have left by an excess [`repair`] tries to make wait.
const WAIT_TRIES: usize = 8;

/// Makes one of the trips of `loads` (the last to leave first) start loading no earlier
/// than `bound`, through its first job's ready time, if its route allows; whether one could.
fn wait(
    problem: &mut Problem,
    routes: &Routes,
    times: &mut [Option<RouteTimes>],
    loads: &[Load],
    bound: f64,
) -> bool {
    for load in loads.iter().rev().take(WAIT_TRIES) {
        let v = load.vehicle;
        let first = routes.trips[v][load.trip].jobs[0];
        let before = problem.jobs[first].ready;
        if bound <= before {
            continue;
        }
        problem.jobs[first].ready = bound;
        if let Some(t) = route_times(problem, v, &routes.trips[v]) {
            times[v] = Some(t);
            return true;
        }
        problem.jobs[first].ready = before;
    }
    false
}

/// The order of `item` on one of the trips of `loads` whose removal loses least: the lowest
/// priority, then the smallest covering `excess` units, else the largest; as (vehicle, trip,
/// position).
fn least_loss(
    problem: &Problem,
    routes: &Routes,
    loads: &[Load],
    item: usize,
    excess: f64,
) -> Option<(usize, usize, usize)> {
    // (priority, not covering, units or minus units) and where.
    type Choice = ((u32, bool, f64), (usize, usize, usize));
    let mut best: Option<Choice> = None;
    for load in loads.iter().rev() {
        let trip = &routes.trips[load.vehicle][load.trip];
        for (p, &j) in trip.jobs.iter().enumerate() {
            let job = &problem.jobs[j];
            if job.item != item {
                continue;
            }
            let units = f64::from(job.quantity);
            let covers = units + UNIT_EPS >= excess;
            // Smaller is better: priority, not covering, then units (fewest if covering).
            let key = (job.priority, !covers, if covers { units } else { -units });
            if best.is_none_or(|(b, _)| {
                (key.0, key.1)
                    .cmp(&(b.0, b.1))
                    .then(key.2.total_cmp(&b.2))
                    .is_lt()
            }) {
                best = Some((key, (load.vehicle, load.trip, p)));
            }
        }
    }
    best.map(|(_, at)| at)
}
