//! Travel between sites over roads: profiles per vehicle class and speed, snapping, closures,
//! and the choice of Dijkstra or contraction hierarchies for the matrices.

use std::path::{Path, PathBuf};
use std::time::Instant;

use geo::Coord;

use crate::model::{Scenario, DEFAULT_SNAP_LIMIT_M};

use super::ch::ContractionHierarchy;
use super::closures::Closures;
use super::dijkstra::{best_path, many_to_many_dijkstra};
use super::error::NetworkError;
use super::graph::{RoadGraph, VehicleClass};
use super::routing::{length_dm, time_ms, ClassNetwork, RoutingGraph, Snap, NO_PATH};

/// Speed (km/h) of the short off-road leg between a site and its road, or the vehicle's own
/// speed if lower.
pub const ACCESS_KMH: f64 = 15.0;

/// How the shortest paths between sites are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum MatrixMethod {
    /// Contraction hierarchies for large matrices (300 sites or more), Dijkstra otherwise.
    #[default]
    Auto,
    /// One Dijkstra search per source site, sources in parallel.
    Dijkstra,
    /// A contraction hierarchy per profile and bucket-based many-to-many queries.
    ContractionHierarchy,
}

impl MatrixMethod {
    /// Parses `auto`, `dijkstra` or `ch`.
    pub fn parse(text: &str) -> Option<MatrixMethod> {
        match text.trim() {
            "auto" => Some(MatrixMethod::Auto),
            "dijkstra" => Some(MatrixMethod::Dijkstra),
            "ch" | "contraction-hierarchies" => Some(MatrixMethod::ContractionHierarchy),
            _ => None,
        }
    }

    fn resolve(self, sites: usize) -> MatrixMethod {
        match self {
            MatrixMethod::Auto if sites >= 300 => MatrixMethod::ContractionHierarchy,
            MatrixMethod::Auto => MatrixMethod::Dijkstra,
            other => other,
        }
    }

    /// The name users type.
    pub fn as_str(self) -> &'static str {
        match self {
            MatrixMethod::Auto => "auto",
            MatrixMethod::Dijkstra => "dijkstra",
            MatrixMethod::ContractionHierarchy => "ch",
        }
    }
}

/// Options of road travel.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadOptions {
    /// A site farther than this (metres) from every road of the network is an error. A site
    /// within it of a road that closures close (and of no open road) is cut off instead: its
    /// travel is infinite, and its orders are unassigned as "unreachable: closed area".
    pub snap_limit_m: f64,
    /// How shortest paths are computed.
    pub method: MatrixMethod,
    /// Whether contraction hierarchies built for a network read from a file are kept in the
    /// folder `.reliefroute-cache` beside that file and reused by later runs (see
    /// [`ContractionHierarchy::load_or_build`]; the folder can be deleted at any time).
    pub cache_hierarchies: bool,
}

impl Default for RoadOptions {
    fn default() -> Self {
        RoadOptions {
            snap_limit_m: DEFAULT_SNAP_LIMIT_M,
            method: MatrixMethod::Auto,
            cache_hierarchies: true,
        }
    }
}

/// The folder, beside a network file, where built contraction hierarchies are kept: one file
/// per network file and profile, `<network file name>.<class>-<speed>kmh.ch`. It holds a
/// `.gitignore` that ignores everything, and can be deleted at any time.
pub(crate) const CACHE_DIR: &str = ".reliefroute-cache";

/// The hierarchy file of a profile of the network file `network`, creating [`CACHE_DIR`] (with
/// its `.gitignore`) if needed; `None` when the folder cannot be made.
fn cache_file(network: &Path, class: VehicleClass, speed_kmh: f64) -> Option<PathBuf> {
    let name = network.file_name()?.to_string_lossy().into_owned();
    let dir = network.parent().unwrap_or(Path::new("")).join(CACHE_DIR);
    std::fs::create_dir_all(&dir).ok()?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "*\n").ok()?;
    }
    Some(dir.join(format!("{name}.{}-{speed_kmh}kmh.ch", class.as_str())))
}

/// What one vehicle class's network looks like after filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassReport {
    /// The class.
    pub class: VehicleClass,
    /// Nodes in its largest strongly connected part.
    pub nodes: usize,
    /// Directed edges in it.
    pub edges: usize,
    /// Nodes and edges it could use that lie outside that part (dropped).
    pub dropped_nodes: usize,
    /// See `dropped_nodes`.
    pub dropped_edges: usize,
    /// Edges closed by closures.
    pub closed_edges: usize,
}

/// How one site was attached to the roads of one class.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSnap {
    /// Site index.
    pub site: usize,
    /// The class.
    pub class: VehicleClass,
    /// Distance to the nearest road, metres.
    pub road_m: f64,
    /// Whether closures cut the site off: it is inside a closed area, or every road of the
    /// class within the snap limit is closed.
    pub closed: bool,
}

/// Statistics of a road matrix build, for users checking their network.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoadReport {
    /// Road points and directed segments loaded.
    pub graph_nodes: usize,
    /// See `graph_nodes`.
    pub graph_edges: usize,
    /// Per class used by the fleet.
    pub classes: Vec<ClassReport>,
    /// Per site and class.
    pub snaps: Vec<SiteSnap>,
    /// Closed areas and lines.
    pub closures: (usize, usize),
    /// Ordered site pairs (per profile) without a path.
    pub unreachable_pairs: usize,
    /// The method used.
    pub method: Option<MatrixMethod>,
    /// Seconds spent loading the network (when loaded from a file here).
    pub load_s: f64,
    /// Seconds spent filtering, snapping and preparing (including hierarchies).
    pub prepare_s: f64,
    /// Seconds spent on shortest paths.
    pub matrix_s: f64,
    /// Contraction hierarchies read from the cache beside the network file (see
    /// [`RoadOptions::cache_hierarchies`]).
    pub hierarchies_loaded: usize,
    /// Contraction hierarchies built.
    pub hierarchies_built: usize,
    /// Things that are allowed but probably not meant, such as a closure outside the
    /// network (it closes nothing), one sentence each naming the file and feature.
    pub warnings: Vec<String>,
}

/// What a road matrix keeps to draw trips along roads.
#[derive(Debug)]
pub(crate) struct RoadPaths {
    classes: Vec<ClassNetwork>,
    /// Per profile: class slot, speed cap and routing graph.
    profiles: Vec<(usize, f64, RoutingGraph)>,
    /// Per class slot, per site.
    snaps: Vec<Vec<Snap>>,
    locations: Vec<Coord<f64>>,
    /// Per class slot, per site: whether closures cut the site off (inside a closed area, or
    /// every road within the snap limit closed).
    site_closed: Vec<Vec<bool>>,
    /// The closures the paths avoid (drawn by the HTML report).
    pub(crate) closures: Closures,
}

impl RoadPaths {
    /// Every road segment of every class once, as `[lon, lat]` ends, in graph order (for
    /// drawing the streets as a base map).
    pub(crate) fn streets(&self) -> Vec<[[f64; 2]; 2]> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for net in &self.classes {
            for &(a, b, ..) in &net.edges {
                let (ga, gb) = (net.node_of[a as usize], net.node_of[b as usize]);
                if seen.insert((ga.min(gb), ga.max(gb))) {
                    out.push([net.lonlat(a), net.lonlat(b)]);
                }
            }
        }
        out
    }

    /// The road path of `profile` from site `from` to site `to`, as `[lon, lat]` points from
    /// the site to the site. `None` when there is no path.
    pub(crate) fn path(&self, profile: usize, from: usize, to: usize) -> Option<Vec<Coord<f64>>> {
        let (slot, speed, routing) = &self.profiles[profile];
        if self.site_closed[*slot][from] || self.site_closed[*slot][to] {
            return None;
        }
        let net = &self.classes[*slot];
        let (a, b) = (&self.snaps[*slot][from], &self.snaps[*slot][to]);
        let (ends_a, ends_b) = (Ends::of(net, a, *speed), Ends::of(net, b, *speed));
        let via_roads = best_path(routing, &ends_a.leave, &ends_b.reach);
        let nodes = match (direct(net, a, b, *speed), via_roads) {
            (Some(d), Some((w, _))) if d <= w => Vec::new(),
            (Some(_), None) => Vec::new(),
            (_, Some((_, nodes))) => nodes,
            (None, None) => return None,
        };
        let coord = |p: [f64; 2]| Coord { x: p[0], y: p[1] };
        let mut line = vec![self.locations[from], coord(a.point)];
        line.extend(nodes.into_iter().map(|n| coord(net.lonlat(n))));
        line.extend([coord(b.point), self.locations[to]]);
        line.dedup();
        Some(line)
    }
}

/// How a snapped site joins the routing graph of a profile: the road nodes it can leave to
/// and be reached from, with the packed weight of the partial segment in between.
struct Ends {
    leave: Vec<(u32, u64)>,
    reach: Vec<(u32, u64)>,
}

impl Ends {
    fn of(net: &ClassNetwork, snap: &Snap, speed_kmh: f64) -> Ends {
        let mut ends = Ends {
            leave: Vec::with_capacity(2),
            reach: Vec::with_capacity(2),
        };
        for (edge, before) in snap.along() {
            let (tail, head) = net.edge_ends(edge);
            ends.leave
                .push((head, net.partial_weight(edge, 1.0 - before, speed_kmh)));
            ends.reach
                .push((tail, net.partial_weight(edge, before, speed_kmh)));
        }
        ends
    }
}

/// The packed weight of going from snap `a` to snap `b` along a segment they share, without
/// passing a road node, if they lie on the same open edge with `b` ahead.
fn direct(net: &ClassNetwork, a: &Snap, b: &Snap, speed_kmh: f64) -> Option<u64> {
    a.along()
        .flat_map(|(ea, fa)| b.along().map(move |(eb, fb)| (ea, fa, eb, fb)))
        .filter(|&(ea, fa, eb, fb)| ea == eb && fb >= fa)
        .map(|(e, fa, _, fb)| net.partial_weight(e, fb - fa, speed_kmh))
        .min()
}

/// The output of [`build`]: per profile the distance and time matrices, vehicle profiles,
/// paths and the report.
pub(crate) struct Built {
    pub distance: Vec<Vec<f64>>,
    pub time: Vec<Vec<f64>>,
    pub vehicle_profile: Vec<usize>,
    pub paths: RoadPaths,
    pub report: RoadReport,
}

/// Builds road matrices for every (class, speed) profile of the fleet. `file` names the
/// network in errors; `network_file` is the file it was read from, if any (hierarchies are
/// cached beside it when `options` ask for it).
pub(crate) fn build(
    scenario: &Scenario,
    graph: &RoadGraph,
    closures: &Closures,
    options: &RoadOptions,
    file: &Path,
    network_file: Option<&Path>,
) -> Result<Built, NetworkError> {
    let started = Instant::now();
    let n = scenario.sites.len();
    // Profiles: distinct (class, speed) pairs in fleet order.
    let mut keys: Vec<(VehicleClass, f64)> = Vec::new();
    let vehicle_profile: Vec<usize> = scenario
        .fleet
        .iter()
        .map(|v| {
            let key = (VehicleClass::of_kind(&v.kind), v.speed_kmh);
            keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                keys.push(key);
                keys.len() - 1
            })
        })
        .collect();
    let mut class_order: Vec<VehicleClass> = Vec::new();
    for (c, _) in &keys {
        if !class_order.contains(c) {
            class_order.push(*c);
        }
    }
    let mut report = RoadReport {
        graph_nodes: graph.node_count(),
        graph_edges: graph.edge_count(),
        closures: closures.counts(),
        ..RoadReport::default()
    };
    // Sites inside a closed area; per class below, also the sites whose every road within
    // the snap limit is closed.
    let inside: Vec<bool> = scenario
        .sites
        .iter()
        .map(|s| closures.site_closed(s.location.x, s.location.y))
        .collect();
    let mut classes = Vec::new();
    let mut snaps = Vec::new();
    let mut site_closed: Vec<Vec<bool>> = Vec::new();
    for &class in &class_order {
        let empty = || NetworkError::Empty {
            file: file.to_path_buf(),
            message: format!(
                "has no connected roads a {} may use; expected roads for every vehicle kind of \
                 the fleet",
                class.as_str()
            ),
        };
        let net = ClassNetwork::new(graph, class, closures).ok_or_else(empty)?;
        report.classes.push(ClassReport {
            class,
            nodes: net.node_count(),
            edges: net.edge_count(),
            dropped_nodes: net.dropped_nodes,
            dropped_edges: net.dropped_edges,
            closed_edges: net.closed_edges,
        });
        // The same roads without closures (same nodes and edges), built when a site is too far
        // from every open road: if it is near a road of this network, closures cut it off.
        let mut unclosed: Option<ClassNetwork> = None;
        let mut class_closed = inside.clone();
        let mut class_snaps = Vec::with_capacity(n);
        for (i, site) in scenario.sites.iter().enumerate() {
            let (lon, lat) = (site.location.x, site.location.y);
            let too_far = |d: f64| NetworkError::SiteTooFar {
                site: site.id.clone(),
                class: class.as_str().to_string(),
                distance_m: d,
                limit_m: options.snap_limit_m,
            };
            let within = |snap: &Snap| snap.road_m <= options.snap_limit_m;
            let snap = match net.snap(lon, lat) {
                Some(snap) if within(&snap) => snap,
                open_snap => {
                    if closures.is_empty() {
                        return Err(too_far(open_snap.map_or(f64::INFINITY, |s| s.road_m)));
                    }
                    if unclosed.is_none() {
                        unclosed = Some(
                            ClassNetwork::new(graph, class, &Closures::none()).ok_or_else(empty)?,
                        );
                    }
                    let snap = unclosed.as_ref().and_then(|u| u.snap(lon, lat));
                    match snap {
                        // Its edge indices are the same in `net`; the site is closed, so
                        // travel never leaves or reaches it.
                        Some(snap) if within(&snap) => {
                            class_closed[i] = true;
                            snap
                        }
                        _ => return Err(too_far(snap.map_or(f64::INFINITY, |s| s.road_m))),
                    }
                }
            };
            report.snaps.push(SiteSnap {
                site: i,
                class,
                road_m: snap.road_m,
                closed: class_closed[i],
            });
            class_snaps.push(snap);
        }
        classes.push(net);
        snaps.push(class_snaps);
        site_closed.push(class_closed);
    }
    let method = options.method.resolve(n);
    report.method = Some(method);
    let mut profiles = Vec::new();
    let mut distance = Vec::new();
    let mut time = Vec::new();
    let mut matrix_s = 0.0;
    for &(class, speed) in &keys {
        let slot = class_order.iter().position(|c| *c == class).unwrap_or(0);
        let net = &classes[slot];
        let routing = net.routing(speed);
        let site_snaps = &snaps[slot];
        let site_closed = &site_closed[slot];
        let ends: Vec<Ends> = site_snaps
            .iter()
            .map(|snap| Ends::of(net, snap, speed))
            .collect();
        // Distinct road nodes the open sites join.
        let mut nodes: Vec<u32> = (0..n)
            .filter(|&i| !site_closed[i])
            .flat_map(|i| ends[i].leave.iter().chain(&ends[i].reach).map(|e| e.0))
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        let position = |node: u32| nodes.binary_search(&node).unwrap_or(0);
        let t0 = Instant::now();
        let road = match method {
            MatrixMethod::ContractionHierarchy => {
                let cached = network_file
                    .filter(|_| options.cache_hierarchies)
                    .and_then(|f| cache_file(f, class, speed));
                let ch = match cached {
                    Some(path) => {
                        let (ch, loaded) = ContractionHierarchy::load_or_build(&routing, &path);
                        if loaded {
                            report.hierarchies_loaded += 1;
                        } else {
                            report.hierarchies_built += 1;
                        }
                        ch
                    }
                    None => {
                        report.hierarchies_built += 1;
                        ContractionHierarchy::new(&routing)
                    }
                };
                let t1 = Instant::now();
                let m = ch.many_to_many(&nodes, &nodes);
                matrix_s += t1.elapsed().as_secs_f64();
                m
            }
            _ => {
                let m = many_to_many_dijkstra(&routing, &nodes, &nodes);
                matrix_s += t0.elapsed().as_secs_f64();
                m
            }
        };
        let access_kmh = ACCESS_KMH.min(speed);
        let mut d = vec![0.0; n * n];
        let mut t = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                if i == j {
                    continue;
                }
                let cell = i * n + j;
                let mut packed = NO_PATH;
                if !site_closed[i] && !site_closed[j] {
                    for &(p, leave) in &ends[i].leave {
                        let row = position(p) * nodes.len();
                        for &(q, reach) in &ends[j].reach {
                            let w = road[row + position(q)];
                            if w != NO_PATH {
                                packed = packed.min(leave + w + reach);
                            }
                        }
                    }
                    if let Some(w) = direct(net, &site_snaps[i], &site_snaps[j], speed) {
                        packed = packed.min(w);
                    }
                }
                if packed == NO_PATH {
                    d[cell] = f64::INFINITY;
                    t[cell] = f64::INFINITY;
                    report.unreachable_pairs += 1;
                    continue;
                }
                let access_m = site_snaps[i].road_m + site_snaps[j].road_m;
                d[cell] = length_dm(packed) as f64 / 10_000.0 + access_m / 1000.0;
                t[cell] = time_ms(packed) as f64 / 60_000.0 + access_m / 1000.0 / access_kmh * 60.0;
            }
        }
        distance.push(d);
        time.push(t);
        profiles.push((slot, speed, routing));
    }
    report.matrix_s = matrix_s;
    report.prepare_s = (started.elapsed().as_secs_f64() - matrix_s).max(0.0);
    Ok(Built {
        distance,
        time,
        vehicle_profile,
        paths: RoadPaths {
            classes,
            profiles,
            snaps,
            locations: scenario.sites.iter().map(|s| s.location).collect(),
            site_closed,
            closures: closures.clone(),
        },
        report,
    })
}
