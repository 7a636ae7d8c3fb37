//! Validating a scenario folder fully, as `plan` loads it: the CSVs and `scenario.toml`
//! (with the strategy it names), then the road network and closures it names, snapped and
//! turned into the travel matrix. What passes here does not fail `plan` on its inputs.

use std::fmt;
use std::path::Path;

use crate::model::{InputError, Scenario, ScenarioError};
use crate::travel::{NetworkError, TravelMatrix};

use super::scenario::{load_scenario_with_warnings, LoadedScenario};

/// A scenario folder that loads as `plan` loads it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidatedFolder {
    /// The scenario.
    pub scenario: Scenario,
    /// The travel matrix `plan` would use (over roads when `scenario.toml` names a network).
    pub matrix: TravelMatrix,
    /// Warnings of the scenario files, in file and line order.
    pub warnings: Vec<InputError>,
}

impl ValidatedFolder {
    /// Every warning as one sentence each: the scenario files' first, then the road
    /// network's (such as a closure outside the network).
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings
            .iter()
            .map(ToString::to_string)
            .chain(
                self.matrix
                    .road_report()
                    .map_or(&[][..], |r| &r.warnings)
                    .iter()
                    .cloned(),
            )
            .collect()
    }
}

/// Why a folder does not load as `plan` loads it.
#[derive(Debug)]
#[non_exhaustive]
pub enum FolderError {
    /// The CSVs or `scenario.toml`: every problem, with file and line.
    Scenario(ScenarioError),
    /// The road network or closures `scenario.toml` names, or snapping a site to them.
    Network(NetworkError),
}

impl fmt::Display for FolderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FolderError::Scenario(e) => write!(f, "{e}"),
            FolderError::Network(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FolderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FolderError::Scenario(e) => Some(e),
            FolderError::Network(e) => Some(e),
        }
    }
}

impl From<ScenarioError> for FolderError {
    fn from(e: ScenarioError) -> Self {
        FolderError::Scenario(e)
    }
}

impl From<NetworkError> for FolderError {
    fn from(e: NetworkError) -> Self {
        FolderError::Network(e)
    }
}

/// Loads the scenario folder `dir` as `plan` does: the scenario and its settings (see
/// [`load_scenario_with_warnings`]; an unknown strategy in `scenario.toml` is an error with
/// its line), then the travel matrix ([`TravelMatrix::for_scenario`]: the network file,
/// the closures file and the snapping of every site).
///
/// # Errors
///
/// Every problem of the scenario files, else the first problem of the network or closures,
/// each naming the file (and the line where there is one).
pub fn validate_folder(dir: &Path) -> Result<ValidatedFolder, FolderError> {
    let LoadedScenario {
        scenario, warnings, ..
    } = load_scenario_with_warnings(dir)?;
    let matrix = TravelMatrix::for_scenario(&scenario)?;
    Ok(ValidatedFolder {
        scenario,
        matrix,
        warnings,
    })
}
