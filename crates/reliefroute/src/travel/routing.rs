//! Routing graphs per vehicle class: the largest strongly connected part, snapping sites to it,
//! closures, and compact adjacency arrays for fast shortest paths.

use petgraph::algo::kosaraju_scc;
use petgraph::visit::{EdgeFiltered, EdgeRef};
use rstar::primitives::{GeomWithData, Line};
use rstar::RTree;

use super::closures::Closures;
use super::graph::{RoadGraph, VehicleClass};
use super::projection::Projection;

/// Packs a travel time and a length into one additive weight: milliseconds in the high 32
/// bits, decimetres in the low 32 bits. Shortest paths by this weight are the fastest paths,
/// and the shortest of the fastest on ties, identically for every algorithm.
#[inline]
pub(crate) fn pack(time_ms: u64, length_dm: u64) -> u64 {
    (time_ms << 32) | length_dm
}

/// Milliseconds of a packed weight.
#[inline]
pub(crate) fn time_ms(weight: u64) -> u64 {
    weight >> 32
}

/// Decimetres of a packed weight.
#[inline]
pub(crate) fn length_dm(weight: u64) -> u64 {
    weight & 0xffff_ffff
}

/// "No path" as a packed weight.
pub(crate) const NO_PATH: u64 = u64::MAX;

/// An open road segment in projected metres, with its edge index in [`ClassNetwork`].
type Segment = GeomWithData<Line<[f64; 2]>, u32>;

/// The roads one vehicle class may use, reduced to their largest strongly connected part.
///
/// Every node here can reach every other one on the open network; closures then remove edges
/// (see [`ClassNetwork::closed_edges`]), after which some pairs may have no path.
#[derive(Debug, Clone)]
pub struct ClassNetwork {
    /// The class.
    pub class: VehicleClass,
    /// Graph node index (in the [`RoadGraph`]) of each kept node.
    pub(crate) node_of: Vec<u32>,
    /// Longitude, latitude of each kept node.
    pub(crate) lonlat: Vec<[f64; 2]>,
    /// Kept edges: from, to (kept node ids), length in metres, class speed in km/h, closed.
    pub(crate) edges: Vec<(u32, u32, f64, f32, bool)>,
    /// Snapping index over the open edges, in projected metres.
    index: RTree<Segment>,
    /// The open edges as `(from, to, edge index)`, sorted, to find a segment's other
    /// direction.
    open: Vec<(u32, u32, u32)>,
    projection: Projection,
    /// Nodes the class could use (some usable edge touches them) outside the largest part.
    pub dropped_nodes: usize,
    /// Edges the class could use outside the largest part.
    pub dropped_edges: usize,
    /// Edges removed by closures.
    pub closed_edges: usize,
}

/// Where a site joins the road network: the foot of the perpendicular from the site to the
/// nearest open road segment (or the segment's nearer end when the foot falls outside it).
///
/// Travel leaves the site off-road to that point, then follows the segment to its ends in
/// the directions the segment may be used: on a one-way segment `from -> to`, a site can only
/// leave towards `to` and be reached from `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Snap {
    /// Kept node id (see [`ClassNetwork`]) of the segment's tail.
    pub from: u32,
    /// Kept node id of the segment's head.
    pub to: u32,
    /// Where the point lies along the segment: 0 at `from`, 1 at `to`.
    pub fraction: f64,
    /// Longitude and latitude of the point.
    pub point: [f64; 2],
    /// Distance from the site to the point, in metres: the reported snap distance, checked
    /// against the limit, and the off-road leg travelled at both ends of every leg.
    pub road_m: f64,
    /// Index of the open edge `from -> to`.
    pub(crate) edge: u32,
    /// Index of an open edge `to -> from`, if the segment is two-way.
    pub(crate) back: Option<u32>,
}

impl Snap {
    /// The open edges the point lies on, each with the fraction of the edge before the
    /// point (along the edge's own direction).
    pub(crate) fn along(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        std::iter::once((self.edge, self.fraction))
            .chain(self.back.map(|b| (b, 1.0 - self.fraction)))
    }
}

impl ClassNetwork {
    /// Keeps the largest strongly connected part of the roads `class` may use, then marks the
    /// edges `closures` close. `None` if the class may use no road at all.
    pub fn new(graph: &RoadGraph, class: VehicleClass, closures: &Closures) -> Option<Self> {
        let g = &graph.graph;
        let filtered = EdgeFiltered::from_fn(g, |e| e.weight().speed(class) > 0.0);
        let components = kosaraju_scc(&filtered);
        let largest = components.iter().max_by_key(|c| c.len())?;
        if largest.len() < 2 {
            return None;
        }
        let mut compact = vec![u32::MAX; g.node_count()];
        let mut node_of = Vec::with_capacity(largest.len());
        let mut lonlat = Vec::with_capacity(largest.len());
        let mut sorted = largest.clone();
        sorted.sort_unstable();
        for n in sorted {
            compact[n.index()] = node_of.len() as u32;
            node_of.push(n.index() as u32);
            lonlat.push([g[n].lon, g[n].lat]);
        }
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in &lonlat {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let projection = Projection::around((lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0);
        let mut touched = vec![false; g.node_count()];
        let mut edges = Vec::new();
        let mut dropped_edges = 0;
        for e in g.edge_references() {
            let speed = e.weight().speed(class);
            if speed <= 0.0 {
                continue;
            }
            let (a, b) = (e.source().index(), e.target().index());
            touched[a] = true;
            touched[b] = true;
            let (ca, cb) = (compact[a], compact[b]);
            if ca == u32::MAX || cb == u32::MAX {
                dropped_edges += 1;
                continue;
            }
            edges.push((ca, cb, e.weight().length_m, speed, false));
        }
        let dropped_nodes = touched.iter().filter(|&&t| t).count() - node_of.len();
        let mut network = ClassNetwork {
            class,
            node_of,
            lonlat,
            edges,
            index: RTree::new(),
            open: Vec::new(),
            projection,
            dropped_nodes,
            dropped_edges,
            closed_edges: 0,
        };
        network.apply_closures(closures);
        let xy: Vec<[f64; 2]> = network
            .lonlat
            .iter()
            .map(|p| projection.xy(p[0], p[1]))
            .collect();
        network.open = (0..network.edges.len() as u32)
            .filter(|&e| !network.edges[e as usize].4)
            .map(|e| (network.edges[e as usize].0, network.edges[e as usize].1, e))
            .collect();
        network.open.sort_unstable();
        let segments = network
            .open
            .iter()
            .map(|&(a, b, e)| GeomWithData::new(Line::new(xy[a as usize], xy[b as usize]), e))
            .collect();
        network.index = RTree::bulk_load(segments);
        Some(network)
    }

    fn apply_closures(&mut self, closures: &Closures) {
        if closures.is_empty() {
            return;
        }
        let mut closed = 0;
        for e in &mut self.edges {
            let a = self.lonlat[e.0 as usize];
            let b = self.lonlat[e.1 as usize];
            if closures.closes_segment(a, b) {
                e.4 = true;
                closed += 1;
            }
        }
        self.closed_edges = closed;
    }

    /// Number of kept nodes.
    pub fn node_count(&self) -> usize {
        self.node_of.len()
    }

    /// Number of kept directed edges (closed ones included).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Longitude and latitude of a kept node.
    pub fn lonlat(&self, node: u32) -> [f64; 2] {
        self.lonlat[node as usize]
    }

    /// Attaches a point to the nearest open road segment of this class (see [`Snap`]).
    /// `None` when the class has no open road.
    pub fn snap(&self, lon: f64, lat: f64) -> Option<Snap> {
        let p = self.projection.xy(lon, lat);
        let nearest = self.index.nearest_neighbor(&p)?;
        let edge = nearest.data;
        let (from, to, ..) = self.edges[edge as usize];
        let line = nearest.geom();
        let d = [line.to[0] - line.from[0], line.to[1] - line.from[1]];
        let len2 = d[0] * d[0] + d[1] * d[1];
        let t = if len2 > 0.0 {
            (((p[0] - line.from[0]) * d[0] + (p[1] - line.from[1]) * d[1]) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let foot = [line.from[0] + t * d[0], line.from[1] + t * d[1]];
        let (a, b) = (self.lonlat[from as usize], self.lonlat[to as usize]);
        let first = self.open.partition_point(|&(x, y, _)| (x, y) < (to, from));
        let back = self
            .open
            .get(first)
            .filter(|&&(x, y, _)| (x, y) == (to, from))
            .map(|o| o.2);
        Some(Snap {
            from,
            to,
            fraction: t,
            point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])],
            road_m: ((p[0] - foot[0]).powi(2) + (p[1] - foot[1]).powi(2)).sqrt(),
            edge,
            back,
        })
    }

    /// The packed weight of `fraction` of edge `edge` for a vehicle capped at
    /// `speed_cap_kmh` (the whole edge weighs what [`ClassNetwork::routing`] gives it, up to
    /// rounding).
    pub(crate) fn partial_weight(&self, edge: u32, fraction: f64, speed_cap_kmh: f64) -> u64 {
        let (_, _, length_m, speed, _) = self.edges[edge as usize];
        edge_weight(length_m * fraction.clamp(0.0, 1.0), speed, speed_cap_kmh)
    }

    /// The tail and head of an edge.
    pub(crate) fn edge_ends(&self, edge: u32) -> (u32, u32) {
        let e = self.edges[edge as usize];
        (e.0, e.1)
    }

    /// The routing graph of this class for a vehicle capped at `speed_cap_kmh`: open edges
    /// only, weighted by time then length.
    pub fn routing(&self, speed_cap_kmh: f64) -> RoutingGraph {
        let n = self.node_of.len();
        let mut first_out = vec![0u32; n + 1];
        let open: Vec<_> = self.edges.iter().filter(|e| !e.4).collect();
        for e in &open {
            first_out[e.0 as usize + 1] += 1;
        }
        for i in 0..n {
            first_out[i + 1] += first_out[i];
        }
        let mut fill = first_out.clone();
        let mut head = vec![0u32; open.len()];
        let mut weight = vec![0u64; open.len()];
        for &&(a, b, length_m, speed, _) in &open {
            let slot = fill[a as usize] as usize;
            fill[a as usize] += 1;
            head[slot] = b;
            weight[slot] = edge_weight(length_m, speed, speed_cap_kmh);
        }
        RoutingGraph {
            first_out,
            head,
            weight,
        }
    }
}

/// The packed weight of `length_m` metres at `speed_kmh`, capped at `speed_cap_kmh`.
fn edge_weight(length_m: f64, speed_kmh: f32, speed_cap_kmh: f64) -> u64 {
    let kmh = f64::from(speed_kmh).min(speed_cap_kmh).max(0.1);
    let ms = (length_m / (kmh / 3.6) * 1000.0).round() as u64;
    let dm = (length_m * 10.0).round() as u64;
    pack(ms.min(u64::from(u32::MAX)), dm.min(u64::from(u32::MAX)))
}

/// A compact directed graph (forward adjacency arrays) with packed time/length weights.
#[derive(Debug, Clone)]
pub struct RoutingGraph {
    pub(crate) first_out: Vec<u32>,
    pub(crate) head: Vec<u32>,
    pub(crate) weight: Vec<u64>,
}

impl RoutingGraph {
    /// Builds a routing graph from `(from, to, seconds, metres)` arcs over `nodes` nodes (for
    /// tests and benchmarks that make graphs without a [`RoadGraph`]).
    pub fn from_arcs(nodes: usize, arcs: &[(u32, u32, f64, f64)]) -> RoutingGraph {
        let mut first_out = vec![0u32; nodes + 1];
        for a in arcs {
            first_out[a.0 as usize + 1] += 1;
        }
        for i in 0..nodes {
            first_out[i + 1] += first_out[i];
        }
        let mut fill = first_out.clone();
        let mut head = vec![0; arcs.len()];
        let mut weight = vec![0; arcs.len()];
        for &(a, b, s, m) in arcs {
            let slot = fill[a as usize] as usize;
            fill[a as usize] += 1;
            head[slot] = b;
            weight[slot] = pack((s * 1000.0).round() as u64, (m * 10.0).round() as u64);
        }
        RoutingGraph {
            first_out,
            head,
            weight,
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.first_out.len() - 1
    }

    /// Number of directed edges.
    pub fn edge_count(&self) -> usize {
        self.head.len()
    }

    #[inline]
    pub(crate) fn out(&self, v: u32) -> impl Iterator<Item = (u32, u64)> + '_ {
        let (s, e) = (
            self.first_out[v as usize] as usize,
            self.first_out[v as usize + 1] as usize,
        );
        self.head[s..e]
            .iter()
            .copied()
            .zip(self.weight[s..e].iter().copied())
    }
}
