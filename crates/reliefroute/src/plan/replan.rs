//! Re-planning a day under way: what is done stays done, trips that have left their kitchen
//! keep their courier, load and sequence, and the rest is planned again from where each
//! courier is, keeping assignments where it can.
//!
//! The day from the state's time on is a scenario of its own (the *remaining* scenario): the
//! orders not yet handed over, and each courier's shift starting when it is next free. A
//! trip under way stays its courier's first trip; this first version keeps its sequence
//! (it is not re-sequenced), times its remaining stops from where the courier is with the
//! evaluation core, and drops the orders it can no longer hand over (reported unassigned).
//! Later trips are planned as usual with each courier starting where its trip under way
//! returns (or where it is), preferring the courier each order had ([`super::stable`]).
//! The merged plan is verified by the independent checker
//! ([`check_plan_from`](super::check_plan_from)).

use std::collections::HashMap;

use super::stable::{stable_plan, Preference, DEFAULT_MOVE_COST_KM};
use super::state::{CourierStart, PlanState};
use super::{
    check_plan_from_within, Plan, PlannedRoute, PlannedStop, PlannedTrip, Unassigned,
    PLAN_JSON_TOLERANCE,
};
use super::{UnassignedReason, Violation};
use crate::model::{Order, Scenario};
use crate::solver::eval::under_way;
use crate::solver::problem::Problem;
use crate::solver::{Budget, Strategy};
use crate::travel::TravelMatrix;

/// How a re-plan trades stability against distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplanOptions {
    /// Kilometres one order moved to another courier must save (see
    /// [`Preference::move_cost_km`]).
    pub move_cost_km: f64,
}

impl Default for ReplanOptions {
    fn default() -> Self {
        ReplanOptions {
            move_cost_km: DEFAULT_MOVE_COST_KM,
        }
    }
}

/// A state that names a site the scenario no longer has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("courier {courier}: {what} {site:?} is not a site id of the scenario")]
pub struct ReplanError {
    /// The courier whose state names it.
    pub courier: String,
    /// Which place it is (`position`, `kitchen`).
    pub what: &'static str,
    /// The site id.
    pub site: String,
}

/// A re-planned day.
#[derive(Debug, Clone)]
pub struct Replan {
    /// The remaining day: the scenario without the orders handed over, each courier's shift
    /// starting when it is next free and its `max_trips` less the trips it has finished.
    /// `plan`, `starts` and the writers index into it.
    pub scenario: Scenario,
    /// The plan from the state's time on: trips under way first, then the new trips.
    pub plan: Plan,
    /// The couriers that start elsewhere than at their base, or on a trip under way.
    pub starts: Vec<CourierStart>,
    /// What changed against the plan being carried out.
    pub changes: Changes,
    /// What the independent checker found wrong with `plan` (empty when it is feasible).
    pub violations: Vec<Violation>,
}

/// How one order's courier changed.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderChange {
    /// The order's id.
    pub order: String,
    /// The other courier (where it came from, or went to), if any.
    pub other: Option<String>,
    /// The planned handover before, when known (not for orders on board).
    pub old_min: Option<f64>,
    /// The planned handover now, if it is served.
    pub new_min: Option<f64>,
}

/// What changed for one courier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CourierChanges {
    /// The courier's id.
    pub courier: String,
    /// Orders it now carries that no courier had (new, or unserved before).
    pub added: Vec<OrderChange>,
    /// Orders it had that no courier carries now (unserved now, or cancelled).
    pub dropped: Vec<OrderChange>,
    /// Orders it now carries that another courier had (`other`: that courier).
    pub moved_in: Vec<OrderChange>,
    /// Orders it had that another courier now carries (`other`: that courier).
    pub moved_out: Vec<OrderChange>,
    /// Orders it keeps whose handover time changed by more than half a minute.
    pub retimed: Vec<OrderChange>,
}

/// What a re-plan changed, courier by courier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// Couriers with at least one change, in fleet order (couriers gone last).
    pub couriers: Vec<CourierChanges>,
    /// Orders not yet handed over that keep their courier.
    pub kept: usize,
    /// Orders that moved to another courier.
    pub moved: usize,
}

/// Narrows an order on board with alternative windows to the one its trip under way was
/// planned to hand it over in, at `planned` (within the rounding of plan times); failing
/// that, the first still open when its courier is next free at `free` (the last when all
/// have closed).
fn keep_planned_window(order: &mut Order, planned: Option<f64>, free: f64) {
    if let [.., last] = order.windows[..] {
        let tolerance = PLAN_JSON_TOLERANCE;
        let planned_in = planned.and_then(|t| {
            (order.windows.iter()).find(|w| w.start - tolerance <= t && t <= w.end + tolerance)
        });
        let open = || order.windows.iter().find(|w| w.end >= free);
        order.window = planned_in.or_else(open).copied().unwrap_or(last);
        order.windows.clear();
    }
}

/// Re-plans `scenario` (as it is now: orders added or cancelled, couriers removed, closures
/// in `matrix`) from `state` with `strategy`.
///
/// # Errors
///
/// A [`ReplanError`] when the state names a site the scenario does not have.
pub fn replan(
    scenario: &Scenario,
    matrix: &TravelMatrix,
    state: &PlanState,
    strategy: &dyn Strategy,
    budget: &Budget,
    options: &ReplanOptions,
) -> Result<Replan, ReplanError> {
    let at = state.at_min;
    let mut remaining = scenario.clone();
    remaining
        .orders
        .retain(|o| !state.delivered.contains(&o.id));
    let order_index: HashMap<&str, usize> = remaining
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let site = |courier: &str, what: &'static str, id: &str| {
        scenario.site_index(id).ok_or_else(|| ReplanError {
            courier: courier.to_string(),
            what,
            site: id.to_string(),
        })
    };
    let fleet = scenario.fleet.len();
    let mut unassigned: Vec<Unassigned> = Vec::new();
    // Orders the solver does not plan: on board, or failed.
    let mut settled = vec![false; remaining.orders.len()];
    for id in &state.failed {
        if let Some(&o) = order_index.get(id.as_str()) {
            settled[o] = true;
            unassigned.push(Unassigned {
                order: o,
                reason: UnassignedReason::DeliveryFailed,
            });
        }
    }
    // Per courier: where its route starts, and its trip under way timed.
    let mut start_site: Vec<usize> = scenario.fleet.iter().map(|v| v.base).collect();
    let mut free: Vec<f64> = scenario
        .fleet
        .iter()
        .map(|v| v.shift.start.max(at))
        .collect();
    let mut finished = vec![0u32; fleet];
    let mut trips_under_way: Vec<Option<PlannedTrip>> = vec![None; fleet];
    let mut starts = Vec::new();
    {
        // The evaluation core times the trips under way on a problem of their orders alone
        // (`aboard[j]`: the remaining order of job `j`), so the rest of a large day costs
        // nothing here.
        let aboard: Vec<usize> = state
            .couriers
            .iter()
            .flat_map(|c| c.under_way.iter().flat_map(|t| &t.on_board))
            .filter_map(|id| order_index.get(id.as_str()).copied())
            .collect();
        let mut carried = remaining.clone();
        carried.orders = aboard
            .iter()
            .map(|&o| remaining.orders[o].clone())
            .collect();
        for courier in &state.couriers {
            let Some(trip) = &courier.under_way else {
                continue;
            };
            for (i, id) in trip.on_board.iter().enumerate() {
                if let Some(order) = carried.orders.iter_mut().find(|o| &o.id == id) {
                    let planned = trip.planned_min.get(i).copied();
                    keep_planned_window(order, planned, courier.free_min);
                }
            }
        }
        let problem = Problem::new(&carried, matrix, carried.solver.objective);
        let job_of: HashMap<usize, usize> =
            aboard.iter().enumerate().map(|(j, &o)| (o, j)).collect();
        for courier in &state.couriers {
            let on_board: Vec<usize> = courier
                .under_way
                .iter()
                .flat_map(|t| &t.on_board)
                .filter_map(|id| order_index.get(id.as_str()).copied())
                .collect();
            for &o in &on_board {
                settled[o] = true;
            }
            let Some(v) = scenario.fleet.iter().position(|f| f.id == courier.courier) else {
                unassigned.extend(on_board.iter().map(|&o| Unassigned {
                    order: o,
                    reason: UnassignedReason::CourierGone {
                        courier: courier.courier.clone(),
                    },
                }));
                continue;
            };
            let position = site(&courier.courier, "position", &courier.site)?;
            start_site[v] = position;
            free[v] = courier.free_min.max(scenario.fleet[v].shift.start);
            finished[v] = courier.trips_started;
            let Some(trip) = &courier.under_way else {
                starts.push(CourierStart {
                    vehicle: v,
                    site: position,
                    under_way: false,
                });
                continue;
            };
            let kitchen = site(&courier.courier, "kitchen", &trip.kitchen)?;
            free[v] = courier.free_min;
            let timed = under_way(
                &problem,
                v,
                kitchen,
                trip.depart_min,
                (position, courier.free_min),
                &on_board.iter().map(|o| job_of[o]).collect::<Vec<_>>(),
                PLAN_JSON_TOLERANCE,
            );
            unassigned.extend(timed.dropped.iter().map(|&j| Unassigned {
                order: aboard[j],
                reason: UnassignedReason::OnBoardUndeliverable {
                    courier: courier.courier.clone(),
                },
            }));
            starts.push(CourierStart {
                vehicle: v,
                site: position,
                under_way: !timed.jobs.is_empty(),
            });
            if timed.jobs.is_empty() {
                continue;
            }
            finished[v] -= 1;
            trips_under_way[v] = Some(PlannedTrip {
                kitchen,
                arrive_min: trip.depart_min,
                depart_min: trip.depart_min,
                return_min: timed.back,
                distance_km: timed.distance,
                stops: timed
                    .stops
                    .iter()
                    .map(|s| PlannedStop {
                        site: s.site,
                        arrive_min: s.arrive,
                        start_min: s.start,
                        depart_min: s.leave,
                        orders: timed.jobs[s.jobs.clone()]
                            .iter()
                            .map(|&j| aboard[j])
                            .collect(),
                    })
                    .collect(),
            });
        }
    }
    for (v, vehicle) in remaining.fleet.iter_mut().enumerate() {
        vehicle.shift.start = free[v];
        vehicle.max_trips = vehicle.max_trips.saturating_sub(finished[v]);
        // Breaks that can no longer start once the courier is free (back from its trip
        // under way) count as taken: the plan being carried out placed them earlier.
        let free_from = trips_under_way[v]
            .as_ref()
            .map_or(free[v], |t| t.return_min);
        vehicle.breaks.retain(|b| b.latest_start() >= free_from);
    }

    // The solver's scenario: the orders still to plan; a courier with a trip under way
    // starts when it is back at that trip's kitchen, with one trip fewer.
    let to_plan: Vec<usize> = (0..remaining.orders.len())
        .filter(|&o| !settled[o])
        .collect();
    let mut solver = remaining.clone();
    solver.orders = to_plan
        .iter()
        .map(|&o| remaining.orders[o].clone())
        .collect();
    let mut solver_starts = start_site.clone();
    for (v, trip) in trips_under_way.iter().enumerate() {
        if let Some(trip) = trip {
            solver.fleet[v].shift.start = trip.return_min;
            solver.fleet[v].max_trips = solver.fleet[v].max_trips.saturating_sub(1);
            solver_starts[v] = trip.kitchen;
        }
    }
    let fleet_index: HashMap<&str, usize> = scenario
        .fleet
        .iter()
        .enumerate()
        .map(|(v, f)| (f.id.as_str(), v))
        .collect();
    let mut was: HashMap<&str, &str> = HashMap::new();
    for courier in &state.couriers {
        for (order, _) in &courier.assigned {
            was.insert(order, &courier.courier);
        }
    }
    let preference = Preference {
        courier: solver
            .orders
            .iter()
            .map(|o| {
                was.get(o.id.as_str())
                    .and_then(|c| fleet_index.get(c).copied())
            })
            .collect(),
        move_cost_km: options.move_cost_km,
    };
    let planned = stable_plan(
        &solver,
        matrix,
        Some(&solver_starts),
        strategy,
        budget,
        &preference,
    );

    // Merge: each courier's trip under way, then its new trips, in the remaining indices.
    let mut by_vehicle: Vec<Option<PlannedRoute>> = vec![None; fleet];
    for mut route in planned.routes {
        for stop in route.trips.iter_mut().flat_map(|t| &mut t.stops) {
            for o in &mut stop.orders {
                *o = to_plan[*o];
            }
        }
        let v = route.vehicle;
        by_vehicle[v] = Some(route);
    }
    let mut routes = Vec::new();
    for v in 0..fleet {
        let new = by_vehicle[v].take();
        let Some(trip) = trips_under_way[v].take() else {
            routes.extend(new);
            continue;
        };
        let base = scenario.fleet[v].base;
        let (end_min, transfer_km, later, breaks) = match new {
            Some(r) => (r.end_min, r.transfer_km, r.trips, r.breaks),
            None => (
                trip.return_min + matrix.time(v, trip.kitchen, base),
                matrix.distance(v, trip.kitchen, base),
                Vec::new(),
                Vec::new(),
            ),
        };
        let mut trips = vec![trip];
        trips.extend(later);
        routes.push(PlannedRoute {
            vehicle: v,
            start_min: free[v],
            end_min,
            trips,
            transfer_km,
            breaks,
        });
    }
    unassigned.extend(planned.unassigned.into_iter().map(|mut u| {
        u.order = to_plan[u.order];
        u
    }));
    unassigned.sort_by_key(|u| u.order);
    let plan = Plan {
        strategy: planned.strategy,
        seed: planned.seed,
        routes,
        unassigned,
    };
    // The plan being carried out was read from plan.json, whose times are rounded.
    let violations =
        check_plan_from_within(&remaining, matrix, &plan, &starts, PLAN_JSON_TOLERANCE)
            .err()
            .unwrap_or_default();
    let changes = changes(scenario, state, &remaining, &plan);
    Ok(Replan {
        scenario: remaining,
        plan,
        starts,
        changes,
        violations,
    })
}

/// What changed between the state's assignments and `plan` (of `remaining`).
fn changes(scenario: &Scenario, state: &PlanState, remaining: &Scenario, plan: &Plan) -> Changes {
    // Before: order -> (courier, planned handover); on board counts as assigned.
    let mut before: HashMap<&str, (&str, Option<f64>)> = HashMap::new();
    for courier in &state.couriers {
        for (order, time) in &courier.assigned {
            before.insert(order, (&courier.courier, Some(*time)));
        }
        for order in courier.under_way.iter().flat_map(|t| &t.on_board) {
            before.insert(order, (&courier.courier, None));
        }
    }
    let mut after: HashMap<&str, (&str, f64)> = HashMap::new();
    for route in &plan.routes {
        let courier = remaining.fleet[route.vehicle].id.as_str();
        for stop in route.trips.iter().flat_map(|t| &t.stops) {
            for &o in &stop.orders {
                after.insert(remaining.orders[o].id.as_str(), (courier, stop.start_min));
            }
        }
    }
    let mut names: Vec<&str> = scenario.fleet.iter().map(|v| v.id.as_str()).collect();
    for courier in &state.couriers {
        if !names.contains(&courier.courier.as_str()) {
            names.push(&courier.courier);
        }
    }
    let mut per: Vec<CourierChanges> = names
        .iter()
        .map(|c| CourierChanges {
            courier: c.to_string(),
            ..CourierChanges::default()
        })
        .collect();
    let slot = |c: &str| {
        names
            .iter()
            .position(|n| *n == c)
            .expect("every courier named")
    };
    let change =
        |order: &str, other: Option<&str>, old: Option<f64>, new: Option<f64>| OrderChange {
            order: order.to_string(),
            other: other.map(str::to_string),
            old_min: old,
            new_min: new,
        };
    let (mut kept, mut moved) = (0, 0);
    // In scenario order, so that the lists are stable.
    for order in scenario.orders.iter().map(|o| o.id.as_str()) {
        match (before.get(order), after.get(order)) {
            (None, Some(&(c, t))) => per[slot(c)].added.push(change(order, None, None, Some(t))),
            (Some(&(c, t)), None) => per[slot(c)].dropped.push(change(order, None, t, None)),
            (Some(&(b, old)), Some(&(a, new))) if a != b => {
                moved += 1;
                per[slot(a)]
                    .moved_in
                    .push(change(order, Some(b), old, Some(new)));
                per[slot(b)]
                    .moved_out
                    .push(change(order, Some(a), old, Some(new)));
            }
            (Some(&(c, old)), Some(&(_, new))) => {
                kept += 1;
                if old.is_some_and(|old| (old - new).abs() > 0.5) {
                    per[slot(c)]
                        .retimed
                        .push(change(order, None, old, Some(new)));
                }
            }
            (None, None) => {}
        }
    }
    // Orders cancelled since: assigned before, gone from the scenario.
    for (order, &(c, t)) in &before {
        if !scenario.orders.iter().any(|o| o.id == *order) {
            per[slot(c)].dropped.push(change(order, None, t, None));
        }
    }
    for c in &mut per {
        c.dropped.sort_by(|a, b| a.order.cmp(&b.order));
    }
    per.retain(|c| {
        !(c.added.is_empty()
            && c.dropped.is_empty()
            && c.moved_in.is_empty()
            && c.moved_out.is_empty()
            && c.retimed.is_empty())
    });
    Changes {
        couriers: per,
        kept,
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeWindow;

    /// An order on board keeps the window its handover was planned in, even when an earlier
    /// one is still open; without a planned time, the first window still open.
    #[test]
    fn an_order_on_board_keeps_its_planned_window() {
        let lunch = TimeWindow::new(690.0, 750.0);
        let late = TimeWindow::new(810.0, 840.0);
        let order = Order {
            window: TimeWindow::new(690.0, 840.0),
            windows: vec![lunch, late],
            ..Order::new("O1", 1, 0, 1)
        };
        for (planned, free, kept) in [
            (Some(815.0), 700.0, late),
            (Some(700.0), 700.0, lunch),
            (None, 700.0, lunch),
            (None, 760.0, late),
            (None, 900.0, late),
        ] {
            let mut on_board = order.clone();
            keep_planned_window(&mut on_board, planned, free);
            assert_eq!(on_board.allowed_windows(), [kept], "{planned:?} {free}");
        }
    }
}
