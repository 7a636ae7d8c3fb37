//! Lon/lat to metres for the geometry of snapping and closures.

/// A flat, equirectangular projection to metres around a centre: accurate to well under a
/// percent across a city, which is all snapping and closure tests need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Projection {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl Projection {
    pub(crate) fn around(lon0: f64, lat0: f64) -> Projection {
        Projection {
            lon0,
            lat0,
            kx: 111_319.49 * lat0.to_radians().cos(),
            ky: 110_574.0,
        }
    }

    pub(crate) fn xy(&self, lon: f64, lat: f64) -> [f64; 2] {
        [(lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky]
    }
}
