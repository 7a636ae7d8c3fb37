//! Closures from `closures.geojson`: areas where no one may travel and roads that are closed.
//!
//! - A `Polygon` or `MultiPolygon` closes every road segment inside it or crossing its edge,
//!   and a site inside it cannot be reached at all.
//! - A `LineString` or `MultiLineString` closes the roads it is drawn along (segments whose two
//!   ends lie within 5 m of the line) and the roads it crosses (a barrier across a street).
//!
//! The file may be a `FeatureCollection`, a single `Feature` or a bare geometry. A `Point` or
//! `MultiPoint` closes nothing and is an error naming the feature (draw the closed area as a
//! polygon). Coordinates are `[lon, lat]`.

use std::path::Path;

use geo::{BoundingRect, Contains, Coord, Intersects, Line, LineString, Point, Polygon, Rect};
use serde_json::Value;

use super::error::NetworkError;
use super::projection::Projection;

/// How close (metres) both ends of a road segment must be to a closure line to be closed.
const ALONG_M: f64 = 5.0;

/// The closed areas and roads of a scenario.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Closures {
    areas: Vec<(Polygon<f64>, Rect<f64>)>,
    lines: Vec<(LineString<f64>, Rect<f64>)>,
    /// Per feature read from GeoJSON: how to name it in messages, and the bounding rectangle
    /// of its areas and lines.
    features: Vec<(String, Rect<f64>)>,
}

impl Closures {
    /// No closures.
    pub fn none() -> Closures {
        Closures::default()
    }

    /// Whether there is nothing closed.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty() && self.lines.is_empty()
    }

    /// Number of closed areas (polygons) and closed lines.
    pub fn counts(&self) -> (usize, usize) {
        (self.areas.len(), self.lines.len())
    }

    /// The closed areas, in the order they were added.
    pub fn areas(&self) -> impl Iterator<Item = &Polygon<f64>> {
        self.areas.iter().map(|(polygon, _)| polygon)
    }

    /// The closed road lines, in the order they were added.
    pub fn lines(&self) -> impl Iterator<Item = &LineString<f64>> {
        self.lines.iter().map(|(line, _)| line)
    }

    /// Adds a closed area.
    pub fn add_area(&mut self, polygon: Polygon<f64>) {
        if let Some(rect) = polygon.bounding_rect() {
            self.areas.push((polygon, rect));
        }
    }

    /// Adds a closed road line.
    pub fn add_line(&mut self, line: LineString<f64>) {
        if let Some(rect) = line.bounding_rect() {
            self.lines.push((line, rect));
        }
    }

    /// Reads `closures.geojson`.
    ///
    /// # Errors
    ///
    /// The file cannot be read, is not JSON, is not GeoJSON (no `type` of a GeoJSON object),
    /// or holds a polygon or line with bad coordinates.
    pub fn read(path: &Path) -> Result<Closures, NetworkError> {
        let text = super::input::read_input_string(path).map_err(|e| NetworkError::io(path, e))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| NetworkError::Format {
            file: path.to_path_buf(),
            line: Some(e.line()),
            message: format!(
                "is not GeoJSON ({e}); expected a FeatureCollection of Polygons (closed areas) \
                 and LineStrings (closed roads)"
            ),
        })?;
        let mut closures = Closures::none();
        closures
            .add_geojson(&value)
            .map_err(|m| NetworkError::format(path, m))?;
        Ok(closures)
    }

    /// Adds every polygon and line of a GeoJSON value.
    fn add_geojson(&mut self, value: &Value) -> Result<(), String> {
        let kind = value.get("type").and_then(Value::as_str).ok_or_else(|| {
            "is not GeoJSON: the top-level object has no \"type\"; expected a FeatureCollection \
             of Polygons (closed areas) and LineStrings (closed roads)"
                .to_string()
        })?;
        match kind {
            "FeatureCollection" => {
                let features = value
                    .get("features")
                    .and_then(Value::as_array)
                    .ok_or("is not GeoJSON: a FeatureCollection without a \"features\" array")?;
                for (i, f) in features.iter().enumerate() {
                    let label = feature_label(i, f);
                    let before = (self.areas.len(), self.lines.len());
                    self.add_geojson(f).map_err(|m| format!("{label}: {m}"))?;
                    let rects = self.areas[before.0..]
                        .iter()
                        .map(|(_, r)| *r)
                        .chain(self.lines[before.1..].iter().map(|(_, r)| *r));
                    if let Some(rect) = rects.reduce(union) {
                        self.features.push((label, rect));
                    }
                }
                Ok(())
            }
            "Feature" => match value.get("geometry") {
                None | Some(Value::Null) => Ok(()),
                Some(g) => self.add_geojson(g),
            },
            "GeometryCollection" => {
                for g in value
                    .get("geometries")
                    .and_then(Value::as_array)
                    .ok_or("a GeometryCollection without a \"geometries\" array")?
                {
                    self.add_geojson(g)?;
                }
                Ok(())
            }
            "Polygon" => {
                let p = polygon(coordinates(value)?)?;
                self.add_area(p);
                Ok(())
            }
            "MultiPolygon" => {
                for p in array(coordinates(value)?, "a MultiPolygon")? {
                    let p = polygon(p)?;
                    self.add_area(p);
                }
                Ok(())
            }
            "LineString" => {
                let l = line(coordinates(value)?)?;
                self.add_line(l);
                Ok(())
            }
            "MultiLineString" => {
                for l in array(coordinates(value)?, "a MultiLineString")? {
                    let l = line(l)?;
                    self.add_line(l);
                }
                Ok(())
            }
            "Point" | "MultiPoint" => Err(format!(
                "a {kind} closes nothing; expected a Polygon (a closed area, drawn around the \
                 place) or a LineString (a closed road)"
            )),
            other => Err(format!(
                "unknown GeoJSON type \"{other}\"; expected Polygon, MultiPolygon, LineString, \
                 MultiLineString, Feature or FeatureCollection"
            )),
        }
    }

    /// The features (as `feature 3 ("name")`) that lie wholly outside `bounds`, such as
    /// the bounding rectangle of the road network: they close nothing, most likely because
    /// their coordinates are `[lat, lon]` instead of `[lon, lat]` or belong to another place.
    pub fn outside(&self, bounds: Rect<f64>) -> Vec<String> {
        self.features
            .iter()
            .filter(|(_, rect)| !rect.intersects(&bounds))
            .map(|(label, _)| label.clone())
            .collect()
    }

    /// Whether a site at `lon, lat` lies inside a closed area.
    pub fn site_closed(&self, lon: f64, lat: f64) -> bool {
        let p = Point::new(lon, lat);
        self.areas
            .iter()
            .any(|(poly, rect)| rect.contains(&p) && poly.contains(&p))
    }

    /// Whether the road segment `a -> b` (`[lon, lat]`) is closed.
    pub fn closes_segment(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let seg = Line::new(Coord { x: a[0], y: a[1] }, Coord { x: b[0], y: b[1] });
        let seg_rect = Rect::new(seg.start, seg.end);
        for (poly, rect) in &self.areas {
            if rect.intersects(&seg_rect) && poly.intersects(&seg) {
                return true;
            }
        }
        for (line, rect) in &self.lines {
            if !rect.intersects(&grow(seg_rect, ALONG_M)) {
                continue;
            }
            if line.intersects(&seg) {
                return true;
            }
            let proj = Projection::around(a[0], a[1]);
            let near = |p: [f64; 2]| {
                let q = proj.xy(p[0], p[1]);
                line.lines().any(|l| {
                    let s = proj.xy(l.start.x, l.start.y);
                    let e = proj.xy(l.end.x, l.end.y);
                    point_segment_m(q, s, e) <= ALONG_M
                })
            };
            if near(a) && near(b) {
                return true;
            }
        }
        false
    }
}

/// How a feature is named in messages: its index, with its `id` or `properties.name` when
/// it has one.
fn feature_label(index: usize, feature: &Value) -> String {
    let name = feature
        .get("properties")
        .and_then(|p| p.get("name"))
        .or_else(|| feature.get("id"))
        .and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    match name {
        Some(name) => format!("feature {index} ({name:?})"),
        None => format!("feature {index}"),
    }
}

/// The smallest rectangle holding both.
fn union(a: Rect<f64>, b: Rect<f64>) -> Rect<f64> {
    Rect::new(
        Coord {
            x: a.min().x.min(b.min().x),
            y: a.min().y.min(b.min().y),
        },
        Coord {
            x: a.max().x.max(b.max().x),
            y: a.max().y.max(b.max().y),
        },
    )
}

/// A rectangle grown by about `m` metres on each side (in degrees, generously).
fn grow(rect: Rect<f64>, m: f64) -> Rect<f64> {
    let d = m / 100_000.0 * 2.0;
    Rect::new(
        Coord {
            x: rect.min().x - d,
            y: rect.min().y - d,
        },
        Coord {
            x: rect.max().x + d,
            y: rect.max().y + d,
        },
    )
}

fn point_segment_m(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len2 = d[0] * d[0] + d[1] * d[1];
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((p[0] - a[0] - t * d[0]).powi(2) + (p[1] - a[1] - t * d[1]).powi(2)).sqrt()
}

fn coordinates(value: &Value) -> Result<&Value, String> {
    value
        .get("coordinates")
        .ok_or_else(|| "a geometry without \"coordinates\"".to_string())
}

fn array<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("the coordinates of {what} are not an array"))
}

fn position(value: &Value) -> Result<Coord<f64>, String> {
    let p = value
        .as_array()
        .filter(|p| p.len() >= 2)
        .ok_or("a position is not an array [lon, lat]")?;
    let (lon, lat) = (p[0].as_f64(), p[1].as_f64());
    match (lon, lat) {
        (Some(x), Some(y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => {
            Ok(Coord { x, y })
        }
        _ => Err(format!(
            "position {value} is not [lon, lat] in degrees (lon within ±180, lat within ±90)"
        )),
    }
}

fn line(value: &Value) -> Result<LineString<f64>, String> {
    let points = array(value, "a LineString")?
        .iter()
        .map(position)
        .collect::<Result<Vec<_>, _>>()?;
    if points.len() < 2 {
        return Err("a LineString needs at least 2 positions".to_string());
    }
    Ok(LineString::new(points))
}

fn polygon(value: &Value) -> Result<Polygon<f64>, String> {
    let mut rings = array(value, "a Polygon")?
        .iter()
        .map(|r| {
            let ring = array(r, "a Polygon ring")?
                .iter()
                .map(position)
                .collect::<Result<Vec<_>, _>>()?;
            if ring.len() < 4 {
                return Err("a Polygon ring needs at least 4 positions (closed)".to_string());
            }
            Ok(LineString::new(ring))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if rings.is_empty() {
        return Err("a Polygon has no ring".to_string());
    }
    let exterior = rings.remove(0);
    Ok(Polygon::new(exterior, rings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_areas_and_lines() {
        let mut c = Closures::none();
        let v: Value = serde_json::from_str(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon",
               "coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"LineString",
               "coordinates":[[2,0],[2,1]]}}]}"#,
        )
        .unwrap();
        c.add_geojson(&v).unwrap();
        assert_eq!(c.counts(), (1, 1));
        assert!(c.site_closed(0.5, 0.5));
        assert!(!c.site_closed(1.5, 0.5));
        // Inside, crossing the edge, outside.
        assert!(c.closes_segment([0.2, 0.2], [0.3, 0.3]));
        assert!(c.closes_segment([0.5, 0.5], [1.5, 0.5]));
        assert!(!c.closes_segment([1.2, 0.5], [1.5, 0.5]));
        // Crossing the line, along the line, beside it.
        assert!(c.closes_segment([1.9, 0.5], [2.1, 0.5]));
        assert!(c.closes_segment([2.0, 0.2], [2.0, 0.3]));
        assert!(!c.closes_segment([2.1, 0.2], [2.1, 0.3]));
    }

    #[test]
    fn rejects_what_is_not_geojson() {
        let mut c = Closures::none();
        for bad in [
            r#"{"a":1}"#,
            r#"{"type":"FeatureCollection"}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0]]]}"#,
            r#"{"type":"LineString","coordinates":[[0,"x"],[1,1]]}"#,
            r#"{"type":"Circle"}"#,
        ] {
            let v: Value = serde_json::from_str(bad).unwrap();
            assert!(c.add_geojson(&v).is_err(), "{bad}");
        }
    }

    /// Issue 15, item 7: a Point closure was silently ignored.
    #[test]
    fn point_closure_is_an_error_naming_the_feature() {
        let mut c = Closures::none();
        let v: Value = serde_json::from_str(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"LineString",
               "coordinates":[[2,0],[2,1]]}},
              {"type":"Feature","properties":{"name":"bridge"},
               "geometry":{"type":"Point","coordinates":[5,5]}}]}"#,
        )
        .unwrap();
        let e = c.add_geojson(&v).expect_err("a point");
        assert!(
            e.starts_with("feature 1 (\"bridge\"): a Point closes nothing"),
            "{e}"
        );
    }

    /// Issue 15, item 7: a closure with lat/lon swapped closed nothing without a word.
    #[test]
    fn closure_outside_the_network_is_named() {
        let mut c = Closures::none();
        let v: Value = serde_json::from_str(
            r#"{"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"inside"},"geometry":{"type":"Polygon",
               "coordinates":[[[7.42,43.73],[7.43,43.73],[7.43,43.74],[7.42,43.73]]]}},
              {"type":"Feature","id":7,"geometry":{"type":"Polygon",
               "coordinates":[[[43.73,7.42],[43.73,7.43],[43.74,7.43],[43.73,7.42]]]}}]}"#,
        )
        .unwrap();
        c.add_geojson(&v).unwrap();
        let bounds = Rect::new(Coord { x: 7.40, y: 43.72 }, Coord { x: 7.44, y: 43.76 });
        assert_eq!(c.outside(bounds), ["feature 1 (\"7\")"]);
    }
}
