//! A synthetic city for benchmarks at scale: a perturbed street grid with arterials, one-way
//! streets and a river crossed by a few bridges.

use super::graph::{road_access, RoadGraph};

/// The shape of a synthetic city.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticCity {
    /// Grid columns (west to east).
    pub columns: usize,
    /// Grid rows (south to north).
    pub rows: usize,
    /// Street spacing in metres.
    pub spacing_m: f64,
    /// Every this many streets is an arterial (primary road, 50 km/h).
    pub arterial_every: usize,
    /// Every this many residential streets (of those not arterial) is one-way, alternating
    /// direction.
    pub one_way_every: usize,
    /// Number of bridges over the river, which runs east-west through the middle rows.
    pub bridges: usize,
    /// Seed of the position jitter (up to a quarter of the spacing) and of the speed noise.
    pub seed: u64,
}

impl SyntheticCity {
    /// A city of at least `nodes` road points (a square grid), 100 m blocks, arterials every
    /// 10th street, every 3rd street one-way, 5 bridges.
    pub fn with_nodes(nodes: usize) -> SyntheticCity {
        let side = (nodes as f64).sqrt().ceil() as usize;
        SyntheticCity {
            columns: side.max(2),
            rows: side.max(2),
            spacing_m: 100.0,
            arterial_every: 10,
            one_way_every: 3,
            bridges: 5,
            seed: 42,
        }
    }

    /// The longitude and latitude of grid point `(column, row)` (before jitter is applied:
    /// use [`RoadGraph`] nodes for the jittered positions). Node `row * columns + column`.
    pub fn node_index(&self, column: usize, row: usize) -> usize {
        row * self.columns + column
    }

    /// Builds the road graph. Node `i` is grid point `(i % columns, i / columns)`; the city is
    /// centred at 26.58 N, 101.72 E.
    pub fn build(&self) -> RoadGraph {
        let mut state = self.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let (lat0, lon0) = (26.58f64, 101.72f64);
        let m_per_lat = 110_574.0;
        let m_per_lon = 111_319.49 * lat0.to_radians().cos();
        let mut graph = RoadGraph::new();
        let (w, h) = (self.columns, self.rows);
        let mut nodes = Vec::with_capacity(w * h);
        for r in 0..h {
            for c in 0..w {
                let jx = (next() - 0.5) * 0.5 * self.spacing_m;
                let jy = (next() - 0.5) * 0.5 * self.spacing_m;
                let x = (c as f64 - w as f64 / 2.0) * self.spacing_m + jx;
                let y = (r as f64 - h as f64 / 2.0) * self.spacing_m + jy;
                nodes.push(graph.add_node(
                    (r * w + c) as i64,
                    lon0 + x / m_per_lon,
                    lat0 + y / m_per_lat,
                ));
            }
        }
        let river = h / 2;
        let bridge_every = (w / self.bridges.max(1)).max(1);
        let street = |index: usize, along: bool| -> Vec<(&'static str, &'static str)> {
            let arterial = self.arterial_every > 0 && index.is_multiple_of(self.arterial_every);
            let mut tags = vec![("highway", if arterial { "primary" } else { "residential" })];
            if arterial {
                tags.push(("maxspeed", "50"));
            } else if self.one_way_every > 0 && index % self.one_way_every == 1 {
                let forward = (index / self.one_way_every).is_multiple_of(2);
                tags.push(("oneway", if forward == along { "yes" } else { "-1" }));
            }
            tags
        };
        // East-west streets (one per row) and north-south streets (one per column).
        for r in 0..h {
            let tags = street(r, true);
            let access = road_access(tags.iter().copied()).expect("a drivable street");
            for c in 0..w - 1 {
                graph.add_road(nodes[r * w + c], nodes[r * w + c + 1], &access, None);
            }
        }
        for c in 0..w {
            let tags = street(c, false);
            let access = road_access(tags.iter().copied()).expect("a drivable street");
            for r in 0..h - 1 {
                // The river lies between rows `river - 1` and `river`: only bridges cross.
                if r + 1 == river && c % bridge_every != bridge_every / 2 {
                    continue;
                }
                graph.add_road(nodes[r * w + c], nodes[(r + 1) * w + c], &access, None);
            }
        }
        graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::travel::{ClassNetwork, Closures, VehicleClass};

    #[test]
    fn small_city_is_connected_for_cars_across_the_river() {
        let city = SyntheticCity {
            columns: 30,
            rows: 30,
            bridges: 2,
            ..SyntheticCity::with_nodes(900)
        };
        let graph = city.build();
        assert_eq!(graph.node_count(), 900);
        let net = ClassNetwork::new(&graph, VehicleClass::Car, &Closures::none()).unwrap();
        assert_eq!(
            net.node_count(),
            900,
            "every grid point is strongly connected"
        );
    }
}
