//! Where a plan came from: the SHA-256 digest of every input file, the tool's version and
//! the time of planning, recorded in `plan.json` so that a plan can be matched with the
//! inputs it was made from (`reliefroute check DIR --plan PLAN.json`).

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::scenario::InputError;
use crate::model::Scenario;

/// The SHA-256 digest of one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputDigest {
    /// The file's path relative to the scenario folder, with `/` separators (`sites.csv`,
    /// `roads/monaco.osm.pbf`).
    pub file: String,
    /// Lower-case hexadecimal SHA-256 of its bytes.
    pub sha256: String,
}

/// What `plan.json` records about how a plan was made (the `provenance` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Provenance {
    /// The tool and its version, such as `reliefroute 0.1.0`.
    pub tool: String,
    /// Every input file, in reading order.
    pub inputs: Vec<InputDigest>,
    /// When the plan was made, RFC 3339 UTC (`2026-12-02T04:05:06Z`); `None` under
    /// `--reproducible`, so the same inputs give a byte-identical `plan.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_at: Option<String>,
}

impl Provenance {
    /// The provenance of a plan of `scenario`, loaded from the folder `dir`: the digests of
    /// its input files ([`input_digests`]), this library's version, and the current time when
    /// `timestamp`.
    ///
    /// # Errors
    ///
    /// An input file cannot be read (see [`input_digests`]).
    pub fn of_folder(
        dir: &Path,
        scenario: &Scenario,
        timestamp: bool,
    ) -> Result<Provenance, InputError> {
        Ok(Provenance {
            tool: format!("reliefroute {}", env!("CARGO_PKG_VERSION")),
            inputs: input_digests(dir, scenario)?,
            planned_at: timestamp.then(now_rfc3339),
        })
    }
}

/// The SHA-256 digests of the input files of the scenario folder `dir`: `sites.csv`,
/// `orders.csv`, `fleet.csv`, then `scenario.toml` and the road network and closures files
/// it names ([`Scenario::network`] of `scenario`, loaded from `dir`), when there are any.
/// Files are read with the same limits as the readers.
///
/// # Errors
///
/// A file cannot be read.
pub fn input_digests(dir: &Path, scenario: &Scenario) -> Result<Vec<InputDigest>, InputError> {
    let mut files: Vec<String> = ["sites.csv", "orders.csv", "fleet.csv"]
        .iter()
        .map(ToString::to_string)
        .collect();
    if dir.join("scenario.toml").exists() {
        files.push("scenario.toml".to_string());
        if let Some(network) = &scenario.network {
            files.extend(
                std::iter::once(&network.file)
                    .chain(&network.closures)
                    .map(|p| relative(dir, p)),
            );
        }
    }
    files
        .into_iter()
        .map(|file| {
            let bytes = crate::travel::input::read_input(&dir.join(&file))
                .map_err(|e| InputError::new(file.clone(), format!("cannot be read: {e}")))?;
            Ok(InputDigest {
                sha256: sha256_hex(&bytes),
                file,
            })
        })
        .collect()
}

/// `path` relative to `dir` with `/` separators (as written in `scenario.toml`).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lower-case hexadecimal SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The current time as RFC 3339 UTC, to the second.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// `secs` after the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (the civil-from-days algorithm of
/// H. Hinnant, for the proleptic Gregorian calendar).
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_862_706), "2027-01-02T04:05:06Z");
    }

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
