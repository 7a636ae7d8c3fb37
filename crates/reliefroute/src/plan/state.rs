//! Where a plan stands at a time of day: which orders are done, which trips have left their
//! kitchen and with what on board, where each courier is and when it is next free.
//!
//! A [`PlanState`] names couriers, orders and sites by the users' ids, so that it outlives
//! changes to the scenario (orders added or cancelled, couriers removed): re-planning
//! ([`replan`](super::replan())) maps it onto the scenario as it is now.

use super::Plan;
use crate::model::Scenario;

/// What happened to an order, as `progress.csv` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    /// Handed over.
    Delivered,
    /// The handover was attempted and failed (nobody there, refused): done for the day,
    /// reported so that a coordinator can decide.
    Failed,
    /// Loaded and still carried.
    OnBoard,
}

impl OrderStatus {
    /// Parses `delivered`, `failed` or `on_board`.
    pub fn parse(text: &str) -> Option<OrderStatus> {
        match text.trim() {
            "delivered" => Some(OrderStatus::Delivered),
            "failed" => Some(OrderStatus::Failed),
            "on_board" => Some(OrderStatus::OnBoard),
            _ => None,
        }
    }
}

/// One report of what really happened to an order (a row of `progress.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    /// The order's id.
    pub order: String,
    /// What happened.
    pub status: OrderStatus,
    /// When (minutes after midnight): the handover or the failed attempt; for an order on
    /// board, when it was reported.
    pub at_min: f64,
}

/// A trip that has left its kitchen and still carries orders.
#[derive(Debug, Clone, PartialEq)]
pub struct TripUnderWay {
    /// The kitchen it loaded at (and returns to).
    pub kitchen: String,
    /// When it left the kitchen: freshness limits count from here.
    pub depart_min: f64,
    /// The orders on board, in the order the plan hands them over.
    pub on_board: Vec<String>,
    /// When the plan hands each of them over (as `on_board`): an order with alternative
    /// windows keeps the one it was planned in.
    pub planned_min: Vec<f64>,
}

/// One courier of the plan at the state's time.
#[derive(Debug, Clone, PartialEq)]
pub struct CourierState {
    /// The courier's id.
    pub courier: String,
    /// Where it is next free: the last stop it served on its trip under way (or that trip's
    /// kitchen), the kitchen of its last trip, or its base.
    pub site: String,
    /// When it is free there.
    pub free_min: f64,
    /// Trips that have left their kitchen, the one under way included.
    pub trips_started: u32,
    /// Its trip under way, if any.
    pub under_way: Option<TripUnderWay>,
    /// Orders of its trips not yet started, with their planned handover time.
    pub assigned: Vec<(String, f64)>,
}

/// A plan at a time of day (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanState {
    /// The time of day, minutes after midnight.
    pub at_min: f64,
    /// The couriers that have a route in the plan.
    pub couriers: Vec<CourierState>,
    /// Orders handed over.
    pub delivered: Vec<String>,
    /// Orders whose handover failed.
    pub failed: Vec<String>,
}

impl PlanState {
    /// The state of `plan` (made for `scenario`) at `at_min`.
    ///
    /// Without reports, the plan's times say what happened: a stop whose service started
    /// by `at_min` is done, a trip that left its kitchen by then is under way. A report in
    /// `progress` overrides the plan for its order (an order reported on board or done
    /// makes its trip started); reports naming an order the plan does not serve are
    /// ignored (the reader of `progress.csv` rejects them with their line). Orders still on
    /// board of a trip before the courier's last started trip cannot be carried on; they
    /// are planned again as if returned to the kitchen.
    pub fn new(scenario: &Scenario, plan: &Plan, at_min: f64, progress: &[ProgressReport]) -> Self {
        let report = |order: usize| {
            let id = &scenario.orders[order].id;
            progress.iter().rev().find(|r| &r.order == id)
        };
        let mut state = PlanState {
            at_min,
            couriers: Vec::new(),
            delivered: Vec::new(),
            failed: Vec::new(),
        };
        for route in &plan.routes {
            let vehicle = &scenario.fleet[route.vehicle];
            // Per trip whether it started; per order whether it is done (and when).
            let started: Vec<bool> = route
                .trips
                .iter()
                .map(|t| {
                    t.depart_min <= at_min
                        || t.stops
                            .iter()
                            .flat_map(|s| &s.orders)
                            .any(|&o| report(o).is_some())
                })
                .collect();
            let last_started = started.iter().rposition(|&s| s);
            let mut courier = CourierState {
                courier: vehicle.id.clone(),
                site: scenario.sites[vehicle.base].id.clone(),
                free_min: at_min,
                trips_started: started.iter().filter(|&&s| s).count() as u32,
                under_way: None,
                assigned: Vec::new(),
            };
            for (t, trip) in route.trips.iter().enumerate() {
                if !started[t] {
                    for stop in &trip.stops {
                        for &o in &stop.orders {
                            courier
                                .assigned
                                .push((scenario.orders[o].id.clone(), stop.start_min));
                        }
                    }
                    continue;
                }
                let kitchen = &scenario.sites[trip.kitchen];
                let (mut on_board, mut planned_min) = (Vec::new(), Vec::new());
                // Where the courier is free on this trip: its kitchen, then each stop done.
                let (mut site, mut free) = (kitchen.id.clone(), trip.depart_min);
                for stop in &trip.stops {
                    let mut done_here = None;
                    for &o in &stop.orders {
                        let id = scenario.orders[o].id.clone();
                        let (status, when) = match report(o) {
                            Some(r) => (r.status, r.at_min),
                            None if stop.start_min <= at_min => {
                                (OrderStatus::Delivered, stop.start_min)
                            }
                            None => (OrderStatus::OnBoard, at_min),
                        };
                        match status {
                            OrderStatus::Delivered => state.delivered.push(id),
                            OrderStatus::Failed => state.failed.push(id),
                            OrderStatus::OnBoard => {
                                on_board.push(id);
                                planned_min.push(stop.start_min);
                                continue;
                            }
                        }
                        let leave = when + scenario.sites[stop.site].service_min;
                        done_here = Some(done_here.map_or(leave, |l: f64| l.max(leave)));
                    }
                    if let Some(leave) = done_here {
                        site = scenario.sites[stop.site].id.clone();
                        free = leave;
                    }
                }
                if Some(t) != last_started {
                    // An earlier trip: it is back; anything reported on board of it is
                    // planned again.
                    continue;
                }
                if on_board.is_empty() {
                    courier.site = kitchen.id.clone();
                    courier.free_min = at_min.max(trip.return_min).max(free);
                } else {
                    courier.site = site;
                    courier.free_min = free;
                    courier.under_way = Some(TripUnderWay {
                        kitchen: kitchen.id.clone(),
                        depart_min: trip.depart_min,
                        on_board,
                        planned_min,
                    });
                }
            }
            if last_started.is_some()
                && courier.under_way.is_none()
                && courier.assigned.is_empty()
                && route.end_min <= at_min
            {
                // Its day is over: it is back at its base.
                courier.site = scenario.sites[vehicle.base].id.clone();
            }
            state.couriers.push(courier);
        }
        state
    }

    /// The state of courier `id`, if it has a route in the plan.
    pub fn courier(&self, id: &str) -> Option<&CourierState> {
        self.couriers.iter().find(|c| c.courier == id)
    }
}

/// Where a courier's route begins in a re-planned plan, when not at its base: what
/// [`check_plan_from`](super::check_plan_from) needs to check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourierStart {
    /// The courier (an index into the fleet).
    pub vehicle: usize,
    /// The site it starts from, at its route's `start_min`: where it is next free.
    pub site: usize,
    /// Whether its first trip left its kitchen before the re-plan (its load is on board).
    pub under_way: bool,
}
