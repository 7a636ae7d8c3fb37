//! Writing the output folder: `plan.json`, `routes.csv`, `plan.geojson` and `report.html`,
//! as one set: written beside the folder, then moved in together.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::Scenario;
use crate::plan::Plan;
use crate::travel::TravelMatrix;

use super::geojson::{plan_to_geojson, plan_to_geojson_on};
use super::plan_json::plan_to_json_string_with;
use super::provenance::Provenance;
use super::routes_csv::routes_csv_string;

/// Writes `contents` to `path` atomically: the file is either whole or untouched.
///
/// The bytes go to a hidden temporary file in the same folder, which is flushed to disk and
/// then renamed over `path`; on any error the temporary file is removed.
pub fn write_file_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file path", path.display()),
        )
    })?;
    let temp = dir.join(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The files [`write_outputs`] writes, in that order.
pub const OUTPUT_FILES: [&str; 4] = ["plan.json", "routes.csv", "plan.geojson", "report.html"];

/// The files a re-plan writes besides [`OUTPUT_FILES`] (see [`write_replan_outputs`]).
pub const CHANGES_FILES: [&str; 2] = ["changes.json", "changes.csv"];

/// Checks the output folder before planning, so a bad `--out` fails at once rather than
/// after the planning: `dir` must be a writable folder, or not exist yet with no file in
/// the way of creating it (it is created when the outputs are written, so a run that fails
/// creates nothing). The previous outputs in it ([`OUTPUT_FILES`], nothing else) are
/// removed (and a re-plan's [`CHANGES_FILES`]), so that after a run that fails no earlier
/// plan is left looking like this run's.
///
/// # Errors
///
/// `dir` or a folder above it is an existing file, or `dir` is not writable.
pub fn prepare_output_dir(dir: &Path) -> io::Result<()> {
    let not_a_folder = |path: &Path| {
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is an existing file, not a folder; expected a folder for the outputs",
                path.display()
            ),
        )
    };
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => return Err(not_a_folder(dir)),
        Ok(_) => {}
        Err(_) => {
            // The nearest existing folder above must be a folder.
            let mut above = dir.parent();
            while let Some(path) = above.filter(|p| !p.as_os_str().is_empty()) {
                if let Ok(meta) = fs::metadata(path) {
                    if !meta.is_dir() {
                        return Err(not_a_folder(path));
                    }
                    break;
                }
                above = path.parent();
            }
            return Ok(());
        }
    }
    // Writable? A probe file is created and removed.
    write_file_atomic(&dir.join(".reliefroute-probe"), b"")?;
    fs::remove_file(dir.join(".reliefroute-probe"))?;
    for name in OUTPUT_FILES.iter().chain(&CHANGES_FILES) {
        match fs::remove_file(dir.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Writes `plan.json`, `routes.csv`, `plan.geojson` and `report.html` (see
/// [`report_html`](crate::report_html)) into `dir`, creating it if needed.
///
/// All four are written into a temporary folder beside `dir` (in its parent), then moved
/// into `dir` together: if any cannot be written, none of the new set is moved in and the
/// temporary folder is removed. Returns the paths written, in that order. Panics if the
/// plan holds indices outside the scenario (check it first).
pub fn write_outputs(dir: &Path, scenario: &Scenario, plan: &Plan) -> io::Result<Vec<PathBuf>> {
    write_outputs_with(dir, scenario, None, plan, None)
}

/// As [`write_outputs`], with `plan.geojson` and `report.html` drawing each trip along the
/// road paths of `matrix` (the matrix the plan was made with).
pub fn write_outputs_on(
    dir: &Path,
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
) -> io::Result<Vec<PathBuf>> {
    write_outputs_with(dir, scenario, Some(matrix), plan, None)
}

/// As [`write_outputs`], drawing trips along `matrix`'s roads when given, and recording
/// `provenance` (input digests, tool version, time) in `plan.json` when given.
pub fn write_outputs_with(
    dir: &Path,
    scenario: &Scenario,
    matrix: Option<&TravelMatrix>,
    plan: &Plan,
    provenance: Option<&Provenance>,
) -> io::Result<Vec<PathBuf>> {
    write_set(dir, scenario, matrix, plan, provenance, &[])
}

/// As [`write_outputs_with`] for a re-plan: `changes.json` and `changes.csv` (see
/// [`CHANGES_FILES`]) are written and moved in with the other four, as one set.
pub fn write_replan_outputs(
    dir: &Path,
    scenario: &Scenario,
    matrix: &TravelMatrix,
    plan: &Plan,
    changes: &crate::plan::Changes,
) -> io::Result<Vec<PathBuf>> {
    let mut json = serde_json::to_string_pretty(&super::changes::changes_to_json(changes))
        .map_err(io::Error::other)?;
    json.push('\n');
    let extra = [
        (CHANGES_FILES[0], json),
        (
            CHANGES_FILES[1],
            super::changes::changes_csv_string(changes),
        ),
    ];
    write_set(dir, scenario, Some(matrix), plan, None, &extra)
}

/// Writes the four outputs and `extra` (file name, text) as one set (see
/// [`write_outputs_with`]).
fn write_set(
    dir: &Path,
    scenario: &Scenario,
    matrix: Option<&TravelMatrix>,
    plan: &Plan,
    provenance: Option<&Provenance>,
    extra: &[(&str, String)],
) -> io::Result<Vec<PathBuf>> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    fs::create_dir_all(dir)?;
    let collection = match matrix {
        Some(m) => plan_to_geojson_on(scenario, m, plan),
        None => plan_to_geojson(scenario, plan),
    };
    let mut geojson = serde_json::to_string_pretty(&collection).map_err(io::Error::other)?;
    geojson.push('\n');
    let mut files: Vec<(&str, String)> = OUTPUT_FILES
        .into_iter()
        .zip([
            plan_to_json_string_with(scenario, plan, provenance),
            routes_csv_string(scenario, plan),
            geojson,
            super::report::render(scenario, matrix, plan),
        ])
        .collect();
    files.extend(extra.iter().cloned());
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let temp = parent.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written: Vec<PathBuf> = files.iter().map(|(n, _)| dir.join(n)).collect();
    let result = (|| {
        fs::create_dir(&temp)?;
        for (name, text) in &files {
            let mut file = fs::File::create(temp.join(name))?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
        }
        // Move the set in; on a failure part way, take back what was moved, so the folder
        // never holds a mixed set.
        for (i, (name, _)) in files.iter().enumerate() {
            if let Err(e) = fs::rename(temp.join(name), &written[i]) {
                for path in &written[..i] {
                    let _ = fs::remove_file(path);
                }
                return Err(e);
            }
        }
        Ok(())
    })();
    let _ = fs::remove_dir_all(&temp);
    result.map(|()| written)
}

/// A small scenario and a valid plan for it, shared by the writers' unit tests.
#[cfg(test)]
pub(crate) mod test_sample {
    use geo::Coord;

    use crate::model::{
        Order, Rounding, Scenario, Site, SiteKind, TimeWindow, TravelModel, Vehicle,
    };
    use crate::plan::{Plan, PlannedRoute, PlannedStop, PlannedTrip, Unassigned, UnassignedReason};

    fn site(id: &str, kind: SiteKind, name: &str, x: f64, y: f64, hours: (f64, f64)) -> Site {
        Site {
            id: id.to_string(),
            kind,
            name: name.to_string(),
            location: Coord { x, y },
            service_min: if id.starts_with('K') { 5.0 } else { 2.0 },
            hours: TimeWindow::new(hours.0, hours.1),
            requires: Vec::new(),
            max_wait_min: None,
            extra: Vec::new(),
        }
    }

    fn order(id: &str, site: usize, item: usize, quantity: u32, window: TimeWindow) -> Order {
        Order {
            window,
            ..Order::new(id, site, item, quantity)
        }
    }

    /// Kitchens K1 (0,0) and K2 (0,20), stops A (3,4), B (6,8), C (0,-6); speed 60 so minutes
    /// equal km. R1 serves O1 at A and O2, O3 at B on trip 1, O4 at C on trip 2; O5 is left out.
    pub(crate) fn sample() -> (Scenario, Plan) {
        let scenario = Scenario {
            name: "sample".to_string(),
            sites: vec![
                site(
                    "K1",
                    SiteKind::Kitchen,
                    "Kitchen one",
                    0.0,
                    0.0,
                    (480.0, 840.0),
                ),
                site(
                    "K2",
                    SiteKind::Kitchen,
                    "Kitchen two",
                    0.0,
                    20.0,
                    (480.0, 840.0),
                ),
                site(
                    "A",
                    SiteKind::Checkpoint,
                    "Checkpoint A",
                    3.0,
                    4.0,
                    (540.0, 720.0),
                ),
                site(
                    "B",
                    SiteKind::Household,
                    "Household B, flat 2",
                    6.0,
                    8.0,
                    (480.0, 640.0),
                ),
                site(
                    "C",
                    SiteKind::Village,
                    "Village C",
                    0.0,
                    -6.0,
                    (600.0, 760.0),
                ),
            ],
            items: vec!["meal_box".to_string(), "veg_parcel".to_string()],
            orders: vec![
                Order {
                    kitchen: Some(0),
                    ready: 570.0,
                    max_ride_min: Some(40.0),
                    ..order("O1", 2, 0, 4, TimeWindow::new(600.0, 660.0))
                },
                order("O2", 3, 0, 3, TimeWindow::new(600.0, 700.0)),
                order("O3", 3, 1, 1, TimeWindow::ALWAYS),
                order("O4", 4, 0, 5, TimeWindow::new(660.0, 720.0)),
                order("O5", 4, 0, 100, TimeWindow::ALWAYS),
            ],
            fleet: vec![
                Vehicle {
                    id: "R1".to_string(),
                    kind: "rider".to_string(),
                    base: 0,
                    capacity: vec![8, 2],
                    shift: TimeWindow::new(540.0, 780.0),
                    speed_kmh: 60.0,
                    max_trips: 2,
                    skills: Vec::new(),
                    breaks: Vec::new(),
                    max_work_min: None,
                    extra: Vec::new(),
                },
                Vehicle {
                    id: "C1".to_string(),
                    kind: "car".to_string(),
                    base: 0,
                    capacity: vec![20, 5],
                    shift: TimeWindow::new(480.0, 900.0),
                    speed_kmh: 60.0,
                    max_trips: 3,
                    skills: Vec::new(),
                    breaks: Vec::new(),
                    max_work_min: None,
                    extra: Vec::new(),
                },
            ],
            travel: TravelModel::Planar(Rounding::Exact),
            network: None,
            supply: Vec::new(),
            solver: Default::default(),
        };
        let stop = |site, arrive, start, depart, orders: &[usize]| PlannedStop {
            site,
            arrive_min: arrive,
            start_min: start,
            depart_min: depart,
            orders: orders.to_vec(),
        };
        let plan = Plan {
            strategy: "manual".to_string(),
            seed: 7,
            routes: vec![PlannedRoute {
                vehicle: 0,
                start_min: 560.0,
                end_min: 668.0,
                transfer_km: 0.0,
                breaks: Vec::new(),
                trips: vec![
                    PlannedTrip {
                        kitchen: 0,
                        arrive_min: 560.0,
                        depart_min: 575.0,
                        return_min: 619.0,
                        distance_km: 20.0,
                        stops: vec![
                            stop(2, 580.0, 600.0, 602.0, &[0]),
                            stop(3, 607.0, 607.0, 609.0, &[1, 2]),
                        ],
                    },
                    PlannedTrip {
                        kitchen: 0,
                        arrive_min: 619.0,
                        depart_min: 624.0,
                        return_min: 668.0,
                        distance_km: 12.0,
                        stops: vec![stop(4, 630.0, 660.0, 662.0, &[3])],
                    },
                ],
            }],
            unassigned: vec![Unassigned {
                order: 4,
                reason: UnassignedReason::NoVehicleCanCarry {
                    item: "meal_box".to_string(),
                    quantity: 100,
                },
            }],
        };
        (scenario, plan)
    }
}

#[cfg(test)]
mod tests {
    use super::test_sample::sample;
    use super::*;
    use crate::plan::check_plan;

    #[test]
    fn sample_plan_is_feasible() {
        let (scenario, plan) = sample();
        let matrix = TravelMatrix::straight_line(&scenario);
        assert_eq!(check_plan(&scenario, &matrix, &plan), Ok(()));
    }

    #[test]
    fn writes_all_files_and_leaves_no_temp_files() {
        let (scenario, plan) = sample();
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out").join("nested");
        let written = write_outputs(&dir, &scenario, &plan).unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["plan.json", "routes.csv", "plan.geojson", "report.html"]
        );
        let mut present: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        present.sort();
        assert_eq!(
            present,
            ["plan.geojson", "plan.json", "report.html", "routes.csv"]
        );

        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("plan.json")).unwrap()).unwrap();
        assert_eq!(json["version"], 1);
        let geo: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("plan.geojson")).unwrap()).unwrap();
        assert_eq!(geo["features"].as_array().unwrap().len(), 8);
        let csv = fs::read_to_string(dir.join("routes.csv")).unwrap();
        assert_eq!(csv.lines().count(), 1 + 3);

        // Writing again replaces the files whole.
        write_outputs(&dir, &scenario, &plan).unwrap();
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 4);
    }

    #[test]
    fn atomic_write_replaces_and_cleans_up_on_failure() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("file.txt");
        write_file_atomic(&path, b"first").unwrap();
        write_file_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);

        // Renaming onto a non-empty directory fails: the old contents stay, no temp file remains.
        let blocked = root.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("inside"), b"x").unwrap();
        assert!(write_file_atomic(&blocked, b"data").is_err());
        let mut names: Vec<String> = fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["blocked", "file.txt"]);
    }

    /// Issue 15, item 5: an `--out` that is an existing file was found only after planning.
    #[test]
    fn output_dir_that_is_a_file_fails_at_prepare() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("out");
        fs::write(&file, b"x").unwrap();
        let e = prepare_output_dir(&file).expect_err("a file");
        assert!(e.to_string().contains("is an existing file"), "{e}");
        let e = prepare_output_dir(&file.join("sub")).expect_err("below a file");
        assert!(e.to_string().contains("is an existing file"), "{e}");
        // A new folder is not created yet; a folder with old outputs loses them (and only
        // them).
        let dir = root.path().join("new");
        prepare_output_dir(&dir).unwrap();
        assert!(!dir.exists());
        fs::create_dir(&dir).unwrap();
        for name in ["plan.json", "routes.csv", "report.html", "notes.txt"] {
            fs::write(dir.join(name), b"old").unwrap();
        }
        prepare_output_dir(&dir).unwrap();
        let names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["notes.txt"]);
    }

    /// Issue 15, item 5: if one output could not be written, the others were already
    /// replaced. Now none of the new set is moved in, and no temporary folder remains.
    #[test]
    fn stale_outputs_are_never_mixed_with_new_ones() {
        let (scenario, plan) = sample();
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("plan.json"), b"old").unwrap();
        // routes.csv cannot be replaced: a non-empty folder is in its place.
        fs::create_dir(dir.join("routes.csv")).unwrap();
        fs::write(dir.join("routes.csv").join("x"), b"x").unwrap();
        assert!(write_outputs(&dir, &scenario, &plan).is_err());
        assert!(
            !dir.join("plan.json").exists(),
            "a new plan.json beside an old set"
        );
        assert!(!dir.join("plan.geojson").exists());
        assert!(!dir.join("report.html").exists());
        assert_eq!(
            fs::read_dir(root.path()).unwrap().count(),
            1,
            "temp folder left"
        );
    }
}
