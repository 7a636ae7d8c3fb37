//! Loading a [`RoadGraph`]: from an OpenStreetMap `.osm.pbf` extract, or from `nodes.csv` +
//! `edges.csv` for road data that does not come from OpenStreetMap.

use std::collections::HashMap;
use std::path::Path;

use osmpbf::{Element, ElementReader};
use petgraph::graph::NodeIndex;

use super::error::NetworkError;
use super::graph::{road_access, RoadAccess, RoadGraph};

impl RoadGraph {
    /// Loads `path` by its name: `*.osm.pbf` / `*.pbf` as OpenStreetMap, `*.csv` as an edge
    /// list with `nodes.csv` beside it.
    ///
    /// # Errors
    ///
    /// [`NetworkError`] naming the file and what was expected.
    pub fn load(path: &Path) -> Result<RoadGraph, NetworkError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with(".pbf") {
            RoadGraph::from_osm_pbf(path)
        } else if name.ends_with(".csv") {
            let nodes = path.with_file_name("nodes.csv");
            RoadGraph::from_csv(&nodes, path)
        } else {
            Err(NetworkError::format(
                path,
                "unknown road network format; expected an OpenStreetMap extract (.osm.pbf) or \
                 an edge list (edges.csv, with nodes.csv beside it)",
            ))
        }
    }

    /// Reads the roads of an OpenStreetMap extract (see the tag rules in the module docs of
    /// [`RoadGraph`]'s module). Every node of a kept way becomes a graph node, so trips can be
    /// drawn along the road's shape.
    ///
    /// # Errors
    ///
    /// A malformed or truncated file, a road node outside ±90° latitude or ±180° longitude, a
    /// way that names nodes missing from the extract (all of them), or an extract without a
    /// usable road.
    pub fn from_osm_pbf(path: &Path) -> Result<RoadGraph, NetworkError> {
        // A regular file within the size limit (never a FIFO or device), read through a
        // reader that cannot go past the limit.
        let file = super::input::open_input(path).map_err(|e| NetworkError::io(path, e))?;
        let reader = ElementReader::new(std::io::BufReader::new(std::io::Read::take(
            file,
            super::input::MAX_INPUT_BYTES,
        )));
        let mut coords: HashMap<i64, (f64, f64)> = HashMap::new();
        let mut ways: Vec<(RoadAccess, Vec<i64>)> = Vec::new();
        // The reader may panic on a hostile file in ways its authors did not foresee; a bad
        // file must be an error, never a crash.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reader.for_each(|element| match element {
                Element::Node(n) => {
                    coords.insert(n.id(), (n.lon(), n.lat()));
                }
                Element::DenseNode(n) => {
                    coords.insert(n.id(), (n.lon(), n.lat()));
                }
                Element::Way(w) => {
                    if let Some(access) = road_access(w.tags()) {
                        ways.push((access, w.refs().collect()));
                    }
                }
                Element::Relation(_) => {}
            })
        }));
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                return Err(NetworkError::format(
                    path,
                    format!(
                        "is not a valid OpenStreetMap PBF file ({e}); expected an .osm.pbf \
                         extract, whole and uncompressed beyond its own zlib blocks"
                    ),
                ))
            }
            Err(_) => {
                return Err(NetworkError::format(
                    path,
                    "is not a valid OpenStreetMap PBF file (the reader failed on its contents); \
                     expected an .osm.pbf extract",
                ))
            }
        }
        let mut graph = RoadGraph::new();
        let mut index: HashMap<i64, NodeIndex<u32>> = HashMap::new();
        let mut missing = 0usize;
        for (access, refs) in &ways {
            let mut prev: Option<NodeIndex<u32>> = None;
            for id in refs {
                let Some(&(lon, lat)) = coords.get(id) else {
                    // Ways cut at the extract's border name nodes it does not hold.
                    missing += 1;
                    prev = None;
                    continue;
                };
                // Found by fuzzing: a damaged block's offsets and granularity put nodes
                // anywhere (osmpbf's arithmetic wraps in release builds).
                if !(lat.abs() <= 90.0 && lon.abs() <= 180.0) {
                    return Err(NetworkError::format(
                        path,
                        format!(
                            "node {id} of a road is at lat {lat}, lon {lon}, outside ±90 and \
                             ±180 degrees; expected an undamaged OpenStreetMap extract"
                        ),
                    ));
                }
                let node = *index
                    .entry(*id)
                    .or_insert_with(|| graph.add_node(*id, lon, lat));
                if let Some(p) = prev {
                    graph.add_road(p, node, access, None);
                }
                prev = Some(node);
            }
        }
        if graph.edge_count() == 0 {
            let detail = if ways.is_empty() {
                "has no roads a car or rider may use".to_string()
            } else {
                format!(
                    "has {} road ways but none with their nodes ({missing} node references \
                     missing)",
                    ways.len()
                )
            };
            return Err(NetworkError::Empty {
                file: path.to_path_buf(),
                message: format!(
                    "{detail}; expected an OpenStreetMap extract with highway ways (residential, \
                     primary, cycleway, ...)"
                ),
            });
        }
        Ok(graph)
    }

    /// Reads `nodes.csv` (`id,lat,lon`) and `edges.csv` (`from,to` and optionally `highway`
    /// (default `residential`), `maxspeed`, `oneway`, `length_m`, `access`, `bicycle`,
    /// `motor_vehicle`, `oneway:bicycle`): each edge row is a road between two nodes, read with
    /// the same tag rules as OpenStreetMap ways. Columns are found by header name.
    ///
    /// # Errors
    ///
    /// A missing file or column, a row with an unknown node or a bad number (with its line),
    /// or no usable road.
    pub fn from_csv(nodes_path: &Path, edges_path: &Path) -> Result<RoadGraph, NetworkError> {
        let mut graph = RoadGraph::new();
        let mut index: HashMap<String, NodeIndex<u32>> = HashMap::new();
        let mut nodes = csv_reader(nodes_path)?;
        let columns = header_positions(nodes_path, &mut nodes, &["id", "lat", "lon"])?;
        let (id_col, lat_col, lon_col) = (columns[0], columns[1], columns[2]);
        for (row, record) in nodes.records().enumerate() {
            let line = row + 2;
            let record = record.map_err(|e| csv_error(nodes_path, line, &e.to_string()))?;
            let cell = |c: usize| record.get(c).unwrap_or("").trim();
            let id = cell(id_col);
            if id.is_empty() {
                return Err(csv_error(
                    nodes_path,
                    line,
                    "missing id; expected a node id",
                ));
            }
            let number = |c: usize, name: &str, range: f64| {
                cell(c)
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && v.abs() <= range)
                    .ok_or_else(|| {
                        csv_error(
                            nodes_path,
                            line,
                            &format!(
                                "{name} '{}' is not a number of degrees within ±{range}",
                                cell(c)
                            ),
                        )
                    })
            };
            let lat = number(lat_col, "lat", 90.0)?;
            let lon = number(lon_col, "lon", 180.0)?;
            if index.contains_key(id) {
                return Err(csv_error(
                    nodes_path,
                    line,
                    &format!("node id '{id}' is a duplicate"),
                ));
            }
            let numeric = id.parse::<i64>().unwrap_or(row as i64);
            index.insert(id.to_string(), graph.add_node(numeric, lon, lat));
        }
        let mut edges = csv_reader(edges_path)?;
        let required = header_positions(edges_path, &mut edges, &["from", "to"])?;
        let headers: Vec<String> = edges
            .headers()
            .map(|h| h.iter().map(|s| s.trim().to_string()).collect())
            .unwrap_or_default();
        let length_col = headers.iter().position(|h| h == "length_m");
        for (row, record) in edges.records().enumerate() {
            let line = row + 2;
            let record = record.map_err(|e| csv_error(edges_path, line, &e.to_string()))?;
            let cell = |c: usize| record.get(c).unwrap_or("").trim();
            let node = |c: usize, what: &str| {
                index.get(cell(c)).copied().ok_or_else(|| {
                    csv_error(
                        edges_path,
                        line,
                        &format!(
                            "{what} '{}' is not a node id of {}",
                            cell(c),
                            nodes_path.display()
                        ),
                    )
                })
            };
            let (a, b) = (node(required[0], "from")?, node(required[1], "to")?);
            let mut tags: Vec<(&str, &str)> = headers
                .iter()
                .enumerate()
                .filter(|(c, h)| {
                    !cell(*c).is_empty() && !matches!(h.as_str(), "from" | "to" | "length_m")
                })
                .map(|(c, h)| (h.as_str(), cell(c)))
                .collect();
            if !tags.iter().any(|(k, _)| *k == "highway") {
                tags.push(("highway", "residential"));
            }
            let length = match length_col.map(cell).filter(|s| !s.is_empty()) {
                None => None,
                Some(text) => Some(
                    text.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && *v >= 0.0)
                        .ok_or_else(|| {
                            csv_error(
                                edges_path,
                                line,
                                &format!("length_m '{text}' is not a length in metres, 0 or more"),
                            )
                        })?,
                ),
            };
            if let Some(access) = road_access(tags.iter().copied()) {
                graph.add_road(a, b, &access, length);
            }
        }
        if graph.edge_count() == 0 {
            return Err(NetworkError::Empty {
                file: edges_path.to_path_buf(),
                message: "has no roads a car or rider may use; expected rows from,to (and \
                          optionally highway, maxspeed, oneway, length_m)"
                    .to_string(),
            });
        }
        Ok(graph)
    }
}

fn csv_reader(path: &Path) -> Result<csv::Reader<std::io::Cursor<Vec<u8>>>, NetworkError> {
    let bytes = super::input::read_input(path).map_err(|e| NetworkError::io(path, e))?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(std::io::Cursor::new(bytes)))
}

fn header_positions(
    path: &Path,
    reader: &mut csv::Reader<std::io::Cursor<Vec<u8>>>,
    names: &[&str],
) -> Result<Vec<usize>, NetworkError> {
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, 1, &e.to_string()))?
        .clone();
    names
        .iter()
        .map(|name| {
            headers
                .iter()
                .position(|h| h.trim() == *name)
                .ok_or_else(|| {
                    csv_error(
                        path,
                        1,
                        &format!(
                            "has no '{name}' column; expected a header with {}",
                            names.join(",")
                        ),
                    )
                })
        })
        .collect()
}

fn csv_error(path: &Path, line: usize, message: &str) -> NetworkError {
    NetworkError::Format {
        file: path.to_path_buf(),
        line: Some(line),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (`osm_pbf`): nodes beyond the globe were read as roads.
    #[test]
    fn osm_nodes_outside_the_globe_are_an_error() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/osm/far_nodes.osm.pbf"
        ));
        let message = RoadGraph::from_osm_pbf(path)
            .expect_err("nodes at lon 207")
            .to_string();
        assert!(message.contains("far_nodes.osm.pbf"), "{message}");
        assert!(message.contains("node 1 of a road"), "{message}");
        assert!(message.contains("lon 207.426"), "{message}");
    }
}
