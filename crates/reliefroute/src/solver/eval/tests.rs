//! The core against slow references on thousands of random routes and moves: windows,
//! opening hours, shared stops, freshness limits, waiting limits at doors, ready times, fixed
//! kitchens, several items, several trips, breaks and working time limits.

use geo::Coord;

use super::cache::{NewTrip, RouteCache};
use super::route::{assess, route_times, RouteCost, RouteTiming, TripEval};
use super::stops::Stops;
use crate::model::{
    Objective, Order, Rounding, Scenario, Site, SiteKind, SolverSettings, TimeWindow, TravelModel,
    Vehicle,
};
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::Trip;
use crate::travel::TravelMatrix;

/// A small random scenario: two kitchens, five stop sites (so that orders often share a
/// site), twelve orders on two items, two couriers of different speeds (so two travel
/// profiles). Integer data, so that ties happen.
pub(crate) fn scenario(rng: &mut Rng, fresh: bool, windows: bool) -> Scenario {
    let site = |id: String, kind: SiteKind, x: f64, y: f64, service: f64, hours: TimeWindow| Site {
        id: id.clone(),
        kind,
        name: id,
        location: Coord { x, y },
        service_min: service,
        hours,
        requires: Vec::new(),
        max_wait_min: None,
        extra: Vec::new(),
    };
    let mut sites = Vec::new();
    for k in 0..2 {
        let open = rng.below(60) as f64;
        sites.push(site(
            format!("K{k}"),
            SiteKind::Kitchen,
            rng.below(20) as f64,
            rng.below(20) as f64,
            rng.below(10) as f64,
            TimeWindow::new(open, open + 200.0 + rng.below(200) as f64),
        ));
    }
    for s in 0..5 {
        let hours = if windows && rng.below(3) == 0 {
            TimeWindow::new(rng.below(100) as f64, 150.0 + rng.below(300) as f64)
        } else {
            TimeWindow::ALWAYS
        };
        sites.push(site(
            format!("S{s}"),
            SiteKind::Checkpoint,
            rng.below(30) as f64,
            rng.below(30) as f64,
            rng.below(6) as f64,
            hours,
        ));
    }
    let orders = (0..12)
        .map(|i| {
            let window = if windows {
                let open = rng.below(250) as f64;
                TimeWindow::new(open, open + 10.0 + rng.below(120) as f64)
            } else {
                TimeWindow::ALWAYS
            };
            Order {
                id: format!("O{i}"),
                site: 2 + rng.below(5),
                item: rng.below(2),
                quantity: 1 + rng.below(3) as u32,
                window,
                windows: Vec::new(),
                kitchen: (rng.below(4) == 0).then(|| rng.below(2)),
                ready: if rng.below(3) == 0 {
                    rng.below(150) as f64
                } else {
                    0.0
                },
                max_ride_min: (fresh && rng.below(2) == 0).then(|| 15.0 + rng.below(60) as f64),
                priority: 1,
                requires: Vec::new(),
                courier: None,
                extra: Vec::new(),
            }
        })
        .collect();
    let fleet = [60.0, 40.0]
        .iter()
        .enumerate()
        .map(|(i, &speed_kmh)| Vehicle {
            id: format!("V{i}"),
            kind: "car".to_string(),
            base: rng.below(2),
            capacity: vec![8 + rng.below(8) as u32, 8 + rng.below(8) as u32],
            shift: TimeWindow::new(rng.below(60) as f64, 400.0 + rng.below(300) as f64),
            speed_kmh,
            max_trips: 3,
            skills: Vec::new(),
            breaks: Vec::new(),
            max_work_min: None,
            extra: Vec::new(),
        })
        .collect();
    Scenario {
        name: "random".to_string(),
        sites,
        items: vec!["a".to_string(), "b".to_string()],
        orders,
        fleet,
        travel: TravelModel::Planar(Rounding::Exact),
        network: None,
        supply: Vec::new(),
        solver: SolverSettings {
            objective: Objective::Distance,
            ..SolverSettings::default()
        },
    }
}

/// Up to three trips of random kitchens and random orders; orders at one site are often
/// put next to each other. Returns the trips and the orders left out.
pub(crate) fn random_trips(rng: &mut Rng, problem: &Problem) -> (Vec<Trip>, Vec<usize>) {
    let mut jobs: Vec<usize> = (0..problem.job_count()).collect();
    rng.shuffle(&mut jobs);
    if rng.below(2) == 0 {
        jobs.sort_by_key(|&j| problem.jobs[j].site);
    }
    let used = 1 + rng.below(8);
    let rest = jobs.split_off(used);
    let mut trips = Vec::new();
    let mut taken = jobs.into_iter().peekable();
    while taken.peek().is_some() {
        let len = 1 + rng.below(4);
        trips.push(Trip {
            kitchen: rng.below(2),
            jobs: taken.by_ref().take(len).collect(),
        });
    }
    trips.truncate(3);
    (trips, rest)
}

/// Exact feasibility of the timing rules by Bellman-Ford on difference constraints: one
/// variable per event (leaving the base, each loading start and departure, each order's
/// handover, each return, the base again), an edge `x -> y` of weight `w` for `y <= x + w`.
/// Feasible iff no negative cycle. Shares nothing with the core but the problem's data.
fn feasible_by_difference_constraints(problem: &Problem, v: usize, trips: &[Trip]) -> bool {
    let breaks = problem.scenario.fleet[v].breaks.len();
    let trip_count = trips.iter().filter(|t| !t.jobs.is_empty()).count();
    // Every placement of the breaks in order: off duty before (`None` below 0), at a trip's
    // kitchen, or off duty after.
    let slots = trip_count + 2;
    let mut placement = vec![0usize; breaks];
    loop {
        if feasible_with_breaks(problem, v, trips, &placement) {
            return true;
        }
        // The next non-decreasing placement.
        let Some(b) = (0..breaks).rev().find(|&b| placement[b] + 1 < slots) else {
            return false;
        };
        placement[b] += 1;
        let from = placement[b];
        placement[b..].fill(from);
    }
}

/// [`feasible_by_difference_constraints`] with break `b` taken in slot `placement[b]`: 0
/// off duty before leaving, `i + 1` at the kitchen of trip `i` before loading, the last off
/// duty after coming back. The working time limit binds from leaving to being back.
fn feasible_with_breaks(problem: &Problem, v: usize, trips: &[Trip], placement: &[usize]) -> bool {
    let vehicle = &problem.scenario.fleet[v];
    let rests = &vehicle.breaks;
    let trip_count = trips.iter().filter(|t| !t.jobs.is_empty()).count();
    let sites = &problem.scenario.sites;
    let m = problem.matrix;
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    let zero = 0;
    let mut n = 1;
    let mut var = || {
        n += 1;
        n - 1
    };
    // y >= x + c  <=>  x <= y - c: edge y -> x of weight -c.
    let at_least = |edges: &mut Vec<(usize, usize, f64)>, y: usize, x: usize, c: f64| {
        edges.push((y, x, -c));
    };
    let leave = var();
    at_least(&mut edges, leave, zero, vehicle.shift.start);
    // Breaks before work: within the shift, one after the other, before leaving.
    let mut free = (zero, vehicle.shift.start);
    for (b, rest) in rests.iter().enumerate() {
        if placement[b] == 0 {
            let start = var();
            at_least(&mut edges, start, free.0, free.1);
            at_least(&mut edges, start, zero, rest.span.start);
            at_least(&mut edges, zero, start, -rest.latest_start());
            free = (start, rest.minutes);
        }
    }
    at_least(&mut edges, leave, free.0, free.1);
    let (mut prev, mut prev_site) = (leave, vehicle.base);
    for (i, trip) in trips.iter().filter(|t| !t.jobs.is_empty()).enumerate() {
        let k = trip.kitchen;
        let (load, depart) = (var(), var());
        at_least(&mut edges, load, prev, m.time(v, prev_site, k));
        // Breaks here: after arriving, one after the other, within their spans; loading
        // after them.
        let mut free = (prev, m.time(v, prev_site, k));
        for (b, rest) in rests.iter().enumerate() {
            if placement[b] == i + 1 {
                let start = var();
                at_least(&mut edges, start, free.0, free.1);
                at_least(&mut edges, start, zero, rest.span.start);
                at_least(&mut edges, zero, start, -rest.latest_start());
                free = (start, rest.minutes);
            }
        }
        at_least(&mut edges, load, free.0, free.1);
        at_least(&mut edges, load, zero, sites[k].hours.start);
        at_least(&mut edges, zero, load, -sites[k].hours.end);
        for &j in &trip.jobs {
            at_least(&mut edges, load, zero, problem.jobs[j].ready);
        }
        at_least(&mut edges, depart, load, sites[k].service_min);
        at_least(
            &mut edges,
            depart,
            zero,
            wait_departure_bound(problem, v, trip),
        );
        let (mut last, mut last_site, mut last_service) = (depart, k, 0.0);
        for &j in &trip.jobs {
            let job = &problem.jobs[j];
            if job.window.start > job.window.end {
                return false;
            }
            let start = var();
            if last != depart && last_site == job.site {
                // The same stop: one start for all its orders.
                at_least(&mut edges, start, last, 0.0);
                at_least(&mut edges, last, start, 0.0);
            } else {
                at_least(
                    &mut edges,
                    start,
                    last,
                    last_service + m.time(v, last_site, job.site),
                );
            }
            at_least(&mut edges, start, zero, job.window.start);
            at_least(&mut edges, zero, start, -job.window.end);
            if job.max_ride.is_finite() {
                at_least(&mut edges, depart, start, -job.max_ride);
            }
            (last, last_site, last_service) = (start, job.site, job.service);
        }
        let back = var();
        at_least(
            &mut edges,
            back,
            last,
            last_service + m.time(v, last_site, k),
        );
        (prev, prev_site) = (back, k);
    }
    let end = var();
    at_least(&mut edges, end, prev, m.time(v, prev_site, vehicle.base));
    at_least(&mut edges, zero, end, -vehicle.shift.end);
    for (b, rest) in rests.iter().enumerate() {
        if placement[b] == trip_count + 1 {
            at_least(&mut edges, zero, end, -rest.latest_start());
        }
    }
    if let Some(limit) = vehicle.max_work_min {
        at_least(&mut edges, leave, end, -limit);
    }
    let mut dist = vec![0.0f64; n];
    for _ in 0..n {
        let mut changed = false;
        for &(x, y, w) in &edges {
            if dist[x] + w < dist[y] - 1e-7 {
                dist[y] = dist[x] + w;
                changed = true;
            }
        }
        if !changed {
            return true;
        }
    }
    false
}

/// Whether every wait at a door is within its site's limit (read from the scenario) when
/// `trip` leaves its kitchen at `depart` and serves each stop as early as its orders' windows
/// allow.
fn waits_ok(problem: &Problem, v: usize, trip: &Trip, depart: f64) -> bool {
    let sites = &problem.scenario.sites;
    let (mut free, mut at) = (depart, trip.kitchen);
    // The stop being served: its site, arrival and start.
    let mut stop: Option<(usize, f64, f64)> = None;
    let waited_too_long = |(site, arrive, start): (usize, f64, f64)| {
        sites[site]
            .max_wait_min
            .is_some_and(|limit| start - arrive > limit + 1e-9)
    };
    for &j in &trip.jobs {
        let job = &problem.jobs[j];
        stop = match stop {
            Some((site, arrive, start)) if site == job.site => {
                Some((site, arrive, start.max(job.window.start)))
            }
            _ => {
                if stop.is_some_and(waited_too_long) {
                    return false;
                }
                let arrive = free + problem.matrix.time(v, at, job.site);
                Some((job.site, arrive, arrive.max(job.window.start)))
            }
        };
        let (site, _, start) = stop.expect("just set");
        (free, at) = (start + sites[site].service_min, site);
    }
    !stop.is_some_and(waited_too_long)
}

/// The earliest departure of `trip` from which [`waits_ok`] (waits only shrink as the trip
/// leaves later), by bisection; far in the past when any departure is (or none is: an
/// empty window).
fn wait_departure_bound(problem: &Problem, v: usize, trip: &Trip) -> f64 {
    let (mut lo, mut hi) = (-1e5, 1e5);
    // An empty window (which no schedule meets anyway) never opens.
    let never_open = (trip.jobs.iter()).any(|&j| problem.jobs[j].window.start.is_infinite());
    if never_open || waits_ok(problem, v, trip, lo) {
        return lo;
    }
    assert!(
        waits_ok(problem, v, trip, hi),
        "{trip:?} waits however late"
    );
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if waits_ok(problem, v, trip, mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// `scenario` with waiting limits at some stop sites, drawn from `rng` (0 minutes included:
/// no waiting at all).
pub(crate) fn with_waits(mut scenario: Scenario, rng: &mut Rng) -> Scenario {
    for site in scenario.sites.iter_mut().skip(2) {
        if rng.below(3) != 0 {
            site.max_wait_min = Some(match rng.below(4) {
                0 => 0.0,
                1 => rng.below(60) as f64,
                _ => rng.below(10) as f64,
            });
        }
    }
    scenario
}

/// `scenario` with skills and pinning drawn from `rng`: courier 0 is a car, sometimes with
/// cold chain, courier 1 a rider; some orders need a car, a rider or cold chain, some sites a
/// car, and some orders go with one courier.
pub(crate) fn with_rules(mut scenario: Scenario, rng: &mut Rng) -> Scenario {
    scenario.fleet[1].kind = "rider".to_string();
    if rng.below(2) == 0 {
        scenario.fleet[0].skills.push("cold".to_string());
    }
    let skills = ["car", "cold", "rider"];
    for order in &mut scenario.orders {
        if rng.below(4) == 0 {
            order.requires.push(skills[rng.below(3)].to_string());
        }
        if rng.below(6) == 0 {
            order.courier = Some(rng.below(2));
        }
    }
    if rng.below(3) == 0 {
        scenario.sites[2 + rng.below(5)]
            .requires
            .push("car".to_string());
    }
    scenario
}

/// `scenario` with courier 0 owed one or two breaks and sometimes a working time limit,
/// drawn from `rng` around the times the random routes run.
pub(crate) fn with_breaks(mut scenario: Scenario, rng: &mut Rng) -> Scenario {
    let vehicle = &mut scenario.fleet[0];
    let mut from = rng.below(200) as f64;
    for _ in 0..1 + rng.below(2) {
        let minutes = 5.0 + rng.below(30) as f64;
        let to = from + minutes + rng.below(60) as f64;
        vehicle.breaks.push(crate::model::Break {
            span: TimeWindow::new(from, to),
            minutes,
        });
        from = to + rng.below(100) as f64;
    }
    if rng.below(2) == 0 {
        vehicle.max_work_min = Some(100.0 + rng.below(300) as f64);
    }
    scenario
}

/// Whether vehicle `v` may carry every order of `trips` (skills and pinning), read from the
/// scenario's words, not the core's masks.
fn skills_and_pins_ok(problem: &Problem, v: usize, trips: &[Trip]) -> bool {
    let scenario = problem.scenario();
    let vehicle = &scenario.fleet[v];
    trips.iter().flat_map(|t| &t.jobs).all(|&j| {
        let order = &scenario.orders[j];
        order.courier.is_none_or(|c| c == v)
            && scenario
                .required_skills(order)
                .iter()
                .all(|s| vehicle.has_skill(s))
    })
}

/// Whether capacity, fixed kitchens and the trip count hold (the rules outside timing).
fn loads_and_kitchens_ok(problem: &Problem, v: usize, trips: &[Trip]) -> bool {
    let vehicle = &problem.scenario.fleet[v];
    skills_and_pins_ok(problem, v, trips)
        && trips.iter().filter(|t| !t.jobs.is_empty()).count() <= vehicle.max_trips as usize
        && trips.iter().all(|t| {
            (0..problem.scenario.items.len()).all(|item| {
                let load: u32 = t
                    .jobs
                    .iter()
                    .filter(|&&j| problem.jobs[j].item == item)
                    .map(|&j| problem.jobs[j].quantity)
                    .sum();
                load <= vehicle.capacity[item]
            }) && t
                .jobs
                .iter()
                .all(|&j| problem.jobs[j].kitchen.is_none_or(|k| k == t.kitchen))
        })
}

#[test]
fn feasibility_matches_exact_difference_constraints() {
    let mut rng = Rng::new(11);
    let mut rules = Rng::new(12);
    let (mut feasible, mut total, mut waits_rule_out) = (0, 0, 0);
    for case in 0..400 {
        let mut scenario = scenario(&mut rng, case % 2 == 0, case % 4 != 3);
        if case % 3 == 0 {
            scenario = with_rules(scenario, &mut rules);
        }
        if case % 5 < 2 {
            scenario = with_breaks(scenario, &mut rules);
        }
        let unlimited = scenario.clone();
        if case % 7 < 4 {
            scenario = with_waits(scenario, &mut rules);
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let without_waits = Problem::new(&unlimited, &matrix, Objective::Distance);
        for _ in 0..10 {
            let (trips, _) = random_trips(&mut rng, &problem);
            let core = assess(&problem, 0, &trips).feasible();
            waits_rule_out += usize::from(!core && assess(&without_waits, 0, &trips).feasible());
            let exact = feasible_by_difference_constraints(&problem, 0, &trips)
                && loads_and_kitchens_ok(&problem, 0, &trips);
            assert_eq!(core, exact, "case {case}: {trips:?}");
            feasible += usize::from(core);
            total += 1;
        }
    }
    // Both outcomes are exercised.
    assert!(
        feasible > total / 10 && feasible < total * 9 / 10 && waits_rule_out > 0,
        "{feasible} of {total}, {waits_rule_out} ruled out by waiting limits"
    );
}

/// The run of `jobs` (not empty) for vehicle 1, merged in a random order: split anywhere,
/// each side merged the same way.
fn merged_at_random(problem: &Problem, rng: &mut Rng, jobs: &[usize]) -> Stops {
    if let [job] = jobs {
        return Stops::job(problem, *job);
    }
    let (head, tail) = jobs.split_at(1 + rng.below(jobs.len() - 1));
    let head = merged_at_random(problem, rng, head);
    head.then(problem, 1, &merged_at_random(problem, rng, tail))
}

/// The summaries' earliest first arrival keeping every wait within its limit is exactly the
/// earliest departure found by walking the trip (plus the way out), however the run was
/// merged (split anywhere, a stop's orders included).
#[test]
fn wait_bound_is_the_earliest_departure_keeping_every_wait() {
    let mut rng = Rng::new(21);
    let (mut bound, mut total) = (0, 0);
    for case in 0..1000 {
        let scenario = scenario(&mut rng, false, case % 4 != 0);
        let scenario = with_waits(scenario, &mut Rng::new(case));
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        // Up to eight orders, often grouped by site (stops of several orders).
        let mut jobs: Vec<usize> = (0..problem.job_count())
            .filter(|&j| problem.jobs[j].window.start <= problem.jobs[j].window.end)
            .collect();
        rng.shuffle(&mut jobs);
        jobs.truncate(1 + rng.below(8));
        if rng.below(2) == 0 {
            jobs.sort_by_key(|&j| problem.jobs[j].site);
        }
        if jobs.is_empty() {
            continue;
        }
        let trip = Trip {
            kitchen: rng.below(2),
            jobs,
        };
        let stops = merged_at_random(&problem, &mut rng, &trip.jobs);
        let first = problem.jobs[trip.jobs[0]].site;
        let core = stops.wait_from - matrix.time(1, trip.kitchen, first);
        let walked = wait_departure_bound(&problem, 1, &trip);
        if walked <= -1e5 {
            assert!(core <= -1e5 + 1e-6, "case {case}: {core} for {trip:?}");
        } else {
            assert!(
                (core - walked).abs() <= 1e-6,
                "case {case}: {core} vs {walked}"
            );
            bound += 1;
        }
        total += 1;
    }
    assert!(bound > total / 4, "{bound} of {total} trips bound by waits");
}

/// The schedule of a feasible route keeps every rule it is meant to (as the difference
/// constraints state them), with the courier leaving no earlier than its shift.
#[test]
fn route_times_of_feasible_routes_keep_windows_freshness_and_waits() {
    let mut rng = Rng::new(5);
    let mut rules = Rng::new(6);
    let (mut checked, mut rested, mut limited) = (0, 0, 0);
    for case in 0..800 {
        let mut scenario = scenario(&mut rng, true, case % 3 != 0);
        if case % 2 == 0 {
            scenario = with_breaks(scenario, &mut rules);
        }
        if case % 3 != 1 {
            scenario = with_waits(scenario, &mut rules);
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let (trips, _) = random_trips(&mut rng, &problem);
        let Some(times) = route_times(&problem, 0, &trips) else {
            continue;
        };
        checked += 1;
        let vehicle = &scenario.fleet[0];
        assert!(times.start >= vehicle.shift.start - 1e-6);
        assert!(times.end <= vehicle.shift.end + 1e-6);
        let limit = vehicle.max_work_min.unwrap_or(f64::INFINITY);
        assert!(times.end - times.start <= limit + 1e-6, "case {case}");
        assert_eq!(times.breaks.len(), vehicle.breaks.len(), "case {case}");
        let mut previous_end = f64::NEG_INFINITY;
        for (taken, owed) in times.breaks.iter().zip(&vehicle.breaks) {
            assert!(taken.start >= owed.span.start - 1e-6, "case {case}");
            assert!(taken.end <= owed.span.end + 1e-6, "case {case}");
            assert!(
                taken.end - taken.start >= owed.minutes - 1e-6,
                "case {case}"
            );
            assert!(taken.start >= previous_end - 1e-6, "case {case}");
            previous_end = taken.end;
            let off_duty = taken.end <= times.start + 1e-6 || taken.start >= times.end - 1e-6;
            // At work: at a trip's kitchen after arriving, and loading waits for it.
            let at_work = times
                .trips
                .iter()
                .zip(trips.iter().filter(|t| !t.jobs.is_empty()))
                .any(|(t, trip)| {
                    let service = scenario.sites[trip.kitchen].service_min;
                    taken.site == trip.kitchen
                        && taken.start >= t.arrive - 1e-6
                        && taken.end + service <= t.depart + 1e-6
                });
            assert!(off_duty || at_work, "case {case}: {taken:?} in {times:?}");
            rested += usize::from(at_work && !off_duty);
        }
        for (trip, t) in trips
            .iter()
            .filter(|t| !t.jobs.is_empty())
            .zip(&times.trips)
        {
            let kitchen = &scenario.sites[trip.kitchen];
            let load_start = t.arrive.max(kitchen.hours.start).max(
                trip.jobs
                    .iter()
                    .map(|&j| problem.jobs[j].ready)
                    .fold(0.0, f64::max),
            );
            assert!(load_start <= kitchen.hours.end + 1e-6);
            assert!(t.depart >= load_start + kitchen.service_min - 1e-6);
            for stop in super::stops::stop_times(&problem, 0, trip, t.depart) {
                if let Some(limit) = scenario.sites[stop.site].max_wait_min {
                    assert!(stop.start - stop.arrive <= limit + 1e-6, "case {case}");
                    limited += 1;
                }
                for &j in &trip.jobs[stop.jobs.clone()] {
                    let job = &problem.jobs[j];
                    assert!(stop.start >= job.window.start - 1e-6, "case {case}");
                    assert!(stop.start <= job.window.end + 1e-6, "case {case}");
                    assert!(stop.start - t.depart <= job.max_ride + 1e-6, "case {case}");
                }
            }
        }
    }
    assert!(
        checked > 30 && rested > 5 && limited > 30,
        "{checked} routes, {rested} breaks at work, {limited} stops with a waiting limit"
    );
}

fn assert_same(a: &RouteCost, b: &RouteCost, what: &str) {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * (1.0 + x.abs().max(y.abs()));
    assert!(
        close(a.distance, b.distance)
            && a.trips == b.trips
            && close(a.warp, b.warp)
            && close(a.ride_excess, b.ride_excess)
            && close(a.load_excess, b.load_excess)
            && a.broken == b.broken,
        "{what}:\n cached {a:?}\n exact  {b:?}"
    );
}

/// `trips` with a random run of orders `cut..keep` (maybe none) of a random trip `t`
/// replaced by `job`: `(t, cut, keep, the trips edited)`.
fn run_replaced(rng: &mut Rng, trips: &[Trip], job: usize) -> (usize, usize, usize, Vec<Trip>) {
    let t = rng.below(trips.len());
    let len = trips[t].jobs.len();
    let cut = rng.below(len + 1);
    let keep = cut + rng.below(len - cut + 1);
    let mut edited = trips.to_vec();
    edited[t].jobs.splice(cut..keep, [job]);
    (t, cut, keep, edited)
}

/// Every move priced from cached prefix and suffix summaries equals the same route walked
/// from scratch, feasible or not, violations included.
#[test]
fn cached_prices_equal_whole_route_evaluation() {
    let mut rng = Rng::new(3);
    let mut rules = Rng::new(4);
    let (mut moves, mut exchanged) = (0, 0);
    for case in 0..300 {
        let mut scenario = scenario(&mut rng, case % 2 == 0, case % 5 != 4);
        if case % 3 == 0 {
            scenario = with_rules(scenario, &mut rules);
        }
        if case % 4 == 1 {
            scenario = with_breaks(scenario, &mut rules);
        }
        if case % 2 == 1 {
            scenario = with_waits(scenario, &mut rules);
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let (trips, rest) = random_trips(&mut rng, &problem);
        let mut cache = RouteCache::default();
        cache.rebuild(&problem, 0, &trips);
        assert_same(cache.cost(), &assess(&problem, 0, &trips), "as built");
        let excess_of = |jobs: &[usize]| {
            let mut load = Vec::new();
            super::route::load_excess(&problem, 0, jobs, &mut load)
        };
        // The courier with half its capacity, so that SWAP*'s loads below go over it.
        let mut tight = scenario.clone();
        tight.fleet[0].capacity.iter_mut().for_each(|c| *c /= 2);
        let tight = Problem::new(&tight, &matrix, Objective::Distance);
        let mut tight_cache = RouteCache::default();
        tight_cache.rebuild(&tight, 0, &trips);
        for _ in 0..20 {
            let Some(&job) = rest.get(rng.below(rest.len().max(1))) else {
                break;
            };
            let (t, cut, keep, edited) = run_replaced(&mut rng, &trips, job);
            let len = trips[t].jobs.len();
            let mut stops = Stops::job(&problem, job);
            if cut > 0 {
                stops = cache.prefix(t, cut - 1).then(&problem, 0, &stops);
            }
            if keep < len {
                stops = stops.then(&problem, 0, cache.suffix(t, keep));
            }
            let new = NewTrip {
                kitchen: trips[t].kitchen,
                stops: Some(stops),
                load_excess: excess_of(&edited[t].jobs),
            };
            let priced = cache.price(&problem, 0, &[(t, &new)], None);
            assert_same(&priced, &assess(&problem, 0, &edited), "replace a run");

            // The job as a new trip at any place.
            let at = rng.below(trips.len() + 1);
            let kitchen = rng.below(2);
            let mut edited = trips.clone();
            edited.insert(
                at,
                Trip {
                    kitchen,
                    jobs: vec![job],
                },
            );
            let new = NewTrip {
                kitchen,
                stops: Some(Stops::job(&problem, job)),
                load_excess: excess_of(&[job]),
            };
            let priced = cache.price(&problem, 0, &[], Some((at, &new)));
            assert_same(&priced, &assess(&problem, 0, &edited), "new trip");

            // Trip t emptied.
            let mut edited = trips.clone();
            edited[t].jobs.clear();
            let gone = NewTrip {
                kitchen: trips[t].kitchen,
                stops: None,
                load_excess: 0.0,
            };
            let priced = cache.price(&problem, 0, &[(t, &gone)], None);
            assert_same(&priced, &assess(&problem, 0, &edited), "trip emptied");

            // SWAP*'s load: an order of trip t leaves (or none), `job` joins (or not).
            let out = (len > 0).then(|| trips[t].jobs[rng.below(len)]);
            let into = [None, Some(job)][rng.below(2)];
            let mut jobs = trips[t].jobs.clone();
            jobs.retain(|&j| Some(j) != out);
            jobs.extend(into);
            let expected = super::route::load_excess(&tight, 0, &jobs, &mut Vec::new());
            assert_eq!(
                tight_cache.excess_exchanging(&tight, 0, t, out, into),
                expected,
                "{out:?} out, {into:?} in"
            );
            exchanged += usize::from(expected > 0.0);
            moves += 3;
        }
    }
    assert!(
        moves > 1000 && exchanged > 50,
        "{moves} moves, {exchanged} over capacity"
    );
}

/// The route's timing around each place ([`RouteTiming`]) gives the time warp of the working
/// day (the shift, the working time limit, the trips one after the other) that the route
/// walked from scratch has, with a run of a trip replaced by an order or with the order
/// added as a trip at any place; the cache's quick verdicts (`may_replace`, `may_add`) say
/// `false` only of routes that break a rule; and its O(1) price of a trip replaced
/// (`replaced`) is the route walked, violations and working day included.
#[test]
fn route_timing_gives_the_working_days_warp_of_the_route_walked() {
    let mut rng = Rng::new(11);
    let mut rules = Rng::new(12);
    let (mut checked, mut late, mut spared) = (0, 0, 0);
    let (mut broken, mut infeasible) = (0, 0);
    for case in 0..300 {
        let mut scenario = scenario(&mut rng, case % 2 == 0, case % 5 != 4);
        if case % 3 == 0 {
            scenario = with_rules(scenario, &mut rules);
        }
        if case % 4 == 1 {
            scenario.fleet[0].max_work_min = Some(60.0 + rules.below(300) as f64);
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let (trips, rest) = random_trips(&mut rng, &problem);
        let eval = |trip: &Trip| {
            let stops = Stops::of(&problem, 0, trip.jobs.iter().copied())?;
            Some(TripEval::new(&problem, 0, trip.kitchen, &stops))
        };
        let evals: Vec<Option<TripEval>> = trips.iter().map(eval).collect();
        let mut timing = RouteTiming::default();
        let summaries = trips
            .iter()
            .map(|t| t.kitchen)
            .zip(evals.iter().map(Option::as_ref));
        timing.rebuild(&problem, 0, summaries);
        let mut cache = RouteCache::default();
        cache.rebuild(&problem, 0, &trips);
        // The working day's warp of a route: all its warp but its trips' own stops'.
        let day_warp = |route: &[Trip]| {
            let own: f64 = route.iter().filter_map(eval).map(|e| e.stop_warp).sum();
            assess(&problem, 0, route).warp - own
        };
        for _ in 0..20 {
            let Some(&job) = rest.get(rng.below(rest.len().max(1))) else {
                break;
            };
            let (t, _, _, edited) = run_replaced(&mut rng, &trips, job);
            let stops = Stops::of(&problem, 0, edited[t].jobs.iter().copied()).expect("an order");
            let new = TripEval::new(&problem, 0, trips[t].kitchen, &stops);
            let warp = timing.warp_around(&problem, 0, (t, t + 1), (trips[t].kitchen, &new.time));
            let exact = day_warp(&edited);
            assert!(
                (warp.unwrap() - exact).abs() < 1e-6,
                "replaced: {warp:?} against {exact}"
            );
            let feasible = assess(&problem, 0, &edited).feasible();
            assert!(feasible <= cache.may_replace(&problem, 0, t, &stops));
            spared += usize::from(!cache.may_replace(&problem, 0, t, &stops));
            late += usize::from(exact > 0.01);
            // The whole route so replaced, priced in O(1) from the timing.
            let over = super::route::load_excess(&problem, 0, &edited[t].jobs, &mut Vec::new());
            let trip = NewTrip {
                kitchen: trips[t].kitchen,
                stops: Some(stops),
                load_excess: over,
            };
            let quick = cache.replaced(&problem, 0, t, &trip).expect("summarised");
            let walked = assess(&problem, 0, &edited);
            assert_same(&quick, &walked, "replaced in O(1)");
            assert!((quick.duration - walked.duration).abs() < 1e-6, "{quick:?}");
            broken += usize::from(walked.broken);
            infeasible += usize::from(!walked.feasible());

            // The order as a new trip at any place.
            let (at, kitchen) = (rng.below(trips.len() + 1), rng.below(2));
            let mut edited = trips.clone();
            let added = Trip {
                kitchen,
                jobs: vec![job],
            };
            edited.insert(at, added.clone());
            let new = eval(&added).expect("an order");
            let warp = timing.warp_around(&problem, 0, (at, at), (kitchen, &new.time));
            let exact = day_warp(&edited);
            assert!(
                (warp.unwrap() - exact).abs() < 1e-6,
                "added: {warp:?} against {exact}"
            );
            let feasible = assess(&problem, 0, &edited).feasible();
            assert!(feasible <= cache.may_add(&problem, 0, at, kitchen, &new));
            late += usize::from(exact > 0.01);
            checked += 2;
        }
    }
    assert!(
        checked > 5000 && late > 500 && spared > 200 && broken > 50 && infeasible > 1000,
        "{checked} routes, {late} late, {spared} spared a price, {broken} broken, \
         {infeasible} infeasible"
    );
}

/// A cache updated after an insertion, with its prefixes and suffixes made on demand, holds
/// the very summaries (bit for bit) of one rebuilt from scratch, and its cost (the trip's
/// summary merged around the new order rather than from the start: equal up to rounding).
#[test]
fn inserted_and_lazy_summaries_equal_a_rebuild() {
    let mut rng = Rng::new(5);
    let mut checked = 0;
    for case in 0..200 {
        let mut scenario = scenario(&mut rng, case % 2 == 0, case % 5 != 4);
        if case % 3 == 0 {
            scenario = with_waits(scenario, &mut rng);
        }
        let matrix = TravelMatrix::straight_line(&scenario);
        let problem = Problem::new(&scenario, &matrix, Objective::Distance);
        let (mut trips, rest) = random_trips(&mut rng, &problem);
        let mut lazy = RouteCache::default();
        lazy.reread(&problem, 0, &trips);
        for &job in rest.iter().take(4) {
            let t = rng.below(trips.len());
            let pos = rng.below(trips[t].jobs.len() + 1);
            // Some summaries and the start bounds asked for before the insertion, as a
            // search would.
            if rng.below(2) == 0 {
                lazy.start_bounds(&problem, 0, &trips[t].jobs, t);
            }
            for i in (0..trips[t].jobs.len()).filter(|_| rng.below(3) == 0) {
                lazy.make_suffix(&problem, 0, &trips[t].jobs, t, i);
                lazy.make_prefix(&problem, 0, &trips[t].jobs, t, i);
            }
            trips[t].jobs.insert(pos, job);
            lazy.inserted(&problem, 0, &trips, t, pos);
            let mut full = RouteCache::default();
            full.rebuild(&problem, 0, &trips);
            assert_same(lazy.cost(), full.cost(), "inserted");
            assert_same(lazy.cost(), &assess(&problem, 0, &trips), "inserted");
            for (u, trip) in trips.iter().enumerate() {
                let sites: Vec<usize> = std::iter::once(trip.kitchen)
                    .chain(trip.jobs.iter().map(|&j| problem.jobs[j].site))
                    .chain([trip.kitchen])
                    .collect();
                assert_eq!(lazy.sites(u), &sites[..], "sites of trip {u}");
                for i in (0..trip.jobs.len()).rev() {
                    lazy.make_suffix(&problem, 0, &trip.jobs, u, i);
                    lazy.make_prefix(&problem, 0, &trip.jobs, u, i);
                    assert_eq!(lazy.suffix(u, i), full.suffix(u, i), "trip {u} from {i}");
                    assert_eq!(lazy.prefix(u, i), full.prefix(u, i), "trip {u} to {i}");
                    // The scan's quick bound reads exactly the summaries' numbers.
                    let bounds = lazy.start_bounds(&problem, 0, &trip.jobs, u);
                    assert_eq!(bounds.len(), trip.jobs.len());
                    let (prefix, suffix) = (full.prefix(u, i), full.suffix(u, i));
                    assert_eq!(
                        (bounds[i].site, bounds[i].service),
                        (prefix.last_site, prefix.last_service)
                    );
                    assert_eq!(
                        (bounds[i].early, bounds[i].late),
                        (prefix.last_early, suffix.time.late),
                        "start bounds of trip {u} at {i}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}
