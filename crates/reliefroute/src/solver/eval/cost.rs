//! What the objective charges: distance, couriers and trips, the longest working day, orders
//! moved away from their preferred courier, and orders left unserved.

use super::route::{assess, evaluate, RouteCost};
use crate::model::Objective;
use crate::solver::problem::Problem;
use crate::solver::routes::{Routes, Trip};

/// Tolerance for time comparisons, in minutes.
pub(crate) const EPS: f64 = 1e-6;

/// Cost of leaving one unit of priority unserved.
pub(crate) const UNSERVED_COST: f64 = 1e10;
/// Cost of using a courier under [`Objective::CouriersFirst`].
pub(crate) const COURIER_COST: f64 = 1e7;
/// Cost of one trip under [`Objective::CouriersFirst`].
pub(crate) const TRIP_COST: f64 = 1e5;
/// Cost of one minute of the longest working day under [`Objective::Balanced`]: more than
/// any distance a plan could save (1e5 km), and a whole day (1440 minutes) far less than one
/// order left out.
pub(crate) const LONGEST_DAY_COST: f64 = 1e5;
/// What serving an optional order (priority 0) is worth, in distance units (km): it is
/// served only where that costs less, so never at the price of another courier or trip under
/// `couriers-first` nor of a longer longest day under `balanced`, and only for a detour under
/// 5 km under any objective.
pub(crate) const OPTIONAL_VALUE: f64 = 5.0;

/// What an exact evaluation of a feasible route reports.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct RouteEval {
    /// Distance base to base, transfers included.
    pub distance: f64,
    /// Non-empty trips.
    pub trips: usize,
    /// Working day in minutes, base to base.
    pub duration: f64,
}

impl RouteEval {
    /// The objective's additive cost of this route (the longest day is not additive: see
    /// [`longest_day_cost`]).
    pub fn cost(&self, problem: &Problem) -> f64 {
        route_cost(problem, self.trips, self.distance)
    }
}

/// The objective's additive cost of a route with `trips` trips and `distance` (0 trips:
/// unused).
pub(crate) fn route_cost(problem: &Problem, trips: usize, distance: f64) -> f64 {
    match problem.objective {
        Objective::CouriersFirst if trips > 0 => COURIER_COST + TRIP_COST * trips as f64 + distance,
        _ => distance,
    }
}

/// The objective's cost of the longest working day, `longest` minutes (0 unless
/// [`Objective::Balanced`]). Added once per solution, on top of the routes' costs.
pub(crate) fn longest_day_cost(problem: &Problem, longest: f64) -> f64 {
    if problem.objective == Objective::Balanced {
        LONGEST_DAY_COST * longest
    } else {
        0.0
    }
}

/// The change of [`longest_day_cost`] when routes whose longest day is `before` become routes
/// whose longest is `after`, the other routes' longest day being `others`.
#[inline]
pub(crate) fn longest_day_change(problem: &Problem, others: f64, before: f64, after: f64) -> f64 {
    if problem.objective == Objective::Balanced {
        LONGEST_DAY_COST * (others.max(after) - others.max(before))
    } else {
        0.0
    }
}

/// The value of serving `job`: what leaving it unserved costs. An insertion costing more is
/// not worth making.
#[inline]
pub(crate) fn job_value(problem: &Problem, job: usize) -> f64 {
    match problem.jobs[job].priority {
        0 => OPTIONAL_VALUE,
        p => UNSERVED_COST * f64::from(p),
    }
}

/// Most kilometres a move is charged: more than any distance a plan could save (see
/// [`LONGEST_DAY_COST`]), so an infinite move cost means "never for distance alone".
const MOVE_KM_LIMIT: f64 = 1e5;

/// What moving one order away from its preferred courier costs under `objective`, given
/// `km`, the distance it must save (0: moves are free). Moves come right after serving: under
/// `couriers-first` a move also outweighs two couriers with a trip each, under `balanced` a
/// whole longest day (1440 minutes), so a re-plan never re-shuffles orders to save a trip or
/// to even out the days, only to serve more orders, because the rules require it, or to save
/// more than `km` of distance. Serving more wins as long as one more order needs fewer
/// than `UNSERVED_COST` / this many moves (about 500 under `couriers-first`, 70 under
/// `balanced`, 10⁵ under `distance`).
pub(crate) fn move_weight(objective: Objective, km: f64) -> f64 {
    if km.is_nan() || km <= 0.0 {
        return 0.0;
    }
    let above_distance = match objective {
        Objective::CouriersFirst => 2.0 * (COURIER_COST + TRIP_COST),
        Objective::Balanced => LONGEST_DAY_COST * 1440.0,
        Objective::Distance => 0.0,
    };
    above_distance + km.min(MOVE_KM_LIMIT)
}

/// What serving `job` by vehicle `v` adds for leaving its preferred courier (see
/// [`Problem::with_preferences`]): the move cost, or 0. O(1).
#[inline]
pub(crate) fn move_charge(problem: &Problem, job: usize, v: usize) -> f64 {
    match problem.preferred_courier(job) {
        Some(c) if c != v => problem.move_cost,
        _ => 0.0,
    }
}

/// The change of [`move_charge`] when `jobs` go from vehicle `from` to vehicle `to`: 0 at
/// once when no job has a preference or the vehicle stays (inlined: the hot loops of
/// problems without preferences pay one comparison), else O(jobs).
#[inline(always)]
pub(crate) fn move_charge_change(problem: &Problem, jobs: &[usize], from: usize, to: usize) -> f64 {
    if problem.move_cost == 0.0 || from == to {
        return 0.0;
    }
    moved_charges(problem, jobs, from, to)
}

/// [`move_charge_change`] when it is not 0 at once.
fn moved_charges(problem: &Problem, jobs: &[usize], from: usize, to: usize) -> f64 {
    jobs.iter()
        .map(|&j| move_charge(problem, j, to) - move_charge(problem, j, from))
        .sum()
}

/// The move charges of vehicle `v`'s `trips` (0 at once when no job has a preference).
pub(crate) fn route_move_charge(problem: &Problem, v: usize, trips: &[Trip]) -> f64 {
    if problem.move_cost == 0.0 {
        return 0.0;
    }
    trips
        .iter()
        .flat_map(|t| &t.jobs)
        .map(|&j| move_charge(problem, j, v))
        .sum()
}

/// The three longest working days of a solution (minutes, vehicle), so that the longest day
/// of the routes a change leaves alone (it changes at most two) is known in O(1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LongestDays {
    top: [(f64, usize); 3],
}

impl Default for LongestDays {
    fn default() -> Self {
        LongestDays {
            top: [(0.0, usize::MAX); 3],
        }
    }
}

impl LongestDays {
    /// The longest of `durations` (indexed by vehicle). O(vehicles).
    pub fn of(durations: impl IntoIterator<Item = f64>) -> LongestDays {
        let mut days = LongestDays::default();
        for (v, d) in durations.into_iter().enumerate() {
            let mut entry = (d, v);
            for slot in days.top.iter_mut() {
                if entry.0 > slot.0 {
                    std::mem::swap(slot, &mut entry);
                }
            }
        }
        days
    }

    /// The longest day of all.
    pub fn longest(&self) -> f64 {
        self.top[0].0
    }

    /// The vehicle working the longest day, if any works.
    pub fn longest_vehicle(&self) -> Option<usize> {
        (self.top[0].1 != usize::MAX).then_some(self.top[0].1)
    }

    /// The longest day of the vehicles other than `a` and `b`.
    pub fn without(&self, a: usize, b: usize) -> f64 {
        self.top
            .iter()
            .find(|(_, v)| *v != a && *v != b)
            .map_or(0.0, |(d, _)| *d)
    }
}

/// The objective cost of a whole solution, unserved jobs and moves included.
pub(crate) fn total_cost(problem: &Problem, routes: &Routes) -> f64 {
    let evals: Vec<RouteEval> = (0..problem.vehicle_count())
        .map(|v| evaluate(problem, v, &routes.trips[v]).unwrap_or_default())
        .collect();
    let longest = evals.iter().map(|e| e.duration).fold(0.0, f64::max);
    let moves: f64 = (0..problem.vehicle_count())
        .map(|v| route_move_charge(problem, v, &routes.trips[v]))
        .sum();
    evals.iter().map(|e| e.cost(problem)).sum::<f64>()
        + longest_day_cost(problem, longest)
        + moves
        + unserved_cost(problem, routes)
}

/// What a penalised search (`genetic`, after Vidal's HGS) charges for the rules it may break
/// for a while: per unit over capacity, and per minute of time warp or of ride beyond a
/// freshness limit. The other rules ([`RouteCost::broken`]: kitchens, trips, skills,
/// pinning) are never priced: they stay forbidden.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Penalties {
    pub load: f64,
    pub time: f64,
}

/// How far a route or a plan breaks the rules a penalised search may break: units over
/// capacity, and minutes of time warp plus ride beyond freshness limits.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Violations {
    pub load: f64,
    pub time: f64,
}

impl Violations {
    /// Those of one route.
    pub fn of(cost: &RouteCost) -> Violations {
        Violations {
            load: cost.load_excess,
            time: cost.warp + cost.ride_excess,
        }
    }

    /// Whether there are none (within [`EPS`] for time, as [`RouteCost::feasible`]).
    pub fn none(&self) -> bool {
        self.load <= 0.0 && self.time <= EPS
    }
}

impl Penalties {
    /// These prices times `factor`.
    pub fn times(&self, factor: f64) -> Penalties {
        Penalties {
            load: self.load * factor,
            time: self.time * factor,
        }
    }

    /// What `violations` cost.
    #[inline]
    pub fn price(&self, violations: &Violations) -> f64 {
        self.load * violations.load + self.time * violations.time
    }

    /// The objective's additive cost of a route plus the price of its violations, or `None`
    /// if it breaks a rule no penalty prices.
    #[inline]
    pub fn route_cost(&self, problem: &Problem, cost: &RouteCost) -> Option<f64> {
        (!cost.broken).then(|| {
            route_cost(problem, cost.trips, cost.distance) + self.price(&Violations::of(cost))
        })
    }
}

/// A whole plan as a penalised search sees it: its objective cost as [`total_cost`] counts
/// it (unserved jobs and moves included), the routes that break rules counted at their
/// distance too, and its violations; `None` if a route breaks a rule no penalty prices.
/// O(stops).
pub(crate) fn assess_plan(problem: &Problem, routes: &Routes) -> Option<(f64, Violations)> {
    let mut violations = Violations::default();
    let (mut cost, mut longest) = (0.0, 0.0f64);
    for v in 0..problem.vehicle_count() {
        let route = assess(problem, v, &routes.trips[v]);
        if route.broken {
            return None;
        }
        let own = Violations::of(&route);
        violations.load += own.load;
        violations.time += own.time;
        cost += route_cost(problem, route.trips, route.distance)
            + route_move_charge(problem, v, &routes.trips[v]);
        longest = longest.max(route.duration);
    }
    let cost = cost + longest_day_cost(problem, longest) + unserved_cost(problem, routes);
    Some((cost, violations))
}

/// What the unserved jobs of `routes` cost.
pub(crate) fn unserved_cost(problem: &Problem, routes: &Routes) -> f64 {
    routes
        .unassigned
        .iter()
        .map(|&j| job_value(problem, j))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::LongestDays;

    #[test]
    fn longest_days_leave_out_up_to_two_vehicles() {
        let days = LongestDays::of([30.0, 90.0, 0.0, 60.0, 75.0]);
        assert_eq!(days.longest(), 90.0);
        assert_eq!(days.longest_vehicle(), Some(1));
        assert_eq!(days.without(2, 3), 90.0);
        assert_eq!(days.without(1, 1), 75.0);
        assert_eq!(days.without(1, 4), 60.0);
        assert_eq!(days.without(4, 1), 60.0);
        assert_eq!(LongestDays::of([]).without(0, 1), 0.0);
        assert_eq!(LongestDays::of([]).longest_vehicle(), None);
    }
}
