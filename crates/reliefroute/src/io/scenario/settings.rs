//! The optional `scenario.toml`: the scenario's name, travel (straight lines or a road network),
//! defaults for the sites and solver defaults.

use serde::Deserialize;
use toml::Spanned;

use crate::model::{Objective, SolverSettings, TravelModel};

use super::error::InputError;

/// The file name.
pub(super) const FILE: &str = "scenario.toml";

/// What `scenario.toml` says, with defaults for what it leaves out.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Settings {
    /// The `name` key, if given.
    pub name: Option<String>,
    /// How travel is measured.
    pub travel: TravelModel,
    /// Solver defaults.
    pub solver: SolverSettings,
    /// The road network keys, when `[network] file` is given.
    pub network: Option<NetworkKeys>,
    /// `[sites] max_wait_min`: the waiting limit of sites without their own.
    pub max_wait_min: Option<f64>,
}

/// `[network] file`, `closures` and `snap_limit_m` as written (paths relative to the folder).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NetworkKeys {
    /// The network file and the line of its key.
    pub file: (String, usize),
    /// The closures file and the line of its key.
    pub closures: Option<(String, usize)>,
    /// The snap limit in metres.
    pub snap_limit_m: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: Option<Spanned<String>>,
    network: Option<RawNetwork>,
    sites: Option<RawSites>,
    solver: Option<RawSolver>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSites {
    max_wait_min: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    file: Option<Spanned<toml::Value>>,
    closures: Option<Spanned<toml::Value>>,
    detour_factor: Option<Spanned<f64>>,
    snap_limit_m: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSolver {
    strategy: Option<Spanned<String>>,
    seconds: Option<Spanned<f64>>,
    seed: Option<u64>,
    objective: Option<Spanned<String>>,
}

/// The 1-based line of a byte offset in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()
        .get(..offset)
        .map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1)
}

/// The `[table]` header in force at `line` (1-based), if any, for naming keys.
fn table_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line.saturating_sub(1))
        .filter_map(|l| {
            let l = l.trim();
            let inner = l.strip_prefix('[')?;
            if inner.starts_with('[') {
                return None;
            }
            let end = inner.find(']')?;
            inner.get(..end).map(|t| t.trim().to_string())
        })
        .last()
}

/// Parses the text of `scenario.toml`, recording every problem found.
pub(super) fn parse_settings(text: &str, errors: &mut Vec<InputError>) -> Settings {
    let mut settings = Settings::default();
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            errors.push(syntax_error(text, &e));
            return settings;
        }
    };
    let at = |span: std::ops::Range<usize>, key: &str, message: String| {
        InputError::new(FILE, message)
            .with_line(line_of(text, span.start))
            .with_column(key)
    };
    if let Some(name) = raw.name {
        let span = name.span();
        let name = name.into_inner();
        if name.trim().is_empty() {
            errors.push(at(
                span,
                "name",
                "is empty; expected a name for reports, or leave the key out to use the folder name"
                    .to_string(),
            ));
        } else {
            settings.name = Some(name.trim().to_string());
        }
    }
    if let Some(network) = raw.network {
        let mut paths: Vec<Option<(String, usize)>> = Vec::new();
        for (key, value, expected) in [
            (
                "network.file",
                network.file,
                "a road network file name: an OpenStreetMap extract (.osm.pbf) or an edge list \
                 (edges.csv, with nodes.csv beside it)",
            ),
            (
                "network.closures",
                network.closures,
                "a GeoJSON file name (closures.geojson) of closed areas and roads",
            ),
        ] {
            paths.push(value.and_then(|value| {
                let span = value.span();
                let line = line_of(text, span.start);
                match value.get_ref() {
                    toml::Value::String(s) if !s.trim().is_empty() => {
                        let lower = s.to_ascii_lowercase();
                        if key == "network.file"
                            && !(lower.ends_with(".pbf") || lower.ends_with(".csv"))
                        {
                            errors.push(
                                at(
                                    span,
                                    key,
                                    format!("has an unknown format; expected {expected}"),
                                )
                                .with_value(s.clone()),
                            );
                            None
                        } else {
                            Some((s.trim().to_string(), line))
                        }
                    }
                    other => {
                        errors.push(
                            at(
                                span,
                                key,
                                format!("is not a file name; expected {expected}"),
                            )
                            .with_value(other.to_string()),
                        );
                        None
                    }
                }
            }));
        }
        let closures = paths.pop().flatten();
        let file = paths.pop().flatten();
        let mut snap_limit_m = None;
        if let Some(limit) = network.snap_limit_m {
            let span = limit.span();
            let limit = *limit.get_ref();
            if limit.is_finite() && limit > 0.0 {
                snap_limit_m = Some(limit);
            } else {
                errors.push(
                    at(
                        span,
                        "network.snap_limit_m",
                        "is out of range; expected the largest distance in metres from a site \
                         to its road, above 0 (1000 by default)"
                            .to_string(),
                    )
                    .with_value(limit.to_string()),
                );
            }
        }
        match file {
            Some(file) => {
                settings.network = Some(NetworkKeys {
                    file,
                    closures,
                    snap_limit_m,
                })
            }
            None => {
                if let Some((closures, line)) = closures {
                    errors.push(
                        InputError::new(
                            FILE,
                            "closures need a road network; expected [network] file as well",
                        )
                        .with_line(line)
                        .with_column("network.closures")
                        .with_value(closures),
                    );
                }
            }
        }
        if let Some(factor) = network.detour_factor {
            let span = factor.span();
            let factor = *factor.get_ref();
            if factor.is_finite() && factor > 0.0 {
                settings.travel = TravelModel::GreatCircle {
                    detour_factor: factor,
                };
            } else {
                errors.push(
                    at(
                        span,
                        "network.detour_factor",
                        "is out of range; expected a ratio of road to straight-line distance \
                         above 0 (usually 1 or more, 1.3 by default)"
                            .to_string(),
                    )
                    .with_value(factor.to_string()),
                );
            }
        }
    }
    if let Some(limit) = raw.sites.and_then(|s| s.max_wait_min) {
        let span = limit.span();
        let limit = *limit.get_ref();
        if crate::model::rules::MAX_WAIT_MIN.holds(limit) {
            settings.max_wait_min = Some(limit);
        } else {
            errors.push(
                at(
                    span,
                    "sites.max_wait_min",
                    format!(
                        "is out of range; expected {} (the limit of every site without its own)",
                        crate::model::rules::MAX_WAIT_MIN.expected
                    ),
                )
                .with_value(limit.to_string()),
            );
        }
    }
    if let Some(solver) = raw.solver {
        if let Some(strategy) = solver.strategy {
            let span = strategy.span();
            let strategy = strategy.into_inner();
            if strategy.trim().is_empty() {
                errors.push(at(
                    span,
                    "solver.strategy",
                    "is empty; expected a strategy name such as nearest or search".to_string(),
                ));
            } else if !crate::solver::strategy_names().contains(&strategy.trim()) {
                errors.push(
                    at(
                        span,
                        "solver.strategy",
                        format!(
                            "is not a strategy; expected one of: {}",
                            crate::solver::strategy_names().join(", ")
                        ),
                    )
                    .with_value(strategy.trim().to_string()),
                );
            } else {
                settings.solver.strategy = Some(strategy.trim().to_string());
            }
        }
        if let Some(seconds) = solver.seconds {
            let span = seconds.span();
            let seconds = *seconds.get_ref();
            if seconds.is_finite() && seconds > 0.0 {
                settings.solver.seconds = Some(seconds);
            } else {
                errors.push(
                    at(
                        span,
                        "solver.seconds",
                        "is out of range; expected a time budget in seconds above 0".to_string(),
                    )
                    .with_value(seconds.to_string()),
                );
            }
        }
        settings.solver.seed = solver.seed;
        if let Some(objective) = solver.objective {
            let span = objective.span();
            let objective = objective.into_inner();
            match Objective::parse(&objective) {
                Some(o) => settings.solver.objective = o,
                None => errors.push(
                    at(
                        span,
                        "solver.objective",
                        "is not an objective; expected couriers-first, distance or balanced"
                            .to_string(),
                    )
                    .with_value(objective),
                ),
            }
        }
    }
    settings
}

/// A TOML syntax or type error, located by its span when it has one.
fn syntax_error(text: &str, e: &toml::de::Error) -> InputError {
    let message = e.message().trim().to_string();
    let mut error = InputError::new(FILE, format!("is not valid: {message}"));
    if let Some(span) = e.span() {
        let line = line_of(text, span.start);
        error = error.with_line(line);
        // An unknown key's span covers the key itself: name it, with its table.
        let key = text.get(span).map(str::trim).unwrap_or("");
        let bare = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if bare && message.starts_with("unknown field") {
            let key = match table_at(text, line) {
                Some(table) if !key.contains('.') => format!("{table}.{key}"),
                _ => key.to_string(),
            };
            error = error.with_column(key);
        }
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Settings, Vec<InputError>) {
        let mut errors = Vec::new();
        let settings = parse_settings(text, &mut errors);
        (settings, errors)
    }

    #[test]
    fn reads_all_keys() {
        let (s, errors) = parse(
            "name = \"Lunch\"\n[network]\ndetour_factor = 1.5\n[solver]\nstrategy = \"search\"\n\
             seconds = 10\nseed = 7\nobjective = \"distance\"\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.name.as_deref(), Some("Lunch"));
        assert_eq!(s.travel, TravelModel::GreatCircle { detour_factor: 1.5 });
        assert_eq!(s.solver.strategy.as_deref(), Some("search"));
        assert_eq!(s.solver.seconds, Some(10.0));
        assert_eq!(s.solver.seed, Some(7));
        assert_eq!(s.solver.objective, Objective::Distance);
    }

    #[test]
    fn empty_file_means_defaults() {
        let (s, errors) = parse("");
        assert!(errors.is_empty());
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn unknown_key_is_located() {
        let (_, errors) = parse("name = \"x\"\n\n[network]\ndetour_facter = 1.2\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(4));
        assert_eq!(errors[0].column.as_deref(), Some("network.detour_facter"));
        assert!(errors[0].message.contains("unknown field"), "{}", errors[0]);
    }

    #[test]
    fn syntax_error_has_line() {
        let (_, errors) = parse("name = \"x\"\n[solver\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn semantic_errors_are_all_reported() {
        let (_, errors) = parse(
            "[network]\nfile = \"roads.shp\"\nclosures = 3\ndetour_factor = 0\n\
             [solver]\nseconds = -1\nobjective = \"fast\"\n",
        );
        let keys: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.column.clone().unwrap_or_default()))
            .collect();
        assert_eq!(
            keys,
            vec![
                (Some(2), "network.file".to_string()),
                (Some(3), "network.closures".to_string()),
                (Some(4), "network.detour_factor".to_string()),
                (Some(6), "solver.seconds".to_string()),
                (Some(7), "solver.objective".to_string()),
            ]
        );
        assert_eq!(errors[0].value.as_deref(), Some("roads.shp"));
    }

    #[test]
    fn network_keys() {
        let (s, errors) = parse(
            "[network]\nfile = \"roads.osm.pbf\"\nclosures = \"c.geojson\"\nsnap_limit_m = 250\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let keys = s.network.expect("network keys");
        assert_eq!(keys.file, ("roads.osm.pbf".to_string(), 2));
        assert_eq!(keys.closures, Some(("c.geojson".to_string(), 3)));
        assert_eq!(keys.snap_limit_m, Some(250.0));
        let (_, errors) = parse("[network]\nclosures = \"c.geojson\"\nsnap_limit_m = 0\n");
        let columns: Vec<_> = errors.iter().filter_map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, ["network.snap_limit_m", "network.closures"]);
    }

    #[test]
    fn wrong_type_is_reported() {
        let (_, errors) = parse("[solver]\nseed = -3\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
    }
}
