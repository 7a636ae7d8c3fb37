//! Dense travel matrices: one profile per distinct vehicle speed on straight lines, or per
//! vehicle class and speed on roads.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use geo::Coord;
use rayon::prelude::*;

use crate::model::{NetworkSettings, Scenario, TravelModel};

use super::closures::Closures;
use super::error::NetworkError;
use super::graph::{RoadGraph, Spherical};
use super::roads::{self, MatrixMethod, RoadOptions, RoadPaths, RoadReport};

/// Travel distance and time between every pair of sites, per courier.
///
/// Indexed by site index (see [`Scenario::sites`]). Distances are in km (plane units for
/// benchmarks) and times in minutes. On straight lines every profile (one per distinct
/// speed) shares one distance table and derives times from it, so the memory is `sites²`
/// numbers whatever the fleet; great-circle distances are kept in 32 bits (see
/// `Distances::Narrow`): 276 MB for 8,300 sites, 1.1 GB for 16,600.
///
/// Couriers are named by their index in [`Scenario::fleet`] (`vehicle` below).
///
/// Over roads ([`TravelMatrix::on_roads`]), couriers share a profile when they have the same
/// [`VehicleClass`](super::VehicleClass) and speed; a pair of sites without a path (closures)
/// has infinite time and distance.
#[derive(Debug, Clone)]
pub struct TravelMatrix {
    sites: usize,
    profiles: Vec<Profile>,
    vehicle_profile: Vec<usize>,
    roads: Option<Arc<RoadPaths>>,
    report: Option<Arc<RoadReport>>,
}

#[derive(Debug, Clone)]
struct Profile {
    distance: Arc<Distances>,
    time: Times,
}

/// One distance table, row by row: from `a` to `b` at `a * sites + b`.
#[derive(Debug)]
pub(crate) enum Distances {
    /// Full precision: planes (benchmarks, whose best-known values need every digit) and
    /// roads.
    Wide(Vec<f64>),
    /// Great-circle distances in km: 32 bits keep a millimetre in 10 km, far finer than a
    /// coordinate is known, and halve the memory (1.1 GB instead of 2.2 GB for the 16,600
    /// sites of a 20,000-order city).
    Narrow(Vec<f32>),
}

impl Distances {
    /// The distance at index `at` (`from * sites + to`).
    #[inline(always)]
    pub(crate) fn at(&self, at: usize) -> f64 {
        match self {
            Distances::Wide(d) => d[at],
            Distances::Narrow(d) => f64::from(d[at]),
        }
    }
}

/// How a profile's travel times are known.
#[derive(Debug, Clone)]
enum Times {
    /// Proportional to distance (straight lines at one speed): minutes per distance unit.
    PerDistance(f64),
    /// A table of its own (roads).
    Table(Vec<f64>),
}

impl TravelMatrix {
    /// Builds the matrices for a scenario from its [`TravelModel`] (straight lines).
    ///
    /// Complexity: `O(sites²)`, rows computed in parallel, half of them mirrored.
    pub fn straight_line(scenario: &Scenario) -> TravelMatrix {
        let n = scenario.sites.len();
        let locations: Vec<_> = scenario.sites.iter().map(|s| s.location).collect();
        let distance = match scenario.travel {
            TravelModel::GreatCircle { detour_factor } => {
                let points: Vec<Spherical> =
                    locations.iter().map(|p| Spherical::new(p.x, p.y)).collect();
                let km = detour_factor / 1000.0;
                Distances::Narrow(symmetric_table(n, |i, j| {
                    (points[i].distance_m(&points[j]) * km) as f32
                }))
            }
            TravelModel::Planar(rounding) => Distances::Wide(symmetric_table(n, |i, j| {
                let dx = locations[i].x - locations[j].x;
                let dy = locations[i].y - locations[j].y;
                rounding.apply((dx * dx + dy * dy).sqrt())
            })),
        };
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
        let distance = Arc::new(distance);
        let profiles = speeds
            .iter()
            .map(|&speed| Profile {
                time: Times::PerDistance(60.0 / speed),
                distance: Arc::clone(&distance),
            })
            .collect();
        TravelMatrix {
            sites: n,
            profiles,
            vehicle_profile,
            roads: None,
            report: None,
        }
    }

    /// The matrix a scenario folder asks for: over the roads its `scenario.toml` names in
    /// `[network] file` (with `closures` and `snap_limit_m`), else straight lines.
    ///
    /// `dir` is the scenario folder the scenario was loaded from (paths are relative to it).
    ///
    /// # Errors
    ///
    /// A network, closures or snapping problem (see [`NetworkError`]).
    pub fn for_scenario(scenario: &Scenario) -> Result<TravelMatrix, NetworkError> {
        TravelMatrix::for_scenario_with(scenario, MatrixMethod::Auto)
    }

    /// As [`TravelMatrix::for_scenario`], computing road paths with `method`.
    ///
    /// # Errors
    ///
    /// A network, closures or snapping problem (see [`NetworkError`]).
    pub fn for_scenario_with(
        scenario: &Scenario,
        method: MatrixMethod,
    ) -> Result<TravelMatrix, NetworkError> {
        match &scenario.network {
            None => Ok(TravelMatrix::straight_line(scenario)),
            Some(settings) => TravelMatrix::from_settings(
                scenario,
                settings,
                RoadOptions {
                    snap_limit_m: settings.snap_limit_m,
                    method,
                    ..RoadOptions::default()
                },
            ),
        }
    }

    /// The matrix as CSV: `profile,vehicles,from,to,distance_km,time_min`, one row per
    /// profile and ordered pair of distinct sites; `vehicles` lists the vehicle ids of the
    /// profile separated by spaces; distance and time are empty where there is no path.
    pub fn to_csv(&self, scenario: &Scenario) -> String {
        // Written with the csv crate: ids may hold commas, quotes or line breaks.
        let mut out = csv::Writer::from_writer(Vec::new());
        let _ = out.write_record([
            "profile",
            "vehicles",
            "from",
            "to",
            "distance_km",
            "time_min",
        ]);
        let cell = |x: f64, digits: usize| {
            if x.is_finite() {
                format!("{x:.digits$}")
            } else {
                String::new()
            }
        };
        for p in 0..self.profiles.len() {
            let members: Vec<usize> = (0..self.vehicle_profile.len())
                .filter(|&v| self.vehicle_profile[v] == p)
                .collect();
            let Some(&v) = members.first() else {
                continue;
            };
            let vehicles: Vec<&str> = members
                .iter()
                .map(|&m| scenario.fleet[m].id.as_str())
                .collect();
            let vehicles = vehicles.join(" ");
            let profile = p.to_string();
            for i in 0..self.sites {
                for j in (0..self.sites).filter(|&j| j != i) {
                    let _ = out.write_record([
                        profile.as_str(),
                        vehicles.as_str(),
                        scenario.sites[i].id.as_str(),
                        scenario.sites[j].id.as_str(),
                        cell(self.distance(v, i, j), 4).as_str(),
                        cell(self.time(v, i, j), 3).as_str(),
                    ]);
                }
            }
        }
        // Writing to memory cannot fail, and every cell is UTF-8.
        out.into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Loads the network and closures `settings` name and builds the road matrix.
    ///
    /// # Errors
    ///
    /// A network, closures or snapping problem (see [`NetworkError`]).
    pub fn from_settings(
        scenario: &Scenario,
        settings: &NetworkSettings,
        options: RoadOptions,
    ) -> Result<TravelMatrix, NetworkError> {
        let started = Instant::now();
        let graph = RoadGraph::load(&settings.file)?;
        let closures = match &settings.closures {
            Some(path) => Closures::read(path)?,
            None => Closures::none(),
        };
        let load_s = started.elapsed().as_secs_f64();
        let mut matrix = TravelMatrix::on_roads_from(
            scenario,
            &graph,
            &closures,
            &options,
            &settings.file,
            Some(&settings.file),
        )?;
        if let Some(report) = matrix.report.as_mut() {
            let report = Arc::make_mut(report);
            report.load_s = load_s;
            if let (Some(path), Some(bounds)) = (&settings.closures, network_bounds(&graph)) {
                for feature in closures.outside(bounds) {
                    report.warnings.push(format!(
                        "{}: {feature} lies wholly outside the road network, so it closes \
                         nothing; check that its coordinates are [lon, lat] and of this place",
                        path.display()
                    ));
                }
            }
        }
        Ok(matrix)
    }

    /// Builds the matrices over `graph` with `closures`: per profile, the fastest road path
    /// between the sites' snap points, plus the short off-road legs at both ends.
    ///
    /// # Errors
    ///
    /// No usable road for a vehicle class of the fleet, or a site beyond the snap limit.
    pub fn on_roads(
        scenario: &Scenario,
        graph: &RoadGraph,
        closures: &Closures,
        options: &RoadOptions,
    ) -> Result<TravelMatrix, NetworkError> {
        TravelMatrix::on_roads_from(
            scenario,
            graph,
            closures,
            options,
            Path::new("road network"),
            None,
        )
    }

    fn on_roads_from(
        scenario: &Scenario,
        graph: &RoadGraph,
        closures: &Closures,
        options: &RoadOptions,
        file: &Path,
        network_file: Option<&Path>,
    ) -> Result<TravelMatrix, NetworkError> {
        let built = roads::build(scenario, graph, closures, options, file, network_file)?;
        Ok(TravelMatrix {
            sites: scenario.sites.len(),
            profiles: built
                .distance
                .into_iter()
                .zip(built.time)
                .map(|(distance, time)| Profile {
                    distance: Arc::new(Distances::Wide(distance)),
                    time: Times::Table(time),
                })
                .collect(),
            vehicle_profile: built.vehicle_profile,
            roads: Some(Arc::new(built.paths)),
            report: Some(Arc::new(built.report)),
        })
    }

    /// The statistics of a road matrix (`None` for straight lines).
    pub fn road_report(&self) -> Option<&RoadReport> {
        self.report.as_deref()
    }

    /// Whether travel follows roads.
    pub fn is_road(&self) -> bool {
        self.roads.is_some()
    }

    /// The road path courier `vehicle` follows from site `from` to site `to`, as `[lon, lat]` (x, y)
    /// points from site to site. `None` for straight-line matrices and for pairs without a
    /// path.
    pub fn path(&self, vehicle: usize, from: usize, to: usize) -> Option<Vec<Coord<f64>>> {
        self.roads
            .as_ref()
            .and_then(|r| r.path(self.vehicle_profile[vehicle], from, to))
    }

    /// The road segments of the network, each once (empty for straight lines).
    pub(crate) fn streets(&self) -> Vec<[[f64; 2]; 2]> {
        self.roads.as_ref().map_or_else(Vec::new, |r| r.streets())
    }

    /// The closures a road matrix avoids (`None` for straight lines).
    pub(crate) fn closures(&self) -> Option<&Closures> {
        self.roads.as_ref().map(|r| &r.closures)
    }

    /// Number of sites the matrix covers.
    pub fn sites(&self) -> usize {
        self.sites
    }

    /// The distances courier `vehicle` drives, row by row: from `a` to `b` at
    /// `a * sites() + b`. For loops that read many arcs of one courier.
    #[inline(always)]
    pub(crate) fn distances(&self, vehicle: usize) -> &Distances {
        &self.profiles[self.vehicle_profile[vehicle]].distance
    }

    /// Distance driven by courier `vehicle` from site `from` to site `to`.
    #[inline(always)]
    pub fn distance(&self, vehicle: usize, from: usize, to: usize) -> f64 {
        self.profiles[self.vehicle_profile[vehicle]]
            .distance
            .at(from * self.sites + to)
    }

    /// Minutes courier `vehicle` needs from site `from` to site `to`.
    #[inline(always)]
    pub fn time(&self, vehicle: usize, from: usize, to: usize) -> f64 {
        self.arc(vehicle, from, to).0
    }

    /// Minutes and distance of courier `vehicle` from site `from` to site `to`: both with
    /// one look-up of its profile (the evaluation core asks for both on every merge).
    #[inline(always)]
    pub(crate) fn arc(&self, vehicle: usize, from: usize, to: usize) -> (f64, f64) {
        let profile = &self.profiles[self.vehicle_profile[vehicle]];
        let at = from * self.sites + to;
        let distance = profile.distance.at(at);
        match &profile.time {
            Times::PerDistance(minutes) => (distance * minutes, distance),
            Times::Table(time) => (time[at], distance),
        }
    }

    /// The profile index of courier `vehicle`: couriers with equal profiles travel alike.
    pub fn profile_of(&self, vehicle: usize) -> usize {
        self.vehicle_profile[vehicle]
    }

    /// Number of distinct travel profiles.
    pub fn profile_count(&self) -> usize {
        self.profiles.len()
    }
}

/// The bounding rectangle of the network's road points (`None` without any).
fn network_bounds(graph: &RoadGraph) -> Option<geo::Rect<f64>> {
    let mut nodes = graph.graph.node_weights();
    let first = nodes.next()?;
    let (mut min, mut max) = ((first.lon, first.lat), (first.lon, first.lat));
    for n in nodes {
        min = (min.0.min(n.lon), min.1.min(n.lat));
        max = (max.0.max(n.lon), max.1.max(n.lat));
    }
    Some(geo::Rect::new(
        geo::Coord { x: min.0, y: min.1 },
        geo::Coord { x: max.0, y: max.1 },
    ))
}

/// An `n x n` table of a symmetric `cell(from, to)`: the upper triangle computed row by row
/// in parallel, the lower one copied from it (half the cells computed; the copy goes by
/// blocks of rows, so that each source row is read in runs of [`MIRROR_ROWS`] cells).
fn symmetric_table<T: Default + Copy + Send + Sync>(
    n: usize,
    cell: impl Fn(usize, usize) -> T + Sync,
) -> Vec<T> {
    let mut table = vec![T::default(); n * n];
    advise_huge_pages(&mut table);
    table
        .par_chunks_mut(n.max(1))
        .enumerate()
        .for_each(|(i, row)| {
            for (j, x) in row.iter_mut().enumerate().skip(i) {
                *x = cell(i, j);
            }
        });
    for start in (0..n).step_by(MIRROR_ROWS) {
        let (above, block) = table.split_at_mut(start * n);
        let end = (start + MIRROR_ROWS).min(n);
        for j in 0..end {
            for i in (j + 1).max(start)..end {
                block[(i - start) * n + j] = if j < start {
                    above[j * n + i]
                } else {
                    block[(j - start) * n + i]
                };
            }
        }
    }
    table
}

/// Asks Linux to back `table` with 2 MiB pages where it can, before its pages are first
/// written. The search reads a large table at random (a 10,000-order city's is 276 MB): with
/// 4 KiB pages nearly every read also misses the address translation cache. Only how the
/// memory is backed changes, never its contents; elsewhere, or if the kernel declines,
/// nothing happens.
fn advise_huge_pages<T>(table: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = table.as_mut_ptr() as usize;
        let end = start + std::mem::size_of_val(table);
        let (first, last) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if last > first {
            // SAFETY: `first..last` lies inside `table`'s allocation, which stays borrowed
            // for the call; MADV_HUGEPAGE is advice on how to back those pages, and reads
            // and writes see the same bytes either way.
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = table;
}

/// Rows per block of [`symmetric_table`]'s copy.
const MIRROR_ROWS: usize = 64;

#[cfg(test)]
mod tests {
    use crate::model::Rounding;

    /// The mirrored table holds `cell(i, j)` at `i * n + j` for every pair, across blocks
    /// of rows and a last partial block.
    #[test]
    fn symmetric_tables_hold_every_cell() {
        for n in [0, 1, 5, super::MIRROR_ROWS, 2 * super::MIRROR_ROWS + 7] {
            let cell = |i: usize, j: usize| (i.min(j) * 1000 + i.max(j)) as f64;
            let table = super::symmetric_table(n, cell);
            for i in 0..n {
                for j in 0..n {
                    assert_eq!(table[i * n + j], cell(i, j), "n {n}, {i}, {j}");
                }
            }
        }
    }

    #[test]
    fn rounding_conventions() {
        assert_eq!(Rounding::TruncateOneDecimal.apply(18.0277), 18.0);
        assert_eq!(Rounding::TruncateOneDecimal.apply(2.9999999999), 3.0);
        assert_eq!(Rounding::NearestInteger.apply(2.5), 3.0);
        assert_eq!(Rounding::NearestInteger.apply(2.49), 2.0);
    }
}
