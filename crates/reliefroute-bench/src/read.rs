//! Readers for the classic benchmark formats: Solomon VRPTW text files, VRPLIB `.vrp` files
//! (CVRPLIB: CVRP such as "X" and "XXL", and VRPTW such as Gehring-Homberger), and the
//! `bks.csv` best-known-solution tables kept beside them.
//!
//! Both instance readers map onto the ordinary [`Scenario`], so every strategy and the
//! checker work on benchmarks unchanged:
//!
//! - the depot becomes site 0, a [`SiteKind::Kitchen`]; customer `k` (numbered as in the
//!   VRPLIB `.sol` route files) becomes site `k` with id `"k"`, kind `Other("customer")`,
//!   and one [`Order`] with id `"k"` for its demand of the single item `demand`;
//! - the fleet is identical vehicles based at the depot, one trip each, at 60 "km/h" so
//!   that travel time equals distance (time = distance * 60 / speed);
//! - travel is [`TravelModel::Planar`] with the rounding the benchmark's best-known values
//!   use, and the objective is [`Objective::Distance`].
//!
//! The readers never panic on malformed input: every problem is a [`BenchmarkError`] that
//! names the file, the line and what was expected there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::Coord;

use reliefroute::{
    Objective, Order, Rounding, Scenario, Site, SiteKind, SolverSettings, TimeWindow, TravelModel,
    Vehicle,
};

mod vrplib;

/// Why a benchmark file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BenchmarkError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line does not have the expected shape or value.
    #[error("{}:{line}: expected {expected}, found {found}", .path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line number (the last line plus one for a missing end).
        line: usize,
        /// What the reader expected there.
        expected: String,
        /// What it found instead (quoted text, or `end of file`).
        found: String,
    },
    /// The file is well formed but uses a feature this reader does not support.
    #[error("{}:{line}: unsupported {what}", .path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The feature, with the value found.
        what: String,
    },
    /// The file name does not say which format it is in.
    #[error(
        "{}: unknown benchmark format (expected a Solomon `.txt` or a VRPLIB `.vrp` file)",
        .path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
}

/// Which best-known-solution table (and distance convention) to compare with.
///
/// Solomon instances have two tables in `bks.csv`; the VRPLIB sets (CVRPLIB X and XXL,
/// Gehring-Homberger) have one (`bks`, distance only), which is used whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BksColumn {
    /// Distance-only BKS, every arc truncated to one decimal (DIMACS 2021 / CVRPLIB):
    /// Solomon columns `dimacs_routes` and `dimacs_distance`.
    #[default]
    Dimacs,
    /// Hierarchical BKS, fewest vehicles then distance, unrounded (SINTEF): Solomon columns
    /// `vehicles` and `distance`.
    Hierarchical,
}

impl BksColumn {
    /// The per-arc rounding this table uses for Solomon instances.
    pub fn solomon_rounding(self) -> Rounding {
        match self {
            BksColumn::Dimacs => Rounding::TruncateOneDecimal,
            BksColumn::Hierarchical => Rounding::Exact,
        }
    }

    /// The objective this table ranks solutions by.
    pub fn objective(self) -> Objective {
        match self {
            BksColumn::Dimacs => Objective::Distance,
            BksColumn::Hierarchical => Objective::CouriersFirst,
        }
    }
}

/// One row of a `bks.csv` table: the best-known solution of an instance.
#[derive(Debug, Clone, PartialEq)]
pub struct BestKnown {
    /// Instance name, as in the file names (`C101`, `X-n101-k25`).
    pub instance: String,
    /// Number of routes (vehicles) of the best-known solution, when the table gives it.
    pub vehicles: Option<u32>,
    /// Its total distance, in the table's rounding convention.
    pub distance: f64,
}

/// Reads a benchmark instance, choosing the format by extension: `.txt` is Solomon and
/// `.vrp` is VRPLIB.
///
/// For Solomon files `column` selects the rounding and objective of the matching
/// best-known table ([`BksColumn::Dimacs`]: truncated to one decimal, distance only;
/// [`BksColumn::Hierarchical`]: unrounded, couriers first). VRPLIB files have one convention
/// each (see [`read_vrplib`]) and the distance objective.
pub fn read_benchmark(path: &Path, column: BksColumn) -> Result<Scenario, BenchmarkError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt") => {
            let mut scenario = read_solomon(path, column.solomon_rounding())?;
            scenario.solver.objective = column.objective();
            Ok(scenario)
        }
        Some("vrp") => read_vrplib(path),
        _ => Err(BenchmarkError::UnknownFormat {
            path: path.to_path_buf(),
        }),
    }
}

/// Reads a Solomon VRPTW instance (the classic text layout: name, `VEHICLE` block with
/// number and capacity, `CUSTOMER` block with one row of 7 numbers per node, depot first).
///
/// Fields are separated by any whitespace and blank lines are skipped, so CRLF line ends
/// and padding do not matter. Node 0 is the depot: a kitchen open over `[ready, due]` of
/// its row. Nodes `1..` are customers with an order each (quantity = demand, window =
/// `[ready, due]`, the latest *start* of service). The fleet is `NUMBER` vehicles (at most
/// one per customer: with one trip each, more could never be used) of capacity `CAPACITY`
/// whose shift is the depot's window. Travel is planar with `rounding`
/// (use [`Rounding::TruncateOneDecimal`] for DIMACS values, [`Rounding::Exact`] for the
/// hierarchical ones); the objective is [`Objective::Distance`].
pub fn read_solomon(path: &Path, rounding: Rounding) -> Result<Scenario, BenchmarkError> {
    let text = read_text(path)?;
    parse_solomon(path, &text, rounding)
}

/// Reads a VRPLIB (CVRPLIB) instance with `EDGE_WEIGHT_TYPE : EUC_2D`: a CVRP, or a VRPTW
/// with time windows and service times.
///
/// The header is `KEY : value` lines: `NAME`, `TYPE` (`CVRP`, `CVRPTW` or `VRPTW`),
/// `DIMENSION` (nodes, depot included), `CAPACITY`, `EDGE_WEIGHT_TYPE`, and optionally
/// `VEHICLES` (the fleet size) and `SERVICE_TIME` (the same service time at every customer,
/// none at the depot); others such as `COMMENT` are ignored. Then `NODE_COORD_SECTION`
/// (`node x y`), `DEMAND_SECTION` (`node demand`), optionally `TIME_WINDOW_SECTION`
/// (`node earliest latest`; required when the `TYPE` has time windows) and
/// `SERVICE_TIME_SECTION` (`node service`, instead of the `SERVICE_TIME` header),
/// `DEPOT_SECTION` (ending with `-1`) and `EOF`.
///
/// Exactly one depot is supported. Node numbering follows the VRPLIB solution files: the
/// depot is site 0 and the other nodes, in file order, are customers `1..n-1` (so with the
/// depot at node 1, node `i + 1` is customer `i`). A customer's window is the interval in
/// which its service must *start*; the depot's window is every vehicle's shift (leave no
/// earlier, be back no later). The fleet is `VEHICLES` vehicles, or one per customer when
/// the file does not limit it (CVRPLIB X and XXL).
///
/// Travel is planar and time equals distance. A file with time windows uses the DIMACS 2021
/// convention of its best-known values, each arc truncated to one decimal
/// ([`Rounding::TruncateOneDecimal`]); a file without uses TSPLIB's nearest integer
/// ([`Rounding::NearestInteger`]). The objective is [`Objective::Distance`]. Other edge
/// weight types, problem types, several depots and route-length limits (`DISTANCE`) are
/// rejected with [`BenchmarkError::Unsupported`].
pub fn read_vrplib(path: &Path) -> Result<Scenario, BenchmarkError> {
    let text = read_text(path)?;
    vrplib::parse_vrplib(path, &text)
}

/// Reads `dir/bks.csv`, the best-known solutions of the instances in `dir`, keyed by
/// instance name.
///
/// A table with a `bks` column is CVRPLIB's (`instance,bks,routes,...`) and is read from
/// `bks` and `routes` whatever `column` says. Otherwise it is Solomon's, read from
/// `dimacs_distance`/`dimacs_routes` or `distance`/`vehicles` as `column` selects. Rows
/// whose distance cell is empty have no best-known value in that table and are left out.
pub fn read_best_known(
    dir: &Path,
    column: BksColumn,
) -> Result<BTreeMap<String, BestKnown>, BenchmarkError> {
    let path = dir.join("bks.csv");
    let text = read_text(&path)?;
    parse_best_known(&path, &text, column)
}

pub(crate) fn read_text(path: &Path) -> Result<String, BenchmarkError> {
    let bytes = reliefroute::input::read_input(path).map_err(|source| BenchmarkError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Context for error messages: the file and its length in lines.
pub(crate) struct Ctx<'a> {
    path: &'a Path,
    /// Number of the line after the last one, reported for a missing end.
    end_line: usize,
}

impl Ctx<'_> {
    pub(crate) fn new<'a>(path: &'a Path, text: &str) -> Ctx<'a> {
        Ctx {
            path,
            end_line: text.lines().count() + 1,
        }
    }

    pub(crate) fn syntax(
        &self,
        line: usize,
        expected: impl Into<String>,
        found: &str,
    ) -> BenchmarkError {
        BenchmarkError::Syntax {
            path: self.path.to_path_buf(),
            line,
            expected: expected.into(),
            found: quote(found),
        }
    }

    pub(crate) fn at_end(&self, expected: impl Into<String>) -> BenchmarkError {
        BenchmarkError::Syntax {
            path: self.path.to_path_buf(),
            line: self.end_line,
            expected: expected.into(),
            found: "end of file".to_string(),
        }
    }

    pub(crate) fn unsupported(&self, line: usize, what: impl Into<String>) -> BenchmarkError {
        BenchmarkError::Unsupported {
            path: self.path.to_path_buf(),
            line,
            what: what.into(),
        }
    }

    pub(crate) fn number(
        &self,
        line: usize,
        what: &str,
        token: &str,
    ) -> Result<f64, BenchmarkError> {
        match token.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.syntax(line, format!("a number for {what}"), token)),
        }
    }

    pub(crate) fn non_negative(
        &self,
        line: usize,
        what: &str,
        token: &str,
    ) -> Result<f64, BenchmarkError> {
        let v = self.number(line, what, token)?;
        if v < 0.0 {
            return Err(self.syntax(line, format!("a non-negative number for {what}"), token));
        }
        Ok(v)
    }

    /// A non-negative integer (written `12` or `12.0`) that fits in `u32`.
    pub(crate) fn count(
        &self,
        line: usize,
        what: &str,
        token: &str,
    ) -> Result<u32, BenchmarkError> {
        match token.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) => {
                Ok(v as u32)
            }
            _ => Err(self.syntax(line, format!("a non-negative integer for {what}"), token)),
        }
    }
}

/// Quotes a token for an error message, shortening long ones.
fn quote(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        let short: String = text.chars().take(MAX).collect();
        format!("{short:?}...")
    } else {
        format!("{text:?}")
    }
}

fn is_number(token: &str) -> bool {
    token.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The parts shared by both instance formats, assembled into a scenario.
struct Instance {
    name: String,
    depot: Coord<f64>,
    depot_hours: TimeWindow,
    depot_service: f64,
    /// Customer 1 first.
    customers: Vec<Customer>,
    vehicles: u32,
    capacity: u32,
    rounding: Rounding,
}

struct Customer {
    name: String,
    location: Coord<f64>,
    demand: u32,
    window: TimeWindow,
    service: f64,
}

impl Instance {
    fn into_scenario(self) -> Scenario {
        let mut sites = Vec::with_capacity(self.customers.len() + 1);
        sites.push(Site {
            id: "0".to_string(),
            kind: SiteKind::Kitchen,
            name: "depot".to_string(),
            location: self.depot,
            service_min: self.depot_service,
            hours: self.depot_hours,
            requires: Vec::new(),
            max_wait_min: None,
            extra: Vec::new(),
        });
        let mut orders = Vec::with_capacity(self.customers.len());
        for (k, c) in self.customers.into_iter().enumerate() {
            let index = k + 1;
            sites.push(Site {
                id: index.to_string(),
                kind: SiteKind::Other("customer".to_string()),
                name: c.name,
                location: c.location,
                service_min: c.service,
                hours: TimeWindow::ALWAYS,
                requires: Vec::new(),
                max_wait_min: None,
                extra: Vec::new(),
            });
            orders.push(Order {
                window: c.window,
                ..Order::new(index.to_string(), index, 0, c.demand)
            });
        }
        let fleet = (1..=self.vehicles)
            .map(|v| Vehicle {
                id: format!("v{v}"),
                kind: "vehicle".to_string(),
                base: 0,
                capacity: vec![self.capacity],
                shift: self.depot_hours,
                speed_kmh: 60.0,
                max_trips: 1,
                skills: Vec::new(),
                breaks: Vec::new(),
                max_work_min: None,
                extra: Vec::new(),
            })
            .collect();
        Scenario {
            name: self.name,
            sites,
            items: vec!["demand".to_string()],
            orders,
            fleet,
            travel: TravelModel::Planar(self.rounding),
            network: None,
            supply: Vec::new(),
            solver: SolverSettings {
                objective: Objective::Distance,
                ..SolverSettings::default()
            },
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const SOLOMON_COLUMNS: [&str; 7] = [
    "CUST NO.",
    "XCOORD.",
    "YCOORD.",
    "DEMAND",
    "READY TIME",
    "DUE DATE",
    "SERVICE TIME",
];

/// Non-blank lines of a Solomon file as (line number, tokens).
type Rows<'r, 't> = std::iter::Peekable<std::slice::Iter<'r, (usize, Vec<&'t str>)>>;

/// Consumes a line whose first word is `word` (`VEHICLE`, `CUSTOMER`).
fn section_header(
    ctx: &Ctx<'_>,
    rows: &mut Rows<'_, '_>,
    word: &str,
) -> Result<(), BenchmarkError> {
    match rows.next() {
        Some((_, tokens)) if tokens[0].eq_ignore_ascii_case(word) => Ok(()),
        Some((line, tokens)) => Err(ctx.syntax(
            *line,
            format!("the {word} section header"),
            &tokens.join(" "),
        )),
        None => Err(ctx.at_end(format!("the {word} section header"))),
    }
}

/// Skips column header lines (those not starting with a number).
fn skip_headers(rows: &mut Rows<'_, '_>) {
    while rows.next_if(|(_, tokens)| !is_number(tokens[0])).is_some() {}
}

fn parse_solomon(path: &Path, text: &str, rounding: Rounding) -> Result<Scenario, BenchmarkError> {
    let ctx = Ctx::new(path, text);
    // Non-blank lines as (line number, tokens).
    let lines: Vec<(usize, Vec<&str>)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split_whitespace().collect::<Vec<_>>()))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut it = lines.iter().peekable();

    let name = match it.next() {
        Some((_, tokens)) => tokens.join(" "),
        None => return Err(ctx.at_end("the instance name on the first line")),
    };

    section_header(&ctx, &mut it, "VEHICLE")?;
    skip_headers(&mut it);
    let (vehicles, capacity) = match it.next() {
        Some((line, tokens)) => {
            if tokens.len() != 2 {
                return Err(ctx.syntax(
                    *line,
                    format!(
                        "2 fields (vehicle NUMBER and CAPACITY), not {}",
                        tokens.len()
                    ),
                    &tokens.join(" "),
                ));
            }
            let vehicles = ctx.count(*line, "the vehicle NUMBER", tokens[0])?;
            if vehicles == 0 {
                return Err(ctx.syntax(*line, "at least 1 vehicle", tokens[0]));
            }
            (
                vehicles,
                ctx.count(*line, "the vehicle CAPACITY", tokens[1])?,
            )
        }
        None => return Err(ctx.at_end("the vehicle NUMBER and CAPACITY")),
    };

    section_header(&ctx, &mut it, "CUSTOMER")?;
    skip_headers(&mut it);

    let mut depot = None;
    let mut customers = Vec::new();
    for (line, tokens) in it {
        let line = *line;
        if tokens.len() != SOLOMON_COLUMNS.len() {
            return Err(ctx.syntax(
                line,
                format!(
                    "{} fields ({}), not {}",
                    SOLOMON_COLUMNS.len(),
                    SOLOMON_COLUMNS.join(", "),
                    tokens.len()
                ),
                &tokens.join(" "),
            ));
        }
        let expected_node = customers.len() + usize::from(depot.is_some());
        let node = ctx.count(line, "CUST NO.", tokens[0])?;
        if node as usize != expected_node {
            return Err(ctx.syntax(
                line,
                format!("node number {expected_node} (nodes are numbered 0, 1, 2, ...)"),
                tokens[0],
            ));
        }
        let x = ctx.number(line, SOLOMON_COLUMNS[1], tokens[1])?;
        let y = ctx.number(line, SOLOMON_COLUMNS[2], tokens[2])?;
        let demand = ctx.count(line, SOLOMON_COLUMNS[3], tokens[3])?;
        let ready = ctx.non_negative(line, SOLOMON_COLUMNS[4], tokens[4])?;
        let due = ctx.non_negative(line, SOLOMON_COLUMNS[5], tokens[5])?;
        let service = ctx.non_negative(line, SOLOMON_COLUMNS[6], tokens[6])?;
        if due < ready {
            return Err(ctx.syntax(
                line,
                format!("a DUE DATE no earlier than the READY TIME {ready}"),
                tokens[5],
            ));
        }
        let location = Coord { x, y };
        let window = TimeWindow::new(ready, due);
        if depot.is_none() {
            depot = Some((location, window, service));
        } else {
            customers.push(Customer {
                name: format!("customer {node}"),
                location,
                demand,
                window,
                service,
            });
        }
    }
    let Some((depot, depot_hours, depot_service)) = depot else {
        return Err(ctx.at_end("the depot row (node 0) of the CUSTOMER section"));
    };
    if customers.is_empty() {
        return Err(ctx.at_end("customer rows after the depot row"));
    }
    // One trip each, so vehicles beyond one per customer could never be used (and a NUMBER
    // of 4000000000 asked for 640 GB and aborted; found while fuzzing this reader).
    let vehicles = vehicles.min(u32::try_from(customers.len()).unwrap_or(u32::MAX));
    Ok(Instance {
        name,
        depot,
        depot_hours,
        depot_service,
        customers,
        vehicles,
        capacity,
        rounding,
    }
    .into_scenario())
}

fn parse_best_known(
    path: &Path,
    text: &str,
    column: BksColumn,
) -> Result<BTreeMap<String, BestKnown>, BenchmarkError> {
    let ctx = Ctx::new(path, text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e
            .position()
            .map(|p| reliefroute::input::csv_line_at(text.as_bytes(), p.byte()))
            .unwrap_or(ctx.end_line);
        ctx.syntax(line, "a well-formed CSV row", &e.to_string())
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    if headers.is_empty() || headers.iter().all(str::is_empty) {
        return Err(ctx.syntax(1, "a header row", ""));
    }
    let find = |name: &str| headers.iter().position(|h| h == name);
    let need = |name: &str| {
        find(name).ok_or_else(|| {
            ctx.syntax(
                1,
                format!("a header with an `{name}` column"),
                &headers.iter().collect::<Vec<_>>().join(","),
            )
        })
    };
    let instance_col = need("instance")?;
    let (distance_name, vehicles_name) = if find("bks").is_some() {
        ("bks", "routes")
    } else {
        match column {
            BksColumn::Dimacs => ("dimacs_distance", "dimacs_routes"),
            BksColumn::Hierarchical => ("distance", "vehicles"),
        }
    };
    let distance_col = need(distance_name)?;
    let vehicles_col = find(vehicles_name);

    let mut table = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record
            .position()
            .map(|p| reliefroute::input::csv_line_at(text.as_bytes(), p.byte()))
            .unwrap_or(ctx.end_line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |col: usize| record.get(col).unwrap_or("");
        let instance = cell(instance_col);
        if instance.is_empty() {
            return Err(ctx.syntax(line, "an instance name", ""));
        }
        let distance_text = cell(distance_col);
        if distance_text.is_empty() {
            continue;
        }
        let distance = ctx.non_negative(line, distance_name, distance_text)?;
        let vehicles = match vehicles_col.map(cell) {
            Some(v) if !v.is_empty() => Some(ctx.count(line, vehicles_name, v)?),
            _ => None,
        };
        let previous = table.insert(
            instance.to_string(),
            BestKnown {
                instance: instance.to_string(),
                vehicles,
                distance,
            },
        );
        if previous.is_some() {
            return Err(ctx.syntax(line, "each instance once", instance));
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("mem.txt")
    }

    const TINY: &str = "T1\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  2   10\r\n\r\nCUSTOMER\r\n\
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n\
        0 0 0 0 0 100 0\r\n1 3 4 5 10 20 2\r\n2 6 8 3 0 50 1\r\n";

    #[test]
    fn tiny_solomon() {
        let s = parse_solomon(p(), TINY, Rounding::Exact).unwrap();
        assert_eq!(s.name, "T1");
        assert_eq!(s.sites.len(), 3);
        assert_eq!(s.fleet.len(), 2);
        assert_eq!(s.fleet[1].id, "v2");
        assert_eq!(s.orders[0].window, TimeWindow::new(10.0, 20.0));
        assert_eq!(s.sites[2].service_min, 1.0);
        assert_eq!(s.sites[0].hours, TimeWindow::new(0.0, 100.0));
    }

    #[test]
    fn solomon_errors_name_the_line() {
        let bad = TINY.replace("1 3 4 5 10 20 2", "1 3 x 5 10 20 2");
        let e = parse_solomon(p(), &bad, Rounding::Exact).unwrap_err();
        assert!(matches!(e, BenchmarkError::Syntax { line: 11, .. }), "{e}");
        assert!(e.to_string().contains("YCOORD"), "{e}");
        let bad = TINY.replace("2 6 8 3 0 50 1", "2 6 8 3 0 50");
        let e = parse_solomon(p(), &bad, Rounding::Exact).unwrap_err();
        assert!(e.to_string().contains("7 fields"), "{e}");
        let bad = TINY.replace("2 6 8 3 0 50 1", "5 6 8 3 0 50 1");
        assert!(parse_solomon(p(), &bad, Rounding::Exact).is_err());
    }

    #[test]
    fn solomon_huge_vehicle_number_is_capped_at_the_customers() {
        let huge = TINY.replace("  2   10", "  4000000000   10");
        let s = parse_solomon(p(), &huge, Rounding::Exact).unwrap();
        assert_eq!(s.fleet.len(), 2);
        let one = TINY.replace("  2   10", "  1   10");
        assert_eq!(
            parse_solomon(p(), &one, Rounding::Exact)
                .unwrap()
                .fleet
                .len(),
            1
        );
    }

    const TINY_VRP: &str = "NAME : \tT\t\r\nTYPE : CVRP\r\nDIMENSION : 3\r\n\
        EDGE_WEIGHT_TYPE : \tEUC_2D\t\r\nCAPACITY : 10\r\nNODE_COORD_SECTION\t\r\n\
        1 0 0\r\n2 3 4\r\n3 6 8\r\nDEMAND_SECTION\r\n1 0\r\n2 4\r\n3 5\r\n\
        DEPOT_SECTION\r\n 1\r\n -1\r\nEOF\r\n";

    #[test]
    fn tiny_cvrplib() {
        let s = vrplib::parse_vrplib(p(), TINY_VRP).unwrap();
        assert_eq!(s.name, "T");
        assert_eq!(s.sites.len(), 3);
        assert_eq!(s.orders[1].quantity, 5);
        assert_eq!(s.fleet.len(), 2);
        assert_eq!(s.travel, TravelModel::Planar(Rounding::NearestInteger));
    }

    #[test]
    fn cvrplib_depot_not_first() {
        let text = TINY_VRP.replace(" 1\r\n -1", " 2\r\n -1");
        let s = vrplib::parse_vrplib(p(), &text).unwrap();
        assert_eq!(s.sites[0].location, Coord { x: 3.0, y: 4.0 });
        assert_eq!(s.sites[1].name, "node 1");
        assert_eq!(s.orders[0].quantity, 0);
    }

    #[test]
    fn cvrplib_huge_dimension_is_an_error() {
        let text = TINY_VRP.replace("DIMENSION : 3", "DIMENSION : 99999999999");
        let e = vrplib::parse_vrplib(p(), &text).unwrap_err();
        assert!(matches!(e, BenchmarkError::Syntax { line: 3, .. }), "{e}");
    }
}
