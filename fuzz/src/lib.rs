//! Shared by the fuzz targets: the readers that take a path get each input as a file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A folder of this process's own, in memory (`/dev/shm`) when there is one, so writing each
/// input costs little.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("reliefroute-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz scratch folder");
        dir
    })
}

/// Writes `bytes` to a file named `name` in the scratch folder and returns its path.
pub fn input_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("write the fuzz input");
    path
}

/// The files of a small valid scenario (`tests/fixtures/valid/minimal`), the base each
/// scenario target replaces one file of.
const MINIMAL: [(&str, &[u8]); 4] = [
    (
        "sites.csv",
        include_bytes!("../../tests/fixtures/valid/minimal/sites.csv"),
    ),
    (
        "orders.csv",
        include_bytes!("../../tests/fixtures/valid/minimal/orders.csv"),
    ),
    (
        "fleet.csv",
        include_bytes!("../../tests/fixtures/valid/minimal/fleet.csv"),
    ),
    (
        "scenario.toml",
        include_bytes!("../../tests/fixtures/valid/minimal/scenario.toml"),
    ),
];

/// Reads the minimal scenario with its file `name` replaced by `bytes`, in memory, as
/// `reliefroute plan` reads a folder.
pub fn scenario_with(name: &str, bytes: &[u8]) {
    let files = MINIMAL.map(|(n, b)| (n, if n == name { bytes } else { b }));
    let _ = reliefroute::parse_scenario("fuzz", &files);
}
