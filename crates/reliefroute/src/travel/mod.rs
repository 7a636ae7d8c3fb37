//! Travel between sites: the dense time and distance matrices every strategy reads, from
//! straight lines or from a road network.
//!
//! Roads: a [`RoadGraph`] (petgraph) is loaded from an OpenStreetMap extract or from CSV,
//! reduced per [`VehicleClass`] to its largest strongly connected part ([`ClassNetwork`]),
//! sites are snapped to it with a limit, [`Closures`] remove roads, and the matrices are
//! computed with Dijkstra or a [`ContractionHierarchy`], in parallel.
//!
//! Every input file of the crate (these road files, and the scenario and plan files read by
//! `io`) is opened through [`open_input`]: regular files only, of bounded size.

mod ch;
mod closures;
mod dijkstra;
mod error;
mod graph;
mod import;
pub(crate) mod input;
mod matrix;
mod projection;
mod roads;
mod routing;
pub mod synthetic;

pub use ch::ContractionHierarchy;
pub use closures::Closures;
pub use dijkstra::{many_to_many_dijkstra, shortest_path};
pub use error::NetworkError;
pub(crate) use graph::haversine_m;
pub use graph::{road_access, RoadAccess, RoadEdge, RoadGraph, RoadNode, VehicleClass};
pub use input::{csv_line_at, open_input, read_input, MAX_INPUT_BYTES};
pub(crate) use matrix::Distances;
pub use matrix::TravelMatrix;
pub use roads::{ClassReport, MatrixMethod, RoadOptions, RoadReport, SiteSnap, ACCESS_KMH};
pub use routing::{ClassNetwork, RoutingGraph, Snap};

/// The seconds and metres of a weight returned by [`many_to_many_dijkstra`] or
/// [`ContractionHierarchy::many_to_many`]; `None` for "no path".
pub fn unpack_weight(weight: u64) -> Option<(f64, f64)> {
    (weight != routing::NO_PATH).then(|| {
        (
            routing::time_ms(weight) as f64 / 1000.0,
            routing::length_dm(weight) as f64 / 10.0,
        )
    })
}
