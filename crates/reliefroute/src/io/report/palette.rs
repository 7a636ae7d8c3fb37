//! Colours and markers: one fixed palette indexed by courier, one marker shape per site kind.
//!
//! A courier's colour depends only on its index in the fleet, so the same courier keeps its
//! colour from plan to plan, in `report.html` and in `plan.geojson` alike.

use crate::model::SiteKind;

/// Twenty colours distinct on a light map and in print (Kelly's and Tableau's sets, minus
/// the greys and the red kept for unassigned orders).
const PALETTE: [&str; 20] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d", "#31a354",
    "#756bb1", "#843c39", "#6baed6", "#fd8d3c",
];

/// The colour of unassigned orders on the map.
pub(crate) const UNASSIGNED: &str = "#d62728";

/// The colour of kitchens on the map.
pub(crate) const KITCHEN: &str = "#111111";

/// The colour of the courier at `vehicle` (its index in the fleet), as `#rrggbb`.
pub fn courier_colour(vehicle: usize) -> &'static str {
    PALETTE[vehicle % PALETTE.len()]
}

/// The marker shape of a site kind on the SVG map, and its name in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Kitchen,
    Square,
    Circle,
    Diamond,
    Triangle,
    Hexagon,
}

impl Marker {
    pub(crate) fn of(kind: &SiteKind) -> Marker {
        match kind {
            SiteKind::Kitchen => Marker::Kitchen,
            SiteKind::Checkpoint => Marker::Square,
            SiteKind::Household => Marker::Circle,
            SiteKind::CareHome => Marker::Diamond,
            SiteKind::Village => Marker::Triangle,
            SiteKind::Other(_) => Marker::Hexagon,
        }
    }

    /// An SVG element for the marker centred at `x, y` with half size `r`, filled with
    /// `fill`; `extra` goes inside the opening tag (class, data attributes), `inner` between
    /// the tags (a `<title>`).
    pub(crate) fn svg(
        self,
        x: f64,
        y: f64,
        r: f64,
        fill: &str,
        extra: &str,
        inner: &str,
    ) -> String {
        let shape = match self {
            Marker::Kitchen => format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"1\"",
                x - r * 1.4,
                y - r * 1.4,
                r * 2.8,
                r * 2.8
            ),
            Marker::Square => format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"",
                x - r,
                y - r,
                r * 2.0,
                r * 2.0
            ),
            Marker::Circle => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\""),
            Marker::Diamond => {
                let d = r * 1.3;
                format!(
                    "<path d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"",
                    y - d,
                    x + d,
                    y + d,
                    x - d
                )
            }
            Marker::Triangle => {
                let d = r * 1.3;
                format!(
                    "<path d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"",
                    y - d,
                    x + d,
                    y + d * 0.8,
                    x - d,
                    y + d * 0.8
                )
            }
            Marker::Hexagon => {
                let mut d = String::new();
                for k in 0..6 {
                    let a = std::f64::consts::PI / 3.0 * k as f64;
                    let (px, py) = (x + r * 1.1 * a.cos(), y + r * 1.1 * a.sin());
                    d.push_str(&format!(
                        "{}{px:.1} {py:.1}",
                        if k == 0 { 'M' } else { 'L' }
                    ));
                }
                format!("<path d=\"{d}Z\"")
            }
        };
        let tag = match self {
            Marker::Kitchen | Marker::Square => "rect",
            Marker::Circle => "circle",
            _ => "path",
        };
        format!("{shape} fill=\"{fill}\"{extra}>{inner}</{tag}>")
    }

    /// The legend's words for the shape.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Marker::Kitchen => "kitchen",
            Marker::Square => "checkpoint",
            Marker::Circle => "household",
            Marker::Diamond => "care home",
            Marker::Triangle => "village",
            Marker::Hexagon => "other site",
        }
    }

    /// Every shape, in legend order.
    pub(crate) const ALL: [Marker; 6] = [
        Marker::Kitchen,
        Marker::Square,
        Marker::Circle,
        Marker::Diamond,
        Marker::Triangle,
        Marker::Hexagon,
    ];
}

/// The simplestyle `marker-symbol` (a Maki icon name) of a site kind, for `plan.geojson`.
pub(crate) fn maki_symbol(kind: &SiteKind) -> &'static str {
    match kind {
        SiteKind::Kitchen => "restaurant",
        SiteKind::Checkpoint => "roadblock",
        SiteKind::Household => "home",
        SiteKind::CareHome => "hospital",
        SiteKind::Village => "village",
        SiteKind::Other(_) => "circle",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_fixed_and_cycle() {
        assert_eq!(courier_colour(0), "#1f77b4");
        assert_eq!(courier_colour(20), courier_colour(0));
        assert_ne!(courier_colour(1), courier_colour(0));
        assert!(!PALETTE.contains(&UNASSIGNED));
    }
}
