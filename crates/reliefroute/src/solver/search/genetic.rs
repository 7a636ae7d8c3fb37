//! `genetic`: a hybrid genetic search (Vidal's HGS, as in PyVRP) on the same evaluation
//! core, insertion and local search as `search`.
//!
//! A first population of feasible plans, each the best of a short annealing chain ([`Chain`])
//! from the construction with its own seed. Each generation picks two parents by binary
//! tournament on biased fitness (cost rank plus diversity rank, diversity being the mean
//! broken-pairs distance to the [`PARAMS.close`] nearest plans), crosses them by selective
//! route exchange (SREX, Nagata & Kobayashi), reinserts the jobs left out by best insertion
//! (those that fit nowhere at their cheapest place under the penalties below), or, on plain
//! capacitated problems, by HGS's order crossover of giant tours and Split ([`giant_tour`],
//! in [`PARAMS.ox_share`] of the generations), and educates
//! the child by local search: the node moves, then (on problems mostly without time windows)
//! SWAP* between trips (Vidal 2022), until neither improves.
//!
//! As in HGS the local search may cross plans that break the capacities, the time windows
//! (time warp) or the freshness limits (ride excess), priced by penalties ([`Penalties`])
//! that follow the share of children keeping each rule ([`Pricing`]); the other rules
//! (kitchens, trips, skills, pinning) stay forbidden. A child that breaks a rule joins the
//! infeasible population, and half of them are repaired by a second local search at ten
//! times the prices; feasible children join the feasible one. Each population has its own
//! survivor selection once it exceeds [`PARAMS.population`] plus [`PARAMS.generation`]:
//! duplicates first, then the worst fitness. Parents come from both; the plan returned is
//! the cheapest feasible one. Work is counted in the search's units, so a seed and threads
//! fix the plan.

use std::cmp::Reverse;
use std::time::Instant;

use rayon::prelude::*;

mod giant_tour;

use giant_tour::GiantTour;

use super::start::{deadline_of, report_routes, start};
use super::{Chain, LocalSearch};
use crate::solver::eval::{assess_plan, evaluate, Penalties, Violations, EPS};
use crate::solver::insertion::Inserter;
use crate::solver::params::PARAMS;
use crate::solver::problem::Problem;
use crate::solver::rng::Rng;
use crate::solver::routes::Routes;
use crate::solver::strategy::{past, Budget, Strategy};
use crate::solver::supply;

/// Hybrid genetic search: a population of plans improved by route-exchange crossover,
/// local search and short annealing runs (see the module).
///
/// Runs one population per thread, each with the whole budget and its own seed, and keeps
/// the best plan of all. The budget is in work units, so seed and threads fix the plan,
/// unless [`Budget::wall_clock`] is on: then each population evolves until the deadline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Genetic;

impl Strategy for Genetic {
    fn name(&self) -> &'static str {
        "genetic"
    }

    fn description(&self) -> &'static str {
        "hybrid genetic search: a population of searched plans, route-exchange crossover and \
         local search (experimental)"
    }

    fn solve(&self, problem: &Problem, budget: &Budget) -> Routes {
        let started = budget.started.unwrap_or_else(Instant::now);
        let deadline = deadline_of(budget, started);
        let (initial, construction) = match start(problem, budget, started, deadline) {
            Ok(start) => start,
            Err(done) => return done,
        };
        let threads = budget.threads.max(1);
        let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
            return initial;
        };
        let work = (budget.seconds.max(0.0) * PARAMS.work_per_second) as u64;
        let mut seeds = Rng::new(budget.seed);
        let seeds: Vec<u64> = (0..threads).map(|_| seeds.next_u64()).collect();
        let mut outcomes: Vec<Outcome> = pool.install(|| {
            seeds
                .into_par_iter()
                .enumerate()
                .map(|(i, seed)| {
                    // The first population tells the budget's observer how it goes.
                    let observer = (i == 0).then_some((budget, started));
                    let limits = (construction, work, deadline);
                    evolve(problem, &initial, seed, limits, observer)
                })
                .collect()
        });
        let best = (0..outcomes.len())
            .min_by(|&a, &b| {
                outcomes[a]
                    .cost
                    .total_cmp(&outcomes[b].cost)
                    .then(a.cmp(&b))
            })
            .unwrap_or(0);
        let done = outcomes.iter().map(|o| o.work).max().unwrap_or(work);
        let stopped = outcomes.iter().any(|o| o.stopped_by_clock);
        let routes = outcomes.swap_remove(best).routes;
        let share = (done as f64 / work.max(1) as f64).min(1.0);
        report_routes(problem, budget, &routes, started, share, Some(stopped));
        routes
    }
}

/// One population's result: its best plan and cost, the work done, and whether the clock
/// ended it.
struct Outcome {
    routes: Routes,
    cost: f64,
    work: u64,
    stopped_by_clock: bool,
}

/// Evolves one population from `initial` until the work done (from `spent`, the
/// construction's) reaches `work`, or until `deadline` when there is one; reports its best
/// plan to `observer`'s budget after the first population and each survivor selection.
fn evolve(
    problem: &Problem,
    initial: &Routes,
    seed: u64,
    (spent, work, deadline): (u64, u64, Option<Instant>),
    observer: Option<(&Budget, Instant)>,
) -> Outcome {
    let mut rng = Rng::new(seed);
    let jobs = problem.job_count() as u64;
    let over = |done: u64| match deadline {
        Some(_) => past(deadline),
        None => done >= work,
    };
    let mut done = spent;
    let mut feasible = Population::default();
    let mut infeasible = Population::default();
    let mut best = Best::default();
    // At most a quarter of the budget for the first population.
    let seeding = (PARAMS.seed_work_per_job * jobs).min(work / (4 * PARAMS.population as u64));
    for i in 0..PARAMS.population {
        // At least one plan, as `search` always runs its first local search.
        if i > 0 && over(done) {
            break;
        }
        let (routes, cost, w) =
            educate(problem, initial.clone(), rng.next_u64(), seeding, deadline);
        best.offer(&routes, cost);
        done += w + feasible.add(problem, routes, cost, Violations::default());
    }
    // Tells the observer, if any, the best plan so far and the share of the budget done.
    let tell = |best: &Best, done: u64| {
        let Some((budget, started)) = observer else {
            return;
        };
        let share = match deadline {
            Some(d) => {
                let whole = d.saturating_duration_since(started).as_secs_f64();
                started.elapsed().as_secs_f64() / whole.max(1e-9)
            }
            None => done as f64 / work.max(1) as f64,
        };
        report_routes(problem, budget, &best.routes, started, share.min(1.0), None);
    };
    tell(&best, done);
    let mut pricing = Pricing::new(problem, &best.routes);
    let mut ls = LocalSearch::new(problem);
    ls.skip_unchanged = true;
    ls.granularity = PARAMS.genetic_neighbours;
    // SWAP* ranks its candidates by distance and load, not time: on timed problems it did
    // not pay (benches/RESULTS.md, 2026-12-02).
    if !problem.mostly_timed() {
        ls.use_swap_star();
    }
    let mut giant_tour = GiantTour::new(problem);
    while !over(done) && feasible.members.len() + infeasible.members.len() > 1 {
        let penalties = pricing.penalties;
        let fitness = [feasible.fitness(&penalties), infeasible.fitness(&penalties)];
        let a = tournament(&fitness, &mut rng);
        let mut b = tournament(&fitness, &mut rng);
        for _ in 0..3 {
            if a != b {
                break;
            }
            b = tournament(&fitness, &mut rng);
        }
        let member = |(side, i): (usize, usize)| -> &Routes {
            let population = if side == 0 { &feasible } else { &infeasible };
            &population.members[i].routes
        };
        let ox = giant_tour
            .as_mut()
            .filter(|_| rng.unit() < PARAMS.ox_share)
            .and_then(|g| g.cross(problem, member(a), member(b), &mut rng, &penalties));
        let (mut child, w) =
            ox.unwrap_or_else(|| srex(problem, member(a), member(b), &mut rng, Some(&penalties)));
        done += PARAMS.iteration_work + w + (fitness[0].len() + fitness[1].len()) as u64;
        // Education: local search through plans that may break the priced rules.
        let (work_before, pairs_before) = (ls.work, ls.pairs);
        ls.penalties = Some(penalties);
        ls.run(&mut child, &mut rng, deadline);
        let mut assessed = assess(problem, &child);
        if let Some((_, violations)) = &assessed {
            pricing.note(violations);
        }
        let mut kept = None;
        match assessed {
            Some((cost, violations)) if !violations.none() => {
                done += infeasible.add(problem, child.clone(), cost, violations);
                // Repair half of them: the same search with the prices raised.
                if rng.unit() < PARAMS.repair_share {
                    ls.penalties = Some(penalties.times(PARAMS.repair_penalty));
                    ls.run(&mut child, &mut rng, deadline);
                    assessed = assess(problem, &child);
                    kept = assessed.filter(|(_, v)| v.none()).map(|(cost, _)| cost);
                }
            }
            Some((cost, _)) => kept = Some(cost),
            None => {}
        }
        done += 2 * jobs + (ls.work - work_before) + PARAMS.pair_work * (ls.pairs - pairs_before);
        if let Some(cost) = kept {
            let budget = PARAMS.education_work_per_job * jobs;
            let (routes, cost) = if budget > 0 {
                let (routes, cost, educated) =
                    educate(problem, child, rng.next_u64(), budget, deadline);
                done += educated;
                (routes, cost)
            } else {
                (child, cost)
            };
            best.offer(&routes, cost);
            done += feasible.add(problem, routes, cost, Violations::default());
        }
        for population in [&mut feasible, &mut infeasible] {
            if population.members.len() > PARAMS.population + PARAMS.generation {
                done += population.select_survivors(&penalties);
                tell(&best, done);
            }
        }
    }
    Outcome {
        stopped_by_clock: past(deadline),
        work: done,
        routes: best.routes,
        cost: best.cost,
    }
}

/// The cheapest feasible plan seen.
#[derive(Default)]
struct Best {
    routes: Routes,
    cost: f64,
    seen: bool,
}

impl Best {
    /// Keeps `routes` (feasible) if it costs less than the best so far.
    fn offer(&mut self, routes: &Routes, cost: f64) {
        if !self.seen || cost < self.cost - EPS {
            self.routes.clone_from(routes);
            self.cost = cost;
            self.seen = true;
        }
    }
}

/// A plan's objective cost (what the chains' costs count, supply penalty included) and its
/// violations, or `None` if it breaks a rule no penalty prices.
fn assess(problem: &Problem, routes: &Routes) -> Option<(f64, Violations)> {
    let (cost, violations) = assess_plan(problem, routes)?;
    Some((cost + supply::penalty(problem, routes), violations))
}

/// The prices of the rules children may break, adjusted so that about
/// [`PARAMS.feasible_share`] of children keep each rule after their first local search
/// (Vidal's HGS: prices up by a fifth when too few do, down by 15% when too many do; here
/// doubled when none does, see [`Pricing::note`]).
struct Pricing {
    penalties: Penalties,
    /// The starting prices: adjustments stay within [`PRICE_RANGE`] of them, so a long run
    /// where one rule is always (or never) kept neither loses the price to zero nor
    /// overflows it.
    start: Penalties,
    /// Children noted since the last adjustment, and how many kept the capacities and
    /// the times.
    children: usize,
    load_kept: usize,
    time_kept: usize,
}

/// How far below and above its starting price a price may go.
const PRICE_RANGE: (f64, f64) = (1e-3, 1e3);

impl Pricing {
    /// Prices in the scale of `plan`'s (feasible) costs: a unit over capacity costs an
    /// average arc per average order's quantity, a minute of time warp an average arc per
    /// average arc's minutes of the working day.
    fn new(problem: &Problem, plan: &Routes) -> Pricing {
        let (mut cost, mut minutes, mut arcs) = (0.0, 0.0, 0usize);
        for (v, trips) in plan.trips.iter().enumerate() {
            if let Some(route) = evaluate(problem, v, trips) {
                cost += route.cost(problem);
                minutes += route.duration;
                arcs += trips.iter().map(|t| t.jobs.len() + 1).sum::<usize>();
            }
        }
        let arcs = arcs.max(1) as f64;
        let arc = (cost / arcs).max(EPS);
        let quantity = problem
            .jobs
            .iter()
            .map(|j| f64::from(j.quantity))
            .sum::<f64>()
            / problem.job_count().max(1) as f64;
        let start = Penalties {
            load: arc / quantity.max(1.0),
            time: arc / (minutes / arcs).max(EPS),
        };
        Pricing {
            penalties: start,
            start,
            children: 0,
            load_kept: 0,
            time_kept: 0,
        }
    }

    /// Notes a child's violations after its first local search, and adjusts the prices
    /// every [`PARAMS.penalty_every`] children. A price no child of the round kept is
    /// doubled, not raised by a fifth: a starting price far too low otherwise costs many
    /// rounds of children that all break the rule, slower to educate and none of them a
    /// plan (measured 2026-12-03 on seven relief cities of 120 orders at 10 s, seeds 1-4:
    /// the time price started at a fifth of where it settled on one city, whose first
    /// feasible child came after 7 s; mean 510.28 -> 504.90 km; Solomon at 5 s 0.052% ->
    /// 0.026%; CVRPLIB X level).
    fn note(&mut self, violations: &Violations) {
        self.children += 1;
        self.load_kept += usize::from(violations.load <= 0.0);
        self.time_kept += usize::from(violations.time <= EPS);
        if self.children < PARAMS.penalty_every {
            return;
        }
        let adjust = |price: &mut f64, start: f64, kept: usize| {
            let share = kept as f64 / PARAMS.penalty_every as f64;
            if kept == 0 {
                *price *= 2.0;
            } else if share < PARAMS.feasible_share - 0.05 {
                *price *= 1.2;
            } else if share > PARAMS.feasible_share + 0.05 {
                *price *= 0.85;
            }
            *price = price.clamp(start * PRICE_RANGE.0, start * PRICE_RANGE.1);
        };
        adjust(&mut self.penalties.load, self.start.load, self.load_kept);
        adjust(&mut self.penalties.time, self.start.time, self.time_kept);
        (self.children, self.load_kept, self.time_kept) = (0, 0, 0);
    }
}

/// Improves `routes` by local search, then by an annealing run of `work` units (none when
/// 0), each starting from `seed`; returns the best plan, its cost and the work done, the
/// local search's neighbour pairs included (see [`PARAMS.pair_work`]).
fn educate(
    problem: &Problem,
    routes: Routes,
    seed: u64,
    work: u64,
    deadline: Option<Instant>,
) -> (Routes, f64, u64) {
    let mut chain = Chain::new(problem, routes, seed, 0, deadline);
    if work > 0 {
        let until = chain.work + work;
        chain.run(until, until, deadline);
    }
    let (best, cost) = chain.best();
    let work = chain.work + PARAMS.pair_work * chain.local_pairs();
    (best.clone(), cost, work)
}

/// The fitter of two members drawn at random from both populations (`fitness[0]`: the
/// feasible one's, `fitness[1]`: the other's), as (population, member); the first of equals.
fn tournament(fitness: &[Vec<f64>; 2], rng: &mut Rng) -> (usize, usize) {
    let n = fitness[0].len() + fitness[1].len();
    let mut draw = || {
        let i = rng.below(n);
        if i < fitness[0].len() {
            (0, i)
        } else {
            (1, i - fitness[0].len())
        }
    };
    let (a, b) = (draw(), draw());
    if fitness[b.0][b.1] < fitness[a.0][a.1] {
        b
    } else {
        a
    }
}

/// The plans of one population (feasible, or breaking priced rules) and their pairwise
/// broken-pairs distances.
#[derive(Default)]
struct Population {
    members: Vec<Member>,
    /// `distances[i][k]`: between members `i` and `k`.
    distances: Vec<Vec<f64>>,
}

/// One plan of a population.
struct Member {
    routes: Routes,
    /// The objective's cost, and the rules broken (priced by the current penalties).
    cost: f64,
    violations: Violations,
    links: Vec<[u32; 2]>,
}

impl Member {
    /// Its cost with its violations priced by `penalties`.
    fn priced(&self, penalties: &Penalties) -> f64 {
        self.cost + penalties.price(&self.violations)
    }
}

impl Population {
    /// Adds a plan of cost `cost` breaking `violations`; returns the work of measuring its
    /// distances.
    fn add(&mut self, problem: &Problem, routes: Routes, cost: f64, violations: Violations) -> u64 {
        let links = links(problem.job_count(), &problem.vehicle_class, &routes);
        let mut row: Vec<f64> = self
            .members
            .iter()
            .map(|m| broken_pairs(&links, &m.links))
            .collect();
        for (i, &d) in row.iter().enumerate() {
            self.distances[i].push(d);
        }
        row.push(0.0);
        self.distances.push(row);
        self.members.push(Member {
            routes,
            cost,
            violations,
            links,
        });
        (self.members.len() * problem.job_count()) as u64
    }

    /// Each member's biased fitness (lower is better): its rank by cost (violations priced
    /// by `penalties`) plus, weighted by `1 - elite / members`, its diversity rank, both as
    /// shares of the population.
    fn fitness(&self, penalties: &Penalties) -> Vec<f64> {
        let n = self.members.len();
        if n <= 1 {
            return vec![0.0; n];
        }
        let diversity: Vec<f64> = (0..n)
            .map(|i| {
                let mut near: Vec<f64> = (0..n)
                    .filter(|&k| k != i)
                    .map(|k| self.distances[i][k])
                    .collect();
                near.sort_by(f64::total_cmp);
                near.truncate(PARAMS.close);
                near.iter().sum::<f64>() / near.len().max(1) as f64
            })
            .collect();
        let cost: Vec<f64> = self.members.iter().map(|m| m.priced(penalties)).collect();
        let mut by_cost: Vec<usize> = (0..n).collect();
        by_cost.sort_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(a.cmp(&b)));
        let mut by_diversity: Vec<usize> = (0..n).collect();
        by_diversity.sort_by(|&a, &b| diversity[b].total_cmp(&diversity[a]).then(a.cmp(&b)));
        let weight = (1.0 - PARAMS.elite as f64 / n as f64).max(0.0);
        let mut fitness = vec![0.0; n];
        let scale = (n - 1) as f64;
        for (rank, &i) in by_cost.iter().enumerate() {
            fitness[i] += rank as f64 / scale;
        }
        for (rank, &i) in by_diversity.iter().enumerate() {
            fitness[i] += weight * rank as f64 / scale;
        }
        fitness
    }

    /// Removes members down to [`PARAMS.population`]: a copy of another first, else the
    /// worst biased fitness (costs priced by `penalties`). Returns the work done.
    fn select_survivors(&mut self, penalties: &Penalties) -> u64 {
        let mut work = 0;
        while self.members.len() > PARAMS.population {
            let n = self.members.len();
            work += (n * n) as u64;
            let copy = (0..n).rev().find(|&i| {
                (0..i).any(|k| {
                    let (a, b) = (&self.members[i], &self.members[k]);
                    self.distances[i][k] == 0.0
                        && (a.priced(penalties) - b.priced(penalties)).abs() <= EPS
                })
            });
            let victim = copy.unwrap_or_else(|| {
                let fitness = self.fitness(penalties);
                (0..n)
                    .max_by(|&a, &b| fitness[a].total_cmp(&fitness[b]).then(b.cmp(&a)))
                    .unwrap_or(0)
            });
            self.members.remove(victim);
            self.distances.remove(victim);
            for row in &mut self.distances {
                row.remove(victim);
            }
        }
        work
    }
}

/// Marks an unassigned job in [`links`].
const UNASSIGNED: u32 = u32::MAX;

/// Marks a trip's end in [`links`]: the end of a trip made by a courier of vehicle class
/// `class` (see `Problem::vehicle_class`).
fn trip_end(class: usize) -> u32 {
    UNASSIGNED - 1 - class as u32
}

/// Per job, the job before it and the one after it in its trip (at the trip's ends its
/// courier's [`trip_end`]; both [`UNASSIGNED`] when it is not served). `classes`: each
/// courier's vehicle class. A trip's ends tell the class of its courier, so that two plans
/// whose trips differ only in who makes them (a rider's trip made by a car) are not the same
/// plan to the survivor selection: measured on the relief city of 60 orders (6 couriers of two
/// kinds, 10 s, seeds 1-12), the genetic search then found the best plan known (338.302 km)
/// on all twelve seeds, against nine of twelve with plain trip ends.
fn links(jobs: usize, classes: &[usize], routes: &Routes) -> Vec<[u32; 2]> {
    let mut links = vec![[UNASSIGNED; 2]; jobs];
    for (v, trips) in routes.trips.iter().enumerate() {
        let end = trip_end(classes[v]);
        for trip in trips {
            for (i, &j) in trip.jobs.iter().enumerate() {
                let before = i.checked_sub(1).map_or(end, |k| trip.jobs[k] as u32);
                let after = trip.jobs.get(i + 1).map_or(end, |&k| k as u32);
                links[j] = [before, after];
            }
        }
    }
    links
}

/// The broken-pairs distance of two plans' [`links`]: the share of job ends (before and
/// after each job) that differ, 0 for the same trips, 1 for no neighbour in common.
fn broken_pairs(a: &[[u32; 2]], b: &[[u32; 2]]) -> f64 {
    let broken: usize = a
        .iter()
        .zip(b)
        .map(|(x, y)| usize::from(x[0] != y[0]) + usize::from(x[1] != y[1]))
        .sum();
    broken as f64 / (2 * a.len()).max(1) as f64
}

/// How many of its nearest jobs' couriers pull a courier's route into SREX's selection.
const SELECTION_NEIGHBOURS: usize = 5;

/// Selective route exchange: a child of `a` and `b`, with the work done. See
/// [`transplant`]; the jobs it leaves out are then reinserted in random order, the most
/// important first, each by feasible best insertion; with `penalties`, a job that fits
/// nowhere then goes to its cheapest place with the rules they price broken at that price
/// ([`Inserter::best_penalised`], as HGS repairs every child), so that only jobs no courier
/// may carry stay out.
fn srex(
    problem: &Problem,
    a: &Routes,
    b: &Routes,
    rng: &mut Rng,
    penalties: Option<&Penalties>,
) -> (Routes, u64) {
    let (mut child, _) = transplant(problem, a, b, rng);
    let mut pending = std::mem::take(&mut child.unassigned);
    rng.shuffle(&mut pending);
    pending.sort_by_key(|&j| Reverse(problem.jobs[j].priority));
    let mut inserter = Inserter::new(problem, &child);
    for job in pending {
        let found = match penalties {
            Some(prices) => inserter
                .best_granular(&child, job)
                .or_else(|| inserter.best_penalised(&child, job, prices)),
            None => inserter.best_granular(&child, job),
        };
        match found {
            Some(insertion) => inserter.apply(&mut child, job, &insertion),
            None => child.unassigned.push(job),
        }
    }
    (child, inserter.work)
}

/// SREX's exchange: `b` with a few couriers' routes of `a` (a random one and those serving
/// its jobs' nearest neighbours) in place of the routes of `b` that overlap them most
/// (among couriers identical to `a`'s: same class and skills). The jobs of the moved
/// routes leave `b`'s other routes; the jobs of `b`'s replaced routes that `a`'s do not
/// serve become unassigned, as do all jobs of a changed courier whose route is no longer
/// feasible. Returns the child and the pairs (courier in `a`, courier in the child) moved.
fn transplant(
    problem: &Problem,
    a: &Routes,
    b: &Routes,
    rng: &mut Rng,
) -> (Routes, Vec<(usize, usize)>) {
    let vehicles = problem.vehicle_count();
    let used_a: Vec<usize> = (0..vehicles).filter(|&v| !a.trips[v].is_empty()).collect();
    let used_b = b.trips.iter().filter(|t| !t.is_empty()).count();
    if used_a.is_empty() {
        return (b.clone(), Vec::new());
    }
    let most = used_a.len().min(used_b).max(2) - 1;
    let take = 1 + rng.below(most);
    let in_a = courier_of(problem, a);
    let mut chosen = vec![used_a[rng.below(used_a.len())]];
    let mut pull = vec![0usize; vehicles];
    while chosen.len() < take {
        let last = chosen[chosen.len() - 1];
        for &j in a.trips[last].iter().flat_map(|t| &t.jobs) {
            for &n in problem.neighbours[j].iter().take(SELECTION_NEIGHBOURS) {
                if let Some(v) = in_a[n as usize] {
                    pull[v] += 1;
                }
            }
        }
        let next = used_a
            .iter()
            .copied()
            .filter(|v| !chosen.contains(v))
            .max_by_key(|&v| (pull[v], Reverse(v)));
        match next {
            Some(v) => chosen.push(v),
            None => break,
        }
    }
    let in_b = courier_of(problem, b);
    let mut taken = vec![false; vehicles];
    let mut overlap = vec![0usize; vehicles];
    let mut pairs = Vec::with_capacity(chosen.len());
    for &v in &chosen {
        overlap.fill(0);
        for &j in a.trips[v].iter().flat_map(|t| &t.jobs) {
            if let Some(w) = in_b[j] {
                overlap[w] += 1;
            }
        }
        // `v` itself or an identical courier is free: each takes one of its class.
        let target = (0..vehicles)
            .filter(|&w| !taken[w] && interchangeable(problem, v, w))
            .max_by_key(|&w| (overlap[w], w == v, Reverse(w)));
        if let Some(w) = target {
            taken[w] = true;
            pairs.push((v, w));
        }
    }
    let mut moved = vec![false; problem.job_count()];
    for &(v, _) in &pairs {
        for &j in a.trips[v].iter().flat_map(|t| &t.jobs) {
            moved[j] = true;
        }
    }
    let mut child = b.clone();
    child.unassigned.retain(|&j| !moved[j]);
    let mut changed = Vec::new();
    for (w, &taken) in taken.iter().enumerate() {
        if taken {
            for trip in child.trips[w].drain(..) {
                child
                    .unassigned
                    .extend(trip.jobs.into_iter().filter(|&j| !moved[j]));
            }
            continue;
        }
        let before: usize = child.trips[w].iter().map(|t| t.jobs.len()).sum();
        for trip in &mut child.trips[w] {
            trip.jobs.retain(|&j| !moved[j]);
        }
        child.trips[w].retain(|t| !t.jobs.is_empty());
        if child.trips[w].iter().map(|t| t.jobs.len()).sum::<usize>() < before {
            changed.push(w);
        }
    }
    for &(v, w) in &pairs {
        child.trips[w].clone_from(&a.trips[v]);
        changed.push(w);
    }
    for w in changed {
        let trips = &child.trips[w];
        let fits = trips
            .iter()
            .flat_map(|t| &t.jobs)
            .all(|&j| problem.fits(j, w));
        if !fits || evaluate(problem, w, trips).is_none() {
            for trip in child.trips[w].drain(..) {
                child.unassigned.extend(trip.jobs);
            }
        }
    }
    (child, pairs)
}

/// Per job, the courier serving it in `routes`, if any.
fn courier_of(problem: &Problem, routes: &Routes) -> Vec<Option<usize>> {
    let mut courier = vec![None; problem.job_count()];
    for (v, trips) in routes.trips.iter().enumerate() {
        for &j in trips.iter().flat_map(|t| &t.jobs) {
            courier[j] = Some(v);
        }
    }
    courier
}

/// Whether couriers `v` and `w` can swap routes: the same class (skills included, see
/// `Problem::vehicle_classes`).
fn interchangeable(problem: &Problem, v: usize, w: usize) -> bool {
    problem.vehicle_class[v] == problem.vehicle_class[w]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Objective;
    use crate::solver::eval::tests::scenario;
    use crate::solver::insertion::{greedy, Mode};
    use crate::solver::routes::Trip;
    use crate::travel::TravelMatrix;

    /// A feasible plan: the jobs inserted greedily in a random order.
    fn plan(problem: &Problem, rng: &mut Rng) -> Routes {
        let mut jobs: Vec<usize> = (0..problem.job_count()).collect();
        rng.shuffle(&mut jobs);
        let mut routes = Routes::empty(problem.vehicle_count(), problem.job_count());
        greedy(problem, &mut routes, &jobs, Mode::Anywhere);
        routes
    }

    /// Every job once: in a trip or unassigned.
    fn assert_each_job_once(problem: &Problem, routes: &Routes, case: usize) {
        let all: Vec<usize> = (0..problem.job_count()).collect();
        assert_eq!(routes.every_job(), all, "case {case}");
        assert!(
            routes.trips.iter().flatten().all(|t| !t.jobs.is_empty()),
            "case {case}"
        );
    }

    /// On random relief scenarios (several trips, kitchens, freshness, windows; two couriers
    /// of different speeds, so each route stays with its courier) the exchange keeps the
    /// routes taken from `a` intact and every job once, and the child after reinsertion is
    /// feasible with every job once.
    #[test]
    fn srex_keeps_the_routes_taken_and_every_job_once() {
        let mut rng = Rng::new(7);
        let mut exchanged = 0;
        for case in 0..300 {
            let scenario = scenario(&mut rng, case % 2 == 0, true);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let (a, b) = (plan(&problem, &mut rng), plan(&problem, &mut rng));
            let (child, pairs) = transplant(&problem, &a, &b, &mut rng);
            assert_each_job_once(&problem, &child, case);
            for &(v, w) in &pairs {
                assert_eq!(v, w, "case {case}: couriers of different speeds");
                assert_eq!(child.trips[w], a.trips[v], "case {case}");
            }
            exchanged += usize::from(!pairs.is_empty() && a != b);
            let (child, _) = srex(&problem, &a, &b, &mut rng, None);
            assert_each_job_once(&problem, &child, case);
            for v in 0..problem.vehicle_count() {
                assert!(
                    evaluate(&problem, v, &child.trips[v]).is_some(),
                    "case {case}"
                );
            }
        }
        assert!(exchanged >= 100, "{exchanged}");
    }

    /// With penalties (HGS) the child after reinsertion may break the priced rules but no
    /// other, holds every job once, and leaves out only jobs that no courier may carry at
    /// any place without breaking an unpriced rule (a kitchen, a skill, its trips): in half
    /// the cases one job needs a skill no courier has.
    #[test]
    fn penalised_srex_leaves_out_only_jobs_no_courier_may_carry() {
        let mut rng = Rng::new(11);
        let penalties = Penalties {
            load: 2.0,
            time: 0.5,
        };
        let (mut complete, mut infeasible, mut left_out) = (0, 0, 0);
        for case in 0..300 {
            let scenario = scenario(&mut rng, case % 2 == 0, true);
            let matrix = TravelMatrix::straight_line(&scenario);
            let mut problem = Problem::new(&scenario, &matrix, Objective::Distance);
            // In half the cases a job needs a skill no courier has.
            let lacking = (0..64)
                .map(|b| 1u64 << b)
                .find(|m| problem.vehicle_skills.iter().all(|s| s & m == 0));
            if let Some(skill) = lacking.filter(|_| case % 2 == 1) {
                let j = rng.below(problem.job_count());
                problem.jobs[j].skills |= skill;
            }
            let (a, b) = (plan(&problem, &mut rng), plan(&problem, &mut rng));
            let (child, _) = srex(&problem, &a, &b, &mut rng, Some(&penalties));
            assert_each_job_once(&problem, &child, case);
            let (_, violations) = assess_plan(&problem, &child).expect("only priced rules broken");
            infeasible += usize::from(!violations.none());
            complete += usize::from(child.unassigned.is_empty());
            for &j in &child.unassigned {
                left_out += 1;
                let job = &problem.jobs[j];
                assert!(
                    job.priority > 0,
                    "case {case}: optional jobs are worth a detour"
                );
                for v in 0..problem.vehicle_count() {
                    if problem.scenario.fleet[v].capacity[job.item] < job.quantity {
                        continue;
                    }
                    let trips = child.trips[v].len();
                    let kitchens: Vec<usize> = problem.allowed_kitchens(j).collect();
                    for (t, k) in (0..trips)
                        .map(|t| (Some(t), 0))
                        .chain(kitchens.iter().map(|&k| (None, k)))
                    {
                        let mut trial = child.clone();
                        match t {
                            Some(t) => trial.trips[v][t].jobs.push(j),
                            None => trial.trips[v].push(Trip {
                                kitchen: k,
                                jobs: vec![j],
                            }),
                        }
                        trial.unassigned.retain(|&x| x != j);
                        assert!(
                            assess_plan(&problem, &trial).is_none(),
                            "case {case}: job {j} fits courier {v} at a price"
                        );
                    }
                }
            }
        }
        assert!(
            complete >= 50 && infeasible >= 10 && left_out >= 100,
            "{complete} complete, {infeasible} infeasible, {left_out} left out"
        );
    }

    /// With identical couriers, a route of `a` replaces the route of `b` it overlaps most:
    /// `b` being `a` with its couriers swapped, the child is `b` itself.
    #[test]
    fn srex_puts_a_route_in_place_of_the_one_it_overlaps_most() {
        let mut rng = Rng::new(3);
        let mut checked = 0;
        for case in 0..100 {
            let mut scenario = scenario(&mut rng, false, true);
            let mut twin = scenario.fleet[0].clone();
            twin.id = "twin".to_string();
            scenario.fleet[1] = twin;
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            let a = plan(&problem, &mut rng);
            let mut b = a.clone();
            b.trips.swap(0, 1);
            let (child, pairs) = transplant(&problem, &a, &b, &mut rng);
            if pairs.is_empty() {
                continue;
            }
            checked += 1;
            assert_eq!(child, b, "case {case}");
        }
        assert!(checked >= 50, "{checked}");
    }

    /// On random plain capacitated scenarios, where children come from the giant-tour
    /// crossover, with a fleet to spare, one courier more than the load needs or just
    /// enough for it (Split may have to respect the fleet, or find no cut: then SREX makes
    /// the child): every plan `genetic` returns passes the independent checker, serves every
    /// order unless the fleet is that tight, and is the same for the same seed.
    #[test]
    fn genetic_plans_on_plain_capacitated_problems_pass_the_checker() {
        let mut rng = Rng::new(13);
        for case in 0..12 {
            let n = 20 + rng.below(30);
            let (points, demand) = giant_tour::tests::random_customers(&mut rng, n, 50, 9);
            let capacity = 20 + rng.below(20) as u32;
            let needed = demand.iter().sum::<u32>().div_ceil(capacity) as usize;
            let fleet = [n, needed + 1, needed][case % 3];
            let scenario = giant_tour::tests::cvrp(&points, &demand, capacity, fleet);
            let matrix = TravelMatrix::straight_line(&scenario);
            let problem = Problem::new(&scenario, &matrix, Objective::Distance);
            assert!(GiantTour::new(&problem).is_some(), "case {case}");
            let budget = Budget::new(0.3, case as u64, 1);
            let plan = crate::plan(&scenario, &matrix, &Genetic, &budget);
            if let Err(violations) = crate::check_plan(&scenario, &matrix, &plan) {
                panic!("case {case}: {violations:?}");
            }
            assert_eq!(plan, crate::plan(&scenario, &matrix, &Genetic, &budget));
            if case % 3 < 2 {
                assert_eq!(plan.summary(n).served, n, "case {case}");
            }
        }
    }

    #[test]
    fn broken_pairs_count_the_differing_neighbours() {
        let trip = |jobs: &[usize]| Trip {
            kitchen: 0,
            jobs: jobs.to_vec(),
        };
        let routes = |trips: Vec<Vec<Trip>>, unassigned: Vec<usize>| Routes { trips, unassigned };
        // Couriers 0 and 1 of one class, 2 of another.
        let classes = [0, 0, 1];
        let links = |trips, unassigned| links(5, &classes, &routes(trips, unassigned));
        let a = links(vec![vec![trip(&[0, 1, 2, 3])], vec![], vec![]], vec![4]);
        assert_eq!(broken_pairs(&a, &a), 0.0);
        // 1's successor, 2's and 3's both ends: 5 of 10 ends.
        let b = links(vec![vec![trip(&[0, 1, 3, 2])], vec![], vec![]], vec![4]);
        assert_eq!(broken_pairs(&a, &b), 0.5);
        // The trip split in two (0 1 | 2 3, 1's successor and 2's predecessor) and 4 served
        // alone instead of unassigned (both its ends).
        let trips = vec![trip(&[0, 1]), trip(&[2, 3]), trip(&[4])];
        let c = links(vec![trips, vec![], vec![]], vec![]);
        assert_eq!(broken_pairs(&a, &c), 0.4);
        assert_eq!(broken_pairs(&c, &a), 0.4);
        // The same trip made by another courier of the same class: the same plan; by a
        // courier of another class: its two ends differ (2 of 10).
        let same_class = links(vec![vec![], vec![trip(&[0, 1, 2, 3])], vec![]], vec![4]);
        assert_eq!(broken_pairs(&a, &same_class), 0.0);
        let other_class = links(vec![vec![], vec![], vec![trip(&[0, 1, 2, 3])]], vec![4]);
        assert_eq!(broken_pairs(&a, &other_class), 0.2);
    }

    /// Every [`PARAMS.penalty_every`] children, a price doubles when no child kept its
    /// rule, rises by a fifth when too few did, falls by 15% when too many did, and stays
    /// near the target; however long the run, it stays within [`PRICE_RANGE`] of its start.
    #[test]
    fn prices_follow_the_share_of_children_keeping_each_rule() {
        let start = Penalties {
            load: 1.0,
            time: 1.0,
        };
        let mut pricing = Pricing {
            penalties: start,
            start,
            children: 0,
            load_kept: 0,
            time_kept: 0,
        };
        let every = PARAMS.penalty_every;
        // No child within capacity; every other one on time.
        for i in 0..every {
            assert_eq!(
                pricing.penalties.load, 1.0,
                "adjusted before {every} children"
            );
            let time = if i % 2 == 0 { 0.0 } else { 3.0 };
            pricing.note(&Violations { load: 2.0, time });
        }
        assert!((pricing.penalties.load - 2.0).abs() < 1e-12);
        assert!((pricing.penalties.time - 0.85).abs() < 1e-12);
        // The target share within capacity (a fifth), and every child on time.
        let kept = (PARAMS.feasible_share * every as f64).round() as usize;
        for i in 0..every {
            let load = if i < kept { 0.0 } else { 1.0 };
            pricing.note(&Violations { load, time: 0.0 });
        }
        assert!((pricing.penalties.load - 2.0).abs() < 1e-12);
        assert!((pricing.penalties.time - 0.85 * 0.85).abs() < 1e-12);
        // Too few within capacity, but some (one in twenty): up by a fifth.
        for i in 0..every {
            let load = if i % 20 == 0 { 0.0 } else { 1.0 };
            pricing.note(&Violations { load, time: 0.0 });
        }
        assert!((pricing.penalties.load - 2.4).abs() < 1e-12);
        // A long run with every child over capacity and on time: the load price stops at
        // its ceiling, the time price at its floor.
        for _ in 0..1000 * every {
            pricing.note(&Violations {
                load: 1.0,
                time: 0.0,
            });
        }
        assert_eq!(pricing.penalties.load, PRICE_RANGE.1);
        assert_eq!(pricing.penalties.time, PRICE_RANGE.0);
    }
}
