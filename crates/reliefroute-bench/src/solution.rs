//! VRPLIB solution files (`.sol`), the format CVRPLIB and PyVRP publish best-known
//! solutions in: one `Route #k: c1 c2 ...` line per route (customers numbered from 1, the
//! depot implicit at both ends), then `Cost X`.
//!
//! `reliefroute bench --solutions DIR` writes one per instance so that other tools can check
//! a result; [`read_solution`] reads them back (and the best-known files of the data sets).

use std::path::Path;

use reliefroute::{Plan, Rounding, Scenario, TravelModel};

use crate::read::{read_text, BenchmarkError, Ctx};

/// A solution in VRPLIB terms: routes of customer numbers and their total cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// One list of customers per route, in visiting order. Customer `k` is site `k` of the
    /// scenario the benchmark readers make (node `k + 1` of a VRPLIB file whose depot is
    /// node 1; row `k` of a Solomon file).
    pub routes: Vec<Vec<usize>>,
    /// Total distance, in the instance's rounding convention.
    pub cost: f64,
}

impl Solution {
    /// The routes of `plan` (one per trip that visits a customer), planned for `scenario`
    /// (a benchmark instance), with the plan's distance as the cost. The cost is given to
    /// the precision of the scenario's rounding (an integer for nearest-integer arcs, one
    /// decimal for DIMACS arcs), so that it reads as the sum of the rounded arcs.
    pub fn from_plan(scenario: &Scenario, plan: &Plan) -> Solution {
        let routes = plan
            .routes
            .iter()
            .flat_map(|r| &r.trips)
            .filter(|t| !t.stops.is_empty())
            .map(|t| t.stops.iter().map(|s| s.site).collect())
            .collect();
        let distance: f64 = plan.routes.iter().map(|r| r.distance_km()).sum();
        let decimals = match scenario.travel {
            TravelModel::Planar(Rounding::NearestInteger) => 0,
            TravelModel::Planar(Rounding::TruncateOneDecimal) => 1,
            _ => 6,
        };
        let scale = 10f64.powi(decimals);
        Solution {
            routes,
            cost: (distance * scale).round() / scale,
        }
    }

    /// The solution as the text of a `.sol` file.
    pub fn to_vrplib(&self) -> String {
        let mut text = String::new();
        for (k, route) in self.routes.iter().enumerate() {
            let customers: Vec<String> = route.iter().map(usize::to_string).collect();
            text.push_str(&format!("Route #{}: {}\n", k + 1, customers.join(" ")));
        }
        text.push_str(&format!("Cost {}\n", self.cost));
        text
    }
}

/// Reads a VRPLIB `.sol` file: `Route #k: c1 c2 ...` lines numbered from 1 in order, with
/// customer numbers from 1, then one `Cost X` line; blank lines are skipped. Anything else is
/// a [`BenchmarkError`] naming the file and line.
pub fn read_solution(path: &Path) -> Result<Solution, BenchmarkError> {
    let text = read_text(path)?;
    parse_solution(path, &text)
}

fn parse_solution(path: &Path, text: &str) -> Result<Solution, BenchmarkError> {
    let ctx = Ctx::new(path, text);
    let mut routes = Vec::new();
    let mut cost = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (word, rest) =
            trimmed.split_at(trimmed.find(char::is_whitespace).unwrap_or(trimmed.len()));
        if cost.is_some() {
            return Err(ctx.syntax(line, "nothing after the Cost line", trimmed));
        }
        if word.eq_ignore_ascii_case("route") {
            let number = format!("#{}", routes.len() + 1);
            let customers = match rest.trim_start().split_once(':') {
                Some((label, customers)) if label.trim() == number => customers,
                _ => {
                    return Err(ctx.syntax(
                        line,
                        format!("`Route {number}: customers...` (routes are numbered from 1)"),
                        trimmed,
                    ))
                }
            };
            let route = customers
                .split_whitespace()
                .map(|c| match c.parse::<usize>() {
                    Ok(k) if k >= 1 => Ok(k),
                    _ => Err(ctx.syntax(line, "a customer number of at least 1", c)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            routes.push(route);
        } else if word.eq_ignore_ascii_case("cost") {
            cost = Some(ctx.non_negative(line, "the cost", rest.trim())?);
        } else {
            return Err(ctx.syntax(line, "a `Route #k:` line or the `Cost` line", trimmed));
        }
    }
    Ok(Solution {
        routes,
        cost: cost.ok_or_else(|| ctx.at_end("a `Cost` line"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("mem.sol")
    }

    #[test]
    fn text_round_trips() {
        let solution = Solution {
            routes: vec![vec![3, 5, 7], vec![1], vec![2, 4, 6]],
            cost: 2694.3,
        };
        let text = solution.to_vrplib();
        assert_eq!(
            text,
            "Route #1: 3 5 7\nRoute #2: 1\nRoute #3: 2 4 6\nCost 2694.3\n"
        );
        assert_eq!(parse_solution(p(), &text).unwrap(), solution);
        let integer = Solution {
            routes: vec![vec![1]],
            cost: 27591.0,
        };
        assert!(integer.to_vrplib().ends_with("Cost 27591\n"));
    }

    #[test]
    fn published_files_with_trailing_spaces_parse() {
        let s =
            parse_solution(p(), "Route #1: 20 41 \r\nRoute #2: 21 \r\nCost 2694.3\r\n").unwrap();
        assert_eq!(s.routes, vec![vec![20, 41], vec![21]]);
        assert_eq!(s.cost, 2694.3);
    }

    #[test]
    fn malformed_solutions_name_the_line() {
        let cases = [
            ("Route #1: 1 x\nCost 3\n", 1, "customer number"),
            ("Route #1: 1\nRoute #3: 2\nCost 3\n", 2, "Route #2"),
            ("Route #1: 0\nCost 3\n", 1, "at least 1"),
            ("Route #1: 1\nCost three\n", 2, "cost"),
            ("Route #1: 1\nCost 3\nRoute #2: 2\n", 3, "after the Cost"),
            ("Routes 1 2\nCost 3\n", 1, "Route #k"),
            ("Route #1: 1\n", 2, "Cost"),
        ];
        for (text, line, says) in cases {
            let e = parse_solution(p(), text).unwrap_err();
            assert!(
                matches!(e, BenchmarkError::Syntax { line: l, .. } if l == line),
                "{text:?}: {e}"
            );
            assert!(e.to_string().contains(says), "{text:?}: {e}");
            assert!(
                e.to_string().starts_with(&format!("mem.sol:{line}:")),
                "{e}"
            );
        }
    }
}
