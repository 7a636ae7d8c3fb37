//! Kitchen output over time (`supply.csv`) as the solver reads it: each limited kitchen and
//! item's cumulative output, and the earliest minute it covers some units. Plain data for
//! the problem; the rule across routes is applied in `supply`.

use crate::model::Scenario;

/// Tolerance of unit comparisons against the (fractional) output.
pub(crate) const UNIT_EPS: f64 = 1e-6;

/// One kitchen's cumulative output of one item.
#[derive(Debug, Clone, Default)]
pub(crate) struct Curve {
    /// Periods as (from, to, units).
    pieces: Vec<(f64, f64, f64)>,
    /// Every period's ends, sorted, without repeats.
    breaks: Vec<f64>,
}

impl Curve {
    /// Units made by minute `t`, the units of an instant period included from it on.
    pub fn made(&self, t: f64) -> f64 {
        (self.pieces.iter())
            .map(|&(from, to, units)| {
                if t >= to {
                    units
                } else if t <= from {
                    0.0
                } else {
                    units * (t - from) / (to - from)
                }
            })
            .sum()
    }

    /// Units made strictly before minute `t`.
    fn made_before(&self, t: f64) -> f64 {
        (self.pieces.iter())
            .map(|&(from, to, units)| match from == to {
                true if t > from => units,
                true => 0.0,
                false => Curve::linear(from, to, units, t),
            })
            .sum()
    }

    fn linear(from: f64, to: f64, units: f64, t: f64) -> f64 {
        units * ((t - from) / (to - from)).clamp(0.0, 1.0)
    }

    /// The first minute by which `units` are made (minus infinity for none, infinity when
    /// never). O(periods²), a handful.
    pub fn earliest(&self, units: f64) -> f64 {
        if units <= UNIT_EPS {
            return f64::NEG_INFINITY;
        }
        let mut previous: Option<f64> = None;
        for &b in &self.breaks {
            if let Some(p) = previous {
                let (low, high) = (self.made(p), self.made_before(b));
                if units <= high + UNIT_EPS {
                    // Linear between the two ends: interpolate, rounding up to the end.
                    let t = p + (b - p) * ((units - low) / (high - low)).clamp(0.0, 1.0);
                    return if self.made(t) + UNIT_EPS >= units {
                        t
                    } else {
                        b
                    };
                }
            }
            if units <= self.made(b) + UNIT_EPS {
                return b;
            }
            previous = Some(b);
        }
        f64::INFINITY
    }
}

/// Every kitchen's output curves, for the kitchens and items `supply.csv` limits.
#[derive(Debug, Clone, Default)]
pub(crate) struct Output {
    pub(crate) items: usize,
    /// Indexed by `kitchen * items + item`; empty when nothing is limited.
    pub(crate) curves: Vec<Option<Curve>>,
}

impl Output {
    /// The output the scenario's supply rows give.
    pub fn new(scenario: &Scenario) -> Output {
        let items = scenario.items.len();
        if scenario.supply.is_empty() {
            return Output::default();
        }
        let mut curves: Vec<Option<Curve>> = vec![None; scenario.sites.len() * items];
        for row in &scenario.supply {
            let Some(slot) = curves.get_mut(row.kitchen * items + row.item) else {
                continue;
            };
            let curve = slot.get_or_insert_with(Curve::default);
            let (from, to) = (row.period.start, row.period.end);
            curve.pieces.push((from, to, f64::from(row.quantity)));
            curve.breaks.extend([from, to]);
        }
        for curve in curves.iter_mut().flatten() {
            curve.breaks.sort_by(f64::total_cmp);
            curve.breaks.dedup();
        }
        Output { items, curves }
    }

    /// Whether no kitchen's output is limited.
    pub fn is_unlimited(&self) -> bool {
        self.curves.is_empty()
    }

    /// The output of `item` at `kitchen`, if limited.
    pub fn curve(&self, kitchen: usize, item: usize) -> Option<&Curve> {
        self.curves.get(kitchen * self.items + item)?.as_ref()
    }

    /// The earliest minute a trip could start loading `units` of `item` at one of
    /// `kitchens` and leave with them made (minus infinity when some kitchen is unlimited).
    pub fn ready_bound(
        &self,
        scenario: &Scenario,
        kitchens: impl Iterator<Item = usize>,
        item: usize,
        units: u32,
    ) -> f64 {
        kitchens
            .map(|k| match self.curve(k, item) {
                Some(curve) => curve.earliest(f64::from(units)) - scenario.sites[k].service_min,
                None => f64::NEG_INFINITY,
            })
            .reduce(f64::min)
            .unwrap_or(f64::NEG_INFINITY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(pieces: &[(f64, f64, f64)]) -> Curve {
        let mut breaks: Vec<f64> = pieces.iter().flat_map(|p| [p.0, p.1]).collect();
        breaks.sort_by(f64::total_cmp);
        breaks.dedup();
        Curve {
            pieces: pieces.to_vec(),
            breaks,
        }
    }

    #[test]
    fn output_accrues_evenly_and_adds_up() {
        // 150 an hour from 11:00, plus 20 ready at 11:30 at once.
        let c = curve(&[(660.0, 720.0, 150.0), (690.0, 690.0, 20.0)]);
        assert_eq!(c.made(600.0), 0.0);
        assert_eq!(c.made(675.0), 37.5);
        assert_eq!(c.made(690.0), 95.0);
        assert_eq!(c.made(800.0), 170.0);
        assert_eq!(c.earliest(0.0), f64::NEG_INFINITY);
        assert_eq!(c.earliest(30.0), 672.0);
        // Between 75 (just before 11:30) and 95 (at it): 11:30 itself.
        assert_eq!(c.earliest(80.0), 690.0);
        assert_eq!(c.earliest(170.0), 720.0);
        assert_eq!(c.earliest(171.0), f64::INFINITY);
    }
}
