//! Reading a scenario folder (version 1, see `DESIGN.md`): `sites.csv`, `orders.csv`,
//! `fleet.csv`, the optional `supply.csv` and the optional `scenario.toml`, with thorough
//! validation.
//!
//! Every problem is collected, across all files where it makes sense (orders are still checked
//! when `sites.csv` has problems, for everything that does not need the sites), and returned
//! together in a [`ScenarioError`] with file, line, column and offending text.

mod error;
mod settings;
mod table;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use geo::Coord;

use crate::model::rules::{self, SiteRole, Sources, CAPACITY_EXPECTED};
use crate::model::{
    Break, NetworkSettings, Order, Scenario, Site, SiteKind, Supply, TimeWindow, Vehicle,
    DEFAULT_SNAP_LIMIT_M,
};

pub use error::{InputError, ScenarioError};
use table::{read_table, Source, Table, TableSpec};

const SITES: TableSpec = TableSpec {
    file: "sites.csv",
    required: &["id", "kind", "lat", "lon"],
    optional: &[
        "name",
        "service_min",
        "open",
        "close",
        "requires",
        "max_wait_min",
    ],
};

const ORDERS: TableSpec = TableSpec {
    file: "orders.csv",
    required: &["id", "site", "item", "quantity"],
    optional: &[
        "earliest",
        "latest",
        "windows",
        "kitchen",
        "ready",
        "max_ride_min",
        "priority",
        "requires",
        "courier",
    ],
};

const FLEET: TableSpec = TableSpec {
    file: "fleet.csv",
    required: &["id", "base", "capacity", "speed_kmh"],
    optional: &[
        "kind",
        "shift_start",
        "shift_end",
        "max_trips",
        "skills",
        "breaks",
        "max_work_min",
    ],
};

const SUPPLY: TableSpec = TableSpec {
    file: "supply.csv",
    required: &["kitchen", "item", "from", "to", "quantity"],
    optional: &[],
};

/// Where a folder's sites and couriers come from, for messages.
const FILES: Sources = Sources {
    sites: "sites.csv",
    fleet: "fleet.csv",
};

const FILE_ORDER: [&str; 5] = [
    "sites.csv",
    "orders.csv",
    "fleet.csv",
    "supply.csv",
    settings::FILE,
];

/// The distance in kilometres beyond which a site with no other site nearer is reported as
/// a likely typo (a latitude of 2.659 for 26.59, or 0,0 for a missing value): relief work
/// in one scenario spans a city or a district, not hundreds of kilometres.
pub const FAR_SITE_KM: f64 = 200.0;

/// A scenario read from a folder, with the warnings found while reading it: things that
/// are allowed but probably not meant (an orders file with a header and no rows, a site far
/// from every other site). `plan` prints them on stderr and `check` lists them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LoadedScenario {
    /// The scenario.
    pub scenario: Scenario,
    /// Warnings, in file and line order, in the same shape as errors.
    pub warnings: Vec<InputError>,
}

/// Reads and validates the scenario folder `dir`; see [`load_scenario_with_warnings`],
/// which also returns the warnings found.
///
/// # Errors
///
/// A [`ScenarioError`] listing every problem found, sorted by file and line.
pub fn load_scenario(dir: &Path) -> Result<Scenario, ScenarioError> {
    load_scenario_with_warnings(dir).map(|loaded| loaded.scenario)
}

/// Reads and validates the scenario folder `dir`.
///
/// `dir` must hold `sites.csv`, `orders.csv` and `fleet.csv`, and may hold `supply.csv`
/// (kitchen output over time) and `scenario.toml`.
/// Columns are found by header name in any order and empty optional cells take their
/// defaults. A column the planner does not read is an error when its name is a near
/// misspelling of one it reads (`courrier`, `max_ride`); any other is kept per row
/// (`extra`), carried to `routes.csv`, and noted in a warning. Items are numbered in first-seen order: fleet
/// capacities first (in fleet file order), then items only orders mention.
///
/// # Errors
///
/// A [`ScenarioError`] listing every problem found, sorted by file and line. Every file
/// must be a regular file of at most [`crate::MAX_INPUT_BYTES`]; an empty CSV file (no
/// header) is an error naming it.
pub fn load_scenario_with_warnings(dir: &Path) -> Result<LoadedScenario, ScenarioError> {
    let mut errors = Vec::new();
    if !dir.is_dir() {
        let message = if dir.exists() {
            "is not a folder; expected a scenario folder holding sites.csv, orders.csv and fleet.csv"
        } else {
            "scenario folder not found; expected a folder holding sites.csv, orders.csv and fleet.csv"
        };
        errors.push(InputError::new(dir.display().to_string(), message));
        return Err(ScenarioError::new(errors));
    }
    load(Source::Folder(dir))
}

/// Reads and validates a scenario held in memory as [`load_scenario_with_warnings`] reads a
/// folder: `files` are (name, bytes) with the names of a folder's files (`sites.csv`,
/// `orders.csv`, `fleet.csv`, optionally `scenario.toml`), and `name` stands for the folder
/// in messages and as the default scenario name. Network files that `scenario.toml` names
/// must be among `files` to pass, and are then read from paths below `name`.
///
/// # Errors
///
/// As [`load_scenario_with_warnings`].
pub fn parse_scenario(
    name: &str,
    files: &[(&str, &[u8])],
) -> Result<LoadedScenario, ScenarioError> {
    load(Source::Memory { name, files })
}

/// Reads and validates the scenario `source` holds.
fn load(source: Source<'_>) -> Result<LoadedScenario, ScenarioError> {
    let dir = source.dir();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let sites = read_table(source, &SITES, &mut errors).map(|t| read_sites(&t, &mut errors));
    let lookup = sites.as_ref().map(|s| &s.lookup);
    let fleet =
        read_table(source, &FLEET, &mut errors).map(|t| read_fleet(&t, lookup, &mut errors));
    let carriable = fleet.as_ref().and_then(|f| f.carriable.as_ref());
    let couriers = fleet.as_ref().map(|f| &f.ids);
    let mut unused = Vec::new();
    let orders = read_table(source, &ORDERS, &mut errors).map(|t| {
        unused.extend(unused_columns(&t));
        if t.has_header && t.rows.is_empty() {
            warnings.push(
                InputError::new(
                    ORDERS.file,
                    "has a header but no orders; the plan will be empty",
                )
                .with_line(1),
            );
        }
        read_orders(&t, lookup, carriable, couriers, &mut errors)
    });
    if let (Some(sites), Some(orders)) = (&sites, &orders) {
        let required: HashSet<&str> = (sites.rows.iter().flatten().flat_map(|s| &s.requires))
            .chain(orders.iter().flatten().flat_map(|o| &o.requires))
            .map(String::as_str)
            .collect();
        if required.len() > rules::MAX_SKILLS {
            errors.push(
                InputError::new(ORDERS.file, rules::too_many_skills(required.len()))
                    .with_column("requires"),
            );
        }
    }
    let supply = if source.exists(SUPPLY.file) {
        read_table(source, &SUPPLY, &mut errors).map(|t| {
            unused.extend(unused_columns(&t));
            let items = named_items(fleet.as_ref(), orders.as_ref());
            read_supply(&t, lookup, items.as_ref(), &mut errors)
        })
    } else {
        Some(Vec::new())
    };
    if let Some(sites) = &sites {
        unused.extend(sites.unused.clone());
    }
    if let Some(fleet) = &fleet {
        unused.extend(fleet.unused.clone());
    }
    let settings = if source.exists(settings::FILE) {
        table::read_text(source, settings::FILE, &mut errors)
            .map(|text| settings::parse_settings(&text, &mut errors))
            .unwrap_or_default()
    } else {
        settings::Settings::default()
    };
    if let Some(network) = &settings.network {
        check_network_files(source, network, &mut errors);
    }

    let scenario = match (sites, fleet, orders, supply) {
        (Some(sites), Some(fleet), Some(orders), Some(supply)) if errors.is_empty() => {
            let lines = sites.lines.clone();
            assemble(dir, sites, fleet, orders, supply, settings).inspect(|scenario| {
                warnings.extend(far_sites(scenario, &lines));
                warnings.append(&mut unused);
            })
        }
        _ => None,
    };
    match scenario {
        Some(scenario) => {
            warnings.sort_by_key(|e| {
                let file = FILE_ORDER
                    .iter()
                    .position(|f| *f == e.file)
                    .unwrap_or(FILE_ORDER.len());
                (file, e.line)
            });
            Ok(LoadedScenario { scenario, warnings })
        }
        None => {
            if errors.is_empty() {
                // Unreachable by construction: every rejected value records a problem.
                errors.push(InputError::new(
                    dir.display().to_string(),
                    "the scenario could not be assembled",
                ));
            }
            errors.sort_by_key(|e| {
                let file = FILE_ORDER
                    .iter()
                    .position(|f| *f == e.file)
                    .unwrap_or(FILE_ORDER.len());
                (file, e.line)
            });
            Err(ScenarioError::new(errors))
        }
    }
}

/// A note that `table` has columns the planner does not use, if it has any: `check` lists
/// them, and they are carried to `routes.csv`.
fn unused_columns(table: &Table) -> Option<InputError> {
    if table.extra.is_empty() {
        return None;
    }
    let names: Vec<&str> = table.extra.iter().map(|(n, _)| n.as_str()).collect();
    Some(
        InputError::new(
            table.file,
            format!(
                "columns not used by the planner: {}; they are kept and carried to routes.csv",
                names.join(", ")
            ),
        )
        .with_line(table.header_line),
    )
}

/// A warning for each site farther than [`FAR_SITE_KM`] from every other site; `lines` are
/// the sites' lines in `sites.csv`.
///
/// Sites are scanned in latitude order and each stops at the first site near enough, so a
/// clustered scenario costs little more than the sort.
fn far_sites(scenario: &Scenario, lines: &[usize]) -> Vec<InputError> {
    let sites = &scenario.sites;
    if sites.len() < 2 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..sites.len()).collect();
    order.sort_by(|&a, &b| sites[a].location.y.total_cmp(&sites[b].location.y));
    // A degree of latitude is at least 110.5 km, so sites more than this many degrees apart
    // in latitude are farther apart than the limit.
    let band = FAR_SITE_KM / 110.5;
    let km = |a: usize, b: usize| {
        let (p, q) = (sites[a].location, sites[b].location);
        crate::travel::haversine_m(p.x, p.y, q.x, q.y) / 1000.0
    };
    let mut warnings = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        let lat = sites[i].location.y;
        let near = |j: &usize| km(i, *j) <= FAR_SITE_KM;
        let within = |j: &&usize| (sites[**j].location.y - lat).abs() <= band;
        let above = order[rank + 1..].iter().take_while(within).any(near);
        let below = above || order[..rank].iter().rev().take_while(within).any(near);
        if above || below {
            continue;
        }
        let nearest = (0..sites.len())
            .filter(|&j| j != i)
            .map(|j| km(i, j))
            .fold(f64::INFINITY, f64::min);
        let site = &sites[i];
        let mut warning = InputError::new(
            SITES.file,
            format!(
                "site {} at lat {}, lon {} is {nearest:.0} km from the nearest other site \
                 (more than {FAR_SITE_KM} km); check its lat/lon for a typo or a missing value",
                site.id, site.location.y, site.location.x
            ),
        )
        .with_column("lat");
        if let Some(&line) = lines.get(i) {
            warning = warning.with_line(line);
        }
        warnings.push(warning);
    }
    warnings
}

/// Records a problem for each network file `scenario.toml` names that is not there.
fn check_network_files(
    source: Source<'_>,
    keys: &settings::NetworkKeys,
    errors: &mut Vec<InputError>,
) {
    let mut check = |(name, line): &(String, usize), key: &str, expected: &str| {
        if !source.is_file(name) {
            errors.push(
                InputError::new(
                    settings::FILE,
                    format!("names a file that is not in the scenario folder; expected {expected}"),
                )
                .with_line(*line)
                .with_column(key)
                .with_value(name.clone()),
            );
        }
    };
    check(
        &keys.file,
        "network.file",
        "a road network file (.osm.pbf, or edges.csv with nodes.csv beside it), relative to the \
         scenario folder",
    );
    if let Some(closures) = &keys.closures {
        check(
            closures,
            "network.closures",
            "a GeoJSON file of closures, relative to the scenario folder",
        );
    }
}

/// Site ids and kinds as far as `sites.csv` could be read, for checking references.
struct SiteLookup {
    /// Row index of the first row with each id.
    by_id: HashMap<String, usize>,
    /// The kind of each row, when it was given.
    kinds: Vec<Option<SiteKind>>,
    /// Whether every row had an id and the `id` column was there (so an unknown id is
    /// certainly wrong).
    complete: bool,
}

enum SiteRef<'a> {
    /// The site exists; its row index and kind (if known).
    Found(usize, Option<&'a SiteKind>),
    /// Certainly no such site.
    Unknown,
    /// Cannot tell, because `sites.csv` has problems of its own.
    Unsure,
}

impl SiteLookup {
    fn find(&self, id: &str) -> SiteRef<'_> {
        match self.by_id.get(id) {
            Some(&row) => SiteRef::Found(row, self.kinds.get(row).and_then(Option::as_ref)),
            None if self.complete => SiteRef::Unknown,
            None => SiteRef::Unsure,
        }
    }
}

/// The row index of the site `id` refers to in `column`, if it exists and may play `role`;
/// otherwise `None`, after recording the problem when it is certain.
fn site_for(
    sites: Option<&SiteLookup>,
    cells: &mut table::Cells<'_>,
    column: &str,
    id: &str,
    role: SiteRole,
) -> Option<usize> {
    match sites.map(|s| s.find(id)) {
        Some(SiteRef::Found(index, Some(kind))) => match role.check(kind) {
            Ok(()) => Some(index),
            Err(message) => {
                cells.error(column, Some(id), message);
                None
            }
        },
        // A receiving site of unknown kind is still a site; a kitchen must be known.
        Some(SiteRef::Found(index, None)) => (role == SiteRole::Receiver).then_some(index),
        Some(SiteRef::Unknown) => {
            cells.error(column, Some(id), role.unknown(FILES));
            None
        }
        Some(SiteRef::Unsure) | None => None,
    }
}

struct SitesOut {
    rows: Vec<Option<Site>>,
    /// The note on columns the planner does not use, if any.
    unused: Option<InputError>,
    /// The line of each row.
    lines: Vec<usize>,
    lookup: SiteLookup,
}

fn read_sites(table: &Table, errors: &mut Vec<InputError>) -> SitesOut {
    let mut out = SitesOut {
        rows: Vec::new(),
        unused: unused_columns(table),
        lines: table.rows.iter().map(|r| r.line).collect(),
        lookup: SiteLookup {
            by_id: HashMap::new(),
            kinds: Vec::new(),
            complete: table.has_column("id"),
        },
    };
    let mut lines: HashMap<String, usize> = HashMap::new();
    if table.has_header && table.rows.is_empty() {
        errors.push(no_rows(table, "site"));
    }
    for (index, row) in table.rows.iter().enumerate() {
        let mut cells = table.cells(row, errors);
        let id = cells.required("id", "a site id");
        if let Some(id) = id {
            if let Some(first) = lines.get(id) {
                let message = rules::duplicate_id("site", &format!("line {first}"));
                cells.error("id", Some(id), message);
            } else {
                lines.insert(id.to_string(), cells.line());
                out.lookup.by_id.insert(id.to_string(), index);
            }
        } else {
            out.lookup.complete = false;
        }
        let kind = cells
            .required(
                "kind",
                "a site kind: kitchen, checkpoint, household, care_home, village or another word",
            )
            .map(SiteKind::parse);
        out.lookup.kinds.push(kind.clone());
        let lat = cells.rule("lat", None, rules::LATITUDE);
        let lon = cells.rule("lon", None, rules::LONGITUDE);
        let service = cells.rule("service_min", Some(0.0), rules::SERVICE_MIN);
        let hours = cells.window("open", "close");
        let name = cells.optional("name");
        let requires = cells.skills("requires");
        let max_wait = match cells.optional("max_wait_min") {
            None => Some(None),
            Some(_) => cells
                .rule("max_wait_min", None, rules::MAX_WAIT_MIN)
                .map(Some),
        };
        out.rows.push(
            match (id, kind, lat, lon, service, hours, requires, max_wait) {
                (
                    Some(id),
                    Some(kind),
                    Some(lat),
                    Some(lon),
                    Some(service_min),
                    Some((open, close)),
                    Some(requires),
                    Some(max_wait_min),
                ) => Some(Site {
                    id: id.to_string(),
                    kind,
                    name: name.unwrap_or(id).to_string(),
                    location: Coord { x: lon, y: lat },
                    service_min,
                    hours: TimeWindow::new(open, close),
                    requires,
                    max_wait_min,
                    extra: table.extras(row),
                }),
                _ => None,
            },
        );
    }
    out
}

/// A vehicle before items are numbered.
struct VehicleDraft {
    id: String,
    kind: String,
    base: usize,
    capacity: Vec<(String, u32)>,
    shift: TimeWindow,
    speed_kmh: f64,
    max_trips: u32,
    skills: Vec<String>,
    breaks: Vec<Break>,
    max_work_min: Option<f64>,
    extra: Vec<(String, String)>,
}

struct FleetOut {
    rows: Vec<Option<VehicleDraft>>,
    /// The note on columns the planner does not use, if any.
    unused: Option<InputError>,
    /// Courier ids and their row index, for the orders' `courier` column; `None` when some
    /// row has no id (so an unknown id is not certainly wrong).
    ids: Option<HashMap<String, usize>>,
    /// Items some vehicle has capacity above 0 for; `None` when capacities could not all be
    /// read (so "no vehicle can carry" cannot be decided).
    carriable: Option<HashSet<String>>,
}

fn read_fleet(table: &Table, sites: Option<&SiteLookup>, errors: &mut Vec<InputError>) -> FleetOut {
    let mut out = FleetOut {
        rows: Vec::new(),
        unused: unused_columns(table),
        ids: table.has_column("id").then(HashMap::new),
        // Without capacities (no column, or no vehicles at all, reported already) orders
        // cannot be checked against them.
        carriable: (table.has_column("capacity") && !table.rows.is_empty()).then(HashSet::new),
    };
    let mut lines: HashMap<String, usize> = HashMap::new();
    if table.has_header && table.rows.is_empty() {
        errors.push(no_rows(table, "vehicle"));
    }
    for (index, row) in table.rows.iter().enumerate() {
        let mut cells = table.cells(row, errors);
        let id = cells.required("id", "a vehicle id");
        if let Some(id) = id {
            if let Some(first) = lines.get(id) {
                let message = rules::duplicate_id("vehicle", &format!("line {first}"));
                cells.error("id", Some(id), message);
            } else {
                lines.insert(id.to_string(), cells.line());
                if let Some(ids) = &mut out.ids {
                    ids.insert(id.to_string(), index);
                }
            }
        } else {
            out.ids = None;
        }
        let kind = cells.optional("kind").unwrap_or("vehicle").to_string();
        let base = cells
            .required("base", "the id of a kitchen site in sites.csv")
            .and_then(|base| site_for(sites, &mut cells, "base", base, SiteRole::Base));
        let capacity = match cells.required("capacity", CAPACITY_EXPECTED) {
            Some(text) => match parse_capacity(text) {
                Ok(pairs) => Some(pairs),
                Err(problems) => {
                    for problem in problems {
                        cells.error(
                            "capacity",
                            Some(text),
                            format!("is not a valid capacity: {problem}; {CAPACITY_EXPECTED}"),
                        );
                    }
                    None
                }
            },
            None => None,
        };
        match (&capacity, &mut out.carriable) {
            (Some(pairs), Some(set)) => {
                set.extend(pairs.iter().filter(|(_, q)| *q > 0).map(|(i, _)| i.clone()));
            }
            (None, carriable) => *carriable = None,
            (Some(_), None) => {}
        }
        let shift = cells.window("shift_start", "shift_end");
        let speed = cells.rule("speed_kmh", None, rules::SPEED_KMH);
        let max_trips = cells.count("max_trips", Some(1), rules::MAX_TRIPS);
        let skills = cells.skills("skills");
        let breaks = cells.breaks("breaks");
        let max_work_min = match cells.optional("max_work_min") {
            None => Some(None),
            Some(_) => cells
                .rule("max_work_min", None, rules::MAX_WORK_MIN)
                .map(Some),
        };
        out.rows.push(
            match (id, base, capacity, shift, speed, max_trips, skills) {
                (
                    Some(id),
                    Some(base),
                    Some(capacity),
                    Some((start, end)),
                    Some(speed_kmh),
                    Some(max_trips),
                    Some(skills),
                ) => breaks
                    .zip(max_work_min)
                    .map(|(breaks, max_work_min)| VehicleDraft {
                        id: id.to_string(),
                        kind,
                        base,
                        capacity,
                        shift: TimeWindow::new(start, end),
                        speed_kmh,
                        max_trips,
                        skills,
                        breaks,
                        max_work_min,
                        extra: table.extras(row),
                    }),
                _ => None,
            },
        );
    }
    out
}

/// Parses a capacity cell such as `meal_box:20 veg_parcel:4`, or lists every problem in it.
fn parse_capacity(text: &str) -> Result<Vec<(String, u32)>, Vec<String>> {
    let mut pairs: Vec<(String, u32)> = Vec::new();
    let mut problems = Vec::new();
    for pair in text.split_whitespace() {
        let Some((item, qty)) = pair.split_once(':') else {
            problems.push(format!("'{pair}' has no ':' between item and quantity"));
            continue;
        };
        if item.is_empty() {
            problems.push(format!("'{pair}' has no item name before ':'"));
            continue;
        }
        let Ok(qty) = qty.parse::<u32>() else {
            problems.push(format!(
                "'{pair}' has a quantity that is not a whole number of 0 or more"
            ));
            continue;
        };
        if pairs.iter().any(|(i, _)| i == item) {
            problems.push(rules::duplicate_item(item));
            continue;
        }
        pairs.push((item.to_string(), qty));
    }
    if problems.is_empty() && pairs.is_empty() {
        problems.push(rules::NO_CAPACITY.to_string());
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(problems)
    }
}

/// An order before items are numbered.
struct OrderDraft {
    id: String,
    site: usize,
    item: String,
    quantity: u32,
    window: TimeWindow,
    windows: Vec<TimeWindow>,
    kitchen: Option<usize>,
    ready: f64,
    max_ride_min: Option<f64>,
    priority: u32,
    requires: Vec<String>,
    courier: Option<usize>,
    extra: Vec<(String, String)>,
}

fn read_orders(
    table: &Table,
    sites: Option<&SiteLookup>,
    carriable: Option<&HashSet<String>>,
    couriers: Option<&Option<HashMap<String, usize>>>,
    errors: &mut Vec<InputError>,
) -> Vec<Option<OrderDraft>> {
    let mut out = Vec::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let mut cells = table.cells(row, errors);
        let id = cells.required("id", "an order id");
        if let Some(id) = id {
            if let Some(first) = lines.get(id) {
                let message = rules::duplicate_id("order", &format!("line {first}"));
                cells.error("id", Some(id), message);
            } else {
                lines.insert(id.to_string(), cells.line());
            }
        }
        let site = cells
            .required("site", "the id of a receiving site in sites.csv")
            .and_then(|site| site_for(sites, &mut cells, "site", site, SiteRole::Receiver));
        let item = cells
            .required("item", "an item name such as meal_box")
            .and_then(|item| match carriable {
                Some(set) if !set.contains(item) => {
                    cells.error("item", None, rules::not_carriable(item, FILES));
                    None
                }
                _ => Some(item.to_string()),
            });
        let quantity = cells.count("quantity", None, rules::QUANTITY);
        let windows = cells.windows("windows");
        let window = match windows.as_deref().map(rules::windows_span) {
            Some(Some(span)) => {
                let mut ok = true;
                for column in ["earliest", "latest"] {
                    if let Some(text) = cells.optional(column) {
                        cells.error(column, Some(text), rules::WINDOWS_AND_BOUNDS);
                        ok = false;
                    }
                }
                ok.then_some((span.start, span.end))
            }
            _ => cells.window("earliest", "latest"),
        };
        let kitchen = match cells.optional("kitchen") {
            None => Some(None),
            Some(kitchen) => {
                site_for(sites, &mut cells, "kitchen", kitchen, SiteRole::Kitchen).map(Some)
            }
        };
        let ready = cells.time("ready", 0.0);
        let max_ride = match cells.optional("max_ride_min") {
            None => Some(None),
            Some(_) => cells
                .rule("max_ride_min", None, rules::MAX_RIDE_MIN)
                .map(Some),
        };
        let priority = cells.count("priority", Some(1), rules::PRIORITY);
        let requires = cells.skills("requires");
        let courier = match cells.optional("courier") {
            None => Some(None),
            Some(courier) => match couriers {
                Some(Some(ids)) => match ids.get(courier) {
                    Some(&v) => Some(Some(v)),
                    None => {
                        cells.error("courier", Some(courier), rules::unknown_courier(FILES));
                        None
                    }
                },
                // fleet.csv has problems of its own: the id cannot be checked.
                _ => None,
            },
        };
        out.push(
            match (
                id, site, item, quantity, window, windows, kitchen, ready, max_ride, priority,
                requires, courier,
            ) {
                (
                    Some(id),
                    Some(site),
                    Some(item),
                    Some(quantity),
                    Some((earliest, latest)),
                    Some(windows),
                    Some(kitchen),
                    Some(ready),
                    Some(max_ride_min),
                    Some(priority),
                    Some(requires),
                    Some(courier),
                ) => Some(OrderDraft {
                    id: id.to_string(),
                    site,
                    item,
                    quantity,
                    window: TimeWindow::new(earliest, latest),
                    windows,
                    kitchen,
                    ready,
                    max_ride_min,
                    priority,
                    requires,
                    courier,
                    extra: table.extras(row),
                }),
                _ => None,
            },
        );
    }
    out
}

/// The items fleet capacities and orders name, when every row of both could be read (else
/// an unknown item in `supply.csv` is not certainly wrong).
fn named_items<'a>(
    fleet: Option<&'a FleetOut>,
    orders: Option<&'a Vec<Option<OrderDraft>>>,
) -> Option<HashSet<&'a str>> {
    let mut items = HashSet::new();
    for vehicle in fleet?.rows.iter() {
        items.extend(vehicle.as_ref()?.capacity.iter().map(|(i, _)| i.as_str()));
    }
    for order in orders? {
        items.insert(order.as_ref()?.item.as_str());
    }
    Some(items)
}

/// A `supply.csv` row before items are numbered.
struct SupplyDraft {
    kitchen: usize,
    item: String,
    period: TimeWindow,
    quantity: u32,
}

fn read_supply(
    table: &Table,
    sites: Option<&SiteLookup>,
    items: Option<&HashSet<&str>>,
    errors: &mut Vec<InputError>,
) -> Vec<Option<SupplyDraft>> {
    let mut out = Vec::new();
    for row in &table.rows {
        let mut cells = table.cells(row, errors);
        let kitchen = cells
            .required("kitchen", "the id of the kitchen site that makes the item")
            .and_then(|k| site_for(sites, &mut cells, "kitchen", k, SiteRole::Producer));
        let item = cells
            .required("item", "an item name such as meal_box")
            .and_then(|item| match items {
                Some(set) if !set.contains(item) => {
                    let message = rules::unknown_supply_item(item, FILES);
                    cells.error("item", Some(item), message);
                    None
                }
                _ => Some(item.to_string()),
            });
        let expected = format!("the start of the period; {}", rules::TIME_EXPECTED);
        let from = cells.required("from", &expected);
        let expected = format!("the end of the period; {}", rules::TIME_EXPECTED);
        let to = cells.required("to", &expected);
        let period = match (from, to) {
            (Some(_), Some(_)) => cells.window("from", "to"),
            _ => None,
        };
        let quantity = cells.count("quantity", None, rules::SUPPLY_QUANTITY);
        out.push(match (kitchen, item, period, quantity) {
            (Some(kitchen), Some(item), Some((from, to)), Some(quantity)) => Some(SupplyDraft {
                kitchen,
                item,
                period: TimeWindow::new(from, to),
                quantity,
            }),
            _ => None,
        });
    }
    out
}

fn no_rows(table: &Table, what: &str) -> InputError {
    let error = InputError::new(
        table.file,
        format!("has no rows; expected a header line and at least one {what}"),
    );
    if table.has_header {
        error.with_line(1)
    } else {
        error
    }
}

/// Builds the scenario once every row is valid; `None` if any row is not.
fn assemble(
    dir: &Path,
    sites: SitesOut,
    fleet: FleetOut,
    orders: Vec<Option<OrderDraft>>,
    supply: Vec<Option<SupplyDraft>>,
    settings: settings::Settings,
) -> Option<Scenario> {
    let sites: Vec<Site> = (sites.rows.into_iter())
        .map(|site| {
            site.map(|site| Site {
                max_wait_min: rules::site_max_wait(site.max_wait_min, settings.max_wait_min),
                ..site
            })
        })
        .collect::<Option<_>>()?;
    let fleet: Vec<VehicleDraft> = fleet.rows.into_iter().collect::<Option<_>>()?;
    let orders: Vec<OrderDraft> = orders.into_iter().collect::<Option<_>>()?;

    let mut items: Vec<String> = Vec::new();
    let mut item_index: HashMap<String, usize> = HashMap::new();
    let names = fleet
        .iter()
        .flat_map(|v| v.capacity.iter().map(|(item, _)| item))
        .chain(orders.iter().map(|o| &o.item));
    for name in names {
        if !item_index.contains_key(name) {
            item_index.insert(name.clone(), items.len());
            items.push(name.clone());
        }
    }
    let fleet = fleet
        .into_iter()
        .map(|v| {
            let mut capacity = vec![0; items.len()];
            for (item, qty) in &v.capacity {
                let slot = item_index.get(item).and_then(|&i| capacity.get_mut(i))?;
                *slot = *qty;
            }
            Some(Vehicle {
                id: v.id,
                kind: v.kind,
                base: v.base,
                capacity,
                shift: v.shift,
                speed_kmh: v.speed_kmh,
                max_trips: v.max_trips,
                skills: v.skills,
                breaks: v.breaks,
                max_work_min: v.max_work_min,
                extra: v.extra,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let orders = orders
        .into_iter()
        .map(|o| {
            Some(Order {
                id: o.id,
                site: o.site,
                item: *item_index.get(&o.item)?,
                quantity: o.quantity,
                window: o.window,
                windows: o.windows,
                kitchen: o.kitchen,
                ready: o.ready,
                max_ride_min: o.max_ride_min,
                priority: o.priority,
                requires: o.requires,
                courier: o.courier,
                extra: o.extra,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let supply = supply
        .into_iter()
        .map(|s| {
            let s = s?;
            Some(Supply {
                kitchen: s.kitchen,
                item: *item_index.get(&s.item)?,
                period: s.period,
                quantity: s.quantity,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let name = settings.name.unwrap_or_else(|| folder_name(dir));
    Some(Scenario {
        name,
        sites,
        items,
        orders,
        fleet,
        travel: settings.travel,
        network: settings.network.map(|keys| NetworkSettings {
            file: dir.join(&keys.file.0),
            closures: keys.closures.map(|(c, _)| dir.join(c)),
            snap_limit_m: keys.snap_limit_m.unwrap_or(DEFAULT_SNAP_LIMIT_M),
        }),
        solver: settings.solver,
        supply,
    })
}

/// The folder's own name, resolving `.` and the like.
fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            dir.canonicalize()
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "scenario".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITES: &str = "id,kind,name,lat,lon,service_min,open,close\n\
                         K1,kitchen,Kitchen,26.5,101.7,10,09:00,20:00\n\
                         CP1,checkpoint,,26.6,101.8,2,,\n";
    const ORDERS: &str =
        "id,site,item,quantity,earliest,latest,kitchen,ready,max_ride_min,priority\n\
                          O1,CP1,meal_box,3,11:00,12:00,,,,\n";
    const FLEET: &str = "id,kind,base,capacity,shift_start,shift_end,speed_kmh,max_trips\n\
                         R1,rider,K1,meal_box:10,,,15,\n";

    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    fn load(sites: &str, orders: &str, fleet: &str) -> Result<Scenario, ScenarioError> {
        let dir = folder(&[
            ("sites.csv", sites.as_bytes()),
            ("orders.csv", orders.as_bytes()),
            ("fleet.csv", fleet.as_bytes()),
        ]);
        load_scenario(dir.path())
    }

    fn problems(sites: &str, orders: &str, fleet: &str) -> Vec<InputError> {
        match load(sites, orders, fleet) {
            Ok(_) => panic!("should be rejected"),
            Err(e) => e.errors,
        }
    }

    fn place(e: &InputError) -> (&str, Option<usize>, Option<&str>) {
        (e.file.as_str(), e.line, e.column.as_deref())
    }

    #[test]
    fn loads_a_small_folder() {
        let s = load(SITES, ORDERS, FLEET).expect("valid");
        assert_eq!(s.items, ["meal_box"]);
        assert_eq!(s.sites[1].name, "CP1");
        assert_eq!(s.orders[0].window, TimeWindow::new(660.0, 720.0));
        assert_eq!(s.fleet[0].capacity, [10]);
    }

    #[test]
    fn row_width_is_checked() {
        let sites = format!("{SITES}H1,household,x,1,2\nH2,household,x,1,2,0,,,extra\n");
        let errors = problems(&sites, ORDERS, FLEET);
        let places: Vec<_> = errors.iter().map(place).collect();
        assert_eq!(
            places,
            [("sites.csv", Some(4), None), ("sites.csv", Some(5), None)]
        );
        assert!(errors[0].message.contains("5 cells"), "{}", errors[0]);
    }

    #[test]
    fn quoted_cells_keep_line_numbers() {
        let sites = format!(
            "{SITES}\"H1\",household,\"two\nlines, with comma\",1,2,,,\nH2,household,,91,2,,,\n"
        );
        let errors = problems(&sites, ORDERS, FLEET);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(place(&errors[0]), ("sites.csv", Some(6), Some("lat")));
    }

    #[test]
    fn duplicate_header_column() {
        let errors = problems(&SITES.replacen("name", "lat", 1), ORDERS, FLEET);
        assert_eq!(place(&errors[0]), ("sites.csv", Some(1), Some("lat")));
        assert!(errors[0].message.contains("twice"));
    }

    #[test]
    fn files_in_memory_read_as_a_folder() {
        let files: [(&str, &[u8]); 3] = [
            ("sites.csv", SITES.as_bytes()),
            ("orders.csv", ORDERS.as_bytes()),
            ("fleet.csv", FLEET.as_bytes()),
        ];
        let dir = folder(&files);
        let name = dir
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name");
        let memory = parse_scenario(name, &files).expect("valid");
        assert_eq!(
            memory,
            load_scenario_with_warnings(dir.path()).expect("valid")
        );
        let bad_orders = format!("{ORDERS}O2,CP9,meal_box,1,,,,,,\n");
        let e = parse_scenario("mem", &[files[0], ("orders.csv", bad_orders.as_bytes())])
            .expect_err("unknown site, no fleet");
        let places: Vec<_> = e.errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("orders.csv", Some(3), Some("site")),
                ("fleet.csv", None, None)
            ]
        );
        assert!(e.errors[1]
            .message
            .contains("not found in the scenario folder mem"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line() {
        let dir = folder(&[
            (
                "sites.csv",
                b"id,kind,lat,lon\nK1,kitchen,1,2\nX\xff,village,1,2\n",
            ),
            ("orders.csv", ORDERS.as_bytes()),
            ("fleet.csv", FLEET.as_bytes()),
        ]);
        let e = load_scenario(dir.path()).expect_err("bad utf-8");
        assert_eq!(place(&e.errors[0]), ("sites.csv", Some(3), None));
        assert!(e.errors[0].message.contains("UTF-8"));
        // The orders can not be checked against sites, but fleet is still read.
        assert_eq!(e.errors.len(), 1, "{e}");
    }

    #[test]
    fn capacity_cells() {
        assert_eq!(
            parse_capacity("a:1  b:0"),
            Ok(vec![("a".into(), 1), ("b".into(), 0)])
        );
        for bad in [
            "",
            "a",
            "a:",
            ":3",
            "a:-1",
            "a:1.5",
            "a:1 a:2",
            "a:99999999999",
        ] {
            assert!(parse_capacity(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_capacity("x a:1 a:2").map_err(|p| p.len()), Err(2));
    }

    #[test]
    fn numbers_must_be_finite_and_in_range() {
        let sites = format!("{SITES}H1,household,,NaN,inf,-1,,\n");
        let fleet = "id,kind,base,capacity,shift_start,shift_end,speed_kmh,max_trips\n\
                     R1,rider,K1,meal_box:10,14:00,10:00,0,0\n";
        let orders = format!("{ORDERS}O2,CP1,meal_box,99999999999,,,,,0,\n");
        let errors = problems(&sites, &orders, fleet);
        let places: Vec<_> = errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("sites.csv", Some(4), Some("lat")),
                ("sites.csv", Some(4), Some("lon")),
                ("sites.csv", Some(4), Some("service_min")),
                ("orders.csv", Some(3), Some("quantity")),
                ("orders.csv", Some(3), Some("max_ride_min")),
                ("fleet.csv", Some(2), Some("shift_end")),
                ("fleet.csv", Some(2), Some("speed_kmh")),
                ("fleet.csv", Some(2), Some("max_trips")),
            ]
        );
    }

    #[test]
    fn required_cells_must_not_be_empty() {
        let orders = format!("{ORDERS},,,,,,,,,\n");
        let errors = problems(SITES, &orders, FLEET);
        let columns: Vec<_> = errors.iter().filter_map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, ["id", "site", "item", "quantity"]);
        assert!(errors
            .iter()
            .all(|e| e.message.starts_with("missing value")));
    }

    #[test]
    fn unknown_kitchen_and_base() {
        let orders = format!("{ORDERS}O2,CP1,meal_box,1,,,K9,,,\n");
        let fleet = format!("{FLEET}R2,rider,K9,meal_box:1,,,15,\n");
        let errors = problems(SITES, &orders, &fleet);
        let places: Vec<_> = errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("orders.csv", Some(3), Some("kitchen")),
                ("fleet.csv", Some(3), Some("base")),
            ]
        );
    }

    #[test]
    fn a_site_without_id_suppresses_unknown_site_guesses() {
        let sites = format!("{SITES},village,,1,2,,,\n");
        let orders = format!("{ORDERS}O2,V1,meal_box,1,,,,,,\n");
        let errors = problems(&sites, &orders, FLEET);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(place(&errors[0]), ("sites.csv", Some(4), Some("id")));
    }

    #[test]
    fn empty_files() {
        let errors = problems("", "", "");
        let places: Vec<_> = errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("sites.csv", None, None),
                ("orders.csv", None, None),
                ("fleet.csv", None, None)
            ]
        );
        assert!(errors.iter().all(|e| e.message.contains("is empty")));
    }

    /// Issue 15, item 4: a 0-byte orders.csv used to load as a valid scenario with no
    /// orders, and `plan` wrote an empty plan.
    #[test]
    fn empty_orders_file_is_an_error_naming_the_file() {
        let errors = problems(SITES, "", FLEET);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(place(&errors[0]), ("orders.csv", None, None));
        assert!(errors[0].to_string().starts_with("orders.csv: is empty"));
    }

    /// Issue 15, item 4: a header with no rows is allowed but warned about.
    #[test]
    fn header_only_orders_file_is_a_warning() {
        let dir = folder(&[
            ("sites.csv", SITES.as_bytes()),
            ("orders.csv", b"id,site,item,quantity\r\n"),
            ("fleet.csv", FLEET.as_bytes()),
        ]);
        let loaded = load_scenario_with_warnings(dir.path()).expect("valid");
        assert!(loaded.scenario.orders.is_empty());
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert_eq!(place(&loaded.warnings[0]), ("orders.csv", Some(1), None));
        assert!(loaded.warnings[0].message.contains("no orders"));
    }

    /// Issue 15, item 2: with CRLF line ends the csv crate's positions named the line above
    /// the bad row.
    #[test]
    fn crlf_line_numbers_name_the_bad_row() {
        let crlf = |t: &str| t.replace('\n', "\r\n");
        let sites = crlf(&format!("{SITES}H1,household,,91,2,,,\n"));
        let orders = crlf(&format!(
            "{ORDERS}O2,CP1,meal_box,x,,,,,,\nO3,CP1,meal_box,1,,,,,,,,\n"
        ));
        let errors = problems(&sites, &orders, &crlf(FLEET));
        let places: Vec<_> = errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("sites.csv", Some(4), Some("lat")),
                ("orders.csv", Some(3), Some("quantity")),
                ("orders.csv", Some(4), None),
            ]
        );
        // A header problem is on line 1, and CRLF after a quoted multi-line cell still counts.
        let sites = crlf(&format!(
            "{SITES}\"H1\",household,\"two\nlines\",1,2,,,\nH2,household,,91,2,,,\n"
        ));
        let errors = problems(&sites, ORDERS, FLEET);
        assert_eq!(place(&errors[0]), ("sites.csv", Some(6), Some("lat")));
    }

    /// Issue 15, item 7: a kitchen at lat 2.659 (a typo for 26.59) planned silently 2,600 km
    /// away.
    #[test]
    fn far_site_typo_is_a_warning() {
        let sites = format!("{SITES}H1,household,,2.659,101.8,,,\nH2,household,,26.61,101.75,,,\n");
        let dir = folder(&[
            ("sites.csv", sites.as_bytes()),
            ("orders.csv", ORDERS.as_bytes()),
            ("fleet.csv", FLEET.as_bytes()),
        ]);
        let loaded = load_scenario_with_warnings(dir.path()).expect("valid");
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert_eq!(
            place(&loaded.warnings[0]),
            ("sites.csv", Some(4), Some("lat"))
        );
        assert!(loaded.warnings[0].message.contains("site H1"));
        // A small scenario in one city has no warning.
        let loaded = load_scenario_with_warnings(
            folder(&[
                ("sites.csv", SITES.as_bytes()),
                ("orders.csv", ORDERS.as_bytes()),
                ("fleet.csv", FLEET.as_bytes()),
            ])
            .path(),
        )
        .expect("valid");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    /// Issue 15, item 6: a FIFO or a link to /dev/zero hung the reader or ate memory.
    #[cfg(unix)]
    #[test]
    fn device_input_file_is_refused() {
        let dir = folder(&[
            ("sites.csv", SITES.as_bytes()),
            ("fleet.csv", FLEET.as_bytes()),
        ]);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("orders.csv")).expect("link");
        let e = load_scenario(dir.path()).expect_err("a device");
        assert_eq!(e.errors.len(), 1, "{e}");
        assert_eq!(e.errors[0].file, "orders.csv");
        assert!(e.errors[0].message.contains("not a regular file"), "{e}");
    }

    #[test]
    fn all_missing_files_are_named() {
        let dir = folder(&[]);
        let e = load_scenario(dir.path()).expect_err("empty folder");
        let files: Vec<_> = e.errors.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["sites.csv", "orders.csv", "fleet.csv"]);
    }

    #[test]
    fn toml_problems_join_csv_problems() {
        let dir = folder(&[
            ("sites.csv", SITES.as_bytes()),
            ("orders.csv", b"id,site,item,quantity\nO1,CP1,meal_box,x\n"),
            ("fleet.csv", FLEET.as_bytes()),
            ("scenario.toml", b"name = \n"),
        ]);
        let e = load_scenario(dir.path()).expect_err("two problems");
        let places: Vec<_> = e.errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("orders.csv", Some(2), Some("quantity")),
                ("scenario.toml", Some(1), None),
            ]
        );
    }

    fn load_with_supply(supply: &str) -> Result<Scenario, ScenarioError> {
        let sites = format!("{SITES}H1,household,,26.6,101.8,,,\n");
        let dir = folder(&[
            ("sites.csv", sites.as_bytes()),
            ("orders.csv", ORDERS.as_bytes()),
            ("fleet.csv", FLEET.as_bytes()),
            ("supply.csv", supply.as_bytes()),
        ]);
        load_scenario(dir.path())
    }

    #[test]
    fn supply_rows_are_read() {
        let s = load_with_supply(
            "kitchen,item,from,to,quantity\nK1,meal_box,11:00,12:00,150\nK1,meal_box,17:00,17:00,0\n",
        )
        .expect("valid");
        assert_eq!(
            s.supply,
            [
                Supply {
                    kitchen: 0,
                    item: 0,
                    period: TimeWindow::new(660.0, 720.0),
                    quantity: 150
                },
                Supply {
                    kitchen: 0,
                    item: 0,
                    period: TimeWindow::new(1020.0, 1020.0),
                    quantity: 0
                },
            ]
        );
        assert!(load(SITES, ORDERS, FLEET).expect("valid").supply.is_empty());
    }

    #[test]
    fn supply_problems_name_file_line_and_field() {
        let e = load_with_supply(
            "kitchen,item,from,to,quantity\n\
             K1,meal_box,11:75,12:00,10\n\
             K1,meal_box,11:00,12:00,-5\n\
             K9,meal_box,11:00,12:00,5\n\
             H1,meal_box,11:00,12:00,5\n\
             K1,soup,11:00,12:00,5\n\
             K1,meal_box,13:00,12:00,5\n\
             K1,meal_box,,12:00,5\n",
        )
        .expect_err("bad rows");
        let places: Vec<_> = e.errors.iter().map(place).collect();
        assert_eq!(
            places,
            [
                ("supply.csv", Some(2), Some("from")),
                ("supply.csv", Some(3), Some("quantity")),
                ("supply.csv", Some(4), Some("kitchen")),
                ("supply.csv", Some(5), Some("kitchen")),
                ("supply.csv", Some(6), Some("item")),
                ("supply.csv", Some(7), Some("to")),
                ("supply.csv", Some(8), Some("from")),
            ],
            "{e}"
        );
        let text = e.to_string();
        for expected in [
            "is not a time",
            "0 or more",
            "is not a site id in sites.csv",
            "is not a kitchen (it is a household)",
            "item 'soup' is not carried",
            "window closes before it opens",
            "missing value",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        let e = load_with_supply("kitchen,item,start,to,quantity\n").expect_err("no from");
        assert_eq!(place(&e.errors[0]), ("supply.csv", Some(1), Some("from")));
        assert!(e.errors[0].message.contains("required column"), "{e}");
    }

    #[test]
    fn not_a_folder() {
        let dir = folder(&[("sites.csv", SITES.as_bytes())]);
        let e = load_scenario(&dir.path().join("sites.csv")).expect_err("a file");
        assert_eq!(e.errors.len(), 1);
        assert!(e.errors[0].message.contains("not a folder"));
    }

    /// Random byte edits of a valid folder never panic, and a rejection always says why.
    #[test]
    fn never_panics_on_mangled_input() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        };
        let alphabet = b",:\n\r\"; -.0123456789abcK1CP\xef\xbb\xbf\xff";
        let dir = tempfile::tempdir().expect("temp dir");
        for _ in 0..300 {
            for (name, text) in [
                ("sites.csv", SITES),
                ("orders.csv", ORDERS),
                ("fleet.csv", FLEET),
            ] {
                let mut bytes = text.as_bytes().to_vec();
                for _ in 0..next(4) {
                    let at = next(bytes.len() + 1);
                    match next(3) {
                        0 if at < bytes.len() => {
                            bytes.remove(at);
                        }
                        1 if at < bytes.len() => bytes[at] = alphabet[next(alphabet.len())],
                        _ => bytes.insert(at, alphabet[next(alphabet.len())]),
                    }
                }
                std::fs::write(dir.path().join(name), bytes).expect("write");
            }
            if let Err(e) = load_scenario(dir.path()) {
                assert!(!e.errors.is_empty());
            }
        }
    }
}
