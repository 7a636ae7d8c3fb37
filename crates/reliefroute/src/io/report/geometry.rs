//! From the plan's places to SVG: the road (or straight) line of a trip and a projection of
//! longitude and latitude onto a drawing.

use std::fmt::Write as _;

use geo::Coord;

use crate::model::{Scenario, TravelModel};
use crate::plan::PlannedTrip;
use crate::travel::TravelMatrix;

/// The line of a visit sequence `sites` by `vehicle`: site to site, along the road path of
/// every leg where `matrix` knows one (straight otherwise). Shared with `plan.geojson`.
pub(crate) fn site_line(
    scenario: &Scenario,
    matrix: Option<&TravelMatrix>,
    vehicle: usize,
    sites: &[usize],
) -> Vec<Coord<f64>> {
    let mut line: Vec<Coord<f64>> = Vec::new();
    for (i, &site) in sites.iter().enumerate() {
        let leg = match (matrix, i.checked_sub(1).map(|p| sites[p])) {
            (Some(m), Some(prev)) if prev != site => m.path(vehicle, prev, site),
            _ => None,
        };
        match leg {
            // The leg starts at the previous site, already in the line.
            Some(points) => line.extend(points.into_iter().skip(1)),
            None => line.push(scenario.sites[site].location),
        }
    }
    line
}

/// The sites of a trip in visiting order: kitchen, stops, kitchen.
pub(crate) fn trip_sites(trip: &PlannedTrip) -> Vec<usize> {
    let mut sites = Vec::with_capacity(trip.stops.len() + 2);
    sites.push(trip.kitchen);
    sites.extend(trip.stops.iter().map(|s| s.site));
    sites.push(trip.kitchen);
    sites
}

/// A bounding box in the scenario's coordinates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub min: Coord<f64>,
    pub max: Coord<f64>,
}

impl Bounds {
    /// The box around `points`; `None` when there are none.
    pub(crate) fn around(points: impl IntoIterator<Item = Coord<f64>>) -> Option<Bounds> {
        let mut bounds: Option<Bounds> = None;
        for p in points {
            if !(p.x.is_finite() && p.y.is_finite()) {
                continue;
            }
            let b = bounds.get_or_insert(Bounds { min: p, max: p });
            b.min.x = b.min.x.min(p.x);
            b.min.y = b.min.y.min(p.y);
            b.max.x = b.max.x.max(p.x);
            b.max.y = b.max.y.max(p.y);
        }
        bounds
    }

    /// The box grown by `fraction` of its size on every side (and by a little when flat).
    pub(crate) fn grown(self, fraction: f64) -> Bounds {
        let dx = (self.max.x - self.min.x).max(1e-4) * fraction;
        let dy = (self.max.y - self.min.y).max(1e-4) * fraction;
        Bounds {
            min: Coord {
                x: self.min.x - dx,
                y: self.min.y - dy,
            },
            max: Coord {
                x: self.max.x + dx,
                y: self.max.y + dy,
            },
        }
    }

    pub(crate) fn contains(&self, p: Coord<f64>) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
}

/// Longitude and latitude (or plane coordinates) to SVG user units: an equirectangular
/// projection around the middle latitude, north up, fitted into a width and a height limit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Projection {
    bounds: Bounds,
    /// Horizontal stretch of a degree of longitude (cos of the middle latitude; 1 on a plane).
    kx: f64,
    scale: f64,
    margin: f64,
    /// Width and height of the drawing.
    pub width: f64,
    pub height: f64,
}

impl Projection {
    /// Fits `bounds` into `width` with at most `max_height`, leaving `margin` around.
    pub(crate) fn fit(
        scenario: &Scenario,
        bounds: Bounds,
        width: f64,
        max_height: f64,
        margin: f64,
    ) -> Projection {
        let kx = match scenario.travel {
            TravelModel::Planar(_) => 1.0,
            TravelModel::GreatCircle { .. } => ((bounds.min.y + bounds.max.y) / 2.0)
                .to_radians()
                .cos()
                .max(0.05),
        };
        let dx = ((bounds.max.x - bounds.min.x) * kx).max(1e-9);
        let dy = (bounds.max.y - bounds.min.y).max(1e-9);
        let scale = ((width - 2.0 * margin) / dx).min((max_height - 2.0 * margin) / dy);
        Projection {
            bounds,
            kx,
            scale,
            margin,
            width,
            height: (dy * scale + 2.0 * margin).ceil(),
        }
    }

    /// The SVG point of a place.
    pub(crate) fn xy(&self, p: Coord<f64>) -> (f64, f64) {
        let dx = ((self.bounds.max.x - self.bounds.min.x) * self.kx).max(1e-9);
        // Centre horizontally when the height limits the scale.
        let offset = (self.width - 2.0 * self.margin - dx * self.scale) / 2.0;
        (
            self.margin + offset + (p.x - self.bounds.min.x) * self.kx * self.scale,
            self.margin + (self.bounds.max.y - p.y) * self.scale,
        )
    }

    /// An SVG path `d` for a line, coordinates to one decimal, repeated points dropped.
    pub(crate) fn path_d(&self, line: &[Coord<f64>]) -> String {
        let mut d = String::with_capacity(line.len() * 12);
        let mut last = String::new();
        for &p in line {
            let (x, y) = self.xy(p);
            let point = format!("{x:.1} {y:.1}");
            if point == last {
                continue;
            }
            d.push(if d.is_empty() { 'M' } else { 'L' });
            d.push_str(&point);
            last = point;
        }
        d
    }

    /// An SVG path `d` for many segments, joining a segment to the previous one when it
    /// starts where that one ended.
    pub(crate) fn segments_d(&self, segments: &[[Coord<f64>; 2]]) -> String {
        let mut d = String::new();
        let mut end = String::new();
        for [a, b] in segments {
            let (ax, ay) = self.xy(*a);
            let (bx, by) = self.xy(*b);
            let start = format!("{ax:.1} {ay:.1}");
            if start != end {
                let _ = write!(d, "M{start}");
            }
            end = format!("{bx:.1} {by:.1}");
            let _ = write!(d, "L{end}");
        }
        d
    }
}
