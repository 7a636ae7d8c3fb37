//! Duration and time warp of a sequence of timed visits, merged in O(1).
//!
//! A [`TimeSeg`] summarises visits that each start within a window and last a while, joined by
//! travel: the least total duration (travel, service and the waiting it cannot avoid), the
//! time warp it cannot avoid (how late it must be somewhere, summed), and the interval of
//! start times that achieves both. Two summaries and the travel between them merge into the
//! summary of the whole (Vidal et al. 2013; PyVRP's `DurationSegment`), so a changed route is
//! priced from the unchanged parts' summaries instead of being walked again.

/// Times beyond this many minutes from midnight stand for "unbounded": keeping them finite
/// keeps every sum and difference of the algebra free of `inf - inf`.
pub(crate) const HORIZON: f64 = 1e9;

/// The timing summary of a sequence of visits (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TimeSeg {
    /// Least duration from the first visit's start to the last visit's end.
    pub dur: f64,
    /// Least time warp: minutes that would have to be undone to meet every window.
    pub warp: f64,
    /// Earliest start of the first visit that needs no waiting beyond `dur`.
    pub early: f64,
    /// Latest start of the first visit that adds no time warp.
    pub late: f64,
}

impl TimeSeg {
    /// One visit starting within `[open, close]` and lasting `service` minutes. An empty
    /// window (`open > close`) is met only by warping back `open - close`.
    pub fn visit(open: f64, close: f64, service: f64) -> TimeSeg {
        let (open, close) = (bounded(open), bounded(close));
        TimeSeg {
            dur: service,
            warp: (open - close).max(0.0),
            early: open,
            late: close.max(open),
        }
    }

    /// A visit with no window and no duration: a point the sequence passes through.
    pub const PASS: TimeSeg = TimeSeg {
        dur: 0.0,
        warp: 0.0,
        early: -HORIZON,
        late: HORIZON,
    };

    /// This sequence, then `travel` minutes, then `next`.
    #[inline]
    pub fn then(&self, travel: f64, next: &TimeSeg) -> TimeSeg {
        let at_next = self.dur - self.warp + travel;
        let wait = (next.early - at_next - self.late).max(0.0);
        let warp = (self.early + at_next - next.late).max(0.0);
        TimeSeg {
            dur: self.dur + next.dur + travel + wait,
            warp: self.warp + next.warp + warp,
            early: (next.early - at_next).max(self.early) - wait,
            late: (next.late - at_next).min(self.late) + warp,
        }
    }
}

/// `x` clamped to `[-HORIZON, HORIZON]` (infinite windows and travel become finite).
#[inline]
pub(crate) fn bounded(x: f64) -> f64 {
    x.clamp(-HORIZON, HORIZON)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force: the least duration and warp over start times on a fine grid, visiting
    /// each stop as early as possible and warping back to its close when late.
    fn brute(visits: &[(f64, f64, f64)], travel: f64) -> (f64, f64) {
        let mut best = (f64::INFINITY, f64::INFINITY);
        for s in 0..=4000 {
            let start = s as f64 * 0.25 - 200.0;
            let (mut time, mut warp) = (start, 0.0);
            let mut first = true;
            let mut begin = start;
            for &(open, close, service) in visits {
                if !first {
                    time += travel;
                }
                time = time.max(open);
                if first {
                    begin = time;
                    first = false;
                }
                if time > close {
                    warp += time - close;
                    time = close;
                }
                time += service;
            }
            let dur = time - begin + warp;
            if (warp, dur) < best {
                best = (warp, dur);
            }
        }
        (best.1, best.0)
    }

    #[test]
    fn merged_summaries_match_a_brute_force_schedule() {
        let mut rng = crate::solver::rng::Rng::new(7);
        for _ in 0..300 {
            let n = 1 + rng.below(5);
            let visits: Vec<(f64, f64, f64)> = (0..n)
                .map(|_| {
                    let open = (rng.below(400) as f64) - 100.0;
                    let close = open + rng.below(120) as f64;
                    (open, close, rng.below(10) as f64)
                })
                .collect();
            let travel = rng.below(30) as f64;
            let seg = visits[1..].iter().fold(
                TimeSeg::visit(visits[0].0, visits[0].1, visits[0].2),
                |acc, &(o, c, s)| acc.then(travel, &TimeSeg::visit(o, c, s)),
            );
            let (dur, warp) = brute(&visits, travel);
            assert!(
                (seg.warp - warp).abs() < 1e-6,
                "{visits:?}: {seg:?} vs {warp}"
            );
            assert!((seg.dur - dur).abs() < 1e-6, "{visits:?}: {seg:?} vs {dur}");
        }
    }

    #[test]
    fn merging_is_associative() {
        let a = TimeSeg::visit(10.0, 20.0, 5.0);
        let b = TimeSeg::visit(40.0, 45.0, 2.0);
        let c = TimeSeg::visit(0.0, 50.0, 3.0);
        let left = a.then(4.0, &b).then(6.0, &c);
        let right = a.then(4.0, &b.then(6.0, &c));
        assert_eq!(left, right);
    }
}
