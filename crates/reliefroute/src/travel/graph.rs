//! The road graph (petgraph), the vehicle classes and which roads each class may use.
//!
//! A [`RoadGraph`] is a directed petgraph `Graph` whose nodes are road points (OSM nodes, or
//! the rows of `nodes.csv`) and whose edges are road segments in one direction, each with a
//! length and a speed per [`VehicleClass`] (0 when the class may not use it that way).
//!
//! Which roads a class may use (the OSM `highway` tag):
//!
//! | highway | car | rider (e-bike) |
//! |---|---|---|
//! | motorway, trunk (and their `_link`) | yes | no |
//! | primary, secondary, tertiary (and `_link`), unclassified, residential, road | yes | yes |
//! | service | yes | yes |
//! | living_street | yes, at walking pace (10 km/h) | yes |
//! | cycleway, path, track, bridleway | no | yes |
//! | pedestrian, footway | no | only if tagged `bicycle=yes` or `designated` |
//! | steps, construction, proposed, platform, anything else | no | no |
//!
//! `access=no`/`private` closes a way to both classes (a rider may still use it with
//! `bicycle=yes`); `motor_vehicle=no` or `motorcar=no` closes it to cars; `bicycle=no` closes it
//! to riders. `area=yes` ways are skipped.
//!
//! One-way streets (`oneway=yes|true|1`, `oneway=-1`, `junction=roundabout`, motorways) apply to
//! both classes, except that a rider may ride against the flow where `oneway:bicycle=no` or a
//! contraflow cycle lane (`cycleway=opposite*`) is tagged.
//!
//! Speeds: a car drives at `maxspeed` (km/h, `mph`, `walk`, and the usual country codes such as
//! `FR:urban`), else at a default per highway type (motorway 110, trunk 90, primary 60,
//! secondary 50, tertiary 40, unclassified/residential/road 30, service 15, living_street 10,
//! links 0.7 times their road). A rider rides at 20 km/h (12 on paths and tracks, 10 in
//! pedestrian zones and on living streets), never above `maxspeed`. Each vehicle is further
//! capped at its own `speed_kmh` from `fleet.csv`.

use petgraph::graph::{DiGraph, NodeIndex};

/// Which set of roads a vehicle may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum VehicleClass {
    /// Cars, vans and trucks: motor roads only.
    Car,
    /// E-bike and bicycle riders: no motorways or trunk roads, but cycleways, paths and
    /// tracks, and contraflow where tagged.
    Rider,
}

impl VehicleClass {
    /// The class of a vehicle `kind` from `fleet.csv`: `rider`, `bike`, `ebike`, `e-bike`,
    /// `bicycle`, `cyclist`, `cargo_bike` or `scooter` ride; every other kind drives.
    pub fn of_kind(kind: &str) -> VehicleClass {
        match kind.trim().to_ascii_lowercase().as_str() {
            "rider" | "bike" | "ebike" | "e-bike" | "e_bike" | "bicycle" | "cyclist"
            | "cargo_bike" | "cargo-bike" | "scooter" => VehicleClass::Rider,
            _ => VehicleClass::Car,
        }
    }

    /// `car` or `rider`.
    pub fn as_str(self) -> &'static str {
        match self {
            VehicleClass::Car => "car",
            VehicleClass::Rider => "rider",
        }
    }

    /// Both classes, cars first.
    pub const ALL: [VehicleClass; 2] = [VehicleClass::Car, VehicleClass::Rider];

    /// Index 0 for cars, 1 for riders.
    pub(crate) fn index(self) -> usize {
        match self {
            VehicleClass::Car => 0,
            VehicleClass::Rider => 1,
        }
    }
}

/// A point of the road network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoadNode {
    /// The source's id (OSM node id, or the `id` of `nodes.csv`).
    pub id: i64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Latitude in degrees.
    pub lat: f64,
}

/// A road segment in one direction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoadEdge {
    /// Length in metres.
    pub length_m: f64,
    /// Speed in km/h per class, indexed car then rider; 0 means the class may not use it in
    /// this direction.
    pub speed_kmh: [f32; 2],
}

impl RoadEdge {
    /// The speed of `class` on this edge (0: not allowed).
    pub fn speed(&self, class: VehicleClass) -> f32 {
        self.speed_kmh[class.index()]
    }
}

/// The whole road network as loaded, before any class, closure or connectivity filter.
#[derive(Debug, Clone, Default)]
pub struct RoadGraph {
    /// The petgraph graph: nodes are road points, edges directed road segments.
    pub graph: DiGraph<RoadNode, RoadEdge, u32>,
}

impl RoadGraph {
    /// An empty graph.
    pub fn new() -> RoadGraph {
        RoadGraph::default()
    }

    /// Adds a road point and returns its index.
    pub fn add_node(&mut self, id: i64, lon: f64, lat: f64) -> NodeIndex<u32> {
        self.graph.add_node(RoadNode { id, lon, lat })
    }

    /// Adds a road segment between two points, in the directions its tags allow.
    ///
    /// `length_m` defaults to the great-circle length. Returns how many directed edges were
    /// added (0 when no class may use it).
    pub fn add_road(
        &mut self,
        a: NodeIndex<u32>,
        b: NodeIndex<u32>,
        road: &RoadAccess,
        length_m: Option<f64>,
    ) -> usize {
        if a == b {
            return 0;
        }
        let length_m = length_m.unwrap_or_else(|| {
            let (p, q) = (self.graph[a], self.graph[b]);
            haversine_m(p.lon, p.lat, q.lon, q.lat)
        });
        let mut added = 0;
        for (from, to, speeds) in [(a, b, road.forward), (b, a, road.backward)] {
            if speeds.iter().any(|&s| s > 0.0) {
                self.graph.add_edge(
                    from,
                    to,
                    RoadEdge {
                        length_m,
                        speed_kmh: speeds,
                    },
                );
                added += 1;
            }
        }
        added
    }

    /// Number of road points.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of directed road segments.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Great-circle distance in metres.
pub(crate) fn haversine_m(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    Spherical::new(lon1, lat1).distance_m(&Spherical::new(lon2, lat2))
}

/// A point's terms of the haversine formula, computed once per point so that the distance
/// between two costs no trigonometry but the final square root and arcsine (a travel
/// matrix computes it for every pair of sites).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spherical {
    /// Sine and cosine of half the latitude and of half the longitude, and the cosine of
    /// the latitude.
    sin_half_lat: f64,
    cos_half_lat: f64,
    sin_half_lon: f64,
    cos_half_lon: f64,
    cos_lat: f64,
}

impl Spherical {
    /// The terms of the point at `lon`, `lat` (degrees).
    pub(crate) fn new(lon: f64, lat: f64) -> Spherical {
        let (sin_half_lat, cos_half_lat) = (lat.to_radians() / 2.0).sin_cos();
        let (sin_half_lon, cos_half_lon) = (lon.to_radians() / 2.0).sin_cos();
        Spherical {
            sin_half_lat,
            cos_half_lat,
            sin_half_lon,
            cos_half_lon,
            cos_lat: lat.to_radians().cos(),
        }
    }

    /// Great-circle distance in metres to `other`: the haversine formula, with the sines of
    /// the half differences taken from the per-point terms (`sin(b - a) = sin b cos a -
    /// cos b sin a`; exactly 0 between equal points).
    #[inline]
    pub(crate) fn distance_m(&self, other: &Spherical) -> f64 {
        const R: f64 = 6_371_008.8;
        let half_dlat =
            other.sin_half_lat * self.cos_half_lat - other.cos_half_lat * self.sin_half_lat;
        let half_dlon =
            other.sin_half_lon * self.cos_half_lon - other.cos_half_lon * self.sin_half_lon;
        let a = half_dlat * half_dlat + self.cos_lat * other.cos_lat * half_dlon * half_dlon;
        2.0 * R * a.sqrt().min(1.0).asin()
    }
}

/// Who may use a way in which direction, at what speed: the result of reading its tags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoadAccess {
    /// Speeds along the way's node order, car then rider (0: not allowed).
    pub forward: [f32; 2],
    /// Speeds against it.
    pub backward: [f32; 2],
}

/// Reads a way's tags (`highway`, `maxspeed`, `oneway`, access tags, see the module docs).
/// `None` when neither class may use it.
pub fn road_access<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<RoadAccess> {
    let mut highway = None;
    let mut maxspeed = None;
    let (mut oneway, mut oneway_bicycle, mut contraflow) = (None, None, false);
    let (mut access, mut motor, mut bicycle, mut area, mut roundabout) =
        (None, None, None, false, false);
    for (k, v) in tags {
        match k {
            "highway" => highway = Some(v),
            "maxspeed" => maxspeed = parse_maxspeed(v),
            "oneway" => oneway = Some(v),
            "oneway:bicycle" => oneway_bicycle = Some(v),
            "cycleway" | "cycleway:left" | "cycleway:right" | "cycleway:both" => {
                contraflow |= v.starts_with("opposite")
            }
            "access" => access = Some(v),
            "motor_vehicle" | "motorcar" if motor != Some("no") => motor = Some(v),
            "bicycle" => bicycle = Some(v),
            "area" => area = v == "yes",
            "junction" => roundabout |= v == "roundabout" || v == "circular",
            _ => {}
        }
    }
    let highway = highway?;
    if area {
        return None;
    }
    let base = highway.strip_suffix("_link").unwrap_or(highway);
    let link = base.len() != highway.len();
    let car_default: f32 = match base {
        "motorway" => 110.0,
        "trunk" => 90.0,
        "primary" => 60.0,
        "secondary" => 50.0,
        "tertiary" => 40.0,
        "unclassified" | "residential" | "road" => 30.0,
        "service" => 15.0,
        "living_street" => 10.0,
        _ => 0.0,
    };
    let car_default = if link { car_default * 0.7 } else { car_default };
    let rider_default: f32 = match base {
        "motorway" | "trunk" => 0.0,
        "primary" | "secondary" | "tertiary" | "unclassified" | "residential" | "road"
        | "service" => 20.0,
        "cycleway" => 20.0,
        "path" | "track" | "bridleway" => 12.0,
        "living_street" => 10.0,
        "pedestrian" | "footway" if matches!(bicycle, Some("yes" | "designated")) => 10.0,
        _ => 0.0,
    };
    let closed = |v: Option<&str>| matches!(v, Some("no" | "private"));
    let bike_yes = matches!(bicycle, Some("yes" | "designated" | "permissive"));
    let mut car = if closed(access) || closed(motor) {
        0.0
    } else {
        maxspeed.map_or(car_default, |m| if car_default > 0.0 { m } else { 0.0 })
    };
    let mut rider = if (closed(access) && !bike_yes) || bicycle == Some("no") {
        0.0
    } else {
        rider_default
    };
    if let Some(m) = maxspeed {
        rider = rider.min(m);
    }
    if car.is_nan() || car < 0.0 {
        car = 0.0;
    }
    if rider.is_nan() || rider < 0.0 {
        rider = 0.0;
    }
    if car == 0.0 && rider == 0.0 {
        return None;
    }
    let speeds = [car, rider];
    let implied = roundabout || base == "motorway";
    let (forward, backward) = match oneway {
        Some("yes" | "true" | "1") => (true, false),
        Some("-1" | "reverse") => (false, true),
        Some("no" | "false" | "0") => (true, true),
        _ => (true, !implied),
    };
    let rider_both = matches!(oneway_bicycle, Some("no" | "false" | "0")) || contraflow;
    let dir = |allowed: bool, riders_anyway: bool| {
        [
            if allowed { speeds[0] } else { 0.0 },
            if allowed || riders_anyway {
                speeds[1]
            } else {
                0.0
            },
        ]
    };
    Some(RoadAccess {
        forward: dir(forward, rider_both),
        backward: dir(backward, rider_both),
    })
}

/// Parses `maxspeed`: `50`, `30 mph`, `walk`, `FR:urban` and the like; `None` if unknown.
pub(crate) fn parse_maxspeed(text: &str) -> Option<f32> {
    let text = text.trim();
    if let Ok(v) = text.parse::<f32>() {
        return (v.is_finite() && v > 0.0).then_some(v);
    }
    if let Some(mph) = text.strip_suffix("mph") {
        return mph
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
            .map(|v| v * 1.609_344);
    }
    if let Some(kmh) = text.strip_suffix("km/h") {
        return kmh
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0);
    }
    match text {
        "walk" => Some(6.0),
        _ if text.ends_with(":living_street") => Some(10.0),
        _ if text.ends_with(":zone30") => Some(30.0),
        _ if text.ends_with(":urban") => Some(50.0),
        _ if text.ends_with(":rural") => Some(80.0),
        _ if text.ends_with(":motorway") => Some(130.0),
        _ if text.ends_with(":trunk") => Some(110.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-point terms give the textbook haversine distance (geo's), and exactly 0
    /// between a point and itself.
    #[test]
    fn spherical_terms_give_the_haversine_distance() {
        use geo::{Distance, Haversine, Point};
        let points = [
            (101.718, 26.582),
            (101.7181, 26.5821),
            (-73.98, 40.75),
            (139.69, 35.69),
            (0.0, -89.9),
            (179.9, 0.0),
            (-179.9, 0.1),
        ];
        for &(x1, y1) in &points {
            assert_eq!(haversine_m(x1, y1, x1, y1), 0.0);
            for &(x2, y2) in &points {
                let ours = haversine_m(x1, y1, x2, y2);
                let geo = Haversine::distance(Point::new(x1, y1), Point::new(x2, y2));
                assert!((ours - geo).abs() <= 1e-9 * geo.max(1.0), "{ours} {geo}");
            }
        }
    }

    fn access(tags: &[(&'static str, &'static str)]) -> Option<RoadAccess> {
        road_access(tags.iter().copied())
    }

    #[test]
    fn classes_and_tags() {
        let res = access(&[("highway", "residential")]).unwrap();
        assert_eq!(res.forward, [30.0, 20.0]);
        assert_eq!(res.backward, [30.0, 20.0]);
        let cycle = access(&[("highway", "cycleway")]).unwrap();
        assert_eq!(cycle.forward, [0.0, 20.0]);
        let motorway = access(&[("highway", "motorway")]).unwrap();
        assert_eq!(motorway.forward, [110.0, 0.0]);
        assert_eq!(motorway.backward, [0.0, 0.0]);
        assert!(access(&[("highway", "footway")]).is_none());
        assert!(access(&[("highway", "steps")]).is_none());
        assert!(access(&[("building", "yes")]).is_none());
        assert_eq!(
            access(&[("highway", "footway"), ("bicycle", "yes")])
                .unwrap()
                .forward,
            [0.0, 10.0]
        );
        assert!(access(&[("highway", "service"), ("access", "private")]).is_none());
    }

    #[test]
    fn one_ways_and_contraflow() {
        let one = access(&[("highway", "primary"), ("oneway", "yes")]).unwrap();
        assert_eq!(one.forward, [60.0, 20.0]);
        assert_eq!(one.backward, [0.0, 0.0]);
        let contra = access(&[
            ("highway", "residential"),
            ("oneway", "yes"),
            ("oneway:bicycle", "no"),
        ])
        .unwrap();
        assert_eq!(contra.backward, [0.0, 20.0]);
        let rev = access(&[
            ("highway", "tertiary"),
            ("oneway", "-1"),
            ("maxspeed", "30"),
        ])
        .unwrap();
        assert_eq!(rev.forward, [0.0, 0.0]);
        assert_eq!(rev.backward, [30.0, 20.0]);
        let round = access(&[("highway", "secondary"), ("junction", "roundabout")]).unwrap();
        assert_eq!(round.backward, [0.0, 0.0]);
    }

    #[test]
    fn maxspeeds() {
        assert_eq!(parse_maxspeed("50"), Some(50.0));
        assert!((parse_maxspeed("30 mph").unwrap() - 48.28).abs() < 0.01);
        assert_eq!(parse_maxspeed("FR:urban"), Some(50.0));
        assert_eq!(parse_maxspeed("walk"), Some(6.0));
        assert_eq!(parse_maxspeed("none"), None);
        assert_eq!(parse_maxspeed("-5"), None);
        assert_eq!(VehicleClass::of_kind("E-Bike"), VehicleClass::Rider);
        assert_eq!(VehicleClass::of_kind("van"), VehicleClass::Car);
    }
}
