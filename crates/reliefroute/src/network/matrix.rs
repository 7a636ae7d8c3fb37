//! Dense travel matrices, one profile per distinct vehicle speed (later: per road profile).

use geo::{Distance, Haversine, Point};
use rayon::prelude::*;

use crate::model::{Scenario, TravelModel};

/// Travel distance and time between every pair of sites, per vehicle.
///
/// Indexed by site index (see [`Scenario::sites`]). Distances are in km (plane units for
/// benchmarks) and times in minutes. Vehicles that share a speed share a profile, so the
/// memory is `2 * sites² * profiles` numbers.
#[derive(Debug, Clone)]
pub struct TravelMatrix {
    sites: usize,
    profiles: Vec<Profile>,
    vehicle_profile: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Profile {
    distance: Vec<f64>,
    time: Vec<f64>,
}

impl TravelMatrix {
    /// Builds the matrices for a scenario from its [`TravelModel`] (straight lines).
    ///
    /// Complexity: `O(sites² * profiles)`, rows computed in parallel.
    pub fn straight_line(scenario: &Scenario) -> TravelMatrix {
        let n = scenario.sites.len();
        let locations: Vec<_> = scenario.sites.iter().map(|s| s.location).collect();
        let mut distance = vec![0.0; n * n];
        distance
            .par_chunks_mut(n.max(1))
            .enumerate()
            .for_each(|(i, row)| {
                for (j, cell) in row.iter_mut().enumerate() {
                    *cell = match scenario.travel {
                        TravelModel::GreatCircle { detour_factor } => {
                            let a = Point::from(locations[i]);
                            let b = Point::from(locations[j]);
                            Haversine::distance(a, b) / 1000.0 * detour_factor
                        }
                        TravelModel::Planar(rounding) => {
                            let dx = locations[i].x - locations[j].x;
                            let dy = locations[i].y - locations[j].y;
                            rounding.apply((dx * dx + dy * dy).sqrt())
                        }
                    };
                }
            });
        let mut speeds: Vec<f64> = Vec::new();
        let vehicle_profile = scenario
            .fleet
            .iter()
            .map(|v| match speeds.iter().position(|&s| s == v.speed_kmh) {
                Some(p) => p,
                None => {
                    speeds.push(v.speed_kmh);
                    speeds.len() - 1
                }
            })
            .collect();
        let profiles = speeds
            .iter()
            .map(|&speed| Profile {
                time: distance.iter().map(|d| d * 60.0 / speed).collect(),
                distance: distance.clone(),
            })
            .collect();
        TravelMatrix {
            sites: n,
            profiles,
            vehicle_profile,
        }
    }

    /// Number of sites the matrix covers.
    pub fn sites(&self) -> usize {
        self.sites
    }

    /// Distance driven by `vehicle` from site `from` to site `to`.
    #[inline]
    pub fn distance(&self, vehicle: usize, from: usize, to: usize) -> f64 {
        self.profiles[self.vehicle_profile[vehicle]].distance[from * self.sites + to]
    }

    /// Minutes `vehicle` needs from site `from` to site `to`.
    #[inline]
    pub fn time(&self, vehicle: usize, from: usize, to: usize) -> f64 {
        self.profiles[self.vehicle_profile[vehicle]].time[from * self.sites + to]
    }

    /// The profile index of a vehicle: vehicles with equal profiles travel alike.
    pub fn profile_of(&self, vehicle: usize) -> usize {
        self.vehicle_profile[vehicle]
    }

    /// Number of distinct travel profiles.
    pub fn profile_count(&self) -> usize {
        self.profiles.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Rounding;

    #[test]
    fn rounding_conventions() {
        assert_eq!(Rounding::TruncateOneDecimal.apply(18.0277), 18.0);
        assert_eq!(Rounding::TruncateOneDecimal.apply(2.9999999999), 3.0);
        assert_eq!(Rounding::NearestInteger.apply(2.5), 3.0);
        assert_eq!(Rounding::NearestInteger.apply(2.49), 2.0);
    }
}
