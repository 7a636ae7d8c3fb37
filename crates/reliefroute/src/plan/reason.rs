//! Why an order is not in the plan.

use std::fmt;

use crate::solver::eval::OPTIONAL_VALUE;

/// The reason an order could not be served, in words a coordinator can act on.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum UnassignedReason {
    /// No courier that may take the order (one with the skills it needs) has capacity for
    /// this item and quantity.
    NoVehicleCanCarry {
        /// Item name.
        item: String,
        /// Units ordered.
        quantity: u32,
    },
    /// The order's kitchen (or every kitchen) is unusable: closed when it is ready, or no
    /// courier that could carry it can reach it.
    KitchenUnusable,
    /// No courier can reach the stop before its window closes (or its opening hours end).
    WindowUnreachable,
    /// The stop is too far from any allowed kitchen to arrive within the freshness limit.
    FreshnessUnreachable {
        /// The limit in minutes.
        max_ride_min: f64,
    },
    /// No courier's shift leaves time to load, deliver it in its window and return.
    OutOfShift,
    /// A courier's shift fits it, but not within the courier's working time limit
    /// (`max_work_min`) and the breaks it is owed.
    WorkingTime,
    /// It could be served alone, but the fleet had no room left for it in this plan. This is
    /// also the reason of an order a site's waiting limit (`max_wait_min`) keeps off the trips
    /// that had room: alone, an order never waits at a door (its trip leaves later).
    FleetExhausted,
    /// An optional order (priority 0) a courier had room for, but only at a cost above what
    /// it is worth: another courier or trip, a longer longest working day (`balanced`), or a
    /// long detour.
    OptionalNotWorthIt,
    /// The order is ready at the kitchen only after its delivery window has closed (a data
    /// error: check its `ready` and `latest` times).
    ReadyAfterWindow,
    /// Closures (closed areas or roads) cut the stop off from every kitchen it may be loaded
    /// at, for every courier that could carry it.
    UnreachableClosedArea,
    /// No courier has every skill the order (or its site) requires.
    MissingSkill {
        /// The skills no courier has, or, when each is had by some courier but no courier
        /// has them all, every skill required.
        skills: Vec<String>,
    },
    /// The kitchens it may be loaded at have not made enough of its item (`supply.csv`) by
    /// the time a courier could carry it, or what they made went to other orders.
    KitchenOutputExhausted,
    /// The order is pinned to a courier (its `courier` column) who cannot take it.
    PinnedCourierCannot {
        /// The courier's id.
        courier: String,
        /// Why that courier cannot take it.
        why: Box<UnassignedReason>,
    },
    /// Re-planning: the handover was attempted and failed (a progress report); it is done
    /// for the day unless a coordinator orders it again.
    DeliveryFailed,
    /// Re-planning: the order is on board a courier who is no longer in the fleet.
    CourierGone {
        /// The courier's id.
        courier: String,
    },
    /// Re-planning: the order is on board a trip under way that can no longer hand it over
    /// within its window and freshness limit (a closure, a delay).
    OnBoardUndeliverable {
        /// The courier carrying it.
        courier: String,
    },
}

impl fmt::Display for UnassignedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnassignedReason::NoVehicleCanCarry { item, quantity } => {
                write!(f, "no vehicle can carry {quantity} {item}")
            }
            UnassignedReason::KitchenUnusable => {
                write!(f, "kitchen unusable: closed when the order is ready, or no courier can load there")
            }
            UnassignedReason::WindowUnreachable => {
                write!(
                    f,
                    "window unreachable: no courier can arrive before it closes"
                )
            }
            UnassignedReason::FreshnessUnreachable { max_ride_min } => write!(
                f,
                "freshness limit unreachable: no kitchen is within {max_ride_min} minutes"
            ),
            UnassignedReason::OutOfShift => {
                write!(f, "out of shift: no courier's shift fits this delivery")
            }
            UnassignedReason::WorkingTime => write!(
                f,
                "working time: no courier fits it within its working time limit and breaks"
            ),
            UnassignedReason::FleetExhausted => {
                write!(f, "fleet exhausted: no courier had room left for it")
            }
            UnassignedReason::OptionalNotWorthIt => write!(
                f,
                "optional, not worth serving: it would take another courier or trip, a longer \
                 longest day, or a detour of {OPTIONAL_VALUE} km or more"
            ),
            UnassignedReason::UnreachableClosedArea => write!(f, "unreachable: closed area"),
            UnassignedReason::MissingSkill { skills } => {
                write!(f, "no courier has the skills {}", skills.join(" "))
            }
            UnassignedReason::PinnedCourierCannot { courier, why } => {
                write!(f, "pinned to courier {courier}, who cannot take it: {why}")
            }
            UnassignedReason::DeliveryFailed => {
                write!(f, "delivery failed: the handover was attempted and failed")
            }
            UnassignedReason::CourierGone { courier } => write!(
                f,
                "on board courier {courier}, who is no longer in the fleet"
            ),
            UnassignedReason::OnBoardUndeliverable { courier } => write!(
                f,
                "on board courier {courier}, whose trip under way can no longer hand it over in its window and freshness limit"
            ),
            UnassignedReason::KitchenOutputExhausted => write!(
                f,
                "kitchen output exhausted: its kitchens do not make enough of the item in time \
                 (supply.csv)"
            ),
            UnassignedReason::ReadyAfterWindow => write!(
                f,
                "ready after its window closes: the order is ready at the kitchen only after \
                 its latest delivery time"
            ),
        }
    }
}
