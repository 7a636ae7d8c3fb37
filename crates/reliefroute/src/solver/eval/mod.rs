//! The evaluation core: the one place where the rules of a route are written.
//!
//! ```text
//!   time.rs   TimeSeg: duration, time warp, start interval of visits; merges in O(1)
//!   stops.rs  Stops: a run of orders of one trip (windows, shared stops, freshness, ready
//!             times, fixed kitchens); merges in O(1)
//!   route.rs  TripEval and RouteBuilder: kitchen loading, capacity, trips in a row, shift,
//!             breaks, working time; RouteTiming: a route's timing around each trip, so
//!             that a late route is told, and one trip replaced priced, in O(1);
//!             assess / evaluate / route_times
//!   cache.rs  RouteCache: prefix and suffix summaries of a route's trips, so that an
//!             insertion or a local-search move is priced in O(1)
//!   cost.rs   the objective's costs
//!   underway.rs  the rest of a trip already under way at a re-plan (sequence kept)
//! ```
//!
//! Insertion, every local-search move, the constructions, the plan's timing and the
//! diagnosis of unserved orders all ask this module; the independent checker in
//! `plan::check` does not.

mod cache;
mod cost;
mod route;
mod stops;
#[cfg(test)]
pub(crate) mod tests;
mod time;
mod underway;

pub(crate) use cache::{NewTrip, RouteCache};
pub(crate) use cost::{
    assess_plan, job_value, longest_day_change, longest_day_cost, move_charge, move_charge_change,
    move_weight, route_cost, route_move_charge, total_cost, unserved_cost, LongestDays, Penalties,
    RouteEval, Violations, EPS, OPTIONAL_VALUE,
};
pub(crate) use route::{
    assess_alone, evaluate, excess, loading, route_times, servable_alone, Duty, RouteCost,
    RoutePrefix, RouteTimes, TripEval,
};
pub(crate) use stops::{leg, may_follow, stop_times, StartBound, Stops};
pub(crate) use underway::under_way;
