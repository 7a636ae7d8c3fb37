//! The `reliefroute` binary end to end: exit codes, output files and what each command prints.
//!
//! The binary belongs to another package (`reliefroute-cli`), so `CARGO_BIN_EXE_reliefroute`
//! is not available here, and `cargo test` does not build other packages' binaries for their
//! own sake. [`binary`] therefore runs `cargo build -p reliefroute-cli --bin reliefroute` once
//! per test run, in the profile of this test executable (a no-op when the binary is fresh), and
//! uses the binary it finds in the profile folder next to `deps/`. Set `RELIEFROUTE_BIN` to a
//! prebuilt binary to skip the build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use reliefroute::{load_scenario, strategy_names, ROUTES_CSV_HEADER};
use reliefroute_bench::BenchRow;
use serde_json::Value;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/panzhihua");
const SOLOMON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/data/solomon");
const INVALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/invalid");

/// The path of a fresh `reliefroute` binary (built once per test run).
pub(crate) fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        if let Some(path) = std::env::var_os("RELIEFROUTE_BIN") {
            return PathBuf::from(path);
        }
        // target/<profile>/deps/end_to_end-<hash>: the binary lands in target/<profile>.
        let exe = std::env::current_exe().expect("the test executable's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("the test executable lives in target/<profile>/deps")
            .to_path_buf();
        let profile = profile_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = Command::new(cargo);
        build.args(["build", "--quiet", "-p", "reliefroute-cli", "--bin", "reliefroute"]);
        build.arg("--manifest-path").arg(format!("{WORKSPACE}/Cargo.toml"));
        match profile.as_str() {
            "debug" => {}
            "release" => {
                build.arg("--release");
            }
            other => {
                build.args(["--profile", other]);
            }
        }
        let output = build
            .output()
            .unwrap_or_else(|e| panic!("cannot run cargo to build reliefroute: {e}"));
        assert!(
            output.status.success(),
            "`cargo build -p reliefroute-cli` failed; build it first or set RELIEFROUTE_BIN:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let path = profile_dir.join(format!("reliefroute{}", std::env::consts::EXE_SUFFIX));
        assert!(
            path.is_file(),
            "{} not found after building; run `cargo build -p reliefroute-cli` first or set RELIEFROUTE_BIN",
            path.display()
        );
        path
    })
}

/// What a run of the binary did.
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    #[track_caller]
    pub(crate) fn success(self) -> Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// A clean failure: non-zero, not a panic (101), an `error:` message and nothing on stdout.
    #[track_caller]
    pub(crate) fn failure(self) -> Run {
        assert!(
            !matches!(self.code, Some(0) | Some(101) | None),
            "expected a clean failure, got {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.stdout,
            self.stderr
        );
        assert!(self.stderr.contains("error:"), "stderr:\n{}", self.stderr);
        assert!(
            !self.stderr.contains("panicked"),
            "stderr:\n{}",
            self.stderr
        );
        self
    }
}

pub(crate) fn reliefroute(args: &[&str]) -> Run {
    let output: Output = Command::new(binary())
        .args(args)
        .current_dir(WORKSPACE)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

fn invalid(name: &str) -> String {
    format!("{INVALID}/{name}")
}

#[test]
fn plan_writes_the_three_files() {
    let out = tempfile::tempdir().unwrap();
    let run = reliefroute(&["plan", SAMPLE, "--out", path_str(out.path())]).success();
    for name in ["plan.json", "routes.csv", "plan.geojson"] {
        let path = out.path().join(name);
        assert!(path.is_file(), "{name} missing");
        assert!(
            run.stdout.contains(&format!("wrote {}", path.display())),
            "stdout should name {name}:\n{}",
            run.stdout
        );
    }
    let orders = load_scenario(Path::new(SAMPLE)).unwrap().orders.len();

    let plan = read_json(&out.path().join("plan.json"));
    assert_eq!(plan["version"], 1);
    // scenario.toml picks `search`, which serves every order of the sample.
    assert_eq!(plan["strategy"], "search");
    let summary = &plan["summary"];
    assert_eq!(summary["orders"].as_u64(), Some(orders as u64));
    assert_eq!(summary["served"].as_u64(), Some(orders as u64), "{summary}");
    assert_eq!(summary["unassigned"], 0);
    assert_eq!(plan["unassigned"].as_array().map(Vec::len), Some(0));

    let routes = plan["routes"].as_array().expect("routes array");
    let stops: Vec<&Value> = routes
        .iter()
        .flat_map(|r| r["trips"].as_array().unwrap())
        .flat_map(|t| t["stops"].as_array().unwrap())
        .collect();
    let handed_over: usize = stops
        .iter()
        .map(|s| s["orders"].as_array().unwrap().len())
        .sum();
    assert_eq!(handed_over, orders);
    let trips: usize = routes
        .iter()
        .map(|r| r["trips"].as_array().unwrap().len())
        .sum();
    assert_eq!(summary["trips"].as_u64(), Some(trips as u64));

    // routes.csv: the header, then one row per stop (no field spans lines).
    let csv = fs::read_to_string(out.path().join("routes.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(ROUTES_CSV_HEADER.join(",").as_str()));
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), stops.len());
    let first_vehicle = routes[0]["vehicle"].as_str().unwrap();
    assert!(
        rows[0].starts_with(&format!("{first_vehicle},")),
        "{}",
        rows[0]
    );

    let geojson = read_json(&out.path().join("plan.geojson"));
    assert_eq!(geojson["type"], "FeatureCollection");
    assert!(!geojson["features"].as_array().unwrap().is_empty());
}

#[test]
fn check_accepts_the_sample() {
    let run = reliefroute(&["check", SAMPLE]).success();
    let orders = load_scenario(Path::new(SAMPLE)).unwrap().orders.len();
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("{orders} orders")),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn check_rejects_invalid_folders_with_file_and_line() {
    let run = reliefroute(&["check", &invalid("bad_time")]).failure();
    assert!(run.stdout.is_empty(), "stdout:\n{}", run.stdout);
    assert!(run.stderr.contains("orders.csv:4"), "{}", run.stderr);
    assert!(run.stderr.contains("25:99"), "{}", run.stderr);

    // Every problem is listed, each with its file and line.
    let run = reliefroute(&["check", &invalid("several_errors")]).failure();
    assert!(run.stdout.is_empty(), "stdout:\n{}", run.stdout);
    for place in [
        "orders.csv:2",
        "orders.csv:3",
        "orders.csv:4",
        "orders.csv:5",
        "fleet.csv:3",
    ] {
        assert!(
            run.stderr.contains(place),
            "{place} missing:\n{}",
            run.stderr
        );
    }
}

#[test]
fn check_fails_cleanly_on_every_invalid_fixture() {
    let mut names: Vec<PathBuf> = fs::read_dir(INVALID)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for dir in names {
        let run = reliefroute(&["check", path_str(&dir)]);
        assert!(
            run.stdout.is_empty(),
            "{}: stdout:\n{}",
            dir.display(),
            run.stdout
        );
        run.failure();
    }
}

#[test]
fn plan_on_an_invalid_folder_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("plans");
    let run = reliefroute(&["plan", &invalid("bad_time"), "--out", path_str(&target)]).failure();
    assert!(run.stdout.is_empty(), "stdout:\n{}", run.stdout);
    assert!(run.stderr.contains("orders.csv:4"), "{}", run.stderr);
    assert!(!target.exists(), "the output folder should not be created");
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn unknown_strategy_names_the_valid_ones() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("plans");
    let run = reliefroute(&[
        "plan",
        SAMPLE,
        "--strategy",
        "teleport",
        "--out",
        path_str(&target),
    ])
    .failure();
    assert!(run.stderr.contains("teleport"), "{}", run.stderr);
    for name in strategy_names() {
        assert!(run.stderr.contains(name), "{name} missing:\n{}", run.stderr);
    }
    assert!(!target.exists());

    let run = reliefroute(&["compare", SAMPLE, "--strategies", "nearest,teleport"]).failure();
    assert!(run.stderr.contains("teleport"), "{}", run.stderr);
    assert!(run.stderr.contains("regret"), "{}", run.stderr);
}

#[test]
fn help_lists_the_commands() {
    let run = reliefroute(&["--help"]).success();
    for command in ["plan", "check", "compare", "bench"] {
        assert!(
            run.stdout.contains(command),
            "{command} missing:\n{}",
            run.stdout
        );
    }
    // Without a command, usage goes to stderr with a failure code.
    let run = reliefroute(&[]);
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("Usage"), "{}", run.stderr);
}

/// The table rows of `compare` output, keyed by strategy name: (served, feasible).
fn table_rows(stdout: &str) -> Vec<(String, String, String)> {
    let mut lines = stdout.lines();
    let header = lines
        .by_ref()
        .find(|l| l.starts_with("strategy"))
        .unwrap_or_else(|| panic!("no table header:\n{stdout}"));
    assert!(header.trim_end().ends_with("feasible"), "{header}");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            (
                cells[0].to_string(),
                cells[1].to_string(),
                cells.last().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn compare_runs_strategies_side_by_side() {
    let run = reliefroute(&[
        "compare",
        SAMPLE,
        "--strategies",
        "single,sweep,regret",
        "--seconds",
        "1",
    ])
    .success();
    let orders = load_scenario(Path::new(SAMPLE)).unwrap().orders.len();
    assert!(
        run.stdout.contains(&format!("{orders} orders")),
        "{}",
        run.stdout
    );
    let rows = table_rows(&run.stdout);
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["single", "sweep", "regret"], "{}", run.stdout);
    for (name, served, feasible) in &rows {
        assert_eq!(feasible, "yes", "{name}:\n{}", run.stdout);
        assert!(served.ends_with(&format!("/{orders}")), "{}", run.stdout);
    }
    for (name, served, _) in &rows[1..] {
        assert_eq!(served, &format!("{orders}/{orders}"), "{name}");
    }
}

#[test]
fn compare_reads_a_solomon_file() {
    let file = format!("{SOLOMON}/C101.txt");
    let run = reliefroute(&["compare", &file, "--strategies", "nearest"]).success();
    assert!(run.stdout.starts_with("C101"), "{}", run.stdout);
    let rows = table_rows(&run.stdout);
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert_eq!(rows[0].0, "nearest");
    assert_eq!(rows[0].1, "100/100");
    assert_eq!(rows[0].2, "yes");
}

/// A temporary benchmark folder with C101, R101 and the Solomon best-known table.
fn small_bench_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["C101.txt", "R101.txt", "bks.csv"] {
        fs::copy(format!("{SOLOMON}/{name}"), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn bench_prints_csv_rows_and_the_mean_gap() {
    let dir = small_bench_folder();
    let run = reliefroute(&[
        "bench",
        path_str(dir.path()),
        "--strategy",
        "regret",
        "--seconds",
        "0.5",
    ])
    .success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert_eq!(lines[0], BenchRow::CSV_HEADER);
    let columns = BenchRow::CSV_HEADER.split(',').count();
    for (line, instance) in lines[1..3].iter().zip(["C101", "R101"]) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), columns, "{line}");
        assert_eq!(cells[0], instance);
        assert_eq!(cells[1], "regret");
        assert_eq!(cells[7], "true", "feasible: {line}");
        let gap: f64 = cells[6].parse().unwrap_or_else(|_| panic!("gap in {line}"));
        assert!((-1e-6..100.0).contains(&gap), "{line}");
        assert_eq!(cells[9], "0", "unassigned: {line}");
    }
    assert!(lines[3].starts_with("# mean gap"), "{}", lines[3]);
    assert!(lines[3].contains("over 2 instances"), "{}", lines[3]);
}

#[test]
fn bench_prints_json_lines() {
    let dir = small_bench_folder();
    let run = reliefroute(&[
        "bench",
        path_str(dir.path()),
        "--strategy",
        "regret",
        "--seconds",
        "0.5",
        "--format",
        "jsonl",
    ])
    .success();
    let values: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(values.len(), 3, "{}", run.stdout);
    for (value, instance) in values.iter().zip(["C101", "R101"]) {
        assert_eq!(value["instance"], instance);
        assert_eq!(value["strategy"], "regret");
        assert_eq!(value["feasible"], true);
        assert!(value["bks"].as_f64().is_some(), "{value}");
        assert!(value["gap_percent"].as_f64().is_some(), "{value}");
    }
    assert_eq!(values[2]["instances"], 2);
    assert_eq!(values[2]["infeasible"], 0);
    assert!(values[2]["mean_gap_percent"].as_f64().is_some());
}

#[test]
fn bench_on_a_folder_without_instances_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(format!("{SOLOMON}/bks.csv"), dir.path().join("bks.csv")).unwrap();
    let run = reliefroute(&["bench", path_str(dir.path()), "--strategy", "nearest"]).failure();
    assert!(run.stderr.contains("no .txt or .vrp"), "{}", run.stderr);
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for out in [&first, &second] {
        reliefroute(&[
            "plan",
            SAMPLE,
            "--strategy",
            "search",
            "--seconds",
            "1",
            "--seed",
            "7",
            // Tests share the cores: without this the clock may cut one run short.
            "--reproducible",
            "--out",
            path_str(out.path()),
        ])
        .success();
    }
    for name in ["plan.json", "routes.csv", "plan.geojson"] {
        let a = fs::read(first.path().join(name)).unwrap();
        let b = fs::read(second.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between two runs with seed 7");
    }
    let plan = read_json(&first.path().join("plan.json"));
    assert_eq!(plan["strategy"], "search");
    assert_eq!(plan["seed"], 7);
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let out = tempfile::tempdir().unwrap();
    let run = reliefroute(&[
        "plan",
        SAMPLE,
        "--strategy",
        "search",
        "--seconds",
        "0.2",
        "--reproducible",
        "--out",
        path_str(out.path()),
    ])
    .success();
    assert!(!run.stderr.contains("best"), "{}", run.stderr);
    assert!(run.stdout.contains("orders served"), "{}", run.stdout);
}

/// A temporary benchmark folder with R101 alone and the Solomon best-known table.
fn r101_bench_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["R101.txt", "bks.csv"] {
        fs::copy(format!("{SOLOMON}/{name}"), dir.path().join(name)).unwrap();
    }
    dir
}

#[test]
fn bench_rejects_invalid_seconds_and_threads_like_plan() {
    let dir = r101_bench_folder();
    for (flag, value) in [
        ("--seconds", "0"),
        ("--seconds", "-1"),
        ("--seconds", "nan"),
        ("--seconds", "inf"),
        ("--threads", "0"),
        ("--threads", "100000"),
    ] {
        for command in ["bench", "plan"] {
            let input = if command == "bench" {
                path_str(dir.path())
            } else {
                SAMPLE
            };
            let out = tempfile::tempdir().unwrap();
            let target = out.path().join("plans");
            let mut args = vec![command, input, "--strategy", "nearest", flag, value];
            if command == "plan" {
                args.extend(["--out", path_str(&target)]);
            }
            let run = reliefroute(&args).failure();
            assert_eq!(
                run.code,
                Some(2),
                "{command} {flag} {value}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains(&format!("error: {flag} must be")),
                "{command} {flag} {value}: {}",
                run.stderr
            );
            assert!(run.stdout.is_empty(), "{command}: {}", run.stdout);
            assert!(!target.exists());
        }
    }
    let run = reliefroute(&["bench", path_str(dir.path()), "--seconds", "0"]);
    assert!(
        run.stderr
            .contains("--seconds must be a finite number of seconds above 0, got 0"),
        "{}",
        run.stderr
    );
}

/// The JSON rows of `bench --format jsonl` (the last line is the summary).
fn bench_json(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "bench",
        path_str(dir),
        "--strategy",
        "regret",
        "--format",
        "jsonl",
    ];
    args.extend_from_slice(extra);
    reliefroute(&args)
        .success()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn bench_honours_the_objective() {
    let dir = r101_bench_folder();
    // Without --objective the DIMACS table's objective (distance) is used.
    let default = bench_json(dir.path(), &[]);
    let distance = bench_json(dir.path(), &["--objective", "distance"]);
    let couriers = bench_json(dir.path(), &["--objective", "couriers-first"]);
    for rows in [&default, &distance, &couriers] {
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0]["instance"], "R101");
        assert_eq!(rows[0]["feasible"], true, "{}", rows[0]);
    }
    assert_eq!(default[0]["objective"], "distance");
    assert_eq!(distance[0]["objective"], "distance");
    assert_eq!(couriers[0]["objective"], "couriers-first");
    // regret is deterministic: the same objective gives the same row (but for wall time).
    for key in ["vehicles", "distance", "gap_percent"] {
        assert_eq!(default[0][key], distance[0][key], "{key}");
    }
    // On R101 regret needs one courier fewer when couriers come first, for a longer
    // distance: the objective reached the planner.
    let vehicles = |rows: &[Value]| rows[0]["vehicles"].as_u64().unwrap();
    let length = |rows: &[Value]| rows[0]["distance"].as_f64().unwrap();
    assert!(
        vehicles(&couriers) < vehicles(&distance),
        "couriers-first {} vs distance {}",
        couriers[0],
        distance[0]
    );
    assert!(
        length(&distance) < length(&couriers),
        "couriers-first {} vs distance {}",
        couriers[0],
        distance[0]
    );
}

#[test]
fn an_invalid_objective_lists_the_allowed_values() {
    let dir = r101_bench_folder();
    for args in [
        vec!["bench", path_str(dir.path()), "--objective", "fastest"],
        vec!["plan", SAMPLE, "--objective", "fastest"],
        vec!["compare", SAMPLE, "--objective", "fastest"],
    ] {
        let run = reliefroute(&args).failure();
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(run.stderr.contains("fastest"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("[possible values: couriers-first, distance, balanced]"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn an_invalid_matrix_method_lists_the_allowed_values() {
    let run = reliefroute(&["matrix", SAMPLE, "--method", "astar"]).failure();
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("[possible values: auto, dijkstra, ch]"),
        "{}",
        run.stderr
    );
}

/// The README quotes the sample's `--reproducible` plan: the summary the first command
/// prints, and two lines of it under `--objective balanced`. Both must be what the binary
/// prints today, or the README misleads a newcomer. Linux on x86-64 only, where the figures
/// were made: another platform's maths library may round a great-circle distance differently
/// in the last bit, and so end in another plan.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn the_readme_quotes_the_samples_reproducible_plans() {
    let readme = fs::read_to_string(format!("{WORKSPACE}/README.md")).unwrap();
    let printed = |extra: &[&str]| -> String {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![
            "plan",
            SAMPLE,
            "--reproducible",
            "--out",
            path_str(out.path()),
        ];
        args.extend_from_slice(extra);
        let run = reliefroute(&args).success();
        // The summary, without the lines naming the files written.
        run.stdout
            .lines()
            .take_while(|l| !l.starts_with("wrote "))
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_string()
    };
    let summary = printed(&[]);
    let title = summary.lines().next().unwrap();
    let start = readme
        .find(&format!("```\n{title}\n"))
        .unwrap_or_else(|| panic!("the README quotes no summary starting {title:?}"));
    let quoted = &readme[start + 4..];
    let quoted = quoted[..quoted.find("```").unwrap()].trim_end();
    assert_eq!(
        quoted, summary,
        "the README's sample summary is not what `plan` prints"
    );

    let balanced = printed(&["--objective", "balanced"]);
    for label in ["  working day ", "  orders/courier "] {
        let line = balanced.lines().find(|l| l.starts_with(label)).unwrap();
        assert!(
            readme.contains(&format!("\n{line}\n")),
            "the README does not quote the balanced sample's {line:?}"
        );
    }
}
