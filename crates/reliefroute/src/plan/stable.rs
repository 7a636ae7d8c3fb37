//! Planning that keeps each order with a preferred courier unless that serves fewer orders
//! or the rules forbid it: re-planning (the courier an order was assigned to) and rounds
//! (the courier that served the site last round) both ask this.
//!
//! Why phases instead of a charge in the objective: the objective's costs are summed from
//! per-trip summaries merged in O(1) (`solver::eval`), which know a run's hard courier pin
//! but not a per-order, per-courier preference; charging one would touch every insertion
//! and search move. The courier pin already exists and every strategy honours it, so:
//!
//! 1. *kept*: every order with a preferred courier is pinned to it (a `courier` pin of the
//!    scenario stays, it is hard); the orders this plan cannot serve are released (their
//!    courier can no longer take them: the rules require a change) and the rest planned
//!    again with the served ones still pinned;
//! 2. *free*: the scenario as it is, no preference;
//! 3. the free plan wins only if it serves more priority-weighted orders, or saves more
//!    than [`Preference::move_cost_km`] of distance per order it moves.

use super::Plan;
use crate::model::Scenario;
use crate::solver::problem::Problem;
use crate::solver::{Budget, Strategy};
use crate::travel::TravelMatrix;

/// Default [`Preference::move_cost_km`]: moving an order to another courier is worth it
/// only if it saves this much distance.
pub const DEFAULT_MOVE_COST_KM: f64 = 10.0;

/// Each order's preferred courier and what moving an order away from it costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Preference {
    /// Per order (indexed like the scenario's orders), the courier (fleet index) it should
    /// stay with, if any.
    pub courier: Vec<Option<usize>>,
    /// Kilometres of total distance one moved order must save for a plan that moves it to
    /// be preferred (infinite: never move for distance alone). Serving more orders always
    /// wins.
    pub move_cost_km: f64,
}

/// Plans `scenario` keeping orders with their preferred couriers (see the module
/// documentation). The strategy runs three times, each with a third of the budget's
/// seconds.
pub fn plan_preferring(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    strategy: &dyn Strategy,
    budget: &Budget,
    preference: &Preference,
) -> Plan {
    stable_plan(scenario, matrix, None, strategy, budget, preference)
}

/// Orders of `plan` served by a courier other than their preferred one.
pub fn moved_orders(plan: &Plan, preference: &Preference) -> usize {
    plan.routes
        .iter()
        .flat_map(|r| {
            r.trips
                .iter()
                .flat_map(|t| &t.stops)
                .flat_map(|s| &s.orders)
                .map(move |&o| (r.vehicle, o))
        })
        .filter(|&(v, o)| {
            preference
                .courier
                .get(o)
                .copied()
                .flatten()
                .is_some_and(|c| c != v)
        })
        .count()
}

/// One run of `strategy`, routes starting from `starts` (per vehicle) when given.
pub(crate) fn solve(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    starts: Option<&[usize]>,
    strategy: &dyn Strategy,
    budget: &Budget,
) -> Plan {
    let problem = Problem::new(scenario, matrix, scenario.solver.objective);
    let problem = match starts {
        Some(starts) => problem.with_starts(starts.to_vec()),
        None => problem,
    };
    super::planner::solve(problem, strategy, budget)
}

/// [`plan_preferring`] with routes starting from `starts` when given.
pub(crate) fn stable_plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    starts: Option<&[usize]>,
    strategy: &dyn Strategy,
    budget: &Budget,
    preference: &Preference,
) -> Plan {
    if preference.courier.iter().all(Option::is_none) {
        return solve(scenario, matrix, starts, strategy, budget);
    }
    let mut phase = budget.clone();
    phase.seconds = budget.seconds / 3.0;
    phase.started = None;
    let mut pinned = scenario.clone();
    for (order, preferred) in pinned.orders.iter_mut().zip(&preference.courier) {
        if order.courier.is_none() {
            order.courier = *preferred;
        }
    }
    let first = solve(&pinned, matrix, starts, strategy, &phase);
    let mut released = false;
    for u in &first.unassigned {
        let own = scenario.orders[u.order].courier;
        released |= pinned.orders[u.order].courier != own;
        pinned.orders[u.order].courier = own;
    }
    let mut kept = if released {
        solve(&pinned, matrix, starts, strategy, &phase)
    } else {
        first
    };
    // An order still pinned only by the preference was served by the first phase: left out
    // now, it is for want of room, not because of a pin the user never wrote.
    for u in &mut kept.unassigned {
        if pinned.orders[u.order].courier != scenario.orders[u.order].courier {
            u.reason = super::UnassignedReason::FleetExhausted;
        }
    }
    let free = solve(scenario, matrix, starts, strategy, &phase);
    let served = |plan: &Plan| -> u64 {
        let unserved: u64 = plan
            .unassigned
            .iter()
            .map(|u| u64::from(scenario.orders[u.order].priority.max(1)))
            .sum();
        let all: u64 = scenario
            .orders
            .iter()
            .map(|o| u64::from(o.priority.max(1)))
            .sum();
        all - unserved
    };
    let distance = |plan: &Plan| plan.summary(scenario.orders.len()).distance_km;
    let (s_kept, s_free) = (served(&kept), served(&free));
    let charged = |plan: &Plan| match moved_orders(plan, preference) {
        0 => distance(plan),
        moved => distance(plan) + preference.move_cost_km * moved as f64,
    };
    let free_wins = s_free > s_kept || (s_free == s_kept && charged(&free) < charged(&kept) - 1e-9);
    if free_wins {
        free
    } else {
        kept
    }
}

/// The preference of a new round: each order prefers the courier that served its site in
/// the previous round (`by_site`, per site of `scenario`).
pub fn preference_by_site(
    scenario: &Scenario,
    by_site: &[Option<usize>],
    move_cost_km: f64,
) -> Preference {
    Preference {
        courier: scenario
            .orders
            .iter()
            .map(|o| by_site.get(o.site).copied().flatten())
            .collect(),
        move_cost_km,
    }
}

/// Sites of `plan` whose orders all go with the courier that served the site in the
/// previous round (`by_site`), and the sites served in both rounds.
pub fn sites_kept(scenario: &Scenario, plan: &Plan, by_site: &[Option<usize>]) -> (usize, usize) {
    let mut now: Vec<Option<Option<usize>>> = vec![None; scenario.sites.len()];
    for route in &plan.routes {
        for stop in route.trips.iter().flat_map(|t| &t.stops) {
            let slot = &mut now[stop.site];
            *slot = match *slot {
                None => Some(Some(route.vehicle)),
                Some(Some(v)) if v == route.vehicle => Some(Some(v)),
                _ => Some(None),
            };
        }
    }
    let both = (0..scenario.sites.len())
        .filter(|&s| now[s].is_some() && by_site.get(s).copied().flatten().is_some());
    let total = both.clone().count();
    let kept = both.filter(|&s| now[s].flatten() == by_site[s]).count();
    (kept, total)
}

/// Per site of `scenario`, the courier serving it in `plan` (the first met, if several).
pub fn couriers_by_site(scenario: &Scenario, plan: &Plan) -> Vec<Option<usize>> {
    let mut by_site = vec![None; scenario.sites.len()];
    for route in &plan.routes {
        for stop in route.trips.iter().flat_map(|t| &t.stops) {
            by_site[stop.site].get_or_insert(route.vehicle);
        }
    }
    by_site
}
