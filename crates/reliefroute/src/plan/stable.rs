//! Planning that keeps each order with a preferred courier unless serving more orders, the
//! rules or a large enough saving ask for a change: re-planning (the courier an order was
//! assigned to) and rounds (the courier that served the site last round) both ask this.
//!
//! The preference is part of the objective, order by order: serving an order by another
//! courier than its preferred one costs a move charge (`Problem::with_preferences`,
//! `solver::eval::move_weight` and `move_charge`), and every insertion, search move and
//! construction prices it with the route change it makes. One run of the strategy decides
//! each order on its own: an order moves when its courier can no longer serve it (moving is
//! cheaper than leaving it out, which costs its priority), when moving it lets another order
//! be served, or when it saves more than [`Preference::move_cost_km`] of distance; the others
//! stay, even where moving them would save a trip or a courier (`couriers-first`) or shorten
//! the longest day (`balanced`): a move outweighs those. Serving more priority-weighted orders
//! wins unless it needs hundreds of moves for one order (see `move_weight`). A `courier` pin
//! of the scenario stays hard: it is a rule, not a preference.
//!
//! Before, stability was decided between whole plans (every order pinned to its courier
//! against a plan free of preferences): when the free plan served one order more it won
//! whole, moving thousands of orders on the 10,000-order city (`benches/RESULTS.md`).

use super::Plan;
use crate::model::Scenario;
use crate::solver::eval::move_weight;
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
    /// Kilometres of distance one order moved to another courier must save (0: moves are
    /// free, as if there were no preference; infinite: never move for distance alone).
    /// Whatever it is, serving more orders and the rules come first, and a move is never
    /// made to save a trip, a courier or minutes of the longest day alone. An optional order
    /// (priority 0) is worth 5 km, so a larger move cost keeps it with its courier or
    /// leaves it out.
    pub move_cost_km: f64,
}

/// Plans `scenario` keeping orders with their preferred couriers (see the module
/// documentation): one run of `strategy` with the whole budget.
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

/// [`plan_preferring`] with routes starting from `starts` when given: one run of `strategy`
/// on the scenario with the preference in its objective.
pub(crate) fn stable_plan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    starts: Option<&[usize]>,
    strategy: &dyn Strategy,
    budget: &Budget,
    preference: &Preference,
) -> Plan {
    let problem = Problem::new(scenario, matrix, scenario.solver.objective);
    let problem = match starts {
        Some(starts) => problem.with_starts(starts.to_vec()),
        None => problem,
    };
    let weight = move_weight(scenario.solver.objective, preference.move_cost_km);
    let problem = problem.with_preferences(&preference.courier, weight);
    super::planner::solve(problem, strategy, budget)
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
