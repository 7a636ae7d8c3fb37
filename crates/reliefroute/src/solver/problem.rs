//! The solver's flat view of a scenario: one job per order with everything a strategy needs
//! precomputed (windows narrowed by opening hours, service times, neighbour lists).

use std::borrow::Cow;

use crate::model::{Objective, Scenario, Site, TimeWindow};
use crate::solver::output::Output;
use crate::solver::params::PARAMS;
use crate::travel::TravelMatrix;

/// One order as the solver sees it.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    /// Site index of the stop.
    pub site: usize,
    /// Item index and units.
    pub item: usize,
    pub quantity: u32,
    /// The order's window narrowed by the site's opening hours; for an order with
    /// alternative windows, the one chosen (see `solver::windows`).
    pub window: TimeWindow,
    /// Minutes spent at the stop.
    pub service: f64,
    /// Earliest start of loading this order at a kitchen: its own ready time, or later
    /// when no kitchen it may load at makes its units sooner (see [`Output::ready_bound`]).
    pub ready: f64,
    /// Freshness limit from kitchen departure to handover (infinite when none).
    pub max_ride: f64,
    /// Longest wait at the stop's door, arrival to service start (infinite when none; see
    /// [`Problem::max_wait`]).
    pub max_wait: f64,
    /// Site index of the required kitchen, if fixed.
    pub kitchen: Option<usize>,
    /// Weight of leaving it unserved; 0: optional (see `eval::job_value`).
    pub priority: u32,
    /// The skills a courier needs for it, as a mask over [`Problem::skill_names`].
    pub skills: u64,
    /// The courier that must carry it, if pinned.
    pub courier: Option<usize>,
}

/// Most skills a mask holds; from the 64th distinct required skill on, the rarer ones share
/// the last bit (see `skill_masks`).
const MASK_BITS: usize = 64;

/// A scenario prepared for the strategies: dense jobs (one per order, same index), kitchens,
/// travel and neighbour lists.
///
/// Build it once with [`Problem::new`] and hand it to any [`Strategy`](crate::Strategy).
pub struct Problem<'a> {
    /// The scenario, with every courier's capacity covering every item (see
    /// [`Problem::new`]).
    pub(crate) scenario: Cow<'a, Scenario>,
    pub(crate) matrix: &'a TravelMatrix,
    pub(crate) objective: Objective,
    pub(crate) jobs: Vec<Job>,
    /// Site indices of all kitchens.
    pub(crate) kitchens: Vec<usize>,
    /// Per job, other jobs sorted by closeness (granular neighbourhood).
    pub(crate) neighbours: Vec<Vec<u32>>,
    /// Per vehicle, the index of the first vehicle identical to it (same base, capacity,
    /// shift, trips and travel profile): idle twins need to be tried only once.
    pub(crate) vehicle_class: Vec<usize>,
    /// Per vehicle, the mask of the required skills it has (see [`Job::skills`]).
    pub(crate) vehicle_skills: Vec<u64>,
    /// The skills some order requires, in bit order.
    pub(crate) skill_names: Vec<String>,
    /// Per vehicle, the site its route starts from when not its base (a re-plan: where the
    /// courier is when it is next free); empty when every route starts at its base.
    pub(crate) starts: Vec<usize>,
    /// The kitchens' output over time (`supply.csv`).
    pub(crate) output: Output,
    /// Per job, the courier it should stay with (re-plans and rounds), if any; empty when no
    /// job has one. Kept out of [`Job`], which the hot loops read, for its size.
    pub(crate) preferred: Vec<Option<usize>>,
    /// What serving a job by another courier than its preferred one costs, in the
    /// objective's units (see `eval::move_charge`); 0 when no job has a preference (then
    /// nothing prices moves).
    pub(crate) move_cost: f64,
    /// Per job, which of its order's [`Order::allowed_windows`](crate::Order::allowed_windows)
    /// its window is (set by `solver::windows`); empty when no order has alternatives.
    pub(crate) window_choice: Vec<usize>,
}

/// The longest wait at `site`'s door in minutes, infinite when it sets no limit.
fn wait_limit(site: &Site) -> f64 {
    site.max_wait_min.unwrap_or(f64::INFINITY)
}

/// `scenario` itself, or a copy in which every courier has a capacity for every item,
/// missing ones 0.
fn with_full_capacities(scenario: &Scenario) -> Cow<'_, Scenario> {
    let items = scenario.items.len();
    if scenario.fleet.iter().all(|v| v.capacity.len() >= items) {
        return Cow::Borrowed(scenario);
    }
    let mut owned = scenario.clone();
    for vehicle in &mut owned.fleet {
        if vehicle.capacity.len() < items {
            vehicle.capacity.resize(items, 0);
        }
    }
    Cow::Owned(owned)
}

impl<'a> Problem<'a> {
    /// Prepares `scenario` for solving with travel from `matrix`, minimising `objective`.
    ///
    /// A hand-made scenario may give a courier fewer capacities than there are items: the
    /// missing ones count as 0 (it cannot carry those items).
    ///
    /// Complexity: `O(orders² log orders)` for the neighbour lists.
    pub fn new(scenario: &'a Scenario, matrix: &'a TravelMatrix, objective: Objective) -> Self {
        let scenario = with_full_capacities(scenario);
        let (skill_names, job_skills, vehicle_skills) = skill_masks(&scenario);
        let kitchens = scenario.kitchens();
        let output = Output::new(&scenario);
        let jobs: Vec<Job> = (scenario.orders.iter().zip(job_skills))
            .map(|(o, skills)| {
                let site = &scenario.sites[o.site];
                let window = narrowed(o.allowed_windows()[0], site.hours);
                Job {
                    site: o.site,
                    item: o.item,
                    quantity: o.quantity,
                    window,
                    service: site.service_min,
                    ready: o.ready.max(
                        output.ready_bound(
                            &scenario,
                            kitchens
                                .iter()
                                .copied()
                                .filter(|&k| o.kitchen.is_none_or(|f| f == k)),
                            o.item,
                            o.quantity,
                        ),
                    ),
                    max_ride: o.max_ride_min.unwrap_or(f64::INFINITY),
                    max_wait: wait_limit(site),
                    kitchen: o.kitchen,
                    priority: o.priority,
                    skills,
                    courier: o.courier,
                }
            })
            .collect();
        let mut problem = Problem {
            scenario,
            matrix,
            objective,
            jobs,
            kitchens,
            neighbours: Vec::new(),
            vehicle_class: Vec::new(),
            vehicle_skills,
            skill_names,
            starts: Vec::new(),
            output,
            preferred: Vec::new(),
            move_cost: 0.0,
            window_choice: Vec::new(),
        };
        problem.vehicle_class = problem.vehicle_classes();
        problem.neighbours = problem.nearest_jobs();
        problem
    }

    /// The longest wait at the door of site `site` in minutes, infinite when it sets no
    /// limit.
    pub(crate) fn max_wait(&self, site: usize) -> f64 {
        wait_limit(&self.scenario.sites[site])
    }

    /// Makes window `choice` of `job`'s order (narrowed by the site's hours) the job's window
    /// (see `solver::windows`).
    pub(crate) fn set_window(&mut self, job: usize, choice: usize) {
        let order = &self.scenario.orders[job];
        let hours = self.scenario.sites[order.site].hours;
        self.jobs[job].window = narrowed(order.allowed_windows()[choice], hours);
        if let Some(slot) = self.window_choice.get_mut(job) {
            *slot = choice;
        }
    }

    /// Which of `job`'s order's windows its window is (0 for an order with one).
    pub(crate) fn window_of(&self, job: usize) -> usize {
        self.window_choice.get(job).copied().unwrap_or(0)
    }

    /// Recomputes the neighbour lists, after jobs' windows changed.
    pub(crate) fn refresh_neighbours(&mut self) {
        self.neighbours = self.nearest_jobs();
    }

    /// The same problem with each vehicle's route starting from `starts[v]` (a site index)
    /// instead of its base; it still ends at its base. Used by re-planning, where a courier
    /// is next free at the kitchen its trip under way returns to.
    pub(crate) fn with_starts(mut self, starts: Vec<usize>) -> Self {
        debug_assert_eq!(starts.len(), self.vehicle_count());
        self.starts = starts;
        self.vehicle_class = self.vehicle_classes();
        self
    }

    /// The same problem with each job `j` preferring courier `preferred[j]` (a fleet index),
    /// serving it by another costing `move_cost` in the objective's units (see
    /// `eval::move_weight`, which turns `--move-cost` km into it): re-plans and rounds keep
    /// assignments unless serving more orders, the rules or a large enough saving ask for a
    /// change.
    pub(crate) fn with_preferences(mut self, preferred: &[Option<usize>], move_cost: f64) -> Self {
        let fleet = self.scenario.fleet.len();
        self.preferred = (0..self.jobs.len())
            .map(|j| preferred.get(j).copied().flatten().filter(|&c| c < fleet))
            .collect();
        let move_cost = if move_cost > 0.0 { move_cost } else { 0.0 };
        if move_cost == 0.0 || self.preferred.iter().all(Option::is_none) {
            self.preferred.clear();
        }
        self.move_cost = if self.preferred.is_empty() {
            0.0
        } else {
            move_cost
        };
        self.vehicle_class = self.vehicle_classes();
        self
    }

    /// The courier `job` should stay with, if any (see [`Problem::with_preferences`]). O(1).
    #[inline]
    pub(crate) fn preferred_courier(&self, job: usize) -> Option<usize> {
        self.preferred.get(job).copied().flatten()
    }

    /// The site vehicle `v`'s route starts from: its base unless [`Problem::with_starts`]
    /// said otherwise.
    #[inline]
    pub(crate) fn start_site(&self, v: usize) -> usize {
        self.starts
            .get(v)
            .copied()
            .unwrap_or(self.scenario.fleet[v].base)
    }

    /// Number of orders (jobs, to the solver).
    pub fn job_count(&self) -> usize {
        self.jobs.len()
    }

    /// Whether most orders (more than half) have a window that closes: the searches tune
    /// some choices to it (`search::strategy::genetic_wins`, `search::sisr::route_ruin`,
    /// SWAP* in `search::genetic`).
    pub(crate) fn mostly_timed(&self) -> bool {
        let timed = self
            .jobs
            .iter()
            .filter(|j| j.window.end.is_finite())
            .count();
        2 * timed > self.jobs.len()
    }

    /// Number of couriers in the fleet.
    pub fn vehicle_count(&self) -> usize {
        self.scenario.fleet.len()
    }

    /// The scenario being solved.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Whether vehicle `v` may carry `job` at all: it has every skill the job needs, and the
    /// job is not pinned to another courier. O(1).
    #[inline]
    pub(crate) fn fits(&self, job: usize, v: usize) -> bool {
        let j = &self.jobs[job];
        j.skills & !self.vehicle_skills[v] == 0 && j.courier.is_none_or(|c| c == v)
    }

    /// The kitchens `job` may be loaded at: its fixed kitchen, or every kitchen.
    pub(crate) fn allowed_kitchens(&self, job: usize) -> impl Iterator<Item = usize> + '_ {
        let fixed = self.jobs[job].kitchen;
        self.kitchens
            .iter()
            .copied()
            .filter(move |&k| fixed.is_none_or(|f| f == k))
    }

    /// Jobs by priority (highest first), then those with a preferred courier (they claim
    /// their place with it before orders that move or are new take the room left), then
    /// earliest closing window, then index: the order in which constructions take them.
    pub(crate) fn urgency_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.job_count()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.jobs[a], &self.jobs[b]);
            y.priority
                .cmp(&x.priority)
                .then(
                    self.preferred_courier(b)
                        .is_some()
                        .cmp(&self.preferred_courier(a).is_some()),
                )
                .then(x.window.end.total_cmp(&y.window.end))
                .then(a.cmp(&b))
        });
        order
    }

    /// The first vehicle equal to each vehicle (equality is transitive, so the first match
    /// is its own class): the same skills, base, start, capacity, shift, trips, breaks,
    /// working time limit and travel profile, so that one idle courier of a class stands for
    /// all. A courier some order is pinned to, or preferred by when moves cost, is a class of
    /// its own.
    fn vehicle_classes(&self) -> Vec<usize> {
        let fleet = &self.scenario.fleet;
        let mut pinned = vec![false; fleet.len()];
        let preferred = self.preferred.iter().flatten();
        for &c in self
            .jobs
            .iter()
            .filter_map(|j| j.courier.as_ref())
            .chain(preferred)
        {
            if let Some(slot) = pinned.get_mut(c) {
                *slot = true;
            }
        }
        (0..fleet.len())
            .map(|v| {
                (0..v)
                    .find(|&w| {
                        let (a, b) = (&fleet[v], &fleet[w]);
                        !pinned[v]
                            && !pinned[w]
                            && self.vehicle_skills[v] == self.vehicle_skills[w]
                            && a.base == b.base
                            && self.start_site(v) == self.start_site(w)
                            && a.capacity == b.capacity
                            && a.shift == b.shift
                            && a.max_trips == b.max_trips
                            && a.breaks == b.breaks
                            && a.max_work_min == b.max_work_min
                            && self.matrix.profile_of(v) == self.matrix.profile_of(w)
                    })
                    .unwrap_or(v)
            })
            .collect()
    }

    /// Per job, the closest other jobs by distance plus a penalty for windows that do not
    /// fit one after the other (the granular neighbourhood of Vidal et al.).
    ///
    /// Proximity is at least the distance, so each job first prices only its
    /// [`PARAMS.prefilter`] nearest jobs by distance; when the last neighbour kept is closer than
    /// the farthest of those, no other job can beat it and the rest are skipped (on 10,000
    /// orders this reads one matrix row per job instead of a row and a column). Otherwise only
    /// the jobs no farther than the last neighbour's proximity are priced, not all of them.
    fn nearest_jobs(&self) -> Vec<Vec<u32>> {
        use rayon::prelude::*;
        let n = self.jobs.len();
        let k = PARAMS.neighbours.min(n.saturating_sub(1));
        let by_proximity = |a: &(f64, u32), b: &(f64, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        // Read for every pair: kept apart from the jobs' other fields, which fill cache lines.
        let sites: Vec<usize> = self.jobs.iter().map(|j| j.site).collect();
        (0..n)
            .into_par_iter()
            .map(|i| {
                let near = |others: &mut Vec<(f64, u32)>| {
                    let k = k.min(others.len());
                    if k < others.len() {
                        others.select_nth_unstable_by(k, by_proximity);
                        others.truncate(k);
                    }
                    others.sort_by(by_proximity);
                };
                let site = sites[i];
                let mut others: Vec<(f64, u32)> = (0..n)
                    .filter(|&j| j != i)
                    .map(|j| (self.matrix.distance(0, site, sites[j]), j as u32))
                    .collect();
                if others.len() > PARAMS.prefilter {
                    others.select_nth_unstable_by(PARAMS.prefilter, by_proximity);
                    let horizon = others[PARAMS.prefilter].0;
                    let mut best: Vec<(f64, u32)> = others[..PARAMS.prefilter]
                        .iter()
                        .map(|&(_, j)| (self.proximity(i, j as usize), j))
                        .collect();
                    near(&mut best);
                    if best.len() == k && best.last().is_some_and(|o| o.0 < horizon) {
                        return best.into_iter().map(|(_, j)| j).collect();
                    }
                    // Proximity is at least the distance (with a fleet), so only the jobs no
                    // farther than the k-th proximity found so far can make the list.
                    let bound = match best.last() {
                        Some(o) if best.len() == k && !self.scenario.fleet.is_empty() => o.0,
                        _ => f64::INFINITY,
                    };
                    others.retain(|o| o.0 <= bound);
                }
                for o in &mut others {
                    o.0 = self.proximity(i, o.1 as usize);
                }
                near(&mut others);
                others.into_iter().map(|(_, j)| j).collect()
            })
            .collect()
    }

    /// Closeness of two jobs: travel time plus the waiting or lateness of serving them in
    /// either order, whichever order fits better.
    fn proximity(&self, i: usize, j: usize) -> f64 {
        if self.scenario.fleet.is_empty() {
            return 0.0;
        }
        let (a, b) = (&self.jobs[i], &self.jobs[j]);
        let d = self.matrix.distance(0, a.site, b.site);
        let one_way = |x: &Job, y: &Job| {
            let t = self.matrix.time(0, x.site, y.site);
            let arrive = x.window.start + x.service + t;
            let wait = (y.window.start - (x.window.end + x.service + t)).max(0.0);
            let late = (arrive - y.window.end).max(0.0);
            0.2 * wait + late
        };
        d + one_way(a, b).min(one_way(b, a))
    }
}

/// An order's `window` narrowed by a site's opening `hours`. An empty intersection leaves a
/// window no schedule can meet; the diagnosis then reports it as unreachable.
fn narrowed(window: TimeWindow, hours: TimeWindow) -> TimeWindow {
    window.intersect(hours).unwrap_or(TimeWindow {
        start: f64::INFINITY,
        end: f64::NEG_INFINITY,
    })
}

/// The skills orders require (interned in first-seen order), each job's mask of them and
/// each vehicle's mask of those it has.
///
/// A mask holds 64 skills. Past that, the rarer skills (the 64th distinct one on) share the
/// last bit: a job needing any of them needs the bit, and a vehicle has it only if it has
/// every one of them. That never lets a courier carry an order it lacks a skill for, but may
/// keep one from an order it could carry; the reader and the builder reject more than
/// [`crate::model::rules::MAX_SKILLS`] skills, so only hand-made scenarios meet it.
fn skill_masks(scenario: &Scenario) -> (Vec<String>, Vec<u64>, Vec<u64>) {
    let mut names: Vec<String> = Vec::new();
    fn bit(name: &str, names: &mut Vec<String>) -> u64 {
        let i = match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                names.len() - 1
            }
        };
        1u64 << i.min(MASK_BITS - 1)
    }
    let jobs: Vec<u64> = scenario
        .orders
        .iter()
        .map(|o| {
            scenario
                .required_skills(o)
                .into_iter()
                .fold(0, |mask, s| mask | bit(s, &mut names))
        })
        .collect();
    let vehicles = scenario
        .fleet
        .iter()
        .map(|v| {
            let mut mask = 0u64;
            let mut rare = true;
            for (i, name) in names.iter().enumerate() {
                let has = v.has_skill(name);
                if i < MASK_BITS - 1 {
                    mask |= u64::from(has) << i;
                } else {
                    rare &= has;
                }
            }
            if rare && names.len() >= MASK_BITS {
                mask |= 1 << (MASK_BITS - 1);
            }
            mask
        })
        .collect();
    (names, jobs, vehicles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Order, Rounding, Site, SiteKind, SolverSettings, TravelModel, Vehicle};

    /// CVRPLIB X-n502-k39 as the benchmark reader of `reliefroute-bench` maps it, reduced to
    /// what neighbour lists read: the depot (node 1) is kitchen 0, node `k + 1` is customer
    /// `k` with one order, travel is planar rounded to the nearest integer, and one vehicle
    /// drives at 60 km/h (time equals distance). Demands play no part and are left at 1.
    fn x_n502_k39() -> Scenario {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../benches/data/cvrplib_x/X-n502-k39.vrp"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let site = |k: usize, x: f64, y: f64| Site {
            id: k.to_string(),
            kind: if k == 0 {
                SiteKind::Kitchen
            } else {
                SiteKind::Other("customer".to_string())
            },
            name: format!("node {}", k + 1),
            location: geo::Coord { x, y },
            service_min: 0.0,
            hours: TimeWindow::ALWAYS,
            requires: Vec::new(),
            max_wait_min: None,
            extra: Vec::new(),
        };
        let sites: Vec<Site> = text
            .lines()
            .skip_while(|l| !l.starts_with("NODE_COORD_SECTION"))
            .skip(1)
            .take_while(|l| !l.starts_with("DEMAND_SECTION"))
            .enumerate()
            .map(|(k, l)| {
                let cells: Vec<f64> = l.split_whitespace().map(|c| c.parse().unwrap()).collect();
                assert_eq!(cells[0] as usize, k + 1, "{l}");
                site(k, cells[1], cells[2])
            })
            .collect();
        let orders = (1..sites.len())
            .map(|k| Order::new(k.to_string(), k, 0, 1))
            .collect();
        Scenario {
            name: "X-n502-k39".to_string(),
            sites,
            items: vec!["demand".to_string()],
            orders,
            fleet: vec![Vehicle {
                id: "v1".to_string(),
                kind: "vehicle".to_string(),
                base: 0,
                capacity: vec![13],
                shift: TimeWindow::ALWAYS,
                speed_kmh: 60.0,
                max_trips: 1,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            }],
            travel: TravelModel::Planar(Rounding::NearestInteger),
            network: None,
            supply: Vec::new(),
            solver: SolverSettings::default(),
        }
    }

    /// The early-stopping neighbour search keeps exactly the jobs a full scan keeps, both
    /// when windows play no part (the bound always holds) and when they push nearby jobs
    /// away (the bound often fails and the full scan runs).
    #[test]
    fn prefiltered_neighbours_equal_a_full_scan() {
        let mut scenario = x_n502_k39();
        assert_eq!(scenario.orders.len(), 501);
        for windows in [false, true] {
            if windows {
                for (i, order) in scenario.orders.iter_mut().enumerate() {
                    let start = (i * 7919 % 600) as f64;
                    order.window = TimeWindow {
                        start,
                        end: start + 30.0,
                    };
                }
            }
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let n = problem.job_count();
            assert!(n > PARAMS.prefilter);
            for i in (0..n).step_by(7) {
                let mut all: Vec<(f64, u32)> = (0..n)
                    .filter(|&j| j != i)
                    .map(|j| (problem.proximity(i, j), j as u32))
                    .collect();
                all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let expected: Vec<u32> = all.iter().take(PARAMS.neighbours).map(|o| o.1).collect();
                assert_eq!(
                    problem.neighbours[i], expected,
                    "job {i}, windows {windows}"
                );
            }
        }
    }

    /// Couriers that differ only in their working time limit or their breaks are classes of
    /// their own: insertion tries one idle courier per class, so a courier of the first kind
    /// that cannot make a delivery must not stand for one that can. Here the first courier
    /// works at most 20 minutes and the order is 30 minutes away: the other one serves it.
    #[test]
    fn couriers_differing_in_working_time_or_breaks_are_classes_of_their_own() {
        use crate::model::{CourierSpec, OrderSpec, SiteKind as Kind};
        use crate::solver::insertion::{greedy, Mode};
        use crate::solver::routes::Routes;
        use geo::Coord;
        let city = |first: CourierSpec| {
            Scenario::builder("one order far away")
                .item("box")
                .travel(TravelModel::Planar(Rounding::Exact))
                .site(Site::new("K", Kind::Kitchen, Coord { x: 0.0, y: 0.0 }))
                .site(Site::new("S", Kind::Household, Coord { x: 30.0, y: 0.0 }))
                .order(OrderSpec::new("O", "S", "box", 1))
                .courier(first.capacity("box", 5))
                .courier(CourierSpec::new("B", "K", 60.0).capacity("box", 5))
                .build()
                .expect("a valid scenario")
        };
        let limited = CourierSpec::new("A", "K", 60.0).max_work(20.0);
        let resting = CourierSpec::new("A", "K", 60.0).rest(600.0, 660.0, 30.0);
        for (case, first) in [limited, resting].into_iter().enumerate() {
            let scenario = city(first);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            assert_eq!(problem.vehicle_class, vec![0, 1], "case {case}");
            let mut routes = Routes::empty(2, problem.job_count());
            greedy(&problem, &mut routes, &[0], Mode::Anywhere);
            if case == 0 {
                assert!(routes.unassigned.is_empty(), "{routes:?}");
                assert!(routes.trips[0].is_empty() && routes.trips[1].len() == 1);
            }
        }
    }

    /// Past 64 required skills the rarer ones share the last bit: a courier lacking any of
    /// them may carry none of the orders needing one (never one it lacks the skill for).
    #[test]
    fn skills_beyond_the_mask_are_checked_conservatively() {
        let mut scenario = x_n502_k39();
        scenario.orders.truncate(70);
        for (i, order) in scenario.orders.iter_mut().enumerate() {
            order.requires = vec![format!("s{i}")];
        }
        let all: Vec<String> = (0..70).map(|i| format!("s{i}")).collect();
        let mut full = scenario.fleet[0].clone();
        full.skills = all.clone();
        let mut most = full.clone();
        most.id = "most".to_string();
        most.skills.retain(|s| s != "s66");
        scenario.fleet = vec![full, most];
        let (names, jobs, vehicles) = skill_masks(&scenario);
        assert_eq!(names.len(), 70);
        let fits = |j: usize, v: usize| jobs[j] & !vehicles[v] == 0;
        assert!((0..70).all(|j| fits(j, 0)));
        assert!((0..63).all(|j| fits(j, 1)), "the first 63 skills are exact");
        assert!(!fits(66, 1), "never an order whose skill it lacks");
        assert!(!fits(68, 1), "conservative for the rare skills");
    }
}
