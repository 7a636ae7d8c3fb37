//! VRPLIB `.vrp` files (the CVRPLIB format): CVRP, and VRPTW with time windows and service
//! times in the DIMACS 2021 convention.

use std::path::Path;

use geo::Coord;
use reliefroute::{Rounding, Scenario, TimeWindow};

use super::{file_stem, is_number, BenchmarkError, Ctx, Customer, Instance};

/// The part of the file being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Coords,
    Demands,
    TimeWindows,
    ServiceTimes,
    Depots,
}

impl Section {
    /// The section a bare keyword line starts, if it is one this reader knows.
    fn named(key: &str) -> Option<Section> {
        match key {
            "NODE_COORD_SECTION" => Some(Section::Coords),
            "DEMAND_SECTION" => Some(Section::Demands),
            "TIME_WINDOW_SECTION" => Some(Section::TimeWindows),
            "SERVICE_TIME_SECTION" => Some(Section::ServiceTimes),
            "DEPOT_SECTION" => Some(Section::Depots),
            _ => None,
        }
    }

    /// The fields of one data row, for error messages (`None` for the depot list).
    fn row_fields(self) -> Option<&'static [&'static str]> {
        match self {
            Section::Coords => Some(&["node", "x", "y"]),
            Section::Demands => Some(&["node", "demand"]),
            Section::TimeWindows => Some(&["node", "earliest", "latest"]),
            Section::ServiceTimes => Some(&["node", "service time"]),
            Section::Header | Section::Depots => None,
        }
    }
}

/// One value per node, each given once, from one section of the file.
struct PerNode<T> {
    section: &'static str,
    values: Vec<Option<T>>,
}

impl<T: Copy> PerNode<T> {
    fn new(section: &'static str, nodes: usize) -> PerNode<T> {
        PerNode {
            section,
            values: vec![None; nodes],
        }
    }

    /// Records node `k`'s value (1-based), which must not have been given before.
    fn set(
        &mut self,
        ctx: &Ctx<'_>,
        line: usize,
        k: usize,
        value: T,
    ) -> Result<(), BenchmarkError> {
        if self.values[k - 1].replace(value).is_some() {
            return Err(ctx.syntax(
                line,
                format!("each node once in {}", self.section),
                &format!("node {k} again"),
            ));
        }
        Ok(())
    }

    /// Every node's value, or an error naming the first node missing.
    fn complete(self, ctx: &Ctx<'_>, what: &str) -> Result<Vec<T>, BenchmarkError> {
        match self.values.iter().position(Option::is_none) {
            Some(k) => Err(ctx.at_end(format!("{} with {what} of node {}", self.section, k + 1))),
            None => Ok(self.values.into_iter().flatten().collect()),
        }
    }
}

/// Parses a VRPLIB file; see [`super::read_vrplib`] for the mapping.
pub(super) fn parse_vrplib(path: &Path, text: &str) -> Result<Scenario, BenchmarkError> {
    let ctx = Ctx::new(path, text);
    let max_nodes = ctx.end_line; // every node needs a line: bounds allocations
    let mut name = None;
    let mut windows_required = false;
    let mut dimension: Option<usize> = None;
    let mut capacity: Option<u32> = None;
    let mut vehicles: Option<u32> = None;
    let mut service_header: Option<(f64, usize)> = None; // (value, line)
    let mut edge_weight_seen = false;
    let mut section = Section::Header;
    let mut coords = PerNode::<Coord<f64>>::new("NODE_COORD_SECTION", 0);
    let mut demands = PerNode::<u32>::new("DEMAND_SECTION", 0);
    let mut windows = PerNode::<TimeWindow>::new("TIME_WINDOW_SECTION", 0);
    let mut services = PerNode::<f64>::new("SERVICE_TIME_SECTION", 0);
    let (mut windows_given, mut services_given) = (false, false);
    let mut depots: Vec<(usize, usize)> = Vec::new(); // (node, line)
    let mut depot_list_closed = false;

    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let tokens: Vec<&str> = trimmed.split_whitespace().collect();
        if section != Section::Header && is_number(tokens[0]) {
            let n = dimension.unwrap_or(0);
            let node_of = |token: &str, what: &str| -> Result<usize, BenchmarkError> {
                match token.parse::<usize>() {
                    Ok(k) if (1..=n).contains(&k) => Ok(k),
                    _ => Err(ctx.syntax(line, format!("{what} between 1 and {n}"), token)),
                }
            };
            if let Some(fields) = section.row_fields() {
                if tokens.len() != fields.len() {
                    return Err(ctx.syntax(
                        line,
                        format!(
                            "{} fields ({}), not {}",
                            fields.len(),
                            fields.join(" "),
                            tokens.len()
                        ),
                        trimmed,
                    ));
                }
            }
            match section {
                Section::Coords => {
                    let k = node_of(tokens[0], "a node number")?;
                    let x = ctx.number(line, "x", tokens[1])?;
                    let y = ctx.number(line, "y", tokens[2])?;
                    coords.set(&ctx, line, k, Coord { x, y })?;
                }
                Section::Demands => {
                    let k = node_of(tokens[0], "a node number")?;
                    let d = ctx.count(line, "the demand", tokens[1])?;
                    demands.set(&ctx, line, k, d)?;
                }
                Section::TimeWindows => {
                    let k = node_of(tokens[0], "a node number")?;
                    let earliest = ctx.non_negative(line, "the earliest time", tokens[1])?;
                    let latest = ctx.non_negative(line, "the latest time", tokens[2])?;
                    if latest < earliest {
                        return Err(ctx.syntax(
                            line,
                            format!("a latest time no earlier than the earliest {earliest}"),
                            tokens[2],
                        ));
                    }
                    windows.set(&ctx, line, k, TimeWindow::new(earliest, latest))?;
                }
                Section::ServiceTimes => {
                    let k = node_of(tokens[0], "a node number")?;
                    let s = ctx.non_negative(line, "the service time", tokens[1])?;
                    services.set(&ctx, line, k, s)?;
                }
                Section::Depots => {
                    for token in &tokens {
                        if depot_list_closed {
                            return Err(ctx.syntax(line, "no depot after -1", token));
                        }
                        if *token == "-1" {
                            depot_list_closed = true;
                            section = Section::Header;
                        } else {
                            depots.push((node_of(token, "a depot node number or -1")?, line));
                        }
                    }
                }
                Section::Header => {}
            }
            continue;
        }

        // A keyword line: `KEY : value`, `KEY: value` or a bare section name.
        let (key, value) = match trimmed.split_once(':') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (tokens[0], None),
        };
        let upper = key.to_ascii_uppercase();
        let starts = Section::named(&upper);
        if section == Section::Depots && !depot_list_closed {
            return Err(ctx.syntax(line, "-1 closing the DEPOT_SECTION", trimmed));
        }
        if section != Section::Header && starts.is_none() && upper != "EOF" {
            return Err(ctx.syntax(line, "a data row or the next section name", trimmed));
        }
        if let Some(next) = starts {
            if dimension.is_none() {
                return Err(ctx.syntax(line, "DIMENSION in the header before the sections", key));
            }
            match next {
                Section::TimeWindows => windows_given = true,
                Section::ServiceTimes => {
                    if let Some((_, at)) = service_header {
                        return Err(ctx.syntax(
                            line,
                            format!(
                                "either the SERVICE_TIME header (line {at}) or a \
                                 SERVICE_TIME_SECTION, not both"
                            ),
                            trimmed,
                        ));
                    }
                    services_given = true;
                }
                Section::Depots if !depots.is_empty() || depot_list_closed => {
                    return Err(ctx.syntax(line, "one DEPOT_SECTION", trimmed));
                }
                _ => {}
            }
            section = next;
            continue;
        }
        let header_value = || {
            value
                .filter(|v| !v.is_empty())
                .ok_or_else(|| ctx.syntax(line, format!("`{key} : value`"), trimmed))
        };
        match upper.as_str() {
            "EOF" => break,
            "NAME" => name = Some(header_value()?.to_string()),
            "TYPE" => {
                let v = header_value()?;
                windows_required = match v.to_ascii_uppercase().as_str() {
                    "CVRP" => false,
                    "CVRPTW" | "VRPTW" => true,
                    _ => {
                        return Err(ctx.unsupported(
                            line,
                            format!("TYPE {v} (this reader handles CVRP, CVRPTW and VRPTW)"),
                        ))
                    }
                };
            }
            "DIMENSION" => {
                let v = header_value()?;
                if dimension.is_some() {
                    return Err(ctx.syntax(line, "DIMENSION once", trimmed));
                }
                let n = match v.parse::<usize>() {
                    Ok(n) if n >= 2 => n,
                    _ => return Err(ctx.syntax(line, "a DIMENSION of at least 2", v)),
                };
                if n > max_nodes {
                    return Err(ctx.syntax(
                        line,
                        format!(
                            "a DIMENSION the file can hold (it has {} lines)",
                            max_nodes - 1
                        ),
                        v,
                    ));
                }
                dimension = Some(n);
                coords = PerNode::new("NODE_COORD_SECTION", n);
                demands = PerNode::new("DEMAND_SECTION", n);
                windows = PerNode::new("TIME_WINDOW_SECTION", n);
                services = PerNode::new("SERVICE_TIME_SECTION", n);
            }
            "CAPACITY" => capacity = Some(ctx.count(line, "CAPACITY", header_value()?)?),
            "VEHICLES" => {
                let v = header_value()?;
                let count = ctx.count(line, "VEHICLES", v)?;
                if count == 0 {
                    return Err(ctx.syntax(line, "at least 1 vehicle for VEHICLES", v));
                }
                vehicles = Some(count);
            }
            "SERVICE_TIME" => {
                let v = header_value()?;
                if services_given {
                    return Err(ctx.syntax(
                        line,
                        "either the SERVICE_TIME header or a SERVICE_TIME_SECTION, not both",
                        trimmed,
                    ));
                }
                service_header = Some((ctx.non_negative(line, "SERVICE_TIME", v)?, line));
            }
            "DISTANCE" => {
                return Err(ctx.unsupported(
                    line,
                    format!("DISTANCE {} (a maximum route length)", header_value()?),
                ));
            }
            "EDGE_WEIGHT_TYPE" => {
                let v = header_value()?;
                if !v.eq_ignore_ascii_case("EUC_2D") {
                    return Err(ctx.unsupported(
                        line,
                        format!("EDGE_WEIGHT_TYPE {v} (this reader handles EUC_2D only)"),
                    ));
                }
                edge_weight_seen = true;
            }
            other if other.ends_with("_SECTION") => {
                return Err(ctx.unsupported(line, format!("section {key}")));
            }
            _ if value.is_some() => {} // COMMENT and other header lines this reader ignores
            _ => {
                return Err(ctx.syntax(
                    line,
                    "a `KEY : value` header line or a section name",
                    trimmed,
                ))
            }
        }
    }

    let n = dimension.ok_or_else(|| ctx.at_end("a DIMENSION header line"))?;
    let capacity = capacity.ok_or_else(|| ctx.at_end("a CAPACITY header line"))?;
    if !edge_weight_seen {
        return Err(ctx.at_end("an EDGE_WEIGHT_TYPE : EUC_2D header line"));
    }
    let coords = coords.complete(&ctx, "the coordinates")?;
    let demands = demands.complete(&ctx, "the demand")?;
    if windows_required && !windows_given {
        return Err(ctx.at_end("a TIME_WINDOW_SECTION (the TYPE has time windows)"));
    }
    let windows = windows_given
        .then(|| windows.complete(&ctx, "the time window"))
        .transpose()?;
    let services = services_given
        .then(|| services.complete(&ctx, "the service time"))
        .transpose()?;
    let depot = match depots.as_slice() {
        [] => return Err(ctx.at_end("a DEPOT_SECTION naming the depot")),
        [(node, _)] => *node - 1,
        [_, (_, line), ..] => {
            return Err(ctx.unsupported(*line, "more than one depot".to_string()));
        }
    };
    if !depot_list_closed {
        return Err(ctx.at_end("-1 closing the DEPOT_SECTION"));
    }

    // Service at node k (0-based): the section's value, else the header's at customers.
    let service = |k: usize| match (&services, service_header) {
        (Some(s), _) => s[k],
        (None, Some((s, _))) if k != depot => s,
        _ => 0.0,
    };
    let window = |k: usize| windows.as_ref().map_or(TimeWindow::ALWAYS, |w| w[k]);
    let customers = (0..n)
        .filter(|&k| k != depot)
        .map(|k| Customer {
            name: format!("node {}", k + 1),
            location: coords[k],
            demand: demands[k],
            window: window(k),
            service: service(k),
        })
        .collect::<Vec<_>>();
    let unlimited = u32::try_from(customers.len()).unwrap_or(u32::MAX);
    Ok(Instance {
        name: name.unwrap_or_else(|| file_stem(path)),
        depot: coords[depot],
        depot_hours: window(depot),
        depot_service: service(depot),
        customers,
        vehicles: vehicles.unwrap_or(unlimited),
        capacity,
        rounding: if windows.is_some() {
            Rounding::TruncateOneDecimal
        } else {
            Rounding::NearestInteger
        },
    }
    .into_scenario())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reliefroute::TravelModel;

    fn p() -> &'static Path {
        Path::new("mem.vrp")
    }

    /// Two customers, windows and one service time for all, as in the Gehring-Homberger files.
    const TINY_TW: &str = "NAME : T\nTYPE : CVRPTW\nDIMENSION : 3\nVEHICLES : 2\n\
        CAPACITY : 10\nSERVICE_TIME : 90\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n\
        1 0 0\n2 3 4\n3 6 8\nDEMAND_SECTION\n1 0\n2 4\n3 5\nTIME_WINDOW_SECTION\n\
        1 0 1000\n2 10 20\n3 0 50\nDEPOT_SECTION\n1\n-1\nEOF\n";

    fn err(text: &str) -> BenchmarkError {
        match parse_vrplib(p(), text) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn time_windows_service_and_vehicles() {
        let s = parse_vrplib(p(), TINY_TW).unwrap();
        assert_eq!(s.fleet.len(), 2);
        assert_eq!(s.fleet[0].shift, TimeWindow::new(0.0, 1000.0));
        assert_eq!(s.sites[0].hours, TimeWindow::new(0.0, 1000.0));
        assert_eq!(s.sites[0].service_min, 0.0);
        assert_eq!(s.sites[1].service_min, 90.0);
        assert_eq!(s.orders[0].window, TimeWindow::new(10.0, 20.0));
        assert_eq!(s.travel, TravelModel::Planar(Rounding::TruncateOneDecimal));
    }

    #[test]
    fn service_time_section_gives_each_node_its_own() {
        let text = TINY_TW.replace("SERVICE_TIME : 90\n", "").replace(
            "DEPOT_SECTION",
            "SERVICE_TIME_SECTION\n1 0\n2 7\n3 8.5\nDEPOT_SECTION",
        );
        let s = parse_vrplib(p(), &text).unwrap();
        let service: Vec<f64> = s.sites.iter().map(|s| s.service_min).collect();
        assert_eq!(service, vec![0.0, 7.0, 8.5]);
        // Both the header and the section: which one is meant is unclear.
        let both = text.replace("CAPACITY : 10\n", "CAPACITY : 10\nSERVICE_TIME : 90\n");
        let e = err(&both);
        assert!(e.to_string().contains("not both"), "{e}");
        assert!(e.to_string().starts_with("mem.vrp:"), "{e}");
        // A node missing from the section.
        let e = err(&text.replace("3 8.5\n", ""));
        assert!(
            e.to_string()
                .contains("SERVICE_TIME_SECTION with the service time of node 3"),
            "{e}"
        );
    }

    #[test]
    fn without_windows_the_fleet_is_unlimited_and_arcs_are_integers() {
        let text = TINY_TW
            .replace("CVRPTW", "CVRP")
            .replace("VEHICLES : 2\n", "")
            .replace("TIME_WINDOW_SECTION\n1 0 1000\n2 10 20\n3 0 50\n", "");
        let s = parse_vrplib(p(), &text).unwrap();
        assert_eq!(s.travel, TravelModel::Planar(Rounding::NearestInteger));
        assert_eq!(s.fleet.len(), 2);
        assert_eq!(s.orders[1].window, TimeWindow::ALWAYS);
        assert_eq!(s.sites[2].service_min, 90.0);
    }

    #[test]
    fn bad_windows_and_headers_name_line_and_field() {
        let cases = [
            (
                TINY_TW.replace("2 10 20", "2 20 10"),
                18,
                "latest time no earlier",
            ),
            (
                TINY_TW.replace("2 10 20", "2 10"),
                18,
                "3 fields (node earliest latest)",
            ),
            (TINY_TW.replace("2 10 20", "2 ten 20"), 18, "earliest time"),
            (
                TINY_TW.replace("3 0 50", "2 0 50"),
                19,
                "each node once in TIME_WINDOW_SECTION",
            ),
            (
                TINY_TW.replace("VEHICLES : 2", "VEHICLES : 0"),
                4,
                "at least 1 vehicle",
            ),
            (
                TINY_TW.replace("VEHICLES : 2", "VEHICLES : two"),
                4,
                "VEHICLES",
            ),
            (
                TINY_TW.replace("SERVICE_TIME : 90", "SERVICE_TIME : -1"),
                6,
                "SERVICE_TIME",
            ),
            (TINY_TW.replace("3 0 50\n", ""), 23, "window of node 3"),
            (
                TINY_TW.replace("TIME_WINDOW_SECTION\n1 0 1000\n2 10 20\n3 0 50\n", ""),
                20,
                "TIME_WINDOW_SECTION (the TYPE has time windows)",
            ),
        ];
        for (text, line, says) in cases {
            let e = err(&text);
            assert!(
                matches!(e, BenchmarkError::Syntax { line: l, .. } if l == line),
                "{says}: {e}"
            );
            assert!(e.to_string().contains(says), "{e}");
        }
        let e = err(&TINY_TW.replace("VEHICLES : 2", "DISTANCE : 200"));
        assert!(
            matches!(e, BenchmarkError::Unsupported { line: 4, .. }),
            "{e}"
        );
        let e = err(&TINY_TW.replace("CVRPTW", "PDPTW"));
        assert!(
            matches!(e, BenchmarkError::Unsupported { line: 2, .. }),
            "{e}"
        );
    }
}
